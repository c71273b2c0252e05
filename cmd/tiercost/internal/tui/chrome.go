package tui

import (
	"fmt"
	"math"
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/shopspring/decimal"
	"github.com/tiercost/tiercost/costmodel/money"
)

// budgetLevel is where an estimate sits against its budget.
type budgetLevel int

const (
	budgetNone budgetLevel = iota // no budget set
	budgetOK                      // under 80 %
	budgetNear                    // 80 % to 100 % inclusive
	budgetOver                    // over 100 %
)

func (l budgetLevel) label() string {
	switch l {
	case budgetOK:
		return "OK"
	case budgetNear:
		return "NEAR"
	case budgetOver:
		return "OVER"
	}
	return "no budget"
}

// budgetStatus compares in decimals so 80 % and 100 % are exact edges.
func budgetStatus(total decimal.Decimal, budget *decimal.Decimal) budgetLevel {
	if budget == nil {
		return budgetNone
	}
	switch {
	case total.GreaterThan(*budget):
		return budgetOver
	case total.Mul(decimal.NewFromInt(100)).GreaterThanOrEqual(budget.Mul(decimal.NewFromInt(80))):
		return budgetNear
	}
	return budgetOK
}

// budgetPercent is total/budget in percent for display and bar length; it
// is a ratio, not money, so float is fine here.
func budgetPercent(total decimal.Decimal, budget *decimal.Decimal) (float64, bool) {
	if budget == nil || !budget.IsPositive() {
		return 0, false
	}
	return total.InexactFloat64() / budget.InexactFloat64() * 100, true
}

// budgetBar renders "[████░░░░░░] 42% OK"; the label carries the meaning
// without colour.
func (m Model) budgetBar(total decimal.Decimal, budget *decimal.Decimal, width int) string {
	lvl := budgetStatus(total, budget)
	if lvl == budgetNone {
		return m.styles.Muted.Render("no budget set")
	}
	st := m.styles.BudgetOK
	switch lvl {
	case budgetNear:
		st = m.styles.BudgetNear
	case budgetOver:
		st = m.styles.BudgetOver
	}
	pct, ok := budgetPercent(total, budget)
	pctText := "—"
	fill := width
	if ok {
		pctText = fmt.Sprintf("%.0f%%", pct)
		fill = int(math.Round(pct / 100 * float64(width)))
	}
	fill = min(max(fill, 0), width)
	bar := "[" + st.Render(rep("█", fill)) + rep("░", width-fill) + "]"
	return bar + " " + st.Render(pctText+" "+lvl.label())
}

func (m Model) headerView() string {
	left := m.styles.Title.Render("tiercost") + " · " + m.target
	if m.width >= 100 {
		left += " (" + kindWord(m.isTier) + ")"
	}
	if m.snap != nil {
		left += " · tier " + m.snap.Tier
	}
	if len(m.changedKnobs()) > 0 {
		left += " · " + m.styles.Changed.Render("what-if")
	}
	if m.snap == nil {
		return left
	}
	total := m.snap.Breakdown.TotalMonthlyCost
	marks := m.snap.Breakdown.Monthly()
	right := marks.USD() + "/mo"
	if marks.Overloaded != "" {
		right += " " + m.styles.Error.Render("OVERLOADED")
	}
	if m.evalErr != nil {
		// The what-if could not be priced: this total is the last priced
		// scenario's, and the header must not pass it off as current.
		right = m.styles.Error.Render("not updated") + " " + right
	}
	if m.inFlight {
		right = m.spin.View() + " " + right
	}
	if m.snap.Budget == nil {
		return spread(left, right+" · "+m.budgetBar(total, nil, 0), m.width)
	}
	right += " of " + money.USD(*m.snap.Budget) + " "
	// The bar takes what is left; "[" "]" and " 100% NEAR" need 12 cells.
	barW := min(max(m.width-ansi.StringWidth(left)-ansi.StringWidth(right)-14, 3), 20)
	return spread(left, right+m.budgetBar(total, m.snap.Budget, barW), m.width)
}

func (m Model) tabsView() string {
	parts := make([]string, 0, tabCount)
	for i, name := range tabNames {
		label := fmt.Sprintf("%d %s", i+1, name)
		if tab(i) == m.tab {
			parts = append(parts, m.styles.TabActive.Render("["+label+"]"))
		} else {
			parts = append(parts, m.styles.Tab.Render(" "+label+" "))
		}
	}
	return strings.Join(parts, " ")
}

// statusView shows, most urgent first: the last action's message, a
// running evaluation, the engine's refusal, then the what-if summary.
func (m Model) statusView() string {
	switch {
	case m.status != "" && m.statusErr:
		return m.styles.Error.Render("! " + m.status)
	case m.status != "":
		return m.styles.Status.Render(m.status)
	case m.inFlight:
		return m.spin.View() + " re-pricing…"
	case m.evalErr != nil:
		return m.styles.Error.Render("! not priced: ") + m.evalErr.Error() + m.styles.Muted.Render(" (showing last priced scenario)")
	case m.overviewErr != nil:
		return m.styles.Error.Render("! overview: ") + m.overviewErr.Error()
	}
	// A lower bound or an overload is said here, so the header's "≥" and
	// "OVERLOADED" never stand unexplained.
	var warn []string
	if m.snap != nil {
		t := m.snap.Breakdown.Monthly()
		for _, s := range []string{t.UnpricedText(), t.OverloadText()} {
			if s != "" {
				warn = append(warn, s)
			}
		}
	}
	if c := m.changedKnobs(); len(c) > 0 {
		s := m.styles.Changed.Render("what-if: "+strings.Join(c, ", ")) + m.styles.Muted.Render(" · r resets")
		if len(warn) > 0 {
			s += m.styles.NotPriced.Render(" · ! " + strings.Join(warn, "; "))
		}
		return s
	}
	if len(warn) > 0 {
		return m.styles.NotPriced.Render("! " + m.snap.Breakdown.Monthly().USD() + ": " + strings.Join(warn, "; "))
	}
	return m.styles.Muted.Render("baseline")
}

// fitLines cuts or pads s to exactly h lines of at most w cells, so a view
// can never overflow the terminal, whatever its size.
func fitLines(s string, w, h int) []string {
	if h <= 0 {
		return nil
	}
	lines := strings.Split(s, "\n")
	if len(lines) > h {
		lines = lines[:h]
	}
	for i, l := range lines {
		lines[i] = ansi.Truncate(l, max(w, 0), "")
	}
	for len(lines) < h {
		lines = append(lines, "")
	}
	return lines
}

// spread puts left and right on one line of width w, right-aligned when
// they fit.
func spread(left, right string, w int) string {
	gap := w - ansi.StringWidth(left) - ansi.StringWidth(right)
	if gap < 1 {
		return left + " " + right
	}
	return left + rep(" ", gap) + right
}

// rep is strings.Repeat that tolerates negative counts at tiny sizes.
func rep(s string, n int) string {
	if n <= 0 {
		return ""
	}
	return strings.Repeat(s, n)
}

// pad right-pads (or cuts) s to exactly w cells.
func pad(s string, w int) string {
	if w <= 0 {
		return ""
	}
	s = ansi.Truncate(s, w, "…")
	return s + rep(" ", w-ansi.StringWidth(s))
}

// padLeft right-aligns s in w cells.
func padLeft(s string, w int) string {
	if w <= 0 {
		return ""
	}
	s = ansi.Truncate(s, w, "…")
	return rep(" ", w-ansi.StringWidth(s)) + s
}

// fmtUsers formats a user count the way every output does.
func fmtUsers(u float64) string { return money.Users(u) }
