package output

import (
	"fmt"
	"github.com/tiercost/tiercost/costmodel/catalog"
	"io"
	"strings"

	"github.com/shopspring/decimal"
	"github.com/tiercost/tiercost/costmodel/money"
	"github.com/tiercost/tiercost/costmodel/pricing"
)

// NotFound is shown instead of an amount whose price is not in the catalog.
const NotFound = "price not found"

// TableOptions tunes the breakdown table.
type TableOptions struct {
	// ShowProvenance adds a column with each price's catalog layer and as-of date.
	ShowProvenance bool
}

// Table writes a breakdown as a text table: resources grouped by their
// component, each with its line items, a subtotal per component, the total
// split into fixed and usage-based, and a "Not priced" section.
// b.Warnings are diagnostics, not results: callers print them to stderr.
func Table(w io.Writer, b pricing.Breakdown, opts TableOptions) error {
	ew := &errWriter{w: w}
	ew.printf("Project: %s", b.Project)
	if b.Region != "" {
		ew.printf("  Region: %s", b.Region)
		if from := b.Metadata[MetaRegionFrom]; from != "" {
			ew.printf(" (from %s)", from)
		}
	}
	ew.printf("\n\n")

	cols := 5
	if opts.ShowProvenance {
		cols = 6
	}
	g := &grid{left: map[int]bool{2: true, 5: true}}
	blank := func(first string) []string {
		cells := make([]string, cols)
		cells[0] = first
		return cells
	}
	header := []string{"Name", "Monthly qty", "Unit", "Price", "Monthly cost", "Provenance"}
	g.add(header[:cols]...)
	lineRows := func(indent string, cs []pricing.CostComponent) {
		for _, c := range cs {
			cells := blank(indent + c.Name)
			cells[1], cells[2] = money.Quantity(c.MonthlyQuantity), c.Unit
			if c.Assumed != "" {
				cells[1] += AssumedMark
			}
			switch {
			case c.PriceFound:
				cells[3], cells[4] = money.Rate(c.Price), money.USD(c.MonthlyCost)
			case !c.Unpriced():
				// No quantity: nothing to pay, whatever the price.
				cells[3], cells[4] = "-", money.USD(decimal.Zero)
			default:
				cells[3], cells[4] = "-", NotFound
			}
			if opts.ShowProvenance {
				cells[5] = provenance(c)
			}
			g.add(cells...)
		}
	}
	groups, order := groupByComponent(b.Resources)
	for _, name := range order {
		priced := 0
		subtotal := decimal.Zero
		for _, r := range groups[name] {
			if r.Status == pricing.StatusPriced {
				priced++
				subtotal = subtotal.Add(r.MonthlyCost)
			}
		}
		if priced == 0 {
			continue
		}
		g.add(name)
		for _, r := range groups[name] {
			if r.Status != pricing.StatusPriced {
				continue
			}
			cells := blank("  " + r.Name)
			cells[4] = money.USD(r.MonthlyCost)
			g.add(cells...)
			// Each level of subresources indents two more spaces.
			for n := range r.Walk() {
				if n.Depth > 0 {
					g.add(strings.Repeat("  ", n.Depth+1) + n.Resource.Name)
				}
				lineRows(strings.Repeat("  ", n.Depth+2), n.Resource.Components)
			}
		}
		cells := blank("  Subtotal " + name)
		cells[4] = money.USD(subtotal)
		g.add(cells...)
		g.add("")
	}
	total := b.Monthly()
	fixed, usage := splitTotals(b)
	for _, t := range []struct {
		label string
		v     money.Total
	}{
		{"Total monthly cost", total},
		{"  Fixed", fixed},
		{"  Usage-based", usage},
	} {
		cells := blank(t.label)
		cells[4] = t.v.USD()
		g.add(cells...)
	}
	if err := g.write(ew); err != nil {
		return err
	}
	if len(total.Marks()) > 0 {
		ew.printf("\nTotal: %s\n", total)
	}
	writeNotPriced(ew, b)
	writeAssumed(ew, b)
	return ew.err
}

// AssumedMark follows a quantity the estimate assumed because an input was
// not set; the "Assumed" section below the table says what was assumed.
const AssumedMark = "*"

// splitTotals is the fixed and usage-based parts of the total, each a lower
// bound when an unpriced line of its kind is left out of it.
func splitTotals(b pricing.Breakdown) (fixed, usage money.Total) {
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

// writeAssumed lists the lines whose quantity the estimate assumed, and
// the lines priced on demand for want of the purchase option's rate.
func writeAssumed(ew *errWriter, b pricing.Breakdown) {
	var assumed, fallback []string
	for n, c := range b.Lines() {
		if c.Assumed != "" {
			assumed = append(assumed, fmt.Sprintf("  %s: %s: %s", n.Path(), c.Name, c.Assumed))
		}
		if c.OnDemandFallback {
			fallback = append(fallback, fmt.Sprintf("  %s: %s: %s", n.Path(), c.Name, c.Note))
		}
	}
	if len(assumed) > 0 {
		ew.printf("\nAssumed (%s: the input is not set, a default is priced):\n%s\n", AssumedMark, strings.Join(assumed, "\n"))
	}
	if len(fallback) > 0 {
		ew.printf("\nPriced on demand (the catalog has no rate for %s):\n%s\n", b.PurchaseOption, strings.Join(fallback, "\n"))
	}
}

func provenance(c pricing.CostComponent) string {
	if !c.PriceFound {
		return "-"
	}
	p := c.Provenance.Layer
	if c.Provenance.AsOf != "" {
		p += " @ " + c.Provenance.AsOf
	}
	// An imported price names its offer file's version and SKU; the
	// embedded seed's long reference citations stay in the JSON.
	if c.Provenance.Layer != catalog.EmbeddedName && c.Provenance.Source != "" {
		p += " (" + c.Provenance.Source + ")"
	}
	return p
}

// writeNotPriced lists unsupported types, missing prices and free resources.
func writeNotPriced(ew *errWriter, b pricing.Breakdown) {
	unsupported := map[string]int{}
	free := map[string]int{}
	type miss struct{ resource, line, note string }
	var missing []miss
	for _, r := range b.Resources {
		switch r.Status {
		case pricing.StatusUnsupported:
			unsupported[r.Type]++
		case pricing.StatusFree:
			free[r.Type]++
		}
	}
	external := map[string]int{}
	for _, r := range b.Resources {
		if r.Status == pricing.StatusExternal {
			external[r.Type]++
		}
	}
	for n, c := range b.Lines() {
		if n.Top.Status == pricing.StatusPriced && c.Unpriced() {
			missing = append(missing, miss{n.Path(), c.Name, c.Note})
		}
	}
	if len(unsupported) == 0 && len(missing) == 0 && len(free) == 0 && len(external) == 0 {
		return
	}
	ew.printf("\n")
	if len(unsupported) > 0 || len(missing) > 0 {
		ew.printf("Not priced (not in the total, which is a lower bound):\n")
		for _, t := range sortedKeys(unsupported) {
			ew.printf("  unsupported type %s (%d)\n", t, unsupported[t])
		}
		for _, m := range missing {
			ew.printf("  %s: %s: %s", m.resource, m.line, NotFound)
			if m.note != "" {
				ew.printf(" (%s)", m.note)
			}
			ew.printf("\n")
		}
	}
	if len(external) > 0 {
		ew.printf("Not owned (external: read by the stack, billed to their owner, not priced): %s\n", countList(external))
	}
	if len(free) > 0 {
		ew.printf("Free resources: %s\n", countList(free))
	}
}

// countList renders counts by type: "3: aws:ec2/vpc:Vpc (1), aws:ec2/subnet:Subnet (2)".
func countList(m map[string]int) string {
	n := 0
	var parts []string
	for _, t := range sortedKeys(m) {
		n += m[t]
		parts = append(parts, fmt.Sprintf("%s (%d)", t, m[t]))
	}
	return fmt.Sprintf("%d: %s", n, strings.Join(parts, ", "))
}

// TopLevel labels resources that sit under no component.
const TopLevel = "(top level)"

// ComponentLabel names the component a resource belongs to, for grouping:
// the nearest parent component's type and logical name from the URN's type
// chain ("Compute (tc)"), since one program may give every component the
// same logical name. Without a parent type in the URN (stack exports of
// other programs, hand-built records) it falls back to the component's
// logical name, and to TopLevel.
func ComponentLabel(r pricing.ResourceCost) string {
	parts := strings.Split(r.URN, "::")
	if len(parts) >= 4 {
		chain := strings.Split(parts[2], "$")
		if len(chain) >= 2 {
			typ := chain[len(chain)-2]
			short := typ[strings.LastIndex(typ, ":")+1:]
			if r.Component != "" && r.Component != short {
				return short + " (" + r.Component + ")"
			}
			return short
		}
	}
	if r.Component == "" {
		return TopLevel
	}
	return r.Component
}

// groupByComponent keeps the breakdown's (URN) order within a group and
// orders groups by first appearance.
func groupByComponent(rs []pricing.ResourceCost) (map[string][]pricing.ResourceCost, []string) {
	groups := map[string][]pricing.ResourceCost{}
	var order []string
	for _, r := range rs {
		label := ComponentLabel(r)
		if _, ok := groups[label]; !ok {
			order = append(order, label)
		}
		groups[label] = append(groups[label], r)
	}
	return groups, order
}

func runeLen(s string) int { return len([]rune(s)) }

// errWriter keeps the first write error so renderers can check once.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) Write(p []byte) (int, error) {
	if e.err != nil {
		return 0, e.err
	}
	n, err := e.w.Write(p)
	e.err = err
	return n, err
}

func (e *errWriter) printf(format string, args ...any) {
	fmt.Fprintf(e, format, args...)
}
