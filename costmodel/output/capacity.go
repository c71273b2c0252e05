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

// RightsizeOptions tunes the right-sizing table.
type RightsizeOptions struct {
	// Width is the most display columns a line takes; 0 means no limit.
	Width int
	// Estimate is the whole estimate's total, said beside the sized
	// layers' so the two are not confused; nil leaves it out.
	Estimate *money.Total
}

// RightsizeTable writes a right-sizing report as a table. The money
// columns and TOTAL count the sized layers' instance hours only, and the
// line under the table says so beside the whole estimate. To fit the
// width the verdict and the utilisation headers wrap, then RISK,
// RECOMMENDED/MO (CURRENT/MO plus CHANGE/MO), PEAK UTIL REC and PEAK UTIL
// NOW are dropped in that order.
func RightsizeTable(w io.Writer, r capacity.Report, o RightsizeOptions) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n\n", Wrap(fmt.Sprintf("Right-sizing %s (%s), origin peak %s req/s, headroom %s",
		r.Tier, r.Region, money.Number(r.OriginPeakRPS, 2), percentOf(r.Headroom)), o.Width, 2))
	if _, err := io.WriteString(w, b.String()); err != nil {
		return err
	}
	g := &Grid{Columns: []Column{
		{Header: "LAYER"},
		{Header: "CURRENT"},
		{Header: "RECOMMENDED"},
		{Header: "FINDING", Wrap: true, Min: 11, Breaks: "-"},
		{Header: "PEAK UTIL NOW", Right: true, Wrap: true, Min: 9, Drop: 4},
		{Header: "PEAK UTIL REC", Right: true, Wrap: true, Min: 9, Drop: 3},
		{Header: "RISK", Drop: 1},
		{Header: "CURRENT/MO", Right: true},
		{Header: "RECOMMENDED/MO", Right: true, Drop: 2},
		{Header: "CHANGE/MO", Right: true},
	}}
	for _, x := range r.Recommendations {
		g.Add(x.Layer, fmt.Sprintf("%d x %s", x.CurrentCount, x.CurrentType), fmt.Sprintf("%d x %s", x.RecommendedCount, x.RecommendedType),
			x.Finding, percentOf(x.CurrentPeakUtilization), percentOf(x.RecommendedPeakUtilization), x.PerformanceRisk,
			optUSD(x.CurrentMonthly), optUSD(x.RecommendedMonthly), change(x.CurrentMonthly, x.RecommendedMonthly))
	}
	g.Add("TOTAL", "instance hours only", "", "", "", "", "", optUSD(r.CurrentMonthly), optUSD(r.RecommendedMonthly), change(r.CurrentMonthly, r.RecommendedMonthly))
	if err := g.Write(w, o.Width); err != nil {
		return err
	}
	b.Reset()
	var layers []string
	for _, x := range r.Recommendations {
		layers = append(layers, x.Layer)
	}
	note := "The /MO columns and TOTAL count only the sized layers' instance hours (" + strings.Join(layers, ", ") +
		"), not their storage or any other resource"
	if o.Estimate != nil {
		note += "; the whole estimate is " + o.Estimate.PerMonth()
	}
	b.WriteString(Wrap(note+".", o.Width, 0) + "\n")
	for _, x := range r.Recommendations {
		if x.Reason != "" {
			b.WriteString(Wrap(fmt.Sprintf("why: %s: %s", x.Layer, x.Reason), o.Width, 2) + "\n")
		}
		if x.Note != "" {
			b.WriteString(Wrap(fmt.Sprintf("note: %s: %s", x.Layer, x.Note), o.Width, 2) + "\n")
		}
	}
	if _, err := io.WriteString(w, b.String()); err != nil {
		return err
	}
	return skippedList(w, r.Skipped, o.Width)
}

// change is the signed monthly change from current to recommended: a
// minus is a saving, a plus costs more; "not found" when either is unknown.
func change(cur, rec *decimal.Decimal) string {
	if cur == nil || rec == nil {
		return "not found"
	}
	return money.Signed(rec.Sub(*cur))
}

func skippedList(w io.Writer, s []capacity.Skipped, width int) error {
	if len(s) == 0 {
		return nil
	}
	if _, err := fmt.Fprintln(w, "\nSkipped candidates (price not found, not priced at $0):"); err != nil {
		return err
	}
	for _, k := range s {
		if _, err := fmt.Fprintln(w, Wrap(fmt.Sprintf("  %s %s: %s", k.Layer, k.Type, k.Reason), width, 2)); err != nil {
			return err
		}
	}
	return nil
}

// SizingTable writes a sizing's derivations (step, value, unit, formula)
// as a table; formulas wrap to fit width (0: no limit).
func SizingTable(w io.Writer, r capacity.Result, width int) error {
	if _, err := fmt.Fprintf(w, "Sizing %s (%s)\n\n", r.Spec.Tier, r.Spec.Region); err != nil {
		return err
	}
	g := &Grid{Columns: []Column{
		{Header: "STEP", Wrap: true, Min: 20},
		{Header: "VALUE", Wrap: true, Min: 10},
		{Header: "UNIT", Wrap: true, Min: 10},
		{Header: "FORMULA", Wrap: true, Min: 30},
	}}
	for _, d := range r.Derivations {
		v := d.Text
		if v == "" {
			v = strconv.FormatFloat(d.Value, 'f', -1, 64)
		}
		g.Add(d.Name, v, d.Unit, d.Formula)
	}
	if err := g.Write(w, width); err != nil {
		return err
	}
	for _, n := range r.Notes {
		if _, err := fmt.Fprintln(w, Wrap("note: "+n, width, 2)); err != nil {
			return err
		}
	}
	return nil
}

// CurveTable writes a cost curve; NOTE marks a tier change and overload.
func CurveTable(w io.Writer, pts []capacity.Point, width int) error {
	g := &Grid{Columns: []Column{
		{Header: "USERS", Right: true},
		{Header: "TIER", Right: true},
		{Header: "MONTHLY", Right: true},
		{Header: strings.ToUpper(money.Per1kUsersLabel), Right: true},
		{Header: "NOTE", Wrap: true, Min: 14},
	}}
	for _, p := range pts {
		mark := ""
		if p.TierChange {
			mark = "tier change"
		}
		if p.Overloaded != "" {
			mark = strings.TrimPrefix(mark+"; OVERLOADED", "; ")
		}
		perUser := money.Total{Amount: money.Per1kUsers(p.CostPerUser), Unpriced: p.NotPriced}
		g.Add(money.Users(p.Users), p.Tier, p.Total().USD(), perUser.USD(), mark)
	}
	if err := g.Write(w, width); err != nil {
		return err
	}
	marks := make([]money.Total, len(pts))
	for i, p := range pts {
		marks[i] = p.Total()
	}
	return writeMarkNotes(w, width, "users", func(i int) string { return money.Users(pts[i].Users) }, marks)
}

// writeMarkNotes says, under a table of totals, which rows are lower bounds
// (and the most items any leaves out) and which are overloaded (the first
// such row in full, through money.Total).
func writeMarkNotes(w io.Writer, width int, unit string, label func(i int) string, totals []money.Total) error {
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
		b.WriteString(Wrap(fmt.Sprintf("≥: lower bound; %d of %d rows leave out items not priced (up to %s)", lower, len(totals),
			money.Total{Unpriced: most}.UnpricedText()), width, 2) + "\n")
	}
	if firstOver >= 0 {
		t := totals[firstOver]
		b.WriteString(Wrap(fmt.Sprintf("from %s %s: %s", unit, label(firstOver), t.OverloadText()), width, 2) + "\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// ForecastTable writes a forecast: a row a month with its budget status and
// the step it takes (a tier change or a resized layer), then each step's
// cost change and what changed from what, the budget and the total. Every
// column has a header; BUDGET is left out when there is no budget. STEP
// wraps to fit width (0: no limit).
func ForecastTable(w io.Writer, f capacity.ForecastResult, width int) error {
	steps := map[int][]capacity.Transition{}
	for _, t := range f.Transitions {
		steps[t.Month] = append(steps[t.Month], t)
	}
	budget := f.Budget.IsPositive()
	g := &Grid{Columns: []Column{
		{Header: "MONTH", Right: true},
		{Header: "USERS", Right: true},
		{Header: "TIER", Right: true},
		{Header: "MONTHLY", Right: true},
		{Header: "CUMULATIVE", Right: true},
	}}
	if budget {
		g.Columns = append(g.Columns, Column{Header: "BUDGET", Right: true})
	}
	g.Columns = append(g.Columns, Column{Header: "STEP", Wrap: true, Min: 20})
	unpriced := 0 // the most items any month so far leaves out
	for _, m := range f.Months {
		unpriced = max(unpriced, m.NotPriced)
		cumulative := money.Total{Amount: m.Cumulative, Unpriced: unpriced}
		row := []string{strconv.Itoa(m.Month), money.Users(m.Users), m.Tier, m.Total().USD(), cumulative.USD()}
		if budget {
			status := "within"
			if m.OverBudget {
				status = "over"
			}
			row = append(row, status)
		}
		var why []string
		if m.Overloaded != "" {
			why = append(why, "OVERLOADED")
		}
		for _, t := range steps[m.Month] {
			switch {
			case t.Layer == "tier":
				why = append(why, "tier "+t.From+" -> "+t.To)
			case t.Kind == capacity.StepScale:
				why = append(why, t.Layer+" scaled")
			default:
				why = append(why, t.Layer+" resized")
			}
		}
		g.Add(append(row, strings.Join(why, ", "))...)
	}
	if err := g.Write(w, width); err != nil {
		return err
	}
	marks := make([]money.Total, len(f.Months))
	for i, m := range f.Months {
		marks[i] = m.Total()
	}
	if err := writeMarkNotes(w, width, "month", func(i int) string { return strconv.Itoa(f.Months[i].Month) }, marks); err != nil {
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
			fmt.Fprintf(&b, "  month %d, %s users: %s%s on month %d:", m.Month, money.Users(m.Users),
				sign, money.USD(change.Abs()), m.Month-1)
			sep := " "
			if len(ts) > 1 {
				// One line per change, so a busy month stays readable.
				sep = "\n    "
			}
			for _, t := range ts {
				fmt.Fprintf(&b, "%s%s %s -> %s", sep, t.Layer, t.From, t.To)
				if t.Kind == capacity.StepScale {
					b.WriteString(" (scale: autoscaling inside the ASG, not a next action)")
				}
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
	_, err := io.WriteString(w, Wrap(b.String(), width, 2))
	return err
}

// FindingsText writes advisor findings, one block each, wrapped to width
// (0: no limit).
func FindingsText(w io.Writer, fs []capacity.Finding, width int) error {
	var b strings.Builder
	for i, f := range fs {
		if i > 0 {
			b.WriteString("\n")
		}
		saving := ""
		if f.Saving != nil {
			saving = " (saves " + money.USD(*f.Saving) + "/mo)"
		}
		fmt.Fprintf(&b, "[%s] %s: %s%s\n  %s\n  source: %s\n", f.Severity, f.RuleID, f.Title, saving, f.Detail, f.Source)
	}
	_, err := io.WriteString(w, Wrap(b.String(), width, 2))
	return err
}
