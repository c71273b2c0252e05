package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/shopspring/decimal"
	"github.com/tiercost/tiercost/costmodel/money"
)

// BandEngine is an Engine that also samples a scenario's assumptions
// (docs/uncertainty.md). When the TUI's engine is one, the header carries
// a second line, "P50 $X (P10–P90 $Y–$Z)", priced again after every
// what-if, and b opens the tornado. It must be safe for concurrent use.
type BandEngine interface {
	Bands(s Scenario) (BandSnapshot, error)
}

// BandSnapshot is how wrong one scenario's estimate can be.
type BandSnapshot struct {
	P10, P50, P90 decimal.Decimal
	Samples       int
	// OverBudget is the share of samples over the budget, 0 to 1; nil
	// without a budget.
	OverBudget *decimal.Decimal
	// Unpriced is the most items a sample left unpriced: the amounts are
	// then lower bounds.
	Unpriced int
	// Tornado is sorted by swing, largest first.
	Tornado []TornadoRow
}

// TornadoRow is one assumption alone at its P10 and at its P90, the
// others at today's values.
type TornadoRow struct {
	// Label is the assumption's short name; Range its P10 .. P50 .. P90.
	Label, Range string
	Low, High    decimal.Decimal
	// Unpriced is the most items either end leaves out: both are then
	// lower bounds.
	Unpriced int
}

// bandState is the band of the scenario on screen: the last one priced
// (key: its scenario), the one being priced (want), and whether the
// tornado is open.
type bandState struct {
	snap        *BandSnapshot
	key, want   string
	err         error
	showTornado bool
}

type bandsMsg struct {
	key  string
	snap BandSnapshot
	err  error
}

func bandsCmd(e BandEngine, s Scenario) tea.Cmd {
	return func() tea.Msg {
		b, err := e.Bands(s)
		return bandsMsg{key: s.Key(), snap: b, err: err}
	}
}

// bander is the engine's band side; nil when it has none.
func (m Model) bander() BandEngine {
	b, _ := m.opts.Engine.(BandEngine)
	return b
}

// bandTerms are the words the band line and the tornado show, for `?`
// (none when the engine does not sample).
func (m Model) bandTerms() []string {
	if m.bander() == nil {
		return nil
	}
	return []string{"P50", "P10–P90", "samples", "tornado", "at P10", "at P90", "swing"}
}

// bandRows is how many header lines the band takes: one when the engine
// samples, else none.
func (m Model) bandRows() int {
	if m.bander() == nil {
		return 0
	}
	return 1
}

// ensureBands starts pricing the band of the scenario on screen when it
// is not the one priced or being priced; one at a time, the latest
// scenario next (as the chart's curve).
func (m *Model) ensureBands() tea.Cmd {
	b := m.bander()
	if b == nil || m.snap == nil || m.loading || m.bands.want != "" {
		return nil
	}
	key := m.snap.Scenario.Key()
	if m.bands.key == key {
		return nil
	}
	m.bands.want = key
	return bandsCmd(b, m.snap.Scenario)
}

func (m Model) onBands(msg bandsMsg) Model {
	m.bands.want = ""
	m.bands.key, m.bands.err = msg.key, msg.err
	if msg.err == nil {
		s := msg.snap
		m.bands.snap = &s
	}
	return m
}

// bandCurrent reports whether the band shown is the scenario on screen's.
func (m Model) bandCurrent() bool {
	return m.snap != nil && m.bands.snap != nil && m.bands.key == m.snap.Scenario.Key() && m.bands.err == nil
}

func (b BandSnapshot) usd(d decimal.Decimal) string {
	return money.Total{Amount: d, Unpriced: b.Unpriced}.USD()
}

// bandLine is the header's second line in at most w cells:
// "P50 $1,900.39 (P10–P90 $1,507.29–$2,476.13) · 12% over budget · b
// tornado", shortening amounts before it drops the budget and the hint.
func (m Model) bandLine(w int) string {
	st := m.bands
	switch {
	case st.snap == nil && st.err != nil:
		return m.styles.Error.Render("band not priced: ") + oneLine(st.err.Error())
	case st.snap == nil:
		return m.styles.Muted.Render("P50 … (P10–P90 …) sampling the assumptions…")
	}
	b := *st.snap
	// "≥ " before P50 and the range when samples left items unpriced, as
	// the CLI writes it: "P50 ≥ $115.50 (P10–P90 ≥ $88.00–$154.00)".
	ge := ""
	if b.Unpriced > 0 {
		ge = lowerBoundMark
	}
	full := func(f func(decimal.Decimal) string) string {
		return fmt.Sprintf("P50 %s%s (P10–P90 %s%s–%s)", ge, f(b.P50), ge, f(b.P10), f(b.P90))
	}
	short := money.USD
	// Dropped from the end when the line is too narrow.
	var tail []string
	if b.OverBudget != nil {
		tail = append(tail, overText(*b.OverBudget)+" over budget")
	}
	if len(b.Tornado) > 0 {
		tail = append(tail, "b tornado")
	}
	tail = append(tail, fmt.Sprintf("%d samples", b.Samples))
	stale := ""
	if !m.bandCurrent() {
		stale = "updating…"
		if st.err != nil {
			stale = "not updated: " + oneLine(st.err.Error())
		}
	}
	for _, amount := range []func(decimal.Decimal) string{short, func(d decimal.Decimal) string {
		return fitUSD(d, 7)
	}} {
		for n := len(tail); n >= 0; n-- {
			parts := append([]string{full(amount)}, tail[:n]...)
			if stale != "" {
				parts = append(parts, stale)
			}
			line := strings.Join(parts, " · ")
			if ansi.StringWidth(line) <= w {
				if stale != "" {
					return m.styles.Muted.Render(line)
				}
				return line
			}
		}
	}
	return ansi.Truncate(full(func(d decimal.Decimal) string { return fitUSD(d, 7) }), w, "…")
}

// overText is a share as a whole percent, "< 1%" and "> 99%" rather
// than a certainty the samples do not support.
func overText(share decimal.Decimal) string {
	pct := share.Mul(decimal.NewFromInt(100))
	switch {
	case share.IsPositive() && pct.LessThan(decimal.NewFromFloat(0.5)):
		return "< 1%"
	case share.LessThan(decimal.NewFromInt(1)) && pct.GreaterThan(decimal.NewFromFloat(99.5)):
		return "> 99%"
	}
	return pct.Round(0).String() + "%"
}

// oneLine keeps the first line of an error.
func oneLine(s string) string {
	l, _, _ := strings.Cut(s, "\n")
	return l
}

// onTornadoKey handles a key while the tornado is open: b or esc close
// it; any other key closes it too and then does what it always does (a
// tab's number opens the tab, q quits), as the help does.
func (m Model) onTornadoKey(msg tea.KeyMsg) (Model, bool) {
	if !m.bands.showTornado {
		return m, false
	}
	m.bands.showTornado = false
	if key.Matches(msg, m.keys.Tornado) || msg.String() == "esc" {
		return m, true
	}
	return m, false
}

// tornadoView is the tornado in w×h: each assumption's total at its P10
// and at its P90, the others at today's values, largest swing first, with
// a bar from the P10 total to the P90 total around today's.
func (m Model) tornadoView(w, h int) string {
	st := m.bands
	lines := []string{m.styles.Heading.Render("What matters most") + m.styles.Muted.Render(" · b or esc closes")}
	if st.snap == nil {
		return strings.Join(append(lines, m.styles.Muted.Render("sampling the assumptions…")), "\n")
	}
	b := *st.snap
	lines = append(lines, wrap(m.styles.Muted.Render("The total with one assumption at its P10 and at its P90, the others at today's values; largest swing first."), w)...)
	if !m.bandCurrent() {
		lines = append(lines, m.styles.Muted.Render("updating for the scenario on screen…"))
	}
	if len(b.Tornado) == 0 {
		return strings.Join(append(lines, "No assumption is ranged: the band is the estimate."), "\n")
	}
	today := m.snap.Breakdown.TotalMonthlyCost
	lo, hi := today, today
	for _, r := range b.Tornado {
		lo = decimal.Min(lo, decimal.Min(r.Low, r.High))
		hi = decimal.Max(hi, decimal.Max(r.Low, r.High))
	}
	labelW, amountW := 14, 9
	wide := w >= 100
	if wide {
		labelW = 15
	}
	fixed := labelW + 1 + amountW + 1 + amountW + 1 + 8 + 2
	barW := max(w-fixed, 8)
	if wide {
		barW = min(barW, 40)
	}
	pos := func(d decimal.Decimal) int {
		if !hi.GreaterThan(lo) {
			return 0
		}
		return int(d.Sub(lo).Mul(decimal.NewFromInt(int64(barW-1))).DivRound(hi.Sub(lo), 0).IntPart())
	}
	header := pad("assumption", labelW) + " " + padLeft("at P10", amountW) + " " + padLeft("at P90", amountW) + " " + padLeft("swing", 8) + "  " + "P10 ░ today │ ▓ P90"
	lines = append(lines, m.styles.Heading.Render(ansi.Truncate(header, w, "")))
	rows := max(h-len(lines)-1, 1)
	for i, r := range b.Tornado {
		if i >= rows {
			lines = append(lines, m.styles.Muted.Render(fmt.Sprintf("… %d more (tiercost bands lists every one)", len(b.Tornado)-i)))
			break
		}
		bar := []rune(strings.Repeat(" ", barW))
		t, a, c := pos(today), pos(r.Low), pos(r.High)
		fill := func(from, to int, ch rune) {
			if from > to {
				from, to = to, from
			}
			for x := from; x <= to && x < len(bar); x++ {
				bar[x] = ch
			}
		}
		fill(a, t, '░')
		fill(c, t, '▓')
		if t < len(bar) {
			bar[t] = '│'
		}
		label := r.Label
		if ansi.StringWidth(label) > labelW {
			label = ansi.Truncate(label, labelW, "…")
		}
		low, high := money.Total{Amount: r.Low, Unpriced: r.Unpriced}, money.Total{Amount: r.High, Unpriced: r.Unpriced}
		line := pad(label, labelW) + " " + padLeft(fitTotal(low, amountW), amountW) + " " + padLeft(fitTotal(high, amountW), amountW) + " " +
			padLeft(signedShort(r.High.Sub(r.Low)), 8) + "  " + strings.TrimRight(string(bar), " ")
		lines = append(lines, ansi.Truncate(line, w, ""))
	}
	return strings.Join(lines, "\n")
}

// signedShort is a change in at most 8 cells: "+$524", "-$18", "+$1.2k".
func signedShort(d decimal.Decimal) string {
	sign := "+"
	if d.Round(0).Sign() < 0 {
		sign, d = "-", d.Neg()
	} else if d.Round(0).IsZero() {
		sign = ""
	}
	s := money.USDWhole(d)
	if len(s) > 6 {
		s = money.USDShort(d)
	}
	return sign + s
}
