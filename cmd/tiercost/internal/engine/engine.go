// Package engine owns the one path from a user's question to a priced
// answer: a source (an environment or tier with a what-if overlay, a stack
// export, a preview or a saved breakdown) → profile → capacity model → spec
// → the Pulumi program run under mocks → resource records → pricers →
// breakdown, right-sizing and findings. The CLI, the reports and the TUI
// all call it, so they never disagree.
package engine

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"sync"

	"github.com/shopspring/decimal"
	"github.com/tiercost/tiercost/cmd/tiercost/internal/scenario"
	"github.com/tiercost/tiercost/components/spec"
	"github.com/tiercost/tiercost/costmodel/capacity"
	"github.com/tiercost/tiercost/costmodel/catalog"
	"github.com/tiercost/tiercost/costmodel/iac"
	"github.com/tiercost/tiercost/costmodel/output"
	"github.com/tiercost/tiercost/costmodel/pricing"
	"github.com/tiercost/tiercost/costmodel/resource"
	"github.com/tiercost/tiercost/costmodel/usage"
	"github.com/tiercost/tiercost/environments"
	"github.com/tiercost/tiercost/stacks"
)

// Source selects what to estimate: exactly one field is set.
type Source struct {
	Environment string
	Tier        string
	StackExport string // path of a `pulumi stack export` file
	PreviewJSON string // path of a `pulumi preview --json` file
	Breakdown   string // path of a saved `tiercost breakdown --format json`
}

// Request is one question: a source, a what-if overlay and the settings
// the answer is priced with.
type Request struct {
	Source
	// Overlay is the what-if scenario; empty is the source as it is.
	Overlay scenario.Overlay
	// WorkDir is where environment override files are looked up.
	WorkDir   string
	UsageFile string
	Catalog   *catalog.Catalog // nil = embedded
	// BudgetMonthlyUSD overrides the environment's budget.
	BudgetMonthlyUSD *decimal.Decimal
	// Findings asks for right-sizing and the advisor's findings.
	Findings bool
	// RightsizeFamily limits right-sizing's compute candidates to one
	// family ("" compares both).
	RightsizeFamily string
	// memo carries what a band's earlier scenarios priced into the next
	// (pricing.Memo); nil prices every record afresh.
	memo *pricing.Memo
}

// Result is one priced answer.
type Result struct {
	Name   string // environment or tier name, or the file
	Tier   string
	Users  float64
	Region string
	// Profile is the profile that was priced (the overlay written into the
	// environment or tier); nil for files.
	Profile *environments.Profile
	// Spec, Workload and Resolution are nil for files.
	Spec       *spec.Spec
	Workload   *spec.Workload
	Resolution *stacks.Resolution
	// Values are every knob's effective value.
	Values    scenario.Values
	Records   []resource.Record
	Breakdown pricing.Breakdown
	// Usage is what usage-based lines were priced with.
	Usage    *usage.Usage
	Purchase pricing.PurchaseOptions
	// Limits are every layer's limit, at the current sizes and at the
	// largest the architecture allows; nil for files.
	Limits *capacity.Limits
	// Overloaded lists the layers past their full capacity at peak.
	Overloaded []capacity.Limit
	// Next is the next action with the whole architecture's cost before
	// and after it; set when the request asked for findings.
	Next *capacity.NextStep
	// Rightsizing and Findings are set when the request asked for findings.
	Rightsizing *capacity.Report
	// RightsizingErr says why right-sizing could not run, when it could not.
	RightsizingErr error
	Findings       []capacity.Finding
	// BudgetMonthlyUSD is the budget that applies; nil when none does.
	BudgetMonthlyUSD *decimal.Decimal
}

// Estimator prices one request. Estimate is the real one; the CLI's tests
// pass a fake, and Tiers, Curve and Forecast are built on whichever is given.
type Estimator func(Request) (Result, error)

// Estimate answers one request.
func Estimate(req Request) (Result, error) {
	cat := req.Catalog
	if cat == nil {
		cat = catalog.Default()
	}
	n := 0
	for _, s := range []string{req.Environment, req.Tier, req.StackExport, req.PreviewJSON, req.Breakdown} {
		if s != "" {
			n++
		}
	}
	if n != 1 {
		return Result{}, errors.New("choose exactly one of --env, --tier, --stack-export, --preview-json or a saved breakdown")
	}
	switch {
	case req.Breakdown != "":
		return savedBreakdown(req)
	case req.StackExport != "" || req.PreviewJSON != "":
		return estimateFile(req, cat)
	}
	p, err := Profile(req)
	if err != nil {
		return Result{}, err
	}
	return estimateProfile(req, p, cat)
}

// Profile returns the profile a request prices: the environment or tier
// with the overlay written into it.
func Profile(req Request) (environments.Profile, error) {
	var p environments.Profile
	var err error
	if req.Environment != "" {
		p, err = environments.Load(req.Environment, req.WorkDir)
	} else {
		p, err = environments.ForTier(req.Tier)
	}
	if err != nil {
		return p, err
	}
	if p, err = scenario.Apply(p, req.Overlay); err != nil {
		return p, fmt.Errorf("--set %w", err)
	}
	return p, nil
}

// Scenario renders the request's profile as an environment file: the
// saved what-if, which prices exactly as the request does when loaded as
// an environment.
func Scenario(req Request) ([]byte, error) {
	if req.Environment == "" && req.Tier == "" {
		return nil, errors.New("a scenario is saved from --env or --tier")
	}
	p, err := Profile(req)
	if err != nil {
		return nil, err
	}
	// A range is checked against today's value (checkRanges), which only
	// an estimate knows: nothing is written that no band could use.
	for _, text := range req.Overlay {
		if scenario.IsRange(text) {
			if _, err := EstimateProfile(req, p); err != nil {
				return nil, err
			}
			break
		}
	}
	from := "environment " + req.Environment
	if req.Tier != "" {
		from = "tier " + req.Tier
		p.Name = "whatif-" + req.Tier
		p.Bare = false
	}
	header := []string{"What-if scenario saved by tiercost from " + from + "."}
	if len(req.Overlay) > 0 {
		header = append(header, "Changed: "+req.Overlay.String()+".")
	}
	header = append(header, fmt.Sprintf("Copy it to environments/%s.yaml to make it the plan that `pulumi up --stack %s` deploys.", p.Name, p.Name))
	return p.Marshal(header...)
}

// EstimateProfile prices a given profile (for example the one a request
// resolved, with one more override) with the request's catalog, usage file
// and budget; the request's source and overlay are not read.
func EstimateProfile(req Request, p environments.Profile) (Result, error) {
	cat := req.Catalog
	if cat == nil {
		cat = catalog.Default()
	}
	return estimateProfile(req, p, cat)
}

// checkRegion applies the one region rule (catalog.CheckRegion) to the
// region a request prices, naming where it was set: the what-if overlay
// (--set region=, --region, the TUI's knob) or the environment file.
func checkRegion(cat *catalog.Catalog, region, source string, o scenario.Overlay) error {
	if region == "" {
		return nil
	}
	if err := cat.CheckRegion(region); err != nil {
		if _, ok := o["region"]; ok {
			return fmt.Errorf("--set region: %w", err)
		}
		return fmt.Errorf("%s: region: %w", source, err)
	}
	return nil
}

func estimateProfile(req Request, p environments.Profile, cat *catalog.Catalog) (Result, error) {
	if err := checkRegion(cat, p.Region, p.Source, req.Overlay); err != nil {
		return Result{}, err
	}
	purchase, err := purchaseOptions(p)
	if err != nil {
		return Result{}, err
	}
	fileUsage, err := readUsage(req.UsageFile)
	if err != nil {
		return Result{}, err
	}
	res, err := stacks.Resolve(p)
	if err != nil {
		return Result{}, err
	}
	sizing := capacity.Options{Family: p.Sizing.Family, TargetUtilization: p.Sizing.TargetUtilization, Region: res.Spec.Region}
	// A band's scenario is read for its totals and whether a layer is
	// overloaded (Outcome): its limits need no sizes or evidence texts.
	limits := capacity.LayerLimits
	if req.memo != nil {
		limits = capacity.LayerLoads
	}
	ls, err := limits(res.Spec, res.Workload, sizing)
	if err != nil {
		return Result{}, err
	}
	// The next action needs only the sized spec, so its before-and-after
	// estimates run while this one's program runs.
	var next *pendingNext
	if req.Findings {
		next = startNext(req, res.Spec, res.Workload, ls, sizing)
	}
	stack := p.Name
	recs, err := stacks.Records(stacks.CaptureOptions{Spec: &res.Spec, WorkDir: req.WorkDir, Stack: stack})
	if err != nil {
		return Result{}, err
	}
	u := usage.Merge(asgRunning(res.Sizing.Usage, res.Spec, p.Pricing.ASGRunning), fileUsage)
	b, err := pricing.Price(recs, pricing.Options{Project: res.Name, Region: res.Spec.Region, Catalog: cat, Usage: u, Purchase: purchase, Memo: req.memo})
	if err != nil {
		return Result{}, err
	}
	b.Metadata = map[string]string{
		"tier":   res.Tier,
		"users":  fmt.Sprintf("%.0f", res.Workload.MonthlyActiveUsers),
		"region": res.Spec.Region,
	}
	if !p.Bare {
		b.Metadata["environment"] = p.Name
	}
	if len(req.Overlay) > 0 {
		b.Metadata["scenario"] = req.Overlay.String()
	}
	over := ls.Overloaded()
	if len(over) > 0 {
		b.Metadata[pricing.MetaOverloaded] = OverloadText(over)
	}
	out := Result{
		Name: res.Name, Tier: res.Tier, Users: res.Workload.MonthlyActiveUsers, Region: res.Spec.Region,
		Profile: &p, Spec: &res.Spec, Workload: &res.Workload, Resolution: &res,
		Records: recs, Breakdown: b, Usage: u, Purchase: purchase, BudgetMonthlyUSD: req.BudgetMonthlyUSD,
		Limits: &ls, Overloaded: over,
	}
	// A band's scenario (it has a memo) is read for its totals alone.
	if req.memo == nil {
		out.Values = scenario.Current(scenario.Effective{Profile: p, Spec: res.Spec, Workload: res.Workload, Program: true})
		if err := checkRanges(out, req.Overlay); err != nil {
			return Result{}, err
		}
	}
	if out.BudgetMonthlyUSD == nil && p.BudgetMonthlyUSD.IsPositive() {
		budget := p.BudgetMonthlyUSD
		out.BudgetMonthlyUSD = &budget
	}
	if req.Findings {
		findings(&out, req, p, cat, next.wait())
	}
	return out, nil
}

// checkRanges refuses workload_ranges that Ranges would refuse (a P10..P90
// without today's value in it), whichever command reads them, so that a
// file or a --set range no band can use is an error everywhere, not only
// under --bands. A what-if that moves a point value (users) outside the
// file's range is not checked: the range is the file's, around its own
// point; the band of that what-if says so when asked.
func checkRanges(res Result, o scenario.Overlay) error {
	if res.Profile == nil || len(res.Profile.WorkloadRanges) == 0 {
		return nil
	}
	ranged := len(o) == 0
	for _, text := range o {
		ranged = ranged || scenario.IsRange(text)
	}
	if !ranged {
		return nil
	}
	_, err := Ranges(res, nil)
	return err
}

// pendingNext is a next action whose before-and-after estimates run.
type pendingNext struct {
	step capacity.NextStep
	done chan struct{}
}

// startNext computes the next action and prices the whole architecture
// just before and just after it, in the background.
func startNext(req Request, s spec.Spec, w spec.Workload, ls capacity.Limits, o capacity.Options) *pendingNext {
	pn := &pendingNext{step: capacity.NextStep{Action: capacity.NextAction(s, w, ls, o)}, done: make(chan struct{})}
	n := pn.step.Users
	if n >= 1e9 || pn.step.Kind == capacity.ActionNone {
		close(pn.done)
		return pn
	}
	go func() {
		defer close(pn.done)
		var before, after Result
		var err1, err2 error
		var wg sync.WaitGroup
		wg.Add(1)
		go func() {
			defer wg.Done()
			after, err2 = Estimate(AtUsers(req, n))
		}()
		// n is the first whole user count past the limit; n-1 the last before.
		before, err1 = Estimate(AtUsers(req, n-1))
		wg.Wait()
		if err1 == nil && err2 == nil {
			b, a := before.Breakdown.TotalMonthlyCost, after.Breakdown.TotalMonthlyCost
			pn.step.CostBefore, pn.step.CostAfter = &b, &a
			pn.step.UnpricedBefore, pn.step.UnpricedAfter = before.Breakdown.NotPriced(), after.Breakdown.NotPriced()
			pn.step.Incomplete = pn.step.UnpricedBefore+pn.step.UnpricedAfter > 0
		}
	}()
	return pn
}

// wait returns the next action once its costs are known.
func (pn *pendingNext) wait() capacity.NextStep {
	<-pn.done
	return pn.step
}

// OverloadText names overloaded layers with their load at peak:
// "database write CPU (primary) 321 %".
func OverloadText(ls []capacity.Limit) string {
	parts := make([]string, len(ls))
	for i, l := range ls {
		parts[i] = fmt.Sprintf("%s %s %.0f %%", l.Layer, l.Resource, l.Load*100)
	}
	return strings.Join(parts, "; ")
}

// findings computes the next action (with the whole architecture's cost
// just before and after it), right-sizes and advises with the estimate's
// own prices and purchase option: the same answers for the CLI, the
// reports and the TUI.
func findings(out *Result, req Request, p environments.Profile, cat *catalog.Catalog, next capacity.NextStep) {
	quoter := pricing.NewQuoter(cat, out.Purchase)
	o := capacity.Options{Prices: quoter, Region: out.Region, TargetUtilization: p.Sizing.TargetUtilization}
	out.Next = &next
	rs := o
	rs.Family = req.RightsizeFamily
	rep, err := capacity.Rightsize(*out.Spec, *out.Workload, rs)
	if err != nil {
		out.RightsizingErr = err
	} else {
		out.Rightsizing = &rep
	}
	bill := billOf(out.Breakdown, quoter, out.Region)
	out.Findings = capacity.Advise(*out.Spec, *out.Workload, o, capacity.Input{Limits: *out.Limits, Next: next, Bill: &bill})
}

// billOf reads the fixed costs small tiers carry from a breakdown: NAT
// gateways with their addresses and data, public IPv4 addresses, the
// load balancer.
func billOf(b pricing.Breakdown, quoter *pricing.Quoter, region string) capacity.Bill {
	bill := capacity.Bill{Total: b.TotalMonthlyCost}
	for _, r := range b.Resources {
		switch r.Type {
		case resource.TypeNATGateway:
			bill.NATGateways++
			bill.NAT = bill.NAT.Add(r.MonthlyCost)
		case "aws:ec2/eip:Eip":
			bill.NAT = bill.NAT.Add(r.MonthlyCost)
		}
	}
	hours := decimal.Zero
	for n, c := range b.Lines() {
		if !c.PriceFound {
			continue
		}
		isIPv4 := strings.Contains(c.Name, "IPv4")
		if isIPv4 {
			bill.IPv4 = bill.IPv4.Add(c.MonthlyCost)
			hours = hours.Add(c.MonthlyQuantity)
		}
		if n.Top.Type == resource.TypeLoadBalancer && !isIPv4 {
			bill.LoadBalancer = bill.LoadBalancer.Add(c.MonthlyCost)
		}
	}
	bill.IPv4Addresses = int(hours.Div(decimal.NewFromInt(730)).Round(0).IntPart())
	if m, ok := quoter.Monthly(spec.Nodes{Layer: spec.LayerNAT, Region: region, Count: 1}); ok {
		bill.SingleNAT = &m
	}
	return bill
}

func estimateFile(req Request, cat *catalog.Catalog) (Result, error) {
	if err := scenario.CheckFiles(req.Overlay); err != nil {
		return Result{}, fmt.Errorf("--set %w", err)
	}
	// The pricing knobs go into an empty profile, as they would into an
	// environment's.
	p, err := scenario.Apply(environments.Profile{Source: "--set"}, req.Overlay)
	if err != nil {
		return Result{}, fmt.Errorf("--set %w", err)
	}
	purchase, err := purchaseOptions(p)
	if err != nil {
		return Result{}, err
	}
	fileUsage, err := readUsage(req.UsageFile)
	if err != nil {
		return Result{}, err
	}
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
	if _, ok := req.Overlay["region"]; ok {
		if err := checkRegion(cat, p.Region, "--set", req.Overlay); err != nil {
			return Result{}, err
		}
	}
	// The stack's own region wins; --region is for a stack that names none.
	region, from := src.Region, src.RegionFrom
	var warnings []string
	switch {
	case region != "":
	case p.Region != "":
		region, from = p.Region, "--region (the stack names none)"
	default:
		region, from = DefaultRegion, "the default"
		warnings = append(warnings, fmt.Sprintf("%s names no region (no aws provider region, config aws:region, ARN, availability zone or endpoint); priced as %s, the default: set --region if it is elsewhere", name, DefaultRegion))
	}
	b, err := pricing.Price(src.Records, pricing.Options{Project: name, Region: region, Catalog: cat, Usage: fileUsage, Purchase: purchase})
	if err != nil {
		return Result{}, fmt.Errorf("%s: %w", name, err)
	}
	b.Warnings = append(append(warnings, src.Notes...), b.Warnings...)
	if b.Metadata == nil {
		b.Metadata = map[string]string{}
	}
	b.Metadata[output.MetaRegionFrom] = from
	p.Region = b.Region
	return Result{Name: name, Region: b.Region, Records: src.Records, Breakdown: b, Usage: fileUsage, Purchase: purchase,
		Values:           scenario.Current(scenario.Effective{Profile: p}),
		BudgetMonthlyUSD: req.BudgetMonthlyUSD}, nil
}

func savedBreakdown(req Request) (Result, error) {
	if len(req.Overlay) > 0 {
		return Result{}, fmt.Errorf("--set: %s is a saved breakdown, already priced; knobs apply to --env, --tier, --stack-export and --preview-json", req.Breakdown)
	}
	bs, err := output.ReadInfracostFile(req.Breakdown)
	if err != nil {
		return Result{}, err
	}
	b := bs[0]
	return Result{Name: req.Breakdown, Tier: b.Metadata["tier"], Region: b.Region, Breakdown: b, BudgetMonthlyUSD: req.BudgetMonthlyUSD}, nil
}

func readUsage(path string) (*usage.Usage, error) {
	if path == "" {
		return nil, nil
	}
	return usage.ParseFile(path, pricing.UsageSchema())
}

// purchaseOptions turns a profile's pricing section into pricing options;
// the catalog owns the purchase option names.
func purchaseOptions(p environments.Profile) (pricing.PurchaseOptions, error) {
	term, err := catalog.ParsePurchase(p.Pricing.Purchase)
	if err != nil {
		return pricing.PurchaseOptions{}, fmt.Errorf("%s: pricing.purchase: %w", p.Source, err)
	}
	return pricing.PurchaseOptions{
		Compute: term, Database: term, Cache: term,
		SavingsPlanCoveragePct: decimal.NewFromFloat(p.Pricing.SavingsPlanCoverage),
		FreeTier:               p.Pricing.FreeTier,
		MonthlyHours:           decimal.NewFromFloat(p.Pricing.MonthlyHours),
	}, nil
}

// DefaultRegion prices a stack that names no region, with a warning.
const DefaultRegion = "us-east-1"

// Tiers estimates every growth tier, smallest first, with the request's
// overlay (a region or purchase option, say) on each.
func (e Estimator) Tiers(base Request) ([]Result, error) {
	out := make([]Result, 0, len(spec.Tiers))
	for _, t := range spec.Tiers {
		r := base
		r.Source = Source{Tier: t}
		res, err := e(r)
		if err != nil {
			return nil, fmt.Errorf("tier %s: %w", t, err)
		}
		out = append(out, res)
	}
	return out, nil
}

// AtUsers is the request with its users knob set: the one way the curve,
// the forecast and a users what-if move along the growth path.
func AtUsers(req Request, users float64) Request {
	req.Overlay = req.Overlay.Clone()
	req.Overlay["users"] = strconv.FormatFloat(math.Round(users), 'f', -1, 64)
	req.Findings = false
	return req
}

// CostFunc prices the request's source at a user count; missing records
// the most line items any point lacked a price for.
func (e Estimator) CostFunc(base Request, missing *int) capacity.CostFunc {
	return func(users float64) (capacity.Point, error) {
		res, err := e(AtUsers(base, users))
		if err != nil {
			return capacity.Point{}, err
		}
		if missing != nil {
			*missing = max(*missing, res.Breakdown.MissingPrices)
		}
		t := res.Breakdown.Monthly()
		p := capacity.Point{Users: users, Tier: res.Tier, MonthlyCost: t.Amount, NotPriced: t.Unpriced, Overloaded: t.Overloaded}
		if res.Spec != nil {
			p.Layers = capacity.LayerSizes(*res.Spec)
		}
		return p, nil
	}
}
