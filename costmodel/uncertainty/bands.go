package uncertainty

import (
	"fmt"
	"math"
	"math/big"
	"runtime"
	"slices"
	"sort"
	"sync"

	"github.com/shopspring/decimal"
	"github.com/tiercost/tiercost/costmodel/money"
)

// Outcome is what one scenario costs: the estimate's monthly total and its
// components, with the total's marks.
type Outcome struct {
	Total decimal.Decimal
	// Components are the monthly totals by component name.
	Components map[string]decimal.Decimal
	// Unpriced counts the items the total leaves out (a lower bound).
	Unpriced int
	// Overloaded is true when a layer is past its capacity at peak.
	Overloaded bool
}

// Evaluate sizes and prices one scenario: the one estimating engine with
// the values set as what-if knobs.
type Evaluate func(Values) (Outcome, error)

// Options choose the sample and the budget.
type Options struct {
	// Samples is the number of scenarios; 0 means DefaultSamples.
	Samples int
	// Seed seeds the design; 0 means DefaultSeed.
	Seed uint64
	// Budget is the monthly budget the chance of going over is asked of;
	// nil when there is none.
	Budget *decimal.Decimal
	// Workers prices scenarios in parallel; 0 means one per CPU.
	Workers int
}

func (o Options) samples() int {
	if o.Samples == 0 {
		return DefaultSamples
	}
	return o.Samples
}

func (o Options) seed() uint64 {
	if o.Seed == 0 {
		return DefaultSeed
	}
	return o.Seed
}

// Percentiles are P10, P50 and P90 of one quantity over the scenarios.
type Percentiles struct {
	P10 decimal.Decimal `json:"p10"`
	P50 decimal.Decimal `json:"p50"`
	P90 decimal.Decimal `json:"p90"`
}

// At returns the k-th percentile among 10, 50 and 90.
func (p Percentiles) At(k int) decimal.Decimal {
	switch k {
	case 10:
		return p.P10
	case 90:
		return p.P90
	}
	return p.P50
}

// ComponentBand is one component's percentiles.
type ComponentBand struct {
	Name string `json:"name"`
	Percentiles
}

// Band is how wrong an estimate can be: the percentiles of the monthly
// total and of each component over the sampled scenarios.
type Band struct {
	Samples int    `json:"samples"`
	Seed    uint64 `json:"seed"`
	Total   Percentiles
	// Components are in descending order of their P50, then by name.
	Components []ComponentBand
	// OverBudget is the share of scenarios whose total exceeds the
	// budget, in cents (OverBudgetCount of Samples); nil without a budget.
	OverBudget      *decimal.Decimal
	OverBudgetCount int
	// Unpriced is the most items any scenario left unpriced: when it is
	// not 0, the percentiles are lower bounds.
	Unpriced int
	// Overloaded counts the scenarios with a layer past its capacity.
	Overloaded int
	// Ranges are the ranges sampled (points included).
	Ranges Ranges
	// Totals are the scenarios' totals, sorted, for other percentiles.
	Totals []decimal.Decimal
}

// Percentile is the k-th percentile of the band's totals (nearest rank,
// as Percentile): Percentile(90) is the total that 90 % of the scenarios
// stay at or under.
func (b Band) Percentile(k int) decimal.Decimal {
	if len(b.Totals) == 0 {
		return decimal.Zero
	}
	return b.Totals[rank(len(b.Totals), k)]
}

// Run prices the design's scenarios with eval and returns the band.
// Scenarios are priced in parallel, but each lands in its own place, so
// the band does not depend on which finishes first.
func Run(rs Ranges, eval Evaluate, o Options) (Band, error) {
	n := o.samples()
	if err := CheckSamples(n); err != nil {
		return Band{}, fmt.Errorf("samples: %w", err)
	}
	design := Design(rs, n, o.seed())
	outs, err := evaluateAll(design, eval, o.Workers)
	if err != nil {
		return Band{}, err
	}
	return Summarize(outs, rs, o), nil
}

// Summarize turns the scenarios' outcomes into a band.
func Summarize(outs []Outcome, rs Ranges, o Options) Band {
	b := Band{Samples: len(outs), Seed: o.seed(), Ranges: rs}
	totals := make([]decimal.Decimal, len(outs))
	comps := map[string][]decimal.Decimal{}
	for i, out := range outs {
		totals[i] = out.Total
		b.Unpriced = max(b.Unpriced, out.Unpriced)
		if out.Overloaded {
			b.Overloaded++
		}
		for name := range out.Components {
			comps[name] = nil
		}
	}
	for name := range comps {
		vs := make([]decimal.Decimal, len(outs))
		for i, out := range outs {
			vs[i] = out.Components[name] // a component a scenario lacks costs 0 there
		}
		comps[name] = vs
	}
	b.Totals = sorted(totals)
	b.Total = percentilesOfSorted(b.Totals)
	for name, vs := range comps {
		b.Components = append(b.Components, ComponentBand{Name: name, Percentiles: Percentile3(vs)})
	}
	sort.Slice(b.Components, func(i, j int) bool {
		ci, cj := b.Components[i], b.Components[j]
		if c := ci.P50.Cmp(cj.P50); c != 0 {
			return c > 0
		}
		return ci.Name < cj.Name
	})
	if o.Budget != nil {
		over := 0
		for _, t := range totals {
			// Compared in cents, as the budget gate compares.
			if money.ToCents(t).GreaterThan(money.ToCents(*o.Budget)) {
				over++
			}
		}
		share := decimal.NewFromInt(int64(over)).Div(decimal.NewFromInt(int64(len(totals))))
		b.OverBudget, b.OverBudgetCount = &share, over
	}
	return b
}

// evaluateAll prices every scenario, workers at a time.
func evaluateAll(design []Values, eval Evaluate, workers int) ([]Outcome, error) {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	outs := make([]Outcome, len(design))
	errs := make([]error, len(design))
	var next int
	var mu sync.Mutex
	var wg sync.WaitGroup
	for w := 0; w < min(workers, len(design)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				mu.Lock()
				i := next
				next++
				mu.Unlock()
				if i >= len(design) {
					return
				}
				outs[i], errs[i] = eval(design[i])
			}
		}()
	}
	wg.Wait()
	// The first error in design order, so the message is deterministic.
	for i, err := range errs {
		if err != nil {
			return nil, fmt.Errorf("scenario %d of %d (%s): %w", i+1, len(design), describe(design[i]), err)
		}
	}
	return outs, nil
}

// describe lists a scenario's values in table order, for errors.
func describe(v Values) string {
	s := ""
	for _, a := range Assumptions() {
		if x, ok := v[a.Name]; ok {
			if s != "" {
				s += " "
			}
			s += a.Name + "=" + Num(x)
		}
	}
	return s
}

// Percentile is the k-th percentile (0 < k ≤ 100) of values by the
// nearest-rank method: the ⌈k/100 × n⌉-th smallest value. Every
// percentile is therefore one scenario's own total, exact to the cent,
// never an interpolation between two.
func Percentile(values []decimal.Decimal, k int) decimal.Decimal {
	if len(values) == 0 {
		return decimal.Zero
	}
	s := sorted(values)
	return s[rank(len(s), k)]
}

// rank is the 0-based index of the nearest-rank k-th percentile of n.
func rank(n, k int) int { return max((k*n+99)/100-1, 0) }

// Percentile3 is P10, P50 and P90 of values (Percentile's method).
func Percentile3(values []decimal.Decimal) Percentiles {
	if len(values) == 0 {
		return Percentiles{}
	}
	return percentilesOfSorted(sorted(values))
}

func percentilesOfSorted(s []decimal.Decimal) Percentiles {
	if len(s) == 0 {
		return Percentiles{}
	}
	return Percentiles{P10: s[rank(len(s), 10)], P50: s[rank(len(s), 50)], P90: s[rank(len(s), 90)]}
}

// sorted returns the values in ascending order; equal values (1.5 and
// 1.50) keep their order. A sort compares each value many times, and a
// decimal comparison of unlike exponents rescales, allocating, every
// time; so each value is brought to the least exponent once and the
// sort compares those integers.
func sorted(values []decimal.Decimal) []decimal.Decimal {
	if len(values) == 0 {
		return nil
	}
	least := values[0].Exponent()
	for _, v := range values {
		least = min(least, v.Exponent())
	}
	type keyed struct {
		key *big.Int
		v   decimal.Decimal
	}
	ks := make([]keyed, len(values))
	ten := big.NewInt(10)
	for i, v := range values {
		k := v.Coefficient()
		if d := v.Exponent() - least; d > 0 {
			k.Mul(k, new(big.Int).Exp(ten, big.NewInt(int64(d)), nil))
		}
		ks[i] = keyed{k, v}
	}
	slices.SortStableFunc(ks, func(a, b keyed) int { return a.key.Cmp(b.key) })
	s := make([]decimal.Decimal, len(ks))
	for i, k := range ks {
		s[i] = k.v
	}
	return s
}

// Bar is one assumption's line in the tornado: the total with the
// assumption at its P10 and at its P90, every other at today's value.
type Bar struct {
	Name  string `json:"assumption"`
	Label string `json:"label"`
	Range Range  `json:"range"`
	// Low and High are the totals at the assumption's P10 and P90.
	Low  decimal.Decimal `json:"atP10"`
	High decimal.Decimal `json:"atP90"`
	// Swing is |High − Low|: how far this guess alone moves the total.
	Swing decimal.Decimal `json:"swing"`
	// Unpriced is the most items either end left unpriced.
	Unpriced int `json:"itemsNotPriced,omitempty"`
}

// Tornado prices each ranged assumption at its P10 and at its P90 with
// the others at today's values (their P50), and sorts the bars by swing,
// largest first (ties by name). The forecast's growth rate is left out:
// it moves only the forecast.
func Tornado(rs Ranges, eval Evaluate, workers int) ([]Bar, error) {
	var ranged []Assumption
	for _, a := range rs.Ranged() {
		if !a.Forecast {
			ranged = append(ranged, a)
		}
	}
	design := make([]Values, 0, 2*len(ranged))
	for _, a := range ranged {
		r := rs[a.Name]
		lo, hi := r.P10, r.P90
		if a.Name == "monthly_active_users" {
			lo, hi = roundWhole(lo), roundWhole(hi)
		}
		design = append(design, Values{a.Name: lo}, Values{a.Name: hi})
	}
	outs, err := evaluateAll(design, eval, workers)
	if err != nil {
		return nil, err
	}
	bars := make([]Bar, len(ranged))
	for i, a := range ranged {
		lo, hi := outs[2*i], outs[2*i+1]
		bars[i] = Bar{Name: a.Name, Label: a.Label, Range: rs[a.Name], Low: lo.Total, High: hi.Total,
			Swing: hi.Total.Sub(lo.Total).Abs(), Unpriced: max(lo.Unpriced, hi.Unpriced)}
	}
	sort.SliceStable(bars, func(i, j int) bool {
		if c := bars[i].Swing.Cmp(bars[j].Swing); c != 0 {
			return c > 0
		}
		return bars[i].Name < bars[j].Name
	})
	return bars, nil
}

func roundWhole(v float64) float64 { return math.Max(1, math.Round(v)) }

// DefaultFanSamples is how many scenarios a forecast's fan prices each
// month unless asked otherwise: 65 = 10 × 7 − 5, with the same
// nearest-rank alignment as DefaultSamples, since a fan prices every
// scenario once a month (24 months × 65 = 1,560 estimates).
const DefaultFanSamples = 65

// FanMonth is one month of a forecast's fan.
type FanMonth struct {
	Month int
	Percentiles
	// Unpriced is the most items any scenario left unpriced that month.
	Unpriced int
}

// Fan prices a forecast's fan: each scenario of the design grows from its
// own users at its own rate (forecast_growth, percent a month; today's
// rate when it is not ranged), month m having users × (1 + growth/100)^(m−1)
// as capacity.Forecast does, with its other assumptions held; per-user
// quantities follow the users. It returns P10, P50 and P90 of each month's
// total. startUsers and growthPct are today's users and rate.
func Fan(rs Ranges, months int, startUsers, growthPct float64, eval Evaluate, o Options) ([]FanMonth, error) {
	n := o.samples()
	if err := CheckSamples(n); err != nil {
		return nil, fmt.Errorf("samples: %w", err)
	}
	design := Design(rs, n, o.seed())
	var perUser []Assumption
	for _, a := range rs.Ranged() {
		if a.PerUser {
			perUser = append(perUser, a)
		}
	}
	all := make([]Values, 0, n*months)
	for _, v := range design {
		u0, ok := v["monthly_active_users"]
		if !ok {
			u0 = startUsers
		}
		g, ok := v["forecast_growth"]
		if !ok {
			g = growthPct
		}
		for m := 1; m <= months; m++ {
			users := math.Max(1, math.Round(u0*math.Pow(1+g/100, float64(m-1))))
			at := Values{}
			for name, x := range v {
				if name != "forecast_growth" {
					at[name] = x
				}
			}
			at["monthly_active_users"] = users
			for _, a := range perUser {
				at[a.Name] = a.Clamp(v[a.Name] * users / u0)
			}
			all = append(all, at)
		}
	}
	outs, err := evaluateAll(all, eval, o.Workers)
	if err != nil {
		return nil, err
	}
	fan := make([]FanMonth, months)
	for m := range fan {
		totals := make([]decimal.Decimal, n)
		fan[m].Month = m + 1
		for i := 0; i < n; i++ {
			out := outs[i*months+m]
			totals[i] = out.Total
			fan[m].Unpriced = max(fan[m].Unpriced, out.Unpriced)
		}
		fan[m].Percentiles = Percentile3(totals)
	}
	return fan, nil
}
