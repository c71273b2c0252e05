package capacity

import (
	"github.com/shopspring/decimal"
	"github.com/tiercost/tiercost/components/spec"
)

// Prices quotes what nodes cost a month at the estimate's purchase option.
// The pricing package implements it (pricing.Quoter) with the pricers' own
// catalog keys and arithmetic; the capacity model never builds a catalog
// key or multiplies a price. ok is false when a price is not known.
type Prices interface {
	Monthly(n spec.Nodes) (monthly decimal.Decimal, ok bool)
}

// archFor maps a family preference to an architecture ("" = both).
func archFor(family string) string {
	a, err := spec.ArchOfFamily(family)
	if err != nil {
		return ""
	}
	return a
}

// sortedTypes returns the type names of a table, for messages.
func sortedTypes(table []spec.Instance) []string {
	out := make([]string, len(table))
	for i, t := range table {
		out[i] = t.Type
	}
	return out
}
