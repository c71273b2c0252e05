package tui

import (
	"sort"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
)

// BenchmarkKeystrokeToView measures one what-if keystroke end to end with
// the fake engine: Update with a users key, run the returned command
// synchronously, Update with its result, render View. It reports the 95th
// percentile besides the mean.
func BenchmarkKeystrokeToView(b *testing.B) {
	m, _ := loaded(b, "prod", false, 120, 40)
	m = press(b, m, "3")
	keys := []tea.KeyMsg{keyMsg("u"), keyMsg("U")} // up then down: stays in range
	durs := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		next, cmd := m.Update(keys[i%2])
		m = run(b, next.(Model), cmd)
		_ = m.View()
		durs = append(durs, time.Since(start))
	}
	b.StopTimer()
	sort.Slice(durs, func(i, j int) bool { return durs[i] < durs[j] })
	p95 := durs[(len(durs)*95+99)/100-1]
	b.ReportMetric(float64(p95.Nanoseconds()), "p95-ns")
}
