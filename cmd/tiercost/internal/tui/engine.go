package tui

import (
	"context"

	"github.com/shopspring/decimal"
	"github.com/tiercost/tiercost/costmodel/pricing"
)

// Scenario is one set of what-if knobs for an environment or a tier. The
// engine's Baseline fills it with the target's own values; the TUI changes
// one knob at a time and asks the engine to re-size and re-price it.
type Scenario struct {
	// Target is the environment name (dev, staging, prod) or the tier name
	// (1k, 10k, 100k, 1m); IsTier says which.
	Target string `json:"target" yaml:"target"`
	IsTier bool   `json:"isTier" yaml:"is_tier"`
	// Users is monthly active users.
	Users float64 `json:"users" yaml:"users"`
	// PeakToAverage is peak-hour over average request rate (>= 1).
	PeakToAverage float64 `json:"peakToAverage" yaml:"peak_to_average"`
	// CacheHitRatio and CDNHitRatio are 0 to 1.
	CacheHitRatio float64 `json:"cacheHitRatio" yaml:"cache_hit_ratio"`
	CDNHitRatio   float64 `json:"cdnHitRatio" yaml:"cdn_hit_ratio"`
	// AvgResponseKB is the mean response size in KB (1 KB = 1,000 bytes).
	AvgResponseKB float64 `json:"avgResponseKb" yaml:"avg_response_kb"`
	// Family is "x86" or "graviton".
	Family string `json:"family" yaml:"family"`
	// DBReplicas is read replicas per database shard.
	DBReplicas int `json:"dbReplicas" yaml:"db_replicas"`
	// Purchase is one of PurchaseOptions.
	Purchase string `json:"purchase" yaml:"purchase"`
	// CoveragePct is the Savings Plans coverage, 0 to 100.
	CoveragePct float64 `json:"coveragePct" yaml:"coverage_pct"`
	// Region is the AWS region code.
	Region string `json:"region" yaml:"region"`
}

// PurchaseOptions returns the purchase choices the what-if view cycles
// through. The engine may refuse one it cannot price; the TUI then shows
// the error.
func PurchaseOptions() []string {
	return []string{
		"on-demand",
		"reserved-1yr-no-upfront",
		"reserved-1yr-partial-upfront",
		"reserved-1yr-all-upfront",
		"reserved-3yr-no-upfront",
		"reserved-3yr-partial-upfront",
		"reserved-3yr-all-upfront",
	}
}

// Regions returns the regions the what-if view cycles through.
func Regions() []string {
	return []string{"us-east-1", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-1"}
}

// Families returns the instance families the what-if view toggles between.
func Families() []string { return []string{"x86", "graviton"} }

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
}

// Snapshot is one sized and priced scenario.
type Snapshot struct {
	Scenario Scenario `json:"scenario"`
	// Tier is the growth tier the capacity model chose for the users.
	Tier      string            `json:"tier"`
	Breakdown pricing.Breakdown `json:"breakdown"`
	// Budget is the monthly budget of the environment; nil when none is set.
	Budget   *decimal.Decimal `json:"budget,omitempty"`
	Findings []Finding        `json:"findings"`
	// Curve is cost against users from 1k to 1m, sorted by users.
	Curve []CurvePoint `json:"curve"`
	// Sizing are short lines such as "ASG 2–4 × t4g.medium".
	Sizing []string `json:"sizing"`
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
}

// Engine sizes and prices scenarios. The lead wires it to the real cost
// engine; tests use a fake with hand-computable prices. The TUI runs at most
// one Evaluate at a time for the what-ifs, but Overview, Baseline and
// Evaluate may run concurrently on different goroutines, so an Engine must
// be safe for concurrent use.
type Engine interface {
	// Baseline returns the environment's or tier's own values.
	Baseline(target string, isTier bool) (Scenario, error)
	// Evaluate re-sizes and re-prices a scenario.
	Evaluate(s Scenario) (Snapshot, error)
	// Overview prices the four tiers and three environments.
	Overview() ([]OverviewRow, error)
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
