// Package pricing owns turning resource records into a cost breakdown: one
// pricer per AWS resource type, each returning named cost components priced
// from the catalog and the usage quantities, plus the free and unsupported
// lists. Each pricer file declares its type once (registry.go); everything
// else that depends on the type derives from that declaration. It never
// imports the Pulumi program SDK, so it prices any stack.
package pricing

import (
	"iter"

	"github.com/shopspring/decimal"
	"github.com/tiercost/tiercost/costmodel/money"
)

// Resource statuses.
const (
	StatusPriced      = "priced"
	StatusFree        = "free"
	StatusUnsupported = "unsupported"
	// StatusExternal marks a resource the stack reads but does not own
	// (`external: true` in a stack export): it is billed to whoever owns
	// it, so it is listed and never priced.
	StatusExternal = "external"
)

// Quantity sources, shown beside each quantity.
const (
	SourceSpec     = "spec"           // from the resource's own inputs
	SourceWorkload = "workload model" // from the capacity model's usage
	SourceDefault  = "default"        // a documented default (e.g. 730 h)
	// A usage file's quantities carry "usage file <path>".
)

// Provenance says which catalog layer and source a price came from.
type Provenance struct {
	Layer  string `json:"layer"`  // "embedded" or the imported catalog's path
	Source string `json:"source"` // the reference row or offer file
	AsOf   string `json:"asOf"`   // YYYY-MM-DD
}

// CostComponent is one line item: name, unit, monthly quantity, unit price
// and monthly cost. A line whose price is not in the catalog has
// PriceFound=false and a zero MonthlyCost that must be shown as "not found";
// with a non-zero quantity it is Unpriced and makes every total that holds
// it a lower bound.
type CostComponent struct {
	Name            string          `json:"name"`
	Unit            string          `json:"unit"`
	MonthlyQuantity decimal.Decimal `json:"monthlyQuantity"`
	Price           decimal.Decimal `json:"price"`
	MonthlyCost     decimal.Decimal `json:"monthlyCost"`
	UsageBased      bool            `json:"usageBased"`
	PriceFound      bool            `json:"priceFound"`
	// QuantitySource is one of the Source* constants or "usage file <path>".
	QuantitySource string     `json:"quantitySource"`
	Provenance     Provenance `json:"provenance"`
	// Note explains a missing price or an applied allowance, else "".
	Note string `json:"note,omitempty"`
	// Assumed says what the line assumes because an input was not set
	// ("size not set: 8 GB assumed"); "" when it assumes nothing.
	Assumed string `json:"assumed,omitempty"`
	// PurchaseOption is set on lines bought under a purchase option other
	// than on-demand: the option the line is priced at
	// ("reserved-1yr-no-upfront", "savings-plan"), or "on-demand" with
	// OnDemandFallback when the catalog has no rate for the option asked.
	PurchaseOption   string `json:"purchaseOption,omitempty"`
	OnDemandFallback bool   `json:"onDemandFallback,omitempty"`
	// ListPrice and ListCost are the on-demand unit price and cost of a
	// line priced at a purchase option (nil otherwise, when Price is the
	// list price): what FOCUS calls list and contracted cost.
	ListPrice *decimal.Decimal `json:"listPrice,omitempty"`
	ListCost  *decimal.Decimal `json:"listCost,omitempty"`
	// Product is the catalog product the line is priced from (or looked
	// for), for coverage listings; it is not written to JSON.
	Product string `json:"-"`
}

// Unpriced reports whether the line bears a cost the catalog cannot price:
// no price and a non-zero quantity. A zero-quantity line costs nothing
// whatever its price, so it never makes a total a lower bound.
func (c CostComponent) Unpriced() bool { return !c.PriceFound && !c.MonthlyQuantity.IsZero() }

// ResourceCost is one priced (or free, or unsupported) resource.
type ResourceCost struct {
	Name string `json:"name"` // logical name
	Type string `json:"type"` // Pulumi type token
	URN  string `json:"urn"`
	// Component is the logical name of the nearest parent component
	// ("" at the top level); the table groups by it.
	Component    string          `json:"component"`
	Status       string          `json:"status"`
	Components   []CostComponent `json:"costComponents"`
	Subresources []ResourceCost  `json:"subresources,omitempty"`
	// MonthlyCost sums found components and subresources.
	MonthlyCost decimal.Decimal `json:"monthlyCost"`
	// Metadata carries facts a reader may want (instance type, counts, range).
	Metadata map[string]string `json:"metadata,omitempty"`
}

// Breakdown is the priced result for one project (an environment, a tier,
// a stack export or a preview).
type Breakdown struct {
	Project string `json:"project"`
	Region  string `json:"region"`
	// Resources holds every record in URN order, whatever its status.
	Resources []ResourceCost `json:"resources"`
	// TotalMonthlyCost sums every found price.
	TotalMonthlyCost decimal.Decimal `json:"totalMonthlyCost"`
	// FixedMonthlyCost and UsageMonthlyCost split the total by UsageBased.
	FixedMonthlyCost decimal.Decimal `json:"fixedMonthlyCost"`
	UsageMonthlyCost decimal.Decimal `json:"usageMonthlyCost"`
	// MissingPrices counts the Unpriced components: cost-bearing lines
	// without a price. When it is not zero the totals are lower bounds.
	MissingPrices int `json:"missingPrices"`
	// PurchaseOption names the purchase option asked for ("" for
	// on-demand): "reserved-1yr-no-upfront", "Savings Plan 50 %" or both.
	// AtPurchaseOption is the part of the total priced at it (nil when
	// none was asked for) and PurchaseFallbacks counts the lines priced on
	// demand because the catalog has no rate for it.
	PurchaseOption    string           `json:"purchaseOption,omitempty"`
	AtPurchaseOption  *decimal.Decimal `json:"atPurchaseOptionMonthlyCost,omitempty"`
	PurchaseFallbacks int              `json:"purchaseFallbacks,omitempty"`
	// Warnings are non-fatal notes (stale catalog, refused options).
	Warnings []string `json:"warnings,omitempty"`
	// Metadata carries tier, users, environment and similar; MetaOverloaded
	// names the layers past their capacity at peak.
	Metadata map[string]string `json:"metadata,omitempty"`
}

// MetaOverloaded is the Breakdown.Metadata key that names the layers past
// their capacity at peak ("database memory 373 %"); absent when none is.
const MetaOverloaded = "overloaded"

// NotPriced counts the items the total leaves out: the Unpriced lines and
// the resources of types no pricer knows, whose cost is unknown too.
func (b Breakdown) NotPriced() int {
	n := b.MissingPrices
	for _, r := range b.Resources {
		if r.Status == StatusUnsupported {
			n++
		}
	}
	return n
}

// Monthly is the breakdown's total with its marks: the one value every
// output renders a total from (see money.Total).
func (b Breakdown) Monthly() money.Total {
	t := money.Total{Amount: b.TotalMonthlyCost, Unpriced: b.NotPriced(), Overloaded: b.Metadata[MetaOverloaded]}
	if b.PurchaseOption != "" {
		t.Option, t.Fallbacks = b.PurchaseOption, b.PurchaseFallbacks
		if b.AtPurchaseOption != nil {
			t.AtOption = *b.AtPurchaseOption
		}
	}
	return t
}

// Split is the total's fixed and usage-based parts, each marked a lower
// bound when a line of its kind is not priced (a resource type not priced
// at all is in neither part, only in Monthly's mark).
func (b Breakdown) Split() (fixed, usage money.Total) {
	fixed.Amount, usage.Amount = b.FixedMonthlyCost, b.UsageMonthlyCost
	for _, c := range b.Lines() {
		switch {
		case !c.Unpriced():
		case c.UsageBased:
			usage.Unpriced++
		default:
			fixed.Unpriced++
		}
	}
	return fixed, usage
}

// Node is one resource met by a walk of the breakdown tree. Resource and
// Top are copies whose slices share the walked tree's: a walk hands out
// values, so no caller changes the tree through it, and walking a local
// value does not move it to the heap.
type Node struct {
	// Resource is the resource visited; Top is its top-level ancestor
	// (Resource itself at depth 0).
	Resource, Top ResourceCost
	// Depth is 0 for a top-level resource, 1 for its subresources, and so on.
	Depth int
	// parent is the parent's Path; it is built only below depth 1.
	parent string
}

// PathSep joins the names of a Node's Path.
const PathSep = " / "

// Path names the resource from Top down: "web / rootBlockDevice".
func (n Node) Path() string {
	switch n.Depth {
	case 0:
		return n.Resource.Name
	case 1:
		return n.Top.Name + PathSep + n.Resource.Name
	}
	return n.parent + PathSep + n.Resource.Name
}

// Below is the path under Top: "" for Top itself, "rootBlockDevice" for its
// subresource. It tells a subresource's line items apart from Top's own.
func (n Node) Below() string {
	switch n.Depth {
	case 0:
		return ""
	case 1:
		return n.Resource.Name
	}
	return n.Path()[len(n.Top.Name)+len(PathSep):]
}

// Walk yields r and every subresource below it, depth first, each resource
// before its subresources. It is the one recursive walk of the tree: code
// that visits resources or line items ranges over Walk or Lines.
func (r ResourceCost) Walk() iter.Seq[Node] {
	return func(yield func(Node) bool) {
		walk(&r, &r, 0, "", yield)
	}
}

func walk(r, top *ResourceCost, depth int, parent string, yield func(Node) bool) bool {
	n := Node{Resource: *r, Top: *top, Depth: depth, parent: parent}
	if !yield(n) {
		return false
	}
	if len(r.Subresources) == 0 {
		return true
	}
	// Depth 0 and 1 paths need no string of their own (see Path).
	path := ""
	if depth >= 1 {
		path = n.Path()
	}
	for i := range r.Subresources {
		if !walk(&r.Subresources[i], top, depth+1, path, yield) {
			return false
		}
	}
	return true
}

// Lines yields every line item of r and its subresources in Walk order,
// with the resource that holds it.
func (r ResourceCost) Lines() iter.Seq2[Node, CostComponent] {
	return lines(r.Walk())
}

// Walk yields every resource of the breakdown and its subresources, in
// breakdown order, whatever their status.
func (b Breakdown) Walk() iter.Seq[Node] {
	return func(yield func(Node) bool) {
		for i := range b.Resources {
			r := &b.Resources[i]
			if !walk(r, r, 0, "", yield) {
				return
			}
		}
	}
}

// Lines yields every line item of the breakdown in Walk order.
func (b Breakdown) Lines() iter.Seq2[Node, CostComponent] {
	return lines(b.Walk())
}

// eachComponent calls f with every line item of r and its subresources,
// in Lines order, without building nodes: what the sums need.
func eachComponent(r *ResourceCost, f func(c *CostComponent)) {
	for i := range r.Components {
		f(&r.Components[i])
	}
	for i := range r.Subresources {
		eachComponent(&r.Subresources[i], f)
	}
}

func lines(nodes iter.Seq[Node]) iter.Seq2[Node, CostComponent] {
	return func(yield func(Node, CostComponent) bool) {
		for n := range nodes {
			for _, c := range n.Resource.Components {
				if !yield(n, c) {
					return
				}
			}
		}
	}
}

// MissingPrices counts the Unpriced line items of r and its subresources:
// cost-bearing lines whose price was not found, so r's cost is a lower bound.
func (r ResourceCost) MissingPrices() int {
	n := 0
	for _, c := range r.Lines() {
		if c.Unpriced() {
			n++
		}
	}
	return n
}
