package main

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"
	"github.com/tiercost/tiercost/cmd/tiercost/internal/engine"
	"github.com/tiercost/tiercost/costmodel/gate"
	"github.com/tiercost/tiercost/costmodel/report"
)

func (a *app) commentCmd() *cobra.Command {
	var format, out string
	var gf gateFlags
	cmd := &cobra.Command{
		Use:   "comment --format github|gitlab|markdown SOURCE_BEFORE SOURCE_AFTER",
		Short: "Write a pull-request comment: the change in monthly cost, resource by resource",
		Long: `Writes a pull-request comment in Markdown: the monthly total before and after
with the change and percent, a collapsed table of the resources that
change (largest change first), the budget verdicts, what could not be
priced, and the findings (an overload, say) that the new estimate has and
the old one had not. A SOURCE is ` + sourceSyntax + `.

The budget gates are check's: --budget, a --budgets file or the
environment's budget, and --max-increase / --max-increase-percent over
SOURCE_BEFORE. The comment shows their verdicts; it always exits 0 when it
could be written, so post it first and gate with ` + "`tiercost check`" + `.
GitHub and GitLab comments start with ` + report.CommentMarker + ` so a CI job
can find and update its earlier comment.`,
		Example: `  tiercost comment --format github export:base.json preview:pr.json > comment.md
  tiercost comment --format gitlab env:prod tier:1m --budget 6000
  tiercost comment --format markdown estimate.json env:staging --output comment.md`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 2 {
				return fmt.Errorf("comment needs two sources, got %d; allowed: %s", len(args), sourceSyntax)
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := a.checkFormat(format, report.Flavors()...); err != nil {
				return err
			}
			gl, err := a.parseGateFlags(gf)
			if err != nil {
				return err
			}
			var sides [2]engine.Result
			var targets [2]target
			for i, s := range args {
				t, err := parseSource(s)
				if err != nil {
					return err
				}
				// Findings come with env and tier sources: files have no sizing.
				t.findings = t.env != "" || t.tier != ""
				if err := a.validateTarget(t, true); err != nil {
					if t.saved == "" {
						err = fmt.Errorf("%s: %w", s, err)
					}
					return err
				}
				res, _, err := a.estimate(t)
				if err != nil {
					if t.saved == "" {
						err = fmt.Errorf("%s: %w", s, err)
					}
					return err
				}
				sides[i], targets[i] = res, t
			}
			before, after := sides[0], sides[1]
			c := report.Comment{
				BeforeName: project(targets[0], before).DisplayName, AfterName: project(targets[1], after).DisplayName,
				Before: before.Breakdown, After: after.Breakdown,
				NewFindings: report.NewFindings(findingsOf(before), findingsOf(after)),
			}
			limits, err := gl.limits(a, targets[1], after)
			if err != nil {
				return err
			}
			in := gateInput(after)
			in.Baseline, in.BaselineName, in.Limits = &before.Breakdown, resultName(before), limits
			c.Gates = gate.Evaluate(in, gate.Default()).Results
			return writeOutput(cmd.OutOrStdout(), out, func(w io.Writer) error { return report.CommentMarkdown(w, c, format) })
		},
	}
	addPricingFlags(cmd)
	addGateFlags(cmd, &gf)
	f := cmd.Flags()
	f.StringVar(&format, "format", report.FlavorMarkdown, "comment flavour: github, gitlab or markdown")
	f.StringVar(&out, "output", "", "write the comment to `FILE` instead of stdout")
	return cmd
}

// findingsOf lists an estimate's advisor findings as the report shows them.
func findingsOf(res engine.Result) []report.Finding {
	var out []report.Finding
	for _, f := range res.Findings {
		out = append(out, report.Finding{Rule: f.RuleID, Severity: f.Severity, Title: f.Title, Detail: f.Detail, Source: f.Source})
	}
	return out
}
