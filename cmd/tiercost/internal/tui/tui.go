// Package tui owns tiercost's interactive terminal UI: the overview of tiers
// and environments, the cost breakdown tree, live what-ifs that re-size and
// re-price through an Engine, findings, the budget bar, the cost curve, and
// the confirmed hand-off to `pulumi preview`/`up` through a Deployer.
//
// The root Model is a state machine that routes each message to the active
// view; all I/O runs in tea.Cmds that return typed messages, and View is
// pure. The package never prints or exits; Run returns errors.
package tui

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/tiercost/tiercost/cmd/tiercost/internal/gctarget"
	"github.com/tiercost/tiercost/cmd/tiercost/internal/scenario"
)

// Options configure the TUI. Engine is required; Deployer may be nil, in
// which case the deploy hand-off explains that it is not available.
type Options struct {
	Engine   Engine
	Deployer Deployer
	// Target is the environment or tier to open; IsTier says which. Empty
	// opens the first environment the engine's Overview lists.
	Target string
	IsTier bool
	// NoColor drops all colours; the CLI sets it from NO_COLOR (or a
	// --no-color flag). Text labels carry every meaning either way.
	NoColor bool
	// SavePath is where `s` writes the scenario as an environment
	// override file; default "tiercost-scenario.yaml".
	SavePath string
	// ExportDir is where `e` and `E` write tiercost-<target>.md/.json;
	// default the working directory.
	ExportDir string
	// In and Out default to the terminal.
	In  io.Reader
	Out io.Writer
	// Actual is last month's plan against its bill (tiercost tui --bill)
	// for ActualTarget; the budget view shows it (actual.go).
	Actual       *actualReport
	ActualTarget string
}

// ErrInterrupted is Run's error when the user pressed Ctrl-C (or the
// program got SIGINT): the CLI exits 130 for it, as shells expect.
var ErrInterrupted = errors.New("tui: interrupted")

// DefaultSavePath is used when Options.SavePath is empty.
const DefaultSavePath = "tiercost-scenario.yaml"

// Run opens the TUI and blocks until the user quits or ctx ends.
func Run(ctx context.Context, opts Options) error {
	if opts.Engine == nil {
		return errors.New("tui: Options.Engine is nil; the CLI must pass the cost engine")
	}
	m := New(opts)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	m.ctx = ctx
	popts := []tea.ProgramOption{tea.WithContext(ctx), tea.WithAltScreen()}
	if opts.In != nil {
		popts = append(popts, tea.WithInput(opts.In))
	}
	if opts.Out != nil {
		popts = append(popts, tea.WithOutput(opts.Out))
	}
	final, err := tea.NewProgram(m, popts...).Run()
	if err != nil {
		if errors.Is(err, tea.ErrInterrupted) {
			return ErrInterrupted
		}
		if errors.Is(err, tea.ErrProgramKilled) && ctx.Err() != nil {
			return ctx.Err()
		}
		return fmt.Errorf("tui: %w", err)
	}
	if fm, ok := final.(Model); ok && fm.loadErr != nil {
		return fmt.Errorf("tui: open %s: %w", opts.Target, fm.loadErr)
	}
	return nil
}

type tab int

const (
	tabOverview tab = iota
	tabBreakdown
	tabWhatIf
	tabFindings
	tabBudget
	tabChart
	tabCount
)

var tabNames = [tabCount]string{"Overview", "Breakdown", "What-ifs", "Findings", "Budget", "Chart"}

// Model is the root state machine.
type Model struct {
	opts   Options
	ctx    context.Context
	keys   keyMap
	styles Styles
	help   help.Model
	spin   spinner.Model

	width, height int
	tab           tab
	showHelp      bool
	helpOffset    int
	spinning      bool

	target string
	isTier bool

	// loading is true until the baseline is priced; loadErr ends the load.
	loading bool
	loadErr error

	baseSnap *Snapshot
	scen     Scenario
	snap     *Snapshot

	// seq numbers every scenario change; a result whose seq is not the
	// current one is stale and dropped. Only one evaluation runs at a time.
	seq      int
	inFlight bool
	evalErr  error

	overview    []OverviewRow
	overviewErr error

	// curve is the last cost curve priced, for the scenario key curveKey
	// (curveErr when it failed); curveWant is the key being priced.
	curve     *Curve
	curveKey  string
	curveErr  error
	curveWant string

	status    string
	statusErr bool

	ov     overviewModel
	bd     breakdownModel
	wi     whatifModel
	fd     findingsModel
	bu     budgetModel
	ch     chartModel
	deploy deployModel
	// bands is the scenario's band and tornado (bands.go), when the
	// engine samples.
	bands bandState
}

// New builds the root model; Run uses it, and tests drive it directly.
func New(opts Options) Model {
	if opts.SavePath == "" {
		opts.SavePath = DefaultSavePath
	}
	st := DefaultStyles(opts.NoColor)
	h := help.New()
	h.Styles = st.Help
	sp := spinner.New(spinner.WithSpinner(spinner.Dot))
	sp.Style = st.Status
	return Model{
		opts:    opts,
		ctx:     context.Background(),
		keys:    defaultKeyMap(),
		styles:  st,
		help:    h,
		spin:    sp,
		width:   80,
		height:  24,
		target:  opts.Target,
		isTier:  opts.IsTier,
		loading: true,
		// Init starts the spinner's ticks for the load.
		spinning: true,
		bd:       newBreakdownModel(),
	}
}

// Init loads the baseline and the overview. New marks the spinner as
// running (it is loading), so Init only starts its tick chain.
func (m Model) Init() tea.Cmd {
	if m.target == "" {
		return tea.Batch(overviewCmd(m.opts.Engine), m.spin.Tick)
	}
	return tea.Batch(
		loadCmd(m.opts.Engine, m.seq, m.target, m.isTier),
		overviewCmd(m.opts.Engine),
		m.spin.Tick,
	)
}

// Update routes messages: results first, then the deploy dialog (which
// captures keys), then global keys, then the active view. Then, while the
// chart is shown, it asks for the curve of the scenario on screen.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	next, cmd := m.update(msg)
	nm, ok := next.(Model)
	if !ok {
		return next, cmd
	}
	if c := nm.ensureBands(); c != nil {
		cmd = tea.Batch(cmd, c)
	}
	if c := nm.ensureCurve(); c != nil {
		spin := nm.startSpinner()
		return nm, tea.Batch(cmd, c, spin)
	}
	if isAnswer(msg) && !nm.busy() && nm.bands.want == "" {
		cmd = tea.Batch(cmd, collectIdle)
	}
	return nm, cmd
}

// isAnswer reports whether msg is a priced answer: a snapshot, a what-if,
// a curve, the overview or a band.
func isAnswer(msg tea.Msg) bool {
	switch msg.(type) {
	case loadedMsg, evalMsg, curveMsg, overviewMsg, bandsMsg:
		return true
	}
	return false
}

// collect is gctarget.CollectIdle; a test counts its calls.
var collect = gctarget.CollectIdle

// collectIdle collects garbage once every answer asked for is painted and
// nothing else is being priced: under the TUI's collection policy
// (gctarget.Interactive) this is when the garbage of the last key presses
// goes, so the next key press is priced without a collection.
func collectIdle() tea.Msg {
	collect()
	return nil
}

// ensureCurve starts pricing the chart's curve when the chart is shown
// and its curve is not the one priced or being priced; one at a time.
func (m *Model) ensureCurve() tea.Cmd {
	if m.tab != tabChart || m.snap == nil || m.loading || m.curveWant != "" {
		return nil
	}
	want := curveScenario(m.snap.Scenario)
	if m.curveKey == want.Key() {
		return nil
	}
	m.curveWant = want.Key()
	return curveCmd(m.opts.Engine, want)
}

func (m Model) update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = max(msg.Width, 0), max(msg.Height, 0)
		m.help.Width = m.contentWidth()
		m.deploy.setSize(m.contentWidth(), m.bodyHeight())
		return m, nil
	case spinner.TickMsg:
		if !m.busy() {
			m.spinning = false
			return m, nil
		}
		var cmd tea.Cmd
		m.spin, cmd = m.spin.Update(msg)
		return m, cmd
	case loadedMsg:
		return m.onLoaded(msg), nil
	case evalMsg:
		return m.onEval(msg)
	case bandsMsg:
		return m.onBands(msg), nil
	case curveMsg:
		m.curveWant = ""
		m.curveKey, m.curveErr = msg.key, msg.err
		m.curve = nil
		if msg.err == nil {
			c := msg.curve
			m.curve = &c
		}
		return m, nil
	case overviewMsg:
		m.overview, m.overviewErr = msg.rows, msg.err
		if m.target == "" {
			return m.openDefault()
		}
		m.ov.cursor = currentRow(m.overview, m.target, m.isTier)
		return m, nil
	case writtenMsg:
		if msg.err != nil {
			m.setError(fmt.Sprintf("%s: %v", msg.what, msg.err))
		} else {
			m.setStatus(fmt.Sprintf("%s written to %s", msg.what, msg.path))
		}
		return m, nil
	case deployMsg:
		var cmd tea.Cmd
		m.deploy, cmd = m.deploy.update(msg, m.keys)
		spin := m.startSpinner() // before m is copied into the return values
		return m, tea.Batch(cmd, spin)
	case tea.KeyMsg:
		if msg.Type == tea.KeyRunes && len(msg.Runes) > 1 && !msg.Paste {
			// Keys typed faster than the terminal is read arrive as one
			// message ("uuu"); handle each as its own keystroke.
			var cmds []tea.Cmd
			var next tea.Model = m
			for _, r := range msg.Runes {
				var cmd tea.Cmd
				next, cmd = next.(Model).onKey(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}, Alt: msg.Alt})
				cmds = append(cmds, cmd)
			}
			return next, tea.Batch(cmds...)
		}
		return m.onKey(msg)
	}
	return m, nil
}

func (m Model) onKey(msg tea.KeyMsg) (tea.Model, tea.Cmd) {
	if msg.Type == tea.KeyCtrlC {
		m.deploy.cancel()
		return m, tea.Interrupt
	}
	if m.deploy.active() {
		var cmd tea.Cmd
		m.deploy, cmd = m.deploy.update(msg, m.keys)
		spin := m.startSpinner() // before m is copied into the return values
		return m, tea.Batch(cmd, spin)
	}
	if m.editing() {
		return m.updateEdit(msg)
	}
	if m.showHelp {
		// Arrows scroll the full help, any other key closes it; q still quits.
		switch {
		case key.Matches(msg, m.keys.Up):
			m.helpOffset = max(m.helpOffset-1, 0)
			return m, nil
		case key.Matches(msg, m.keys.Down):
			m.helpOffset = min(m.helpOffset+1, max(len(m.helpLines(m.contentWidth()))-m.bodyHeight(), 0))
			return m, nil
		}
		m.showHelp = false
		m.help.ShowAll = false
		if key.Matches(msg, m.keys.Quit) {
			return m, tea.Quit
		}
		return m, nil
	}
	var tornadoClosed bool
	if m, tornadoClosed = m.onTornadoKey(msg); tornadoClosed {
		return m, nil
	}
	if m.bander() != nil && key.Matches(msg, m.keys.Tornado) && !m.loading && m.loadErr == nil {
		m.bands.showTornado = true
		return m, nil
	}
	switch {
	case key.Matches(msg, m.keys.Quit):
		return m, tea.Quit
	case key.Matches(msg, m.keys.Help):
		m.showHelp, m.helpOffset = true, 0
		m.help.ShowAll = true
		return m, nil
	case key.Matches(msg, m.keys.NextTab):
		m.tab = (m.tab + 1) % tabCount
		return m, nil
	case key.Matches(msg, m.keys.PrevTab):
		m.tab = (m.tab + tabCount - 1) % tabCount
		return m, nil
	}
	for i, b := range m.keys.Tab {
		if key.Matches(msg, b) {
			m.tab = tab(i)
			return m, nil
		}
	}
	if m.loading || m.loadErr != nil {
		return m, nil
	}
	switch {
	case key.Matches(msg, m.keys.Reset):
		return m.reset(), nil
	case key.Matches(msg, m.keys.Save):
		return m.save()
	case key.Matches(msg, m.keys.ExportMD):
		return m.export(false)
	case key.Matches(msg, m.keys.ExportJSON):
		return m.export(true)
	case key.Matches(msg, m.keys.Deploy):
		return m.startDeploy()
	}
	return m.updateView(msg)
}

// updateView delegates a key to the active view only.
func (m Model) updateView(msg tea.KeyMsg) (tea.Model, tea.Cmd) {
	switch m.tab {
	case tabOverview:
		var open *OverviewRow
		m.ov, open = m.ov.update(msg, m.keys, m.overview)
		if open != nil {
			return m.openTarget(open.Name, open.Kind == KindTier)
		}
	case tabBreakdown:
		m.bd = m.bd.update(msg, m.keys, m.snap)
	case tabWhatIf:
		var changed bool
		var next Scenario
		m.wi, next, changed = m.wi.update(msg, m.keys, m)
		if changed {
			return m.change(next)
		}
	case tabFindings:
		m.fd = m.fd.update(msg, m.keys, m.findingLines())
	case tabBudget:
		rows := 0
		if m.snap != nil {
			rows = len(drivers(m.snap))
		}
		m.bu = m.bu.update(msg, m.keys, rows)
	case tabChart:
		m.ch = m.ch.update(msg, m.keys)
	}
	return m, nil
}

// change applies a new scenario and starts its evaluation unless one is
// already running; onEval then starts the latest.
func (m Model) change(s Scenario) (tea.Model, tea.Cmd) {
	m.scen = s
	m.seq++
	m.status, m.statusErr = "", false
	if m.snap != nil && m.snap.Scenario.Key() == s.Key() {
		m.evalErr = nil // back on the scenario the numbers on screen are for
	}
	if m.inFlight {
		return m, nil
	}
	m.inFlight = true
	spin := m.startSpinner()
	return m, tea.Batch(evalCmd(m.opts.Engine, m.seq, s), spin)
}

func (m Model) onEval(msg evalMsg) (tea.Model, tea.Cmd) {
	m.inFlight = false
	if msg.seq != m.seq {
		if m.loading || (m.snap != nil && m.snap.Scenario.Key() == m.scen.Key()) {
			return m, nil
		}
		// Stale: price the scenario the user has now.
		m.inFlight = true
		return m, evalCmd(m.opts.Engine, m.seq, m.scen)
	}
	if msg.err != nil {
		// Keep the last good snapshot; the status line says why.
		m.evalErr = msg.err
		return m, nil
	}
	m.evalErr = nil
	snap := msg.snap
	m.snap = &snap
	return m, nil
}

func (m Model) onLoaded(msg loadedMsg) Model {
	if msg.seq != m.seq {
		return m
	}
	m.loading = false
	if msg.err != nil {
		m.loadErr = msg.err
		return m
	}
	m.loadErr, m.evalErr = nil, nil
	m.target, m.isTier = msg.snap.Scenario.Target, msg.snap.Scenario.IsTier
	m.scen = Scenario{Target: m.target, IsTier: m.isTier}
	snap := msg.snap
	m.baseSnap, m.snap = &snap, &snap
	m.bd = newBreakdownModel()
	m.ov.cursor = currentRow(m.overview, m.target, m.isTier)
	return m
}

// reset returns to the baseline without re-pricing: its snapshot is known.
func (m Model) reset() Model {
	m.seq++
	m.scen = Scenario{Target: m.target, IsTier: m.isTier}
	m.snap = m.baseSnap
	m.evalErr = nil
	m.setStatus("reset to baseline")
	return m
}

// openTarget switches the whole TUI to another environment or tier.
func (m Model) openTarget(name string, isTier bool) (tea.Model, tea.Cmd) {
	m.seq++
	m.target, m.isTier = name, isTier
	m.loading, m.loadErr = true, nil
	m.inFlight = false
	m.setStatus("")
	spin := m.startSpinner()
	return m, tea.Batch(loadCmd(m.opts.Engine, m.seq, name, isTier), spin)
}

// openDefault opens the first environment of the overview (else its first
// row) when no target was given.
func (m Model) openDefault() (tea.Model, tea.Cmd) {
	if m.overviewErr != nil {
		m.loading, m.loadErr = false, fmt.Errorf("no target was given and the overview failed: %w", m.overviewErr)
		return m, nil
	}
	rows := orderedRows(m.overview)
	if len(rows) == 0 {
		m.loading, m.loadErr = false, errors.New("no target was given and the engine lists no tiers or environments")
		return m, nil
	}
	pick := rows[0]
	for _, r := range rows {
		if r.Kind == KindEnv {
			pick = r
			break
		}
	}
	m.ov.cursor = currentRow(m.overview, pick.Name, pick.Kind == KindTier)
	return m.openTarget(pick.Name, pick.Kind == KindTier)
}

func (m *Model) setStatus(s string) { m.status, m.statusErr = s, false }
func (m *Model) setError(s string)  { m.status, m.statusErr = s, true }

// busy is true while anything the spinner stands for runs.
func (m Model) busy() bool {
	return m.loading || m.inFlight || m.curveWant != "" || m.deploy.running()
}

// startSpinner starts the tick chain once; ticks stop when nothing is busy.
func (m *Model) startSpinner() tea.Cmd {
	if m.spinning || !m.busy() {
		return nil
	}
	m.spinning = true
	return m.spin.Tick
}

// changedKnobs lists the knobs that differ from the baseline.
func (m Model) changedKnobs() []string {
	var out []string
	for _, k := range scenario.Knobs() {
		if _, ok := m.scen.Overlay[k.Name]; ok {
			out = append(out, k.Label)
		}
	}
	return out
}

// The smallest terminal every view is laid out for; below it the TUI says
// so instead of dropping parts of the screen.
const (
	minWidth  = 60
	minHeight = 15
)

// bodyHeight is what the active view gets between header and footer.
func (m Model) bodyHeight() int { return max(m.height-4-m.bandRows(), 0) }

// contentWidth leaves the last column empty, so a number that ends a
// line never touches the terminal's edge (where it would look cut).
func (m Model) contentWidth() int { return max(m.width-1, 0) }

func (m Model) tooSmall() bool { return m.width < minWidth || m.height < minHeight }

// View renders header, tabs, the active view, status and help, cut to the
// terminal so no size can overflow it. Views lay out in contentWidth.
func (m Model) View() string {
	if m.tooSmall() {
		return strings.Join(fitLines(m.tooSmallView(), m.width, m.height), "\n")
	}
	bh, cw := m.bodyHeight(), m.contentWidth()
	var body string
	switch {
	case m.deploy.active():
		body = m.deploy.view(m.styles, m.spin.View(), cw, bh)
	case m.showHelp:
		body = m.helpView(cw, bh)
	case m.bands.showTornado && m.snap != nil:
		body = m.tornadoView(cw, bh)
	case m.loadErr != nil:
		body = strings.Join(wrap(m.styles.Error.Render("Could not open "+m.target+": ")+m.loadErr.Error(), cw), "\n") + "\n\nPress q to quit."
	case m.loading && m.target == "":
		body = m.spin.View() + " Pricing tiers and environments…"
	case m.loading:
		body = m.spin.View() + " Pricing " + m.target + "…"
	default:
		body = m.viewBody(cw, bh)
	}
	hk := m.keys.helpFor(m.tab, m.editing())
	if m.deploy.active() {
		hk = m.keys.dialogHelp(m.deploy.stage)
	}
	h := m.help
	h.ShowAll = false
	h.Width = cw
	lines := []string{m.headerView(cw)}
	if m.bandRows() > 0 {
		lines = append(lines, m.bandLine(cw))
	}
	lines = append(lines, m.tabsView(cw))
	lines = append(lines, fitLines(body, m.width, bh)...)
	lines = append(lines, m.statusView(cw), h.View(hk))
	return strings.Join(fitLines(strings.Join(lines, "\n"), m.width, m.height), "\n")
}

// tooSmallView replaces every view below the minimum size.
func (m Model) tooSmallView() string {
	var lines []string
	for _, p := range []string{
		m.styles.Error.Render("Terminal too small") + fmt.Sprintf(": %d×%d.", m.width, m.height),
		fmt.Sprintf("tiercost needs at least %d×%d.", minWidth, minHeight),
		"Enlarge the window, or press q to quit.",
	} {
		lines = append(lines, wrap(p, m.width)...)
	}
	return strings.Join(lines, "\n")
}

func (m Model) viewBody(w, h int) string {
	switch m.tab {
	case tabOverview:
		return m.ov.view(m, w, h)
	case tabBreakdown:
		return m.bd.view(m, w, h)
	case tabWhatIf:
		return m.wi.view(m, w, h)
	case tabFindings:
		return m.fd.view(m, w, h)
	case tabBudget:
		return m.bu.view(m, w, h)
	case tabChart:
		return m.ch.view(m, w, h)
	}
	return ""
}
