package capacity

import (
	"errors"
	"fmt"
	"math"

	"github.com/shopspring/decimal"
	"github.com/tiercost/tiercost/components/spec"
	"github.com/tiercost/tiercost/costmodel/money"
)

// Point is the monthly cost at one user count.
type Point struct {
	Users       float64         `json:"users"`
	Tier        string          `json:"tier"`
	MonthlyCost decimal.Decimal `json:"monthlyCost"`
	// CostPerUser is MonthlyCost / Users.
	CostPerUser decimal.Decimal `json:"costPerUser"`
	// TierChange is true when the tier differs from the previous point's.
	TierChange bool `json:"tierChange"`
	// Layers describes each layer's discrete sizes (LayerSizes), so a
	// forecast can name the month a layer changes; nil when not known.
	Layers map[string]string `json:"layers,omitempty"`
	// NotPriced counts the items MonthlyCost leaves out (it is then a
	// lower bound); Overloaded names the layers past their capacity at
	// peak. The cost function fills both.
	NotPriced  int    `json:"itemsNotPriced,omitempty"`
	Overloaded string `json:"overloaded,omitempty"`
}

// Total is the point's cost with its marks.
func (p Point) Total() money.Total {
	return money.Total{Amount: p.MonthlyCost, Unpriced: p.NotPriced, Overloaded: p.Overloaded}
}

// CostFunc prices the infrastructure for a user count. The full price needs
// the Pulumi program and the pricers, so callers pass it in; CapacityCost
// is a partial one built from the sized layers alone.
type CostFunc func(users float64) (Point, error)

// Curve evaluates f at points user counts spaced evenly on a log scale from
// `from` to `to` inclusive (1k..1m with 13 points is 4 per decade) and marks
// tier changes.
func Curve(f CostFunc, from, to float64, points int) ([]Point, error) {
	switch {
	case f == nil:
		return nil, errors.New("curve: cost function is nil")
	case !(from > 0) || math.IsInf(from, 0):
		return nil, fmt.Errorf("curve: from is %v; allowed: a number greater than 0", from)
	case !(to > from) || math.IsInf(to, 0):
		return nil, fmt.Errorf("curve: to is %v; allowed: a number greater than from (%v)", to, from)
	case points < 2 || points > 1000:
		return nil, fmt.Errorf("curve: points is %d; allowed: 2 to 1000", points)
	}
	out := make([]Point, 0, points)
	step := math.Log10(to/from) / float64(points-1)
	for i := 0; i < points; i++ {
		// Round to whole users so 10^(k/4) gives 1778, not 1778.279...
		u := math.Round(from * math.Pow(10, step*float64(i)))
		if i == points-1 {
			u = to
		}
		p, err := evaluate(f, u)
		if err != nil {
			return nil, err
		}
		p.TierChange = i > 0 && p.Tier != out[i-1].Tier
		out = append(out, p)
	}
	return out, nil
}

func evaluate(f CostFunc, users float64) (Point, error) {
	p, err := f(users)
	if err != nil {
		return Point{}, fmt.Errorf("cost at %.0f users: %w", users, err)
	}
	p.Users = users
	p.CostPerUser = money.CostPerUser(p.MonthlyCost, users)
	return p, nil
}

// ForecastMonth is one month of a forecast.
type ForecastMonth struct {
	Month       int             `json:"month"` // 1 = the current month
	Users       float64         `json:"users"`
	Tier        string          `json:"tier"`
	MonthlyCost decimal.Decimal `json:"monthlyCost"`
	Cumulative  decimal.Decimal `json:"cumulative"`
	OverBudget  bool            `json:"overBudget"`
	layers      map[string]string
	// NotPriced and Overloaded are the month's marks, as Point's.
	NotPriced  int    `json:"itemsNotPriced,omitempty"`
	Overloaded string `json:"overloaded,omitempty"`
}

// Total is the month's cost with its marks.
func (m ForecastMonth) Total() money.Total {
	return money.Total{Amount: m.MonthlyCost, Unpriced: m.NotPriced, Overloaded: m.Overloaded}
}

// Step kinds of a forecast's transitions. A move tier or a resize is what
// NextAction names, so the forecast's first one is the next action; a
// scale step is the app fleet's desired instance count changing on the
// same instance type: autoscaling inside the ASG, which changes the cost
// but is never a next action.
const (
	StepMoveTier = ActionMoveTier
	StepResize   = ActionResize
	StepScale    = "scale"
)

// Transition is a step falling due: a tier change (Layer "tier", Kind
// "move tier"), a layer's discrete sizes changing (Layer "database",
// "cache", "compute"; Kind "resize") or the app fleet's desired count
// changing (Layer "compute", Kind "scale").
type Transition struct {
	Layer string  `json:"layer"`
	Kind  string  `json:"kind"`
	Month int     `json:"month"`
	From  string  `json:"from"`
	To    string  `json:"to"`
	Users float64 `json:"users"`
}

// ForecastResult is a month-by-month projection under compound user growth.
// (Named so because Forecast is the function that builds it.)
type ForecastResult struct {
	StartUsers  float64         `json:"startUsers"`
	GrowthPct   float64         `json:"growthPct"`
	Budget      decimal.Decimal `json:"budget"`
	Months      []ForecastMonth `json:"months"`
	Transitions []Transition    `json:"transitions"`
	// BudgetCrossedMonth is the first month whose cost exceeds the budget,
	// 0 when it never does (or no budget was given).
	BudgetCrossedMonth int             `json:"budgetCrossedMonth"`
	Total              decimal.Decimal `json:"total"`
}

// Forecast projects cost month by month: month m has
// startUsers x (1 + growthPct/100)^(m-1) users (month 1 is the current
// month). months must be 1 to 120; a budget <= 0 is not checked.
func Forecast(f CostFunc, startUsers, growthPct float64, months int, budget decimal.Decimal) (ForecastResult, error) {
	switch {
	case f == nil:
		return ForecastResult{}, errors.New("forecast: cost function is nil")
	case !(startUsers > 0) || math.IsInf(startUsers, 0):
		return ForecastResult{}, fmt.Errorf("forecast: start users is %v; allowed: a number greater than 0", startUsers)
	case math.IsNaN(growthPct) || growthPct < -50 || growthPct > 100:
		return ForecastResult{}, fmt.Errorf("forecast: growth is %v %%; allowed: -50 to 100 (percent a month)", growthPct)
	case months < 1 || months > 120:
		return ForecastResult{}, fmt.Errorf("forecast: months is %d; allowed: 1 to 120", months)
	}
	fc := ForecastResult{StartUsers: startUsers, GrowthPct: growthPct, Budget: budget}
	cum := decimal.Zero
	for m := 1; m <= months; m++ {
		u := math.Round(startUsers * math.Pow(1+growthPct/100, float64(m-1)))
		u = math.Max(u, 1)
		p, err := evaluate(f, u)
		if err != nil {
			return ForecastResult{}, err
		}
		cum = cum.Add(p.MonthlyCost)
		row := ForecastMonth{Month: m, Users: u, Tier: p.Tier, MonthlyCost: p.MonthlyCost, Cumulative: cum,
			NotPriced: p.NotPriced, Overloaded: p.Overloaded, layers: p.Layers}
		if budget.IsPositive() && p.MonthlyCost.GreaterThan(budget) {
			row.OverBudget = true
			if fc.BudgetCrossedMonth == 0 {
				fc.BudgetCrossedMonth = m
			}
		}
		if m > 1 {
			fc.Transitions = append(fc.Transitions, steps(fc.Months[m-2], p, m)...)
		}
		fc.Months = append(fc.Months, row)
	}
	fc.Total = cum
	return fc, nil
}

// steps are the transitions from one month to the next: the tier move,
// else each layer resized, else the app fleet scaled.
func steps(prev ForecastMonth, p Point, month int) []Transition {
	if p.Tier != prev.Tier {
		return []Transition{{Layer: "tier", Kind: StepMoveTier, Month: month, From: prev.Tier, To: p.Tier, Users: p.Users}}
	}
	changed := func(key string) (string, string, bool) {
		from, to := prev.layers[key], p.Layers[key]
		return from, to, from != to && from != "" && to != ""
	}
	var out []Transition
	for _, layer := range []string{LayerDatabase, LayerCache, LayerCompute} {
		if from, to, ok := changed(layer); ok {
			if layer == LayerCompute {
				// Name the fleet, as a scale step does.
				if f, t, ok := changed(layerFleet); ok {
					from, to = f, t
				}
			}
			out = append(out, Transition{Layer: layer, Kind: StepResize, Month: month, From: from, To: to, Users: p.Users})
		}
	}
	if _, _, typeChanged := changed(LayerCompute); !typeChanged {
		if from, to, ok := changed(layerFleet); ok {
			out = append(out, Transition{Layer: LayerCompute, Kind: StepScale, Month: month, From: from, To: to, Users: p.Users})
		}
	}
	return out
}

// ScaleWorkload returns w at a different user count: the hot working set
// scales with users (it is per daily active user); every ratio stays.
func ScaleWorkload(w spec.Workload, users float64) spec.Workload {
	if w.MonthlyActiveUsers > 0 {
		w.HotWorkingSetGB *= users / w.MonthlyActiveUsers
	}
	w.MonthlyActiveUsers = users
	return w
}

// CapacityCost prices the layers the capacity model sizes (ASG desired
// instances, RDS instances, cache nodes) for a tier at a user count, with
// the tier's default workload scaled to that count, through o.Prices. It is
// a partial cost: load balancer, NAT, storage and transfer are priced by
// the pricers.
func CapacityCost(tier string, users float64, o Options) (decimal.Decimal, error) {
	w, err := TierWorkload(tier)
	if err != nil {
		return decimal.Zero, err
	}
	res, err := Size(tier, ScaleWorkload(w, users), o)
	if err != nil {
		return decimal.Zero, err
	}
	r, err := resolve(o)
	if err != nil {
		return decimal.Zero, err
	}
	m, ok := r.sizedLayers(res.Spec)
	if !ok {
		return decimal.Zero, fmt.Errorf("tier %s at %.0f users: a price is not in the catalog", tier, users)
	}
	return m, nil
}

// sizedLayers quotes a spec's compute (desired), database and cache nodes.
func (r resolved) sizedLayers(s spec.Spec) (decimal.Decimal, bool) {
	total := decimal.Zero
	parts := []*decimal.Decimal{
		r.quote(computeNodes(s, s.Compute.InstanceType, s.Compute.DesiredCapacity)),
		r.dbMonthly(s, s.Database.InstanceClass, max(1, s.Database.Shards), s.Database.ReadReplicas),
	}
	if s.Cache.Enabled {
		parts = append(parts, r.quote(cacheNodes(s, s.Cache.NodeType, s.Cache.Shards*(1+s.Cache.ReplicasPerShard))))
	}
	for _, p := range parts {
		if p == nil {
			return decimal.Zero, false
		}
		total = total.Add(*p)
	}
	return total, true
}
