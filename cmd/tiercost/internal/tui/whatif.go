package tui

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/shopspring/decimal"
	"github.com/tiercost/tiercost/costmodel/money"
)

// Knob limits: wide enough for any what-if, narrow enough that the
// capacity model is not asked about nonsense.
const (
	minUsers    = 100
	maxUsers    = 10_000_000
	maxPeak     = 10
	maxHitRatio = 0.99
	maxReplicas = 5
	maxRespKB   = 10_000
)

// knob is one adjustable what-if value.
type knob struct {
	name string                       // short name for the status line
	get  func(Scenario) string        // display value, also used to detect change
	step func(Scenario, int) Scenario // dir is +1 or -1
}

func knobs() []knob {
	return []knob{
		{"users", func(s Scenario) string { return fmtUsers(s.Users) },
			func(s Scenario, d int) Scenario { s.Users = stepUsers(s.Users, d); return s }},
		{"peak factor", func(s Scenario) string { return fmt.Sprintf("%.1f×", s.PeakToAverage) },
			func(s Scenario, d int) Scenario {
				s.PeakToAverage = clampF(roundTo(s.PeakToAverage+0.5*float64(d), 10), 1, maxPeak)
				return s
			}},
		{"cache hit", func(s Scenario) string { return pct(s.CacheHitRatio) },
			func(s Scenario, d int) Scenario { s.CacheHitRatio = stepRatio(s.CacheHitRatio, d); return s }},
		{"CDN hit", func(s Scenario) string { return pct(s.CDNHitRatio) },
			func(s Scenario, d int) Scenario { s.CDNHitRatio = stepRatio(s.CDNHitRatio, d); return s }},
		{"response KB", func(s Scenario) string { return fmt.Sprintf("%g KB", s.AvgResponseKB) },
			func(s Scenario, d int) Scenario { s.AvgResponseKB = stepResp(s.AvgResponseKB, d); return s }},
		{"family", func(s Scenario) string { return s.Family },
			func(s Scenario, d int) Scenario { s.Family = cycle(Families(), s.Family, d); return s }},
		{"DB replicas", func(s Scenario) string { return fmt.Sprint(s.DBReplicas) },
			func(s Scenario, d int) Scenario { s.DBReplicas = min(max(s.DBReplicas+d, 0), maxReplicas); return s }},
		{"purchase", func(s Scenario) string { return s.Purchase },
			func(s Scenario, d int) Scenario { s.Purchase = cycle(PurchaseOptions(), s.Purchase, d); return s }},
		{"SP coverage", func(s Scenario) string { return fmt.Sprintf("%.0f%%", s.CoveragePct) },
			func(s Scenario, d int) Scenario {
				s.CoveragePct = clampF(stepGrid(s.CoveragePct, 10, d), 0, 100)
				return s
			}},
		{"region", func(s Scenario) string { return s.Region },
			func(s Scenario, d int) Scenario { s.Region = cycle(Regions(), s.Region, d); return s }},
	}
}

// stepUsers moves to the next point of the quarter-decade grid
// (1,000 → 1,778 → 3,162 → 5,623 → 10,000), so a user starting off the
// grid lands on it and rounding never drifts. 0.01 of tolerance in 4·log10
// absorbs the rounding to whole users (worst case 0.0017 at 178 users).
func stepUsers(u float64, dir int) float64 {
	if u < 1 {
		u = minUsers
	}
	e := 4 * math.Log10(u)
	var n float64
	if dir > 0 {
		n = math.Floor(e+0.01) + 1
	} else {
		n = math.Ceil(e-0.01) - 1
	}
	return clampF(math.Round(math.Pow(10, n/4)), minUsers, maxUsers)
}

// stepRatio moves a hit ratio by 5 points on the 5-point grid.
func stepRatio(r float64, dir int) float64 {
	return clampF(stepGrid(r*100, 5, dir)/100, 0, maxHitRatio)
}

// stepResp moves the response size by 5 KB on the 5 KB grid, at least 1 KB.
func stepResp(kb float64, dir int) float64 {
	return clampF(stepGrid(kb, 5, dir), 1, maxRespKB)
}

// stepGrid moves v to the next multiple of g in direction dir.
func stepGrid(v, g float64, dir int) float64 {
	q := v / g
	if dir > 0 {
		return (math.Floor(q+1e-9) + 1) * g
	}
	return (math.Ceil(q-1e-9) - 1) * g
}

func roundTo(v, per float64) float64 { return math.Round(v*per) / per }

func clampF(v, lo, hi float64) float64 { return math.Min(math.Max(v, lo), hi) }

func pct(r float64) string { return fmt.Sprintf("%.0f%%", r*100) }

// cycle returns the option after (or before) cur, wrapping; an unknown cur
// starts from the first option.
func cycle(opts []string, cur string, dir int) string {
	i := -1
	for j, o := range opts {
		if o == cur {
			i = j
		}
	}
	if i < 0 {
		return opts[0]
	}
	n := len(opts)
	return opts[((i+dir)%n+n)%n]
}

// whatifModel is the knob list's cursor.
type whatifModel struct {
	cursor int
}

// update moves the cursor or steps a knob; it returns the new scenario and
// whether it changed.
func (w whatifModel) update(msg tea.KeyMsg, k keyMap, s Scenario) (whatifModel, Scenario, bool) {
	ks := knobs()
	switch {
	case key.Matches(msg, k.Up):
		w.cursor = max(w.cursor-1, 0)
	case key.Matches(msg, k.Down):
		w.cursor = min(w.cursor+1, len(ks)-1)
	case key.Matches(msg, k.UsersUp):
		next := ks[0].step(s, 1)
		return w, next, next != s
	case key.Matches(msg, k.UsersDown):
		next := ks[0].step(s, -1)
		return w, next, next != s
	case key.Matches(msg, k.Inc), key.Matches(msg, k.Dec):
		dir := 1
		if key.Matches(msg, k.Dec) {
			dir = -1
		}
		next := ks[w.cursor].step(s, dir)
		return w, next, next != s
	}
	return w, s, false
}

func (w whatifModel) view(m Model, width, h int) string {
	if m.snap == nil {
		return ""
	}
	left := w.knobsView(m)
	right := m.whatifSummary()
	if width < 80 {
		return left + "\n\n" + right
	}
	lw := 44
	ll := strings.Split(left, "\n")
	rl := strings.Split(right, "\n")
	n := max(len(ll), len(rl))
	out := make([]string, 0, n)
	for i := 0; i < n; i++ {
		var l, r string
		if i < len(ll) {
			l = ll[i]
		}
		if i < len(rl) {
			r = rl[i]
		}
		out = append(out, pad(l, lw)+" "+r)
	}
	return strings.Join(out, "\n")
}

func (w whatifModel) knobsView(m Model) string {
	var b strings.Builder
	b.WriteString(m.styles.Heading.Render("Knob          Value") + "\n")
	for i, k := range knobs() {
		cur, was := k.get(m.scen), k.get(m.base)
		line := pad(k.name, 13) + " " + cur
		if cur != was {
			line = pad(k.name, 13) + " " + m.styles.Changed.Render(cur+" *") + m.styles.Muted.Render(" was "+was)
		}
		if i == w.cursor {
			line = m.styles.Selected.Render(">") + " " + line
		} else {
			line = "  " + line
		}
		b.WriteString(line + "\n")
	}
	return strings.TrimRight(b.String(), "\n")
}

// whatifSummary is the total, the delta from the baseline and the
// per-resource deltas.
func (m Model) whatifSummary() string {
	cur, base := m.snap, m.baseSnap
	var lines []string
	add := func(label, v string) { lines = append(lines, pad(label, 10)+v) }
	add("Total", m.styles.Money.Render(money.USD(cur.Breakdown.TotalMonthlyCost)+"/mo"))
	add("Baseline", money.USD(base.Breakdown.TotalMonthlyCost)+"/mo")
	d := cur.Breakdown.TotalMonthlyCost.Sub(base.Breakdown.TotalMonthlyCost)
	add("Delta", m.deltaText(d, base.Breakdown.TotalMonthlyCost))
	tier := cur.Tier
	if cur.Tier != base.Tier {
		tier = m.styles.Changed.Render(cur.Tier+" *") + m.styles.Muted.Render(" was "+base.Tier)
	}
	add("Tier", tier)
	add("Fixed", money.USD(cur.Breakdown.FixedMonthlyCost)+" · usage "+money.USD(cur.Breakdown.UsageMonthlyCost))
	if n := cur.Breakdown.MissingPrices; n > 0 {
		lines = append(lines, m.styles.NotPriced.Render(fmt.Sprintf("%d price(s) not found, not in totals", n)))
	}
	if len(cur.Sizing) > 0 {
		lines = append(lines, m.styles.Heading.Render("Sizing"))
		for _, s := range cur.Sizing {
			lines = append(lines, "  "+s)
		}
	}
	deltas := resourceDeltas(base, cur)
	lines = append(lines, m.styles.Heading.Render("Change by resource"))
	if len(deltas) == 0 {
		lines = append(lines, m.styles.Muted.Render("  none"))
	}
	for _, rd := range deltas {
		lines = append(lines, "  "+pad(rd.name, 20)+" "+padLeft(m.deltaText(rd.delta, decimal.Zero), 12)+m.styles.Muted.Render(rd.note))
	}
	return strings.Join(lines, "\n")
}

// deltaText renders "+$234.56 (+23%)", the sign readable without colour.
func (m Model) deltaText(d, base decimal.Decimal) string {
	s := money.Signed(d)
	if base.IsPositive() && !d.IsZero() {
		s += fmt.Sprintf(" (%+.0f%%)", d.InexactFloat64()/base.InexactFloat64()*100)
	}
	switch {
	case d.IsPositive():
		return m.styles.Increase.Render(s)
	case d.IsNegative():
		return m.styles.Decrease.Render(s)
	}
	return s
}

// resDelta is one resource's monthly change from the baseline.
type resDelta struct {
	name  string
	delta decimal.Decimal
	note  string // " new" or " removed"
}

// resourceDeltas matches resources by URN (or type and name) and lists the
// changed ones, largest change first.
func resourceDeltas(base, cur *Snapshot) []resDelta {
	keyOf := func(urn, typ, name string) string {
		if urn != "" {
			return urn
		}
		return typ + "::" + name
	}
	before := map[string]decimal.Decimal{}
	for _, r := range base.Breakdown.Resources {
		before[keyOf(r.URN, r.Type, r.Name)] = r.MonthlyCost
	}
	seen := map[string]bool{}
	var out []resDelta
	for _, r := range cur.Breakdown.Resources {
		k := keyOf(r.URN, r.Type, r.Name)
		seen[k] = true
		old, ok := before[k]
		rd := resDelta{name: r.Name, delta: r.MonthlyCost.Sub(old)}
		if !ok {
			rd.note = " new"
		}
		if !rd.delta.IsZero() || !ok {
			out = append(out, rd)
		}
	}
	for _, r := range base.Breakdown.Resources {
		if k := keyOf(r.URN, r.Type, r.Name); !seen[k] {
			out = append(out, resDelta{name: r.Name, delta: r.MonthlyCost.Neg(), note: " removed"})
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if c := out[i].delta.Abs().Cmp(out[j].delta.Abs()); c != 0 {
			return c > 0
		}
		return out[i].name < out[j].name
	})
	return out
}
