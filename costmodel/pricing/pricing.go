package pricing

import (
	"errors"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/shopspring/decimal"
	"github.com/tiercost/tiercost/costmodel/catalog"
	"github.com/tiercost/tiercost/costmodel/inputfile"
	"github.com/tiercost/tiercost/costmodel/money"
	"github.com/tiercost/tiercost/costmodel/resource"
	"github.com/tiercost/tiercost/costmodel/usage"
)

// PurchaseOptions says how capacity is bought. The zero value prices
// everything on-demand, around the clock, without free allowances.
type PurchaseOptions struct {
	Compute  catalog.Term // EC2 and ASG instances; zero value = on-demand
	Database catalog.Term // RDS/Aurora instances
	Cache    catalog.Term // ElastiCache nodes
	// SavingsPlanCoveragePct is the share (0-100) of compute hours covered
	// by a Savings Plan; priced on demand, marked, where the catalog has no
	// Savings Plan rate.
	SavingsPlanCoveragePct decimal.Decimal
	// FreeTier applies AWS's always-free allowances, shared across the
	// whole breakdown: 100 GB data transfer out, CloudFront 1 TB + 10M
	// requests, CloudWatch 10 metrics, 5 GB logs, 10 alarms, 3 dashboards.
	FreeTier bool
	// MonthlyHours is the duty cycle of always-on compute (EC2 and ASG
	// instances); zero = 730. A resource's usage monthly_hours wins.
	MonthlyHours decimal.Decimal
}

// Options are the inputs of one pricing run.
type Options struct {
	Project string
	// Region is used when no aws provider record names one.
	Region   string
	Catalog  *catalog.Catalog
	Usage    *usage.Usage // may be nil
	Purchase PurchaseOptions
	// Memo, when set, reuses what earlier Price calls with the same
	// catalog, region and purchase options priced (see Memo).
	Memo *Memo
}

// Synthetic data-transfer resource identity.
const (
	DataTransferName = "data-transfer"
	DataTransferURN  = "tiercost:usage:DataTransfer::data-transfer"
)

// maxMonthHours bounds the duty cycle (see money.MaxHoursPerMonth).
var maxMonthHours = decimal.NewFromInt(money.MaxHoursPerMonth)

// Price prices every record. It returns an error only for malformed
// options (an unknown purchase term, a coverage or duty cycle out of
// range) or an invalid region; a missing price is a component with
// PriceFound=false, and a purchase option the catalog has no rate for is
// priced on demand and marked (see hoursLine), never an error.
func Price(recs []resource.Record, opts Options) (Breakdown, error) {
	if opts.Catalog == nil {
		return Breakdown{}, errors.New("pricing: no price catalog given")
	}
	if err := validatePurchase(opts.Purchase); err != nil {
		return Breakdown{}, err
	}
	region := opts.Region
	sorted := recs // read, never written
	if !slices.IsSortedFunc(recs, func(a, b resource.Record) int { return strings.Compare(a.URN, b.URN) }) {
		sorted = make([]resource.Record, len(recs))
		copy(sorted, recs)
		resource.Sort(sorted)
	}
	for _, r := range sorted {
		if s := awsProviderRegion(&r); s != "" {
			region = s
			break
		}
	}
	if !catalog.IsRegionCode(region) {
		return Breakdown{}, fmt.Errorf("pricing: region %s is not an AWS region code (e.g. us-east-1); set it on the aws provider or in the environment", inputfile.Excerpt(region))
	}
	places, err := newPlacement(sorted, region)
	if err != nil {
		return Breakdown{}, err
	}

	p := newRun(sorted, opts, region)
	used := places.used(sorted)
	if opts.Memo.use(opts.Catalog, used, opts.Purchase) {
		p.memo = opts.Memo
	}
	priced := 0
	for i := range sorted {
		if listed(&sorted[i]) {
			priced++
		}
	}
	b := Breakdown{Project: opts.Project, Region: region, PurchaseOption: opts.Purchase.Label(),
		Resources: make([]ResourceCost, 0, priced+1)}
	var sums breakdownSums
	for i := range sorted {
		rec := &sorted[i]
		if !listed(rec) {
			continue
		}
		p.at, p.region = i, places.regionFor(rec)
		rc, rs, err := p.priceRecord(rec)
		p.at, p.region = -1, region
		if err != nil {
			return Breakdown{}, err
		}
		b.Resources = append(b.Resources, rc)
		sums.add(rs)
	}
	b.Warnings = append(b.Warnings, unmatchedUsage(sorted, opts.Usage)...)
	rc, ok, err := p.dataTransfer()
	if err != nil {
		return Breakdown{}, err
	}
	// The resources are in their records' URN order; the data transfer
	// goes after every URN not above its own, where a stable sort by URN
	// would put it.
	byURN := func(x, y ResourceCost) int { return strings.Compare(x.URN, y.URN) }
	if ok {
		at := sort.Search(len(b.Resources), func(i int) bool { return b.Resources[i].URN > rc.URN })
		b.Resources = slices.Insert(b.Resources, at, rc)
		sums.add(sumsOf(&rc))
	}
	if !slices.IsSortedFunc(b.Resources, byURN) {
		slices.SortStableFunc(b.Resources, byURN) // never, while records come sorted
	}
	b.setTotals(&sums)
	for _, r := range used {
		if !p.cat.HasRegion(r) {
			b.Warnings = append(b.Warnings, fmt.Sprintf("the price catalog holds no prices for region %s; regional prices are reported as not found", r))
		}
	}
	return b, nil
}

// placement says where each record is priced: in its aws provider's
// region, else the default provider's (it serves every resource that names
// no provider), else the run's.
type placement struct {
	run, fallback string
	byProvider    map[string]string // aws provider URN → region
}

// awsProviderRegion is the region an aws provider record names, or "" (not
// an aws provider, no region, or a secret one).
func awsProviderRegion(r *resource.Record) string {
	if r.Type != "pulumi:providers:aws" {
		return ""
	}
	if s := r.String("region"); s != resource.SecretValue {
		return s
	}
	return ""
}

func newPlacement(recs []resource.Record, run string) (placement, error) {
	pl := placement{run: run, fallback: run}
	for i := range recs {
		r := &recs[i]
		s := awsProviderRegion(r)
		if s == "" {
			continue
		}
		if !catalog.IsRegionCode(s) {
			return placement{}, fmt.Errorf("pricing: aws provider %s: region %s is not an AWS region code (e.g. us-east-1)", inputfile.Excerpt(r.Name), inputfile.Excerpt(s))
		}
		if pl.byProvider == nil {
			pl.byProvider = map[string]string{}
		}
		pl.byProvider[r.URN] = s
		if pl.fallback == run && strings.HasPrefix(r.Name, "default") {
			pl.fallback = s // the first default provider by URN
		}
	}
	return pl, nil
}

// regionFor is the region rec is priced in.
func (pl placement) regionFor(rec *resource.Record) string {
	if rec.Provider != "" {
		if r, ok := pl.byProvider[resource.ProviderURN(rec.Provider)]; ok {
			return r
		}
	}
	return pl.fallback
}

// used lists the regions a run prices in, the run's first (data transfer
// and other per-stack lines are priced there), then the others in order.
func (pl placement) used(recs []resource.Record) []string {
	out := []string{pl.run}
	if len(pl.byProvider) == 0 {
		return out
	}
	for i := range recs {
		if !listed(&recs[i]) {
			continue
		}
		if r := pl.regionFor(&recs[i]); !slices.Contains(out, r) {
			out = append(out, r)
		}
	}
	sort.Strings(out[1:])
	return out
}

// Label names the purchase options other than on-demand that apply:
// "reserved-1yr-no-upfront", "Savings Plan 50 %", both joined by " + ",
// or "" when everything is bought on demand.
func (po PurchaseOptions) Label() string {
	var parts []string
	for _, t := range []catalog.Term{po.Compute, po.Database, po.Cache} {
		if o := t.Option(); t.Kind == catalog.Reserved && o != "" && !contains(parts, o) {
			parts = append(parts, o)
		}
	}
	if po.SavingsPlanCoveragePct.IsPositive() {
		parts = append(parts, "Savings Plan "+po.SavingsPlanCoveragePct.String()+" %")
	}
	return strings.Join(parts, " + ")
}

// validatePurchase refuses malformed purchase options before any pricing.
func validatePurchase(po PurchaseOptions) error {
	for _, t := range []struct {
		field string
		term  catalog.Term
	}{{"compute", po.Compute}, {"database", po.Database}, {"cache", po.Cache}} {
		if err := validTerm(t.term); err != nil {
			return fmt.Errorf("pricing: purchase option %s: %w", t.field, err)
		}
	}
	pct := po.SavingsPlanCoveragePct
	if pct.IsNegative() || pct.GreaterThan(decimal.NewFromInt(100)) {
		return fmt.Errorf("pricing: savings plan coverage %s%% is out of range; allowed: 0 to 100", pct)
	}
	if po.MonthlyHours.IsNegative() || po.MonthlyHours.GreaterThan(maxMonthHours) {
		return fmt.Errorf("pricing: monthly hours %s is out of range; allowed: 0 (= %s) to %s", po.MonthlyHours, money.HoursPerMonth, maxMonthHours)
	}
	return nil
}

func validTerm(t catalog.Term) error {
	if t.Kind != "" && t.Kind != catalog.OnDemand && t.Kind != catalog.Reserved {
		return fmt.Errorf("term kind %q is not allowed; allowed: %s, %s", t.Kind, catalog.OnDemand, catalog.Reserved)
	}
	if t.Kind == "" || t.Option() != "" {
		return nil
	}
	return fmt.Errorf("term %s is not a purchase option; allowed: %s", t, strings.Join(catalog.PurchaseOptionNames(), ", "))
}

// listed reports whether a record has a line of its own in a breakdown:
// components, providers and the stack do not.
func listed(rec *resource.Record) bool {
	return !rec.Component && !resource.IsProvider(rec.Type) && !resource.IsStack(rec.Type)
}

// costSums are the amounts and counts a breakdown's totals add up from
// its line items (the counts as Recount counts them), summed one resource
// at a time so that a memo can remember a resource's sums with its cost.
// Decimal sums are exact, and their exponent is the least of the terms',
// so the totals are the same to the digit whichever way the lines are
// grouped.
type costSums struct {
	fixed, usage, atPurchase   decimal.Decimal
	missing, purchaseFallbacks int
}

// sumsOf adds up one resource's line items, its subresources' included.
func sumsOf(r *ResourceCost) costSums {
	var fixed, use, at money.Sum
	var s costSums
	eachComponent(r, func(c *CostComponent) {
		switch {
		case !c.PriceFound:
		case c.UsageBased:
			use.Add(c.MonthlyCost)
		default:
			fixed.Add(c.MonthlyCost)
		}
		if c.Unpriced() {
			s.missing++
		}
		if c.OnDemandFallback {
			s.purchaseFallbacks++
		}
		if c.PriceFound && c.PurchaseOption != "" && !c.OnDemandFallback {
			at.Add(c.MonthlyCost)
		}
	})
	s.fixed, s.usage, s.atPurchase = fixed.Decimal(), use.Decimal(), at.Decimal()
	return s
}

// breakdownSums adds up resources' sums into a breakdown's totals.
type breakdownSums struct {
	fixed, usage, atPurchase   money.Sum
	missing, purchaseFallbacks int
}

func (s *breakdownSums) add(o costSums) {
	addNonZero(&s.fixed, o.fixed)
	addNonZero(&s.usage, o.usage)
	addNonZero(&s.atPurchase, o.atPurchase)
	s.missing += o.missing
	s.purchaseFallbacks += o.purchaseFallbacks
}

// addNonZero adds x to sum. A zero of exponent 0 or more (a resource's
// sum that nothing was added to) leaves a sum unchanged, exponent
// included, since every sum starts from such a zero; it is skipped.
func addNonZero(sum *money.Sum, x decimal.Decimal) {
	if x.Exponent() >= 0 && x.IsZero() {
		return
	}
	sum.Add(x)
}

// setTotals writes the totals and counts of s: the fixed and usage-based
// found line items, their sum, and Recount's counts.
func (b *Breakdown) setTotals(s *breakdownSums) {
	b.FixedMonthlyCost, b.UsageMonthlyCost = s.fixed.Decimal(), s.usage.Decimal()
	b.TotalMonthlyCost = b.FixedMonthlyCost.Add(b.UsageMonthlyCost)
	b.MissingPrices, b.PurchaseFallbacks = s.missing, s.purchaseFallbacks
	b.AtPurchaseOption = nil
	if b.PurchaseOption != "" {
		at := s.atPurchase.Decimal()
		b.AtPurchaseOption = &at
	}
}

// Recount fills the counts a total's marks need from the line items:
// MissingPrices (Unpriced lines), and, when a purchase option was asked
// for, AtPurchaseOption and PurchaseFallbacks. It leaves the totals alone,
// so a breakdown read back from JSON keeps its exact amounts.
func (b *Breakdown) Recount() {
	b.MissingPrices, b.PurchaseFallbacks = 0, 0
	at := decimal.Zero
	for i := range b.Resources {
		eachComponent(&b.Resources[i], func(c *CostComponent) {
			if c.Unpriced() {
				b.MissingPrices++
			}
			if c.OnDemandFallback {
				b.PurchaseFallbacks++
			}
			if c.PriceFound && c.PurchaseOption != "" && !c.OnDemandFallback {
				at = at.Add(c.MonthlyCost)
			}
		})
	}
	b.AtPurchaseOption = nil
	if b.PurchaseOption != "" {
		b.AtPurchaseOption = &at
	}
}

// Count returns how many resources have a status (StatusPriced, StatusFree
// or StatusUnsupported).
func (b Breakdown) Count(status string) int {
	n := 0
	for _, r := range b.Resources {
		if r.Status == status {
			n++
		}
	}
	return n
}

// unmatchedUsage names the resource_usage entries that match no record, so a
// misspelt name in a usage file is reported instead of silently ignored.
func unmatchedUsage(recs []resource.Record, u *usage.Usage) []string {
	if u == nil || len(u.Resources) == 0 {
		return nil
	}
	var known func(key string) bool
	if len(u.Resources) <= 16 {
		// A few names (the workload model's): a scan beats building a set.
		known = func(key string) bool {
			for i := range recs {
				if recs[i].Name == key || recs[i].URN == key {
					return true
				}
			}
			return false
		}
	} else {
		set := make(map[string]bool, 2*len(recs))
		for _, r := range recs {
			set[r.Name], set[r.URN] = true, true
		}
		known = func(key string) bool { return set[key] }
	}
	var out []string
	for key := range u.Resources {
		if key != DataTransferName && key != DataTransferURN && !known(key) {
			out = append(out, fmt.Sprintf("%s: resource_usage.%s matches no resource; check the logical name or URN", u.Origin, key))
		}
	}
	sort.Strings(out)
	return out
}
