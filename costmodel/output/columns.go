package output

import (
	"fmt"
	"io"
	"strings"

	"github.com/shopspring/decimal"
	"github.com/tiercost/tiercost/costmodel/money"
	"github.com/tiercost/tiercost/costmodel/resource"
)

// ResourcesTable lists records as type, logical name and parent, in the
// order given, then their count. Long types wrap after ":" or "/", and
// names after "-", to fit width (0: no limit).
func ResourcesTable(w io.Writer, recs []resource.Record, width int) error {
	g := &Grid{Columns: []Column{
		{Header: "TYPE", Wrap: true, Min: 30, Hang: 2, Breaks: ":/"},
		{Header: "NAME", Wrap: true, Min: 16, Breaks: "-"},
		{Header: "PARENT", Wrap: true, Min: 14},
	}}
	for _, r := range recs {
		parent := ""
		if pt := resource.TypeFromURN(r.Parent); r.Parent != "" && !resource.IsStack(pt) {
			// Components often share one logical name, so show the type too.
			parent = pt[strings.LastIndex(pt, ":")+1:] + " (" + resource.NameFromURN(r.Parent) + ")"
		}
		g.Add(r.Type, r.Name, parent)
	}
	if err := g.Write(w, width); err != nil {
		return err
	}
	_, err := fmt.Fprintf(w, "\n%d resources\n", len(recs))
	return err
}

// TierRow is one tier of the tiers table, sized and priced.
type TierRow struct {
	Name  string
	Users int64
	// PeakRPS is nil when the tier was not sized (shown "-").
	PeakRPS *float64
	// MainResources summarises the sized layers; "" is shown "-".
	MainResources string
	Monthly       decimal.Decimal
	// Fixed and Usage are the total's parts, each a lower bound when a
	// line of its kind is not priced (pricing.Breakdown.Split).
	Fixed, Usage money.Total
	// CostPerUser is shown per 1k users (money.Per1kUsersUSD).
	CostPerUser decimal.Decimal
	// Delta is the change against the tier before; nil for the first.
	Delta *decimal.Decimal
	// NotPriced counts the items the total leaves out (Breakdown.NotPriced);
	// Overloaded names the layers past their capacity at peak.
	NotPriced  int
	Overloaded string
}

// Total is the row's total with its marks.
func (t TierRow) Total() money.Total {
	return money.Total{Amount: t.Monthly, Unpriced: t.NotPriced, Overloaded: t.Overloaded}
}

// ChangeLeavesOut qualifies a change between two totals either of which
// leaves unpriced items out.
const ChangeLeavesOut = "CHANGE leaves out what is not priced in either tier."

// TiersTable compares tiers side by side, smallest first. A total, or a
// part of it, that is a lower bound shows "≥", and every tier whose total
// carries a mark gets a line under the table that says it in full. A
// change between totals that leave items out is no bound at all: a line
// under the table says so. To fit width (0: no limit)
// MAIN RESOURCES wraps, then NOT PRICED, PEAK RPS, FIXED and USAGE are
// dropped in that order (NOT PRICED repeats the notes under the table).
func TiersTable(w io.Writer, tiers []TierRow, width int) error {
	g := &Grid{Columns: []Column{
		{Header: "TIER"},
		{Header: "USERS", Right: true},
		{Header: "PEAK RPS", Right: true, Drop: 2},
		{Header: "MAIN RESOURCES", Wrap: true, Min: 26, Hang: 2, Sep: ", "},
		{Header: "MONTHLY", Right: true},
		{Header: "FIXED", Right: true, Drop: 3},
		{Header: "USAGE", Right: true, Drop: 4},
		{Header: strings.ToUpper(money.Per1kUsersLabel), Right: true},
		{Header: "CHANGE", Right: true},
		{Header: "NOT PRICED", Right: true, Drop: 1},
	}}
	partialChange := false
	for i, t := range tiers {
		delta, rps, main := "-", "-", "-"
		if t.Delta != nil {
			delta = money.Signed(*t.Delta)
			partialChange = partialChange || t.NotPriced > 0 || (i > 0 && tiers[i-1].NotPriced > 0)
		}
		if t.PeakRPS != nil {
			rps = money.Number(*t.PeakRPS, 1)
		}
		if t.MainResources != "" {
			main = t.MainResources
		}
		perUser := money.Total{Amount: money.Per1kUsers(t.CostPerUser), Unpriced: t.NotPriced}
		g.Add(t.Name, money.Users(float64(t.Users)), rps, main, t.Total().Cell(), t.Fixed.Cell(),
			t.Usage.Cell(), perUser.Cell(), delta, fmt.Sprint(t.NotPriced))
	}
	if err := g.Write(w, width); err != nil {
		return err
	}
	var notes []string
	if partialChange {
		notes = append(notes, ChangeLeavesOut)
	}
	for _, t := range tiers {
		if total := t.Total(); len(total.Marks()) > 0 {
			notes = append(notes, t.Name+": "+total.String())
		}
	}
	if len(notes) == 0 {
		return nil
	}
	_, err := fmt.Fprintf(w, "\n%s\n", Wrap(strings.Join(notes, "\n"), width, 2))
	return err
}
