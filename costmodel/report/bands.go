package report

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"
	"github.com/tiercost/tiercost/costmodel/money"
)

// Band is how wrong one tier's estimate can be (report --bands): P10, P50
// and P90 of its monthly total over the sampled assumptions, the chance of
// going over the budget, and the tornado. docs/uncertainty.md.
type Band struct {
	P10     decimal.Decimal `json:"p10"`
	P50     decimal.Decimal `json:"p50"`
	P90     decimal.Decimal `json:"p90"`
	Samples int             `json:"samples"`
	Seed    uint64          `json:"seed"`
	// OverBudget is the share of samples over the report's budget, 0 to 1;
	// nil without a budget.
	OverBudget *decimal.Decimal `json:"probabilityOverBudget,omitempty"`
	// Unpriced is the most items a sample left unpriced: the percentiles
	// are then lower bounds.
	Unpriced int `json:"itemsNotPriced,omitempty"`
	// Tornado is sorted by swing, largest first.
	Tornado []TornadoBar `json:"tornado"`
}

// TornadoBar is one assumption alone at its P10 and at its P90.
type TornadoBar struct {
	Assumption string          `json:"assumption"`
	Range      string          `json:"range"`
	AtP10      decimal.Decimal `json:"atP10"`
	AtP90      decimal.Decimal `json:"atP90"`
}

// Swing is the total at P90 less the total at P10.
func (b TornadoBar) Swing() decimal.Decimal { return b.AtP90.Sub(b.AtP10) }

// Forecast is a month-by-month projection with its fan (report --bands of
// one environment or tier).
type Forecast struct {
	GrowthPct float64         `json:"growthPct"`
	Samples   int             `json:"fanSamples"`
	Seed      uint64          `json:"fanSeed"`
	Months    []ForecastMonth `json:"months"`
}

// ForecastMonth is one month: the point forecast and the fan's P10, P50
// and P90.
type ForecastMonth struct {
	Month   int             `json:"month"`
	Users   float64         `json:"users"`
	Tier    string          `json:"tier"`
	Monthly decimal.Decimal `json:"monthlyCost"`
	P10     decimal.Decimal `json:"p10"`
	P50     decimal.Decimal `json:"p50"`
	P90     decimal.Decimal `json:"p90"`
}

func (b Band) usd(d decimal.Decimal) string {
	return money.Total{Amount: d, Unpriced: b.Unpriced}.USD()
}

// RangeText is the band in the words the CLI and the TUI use:
// "P50 $1,900.39 (P10–P90 $1,507.29–$2,476.13)".
func (b Band) RangeText() string {
	return fmt.Sprintf("P50 %s (P10–P90 %s–%s)", b.usd(b.P50), b.usd(b.P10), money.USD(b.P90))
}

// overText is the chance of going over the budget: "12 % of 265 samples".
func (b Band) overText() string {
	if b.OverBudget == nil {
		return "-"
	}
	pct := b.OverBudget.Mul(decimal.NewFromInt(100))
	s := pct.Round(0).String() + " %"
	switch {
	case b.OverBudget.IsPositive() && pct.LessThan(decimal.NewFromFloat(0.5)):
		s = "< 1 %"
	case b.OverBudget.LessThan(decimal.NewFromInt(1)) && pct.GreaterThan(decimal.NewFromFloat(99.5)):
		s = "> 99 %"
	}
	return s + " of " + strconv.Itoa(b.Samples) + " samples"
}

// bandLine is the executive summary's band: nil when no tier has one.
func bandLine(d Data) *summaryLine {
	var banded []TierSummary
	for _, t := range d.Tiers {
		if t.Band != nil {
			banded = append(banded, t)
		}
	}
	if len(banded) == 0 {
		return nil
	}
	l := summaryLine{ID: "summary-band", Label: "Band"}
	text := func(t TierSummary) string {
		s := t.Band.RangeText()
		if t.Band.OverBudget != nil {
			s += ", " + t.Band.overText() + " over budget"
		}
		if len(t.Band.Tornado) > 0 {
			s += "; " + t.Band.Tornado[0].Assumption + " matters most"
		}
		return s
	}
	if len(banded) == 1 {
		l.Text = text(banded[0]) + "."
		return &l
	}
	l.Text = "Each tier's monthly total over its sampled assumptions:"
	for _, t := range banded {
		l.List = append(l.List, t.Label()+": "+text(t))
	}
	return &l
}

// bandRows is the Uncertainty table: one row per tier with a band.
func bandRows(d Data) (header []string, rows [][]string) {
	header = []string{"Tier", "Today", "P10", "P50", "P90", "Over budget", "Samples"}
	for _, t := range d.Tiers {
		b := t.Band
		if b == nil {
			continue
		}
		rows = append(rows, []string{t.Label(), totalText(t), b.usd(b.P10), b.usd(b.P50), b.usd(b.P90), b.overText(), fmt.Sprintf("%d (seed %d)", b.Samples, b.Seed)})
	}
	return header, rows
}

// tornadoRows is one tier's tornado table.
func tornadoRows(t TierSummary) (header []string, rows [][]string) {
	header = []string{"Assumption", "Range (P10 .. P50 .. P90)", "Total at P10", "Total at P90", "Swing"}
	for _, b := range t.Band.Tornado {
		rows = append(rows, []string{b.Assumption, b.Range, t.Band.usd(b.AtP10), t.Band.usd(b.AtP90), money.Signed(b.Swing())})
	}
	return header, rows
}

// forecastRows is the forecast table with its fan.
func forecastRows(f Forecast) (header []string, rows [][]string) {
	header = []string{"Month", "Users", "Tier", "Monthly", "P10", "P50", "P90"}
	for _, m := range f.Months {
		rows = append(rows, []string{strconv.Itoa(m.Month), money.Users(m.Users), m.Tier, money.USD(m.Monthly), money.USD(m.P10), money.USD(m.P50), money.USD(m.P90)})
	}
	return header, rows
}

// bandsMarkdown writes the Uncertainty and Forecast sections.
func bandsMarkdown(ew *errWriter, d Data) {
	header, rows := bandRows(d)
	if len(rows) > 0 {
		ew.printf("## Uncertainty\n\n")
		ew.printf("Each guess the estimate rests on has a range (P50 is today's value); the samples are priced by the same engine, and P10, P50 and P90 are the monthly totals 10 %%, 50 %% and 90 %% of them stay at or under (docs/uncertainty.md).\n\n")
		mdTable(ew, header, rows, map[int]bool{1: true, 2: true, 3: true, 4: true})
		for _, t := range d.Tiers {
			if t.Band == nil || len(t.Band.Tornado) == 0 {
				continue
			}
			ew.printf("### What matters most: %s\n\n", t.Label())
			ew.printf("The total with one assumption at its P10 and at its P90, the others at today's values, largest swing first.\n\n")
			h, r := tornadoRows(t)
			mdTable(ew, h, r, map[int]bool{2: true, 3: true, 4: true})
		}
	}
	if d.Forecast != nil && len(d.Forecast.Months) > 0 {
		f := d.Forecast
		ew.printf("## Forecast\n\n")
		ew.printf("Users grow %s %% a month; each month is priced by the same engine. The fan is each month's P10, P50 and P90 over %d samples (seed %d), each growing from its own users at its own rate.\n\n", strconv.FormatFloat(f.GrowthPct, 'f', -1, 64), f.Samples, f.Seed)
		h, r := forecastRows(*f)
		mdTable(ew, h, r, map[int]bool{1: true, 3: true, 4: true, 5: true, 6: true})
	}
}

// bandsHTML writes the Uncertainty section (table and tornado charts) and
// the Forecast section (fan chart and table).
func bandsHTML(ew *errWriter, d Data, table func(title string, header []string, rows [][]string, numeric map[int]bool)) {
	header, rows := bandRows(d)
	if len(rows) > 0 {
		table("Uncertainty", header, rows, map[int]bool{1: true, 2: true, 3: true, 4: true})
		ew.printf("<p class=\"meta\">Each guess the estimate rests on has a range (P50 is today's value); the samples are priced by the same engine, and P10, P50 and P90 are the monthly totals 10 %%, 50 %% and 90 %% of them stay at or under. The tiers chart draws each band as a whisker (docs/uncertainty.md).</p>\n")
		for _, t := range d.Tiers {
			if t.Band == nil || len(t.Band.Tornado) == 0 {
				continue
			}
			ew.printf("<h3>What matters most: %s</h3>\n%s\n", esc(t.Label()), TornadoChart(t))
		}
	}
	if d.Forecast != nil && len(d.Forecast.Months) > 0 {
		ew.printf("<h2>Forecast</h2>\n%s\n", FanChart(d))
		h, r := forecastRows(*d.Forecast)
		table("", h, r, map[int]bool{1: true, 3: true, 4: true, 5: true, 6: true})
	}
}

// TornadoChart draws one tier's tornado: a horizontal bar per assumption
// from its total at P10 to its total at P90, around today's total, largest
// swing on top. Bars carry class "tornado-bar" and data-assumption.
func TornadoChart(t TierSummary) string {
	bars := t.Band.Tornado
	const w, left, right, rowH, top = chartWidth, 260.0, 200.0, 24.0, 30.0
	h := top + rowH*float64(len(bars)) + 40
	lo, hi := fl(t.Total()), fl(t.Total())
	for _, b := range bars {
		lo = math.Min(lo, math.Min(fl(b.AtP10), fl(b.AtP90)))
		hi = math.Max(hi, math.Max(fl(b.AtP10), fl(b.AtP90)))
	}
	if hi <= lo {
		hi = lo + 1
	}
	plotW := w - left - right
	x := func(v float64) float64 { return left + (v-lo)/(hi-lo)*plotW }
	var sb strings.Builder
	fmt.Fprintf(&sb, `<svg class="chart-tornado" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %s %s" role="img" aria-label="Monthly total with each assumption at its P10 and P90">`, f(w), f(h))
	fmt.Fprintf(&sb, `<rect x="0" y="0" width="%s" height="%s" fill="#ffffff"/>`, f(w), f(h))
	today := x(fl(t.Total()))
	fmt.Fprintf(&sb, `<text x="%s" y="18" font-size="12" text-anchor="middle" fill="#333">today %s</text>`, f(today), esc(totalText(t)))
	for i, b := range bars {
		y := top + rowH*float64(i)
		a, c := x(fl(b.AtP10)), x(fl(b.AtP90))
		fmt.Fprintf(&sb, `<text x="%s" y="%s" font-size="12" text-anchor="end" fill="#111">%s</text>`, f(left-8), f(y+15), esc(b.Assumption))
		// P10's side light, P90's side dark, so a falling bar reads as one.
		fmt.Fprintf(&sb, `<g class="tornado-bar" data-assumption="%s">`, esc(b.Assumption))
		fmt.Fprintf(&sb, `<rect x="%s" y="%s" width="%s" height="16" fill="#9ecae1"><title>%s at P10: %s a month</title></rect>`, f(math.Min(a, today)), f(y+3), f(math.Abs(today-a)), esc(b.Assumption), esc(t.Band.usd(b.AtP10)))
		fmt.Fprintf(&sb, `<rect x="%s" y="%s" width="%s" height="16" fill="#3182bd"><title>%s at P90: %s a month</title></rect>`, f(math.Min(c, today)), f(y+3), f(math.Abs(c-today)), esc(b.Assumption), esc(t.Band.usd(b.AtP90)))
		sb.WriteString(`</g>`)
		fmt.Fprintf(&sb, `<text x="%s" y="%s" font-size="11" fill="#555">%s</text>`, f(left+plotW+8), f(y+15), esc(money.Signed(b.Swing())+" ("+b.Range+")"))
	}
	fmt.Fprintf(&sb, `<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="#333"/>`, f(today), f(top-2), f(today), f(top+rowH*float64(len(bars))))
	fmt.Fprintf(&sb, `<text x="%s" y="%s" font-size="12" fill="#333">light: the assumption at its P10; dark: at its P90 · %s to %s a month</text>`, f(left), f(h-10), esc(money.USDShort(decimal.NewFromFloat(lo))), esc(money.USDShort(decimal.NewFromFloat(hi))))
	sb.WriteString(`</svg>`)
	return sb.String()
}

// FanChart draws the forecast: the point forecast as a line and the fan
// from P10 to P90 as a shaded area, with P50 dashed and the budget; ""
// without a forecast.
func FanChart(d Data) string {
	fc := d.Forecast
	if fc == nil || len(fc.Months) == 0 {
		return ""
	}
	const w, h, left, right, top, bottom = chartWidth, 320.0, 96.0, 60.0, 20.0, 52.0
	plotW, plotH := w-left-right, h-top-bottom
	maxC := 0.0
	for _, m := range fc.Months {
		maxC = math.Max(maxC, math.Max(fl(m.P90), fl(m.Monthly)))
	}
	if d.Budget != nil {
		maxC = math.Max(maxC, fl(d.Budget.Limit))
	}
	topC := niceMax(maxC * 1.05)
	n := len(fc.Months)
	x := func(i int) float64 {
		if n == 1 {
			return left + plotW/2
		}
		return left + float64(i)/float64(n-1)*plotW
	}
	y := func(v float64) float64 { return top + plotH - v/topC*plotH }
	var sb strings.Builder
	fmt.Fprintf(&sb, `<svg id="chart-forecast" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %s %s" role="img" aria-label="Forecast monthly cost with its P10 to P90 fan">`, f(w), f(h))
	fmt.Fprintf(&sb, `<rect x="0" y="0" width="%s" height="%s" fill="#ffffff"/>`, f(w), f(h))
	for i := 0; i <= 4; i++ {
		c := topC * float64(i) / 4
		fmt.Fprintf(&sb, `<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="#eeeeee"/>`, f(left), f(y(c)), f(left+plotW), f(y(c)))
		fmt.Fprintf(&sb, `<text x="%s" y="%s" font-size="12" text-anchor="end" fill="#333">%s</text>`, f(left-8), f(y(c)+4), esc(axisUSD(c)))
	}
	var upper, lower, mid, point []string
	for i, m := range fc.Months {
		upper = append(upper, f(x(i))+","+f(y(fl(m.P90))))
		lower = append([]string{f(x(i)) + "," + f(y(fl(m.P10)))}, lower...)
		mid = append(mid, f(x(i))+","+f(y(fl(m.P50))))
		point = append(point, f(x(i))+","+f(y(fl(m.Monthly))))
		if i == 0 || i == n-1 || (m.Month)%6 == 0 {
			fmt.Fprintf(&sb, `<text x="%s" y="%s" font-size="12" text-anchor="middle" fill="#333">%d</text>`, f(x(i)), f(top+plotH+17), m.Month)
		}
	}
	fmt.Fprintf(&sb, `<polygon id="fan" points="%s" fill="#9ecae1" fill-opacity="0.6" stroke="none"><title>P10 to P90 of each month's total over %d samples</title></polygon>`, strings.Join(append(upper, lower...), " "), fc.Samples)
	fmt.Fprintf(&sb, `<polyline points="%s" fill="none" stroke="#3182bd" stroke-width="2" stroke-dasharray="6 4"/>`, strings.Join(mid, " "))
	fmt.Fprintf(&sb, `<polyline id="forecast-line" points="%s" fill="none" stroke="#111" stroke-width="3"/>`, strings.Join(point, " "))
	if d.Budget != nil {
		by := y(fl(d.Budget.Limit))
		fmt.Fprintf(&sb, `<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s" stroke-width="3" stroke-dasharray="10 5"/>`, f(left), f(by), f(left+plotW), f(by), BudgetColor)
		fmt.Fprintf(&sb, `<text x="%s" y="%s" font-size="12" text-anchor="end" fill="%s">budget %s a month</text>`, f(left+plotW-4), f(by-6), BudgetColor, esc(money.USD(d.Budget.Limit)))
	}
	fmt.Fprintf(&sb, `<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="#333"/>`, f(left), f(top+plotH), f(left+plotW), f(top+plotH))
	fmt.Fprintf(&sb, `<text x="%s" y="%s" font-size="13" text-anchor="middle" fill="#111">Month (users grow %s %% a month) · line: the forecast · shaded: P10 to P90 · dashed: P50</text>`, f(left+plotW/2), f(h-8), esc(strconv.FormatFloat(fc.GrowthPct, 'f', -1, 64)))
	fmt.Fprintf(&sb, `<text x="20" y="%s" font-size="13" text-anchor="middle" fill="#111" transform="rotate(-90 20 %s)">Monthly cost (USD)</text>`, f(top+plotH/2), f(top+plotH/2))
	sb.WriteString(`</svg>`)
	return sb.String()
}

// bandWhisker draws a tier's band on the tiers chart: a line from P10 to
// P90 with caps and a tick at P50; "" without a band.
func bandWhisker(t TierSummary, cx float64, y func(float64) float64) string {
	b := t.Band
	if b == nil {
		return ""
	}
	y10, y50, y90 := y(fl(b.P10)), y(fl(b.P50)), y(fl(b.P90))
	var sb strings.Builder
	fmt.Fprintf(&sb, `<g class="band" data-tier="%s"><title>%s: %s over %d samples</title>`, esc(t.Name), esc(t.Label()), esc(b.RangeText()), b.Samples)
	fmt.Fprintf(&sb, `<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="#111" stroke-width="2"/>`, f(cx), f(y10), f(cx), f(y90))
	for _, yy := range []float64{y10, y90} {
		fmt.Fprintf(&sb, `<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="#111" stroke-width="2"/>`, f(cx-10), f(yy), f(cx+10), f(yy))
	}
	fmt.Fprintf(&sb, `<circle cx="%s" cy="%s" r="4" fill="#111"/>`, f(cx), f(y50))
	sb.WriteString(`</g>`)
	return sb.String()
}
