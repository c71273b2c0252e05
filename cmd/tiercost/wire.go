package main

import (
	"context"
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
		Deployer: tuiengine.Deployer{D: deploy.New(deploy.Options{EnvironmentsDir: "."})},
		Target:   r.Env,
		NoColor:  noColor,
		In:       r.In,
		Out:      r.Out,
	})
}
