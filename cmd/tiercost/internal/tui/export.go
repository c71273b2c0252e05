package tui

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/tiercost/tiercost/cmd/tiercost/internal/scenario"
	"github.com/tiercost/tiercost/costmodel/money"
	"github.com/tiercost/tiercost/costmodel/pricing"
)

// snapUsers is the user count a snapshot was priced for.
func snapUsers(s *Snapshot) float64 {
	u, _ := strconv.ParseFloat(s.Values["users"], 64)
	return u
}

// snapshotJSON is the snapshot as indented JSON; decimals stay exact
// strings.
func snapshotJSON(s Snapshot) ([]byte, error) {
	b, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("encode snapshot: %w", err)
	}
	return append(b, '\n'), nil
}

func mdCell(s string) string { return strings.ReplaceAll(s, "|", `\|`) }

// snapshotMarkdown renders the snapshot, and its difference from the
// baseline when one is given, as a Markdown report.
func snapshotMarkdown(s Snapshot, base *Snapshot) []byte {
	var b strings.Builder
	sc := s.Scenario
	fmt.Fprintf(&b, "# tiercost estimate: %s (%s)\n\n", sc.Target, kindWord(sc.IsTier))
	b.WriteString("| | |\n|---|---|\n")
	row := func(k, v string) { fmt.Fprintf(&b, "| %s | %s |\n", mdCell(k), mdCell(v)) }
	row("Tier", s.Tier)
	row("Users", fmtUsers(snapUsers(&s)))
	row("Region", s.Values["region"])
	row("Monthly total", money.USD(s.Breakdown.TotalMonthlyCost))
	row("Fixed / usage-based", money.USD(s.Breakdown.FixedMonthlyCost)+" / "+money.USD(s.Breakdown.UsageMonthlyCost))
	if s.Budget != nil {
		v := money.USD(*s.Budget) + " (" + budgetStatus(s.Breakdown.TotalMonthlyCost, s.Budget).label()
		if p, ok := budgetPercent(s.Breakdown.TotalMonthlyCost, s.Budget); ok {
			v += fmt.Sprintf(", %.0f %%", p)
		}
		row("Budget", v+")")
	} else {
		row("Budget", "none set")
	}
	if base != nil {
		row("Baseline total", money.USD(base.Breakdown.TotalMonthlyCost)+" (change "+
			signedUSD(s.Breakdown.TotalMonthlyCost.Sub(base.Breakdown.TotalMonthlyCost))+")")
	}
	if s.Breakdown.MissingPrices > 0 {
		row("Prices not found", fmt.Sprintf("%d (not in the totals)", s.Breakdown.MissingPrices))
	}

	b.WriteString("\n## Scenario\n\n| Knob | Value | Baseline |\n|---|---|---|\n")
	for _, k := range scenario.Knobs() {
		was := ""
		if base != nil {
			was = k.Display(base.Values[k.Name])
		}
		fmt.Fprintf(&b, "| %s | %s | %s |\n", k.Label, mdCell(k.Display(s.Values[k.Name])), mdCell(was))
	}
	if len(s.Sizing) > 0 {
		b.WriteString("\n## Sizing\n\n")
		for _, l := range s.Sizing {
			fmt.Fprintf(&b, "- %s\n", l)
		}
	}

	b.WriteString("\n## Line items\n\n| Component | Resource | Line item | Quantity | Unit price | Monthly | Quantity from |\n|---|---|---|---|---|---|---|\n")
	var walk func(rs []pricing.ResourceCost)
	walk = func(rs []pricing.ResourceCost) {
		for _, r := range rs {
			if len(r.Components) == 0 {
				fmt.Fprintf(&b, "| %s | %s | (%s) | | | | |\n", mdCell(r.Component), mdCell(r.Name), r.Status)
			}
			for _, c := range r.Components {
				price, cost := "$"+money.Rate(c.Price), money.USD(c.MonthlyCost)
				if !c.PriceFound {
					price, cost = "not found", "not priced"
				}
				fmt.Fprintf(&b, "| %s | %s | %s | %s %s | %s | %s | %s |\n", mdCell(r.Component), mdCell(r.Name), mdCell(c.Name),
					money.Quantity(c.MonthlyQuantity), mdCell(c.Unit), price, cost, mdCell(sourceText(c.QuantitySource)))
			}
			walk(r.Subresources)
		}
	}
	walk(s.Breakdown.Resources)

	if len(s.Findings) > 0 {
		b.WriteString("\n## Findings\n\n")
		for _, f := range s.Findings {
			saving := "saving not known"
			if f.Saving != nil {
				saving = "saves " + money.USD(*f.Saving) + "/mo"
			}
			fmt.Fprintf(&b, "- **%s** (%s, %s): %s", f.Title, f.Kind, saving, f.Detail)
			if f.Source != "" {
				fmt.Fprintf(&b, " Source: %s.", f.Source)
			}
			b.WriteString("\n")
		}
	}
	return []byte(b.String())
}
