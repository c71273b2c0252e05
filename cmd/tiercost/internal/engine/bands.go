package engine

import (
	"fmt"
	"strconv"
	"sync/atomic"

	"github.com/shopspring/decimal"
	"github.com/tiercost/tiercost/cmd/tiercost/internal/scenario"
	"github.com/tiercost/tiercost/components/spec"
	"github.com/tiercost/tiercost/costmodel/inputfile"
	"github.com/tiercost/tiercost/costmodel/money"
	"github.com/tiercost/tiercost/costmodel/pricing"
	"github.com/tiercost/tiercost/costmodel/report"
	"github.com/tiercost/tiercost/costmodel/uncertainty"
	"github.com/tiercost/tiercost/costmodel/usage"
)

// typeASG is the app fleet's type token, whose average running instances
// the asg_running knob sets as usage.
const typeASG = "aws:autoscaling/group:Group"

// asgRunning places the app fleet's average running instances between the
// ASG's min (pos −1), desired capacity (0) and max (1), as the instances
// usage the ASG pricer reads (a usage file's value still wins). At 0 the
// usage is left as it is: the pricer's default is the desired capacity.
func asgRunning(u *usage.Usage, s spec.Spec, pos float64) *usage.Usage {
	if pos == 0 {
		return u
	}
	c := s.Compute
	desired := decimal.NewFromInt(int64(c.DesiredCapacity))
	span := decimal.NewFromInt(int64(c.MaxSize - c.DesiredCapacity))
	if pos < 0 {
		span = decimal.NewFromInt(int64(c.DesiredCapacity - c.MinSize))
	}
	n := desired.Add(decimal.NewFromFloat(pos).Mul(span))
	origin := ""
	if u != nil {
		origin = u.Origin
	}
	out := usage.Merge(u, &usage.Usage{TypeDefaults: map[string]usage.Values{typeASG: {"instances": n}}})
	out.Origin = origin
	return out
}

// BandOptions choose a band's sample: how many scenarios, the seed, how
// many to price at once, and whether to build the tornado too.
type BandOptions struct {
	Samples int
	Seed    uint64
	Workers int
	Tornado bool
	// GrowthPct is the forecast's growth rate (percent a month) when the
	// band is a forecast's; nil otherwise.
	GrowthPct *float64
}

// Bands are an estimate's uncertainty: the band of its monthly total over
// the sampled scenarios and, when asked, the tornado.
type Bands struct {
	Band    uncertainty.Band
	Tornado []uncertainty.Bar
}

// Ranges resolves the ranges of an estimate's assumptions: each
// assumption's P50 is its value in the estimate (today's value); its
// P10 and P90 come from the profile's workload_ranges (the environment
// file, or a --set range written into it), else from the tier's default
// (uncertainty.DefaultRange). An estimate of a file has no assumptions,
// so no ranges. growthPct, when set, ranges the forecast's growth too.
func Ranges(res Result, growthPct *float64) (uncertainty.Ranges, error) {
	rs := uncertainty.Ranges{}
	if res.Profile == nil {
		return rs, nil
	}
	for _, a := range uncertainty.Assumptions() {
		var today float64
		switch {
		case a.Forecast && growthPct == nil:
			continue
		case a.Forecast:
			today = *growthPct
		default:
			v, ok := res.Values[a.Knob]
			if !ok {
				continue
			}
			var err error
			if today, err = strconv.ParseFloat(v, 64); err != nil {
				return nil, fmt.Errorf("%s: %s is not a number", a.Knob, inputfile.Excerpt(v))
			}
		}
		var r uncertainty.Range
		var err error
		if s, ok := res.Profile.WorkloadRanges[a.Name]; ok {
			if r, err = s.Resolve(a, today); err != nil {
				return nil, fmt.Errorf("%s: workload_ranges.%s: %w", s.Source, a.Name, err)
			}
		} else if r, err = uncertainty.DefaultRange(res.Tier, a.Name, today); err != nil {
			return nil, err
		}
		rs[a.Name] = r
	}
	return rs, nil
}

// Bands samples the request's assumptions and prices every scenario with
// e, the one estimating engine: base is the request's own estimate (the
// point estimate, whose values are the ranges' P50s).
func (e Estimator) Bands(req Request, base Result, o BandOptions) (Bands, error) {
	rs, err := Ranges(base, o.GrowthPct)
	if err != nil {
		return Bands{}, err
	}
	eval := e.evaluate(req)
	band, err := uncertainty.Run(rs, eval, uncertainty.Options{Samples: o.Samples, Seed: o.Seed, Workers: o.Workers, Budget: base.BudgetMonthlyUSD})
	if err != nil {
		return Bands{}, err
	}
	out := Bands{Band: band}
	if o.Tornado {
		if out.Tornado, err = uncertainty.Tornado(rs, eval, o.Workers); err != nil {
			return Bands{}, err
		}
	}
	return out, nil
}

// evaluate prices one scenario: the request with each sampled assumption
// set as its what-if knob, without findings.
func (e Estimator) evaluate(req Request) uncertainty.Evaluate {
	req = bandRequest(req)
	names := &componentNames{}
	return func(v uncertainty.Values) (uncertainty.Outcome, error) {
		res, err := e(ScenarioRequest(req, v))
		if err != nil {
			return uncertainty.Outcome{}, err
		}
		return names.outcome(res), nil
	}
}

// bandRequest is the request every scenario of one band starts from: its
// overlay without ranges (worked out once, not once a scenario), and one
// pricing memo, since the scenarios share most records
// (TestBandMemoMatchesEstimate holds the memo's answers equal to
// Estimate's without one).
func bandRequest(req Request) Request {
	req.Overlay = pointOverlay(req.Overlay)
	req.memo = pricing.NewMemo()
	return req
}

// pointOverlay is the overlay without its ranges: a three-part range
// keeps its P50 as the knob's value, the others are dropped.
func pointOverlay(in scenario.Overlay) scenario.Overlay {
	o := make(scenario.Overlay, len(in))
	for name, text := range in {
		if scenario.IsRange(text) {
			if k, err := scenario.Lookup(name); err == nil {
				if r, err := k.ParseRange(text); err == nil {
					if r.Point != "" {
						o[name] = r.Point
					}
					continue
				}
			}
		}
		o[name] = text
	}
	return o
}

// ScenarioRequest is the request with one scenario's assumptions set as
// what-if knobs. The overlay's ranges are dropped (a three-part range
// keeps its P50 as the knob's value): a scenario is a point.
func ScenarioRequest(req Request, v uncertainty.Values) Request {
	req.Findings = false
	o := pointOverlay(req.Overlay)
	for name, x := range v {
		a, err := uncertainty.Lookup(name)
		if err != nil || a.Knob == "" {
			continue
		}
		o[a.Knob] = strconv.FormatFloat(x, 'f', -1, 64)
	}
	req.Overlay = o
	return req
}

// Outcome is what the band reads of one estimate: its monthly total, the
// total of each component (named as the reports name them), and its
// marks.
func Outcome(res Result) uncertainty.Outcome { return (&componentNames{}).outcome(res) }

func (c *componentNames) outcome(res Result) uncertainty.Outcome {
	names := c.of(res.Breakdown.Resources)
	sums := map[string]*money.Sum{}
	for i := range res.Breakdown.Resources {
		r := &res.Breakdown.Resources[i]
		if r.Status != pricing.StatusPriced {
			continue
		}
		s, ok := sums[names[i].name]
		if !ok {
			s = &money.Sum{}
			sums[names[i].name] = s
		}
		s.Add(r.MonthlyCost)
	}
	comps := make(map[string]decimal.Decimal, len(sums))
	for name, s := range sums {
		comps[name] = s.Decimal()
	}
	return uncertainty.Outcome{Total: res.Breakdown.TotalMonthlyCost, Components: comps,
		Unpriced: res.Breakdown.Monthly().Unpriced, Overloaded: len(res.Overloaded) > 0}
}

// Fan prices a forecast's fan: the request's scenarios, each grown month
// by month from its own users at its own rate (uncertainty.Fan), through
// e. base is today's estimate; growthPct today's growth rate.
func (e Estimator) Fan(req Request, base Result, months int, growthPct float64, o BandOptions) ([]uncertainty.FanMonth, error) {
	rs, err := Ranges(base, &growthPct)
	if err != nil {
		return nil, err
	}
	n := o.Samples
	if n == 0 {
		n = uncertainty.DefaultFanSamples
	}
	return uncertainty.Fan(rs, months, base.Users, growthPct, e.evaluate(req), uncertainty.Options{Samples: n, Seed: o.Seed, Workers: o.Workers})
}

// componentNames remembers the reports' component names
// (report.ComponentName) of the last scenario's resources, in their
// order: a band's scenarios price the same resources, so each scenario
// only confirms, position by position, that type and URN are unchanged.
type componentNames struct {
	last atomic.Pointer[[]namedResource]
}

type namedResource struct{ typ, urn, name string }

func (c *componentNames) of(rs []pricing.ResourceCost) []namedResource {
	if p := c.last.Load(); p != nil && len(*p) == len(rs) {
		same := true
		for i, n := range *p {
			if n.typ != rs[i].Type || n.urn != rs[i].URN {
				same = false
				break
			}
		}
		if same {
			return *p
		}
	}
	names := make([]namedResource, len(rs))
	for i := range rs {
		names[i] = namedResource{rs[i].Type, rs[i].URN, report.ComponentName(rs[i])}
	}
	c.last.Store(&names)
	return names
}
