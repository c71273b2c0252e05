package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/shopspring/decimal"
	"github.com/spf13/cobra"
	"github.com/tiercost/tiercost/cmd/tiercost/internal/engine"
	"github.com/tiercost/tiercost/components/spec"
	"github.com/tiercost/tiercost/costmodel/capacity"
	"github.com/tiercost/tiercost/costmodel/catalog"
	"github.com/tiercost/tiercost/costmodel/money"
	"github.com/tiercost/tiercost/costmodel/output"
	"github.com/tiercost/tiercost/costmodel/report"
	"github.com/tiercost/tiercost/costmodel/uncertainty"
	"github.com/tiercost/tiercost/stacks"
)

// reportFormats maps --format to a renderer.
func reportRenderer(format string) func(io.Writer, report.Data) error {
	switch format {
	case "markdown":
		return report.Markdown
	case "html":
		return report.HTML
	case "csv":
		return report.CSV
	case "focus":
		return report.FOCUS
	case "json":
		return report.JSON
	}
	return nil
}

func (a *app) reportCmd() *cobra.Command {
	var t target
	var bf bandFlags
	var months int
	growth := 5.0
	var allTiers bool
	var format, out, budget, title string
	var bill billFlags
	cmd := &cobra.Command{
		Use:   "report (--env NAME | --tier NAME | --all-tiers) --format FORMAT --output FILE",
		Short: "Write a budget-review report: Markdown, HTML with charts, CSV, FOCUS CSV or JSON",
		Long: `Writes one report for a budget review. markdown and html open with an
executive summary (budget and headroom, the total and whether it is
complete, the next action and when, the top findings with their money,
what is not priced or modelled, where the prices come from), then the
tiers, components, assumptions per tier, findings and right-sizing, and
the line items last. html is one self-contained file with inline SVG
charts that opens offline. csv keeps every line item's raw price source.
focus is a FinOps FOCUS CSV of the projected month; with --all-tiers it
writes one file per tier (tiers.focus.csv: tiers-1k.focus.csv, ...), as
the tiers are alternatives that must not be summed. Each file is written
only when it rendered whole, through a temporary file and a rename.

--bands adds how wrong the estimate can be (docs/uncertainty.md): each
tier's P10, P50 and P90 as a whisker on the tiers chart and a table, the
chance of going over the budget, the tornado of what matters most, and,
for one environment or tier, a forecast over --months at --growth with its
P10–P90 fan (65 samples a month unless --samples says otherwise).`,
		Example: `  tiercost report --all-tiers --format html --output tiers.html
  tiercost report --env prod --format markdown --output prod.md
  tiercost report --tier 100k --format focus --output focus.csv
  tiercost report --env prod --bands --format html --output prod.html`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if allTiers {
				if t.env != "" || t.tier != "" {
					return fmt.Errorf("--all-tiers: only one of --env, --tier, --all-tiers may be given")
				}
			} else if err := a.validateTarget(t, false); err != nil {
				return fmt.Errorf("%v (or --all-tiers)", err)
			}
			render := reportRenderer(format)
			if render == nil {
				return a.checkFormat(format, reportFormats...)
			}
			if out == "" {
				return fmt.Errorf("--output: missing; allowed: a file path, or - for stdout")
			}
			perTier := allTiers && format == "focus"
			if perTier && out == "-" {
				return fmt.Errorf("--output: - (stdout) cannot hold several tiers' FOCUS files; allowed: a file path, which gets one file per tier")
			}
			if out != "-" {
				if err := checkOutputDir(out); err != nil {
					return err
				}
			}
			if perTier {
				// Every tier's file is checked before any is written.
				for _, tier := range spec.Tiers {
					if err := checkOutputDir(report.TierPath(out, tier)); err != nil {
						return err
					}
				}
			}
			limit, err := a.parseBudget(budget)
			if err != nil {
				return err
			}
			if bill.path != "" || bill.period != "" {
				if allTiers || t.tier != "" {
					return fmt.Errorf("--bill: a bill is compared with a deployed environment; allowed: --env NAME with --bill")
				}
				if err := a.checkBill(bill); err != nil {
					return err
				}
			}
			if bf.on {
				if err := bf.check(a); err != nil {
					return err
				}
				if months < minForecastMonths || months > maxForecastMonths {
					return fmt.Errorf("%s: %d is out of range; allowed: %d to %d", a.src("months"), months, minForecastMonths, maxForecastMonths)
				}
			}
			d, err := a.reportData(t, allTiers, limit, title, reportBands{bandFlags: bf, months: months, growth: growth, samplesSet: cmd.Flags().Changed("samples")})
			if err != nil {
				return err
			}
			if bill.path != "" {
				if d.LastMonth, err = a.lastMonth(cmd, bill, t); err != nil {
					return err
				}
			}
			if perTier {
				// The tiers are alternative futures: one FOCUS file each.
				for _, one := range report.ByTier(d) {
					path := report.TierPath(out, one.Tiers[0].Name)
					if err := writeOutput(cmd.OutOrStdout(), path, func(w io.Writer) error { return render(w, one) }); err != nil {
						return err
					}
					fmt.Fprintf(a.opts.Err, "tiercost: wrote %s\n", path)
				}
				return nil
			}
			if err := writeOutput(cmd.OutOrStdout(), out, func(w io.Writer) error { return render(w, d) }); err != nil {
				return err
			}
			if out != "-" {
				fmt.Fprintf(a.opts.Err, "tiercost: wrote %s\n", out)
			}
			return nil
		},
	}
	addTargetFlags(cmd, &t, false)
	f := cmd.Flags()
	f.BoolVar(&allTiers, "all-tiers", false, "report all four tiers side by side")
	f.StringVar(&format, "format", "markdown", "report format: markdown, html, csv, focus or json")
	f.StringVarP(&out, "output", "o", "", "file to write (- for stdout)")
	f.StringVar(&budget, "budget", "", "monthly budget in US dollars (default: the environment's budget)")
	f.StringVar(&title, "title", "", "report title (default: tiercost budget review: <target>)")
	addBillFlags(cmd, &bill, false)
	addBandFlags(cmd, &bf, true, uncertainty.DefaultSamples)
	f.IntVar(&months, "months", 12, fmt.Sprintf("with --bands, one environment or tier: months to forecast, %d to %d", minForecastMonths, maxForecastMonths))
	f.Var(percentValue{&growth}, "growth", fmt.Sprintf("with --bands: the forecast's monthly user growth in percent, %d to %d", minGrowthPct, maxGrowthPct))
	return cmd
}

// reportBands is what report --bands asks for.
type reportBands struct {
	bandFlags
	months     int
	growth     float64
	samplesSet bool
}

// lastMonth compares the environment's plan with its bill for the
// report's summary ("last month: plan vs actual").
func (a *app) lastMonth(cmd *cobra.Command, b billFlags, t target) (*report.PlanVsActual, error) {
	res, _, err := a.estimate(t)
	if err != nil {
		return nil, err
	}
	rep, err := a.compareBill(cmd, b, t, res)
	if err != nil {
		return nil, err
	}
	if o := rep.OtherProviders; o != nil {
		a.warn("%s: %s", rep.Bill.Name, output.OtherProvidersText(*o))
	}
	out := &report.PlanVsActual{Period: rep.Period, Bill: rep.Bill.Name, Planned: rep.Planned, PlannedIncomplete: rep.PlannedIncomplete,
		Billed: rep.MatchedBilled, Effective: rep.MatchedEffective, Difference: rep.Difference, Percent: rep.Percent, Unmatched: rep.UnmatchedBilled}
	for _, r := range output.ActualLargest(rep, 3) {
		if r.Difference.Round(2).IsZero() {
			break
		}
		line := r.Name + " " + money.Signed(r.Difference)
		if len(r.Causes) > 0 {
			var causes []string
			for _, c := range r.Causes {
				causes = append(causes, c.Text)
			}
			line += ": " + strings.Join(causes, "; ")
		}
		out.Largest = append(out.Largest, line)
	}
	return out, nil
}

// checkOutputDir fails early, before any pricing, when --output names a
// path outputDest would refuse: a missing folder, a device, a FIFO.
func checkOutputDir(path string) error {
	_, _, err := outputDest(path)
	return err
}

// reportData prices the target(s) and gathers everything the report shows.
func (a *app) reportData(t target, allTiers bool, limit *decimal.Decimal, title string, rb reportBands) (report.Data, error) {
	c, _, err := a.openCatalog()
	if err != nil {
		return report.Data{}, err
	}
	days, asOf := catalog.Age(c, a.opts.Now())
	if days > staleDays {
		a.warnStale(c)
	}
	d := report.Data{Generated: a.opts.Now(), CatalogAsOf: asOf, Region: a.cfg.Region, NotModeled: report.NotModeled()}
	var results []engine.Result
	if allTiers {
		tiers, res, err := a.estimateTiers(true)
		if err != nil {
			return d, err
		}
		d.Tiers, results = tiers, res
		d.Title = "tiercost budget review: all tiers"
	} else {
		t.findings = true
		res, _, err := a.estimate(t)
		if err != nil {
			return d, err
		}
		name := res.Tier
		if name == "" {
			name = t.tier
		}
		if t.env != "" {
			name = t.env
		}
		d.Tiers = report.Summarize([]report.TierInput{{Name: name, Users: int64(res.Users), Breakdown: res.Breakdown}})
		results = []engine.Result{res}
	}
	several := len(results) > 1
	for i, res := range results {
		tier := &d.Tiers[i]
		if res.Tier != "" && res.Tier != tier.Name {
			tier.Architecture = res.Tier
		}
		tier.Next = res.Next
		if res.Workload != nil {
			tier.Assumptions = assumptions(*res.Workload, res.Resolution)
		}
	}
	if !several {
		d.Title = "tiercost budget review: " + d.Tiers[0].Label()
	}
	if title != "" {
		d.Title = title
	}
	last := results[len(results)-1]
	if d.Region == "" {
		d.Region = last.Region
	}
	if limit == nil {
		limit = last.BudgetMonthlyUSD
	}
	if limit != nil {
		b := report.CheckBudget(*limit, d.Tiers[len(d.Tiers)-1].Total(), d.Tiers[len(d.Tiers)-1].Name)
		d.Budget = &b
	}
	if rb.on {
		if err := a.reportBands(&d, t, allTiers, results, c, rb); err != nil {
			return d, err
		}
	}
	for i, res := range results {
		if res.Spec == nil || res.Workload == nil {
			continue
		}
		if res.RightsizingErr != nil {
			a.warn("right-sizing %s: %v", d.Tiers[i].Name, res.RightsizingErr)
		} else if res.Rightsizing != nil {
			d.Rightsizing = append(d.Rightsizing, rightsizeRows(tierOf(d.Tiers[i].Name, several), *res.Rightsizing)...)
		}
		for _, f := range res.Findings {
			d.Findings = append(d.Findings, report.Finding{Tier: tierOf(d.Tiers[i].Name, several), Rule: f.RuleID, Severity: f.Severity,
				Title: f.Title, Detail: f.Detail, Source: f.Source, Saving: f.Saving, Amount: f.Amount})
		}
	}
	return d, nil
}

// reportBands samples each tier's assumptions (band and tornado) and, for
// one environment or tier, the forecast with its fan.
func (a *app) reportBands(d *report.Data, t target, allTiers bool, results []engine.Result, c *catalog.Catalog, rb reportBands) error {
	for i, res := range results {
		tt := t
		if allTiers {
			tt = target{tier: spec.Tiers[i]}
		}
		if d.Budget != nil {
			res.BudgetMonthlyUSD = &d.Budget.Limit
		}
		bs, err := a.bands(tt, res, c, rb.bandFlags, true)
		if err != nil {
			return err
		}
		b := bs.Band
		rep := &report.Band{P10: b.Total.P10, P50: b.Total.P50, P90: b.Total.P90, Samples: b.Samples, Seed: b.Seed, OverBudget: b.OverBudget, Unpriced: b.Unpriced}
		for _, bar := range bs.Tornado {
			rep.Tornado = append(rep.Tornado, report.TornadoBar{Assumption: bar.Name, Range: bar.Range.String(), AtP10: bar.Low, AtP90: bar.High})
		}
		d.Tiers[i].Band = rep
	}
	if allTiers {
		return nil // the tiers are alternatives: no one forecast
	}
	res := results[0]
	req, err := a.request(t, c)
	if err != nil {
		return err
	}
	f, err := capacity.Forecast(forecastCost(a.opts.Estimate, req, nil), res.Users, rb.growth, rb.months, decimal.Zero)
	if err != nil {
		return err
	}
	fanOpts := engine.BandOptions{Seed: rb.seed}
	if rb.samplesSet {
		fanOpts.Samples = rb.samples
	}
	fan, err := engine.Estimator(a.opts.Estimate).Fan(req, res, rb.months, rb.growth, fanOpts)
	if err != nil {
		return err
	}
	fc := &report.Forecast{GrowthPct: rb.growth, Samples: uncertainty.DefaultFanSamples, Seed: rb.seed}
	if rb.samplesSet {
		fc.Samples = rb.samples
	}
	for i, m := range f.Months {
		fc.Months = append(fc.Months, report.ForecastMonth{Month: m.Month, Users: m.Users, Tier: m.Tier, Monthly: m.MonthlyCost,
			P10: fan[i].P10, P50: fan[i].P50, P90: fan[i].P90})
	}
	d.Forecast = fc
	return nil
}

// tierOf names a finding's tier when the report has several ("" otherwise).
func tierOf(name string, several bool) string {
	if several {
		return name
	}
	return ""
}

// rightsizeRows phrases a right-sizing report as plain rows.
func rightsizeRows(tier string, rep capacity.Report) []report.RightsizeRow {
	var rows []report.RightsizeRow
	for _, r := range rep.Recommendations {
		row := report.RightsizeRow{
			Tier:        tier,
			Resource:    r.Layer,
			Current:     fmt.Sprintf("%d x %s", r.CurrentCount, r.CurrentType),
			Recommended: fmt.Sprintf("%d x %s", r.RecommendedCount, r.RecommendedType),
			Finding:     r.Finding,
		}
		if r.MonthlySaving != nil {
			row.Saving = *r.MonthlySaving
		} else {
			row.Finding += " (saving not known: price not found)"
		}
		rows = append(rows, row)
	}
	return rows
}

// assumptions lists one tier's workload inputs and the peak rates sized
// from them (nil res: a file, not sized), for the report's per-tier columns.
func assumptions(w spec.Workload, res *stacks.Resolution) []report.Assumption {
	pct := func(v float64) string {
		return strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%.2f", v*100), "0"), ".") + " %"
	}
	num := func(v float64) string { return fmtFloat(v) }
	rps := func(v float64) string { return fmt.Sprintf("%.1f", v) }
	out := []report.Assumption{{Name: "Monthly active users", Value: money.Users(w.MonthlyActiveUsers)}}
	if res != nil {
		out = append(out,
			report.Assumption{Name: "Peak requests/s at the edge (all requests)", Value: rps(res.Sizing.PeakRPS)},
			report.Assumption{Name: "Peak requests/s at the origin (past the CDN)", Value: rps(res.Sizing.OriginPeakRPS)})
	}
	return append(out, []report.Assumption{
		{Name: "Daily active share (DAU/MAU)", Value: pct(w.DailyActiveShare)},
		{Name: "Requests per user per day", Value: num(w.RequestsPerUserPerDay)},
		{Name: "Peak to average", Value: num(w.PeakToAverage)},
		{Name: "Traffic shape", Value: w.TrafficShape},
		{Name: "Average response", Value: num(w.AvgResponseKB) + " KB"},
		{Name: "Edge-cacheable share", Value: pct(w.EdgeCacheableShare)},
		{Name: "CDN hit ratio", Value: pct(w.CDNHitRatio)},
		{Name: "DB queries per request", Value: num(w.DBQueriesPerRequest)},
		{Name: "Read share", Value: pct(w.ReadShare)},
		{Name: "Cache hit ratio", Value: pct(w.CacheHitRatio)},
		{Name: "Hot working set", Value: num(w.HotWorkingSetGB) + " GB"},
		{Name: "Data per user", Value: num(w.DataPerUserMB) + " MB"},
		{Name: "Monthly growth", Value: pct(w.MonthlyGrowth)},
	}...)
}
