package tui

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/tiercost/tiercost/cmd/tiercost/internal/glossary"
	"github.com/tiercost/tiercost/cmd/tiercost/internal/scenario"
	"github.com/tiercost/tiercost/costmodel/money"
)

// viewTerms are the words and marks each view shows, spelled as on screen;
// `?` explains each with its glossary.Term, so the TUI says what the CLI,
// the reports and docs/glossary.md say. The what-if view adds its knobs'
// labels (knobLabels). A new label on a view goes here and, if the
// glossary does not know it yet, into glossary.Terms.
var viewTerms = [tabCount][]string{
	tabOverview:  {"Users", "Monthly", money.Per1kUsersLabel, "/1k usr", "Fixed", "Usage", "Δ vs baseline", "baseline"},
	tabBreakdown: {"free", "not priced", "price not found", "Fixed", "Usage", "on-demand", "qty from", "provenance", "≥"},
	tabWhatIf:    {"Baseline", "Δ vs baseline", "Fixed", "Usage", "Next", "Main resources"},
	tabFindings:  {"Right-sizing", "Over-provisioned", "peak utilization", "risk", "Advisor", "findings", "saving not known", "Limit", "architecture"},
	tabBudget:    {"Budget", "Headroom", "Over by", "≥"},
	tabChart:     {"Monthly", "Cost " + money.Per1kUsersLabel, "cost curve", "┊", "tier boundary", "◆", "current", "≥", "lower bound"},
}

// headerTerms are on every view: the header ("dev · tier 1k · what-if ·
// next: at 3.2k users … ≥ $110.00/mo of $150.00 73% OK", "OVERLOADED"
// after an overloaded total, "no budget set") and the status line ("1
// item not priced", or "baseline" when the total has no mark).
var headerTerms = []string{"tier", "what-if", "next", "users", "k", "M", "≥", "/mo", "budget", "OK", "NEAR", "OVER", "OVERLOADED", "not priced", "baseline"}

// knobLabels are the what-if knobs' labels as the knob list shows them.
func knobLabels() []string {
	var out []string
	for _, k := range scenario.Knobs() {
		out = append(out, k.Label)
	}
	return out
}

// spellingsOn is what a view's `?` explains, spelled as on screen: the
// view's own, then the header's.
func spellingsOn(t tab) []string {
	s := append([]string{}, viewTerms[t]...)
	if t == tabWhatIf {
		s = append(s, knobLabels()...)
	}
	return append(s, headerTerms...)
}

// spellingsOnScreen is spellingsOn for the screen as it is: the status
// line names the knobs a what-if changed ("what-if: users, DB replicas")
// on every view.
func (m Model) spellingsOnScreen() []string {
	return append(append(spellingsOn(m.tab), m.changedKnobs()...), m.bandTerms()...)
}

// shownTerm is one term of a view's help: how the view spells it, and the
// glossary's term.
type shownTerm struct {
	spellings []string
	term      glossary.Term
}

// heading is the term as the view shows it: its spellings there.
func (s shownTerm) heading() string { return strings.Join(s.spellings, ", ") }

// termsOn lists the terms of a view's spellings, each once with every
// spelling the view uses, in the order the view names them. A spelling the glossary
// does not know is left out here, and TestEveryViewTermIsInTheGlossary
// fails on it.
func termsOn(spellings []string) []shownTerm {
	var out []shownTerm
	at := map[string]int{}
	for _, sp := range spellings {
		term, ok := glossary.Lookup(sp)
		if !ok {
			continue
		}
		i, seen := at[term.Name]
		if !seen {
			at[term.Name] = len(out)
			out = append(out, shownTerm{term: term})
			i = len(out) - 1
		}
		if !containsFold(out[i].spellings, sp) {
			out[i].spellings = append(out[i].spellings, sp)
		}
	}
	return out
}

func containsFold(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}

// helpView is the full help: the view's keys, then what every term on it
// means, scrolled by helpOffset.
func (m Model) helpView(w, h int) string {
	lines := m.helpLines(w)
	off := min(m.helpOffset, max(len(lines)-h, 0))
	end := min(off+h, len(lines))
	out := lines[off:end]
	if end < len(lines) && len(out) > 0 {
		out[len(out)-1] = m.styles.Muted.Render("↓ more: ↑/↓ scroll · any other key closes")
	}
	return strings.Join(out, "\n")
}

// helpLinesFor is the help of another view, for tests.
func (m Model) helpLinesFor(t tab) []string {
	m.tab = t
	return m.helpLines(m.contentWidth())
}

// helpLines renders the keys and the terms for width w: each term's
// spellings on this view, then the glossary's meaning, beside them when
// the width allows and the heading fits its column, else under it.
func (m Model) helpLines(w int) []string {
	hm := m.help
	hm.ShowAll = true
	hm.Width = w
	lines := []string{m.styles.Heading.Render("Keys")}
	lines = append(lines, strings.Split(hm.View(m.keys.helpFor(m.tab, false)), "\n")...)
	lines = append(lines, "", m.styles.Heading.Render("Terms on this view"))
	const nameW = 18
	for _, t := range termsOn(m.spellingsOnScreen()) {
		name := t.heading()
		if w < 70 || ansi.StringWidth(name) >= nameW {
			lines = append(lines, m.styles.Heading.Render(name))
			for _, l := range wrap(t.term.Meaning, w-2) {
				lines = append(lines, "  "+l)
			}
			continue
		}
		for i, l := range wrap(t.term.Meaning, w-nameW) {
			head := ""
			if i == 0 {
				head = m.styles.Heading.Render(name)
			}
			lines = append(lines, head+rep(" ", nameW-ansi.StringWidth(head))+l)
		}
	}
	return lines
}
