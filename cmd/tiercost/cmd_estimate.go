package main

import (
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"
	"github.com/tiercost/tiercost/cmd/tiercost/internal/engine"
	"github.com/tiercost/tiercost/cmd/tiercost/internal/scenario"
	"github.com/tiercost/tiercost/components/spec"
	"github.com/tiercost/tiercost/costmodel/money"
	"github.com/tiercost/tiercost/costmodel/output"
	"github.com/tiercost/tiercost/costmodel/report"
	"github.com/tiercost/tiercost/costmodel/resource"
	"github.com/tiercost/tiercost/costmodel/uncertainty"
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
			if err := output.ResourcesTable(cmd.OutOrStdout(), recs, a.width()); err != nil {
				return err
			}
			return httpsGapNotice(cmd.OutOrStdout(), res.Spec, a.width())
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

// project describes an estimate as an Infracost project: its type, path,
// name, display name and workspace (the environment or Pulumi stack).
func project(t target, res engine.Result) output.Project {
	p := output.Project{Name: res.Name, Breakdown: res.Breakdown, Workspace: stackName(t, res)}
	switch {
	case t.stackExport != "":
		p.Type, p.Path = output.TypeStackExport, t.stackExport
		p.DisplayName = fmt.Sprintf("stack %s (%s)", p.Workspace, filepath.Base(t.stackExport))
	case t.previewJSON != "":
		p.Type, p.Path = output.TypePreviewJSON, t.previewJSON
		p.DisplayName = fmt.Sprintf("stack %s, preview (%s)", p.Workspace, filepath.Base(t.previewJSON))
	case t.saved != "":
		p.Type, p.Path = output.TypeSavedBreakdown, t.saved
		p.DisplayName = fmt.Sprintf("%s (saved, %s)", res.Breakdown.Project, filepath.Base(t.saved))
	case t.env != "":
		p.Type, p.Path = output.TypeProgram, "env:"+t.env
		p.DisplayName = fmt.Sprintf("environment %s (tier %s)", t.env, res.Tier)
	default:
		p.Type, p.Path = output.TypeProgram, "tier:"+t.tier
		p.DisplayName, p.Workspace = "tier "+t.tier, ""
	}
	return p
}

// document wraps projects with the run's git facts and usage file.
func (a *app) document(command string, projects ...output.Project) output.Document {
	return output.Document{Command: command, Generated: a.opts.Now(), VCS: a.opts.VCS(a.opts.WorkDir), UsageFile: a.cfg.Usage, Projects: projects}
}

func (a *app) breakdownCmd() *cobra.Command {
	var t target
	var bf bandFlags
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
			if bf.on {
				if err := checkBandTarget(t, "--bands"); err != nil {
					return err
				}
				if err := bf.check(a); err != nil {
					return err
				}
			}
			res, c, err := a.estimate(t)
			if err != nil {
				return err
			}
			a.warnStale(c)
			for _, w := range res.Breakdown.Warnings {
				a.warn("%s", w)
			}
			var band *uncertainty.Band
			if bf.on {
				bs, err := a.bands(t, res, c, bf, false)
				if err != nil {
					return err
				}
				band = &bs.Band
			}
			return a.renderBreakdown(cmd.OutOrStdout(), t, res, format, band)
		},
	}
	addTargetFlags(cmd, &t, true)
	addPricingFlags(cmd)
	addBandFlags(cmd, &bf, true, uncertainty.DefaultSamples)
	f := cmd.Flags()
	f.Bool("show-provenance", false, "show each price's catalog layer and as-of date")
	f.Bool("show-free", false, "list the free resources by type (default: their count)")
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
	f.StringArray("set", nil, "what-if knob, KNOB=VALUE, or KNOB=P10..P90 for an assumption's range; repeatable (tiercost knobs lists them: "+strings.Join(knobNames(), ", ")+" and the other workload assumptions)")
}

// knobNames lists the TUI's knobs' names for help texts (tiercost knobs
// lists the workload assumptions too).
func knobNames() []string {
	var out []string
	for _, k := range scenario.Knobs() {
		out = append(out, k.Name)
	}
	return out
}

// renderBreakdown writes the breakdown, with its band (nil without
// --bands) as a line under the table or in the project's metadata.
func (a *app) renderBreakdown(w io.Writer, t target, res engine.Result, format string, band *uncertainty.Band) error {
	if format == "json" {
		p := project(t, res)
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
		if res.Spec != nil {
			var hops []string
			for _, g := range res.Spec.HTTPSGaps() {
				hops = append(hops, g.Hop)
			}
			if len(hops) > 0 {
				meta["plainHttp"] = strings.Join(hops, "; ")
			}
		}
		if band != nil {
			output.BandMetadata(meta, *band)
		}
		b.Metadata = meta
		p.Breakdown = b
		return a.document("breakdown", p).WriteJSON(w)
	}
	opts := output.TableOptions{ShowProvenance: a.cfg.ShowProvenance, ShowFree: a.cfg.ShowFree, Width: a.width()}
	if err := output.Table(w, res.Breakdown, opts); err != nil {
		return err
	}
	if band != nil {
		if err := writeBandLine(w, *band, res, a.width()); err != nil {
			return err
		}
	}
	return httpsGapNotice(w, res.Spec, a.width())
}

// httpsGapNotice says which hops stay on plain HTTP and why (no domain,
// so no certificate); nothing when every hop is HTTPS or the spec is
// unknown (a stack export). Lines wrap to width (0: no limit).
func httpsGapNotice(w io.Writer, s *spec.Spec, width int) error {
	if s == nil {
		return nil
	}
	gaps := s.HTTPSGaps()
	if len(gaps) == 0 {
		return nil
	}
	text := "\nStays on plain HTTP until a domain is set (domain.name with domain.zone_id or domain.zone; see README):"
	for _, g := range gaps {
		text += fmt.Sprintf("\n  %s: %s", g.Hop, g.Why)
	}
	_, err := fmt.Fprintln(w, output.Wrap(text, width, 2))
	return err
}

func (a *app) tiersCmd() *cobra.Command {
	var format string
	var bf bandFlags
	cmd := &cobra.Command{
		Use:   "tiers",
		Short: "Compare the monthly cost of the 1k, 10k, 100k and 1m tiers",
		Example: `  tiercost tiers
  tiercost tiers --format json --region eu-west-1`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return a.runTiers(cmd, format, bf)
		},
	}
	cmd.Flags().StringVar(&format, "format", "table", "output format: table or json")
	addBandFlags(cmd, &bf, true, uncertainty.DefaultSamples)
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

func (a *app) runTiers(cmd *cobra.Command, format string, bf bandFlags) error {
	if err := a.checkFormat(format, "table", "json"); err != nil {
		return err
	}
	if bf.on {
		if err := bf.check(a); err != nil {
			return err
		}
	}
	tiers, results, err := a.estimateTiers(false)
	if err != nil {
		return err
	}
	var bands []uncertainty.Band
	if bf.on {
		if bands, err = a.tierBands(results, bf); err != nil {
			return err
		}
	}
	if format == "json" {
		data, err := tiersJSON(a.document("breakdown"), tiers, results, bands)
		if err != nil {
			return err
		}
		_, err = cmd.OutOrStdout().Write(data)
		return err
	}
	if err := tiersTable(cmd.OutOrStdout(), tiers, results, a.width()); err != nil {
		return err
	}
	return tierBandLines(cmd.OutOrStdout(), tiers, bands, a.width())
}

// tierBands samples each tier's assumptions around its estimate.
func (a *app) tierBands(results []engine.Result, bf bandFlags) ([]uncertainty.Band, error) {
	c, _, err := a.openCatalog()
	if err != nil {
		return nil, err
	}
	out := make([]uncertainty.Band, len(results))
	for i, res := range results {
		bs, err := a.bands(target{tier: spec.Tiers[i]}, res, c, bf, false)
		if err != nil {
			return nil, fmt.Errorf("tier %s: %w", spec.Tiers[i], err)
		}
		out[i] = bs.Band
	}
	return out, nil
}

// tierBandLines writes each tier's band on a line of its own under the
// tiers table: a compact line rather than more columns.
func tierBandLines(w io.Writer, tiers []report.TierSummary, bands []uncertainty.Band, width int) error {
	if len(bands) == 0 {
		return nil
	}
	g := &output.Grid{Columns: []output.Column{{}, {Wrap: true, Min: 20}}}
	for i, b := range bands {
		g.Add("  "+tiers[i].Name, output.BandRange(b))
	}
	if _, err := fmt.Fprintf(w, "\nBands (each tier's own default ranges, %d samples, seed %d):\n", bands[0].Samples, bands[0].Seed); err != nil {
		return err
	}
	return g.Write(w, width)
}

// tiersJSON is the Infracost breakdown schema with one project per tier;
// each project's metadata holds the tier, its users and the comparison.
// The tiers are alternatives, so the document has no overall total.
func tiersJSON(doc output.Document, tiers []report.TierSummary, results []engine.Result, bands []uncertainty.Band) ([]byte, error) {
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
		if i < len(bands) {
			output.BandMetadata(meta, bands[i])
		}
		b.Metadata = meta
		projects[i] = output.Project{Name: "tier " + t.Name, DisplayName: "tier " + t.Name + " (one of the tiers, not a part of a total)",
			Path: "tier:" + t.Name, Type: output.TypeProgram, Breakdown: b}
	}
	doc.Projects, doc.Alternatives = projects, true
	return doc.JSON()
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
func tiersTable(w io.Writer, tiers []report.TierSummary, results []engine.Result, width int) error {
	rows := make([]output.TierRow, len(tiers))
	for i, t := range tiers {
		fixed, usage := t.Breakdown.Split()
		rows[i] = output.TierRow{Name: t.Name, Users: t.Users, Monthly: t.Total(), Fixed: fixed, Usage: usage,
			CostPerUser: t.CostPerUser, Delta: t.Delta, NotPriced: t.ItemsNotPriced, Overloaded: t.Overloaded}
		if i < len(results) && results[i].Resolution != nil {
			rps := results[i].Resolution.Sizing.PeakRPS
			rows[i].PeakRPS, rows[i].MainResources = &rps, mainResources(results[i].Resolution.Spec)
		}
	}
	return output.TiersTable(w, rows, width)
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
			var sides [2]output.Project
			for i, s := range args {
				res, t, err := a.estimateSource(s)
				if err != nil {
					return err
				}
				sides[i] = project(t, res)
			}
			if format == "json" {
				data, err := a.document("diff", diffProject(sides[0], sides[1])).JSON()
				if err != nil {
					return err
				}
				_, err = cmd.OutOrStdout().Write(data)
				return err
			}
			return output.DiffTable(cmd.OutOrStdout(), output.Diff(sides[0].Breakdown, sides[1].Breakdown), a.width())
		},
	}
	addPricingFlags(cmd)
	cmd.Flags().StringVar(&format, "format", "table", "output format: table or json")
	return cmd
}

// diffProject is the after side with the before side as its baseline:
// one project, so Infracost shows the change resource by resource.
func diffProject(before, after output.Project) output.Project {
	p := after
	past := before.Breakdown
	p.Past = &past
	p.DisplayName = before.DisplayName + " → " + after.DisplayName
	return p
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
