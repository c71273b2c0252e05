package output

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"
	"github.com/tiercost/tiercost/costmodel/money"
	"github.com/tiercost/tiercost/costmodel/uncertainty"
)

// Keys of the band in a project's metadata (breakdown, tiers and
// report JSON with --bands): amounts as exact decimals, the chance of
// going over the budget as a fraction, the sample as written.
const (
	MetaP10          = "monthlyCostP10"
	MetaP50          = "monthlyCostP50"
	MetaP90          = "monthlyCostP90"
	MetaOverBudget   = "probabilityOverBudget"
	MetaBandSamples  = "bandSamples"
	MetaBandSeed     = "bandSeed"
	MetaBandUnpriced = "bandItemsNotPriced"
)

// BandMetadata writes a band into a project's metadata (see the Meta*
// band keys).
func BandMetadata(meta map[string]string, b uncertainty.Band) {
	meta[MetaP10], meta[MetaP50], meta[MetaP90] = money.Exact(b.Total.P10), money.Exact(b.Total.P50), money.Exact(b.Total.P90)
	meta[MetaBandSamples] = strconv.Itoa(b.Samples)
	meta[MetaBandSeed] = strconv.FormatUint(b.Seed, 10)
	if b.OverBudget != nil {
		meta[MetaOverBudget] = b.OverBudget.Round(6).String()
	}
	if b.Unpriced > 0 {
		meta[MetaBandUnpriced] = strconv.Itoa(b.Unpriced)
	}
}

// bandUSD is an amount of a band, "≥ " first when scenarios left items
// unpriced (the percentiles are then lower bounds).
func bandUSD(d decimal.Decimal, b uncertainty.Band) string {
	return money.Total{Amount: d, Unpriced: b.Unpriced}.USD()
}

// BandRange is "P50 $1,900.39 (P10–P90 $1,507.29–$2,476.13)": the words
// the CLI, the reports and the TUI's header use for a band.
func BandRange(b uncertainty.Band) string {
	return fmt.Sprintf("P50 %s (P10–P90 %s–%s)", bandUSD(b.Total.P50, b), bandUSD(b.Total.P10, b), money.USD(b.Total.P90))
}

// OverBudgetText says how likely the total is to go over the budget:
// "12 % of scenarios over the $6,000.00 budget (32 of 265)"; "" without a
// budget.
func OverBudgetText(b uncertainty.Band, budget *decimal.Decimal) string {
	if b.OverBudget == nil || budget == nil {
		return ""
	}
	return fmt.Sprintf("%s of samples over the %s budget (%d of %d)", Percent(*b.OverBudget), money.USD(*budget), b.OverBudgetCount, b.Samples)
}

// Percent writes a share as a whole percent, "12 %"; a share above 0 but
// under half a percent is "< 1 %" and one short of all "> 99 %", so that
// neither rounds to a certainty it is not.
func Percent(share decimal.Decimal) string {
	pct := share.Mul(decimal.NewFromInt(100))
	switch {
	case share.IsPositive() && pct.LessThan(decimal.NewFromFloat(0.5)):
		return "< 1 %"
	case share.LessThan(decimal.NewFromInt(1)) && pct.GreaterThan(decimal.NewFromFloat(99.5)):
		return "> 99 %"
	}
	return pct.Round(0).String() + " %"
}

// BandLine is the one-line band under a breakdown or a tiers table:
// "Band: P50 $1,900.39 (P10–P90 $1,507.29–$2,476.13) over 265 scenarios;
// 0 % of scenarios over the $6,000.00 budget (0 of 265)".
func BandLine(b uncertainty.Band, budget *decimal.Decimal) string {
	s := fmt.Sprintf("Band: %s over %d samples", BandRange(b), b.Samples)
	if t := OverBudgetText(b, budget); t != "" {
		s += "; " + t
	}
	if b.Overloaded > 0 {
		s += fmt.Sprintf("; %d overloaded", b.Overloaded)
	}
	if b.Unpriced > 0 {
		s += "; lower bounds: " + money.Total{Unpriced: b.Unpriced}.UnpricedText()
	}
	return s
}

// BandsReport is what `tiercost bands` shows: today's estimate, the band
// of its total and components, and the tornado.
type BandsReport struct {
	Name   string
	Tier   string
	Point  money.Total
	Budget *decimal.Decimal
	Band   uncertainty.Band
	// Tornado is sorted by swing, largest first.
	Tornado []uncertainty.Bar
}

// tornadoBar is the widest a swing bar is drawn.
const tornadoBar = 12

// BandsTable writes the band, the components' bands, the ranges sampled
// and the tornado, in at most width display columns (0: no limit).
func BandsTable(w io.Writer, r BandsReport, width int) error {
	ew := &errWriter{w: w}
	ew.printf("%s", Wrap(fmt.Sprintf("%s (tier %s): today %s a month; %d samples, seed %d\n", r.Name, r.Tier, r.Point.Cell(), r.Band.Samples, r.Band.Seed), width, 2))
	ew.printf("%s\n", BandRange(r.Band))
	if t := OverBudgetText(r.Band, r.Budget); t != "" {
		ew.printf("%s", Wrap(upperFirst(t)+"\n", width, 2))
	}
	if r.Band.Overloaded > 0 {
		ew.printf("%d of %d samples overload a layer at peak\n", r.Band.Overloaded, r.Band.Samples)
	}
	if r.Band.Unpriced > 0 {
		ew.printf("Lower bounds: up to %s in a scenario\n", money.Total{Unpriced: r.Band.Unpriced}.UnpricedText())
	}
	if ew.err != nil {
		return ew.err
	}
	ew.printf("\n")
	g := &Grid{Columns: []Column{{Header: "COMPONENT"}, {Header: "P10", Right: true}, {Header: "P50", Right: true}, {Header: "P90", Right: true}}}
	for _, c := range r.Band.Components {
		g.Add(c.Name, money.USD(c.P10), money.USD(c.P50), money.USD(c.P90))
	}
	if err := g.Write(ew, width); err != nil {
		return err
	}
	ew.printf("%s", Wrap("Each column is that component's own percentile, so they do not add up to the total's.\n", width, 0))
	ew.printf("\nRanges (P10 .. P50 .. P90; P50 is today's value):\n")
	g = &Grid{Columns: []Column{{Header: "ASSUMPTION"}, {Header: "RANGE", Wrap: true, Min: 16}, {Header: "FROM", Wrap: true, Min: 12, Drop: 1}}}
	for _, name := range r.Band.Ranges.Names() {
		rg := r.Band.Ranges[name]
		g.Add(name, rg.String(), rg.Source)
	}
	if err := g.Write(ew, width); err != nil {
		return err
	}
	if len(r.Tornado) == 0 {
		return ew.err
	}
	ew.printf("\n%s", Wrap("What matters most: the total with one assumption at its P10 and at its P90, the others at today's; SWING is the P90 total less the P10 total, largest first.\n", width, 0))
	g = &Grid{Columns: []Column{{Header: "ASSUMPTION"}, {Header: "AT P10", Right: true}, {Header: "AT P90", Right: true}, {Header: "SWING", Right: true}, {Header: "", Drop: 1}}}
	top := r.Tornado[0].Swing
	for _, b := range r.Tornado {
		bar := ""
		if top.IsPositive() {
			n := int(b.Swing.Mul(decimal.NewFromInt(tornadoBar)).DivRound(top, 0).IntPart())
			bar = strings.Repeat("█", n)
		}
		low, high := money.Total{Amount: b.Low, Unpriced: b.Unpriced}, money.Total{Amount: b.High, Unpriced: b.Unpriced}
		g.Add(b.Name, low.Cell(), high.Cell(), money.Signed(b.High.Sub(b.Low)), bar)
	}
	if err := g.Write(ew, width); err != nil {
		return err
	}
	return ew.err
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// bandsDoc is `tiercost bands --format json`.
type bandsDoc struct {
	Name       string          `json:"name"`
	Tier       string          `json:"tier"`
	Today      decimal.Decimal `json:"todayMonthlyCost"`
	Samples    int             `json:"samples"`
	Seed       uint64          `json:"seed"`
	Method     string          `json:"method"`
	Total      percentilesDoc  `json:"monthlyCost"`
	Components []componentDoc  `json:"components"`
	Budget     *string         `json:"budget,omitempty"`
	OverBudget *string         `json:"probabilityOverBudget,omitempty"`
	Overloaded int             `json:"overloadedScenarios"`
	Unpriced   int             `json:"itemsNotPriced,omitempty"`
	Ranges     []rangeDoc      `json:"ranges"`
	Tornado    []barDoc        `json:"tornado"`
}

type percentilesDoc struct {
	P10 string `json:"p10"`
	P50 string `json:"p50"`
	P90 string `json:"p90"`
}

type componentDoc struct {
	Name string `json:"name"`
	percentilesDoc
}

type rangeDoc struct {
	Assumption   string  `json:"assumption"`
	Distribution string  `json:"distribution"`
	P10          float64 `json:"p10"`
	P50          float64 `json:"p50"`
	P90          float64 `json:"p90"`
	Source       string  `json:"source"`
}

type barDoc struct {
	Assumption string `json:"assumption"`
	AtP10      string `json:"atP10"`
	AtP90      string `json:"atP90"`
	Swing      string `json:"swing"`
}

func percentiles(p uncertainty.Percentiles) percentilesDoc {
	return percentilesDoc{P10: money.Exact(p.P10), P50: money.Exact(p.P50), P90: money.Exact(p.P90)}
}

// BandsJSON writes the report as JSON: amounts as exact decimal strings,
// the ranges and the tornado in their orders.
func BandsJSON(w io.Writer, r BandsReport) error {
	doc := bandsDoc{Name: r.Name, Tier: r.Tier, Today: r.Point.Amount, Samples: r.Band.Samples, Seed: r.Band.Seed,
		Method:     "midpoint Latin hypercube; nearest-rank percentiles (docs/uncertainty.md)",
		Total:      percentiles(r.Band.Total),
		Components: []componentDoc{}, Ranges: []rangeDoc{}, Tornado: []barDoc{},
		Overloaded: r.Band.Overloaded, Unpriced: r.Band.Unpriced}
	for _, c := range r.Band.Components {
		doc.Components = append(doc.Components, componentDoc{Name: c.Name, percentilesDoc: percentiles(c.Percentiles)})
	}
	if r.Budget != nil && r.Band.OverBudget != nil {
		b, p := money.Exact(*r.Budget), r.Band.OverBudget.Round(6).String()
		doc.Budget, doc.OverBudget = &b, &p
	}
	for _, name := range r.Band.Ranges.Names() {
		rg := r.Band.Ranges[name]
		doc.Ranges = append(doc.Ranges, rangeDoc{Assumption: name, Distribution: string(rg.Dist), P10: rg.P10, P50: rg.P50, P90: rg.P90, Source: rg.Source})
	}
	for _, b := range r.Tornado {
		doc.Tornado = append(doc.Tornado, barDoc{Assumption: b.Name, AtP10: money.Exact(b.Low), AtP90: money.Exact(b.High), Swing: money.Exact(b.Swing)})
	}
	return CapacityJSON(w, doc)
}

// FanTable writes a forecast's fan: P10, P50 and P90 of each month's
// total, and a bar from P10 to P90 on one scale for all months.
func FanTable(w io.Writer, months []uncertainty.FanMonth, samples int, seed uint64, width int) error {
	ew := &errWriter{w: w}
	ew.printf("\n%s", Wrap(fmt.Sprintf("Fan: each month's total over %d samples (seed %d) of users, growth and the other assumptions\n", samples, seed), width, 0))
	if len(months) == 0 {
		return ew.err
	}
	lo, hi := months[0].P10, months[0].P90
	for _, m := range months {
		lo, hi = decimal.Min(lo, m.P10), decimal.Max(hi, m.P90)
	}
	const barW = 30
	pos := func(d decimal.Decimal) int {
		if !hi.GreaterThan(lo) {
			return 0
		}
		return int(d.Sub(lo).Mul(decimal.NewFromInt(barW)).DivRound(hi.Sub(lo), 0).IntPart())
	}
	g := &Grid{Columns: []Column{{Header: "MONTH", Right: true}, {Header: "P10", Right: true}, {Header: "P50", Right: true}, {Header: "P90", Right: true}, {Header: "", Drop: 1}}}
	for _, m := range months {
		a, c, b := pos(m.P10), pos(m.P50), pos(m.P90)
		bar := []rune(strings.Repeat(" ", a) + strings.Repeat("─", max(b-a+1, 1)))
		if c >= a && c < len(bar) {
			bar[c] = '┼'
		}
		t := func(d decimal.Decimal) string { return money.Total{Amount: d, Unpriced: m.Unpriced}.USD() }
		g.Add(strconv.Itoa(m.Month), t(m.P10), t(m.P50), t(m.P90), strings.TrimRight(string(bar), " "))
	}
	if err := g.Write(ew, width); err != nil {
		return err
	}
	ew.printf("The bar runs from P10 to P90 on one scale, %s to %s; ┼ marks P50.\n", money.USDShort(lo), money.USDShort(hi))
	return ew.err
}
