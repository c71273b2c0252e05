// Package catalog owns AWS list prices: what a price identifies (a product
// key and a purchase term), its amount as an exact decimal, its unit, its
// usage tiers and its provenance (source, as-of date, catalog layer). A
// Catalog is a stack of layers; an imported AWS Price List catalog overlays
// the embedded one, and a lookup takes the first layer that knows the product.
package catalog

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/shopspring/decimal"
)

// ProductKey identifies one priced product in one region, independent of the
// purchase term. Build keys only with the constructors in keys.go, so that the
// embedded seed, the importer and the pricers always agree.
type ProductKey string

// Purchase kinds.
const (
	OnDemand = "OnDemand"
	Reserved = "Reserved"
)

// Term is how a price is bought. The zero value is not valid; use
// OnDemandTerm or a reserved term.
type Term struct {
	Kind string `json:"kind"` // OnDemand or Reserved
	// Reserved terms only.
	Length  string `json:"length,omitempty"`  // 1yr or 3yr
	Payment string `json:"payment,omitempty"` // No Upfront, Partial Upfront, All Upfront
	Class   string `json:"class,omitempty"`   // standard or convertible
}

// OnDemandTerm is the on-demand purchase term.
var OnDemandTerm = Term{Kind: OnDemand}

// String renders the term for messages and keys.
func (t Term) String() string {
	if t.Kind != Reserved {
		return OnDemand
	}
	return fmt.Sprintf("Reserved %s %s %s", t.Length, t.Class, t.Payment)
}

// Price is one price point. Reserved prices are stored as an effective
// hourly (or per-unit) rate: the upfront fee spread over the term's hours
// plus the recurring hourly fee.
type Price struct {
	Product ProductKey `json:"product"`
	Term    Term       `json:"term"`
	// Unit is the AWS unit the amount is per: Hrs, GB-Mo, IOPS-Mo,
	// MiBps-Mo, GB, Requests, LCU-Hrs, IOs, Alarms, Metrics, Dashboards.
	Unit string          `json:"unit"`
	USD  decimal.Decimal `json:"usd"`
	// TierStart and TierEnd bound a usage tier in Unit quantities per month;
	// TierEnd is nil for the open-ended last tier. Untiered prices start at 0.
	TierStart decimal.Decimal  `json:"tierStart"`
	TierEnd   *decimal.Decimal `json:"tierEnd,omitempty"`
	// Description is a short human label, e.g. "t3.micro Linux on-demand".
	Description string `json:"description,omitempty"`
	// Source names where the figure comes from (reference row, offer file).
	Source string `json:"source"`
	// AsOf is the date the figure was true, YYYY-MM-DD.
	AsOf string `json:"asOf"`
	// Layer is filled in by the Catalog: which catalog answered.
	Layer string `json:"-"`
}

// Layer is one set of prices with its own provenance, e.g. the embedded
// seed or one imported offer file.
type Layer struct {
	// Name is how the layer is shown: "embedded" or the catalog file path.
	Name string `json:"name"`
	// Offers records the offer files (service, version, publication date)
	// the layer was built from; empty for the embedded seed.
	Offers []Offer `json:"offers,omitempty"`
	// AsOf is the oldest as-of date of the layer's prices, YYYY-MM-DD.
	AsOf   string  `json:"asOf"`
	Prices []Price `json:"prices"`

	index map[string][]int
}

// Offer is the provenance of one imported AWS Price List offer file.
type Offer struct {
	Service         string `json:"service"` // e.g. AmazonEC2
	Version         string `json:"version"` // offer version, e.g. 20260925174521
	PublicationDate string `json:"publicationDate"`
	Region          string `json:"region,omitempty"`
}

func indexKey(p ProductKey, t Term) string { return string(p) + "#" + t.String() }

func (l *Layer) buildIndex() {
	l.index = make(map[string][]int, len(l.Prices))
	for i, p := range l.Prices {
		k := indexKey(p.Product, p.Term)
		l.index[k] = append(l.index[k], i)
	}
	for _, idx := range l.index {
		sort.SliceStable(idx, func(a, b int) bool {
			return l.Prices[idx[a]].TierStart.LessThan(l.Prices[idx[b]].TierStart)
		})
	}
}

// Catalog answers price lookups from its layers, first layer first. It is
// read-only once built, so one Catalog may serve many estimates at once.
type Catalog struct {
	layers []*Layer
	// regions is computed once: every estimate asks for it.
	regions []string
}

// New builds a catalog whose first layer wins. Pass overlays before the
// embedded layer.
func New(layers ...*Layer) *Catalog {
	for _, l := range layers {
		l.buildIndex()
	}
	c := &Catalog{layers: layers}
	c.regions = c.scanRegions()
	return c
}

// Layers returns the layers in lookup order.
func (c *Catalog) Layers() []*Layer { return c.layers }

// Lookup returns the price (or the ordered tiers of a tiered price) for a
// product and term from the first layer that has it. ok is false when no
// layer knows it: callers must report that as "price not found", never as $0.
func (c *Catalog) Lookup(p ProductKey, t Term) (tiers []Price, ok bool) {
	k := indexKey(p, t)
	for _, l := range c.layers {
		idx := l.index[k]
		if len(idx) == 0 {
			continue
		}
		out := make([]Price, len(idx))
		for i, j := range idx {
			out[i] = l.Prices[j]
			out[i].Layer = l.Name
		}
		return out, true
	}
	return nil, false
}

// Unit looks up an untiered price and returns its single rate.
func (c *Catalog) Unit(p ProductKey, t Term) (Price, bool) {
	tiers, ok := c.Lookup(p, t)
	if !ok {
		return Price{}, false
	}
	return tiers[0], true
}

// Regions lists every region any layer prices, sorted.
func (c *Catalog) Regions() []string { return append([]string(nil), c.regions...) }

// HasRegion reports whether any layer prices region: Regions without the
// copy, asked by every estimate.
func (c *Catalog) HasRegion(region string) bool {
	_, found := slices.BinarySearch(c.regions, region)
	return found
}

func (c *Catalog) scanRegions() []string {
	seen := map[string]bool{}
	for _, l := range c.layers {
		for _, p := range l.Prices {
			if r := p.Product.Region(); r != "" {
				seen[r] = true
			}
		}
	}
	out := make([]string, 0, len(seen))
	for r := range seen {
		out = append(out, r)
	}
	sort.Strings(out)
	return out
}

// Region returns the region part of a product key ("" for global products).
func (p ProductKey) Region() string {
	parts := strings.SplitN(string(p), "|", 4)
	if len(parts) < 3 {
		return ""
	}
	return parts[2]
}

// Service returns the AWS service code part of a product key.
func (p ProductKey) Service() string {
	parts := strings.SplitN(string(p), "|", 2)
	return parts[0]
}

// TierSplit spreads a monthly quantity over ordered tiers and returns the
// quantity that falls in each tier. Tiers must be sorted by TierStart.
func TierSplit(quantity decimal.Decimal, tiers []Price) []decimal.Decimal {
	out := make([]decimal.Decimal, len(tiers))
	for i, t := range tiers {
		if quantity.LessThanOrEqual(t.TierStart) {
			out[i] = decimal.Zero
			continue
		}
		upper := quantity
		if t.TierEnd != nil && t.TierEnd.LessThan(quantity) {
			upper = *t.TierEnd
		}
		out[i] = upper.Sub(t.TierStart)
	}
	return out
}
