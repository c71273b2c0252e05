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
)

// Resource statuses.
const (
	StatusPriced      = "priced"
	StatusFree        = "free"
	StatusUnsupported = "unsupported"
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
// PriceFound=false and a zero MonthlyCost that must be shown as "not found".
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
}

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
	// MissingPrices counts components whose price was not found.
	MissingPrices int `json:"missingPrices"`
	// Warnings are non-fatal notes (stale catalog, refused options).
	Warnings []string `json:"warnings,omitempty"`
	// Metadata carries tier, users, environment and similar.
	Metadata map[string]string `json:"metadata,omitempty"`
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

// MissingPrices counts the line items of r and its subresources whose
// price was not found; their cost is unknown, so r's is a lower bound.
func (r ResourceCost) MissingPrices() int {
	n := 0
	for _, c := range r.Lines() {
		if !c.PriceFound {
			n++
		}
	}
	return n
}
