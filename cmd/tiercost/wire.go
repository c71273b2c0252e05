package main

import (
	"context"
	"errors"
	"os"

	"github.com/tiercost/tiercost/cmd/tiercost/internal/deploy"
	"github.com/tiercost/tiercost/cmd/tiercost/internal/gctarget"
	"github.com/tiercost/tiercost/cmd/tiercost/internal/tui"
	"github.com/tiercost/tiercost/cmd/tiercost/internal/tuiengine"
)

// runTUI opens the real terminal UI over the real engine and deployer.
// Ctrl-C in the TUI becomes exit 130. The TUI collects garbage while it
// waits for a key (gctarget.Interactive).
func runTUI(ctx context.Context, r TUIRequest) error {
	_, noColor := os.LookupEnv("NO_COLOR")
	defer gctarget.Interactive()()
	err := tui.Run(ctx, tui.Options{
		Engine:   tuiengine.New(r.Base),
		Deployer: tuiengine.Deployer{D: deploy.New(deploy.Options{EnvironmentsDir: "."})},
		Target:   r.Env,
		NoColor:  noColor || r.NoColor,
		In:       r.In,
		Out:      r.Out,
		Actual:   r.Actual, ActualTarget: r.Env,
	})
	if errors.Is(err, tui.ErrInterrupted) {
		return errInterrupted
	}
	return err
}
