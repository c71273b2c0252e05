package tui

import (
	"math"
	"sort"
	"strings"

	"github.com/NimbleMarkets/ntcharts/canvas"
	"github.com/NimbleMarkets/ntcharts/linechart"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/shopspring/decimal"
	"github.com/tiercost/tiercost/costmodel/money"
)

// The chart's x axis spans at least 1k to 1m users on a log scale; it
// widens to take in a scenario outside that range.
const (
	chartMinUsers = 1_000
	chartMaxUsers = 1_000_000
)

// chartModel picks the series when only one fits.
type chartModel struct {
	perUser bool
}

func (c chartModel) update(msg tea.KeyMsg, k keyMap) chartModel {
	if key.Matches(msg, k.ChartMode) {
		c.perUser = !c.perUser
	}
	return c
}

// series is one plotted curve: positions as floats, labels as decimals.
type series struct {
	title  string
	users  []float64
	ys     []float64
	ymax   float64
	curX   float64
	curY   float64
	curTxt string
}

func (m Model) chartSeries(c *Curve, perUser bool) series {
	pts := append([]CurvePoint(nil), c.Points...)
	sort.SliceStable(pts, func(i, j int) bool { return pts[i].Users < pts[j].Users })
	val := func(users float64, cost decimal.Decimal) decimal.Decimal {
		if !perUser {
			return cost
		}
		return money.Per1kUsers(money.CostPerUser(cost, users))
	}
	s := series{title: "Monthly cost"}
	if perUser {
		s.title = "Cost " + money.Per1kUsersLabel
	}
	for _, p := range pts {
		v := val(p.Users, p.MonthlyCost).InexactFloat64()
		s.users = append(s.users, p.Users)
		s.ys = append(s.ys, v)
		s.ymax = math.Max(s.ymax, v)
	}
	u := snapUsers(m.snap)
	cur := val(u, m.snap.Breakdown.TotalMonthlyCost)
	s.curX, s.curY = u, cur.InexactFloat64()
	s.ymax = math.Max(s.ymax, s.curY)
	// The current point's label carries its total's marks; a curve with a
	// lower bound on it says so in its title, which is always kept.
	t := m.snap.Breakdown.Monthly()
	s.curTxt = fmtUsers(u) + " users: " + money.Total{Amount: cur, Unpriced: t.Unpriced}.USD()
	if t.Overloaded != "" {
		s.curTxt += " " + overloadMark
	}
	for _, p := range pts {
		if p.NotPriced > 0 {
			s.title += " · ≥ lower bounds"
			break
		}
	}
	return s
}

// curveScenario is the scenario a chart is priced for: the what-if's knobs
// (region, family, purchase…) without users, which the x axis varies.
func curveScenario(s Scenario) Scenario {
	out := s
	out.Overlay = s.Overlay.Clone()
	delete(out.Overlay, "users")
	if len(out.Overlay) == 0 {
		out.Overlay = nil
	}
	return out
}

// chartCurve is the curve of the scenario on screen, if it is priced.
func (m Model) chartCurve() (*Curve, bool) {
	if m.snap == nil || m.curve == nil || m.curveKey != curveScenario(m.snap.Scenario).Key() {
		return nil, false
	}
	return m.curve, true
}

func (c chartModel) view(m Model, width, h int) string {
	if m.snap == nil {
		return ""
	}
	if m.curveErr != nil && m.curveKey == curveScenario(m.snap.Scenario).Key() {
		return strings.Join(wrap(m.styles.Error.Render("No cost curve: ")+m.curveErr.Error(), width), "\n")
	}
	cv, ok := m.chartCurve()
	if !ok {
		return m.spin.View() + " Pricing the cost curve for " + m.curveLabel() + "…"
	}
	if len(cv.Points) == 0 {
		return m.styles.Muted.Render("No cost curve for this target.")
	}
	legend := []string{m.styles.ChartLine.Render("⣀") + " cost curve  " + m.styles.ChartTier.Render("┊") + " tier boundary  " +
		m.styles.ChartCurrent.Render("◆") + " current", "x: users (log)"}
	if h >= 20 {
		top := m.plot(cv, m.chartSeries(cv, false), width, (h-1)/2)
		bottom := m.plot(cv, m.chartSeries(cv, true), width, h-1-(h-1)/2)
		return top + "\n" + bottom + "\n" + fitParts(legend, width)
	}
	legend = append(legend, m.styles.Muted.Render("c switches"))
	return m.plot(cv, m.chartSeries(cv, c.perUser), width, h-1) + "\n" + fitParts(legend, width)
}

// fitParts joins parts with " · ", dropping them from the end until the
// line fits w (the first is always kept, cut at a word if it must be).
func fitParts(parts []string, w int) string {
	for n := len(parts); n > 1; n-- {
		if s := strings.Join(parts[:n], " · "); ansi.StringWidth(s) <= w {
			return s
		}
	}
	return clipWords(parts[0], w)
}

// curveLabel names what the curve is priced with: the target, region and
// family, so a what-if in another region says so.
func (m Model) curveLabel() string {
	return m.target + " · " + m.snap.Values["region"] + " · " + m.snap.Values["family"]
}

// yStep is the rows between y labels: a divisor of the graph's height, so
// the top row (the largest cost) is labelled too, with 3 to 5 labels where
// the height allows.
func yStep(gh int) int {
	for _, n := range []int{4, 3, 5, 2} {
		if gh >= n && gh%n == 0 {
			return gh / n
		}
	}
	return max(gh, 1)
}

// plot draws one series in w×h with ntcharts' line chart: a title, the
// braille curve on a log users axis with decade labels, the tier
// boundaries and the current scenario. Labels are abbreviated money, so
// they are never cut.
func (m Model) plot(cv *Curve, s series, width, h int) string {
	title := fitParts([]string{m.styles.Heading.Render(s.title), m.styles.Muted.Render(m.curveLabel()),
		m.styles.Muted.Render("current " + s.curTxt)}, width)
	ph := h - 1
	if width < 20 || ph < 4 {
		return title
	}
	minX := math.Log10(math.Min(chartMinUsers, math.Max(s.curX, 1)))
	maxX := math.Log10(math.Max(chartMaxUsers, s.curX))
	ymax := s.ymax
	if ymax <= 0 {
		ymax = 1
	}
	xLabels := map[int]string{}
	lc := linechart.New(width, ph, minX, maxX, 0, ymax,
		linechart.WithXYSteps(1, yStep(ph-2)),
		linechart.WithStyles(m.styles.Muted, m.styles.Muted, m.styles.ChartLine),
		linechart.WithYLabelFormatter(func(_ int, v float64) string {
			return money.USDShort(decimal.NewFromFloat(v))
		}),
		linechart.WithXLabelFormatter(func(i int, _ float64) string { return xLabels[i] }))
	// Decade labels under the axis, the last one kept inside the chart.
	gw := lc.GraphWidth()
	for _, d := range []struct {
		users float64
		label string
	}{{100, "100"}, {1e3, "1k"}, {1e4, "10k"}, {1e5, "100k"}, {1e6, "1m"}, {1e7, "10m"}, {1e8, "100m"}, {1e9, "1b"}} {
		x := math.Log10(d.users)
		if x < minX-1e-9 || x > maxX+1e-9 {
			continue
		}
		col := int(math.Round((x - minX) / (maxX - minX) * float64(gw-1)))
		xLabels[min(col, gw-len(d.label))] = d.label
	}
	lc.DrawXYAxisAndLabel()
	for _, b := range cv.TierChanges {
		x := math.Log10(b)
		lc.DrawRuneLineWithStyle(canvas.Float64Point{X: x, Y: 0}, canvas.Float64Point{X: x, Y: ymax}, '┊', m.styles.ChartTier)
	}
	for i := 1; i < len(s.users); i++ {
		lc.DrawBrailleLineWithStyle(canvas.Float64Point{X: math.Log10(s.users[i-1]), Y: s.ys[i-1]},
			canvas.Float64Point{X: math.Log10(s.users[i]), Y: s.ys[i]}, m.styles.ChartLine)
	}
	if s.curX > 0 {
		lc.DrawRuneWithStyle(canvas.Float64Point{X: math.Log10(s.curX), Y: s.curY}, '◆', m.styles.ChartCurrent)
	}
	return title + "\n" + lc.View()
}
