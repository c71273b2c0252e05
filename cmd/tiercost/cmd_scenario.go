package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"
	"github.com/tiercost/tiercost/cmd/tiercost/internal/engine"
	"github.com/tiercost/tiercost/cmd/tiercost/internal/scenario"
	"github.com/tiercost/tiercost/costmodel/output"
)

func (a *app) scenarioCmd() *cobra.Command {
	var t target
	var out string
	cmd := &cobra.Command{
		Use:   "scenario (--env NAME | --tier NAME) [--set KNOB=VALUE ...] [--output FILE]",
		Short: "Write a what-if as an environment file that prices and deploys exactly as it estimates",
		Long: `Writes the environment (or tier) with the what-if knobs written into it, as
an environment file: every field of the original, plus the knobs' values.
` + "`tiercost breakdown --env NAME`" + ` on the saved file gives the what-if's total to the
cent and the same resources, and ` + "`pulumi up`" + ` deploys it once it is saved as
environments/NAME.yaml. The TUI's save key writes the same file.`,
		Example: `  tiercost scenario --env prod --set users=1000000 --set family=x86 --set region=eu-west-1
  tiercost scenario --env prod --set purchase=reserved-1yr-no-upfront --output environments/prod.yaml
  tiercost scenario --tier 10k --set cache_hit_ratio=0.9`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := a.validateTarget(t, false); err != nil {
				return err
			}
			if out != "" && out != "-" {
				if err := checkOutputDir(out); err != nil {
					return err
				}
			}
			c, _, err := a.openCatalog()
			if err != nil {
				return err
			}
			req, err := a.request(t, c)
			if err != nil {
				return err
			}
			data, err := engine.Scenario(req)
			if err != nil {
				return err
			}
			if err := writeOutput(cmd.OutOrStdout(), out, func(w io.Writer) error { _, err := w.Write(data); return err }); err != nil {
				return err
			}
			if out != "" && out != "-" {
				fmt.Fprintf(a.opts.Err, "tiercost: wrote %s\n", out)
			}
			return nil
		},
	}
	addTargetFlags(cmd, &t, false)
	cmd.Flags().StringVarP(&out, "output", "o", "", "file to write (default: stdout)")
	return cmd
}

func (a *app) knobsCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "knobs",
		Short: "List the what-if knobs that --set and the TUI change",
		Long: `Lists every what-if knob: its name for --set, what it applies to, the values
it accepts and what it changes. The TUI's what-if view shows the same knobs,
from the same table.`,
		Example: `  tiercost knobs
  tiercost breakdown --env prod --set users=250000 --set cache_hit_ratio=0.9`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return knobsTable(cmd.OutOrStdout(), a.width())
		},
	}
}

// knobsTable lists every knob: name, what it applies to, allowed values
// and what it changes, in at most width display columns (0: no limit).
// It is generated from the one knob table.
func knobsTable(w io.Writer, width int) error {
	g := &output.Grid{Columns: []output.Column{
		{Header: "KNOB"},
		{Header: "APPLIES TO", Wrap: true, Min: 10},
		{Header: "ALLOWED", Wrap: true, Min: 20},
		{Header: "CHANGES", Wrap: true, Min: 30},
	}}
	for _, k := range scenario.All() {
		applies := "env, tier"
		if k.Files {
			applies = "env, tier, stack files"
		}
		allowed := k.Allowed()
		if len(allowed) > 40 {
			allowed = strings.Join(k.Choices()[:3], ", ") + ", ... (" + fmt.Sprint(len(k.Choices())) + " in all)"
		}
		g.Add(k.Name, applies, allowed, k.Help)
	}
	return g.Write(w, width)
}
