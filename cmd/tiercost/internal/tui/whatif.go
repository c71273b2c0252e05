package tui

import (
	"fmt"
	"sort"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/shopspring/decimal"
	"github.com/tiercost/tiercost/cmd/tiercost/internal/scenario"
	"github.com/tiercost/tiercost/costmodel/money"
)

// whatifModel is the knob list's cursor.
type whatifModel struct {
	cursor int
}

// update moves the cursor or steps a knob; it returns the new scenario and
// whether it changed.
func (w whatifModel) update(msg tea.KeyMsg, k keyMap, m Model) (whatifModel, Scenario, bool) {
	ks := scenario.Knobs()
	switch {
	case key.Matches(msg, k.Up):
		w.cursor = max(w.cursor-1, 0)
	case key.Matches(msg, k.Down):
		w.cursor = min(w.cursor+1, len(ks)-1)
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

// stepKnob moves one knob a step; a knob stepped back to the baseline's
// value leaves the overlay, so an untouched scenario is the baseline.
func (m Model) stepKnob(k scenario.Knob, dir int) Scenario {
	next := m.scen
	next.Overlay = next.Overlay.Clone()
	v := k.Step(m.value(k.Name), dir)
	if v == m.baseValue(k.Name) {
		delete(next.Overlay, k.Name)
	} else {
		next.Overlay[k.Name] = v
	}
	return next
}

func (w whatifModel) view(m Model, width, h int) string {
	if m.snap == nil {
		return ""
	}
	left := w.knobsView(m)
	right := m.whatifSummary()
	if width < 80 {
		return left + "\n\n" + right
	}
	lw := 44
	ll := strings.Split(left, "\n")
	rl := strings.Split(right, "\n")
	n := max(len(ll), len(rl))
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

func (w whatifModel) knobsView(m Model) string {
	var b strings.Builder
	b.WriteString(m.styles.Heading.Render("Knob          Value") + "\n")
	for i, k := range scenario.Knobs() {
		cur, was := k.Display(m.value(k.Name)), k.Display(m.baseValue(k.Name))
		line := pad(k.Label, 13) + " " + cur
		if _, changed := m.scen.Overlay[k.Name]; changed && cur != was {
			line = pad(k.Label, 13) + " " + m.styles.Changed.Render(cur+" *") + m.styles.Muted.Render(" was "+was)
		}
		if i == w.cursor {
			line = m.styles.Selected.Render(">") + " " + line
		} else {
			line = "  " + line
		}
		b.WriteString(line + "\n")
	}
	return strings.TrimRight(b.String(), "\n")
}

// whatifSummary is the total, the delta from the baseline and the
// per-resource deltas.
func (m Model) whatifSummary() string {
	cur, base := m.snap, m.baseSnap
	var lines []string
	add := func(label, v string) { lines = append(lines, pad(label, 10)+v) }
	add("Total", m.styles.Money.Render(cur.Breakdown.Monthly().USD()+"/mo"))
	add("Baseline", base.Breakdown.Monthly().USD()+"/mo")
	d := cur.Breakdown.TotalMonthlyCost.Sub(base.Breakdown.TotalMonthlyCost)
	add("Delta", m.deltaText(d, base.Breakdown.TotalMonthlyCost))
	tier := cur.Tier
	if cur.Tier != base.Tier {
		tier = m.styles.Changed.Render(cur.Tier+" *") + m.styles.Muted.Render(" was "+base.Tier)
	}
	add("Tier", tier)
	add("Fixed", money.USD(cur.Breakdown.FixedMonthlyCost)+" · usage "+money.USD(cur.Breakdown.UsageMonthlyCost))
	for _, s := range cur.Breakdown.Monthly().Marks() {
		lines = append(lines, m.styles.NotPriced.Render(s))
	}
	if len(cur.Sizing) > 0 {
		lines = append(lines, m.styles.Heading.Render("Sizing"))
		for _, s := range cur.Sizing {
			lines = append(lines, "  "+s)
		}
	}
	deltas := resourceDeltas(base, cur)
	lines = append(lines, m.styles.Heading.Render("Change by resource"))
	if len(deltas) == 0 {
		lines = append(lines, m.styles.Muted.Render("  none"))
	}
	for _, rd := range deltas {
		lines = append(lines, "  "+pad(rd.name, 20)+" "+padLeft(m.deltaText(rd.delta, decimal.Zero), 12)+m.styles.Muted.Render(rd.note))
	}
	return strings.Join(lines, "\n")
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
