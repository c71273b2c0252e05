package tui

import (
	"fmt"
	"path/filepath"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/tiercost/tiercost/costmodel/actual"
	"github.com/tiercost/tiercost/costmodel/golden"
)

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// actualFixture is a plan-vs-bill comparison as tiercost actual makes it
// (figures from testdata/bills/focus-2024-09.csv against
// testdata/stacks/export.json, see cmd/tiercost's TestActualByHand).
func actualFixture() *actual.Report {
	pct := func(s string) *decimal.Decimal { d := dec(s); return &d }
	return &actual.Report{
		Period: "2024-09", Planned: dec("3283.992"), PlannedIncomplete: true, MatchedEffective: dec("3368.761"),
		Difference: dec("84.769"), Percent: pct("2.5813"), UnmatchedBilled: dec("17.488"),
		Components: []actual.Group{
			{Component: "Web (web)", Planned: dec("1571.592"), Effective: dec("1628.107"), Difference: dec("56.515")},
			{Component: "(shared)", Planned: dec("0"), Effective: dec("45"), Difference: dec("45")},
			{Component: "(top level)", Planned: dec("1630.9"), Effective: dec("1592.154"), Difference: dec("-38.746")},
			{Component: "Network (net)", Planned: dec("81.5"), Effective: dec("103.5"), Difference: dec("22")},
		},
		Rows: []actual.Row{
			{Name: "web-debug", Component: "Web (web)", Difference: dec("59.904"), Causes: []actual.Cause{{Kind: actual.CauseNotInPlan, Text: "not in plan: billed, but the plan has no such resource", Amount: dec("59.904")}}},
			{Name: "data transfer (shared)", Component: "(shared)", Difference: dec("45"), Causes: []actual.Cause{{Kind: actual.CauseNotInPlan, Text: "not in plan: billed, but the plan has no such resource", Amount: dec("45")}}},
			{Name: "db-primary", Component: "(top level)", Difference: dec("-26.076"), Causes: []actual.Cause{
				{Kind: actual.CauseMonth, Text: "month length (720 h in 2024-09, 730 planned): 720 hours billed vs 730 planned: Database instance", Amount: dec("-3.18")},
				{Kind: actual.CausePrice, Text: "different price: $0.2862/h billed vs $0.318/h planned (a discount: list price as planned): Database instance", Amount: dec("-22.896")}}},
			{Name: "net-nat", Component: "Network (net)", Difference: dec("22.05"), Causes: []actual.Cause{
				{Kind: actual.CauseUsage, Text: "usage higher than planned: 1,500 GB billed vs 1,000 planned: Data processed", Amount: dec("22.5")},
				{Kind: actual.CauseMonth, Text: "month length (720 h in 2024-09, 730 planned): 720 hours billed vs 730 planned: NAT gateway", Amount: dec("-0.45")}}},
		},
	}
}

// TestBudgetViewPlanVsActual: with a bill (tiercost tui --bill), the
// budget view shows last month's plan against it, components with the
// largest difference first, each with its largest resource and causes;
// another target shows nothing of it.
func TestBudgetViewPlanVsActual(t *testing.T) {
	for _, sz := range [][2]int{{80, 40}, {120, 40}} {
		name := fmt.Sprintf("view_budget_actual_%dx%d", sz[0], sz[1])
		t.Run(name, func(t *testing.T) {
			m, _ := loaded(t, "prod", false, sz[0], sz[1])
			m.opts.Actual, m.opts.ActualTarget = actualFixture(), "prod"
			m = press(t, m, "5")
			golden.Assert(t, filepath.Join("testdata", name+".golden"), []byte(m.View()+"\n"))
		})
	}
	m, _ := loaded(t, "dev", false, 80, 40)
	m.opts.Actual, m.opts.ActualTarget = actualFixture(), "prod"
	if got := m.actualSection(80); got != nil {
		t.Errorf("dev shows prod's bill: %q", got)
	}
}
