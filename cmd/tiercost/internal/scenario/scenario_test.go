package scenario

import (
	"strings"
	"testing"

	"github.com/tiercost/tiercost/costmodel/uncertainty"
	"github.com/tiercost/tiercost/environments"
)

// TestAssumptionsMatchKnobs: every rangeable assumption but the forecast's
// growth has its knob, and the knob accepts exactly the assumption's
// bounds, so a sample clamped to them always parses.
func TestAssumptionsMatchKnobs(t *testing.T) {
	for _, a := range uncertainty.Assumptions() {
		if a.Forecast {
			if a.Knob != "" {
				t.Errorf("%s: the forecast's growth has a knob", a.Name)
			}
			continue
		}
		k, err := Lookup(a.Knob)
		if err != nil {
			t.Errorf("%s: %v", a.Name, err)
			continue
		}
		if k.min != a.Min || k.max != a.Max {
			t.Errorf("%s: knob bounds %v..%v, assumption %v..%v", a.Name, k.min, k.max, a.Min, a.Max)
		}
		if a.Knob != "users" && a.Knob != "asg_running" && !strings.Contains(k.Help, "workload."+a.Name) {
			t.Errorf("%s: knob %s does not write workload.%s", a.Name, a.Knob, a.Name)
		}
	}
}

func TestSetRanges(t *testing.T) {
	for _, c := range []struct{ arg, want, err string }{
		{"users=80000..130000", "users=80000..130000", ""},
		{"users=80_000 .. 100000 .. 130000", "users=80000..100000..130000", ""},
		{"read_share=0.8..0.95", "read_share=0.8..0.95", ""},
		{"read_share=Fixed", "read_share=fixed", ""},
		{"family=fixed", "", "ranges apply to the workload assumptions only"},
		{"users=130000..80000", "", "users: 130000..80000: needs p10 (130000) <= p90 (80000)"},
		{"users=80000..", "", `users: "80000.." is not a range; allowed: P10..P90 or P10..P50..P90`},
		{"users=1..2..3..4", "", "is not a range"},
		{"cache_hit_ratio=0.5..1.5", "", "cache_hit_ratio: 1.5 is out of range; allowed: a number from 0 to 1"},
		{"family=x86..graviton", "", `family: "x86..graviton": ranges apply to the workload assumptions only; allowed: a value (graviton, x86), or a range on users,`},
		{"users=80000..120000..100000", "", "needs p10 (80000) <= p50 (120000) <= p90 (100000)"},
		{"avg_response_kb=0..40", "", "a lognormal range needs p10 greater than 0"},
	} {
		o, err := ParseSet([]string{c.arg})
		switch {
		case c.err != "" && (err == nil || !strings.Contains(err.Error(), c.err)):
			t.Errorf("%s: err %v, want %q", c.arg, err, c.err)
		case c.err == "" && err != nil:
			t.Errorf("%s: %v", c.arg, err)
		case c.err == "" && o.String() != c.want:
			t.Errorf("%s: %q, want %q", c.arg, o.String(), c.want)
		}
	}
}

// TestApplyRange: a two-part range is written into the profile's
// workload_ranges and leaves the workload alone; a three-part one sets
// the knob to its P50 too.
func TestApplyRange(t *testing.T) {
	base, err := environments.Load("prod", "")
	if err != nil {
		t.Fatal(err)
	}
	o, err := ParseSet([]string{"read_share=0.8..0.95", "users=80000..90000..130000"})
	if err != nil {
		t.Fatal(err)
	}
	p, err := Apply(base, o)
	if err != nil {
		t.Fatal(err)
	}
	rs := p.WorkloadRanges["read_share"]
	if rs.P10 != 0.8 || rs.P90 != 0.95 || rs.P50 != nil || rs.Source != "--set read_share" {
		t.Errorf("read_share range %+v", rs)
	}
	alone, err := Apply(base, Overlay{"read_share": "0.8..0.95"})
	if err != nil {
		t.Fatal(err)
	}
	if _, set := alone.Workload["read_share"]; set {
		t.Error("a two-part range set the workload")
	}
	if u := p.Workload["monthly_active_users"]; u != float64(90000) {
		t.Errorf("users = %v, want the range's P50 90000", u)
	}
	if base.WorkloadRanges["read_share"].Source != "" {
		t.Error("Apply changed the baseline's ranges")
	}
	fixed, err := Apply(base, Overlay{"users": "fixed"})
	if err != nil || !fixed.WorkloadRanges["monthly_active_users"].Fixed {
		t.Errorf("users=fixed: %+v, %v", fixed.WorkloadRanges, err)
	}
	if err := CheckDeploy(Overlay{"read_share": "0.8..0.95", "users": "fixed"}, "prod"); err != nil {
		t.Errorf("a two-part range changes what is deployed: %v", err)
	}
	if err := CheckDeploy(Overlay{"users": "80000..90000..130000"}, "prod"); err == nil {
		t.Error("a three-part range's P50 is deployed unasked")
	}
}

func FuzzSet(f *testing.F) {
	for _, s := range []string{"users=80000..130000", "users=1..2..3", "read_share=0.8..0.95", "family=x86", "users=..", "x=1..2", "cache_hit_ratio=.5..1e9"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, arg string) {
		o, err := ParseSet([]string{arg})
		if err != nil {
			if strings.Contains(err.Error(), "\n") {
				t.Fatalf("multi-line error %q", err)
			}
			return
		}
		// What was accepted reads back the same and applies.
		again, err := ParseSet(strings.Fields(o.String()))
		if err != nil || again.String() != o.String() {
			t.Fatalf("%q read back as %q, %v", o.String(), again.String(), err)
		}
		p, _ := environments.ForTier("10k")
		if _, err := Apply(p, o); err != nil && strings.Contains(err.Error(), "\n") {
			t.Fatalf("multi-line error %q", err)
		}
	})
}

// String writes the knobs in table order, users first; Parse returns a
// number's canonical text whether or not it was written that way.
func TestOverlayStringAndCanonicalNumbers(t *testing.T) {
	o := Overlay{"read_share": "0.9", "family": "x86", "users": "1000", "not_a_knob": "1"}
	if got, want := o.String(), "users=1000 family=x86 read_share=0.9"; got != want {
		t.Errorf("String = %q, want %q", got, want)
	}
	if got := (Overlay{}).String(); got != "" {
		t.Errorf("empty overlay = %q", got)
	}
	k, err := Lookup("users")
	if err != nil {
		t.Fatal(err)
	}
	for text, want := range map[string]string{"80_000": "80000", "1e3": "1000", "1000": "1000", "1000.0": "1000", "12.50": "12.5", "12.5": "12.5"} {
		if got, err := k.Parse(text); err != nil || got != want {
			t.Errorf("Parse(%q) = %q, %v; want %q", text, got, err, want)
		}
	}
}
