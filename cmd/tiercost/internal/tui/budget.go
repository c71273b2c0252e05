package tui

import (
	"fmt"
	"sort"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/shopspring/decimal"
	"github.com/tiercost/tiercost/costmodel/money"
)

// budgetModel scrolls the budget view's list of cost drivers.
type budgetModel struct {
	offset int
}

func (b budgetModel) update(msg tea.KeyMsg, k keyMap, rows int) budgetModel {
	switch {
	case key.Matches(msg, k.Up):
		b.offset = max(b.offset-1, 0)
	case key.Matches(msg, k.Down):
		b.offset = max(min(b.offset+1, rows-1), 0)
	}
	return b
}

// view shows the bar large, the headroom, and the resources that use most
// of the budget.
func (b budgetModel) view(m Model, width, h int) string {
	if m.snap == nil {
		return ""
	}
	s := m.snap
	total := s.Breakdown.TotalMonthlyCost
	barW := min(max(width-24, 10), 50)
	lines := []string{
		m.styles.Heading.Render("Budget"),
		"  " + m.budgetBar(total, s.Budget, barW),
		"",
		"  Estimate   " + m.totalText(s, width-13),
	}
	if s.Budget != nil {
		head := s.Budget.Sub(total)
		lines = append(lines, "  Budget     "+money.USD(*s.Budget)+"/mo")
		if head.IsNegative() {
			lines = append(lines, "  Over by    "+m.styles.BudgetOver.Render(money.USD(head.Neg())+"/mo"))
		} else {
			at := ""
			if s.Breakdown.Monthly().LowerBound() {
				at = "at most " // what is not priced may use it up
			}
			lines = append(lines, "  Headroom   "+at+fitUSD(head, width-13-len(at)-len("/mo"))+"/mo")
		}
	} else {
		lines = append(lines, "  Budget     "+m.styles.Muted.Render("none set for "+m.target))
	}
	lines = append(lines, "  Levels     OK < 80 % · NEAR 80–100 % · OVER > 100 %")
	// What the estimate leaves out, wrapped, never cut.
	t := s.Breakdown.Monthly()
	var marks []string
	if t.LowerBound() {
		marks = append(marks, "the estimate is a lower bound: "+t.UnpricedText())
	}
	if t.Overloaded != "" {
		marks = append(marks, t.OverloadText())
	}
	for _, mk := range marks {
		for _, l := range wrap(m.styles.NotPriced.Render(mk), width-2) {
			lines = append(lines, "  "+l)
		}
	}
	rs := append([]resDriver(nil), drivers(s)...)
	lines = append(lines, "", m.styles.Heading.Render("Largest costs")+m.styles.Muted.Render(" (resources, share of the total)"))
	for _, r := range rs[min(b.offset, len(rs)):] {
		share := ""
		if total.IsPositive() {
			share = fmt.Sprintf("%3.0f%%", r.cost.InexactFloat64()/total.InexactFloat64()*100)
		}
		lines = append(lines, "  "+pad(r.name, max(width-24, 8))+padLeft(fitUSD(r.cost, 12), 12)+" "+share)
	}
	return strings.Join(lines, "\n")
}

type resDriver struct {
	name string
	cost decimal.Decimal
}

// drivers are the priced resources, most expensive first.
func drivers(s *Snapshot) []resDriver {
	var out []resDriver
	for _, r := range s.Breakdown.Resources {
		if r.MonthlyCost.IsPositive() {
			out = append(out, resDriver{r.Name, r.MonthlyCost})
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if c := out[i].cost.Cmp(out[j].cost); c != 0 {
			return c > 0
		}
		return out[i].name < out[j].name
	})
	return out
}
