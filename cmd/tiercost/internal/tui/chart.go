package tui

import (
	"math"
	"sort"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/shopspring/decimal"
	"github.com/tiercost/tiercost/costmodel/money"
)

// The chart's x axis spans 1k to 1m users on a log scale.
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
	ymax   decimal.Decimal
	curX   float64
	curY   float64
	curTxt string
}

func (m Model) chartSeries(perUser bool) series {
	pts := append([]CurvePoint(nil), m.snap.Curve...)
	sort.SliceStable(pts, func(i, j int) bool { return pts[i].Users < pts[j].Users })
	val := func(users float64, cost decimal.Decimal) decimal.Decimal {
		if !perUser {
			return cost
		}
		return money.Per1kUsers(money.CostPerUser(cost, users))
	}
	s := series{title: "Monthly cost vs users (log)"}
	if perUser {
		s.title = "Cost " + money.Per1kUsersLabel + " vs users (log)"
	}
	for _, p := range pts {
		v := val(p.Users, p.MonthlyCost)
		s.users = append(s.users, p.Users)
		s.ys = append(s.ys, v.InexactFloat64())
		if v.GreaterThan(s.ymax) {
			s.ymax = v
		}
	}
	cur := val(snapUsers(m.snap), m.snap.Breakdown.TotalMonthlyCost)
	if cur.GreaterThan(s.ymax) {
		s.ymax = cur
	}
	s.curX, s.curY = snapUsers(m.snap), cur.InexactFloat64()
	t := m.snap.Breakdown.Monthly()
	s.curTxt = fmtUsers(snapUsers(m.snap)) + " users: " + money.Total{Amount: cur, Unpriced: t.Unpriced}.USD()
	if t.Overloaded != "" {
		s.curTxt += " OVERLOADED"
	}
	for _, p := range pts {
		if p.NotPriced > 0 {
			s.title += " · ≥ lower bounds"
			break
		}
	}
	return s
}

func (c chartModel) view(m Model, width, h int) string {
	if m.snap == nil {
		return ""
	}
	if len(m.snap.Curve) == 0 {
		return m.styles.Muted.Render("No cost curve for this target.")
	}
	legend := m.styles.ChartLine.Render("•") + " cost  " + m.styles.ChartTier.Render("┊") + " tier boundary  " +
		m.styles.ChartCurrent.Render("◆") + " current"
	if h >= 20 {
		top := m.plot(m.chartSeries(false), width, (h-1)/2)
		bottom := m.plot(m.chartSeries(true), width, h-1-(h-1)/2)
		return top + "\n" + bottom + "\n" + legend
	}
	return m.plot(m.chartSeries(c.perUser), width, h-1) + "\n" + legend + m.styles.Muted.Render(" · c switches")
}

// xCol maps users to a column on the log axis.
func xCol(users float64, w int) int {
	if w <= 1 || users <= 0 {
		return 0
	}
	f := (math.Log10(users) - math.Log10(chartMinUsers)) / (math.Log10(chartMaxUsers) - math.Log10(chartMinUsers))
	return min(max(int(math.Round(f*float64(w-1))), 0), w-1)
}

// interp reads the curve at users, linear in log(users) between points.
func interp(xs, ys []float64, users float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	if users <= xs[0] {
		return ys[0]
	}
	for i := 1; i < len(xs); i++ {
		if users <= xs[i] {
			a, b := math.Log10(xs[i-1]), math.Log10(xs[i])
			if b == a {
				return ys[i]
			}
			t := (math.Log10(users) - a) / (b - a)
			return ys[i-1] + t*(ys[i]-ys[i-1])
		}
	}
	return ys[len(ys)-1]
}

// plot draws one series in h lines: a title, the grid with y labels, the
// x axis and its labels. Tiny sizes draw what fits.
func (m Model) plot(s series, width, h int) string {
	labelW := 12
	pw := width - labelW - 1
	ph := h - 3
	if pw < 4 || ph < 2 {
		return m.styles.Heading.Render(s.title) + "\n" + "current: " + s.curTxt
	}
	grid := make([][]string, ph)
	for r := range grid {
		grid[r] = make([]string, pw)
		for c := range grid[r] {
			grid[r][c] = " "
		}
	}
	ymax := s.ymax.InexactFloat64()
	if ymax <= 0 {
		ymax = 1
	}
	row := func(y float64) int {
		r := int(math.Round((1 - y/ymax) * float64(ph-1)))
		return min(max(r, 0), ph-1)
	}
	for _, b := range m.snap.TierChanges {
		c := xCol(b, pw)
		for r := range grid {
			grid[r][c] = m.styles.ChartTier.Render("┊")
		}
	}
	for c := 0; c < pw; c++ {
		u := math.Pow(10, math.Log10(chartMinUsers)+(math.Log10(chartMaxUsers)-math.Log10(chartMinUsers))*float64(c)/float64(max(pw-1, 1)))
		grid[row(interp(s.users, s.ys, u))][c] = m.styles.ChartLine.Render("•")
	}
	grid[row(s.curY)][xCol(s.curX, pw)] = m.styles.ChartCurrent.Render("◆")

	half := s.ymax.Div(decimal.NewFromInt(2))
	lines := []string{m.styles.Heading.Render(s.title) + m.styles.Muted.Render(" · current "+s.curTxt)}
	for r := range grid {
		label := ""
		switch r {
		case 0:
			label = money.USD(s.ymax)
		case (ph - 1) / 2:
			if ph >= 5 {
				label = money.USD(half)
			}
		case ph - 1:
			label = money.USD(decimal.Zero)
		}
		lines = append(lines, padLeft(label, labelW)+"│"+strings.Join(grid[r], ""))
	}
	lines = append(lines, rep(" ", labelW)+"└"+rep("─", pw))
	axis := []rune(rep(" ", pw))
	put := func(col int, txt string) {
		col = min(col, pw-len(txt))
		for i, r := range txt {
			if col+i >= 0 && col+i < pw {
				axis[col+i] = r
			}
		}
	}
	put(0, "1k")
	put(xCol(10_000, pw)-1, "10k")
	put(xCol(100_000, pw)-2, "100k")
	put(pw-2, "1m")
	lines = append(lines, rep(" ", labelW+1)+string(axis))
	return strings.Join(lines, "\n")
}
