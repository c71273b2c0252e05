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
const NotFound = money.NotFound

// TableOptions tunes the breakdown table.
type TableOptions struct {
	// ShowProvenance adds a column with each price's catalog layer and as-of date.
	ShowProvenance bool
	// ShowFree lists the free resources by type; without it they are counted.
	ShowFree bool
	// Width is the most display columns a line takes (DefaultWidth); 0
	// means no limit (--wide).
	Width int
}

// Table writes a breakdown as a text table: resources grouped by their
// component, each with its line items, a subtotal per component, the total
// split into fixed and usage-based, and a "Not priced" section.
// b.Warnings are diagnostics, not results: callers print them to stderr.
// Names wrap to fit opts.Width; with the provenance column, provenance
// wraps too, and Price is dropped only when wrapping is not enough.
func Table(w io.Writer, b pricing.Breakdown, opts TableOptions) error {
	ew := &errWriter{w: w}
	head := "Project: " + b.Project
	if b.Region != "" {
		head += "  Region: " + b.Region
		if from := b.Metadata[MetaRegionFrom]; from != "" {
			head += " (from " + from + ")"
		}
	}
	ew.printf("%s\n\n", Wrap(head, opts.Width, 2))

	g := &Grid{Columns: []Column{
		{Header: "Name", Wrap: true, Min: 28, Hang: 2, Breaks: "-"},
		{Header: "Monthly qty", Right: true},
		{Header: "Unit"},
		{Header: "Price", Right: true, Drop: 1},
		{Header: "Monthly cost", Right: true},
	}}
	if opts.ShowProvenance {
		g.Columns = append(g.Columns, Column{Header: "Provenance", Wrap: true, Min: 16})
	}
	cols := len(g.Columns)
	blank := func(first string) []string {
		cells := make([]string, cols)
		cells[0] = first
		return cells
	}
	lineRows := func(indent string, cs []pricing.CostComponent) {
		for _, c := range cs {
			cells := blank(indent + c.Name)
			cells[1], cells[2] = money.GroupedQuantity(c.MonthlyQuantity), money.UnitFor(c.Unit, c.MonthlyQuantity)
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
			g.Add(cells...)
		}
	}
	groups, order := groupByComponent(b.Resources)
	for _, name := range order {
		priced := 0
		var subtotal money.Total
		for _, r := range groups[name] {
			if r.Status == pricing.StatusPriced {
				priced++
				subtotal.Amount = subtotal.Amount.Add(r.MonthlyCost)
				subtotal.Unpriced += r.MissingPrices()
			}
		}
		if priced == 0 {
			continue
		}
		g.Add(name)
		for _, r := range groups[name] {
			if r.Status != pricing.StatusPriced {
				continue
			}
			cells := blank("  " + r.Name)
			cells[4] = money.Total{Amount: r.MonthlyCost, Unpriced: r.MissingPrices()}.Cell()
			g.Add(cells...)
			// Each level of subresources indents two more spaces.
			for n := range r.Walk() {
				if n.Depth > 0 {
					g.Add(strings.Repeat("  ", n.Depth+1) + n.Resource.Name)
				}
				lineRows(strings.Repeat("  ", n.Depth+2), n.Resource.Components)
			}
		}
		cells := blank("  Subtotal " + name)
		cells[4] = subtotal.Cell()
		g.Add(cells...)
		g.Add("")
	}
	total := b.Monthly()
	fixed, usage := b.Split()
	for _, t := range []struct {
		label string
		v     money.Total
	}{
		{"Total monthly cost", total},
		{"  Fixed", fixed},
		{"  Usage-based", usage},
	} {
		cells := blank(t.label)
		cells[4] = t.v.Cell()
		g.Add(cells...)
	}
	if err := g.Write(ew, opts.Width); err != nil {
		return err
	}
	if len(total.Marks()) > 0 {
		ew.printf("\n%s\n", Wrap("Total: "+total.String(), opts.Width, 2))
	}
	writeNotPriced(ew, b, opts)
	writeAssumed(ew, b, opts.Width)
	return ew.err
}

// AssumedMark follows a quantity the estimate assumed because an input was
// not set; the "Assumed" section below the table says what was assumed.
const AssumedMark = "*"

// writeAssumed lists the lines whose quantity the estimate assumed, and
// the lines priced on demand for want of the purchase option's rate.
func writeAssumed(ew *errWriter, b pricing.Breakdown, width int) {
	var assumed, fallback []string
	for n, c := range b.Lines() {
		if c.Assumed != "" {
			assumed = append(assumed, Wrap(fmt.Sprintf("  %s: %s: %s", n.Path(), c.Name, c.Assumed), width, 2))
		}
		if c.OnDemandFallback {
			fallback = append(fallback, Wrap(fmt.Sprintf("  %s: %s: %s", n.Path(), c.Name, c.Note), width, 2))
		}
	}
	if len(assumed) > 0 {
		ew.printf("\n%s\n%s\n", Wrap(fmt.Sprintf("Assumed (%s: the input is not set, a default is priced):", AssumedMark), width, 2), strings.Join(assumed, "\n"))
	}
	if len(fallback) > 0 {
		ew.printf("\n%s\n%s\n", Wrap(fmt.Sprintf("Priced on demand (the catalog has no rate for %s):", b.PurchaseOption), width, 2), strings.Join(fallback, "\n"))
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

// writeNotPriced lists unsupported types, missing prices, external
// resources and the free resources: counted, or listed by type with
// opts.ShowFree, since a stack has dozens of them.
func writeNotPriced(ew *errWriter, b pricing.Breakdown, opts TableOptions) {
	free := map[string]int{}
	external := map[string]int{}
	for _, r := range b.Resources {
		switch r.Status {
		case pricing.StatusFree:
			free[r.Type]++
		case pricing.StatusExternal:
			external[r.Type]++
		}
	}
	missing := b.NotPricedItems()
	if len(missing) == 0 && len(free) == 0 && len(external) == 0 {
		return
	}
	width := opts.Width
	ew.printf("\n")
	if len(missing) > 0 {
		ew.printf("Not priced (not in the total, which is a lower bound):\n")
		for _, m := range missing {
			line := fmt.Sprintf("  unsupported type %s (%d)", m.Type, m.Count)
			if !m.Unsupported() {
				line = fmt.Sprintf("  %s: %s: %s", m.Path, m.Line, NotFound)
				if m.Note != "" {
					line += " (" + m.Note + ")"
				}
			}
			ew.printf("%s\n", Wrap(line, width, 2))
		}
	}
	if len(external) > 0 {
		ew.printf("%s\n", Wrap("Not owned (external: read by the stack, billed to their owner, not priced): "+countList(external), width, 2))
	}
	if len(free) > 0 {
		n := 0
		for _, c := range free {
			n += c
		}
		if opts.ShowFree {
			ew.printf("Free resources: %d:\n%s\n", n, Wrap("  "+typeCounts(free), width, 0))
		} else {
			ew.printf("Free resources: %d (--show-free lists them)\n", n)
		}
	}
}

// countList renders counts by type: "3: aws:ec2/vpc:Vpc (1), aws:ec2/subnet:Subnet (2)".
func countList(m map[string]int) string {
	n := 0
	for _, c := range m {
		n += c
	}
	return fmt.Sprintf("%d: %s", n, typeCounts(m))
}

// typeCounts lists types with their counts, sorted by type:
// "aws:ec2/subnet:Subnet (2), aws:ec2/vpc:Vpc (1)".
func typeCounts(m map[string]int) string {
	var parts []string
	for _, t := range sortedKeys(m) {
		parts = append(parts, fmt.Sprintf("%s (%d)", t, m[t]))
	}
	return strings.Join(parts, ", ")
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
