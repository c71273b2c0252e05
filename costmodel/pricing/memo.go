package pricing

import (
	"reflect"
	"sync"
	"sync/atomic"

	"github.com/shopspring/decimal"
	"github.com/tiercost/tiercost/costmodel/catalog"
	"github.com/tiercost/tiercost/costmodel/resource"
	"github.com/tiercost/tiercost/costmodel/usage"
)

// Memo lets Price answer a record it priced before without pricing it
// again. An uncertainty band prices hundreds of scenarios of one
// environment: their records come from one program template
// (stacks.Records), which hands every scenario the same records, maps and
// all, except the few whose sizes differ, and most records read no usage.
// So most of each scenario's records were priced, unchanged, by the one
// before.
//
// A record is the same record when it is the same value: the same type,
// URN, names and flags, and the very same Inputs and Outputs maps (a
// record without inputs is always priced afresh).
// Records are shared read-only (stacks.Records says so), so the same map
// holds the same content. A remembered answer is reused only when every
// other thing its pricer read is unchanged too: the records it looked up
// (a group's launch template) and the usage values it read. Anything else
// a pricer reads is fixed for a memo: the catalog, the region and the
// purchase options of its first Price; a Price with others, or with the
// free tier's shared allowances, does not use the memo.
//
// Breakdowns priced with a memo share their components with the memo's
// other answers: read them, never change them. TestMemoMatchesPrice holds
// a memo's breakdowns equal to Price's without one.
type Memo struct {
	mu      sync.Mutex
	bound   bool
	cat     *catalog.Catalog
	region  string
	buy     PurchaseOptions
	entries map[uintptr]*memoEntry // by the address of the record's inputs
	// lookups are the bound catalog's answers.
	lookupMu sync.RWMutex
	lookups  map[lookupKey]lookupResult
	// lastIndex is the record index of the memo's latest run.
	lastIndex atomic.Pointer[recordIndex]
	// answered and priced count records answered from the memo and
	// priced afresh through it.
	answered, priced atomic.Int64
}

// Counts returns how many records the memo answered and how many were
// priced afresh through it.
func (m *Memo) Counts() (answered, priced int64) { return m.answered.Load(), m.priced.Load() }

// NewMemo returns an empty memo.
func NewMemo() *Memo {
	return &Memo{entries: map[uintptr]*memoEntry{}, lookups: map[lookupKey]lookupResult{}}
}

// lookup is Catalog.Lookup memoised for every run of the memo.
func (m *Memo) lookup(cat *catalog.Catalog, k lookupKey) ([]catalog.Price, bool) {
	m.lookupMu.RLock()
	r, ok := m.lookups[k]
	m.lookupMu.RUnlock()
	if ok {
		return r.tiers, r.ok
	}
	tiers, found := cat.Lookup(k.product, k.term)
	m.lookupMu.Lock()
	m.lookups[k] = lookupResult{tiers, found}
	m.lookupMu.Unlock()
	return tiers, found
}

// memoEntry is one priced record with what its pricer read.
type memoEntry struct {
	rec    resource.Record // holds its maps, so their addresses stay its own
	id     recordIdentity  // rec's
	rc     ResourceCost    // Component is set per Price
	sums   costSums        // rc's line items added up
	refs   []refRead
	usages []usageRead
	origin string
}

// refRead is one record lookup (run.find) and the record it found.
type refRead struct {
	ref   string
	types []string
	found recordIdentity
}

// usageRead is the usage values a pricer read for a record.
type usageRead struct {
	rec    resource.Record
	values usage.Values
}

// recordIdentity is a record as the memo tells records apart; the zero
// value is no record.
type recordIdentity struct {
	typ, urn          string
	inputs, outputs   uintptr
	name, parent, id  string
	component, extern bool
}

func identityOf(r *resource.Record) recordIdentity {
	if r == nil {
		return recordIdentity{}
	}
	return recordIdentity{typ: r.Type, urn: r.URN, inputs: mapAddress(r.Inputs), outputs: mapAddress(r.Outputs),
		name: r.Name, parent: r.Parent, id: r.ID, component: r.Component, extern: r.External}
}

func mapAddress(m map[string]any) uintptr {
	if m == nil {
		return 0
	}
	return reflect.ValueOf(m).Pointer()
}

// use reports whether a Price with these options may use the memo,
// binding the memo to the options of its first use. regions are those the
// run prices in; a memo is bound to one, so records that span more than
// one are priced without it.
func (m *Memo) use(cat *catalog.Catalog, regions []string, buy PurchaseOptions) bool {
	if m == nil || buy.FreeTier || len(regions) != 1 {
		return false
	}
	region := regions[0]
	m.mu.Lock()
	defer m.mu.Unlock()
	if !m.bound {
		m.bound, m.cat, m.region, m.buy = true, cat, region, buy
		return true
	}
	return m.cat == cat && m.region == region && samePurchase(m.buy, buy)
}

func samePurchase(a, b PurchaseOptions) bool {
	return a.Compute == b.Compute && a.Database == b.Database && a.Cache == b.Cache && a.FreeTier == b.FreeTier &&
		sameDecimal(a.SavingsPlanCoveragePct, b.SavingsPlanCoveragePct) && sameDecimal(a.MonthlyHours, b.MonthlyHours)
}

// sameDecimal is equality of value and exponent: 1.5 and 1.50 print
// differently, so a memo never swaps one for the other.
func sameDecimal(a, b decimal.Decimal) bool {
	return a.Exponent() == b.Exponent() && a.Equal(b)
}

func sameValues(a, b usage.Values) bool {
	if len(a) != len(b) {
		return false
	}
	for k, x := range a {
		y, ok := b[k]
		if !ok || !sameDecimal(x, y) {
			return false
		}
	}
	return true
}

// recall returns the remembered cost of rec when everything its pricer
// read is unchanged in this run.
func (p *run) recall(rec *resource.Record) (*memoEntry, bool) {
	m := p.memo
	m.mu.Lock()
	e := m.entries[mapAddress(rec.Inputs)]
	m.mu.Unlock()
	if e == nil || e.id != identityOf(rec) || e.origin != p.usageOrigin() {
		return nil, false
	}
	for _, r := range e.refs {
		if identityOf(p.lookupRef(r.ref, r.types)) != r.found {
			return nil, false
		}
	}
	for _, u := range e.usages {
		if !sameValues(p.opts.Usage.For(u.rec), u.values) {
			return nil, false
		}
	}
	p.memo.answered.Add(1)
	return e, true
}

// remember stores rec's cost with what its pricer read.
func (p *run) remember(rec *resource.Record, rc ResourceCost, reads *memoEntry) {
	reads.rec, reads.id, reads.rc, reads.origin = *rec, identityOf(rec), rc, p.usageOrigin()
	reads.rc.Component = ""
	m := p.memo
	m.priced.Add(1)
	m.mu.Lock()
	m.entries[mapAddress(rec.Inputs)] = reads
	m.mu.Unlock()
}

func (p *run) usageOrigin() string {
	if p.opts.Usage == nil {
		return ""
	}
	return p.opts.Usage.Origin
}
