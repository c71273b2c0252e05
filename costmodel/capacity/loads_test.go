package capacity

import (
	"testing"

	"github.com/tiercost/tiercost/components/spec"
)

// LayerLoads is LayerLimits without Sizes and Evidence: the same layers,
// resources, users, uses and loads, in the same order, hence the same
// overloaded layers and move point; below a tier's users and far past
// them (overloaded), with either family.
func TestLayerLoadsAreLimitsWithoutWords(t *testing.T) {
	blank := func(ls []Limit) []Limit {
		out := make([]Limit, len(ls))
		for i, l := range ls {
			l.Sizes, l.Evidence = "", ""
			out[i] = l
		}
		return out
	}
	same := func(a, b []Limit) bool {
		if len(a) != len(b) {
			return false
		}
		for i := range a {
			if a[i] != b[i] {
				return false
			}
		}
		return true
	}
	for _, tier := range spec.Tiers {
		base, err := TierWorkload(tier)
		if err != nil {
			t.Fatal(err)
		}
		for _, scale := range []float64{0.5, 1, 30} {
			for _, o := range []Options{{}, {Family: spec.FamilyX86}} {
				w := ScaleWorkload(base, base.MonthlyActiveUsers*scale)
				r, err := Size(tier, w, o)
				if err != nil {
					t.Fatal(err)
				}
				full, err := LayerLimits(r.Spec, w, o)
				if err != nil {
					t.Fatal(err)
				}
				loads, err := LayerLoads(r.Spec, w, o)
				if err != nil {
					t.Fatal(err)
				}
				for _, l := range append(loads.Current, loads.Ceiling...) {
					if l.Sizes != "" || l.Evidence != "" {
						t.Errorf("%s x%v: %s %s has words: %q, %q", tier, scale, l.Layer, l.Resource, l.Sizes, l.Evidence)
					}
				}
				if len(full.Current) == 0 || !same(blank(full.Current), loads.Current) || !same(blank(full.Ceiling), loads.Ceiling) {
					t.Errorf("%s x%v %+v: loads\n%+v\n%+v\nwant\n%+v\n%+v", tier, scale, o, loads.Current, loads.Ceiling, blank(full.Current), blank(full.Ceiling))
				}
				if len(full.Overloaded()) != len(loads.Overloaded()) || (full.Requirement == nil) != (loads.Requirement == nil) {
					t.Errorf("%s x%v: overloaded %d, want %d", tier, scale, len(loads.Overloaded()), len(full.Overloaded()))
				}
				fm, fok := full.MoveAt()
				lm, lok := loads.MoveAt()
				if fok != lok || fm.Users != lm.Users || fm.Resource != lm.Resource {
					t.Errorf("%s x%v: move at %v %s, want %v %s", tier, scale, lm.Users, lm.Resource, fm.Users, fm.Resource)
				}
			}
		}
	}
}
