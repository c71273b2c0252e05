package tui

import (
	"fmt"
	"path/filepath"
	"testing"

	"github.com/tiercost/tiercost/costmodel/golden"
)

// TestViewGoldens renders each view at 80×24 and 120×40 in ASCII (no
// colour) and compares it with testdata/view_<name>_<w>x<h>.golden.
func TestViewGoldens(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		target string
		isTier bool
		keys   []string
	}{
		{"overview", "dev", false, nil},
		{"overview_whatif", "dev", false, []string{"3", "u", "u", "1"}},
		{"breakdown", "prod", false, []string{"2", "a"}},
		{"breakdown_provenance", "dev", false, []string{"2", "a", "p"}},
		{"whatif", "dev", false, []string{"3", "u", "u", "u", "u"}},
		{"whatif_error", "dev", false, append(append([]string{"3"}, times("down", 9)...), "left")},
		{"findings", "dev", false, []string{"4"}},
		{"budget_over", "prod", false, []string{"5"}},
		{"budget_tier", "1k", true, []string{"5"}},
		{"chart", "dev", false, []string{"6"}},
		{"chart_peruser", "staging", false, []string{"6", "c"}},
		{"help", "dev", false, []string{"?"}},
		{"help_whatif", "dev", false, []string{"3", "?"}},
		{"whatif_edit", "dev", false, []string{"3", "=", "ctrl+u", "2", "5", "0", "0", "0"}},
		{"whatif_edit_error", "dev", false, []string{"3", "=", "ctrl+u", "l", "o", "t", "s", "enter"}},
		{"whatif_typed", "dev", false, []string{"3", "enter", "ctrl+u", "2", "5", "0", "0", "0", "enter"}},
		// family graviton: the chart's curve is the graviton one ($8 per 1k users).
		{"chart_whatif", "dev", false, append(append([]string{"3"}, times("down", 5)...), "right", "6")},
		{"deploy_confirm", "dev", false, []string{"3", "u", "d"}},
		{"deploy_override", "prod", false, []string{"d", "o", "v"}},
		{"deploy_confirm_up", "dev", false, []string{"d", "y"}},
		{"deploy_done", "dev", false, append([]string{"d", "y", "d", "e", "v"}, "enter")},
	}
	for _, tt := range tests {
		for _, sz := range [][2]int{{80, 24}, {120, 40}} {
			name := fmt.Sprintf("view_%s_%dx%d", tt.name, sz[0], sz[1])
			t.Run(name, func(t *testing.T) {
				t.Parallel()
				m, _ := loaded(t, tt.target, tt.isTier, sz[0], sz[1])
				m = press(t, m, tt.keys...)
				golden.Assert(t, filepath.Join("testdata", name+".golden"), []byte(m.View()+"\n"))
			})
		}
	}
}

// TestTinyViewGolden pins the 20×5 rendering: the too-small screen, cut,
// never out of range.
func TestTinyViewGolden(t *testing.T) {
	t.Parallel()
	m, _ := loaded(t, "dev", false, 20, 5)
	m = press(t, m, "3", "u")
	golden.Assert(t, filepath.Join("testdata", "view_whatif_20x5.golden"), []byte(m.View()+"\n"))
}

// TestMinimumSizeGoldens pins every view at the minimum size, 60×15,
// where columns drop and the what-if's summary moves above the knobs.
func TestMinimumSizeGoldens(t *testing.T) {
	t.Parallel()
	for i, name := range []string{"overview", "breakdown", "whatif", "findings", "budget", "chart"} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			m, _ := loaded(t, "prod", false, 60, 15)
			m = press(t, m, fmt.Sprint(i+1), "u")
			golden.Assert(t, filepath.Join("testdata", "view_"+name+"_60x15.golden"), []byte(m.View()+"\n"))
		})
	}
}
