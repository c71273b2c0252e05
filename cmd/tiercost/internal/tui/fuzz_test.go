package tui

import (
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
)

// FuzzKeysAndSize feeds arbitrary key sequences at arbitrary terminal sizes
// and checks the view never panics and never overflows the terminal.
func FuzzKeysAndSize(f *testing.F) {
	f.Add(20, 5, "3uuu")
	f.Add(1, 1, "2ap\x00")
	f.Add(80, 24, "d")
	f.Add(100, 30, "3\x01\x01\x01\x02\x02\x02\x02\x02\x02\x02\x03\x03\x03\x03\x03\x03")
	f.Add(0, 0, "6c?x")
	f.Add(120, 40, "dyoverride\ndev\n")
	f.Add(7, 3, "\t\t\t\t\t\t")
	f.Fuzz(func(t *testing.T, w, h int, keys string) {
		if w < 0 || h < 0 || w > 400 || h > 200 || len(keys) > 200 {
			t.Skip()
		}
		m, _ := loaded(t, "prod", false, w, h)
		for _, r := range keys {
			k := fuzzKey(r)
			if k.Type == tea.KeyRunes && (k.Runes[0] == 'q') {
				continue // quitting ends the run; nothing left to check
			}
			next, cmd := m.Update(k)
			m = run(t, next.(Model), cmd)
			lines := strings.Split(m.View(), "\n")
			if h > 0 && len(lines) != h {
				t.Fatalf("%dx%d after %q: %d lines", w, h, keys, len(lines))
			}
			for _, l := range lines {
				if ansi.StringWidth(l) > w {
					t.Fatalf("%dx%d after %q: line %q wider than the terminal", w, h, keys, l)
				}
			}
		}
	})
}

// fuzzKey maps control bytes to navigation keys and the rest to runes.
func fuzzKey(r rune) tea.KeyMsg {
	switch r {
	case '\x01':
		return tea.KeyMsg{Type: tea.KeyDown}
	case '\x02':
		return tea.KeyMsg{Type: tea.KeyRight}
	case '\x03':
		return tea.KeyMsg{Type: tea.KeyLeft}
	case '\n':
		return tea.KeyMsg{Type: tea.KeyEnter}
	case '\t':
		return tea.KeyMsg{Type: tea.KeyTab}
	case '\x1b':
		return tea.KeyMsg{Type: tea.KeyEsc}
	case '\x7f':
		return tea.KeyMsg{Type: tea.KeyBackspace}
	case '\x00':
		return tea.KeyMsg{Type: tea.KeyUp}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}}
}
