package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/tiercost/tiercost/costmodel/actual"
	"github.com/tiercost/tiercost/costmodel/inputfile"
	"github.com/tiercost/tiercost/costmodel/money"
	"github.com/tiercost/tiercost/costmodel/output"
	"github.com/tiercost/tiercost/costmodel/resource"
	"github.com/tiercost/tiercost/costmodel/usage"
	"github.com/tiercost/tiercost/environments"
)

// calibrateResult is what calibrate shows (and writes with --format json).
type calibrateResult struct {
	Period    string            `json:"period"`
	UsageFile string            `json:"usageFile"`
	Evidence  []actual.Evidence `json:"evidence"`
	Proposals []actual.Proposal `json:"proposals"`
	Applied   string            `json:"applied,omitempty"`
}

func (a *app) calibrateCmd() *cobra.Command {
	var t target
	var b billFlags
	var out, format string
	var apply bool
	cmd := &cobra.Command{
		Use:   "calibrate --bill FILE (--env NAME | --stack-export FILE)",
		Short: "Write a usage file from a month's billed quantities and propose workload changes",
		Long: `Reads a billing export, matches its lines to the plan's resources as ` + "`tiercost actual`" + `
does, and writes the billed quantities as a usage file (docs/usage.md): NAT
gateway GB, data transfer, CloudFront GB and requests by region group, load
balancer capacity units (the plan's four dimensions scaled to the billed
LCU-hours), log GB, S3, snapshots and backups. Pass it with --usage and the
plan prices last month's quantities.

It also proposes the workload (requests per user per day, average response
size) that would have planned CloudFront's billed traffic, with the
evidence; --apply writes them into environments/<env>.yaml, so forecasts
start from the calibrated model.`,
		Example: `  tiercost calibrate --bill focus-2024-09.csv --env prod
  tiercost calibrate --bill cur.parquet --env prod --output usage-prod.yml --apply
  tiercost breakdown --env prod --usage usage-prod.yml`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if t.tier != "" || t.previewJSON != "" {
				return fmt.Errorf("--%s: calibrate reads what a deployed environment was billed; allowed: --env NAME or --stack-export FILE", map[bool]string{true: "tier", false: "preview-json"}[t.tier != ""])
			}
			if err := a.validateTarget(t, true); err != nil {
				return err
			}
			if apply && t.env == "" {
				return fmt.Errorf("--apply: writes an environment file, so it needs --env NAME; allowed: --env with --apply, or no --apply")
			}
			if err := a.checkFormat(format, "table", "json"); err != nil {
				return err
			}
			if err := a.checkBill(b); err != nil {
				return err
			}
			if out == "" {
				out = "usage-" + stackNameHint(t) + ".yml"
			}
			res, _, err := a.estimate(t)
			if err != nil {
				return err
			}
			plan := actual.Plan{Records: res.Records, Breakdown: res.Breakdown, Environment: stackName(t, res)}
			cal := actual.NewCalibrator(plan)
			opts, finish := a.billOptions(b.path)
			defer finish()
			info, err := actual.Read(b.path, opts, cal.Add)
			if err != nil {
				return fmt.Errorf("%s: %v", a.src("bill"), err)
			}
			periods := cal.Periods()
			period := b.period
			switch {
			case len(periods) == 0:
				return fmt.Errorf("%s: %s: no usage line matches a resource of the plan; allowed: a bill of this environment", a.src("bill"), info.Name)
			case period == "" && len(periods) > 1:
				return fmt.Errorf("%s: %s covers %s; allowed: --period with one of them", a.src("bill"), info.Name, strings.Join(periods, ", "))
			case period == "":
				period = periods[0]
			case !contains(periods, period):
				return fmt.Errorf("%s: %s is not in %s; allowed: %s", a.src("period"), inputfile.Excerpt(period), info.Name, strings.Join(periods, ", "))
			}
			if o := cal.OtherProviders(period); o != nil {
				a.warn("%s: %s", info.Name, output.OtherProvidersText(*o))
			}
			c := cal.Calibrate(period, res.Usage, res.Records)
			r := calibrateResult{Period: period, UsageFile: out, Evidence: c.Evidence}
			if res.Workload != nil {
				var cdn []resource.Record
				for _, rec := range res.Records {
					if rec.Type == resource.TypeCloudFront {
						cdn = append(cdn, rec)
					}
				}
				r.Proposals = actual.Propose(c, res.Usage, cdn, res.Workload.RequestsPerUserPerDay, res.Workload.AvgResponseKB)
			}
			header := fmt.Sprintf("# Usage calibrated from %s, billing period %s, by tiercost calibrate.\n# Pass it with --usage; docs/actuals.md says how each key was derived.\n",
				inputfile.Name(info.Name), period)
			if err := writeOutput(cmd.OutOrStdout(), out, func(w io.Writer) error {
				_, err := io.WriteString(w, header+string(usage.Marshal(c.Usage)))
				return err
			}); err != nil {
				return err
			}
			if apply && len(r.Proposals) > 0 {
				path, err := a.applyWorkload(t.env, res.Profile, r.Proposals)
				if err != nil {
					return err
				}
				r.Applied = path
			}
			if format == "json" {
				return writeJSON(cmd.OutOrStdout(), r)
			}
			return printCalibration(cmd.OutOrStdout(), r, apply)
		},
	}
	addTargetFlags(cmd, &t, true)
	addPricingFlags(cmd)
	addBillFlags(cmd, &b, true)
	cmd.Flags().StringVar(&out, "output", "", "usage file to write (default usage-<env>.yml)")
	cmd.Flags().BoolVar(&apply, "apply", false, "write the proposed workload into environments/<env>.yaml")
	cmd.Flags().StringVar(&format, "format", "table", "output format: table or json")
	return cmd
}

// stackNameHint names the default usage file before anything is priced.
func stackNameHint(t target) string {
	if t.env != "" {
		return t.env
	}
	return strings.TrimSuffix(filepath.Base(t.stackExport), filepath.Ext(t.stackExport))
}

func printCalibration(w io.Writer, r calibrateResult, apply bool) error {
	ew := &strings.Builder{}
	fmt.Fprintf(ew, "Wrote %s: the quantities billed in %s.\n\n", r.UsageFile, r.Period)
	for _, e := range r.Evidence {
		planned := "none planned"
		if e.Planned != nil {
			planned = money.GroupedQuantity(*e.Planned) + " planned"
		}
		fmt.Fprintf(ew, "  %-22s %-38s %s billed, %s\n", e.Resource, e.Key, money.GroupedQuantity(e.Billed), planned)
		if e.Note != "" {
			fmt.Fprintf(ew, "  %-22s %-38s %s\n", "", "", e.Note)
		}
	}
	if len(r.Proposals) > 0 {
		fmt.Fprintf(ew, "\nWorkload the bill suggests:\n")
		for _, p := range r.Proposals {
			fmt.Fprintf(ew, "  %s: %g → %g (%s)\n", p.Field, p.From, p.To, p.Evidence)
		}
		switch {
		case r.Applied != "":
			fmt.Fprintf(ew, "Applied to %s.\n", r.Applied)
		case !apply:
			fmt.Fprintf(ew, "Run again with --apply to write them into the environment file.\n")
		}
	} else {
		fmt.Fprintf(ew, "\nNo workload change: CloudFront's billed traffic is within 2 %% of the plan's, or there is none.\n")
	}
	_, err := io.WriteString(w, ew.String())
	return err
}

// applyWorkload writes the proposals into environments/<env>.yaml in the
// working folder: the profile as priced, with the new workload values,
// through a temporary file and a rename, so it is never half written.
func (a *app) applyWorkload(env string, p *environments.Profile, proposals []actual.Proposal) (string, error) {
	if p == nil {
		return "", fmt.Errorf("--apply: the environment %s has no profile to write", env)
	}
	prof := p.Clone()
	for _, pr := range proposals {
		if err := prof.SetWorkload(pr.Field, pr.To); err != nil {
			return "", fmt.Errorf("--apply: %v", err)
		}
	}
	data, err := prof.Marshal("calibrated by tiercost calibrate from a bill: " + proposalFields(proposals))
	if err != nil {
		return "", fmt.Errorf("--apply: %v", err)
	}
	dir := filepath.Join(a.opts.WorkDir, "environments")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("--apply: %s: %v", dir, unwrapPathError(err))
	}
	path := filepath.Join(dir, env+".yaml")
	if err := writeOutput(io.Discard, path, func(w io.Writer) error { _, err := w.Write(data); return err }); err != nil {
		return "", fmt.Errorf("--apply: %v", strings.TrimPrefix(err.Error(), "--output: "))
	}
	return path, nil
}

func proposalFields(ps []actual.Proposal) string {
	var out []string
	for _, p := range ps {
		out = append(out, fmt.Sprintf("%s %g → %g", p.Field, p.From, p.To))
	}
	return strings.Join(out, ", ")
}
