// Package gate owns the cost gates that `tiercost check` and the Pulumi
// analyzer apply to an estimate: each gate is one named rule that passes
// or fails with a reason and the numbers behind it (the budget, the
// increase over a baseline, the increase in percent). A run evaluates
// every gate that was asked for and fails when any one fails; the CLI
// turns that into exit 1, the analyzer into a mandatory policy violation.
//
// Money is compared in cents, as it is billed (money.ToCents): $1,666.632
// is within a $1,666.63 budget.
package gate

import (
	"fmt"

	"github.com/shopspring/decimal"
	"github.com/tiercost/tiercost/costmodel/money"
	"github.com/tiercost/tiercost/costmodel/pricing"
)

// Names of the gates this package defines.
const (
	Budget             = "budget"
	MaxIncrease        = "max-increase"
	MaxIncreasePercent = "max-increase-percent"
)

// Input is what the gates judge: the estimate, the baseline it is
// compared with, and the limits that were asked for.
type Input struct {
	// Name is what was estimated ("prod", "export.json"), for reasons.
	Name    string
	Current pricing.Breakdown
	// Baseline is the estimate before the change; nil without --baseline.
	Baseline     *pricing.Breakdown
	BaselineName string
	Limits       Limits
	// Overloads are the layers whose load exceeds their capacity, for the
	// overloaded gate; empty when none is or the source has no sizing.
	Overloads []Overload
	// Sized says the source went through the capacity model (an
	// environment or a tier), so "no overload" is a finding, not a gap.
	Sized bool
	// Confidence, when set, makes the budget gate judge a percentile of
	// the sampled scenarios' totals (check --confidence 90: the P90)
	// instead of today's estimate.
	Confidence *Confidence
}

// Confidence is the percentile of an estimate's band that a budget is
// checked against.
type Confidence struct {
	// Level is the percentile, 50 to 99: 90 checks the total that 90 % of
	// the scenarios stay at or under.
	Level int
	Total decimal.Decimal
	// Samples is how many scenarios were priced; Unpriced the most items
	// any of them left out (the total is then a lower bound).
	Samples  int
	Unpriced int
}

// Overload is one layer over its capacity limit.
type Overload struct {
	Layer  string `json:"layer"`
	Detail string `json:"detail"`
}

// Limits are the thresholds a run asked for; a nil limit is not checked.
type Limits struct {
	Budget *decimal.Decimal
	// BudgetSource says where the budget came from ("--budget",
	// "environments/prod.yaml", "budgets.yaml: environments.prod").
	BudgetSource       string
	MaxIncrease        *decimal.Decimal
	MaxIncreasePercent *decimal.Decimal
	// TagBudgets are budgets for the resources that carry a tag.
	TagBudgets []TagBudget
	// AllowUnpriced and AllowOverload switch off the gates of those names.
	AllowUnpriced bool
	AllowOverload bool
}

// TagBudget is a monthly budget for the resources tagged Key=Value; Cost
// is their monthly total, filled by the caller, which knows the tags.
type TagBudget struct {
	Key, Value string
	Limit      decimal.Decimal
	Source     string
	Cost       decimal.Decimal
	// Resources is how many priced resources carry the tag.
	Resources int
}

// Result is one gate's verdict. The numbers a gate looked at are set; the
// others stay nil, so JSON shows only what mattered.
type Result struct {
	Gate   string `json:"gate"`
	Pass   bool   `json:"pass"`
	Reason string `json:"reason"`
	// Allowed is true when the gate would fail but the run let it pass
	// (--allow-unpriced, --allow-overload).
	Allowed bool `json:"allowed,omitempty"`
	// Total is the estimate's monthly total.
	Total           *decimal.Decimal `json:"totalMonthlyCost,omitempty"`
	Budget          *decimal.Decimal `json:"budget,omitempty"`
	BudgetSource    string           `json:"budgetSource,omitempty"`
	Baseline        *decimal.Decimal `json:"baselineMonthlyCost,omitempty"`
	Increase        *decimal.Decimal `json:"increase,omitempty"`
	IncreasePercent *decimal.Decimal `json:"increasePercent,omitempty"`
	// Limit is the gate's threshold in its own unit (dollars or percent).
	Limit *decimal.Decimal `json:"limit,omitempty"`
	// Confidence is the percentile of the band the budget gate judged
	// (check --confidence); Total is then that percentile.
	Confidence int `json:"confidence,omitempty"`
}

// Gate is one named rule. Check returns its verdicts: none when the run
// did not ask for it (its limit is unset or switched off), usually one,
// one per tag for tag budgets.
//
// Extension point: to add a gate, write one function over Input and list
// it in Default, as incomplete and overloaded (honest.go) are. Nothing
// else changes: the CLI prints every Result and writes it to
// --format json, exit 1 follows from any failure, and the analyzer reports
// a failed Result as a mandatory policy violation.
type Gate struct {
	Name  string
	Check func(Input) []Result
}

// Default lists the gates in the order their verdicts are shown: the
// cost gates a run asks for, then the honesty gates that always run.
func Default() []Gate { return append(Cost(), Honesty()...) }

// Cost lists the gates that run only when their limit is set.
func Cost() []Gate {
	return []Gate{
		{Name: Budget, Check: one(budget)},
		{Name: "tag-budget", Check: tagBudgets},
		{Name: MaxIncrease, Check: one(maxIncrease)},
		{Name: MaxIncreasePercent, Check: one(maxIncreasePercent)},
	}
}

// Honesty lists the gates that keep a verdict honest: an incomplete or
// overloaded estimate fails unless the run allows it. `up` applies these
// besides its own budget check.
func Honesty() []Gate {
	return []Gate{{Name: Incomplete, Check: one(incomplete)}, {Name: Overloaded, Check: one(overloaded)}}
}

// one adapts a single-verdict rule to Check.
func one(f func(Input) (Result, bool)) func(Input) []Result {
	return func(in Input) []Result {
		if r, ok := f(in); ok {
			return []Result{r}
		}
		return nil
	}
}

// Report is the verdict of every gate that ran.
type Report struct {
	Pass    bool     `json:"pass"`
	Results []Result `json:"gates"`
}

// Failed returns the results that failed, in order.
func (r Report) Failed() []Result {
	var out []Result
	for _, g := range r.Results {
		if !g.Pass {
			out = append(out, g)
		}
	}
	return out
}

// Evaluate runs gates over in; the report passes when every verdict does.
func Evaluate(in Input, gates []Gate) Report {
	rep := Report{Pass: true, Results: []Result{}}
	for _, g := range gates {
		for _, r := range g.Check(in) {
			if r.Gate == "" {
				r.Gate = g.Name
			}
			rep.Results = append(rep.Results, r)
			rep.Pass = rep.Pass && r.Pass
		}
	}
	return rep
}

func ptr(d decimal.Decimal) *decimal.Decimal { return &d }

// budget passes when the total, in cents, is at most the budget.
func budget(in Input) (Result, bool) {
	l := in.Limits.Budget
	if l == nil {
		return Result{}, false
	}
	total := in.Current.TotalMonthlyCost
	shown := in.Current.Monthly().USD() // "≥ $22.63" when items are not priced
	lowerBound := in.Current.Monthly().LowerBound()
	if c := in.Confidence; c != nil {
		total, lowerBound = c.Total, c.Unpriced > 0
		t := money.Total{Amount: c.Total, Unpriced: c.Unpriced}
		shown = fmt.Sprintf("P%d %s (%d %% of %d samples at or under it)", c.Level, t.USD(), c.Level, c.Samples)
	}
	billed, limit := money.ToCents(total), money.ToCents(*l)
	r := Result{Gate: Budget, Pass: !billed.GreaterThan(limit), Total: ptr(total), Budget: ptr(*l), BudgetSource: in.Limits.BudgetSource, Limit: ptr(*l)}
	if in.Confidence != nil {
		r.Confidence = in.Confidence.Level
	}
	from := ""
	if in.Limits.BudgetSource != "" {
		from = " (" + in.Limits.BudgetSource + ")"
	}
	switch {
	case !r.Pass:
		r.Reason = fmt.Sprintf("%s a month is over the budget of %s%s by %s", shown, money.USD(*l), from, money.USD(billed.Sub(limit)))
	case lowerBound:
		// What is not priced may use the headroom up.
		r.Reason = fmt.Sprintf("%s a month is within the budget of %s%s on what is priced: at most %s headroom", shown, money.USD(*l), from, money.USD(limit.Sub(billed)))
	default:
		r.Reason = fmt.Sprintf("%s a month is within the budget of %s%s: %s headroom", shown, money.USD(*l), from, money.USD(limit.Sub(billed)))
	}
	return r, true
}

func tagBudgets(in Input) []Result {
	var out []Result
	for _, tb := range in.Limits.TagBudgets {
		out = append(out, tagBudget(tb))
	}
	return out
}

func tagBudget(tb TagBudget) Result {
	billed, limit := money.ToCents(tb.Cost), money.ToCents(tb.Limit)
	r := Result{Gate: "budget " + tb.Key + "=" + tb.Value, Pass: !billed.GreaterThan(limit), Total: ptr(tb.Cost),
		Budget: ptr(tb.Limit), BudgetSource: tb.Source, Limit: ptr(tb.Limit)}
	what := fmt.Sprintf("%d resources tagged %s=%s", tb.Resources, tb.Key, tb.Value)
	if r.Pass {
		r.Reason = fmt.Sprintf("%s cost %s a month, within the budget of %s (%s)", what, money.USD(tb.Cost), money.USD(tb.Limit), tb.Source)
	} else {
		r.Reason = fmt.Sprintf("%s cost %s a month, over the budget of %s (%s) by %s", what, money.USD(tb.Cost), money.USD(tb.Limit), tb.Source, money.USD(billed.Sub(limit)))
	}
	return r
}

// Change is the move from a baseline to the current estimate, in cents.
type Change struct {
	Baseline, Current, Increase decimal.Decimal
	// Percent is the increase over the baseline; nil when the baseline is 0.
	Percent *decimal.Decimal
}

// Compare measures the change from baseline to current exactly, as diff
// does (rounding each total first could put the change a cent away from
// the sum of its lines); the percent is exact, not rounded. A gate judges
// the change in billed cents.
func Compare(baseline, current decimal.Decimal) Change {
	ch := Change{Baseline: baseline, Current: current, Increase: current.Sub(baseline)}
	if !baseline.IsZero() {
		p := ch.Increase.Mul(decimal.NewFromInt(100)).DivRound(baseline, 16)
		ch.Percent = &p
	}
	return ch
}

func (in Input) change() (Change, bool) {
	if in.Baseline == nil {
		return Change{}, false
	}
	return Compare(in.Baseline.TotalMonthlyCost, in.Current.TotalMonthlyCost), true
}

// maxIncrease passes when the increase over the baseline is at most the
// limit; a decrease always passes.
func maxIncrease(in Input) (Result, bool) {
	l := in.Limits.MaxIncrease
	if l == nil {
		return Result{}, false
	}
	ch, ok := in.change()
	if !ok {
		return Result{}, false // the CLI refuses the limit without a baseline
	}
	limit := money.ToCents(*l)
	r := Result{Gate: MaxIncrease, Pass: !money.ToCents(ch.Increase).GreaterThan(limit), Total: ptr(ch.Current), Baseline: ptr(ch.Baseline),
		Increase: ptr(ch.Increase), IncreasePercent: ch.Percent, Limit: ptr(*l)}
	cmp := "at most"
	if !r.Pass {
		cmp = "over"
	}
	r.Reason = fmt.Sprintf("%s → %s a month is a change of %s, %s the limit of +%s", money.USD(ch.Baseline), money.USD(ch.Current),
		money.Signed(ch.Increase), cmp, money.USD(*l))
	return r, true
}

// maxIncreasePercent passes when the increase is at most P percent of
// the baseline. From a $0 baseline any increase is unbounded and fails.
func maxIncreasePercent(in Input) (Result, bool) {
	l := in.Limits.MaxIncreasePercent
	if l == nil {
		return Result{}, false
	}
	ch, ok := in.change()
	if !ok {
		return Result{}, false
	}
	r := Result{Gate: MaxIncreasePercent, Total: ptr(ch.Current), Baseline: ptr(ch.Baseline), Increase: ptr(ch.Increase),
		IncreasePercent: ch.Percent, Limit: ptr(*l)}
	switch {
	case ch.Percent == nil && ch.Increase.IsPositive():
		r.Reason = fmt.Sprintf("the baseline is $0.00, so an increase of %s exceeds any percentage (limit +%s%%)", money.Signed(ch.Increase), l.String())
	case ch.Percent == nil:
		r.Pass = true
		r.Reason = fmt.Sprintf("no change from a $0.00 baseline (limit +%s%%)", l.String())
	default:
		r.Pass = !ch.Percent.GreaterThan(*l)
		cmp := "at most"
		if !r.Pass {
			cmp = "over"
		}
		r.Reason = fmt.Sprintf("%s → %s a month is a change of %s, %s the limit of +%s%%", money.USD(ch.Baseline), money.USD(ch.Current),
			Percent(*ch.Percent), cmp, l.String())
	}
	return r, true
}

// Percent formats a change in percent with a sign and one decimal:
// "+10.3%", "-4%", "0%".
func Percent(p decimal.Decimal) string {
	r := p.Round(1)
	s := r.String() + "%"
	if r.IsPositive() {
		s = "+" + s
	}
	return s
}
