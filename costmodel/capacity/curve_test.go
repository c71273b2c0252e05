package capacity

import (
	"errors"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/tiercost/tiercost/components/spec"
)

// madeUpTier is a made-up tier rule for these tests: changes below 3,163,
// 31,623 and 316,228 users.
func madeUpTier(users float64) string {
	switch {
	case users < 3_163:
		return "1k"
	case users < 31_623:
		return "10k"
	case users < 316_228:
		return "100k"
	}
	return "1m"
}

// linearCost is a made-up cost: a fixed amount per tier plus $0.001 a user.
func linearCost(users float64) (Point, error) {
	tier := madeUpTier(users)
	base := map[string]string{"1k": "20", "10k": "60", "100k": "600", "1m": "3600"}[tier]
	c := decimal.RequireFromString(base).Add(decimal.NewFromFloat(users).Mul(decimal.RequireFromString("0.001")))
	return Point{Tier: tier, MonthlyCost: c}, nil
}

// TestCurveByHand: 13 points from 1k to 1m are 10^(i/4) x 1,000, rounded:
// 1000, 1778, 3162, 5623, 10000, 17783, 31623, 56234, 100000, 177828,
// 316228, 562341, 1000000. madeUpTier changes tier below 3,163, 31,623
// and 316,228, so changes fall at 5,623, 31,623 and 316,228.
// Costs: 1,000 users = 20 + 1 = $21 ($0.021/user); 5,623 = 60 + 5.623 = $65.623.
func TestCurveByHand(t *testing.T) {
	pts, err := Curve(linearCost, 1000, 1e6, 13)
	if err != nil {
		t.Fatal(err)
	}
	wantUsers := []float64{1000, 1778, 3162, 5623, 10000, 17783, 31623, 56234, 100000, 177828, 316228, 562341, 1000000}
	var changes []float64
	for i, p := range pts {
		if p.Users != wantUsers[i] {
			t.Errorf("point %d: %v users, want %v", i, p.Users, wantUsers[i])
		}
		if p.TierChange {
			changes = append(changes, p.Users)
		}
	}
	if len(changes) != 3 || changes[0] != 5623 || changes[1] != 31623 || changes[2] != 316228 {
		t.Errorf("tier changes at %v, want 5623, 31623, 316228", changes)
	}
	if !pts[0].MonthlyCost.Equal(dec("21")) || !pts[0].CostPerUser.Equal(dec("0.021")) || !pts[3].MonthlyCost.Equal(dec("65.623")) {
		t.Errorf("costs %v (%v/user), %v", pts[0].MonthlyCost, pts[0].CostPerUser, pts[3].MonthlyCost)
	}
	// render_test.go renders these points against the curve_linear goldens.
}

func TestCurveErrors(t *testing.T) {
	failing := func(float64) (Point, error) { return Point{}, errors.New("boom") }
	for _, tc := range []struct {
		f        CostFunc
		from, to float64
		n        int
		want     string
	}{
		{nil, 1, 2, 2, "nil"},
		{linearCost, 0, 2, 2, "from"},
		{linearCost, 10, 10, 2, "to"},
		{linearCost, 1, 10, 1, "points"},
		{failing, 1, 10, 2, "boom"},
	} {
		if _, err := Curve(tc.f, tc.from, tc.to, tc.n); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Curve(%v, %v, %d): err = %v, want %q", tc.from, tc.to, tc.n, err, tc.want)
		}
	}
}

// TestForecastByHand: 8,000 users growing 25 % a month for 12 months:
// 8000, 10000, 12500, 15625, 19531, 24414, 30518, 38147, 47684, 59605,
// 74506, 93132 (rounded). 30,518 is still 10k; 38,147 is 100k: the
// transition falls in month 8. Costs: 68, 70, 72.5, 75.625, 79.531,
// 84.414, 90.518 (sum 540.588), then 600 + 38.147 = 638.147 > the $100
// budget in month 8; 647.684, 659.605, 674.506, 693.132. Total 3,853.662.
func TestForecastByHand(t *testing.T) {
	f, err := Forecast(linearCost, 8000, 25, 12, dec("100"))
	if err != nil {
		t.Fatal(err)
	}
	wantUsers := []float64{8000, 10000, 12500, 15625, 19531, 24414, 30518, 38147, 47684, 59605, 74506, 93132}
	for i, m := range f.Months {
		if m.Users != wantUsers[i] {
			t.Errorf("month %d: %v users, want %v", m.Month, m.Users, wantUsers[i])
		}
	}
	if len(f.Transitions) != 1 || f.Transitions[0] != (Transition{Layer: "tier", Kind: StepMoveTier, Month: 8, From: "10k", To: "100k", Users: 38147}) {
		t.Errorf("transitions = %+v", f.Transitions)
	}
	if f.BudgetCrossedMonth != 8 || !f.Months[6].Cumulative.Equal(dec("540.588")) || !f.Total.Equal(dec("3853.662")) {
		t.Errorf("budget month %d, cumulative m7 %v, total %v", f.BudgetCrossedMonth, f.Months[6].Cumulative, f.Total)
	}
	// render_test.go renders this forecast against the forecast_linear goldens.
}

func TestForecastErrors(t *testing.T) {
	for _, tc := range []struct {
		start, growth float64
		months        int
		want          string
	}{
		{1000, 5, 0, "1 to 120"},
		{1000, 5, 121, "1 to 120"},
		{0, 5, 12, "start users"},
		{1000, 500, 12, "growth"},
	} {
		if _, err := Forecast(linearCost, tc.start, tc.growth, tc.months, decimal.Zero); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Forecast(%v, %v, %d): err = %v, want %q", tc.start, tc.growth, tc.months, err, tc.want)
		}
	}
	f, err := Forecast(linearCost, 1000, 0, 12, decimal.Zero)
	if err != nil || f.BudgetCrossedMonth != 0 || len(f.Transitions) != 0 {
		t.Errorf("flat forecast without budget: %+v, %v", f, err)
	}
}

// TestCapacityCostNeedsPrices: the sized layers' cost says when a price
// is not known rather than pricing it at $0.
func TestCapacityCostNeedsPrices(t *testing.T) {
	if _, err := CapacityCost("1k", 1000, Options{}); err == nil {
		t.Error("CapacityCost without a catalog should say the price is not known")
	}
}

// TestForecastStepKinds: a change of the app fleet's count on the same
// type is a scale step; a database, cache or instance-type change is a
// resize (a type change names the fleet and is not also a scale); a tier
// change is a move and nothing else that month. Users double each month
// (100% growth) from 1,000, and each month's sizes are given by hand.
func TestForecastStepKinds(t *testing.T) {
	type sizes struct{ tier, db, typ, fleet string }
	months := map[float64]sizes{
		1000:  {"1k", "db.t4g.micro", "t4g.small", "1 instance x t4g.small"},
		2000:  {"1k", "db.t4g.micro", "t4g.small", "2 instances x t4g.small"},  // scale
		4000:  {"1k", "db.t4g.small", "t4g.small", "2 instances x t4g.small"},  // resize database
		8000:  {"1k", "db.t4g.small", "t4g.medium", "1 instance x t4g.medium"}, // resize compute
		16000: {"10k", "db.t4g.micro", "t4g.small", "2 instances x t4g.small"}, // move tier
		32000: {"10k", "db.t4g.micro", "t4g.small", "2 instances x t4g.small"}, // none
	}
	f := func(users float64) (Point, error) {
		s, ok := months[users]
		if !ok {
			t.Fatalf("no sizes for %v users", users)
		}
		return Point{Tier: s.tier, MonthlyCost: dec("1"),
			Layers: map[string]string{LayerDatabase: s.db, LayerCompute: s.typ, layerFleet: s.fleet}}, nil
	}
	fc, err := Forecast(f, 1000, 100, 6, decimal.Zero)
	if err != nil {
		t.Fatal(err)
	}
	want := []Transition{
		{Layer: LayerCompute, Kind: StepScale, Month: 2, From: "1 instance x t4g.small", To: "2 instances x t4g.small", Users: 2000},
		{Layer: LayerDatabase, Kind: StepResize, Month: 3, From: "db.t4g.micro", To: "db.t4g.small", Users: 4000},
		{Layer: LayerCompute, Kind: StepResize, Month: 4, From: "2 instances x t4g.small", To: "1 instance x t4g.medium", Users: 8000},
		{Layer: "tier", Kind: StepMoveTier, Month: 5, From: "1k", To: "10k", Users: 16000},
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

// TestLayerSizesFleet: the fleet is the desired count on the type.
func TestLayerSizesFleet(t *testing.T) {
	s, _ := spec.DefaultSpec("1k")
	s.Compute.InstanceType, s.Compute.DesiredCapacity = "t4g.small", 3
	if got := LayerSizes(s)[layerFleet]; got != "3 instances x t4g.small" {
		t.Errorf("fleet = %q", got)
	}
	s.Compute.DesiredCapacity = 1
	if got := LayerSizes(s)[layerFleet]; got != "1 instance x t4g.small" {
		t.Errorf("fleet = %q", got)
	}
}
