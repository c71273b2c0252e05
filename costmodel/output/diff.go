package output

import (
	"io"
	"sort"
	"strings"

	"github.com/shopspring/decimal"
	"github.com/tiercost/tiercost/costmodel/money"
	"github.com/tiercost/tiercost/costmodel/pricing"
)

// Change kinds of a resource in a diff.
const (
	Added   = "added"
	Removed = "removed"
	Changed = "changed"
)

// DiffResult is what moved between two breakdowns, like `infracost diff`.
type DiffResult struct {
	Before, After string // project names
	BeforeMonthly decimal.Decimal
	AfterMonthly  decimal.Decimal
	DeltaMonthly  decimal.Decimal
	// BeforeTotal and AfterTotal are the two totals with their marks: a
	// side with items not priced is a lower bound, and so the delta is
	// uncertain.
	BeforeTotal, AfterTotal money.Total
	// Resources lists added, removed and changed resources, in that order,
	// each sorted by type and name. Unchanged resources are left out.
	Resources []ResourceDiff
	// Unchanged counts priced resources present in both with no moved line item.
	Unchanged int
}

// ResourceDiff is one resource that was added, removed or changed.
type ResourceDiff struct {
	Change string // Added, Removed or Changed
	Name   string
	Type   string
	Before decimal.Decimal
	After  decimal.Decimal
	Delta  decimal.Decimal
	// Lines are the line items that moved (for Added and Removed, all of them).
	Lines []LineDiff
}

// LineDiff is one line item whose quantity or cost moved. A side where the
// item is absent has Present false; a side whose price was not found has
// Found false and its cost is not counted.
type LineDiff struct {
	Name          string
	Unit          string
	BeforeQty     decimal.Decimal
	AfterQty      decimal.Decimal
	BeforeCost    decimal.Decimal
	AfterCost     decimal.Decimal
	Delta         decimal.Decimal
	BeforePresent bool
	AfterPresent  bool
	BeforeFound   bool
	AfterFound    bool
}

// resourceKey matches resources across projects: the URN holds the stack
// and project names, which differ between the two sides, so type and
// logical name identify a resource instead.
func resourceKey(r pricing.ResourceCost) string { return r.Type + "::" + r.Name }

// Diff compares two breakdowns resource by resource and line by line.
// Only priced resources take part: free and unsupported ones carry no cost,
// and a saved Infracost-schema file does not list them, so comparing a
// saved estimate with a live one would otherwise show them as added.
func Diff(a, b pricing.Breakdown) DiffResult {
	out := DiffResult{
		Before: a.Project, After: b.Project,
		BeforeMonthly: a.TotalMonthlyCost, AfterMonthly: b.TotalMonthlyCost,
		DeltaMonthly: b.TotalMonthlyCost.Sub(a.TotalMonthlyCost),
		BeforeTotal:  a.Monthly(), AfterTotal: b.Monthly(),
	}
	before := map[string]pricing.ResourceCost{}
	for _, r := range a.Resources {
		if r.Status == pricing.StatusPriced {
			before[resourceKey(r)] = r
		}
	}
	after := map[string]pricing.ResourceCost{}
	for _, r := range b.Resources {
		if r.Status == pricing.StatusPriced {
			after[resourceKey(r)] = r
		}
	}
	var added, removed, changed []ResourceDiff
	for k, r := range after {
		old, ok := before[k]
		if !ok {
			added = append(added, resourceDiff(Added, pricing.ResourceCost{}, r))
			continue
		}
		d := resourceDiff(Changed, old, r)
		if len(d.Lines) == 0 && d.Delta.IsZero() {
			out.Unchanged++
			continue
		}
		changed = append(changed, d)
	}
	for k, r := range before {
		if _, ok := after[k]; !ok {
			removed = append(removed, resourceDiff(Removed, r, pricing.ResourceCost{}))
		}
	}
	for _, set := range [][]ResourceDiff{added, removed, changed} {
		sort.Slice(set, func(i, j int) bool {
			if set[i].Type != set[j].Type {
				return set[i].Type < set[j].Type
			}
			return set[i].Name < set[j].Name
		})
		out.Resources = append(out.Resources, set...)
	}
	return out
}

// flatLines lists a resource's line items, subresources' prefixed by their
// path below r ("rootBlockDevice / storage") so they stay distinct.
func flatLines(r pricing.ResourceCost) []pricing.CostComponent {
	var out []pricing.CostComponent
	for n, c := range r.Lines() {
		l := c
		if below := n.Below(); below != "" {
			l.Name = below + pricing.PathSep + l.Name
		}
		out = append(out, l)
	}
	return out
}

func resourceDiff(change string, a, b pricing.ResourceCost) ResourceDiff {
	d := ResourceDiff{Change: change, Name: b.Name, Type: b.Type, Before: a.MonthlyCost, After: b.MonthlyCost}
	if change == Removed {
		d.Name, d.Type = a.Name, a.Type
	}
	d.Delta = d.After.Sub(d.Before)
	la, lb := flatLines(a), flatLines(b)
	idx := map[string]int{}
	var lines []LineDiff
	for _, c := range la {
		idx[c.Name] = len(lines)
		lines = append(lines, LineDiff{Name: c.Name, Unit: c.Unit, BeforeQty: c.MonthlyQuantity,
			BeforeCost: c.MonthlyCost, BeforePresent: true, BeforeFound: c.PriceFound})
	}
	for _, c := range lb {
		i, ok := idx[c.Name]
		if !ok {
			i = len(lines)
			lines = append(lines, LineDiff{Name: c.Name})
		}
		l := &lines[i]
		l.Unit, l.AfterQty, l.AfterCost, l.AfterPresent, l.AfterFound = c.Unit, c.MonthlyQuantity, c.MonthlyCost, true, c.PriceFound
	}
	for _, l := range lines {
		bc, ac := l.BeforeCost, l.AfterCost
		if !l.BeforeFound {
			bc = decimal.Zero
		}
		if !l.AfterFound {
			ac = decimal.Zero
		}
		l.Delta = ac.Sub(bc)
		moved := l.BeforePresent != l.AfterPresent || l.BeforeFound != l.AfterFound ||
			!l.BeforeQty.Equal(l.AfterQty) || !l.Delta.IsZero()
		if moved {
			d.Lines = append(d.Lines, l)
		}
	}
	return d
}

// DiffTable writes a diff as text: each added (+), removed (-) and changed
// (~) resource with its monthly delta and the line items that moved, then
// the totals.
func DiffTable(w io.Writer, d DiffResult) error {
	ew := &errWriter{w: w}
	ew.printf("Diff: %s -> %s\n\n", d.Before, d.After)
	g := &grid{left: map[int]bool{1: true}}
	g.add("", "Resource / line item", "Before", "After", "Delta")
	for _, r := range d.Resources {
		mark := map[string]string{Added: "+", Removed: "-", Changed: "~"}[r.Change]
		g.add(mark, r.Name+" ("+r.Type+")",
			side(r.Change != Added, r.Before), side(r.Change != Removed, r.After), money.Signed(r.Delta))
		for _, l := range r.Lines {
			g.add("", "    "+l.Name,
				lineSide(l.BeforePresent, l.BeforeFound, l.BeforeQty, l.Unit, l.BeforeCost),
				lineSide(l.AfterPresent, l.AfterFound, l.AfterQty, l.Unit, l.AfterCost), money.Signed(l.Delta))
		}
	}
	g.add("")
	g.add("", "Monthly total", d.BeforeTotal.USD(), d.AfterTotal.USD(), money.Signed(d.DeltaMonthly))
	if err := g.write(ew); err != nil {
		return err
	}
	for _, side := range []struct {
		name  string
		total money.Total
	}{{d.Before, d.BeforeTotal}, {d.After, d.AfterTotal}} {
		if len(side.total.Marks()) > 0 {
			ew.printf("\n%s: %s", side.name, side.total)
		}
	}
	if d.BeforeTotal.LowerBound() || d.AfterTotal.LowerBound() {
		ew.printf("\nThe change leaves out what is not priced on either side.\n")
	} else if len(d.BeforeTotal.Marks())+len(d.AfterTotal.Marks()) > 0 {
		ew.printf("\n")
	}
	n := map[string]int{}
	for _, r := range d.Resources {
		n[r.Change]++
	}
	ew.printf("\n%d added, %d removed, %d changed, %d unchanged; monthly change %s%s\n",
		n[Added], n[Removed], n[Changed], d.Unchanged, money.Signed(d.DeltaMonthly), percent(d.BeforeMonthly, d.DeltaMonthly))
	return ew.err
}

func side(present bool, v decimal.Decimal) string {
	if !present {
		return "-"
	}
	return money.USD(v)
}

// lineSide shows one side of a line item: "730 hours $12.26", "-" when
// absent, or the quantity with "price not found".
func lineSide(present, found bool, qty decimal.Decimal, unit string, cost decimal.Decimal) string {
	if !present {
		return "-"
	}
	q := money.Quantity(qty) + " " + unit
	if !found {
		return q + " " + NotFound
	}
	return q + " " + money.USD(cost)
}

// percent returns " (+12.3%)" relative to before, or "" when before is zero.
func percent(before, delta decimal.Decimal) string {
	if before.IsZero() {
		return ""
	}
	p := delta.Mul(decimal.NewFromInt(100)).DivRound(before, 4)
	s := strings.TrimSuffix(p.Round(1).StringFixed(1), ".0")
	if p.Sign() > 0 {
		s = "+" + s
	}
	return " (" + s + "%)"
}
