package report

import (
	"fmt"
	"io"
	"math"

	"github.com/shopspring/decimal"
	"github.com/tiercost/tiercost/costmodel/money"
	"github.com/tiercost/tiercost/costmodel/pricing"
)

// Estimate is one priced what-if, as the TUI exports it: a summary, the
// scenario's settings beside the baseline's, the sizing, every line item
// and the findings.
type Estimate struct {
	Target string // the environment or tier, e.g. "dev"
	Kind   string // "environment" or "tier"
	Tier   string // the tier the capacity model chose
	Users  float64
	Region string
	// Breakdown is the priced scenario.
	Breakdown pricing.Breakdown
	// Budget is the monthly budget, nil when none is set; BudgetLevel says
	// how the total stands against it ("OK", "NEAR", "OVER").
	Budget      *decimal.Decimal
	BudgetLevel string
	// BaselineTotal is the baseline's monthly total; nil without a baseline.
	BaselineTotal *decimal.Decimal
	// Settings are the what-if settings, in the order the TUI lists them.
	Settings []Setting
	// Sizing are short lines such as "ASG 2–4 × t4g.medium".
	Sizing   []string
	Findings []EstimateFinding
}

// Setting is one what-if setting and the baseline's value ("" without one).
type Setting struct {
	Name, Value, Baseline string
}

// EstimateFinding is one right-sizing or advisor finding of an estimate.
type EstimateFinding struct {
	Title, Kind, Detail string
	Source              string // "" when it cites nothing
	// Saving is the monthly saving; nil when it is not known.
	Saving *decimal.Decimal
}

// EstimateMarkdown writes an estimate, and its change from the baseline
// when it has one, as Markdown.
func EstimateMarkdown(w io.Writer, e Estimate) error {
	ew := &errWriter{w: w}
	b := e.Breakdown
	ew.printf("# tiercost estimate: %s (%s)\n\n", e.Target, e.Kind)
	ew.printf("| | |\n|---|---|\n")
	row := func(k, v string) { ew.printf("| %s | %s |\n", mdCell(k), mdCell(v)) }
	row("Tier", e.Tier)
	row("Users", users(int64(math.Round(e.Users))))
	row("Region", e.Region)
	row("Monthly total", b.Monthly().String())
	fixed, usage := b.Split()
	row("Fixed / usage-based", fixed.Cell()+" / "+usage.Cell())
	if e.Budget != nil {
		v := money.USD(*e.Budget) + " (" + e.BudgetLevel
		if e.Budget.IsPositive() {
			v += fmt.Sprintf(", %.0f %%", b.TotalMonthlyCost.InexactFloat64()/e.Budget.InexactFloat64()*100)
		}
		row("Budget", v+")")
	} else {
		row("Budget", "none set")
	}
	if e.BaselineTotal != nil {
		row("Baseline total", money.USD(*e.BaselineTotal)+" (change "+money.Signed(b.TotalMonthlyCost.Sub(*e.BaselineTotal))+")")
	}
	if n := b.NotPriced(); n > 0 {
		row("Not priced", fmt.Sprintf("%d (not in the totals, which are lower bounds)", n))
	}

	ew.printf("\n## Scenario\n\n| Knob | Value | Baseline |\n|---|---|---|\n")
	for _, s := range e.Settings {
		ew.printf("| %s | %s | %s |\n", s.Name, mdCell(s.Value), mdCell(s.Baseline))
	}
	if len(e.Sizing) > 0 {
		ew.printf("\n## Sizing\n\n")
		for _, l := range e.Sizing {
			ew.printf("- %s\n", l)
		}
	}

	ew.printf("\n## Line items\n\n| Component | Resource | Line item | Quantity | Unit price | Monthly | Quantity from |\n|---|---|---|---|---|---|---|\n")
	for n := range b.Walk() {
		r := n.Resource
		if len(r.Components) == 0 {
			ew.printf("| %s | %s | (%s) | | | | |\n", mdCell(r.Component), mdCell(r.Name), r.Status)
		}
		for _, c := range r.Components {
			price, cost := "$"+money.Rate(c.Price), money.USD(c.MonthlyCost)
			switch {
			case !c.PriceFound && !c.Unpriced():
				price = "not found"
			case !c.PriceFound:
				price, cost = "not found", "not priced"
			}
			src := quantitySource(c.QuantitySource)
			if c.Assumed != "" {
				src += "; assumed: " + c.Assumed
			}
			if c.OnDemandFallback {
				src += "; " + c.Note
			}
			ew.printf("| %s | %s | %s | %s | %s | %s | %s |\n", mdCell(r.Component), mdCell(r.Name), mdCell(c.Name),
				mdCell(money.Measure(c.MonthlyQuantity, c.Unit)), price, cost, mdCell(src))
		}
	}

	if len(e.Findings) > 0 {
		ew.printf("\n## Findings\n\n")
		for _, f := range e.Findings {
			saving := "saving not known"
			if f.Saving != nil {
				saving = "saves " + money.USD(*f.Saving) + "/mo"
			}
			ew.printf("- **%s** (%s, %s): %s", f.Title, f.Kind, saving, f.Detail)
			if f.Source != "" {
				ew.printf(" Source: %s.", f.Source)
			}
			ew.printf("\n")
		}
	}
	ew.printf("\n## Not modeled\n\n")
	for _, s := range NotModeled() {
		ew.printf("- %s\n", mdCell(s))
	}
	return ew.err
}

// quantitySource names where a quantity came from; "" is "unknown".
func quantitySource(s string) string {
	if s == "" {
		return "unknown"
	}
	return s
}
