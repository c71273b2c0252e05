package tui

import (
	"fmt"
	"sort"
	"strings"

	"github.com/charmbracelet/bubbles/cursor"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/textinput"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/shopspring/decimal"
	"github.com/tiercost/tiercost/cmd/tiercost/internal/scenario"
	"github.com/tiercost/tiercost/costmodel/money"
)

// whatifModel is the knob list's cursor and the text input that types a
// knob's value.
type whatifModel struct {
	cursor  int
	editing bool
	input   textinput.Model
	// editErr is the knob parser's refusal of the last value submitted.
	editErr string
}

// editing is true while the what-if's text input has the keys.
func (m Model) editing() bool { return m.tab == tabWhatIf && m.wi.editing }

// update moves the cursor, steps a knob or opens the text input; it
// returns the new scenario and whether it changed.
func (w whatifModel) update(msg tea.KeyMsg, k keyMap, m Model) (whatifModel, Scenario, bool) {
	ks := scenario.Knobs()
	switch {
	case key.Matches(msg, k.Up):
		w.cursor = max(w.cursor-1, 0)
	case key.Matches(msg, k.Down):
		w.cursor = min(w.cursor+1, len(ks)-1)
	case key.Matches(msg, k.Edit):
		w = w.openEdit(ks[w.cursor], m.value(ks[w.cursor].Name))
	case key.Matches(msg, k.UsersUp):
		next := m.stepKnob(ks[0], 1)
		return w, next, next.Key() != m.scen.Key()
	case key.Matches(msg, k.UsersDown):
		next := m.stepKnob(ks[0], -1)
		return w, next, next.Key() != m.scen.Key()
	case key.Matches(msg, k.Inc), key.Matches(msg, k.Dec):
		dir := 1
		if key.Matches(msg, k.Dec) {
			dir = -1
		}
		next := m.stepKnob(ks[w.cursor], dir)
		return w, next, next.Key() != m.scen.Key()
	}
	return w, m.scen, false
}

// openEdit starts the text input on a knob's current value. The cursor
// does not blink, so the view stays still between keys (and in goldens).
func (w whatifModel) openEdit(k scenario.Knob, cur string) whatifModel {
	in := textinput.New()
	in.Prompt = ""
	in.SetValue(cur)
	in.CursorEnd()
	in.SetSuggestions(k.Choices())
	in.ShowSuggestions = len(k.Choices()) > 0
	in.Cursor.SetMode(cursor.CursorStatic)
	in.Focus()
	w.input, w.editing, w.editErr = in, true, ""
	return w
}

// updateEdit handles a key while the text input is open: enter checks the
// value with the knob's own parser (the one --set uses) and applies it, esc
// cancels, anything else edits the text.
func (m Model) updateEdit(msg tea.KeyMsg) (tea.Model, tea.Cmd) {
	k := scenario.Knobs()[m.wi.cursor]
	switch {
	case msg.Type == tea.KeyEsc:
		m.wi.editing, m.wi.editErr = false, ""
		return m, nil
	case key.Matches(msg, m.keys.Submit):
		v, err := k.Parse(strings.TrimSpace(m.wi.input.Value()))
		if err != nil {
			m.wi.editErr = err.Error()
			return m, nil
		}
		m.wi.editing, m.wi.editErr = false, ""
		next := m.setKnob(k, v)
		if next.Key() == m.scen.Key() {
			return m, nil
		}
		return m.change(next)
	}
	// The input's own commands only blink a cursor that is static here.
	m.wi.input, _ = m.wi.input.Update(msg)
	m.wi.editErr = ""
	return m, nil
}

// value is a knob's value in the scenario on screen: the overlay's, else
// the baseline's.
func (m Model) value(name string) string {
	if v, ok := m.scen.Overlay[name]; ok {
		return v
	}
	return m.baseValue(name)
}

// baseValue is a knob's value in the target's own estimate.
func (m Model) baseValue(name string) string {
	if m.baseSnap == nil {
		return ""
	}
	return m.baseSnap.Values[name]
}

// stepKnob moves one knob a step.
func (m Model) stepKnob(k scenario.Knob, dir int) Scenario {
	return m.setKnob(k, k.Step(m.value(k.Name), dir))
}

// setKnob sets one knob to a canonical value; a knob set back to the
// baseline's value leaves the overlay, so an untouched scenario is the
// baseline.
func (m Model) setKnob(k scenario.Knob, v string) Scenario {
	next := m.scen
	next.Overlay = next.Overlay.Clone()
	if v == m.baseValue(k.Name) {
		delete(next.Overlay, k.Name)
	} else {
		next.Overlay[k.Name] = v
	}
	return next
}

// knobPaneW is the knob list's width beside the summary: narrower below
// 100 columns, so the summary keeps 40.
func knobPaneW(width int) int {
	if width < 100 {
		return 38
	}
	return 44
}

// view puts the knob list beside the summary, which takes the rest of the
// width; when that leaves the summary under 30 columns, a short summary
// stands above the list instead.
func (w whatifModel) view(m Model, width, h int) string {
	if m.snap == nil {
		return ""
	}
	lw := knobPaneW(width)
	if width-lw-1 < 30 {
		top := m.whatifHead(width)
		left := w.knobsView(m, width, max(h-len(top)-1, 1))
		return strings.Join(top, "\n") + "\n\n" + left
	}
	ll := strings.Split(w.knobsView(m, lw, h), "\n")
	rl := m.whatifSummary(width-lw-1, h)
	n := min(max(len(ll), len(rl)), h)
	out := make([]string, 0, n)
	for i := 0; i < n; i++ {
		var l, r string
		if i < len(ll) {
			l = ll[i]
		}
		if i < len(rl) {
			r = rl[i]
		}
		out = append(out, pad(l, lw)+" "+r)
	}
	return strings.Join(out, "\n")
}

// knobsView is the knob list in w×h: a window around the cursor when the
// list does not fit, then the open text input's hints and error, or the
// selected knob's help.
func (w whatifModel) knobsView(m Model, width, h int) string {
	ks := scenario.Knobs()
	var below []string
	if w.editing {
		k := ks[w.cursor]
		hint := "enter sets · esc cancels"
		if len(k.Choices()) > 0 {
			hint += " · tab completes"
		}
		below = append(below, m.styles.Muted.Render(hint))
		below = append(below, wrap("allowed: "+k.Allowed(), width)...)
		if w.editErr != "" {
			below = append(below, wrap(m.styles.Error.Render("! ")+w.editErr, width)...)
		}
	} else {
		below = append(below, m.styles.Muted.Render("= or enter types a value"))
		below = append(below, wrap(m.styles.Muted.Render(ks[w.cursor].Label+": "+ks[w.cursor].Help), width)...)
	}
	rows := min(len(ks), max(h-1, 1))
	if h-1-len(ks)-1 < len(below) {
		// No room for the help; the input's lines always show.
		if !w.editing {
			below = nil
		}
		rows = min(len(ks), max(h-1-len(below)-min(len(below), 1), 1))
	}
	first := min(max(w.cursor-rows/2, 0), len(ks)-rows)
	lines := []string{m.styles.Heading.Render("Knob          Value")}
	for i := first; i < first+rows; i++ {
		lines = append(lines, w.knobRow(m, i, width))
	}
	if len(below) > 0 {
		lines = append(append(lines, ""), below...)
	}
	return strings.Join(lines, "\n")
}

// knobRow is one knob: its value, and the baseline's when it differs and
// fits (a value is never cut: "was …" goes first).
func (w whatifModel) knobRow(m Model, i, width int) string {
	k := scenario.Knobs()[i]
	sel := "  "
	if i == w.cursor {
		sel = m.styles.Selected.Render(">") + " "
	}
	head := sel + pad(k.Label, 13) + " "
	if i == w.cursor && w.editing {
		in := w.input
		in.Width = max(width-ansi.StringWidth(head)-1, 1)
		return head + in.View()
	}
	cur, was := k.Display(m.value(k.Name)), k.Display(m.baseValue(k.Name))
	line := head + cur
	if _, changed := m.scen.Overlay[k.Name]; changed && cur != was {
		line = head + m.styles.Changed.Render(cur+" *")
		if full := line + m.styles.Muted.Render(" was "+was); ansi.StringWidth(full) <= width {
			line = full
		}
	}
	return line
}

// whatifHead is the short summary above the knobs on narrow screens.
func (m Model) whatifHead(w int) []string {
	cur, base := m.snap, m.baseSnap
	d := cur.Breakdown.TotalMonthlyCost.Sub(base.Breakdown.TotalMonthlyCost)
	parts := []string{"Total " + m.styles.Money.Render(m.totalText(cur, 16+totalMarksW(cur.Breakdown.Monthly()))),
		deltaLabel + " " + m.deltaText(d, base.Breakdown.TotalMonthlyCost), "Tier " + cur.Tier}
	if n := cur.Next; n != nil {
		parts = append(parts, "Next: "+n.long())
	}
	return packParts(parts, w)
}

// packParts joins parts with " · " into lines of at most w cells, a part
// starting a new line where it does not fit: a label stays with its
// value. A part wider than w is wrapped on lines of its own.
func packParts(parts []string, w int) []string {
	var lines []string
	cur := ""
	for _, p := range parts {
		switch {
		case cur != "" && ansi.StringWidth(cur+" · "+p) <= w:
			cur += " · " + p
		case ansi.StringWidth(p) <= w:
			if cur != "" {
				lines = append(lines, cur)
			}
			cur = p
		default:
			if cur != "" {
				lines = append(lines, cur)
			}
			lines = append(lines, wrap(p, w)...)
			cur = ""
		}
	}
	if cur != "" {
		lines = append(lines, cur)
	}
	return lines
}

// whatifSummary is the total, the delta from the baseline, the next
// action, the sizing and the per-resource deltas, in w×h.
func (m Model) whatifSummary(w, h int) []string {
	cur, base := m.snap, m.baseSnap
	var lines []string
	const labelW = 14 // "Δ vs baseline" and a space
	add := func(label, v string) {
		for i, l := range wrap(v, w-labelW) {
			if i > 0 {
				label = ""
			}
			lines = append(lines, pad(label, labelW)+l)
		}
	}
	add("Total", m.styles.Money.Render(m.totalText(cur, w-labelW)))
	add("Baseline", m.totalText(base, w-labelW))
	d := cur.Breakdown.TotalMonthlyCost.Sub(base.Breakdown.TotalMonthlyCost)
	add(deltaLabel, m.deltaText(d, base.Breakdown.TotalMonthlyCost))
	tier := cur.Tier
	if cur.Tier != base.Tier {
		tier = m.styles.Changed.Render(cur.Tier+" *") + m.styles.Muted.Render(" was "+base.Tier)
	}
	add("Tier", tier)
	fixed, usage := cur.Breakdown.Split()
	add("Fixed", fixed.Cell()+"/mo")
	add("Usage", usage.Cell()+"/mo")
	if n := cur.Next; n != nil {
		add("Next", n.long())
		if n.CostBefore != nil && n.CostAfter != nil {
			before := money.Total{Amount: *n.CostBefore, Unpriced: n.UnpricedBefore}
			after := money.Total{Amount: *n.CostAfter, Unpriced: n.UnpricedAfter}
			add("", "whole architecture "+before.Cell()+" → "+after.Cell()+"/mo")
		}
	}
	// The total's marks in full: items not priced, overload, purchase option.
	for _, mk := range cur.Breakdown.Monthly().Marks() {
		lines = append(lines, wrap(m.styles.NotPriced.Render(mk), w)...)
	}
	deltas := resourceDeltas(base, cur)
	lines = append(lines, m.styles.Heading.Render(deltaLabel+" by resource"))
	if len(deltas) == 0 {
		lines = append(lines, m.styles.Muted.Render("  none"))
	}
	const amountW, noteW = 12, 8
	nameW := min(max(w-2-1-amountW-noteW, 8), 40)
	for i, rd := range deltas {
		if len(lines) >= h-1 && i < len(deltas)-1 {
			lines = append(lines, m.styles.Muted.Render(fmt.Sprintf("  … %d more", len(deltas)-i)))
			break
		}
		lines = append(lines, "  "+pad(rd.name, nameW)+" "+padLeft(m.signedText(rd.delta, amountW), amountW)+m.styles.Muted.Render(rd.note))
	}
	if len(cur.Sizing) > 0 {
		lines = append(lines, m.styles.Heading.Render("Main resources"))
		for _, s := range cur.Sizing {
			for _, l := range wrap(s, w-4) {
				lines = append(lines, "  "+l)
			}
		}
	}
	return lines
}

// signedText is a change fitted to w cells, coloured by its sign.
func (m Model) signedText(d decimal.Decimal, w int) string {
	s := fitSigned(d, w)
	switch {
	case d.Round(2).IsPositive():
		return m.styles.Increase.Render(s)
	case d.Round(2).IsNegative():
		return m.styles.Decrease.Render(s)
	}
	return s
}

// deltaText renders "+$234.56 (+23%)", the sign readable without colour.
func (m Model) deltaText(d, base decimal.Decimal) string {
	s := money.Signed(d)
	if base.IsPositive() && !d.IsZero() {
		s += fmt.Sprintf(" (%+.0f%%)", d.InexactFloat64()/base.InexactFloat64()*100)
	}
	switch {
	case d.IsPositive():
		return m.styles.Increase.Render(s)
	case d.IsNegative():
		return m.styles.Decrease.Render(s)
	}
	return s
}

// resDelta is one resource's monthly change from the baseline.
type resDelta struct {
	name  string
	delta decimal.Decimal
	note  string // " new" or " removed"
}

// resourceDeltas matches resources by URN (or type and name) and lists the
// changed ones, largest change first.
func resourceDeltas(base, cur *Snapshot) []resDelta {
	keyOf := func(urn, typ, name string) string {
		if urn != "" {
			return urn
		}
		return typ + "::" + name
	}
	before := map[string]decimal.Decimal{}
	for _, r := range base.Breakdown.Resources {
		before[keyOf(r.URN, r.Type, r.Name)] = r.MonthlyCost
	}
	seen := map[string]bool{}
	var out []resDelta
	for _, r := range cur.Breakdown.Resources {
		k := keyOf(r.URN, r.Type, r.Name)
		seen[k] = true
		old, ok := before[k]
		rd := resDelta{name: r.Name, delta: r.MonthlyCost.Sub(old)}
		if !ok {
			rd.note = " new"
		}
		if !rd.delta.IsZero() || !ok {
			out = append(out, rd)
		}
	}
	for _, r := range base.Breakdown.Resources {
		if k := keyOf(r.URN, r.Type, r.Name); !seen[k] {
			out = append(out, resDelta{name: r.Name, delta: r.MonthlyCost.Neg(), note: " removed"})
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if c := out[i].delta.Abs().Cmp(out[j].delta.Abs()); c != 0 {
			return c > 0
		}
		return out[i].name < out[j].name
	})
	return out
}
