package engine

import (
	"strconv"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/tiercost/tiercost/cmd/tiercost/internal/scenario"
	"github.com/tiercost/tiercost/costmodel/capacity"
)

// TestNextActionNIsFirstCountAfter: the next action's N is the first whole
// user count priced after the step. Through the users what-if (the path
// of breakdown --set users=), N-1 users cost the action's "before" with
// the layer at today's sizes, and N users its "after" with the layer at
// the action's target. N by hand (docs/capacity.md; memory buffer = class
// memory x 0.75, need = working set x (1 - cache hit) x 1.2 headroom, or
// the cache's usable memory = node GiB x 1.073741824 x 0.75 against the
// working set x 1.25 overhead x 1.2):
//
//	1k   db.t4g.micro, 1 GiB: 0.1 GB / 1,000 users x 1 / 0.75 x 1.2 =
//	     1.6e-4 GB a user; 1.073741824 / 1.6e-4 = 6,710.89 -> 6,711
//	10k  cache.t4g.small: 12,258.6 (TestLimits10kByHand) -> 12,259
//	100k cache.r6g.large, 13.07 GiB: 10.52535 GB usable; 5 GB / 100,000
//	     x 1.5 = 7.5e-5 a user -> 140,338.06 -> 140,339
//	1m   db.m6g.large, 8 GiB: 50 GB / 1e6 x (1 - 0.9) / 0.75 x 1.2 =
//	     8e-6 a user; 8.589934592 / 8e-6 = 1,073,741.82 -> 1,073,742
func TestNextActionNIsFirstCountAfter(t *testing.T) {
	for _, c := range []struct {
		tier, layer string
		n           float64
	}{
		{"1k", capacity.LayerDatabase, 6_711},
		{"10k", capacity.LayerCache, 12_259},
		{"100k", capacity.LayerCache, 140_339},
		{"1m", capacity.LayerDatabase, 1_073_742},
	} {
		req := Request{Source: Source{Tier: c.tier}}
		withFindings := req
		withFindings.Findings = true
		res, err := Estimate(withFindings)
		if err != nil {
			t.Fatal(err)
		}
		n := res.Next
		if n == nil || n.Kind != capacity.ActionResize || n.Users != c.n || n.Limit.Layer != c.layer || n.CostBefore == nil || n.CostAfter == nil {
			t.Errorf("%s: next action %+v, want a %s resize at %v users with its costs", c.tier, n, c.layer, c.n)
			continue
		}
		from, to, _ := strings.Cut(strings.TrimPrefix(n.Do, c.layer+": "), " -> ")
		for _, at := range []struct {
			users float64
			cost  decimal.Decimal
			sizes string
		}{{c.n - 1, *n.CostBefore, from}, {c.n, *n.CostAfter, to}} {
			o := scenario.Overlay{"users": strconv.FormatFloat(at.users, 'f', -1, 64)}
			got, err := Estimate(Request{Source: req.Source, Overlay: o})
			if err != nil {
				t.Fatal(err)
			}
			if sizes := capacity.LayerSizes(*got.Spec)[c.layer]; sizes != at.sizes || got.Tier != c.tier {
				t.Errorf("%s at %v users: %s %s is %q, want %q", c.tier, at.users, got.Tier, c.layer, sizes, at.sizes)
			}
			if !got.Breakdown.TotalMonthlyCost.Equal(at.cost) {
				t.Errorf("%s at %v users: %s, the next action says %s", c.tier, at.users, got.Breakdown.TotalMonthlyCost, at.cost)
			}
		}
		if !n.CostAfter.GreaterThan(*n.CostBefore) {
			t.Errorf("%s: the step costs nothing: %s -> %s", c.tier, n.CostBefore, n.CostAfter)
		}
	}
}

// TestForecastScaleStepBeforeNextAction: dev (200 users, 1k) growing 50 %
// a month has 200 x 1.5^(m-1) users: month 8 3,417, month 9 5,126,
// month 10 7,689. The app fleet (t4g.small: 2 vCPU x 40 req/s x 0.2
// baseline = 16 req/s, x 0.55 target = 8.8) needs at peak
// users x 0.25 x 150 / 86,400 x 4: 5.93 req/s at 3,417 (1 instance),
// 8.90 at 5,126 (2 instances). So month 9 is a scale step, not the next
// action; the first resize is month 10, the first month at or past the
// next action's 6,711 users (db.t4g.micro -> db.t4g.small).
func TestForecastScaleStepBeforeNextAction(t *testing.T) {
	req := Request{Source: Source{Environment: "dev"}}
	fc, err := capacity.Forecast(Estimator(Estimate).CostFunc(req, nil), 200, 50, 10, decimal.Zero)
	if err != nil {
		t.Fatal(err)
	}
	want := []capacity.Transition{
		{Layer: capacity.LayerCompute, Kind: capacity.StepScale, Month: 9, From: "1 instance x t4g.small", To: "2 instances x t4g.small", Users: 5126},
		{Layer: capacity.LayerDatabase, Kind: capacity.StepResize, Month: 10, From: "db.t4g.micro", To: "db.t4g.small", Users: 7689},
	}
	if len(fc.Transitions) != len(want) {
		t.Fatalf("transitions = %+v, want %+v", fc.Transitions, want)
	}
	for i := range want {
		if fc.Transitions[i] != want[i] {
			t.Errorf("transition %d = %+v, want %+v", i, fc.Transitions[i], want[i])
		}
	}
}
