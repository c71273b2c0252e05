package catalog

import "sort"

// Merge returns a layer holding newer's prices plus every price of older
// that newer does not replace (same product, term and tier start), so that
// importing one service's offer file does not drop another's. Offers are
// kept per service and region, newer first; AsOf is the older of the two.
func Merge(newer, older *Layer) *Layer {
	key := func(p Price) string { return indexKey(p.Product, p.Term) + "#" + p.TierStart.String() }
	out := &Layer{Name: newer.Name, AsOf: newer.AsOf}
	seen := map[string]bool{}
	replaced := map[ProductKey]bool{}
	for _, p := range newer.Prices {
		seen[key(p)] = true
		replaced[p.Product] = true
		out.Prices = append(out.Prices, p)
	}
	for _, p := range older.Prices {
		// A product the newer layer prices is replaced whole, so stale
		// tiers of it never mix with new ones.
		if seen[key(p)] || replaced[p.Product] {
			continue
		}
		out.Prices = append(out.Prices, p)
	}
	offers := map[string]bool{}
	for _, o := range append(append([]Offer(nil), newer.Offers...), older.Offers...) {
		k := o.Service + "|" + o.Region
		if offers[k] {
			continue
		}
		offers[k] = true
		out.Offers = append(out.Offers, o)
	}
	if older.AsOf != "" && (out.AsOf == "" || older.AsOf < out.AsOf) {
		out.AsOf = older.AsOf
	}
	sort.SliceStable(out.Prices, func(i, j int) bool { return out.Prices[i].Product < out.Prices[j].Product })
	return out
}
