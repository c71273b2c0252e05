package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/shopspring/decimal"
	"github.com/spf13/cobra"
	"github.com/tiercost/tiercost/cmd/tiercost/internal/engine"
	"github.com/tiercost/tiercost/components/spec"
	"github.com/tiercost/tiercost/costmodel/gate"
	"github.com/tiercost/tiercost/costmodel/inputfile"
	"github.com/tiercost/tiercost/costmodel/money"
	"github.com/tiercost/tiercost/costmodel/output"
	"github.com/tiercost/tiercost/costmodel/uncertainty"
)

// sourceSyntax names the forms a SOURCE argument takes, for messages.
const sourceSyntax = "env:NAME, tier:NAME, export:FILE, preview:FILE or a saved breakdown JSON file"

// parseSource reads a SOURCE argument (diff, check, comment, --baseline)
// into a target.
func parseSource(s string) (target, error) {
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
	case s == "":
		return t, fmt.Errorf("empty source; allowed: %s", sourceSyntax)
	default:
		t.saved = s
		return t, nil
	}
	if rest == "" {
		return t, fmt.Errorf("%s: %s: empty; allowed: %s:NAME or %s:FILE", s, kind, kind, kind)
	}
	return t, nil
}

// estimateSource prices one SOURCE argument; errors name the argument.
func (a *app) estimateSource(s string) (engine.Result, target, error) {
	t, err := parseSource(s)
	if err != nil {
		return engine.Result{}, t, err
	}
	if err := a.validateTarget(t, true); err != nil {
		if t.saved != "" {
			return engine.Result{}, t, err
		}
		return engine.Result{}, t, fmt.Errorf("%s: %w", s, err)
	}
	res, _, err := a.estimate(t)
	if err != nil {
		if t.saved != "" {
			return res, t, err // the reader names the file already
		}
		return res, t, fmt.Errorf("%s: %w", s, err)
	}
	if res.Breakdown.Project == "" {
		res.Breakdown.Project = s
	}
	return res, t, nil
}

// gateFlags are the flags that ask for gates, shared by check and comment.
type gateFlags struct {
	budget, budgets, maxIncrease, maxIncreasePercent string
	allowUnpriced, allowOverload                     bool
}

func addGateFlags(cmd *cobra.Command, g *gateFlags) {
	f := cmd.Flags()
	f.StringVar(&g.budget, "budget", "", "monthly budget in US dollars (default: the --budgets file's, else the environment's)")
	f.StringVar(&g.budgets, "budgets", "", "`FILE` of monthly budgets per environment (or stack) and per resource tag")
	f.StringVar(&g.maxIncrease, "max-increase", "", "fail when the monthly cost grows by more than `USD` over the baseline")
	f.StringVar(&g.maxIncreasePercent, "max-increase-percent", "", "fail when the monthly cost grows by more than `P` percent of the baseline")
	addAllowFlags(cmd, &g.allowUnpriced, &g.allowOverload)
}

// addAllowFlags adds the two flags that let the honesty gates pass.
func addAllowFlags(cmd *cobra.Command, unpriced, overload *bool) {
	cmd.Flags().BoolVar(unpriced, "allow-unpriced", false, "pass an incomplete estimate (items not priced: the total is a lower bound)")
	cmd.Flags().BoolVar(overload, "allow-overload", false, "pass an estimate whose architecture is overloaded at peak")
}

// gateLimits are the gate flags, read and checked before anything is priced.
type gateLimits struct {
	budget, increase, increasePct *decimal.Decimal
	budgets                       *gate.Budgets
	allowUnpriced, allowOverload  bool
}

func (a *app) parseGateFlags(g gateFlags) (gateLimits, error) {
	l := gateLimits{allowUnpriced: g.allowUnpriced, allowOverload: g.allowOverload}
	var err error
	if l.budget, err = a.parseBudget(g.budget); err != nil {
		return l, err
	}
	if l.increase, err = a.parseLimit("max-increase", g.maxIncrease, maxBudget, "US dollars"); err != nil {
		return l, err
	}
	if l.increasePct, err = a.parseLimit("max-increase-percent", g.maxIncreasePercent, decimal.NewFromInt(1_000_000), "percent"); err != nil {
		return l, err
	}
	if g.budgets != "" {
		if err := inputfile.Check(g.budgets, gate.BudgetsKind); err != nil {
			return l, fmt.Errorf("%s: %v", a.src("budgets"), err)
		}
		b, err := gate.ReadBudgets(g.budgets)
		if err != nil {
			return l, err
		}
		l.budgets = &b
	}
	return l, nil
}

// limits picks the budget for an estimate (--budget, else the budgets
// file's entry for its environment or stack, else the environment's own)
// and prices its tag budgets.
func (l gateLimits) limits(a *app, t target, res engine.Result) (gate.Limits, error) {
	out := gate.Limits{MaxIncrease: l.increase, MaxIncreasePercent: l.increasePct, AllowUnpriced: l.allowUnpriced, AllowOverload: l.allowOverload}
	stack := stackName(t, res)
	if err := l.checkBudgetKeys(a, t, stack); err != nil {
		return out, err
	}
	switch {
	case l.budget != nil:
		out.Budget, out.BudgetSource = l.budget, a.src("budget")
	case l.budgets != nil && stack != "":
		if v, src, ok := l.budgets.ForEnvironment(stack); ok {
			out.Budget, out.BudgetSource = &v, src
		}
	}
	if out.Budget == nil && res.BudgetMonthlyUSD != nil {
		out.Budget, out.BudgetSource = res.BudgetMonthlyUSD, "budget_monthly_usd of environment "+t.env
	}
	if l.budgets != nil && len(l.budgets.Tags) > 0 {
		if len(res.Records) == 0 {
			return out, fmt.Errorf("%s: tags: %s has no resource tags to match (a saved breakdown keeps none); allowed: tag budgets with --env, --tier, --stack-export or --preview-json", l.budgets.Path, resultName(res))
		}
		out.TagBudgets = gate.TagCosts(res.Breakdown, res.Records, l.budgets.Tags, l.budgets.Path)
	}
	return out, nil
}

// checkBudgetKeys refuses a budgets file's environments key that cannot
// be meant, rather than let its budget silently never apply. For
// tiercost's own program (an environment or a tier) the stacks are its
// environments and tiers, so every key must be one of those. Any other
// program's stacks may have any name, so there only a key close to the
// stack checked, when that stack has no entry, reads as a misspelling.
func (l gateLimits) checkBudgetKeys(a *app, t target, stack string) error {
	if l.budgets == nil {
		return nil
	}
	b := l.budgets
	if t.env != "" || t.tier != "" {
		envs := environmentNames(a.opts.WorkDir)
		known := append(append([]string{}, envs...), spec.Tiers...)
		for _, k := range b.EnvironmentKeys() {
			if !contains(known, k.Name) {
				return fmt.Errorf("%s: line %d: environments.%s: not an environment or tier; %sallowed: %s (environments), %s (tiers)",
					b.Path, k.Line, inputfile.Name(k.Name), didYouMean(k.Name, known), strings.Join(envs, ", "), strings.Join(spec.Tiers, ", "))
			}
		}
		return nil
	}
	if _, _, ok := b.ForEnvironment(stack); ok || stack == "" {
		return nil
	}
	for _, k := range b.EnvironmentKeys() {
		if hint := didYouMean(k.Name, []string{stack}); hint != "" {
			return fmt.Errorf("%s: line %d: environments.%s: matches no stack, and stack %s, the one checked, has no entry; %sallowed: an environment or Pulumi stack name",
				b.Path, k.Line, inputfile.Name(k.Name), stack, hint)
		}
	}
	return nil
}

// checkOptions are check's flags.
type checkOptions struct {
	t                target
	gates            gateFlags
	baseline, format string
	sourceArg        string
	// confidence is --confidence: 0 gates today's estimate, 50 to 99
	// that percentile of the band.
	confidence int
	band       bandFlags
}

func (a *app) checkCmd() *cobra.Command {
	var o checkOptions
	cmd := &cobra.Command{
		Use:   "check [SOURCE | --env NAME | --tier NAME | --stack-export FILE | --preview-json FILE] [--budget USD] [--baseline SOURCE --max-increase USD --max-increase-percent P]",
		Short: "Gate an estimate: exit 1 when over budget or when it grows too much",
		Long: `Runs the cost gates over an estimate of any source: an environment, a tier,
a stack export, a preview or a saved breakdown JSON file (SOURCE is
` + sourceSyntax + `).

Gates:
  budget                --budget USD, else the --budgets file's entry for the
                        environment or Pulumi stack, else the environment's budget
  budget KEY=VALUE      the --budgets file's tags: the resources carrying the tag
  max-increase          --max-increase USD over the --baseline SOURCE
  max-increase-percent  --max-increase-percent P over the --baseline SOURCE
  incomplete            always: fails when items are not priced, so the total
                        is only a lower bound (--allow-unpriced passes it)
  overloaded            an environment or tier: fails when a layer is past its
                        capacity at peak (--allow-overload passes it)

--confidence 90 (an environment or tier) checks the budget against the P90
of the band instead of today's estimate: the total that 90 % of the sampled
samples stay at or under (tiercost bands shows the band; the ranges are in
docs/uncertainty.md).

Money is compared in cents. Exit status 0 means every gate passed, 1 that
at least one failed (each verdict is printed, and written by --format
json), 2 bad input. A --budgets file looks like:

` + gate.BudgetsExample,
		Example: `  tiercost check --env prod
  tiercost check --preview-json preview.json --budget 2500
  tiercost check --stack-export new.json --baseline export:old.json --max-increase-percent 10
  tiercost check estimate.json --budgets budgets.yaml --format json
  tiercost check --env prod --confidence 90`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 1 {
				return fmt.Errorf("check takes at most one SOURCE, got %d; allowed: %s", len(args), sourceSyntax)
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				o.sourceArg = args[0]
			}
			return a.runCheck(cmd.OutOrStdout(), &o)
		},
	}
	addTargetFlags(cmd, &o.t, true)
	addGateFlags(cmd, &o.gates)
	f := cmd.Flags()
	f.StringVar(&o.baseline, "baseline", "", "`SOURCE` to compare with: "+sourceSyntax)
	f.StringVar(&o.format, "format", "text", "output format: text or json")
	f.IntVar(&o.confidence, "confidence", 0, "check the budget against this percentile of the band, 50 to 99 (--env or --tier; 0 = today's estimate)")
	addBandFlags(cmd, &o.band, false, uncertainty.DefaultSamples)
	return cmd
}

// runCheck validates every input before pricing anything, prices the
// source and the baseline, and runs the gates.
func (a *app) runCheck(w io.Writer, o *checkOptions) error {
	if err := a.checkFormat(o.format, "text", "json"); err != nil {
		return err
	}
	if o.sourceArg != "" {
		if o.t != (target{}) {
			return fmt.Errorf("SOURCE %s and a source flag both given; only one may be given", o.sourceArg)
		}
		t, err := parseSource(o.sourceArg)
		if err != nil {
			return err
		}
		o.t = t
	}
	if err := a.validateTarget(o.t, true); err != nil {
		if o.t == (target{}) {
			return fmt.Errorf("nothing to check; allowed: SOURCE (%s) or one of --env NAME, --tier NAME, --stack-export FILE, --preview-json FILE", sourceSyntax)
		}
		return err
	}
	gl, err := a.parseGateFlags(o.gates)
	if err != nil {
		return err
	}
	if o.baseline == "" && (gl.increase != nil || gl.increasePct != nil) {
		flag := "--max-increase"
		if gl.increase == nil {
			flag = "--max-increase-percent"
		}
		return fmt.Errorf("%s: needs --baseline SOURCE to compare with; allowed: %s", flag, sourceSyntax)
	}
	if o.baseline != "" && gl.increase == nil && gl.increasePct == nil {
		return fmt.Errorf("--baseline: given without a threshold; allowed: --max-increase USD or --max-increase-percent P")
	}

	if o.confidence != 0 {
		if o.confidence < 50 || o.confidence > 99 {
			return fmt.Errorf("%s: %d is out of range; allowed: 50 to 99 (percent), or 0 for today's estimate", a.src("confidence"), o.confidence)
		}
		if err := checkBandTarget(o.t, a.src("confidence")); err != nil {
			return err
		}
		if err := o.band.check(a); err != nil {
			return err
		}
	}
	res, c, err := a.estimate(o.t)
	if err != nil {
		return err
	}
	in := gateInput(res)
	var band *uncertainty.Band
	if o.baseline != "" {
		base, _, err := a.estimateSource(o.baseline)
		if err != nil {
			return fmt.Errorf("--baseline %w", err)
		}
		in.Baseline, in.BaselineName = &base.Breakdown, resultName(base)
	}
	if in.Limits, err = gl.limits(a, o.t, res); err != nil {
		return err
	}
	if o.confidence != 0 {
		// The chance of going over is of the budget the gate uses.
		res.BudgetMonthlyUSD = in.Limits.Budget
		bs, err := a.bands(o.t, res, c, o.band, false)
		if err != nil {
			return err
		}
		band = &bs.Band
		in.Confidence = &gate.Confidence{Level: o.confidence, Total: band.Percentile(o.confidence), Samples: band.Samples, Unpriced: band.Unpriced}
	}
	if in.Limits.Budget == nil && len(in.Limits.TagBudgets) == 0 && gl.increase == nil && gl.increasePct == nil {
		where := ""
		if gl.budgets != nil {
			where = fmt.Sprintf(" (%s has no entry for %s)", gl.budgets.Path, inputfile.Excerpt(stackName(o.t, res)))
		}
		return fmt.Errorf("--budget: no budget applies to %s%s; allowed: --budget USD, a --budgets file, a budget in the environment file, or --baseline SOURCE with --max-increase or --max-increase-percent", in.Name, where)
	}

	rep := gate.Evaluate(in, gate.Default())
	if o.format == "json" {
		doc := checkJSON(in, rep)
		if band != nil {
			meta := map[string]string{}
			output.BandMetadata(meta, *band)
			doc.Band = meta
		}
		if err := writeJSON(w, doc); err != nil {
			return err
		}
	} else if err := printCheck(w, in, rep, band, a.width()); err != nil {
		// Unseen verdicts are bad output, not a gate result.
		return err
	}
	if rep.Pass {
		return nil
	}
	var names []string
	for _, r := range rep.Failed() {
		names = append(names, r.Gate)
	}
	return overBudget("%s failed the cost check: %s", in.Name, strings.Join(names, ", "))
}

// parseLimit reads a threshold that may be 0 (no growth at all).
func (a *app) parseLimit(flag, s string, most decimal.Decimal, unit string) (*decimal.Decimal, error) {
	if s == "" {
		return nil, nil
	}
	d, err := decimal.NewFromString(strings.TrimSuffix(strings.TrimPrefix(s, "$"), "%"))
	if err != nil {
		return nil, fmt.Errorf("%s: %s is not a number of %s", a.src(flag), inputfile.Excerpt(s), unit)
	}
	if d.IsNegative() || d.GreaterThan(most) {
		return nil, fmt.Errorf("%s: %s is out of range; allowed: 0 up to %s %s", a.src(flag), d.String(), most.String(), unit)
	}
	return &d, nil
}

// resultName names an estimate in messages.
func resultName(res engine.Result) string {
	if res.Name != "" {
		return res.Name
	}
	return res.Breakdown.Project
}

// stackName is the environment or Pulumi stack an estimate is of, for the
// budgets file: the environment, else the stack in the resources' URNs.
func stackName(t target, res engine.Result) string {
	if t.env != "" {
		return t.env
	}
	if e := res.Breakdown.Metadata["environment"]; e != "" {
		return e
	}
	for _, r := range res.Breakdown.Resources {
		if rest, ok := strings.CutPrefix(r.URN, "urn:pulumi:"); ok {
			if s, _, ok := strings.Cut(rest, "::"); ok {
				return s
			}
		}
	}
	return ""
}

// printCheck writes each gate's verdict (under the band --confidence
// sampled, when it did), then what drives the cost when a budget failed,
// wrapped to width (0: no limit).
func printCheck(w io.Writer, in gate.Input, rep gate.Report, band *uncertainty.Band, width int) error {
	var sb strings.Builder
	b := in.Current
	fmt.Fprintf(&sb, "%s: %s\n", in.Name, b.Monthly().PerMonth())
	if band != nil {
		fmt.Fprintf(&sb, "%s\n", output.BandLine(*band, in.Limits.Budget))
	}
	if in.Baseline != nil {
		ch := gate.Compare(in.Baseline.TotalMonthlyCost, b.TotalMonthlyCost)
		pct := ""
		if ch.Percent != nil {
			pct = ", " + gate.Percent(*ch.Percent)
		}
		fmt.Fprintf(&sb, "baseline %s: %s a month (change %s%s)\n", in.BaselineName, money.USD(in.Baseline.TotalMonthlyCost), money.Signed(ch.Increase), pct)
	}
	budgetFailed := false
	for _, r := range rep.Results {
		verdict := "PASS"
		if !r.Pass {
			verdict = "FAIL"
			budgetFailed = budgetFailed || strings.HasPrefix(r.Gate, gate.Budget)
		}
		fmt.Fprintf(&sb, "%s %s: %s\n", verdict, r.Gate, r.Reason)
	}
	if budgetFailed {
		fmt.Fprintf(&sb, "\nLargest cost drivers:\n")
		for i, r := range topDrivers(b, 3) {
			fmt.Fprintf(&sb, "  %d. %s (%s): %s\n", i+1, r.Name, r.Type, money.USD(r.MonthlyCost))
		}
	}
	_, err := io.WriteString(w, output.Wrap(sb.String(), width, 2))
	return err
}

// checkDoc is check's JSON: the verdicts and what they were about.
type checkDoc struct {
	Name          string          `json:"name"`
	Pass          bool            `json:"pass"`
	Total         decimal.Decimal `json:"totalMonthlyCost"`
	MissingPrices int             `json:"missingPrices"`
	Baseline      *checkBaseline  `json:"baseline,omitempty"`
	Gates         []gate.Result   `json:"gates"`
	Drivers       []checkDriver   `json:"largestCostDrivers"`
	// Band is the band --confidence sampled, in the metadata keys of
	// breakdown --bands.
	Band map[string]string `json:"band,omitempty"`
}

type checkBaseline struct {
	Name  string          `json:"name"`
	Total decimal.Decimal `json:"totalMonthlyCost"`
}

type checkDriver struct {
	Name        string          `json:"name"`
	Type        string          `json:"resourceType"`
	MonthlyCost decimal.Decimal `json:"monthlyCost"`
}

func checkJSON(in gate.Input, rep gate.Report) checkDoc {
	doc := checkDoc{Name: in.Name, Pass: rep.Pass, Total: in.Current.TotalMonthlyCost, MissingPrices: in.Current.MissingPrices,
		Gates: rep.Results, Drivers: []checkDriver{}}
	if in.Baseline != nil {
		doc.Baseline = &checkBaseline{Name: in.BaselineName, Total: in.Baseline.TotalMonthlyCost}
	}
	for _, r := range topDrivers(in.Current, 3) {
		doc.Drivers = append(doc.Drivers, checkDriver{Name: r.Name, Type: r.Type, MonthlyCost: r.MonthlyCost})
	}
	return doc
}
