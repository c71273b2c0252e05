package main

import (
	"fmt"
	"io"
	"math"
	"strconv"

	"github.com/spf13/cobra"
	"github.com/tiercost/tiercost/cmd/tiercost/internal/engine"
	"github.com/tiercost/tiercost/costmodel/catalog"
	"github.com/tiercost/tiercost/costmodel/output"
	"github.com/tiercost/tiercost/costmodel/uncertainty"
)

// bandFlags ask for uncertainty bands: --bands (where they are optional),
// --samples and --seed.
type bandFlags struct {
	on      bool
	samples int
	seed    uint64
}

// addBandFlags adds --samples and --seed, and --bands when toggle is
// true (bands, check --confidence and the TUI always sample).
func addBandFlags(cmd *cobra.Command, b *bandFlags, toggle bool, defaultSamples int) {
	f := cmd.Flags()
	if toggle {
		f.BoolVar(&b.on, "bands", false, "also show the P10–P90 band: the assumptions sampled, each sample priced (docs/uncertainty.md)")
	}
	f.IntVar(&b.samples, "samples", defaultSamples, fmt.Sprintf("samples a band prices (each one estimate), 1 to %d", uncertainty.MaxSamples))
	f.Uint64Var(&b.seed, "seed", uncertainty.DefaultSeed, "seed of the samples: the same seed gives the same band, byte for byte")
}

// check validates the band flags before anything is priced.
func (b bandFlags) check(a *app) error {
	if err := uncertainty.CheckSamples(b.samples); err != nil {
		return fmt.Errorf("%s: %v", a.src("samples"), err)
	}
	if b.seed == 0 {
		return fmt.Errorf("%s: 0 is out of range; allowed: 1 to %d", a.src("seed"), uint64(math.MaxUint64))
	}
	return nil
}

// checkBandTarget refuses bands of a stack export, preview or saved
// breakdown: they hold no workload assumptions to range.
func checkBandTarget(t target, flag string) error {
	if t.env == "" && t.tier == "" {
		return fmt.Errorf("%s: a stack export, preview or saved breakdown has no workload assumptions to range; allowed: --env NAME or --tier NAME", flag)
	}
	return nil
}

// bands samples a target's assumptions around its estimate res.
func (a *app) bands(t target, res engine.Result, c *catalog.Catalog, b bandFlags, tornado bool) (engine.Bands, error) {
	req, err := a.request(t, c)
	if err != nil {
		return engine.Bands{}, err
	}
	req.RightsizeFamily = ""
	return engine.Estimator(a.opts.Estimate).Bands(req, res, engine.BandOptions{Samples: b.samples, Seed: b.seed, Tornado: tornado})
}

func (a *app) bandsCmd() *cobra.Command {
	var t target
	var b bandFlags
	var format, budget string
	cmd := &cobra.Command{
		Use:   "bands (--env NAME | --tier NAME) [--samples N] [--seed S]",
		Short: "Show how wrong an estimate can be: P10, P50 and P90 of its cost, and which guess matters most",
		Long: `Every estimate rests on guesses: users, daily-active share, requests per user,
peak factor, hit ratios, response size, working set, growth, how many app
instances run. Each has a range (a default per tier, the environment file's
workload_ranges:, or --set KNOB=P10..P90); its P50 is today's value.

bands samples the ranges (a midpoint Latin hypercube from a fixed seed, so
the output is the same every run), sizes and prices every sample (a what-if
with those values) through the same engine as breakdown, and shows P10, P50
and P90 of the monthly total and of each component, the chance of going
over the budget, and the tornado: the total with each assumption alone at its P10 and at its P90,
sorted by how far it moves the total. docs/uncertainty.md documents every
default range and the methods.`,
		Example: `  tiercost bands --env prod
  tiercost bands --tier 10k --set users=5000..20000 --samples 1000
  tiercost bands --env prod --set cache_hit_ratio=0.7..0.95 --format json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := a.validateTarget(t, false); err != nil {
				return err
			}
			if err := a.checkFormat(format, "table", "json"); err != nil {
				return err
			}
			if err := b.check(a); err != nil {
				return err
			}
			limit, err := a.parseBudget(budget)
			if err != nil {
				return err
			}
			res, c, err := a.estimate(t)
			if err != nil {
				return err
			}
			if limit != nil {
				res.BudgetMonthlyUSD = limit
			}
			bs, err := a.bands(t, res, c, b, true)
			if err != nil {
				return err
			}
			rep := output.BandsReport{Name: res.Name, Tier: res.Tier, Point: res.Breakdown.Monthly(), Budget: res.BudgetMonthlyUSD,
				Band: bs.Band, Tornado: bs.Tornado}
			if format == "json" {
				return output.BandsJSON(cmd.OutOrStdout(), rep)
			}
			return output.BandsTable(cmd.OutOrStdout(), rep, a.width())
		},
	}
	addTargetFlags(cmd, &t, false)
	addBandFlags(cmd, &b, false, uncertainty.DefaultSamples)
	cmd.Flags().StringVar(&budget, "budget", "", "monthly budget in US dollars (default: the environment's budget)")
	cmd.Flags().StringVar(&format, "format", "table", "output format: table or json")
	return cmd
}

// writeBandLine writes a band's one line under a table, wrapped to width.
func writeBandLine(w io.Writer, band uncertainty.Band, res engine.Result, width int) error {
	_, err := fmt.Fprintf(w, "\n%s\n", output.Wrap(output.BandLine(band, res.BudgetMonthlyUSD), width, 2))
	return err
}

// seedText is a seed as metadata and JSON write it.
func seedText(s uint64) string { return strconv.FormatUint(s, 10) }
