package output

// The capacity model's renderers: right-sizing, sizing derivations, the cost
// curve, the forecast and the advisor's findings. They were in the capacity
// package; they live here with every other plain-text and JSON renderer.

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/shopspring/decimal"
	"github.com/tiercost/tiercost/costmodel/capacity"
	"github.com/tiercost/tiercost/costmodel/money"
)

// CapacityJSON writes any result of the capacity package (Report, Result,
// []Point, ForecastResult, []Finding) as indented JSON. Decimals are strings
// at full precision.
func CapacityJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

func optUSD(d *decimal.Decimal) string {
	if d == nil {
		return "not found"
	}
	return money.USD(*d)
}

func percentOf(u float64) string { return strconv.FormatFloat(u*100, 'f', 0, 64) + " %" }

// RightsizeTable writes a right-sizing report as an aligned table.
func RightsizeTable(w io.Writer, r capacity.Report) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "Right-sizing %s (%s), origin peak %.2f req/s, headroom %s\n\n", r.Tier, r.Region, r.OriginPeakRPS, percentOf(r.Headroom))
	fmt.Fprintln(tw, "LAYER\tCURRENT\tRECOMMENDED\tFINDING\tPEAK UTIL NOW\tPEAK UTIL REC\tRISK\tCURRENT/MO\tRECOMMENDED/MO\tCHANGE/MO")
	for _, x := range r.Recommendations {
		fmt.Fprintf(tw, "%s\t%d x %s\t%d x %s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", x.Layer,
			x.CurrentCount, x.CurrentType, x.RecommendedCount, x.RecommendedType, x.Finding,
			percentOf(x.CurrentPeakUtilization), percentOf(x.RecommendedPeakUtilization), x.PerformanceRisk,
			optUSD(x.CurrentMonthly), optUSD(x.RecommendedMonthly), change(x.CurrentMonthly, x.RecommendedMonthly))
	}
	fmt.Fprintf(tw, "TOTAL (these layers' instances only)\t\t\t\t\t\t\t%s\t%s\t%s\n", optUSD(r.CurrentMonthly), optUSD(r.RecommendedMonthly), change(r.CurrentMonthly, r.RecommendedMonthly))
	if err := tw.Flush(); err != nil {
		return err
	}
	for _, x := range r.Recommendations {
		if x.Reason != "" {
			fmt.Fprintf(w, "why: %s: %s\n", x.Layer, x.Reason)
		}
		if x.Note != "" {
			fmt.Fprintf(w, "note: %s: %s\n", x.Layer, x.Note)
		}
	}
	return skippedList(w, r.Skipped)
}

// change is the signed monthly change from current to recommended: a
// minus is a saving, a plus costs more; "not found" when either is unknown.
func change(cur, rec *decimal.Decimal) string {
	if cur == nil || rec == nil {
		return "not found"
	}
	return money.Signed(rec.Sub(*cur))
}

func skippedList(w io.Writer, s []capacity.Skipped) error {
	if len(s) == 0 {
		return nil
	}
	if _, err := fmt.Fprintln(w, "\nSkipped candidates (price not found, not priced at $0):"); err != nil {
		return err
	}
	for _, k := range s {
		if _, err := fmt.Fprintf(w, "  %s %s: %s\n", k.Layer, k.Type, k.Reason); err != nil {
			return err
		}
	}
	return nil
}

// SizingTable writes a sizing's derivations (step, value, unit, formula) as
// a table.
func SizingTable(w io.Writer, r capacity.Result) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "Sizing %s (%s)\n\n", r.Spec.Tier, r.Spec.Region)
	fmt.Fprintln(tw, "STEP\tVALUE\tUNIT\tFORMULA")
	for _, d := range r.Derivations {
		v := d.Text
		if v == "" {
			v = strconv.FormatFloat(d.Value, 'f', -1, 64)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", d.Name, v, d.Unit, d.Formula)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	for _, n := range r.Notes {
		fmt.Fprintf(w, "note: %s\n", n)
	}
	return nil
}

// CurveTable writes a cost curve; a tier change is marked with "*".
func CurveTable(w io.Writer, pts []capacity.Point) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "USERS\tTIER\tMONTHLY\t"+strings.ToUpper(money.Per1kUsersLabel)+"\t\t")
	for _, p := range pts {
		mark := ""
		if p.TierChange {
			mark = "* tier change"
		}
		if p.Overloaded != "" {
			mark = strings.TrimPrefix(mark+"; OVERLOADED", "; ")
		}
		perUser := money.Total{Amount: money.Per1kUsers(p.CostPerUser), Unpriced: p.NotPriced}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t\n", strconv.FormatFloat(p.Users, 'f', 0, 64), p.Tier, p.Total().USD(), perUser.USD(), mark)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	marks := make([]money.Total, len(pts))
	for i, p := range pts {
		marks[i] = p.Total()
	}
	return writeMarkNotes(w, "users", func(i int) string { return strconv.FormatFloat(pts[i].Users, 'f', 0, 64) }, marks)
}

// writeMarkNotes says, under a table of totals, which rows are lower bounds
// (and the most items any leaves out) and which are overloaded (the first
// such row in full, through money.Total).
func writeMarkNotes(w io.Writer, unit string, label func(i int) string, totals []money.Total) error {
	var b strings.Builder
	lower, most, firstOver := 0, 0, -1
	for i, t := range totals {
		if t.LowerBound() {
			lower++
			most = max(most, t.Unpriced)
		}
		if t.Overloaded != "" && firstOver < 0 {
			firstOver = i
		}
	}
	if lower > 0 {
		fmt.Fprintf(&b, "≥: lower bound; %d of %d rows leave out items not priced (up to %s)\n", lower, len(totals),
			money.Total{Unpriced: most}.UnpricedText())
	}
	if firstOver >= 0 {
		t := totals[firstOver]
		fmt.Fprintf(&b, "from %s %s: %s\n", unit, label(firstOver), t.OverloadText())
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// ForecastTable writes a forecast: a row a month with its budget status and
// the step it takes (a tier change or a resized layer), then each step's
// cost change and what changed from what, the budget and the total. Every
// column has a header; BUDGET is left out when there is no budget.
func ForecastTable(w io.Writer, f capacity.ForecastResult) error {
	steps := map[int][]capacity.Transition{}
	for _, t := range f.Transitions {
		steps[t.Month] = append(steps[t.Month], t)
	}
	budget := f.Budget.IsPositive()
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	head := "MONTH\tUSERS\tTIER\tMONTHLY\tCUMULATIVE\t"
	if budget {
		head += "BUDGET\t"
	}
	fmt.Fprintln(tw, head+"  STEP")
	unpriced := 0 // the most items any month so far leaves out
	for _, m := range f.Months {
		unpriced = max(unpriced, m.NotPriced)
		cumulative := money.Total{Amount: m.Cumulative, Unpriced: unpriced}
		row := fmt.Sprintf("%d\t%s\t%s\t%s\t%s\t", m.Month, strconv.FormatFloat(m.Users, 'f', 0, 64), m.Tier, m.Total().USD(), cumulative.USD())
		if budget {
			status := "within"
			if m.OverBudget {
				status = "over"
			}
			row += status + "\t"
		}
		var why []string
		if m.Overloaded != "" {
			why = append(why, "OVERLOADED")
		}
		for _, t := range steps[m.Month] {
			if t.Layer == "tier" {
				why = append(why, "tier "+t.From+" -> "+t.To)
			} else {
				why = append(why, t.Layer+" resized")
			}
		}
		if len(why) > 0 {
			row += "  " + strings.Join(why, ", ")
		}
		fmt.Fprintln(tw, row)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	marks := make([]money.Total, len(f.Months))
	for i, m := range f.Months {
		marks[i] = m.Total()
	}
	if err := writeMarkNotes(w, "month", func(i int) string { return strconv.Itoa(f.Months[i].Month) }, marks); err != nil {
		return err
	}
	var b strings.Builder
	if len(f.Transitions) > 0 {
		b.WriteString("\nSteps (between them, cost follows users through the usage-based line items; prices stay as the catalog says):\n")
		for i, m := range f.Months {
			ts := steps[m.Month]
			if len(ts) == 0 || i == 0 {
				continue
			}
			change := m.MonthlyCost.Sub(f.Months[i-1].MonthlyCost)
			sign := "+"
			if change.IsNegative() {
				sign = "-"
			}
			fmt.Fprintf(&b, "  month %d, %s users: %s%s on month %d:", m.Month, strconv.FormatFloat(m.Users, 'f', 0, 64),
				sign, money.USD(change.Abs()), m.Month-1)
			sep := " "
			if len(ts) > 1 {
				// One line per change, so a busy month stays readable.
				sep = "\n    "
			}
			for _, t := range ts {
				fmt.Fprintf(&b, "%s%s %s -> %s", sep, t.Layer, t.From, t.To)
			}
			b.WriteString("\n")
		}
	}
	if budget {
		if f.BudgetCrossedMonth > 0 {
			fmt.Fprintf(&b, "budget %s a month is crossed in month %d\n", money.USD(f.Budget), f.BudgetCrossedMonth)
		} else {
			fmt.Fprintf(&b, "budget %s a month is not crossed\n", money.USD(f.Budget))
		}
	}
	months := "months"
	if len(f.Months) == 1 {
		months = "month"
	}
	fmt.Fprintf(&b, "total over %d %s: %s\n", len(f.Months), months, money.Total{Amount: f.Total, Unpriced: unpriced}.USD())
	_, err := io.WriteString(w, b.String())
	return err
}

// FindingsText writes advisor findings, one block each.
func FindingsText(w io.Writer, fs []capacity.Finding) error {
	for i, f := range fs {
		if i > 0 {
			if _, err := fmt.Fprintln(w); err != nil {
				return err
			}
		}
		saving := ""
		if f.Saving != nil {
			saving = " (saves " + money.USD(*f.Saving) + "/mo)"
		}
		if _, err := fmt.Fprintf(w, "[%s] %s: %s%s\n  %s\n  source: %s\n", f.Severity, f.RuleID, f.Title, saving, f.Detail, f.Source); err != nil {
			return err
		}
	}
	return nil
}
