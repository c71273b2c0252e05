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

// budgetBar renders "[████░░░░░░] 42% OK", "42% OK" alone when width
// is 0, or the level alone ("OK") when it is negative; the label carries
// the meaning without colour.
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
	switch {
	case width < 0:
		return st.Render(lvl.label())
	case width == 0:
		return st.Render(pctText + " " + lvl.label())
	}
	fill = min(max(fill, 0), width)
	bar := "[" + st.Render(rep("█", fill)) + rep("░", width-fill) + "]"
	return bar + " " + st.Render(pctText+" "+lvl.label())
}

// totalText is a snapshot's monthly total as the header, the what-if and
// the budget show it, in at most w cells: the one place a total is
// rendered, with its marks — "≥ " before a lower bound, " OVERLOADED" after
// an overloaded architecture. A mark is never cut or dropped: the amount
// abbreviates to make room for it (fitTotal), so only when even its
// shortest form does not fit is the text wider than w.
func (m Model) totalText(s *Snapshot, w int) string {
	t := s.Breakdown.Monthly()
	over := ""
	if t.Overloaded != "" {
		over = " " + overloadMark
	}
	text := fitTotal(t, w-len("/mo")-len(over)) + "/mo"
	if over != "" {
		text += " " + m.styles.Error.Render(overloadMark)
	}
	return text
}

// overloadMark follows a total whose architecture is past its capacity at
// peak; the status line says which layers.
const overloadMark = "OVERLOADED"

// totalMarksW is the cells totalText's marks take beside the amount and
// "/mo", for a caller that sizes the total's room: "≥ " and " OVERLOADED".
func totalMarksW(t money.Total) int {
	n := 0
	if t.LowerBound() {
		n += ansi.StringWidth(lowerBoundMark)
	}
	if t.Overloaded != "" {
		n += 1 + len(overloadMark)
	}
	return n
}

// headerView fits the header into w cells: the target, its tier and the
// total always; then, while they fit and most useful first, the budget,
// when the next action is due, the next action in full, the budget bar,
// "(environment)" and a longer bar.
func (m Model) headerView(w int) string {
	var opt struct{ budget, bar, nextShort, kind, nextLong, title, dropNoBudget bool }
	next := m.nextAction()
	// The total's room: its marks, "/mo" and "$1,234,567.89" in full.
	totalW := 16
	if m.snap != nil {
		totalW += totalMarksW(m.snap.Breakdown.Monthly())
	}
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
		right = append(right, m.totalText(m.snap, totalW))
		if b := m.snap.Budget; b != nil {
			if opt.budget {
				right = append(right, "of "+fitUSD(*b, 14))
			}
			right = append(right, m.budgetBar(m.snap.Breakdown.TotalMonthlyCost, b, barW))
		} else if !opt.dropNoBudget {
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
		// Without the title it may still be too wide: the amount shortens
		// ("$12,584", "$12.6k"), then "· no budget set" goes, then the
		// budget's percentage (its level stays); the total's marks stay
		// whole.
		floor := totalW - 16 + len("$1.2k/mo")
		for m.snap != nil && totalW > floor && !fits() {
			totalW--
		}
		if !fits() {
			opt.dropNoBudget = true
		}
		if !fits() {
			return render(-1) // the budget's level without its percentage
		}
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
// running evaluation, the engine's refusal, then the what-if summary and
// what the total leaves out. Parts go by priority when they do not fit
// ("r resets", the what-if list, the amount) so what is left out is
// said whole; what is left is cut at a word, never inside a number.
func (m Model) statusView(w int) string {
	if s, ok := m.statusMessage(); ok {
		return clipWords(s, w)
	}
	// A lower bound or an overload is said here, so the header's "≥" and
	// "OVERLOADED" never stand unexplained.
	var t money.Total
	if m.snap != nil {
		t = m.snap.Breakdown.Monthly()
	}
	c := m.changedKnobs()
	if !t.LowerBound() && t.Overloaded == "" {
		if len(c) == 0 {
			return clipWords(m.styles.Muted.Render("baseline"), w)
		}
		return clipWords(m.styles.Changed.Render("what-if: "+strings.Join(c, ", "))+m.styles.Muted.Render(" · r resets"), w)
	}
	// warn fits what is left out in room cells, "! " included.
	warn := func(room int) string { return m.styles.NotPriced.Render("! " + leftOutText(t, room-2)) }
	if len(c) == 0 {
		withTotal := m.styles.NotPriced.Render("! " + t.USD() + ": " + leftOutText(t, 1<<20))
		if ansi.StringWidth(withTotal) <= w {
			return withTotal
		}
		return clipWords(warn(w), w)
	}
	what := m.styles.Changed.Render("what-if: " + strings.Join(c, ", "))
	sep := m.styles.NotPriced.Render(" · ")
	if s := what + m.styles.Muted.Render(" · r resets") + sep + warn(1<<20); ansi.StringWidth(s) <= w {
		return s
	}
	// The what-if list is cut at a word to leave room for what is left out
	// (the header says "what-if" whatever is left of the list).
	full := warn(1 << 20)
	if room := w - ansi.StringWidth(sep+full); room >= len("what-if: …")+4 {
		return clipWords(what, room) + sep + full
	}
	return clipWords(warn(w), w)
}

// leftOutText says what a total leaves out, in at most w cells where it
// can: "13 items not priced; OVERLOADED: database memory 373 %; cache
// memory 140 % at peak", with fewer layers named ("… 373 % +1 more"), then
// their count, then the mark alone as the room shrinks: a layer's load is
// whole or not there.
func leftOutText(t money.Total, w int) string {
	var head []string
	if s := t.UnpricedText(); s != "" {
		head = append(head, s)
	}
	join := func(over string) string {
		parts := head
		if over != "" {
			parts = append(append([]string(nil), head...), over)
		}
		return strings.Join(parts, "; ")
	}
	if t.Overloaded == "" {
		return join("")
	}
	layers := strings.Split(t.Overloaded, "; ")
	forms := []string{t.OverloadText()}
	for k := len(layers) - 1; k >= 1; k-- {
		forms = append(forms, fmt.Sprintf("%s: %s +%d more", overloadMark, strings.Join(layers[:k], "; "), len(layers)-k))
	}
	if len(layers) > 1 {
		forms = append(forms, fmt.Sprintf("%s: %d layers", overloadMark, len(layers)))
	}
	forms = append(forms, overloadMark)
	for _, f := range forms {
		if s := join(f); ansi.StringWidth(s) <= w {
			return s
		}
	}
	return join(overloadMark)
}

// statusMessage is what the status line shows before the what-if and the
// marks: the last action's message, a running evaluation or a refusal.
func (m Model) statusMessage() (string, bool) {
	switch {
	case m.status != "" && m.statusErr:
		return m.styles.Error.Render("! " + m.status), true
	case m.status != "":
		return m.styles.Status.Render(m.status), true
	case m.inFlight:
		return m.spin.View() + " re-pricing…", true
	case m.evalErr != nil:
		return m.styles.Error.Render("! not priced: ") + m.evalErr.Error() + m.styles.Muted.Render(" (showing last priced scenario)"), true
	case m.overviewErr != nil:
		return m.styles.Error.Render("! overview: ") + m.overviewErr.Error(), true
	}
	return "", false
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
