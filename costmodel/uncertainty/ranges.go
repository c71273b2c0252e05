// Package uncertainty owns how wrong an estimate can be: the ranges of the
// workload assumptions behind it (a documented default per tier, or the
// environment file's workload_ranges, or --set KNOB=LO..HI), the
// deterministic Latin hypercube that samples them, the percentiles of the
// sampled totals (P10, P50, P90, per component, and the chance of going
// over a budget), and the tornado that ranks the assumptions by how far
// each one alone moves the total. It never prices anything itself: the
// caller passes the function that sizes and prices one sample, which is
// the one estimating engine, so a band is made of ordinary estimates.
// docs/uncertainty.md documents every default range and the methods.
package uncertainty

import (
	"errors"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/tiercost/tiercost/costmodel/inputfile"
	"github.com/tiercost/tiercost/costmodel/money"
)

// Dist is the shape of a range between and beyond its P10, P50 and P90.
type Dist string

const (
	// Triangular is a two-piece triangular distribution: below the median
	// half of a triangle whose foot is placed so that 10 % of the mass
	// lies below P10, above it the same with P90. With P10 and P90 equally
	// far from P50 it is the symmetric triangular distribution. Its
	// support is bounded: P50 ± (P50−P10)/(1−√0.2), about 1.81 times the
	// distance to P10 (and likewise to P90).
	Triangular Dist = "triangular"
	// LogNormal is a two-piece log-normal distribution: a log-normal with
	// median P50 on each side, the lower side's spread set by P10 and the
	// upper side's by P90. With P50/P10 = P90/P50 it is the log-normal.
	// It needs P10 > 0.
	LogNormal Dist = "lognormal"
)

// Dists lists the distributions a range may name.
func Dists() []string { return []string{string(Triangular), string(LogNormal)} }

// Range is one assumption's uncertainty: its P10, P50 and P90 and the
// distribution through them. P50 is always today's value, the input of
// the point estimate, so the point estimate is the median scenario's.
type Range struct {
	Dist          Dist    `json:"distribution"`
	P10, P50, P90 float64 `json:"-"`
	// Source says where the range came from: "default (tier 100k)",
	// "environments/prod.yaml: line 12", "--set users".
	Source string `json:"source"`
}

// Point reports whether the range is one value: the assumption is known.
func (r Range) Point() bool { return r.P10 == r.P50 && r.P50 == r.P90 }

// z90 is Φ⁻¹(0.9), the standard normal's 90th percentile.
const z90 = 1.2815515655446004

// triFoot is 1−√0.2: a symmetric triangle with its peak at P50 has
// (P50−P10) = triFoot × (its half-width), since F(P10) = 0.1 means
// ((P10−foot)/half-width)² / 2 = 0.1.
var triFoot = 1 - math.Sqrt(0.2)

// Quantile is the range's inverse distribution function at u in (0, 1):
// the value below which a share u of the assumption's outcomes lie.
// Quantile(0.1) = P10, Quantile(0.5) = P50 and Quantile(0.9) = P90.
func (r Range) Quantile(u float64) float64 {
	if r.Point() {
		return r.P50
	}
	switch r.Dist {
	case LogNormal:
		z := NormalQuantile(u)
		if z < 0 {
			return r.P50 * math.Pow(r.P10/r.P50, -z/z90)
		}
		return r.P50 * math.Pow(r.P90/r.P50, z/z90)
	default:
		if u < 0.5 {
			return r.P50 - (r.P50-r.P10)/triFoot*(1-math.Sqrt(2*u))
		}
		return r.P50 + (r.P90-r.P50)/triFoot*(1-math.Sqrt(2*(1-u)))
	}
}

// Check reports whether the range is well formed: finite, P10 ≤ P50 ≤
// P90, a known distribution, and P10 > 0 for a log-normal that is not a
// point. The message names what is wrong and what is allowed; the caller
// adds where the range came from.
func (r Range) Check() error {
	for _, v := range []float64{r.P10, r.P50, r.P90} {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return errors.New("p10, p50 and p90 must be finite numbers")
		}
	}
	switch r.Dist {
	case Triangular, LogNormal:
	default:
		return fmt.Errorf("distribution %s is unknown; allowed: %s", inputfile.Excerpt(string(r.Dist)), strings.Join(Dists(), ", "))
	}
	if r.P10 > r.P50 || r.P50 > r.P90 {
		return fmt.Errorf("needs p10 (%s) <= p50 (%s) <= p90 (%s), and p50 is today's value", Num(r.P10), Num(r.P50), Num(r.P90))
	}
	if r.Dist == LogNormal && !r.Point() && r.P10 <= 0 {
		return fmt.Errorf("a lognormal range needs p10 greater than 0 (p10 is %s); allowed: a triangular range, or p10 > 0", Num(r.P10))
	}
	return nil
}

// String renders the range for people: "80,000 .. 100,000 .. 130,000
// (lognormal)", or the value alone when it is a point.
func (r Range) String() string {
	if r.Point() {
		return shown(r.P50) + " (fixed)"
	}
	return fmt.Sprintf("%s .. %s .. %s (%s)", shown(r.P10), shown(r.P50), shown(r.P90), r.Dist)
}

// shown is Num for people: whole numbers get thousands separators, as
// every table writes them ("100,000"); fractions stay as Num writes them.
func shown(v float64) string {
	if v == math.Trunc(v) && math.Abs(v) < 1e15 {
		return money.Number(v, 0)
	}
	return Num(v)
}

// Num writes a number plainly and briefly: 100000, 0.85, 2.5, 0.3333.
func Num(v float64) string {
	if v == math.Trunc(v) && math.Abs(v) < 1e15 {
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	return strconv.FormatFloat(v, 'g', 6, 64)
}

// Spec is a range as written in an environment file or on the command
// line, before today's value (its P50) is known: P10 and P90, optionally
// P50 (which must then be today's value), optionally the distribution, or
// Fixed for an assumption held at today's value.
type Spec struct {
	Fixed    bool
	P10, P90 float64
	// P50 is set when the spec gives it.
	P50  *float64
	Dist Dist
	// Source is where the spec was written, for errors and for the
	// range's Source.
	Source string
}

// Resolve turns a spec into a range around today's value. The spec's
// P50, when given, must be today's value; P10 and P90 must bracket it.
func (s Spec) Resolve(a Assumption, today float64) (Range, error) {
	if s.Fixed {
		return Range{Dist: a.Dist, P10: today, P50: today, P90: today, Source: s.Source}, nil
	}
	if s.P50 != nil && *s.P50 != today {
		return Range{}, fmt.Errorf("p50 is %s but today's value (the point estimate's input) is %s; allowed: leave p50 out, or %s", Num(*s.P50), Num(today), Num(today))
	}
	d := s.Dist
	if d == "" {
		d = a.Dist
	}
	r := Range{Dist: d, P10: s.P10, P50: today, P90: s.P90, Source: s.Source}
	if s.P10 > today || today > s.P90 {
		return Range{}, fmt.Errorf("p10 %s .. p90 %s does not contain today's value %s (the point estimate's input, the range's p50); allowed: p10 <= %s <= p90", Num(s.P10), Num(s.P90), Num(today), Num(today))
	}
	if err := r.Check(); err != nil {
		return Range{}, err
	}
	return r, nil
}

// Ranges are the ranges of one estimate's assumptions, by assumption name.
type Ranges map[string]Range

// Ranged lists the assumptions whose range is not a point, in table order.
func (rs Ranges) Ranged() []Assumption {
	var out []Assumption
	for _, a := range Assumptions() {
		if r, ok := rs[a.Name]; ok && !r.Point() {
			out = append(out, a)
		}
	}
	return out
}

// Names lists the ranges' assumption names in table order.
func (rs Ranges) Names() []string {
	var out []string
	for _, a := range Assumptions() {
		if _, ok := rs[a.Name]; ok {
			out = append(out, a.Name)
		}
	}
	// Names not in the table (none today) come last, sorted.
	var extra []string
	for n := range rs {
		if _, err := Lookup(n); err != nil {
			extra = append(extra, n)
		}
	}
	sort.Strings(extra)
	return append(out, extra...)
}
