package tui

import (
	"context"
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	"github.com/charmbracelet/bubbles/viewport"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/shopspring/decimal"
	"github.com/tiercost/tiercost/costmodel/money"
)

// The word a user types to deploy over budget, on purpose.
const overrideWord = "override"

// deployStage is the hand-off's state. Pulumi up runs only after stage
// confirm (1st confirmation) and stage confirmUp (2nd, typing the
// environment's name) have both been passed.
type deployStage int

const (
	stageIdle deployStage = iota
	stageOverride
	stageConfirm
	stageChecking
	stageCheckFailed
	stagePreviewing
	stageConfirmUp
	stageUp
	stageDone
)

// deployMsg is any message of the deploy hand-off; run ties it to one
// attempt so a cancelled attempt's output is dropped.
type deployMsg interface{ deployRun() int }

type checkDoneMsg struct {
	run int
	err error
}

type streamLineMsg struct {
	run  int
	line string
}

type streamDoneMsg struct {
	run   int
	phase string // "preview" or "up"
	out   string
	err   error
}

func (m checkDoneMsg) deployRun() int  { return m.run }
func (m streamLineMsg) deployRun() int { return m.run }
func (m streamDoneMsg) deployRun() int { return m.run }

// deployModel is the confirmation dialog and the streamed Pulumi log.
type deployModel struct {
	stage    deployStage
	env      string
	deployer Deployer
	ctx      context.Context
	cancelFn context.CancelFunc
	ch       chan tea.Msg
	run      int

	estimate decimal.Decimal
	budget   *decimal.Decimal
	whatIf   []string // knobs changed from the baseline: not deployed
	input    string
	hint     string
	log      []string
	vp       viewport.Model
	result   string
	err      error
	phase    string
	width    int
	height   int
}

func (d deployModel) active() bool { return d.stage != stageIdle }

func (d deployModel) running() bool {
	return d.stage == stageChecking || d.stage == stagePreviewing || d.stage == stageUp
}

func (d *deployModel) cancel() {
	if d.cancelFn != nil {
		d.cancelFn()
	}
}

func (d *deployModel) setSize(w, h int) {
	d.width, d.height = w, h
	d.vp.Width = max(w, 0)
	d.vp.Height = max(h-8, 0)
}

// startDeploy opens the dialog for the environment as it is configured:
// Pulumi deploys the environment file, not the unsaved what-if, so the
// budget check uses the baseline estimate.
func (m Model) startDeploy() (tea.Model, tea.Cmd) {
	switch {
	case m.isTier:
		m.setError("deploy works on environments; " + m.target + " is a tier. Open an environment from the overview.")
		return m, nil
	case m.opts.Deployer == nil:
		m.setError("deploy is not available: no Pulumi deployer is configured")
		return m, nil
	case m.baseSnap == nil:
		return m, nil
	}
	d := deployModel{
		env:      m.target,
		deployer: m.opts.Deployer,
		ctx:      m.ctx,
		run:      m.deploy.run + 1,
		estimate: m.baseSnap.Breakdown.TotalMonthlyCost,
		budget:   m.baseSnap.Budget,
		whatIf:   m.changedKnobs(),
		vp:       viewport.New(0, 0),
	}
	d.setSize(m.contentWidth(), m.bodyHeight())
	d.stage = stageConfirm
	if budgetStatus(d.estimate, d.budget) == budgetOver {
		d.stage = stageOverride
	}
	m.deploy = d
	return m, nil
}

func (d deployModel) update(msg tea.Msg, k keyMap) (deployModel, tea.Cmd) {
	switch msg := msg.(type) {
	case deployMsg:
		if msg.deployRun() != d.run || !d.active() {
			return d, nil
		}
		return d.onResult(msg)
	case tea.KeyMsg:
		return d.onKey(msg, k)
	}
	return d, nil
}

func (d deployModel) onKey(msg tea.KeyMsg, k keyMap) (deployModel, tea.Cmd) {
	switch d.stage {
	case stageOverride, stageConfirmUp:
		return d.onTyping(msg)
	case stageConfirm:
		switch {
		case key.Matches(msg, k.Confirm):
			d.stage = stageChecking
			return d, checkCmd(d.deployer, d.run, d.env)
		case key.Matches(msg, k.Cancel):
			return d.close(), nil
		}
	case stageChecking, stagePreviewing:
		if key.Matches(msg, k.Cancel) {
			return d.close(), nil
		}
	case stageUp:
		d.hint = "pulumi up is running; wait for it to finish (ctrl+c cancels it and quits)"
	case stageCheckFailed, stageDone:
		if key.Matches(msg, k.Cancel) || key.Matches(msg, k.Submit) || key.Matches(msg, k.Quit) {
			return d.close(), nil
		}
	}
	var cmd tea.Cmd
	if d.stage == stageDone || d.stage == stagePreviewing || d.stage == stageUp {
		d.vp, cmd = d.vp.Update(msg)
	}
	return d, cmd
}

// onTyping collects the override word or the environment's name; only
// enter with the exact text moves on.
func (d deployModel) onTyping(msg tea.KeyMsg) (deployModel, tea.Cmd) {
	switch msg.Type {
	case tea.KeyEsc:
		return d.close(), nil
	case tea.KeyBackspace:
		if r := []rune(d.input); len(r) > 0 {
			d.input = string(r[:len(r)-1])
		}
		return d, nil
	case tea.KeyEnter:
		want := overrideWord
		if d.stage == stageConfirmUp {
			want = d.env
		}
		if d.input != want {
			d.hint = fmt.Sprintf("type %q exactly, then enter; esc cancels", want)
			d.input = ""
			return d, nil
		}
		d.input, d.hint = "", ""
		if d.stage == stageOverride {
			d.stage = stageConfirm
			return d, nil
		}
		d.stage = stageUp
		d.log = append(d.log, "", "── pulumi up ──")
		return d.stream("up")
	case tea.KeyRunes, tea.KeySpace:
		if len(d.input) < 64 {
			d.input += string(msg.Runes)
		}
	}
	return d, nil
}

func (d deployModel) onResult(msg deployMsg) (deployModel, tea.Cmd) {
	switch msg := msg.(type) {
	case checkDoneMsg:
		if d.stage != stageChecking {
			return d, nil
		}
		if msg.err != nil {
			d.stage, d.err = stageCheckFailed, msg.err
			return d, nil
		}
		d.stage = stagePreviewing
		d.log = []string{"── pulumi preview ──"}
		return d.stream("preview")
	case streamLineMsg:
		d.log = append(d.log, msg.line)
		d.syncLog()
		return d, listenCmd(d.ctx, d.ch)
	case streamDoneMsg:
		d.result, d.err, d.phase = msg.out, msg.err, msg.phase
		if msg.phase == "preview" && msg.err == nil {
			d.stage = stageConfirmUp
		} else {
			d.stage = stageDone
		}
		d.syncLog()
	}
	return d, nil
}

func (d *deployModel) syncLog() {
	d.vp.SetContent(strings.Join(d.log, "\n"))
	d.vp.GotoBottom()
}

// stream starts Preview or Up in a command and listens for its lines.
func (d deployModel) stream(phase string) (deployModel, tea.Cmd) {
	if d.cancelFn == nil {
		d.ctx, d.cancelFn = context.WithCancel(d.ctx)
	}
	d.ch = make(chan tea.Msg, 64)
	fn := d.deployer.Preview
	if phase == "up" {
		fn = d.deployer.Up
	}
	return d, tea.Batch(runCmd(d.ctx, d.ch, d.run, phase, d.env, fn), listenCmd(d.ctx, d.ch))
}

func (d deployModel) close() deployModel {
	d.cancel()
	return deployModel{run: d.run, width: d.width, height: d.height}
}

func checkCmd(dp Deployer, run int, env string) tea.Cmd {
	return func() tea.Msg { return checkDoneMsg{run: run, err: dp.Check(env)} }
}

// runCmd runs one Pulumi operation; its lines and its end both go through
// ch so they arrive in order.
func runCmd(ctx context.Context, ch chan tea.Msg, run int, phase, env string,
	fn func(context.Context, string, func(string)) (string, error)) tea.Cmd {
	return func() tea.Msg {
		send := func(msg tea.Msg) {
			select {
			case ch <- msg:
			case <-ctx.Done():
			}
		}
		out, err := fn(ctx, env, func(line string) { send(streamLineMsg{run: run, line: line}) })
		send(streamDoneMsg{run: run, phase: phase, out: out, err: err})
		return nil
	}
}

func listenCmd(ctx context.Context, ch chan tea.Msg) tea.Cmd {
	return func() tea.Msg {
		select {
		case msg := <-ch:
			return msg
		case <-ctx.Done():
			return nil
		}
	}
}

// view renders the dialog over the body; the log fills what is left.
func (d deployModel) view(st Styles, spin string, width, h int) string {
	var lines []string
	est := money.USD(d.estimate) + "/mo"
	budget := "no budget set"
	if d.budget != nil {
		budget = "budget " + money.USD(*d.budget) + "/mo · " + budgetStatus(d.estimate, d.budget).label()
	}
	title := st.Heading.Render("Deploy " + d.env + " with Pulumi")
	lines = append(lines, title, "Estimate "+est+" · "+budget)
	if len(d.whatIf) > 0 && d.stage <= stageConfirm {
		lines = append(lines, st.Changed.Render("Not deployed: your what-if ("+strings.Join(d.whatIf, ", ")+")."),
			"Pulumi deploys the environment as configured; save the what-if with s and apply it first.")
	}
	switch d.stage {
	case stageOverride:
		over := d.estimate.Sub(*d.budget)
		lines = append(lines,
			st.BudgetOver.Render("REFUSED: the estimate is over budget by "+money.USD(over)+"/mo."),
			"To deploy anyway, type "+overrideWord+" and press enter · esc cancels",
			"> "+d.input+"_")
	case stageConfirm:
		lines = append(lines, "Step 1 of 2: y checks Pulumi and AWS, then runs pulumi preview (no changes) · n/esc cancels")
	case stageChecking:
		lines = append(lines, spin+" Checking the pulumi CLI and AWS credentials…")
	case stageCheckFailed:
		lines = append(lines, st.Error.Render("Cannot deploy yet:"))
		for _, l := range strings.Split(ansi.Wrap(d.err.Error(), max(width-4, 10), ""), "\n") {
			lines = append(lines, "  "+l)
		}
		lines = append(lines, "esc closes")
	case stagePreviewing:
		lines = append(lines, spin+" pulumi preview "+d.env+"… (esc cancels)")
	case stageConfirmUp:
		lines = append(lines, "Preview finished: "+d.result,
			"Step 2 of 2: type "+d.env+" and press enter to run pulumi up · esc cancels",
			"> "+d.input+"_")
	case stageUp:
		lines = append(lines, spin+" pulumi up "+d.env+"…")
	case stageDone:
		if d.err != nil {
			lines = append(lines, st.Error.Render("pulumi "+d.phase+" failed: ")+d.err.Error())
		} else {
			lines = append(lines, "pulumi "+d.phase+" finished: "+d.result)
		}
		lines = append(lines, "esc closes")
	}
	if d.hint != "" {
		lines = append(lines, st.Error.Render(d.hint))
	}
	// Wrap the dialog so no instruction is cut at 80 columns.
	wrapped := make([]string, 0, len(lines))
	for _, l := range lines {
		wrapped = append(wrapped, strings.Split(ansi.Wrap(l, max(width, 1), ""), "\n")...)
	}
	lines = wrapped
	if len(d.log) > 0 {
		vp := d.vp
		follow := vp.AtBottom()
		vp.Height = max(h-len(lines)-1, 0)
		vp.Width = max(width, 0)
		if follow {
			vp.GotoBottom()
		}
		lines = append(lines, st.Muted.Render(rep("─", width)), vp.View())
	}
	return strings.Join(lines, "\n")
}
