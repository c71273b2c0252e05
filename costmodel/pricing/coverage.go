package pricing

import "sort"

// ProductCoverage is one catalog product that estimates ask for: priced,
// with the layer, source and date of its price, or missing.
type ProductCoverage struct {
	Product string `json:"product"`
	Priced  bool   `json:"priced"`
	Layer   string `json:"layer,omitempty"`
	Source  string `json:"source,omitempty"`
	AsOf    string `json:"asOf,omitempty"`
	// UsedBy names the first lines that use it ("1k: tc-alb: Application
	// load balancer"); Uses counts them all.
	UsedBy []string `json:"usedBy"`
	Uses   int      `json:"uses"`
	// Unpriced counts the uses with a quantity and no price: lines left
	// out of their totals. A missing product used only with no quantity
	// leaves nothing out.
	Unpriced int `json:"unpriced"`
}

// NamedBreakdown is a breakdown with the name coverage lists it under.
type NamedBreakdown struct {
	Name      string
	Breakdown Breakdown
}

// maxUsedBy bounds the lines a coverage row names.
const maxUsedBy = 3

// Coverage lists the catalog products the breakdowns' lines ask for, the
// missing ones first, each group by product key. A product with no price
// in one breakdown and a price in another (never the case within one
// catalog and region) is listed as priced.
func Coverage(bs []NamedBreakdown) []ProductCoverage {
	at := map[string]int{}
	var out []ProductCoverage
	for _, nb := range bs {
		for n, c := range nb.Breakdown.Lines() {
			if c.Product == "" {
				continue
			}
			i, ok := at[c.Product]
			if !ok {
				i = len(out)
				at[c.Product] = i
				out = append(out, ProductCoverage{Product: c.Product})
			}
			pc := &out[i]
			if c.PriceFound && !pc.Priced {
				pc.Priced, pc.Layer, pc.Source, pc.AsOf = true, c.Provenance.Layer, c.Provenance.Source, c.Provenance.AsOf
			}
			pc.Uses++
			if c.Unpriced() {
				pc.Unpriced++
			}
			if len(pc.UsedBy) < maxUsedBy {
				use := n.Path() + ": " + c.Name
				if nb.Name != "" {
					use = nb.Name + ": " + use
				}
				pc.UsedBy = append(pc.UsedBy, use)
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Priced != out[j].Priced {
			return !out[i].Priced
		}
		return out[i].Product < out[j].Product
	})
	return out
}
