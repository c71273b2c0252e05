package tui

import (
	"fmt"

	"github.com/shopspring/decimal"

	"github.com/tiercost/tiercost/costmodel/actual"
	"github.com/tiercost/tiercost/costmodel/money"
)

// actualComponents is how many components the plan-vs-actual section
// lists; the CLI's `tiercost actual` shows them all.
const actualComponents = 5

// actualSection is the budget view's "last month: plan vs actual" (tiercost
// tui --bill): the totals, then the components with the largest
// differences first, each with its resource of largest difference and its
// causes. Nothing when no bill was given or another target is on screen.
func (m Model) actualSection(width int) []string {
	r := m.opts.Actual
	if r == nil || (m.opts.ActualTarget != "" && m.opts.ActualTarget != m.target) {
		return nil
	}
	lines := []string{"", m.styles.Heading.Render("Last month: plan vs actual · " + r.Period)}
	pct := ""
	if r.Percent != nil {
		sign := ""
		if r.Percent.Round(1).Sign() > 0 {
			sign = "+"
		}
		pct = " (" + sign + r.Percent.Round(1).StringFixed(1) + " %)"
	}
	planned := money.USD(r.Planned)
	if r.PlannedIncomplete {
		planned = "≥" + planned
	}
	for _, l := range wrap(fmt.Sprintf("Planned %s · effective %s · difference %s%s", planned, money.USD(r.MatchedEffective), m.signed(r.Difference.Round(2)), pct), width-2) {
		lines = append(lines, "  "+l)
	}
	nameW := max(width-2-3*12, 8)
	lines = append(lines, "  "+m.styles.Muted.Render(pad("Component", nameW)+padLeft("Planned", 12)+padLeft("Effective", 12)+padLeft("Difference", 12)))
	for i, g := range r.Components {
		if i == actualComponents {
			lines = append(lines, "  "+m.styles.Muted.Render(fmt.Sprintf("… %d more: tiercost actual lists them all", len(r.Components)-i)))
			break
		}
		lines = append(lines, "  "+pad(clipWords(g.Component, nameW-1), nameW)+padLeft(fitUSD(g.Planned, 11), 12)+
			padLeft(fitUSD(g.Effective, 11), 12)+padLeft(m.signed(g.Difference.Round(2)), 12))
		for _, row := range r.Rows {
			if row.Component != g.Component || row.Difference.Round(2).IsZero() {
				continue
			}
			// The rows are largest difference first: the first is the one.
			lines = append(lines, "    "+clipWords(row.Name+" "+money.Signed(row.Difference), width-4))
			for _, c := range row.Causes {
				lines = append(lines, "      "+m.styles.Muted.Render(clipWords(money.Signed(c.Amount)+" "+c.Text, width-6)))
			}
			break
		}
	}
	if !r.UnmatchedBilled.IsZero() {
		lines = append(lines, "  "+clipWords(money.USD(r.UnmatchedBilled)+" of the bill matches nothing in the plan", width-2))
	}
	return lines
}

// signed writes a change with its sign, coloured as an increase or a
// decrease (the sign says it without colour).
func (m Model) signed(d decimal.Decimal) string {
	s := fitSigned(d, 11)
	switch d.Sign() {
	case 1:
		return m.styles.Increase.Render(s)
	case -1:
		return m.styles.Decrease.Render(s)
	}
	return s
}

// actualReport is the bill comparison the budget view shows.
type actualReport = actual.Report
