package output

import (
	"fmt"
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
	// Resources lists the added, removed and changed resources by the size
	// of their monthly change, largest first whichever its sign; equal
	// changes go added, removed, changed, then by type and name.
	// Unchanged resources are left out.
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
	// Lines are the line items that moved (for Added and Removed, all of
	// them), largest change first; equal changes keep the breakdown's order.
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
	for k, r := range after {
		old, ok := before[k]
		if !ok {
			out.Resources = append(out.Resources, resourceDiff(Added, pricing.ResourceCost{}, r))
			continue
		}
		d := resourceDiff(Changed, old, r)
		if len(d.Lines) == 0 && d.Delta.IsZero() {
			out.Unchanged++
			continue
		}
		out.Resources = append(out.Resources, d)
	}
	for k, r := range before {
		if _, ok := after[k]; !ok {
			out.Resources = append(out.Resources, resourceDiff(Removed, r, pricing.ResourceCost{}))
		}
	}
	kind := map[string]int{Added: 0, Removed: 1, Changed: 2}
	rs := out.Resources
	sort.Slice(rs, func(i, j int) bool {
		if c := rs[i].Delta.Abs().Cmp(rs[j].Delta.Abs()); c != 0 {
			return c > 0
		}
		if rs[i].Change != rs[j].Change {
			return kind[rs[i].Change] < kind[rs[j].Change]
		}
		if rs[i].Type != rs[j].Type {
			return rs[i].Type < rs[j].Type
		}
		return rs[i].Name < rs[j].Name
	})
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
	sort.SliceStable(d.Lines, func(i, j int) bool { return d.Lines[i].Delta.Abs().Cmp(d.Lines[j].Delta.Abs()) > 0 })
	return d
}

// DiffTable writes a diff as text: each added (+), removed (-) and changed
// (~) resource with its monthly change and the line items that moved,
// largest change first, then the totals. Quantities and costs sit in
// columns of their own. To fit width (0: no limit) the names wrap, then
// BEFORE, AFTER (the costs: DELTA is their difference) and QTY BEFORE
// are dropped, in that order; the line under the table gives both totals.
func DiffTable(w io.Writer, d DiffResult, width int) error {
	ew := &errWriter{w: w}
	ew.printf("%s\n\n", Wrap(fmt.Sprintf("Diff: %s -> %s", d.Before, d.After), width, 2))
	g := &Grid{Columns: []Column{
		{Header: "RESOURCE / LINE ITEM", Wrap: true, Min: 40, Hang: 2, Breaks: "-:/"},
		{Header: "QTY BEFORE", Right: true, Drop: 3},
		{Header: "QTY AFTER", Right: true},
		{Header: "UNIT"},
		{Header: "BEFORE", Right: true, Drop: 1},
		{Header: "AFTER", Right: true, Drop: 2},
		{Header: "DELTA", Right: true},
	}}
	for _, r := range d.Resources {
		mark := map[string]string{Added: "+", Removed: "-", Changed: "~"}[r.Change]
		g.Add(mark+" "+r.Name+" ("+r.Type+")", "", "", "",
			side(r.Change != Added, true, r.Before), side(r.Change != Removed, true, r.After), money.Signed(r.Delta))
		for _, l := range r.Lines {
			g.Add("    "+l.Name, qty(l.BeforePresent, l.BeforeQty), qty(l.AfterPresent, l.AfterQty), l.Unit,
				side(l.BeforePresent, l.BeforeFound, l.BeforeCost), side(l.AfterPresent, l.AfterFound, l.AfterCost), money.Signed(l.Delta))
		}
	}
	g.Add("")
	g.Add("Monthly total", "", "", "", d.BeforeTotal.USD(), d.AfterTotal.USD(), money.Signed(d.DeltaMonthly))
	if err := g.Write(ew, width); err != nil {
		return err
	}
	for _, side := range []struct {
		name  string
		total money.Total
	}{{d.Before, d.BeforeTotal}, {d.After, d.AfterTotal}} {
		if len(side.total.Marks()) > 0 {
			ew.printf("\n%s", Wrap(side.name+": "+side.total.String(), width, 2))
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
	ew.printf("\n%d added, %d removed, %d changed, %d unchanged\n", n[Added], n[Removed], n[Changed], d.Unchanged)
	ew.printf("%s\n", Wrap(fmt.Sprintf("Monthly total: %s -> %s, change %s%s", d.BeforeTotal.USD(), d.AfterTotal.USD(),
		money.Signed(d.DeltaMonthly), percent(d.BeforeMonthly, d.DeltaMonthly)), width, 2))
	return ew.err
}

// side shows one side's cost: "-" when the resource or line is absent
// there, NotFound when its price is not in the catalog.
func side(present, found bool, v decimal.Decimal) string {
	switch {
	case !present:
		return "-"
	case !found:
		return NotFound
	}
	return money.USD(v)
}

// qty shows one side's quantity, "-" when the line is absent there.
func qty(present bool, q decimal.Decimal) string {
	if !present {
		return "-"
	}
	return money.GroupedQuantity(q)
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
