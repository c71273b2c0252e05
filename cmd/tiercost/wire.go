package main

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/tiercost/tiercost/cmd/tiercost/internal/deploy"
	"github.com/tiercost/tiercost/cmd/tiercost/internal/tui"
	"github.com/tiercost/tiercost/cmd/tiercost/internal/tuiengine"
)

// runTUI opens the real terminal UI over the real engine and deployer.
func runTUI(ctx context.Context, r TUIRequest) error {
	_, noColor := os.LookupEnv("NO_COLOR")
	return tui.Run(ctx, tui.Options{
		Engine:   tuiengine.New(r.Base),
		Deployer: tuiengine.Deployer{D: deploy.New(deploy.Options{})},
		Target:   r.Env,
		NoColor:  noColor,
		In:       r.In,
		Out:      r.Out,
	})
}

// deployUp runs `pulumi up` for an environment through the Automation API
// after checking that the Pulumi CLI and credentials are there.
func deployUp(ctx context.Context, env string, progress io.Writer) (string, error) {
	d := deploy.New(deploy.Options{})
	if err := d.Check(env); err != nil {
		return "", err
	}
	return d.Up(ctx, env, func(line string) { fmt.Fprintln(progress, line) })
}
