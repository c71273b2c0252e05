package importer

import (
	"sort"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/tiercost/tiercost/costmodel/catalog"
)

// InfoReport describes a catalog's layers in lookup order.
type InfoReport struct {
	Layers []LayerInfo `json:"layers"`
}

// LayerInfo is one layer's provenance and coverage.
type LayerInfo struct {
	Name     string          `json:"name"`
	Offers   []catalog.Offer `json:"offers,omitempty"`
	AsOf     string          `json:"asOf"`
	Regions  []string        `json:"regions"`
	Prices   int             `json:"prices"`
	Products int             `json:"products"`
	// Families counts products by the product part of their key
	// ("instance", "db-instance", "cache-node"...), sorted by family.
	Families []FamilyCount `json:"families"`
}

// FamilyCount is the coverage of one product family.
type FamilyCount struct {
	Family   string `json:"family"`
	Products int    `json:"products"`
	Prices   int    `json:"prices"`
}

// Info describes every layer of c.
func Info(c *catalog.Catalog) InfoReport {
	var r InfoReport
	for _, l := range c.Layers() {
		r.Layers = append(r.Layers, layerInfo(l))
	}
	return r
}

func layerInfo(l *catalog.Layer) LayerInfo {
	li := LayerInfo{Name: l.Name, Offers: l.Offers, AsOf: l.AsOf, Prices: len(l.Prices), Regions: []string{}, Families: []FamilyCount{}}
	regions := map[string]bool{}
	products := map[catalog.ProductKey]bool{}
	fams := map[string]*FamilyCount{}
	for _, p := range l.Prices {
		if r := p.Product.Region(); r != "" {
			regions[r] = true
		}
		fam := productFamily(p.Product)
		fc := fams[fam]
		if fc == nil {
			fc = &FamilyCount{Family: fam}
			fams[fam] = fc
		}
		fc.Prices++
		if !products[p.Product] {
			products[p.Product] = true
			fc.Products++
		}
	}
	li.Products = len(products)
	for r := range regions {
		li.Regions = append(li.Regions, r)
	}
	sort.Strings(li.Regions)
	for _, fc := range fams {
		li.Families = append(li.Families, *fc)
	}
	sort.Slice(li.Families, func(i, j int) bool { return li.Families[i].Family < li.Families[j].Family })
	return li
}

// productFamily is the middle part of a key: service|product|region|attrs.
func productFamily(k catalog.ProductKey) string {
	parts := strings.SplitN(string(k), "|", 3)
	if len(parts) < 2 {
		return string(k)
	}
	return parts[1]
}

// Change kinds.
const (
	Added   = "added"
	Removed = "removed"
	Changed = "changed"
)

// Change is one price that differs between two layers.
type Change struct {
	Kind      string             `json:"kind"`
	Product   catalog.ProductKey `json:"product"`
	Term      catalog.Term       `json:"term"`
	TierStart decimal.Decimal    `json:"tierStart"`
	Unit      string             `json:"unit"`
	// OldUSD is nil for an added price, NewUSD nil for a removed one.
	OldUSD *decimal.Decimal `json:"oldUSD,omitempty"`
	NewUSD *decimal.Decimal `json:"newUSD,omitempty"`
	// Percent is (new - old) / old × 100 at 16 significant places (the
	// display rounds it); nil unless the price changed from a non-zero old
	// price.
	Percent *decimal.Decimal `json:"percent,omitempty"`
}

// Diff lists prices that were added, removed or changed from old to new,
// keyed by product, term and tier start, sorted by that key.
func Diff(old, new *catalog.Layer) []Change {
	index := func(l *catalog.Layer) map[string]catalog.Price {
		m := map[string]catalog.Price{}
		if l == nil {
			return m
		}
		for _, p := range l.Prices {
			m[diffKey(p)] = p
		}
		return m
	}
	om, nm := index(old), index(new)
	var out []Change
	for k, o := range om {
		n, ok := nm[k]
		switch {
		case !ok:
			usd := o.USD
			out = append(out, Change{Kind: Removed, Product: o.Product, Term: o.Term, TierStart: o.TierStart, Unit: o.Unit, OldUSD: &usd})
		case !o.USD.Equal(n.USD):
			ou, nu := o.USD, n.USD
			c := Change{Kind: Changed, Product: o.Product, Term: o.Term, TierStart: o.TierStart, Unit: n.Unit, OldUSD: &ou, NewUSD: &nu}
			if !ou.IsZero() {
				pct := nu.Sub(ou).DivRound(ou, 16).Mul(decimal.NewFromInt(100))
				c.Percent = &pct
			}
			out = append(out, c)
		}
	}
	for k, n := range nm {
		if _, ok := om[k]; !ok {
			usd := n.USD
			out = append(out, Change{Kind: Added, Product: n.Product, Term: n.Term, TierStart: n.TierStart, Unit: n.Unit, NewUSD: &usd})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Product != b.Product {
			return a.Product < b.Product
		}
		if ta, tb := a.Term.String(), b.Term.String(); ta != tb {
			return ta < tb
		}
		return a.TierStart.LessThan(b.TierStart)
	})
	return out
}

func diffKey(p catalog.Price) string {
	return string(p.Product) + "#" + p.Term.String() + "#" + p.TierStart.String()
}
