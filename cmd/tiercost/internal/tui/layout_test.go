package tui

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

func TestTooSmallScreen(t *testing.T) {
	t.Parallel()
	tests := []struct {
		w, h  int
		small bool
	}{{59, 24, true}, {80, 14, true}, {20, 5, true}, {1, 1, true}, {60, 15, false}, {80, 24, false}}
	for _, tt := range tests {
		m, _ := loaded(t, "dev", false, tt.w, tt.h)
		v := m.View()
		if got := m.tooSmall() && (tt.w < 20 || strings.Contains(v, "Terminal too small")); got != tt.small {
			t.Errorf("%dx%d: too-small screen %v, want %v:\n%s", tt.w, tt.h, got, tt.small, v)
		}
		assertFits(t, m, tt.w, tt.h)
	}
	// q still quits from it.
	m, _ := loaded(t, "dev", false, 40, 10)
	if _, cmd := m.Update(keyMsg("q")); cmd == nil {
		t.Error("q does not quit on the too-small screen")
	}
}

// cutNumber finds what a cut number looks like on a screen: a digit in
// the last column (the content stops one short of it), or an ellipsis
// straight after a money amount or a grouped number.
var cutNumber = regexp.MustCompile(`\$[0-9][0-9,.]*[kMB]?…|[0-9],[0-9]{0,2}…`)

// screenCuts lists the lines of a w-wide screen where a number is cut.
func screenCuts(screen string, w int) []string {
	var out []string
	for i, l := range strings.Split(screen, "\n") {
		plain := ansi.Strip(l)
		r := []rune(plain)
		if ansi.StringWidth(plain) >= w && len(r) > 0 && r[len(r)-1] >= '0' && r[len(r)-1] <= '9' {
			out = append(out, fmt.Sprintf("line %d ends on a digit at the edge: %q", i, plain))
		}
		if cutNumber.MatchString(plain) {
			out = append(out, fmt.Sprintf("line %d cuts a number: %q", i, plain))
		}
	}
	return out
}

// TestNoNumberIsCut walks every view, the what-if's text input and the
// help at the minimum size and larger, on scenarios with small and very
// large amounts, and checks no number is cut and the header's total keeps
// its marks whole: "≥" (every fake total is a lower bound) and, past 10m
// users, "OVERLOADED".
func TestNoNumberIsCut(t *testing.T) {
	t.Parallel()
	walks := [][]string{
		{"1"}, {"2", "a"}, {"2", "a", "p"}, {"3"}, {"3", "="}, {"4"}, {"5"}, {"6"}, {"6", "c"}, {"?"}, {"3", "?"}, {"6", "?"},
	}
	// Overlays: the target as it is, and 1e9 users (a $10,000,100.00 bill
	// with 5 replicas).
	setups := [][]string{nil, append([]string{"3", "=", "ctrl+u", "1", "0", "0", "0", "0", "0", "0", "0", "0", "0", "enter"},
		append(times("down", 6), "=", "ctrl+u", "5", "enter")...)}
	for _, sz := range [][2]int{{60, 15}, {72, 20}, {80, 24}, {100, 30}, {120, 40}, {200, 50}} {
		for _, target := range []string{"dev", "prod", "1m"} {
			for si, setup := range setups {
				for _, walk := range walks {
					m, _ := loaded(t, target, target == "1m", sz[0], sz[1])
					m = press(t, m, setup...)
					m = press(t, m, walk...)
					if cuts := screenCuts(m.View(), sz[0]); len(cuts) > 0 {
						t.Errorf("%dx%d %s setup %d keys %v:\n%s\n%s", sz[0], sz[1], target, si, walk, strings.Join(cuts, "\n"), m.View())
					}
					header := ansi.Strip(strings.SplitN(m.View(), "\n", 2)[0])
					if !regexp.MustCompile(`≥ \$[0-9]`).MatchString(header) || si == 1 && !strings.Contains(header, "OVERLOADED") {
						t.Errorf("%dx%d %s setup %d keys %v: the header's total lost a mark: %q", sz[0], sz[1], target, si, walk, header)
					}
				}
			}
		}
	}
}

func TestScreenCutsFindsCutNumbers(t *testing.T) {
	for _, tc := range []struct {
		screen string
		cut    bool
	}{
		{"usage $3,553", true}, // 12 wide: the number reaches the edge
		{"usage $3,5… ", true},
		{"total $1.2k… ", true},
		{"users 1,00…  ", true},
		{"usage $3,553 ", false},
		{"tc-nat-eip-0…", false}, // a name, not a number
	} {
		if got := len(screenCuts(tc.screen, 12)) > 0 || len(screenCuts(tc.screen, 13)) > 0 && tc.cut; got != tc.cut {
			t.Errorf("%q: cut %v, want %v", tc.screen, got, tc.cut)
		}
	}
}

func TestHelpScrolls(t *testing.T) {
	t.Parallel()
	m, _ := loaded(t, "dev", false, 80, 24)
	m = press(t, m, "3", "?")
	first := m.View()
	if !strings.Contains(first, "↓ more") {
		t.Fatalf("long help does not say there is more:\n%s", first)
	}
	m = press(t, m, times("down", 200)...)
	terms := termsOn(m.spellingsOnScreen())
	last := terms[len(terms)-1].heading()
	if !m.showHelp || strings.Contains(m.View(), "↓ more") || !strings.Contains(m.View(), last) {
		t.Errorf("scrolled to the end, the help should end with the last term:\n%s", m.View())
	}
	m = press(t, m, "x")
	if m.showHelp {
		t.Error("another key did not close the help")
	}
}
