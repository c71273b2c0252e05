package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"
	"time"

	"github.com/shopspring/decimal"
	"github.com/spf13/cobra"
	"github.com/tiercost/tiercost/cmd/tiercost/internal/engine"
	"github.com/tiercost/tiercost/cmd/tiercost/internal/scenario"
	"github.com/tiercost/tiercost/components/spec"
	"github.com/tiercost/tiercost/costmodel/inputfile"
	"github.com/tiercost/tiercost/costmodel/money"
	"github.com/tiercost/tiercost/costmodel/output"
	"github.com/tiercost/tiercost/costmodel/pricing"
	"github.com/tiercost/tiercost/costmodel/report"
	"github.com/tiercost/tiercost/costmodel/resource"
	"github.com/tiercost/tiercost/costmodel/usage"
	"github.com/tiercost/tiercost/stacks"
)

func (a *app) resourcesCmd() *cobra.Command {
	var t target
	var format string
	cmd := &cobra.Command{
		Use:   "resources (--env NAME | --tier NAME)",
		Short: "List the resources the Pulumi program creates for an environment or tier",
		Example: `  tiercost resources --tier 1k
  tiercost resources --env prod --format json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := a.validateTarget(t, false); err != nil {
				return err
			}
			if err := a.checkFormat(format, "table", "json"); err != nil {
				return err
			}
			res, _, err := a.estimate(t)
			if err != nil {
				return err
			}
			recs := append([]resource.Record(nil), res.Records...)
			resource.Sort(recs)
			if format == "json" {
				data, err := stacks.ResourcesJSON(recs)
				if err != nil {
					return err
				}
				_, err = cmd.OutOrStdout().Write(data)
				return err
			}
			return output.ResourcesTable(cmd.OutOrStdout(), recs)
		},
	}
	addTargetFlags(cmd, &t, false)
	cmd.Flags().StringVar(&format, "format", "table", "output format: table or json")
	return cmd
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// projectType maps a target to the Infracost project metadata type.
func projectType(t target) (typ, path string) {
	switch {
	case t.stackExport != "":
		return output.TypeStackExport, t.stackExport
	case t.previewJSON != "":
		return output.TypePreviewJSON, t.previewJSON
	case t.env != "":
		return output.TypeProgram, "env:" + t.env
	}
	return output.TypeProgram, "tier:" + t.tier
}

func (a *app) breakdownCmd() *cobra.Command {
	var t target
	var format string
	cmd := &cobra.Command{
		Use:   "breakdown (--env NAME | --tier NAME | --stack-export FILE | --preview-json FILE)",
		Short: "Price every resource line by line",
		Long: `Prices every resource the program creates (or a stack export or preview holds)
line by line: quantity, unit, price and monthly cost, grouped by component,
with fixed and usage-based totals. A price not in the catalog is shown as
"price not found", never as $0. --format json writes Infracost's JSON schema
(version 0.2), which ` + "`tiercost diff`" + ` and Infracost's own tooling read.`,
		Example: `  tiercost breakdown --tier 10k
  tiercost breakdown --env prod --usage usage.yml --show-provenance
  tiercost breakdown --preview-json preview.json --format json > estimate.json
  tiercost breakdown --tier 100k --region eu-west-1 --show-provenance
  tiercost breakdown --stack-export stack.json --purchase reserved-1yr-no-upfront`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := a.validateTarget(t, true); err != nil {
				return err
			}
			if err := a.checkFormat(format, "table", "json"); err != nil {
				return err
			}
			res, c, err := a.estimate(t)
			if err != nil {
				return err
			}
			a.warnStale(c)
			for _, w := range res.Breakdown.Warnings {
				a.warn("%s", w)
			}
			if n := res.Breakdown.MissingPrices; n > 0 {
				a.warn("%s in the catalog for %s; the total is a lower bound (see \"Not priced\")", noPrice(n), res.Breakdown.Region)
			}
			return a.renderBreakdown(cmd.OutOrStdout(), t, res, format)
		},
	}
	addTargetFlags(cmd, &t, true)
	addPricingFlags(cmd)
	f := cmd.Flags()
	f.Bool("show-provenance", false, "show each price's catalog layer and as-of date")
	f.StringVar(&format, "format", "table", "output format: table or json")
	return cmd
}

// addPricingFlags adds the settings that change how an estimate is priced.
func addPricingFlags(cmd *cobra.Command) {
	f := cmd.Flags()
	f.String("usage", "", "usage file (YAML, Infracost's layout) for usage-based quantities")
	f.String("purchase", "", "purchase option: on-demand, reserved-1yr-no-upfront, ... (default: as the environment says)")
	f.Float64("savings-plan-coverage", 0, "percent of compute covered by a Compute Savings Plan, 0 to 100")
	f.Bool("free-tier", false, "apply the AWS free tier allowances")
	f.Float64("monthly-hours", 0, "duty cycle: hours a month the EC2 instances run (0 = 730, always on); other resources stay at 730")
	f.StringArray("set", nil, "what-if knob, KNOB=VALUE, repeatable (tiercost knobs lists them: "+strings.Join(knobNames(), ", ")+")")
}

// knobNames lists the knobs' names for help texts.
func knobNames() []string {
	var out []string
	for _, k := range scenario.Knobs() {
		out = append(out, k.Name)
	}
	return out
}

func (a *app) renderBreakdown(w io.Writer, t target, res engine.Result, format string) error {
	if format == "json" {
		typ, path := projectType(t)
		b := res.Breakdown
		// Copy before adding, so the engine's map is never written to.
		meta := map[string]string{}
		for k, v := range b.Metadata {
			meta[k] = v
		}
		for k, v := range map[string]string{"tier": res.Tier, "environment": t.env} {
			if _, ok := meta[k]; !ok && v != "" {
				meta[k] = v
			}
		}
		if _, ok := meta["users"]; !ok && res.Users > 0 {
			meta["users"] = fmtFloat(res.Users)
		}
		b.Metadata = meta
		data, err := output.InfracostJSON([]output.Project{{Name: res.Name, Path: path, Type: typ, Breakdown: b}}, a.opts.Now())
		if err != nil {
			return err
		}
		_, err = w.Write(data)
		return err
	}
	return output.Table(w, res.Breakdown, output.TableOptions{ShowProvenance: a.cfg.ShowProvenance})
}

func (a *app) tiersCmd() *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "tiers",
		Short: "Compare the monthly cost of the 1k, 10k, 100k and 1m tiers",
		Example: `  tiercost tiers
  tiercost tiers --format json --region eu-west-1`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return a.runTiers(cmd, format)
		},
	}
	cmd.Flags().StringVar(&format, "format", "table", "output format: table or json")
	return cmd
}

// estimateTiers prices every tier in growth order, with findings when asked.
func (a *app) estimateTiers(findings bool) ([]report.TierSummary, []engine.Result, error) {
	var in []report.TierInput
	var results []engine.Result
	for _, tier := range spec.Tiers {
		res, _, err := a.estimate(target{tier: tier, findings: findings})
		if err != nil {
			return nil, nil, fmt.Errorf("tier %s: %w", tier, err)
		}
		users, _ := spec.TierUsers(tier)
		if res.Users > 0 {
			users = res.Users
		}
		in = append(in, report.TierInput{Name: tier, Users: int64(users), Breakdown: res.Breakdown})
		results = append(results, res)
	}
	return report.Summarize(in), results, nil
}

func (a *app) runTiers(cmd *cobra.Command, format string) error {
	if err := a.checkFormat(format, "table", "json"); err != nil {
		return err
	}
	tiers, results, err := a.estimateTiers(false)
	if err != nil {
		return err
	}
	if format == "json" {
		data, err := tiersJSON(tiers, results, a.opts.Now())
		if err != nil {
			return err
		}
		_, err = cmd.OutOrStdout().Write(data)
		return err
	}
	return tiersTable(cmd.OutOrStdout(), tiers, results)
}

// tiersJSON is the Infracost breakdown schema with one project per tier;
// each project's metadata holds the tier, its users and the comparison.
func tiersJSON(tiers []report.TierSummary, results []engine.Result, now time.Time) ([]byte, error) {
	projects := make([]output.Project, len(tiers))
	for i, t := range tiers {
		b := results[i].Breakdown
		meta := map[string]string{}
		for k, v := range b.Metadata {
			meta[k] = v
		}
		meta["tier"], meta["users"] = t.Name, fmt.Sprint(t.Users)
		meta["fixedMonthlyCost"], meta["usageMonthlyCost"] = money.Exact(t.Fixed), money.Exact(t.Usage)
		meta["costPerUser"] = money.Exact(t.CostPerUser)
		if t.Delta != nil {
			meta["deltaMonthlyCost"] = money.Exact(*t.Delta)
		}
		if r := results[i].Resolution; r != nil {
			meta["peakRps"] = fmt.Sprintf("%.2f", r.Sizing.PeakRPS)
			meta["mainResources"] = mainResources(r.Spec)
		}
		b.Metadata = meta
		projects[i] = output.Project{Name: "tier " + t.Name, Path: "tier:" + t.Name, Type: output.TypeProgram, Breakdown: b}
	}
	return output.InfracostJSON(projects, now)
}

// mainResources summarises a tier's sized layers in one short line.
func mainResources(s spec.Spec) string {
	parts := []string{fmt.Sprintf("%d-%d x %s", s.Compute.MinSize, s.Compute.MaxSize, s.Compute.InstanceType)}
	db := s.Database.InstanceClass
	if s.Database.MultiAZ {
		db += " multi-AZ"
	}
	if s.Database.ReadReplicas > 0 {
		db += fmt.Sprintf(" +%dr", s.Database.ReadReplicas)
	}
	if s.Database.Shards > 1 {
		db = fmt.Sprintf("%d x (%s)", s.Database.Shards, db)
	}
	parts = append(parts, db)
	if s.Cache.Enabled {
		parts = append(parts, fmt.Sprintf("%d x %s", s.Cache.Shards*(s.Cache.ReplicasPerShard+1), s.Cache.NodeType))
	}
	if s.CDN.Enabled {
		parts = append(parts, "CDN")
	}
	return strings.Join(parts, ", ")
}

// tiersTable hands the tiers, with the sizing behind each, to the renderer.
func tiersTable(w io.Writer, tiers []report.TierSummary, results []engine.Result) error {
	rows := make([]output.TierRow, len(tiers))
	for i, t := range tiers {
		rows[i] = output.TierRow{Name: t.Name, Users: t.Users, Monthly: t.Total(), Fixed: t.Fixed, Usage: t.Usage,
			CostPerUser: t.CostPerUser, Delta: t.Delta, NotPriced: t.Breakdown.MissingPrices}
		if i < len(results) && results[i].Resolution != nil {
			rps := results[i].Resolution.Sizing.PeakRPS
			rows[i].PeakRPS, rows[i].MainResources = &rps, mainResources(results[i].Resolution.Spec)
		}
	}
	return output.TiersTable(w, rows)
}

func (a *app) checkCmd() *cobra.Command {
	var t target
	var budget string
	cmd := &cobra.Command{
		Use:   "check (--env NAME | --tier NAME) [--budget USD]",
		Short: "Exit 1 when the estimate is over its monthly budget",
		Long: `Compares the monthly estimate with a budget: --budget, or the environment's
budget. Exit status 0 means within budget, 1 over budget (the overage and
the three largest resources are printed), 2 bad input.`,
		Example: `  tiercost check --env prod
  tiercost check --tier 100k --budget 2500`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := a.validateTarget(t, false); err != nil {
				return err
			}
			limit, err := a.parseBudget(budget)
			if err != nil {
				return err
			}
			res, _, err := a.estimate(t)
			if err != nil {
				return err
			}
			if limit == nil {
				limit = res.BudgetMonthlyUSD
			}
			if limit == nil {
				return fmt.Errorf("--budget: no budget applies to %s; allowed: --budget USD, or a budget in the environment file", res.Name)
			}
			return a.printCheck(cmd.OutOrStdout(), res, *limit)
		},
	}
	addTargetFlags(cmd, &t, false)
	cmd.Flags().StringVar(&budget, "budget", "", "monthly budget in US dollars (default: the environment's budget)")
	return cmd
}

// printCheck writes the budget verdict and returns an exit-1 error when over.
func (a *app) printCheck(w io.Writer, res engine.Result, limit decimal.Decimal) error {
	b := res.Breakdown
	st := report.CheckBudget(limit, b.TotalMonthlyCost, res.Tier)
	name := res.Name
	if name == "" {
		name = b.Project
	}
	fmt.Fprintf(w, "%s: %s a month against a budget of %s\n", name, money.USD(b.TotalMonthlyCost), money.USD(limit))
	if b.MissingPrices > 0 {
		fmt.Fprintf(w, "note: %s and %s not in the total\n", noPrice(b.MissingPrices), isAre(b.MissingPrices))
	}
	if st.Status == report.WithinBudget {
		fmt.Fprintf(w, "within budget: %s headroom\n", money.USD(limit.Sub(b.TotalMonthlyCost)))
		return nil
	}
	fmt.Fprintf(w, "OVER BUDGET by %s\n\nLargest cost drivers:\n", money.USD(st.Overage))
	for i, r := range topDrivers(b, 3) {
		fmt.Fprintf(w, "  %d. %s (%s): %s\n", i+1, r.Name, r.Type, money.USD(r.MonthlyCost))
	}
	return overBudget("%s is over budget by %s", name, money.USD(st.Overage))
}

func (a *app) diffCmd() *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "diff SOURCE_A SOURCE_B",
		Short: "Show what moves between two estimates, resource by resource",
		Long: `Compares two estimates like ` + "`infracost diff`" + `: added, removed and changed
resources, the line items that moved and the monthly totals. A source is
env:NAME, tier:NAME, export:FILE (pulumi stack export), preview:FILE
(pulumi preview --json), or the path of a saved ` + "`breakdown --format json`" + ` file.`,
		Example: `  tiercost diff tier:10k tier:100k
  tiercost diff estimate.json env:prod
  tiercost diff export:stack.json preview:preview.json --format json`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 2 {
				return fmt.Errorf("diff needs two sources, got %d; allowed: env:NAME, tier:NAME, export:FILE, preview:FILE or a saved breakdown JSON file", len(args))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := a.checkFormat(format, "table", "json"); err != nil {
				return err
			}
			var sides [2]pricing.Breakdown
			for i, s := range args {
				b, err := a.diffSource(s)
				if err != nil {
					return err
				}
				sides[i] = b
			}
			d := output.Diff(sides[0], sides[1])
			if format == "json" {
				data, err := output.DiffJSON(d)
				if err != nil {
					return err
				}
				_, err = cmd.OutOrStdout().Write(data)
				return err
			}
			return output.DiffTable(cmd.OutOrStdout(), d)
		},
	}
	addPricingFlags(cmd)
	cmd.Flags().StringVar(&format, "format", "table", "output format: table or json")
	return cmd
}

// diffSource prices or reads one side of a diff.
func (a *app) diffSource(s string) (pricing.Breakdown, error) {
	kind, rest, ok := strings.Cut(s, ":")
	var t target
	switch {
	case ok && kind == "env":
		t.env = rest
	case ok && kind == "tier":
		t.tier = strings.ToLower(rest) // tier:1M is tier:1m
	case ok && kind == "export":
		t.stackExport = rest
	case ok && kind == "preview":
		t.previewJSON = rest
	default:
		if _, err := os.Lstat(s); errors.Is(err, fs.ErrNotExist) {
			return pricing.Breakdown{}, fmt.Errorf("%s: file not found; allowed: env:NAME, tier:NAME, export:FILE, preview:FILE or a saved breakdown JSON file", s)
		}
		if err := inputfile.Check(s, inputfile.Breakdown); err != nil {
			return pricing.Breakdown{}, err
		}
		bs, err := output.ReadInfracostFile(s)
		if err != nil {
			return pricing.Breakdown{}, err
		}
		if len(bs) > 1 {
			a.warn("%s holds %d projects; comparing the first, %s", s, len(bs), bs[0].Project)
		}
		return bs[0], nil
	}
	if rest == "" {
		return pricing.Breakdown{}, fmt.Errorf("%s: %s: empty; allowed: %s:NAME or %s:FILE", s, kind, kind, kind)
	}
	if err := a.validateTarget(t, true); err != nil {
		return pricing.Breakdown{}, fmt.Errorf("%s: %w", s, err)
	}
	res, _, err := a.estimate(t)
	if err != nil {
		return pricing.Breakdown{}, fmt.Errorf("%s: %w", s, err)
	}
	if res.Breakdown.Project == "" {
		res.Breakdown.Project = s
	}
	return res.Breakdown, nil
}

func (a *app) usageCmd() *cobra.Command {
	var t target
	cmd := &cobra.Command{
		Use:   "usage (--env NAME | --tier NAME)",
		Short: "Print the workload model's usage quantities as a usage file",
		Long: `Prints, as a usage file (version 0.1), the usage quantities that the
workload model derives for an environment or tier: load-balancer LCU
inputs, CloudFront egress and requests, NAT and internet egress, log
volume and storage. Save it, edit it, and pass it to any breakdown with
--usage, for example to price a stack export exactly as the estimate did.`,
		Example: `  tiercost usage --env prod > prod-usage.yml
  tiercost breakdown --stack-export prod.json --usage prod-usage.yml`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := a.validateTarget(t, false); err != nil {
				return err
			}
			res, _, err := a.estimate(t)
			if err != nil {
				return err
			}
			if res.Usage == nil {
				return fmt.Errorf("%s: no workload usage to write", res.Name)
			}
			_, err = cmd.OutOrStdout().Write(usage.Marshal(res.Usage))
			return err
		},
	}
	addTargetFlags(cmd, &t, false)
	return cmd
}
