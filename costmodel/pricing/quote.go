package pricing

import (
	"github.com/shopspring/decimal"
	"github.com/tiercost/tiercost/components/spec"
	"github.com/tiercost/tiercost/costmodel/catalog"
	"github.com/tiercost/tiercost/costmodel/resource"
)

// Quoter answers the capacity model's price questions (spec.Nodes) with the
// pricers' own catalog keys, purchase terms and line arithmetic, so that a
// right-sizing saving and a breakdown line for the same nodes agree to the
// cent. It implements capacity.Prices.
type Quoter struct {
	run *run
}

// NewQuoter quotes from a catalog at a purchase option.
func NewQuoter(cat *catalog.Catalog, purchase PurchaseOptions) *Quoter {
	return &Quoter{run: newRun(nil, Options{Catalog: cat, Purchase: purchase}, "")}
}

// Monthly is the monthly cost of n's nodes running all month; ok is false
// when the catalog has no price for them.
func (q *Quoter) Monthly(n spec.Nodes) (decimal.Decimal, bool) {
	if n.Count <= 0 {
		return decimal.Zero, true
	}
	p := q.run
	hours := fullMonth().Mul(decimal.NewFromInt(int64(n.Count)))
	l := line{unit: "hours", qty: hours}
	switch n.Layer {
	case spec.LayerCompute:
		l.key, l.term = catalog.EC2Instance(n.Region, n.Type), p.opts.Purchase.Compute
	case spec.LayerDatabase:
		deployment := catalog.SingleAZ
		if n.MultiAZ {
			deployment = catalog.MultiAZ
		}
		l.key, l.term = catalog.RDSInstance(n.Region, n.Type, engineName(n.Engine), deployment), p.opts.Purchase.Database
	case spec.LayerCache:
		l.key, l.term = catalog.ElastiCacheNode(n.Region, n.Type, cacheEngine(n.Engine)), p.opts.Purchase.Cache
	case spec.LayerNAT:
		l.key = catalog.NATGatewayHours(n.Region)
	default:
		return decimal.Zero, false
	}
	c, err := p.hoursLine(&resource.Record{Type: "quote", Name: n.Layer}, n.Type, l)
	if err != nil || !c.PriceFound {
		return decimal.Zero, false
	}
	return c.MonthlyCost, true
}

// Extend is the cost of a quantity at a unit price: the one place outside a
// pricer's line where a quantity meets a price. The plan-versus-bill
// variance uses it to price a billed quantity at the planned unit price,
// which splits a difference into its usage part and its price part.
func Extend(quantity, unitPrice decimal.Decimal) decimal.Decimal { return quantity.Mul(unitPrice) }
