package tui

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/tiercost/tiercost/costmodel/golden"
)

// fakeBandEngine is the fake engine with bands a reader can check by
// hand, from the scenario's total T:
//
//	P10 = T × 0.8, P50 = T × 1.05, P90 = T × 1.4 over 265 samples;
//	the chance of going over the budget is 0.25 when there is one, and
//	the samples leave unpriced what the scenario leaves unpriced;
//	tornado: users T × 0.85 .. T × 1.3, working set T .. T + $12,
//	cache hit T + $5 .. T − $3 (a hit ratio lowers cost as it rises).
type fakeBandEngine struct {
	*fakeEngine
	calls []string // the scenario keys Bands was asked for
}

func (f *fakeBandEngine) Bands(s Scenario) (BandSnapshot, error) {
	snap, err := f.Evaluate(s)
	if err != nil {
		return BandSnapshot{}, err
	}
	f.mu.Lock()
	f.calls = append(f.calls, s.Key())
	f.mu.Unlock()
	t := snap.Breakdown.TotalMonthlyCost
	b := BandSnapshot{P10: t.Mul(d("0.8")), P50: t.Mul(d("1.05")), P90: t.Mul(d("1.4")), Samples: 265, Unpriced: snap.Breakdown.Monthly().Unpriced,
		Tornado: []TornadoRow{
			{Label: "users", Range: "500 .. 1000 .. 2000", Low: t.Mul(d("0.85")), High: t.Mul(d("1.3")), Unpriced: snap.Breakdown.Monthly().Unpriced},
			{Label: "working set GB", Range: "0.05 .. 0.1 .. 0.2", Low: t, High: t.Add(d("12"))},
			{Label: "cache hit", Range: "0.65 .. 0.8 .. 0.88", Low: t.Add(d("5")), High: t.Sub(d("3"))},
		}}
	if snap.Budget != nil {
		b.OverBudget = dp("0.25")
	}
	return b, nil
}

func loadedBands(tb testing.TB, target string, w, h int) (Model, *fakeBandEngine) {
	tb.Helper()
	e := &fakeBandEngine{fakeEngine: &fakeEngine{}}
	m := New(Options{Engine: e, Target: target, NoColor: true, SavePath: filepath.Join(tb.TempDir(), "s.yaml"), ExportDir: tb.TempDir()})
	next, _ := m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	m = run(tb, next.(Model), m.Init())
	if m.loading || m.snap == nil {
		tb.Fatal("model did not load")
	}
	return m, e
}

// TestBandGoldens pins the band line and the tornado at 80×24 and 120×40.
func TestBandGoldens(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name, target string
		keys         []string
	}{
		{"band_overview", "dev", nil},
		{"band_whatif", "dev", []string{"3", "u", "u"}},
		{"tornado", "dev", []string{"b"}},
		{"tornado_prod", "prod", []string{"3", "u", "b"}},
	} {
		for _, sz := range [][2]int{{80, 24}, {120, 40}} {
			name := fmt.Sprintf("view_%s_%dx%d", tt.name, sz[0], sz[1])
			t.Run(name, func(t *testing.T) {
				t.Parallel()
				m, _ := loadedBands(t, tt.target, sz[0], sz[1])
				m = press(t, m, tt.keys...)
				golden.Assert(t, filepath.Join("testdata", name+".golden"), []byte(m.View()+"\n"))
				assertFits(t, m, sz[0], sz[1])
			})
		}
	}
}

// TestBandFollowsEveryWhatIf: the header's band is priced again for each
// scenario on screen: dev is $110 (alb $20 + db $80 + 1,000 users × $10 /
// 1,000), so P50 = 110 × 1.05 = $115.50, P10 = $88.00, P90 = $154.00;
// after u (1,778 users: $20 + $80 + $17.78 = $117.78) P50 = $123.669, shown
// $123.67.
func TestBandFollowsEveryWhatIf(t *testing.T) {
	m, e := loadedBands(t, "dev", 120, 40)
	line := strings.Split(m.View(), "\n")[1]
	// The logs' ingestion has no price: lower bounds, as the total.
	if !strings.Contains(line, "P50 ≥ $115.50 (P10–P90 ≥ $88.00–$154.00)") {
		t.Errorf("band line %q", line)
	}
	m = press(t, m, "3", "u")
	line = strings.Split(m.View(), "\n")[1]
	if !strings.Contains(line, "$123.67") || strings.Contains(line, "updating") {
		t.Errorf("after a what-if the band line is %q", line)
	}
	if n := len(e.calls); n != 2 {
		t.Errorf("Bands was asked %d times, want 2 (baseline, what-if): %v", n, e.calls)
	}
	// Reset goes back to the baseline's scenario: its band is priced again
	// (one at a time, for the scenario on screen).
	m = press(t, m, "r")
	if line = strings.Split(m.View(), "\n")[1]; !strings.Contains(line, "$115.50") {
		t.Errorf("after reset the band line is %q", line)
	}
}

// TestBandStaleWhileRepricing: a band for another scenario is shown as
// updating, never passed off as the current one.
func TestBandStaleWhileRepricing(t *testing.T) {
	m, _ := loadedBands(t, "dev", 120, 40)
	// The what-if's evaluation lands, but its band has not come back yet.
	next, cmd := m.Update(keyMsg("3"))
	m = run(t, next.(Model), cmd)
	next, _ = m.Update(keyMsg("u"))
	m = next.(Model)
	m = run(t, m, evalCmd(m.opts.Engine, m.seq, m.scen))
	if !m.bandCurrent() && !strings.Contains(strings.Split(m.View(), "\n")[1], "updating…") {
		t.Errorf("a stale band is not marked: %q", strings.Split(m.View(), "\n")[1])
	}
}

// TestTornadoKeys: b opens the tornado and b or esc closes it; another key
// closes it and does its own work.
func TestTornadoKeys(t *testing.T) {
	m, _ := loadedBands(t, "dev", 80, 24)
	m = press(t, m, "b")
	if !m.bands.showTornado || !strings.Contains(m.View(), "What matters most") {
		t.Fatal("b did not open the tornado")
	}
	m = press(t, m, "esc")
	if m.bands.showTornado {
		t.Error("esc did not close it")
	}
	m = press(t, m, "b", "2")
	if m.bands.showTornado || m.tab != tabBreakdown {
		t.Errorf("2 left the tornado open (%v) or did not open the breakdown (tab %v)", m.bands.showTornado, m.tab)
	}
	// Without a band engine, b does nothing and there is no band line.
	plain, _ := loaded(t, "dev", false, 80, 24)
	plain = press(t, plain, "b")
	if plain.bands.showTornado || strings.Contains(plain.View(), "P50") {
		t.Error("a plain engine shows bands")
	}
}

// TestBandHelpExplainsItsWords: with bands on screen, ? explains P50,
// P10–P90, samples and the tornado from the glossary.
func TestBandHelpExplainsItsWords(t *testing.T) {
	m, _ := loadedBands(t, "dev", 120, 40)
	help := strings.Join(m.helpLinesFor(tabOverview), "\n")
	for _, want := range []string{"P50, P10–P90", "How wrong an estimate can be", "samples", "Which guess matters most"} {
		if !strings.Contains(help, want) {
			t.Errorf("help lacks %q", want)
		}
	}
}

// TestCollectsOncePerWhatIf: the TUI collects garbage once a what-if's
// estimate and band are both painted, and not between the two, while the
// band is still being priced (gctarget.Interactive leaves collection to
// these pauses).
func TestCollectsOncePerWhatIf(t *testing.T) {
	var n int
	defer func(c func()) { collect = c }(collect)
	collect = func() { n++ }
	m, _ := loadedBands(t, "dev", 120, 40)
	if n == 0 {
		t.Fatal("no collection after the first screen was painted")
	}
	m = press(t, m, "3")
	before := n
	next, cmd := m.Update(keyMsg("u"))
	m = next.(Model)
	// The what-if's estimate lands; its band is still wanted.
	evalNext, more := m.Update(cmd())
	if m = evalNext.(Model); n != before || m.bands.want == "" {
		t.Fatalf("after the estimate alone: %d collections (want %d), band wanted %q", n, before, m.bands.want)
	}
	m = run(t, m, more)
	if n != before+1 {
		t.Errorf("after the what-if and its band: %d collections, want %d", n, before+1)
	}
}
