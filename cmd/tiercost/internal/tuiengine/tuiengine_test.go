package tuiengine

import (
	"testing"

	"github.com/tiercost/tiercost/cmd/tiercost/internal/engine"
	"github.com/tiercost/tiercost/cmd/tiercost/internal/tui"
)

// TestUntouchedScenarioPricesAsTheEnvironment: only knobs that differ from
// the baseline become what-ifs, so the baseline scenario prices exactly as
// `tiercost breakdown --env staging` does.
func TestUntouchedScenarioPricesAsTheEnvironment(t *testing.T) {
	e := New(engine.Request{})
	base, err := e.Baseline("staging", false)
	if err != nil {
		t.Fatal(err)
	}
	snap, err := e.Evaluate(base)
	if err != nil {
		t.Fatal(err)
	}
	direct, err := engine.Estimate(engine.Request{Environment: "staging"})
	if err != nil {
		t.Fatal(err)
	}
	if !snap.Breakdown.TotalMonthlyCost.Equal(direct.Breakdown.TotalMonthlyCost) {
		t.Errorf("baseline scenario %s, environment %s", snap.Breakdown.TotalMonthlyCost, direct.Breakdown.TotalMonthlyCost)
	}
	if snap.Tier != "10k" || snap.Budget == nil || len(snap.Curve) != 13 || len(snap.Sizing) == 0 {
		t.Errorf("tier %q budget %v curve %d sizing %v", snap.Tier, snap.Budget, len(snap.Curve), snap.Sizing)
	}

	// Ten times the users moves staging to the 100k architecture.
	more := base
	more.Users = base.Users * 10
	snap, err = e.Evaluate(more)
	if err != nil {
		t.Fatal(err)
	}
	if snap.Tier != "100k" || !snap.Breakdown.TotalMonthlyCost.GreaterThan(direct.Breakdown.TotalMonthlyCost) {
		t.Errorf("x10 users: tier %q total %s", snap.Tier, snap.Breakdown.TotalMonthlyCost)
	}
}

func TestOverviewHasTiersAndEnvironments(t *testing.T) {
	rows, err := New(engine.Request{}).Overview()
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]int{}
	for _, r := range rows {
		kinds[r.Kind]++
		if !r.Monthly.IsPositive() || !r.Fixed.Add(r.Usage).Equal(r.Monthly) {
			t.Errorf("%s: monthly %s, fixed %s + usage %s", r.Name, r.Monthly, r.Fixed, r.Usage)
		}
	}
	if kinds[tui.KindTier] != 4 || kinds[tui.KindEnv] != 3 {
		t.Errorf("rows by kind = %v, want 4 tiers and 3 environments", kinds)
	}
}
