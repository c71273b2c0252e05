package output

import (
	"fmt"
	"io"
	"strings"

	"github.com/shopspring/decimal"
	"github.com/tiercost/tiercost/costmodel/money"
	"github.com/tiercost/tiercost/costmodel/resource"
)

// Columns writes rows as left-aligned columns two spaces apart, with no
// trailing spaces; the first row is usually the header.
func Columns(w io.Writer, rows [][]string) error {
	var widths []int
	for _, r := range rows {
		for i, c := range r {
			if i >= len(widths) {
				widths = append(widths, 0)
			}
			widths[i] = max(widths[i], runeLen(c))
		}
	}
	var sb strings.Builder
	for _, r := range rows {
		var line strings.Builder
		for i, c := range r {
			line.WriteString(c)
			if i < len(r)-1 {
				line.WriteString(strings.Repeat(" ", widths[i]-runeLen(c)+2))
			}
		}
		sb.WriteString(strings.TrimRight(line.String(), " ") + "\n")
	}
	_, err := io.WriteString(w, sb.String())
	return err
}

// ResourcesTable lists records as type, logical name and parent, in the
// order given, then their count.
func ResourcesTable(w io.Writer, recs []resource.Record) error {
	rows := [][]string{{"TYPE", "NAME", "PARENT"}}
	for _, r := range recs {
		parent := ""
		if pt := resource.TypeFromURN(r.Parent); r.Parent != "" && !resource.IsStack(pt) {
			// Components often share one logical name, so show the type too.
			parent = pt[strings.LastIndex(pt, ":")+1:] + " (" + resource.NameFromURN(r.Parent) + ")"
		}
		rows = append(rows, []string{r.Type, r.Name, parent})
	}
	if err := Columns(w, rows); err != nil {
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
	MainResources         string
	Monthly, Fixed, Usage decimal.Decimal
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

// TiersTable compares tiers side by side, smallest first. A total that is
// a lower bound shows "≥", and every tier whose total carries a mark gets a
// line under the table that says it in full.
func TiersTable(w io.Writer, tiers []TierRow) error {
	rows := [][]string{{"TIER", "USERS", "PEAK RPS", "MAIN RESOURCES", "MONTHLY", "FIXED", "USAGE", strings.ToUpper(money.Per1kUsersLabel), "CHANGE", "NOT PRICED"}}
	for _, t := range tiers {
		delta, rps, main := "-", "-", "-"
		if t.Delta != nil {
			delta = money.Signed(*t.Delta)
		}
		if t.PeakRPS != nil {
			rps = fmt.Sprintf("%.1f", *t.PeakRPS)
		}
		if t.MainResources != "" {
			main = t.MainResources
		}
		perUser := money.Total{Amount: money.Per1kUsers(t.CostPerUser), Unpriced: t.NotPriced}
		rows = append(rows, []string{t.Name, fmt.Sprint(t.Users), rps, main, t.Total().USD(), money.USD(t.Fixed),
			money.USD(t.Usage), perUser.USD(), delta, fmt.Sprint(t.NotPriced)})
	}
	if err := Columns(w, rows); err != nil {
		return err
	}
	var notes []string
	for _, t := range tiers {
		if total := t.Total(); len(total.Marks()) > 0 {
			notes = append(notes, t.Name+": "+total.String())
		}
	}
	if len(notes) == 0 {
		return nil
	}
	_, err := fmt.Fprintf(w, "\n%s\n", strings.Join(notes, "\n"))
	return err
}
