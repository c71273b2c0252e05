package report

import (
	"fmt"
	"html"
	"io"
	"math"
	"strings"

	"github.com/shopspring/decimal"
	"github.com/tiercost/tiercost/costmodel/money"
	"github.com/tiercost/tiercost/costmodel/pricing"
)

// palette holds the chart colours. They are saturated and far apart so the
// screenshot test can find each one in the rendered page.
var palette = [...]string{"#e4572e", "#17bebb", "#ffc914", "#2e86ab", "#76b041", "#9b5de5", "#f15bb5", "#8d6e63"}

// Chart colours outside the component palette.
const (
	BudgetColor  = "#d00000"
	PerUserColor = "#3a0ca3"
)

func esc(s string) string { return html.EscapeString(s) }

// f formats a chart coordinate; geometry is float, money never is.
func f(v float64) string { return fmt.Sprintf("%.1f", v) }

// fl turns an amount into a float for drawing only.
func fl(d decimal.Decimal) float64 { return d.InexactFloat64() }

// niceMax rounds a chart's top value up to 1, 2, 2.5 or 5 times a power of ten.
func niceMax(v float64) float64 {
	if v <= 0 {
		return 1
	}
	p := math.Pow(10, math.Floor(math.Log10(v)))
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if v <= m*p {
			return m * p
		}
	}
	return 10 * p
}

// axisUSD labels an axis tick in whole dollars where it can.
func axisUSD(v float64) string {
	d := decimal.NewFromFloat(v)
	if d.Equal(d.Truncate(0)) {
		return "$" + users(d.IntPart())
	}
	return "$" + money.Quantity(d)
}

// StackedChart draws monthly cost by tier, stacked by component, with the
// budget as a dashed line.
func StackedChart(d Data) string {
	const w, h, left, right, top, bottom = 760.0, 360.0, 80.0, 190.0, 20.0, 40.0
	comps := components(d.Tiers)
	maxV := 0.0
	for _, t := range d.Tiers {
		maxV = math.Max(maxV, fl(t.Total()))
	}
	if d.Budget != nil {
		maxV = math.Max(maxV, fl(d.Budget.Limit))
	}
	scaleMax := niceMax(maxV * 1.05)
	plotW, plotH := w-left-right, h-top-bottom
	y := func(v float64) float64 { return top + plotH - v/scaleMax*plotH }
	var sb strings.Builder
	fmt.Fprintf(&sb, `<svg id="chart-tiers" xmlns="http://www.w3.org/2000/svg" width="%s" height="%s" viewBox="0 0 %s %s" role="img" aria-label="Monthly cost by tier, stacked by component">`, f(w), f(h), f(w), f(h))
	sb.WriteString(`<rect x="0" y="0" width="760" height="360" fill="#ffffff"/>`)
	for i := 0; i <= 4; i++ {
		v := scaleMax * float64(i) / 4
		fmt.Fprintf(&sb, `<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="#dddddd"/>`, f(left), f(y(v)), f(left+plotW), f(y(v)))
		fmt.Fprintf(&sb, `<text x="%s" y="%s" font-size="11" text-anchor="end" fill="#333">%s</text>`, f(left-6), f(y(v)+4), esc(axisUSD(v)))
	}
	n := float64(max(len(d.Tiers), 1))
	slot := plotW / n
	barW := math.Min(90, slot*0.6)
	for i, t := range d.Tiers {
		x := left + slot*float64(i) + (slot-barW)/2
		totals := componentTotals(t.Breakdown)
		acc := 0.0
		for ci, c := range comps {
			v := fl(totals[c])
			if v <= 0 {
				continue
			}
			y0, y1 := y(acc), y(acc+v)
			fmt.Fprintf(&sb, `<rect x="%s" y="%s" width="%s" height="%s" fill="%s"><title>%s %s: %s</title></rect>`,
				f(x), f(y1), f(barW), f(y0-y1), palette[ci%len(palette)], esc(t.Name), esc(c), esc(componentTotal(t.Breakdown, c).String()))
			acc += v
		}
		label := t.Monthly().USD()
		if t.Monthly().Overloaded != "" {
			label += " OVERLOADED"
		}
		fmt.Fprintf(&sb, `<text x="%s" y="%s" font-size="11" text-anchor="middle" fill="#111"><title>%s</title>%s</text>`, f(x+barW/2), f(y(acc)-5), esc(t.Monthly().String()), esc(label))
		fmt.Fprintf(&sb, `<text x="%s" y="%s" font-size="12" text-anchor="middle" fill="#111">%s</text>`, f(x+barW/2), f(h-bottom+18), esc(t.Name))
	}
	fmt.Fprintf(&sb, `<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="#333"/>`, f(left), f(top+plotH), f(left+plotW), f(top+plotH))
	if d.Budget != nil {
		by := y(fl(d.Budget.Limit))
		fmt.Fprintf(&sb, `<line id="budget-line" x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s" stroke-width="3" stroke-dasharray="10 5"/>`, f(left), f(by), f(left+plotW), f(by), BudgetColor)
		fmt.Fprintf(&sb, `<text x="%s" y="%s" font-size="11" fill="%s">budget %s</text>`, f(left+4), f(by-6), BudgetColor, esc(money.USD(d.Budget.Limit)))
	}
	for ci, c := range comps {
		ly := top + 10 + float64(ci)*20
		fmt.Fprintf(&sb, `<rect x="%s" y="%s" width="14" height="14" fill="%s"/>`, f(w-right+20), f(ly), palette[ci%len(palette)])
		fmt.Fprintf(&sb, `<text x="%s" y="%s" font-size="12" fill="#111">%s</text>`, f(w-right+40), f(ly+12), esc(c))
	}
	sb.WriteString(`</svg>`)
	return sb.String()
}

// PerUserChart draws monthly cost per 1k users against users on a log x axis.
func PerUserChart(d Data) string {
	const w, h, left, right, top, bottom = 760.0, 320.0, 80.0, 120.0, 20.0, 45.0
	type pt struct {
		name    string
		u, cost float64
		label   string
	}
	var pts []pt
	minU, maxU, maxC := math.Inf(1), 0.0, 0.0
	for _, t := range d.Tiers {
		if t.Users <= 0 {
			continue
		}
		p := pt{t.Name, float64(t.Users), fl(money.Per1kUsers(t.CostPerUser)), t.PerUserText()}
		pts = append(pts, p)
		minU, maxU, maxC = math.Min(minU, p.u), math.Max(maxU, p.u), math.Max(maxC, p.cost)
	}
	var sb strings.Builder
	fmt.Fprintf(&sb, `<svg id="chart-per-user" xmlns="http://www.w3.org/2000/svg" width="%s" height="%s" viewBox="0 0 %s %s" role="img" aria-label="Monthly cost %s against users">`, f(w), f(h), f(w), f(h), money.Per1kUsersLabel)
	sb.WriteString(`<rect x="0" y="0" width="760" height="320" fill="#ffffff"/>`)
	if len(pts) == 0 {
		sb.WriteString(`<text x="380" y="160" text-anchor="middle" font-size="13">no tier has users</text></svg>`)
		return sb.String()
	}
	lo, hi := math.Floor(math.Log10(minU)), math.Ceil(math.Log10(maxU))
	if hi <= lo {
		hi = lo + 1
	}
	topC := niceMax(maxC * 1.1)
	plotW, plotH := w-left-right, h-top-bottom
	x := func(u float64) float64 { return left + (math.Log10(u)-lo)/(hi-lo)*plotW }
	y := func(c float64) float64 { return top + plotH - c/topC*plotH }
	for e := lo; e <= hi; e++ {
		u := math.Pow(10, e)
		fmt.Fprintf(&sb, `<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="#dddddd"/>`, f(x(u)), f(top), f(x(u)), f(top+plotH))
		fmt.Fprintf(&sb, `<text x="%s" y="%s" font-size="11" text-anchor="middle" fill="#333">%s</text>`, f(x(u)), f(top+plotH+16), users(int64(u)))
	}
	for i := 0; i <= 4; i++ {
		c := topC * float64(i) / 4
		fmt.Fprintf(&sb, `<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="#eeeeee"/>`, f(left), f(y(c)), f(left+plotW), f(y(c)))
		fmt.Fprintf(&sb, `<text x="%s" y="%s" font-size="11" text-anchor="end" fill="#333">%s</text>`, f(left-6), f(y(c)+4), esc(axisUSD(c)))
	}
	fmt.Fprintf(&sb, `<text x="%s" y="%s" font-size="12" text-anchor="middle" fill="#111">monthly active users (log scale)</text>`, f(left+plotW/2), f(h-6))
	var poly []string
	for _, p := range pts {
		poly = append(poly, f(x(p.u))+","+f(y(p.cost)))
	}
	fmt.Fprintf(&sb, `<polyline points="%s" fill="none" stroke="%s" stroke-width="4"/>`, strings.Join(poly, " "), PerUserColor)
	for _, p := range pts {
		fmt.Fprintf(&sb, `<circle cx="%s" cy="%s" r="7" fill="%s"><title>%s: %s %s</title></circle>`, f(x(p.u)), f(y(p.cost)), PerUserColor, esc(p.name), esc(p.label), money.Per1kUsersLabel)
		fmt.Fprintf(&sb, `<text x="%s" y="%s" font-size="11" fill="#111">%s %s</text>`, f(x(p.u)+10), f(y(p.cost)-8), esc(p.name), esc(p.label))
	}
	sb.WriteString(`</svg>`)
	return sb.String()
}

const css = `body{font-family:-apple-system,"Segoe UI",Helvetica,Arial,sans-serif;margin:24px auto;max-width:1100px;color:#111;padding:0 16px}
h1{font-size:24px;margin-bottom:4px}h2{font-size:18px;margin-top:28px;border-bottom:1px solid #ddd;padding-bottom:4px}
table{border-collapse:collapse;margin:8px 0;font-size:13px}th,td{border:1px solid #ddd;padding:4px 8px;vertical-align:top}
th{background:#f4f4f4;text-align:left}td.n{text-align:right;font-variant-numeric:tabular-nums}
.meta{color:#555;font-size:13px}.over{color:#d00000;font-weight:bold}.ok{color:#1b7f3b;font-weight:bold}
.charts{display:flex;flex-direction:column;gap:12px}code{font-size:12px}.mark{color:#b35c00;font-weight:bold}`

// HTML writes the report as one self-contained page: inline CSS, inline
// SVG charts, no scripts and no external assets, so it opens offline.
func HTML(w io.Writer, d Data) error {
	ew := &errWriter{w: w}
	ew.printf("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>%s</title>\n<style>%s</style>\n</head>\n<body>\n", esc(d.Title), css)
	ew.printf("<h1>%s</h1>\n<p class=\"meta\">Generated %s", esc(d.Title), esc(d.Generated.UTC().Format("2006-01-02 15:04 UTC")))
	if d.Region != "" {
		ew.printf(" · region %s", esc(d.Region))
	}
	if d.CatalogAsOf != "" {
		ew.printf(" · catalog prices as of %s", esc(d.CatalogAsOf))
	}
	ew.printf(" · a month is 730 hours</p>\n")

	for _, m := range marks(d.Tiers) {
		ew.printf("<p class=\"mark\">%s</p>\n", esc(m))
	}
	if d.Budget != nil {
		b := *d.Budget
		caveat := budgetCaveat(d.Tiers, b.Tier)
		if b.Status == OverBudget {
			ew.printf("<p class=\"over\">Tier %s is over budget by %s (limit %s a month).%s</p>\n", esc(b.Tier), esc(money.USD(b.Overage)), esc(money.USD(b.Limit)), esc(caveat))
		} else {
			ew.printf("<p class=\"ok\">Tier %s is within budget (limit %s a month).%s</p>\n", esc(b.Tier), esc(money.USD(b.Limit)), esc(caveat))
		}
	}
	ew.printf("<div class=\"charts\">\n<h2>Monthly cost by tier</h2>\n%s\n<h2>Cost %s</h2>\n%s\n</div>\n", StackedChart(d), money.Per1kUsersLabel, PerUserChart(d))

	ew.printf("<h2>Summary</h2>\n<table>\n<tr><th>Tier</th><th>Users</th><th>Monthly cost</th><th>Fixed</th><th>Usage-based</th><th>Cost %s</th><th>Change vs previous tier</th></tr>\n", money.Per1kUsersLabel)
	for _, t := range d.Tiers {
		ew.printf("<tr><td>%s</td><td class=\"n\">%s</td><td class=\"n\">%s</td><td class=\"n\">%s</td><td class=\"n\">%s</td><td class=\"n\">%s</td><td class=\"n\">%s</td></tr>\n",
			esc(t.Name), users(t.Users), esc(t.Monthly().USD()), esc(money.USD(t.Fixed)), esc(money.USD(t.Usage)), esc(t.PerUserText()), esc(deltaText(t)))
	}
	ew.printf("</table>\n")

	if comps := components(d.Tiers); len(comps) > 0 {
		ew.printf("<h2>Cost by component</h2>\n<table>\n<tr><th>Component</th>")
		for _, t := range d.Tiers {
			ew.printf("<th>%s</th>", esc(t.Name))
		}
		ew.printf("</tr>\n")
		for ci, c := range comps {
			ew.printf("<tr><td><span style=\"color:%s\">■</span> %s</td>", palette[ci%len(palette)], esc(c))
			for _, t := range d.Tiers {
				ew.printf("<td class=\"n\">%s</td>", esc(componentTotal(t.Breakdown, c).USD()))
			}
			ew.printf("</tr>\n")
		}
		ew.printf("</table>\n")
	}

	for _, t := range d.Tiers {
		ew.printf("<h2>Tier %s: line items</h2>\n<table>\n<tr><th>Resource</th><th>Line item</th><th>Monthly qty</th><th>Unit</th><th>Price</th><th>Monthly cost</th></tr>\n", esc(t.Name))
		for _, it := range items(Data{Tiers: []TierSummary{t}}) {
			c := it.line
			price, cost := lineCells(c)
			qty := money.Quantity(c.MonthlyQuantity)
			if c.Assumed != "" {
				qty += "*"
			}
			ew.printf("<tr><td>%s</td><td>%s</td><td class=\"n\">%s</td><td>%s</td><td class=\"n\">%s</td><td class=\"n\">%s</td></tr>\n",
				esc(it.path), esc(c.Name), esc(qty), esc(c.Unit), esc(price), esc(cost))
		}
		ew.printf("</table>\n")
		list := func(title string, items []string) {
			if len(items) == 0 {
				return
			}
			ew.printf("<p>%s</p>\n<ul>\n", esc(title))
			for _, s := range items {
				ew.printf("<li>%s</li>\n", esc(s))
			}
			ew.printf("</ul>\n")
		}
		list("Not priced (not in the total, which is a lower bound):", notPriced(t.Breakdown))
		assumed, fallback := lineNotes(t.Breakdown)
		list("Assumed (*: the input is not set, a default is priced):", assumed)
		list("Priced on demand (the catalog has no rate for "+t.Breakdown.PurchaseOption+"):", fallback)
		free := 0
		for _, r := range t.Breakdown.Resources {
			if r.Status == pricing.StatusFree {
				free++
			}
		}
		if free > 0 {
			ew.printf("<p class=\"meta\">%d free resources (no charge of their own).</p>\n", free)
		}
	}

	table := func(title string, header []string, rows [][]string, numeric map[int]bool) {
		if len(rows) == 0 {
			return
		}
		ew.printf("<h2>%s</h2>\n<table>\n<tr>", esc(title))
		for _, h := range header {
			ew.printf("<th>%s</th>", esc(h))
		}
		ew.printf("</tr>\n")
		for _, r := range rows {
			ew.printf("<tr>")
			for i, c := range r {
				if numeric[i] {
					ew.printf("<td class=\"n\">%s</td>", esc(c))
				} else {
					ew.printf("<td>%s</td>", esc(c))
				}
			}
			ew.printf("</tr>\n")
		}
		ew.printf("</table>\n")
	}
	var rows [][]string
	for _, a := range d.Assumptions {
		rows = append(rows, []string{a.Name, a.Value, a.Note})
	}
	table("Assumptions", []string{"Input", "Value", "Note"}, rows, map[int]bool{1: true})
	rows = nil
	for _, r := range d.Rightsizing {
		rows = append(rows, []string{r.Resource, r.Current, r.Recommended, r.Finding, money.USD(r.Saving)})
	}
	table("Right-sizing", []string{"Resource", "Current", "Recommended", "Finding", "Monthly saving"}, rows, map[int]bool{4: true})
	rows = nil
	for _, fd := range d.Findings {
		rows = append(rows, []string{fd.Severity, fd.Rule, fd.Title, fd.Detail, fd.Source})
	}
	table("Findings", []string{"Severity", "Rule", "Finding", "Detail", "Source"}, rows, nil)
	if len(d.NotModeled) > 0 {
		ew.printf("<h2>Not modeled</h2>\n<p>No estimate includes these (docs/not-modeled.md):</p>\n<ul>\n")
		for _, s := range d.NotModeled {
			ew.printf("<li>%s</li>\n", esc(s))
		}
		ew.printf("</ul>\n")
	}
	ew.printf("</body>\n</html>\n")
	return ew.err
}
