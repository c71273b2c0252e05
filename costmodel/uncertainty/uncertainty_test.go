package uncertainty

import (
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

func d(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func close(a, b, tol float64) bool { return math.Abs(a-b) <= tol*math.Max(1, math.Abs(b)) }

// TestNormalQuantile checks AS 241 against values computed to 30 digits
// with mpmath (√2 · erfinv(2p − 1)).
func TestNormalQuantile(t *testing.T) {
	for _, c := range []struct{ p, want float64 }{
		{0.5, 0},
		{0.9, 1.2815515655446004},   // mpmath: 1.28155156554460046696...
		{0.975, 1.959963984540054},  // 1.95996398454005423552...
		{0.3, -0.5244005127080407},  // -0.52440051270804067...
		{1e-10, -6.361340902404056}, // tail, r <= 5: -6.36134090240405620...
		{1e-20, -9.262340089798408}, // r > 5 branch: -9.26234008979840757 (mpmath at 80 digits)
	} {
		if got := NormalQuantile(c.p); !close(got, c.want, 1e-14) {
			t.Errorf("NormalQuantile(%v) = %.17g, want %.17g", c.p, got, c.want)
		}
	}
	if z := NormalQuantile(0.1); !close(z, -z90, 1e-15) {
		t.Errorf("NormalQuantile(0.1) = %.17g, want -z90 %.17g", z, -z90)
	}
}

// TestQuantileHitsP10P50P90: whatever the distribution, the range's own
// quantiles at 0.1, 0.5 and 0.9 are its P10, P50 and P90, and a point is
// its value everywhere.
func TestQuantileHitsP10P50P90(t *testing.T) {
	for _, r := range []Range{
		{Dist: Triangular, P10: 0.75, P50: 0.85, P90: 0.9},
		{Dist: Triangular, P10: -0.5, P50: 0, P90: 0.25},
		{Dist: LogNormal, P10: 75000, P50: 100000, P90: 135000},
		{Dist: LogNormal, P10: 2, P50: 4, P90: 8},
	} {
		for _, c := range []struct{ u, want float64 }{{0.1, r.P10}, {0.5, r.P50}, {0.9, r.P90}} {
			if got := r.Quantile(c.u); !close(got, c.want, 1e-12) {
				t.Errorf("%v: Quantile(%v) = %.17g, want %v", r, c.u, got, c.want)
			}
		}
		// Monotone: a higher share never gives a lower value.
		prev := math.Inf(-1)
		for k := 1; k < 1000; k++ {
			v := r.Quantile(float64(k) / 1000)
			if v < prev {
				t.Fatalf("%v: not monotone at u = %v", r, float64(k)/1000)
			}
			prev = v
		}
	}
	p := Range{Dist: LogNormal, P10: 5, P50: 5, P90: 5}
	if got := p.Quantile(0.01); got != 5 {
		t.Errorf("a point's quantile = %v, want 5", got)
	}
}

// TestTriangularFoot: the symmetric triangular with P10 = 0.8, P50 = 1,
// P90 = 1.2 has half-width 0.2/(1 − √0.2) = 0.2/0.5527864045 = 0.3618034,
// so its lowest value (u → 0) is 1 − 0.3618034 = 0.6381966.
func TestTriangularFoot(t *testing.T) {
	r := Range{Dist: Triangular, P10: 0.8, P50: 1, P90: 1.2}
	if got := r.Quantile(1e-12); !close(got, 0.6381966, 1e-6) {
		t.Errorf("foot = %v, want 0.6381966", got)
	}
	if got := r.Quantile(1 - 1e-12); !close(got, 1.3618034, 1e-6) {
		t.Errorf("top = %v, want 1.3618034", got)
	}
}

func TestPercentileNearestRank(t *testing.T) {
	var vs []decimal.Decimal
	for i := 10; i >= 1; i-- { // 10 … 1, unsorted on purpose
		vs = append(vs, decimal.NewFromInt(int64(i)))
	}
	// n = 10: P10 is the ⌈1⌉st = 1, P50 the ⌈5⌉th = 5, P90 the ⌈9⌉th = 9.
	p := Percentile3(vs)
	if !p.P10.Equal(d("1")) || !p.P50.Equal(d("5")) || !p.P90.Equal(d("9")) {
		t.Errorf("n=10: %v %v %v, want 1 5 9", p.P10, p.P50, p.P90)
	}
	// n = 4 (1, 2, 3, 4): P10 ⌈0.4⌉ = 1st = 1, P50 ⌈2⌉ = 2nd = 2, P90 ⌈3.6⌉ = 4th = 4.
	p = Percentile3([]decimal.Decimal{d("4"), d("1"), d("3"), d("2")})
	if !p.P10.Equal(d("1")) || !p.P50.Equal(d("2")) || !p.P90.Equal(d("4")) {
		t.Errorf("n=4: %v %v %v, want 1 2 4", p.P10, p.P50, p.P90)
	}
	if got := Percentile([]decimal.Decimal{d("7.005")}, 90); !got.Equal(d("7.005")) {
		t.Errorf("n=1: %v", got)
	}
}

// TestDesignIsLatinHypercube: each ranged assumption takes each of its n
// midpoint quantiles exactly once; points are not in the design.
func TestDesignIsLatinHypercube(t *testing.T) {
	rs := Ranges{
		"asg_running":     {Dist: Triangular, P10: -0.5, P50: 0, P90: 0.25},
		"peak_to_average": {Dist: LogNormal, P10: 2.55, P50: 3, P90: 3.9},
		"read_share":      {Dist: Triangular, P10: 0.9, P50: 0.9, P90: 0.9},
	}
	const n = 40
	design := Design(rs, n, 7)
	for _, name := range []string{"asg_running", "peak_to_average"} {
		var got, want []float64
		for k := 0; k < n; k++ {
			got = append(got, design[k][name])
			want = append(want, rs[name].Quantile((float64(k)+0.5)/n))
		}
		sort.Float64s(got)
		for k := range want {
			if got[k] != want[k] {
				t.Fatalf("%s: value %d = %v, want %v", name, k, got[k], want[k])
			}
		}
	}
	if _, ok := design[0]["read_share"]; ok {
		t.Error("a point is sampled")
	}
	// The two columns are shuffled differently.
	same := 0
	for k := 0; k < n-1; k++ {
		a := design[k]["asg_running"] < design[k+1]["asg_running"]
		b := design[k]["peak_to_average"] < design[k+1]["peak_to_average"]
		if a == b {
			same++
		}
	}
	if same == n-1 {
		t.Error("the columns move together: the shuffles are not independent")
	}
}

// TestDesignColumnsIndependentOfOthers: ranging one more assumption does
// not change another's column (each is seeded by its name).
func TestDesignColumnsIndependentOfOthers(t *testing.T) {
	one := Ranges{"asg_running": {Dist: Triangular, P10: -0.5, P50: 0, P90: 0.25}}
	two := Ranges{"asg_running": one["asg_running"], "read_share": {Dist: Triangular, P10: 0.85, P50: 0.9, P90: 0.93}}
	a, b := Design(one, 50, 1), Design(two, 50, 1)
	for i := range a {
		if a[i]["asg_running"] != b[i]["asg_running"] {
			t.Fatalf("sample %d moved: %v vs %v", i, a[i]["asg_running"], b[i]["asg_running"])
		}
	}
	if c := Design(one, 50, 2); c[0]["asg_running"] == a[0]["asg_running"] && c[1]["asg_running"] == a[1]["asg_running"] && c[2]["asg_running"] == a[2]["asg_running"] {
		t.Error("another seed gives the same design")
	}
}

// TestWorkingSetFollowsUsers: the hot working set of a scenario is drawn
// at today's users and scaled by the scenario's users over today's.
func TestWorkingSetFollowsUsers(t *testing.T) {
	rs := Ranges{
		"monthly_active_users": {Dist: LogNormal, P10: 75000, P50: 100000, P90: 135000},
		"hot_working_set_gb":   {Dist: LogNormal, P10: 3, P50: 5, P90: 8.5},
	}
	alone := Design(Ranges{"hot_working_set_gb": rs["hot_working_set_gb"]}, 30, 1)
	both := Design(rs, 30, 1)
	for i := range both {
		u := both[i]["monthly_active_users"]
		if u != math.Round(u) {
			t.Fatalf("users %v are not whole", u)
		}
		want := alone[i]["hot_working_set_gb"] * u / 100000
		if !close(both[i]["hot_working_set_gb"], want, 1e-12) {
			t.Fatalf("sample %d: working set %v, want %v", i, both[i]["hot_working_set_gb"], want)
		}
	}
}

// linear is a cost that is linear in one assumption: $1,000 + $200 per
// unit, with a $100 component "fixed" and the rest "variable".
func linear(name string) Evaluate {
	return func(v Values) (Outcome, error) {
		x := decimal.NewFromFloat(v[name])
		total := d("1000").Add(d("200").Mul(x))
		return Outcome{Total: total, Components: map[string]decimal.Decimal{"fixed": d("100"), "variable": total.Sub(d("100"))}}, nil
	}
}

// TestOneLinearAssumption is the hand-checkable band: one assumption
// (asg_running, triangular with P10 −0.5, P50 0, P90 0.25) and a cost of
// $1,000 + $200 × x.
func TestOneLinearAssumption(t *testing.T) {
	rs := Ranges{"asg_running": {Dist: Triangular, P10: -0.5, P50: 0, P90: 0.25}}
	for _, c := range []struct {
		n             int
		p10, p50, p90 string
	}{
		// n = 265: the nearest ranks are the 27th, 133rd and 239th
		// smallest (⌈26.5⌉, ⌈132.5⌉, ⌈238.5⌉), at the midpoints
		// 26.5/265 = 0.1, 132.5/265 = 0.5 and 238.5/265 = 0.9: the
		// range's own P10, P50, P90. Cost: 1000 + 200 × (−0.5) = 900,
		// 1000 + 200 × 0 = 1000, 1000 + 200 × 0.25 = 1050.
		{265, "900.00", "1000.00", "1050.00"},
		// n = 256: ranks ⌈25.6⌉ = 26, ⌈128⌉ = 128, ⌈230.4⌉ = 231, at
		// u = 25.5/256 = 0.099609375, 127.5/256 = 0.498046875 and
		// 230.5/256 = 0.900390625. With foot = 1 − √0.2 = 0.5527864045:
		// P10: x = −0.5/foot × (1 − √(2 × 0.099609375)) = −0.904508497 ×
		//   (1 − 0.446339277) = −0.904508497 × 0.553660723 = −0.500791
		//   → 1000 − 100.158 = $899.84;
		// P50: x = −0.904508497 × (1 − √0.99609375) = −0.904508497 ×
		//   (1 − 0.998045966) = −0.904508497 × 0.001954034 = −0.001767
		//   → 1000 − 0.353 = $999.65;
		// P90: x = 0.25/foot × (1 − √(2 × 0.099609375)) = 0.452254249 ×
		//   0.553660723 = 0.250395 → 1000 + 50.079 = $1,050.08.
		{256, "899.84", "999.65", "1050.08"},
	} {
		t.Run(fmt.Sprint(c.n), func(t *testing.T) {
			b, err := Run(rs, linear("asg_running"), Options{Samples: c.n, Workers: 3})
			if err != nil {
				t.Fatal(err)
			}
			got := []string{b.Total.P10.StringFixed(2), b.Total.P50.StringFixed(2), b.Total.P90.StringFixed(2)}
			if strings.Join(got, " ") != c.p10+" "+c.p50+" "+c.p90 {
				t.Errorf("P10 P50 P90 = %v, want %s %s %s", got, c.p10, c.p50, c.p90)
			}
			// The fixed component is $100 in every scenario; the variable
			// one is the total less $100 at each percentile.
			for _, comp := range b.Components {
				switch comp.Name {
				case "fixed":
					if !comp.P10.Equal(d("100")) || !comp.P90.Equal(d("100")) {
						t.Errorf("fixed = %v..%v", comp.P10, comp.P90)
					}
				case "variable":
					if !comp.P10.Equal(b.Total.P10.Sub(d("100"))) || !comp.P90.Equal(b.Total.P90.Sub(d("100"))) {
						t.Errorf("variable = %v..%v", comp.P10, comp.P90)
					}
				}
			}
		})
	}
}

// TestCollapsedRanges: with every range a point, every scenario is today's
// estimate, so P10 = P50 = P90 = its total, to the cent and beyond.
func TestCollapsedRanges(t *testing.T) {
	rs := Ranges{"asg_running": {Dist: Triangular, P10: 0, P50: 0, P90: 0}, "read_share": {Dist: Triangular, P10: 0.9, P50: 0.9, P90: 0.9}}
	calls := 0
	today := d("1807.0812")
	eval := func(v Values) (Outcome, error) {
		calls++
		if len(v) != 0 {
			t.Errorf("a point was set: %v", v)
		}
		return Outcome{Total: today}, nil
	}
	b, err := Run(rs, eval, Options{Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	if !b.Total.P10.Equal(today) || !b.Total.P50.Equal(today) || !b.Total.P90.Equal(today) {
		t.Errorf("band %v %v %v, want %v", b.Total.P10, b.Total.P50, b.Total.P90, today)
	}
	if calls != DefaultSamples {
		t.Errorf("%d scenarios priced, want %d", calls, DefaultSamples)
	}
}

// TestOverBudget: over n = 265 scenarios of 1000 + 200 × x, the budget
// $1,000.00 is exceeded by the scenarios with x > 0: the upper half less
// the median one (x = 0 exactly at k = 132), so k = 133 … 264, 132
// scenarios: 132/265 = 0.4981132….
func TestOverBudget(t *testing.T) {
	rs := Ranges{"asg_running": {Dist: Triangular, P10: -0.5, P50: 0, P90: 0.25}}
	budget := d("1000")
	b, err := Run(rs, linear("asg_running"), Options{Budget: &budget})
	if err != nil {
		t.Fatal(err)
	}
	if b.OverBudgetCount != 132 || b.OverBudget == nil || !b.OverBudget.Equal(d("132").Div(d("265"))) {
		t.Errorf("over budget %d (%v), want 132 of 265", b.OverBudgetCount, b.OverBudget)
	}
}

// TestSameSeedSameBand: the band is a function of the seed alone, however
// many workers price it.
func TestSameSeedSameBand(t *testing.T) {
	rs := Ranges{
		"asg_running":     {Dist: Triangular, P10: -0.5, P50: 0, P90: 0.25},
		"peak_to_average": {Dist: LogNormal, P10: 2.55, P50: 3, P90: 3.9},
	}
	eval := func(v Values) (Outcome, error) {
		t := decimal.NewFromFloat(v["peak_to_average"] * 100).Add(decimal.NewFromFloat(v["asg_running"] * 333))
		return Outcome{Total: t}, nil
	}
	render := func(b Band) string { return fmt.Sprintf("%v %v %v", b.Total.P10, b.Total.P50, b.Total.P90) }
	a, _ := Run(rs, eval, Options{Workers: 1})
	b, _ := Run(rs, eval, Options{Workers: 4})
	c, _ := Run(rs, eval, Options{Workers: 2, Seed: 99})
	if render(a) != render(b) {
		t.Errorf("workers change the band: %s vs %s", render(a), render(b))
	}
	if render(a) == render(c) {
		t.Errorf("another seed gives the same band %s", render(a))
	}
}

// TestTornado: bars are the totals at each assumption's P10 and P90 with
// the others unset, sorted by swing.
func TestTornado(t *testing.T) {
	rs := Ranges{
		"asg_running":     {Dist: Triangular, P10: -0.5, P50: 0, P90: 0.25},
		"peak_to_average": {Dist: LogNormal, P10: 2.5, P50: 3, P90: 4},
		"read_share":      {Dist: Triangular, P10: 0.9, P50: 0.9, P90: 0.9},
		"forecast_growth": {Dist: Triangular, P10: 2, P50: 5, P90: 8},
	}
	// total = 1000 + 200 × asg_running + 100 × (peak − 3), each unset at today's.
	eval := func(v Values) (Outcome, error) {
		if len(v) != 1 {
			t.Errorf("a bar sets %d assumptions, want 1", len(v))
		}
		asg, ok := v["asg_running"]
		if !ok {
			asg = 0
		}
		peak, ok := v["peak_to_average"]
		if !ok {
			peak = 3
		}
		return Outcome{Total: d("1000").Add(decimal.NewFromFloat(200 * asg)).Add(decimal.NewFromFloat(100 * (peak - 3)))}, nil
	}
	bars, err := Tornado(rs, eval, 1)
	if err != nil {
		t.Fatal(err)
	}
	// peak: 1000 + 100 × (2.5 − 3) = 950 .. 1000 + 100 × 1 = 1100, swing 150;
	// asg: 1000 − 100 = 900 .. 1000 + 50 = 1050, swing 150: a tie, by name.
	want := []string{"asg_running 900 1050 150", "peak_to_average 950 1100 150"}
	var got []string
	for _, b := range bars {
		got = append(got, fmt.Sprintf("%s %v %v %v", b.Name, b.Low, b.High, b.Swing))
	}
	if strings.Join(got, "; ") != strings.Join(want, "; ") {
		t.Errorf("tornado = %v, want %v", got, want)
	}
}

func TestDefaultRanges(t *testing.T) {
	for _, c := range []struct {
		tier, name    string
		today         float64
		p10, p50, p90 float64
	}{
		// 100k users × 0.75 and × 1.35.
		{"100k", "monthly_active_users", 100000, 75000, 100000, 135000},
		// A 0.85 cache hit is 0.15 misses; × 1.6 = 0.24 → 0.76, × 0.65 = 0.0975 → 0.9025.
		{"100k", "cache_hit_ratio", 0.85, 0.76, 0.85, 0.9025},
		// The 1k tier has no cache: known.
		{"1k", "cache_hit_ratio", 0, 0, 0, 0},
		// DAU share 0.9 × 1.15 passes 1: clamped to 1.
		{"1m", "daily_active_share", 0.9, 0.765, 0.9, 1},
		// ASG position: −0.5 .. +0.25 around 0.
		{"10k", "asg_running", 0, -0.5, 0, 0.25},
		// Forecast growth 5 % ± 3 points at 100k.
		{"100k", "forecast_growth", 5, 2, 5, 8},
		// A log-normal quantity that is 0 today stays 0.
		{"10k", "hot_working_set_gb", 0, 0, 0, 0},
	} {
		r, err := DefaultRange(c.tier, c.name, c.today)
		if err != nil {
			t.Fatal(err)
		}
		if !close(r.P10, c.p10, 1e-12) || r.P50 != c.p50 || !close(r.P90, c.p90, 1e-12) {
			t.Errorf("%s %s: %v, want %v .. %v .. %v", c.tier, c.name, r, c.p10, c.p50, c.p90)
		}
		if err := r.Check(); err != nil {
			t.Errorf("%s %s: %v", c.tier, c.name, err)
		}
	}
	if _, err := DefaultRange("2m", "read_share", 0.9); err == nil {
		t.Error("an unknown tier has defaults")
	}
}

// TestRangeStringGroupsThousands: a range reads as every table writes
// numbers, with thousands separators on whole numbers.
func TestRangeStringGroupsThousands(t *testing.T) {
	for _, c := range []struct {
		r    Range
		want string
	}{
		{Range{Dist: LogNormal, P10: 75000, P50: 100000, P90: 135000}, "75,000 .. 100,000 .. 135,000 (lognormal)"},
		{Range{Dist: Triangular, P10: 0.85, P50: 0.9, P90: 0.935}, "0.85 .. 0.9 .. 0.935 (triangular)"},
		{Range{Dist: LogNormal, P10: 1500, P50: 1500, P90: 1500}, "1,500 (fixed)"},
		{Range{Dist: LogNormal, P10: 105, P50: 150, P90: 210}, "105 .. 150 .. 210 (lognormal)"},
	} {
		if got := c.r.String(); got != c.want {
			t.Errorf("%+v: got %q, want %q", c.r, got, c.want)
		}
	}
}

// TestSortedKeepsDecimalOrder holds sorted to a plain stable sort by
// decimal comparison over values of mixed exponents, equal values of
// unlike exponents (1.5 and 1.50) among them, which must keep their order.
func TestSortedKeepsDecimalOrder(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	for round := 0; round < 200; round++ {
		n := 1 + rng.IntN(300)
		vs := make([]decimal.Decimal, n)
		for i := range vs {
			// Few distinct values, many exponents: ties are common.
			coef := int64(rng.IntN(40)) - 10
			exp := -int32(rng.IntN(6))
			vs[i] = decimal.New(coef*int64(math.Pow10(int(-exp))), exp).Div(decimal.NewFromInt(4)).Truncate(-exp + 2)
			if rng.IntN(5) == 0 {
				vs[i] = decimal.Decimal{} // the zero value, as a component a scenario lacks
			}
		}
		want := append([]decimal.Decimal(nil), vs...)
		sort.SliceStable(want, func(i, j int) bool { return want[i].LessThan(want[j]) })
		got := sorted(vs)
		for i := range want {
			if got[i].String() != want[i].String() || got[i].Exponent() != want[i].Exponent() || !got[i].Equal(want[i]) {
				t.Fatalf("round %d, place %d: %s (exponent %d), want %s (exponent %d)", round, i, got[i], got[i].Exponent(), want[i], want[i].Exponent())
			}
		}
	}
	if got := Percentile3(nil); !got.P50.IsZero() {
		t.Errorf("percentiles of nothing: %+v", got)
	}
}
