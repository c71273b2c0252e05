// Package pricing owns turning resource records into a cost breakdown: one
// pricer per AWS resource type, each returning named cost components priced
// from the catalog and the usage quantities, plus the free and unsupported
// lists. Each pricer file declares its type once (registry.go); everything
// else that depends on the type derives from that declaration. It never
// imports the Pulumi program SDK, so it prices any stack.
package pricing

import (
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
