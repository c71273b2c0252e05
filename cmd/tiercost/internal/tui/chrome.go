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

// budgetBar renders "[████░░░░░░] 42% OK", or "42% OK" alone when width
// is 0; the label carries the meaning without colour.
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
	if width <= 0 {
		return st.Render(pctText + " " + lvl.label())
	}
	fill = min(max(fill, 0), width)
	bar := "[" + st.Render(rep("█", fill)) + rep("░", width-fill) + "]"
	return bar + " " + st.Render(pctText+" "+lvl.label())
}

// totalText is a snapshot's monthly total as the header and the what-if
// summary show it, in at most w cells; the one place a total is rendered,
// so marks beside it (lower bound, overload) plug in here.
func totalText(s *Snapshot, w int) string {
	return fitUSD(s.Breakdown.TotalMonthlyCost, w-len("/mo")) + "/mo"
}

// headerView fits the header into w cells: the target, its tier and the
// total always; then, while they fit and most useful first, the budget,
// when the next action is due, the next action in full, the budget bar,
// "(environment)" and a longer bar.
func (m Model) headerView(w int) string {
	var opt struct{ budget, bar, nextShort, kind, nextLong, title bool }
	next := m.nextAction()
	build := func(barW int) (string, string) {
		var left []string
		if opt.title {
			left = append(left, m.styles.Title.Render("tiercost"))
		}
		t := m.target
		if opt.kind {
			t += " (" + kindWord(m.isTier) + ")"
		}
		left = append(left, t)
		if m.snap != nil {
			left = append(left, "tier "+m.snap.Tier)
		}
		if len(m.changedKnobs()) > 0 {
			left = append(left, m.styles.Changed.Render("what-if"))
		}
		switch {
		case next == nil:
		case opt.nextLong:
			left = append(left, "next: "+next.long())
		case opt.nextShort:
			left = append(left, "next "+next.when())
		}
		l := strings.Join(left, " · ")
		if m.snap == nil {
			return l, ""
		}
		var right []string
		if m.inFlight {
			right = append(right, m.spin.View())
		}
		if m.evalErr != nil {
			// The what-if could not be priced: this total is the last priced
			// scenario's, and the header must not pass it off as current.
			right = append(right, m.styles.Error.Render("not updated"))
		}
		right = append(right, totalText(m.snap, 16))
		if b := m.snap.Budget; b != nil {
			if opt.budget {
				right = append(right, "of "+fitUSD(*b, 14))
			}
			right = append(right, m.budgetBar(m.snap.Breakdown.TotalMonthlyCost, b, barW))
		} else {
			right = append(right, "·", m.budgetBar(m.snap.Breakdown.TotalMonthlyCost, nil, 0))
		}
		return l, strings.Join(right, " ")
	}
	// used is the width of left and right with one space between.
	used := func(barW int) int {
		l, r := build(barW)
		return ansi.StringWidth(l) + 1 + ansi.StringWidth(r)
	}
	render := func(barW int) string {
		l, r := build(barW)
		if r == "" {
			return l
		}
		return spread(l, r, w)
	}
	barW := func() int {
		if opt.bar {
			return minBar
		}
		return 0
	}
	fits := func() bool { return used(barW()) <= w }
	opt.title = true
	if !fits() {
		opt.title = false
		return render(0)
	}
	for _, on := range []*bool{&opt.budget, &opt.nextShort, &opt.nextLong, &opt.bar, &opt.kind} {
		short := opt.nextShort
		*on = true
		if on == &opt.nextLong {
			opt.nextShort = false
		}
		if !fits() {
			*on = false
			opt.nextShort = short
		}
	}
	if !opt.bar || m.snap == nil || m.snap.Budget == nil {
		return render(0)
	}
	// The bar takes what is left, up to 20 cells.
	return render(min(minBar+w-used(minBar), 20))
}

// minBar is the narrowest budget bar worth drawing in the header.
const minBar = 5

func (m Model) tabsView(w int) string {
	render := func(short bool) string {
		parts := make([]string, 0, tabCount)
		for i, name := range tabNames {
			label := fmt.Sprintf("%d %s", i+1, name)
			switch {
			case tab(i) == m.tab:
				parts = append(parts, m.styles.TabActive.Render("["+label+"]"))
			case short:
				parts = append(parts, m.styles.Tab.Render(fmt.Sprint(i+1)))
			default:
				parts = append(parts, m.styles.Tab.Render(" "+label+" "))
			}
		}
		return strings.Join(parts, " ")
	}
	if s := render(false); ansi.StringWidth(s) <= w {
		return s
	}
	return render(true)
}

// statusView shows, most urgent first: the last action's message, a
// running evaluation, the engine's refusal, then the what-if summary. It
// is cut at a word, never inside a number.
func (m Model) statusView(w int) string {
	return clipWords(m.statusText(), w)
}

func (m Model) statusText() string {
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
	if c := m.changedKnobs(); len(c) > 0 {
		return m.styles.Changed.Render("what-if: "+strings.Join(c, ", ")) + m.styles.Muted.Render(" · r resets")
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
