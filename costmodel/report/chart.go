package report

import (
	"fmt"
	"math"
	"strings"

	"github.com/shopspring/decimal"
	"github.com/tiercost/tiercost/costmodel/money"
)

// Chart colours outside the component colours (ComponentColor).
const (
	BudgetColor  = "#d00000"
	PerUserColor = "#3a0ca3"
)

// chartWidth is the charts' drawing width; the page scales them to its
// full width.
const chartWidth = 1100.0

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
	return "$" + money.GroupedQuantity(d)
}

// costAxis maps dollars to a bar's height. When the largest amount is
// more than ten times the smallest, the scale is logarithmic, from a power
// of ten at least twice below the smallest amount to a round value above
// the largest, so a $90 tier and a $10,000 tier both show; otherwise it is
// linear from $0, and every bar is at least a tenth of the plot.
type costAxis struct {
	log    bool
	lo, hi float64 // log: powers of ten; linear: dollars
}

func newCostAxis(smallest, largest float64) costAxis {
	if largest <= 0 {
		return costAxis{hi: 1}
	}
	if smallest <= 0 || smallest > largest {
		smallest = largest
	}
	if largest/smallest <= 10 {
		return costAxis{hi: niceMax(largest * 1.05)}
	}
	lo := math.Floor(math.Log10(smallest))
	if smallest/math.Pow(10, lo) < 2 {
		lo--
	}
	return costAxis{log: true, lo: lo, hi: math.Log10(niceMax(largest * 1.05))}
}

// frac is v's height on the axis, 0 at the bottom and 1 at the top.
func (a costAxis) frac(v float64) float64 {
	switch {
	case v <= 0:
		return 0
	case !a.log:
		return v / a.hi
	}
	return math.Max(0, (math.Log10(v)-a.lo)/(a.hi-a.lo))
}

// tick is one gridline; labelled ones show their amount.
type tick struct {
	v        float64
	labelled bool
}

// ticks are quarters of a linear axis; 1, 2 and 5 times each power of ten
// on a log axis, labelled at the powers and at the top when it is not
// crowded by the power below it.
func (a costAxis) ticks() []tick {
	var out []tick
	if !a.log {
		for i := 0; i <= 4; i++ {
			out = append(out, tick{a.hi * float64(i) / 4, true})
		}
		return out
	}
	for e := math.Floor(a.lo); e <= math.Ceil(a.hi); e++ {
		for _, m := range []float64{1, 2, 5} {
			lv := math.Log10(m * math.Pow(10, e))
			if lv < a.lo-1e-9 || lv > a.hi+1e-9 {
				continue
			}
			top := math.Abs(lv-a.hi) < 1e-9 && a.hi-math.Floor(a.hi) > 0.25
			out = append(out, tick{m * math.Pow(10, e), m == 1 || top})
		}
	}
	return out
}

// TierChart draws each tier's monthly total as a bar, on a log scale when
// the tiers are far apart so that every tier is visible (costAxis), split
// into its components' shares in their fixed colours, with the budget as a
// dashed line. Bars carry class "bar" and
// data-tier, which the screenshot test measures.
func TierChart(d Data) string {
	const w, h, left, right, top, bottom = chartWidth, 350.0, 96.0, 260.0, 24.0, 66.0
	plotW, plotH := w-left-right, h-top-bottom
	comps := components(d.Tiers)
	smallest, largest := math.Inf(1), 0.0
	for _, t := range d.Tiers {
		if v := fl(t.Total()); v > 0 {
			smallest, largest = math.Min(smallest, v), math.Max(largest, v)
		}
		if b := t.Band; b != nil && b.P10.IsPositive() {
			smallest, largest = math.Min(smallest, fl(b.P10)), math.Max(largest, fl(b.P90))
		}
	}
	if d.Budget != nil {
		if v := fl(d.Budget.Limit); v > 0 {
			smallest, largest = math.Min(smallest, v), math.Max(largest, v)
		}
	}
	axis := newCostAxis(smallest, largest)
	y := func(v float64) float64 { return top + plotH - axis.frac(v)*plotH }
	base := top + plotH

	var sb strings.Builder // the body: the svg element wraps it once its height is known
	for _, tk := range axis.ticks() {
		stroke := "#eeeeee"
		if tk.labelled {
			stroke = "#cccccc"
			fmt.Fprintf(&sb, `<text x="%s" y="%s" font-size="12" text-anchor="end" fill="#333">%s</text>`, f(left-8), f(y(tk.v)+4), esc(axisUSD(tk.v)))
		}
		fmt.Fprintf(&sb, `<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s"/>`, f(left), f(y(tk.v)), f(left+plotW), f(y(tk.v)), stroke)
	}
	yTitle, notes := "Monthly cost (USD)", []string{"Segments: each component's", "cost, stacked."}
	if axis.log {
		yTitle, notes = "Monthly cost (USD, log scale)", []string{"Bar height: the monthly total", "on a log scale. Segments: each", "component's share of the total."}
	}
	fmt.Fprintf(&sb, `<text x="20" y="%s" font-size="13" text-anchor="middle" fill="#111" transform="rotate(-90 20 %s)">%s</text>`, f(top+plotH/2), f(top+plotH/2), yTitle)

	n := float64(max(len(d.Tiers), 1))
	slot := plotW / n
	barW := math.Min(130, slot*0.55)
	for i, t := range d.Tiers {
		x := left + slot*float64(i) + (slot-barW)/2
		totals := componentTotals(t.Breakdown)
		sum := decimal.Zero
		for _, v := range totals {
			sum = sum.Add(v)
		}
		barTop := y(fl(t.Total()))
		height := base - barTop
		fmt.Fprintf(&sb, `<g class="bar" data-tier="%s">`, esc(t.Name))
		acc := 0.0
		for _, c := range comps {
			v := totals[c]
			if !v.IsPositive() || !sum.IsPositive() {
				continue
			}
			share := fl(v) / fl(sum)
			hh := share * height
			fmt.Fprintf(&sb, `<rect x="%s" y="%s" width="%s" height="%s" fill="%s"><title>%s, %s: %s a month (%s of the tier)</title></rect>`,
				f(x), f(base-acc-hh), f(barW), f(hh), ComponentColor(c), esc(t.Label()), esc(c), esc(componentTotal(t.Breakdown, c).USD()), esc(percent(v, sum)))
			acc += hh
		}
		sb.WriteString(`</g>`)
		sb.WriteString(bandWhisker(t, x+barW/2, y))
		labelY := barTop - 7
		if t.Band != nil {
			labelY = math.Min(labelY, y(fl(t.Band.P90))-7)
		}
		fmt.Fprintf(&sb, `<text x="%s" y="%s" font-size="13" font-weight="bold" text-anchor="middle" fill="#111"><title>%s</title>%s</text>`, f(x+barW/2), f(labelY), esc(t.Monthly().String()), esc(totalText(t)))
		fmt.Fprintf(&sb, `<text x="%s" y="%s" font-size="13" text-anchor="middle" fill="#111">%s</text>`, f(x+barW/2), f(base+19), esc(t.Label()))
		fmt.Fprintf(&sb, `<text x="%s" y="%s" font-size="11" text-anchor="middle" fill="#555">%s users</text>`, f(x+barW/2), f(base+35), esc(money.Users(float64(t.Users))))
	}
	fmt.Fprintf(&sb, `<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="#333"/>`, f(left), f(base), f(left+plotW), f(base))
	fmt.Fprintf(&sb, `<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="#333"/>`, f(left), f(top), f(left), f(base))
	fmt.Fprintf(&sb, `<text x="%s" y="%s" font-size="13" text-anchor="middle" fill="#111">Tier (monthly active users)</text>`, f(left+plotW/2), f(h-8))
	if d.Budget != nil {
		by := y(fl(d.Budget.Limit))
		fmt.Fprintf(&sb, `<line id="budget-line" x1="%s" y1="%s" x2="%s" y2="%s" stroke="%s" stroke-width="3" stroke-dasharray="10 5"/>`, f(left), f(by), f(left+plotW), f(by), BudgetColor)
		fmt.Fprintf(&sb, `<text x="%s" y="%s" font-size="12" text-anchor="end" fill="%s">budget %s a month</text>`, f(left+plotW-4), f(by-6), BudgetColor, esc(money.USD(d.Budget.Limit)))
	}

	lx := w - right + 24
	fmt.Fprintf(&sb, `<text x="%s" y="%s" font-size="13" font-weight="bold" fill="#111">Components</text>`, f(lx), f(top+4))
	ly := top + 14
	for _, c := range comps {
		label := c
		if len(d.Tiers) == 1 {
			label += "  " + componentTotal(d.Tiers[0].Breakdown, c).Cell()
		}
		fmt.Fprintf(&sb, `<rect x="%s" y="%s" width="14" height="14" fill="%s"/>`, f(lx), f(ly), ComponentColor(c))
		fmt.Fprintf(&sb, `<text x="%s" y="%s" font-size="12" fill="#111">%s</text>`, f(lx+20), f(ly+12), esc(label))
		ly += 19
	}
	if banded(d) {
		notes = append(notes, "Whisker: P10 to P90 of the", "total over the sampled", "assumptions; dot: P50.")
	}
	height := h
	for i, line := range notes {
		ny := ly + 16 + float64(i)*14
		fmt.Fprintf(&sb, `<text x="%s" y="%s" font-size="11" fill="#555">%s</text>`, f(lx), f(ny), esc(line))
		height = math.Max(height, ny+6) // a long legend's last note stays inside the picture
	}
	return fmt.Sprintf(`<svg id="chart-tiers" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %s %s" role="img" aria-label="Monthly cost by tier, split by component">`, f(w), f(height)) +
		fmt.Sprintf(`<rect x="0" y="0" width="%s" height="%s" fill="#ffffff"/>`, f(w), f(height)) + sb.String() + `</svg>`
}

// PerUserChart draws monthly cost per 1k users against users on a log x
// axis; it needs two tiers with users to draw a line ("" otherwise).
func PerUserChart(d Data) string {
	const w, h, left, right, top, bottom = chartWidth, 300.0, 96.0, 150.0, 20.0, 52.0
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
		p := pt{t.Label(), float64(t.Users), fl(money.Per1kUsers(t.CostPerUser)), t.PerUserText()}
		pts = append(pts, p)
		minU, maxU, maxC = math.Min(minU, p.u), math.Max(maxU, p.u), math.Max(maxC, p.cost)
	}
	if len(pts) < 2 {
		return ""
	}
	var sb strings.Builder
	fmt.Fprintf(&sb, `<svg id="chart-per-user" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %s %s" role="img" aria-label="Monthly cost %s against users">`, f(w), f(h), money.Per1kUsersLabel)
	fmt.Fprintf(&sb, `<rect x="0" y="0" width="%s" height="%s" fill="#ffffff"/>`, f(w), f(h))
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
		fmt.Fprintf(&sb, `<text x="%s" y="%s" font-size="12" text-anchor="middle" fill="#333">%s</text>`, f(x(u)), f(top+plotH+17), money.Users(u))
	}
	for i := 0; i <= 4; i++ {
		c := topC * float64(i) / 4
		fmt.Fprintf(&sb, `<line x1="%s" y1="%s" x2="%s" y2="%s" stroke="#eeeeee"/>`, f(left), f(y(c)), f(left+plotW), f(y(c)))
		fmt.Fprintf(&sb, `<text x="%s" y="%s" font-size="12" text-anchor="end" fill="#333">%s</text>`, f(left-8), f(y(c)+4), esc(axisUSD(c)))
	}
	fmt.Fprintf(&sb, `<text x="%s" y="%s" font-size="13" text-anchor="middle" fill="#111">Monthly active users (log scale)</text>`, f(left+plotW/2), f(h-8))
	fmt.Fprintf(&sb, `<text x="20" y="%s" font-size="13" text-anchor="middle" fill="#111" transform="rotate(-90 20 %s)">USD a month %s</text>`, f(top+plotH/2), f(top+plotH/2), money.Per1kUsersLabel)
	var poly []string
	for _, p := range pts {
		poly = append(poly, f(x(p.u))+","+f(y(p.cost)))
	}
	fmt.Fprintf(&sb, `<polyline points="%s" fill="none" stroke="%s" stroke-width="4"/>`, strings.Join(poly, " "), PerUserColor)
	for _, p := range pts {
		fmt.Fprintf(&sb, `<circle cx="%s" cy="%s" r="7" fill="%s"><title>%s: %s %s</title></circle>`, f(x(p.u)), f(y(p.cost)), PerUserColor, esc(p.name), esc(p.label), money.Per1kUsersLabel)
		fmt.Fprintf(&sb, `<text x="%s" y="%s" font-size="12" fill="#111">%s %s</text>`, f(x(p.u)+10), f(y(p.cost)-9), esc(p.name), esc(p.label))
	}
	sb.WriteString(`</svg>`)
	return sb.String()
}

// banded reports whether any tier has a band to draw.
func banded(d Data) bool {
	for _, t := range d.Tiers {
		if t.Band != nil {
			return true
		}
	}
	return false
}
