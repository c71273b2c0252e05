package main

import (
	"fmt"

	"github.com/shopspring/decimal"
	"github.com/spf13/cobra"
	"github.com/tiercost/tiercost/cmd/tiercost/internal/engine"
	"github.com/tiercost/tiercost/costmodel/capacity"
	"github.com/tiercost/tiercost/costmodel/output"
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
				return fmt.Errorf("%s: %q is unknown; allowed: graviton, x86 (or empty for the cheapest of both)", a.src("family"), family)
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
			return output.RightsizeTable(cmd.OutOrStdout(), rep)
		},
	}
	addTargetFlags(cmd, &t, false)
	cmd.Flags().StringVar(&family, "family", "", "compute family: graviton or x86 (default: cheapest of both)")
	cmd.Flags().StringVar(&format, "format", "table", "output format: table or json")
	return cmd
}

// Forecast bounds, as capacity.Forecast accepts them.
const (
	minForecastMonths = 12
	maxForecastMonths = 36
	maxGrowthPct      = 100
)

func (a *app) forecastCmd() *cobra.Command {
	var env, format, budget string
	var months int
	var growth float64
	cmd := &cobra.Command{
		Use:   "forecast --env NAME --months N --growth PCT",
		Short: "Project monthly cost under compound user growth, with tier changes and the budget",
		Long: `Projects cost month by month: month m has users × (1 + growth/100)^(m-1).
Each month is priced by the same engine as breakdown, so a tier change shows
as the month its architecture is needed.`,
		Example: `  tiercost forecast --env prod --months 24 --growth 8
  tiercost forecast --env staging --months 12 --growth 15 --format json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if env == "" {
				return fmt.Errorf("--env: missing; allowed: an environment name (dev, staging, prod)")
			}
			if err := checkEnvName(env); err != nil {
				return fmt.Errorf("%s: %v", a.src("env"), err)
			}
			if months < minForecastMonths || months > maxForecastMonths {
				return fmt.Errorf("%s: %d is out of range; allowed: %d to %d", a.src("months"), months, minForecastMonths, maxForecastMonths)
			}
			if growth < 0 || growth > maxGrowthPct || growth != growth {
				return fmt.Errorf("%s: %s is out of range; allowed: 0 to %d (percent a month)", a.src("growth"), fmtFloat(growth), maxGrowthPct)
			}
			if err := a.checkFormat(format, "table", "json"); err != nil {
				return err
			}
			limit, err := a.parseBudget(budget)
			if err != nil {
				return err
			}
			res, c, err := a.estimate(target{env: env})
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
			req, err := a.request(target{env: env}, c)
			if err != nil {
				return err
			}
			missing := 0
			f, err := capacity.Forecast(engine.Estimator(a.opts.Estimate).CostFunc(req, &missing), res.Users, growth, months, b)
			if err != nil {
				return err
			}
			if missing > 0 {
				a.warn("up to %d line items a month have no price in the catalog; the forecast's costs are lower bounds (see tiercost breakdown --env %s)", missing, env)
			}
			if format == "json" {
				return output.CapacityJSON(cmd.OutOrStdout(), f)
			}
			return output.ForecastTable(cmd.OutOrStdout(), f)
		},
	}
	cmd.Flags().StringVar(&env, "env", "", "environment name")
	cmd.Flags().IntVar(&months, "months", 24, "months to project, 12 to 36")
	cmd.Flags().Float64Var(&growth, "growth", 5, "monthly user growth in percent, 0 to 100")
	cmd.Flags().StringVar(&budget, "budget", "", "monthly budget in US dollars (default: the environment's budget)")
	cmd.Flags().StringVar(&format, "format", "table", "output format: table or json")
	return cmd
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
			return output.AdviceTable(cmd.OutOrStdout(), adv)
		},
	}
	addTargetFlags(cmd, &t, false)
	cmd.Flags().StringVar(&format, "format", "table", "output format: table or json")
	return cmd
}
