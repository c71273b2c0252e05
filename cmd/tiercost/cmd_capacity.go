package main

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"
	"github.com/spf13/cobra"
	"github.com/tiercost/tiercost/cmd/tiercost/internal/engine"
	"github.com/tiercost/tiercost/costmodel/capacity"
	"github.com/tiercost/tiercost/costmodel/inputfile"
	"github.com/tiercost/tiercost/costmodel/money"
	"github.com/tiercost/tiercost/costmodel/output"
	"github.com/tiercost/tiercost/costmodel/uncertainty"
)

func (a *app) rightsizeCmd() *cobra.Command {
	var t target
	var format, family string
	cmd := &cobra.Command{
		Use:   "rightsize (--env NAME | --tier NAME)",
		Short: "Compare each sized layer with the cheapest type that carries its peak",
		Example: `  tiercost rightsize --tier 100k
  tiercost rightsize --env prod --family graviton --format json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := a.validateTarget(t, false); err != nil {
				return err
			}
			if err := a.checkFormat(format, "table", "json"); err != nil {
				return err
			}
			if !contains([]string{"", "graviton", "x86"}, family) {
				return fmt.Errorf("%s: %s is unknown; allowed: graviton, x86 (or empty for the cheapest of both)", a.src("family"), inputfile.Excerpt(family))
			}
			t.findings, t.rightsizeFamily = true, family
			res, _, err := a.estimate(t)
			if err != nil {
				return err
			}
			if res.RightsizingErr != nil {
				return res.RightsizingErr
			}
			if res.Rightsizing == nil {
				return fmt.Errorf("%s: no spec or workload to right-size", res.Name)
			}
			rep := *res.Rightsizing
			if format == "json" {
				return output.CapacityJSON(cmd.OutOrStdout(), rep)
			}
			whole := res.Breakdown.Monthly()
			return output.RightsizeTable(cmd.OutOrStdout(), rep, output.RightsizeOptions{Width: a.width(), Estimate: &whole})
		},
	}
	addTargetFlags(cmd, &t, false)
	cmd.Flags().StringVar(&family, "family", "", "compute family: graviton or x86 (default: cheapest of both)")
	cmd.Flags().StringVar(&format, "format", "table", "output format: table or json")
	return cmd
}

// Forecast bounds, as capacity.Forecast accepts them.
const (
	minForecastMonths = 1
	maxForecastMonths = 120
	minGrowthPct      = -50
	maxGrowthPct      = 100
)

// percentValue is a --growth flag: a percent a month written 8, 8% or -3%.
type percentValue struct{ v *float64 }

func (p percentValue) String() string { return fmtFloat(*p.v) }
func (p percentValue) Type() string   { return "percent" }

func (p percentValue) Set(s string) error {
	t := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "%"))
	v, err := strconv.ParseFloat(t, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return valueError{fmt.Sprintf("%s is not a percentage; allowed: a number of percent a month from %d to %d, like 8, 8%% or -3%%", inputfile.Excerpt(s), minGrowthPct, maxGrowthPct)}
	}
	if v < minGrowthPct || v > maxGrowthPct {
		return valueError{fmt.Sprintf("%s%% is out of range; allowed: %d to %d (percent a month)", fmtFloat(v), minGrowthPct, maxGrowthPct)}
	}
	*p.v = v
	return nil
}

func (a *app) forecastCmd() *cobra.Command {
	var t target
	var bf bandFlags
	var format, budget string
	var months int
	growth := 5.0
	cmd := &cobra.Command{
		Use:   "forecast (--env NAME | --tier NAME) [--months N] [--growth PCT]",
		Short: "Project monthly cost under compound user growth, with each step's reason and the budget",
		Long: `Projects cost month by month: month m has users × (1 + growth/100)^(m-1).
Each month is priced by the same engine as breakdown, so a tier change shows
as the month its architecture is needed. Growth is a percent a month, 8, 8%
or -3% (a shrinking user base down to -50%).

A step is a month whose cost jumps for a reason other than its users: the
tier changes (move tier), a layer is resized (the database class, replicas
or shards, the cache nodes, the app instances' type), or the app fleet
scales (its desired instance count on the same type: autoscaling inside the
ASG, a cost step but never a next action). The first move tier or resize is
the next action that advise names, in the first month whose users reach its
N; scale steps may come before it. The STEP column names each step and the
list under the table says from what to what; --format json gives each its
kind. Between steps, cost follows users through the usage-based line items;
prices stay as the catalog says for every month.`,
		Example: `  tiercost forecast --env prod --months 24 --growth 8
  tiercost forecast --tier 10k --months 36 --growth 8%
  tiercost forecast --env staging --months 12 --growth -3% --format json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := a.validateTarget(t, false); err != nil {
				return err
			}
			if months < minForecastMonths || months > maxForecastMonths {
				return fmt.Errorf("%s: %d is out of range; allowed: %d to %d", a.src("months"), months, minForecastMonths, maxForecastMonths)
			}
			if err := a.checkFormat(format, tableFormats...); err != nil {
				return err
			}
			if bf.on {
				if err := bf.check(a); err != nil {
					return err
				}
			}
			limit, err := a.parseBudget(budget)
			if err != nil {
				return err
			}
			res, c, err := a.estimate(t)
			if err != nil {
				return err
			}
			if limit == nil {
				limit = res.BudgetMonthlyUSD
			}
			b := decimal.Zero
			if limit != nil {
				b = *limit
			}
			req, err := a.request(t, c)
			if err != nil {
				return err
			}
			// Months whose cost leaves items out carry the ≥ mark in the
			// table and the JSON; the region warning has been given.
			f, err := capacity.Forecast(forecastCost(a.opts.Estimate, req, nil), res.Users, growth, months, b)
			if err != nil {
				return err
			}
			if !bf.on {
				if format == "json" {
					return output.CapacityJSON(cmd.OutOrStdout(), f)
				}
				return output.ForecastTable(cmd.OutOrStdout(), f, a.width())
			}
			fan, err := engine.Estimator(a.opts.Estimate).Fan(req, res, months, growth, engine.BandOptions{Samples: bf.samples, Seed: bf.seed})
			if err != nil {
				return err
			}
			if format == "json" {
				return output.CapacityJSON(cmd.OutOrStdout(), forecastWithFan{ForecastResult: f, Fan: fanJSON(fan), Samples: bf.samples, Seed: bf.seed})
			}
			if err := output.ForecastTable(cmd.OutOrStdout(), f, a.width()); err != nil {
				return err
			}
			return output.FanTable(cmd.OutOrStdout(), fan, bf.samples, bf.seed, a.width())
		},
	}
	addBandFlags(cmd, &bf, true, uncertainty.DefaultFanSamples)
	addTargetFlags(cmd, &t, false)
	cmd.Flags().IntVar(&months, "months", 24, fmt.Sprintf("months to project, %d to %d", minForecastMonths, maxForecastMonths))
	cmd.Flags().Var(percentValue{&growth}, "growth", fmt.Sprintf("monthly user growth in percent, %d to %d: 8, 8%% or -3%%", minGrowthPct, maxGrowthPct))
	cmd.Flags().StringVar(&budget, "budget", "", "monthly budget in US dollars (default: the environment's budget)")
	cmd.Flags().StringVar(&format, "format", "table", "output format: table or json")
	return cmd
}

// forecastWithFan is forecast --bands --format json: the forecast with
// each month's band beside it.
type forecastWithFan struct {
	capacity.ForecastResult
	Fan     []fanMonthJSON `json:"fan"`
	Samples int            `json:"fanSamples"`
	Seed    uint64         `json:"fanSeed"`
}

type fanMonthJSON struct {
	Month    int    `json:"month"`
	P10      string `json:"p10"`
	P50      string `json:"p50"`
	P90      string `json:"p90"`
	Unpriced int    `json:"itemsNotPriced,omitempty"`
}

func fanJSON(fan []uncertainty.FanMonth) []fanMonthJSON {
	out := make([]fanMonthJSON, len(fan))
	for i, m := range fan {
		out[i] = fanMonthJSON{Month: m.Month, P10: money.Exact(m.P10), P50: money.Exact(m.P50), P90: money.Exact(m.P90), Unpriced: m.Unpriced}
	}
	return out
}

// forecastCost is the engine's cost function (engine.Estimator.CostFunc),
// the one the coherence tests hold to the next action; its points name
// each layer's sizes and the app fleet (capacity.LayerSizes), so the
// forecast labels each step a tier move, a resize or a scale.
func forecastCost(estimate func(engine.Request) (engine.Result, error), req engine.Request, missing *int) capacity.CostFunc {
	return engine.Estimator(estimate).CostFunc(req, missing)
}

// targetFlag is the flag that names t, for hints: "--env prod".
func targetFlag(t target) string {
	if t.env != "" {
		return "--env " + t.env
	}
	return "--tier " + t.tier
}

func (a *app) adviseCmd() *cobra.Command {
	var t target
	var format string
	cmd := &cobra.Command{
		Use:   "advise (--env NAME | --tier NAME) [--set KNOB=VALUE ...]",
		Short: "Show each layer's limit, the one next action with its cost, and the findings",
		Long: `Shows, for an environment or tier (with any what-if knobs), the user count at
which each layer stops meeting its target, at its current sizes and at the
largest sizes its architecture allows; the one next action ("at N users, do
X") with the whole architecture's monthly cost just before and after it; and
the advisor's findings, each with its evidence and the article's rule.
The forecast, the TUI, right-sizing and the reports give the same next action.
--format json writes the documented advice schema (docs/capacity.md).`,
		Example: `  tiercost advise --env prod
  tiercost advise --tier 10k --set users=40000 --format json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := a.validateTarget(t, false); err != nil {
				return err
			}
			if err := a.checkFormat(format, "table", "json"); err != nil {
				return err
			}
			t.findings = true
			res, _, err := a.estimate(t)
			if err != nil {
				return err
			}
			if res.Limits == nil {
				return fmt.Errorf("%s: no architecture to advise on", res.Name)
			}
			adv := output.Advice{Name: res.Name, Tier: res.Tier, Region: res.Region, Users: res.Users,
				Overloaded: res.Overloaded, Limits: *res.Limits, Next: res.Next, Findings: res.Findings}
			if format == "json" {
				return output.AdviceJSON(cmd.OutOrStdout(), adv)
			}
			return output.AdviceTable(cmd.OutOrStdout(), adv, a.width())
		},
	}
	addTargetFlags(cmd, &t, false)
	cmd.Flags().StringVar(&format, "format", "table", "output format: table or json")
	return cmd
}
