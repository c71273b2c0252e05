package tui

import (
	"context"
	"fmt"

	"github.com/shopspring/decimal"
	"github.com/tiercost/tiercost/cmd/tiercost/internal/scenario"
	"github.com/tiercost/tiercost/costmodel/money"
	"github.com/tiercost/tiercost/costmodel/pricing"
)

// Scenario is one what-if: the environment or tier it starts from, and
// the knobs it changes (scenario.Overlay, the CLI's --set). The engine
// writes the overlay into the target's profile, so a saved scenario prices
// exactly as the screen does.
type Scenario struct {
	// Target is the environment name (dev, staging, prod) or the tier name
	// (1k, 10k, 100k, 1m); IsTier says which.
	Target  string           `json:"target"`
	IsTier  bool             `json:"isTier"`
	Overlay scenario.Overlay `json:"overlay,omitempty"`
}

// Key identifies a scenario for equality checks (overlays are maps).
func (s Scenario) Key() string {
	return fmt.Sprintf("%s|%v|%s", s.Target, s.IsTier, s.Overlay.String())
}

// Finding kinds.
const (
	FindingRightsize = "rightsize"
	FindingAdvisor   = "advisor"
)

// Finding is one right-sizing recommendation or advisor rule hit.
type Finding struct {
	Kind   string `json:"kind"` // FindingRightsize or FindingAdvisor
	Title  string `json:"title"`
	Detail string `json:"detail"`
	Source string `json:"source"` // the rule or the reference it comes from
	// Saving is the monthly saving; nil when it is not known.
	Saving *decimal.Decimal `json:"saving,omitempty"`
}

// CurvePoint is the priced cost at one user count on the growth curve.
type CurvePoint struct {
	Users       float64         `json:"users"`
	Tier        string          `json:"tier"`
	MonthlyCost decimal.Decimal `json:"monthlyCost"`
	// NotPriced counts the items MonthlyCost leaves out (a lower bound).
	NotPriced int `json:"itemsNotPriced,omitempty"`
}

// Curve is cost against users for one scenario's knobs other than users:
// a what-if in another region or family has its own curve.
type Curve struct {
	// Points run from 1k to 1m users, sorted by users.
	Points []CurvePoint `json:"points"`
	// TierChanges are the user counts at which the curve's tier changes
	// (the next action's move points), sorted.
	TierChanges []float64 `json:"tierChanges,omitempty"`
}

// Snapshot is one sized and priced scenario.
type Snapshot struct {
	Scenario Scenario `json:"scenario"`
	// Values are every knob's effective value in this estimate.
	Values scenario.Values `json:"values"`
	// Tier is the growth tier the capacity model chose for the users.
	Tier      string            `json:"tier"`
	Breakdown pricing.Breakdown `json:"breakdown"`
	// Budget is the monthly budget of the environment; nil when none is set.
	Budget   *decimal.Decimal `json:"budget,omitempty"`
	Findings []Finding        `json:"findings"`
	// Sizing are short lines such as "ASG 2–4 × t4g.medium".
	Sizing []string `json:"sizing"`
	// Next is the first step growth needs; nil when nothing limits.
	Next *NextAction `json:"next,omitempty"`
}

// NextAction is the engine's answer to "when do we outgrow this, and what
// do we do then": at Users users, do Do.
type NextAction struct {
	Users float64 `json:"users"`
	// Now is true when the workload is already past the limit.
	Now bool `json:"now,omitempty"`
	// Do says what to do: "database: db.t4g.micro -> db.t4g.small" or
	// "move to the 1m tier".
	Do string `json:"do"`
	// CostBefore and CostAfter are the whole architecture's monthly cost
	// just before and just after the step; nil when not priced.
	CostBefore *decimal.Decimal `json:"costBefore,omitempty"`
	CostAfter  *decimal.Decimal `json:"costAfter,omitempty"`
	// UnpricedBefore and UnpricedAfter count what each cost leaves out.
	UnpricedBefore int `json:"itemsNotPricedBefore,omitempty"`
	UnpricedAfter  int `json:"itemsNotPricedAfter,omitempty"`
}

// Overview row kinds.
const (
	KindTier = "tier"
	KindEnv  = "env"
)

// OverviewRow is one tier or environment in the overview table.
type OverviewRow struct {
	Name        string          `json:"name"`
	Kind        string          `json:"kind"` // KindTier or KindEnv
	Users       float64         `json:"users"`
	Monthly     decimal.Decimal `json:"monthly"`
	CostPerUser decimal.Decimal `json:"costPerUser"`
	Fixed       decimal.Decimal `json:"fixed"`
	Usage       decimal.Decimal `json:"usage"`
	// FixedNotPriced and UsageNotPriced count the items each part leaves
	// out (pricing.Breakdown.Split): it is then a lower bound.
	FixedNotPriced int `json:"fixedItemsNotPriced,omitempty"`
	UsageNotPriced int `json:"usageItemsNotPriced,omitempty"`
	// NotPriced counts the items Monthly leaves out (it is then a lower
	// bound); Overloaded names the layers past their capacity at peak.
	NotPriced  int    `json:"itemsNotPriced,omitempty"`
	Overloaded string `json:"overloaded,omitempty"`
}

// Total is the row's total with its marks.
func (r OverviewRow) Total() money.Total {
	return money.Total{Amount: r.Monthly, Unpriced: r.NotPriced, Overloaded: r.Overloaded}
}

// Split is the row's fixed and usage-based parts with their marks.
func (r OverviewRow) Split() (fixed, usage money.Total) {
	return money.Total{Amount: r.Fixed, Unpriced: r.FixedNotPriced}, money.Total{Amount: r.Usage, Unpriced: r.UsageNotPriced}
}

// Engine sizes and prices scenarios. The lead wires it to the real cost
// engine; tests use a fake with hand-computable prices. The TUI runs at most
// one Evaluate at a time for the what-ifs, but Overview, Save and
// Evaluate may run concurrently on different goroutines, so an Engine must
// be safe for concurrent use.
type Engine interface {
	// Evaluate sizes and prices a scenario; an empty overlay is the
	// target's baseline.
	Evaluate(s Scenario) (Snapshot, error)
	// Save renders a scenario as an environment file that prices as
	// Evaluate does.
	Save(s Scenario) ([]byte, error)
	// Overview prices the four tiers and three environments.
	Overview() ([]OverviewRow, error)
	// Curve prices cost against users with the scenario's knobs; the users
	// knob is what it varies, so the TUI passes a scenario without it. It
	// is asked for only while the chart is shown (and for the JSON export).
	Curve(s Scenario) (Curve, error)
}

// Deployer hands an environment over to Pulumi. Nothing here deploys
// without the user's two confirmations.
type Deployer interface {
	// Check returns nil, or an error that says exactly what to install or
	// set (pulumi CLI missing, AWS credentials missing).
	Check(env string) error
	// Preview runs `pulumi preview` through the Automation API, calling
	// progress for each output line, and returns the summary.
	Preview(ctx context.Context, env string, progress func(line string)) (string, error)
	// Up runs `pulumi up` the same way.
	Up(ctx context.Context, env string, progress func(line string)) (string, error)
}
