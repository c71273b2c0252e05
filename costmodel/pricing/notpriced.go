package pricing

import "sort"

// NotPricedItem is one thing a total leaves out: the resources of a type
// no pricer knows (Type, Count), or one cost-bearing line item without a
// price (Path, Line, Note).
type NotPricedItem struct {
	Type  string
	Count int
	Path  string
	Line  string
	Note  string
}

// Unsupported reports whether the item is a resource type, not a line.
func (i NotPricedItem) Unsupported() bool { return i.Type != "" }

// NotPricedItems lists what the total leaves out, the one list every
// output shows under "Not priced": the unsupported types by name with
// their counts, then the Unpriced lines of priced resources in Walk order.
// A line without a price but also without a quantity costs nothing and is
// not listed. The counts add up to NotPriced.
func (b Breakdown) NotPricedItems() []NotPricedItem {
	unsupported := map[string]int{}
	for _, r := range b.Resources {
		if r.Status == StatusUnsupported {
			unsupported[r.Type]++
		}
	}
	out := make([]NotPricedItem, 0, len(unsupported)+b.MissingPrices)
	for t, n := range unsupported {
		out = append(out, NotPricedItem{Type: t, Count: n})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Type < out[j].Type })
	for n, c := range b.Lines() {
		if c.Unpriced() {
			out = append(out, NotPricedItem{Count: 1, Path: n.Path(), Line: c.Name, Note: c.Note})
		}
	}
	return out
}
