package tui

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"
	"github.com/tiercost/tiercost/costmodel/money"
)

// TestProgramWhatIfFlow runs the real program loop: open the what-ifs,
// raise users four quarter-decades, see the total and the tier change, quit.
func TestProgramWhatIfFlow(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	m := New(Options{Engine: &fakeEngine{}, Deployer: &fakeDeployer{}, Target: "dev", NoColor: true,
		SavePath: filepath.Join(dir, "s.yaml"), ExportDir: dir})
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(100, 30))
	// dev baseline: 1,000 users → $20 + $80 + 1 × $10 = $110.00, tier 1k.
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		return bytes.Contains(b, []byte("$110.00/mo")) && bytes.Contains(b, []byte("tier 1k"))
	}, teatest.WithDuration(5*time.Second))

	tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("3")})
	for range 4 {
		tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("u")})
	}
	// 10,000 users → $100 + 10 × $10 = $200.00, tier 10k.
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		return bytes.Contains(b, []byte("$200.00/mo")) && bytes.Contains(b, []byte("tier 10k"))
	}, teatest.WithDuration(5*time.Second))
	tm.Send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("q")})
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))

	fm := tm.FinalModel(t).(Model)
	if users(fm) != 10_000 || fm.snap.Tier != "10k" || money.USD(fm.snap.Breakdown.TotalMonthlyCost) != "$200.00" {
		t.Errorf("final: users %v tier %s total %s", users(fm), fm.snap.Tier, money.USD(fm.snap.Breakdown.TotalMonthlyCost))
	}
	if v := fm.View(); !strings.Contains(v, "[3 What-ifs]") || !strings.Contains(v, "133% OVER") {
		t.Errorf("final view:\n%s", v)
	}
}
