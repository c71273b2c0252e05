// Command tiercost prices the growth tiers of the tiercost web platform
// (1k, 10k, 100k and 1m users) from the very Pulumi program that deploys
// them: breakdowns, diffs, budget checks, right-sizing, forecasts, reports,
// price catalog maintenance and the terminal UI.
//
// This package owns the edges: flags, environment variables and the
// tiercost.yaml config file (through one viper instance per run), exit
// codes, and writing results to stdout or files. Packages below it take
// typed values and return errors.
package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"golang.org/x/term"

	"github.com/tiercost/tiercost/cmd/tiercost/internal/deploy"
	"github.com/tiercost/tiercost/cmd/tiercost/internal/engine"
	"github.com/tiercost/tiercost/cmd/tiercost/internal/gctarget"
	"github.com/tiercost/tiercost/cmd/tiercost/internal/gctarget/startup"
	"github.com/tiercost/tiercost/cmd/tiercost/internal/vcs"
	"github.com/tiercost/tiercost/costmodel/actual"
	"github.com/tiercost/tiercost/costmodel/output"
)

// Exit codes.
const (
	ExitOK         = 0
	ExitOverBudget = 1 // `check` (and `up`) found the estimate over budget, incomplete or overloaded
	ExitBadInput   = 2 // any usage error, bad input or failure
	// ExitInterrupted is the shell's code for a run stopped by Ctrl-C
	// (128 + SIGINT), so scripts can tell "stopped" from "done".
	ExitInterrupted = 130
)

// Streams are the process's standard streams.
type Streams struct {
	In  io.Reader
	Out io.Writer
	Err io.Writer
}

// Options is everything a run depends on beyond its arguments, so tests
// can swap each piece. Zero fields get the real implementation, except
// RunTUI and Deployer, which stay absent unless set (run sets both).
type Options struct {
	Streams
	// Estimate prices one request; engine.Estimate when nil.
	Estimate func(engine.Request) (engine.Result, error)
	// RunTUI starts the terminal UI; nil means this build has no TUI.
	// run() connects the real one (see wire.go).
	RunTUI func(ctx context.Context, r TUIRequest) error
	// Deployer runs `pulumi preview` and `pulumi up` for an environment;
	// nil means deployments are not available in this build. run()
	// connects the real one (the Automation API, see wire.go).
	Deployer Deployer
	// IsTerminal reports whether w is an interactive terminal.
	IsTerminal func(w io.Writer) bool
	// TerminalWidth is the width in columns of the terminal w writes to,
	// 0 when w is not a terminal: tables fit it when it is narrower than
	// output.DefaultWidth.
	TerminalWidth func(w io.Writer) int
	// StdinIsTerminal reports whether r (stdin) is an interactive
	// terminal, so `up` can ask for confirmation.
	StdinIsTerminal func(r io.Reader) bool
	// Now is the clock for report dates and catalog age.
	Now func() time.Time
	// VCS reads the git facts written into Infracost-schema JSON for the
	// working folder; vcs.Read (local git, CI variables) when nil.
	VCS func(dir string) output.VCS
	// WorkDir is where tiercost.yaml is looked up first; "." when empty.
	WorkDir string
	// ConfigDir and CacheDir default to os.UserConfigDir and os.UserCacheDir.
	ConfigDir string
	CacheDir  string

	// warnings holds the run's warnings until it ends: they are shown when
	// it succeeds (or finds the budget exceeded), and dropped when it fails,
	// so a bad input gets exactly one line.
	warnings *bytes.Buffer
}

func (o Options) withDefaults() Options {
	if o.In == nil {
		o.In = os.Stdin
	}
	if o.Out == nil {
		o.Out = os.Stdout
	}
	if o.Err == nil {
		o.Err = os.Stderr
	}
	if o.Estimate == nil {
		o.Estimate = engine.Estimate
	}
	if o.IsTerminal == nil {
		o.IsTerminal = isTerminal
	}
	if o.StdinIsTerminal == nil {
		o.StdinIsTerminal = stdinIsTerminal
	}
	if o.TerminalWidth == nil {
		o.TerminalWidth = terminalWidth
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.VCS == nil {
		o.VCS = func(dir string) output.VCS { return vcs.Read(dir, os.Getenv) }
	}
	if o.WorkDir == "" {
		o.WorkDir = "."
	}
	if o.ConfigDir == "" {
		if d, err := os.UserConfigDir(); err == nil {
			o.ConfigDir = d
		}
	}
	if o.CacheDir == "" {
		if d, err := os.UserCacheDir(); err == nil {
			o.CacheDir = d
		}
	}
	return o
}

// Deployer is the deploy handoff; *deploy.Deployer implements it.
type Deployer interface {
	// Check says exactly what to install or set before a deploy can run.
	Check(env string) error
	Preview(ctx context.Context, env string, progress func(string)) (deploy.PreviewDigest, error)
	Up(ctx context.Context, env string, progress func(string)) (string, error)
}

// TUIRequest is what the terminal UI needs from the command line.
type TUIRequest struct {
	// Env is the environment to open; "" opens the tiers overview.
	Env string
	// Base carries the settings every estimate starts from: catalog,
	// region, usage file, purchase options and work dir.
	Base engine.Request
	In   io.Reader
	Out  io.Writer
	// NoColor is --no-color (or tiercost.yaml's no-color); NO_COLOR in the
	// environment is read where the TUI starts.
	NoColor bool
	// Actual is Env's plan against its bill (tui --bill); nil without one.
	Actual *actual.Report
}

// isTerminal reports whether w is a character device (a terminal).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// terminalWidth is the column count of the terminal w is, 0 when w is
// not a terminal or its size is unknown.
func terminalWidth(w io.Writer) int {
	f, ok := w.(*os.File)
	if !ok || !term.IsTerminal(int(f.Fd())) {
		return 0
	}
	cols, _, err := term.GetSize(int(f.Fd()))
	if err != nil || cols < 0 {
		return 0
	}
	return cols
}

// stdinIsTerminal reports whether r is a terminal: a character device
// such as /dev/null is not, so a job run with </dev/null is refused.
func stdinIsTerminal(r io.Reader) bool {
	f, ok := r.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

func main() {
	startup.End()
	gctarget.Apply()
	args := os.Args[1:]
	// Started by Pulumi as the analyzer plugin (a copy or link named
	// pulumi-analyzer-...): serve the analyzer protocol.
	if strings.HasPrefix(filepath.Base(os.Args[0]), "pulumi-analyzer-") {
		args = append([]string{"analyzer", "serve"}, args...)
	}
	os.Exit(run(args, os.Stdin, os.Stdout, os.Stderr))
}

// run executes one command line with the real TUI and deployer and
// returns the exit code.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	opts := Options{Streams: Streams{In: stdin, Out: stdout, Err: stderr}, RunTUI: runTUI, Deployer: deploy.New(deploy.Options{EnvironmentsDir: "."})}
	return execute(context.Background(), args, opts)
}

// execute runs args against a fresh command tree. A panic becomes exit 2
// with one message, never a stack trace.
func execute(ctx context.Context, args []string, opts Options) (code int) {
	opts = opts.withDefaults()
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(opts.Err, "tiercost: internal error: %v\n", r)
			code = ExitBadInput
		}
	}()
	opts.warnings = &bytes.Buffer{}
	root := NewRootCmd(opts)
	if args == nil {
		args = []string{} // nil would make cobra read os.Args
	}
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	if err == nil {
		_, _ = opts.warnings.WriteTo(opts.Err)
		return ExitOK
	}
	var ee *exitError
	if errors.As(err, &ee) && ee.code == ExitInterrupted {
		// The user stopped it; there is nothing to explain.
		return ExitInterrupted
	}
	if errors.As(err, &ee) && ee.code == ExitOverBudget {
		_, _ = opts.warnings.WriteTo(opts.Err)
		if ee.err != nil {
			fmt.Fprintf(opts.Err, "tiercost: %v\n", ee.err)
		}
		return ExitOverBudget
	}
	fmt.Fprintf(opts.Err, "tiercost: %s\n", strings.TrimPrefix(err.Error(), "tiercost: "))
	return ExitBadInput
}

// exitError carries a specific exit code.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string {
	if e.err == nil {
		return fmt.Sprintf("exit %d", e.code)
	}
	return e.err.Error()
}

func (e *exitError) Unwrap() error { return e.err }

// errInterrupted is the error for a run the user stopped with Ctrl-C.
var errInterrupted = &exitError{code: ExitInterrupted, err: errors.New("interrupted")}

// overBudget is the error for an estimate over its budget (exit 1).
func overBudget(format string, args ...any) error {
	return &exitError{code: ExitOverBudget, err: fmt.Errorf(format, args...)}
}
