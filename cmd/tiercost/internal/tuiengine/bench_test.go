package tuiengine

import (
	"testing"

	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/tiercost/tiercost/cmd/tiercost/internal/engine"
	"github.com/tiercost/tiercost/cmd/tiercost/internal/latency"
	"github.com/tiercost/tiercost/cmd/tiercost/internal/tui"
)

// settle runs a command and every command its messages return, feeding
// the messages to the model, as the bubbletea runtime would.
func settle(tb testing.TB, m tea.Model, cmd tea.Cmd) tea.Model {
	queue := []tea.Cmd{cmd}
	for steps := 0; len(queue) > 0; steps++ {
		if steps > 10_000 {
			tb.Fatal("command loop did not settle")
		}
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		switch msg := c().(type) {
		case nil, spinner.TickMsg, tea.QuitMsg:
		case tea.BatchMsg:
			queue = append(queue, msg...)
		default:
			next, more := m.Update(msg)
			m = next
			queue = append(queue, more)
		}
	}
	return m
}

func keyPress(s string) tea.KeyMsg { return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)} }

// BenchmarkKeystrokeRealEngine measures keystroke to re-priced view with
// the real engine: a users what-if on prod re-sizes with the capacity
// model, re-runs the Pulumi program under mocks, re-prices every resource,
// recomputes the findings and renders the view.
func BenchmarkKeystrokeRealEngine(b *testing.B) {
	m := tea.Model(tui.New(tui.Options{Engine: New(engine.Request{}), Target: "prod", NoColor: true,
		SavePath: b.TempDir() + "/s.yaml", ExportDir: b.TempDir()}))
	next, _ := m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	m = settle(b, next, m.Init())
	next, cmd := m.Update(keyPress("3"))
	m = settle(b, next, cmd)
	keys := []tea.KeyMsg{keyPress("u"), keyPress("U")}
	lat := latency.New(b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		lat.Start()
		next, cmd := m.Update(keys[i%2])
		m = settle(b, next, cmd)
		_ = m.View()
		lat.Stop()
	}
	b.StopTimer()
	lat.Report(b)
}

// BenchmarkCurveWhatIf measures the chart's curve of a what-if never
// priced before (13 estimates and the tier-change bisections): what the
// chart waits for, off the keystroke path, after a region or family
// change.
func BenchmarkCurveWhatIf(b *testing.B) {
	for i := 0; i < b.N; i++ {
		e := New(engine.Request{})
		if _, err := e.Curve(tui.Scenario{Target: "prod", Overlay: map[string]string{"region": "eu-west-1"}}); err != nil {
			b.Fatal(err)
		}
	}
}
