// Package engine owns the one path from a user's question to a priced
// answer: environment or tier → workload → capacity model → spec → the
// Pulumi program run under mocks → resource records → pricers → breakdown.
// The CLI, the reports and the TUI all call it, so they never disagree.
package engine

import (
	"errors"
	"fmt"
	"strings"

	"github.com/shopspring/decimal"
	"github.com/tiercost/tiercost/components/spec"
	"github.com/tiercost/tiercost/costmodel/capacity"
	"github.com/tiercost/tiercost/costmodel/catalog"
	"github.com/tiercost/tiercost/costmodel/iac"
	"github.com/tiercost/tiercost/costmodel/money"
	"github.com/tiercost/tiercost/costmodel/pricing"
	"github.com/tiercost/tiercost/costmodel/resource"
	"github.com/tiercost/tiercost/costmodel/usage"
	"github.com/tiercost/tiercost/environments"
	"github.com/tiercost/tiercost/stacks"
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
	Name     string // environment or tier name, or the file
	Tier     string
	Users    float64
	Region   string
	Spec     *spec.Spec     // nil for stack exports and previews
	Workload *spec.Workload // nil for stack exports and previews
	// Resolution is the sized spec, workload and sizing; nil for stack
	// exports and previews.
	Resolution *stacks.Resolution
	Records    []resource.Record
	Breakdown  pricing.Breakdown
	// BudgetMonthlyUSD is the environment's budget; nil when none applies.
	BudgetMonthlyUSD *decimal.Decimal
}

// Estimate answers one request.
func Estimate(req Request) (Result, error) {
	cat := req.Catalog
	if cat == nil {
		cat = catalog.Default()
	}
	purchase, err := req.Purchase.options()
	if err != nil {
		return Result{}, err
	}
	fileUsage, err := readUsage(req.UsageFile)
	if err != nil {
		return Result{}, err
	}
	sources := 0
	for _, s := range []string{req.Environment, req.Tier, req.StackExport, req.PreviewJSON} {
		if s != "" {
			sources++
		}
	}
	if sources != 1 {
		return Result{}, errors.New("choose exactly one of --env, --tier, --stack-export or --preview-json")
	}

	switch {
	case req.StackExport != "" || req.PreviewJSON != "":
		var src iac.Source
		name := req.StackExport
		if name != "" {
			src, err = iac.ReadStackExport(name)
		} else {
			name = req.PreviewJSON
			src, err = iac.ReadPreview(name)
		}
		if err != nil {
			return Result{}, err
		}
		region := firstNonEmpty(req.Region, src.Region, "us-east-1")
		b, err := pricing.Price(src.Records, pricing.Options{Project: name, Region: region, Catalog: cat, Usage: fileUsage, Purchase: purchase})
		if err != nil {
			return Result{}, fmt.Errorf("%s: %w", name, err)
		}
		return Result{Name: name, Region: region, Records: src.Records, Breakdown: b, BudgetMonthlyUSD: req.BudgetMonthlyUSD}, nil
	}

	wi := req.whatIf()
	var res stacks.Resolution
	capture := stacks.CaptureOptions{WorkDir: req.WorkDir}
	if req.Environment != "" {
		p, err := environments.Load(req.Environment, req.WorkDir)
		if err != nil {
			return Result{}, err
		}
		if res, err = stacks.ResolveEnvironment(p, wi); err != nil {
			return Result{}, err
		}
		capture.Environment, capture.Stack = req.Environment, req.Environment
	} else {
		if res, err = stacks.ResolveTier(req.Tier, wi); err != nil {
			return Result{}, err
		}
		capture.Tier, capture.Stack = req.Tier, req.Tier
	}
	// Without what-ifs the program resolves the spec itself from its
	// config, exactly as `pulumi up` does; with what-ifs it gets the spec.
	if wi != (stacks.WhatIf{}) {
		s := res.Spec
		capture.Spec = &s
	}
	recs, err := stacks.Capture(capture)
	if err != nil {
		return Result{}, err
	}
	u := usage.Merge(res.Sizing.Usage, fileUsage)
	b, err := pricing.Price(recs, pricing.Options{Project: res.Name, Region: res.Spec.Region, Catalog: cat, Usage: u, Purchase: purchase})
	if err != nil {
		return Result{}, err
	}
	if b.Metadata == nil {
		b.Metadata = map[string]string{}
	}
	b.Metadata["tier"] = res.Tier
	b.Metadata["users"] = fmt.Sprintf("%.0f", res.Workload.MonthlyActiveUsers)
	b.Metadata["region"] = res.Spec.Region
	if req.Environment != "" {
		b.Metadata["environment"] = req.Environment
	}
	out := Result{
		Name: res.Name, Tier: res.Tier, Users: res.Workload.MonthlyActiveUsers, Region: res.Spec.Region,
		Spec: &res.Spec, Workload: &res.Workload,
		Resolution: &res, Records: recs, Breakdown: b, BudgetMonthlyUSD: req.BudgetMonthlyUSD,
	}
	if out.BudgetMonthlyUSD == nil && res.Profile != nil && res.Profile.BudgetMonthlyUSD.IsPositive() {
		budget := res.Profile.BudgetMonthlyUSD
		out.BudgetMonthlyUSD = &budget
	}
	return out, nil
}

func (req Request) whatIf() stacks.WhatIf {
	return stacks.WhatIf{
		Users: req.Users, PeakToAverage: req.PeakToAverage, CacheHitRatio: req.CacheHitRatio,
		CDNHitRatio: req.CDNHitRatio, AvgResponseKB: req.AvgResponseKB, Family: req.Family,
		DBReplicas: req.DBReplicas, Region: req.Region, TargetUtilization: req.TargetUtilization,
	}
}

func readUsage(path string) (*usage.Usage, error) {
	if path == "" {
		return nil, nil
	}
	return usage.ParseFile(path)
}

// PurchaseOptions lists the purchase options Purchase.Option accepts.
var PurchaseOptions = []string{
	"on-demand",
	"reserved-1yr-no-upfront", "reserved-1yr-partial-upfront", "reserved-1yr-all-upfront",
	"reserved-3yr-no-upfront", "reserved-3yr-partial-upfront", "reserved-3yr-all-upfront",
	"reserved-1yr-no-upfront-convertible", "reserved-1yr-partial-upfront-convertible", "reserved-1yr-all-upfront-convertible",
	"reserved-3yr-no-upfront-convertible", "reserved-3yr-partial-upfront-convertible", "reserved-3yr-all-upfront-convertible",
}

// Term turns a purchase option name into a catalog term.
func Term(option string) (catalog.Term, error) {
	if option == "" || option == "on-demand" {
		return catalog.OnDemandTerm, nil
	}
	rest, ok := strings.CutPrefix(option, "reserved-")
	if !ok {
		return catalog.Term{}, fmt.Errorf("purchase option %q is unknown; allowed: %s", option, strings.Join(PurchaseOptions, ", "))
	}
	class := "standard"
	if r, ok := strings.CutSuffix(rest, "-convertible"); ok {
		class, rest = "convertible", r
	}
	length, payment, ok := strings.Cut(rest, "-")
	payments := map[string]string{"no-upfront": "No Upfront", "partial-upfront": "Partial Upfront", "all-upfront": "All Upfront"}
	if !ok || (length != "1yr" && length != "3yr") || payments[payment] == "" {
		return catalog.Term{}, fmt.Errorf("purchase option %q is unknown; allowed: %s", option, strings.Join(PurchaseOptions, ", "))
	}
	return catalog.Term{Kind: catalog.Reserved, Length: length, Payment: payments[payment], Class: class}, nil
}

func (p Purchase) options() (pricing.PurchaseOptions, error) {
	term, err := Term(p.Option)
	if err != nil {
		return pricing.PurchaseOptions{}, err
	}
	if p.SavingsPlanCoveragePct < 0 || p.SavingsPlanCoveragePct > 100 {
		return pricing.PurchaseOptions{}, fmt.Errorf("savings plan coverage %v%% is out of range; allowed: 0 to 100", p.SavingsPlanCoveragePct)
	}
	if p.MonthlyHours < 0 || p.MonthlyHours > money.MaxHoursPerMonth {
		return pricing.PurchaseOptions{}, fmt.Errorf("monthly hours %v is out of range; allowed: 0 (= 730) to %d", p.MonthlyHours, money.MaxHoursPerMonth)
	}
	return pricing.PurchaseOptions{
		Compute: term, Database: term, Cache: term,
		SavingsPlanCoveragePct: decimal.NewFromFloat(p.SavingsPlanCoveragePct),
		FreeTier:               p.FreeTier,
		MonthlyHours:           decimal.NewFromFloat(p.MonthlyHours),
	}, nil
}

func firstNonEmpty(vs ...string) string {
	for _, v := range vs {
		if v != "" {
			return v
		}
	}
	return ""
}

// Tiers estimates every growth tier, smallest first.
func Tiers(base Request) ([]Result, error) {
	out := make([]Result, 0, len(spec.Tiers))
	for _, t := range spec.Tiers {
		r := base
		r.Environment, r.StackExport, r.PreviewJSON, r.Tier = "", "", "", t
		res, err := Estimate(r)
		if err != nil {
			return nil, fmt.Errorf("tier %s: %w", t, err)
		}
		out = append(out, res)
	}
	return out, nil
}

// CostFunc returns a capacity.CostFunc that fully prices (program run and
// pricers) the tier that fits each user count, for curves and forecasts.
func CostFunc(base Request) capacity.CostFunc {
	return func(users float64) (capacity.Point, error) {
		r := base
		r.Environment, r.StackExport, r.PreviewJSON = "", "", ""
		r.Tier = spec.TierFor(users)
		u := users
		r.Users = &u
		res, err := Estimate(r)
		if err != nil {
			return capacity.Point{}, err
		}
		return capacity.Point{Users: users, Tier: res.Tier, MonthlyCost: res.Breakdown.TotalMonthlyCost}, nil
	}
}
