package money

import (
	"fmt"
	"strings"

	"github.com/shopspring/decimal"
)

// Total is a monthly total with the marks that qualify it. Every table,
// report, JSON summary line, chart and TUI header renders a total through
// it, so a total that leaves something out never looks complete:
//
//   - Unpriced > 0: cost-bearing lines have no price, so Amount is a lower
//     bound ("≥ $22.63, 13 items not priced");
//   - Overloaded != "": layers are past their capacity at peak, so Amount
//     prices an architecture that cannot carry the load;
//   - Option != "": a purchase option was asked for; AtOption is the part of
//     Amount priced at it and Fallbacks counts lines priced on demand for
//     want of its rate in the catalog.
type Total struct {
	Amount     decimal.Decimal
	Unpriced   int
	Overloaded string
	Option     string
	AtOption   decimal.Decimal
	Fallbacks  int
}

// LowerBound reports whether the amount leaves unpriced lines out.
func (t Total) LowerBound() bool { return t.Unpriced > 0 }

// USD is the amount alone, "≥ " first when it is a lower bound: for
// columns that show the marks' numbers in columns of their own.
func (t Total) USD() string {
	if t.LowerBound() {
		return "≥ " + USD(t.Amount)
	}
	return USD(t.Amount)
}

// NotFound is shown instead of an amount whose price is not in the catalog.
const NotFound = "price not found"

// Cell is USD for a table cell: an amount that leaves unpriced lines out
// and adds up to nothing priced is NotFound, not "≥ $0.00", which would
// read as free.
func (t Total) Cell() string {
	if t.LowerBound() && t.Amount.IsZero() {
		return NotFound
	}
	return t.USD()
}

// UnpricedText says how many items the amount leaves out: "13 items not
// priced" ("" when none).
func (t Total) UnpricedText() string {
	switch t.Unpriced {
	case 0:
		return ""
	case 1:
		return "1 item not priced"
	}
	return fmt.Sprintf("%d items not priced", t.Unpriced)
}

// OverloadText is "OVERLOADED: database memory 373 % at peak" ("" when no
// layer is overloaded).
func (t Total) OverloadText() string {
	if t.Overloaded == "" {
		return ""
	}
	return "OVERLOADED: " + t.Overloaded + " at peak"
}

// OptionText says how much of the amount is at the requested purchase
// option: "$205.86 at reserved-1yr-no-upfront, 4 lines on demand (no rate
// for the option in the catalog)" ("" when none was asked for).
func (t Total) OptionText() string {
	if t.Option == "" {
		return ""
	}
	s := USD(t.AtOption) + " at " + t.Option
	switch t.Fallbacks {
	case 0:
	case 1:
		s += ", 1 line on demand (no rate for the option in the catalog)"
	default:
		s += fmt.Sprintf(", %d lines on demand (no rate for the option in the catalog)", t.Fallbacks)
	}
	return s
}

// Marks lists the marks that apply, most serious first: unpriced items,
// overload, purchase option.
func (t Total) Marks() []string {
	var out []string
	for _, m := range []string{t.UnpricedText(), t.OverloadText(), t.OptionText()} {
		if m != "" {
			out = append(out, m)
		}
	}
	return out
}

// String is the total with every mark: "≥ $22.63, 13 items not priced;
// OVERLOADED: database memory 373 % at peak" ("price not found, 28 items
// not priced" when nothing is priced, as Cell).
func (t Total) String() string {
	marks := t.Marks()
	if len(marks) == 0 {
		return t.USD()
	}
	return t.Cell() + ", " + strings.Join(marks, "; ")
}

// PerMonth is the total as a sentence's subject: "≥ $22.63 a month (13
// items not priced)", the marks in brackets after the amount.
func (t Total) PerMonth() string {
	marks := t.Marks()
	if len(marks) == 0 {
		return t.USD() + " a month"
	}
	return t.USD() + " a month (" + strings.Join(marks, "; ") + ")"
}
