package tui

import (
	"os"
	"path/filepath"

	tea "github.com/charmbracelet/bubbletea"
)

// loadedMsg carries a target's baseline, priced.
type loadedMsg struct {
	seq  int
	snap Snapshot
	err  error
}

// evalMsg carries one what-if evaluation; seq identifies the scenario.
type evalMsg struct {
	seq  int
	snap Snapshot
	err  error
}

// curveMsg carries the curve priced for a scenario key.
type curveMsg struct {
	key   string
	curve Curve
	err   error
}

func curveCmd(e Engine, s Scenario) tea.Cmd {
	return func() tea.Msg {
		c, err := e.Curve(s)
		return curveMsg{key: s.Key(), curve: c, err: err}
	}
}

type overviewMsg struct {
	rows []OverviewRow
	err  error
}

// writtenMsg reports a save or an export.
type writtenMsg struct {
	what, path string
	err        error
}

func loadCmd(e Engine, seq int, target string, isTier bool) tea.Cmd {
	return func() tea.Msg {
		snap, err := e.Evaluate(Scenario{Target: target, IsTier: isTier})
		return loadedMsg{seq: seq, snap: snap, err: err}
	}
}

func evalCmd(e Engine, seq int, s Scenario) tea.Cmd {
	return func() tea.Msg {
		snap, err := e.Evaluate(s)
		return evalMsg{seq: seq, snap: snap, err: err}
	}
}

func overviewCmd(e Engine) tea.Cmd {
	return func() tea.Msg {
		rows, err := e.Overview()
		return overviewMsg{rows: rows, err: err}
	}
}

// writeCmd writes rendered bytes; rendering stays in Update, the write
// happens here.
func writeCmd(what, path string, data []byte) tea.Cmd {
	return func() tea.Msg {
		if dir := filepath.Dir(path); dir != "." {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return writtenMsg{what: what, path: path, err: err}
			}
		}
		err := os.WriteFile(path, data, 0o644)
		return writtenMsg{what: what, path: path, err: err}
	}
}

// save renders the scenario through the engine (the same profile the
// screen priced) and writes it.
func (m Model) save() (tea.Model, tea.Cmd) {
	e, s, path := m.opts.Engine, m.scen, m.opts.SavePath
	return m, func() tea.Msg {
		data, err := e.Save(s)
		if err != nil {
			return writtenMsg{what: "scenario", path: path, err: err}
		}
		return writeCmd("scenario", path, data)()
	}
}

func (m Model) export(asJSON bool) (tea.Model, tea.Cmd) {
	if m.snap == nil {
		m.setError("export: nothing is priced yet")
		return m, nil
	}
	dir := m.opts.ExportDir
	if dir == "" {
		dir = "."
	}
	name := "tiercost-" + sanitizeName(m.target)
	if asJSON {
		// The export carries the scenario's curve; pricing it may take a
		// moment the first time, so it runs in the command.
		e, snap, path := m.opts.Engine, *m.snap, filepath.Join(dir, name+".json")
		return m, func() tea.Msg {
			c, err := e.Curve(curveScenario(snap.Scenario))
			if err != nil {
				return writtenMsg{what: "JSON export", path: path, err: err}
			}
			data, err := snapshotJSON(snap, &c)
			if err != nil {
				return writtenMsg{what: "JSON export", path: path, err: err}
			}
			return writeCmd("JSON export", path, data)()
		}
	}
	return m, writeCmd("Markdown export", filepath.Join(dir, name+".md"), snapshotMarkdown(*m.snap, m.baseSnap))
}

// sanitizeName keeps a target name safe as a file name.
func sanitizeName(s string) string {
	out := []rune{}
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '-', r == '_':
			out = append(out, r)
		default:
			out = append(out, '_')
		}
	}
	if len(out) == 0 {
		return "scenario"
	}
	return string(out)
}
