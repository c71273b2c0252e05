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

// TestTinyViewGolden pins the 20×5 rendering: cut, never out of range.
func TestTinyViewGolden(t *testing.T) {
	t.Parallel()
	m, _ := loaded(t, "dev", false, 20, 5)
	m = press(t, m, "3", "u")
	golden.Assert(t, filepath.Join("testdata", "view_whatif_20x5.golden"), []byte(m.View()+"\n"))
}
