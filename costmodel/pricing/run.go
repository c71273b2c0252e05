package pricing

import (
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/shopspring/decimal"
	"github.com/tiercost/tiercost/costmodel/catalog"
	"github.com/tiercost/tiercost/costmodel/money"
	"github.com/tiercost/tiercost/costmodel/resource"
	"github.com/tiercost/tiercost/costmodel/usage"
)

// run holds the state of one Price call: indexes over the records and the
// free-tier allowances still unused. Nothing outlives the call.
type run struct {
	opts Options
	// region is where the record being priced is priced (its provider's,
	// see placement), and the run's region between records.
	region string
	cat    *catalog.Catalog
	recs   []resource.Record
	index  *recordIndex
	free   *allowances // nil when the free tier is off
	// lookups memoises catalog answers; many records share a product.
	lookups map[lookupKey]lookupResult
	// memo, when set, answers records priced by an earlier Price; reads
	// collects what the record being priced reads, for the memo.
	memo  *Memo
	reads *memoEntry
	// at is the position in recs of the record being priced (-1 between
	// records): its component is then read by position, not by URN.
	at int
	// badInput is the first input the record being priced read that is
	// not what the read allows (see inputs).
	badInput error
}

type lookupKey struct {
	product catalog.ProductKey
	term    catalog.Term
}

type lookupResult struct {
	tiers []catalog.Price
	ok    bool
}

// lookup is Catalog.Lookup memoised for the run, or for all the memo's
// runs when it has one (a memo is bound to one catalog).
func (p *run) lookup(key catalog.ProductKey, term catalog.Term) ([]catalog.Price, bool) {
	k := lookupKey{key, termOrOnDemand(term)}
	if p.memo != nil {
		return p.memo.lookup(p.cat, k)
	}
	if r, ok := p.lookups[k]; ok {
		return r.tiers, r.ok
	}
	tiers, ok := p.cat.Lookup(k.product, k.term)
	p.lookups[k] = lookupResult{tiers, ok}
	return tiers, ok
}

// unit is Catalog.Unit memoised for the run.
func (p *run) unit(key catalog.ProductKey, term catalog.Term) (catalog.Price, bool) {
	tiers, ok := p.lookup(key, term)
	if !ok {
		return catalog.Price{}, false
	}
	return tiers[0], true
}

func newRun(recs []resource.Record, opts Options, region string) *run {
	r := &run{opts: opts, region: region, cat: opts.Catalog, recs: recs, lookups: map[lookupKey]lookupResult{}, at: -1}
	if opts.Purchase.FreeTier {
		r.free = newAllowances()
	}
	return r
}

// recordIndex finds a run's records by URN and by the names other records
// use for them. It holds positions, not pointers, so that a memo can hand
// it to a later run over the same records (indexes).
type recordIndex struct {
	urns, types, names, parents []string
	isComponent                 []bool
	byURN                       map[string]int
	// refs indexes the records other records point at (the types the
	// registrations list as References: launch templates, RDS instances and
	// clusters) by type, then by every name they answer to.
	refs map[string]map[string]int
	// refNames are the names each of those records answers to, by position.
	refNames map[int][]string
	// componentOf is each record's nearest component ancestor (see
	// run.componentOf), worked out on first use.
	componentOf   []string
	componentOnce sync.Once
}

// refNamesOf lists the names a record of a referenced type answers to.
func refNamesOf(rec *resource.Record) []string {
	return []string{rec.ID, rec.String("id"), rec.String("arn"), rec.String("identifier"), rec.String("clusterIdentifier"), rec.String("name"), rec.Name}
}

func newRecordIndex(recs []resource.Record) *recordIndex {
	n := len(recs)
	x := &recordIndex{urns: make([]string, n), types: make([]string, n), names: make([]string, n), parents: make([]string, n),
		isComponent: make([]bool, n), byURN: make(map[string]int, n), refs: map[string]map[string]int{}, refNames: map[int][]string{}}
	for _, t := range referencedTypes() {
		x.refs[t] = map[string]int{}
	}
	for i := range recs {
		rec := &recs[i]
		x.urns[i], x.types[i], x.names[i], x.parents[i], x.isComponent[i] = rec.URN, rec.Type, rec.Name, rec.Parent, rec.Component
		x.byURN[rec.URN] = i
		idx, ok := x.refs[rec.Type]
		if !ok {
			continue
		}
		names := refNamesOf(rec)
		x.refNames[i] = names
		for _, ref := range names {
			if _, seen := idx[ref]; ref != "" && !seen {
				idx[ref] = i
			}
		}
	}
	return x
}

// indexes reports whether x indexes these records as newRecordIndex would:
// the same URNs, types, names, parents and flags in the same order, and the
// same names for every record others may point at. A band's scenarios differ in sizes, never in
// these.
func (x *recordIndex) indexes(recs []resource.Record) bool {
	if len(x.urns) != len(recs) {
		return false
	}
	for i := range recs {
		r := &recs[i]
		if r.URN != x.urns[i] || r.Type != x.types[i] || r.Name != x.names[i] || r.Parent != x.parents[i] || r.Component != x.isComponent[i] {
			return false
		}
	}
	for i, names := range x.refNames {
		if !slices.Equal(refNamesOf(&recs[i]), names) {
			return false
		}
	}
	return true
}

// indexFor returns the run's record index, built on first use: the
// memo's last one when it indexes the same records (a band's scenarios
// differ in a few maps, or not at all), else a new one.
func (p *run) indexFor() *recordIndex {
	if p.index != nil {
		return p.index
	}
	if p.memo != nil {
		if x := p.memo.lastIndex.Load(); x != nil && x.indexes(p.recs) {
			p.index = x
			return x
		}
	}
	p.index = newRecordIndex(p.recs)
	if p.memo != nil {
		p.memo.lastIndex.Store(p.index)
	}
	return p.index
}

// pricerFunc prices one record into rc (components, subresources, metadata).
type pricerFunc func(p *run, rec *resource.Record, rc *ResourceCost) error

// priceRecord turns one record into its ResourceCost: from the memo when
// it answers, else by its pricer (remembered when a memo is in use).
func (p *run) priceRecord(rec *resource.Record) (ResourceCost, costSums, error) {
	if p.memo == nil || rec.Inputs == nil {
		rc, err := p.priceNew(rec)
		return rc, sumsOf(&rc), err
	}
	if e, ok := p.recall(rec); ok {
		rc := e.rc
		rc.Component = p.componentOf(rec)
		return rc, e.sums, nil
	}
	p.reads = &memoEntry{}
	rc, err := p.priceNew(rec)
	reads := p.reads
	p.reads = nil
	if err != nil {
		return rc, costSums{}, err
	}
	reads.sums = sumsOf(&rc)
	p.remember(rec, rc, reads)
	return rc, reads.sums, nil
}

// priceNew prices one record by its type's pricer.
func (p *run) priceNew(rec *resource.Record) (ResourceCost, error) {
	var alias string
	if t := CanonicalType(rec.Type); t != rec.Type {
		// An old token: priced, and looked up in usage, as today's.
		alias = rec.Type
		r := *rec
		r.Type = t
		rec = &r
	}
	rc := ResourceCost{
		Name:      rec.Name,
		Type:      rec.Type,
		URN:       rec.URN,
		Component: p.componentOf(rec),
	}
	switch price := pricerFor(rec.Type); {
	case rec.External:
		// Read by the stack, owned and paid for elsewhere.
		rc.Status = StatusExternal
	case isFree(rec.Type):
		rc.Status = StatusFree
	case price != nil:
		rc.Status = StatusPriced
		p.badInput = nil
		err := price(p, rec, &rc)
		if p.badInput != nil {
			err = p.badInput
		}
		if err != nil {
			return ResourceCost{}, err
		}
	default:
		rc.Status = StatusUnsupported
	}
	if alias != "" {
		if rc.Metadata == nil {
			rc.Metadata = map[string]string{}
		}
		rc.Metadata["type_alias"] = alias
	}
	rc.MonthlyCost = sumCost(rc)
	return rc, nil
}

// sumCost adds the found components of a resource and its subresources.
func sumCost(rc ResourceCost) decimal.Decimal {
	var total money.Sum
	eachComponent(&rc, func(c *CostComponent) {
		if c.PriceFound {
			total.Add(c.MonthlyCost)
		}
	})
	return total.Decimal()
}

// componentOf returns the logical name of the nearest component ancestor.
func (p *run) componentOf(rec *resource.Record) string {
	x := p.indexFor()
	i, ok := p.at, p.at >= 0 && p.at < len(p.recs) && &p.recs[p.at] == rec
	if !ok {
		i, ok = x.byURN[rec.URN]
		ok = ok && &p.recs[i] == rec
	}
	if ok {
		x.componentOnce.Do(func() {
			x.componentOf = make([]string, len(x.urns))
			for j := range x.urns {
				x.componentOf[j] = x.ancestor(x.parents[j])
			}
		})
		return x.componentOf[i]
	}
	return x.ancestor(rec.Parent)
}

// ancestor returns the logical name of the nearest component at or above
// the record with URN parent ("" when there is none, or past 64 levels).
func (x *recordIndex) ancestor(parent string) string {
	for depth := 0; parent != "" && depth < 64; depth++ {
		i, ok := x.byURN[parent]
		if !ok {
			return ""
		}
		if x.isComponent[i] {
			return x.names[i]
		}
		parent = x.parents[i]
	}
	return ""
}

// find returns the first record (in URN order) of one of the types that
// answers to ref by provider ID, output id or arn, identifier, name input,
// or logical name.
func (p *run) find(ref string, types ...string) *resource.Record {
	r := p.lookupRef(ref, types)
	if p.reads != nil {
		p.reads.refs = append(p.reads.refs, refRead{ref: ref, types: types, found: identityOf(r)})
	}
	return r
}

func (p *run) lookupRef(ref string, types []string) *resource.Record {
	if ref == "" {
		return nil
	}
	x := p.indexFor()
	for _, t := range types {
		if i, ok := x.refs[t][ref]; ok {
			return &p.recs[i]
		}
	}
	return nil
}

// usageFor returns a record's usage values.
func (p *run) usageFor(rec resource.Record) usage.Values {
	v := p.opts.Usage.For(rec)
	if p.reads != nil {
		p.reads.usages = append(p.reads.usages, usageRead{rec: rec, values: v})
	}
	return v
}

// usageSource names where usage quantities came from.
func (p *run) usageSource() string {
	if p.opts.Usage == nil || p.opts.Usage.Origin == "" {
		return "usage"
	}
	if p.opts.Usage.Origin == SourceWorkload {
		return SourceWorkload
	}
	if o := p.opts.Usage.Origin; strings.HasPrefix(o, "usage file ") {
		return o // the parser names it so already
	}
	return "usage file " + p.opts.Usage.Origin
}

// usageQty returns a usage value and its source, or zero from "default".
func (p *run) usageQty(v usage.Values, key string) (decimal.Decimal, string) {
	if d, ok := v.Get(key); ok {
		return d, p.usageSource()
	}
	return decimal.Zero, SourceDefault
}

// line describes one cost component before it is priced.
type line struct {
	name   string
	unit   string
	qty    decimal.Decimal
	key    catalog.ProductKey
	term   catalog.Term
	usage  bool
	source string
	note   string
	// assumed says what the line assumes for an input that is not set.
	assumed string
	// option is the purchase option the line is bought under, when one
	// other than on-demand applies to it; fallback marks a line priced on
	// demand because the catalog has no rate for that option.
	option   string
	fallback bool
}

// notFound builds the component of a line whose price is unknown. The
// note says the product in words; the catalog's internal key
// (AmazonCloudFront|cf-to-origin|...) means nothing to a reader.
func notFound(l line) CostComponent {
	note := "price not found: the catalog has no " + termLabel(termOrOnDemand(l.term)) + " price for " + productWords(l.key)
	if l.note != "" {
		note = l.note + "; " + note
	}
	return CostComponent{
		Name: l.name, Unit: l.unit, MonthlyQuantity: l.qty, UsageBased: l.usage,
		QuantitySource: l.source, Note: note, Assumed: l.assumed, Product: string(l.key),
	}
}

// productNames say a catalog product in words; a product not listed is
// shown with its dashes as spaces.
var productNames = map[string]string{
	"instance": "EC2 instance", "ebs-storage": "EBS storage", "ebs-iops": "EBS IOPS", "ebs-throughput": "EBS throughput",
	"ebs-snapshot": "EBS snapshot storage", "nat-hours": "NAT gateway hours", "nat-bytes": "NAT gateway data processed",
	"public-ipv4": "public IPv4 address", "lb-hours": "load balancer hours", "lb-lcu": "load balancer capacity units",
	"db-instance": "database instance", "db-storage": "database storage", "db-iops": "database IOPS",
	"db-throughput": "database throughput", "db-backup": "database backup storage", "aurora-io": "Aurora I/O requests",
	"cache-node": "cache node", "cache-backup": "cache backup storage", "cf-data-out": "CloudFront data out",
	"cf-requests": "CloudFront requests", "cf-to-origin": "CloudFront data to origin",
	"dt-inter-az": "data transfer between availability zones", "dt-internet-out": "data transfer out to the internet",
	"logs-ingest": "CloudWatch log ingestion", "logs-storage": "CloudWatch log storage", "metric": "CloudWatch metric",
	"alarm": "CloudWatch alarm", "dashboard": "CloudWatch dashboard", "s3-requests": "S3 requests", "s3-storage": "S3 storage",
}

// productWords says a product key in words: "database instance (db.t4g.micro,
// postgres, Multi-AZ) in us-east-1".
func productWords(k catalog.ProductKey) string {
	name, ok := productNames[k.Product()]
	if !ok {
		name = strings.ReplaceAll(k.Product(), "-", " ")
	}
	var attrs []string
	if parts := strings.SplitN(string(k), "|", 4); len(parts) == 4 {
		for _, kv := range strings.Split(parts[3], ",") {
			if _, v, ok := strings.Cut(kv, "="); ok && v != "" {
				attrs = append(attrs, v)
			}
		}
	}
	if len(attrs) > 0 {
		name += " (" + strings.Join(attrs, ", ") + ")"
	}
	switch r := k.Region(); r {
	case "", "global":
		return name + " (a global price)"
	default:
		return name + " in " + r
	}
}

func termOrOnDemand(t catalog.Term) catalog.Term {
	if t.Kind == "" {
		return catalog.OnDemandTerm
	}
	return t
}

func component(l line, pr catalog.Price, qty decimal.Decimal) CostComponent {
	return CostComponent{
		Name: l.name, Unit: l.unit, MonthlyQuantity: qty, Price: pr.USD,
		MonthlyCost: qty.Mul(pr.USD), UsageBased: l.usage, PriceFound: true,
		QuantitySource: l.source, Note: l.note, Assumed: l.assumed,
		PurchaseOption: l.option, OnDemandFallback: l.fallback, Product: string(l.key),
		Provenance: Provenance{Layer: pr.Layer, Source: pr.Source, AsOf: pr.AsOf},
	}
}

// price prices an untiered line.
func (p *run) price(l line) CostComponent {
	pr, ok := p.unit(l.key, l.term)
	if !ok {
		return notFound(l)
	}
	return component(l, pr, l.qty)
}

// priceTiered spreads a line's quantity over the product's tiers and
// returns one component per tier that holds quantity (at least the first).
// Tier labels are written in the line's unit ("first 10 TB" for GB).
func (p *run) priceTiered(l line) []CostComponent {
	tiers, ok := p.lookup(l.key, l.term)
	if !ok {
		return []CostComponent{notFound(l)}
	}
	if len(tiers) == 1 && tiers[0].TierStart.IsZero() && tiers[0].TierEnd == nil {
		return []CostComponent{component(l, tiers[0], l.qty)}
	}
	split := catalog.TierSplit(l.qty, tiers)
	var out []CostComponent
	for i, t := range tiers {
		if i > 0 && split[i].IsZero() {
			continue
		}
		tl := l
		tl.name = withDetail(l.name, tierLabel(t, l.unit))
		if i > 0 {
			tl.note = "" // an allowance note belongs on the first tier only
		}
		out = append(out, component(tl, t, split[i]))
	}
	return out
}

// withDetail adds a detail inside a name's brackets: "X (a)" → "X (a, d)".
func withDetail(name, detail string) string {
	if strings.HasSuffix(name, ")") {
		return strings.TrimSuffix(name, ")") + ", " + detail + ")"
	}
	return name + " (" + detail + ")"
}

var (
	gbPerTB = decimal.NewFromInt(1024)
	gbPerPB = decimal.NewFromInt(1024 * 1024)
)

// tierLabel names a tier: "first 10 TB", "next 40 TB", "over 150 TB".
func tierLabel(t catalog.Price, unit string) string {
	size := func(d decimal.Decimal) string {
		if unit == "GB" || unit == "GB-months" {
			switch {
			case !d.IsZero() && d.Mod(gbPerPB).IsZero():
				return d.Div(gbPerPB).String() + " PB"
			case !d.IsZero() && d.Mod(gbPerTB).IsZero():
				return d.Div(gbPerTB).String() + " TB"
			}
			return d.String() + " GB"
		}
		return d.String() + " " + unit
	}
	switch {
	case t.TierEnd == nil:
		return "over " + size(t.TierStart)
	case t.TierStart.IsZero():
		return "first " + size(*t.TierEnd)
	}
	return "next " + size(t.TierEnd.Sub(t.TierStart))
}

// termLabel renders a term inside a component name.
func termLabel(t catalog.Term) string {
	if t.Kind != catalog.Reserved {
		return "on-demand"
	}
	return fmt.Sprintf("reserved %s %s %s", t.Length, t.Class, strings.ToLower(t.Payment))
}

// FallbackNote marks a line priced on demand because the catalog has no
// rate for the purchase option asked for it.
const FallbackNote = "on-demand: no reserved rate in the catalog"

// hoursLine prices an hourly line under its purchase term. A reserved term
// the catalog has no rate for never breaks an estimate: the line is priced
// on demand, renamed so, and marked with FallbackNote. Only a product the
// catalog does not know at all is "not found". It never fails; the record,
// the label and the error stay in its signature so every pricer calls it
// alike.
func (p *run) hoursLine(_ *resource.Record, _ string, l line) (CostComponent, error) {
	term := termOrOnDemand(l.term)
	if term.Kind != catalog.Reserved {
		return p.price(l), nil
	}
	l.option = term.Option()
	if pr, ok := p.unit(l.key, term); ok {
		c := component(l, pr, l.qty)
		if od, ok := p.unit(l.key, catalog.OnDemandTerm); ok {
			price, cost := od.USD, l.qty.Mul(od.USD)
			c.ListPrice, c.ListCost = &price, &cost
		}
		return c, nil
	}
	name := strings.Replace(l.name, termLabel(term), termLabel(catalog.OnDemandTerm), 1)
	return p.onDemandFallback(l, name, FallbackNote), nil
}

// onDemandFallback prices l on demand, under a name that says so, in place
// of the option it was asked at, with note saying why.
func (p *run) onDemandFallback(l line, name, note string) CostComponent {
	pr, ok := p.unit(l.key, catalog.OnDemandTerm)
	if !ok {
		// The catalog does not know the product at all.
		l.option = ""
		return notFound(l)
	}
	l.name, l.term = name, catalog.OnDemandTerm
	l.option, l.fallback = catalog.OnDemandOption, true
	if l.note == "" {
		l.note = note
	} else {
		l.note = note + "; " + l.note
	}
	return component(l, pr, l.qty)
}

// fullMonth is the always-on hour count.
func fullMonth() decimal.Decimal { return money.HoursPerMonth }
