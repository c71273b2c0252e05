package catalog

import (
	"fmt"
	"strings"

	"github.com/tiercost/tiercost/costmodel/inputfile"
)

// Purchase option names as users write them (flags, --set, environment
// files, the TUI). This is their one spelling; everything else derives from
// Terms.
const OnDemandOption = "on-demand"

// reservedLengths, reservedPayments and reservedClasses span the reserved
// terms AWS sells for EC2, RDS and ElastiCache.
var (
	reservedLengths  = []string{"1yr", "3yr"}
	reservedPayments = []struct{ option, payment string }{
		{"no-upfront", "No Upfront"}, {"partial-upfront", "Partial Upfront"}, {"all-upfront", "All Upfront"},
	}
	reservedClasses = []struct{ suffix, class string }{{"", "standard"}, {"-convertible", "convertible"}}
)

// PurchaseOption is one named purchase option and the catalog term it prices at.
type PurchaseOption struct {
	Name string
	Term Term
}

// PurchaseOptions lists every purchase option: on-demand first, then the
// standard reserved terms, then the convertible ones, shortest first.
func PurchaseOptions() []PurchaseOption {
	out := []PurchaseOption{{OnDemandOption, OnDemandTerm}}
	for _, c := range reservedClasses {
		for _, l := range reservedLengths {
			for _, p := range reservedPayments {
				out = append(out, PurchaseOption{
					Name: "reserved-" + l + "-" + p.option + c.suffix,
					Term: Term{Kind: Reserved, Length: l, Payment: p.payment, Class: c.class},
				})
			}
		}
	}
	return out
}

// PurchaseOptionNames lists the option names in PurchaseOptions' order.
func PurchaseOptionNames() []string {
	opts := PurchaseOptions()
	out := make([]string, len(opts))
	for i, o := range opts {
		out[i] = o.Name
	}
	return out
}

// ParsePurchase turns an option name into its term; "" means on-demand.
func ParsePurchase(name string) (Term, error) {
	if name == "" {
		return OnDemandTerm, nil
	}
	for _, o := range PurchaseOptions() {
		if o.Name == name {
			return o.Term, nil
		}
	}
	return Term{}, fmt.Errorf("%s is unknown; allowed: %s", inputfile.Choice(name), strings.Join(PurchaseOptionNames(), ", "))
}

// Option is the purchase option name of a term ("" for an unknown term).
func (t Term) Option() string {
	if t.Kind == OnDemand {
		return OnDemandOption
	}
	for _, o := range PurchaseOptions() {
		if o.Term == t {
			return o.Name
		}
	}
	return ""
}
