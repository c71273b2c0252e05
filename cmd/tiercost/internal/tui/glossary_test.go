package tui

import (
	"fmt"
	"sort"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
	"github.com/tiercost/tiercost/cmd/tiercost/internal/glossary"
)

// TestEveryViewTermIsInTheGlossary: every spelling a view lists (its own,
// the header's and, on the what-if view, each knob's label) is a term of
// the glossary package, the one home of the texts, and is listed once.
func TestEveryViewTermIsInTheGlossary(t *testing.T) {
	t.Parallel()
	for tb := tab(0); tb < tabCount; tb++ {
		for _, sp := range spellingsOn(tb) {
			if _, ok := glossary.Lookup(sp); !ok {
				t.Errorf("%s: %q is not in the glossary (add it to glossary.Terms)", tabNames[tb], sp)
			}
		}
	}
	for name, list := range map[string][]string{"the header": headerTerms, "Overview": viewTerms[tabOverview],
		"Breakdown": viewTerms[tabBreakdown], "What-ifs": append(append([]string{}, viewTerms[tabWhatIf]...), knobLabels()...),
		"Findings": viewTerms[tabFindings], "Budget": viewTerms[tabBudget], "Chart": viewTerms[tabChart]} {
		seen := map[string]bool{}
		for _, sp := range list {
			if k := strings.ToLower(sp); seen[k] {
				t.Errorf("%s lists %q twice", name, sp)
			}
			seen[strings.ToLower(sp)] = true
		}
	}
	for _, l := range knobLabels() {
		if _, ok := glossary.Lookup(l); !ok {
			t.Errorf("knob label %q is not in the glossary", l)
		}
	}
}

// TestHelpRendersTheGlossary: `?` shows each term's meaning as the
// glossary package words it (whitespace aside), under the spellings the
// view uses; the TUI has no text of its own.
func TestHelpRendersTheGlossary(t *testing.T) {
	t.Parallel()
	m, _ := loaded(t, "dev", false, 120, 40)
	help := flat(strings.Join(m.helpLinesFor(tabOverview), "\n"))
	for _, tc := range []struct{ heading, term string }{
		{"Δ vs baseline", "Δ"}, {"Monthly, /mo", "/mo"}, {"per 1k users, /1k usr", "cost per 1k users"},
		{"Fixed", "fixed cost"}, {"Usage", "usage-based cost"}, {"k, M", "k, M"}, {"≥", "lower bound"},
		{"budget, OK, NEAR, OVER", "budget"}, {"OVERLOADED", "overload"},
	} {
		term, ok := glossary.Lookup(tc.term)
		if !ok {
			t.Fatalf("no glossary term %q", tc.term)
		}
		if !strings.Contains(help, flat(tc.heading+term.Meaning)) {
			t.Errorf("overview help lacks %q followed by the glossary's meaning of %q:\n%s", tc.heading, tc.term, help)
		}
	}
}

// flat strips colour and white space: wrapping, which may also break a
// line after a hyphen, changes neither.
func flat(s string) string { return strings.Join(strings.Fields(ansi.Strip(s)), "") }

// glossarySpellings is every spelling of every term, longest first, so a
// longer one ("free tier", "Δ vs baseline") is found before the shorter
// one inside it ("free", "Δ").
func glossarySpellings() []string {
	var out []string
	for _, term := range glossary.Terms() {
		out = append(out, term.Spellings()...)
	}
	sort.SliceStable(out, func(i, j int) bool {
		return utf8.RuneCountInString(out[i]) > utf8.RuneCountInString(out[j])
	})
	return out
}

// exactCase is true for a spelling found only in its own case: a short
// one ("OK", "k", "M", "SP"), so "ok" or "1m" are not taken for it.
func exactCase(sp string) bool { return utf8.RuneCountInString(sp) <= 2 }

// notTerms are words that contain a glossary word without being that
// term: a load balancer is not a load.
var notTerms = []string{"load balancer"}

// replaceFold replaces every occurrence of old in s, ignoring case, with
// new of the same length in bytes (old is ASCII here).
func replaceFold(s, old, new string) string {
	low := strings.ToLower(s)
	lo := strings.ToLower(old)
	var b strings.Builder
	for {
		i := strings.Index(low, lo)
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:i])
		b.WriteString(new)
		s, low = s[i+len(old):], low[i+len(old):]
	}
}

// termsOnScreen finds glossary spellings in a screen's text: whole words
// (no letter on either side; a plural "s" allowed), longest first, each
// occurrence used once, after blanking notTerms. It returns the spellings
// found, by term name.
func termsOnScreen(screen string) map[string][]string {
	plain := ansi.Strip(screen)
	for _, w := range notTerms {
		plain = replaceFold(plain, w, strings.Repeat(" ", utf8.RuneCountInString(w)))
	}
	text := []rune(plain)
	found := map[string][]string{}
	isLetter := func(i int) bool { return i >= 0 && i < len(text) && unicode.IsLetter(text[i]) }
	for _, sp := range glossarySpellings() {
		pat := []rune(sp)
		for i := 0; i+len(pat) <= len(text); i++ {
			if !matchAt(text, i, pat, exactCase(sp)) {
				continue
			}
			end := i + len(pat)
			if end < len(text) && text[end] == 's' && !isLetter(end+1) && unicode.IsLetter(pat[len(pat)-1]) {
				end++
			}
			// A letter-bounded spelling must not run into a neighbouring letter.
			if unicode.IsLetter(pat[0]) && isLetter(i-1) || unicode.IsLetter(pat[len(pat)-1]) && isLetter(end) {
				continue
			}
			term, _ := glossary.Lookup(sp)
			if !containsFold(found[term.Name], sp) {
				found[term.Name] = append(found[term.Name], sp)
			}
			for k := i; k < end; k++ {
				text[k] = ' '
			}
		}
	}
	return found
}

func matchAt(text []rune, i int, pat []rune, exact bool) bool {
	for k, r := range pat {
		c := text[i+k]
		if c != r && (exact || unicode.ToLower(c) != unicode.ToLower(r)) {
			return false
		}
	}
	return true
}

func TestTermsOnScreen(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		screen string
		want   []string // term names
	}{
		{"free tier   false", []string{"free tier"}}, // not "free" inside it
		{"Δ vs baseline  +$90.00", []string{"Δ"}},    // one term, the longest spelling
		{"≥ $110.00/mo of $150.00 73% OK", []string{"lower bound", "/mo", "budget"}},
		{"Over-provisioned · ok · 1m", []string{"right-sizing"}}, // not OVER, OK or M
		{"$1,150.00 OVERLOADED", []string{"overload"}},           // not OVER inside it
		{"Tiers", []string{"tier"}},                              // a plural
		{"Tiered storage", nil},                                  // not a word of its own
		{"3.2k users", []string{"k, M", "users"}},
	} {
		got := termsOnScreen(tc.screen)
		var names []string
		for n := range got {
			names = append(names, n)
		}
		sort.Strings(names)
		want := append([]string(nil), tc.want...)
		sort.Strings(want)
		if fmt.Sprint(names) != fmt.Sprint(want) {
			t.Errorf("%q: found %v, want %v", tc.screen, names, want)
		}
	}
}

// fakeDataWords are glossary words that appear on a screen only inside
// the fake engine's data, not in a label of the TUI's: they need no
// explanation on that view.
var fakeDataWords = map[tab]map[string]string{
	tabBreakdown: {"cost per 1k users": `the fake compute line item is named "Compute (per 1k users, x86)"`},
}

// TestHelpExplainsEveryTermOnScreen walks every view in several states
// (each target kind, a what-if, a bill over budget, an overloaded
// architecture at 1e9 users, the breakdown expanded and with provenance,
// the chart's per-user mode) at 80×24 and 120×40. On each screen it finds
// every glossary word or mark, and checks that `?` on that view shows its
// meaning. It also checks the words the issue asked about were on some
// screen (so the walk covers them), and that every word a view lists
// appears on that view in some state (no stale entries).
func TestHelpExplainsEveryTermOnScreen(t *testing.T) {
	t.Parallel()
	huge := append([]string{"3", "=", "ctrl+u", "1", "0", "0", "0", "0", "0", "0", "0", "0", "0", "enter"},
		append(times("down", 6), "=", "ctrl+u", "5", "enter")...)
	states := []struct {
		name, target string
		isTier       bool
		setup        []string
	}{
		{"dev", "dev", false, nil},
		{"prod over budget", "prod", false, nil},
		{"tier 1k, no budget", "1k", true, nil},
		{"dev what-if, near budget", "dev", false, []string{"3", "u", "u"}},
		{"dev what-if, over budget", "dev", false, []string{"3", "u", "u", "u", "u"}},
		{"dev overloaded", "dev", false, huge},
	}
	walks := map[tab][][]string{
		tabOverview:  {{"1"}},
		tabBreakdown: {{"2", "a"}, {"2", "a", "p"}},
		tabWhatIf:    {{"3"}},
		tabFindings:  {{"4"}},
		tabBudget:    {{"5"}},
		tabChart:     {{"6"}, {"6", "c"}},
	}
	seenOn := map[tab]map[string]bool{} // view → spellings (lower case) seen on it
	seenTerm := map[string]bool{}       // term names seen anywhere
	for _, sz := range [][2]int{{80, 24}, {120, 40}} {
		for _, st := range states {
			for tb := tab(0); tb < tabCount; tb++ {
				for _, keys := range walks[tb] {
					m, _ := loaded(t, st.target, st.isTier, sz[0], sz[1])
					m = press(t, m, st.setup...)
					m = press(t, m, keys...)
					if m.tab != tb {
						t.Fatalf("%s keys %v: on %s, want %s", st.name, keys, tabNames[m.tab], tabNames[tb])
					}
					// The tab bar and the key bar are navigation (the Keys part
					// of ? explains the keys): the rest is scanned.
					lines := strings.Split(m.View(), "\n")
					screen := strings.Join(append([]string{lines[0]}, lines[2:len(lines)-1]...), "\n")
					found := termsOnScreen(screen)
					m = press(t, m, "?")
					if !m.showHelp || !strings.Contains(m.View(), "Keys") {
						t.Fatalf("%s %v: ? does not open the help:\n%s", st.name, keys, m.View())
					}
					help := flat(strings.Join(m.helpLines(m.contentWidth()), "\n"))
					for name, sps := range found {
						seenTerm[name] = true
						if seenOn[tb] == nil {
							seenOn[tb] = map[string]bool{}
						}
						for _, sp := range sps {
							seenOn[tb][strings.ToLower(sp)] = true
						}
						if _, data := fakeDataWords[tb][name]; data {
							continue
						}
						term, _ := glossary.Lookup(name)
						if !strings.Contains(help, flat(term.Meaning)) {
							t.Errorf("%dx%d %s, %s %v: the screen shows %q but ? does not explain %q\nscreen:\n%s",
								sz[0], sz[1], st.name, tabNames[tb], keys, sps, name, screen)
						}
					}
				}
			}
		}
	}
	// The words: each was on some screen, so the walk checked it.
	// (The TUI shows no RPS and no p95; were it to, the walk would check
	// them as any other term.)
	for _, sp := range []string{"Fixed", "Usage", "Δ vs baseline", "≥", "OVERLOADED", "per 1k users", "/1k usr", "not priced"} {
		term, _ := glossary.Lookup(sp)
		if !seenTerm[term.Name] {
			t.Errorf("no screen of the walk shows %q: the walk does not cover it", sp)
		}
	}
	// No stale entries: a view lists only what it shows in some state.
	for tb := tab(0); tb < tabCount; tb++ {
		own := viewTerms[tb]
		if tb == tabWhatIf {
			own = append(append([]string{}, own...), knobLabels()...)
		}
		for _, sp := range own {
			if !seenOn[tb][strings.ToLower(sp)] {
				t.Errorf("%s lists %q, which none of its screens shows", tabNames[tb], sp)
			}
		}
	}
	for _, sp := range headerTerms {
		shown := false
		for tb := range seenOn {
			shown = shown || seenOn[tb][strings.ToLower(sp)]
		}
		if !shown {
			t.Errorf("the header's %q is on no screen", sp)
		}
	}
}
