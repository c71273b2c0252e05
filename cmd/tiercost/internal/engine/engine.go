// Package engine owns the one path from a user's question to a priced
// answer: environment or tier → workload → capacity model → spec → the
// Pulumi program run under mocks → resource records → pricers → breakdown.
// The CLI, the reports and the TUI all call it, so they never disagree.
package engine

import (
	"errors"

	"github.com/shopspring/decimal"
	"github.com/tiercost/tiercost/components/spec"
	"github.com/tiercost/tiercost/costmodel/catalog"
	"github.com/tiercost/tiercost/costmodel/pricing"
	"github.com/tiercost/tiercost/costmodel/resource"
)

// Request selects what to estimate and the what-if knobs. Exactly one of
// Environment, Tier, StackExport, PreviewJSON is set.
type Request struct {
	Environment string
	Tier        string
	StackExport string // path of a `pulumi stack export` file
	PreviewJSON string // path of a `pulumi preview --json` file
	// WorkDir is where environment override files are looked up.
	WorkDir string

	// What-ifs; nil or zero means "as the environment or tier says".
	Users             *float64
	PeakToAverage     *float64
	CacheHitRatio     *float64
	CDNHitRatio       *float64
	AvgResponseKB     *float64
	Family            string // "x86", "graviton" or "" (as configured)
	DBReplicas        *int
	Region            string
	TargetUtilization float64
	Purchase          Purchase
	UsageFile         string
	Catalog           *catalog.Catalog // nil = embedded (plus overlays by the caller)
	BudgetMonthlyUSD  *decimal.Decimal // overrides the environment's budget
}

// Purchase is the user-facing purchase choice. Option is "on-demand",
// "reserved-1yr-no-upfront", "reserved-1yr-partial-upfront",
// "reserved-1yr-all-upfront", the same with 3yr, and a "-convertible"
// suffix for convertible reserved terms.
type Purchase struct {
	Option                 string
	SavingsPlanCoveragePct float64 // 0 to 100
	FreeTier               bool
	MonthlyHours           float64 // duty cycle; 0 = 730
}

// Result is one priced answer.
type Result struct {
	Name      string // environment or tier name, or the file
	Tier      string
	Users     float64
	Region    string
	Spec      *spec.Spec     // nil for stack exports and previews
	Workload  *spec.Workload // nil for stack exports and previews
	Records   []resource.Record
	Breakdown pricing.Breakdown
	// BudgetMonthlyUSD is the environment's budget; nil when none applies.
	BudgetMonthlyUSD *decimal.Decimal
}

// ErrNotWired is returned until the engine is connected to the packages it
// composes.
var ErrNotWired = errors.New("engine: not wired yet")

// Estimate answers one request.
func Estimate(req Request) (Result, error) {
	return Result{}, ErrNotWired
}
