package uncertainty

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/tiercost/tiercost/costmodel/inputfile"
)

// Assumption is one guess an estimate rests on that may be given a range.
type Assumption struct {
	// Name is the key under workload_ranges: the workload field's name
	// (as under workload:), or asg_running, or forecast_growth.
	Name string
	// Knob is the what-if knob that sets the assumption (--set, the TUI);
	// "" for forecast_growth, which the forecast's --growth sets.
	Knob string
	// Label is a short name for tables and the TUI.
	Label string
	// Dist is the distribution of the default range (and of a range that
	// names none).
	Dist Dist
	// Min and Max bound the assumption's values; samples are clamped to
	// them, which leaves every quantile inside the bounds unchanged.
	Min, Max float64
	// PerUser marks a quantity per user count (the hot working set): a
	// sample's value is drawn at today's users and scales with the
	// sample's users, as a users what-if scales it.
	PerUser bool
	// Forecast marks the forecast's growth rate: only forecasts sample it.
	Forecast bool
}

// Assumptions is the table of rangeable assumptions, in the order tables
// list them. The bounds are the knobs' (a test holds them equal), within
// the workload's (capacity.ValidateWorkload). Callers get their own copy.
func Assumptions() []Assumption { return slices.Clone(assumptions) }

// assumptions is the one table: every scenario of a band looks its knobs
// up in it, so it is built once.
var assumptions = []Assumption{
	{Name: "monthly_active_users", Knob: "users", Label: "users", Dist: LogNormal, Min: 1, Max: 1e9},
	{Name: "daily_active_share", Knob: "daily_active_share", Label: "daily active", Dist: LogNormal, Min: 0.001, Max: 1},
	{Name: "requests_per_user_per_day", Knob: "requests_per_user_per_day", Label: "requests/user", Dist: LogNormal, Min: 0.01, Max: 1e5},
	{Name: "peak_to_average", Knob: "peak_to_average", Label: "peak factor", Dist: LogNormal, Min: 1, Max: 100},
	{Name: "avg_response_kb", Knob: "avg_response_kb", Label: "response KB", Dist: LogNormal, Min: 0, Max: 1e5},
	{Name: "edge_cacheable_share", Knob: "edge_cacheable_share", Label: "edge cacheable", Dist: Triangular, Min: 0, Max: 1},
	{Name: "cdn_hit_ratio", Knob: "cdn_hit_ratio", Label: "CDN hit", Dist: Triangular, Min: 0, Max: 1},
	{Name: "db_queries_per_request", Knob: "db_queries_per_request", Label: "DB queries/req", Dist: LogNormal, Min: 0, Max: 1000},
	{Name: "read_share", Knob: "read_share", Label: "read share", Dist: Triangular, Min: 0, Max: 1},
	{Name: "cache_hit_ratio", Knob: "cache_hit_ratio", Label: "cache hit", Dist: Triangular, Min: 0, Max: 1},
	{Name: "hot_working_set_gb", Knob: "hot_working_set_gb", Label: "working set GB", Dist: LogNormal, Min: 0, Max: 1e6, PerUser: true},
	{Name: "data_per_user_mb", Knob: "data_per_user_mb", Label: "data/user MB", Dist: LogNormal, Min: 0, Max: 1e6},
	{Name: "monthly_growth", Knob: "monthly_growth", Label: "data growth", Dist: Triangular, Min: 0, Max: 1},
	{Name: "asg_running", Knob: "asg_running", Label: "ASG running", Dist: Triangular, Min: -1, Max: 1},
	{Name: "forecast_growth", Label: "forecast growth %", Dist: Triangular, Min: -50, Max: 100, Forecast: true},
}

// Lookup finds an assumption by its workload_ranges name.
func Lookup(name string) (Assumption, error) {
	for i := range assumptions {
		if assumptions[i].Name == name {
			return assumptions[i], nil
		}
	}
	return Assumption{}, fmt.Errorf("%s is not a rangeable assumption; allowed: %s", inputfile.Excerpt(name), strings.Join(names(), ", "))
}

// ByKnob finds the assumption a what-if knob sets.
func ByKnob(knob string) (Assumption, bool) {
	for i := range assumptions {
		if a := &assumptions[i]; a.Knob != "" && a.Knob == knob {
			return *a, true
		}
	}
	return Assumption{}, false
}

func names() []string {
	var out []string
	for _, a := range assumptions {
		out = append(out, a.Name)
	}
	return out
}

// Clamp keeps v inside the assumption's bounds.
func (a Assumption) Clamp(v float64) float64 {
	return math.Min(math.Max(v, a.Min), a.Max)
}

// CheckBounds reports a range whose P10 or P90 lies outside the
// assumption's bounds.
func (a Assumption) CheckBounds(r Range) error {
	if r.P10 < a.Min || r.P90 > a.Max {
		return fmt.Errorf("p10 %s .. p90 %s is out of bounds; allowed: %s to %s", Num(r.P10), Num(r.P90), Num(a.Min), Num(a.Max))
	}
	return nil
}

// rule is how a default range is placed around today's value.
type rule struct {
	kind   ruleKind
	lo, hi float64
}

type ruleKind int

const (
	none       ruleKind = iota // known: no range
	factor                     // P10 = P50 × lo, P90 = P50 × hi
	complement                 // P10 = 1 − (1−P50) × lo, P90 = 1 − (1−P50) × hi: the miss share scales
	delta                      // P10 = P50 + lo, P90 = P50 + hi
)

// defaults holds the default range rule of every assumption per tier.
// docs/uncertainty.md gives the reason for each figure; the short version:
// a younger product knows less, so its ranges are wider; hit ratios and
// shares range through their complement (a 0.85 hit ratio is 15 % misses,
// and it is the misses that are uncertain by a factor), so they never
// pass 1; the 1k tier has no CDN and no cache, so their hit ratios are 0
// and known.
var defaults = map[string]map[string]rule{
	"monthly_active_users": {
		"1k": {factor, 0.5, 2}, "10k": {factor, 0.6, 1.7}, "100k": {factor, 0.75, 1.35}, "1m": {factor, 0.85, 1.2}},
	"daily_active_share": {
		"1k": {factor, 0.6, 1.5}, "10k": {factor, 0.7, 1.4}, "100k": {factor, 0.8, 1.25}, "1m": {factor, 0.85, 1.15}},
	"requests_per_user_per_day": {
		"1k": {factor, 0.5, 2}, "10k": {factor, 0.6, 1.7}, "100k": {factor, 0.7, 1.4}, "1m": {factor, 0.8, 1.25}},
	"peak_to_average": {
		"1k": {factor, 0.75, 1.5}, "10k": {factor, 0.8, 1.4}, "100k": {factor, 0.85, 1.3}, "1m": {factor, 0.9, 1.2}},
	"avg_response_kb": {
		"1k": {factor, 0.6, 1.7}, "10k": {factor, 0.65, 1.6}, "100k": {factor, 0.75, 1.4}, "1m": {factor, 0.8, 1.3}},
	"edge_cacheable_share": {
		"1k": {factor, 0.75, 1.25}, "10k": {factor, 0.8, 1.2}, "100k": {factor, 0.85, 1.15}, "1m": {factor, 0.9, 1.1}},
	"cdn_hit_ratio": {
		"1k": {none, 0, 0}, "10k": {complement, 1.6, 0.6}, "100k": {complement, 1.5, 0.65}, "1m": {complement, 1.4, 0.7}},
	"db_queries_per_request": {
		"1k": {factor, 0.6, 1.8}, "10k": {factor, 0.65, 1.6}, "100k": {factor, 0.7, 1.5}, "1m": {factor, 0.75, 1.4}},
	"read_share": {
		"1k": {complement, 1.6, 0.6}, "10k": {complement, 1.5, 0.65}, "100k": {complement, 1.5, 0.7}, "1m": {complement, 1.4, 0.75}},
	"cache_hit_ratio": {
		"1k": {none, 0, 0}, "10k": {complement, 1.75, 0.6}, "100k": {complement, 1.6, 0.65}, "1m": {complement, 1.5, 0.7}},
	"hot_working_set_gb": {
		"1k": {factor, 0.5, 2}, "10k": {factor, 0.5, 2}, "100k": {factor, 0.6, 1.7}, "1m": {factor, 0.7, 1.5}},
	"data_per_user_mb": {
		"1k": {factor, 0.4, 2.5}, "10k": {factor, 0.5, 2}, "100k": {factor, 0.6, 1.7}, "1m": {factor, 0.7, 1.5}},
	"monthly_growth": {
		"1k": {factor, 0.3, 1.7}, "10k": {factor, 0.4, 1.6}, "100k": {factor, 0.5, 1.5}, "1m": {factor, 0.5, 1.5}},
	"asg_running": {
		"1k": {delta, -0.5, 0.25}, "10k": {delta, -0.5, 0.25}, "100k": {delta, -0.5, 0.25}, "1m": {delta, -0.5, 0.25}},
	"forecast_growth": {
		"1k": {delta, -5, 5}, "10k": {delta, -4, 4}, "100k": {delta, -3, 3}, "1m": {delta, -2, 2}},
}

// DefaultRange is an assumption's documented default range in a tier,
// around today's value. A tier without a rule (or an assumption known in
// it) gives a point.
func DefaultRange(tier, name string, today float64) (Range, error) {
	a, err := Lookup(name)
	if err != nil {
		return Range{}, err
	}
	r := Range{Dist: a.Dist, P10: today, P50: today, P90: today, Source: "default (tier " + tier + ")"}
	byTier, ok := defaults[name]
	if !ok {
		return r, errors.New("no default range for " + name)
	}
	rl, ok := byTier[tier]
	if !ok {
		return Range{}, fmt.Errorf("tier %q has no default ranges; allowed: 1k, 10k, 100k, 1m", tier)
	}
	switch rl.kind {
	case factor:
		r.P10, r.P90 = today*rl.lo, today*rl.hi
	case complement:
		r.P10, r.P90 = 1-(1-today)*rl.lo, 1-(1-today)*rl.hi
	case delta:
		r.P10, r.P90 = today+rl.lo, today+rl.hi
	}
	r.P10, r.P90 = math.Min(a.Clamp(r.P10), today), math.Max(a.Clamp(r.P90), today)
	// A log-normal needs P10 > 0: a quantity that is 0 today stays 0.
	if r.Dist == LogNormal && r.P10 <= 0 {
		r.P10, r.P90 = today, today
	}
	return r, nil
}

// DefaultRule describes an assumption's default rule in a tier for the
// docs: "× 0.75 .. × 1.35", "misses × 1.6 .. × 0.65", "−0.5 .. +0.25",
// "fixed".
func DefaultRule(tier, name string) string {
	rl := defaults[name][tier]
	switch rl.kind {
	case factor:
		return fmt.Sprintf("× %s .. × %s", Num(rl.lo), Num(rl.hi))
	case complement:
		return fmt.Sprintf("misses × %s .. × %s", Num(rl.lo), Num(rl.hi))
	case delta:
		return fmt.Sprintf("%s .. +%s", Num(rl.lo), Num(rl.hi))
	}
	return "fixed"
}
