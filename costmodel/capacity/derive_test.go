package capacity

import (
	"math"
	"math/rand"
	"testing"
)

func near(a, b, tol float64) bool { return math.Abs(a-b) <= tol }

// Erlang C values checked against published figures. C(2, 1) = 1/3 is the
// two-server closed form C = A^2 / (A^2 + (2 - A)(1 + A)) = 1 / (1 + 2).
// C(5, 4) = 0.5541 is the value listed in standard Erlang C tables; by hand
// with the Erlang B recursion: B1 = 4/5 = 0.8; B2 = 3.2/5.2 = 0.61538;
// B3 = 2.46154/5.46154 = 0.45070; B4 = 1.80282/5.80282 = 0.31068;
// B5 = 1.24272/6.24272 = 0.19907; C = 5 x 0.19907 / (5 - 4 x 0.80093)
// = 0.99535 / 1.79628 = 0.55412. C(10, 6) is the textbook example "120
// customers an hour, 3 minutes each, 10 servers: from the Erlang C curve
// the probability of waiting is about 0.10"; the recursion gives 0.1013.
func TestErlangCPublishedValues(t *testing.T) {
	cases := []struct {
		c    int
		a    float64
		want float64
		tol  float64
	}{
		{2, 1, 1.0 / 3, 1e-12},
		{5, 4, 0.5541, 1e-4},
		{10, 6, 0.1013, 1e-4},
		{1, 0.5, 0.5, 1e-12}, // M/M/1: P(wait) = rho
		{3, 0, 0, 0},
		{3, 3, 1, 0}, // saturated
		{3, 4, 1, 0}, // unstable
	}
	for _, tc := range cases {
		if got := ErlangC(tc.c, tc.a); !near(got, tc.want, tc.tol) {
			t.Errorf("ErlangC(%d, %v) = %.6f, want %.6f", tc.c, tc.a, got, tc.want)
		}
	}
}

func TestErlangCLargeCApproximation(t *testing.T) {
	// Just below and above the exact/approximate switch the two methods
	// must agree closely at the same utilisation (rho = 0.999).
	c := 1_000_000
	a := 0.999 * float64(c)
	exact := ErlangC(c, a)
	approx := erlangCHalfinWhitt(c, a)
	if !near(exact, approx, 0.01) {
		t.Errorf("exact %.4f vs Halfin-Whitt %.4f", exact, approx)
	}
	if got := ErlangC(2_000_000, 1_000_000); got != 0 {
		t.Errorf("ErlangC at rho 0.5 with 2M servers = %v, want 0", got)
	}
}

func TestWaits(t *testing.T) {
	// M/M/2, lambda = 1/s, mu = 1/s: C = 1/3, c mu - lambda = 1.
	// Wq = (1/3) / 1 = 0.3333 s; t95 = ln((1/3)/0.05) / 1 = ln(6.6667) = 1.8971 s.
	if got := MeanWaitSeconds(2, 1, 1); !near(got, 1.0/3, 1e-12) {
		t.Errorf("Wq = %v", got)
	}
	if got := P95WaitSeconds(2, 1, 1); !near(got, math.Log(20.0/3), 1e-12) {
		t.Errorf("t95 = %v, want ln(6.6667) = 1.8971", got)
	}
	// M/M/1 at lambda 0.01, mu 1: C = 0.01 < 0.05, so p95 wait is 0.
	if got := P95WaitSeconds(1, 0.01, 1); got != 0 {
		t.Errorf("t95 = %v, want 0", got)
	}
	if got := P95WaitSeconds(1, 2, 1); !math.IsInf(got, 1) {
		t.Errorf("unstable t95 = %v, want +Inf", got)
	}
	if got := MeanWaitSeconds(1, 0, 1); got != 0 {
		t.Errorf("idle Wq = %v", got)
	}
}

func TestTrafficDerivations(t *testing.T) {
	// 10k tier: 10,000 x 0.25 x 150 / 86,400 = 375,000 / 86,400 = 4.340278/s.
	avg := AverageRPS(10000, 0.25, 150)
	if !near(avg, 4.340278, 1e-6) {
		t.Errorf("avg = %v", avg)
	}
	// Peak 3.5x = 15.190972/s; after a CDN that serves 0.6 x 0.85 = 0.51 of
	// it, 0.49 x 15.190972 = 7.443576/s reaches the origin.
	peak := PeakRPS(avg, 3.5)
	if o := OriginRPS(peak, 0.6, 0.85, true); !near(o, 7.443576, 1e-6) {
		t.Errorf("origin = %v", o)
	}
	if o := OriginRPS(peak, 0.6, 0.85, false); o != peak {
		t.Errorf("no CDN origin = %v, want all of %v", o, peak)
	}
	// Reads: 7.443576 x 3 x 0.9 x 0.2 = 4.019531; writes: x 3 x 0.1 = 2.233073.
	if r := DBReadQPS(7.443576, 3, 0.9, 0.8); !near(r, 4.019531, 1e-6) {
		t.Errorf("reads = %v", r)
	}
	if w := DBWriteQPS(7.443576, 3, 0.9); !near(w, 2.233073, 1e-6) {
		t.Errorf("writes = %v", w)
	}
	// 0.6 GB x 1.25 = 0.75 GB.
	if m := CacheMemoryGB(0.6, 0.25); !near(m, 0.75, 1e-12) {
		t.Errorf("cache = %v", m)
	}
	// 10,000 x 5 MB = 50 GB; 1.1^12 = 3.138428; 156.92 GB.
	if d := DataAfterMonthsGB(10000, 5, 0.1, 12); !near(d, 156.9214, 1e-4) {
		t.Errorf("data = %v", d)
	}
	// 1 request/s of 1,000 KB for 2,628,000 s = 2,628 GB.
	if g := MonthlyGB(1, 1000); g != 2628 {
		t.Errorf("monthly GB = %v", g)
	}
}

func TestCeilPos(t *testing.T) {
	for _, tc := range []struct {
		in   float64
		want int
	}{{0, 0}, {-1, 0}, {1, 1}, {1.0000000000001, 1}, {1.1, 2}, {math.NaN(), 0}, {math.Inf(1), 1e9}} {
		if got := ceilPos(tc.in); got != tc.want {
			t.Errorf("ceilPos(%v) = %d, want %d", tc.in, got, tc.want)
		}
	}
}

// p95Scale stops its bisection once lo and hi are neighbours; the answer
// is the one all 60 steps give.
func TestP95ScaleStopsWhereSixtyStepsEnd(t *testing.T) {
	sixty := func(servers int, lambda, mu, p95 float64) float64 {
		ok := func(k float64) bool { return P95WaitSeconds(servers, lambda*k, mu) <= p95 }
		lo, hi := 0.0, float64(servers)*mu/lambda
		if !ok(lo + 1e-12) {
			return 1e-12
		}
		for i := 0; i < 60; i++ {
			mid := (lo + hi) / 2
			if ok(mid) {
				lo = mid
			} else {
				hi = mid
			}
		}
		return lo
	}
	rng := rand.New(rand.NewSource(5))
	n := 3000
	if testing.Short() {
		n = 300
	}
	for range n {
		servers := 1 + rng.Intn(400)
		mu := 1 + rng.Float64()*100
		lambda := rng.Float64() * float64(servers) * mu * 1.5
		p95 := rng.Float64() * 0.2
		if lambda <= 0 {
			continue
		}
		if got, want := p95Scale(servers, lambda, mu, p95), sixty(servers, lambda, mu, p95); got != want {
			t.Fatalf("p95Scale(%d, %v, %v, %v) = %v, want %v", servers, lambda, mu, p95, got, want)
		}
	}
}
