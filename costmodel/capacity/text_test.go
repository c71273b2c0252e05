package capacity

import (
	"fmt"
	"math"
	"math/rand"
	"testing"
)

// text prints each number as the fmt verb it stands for does.
func TestTextMatchesFmt(t *testing.T) {
	xs := []float64{0, math.Copysign(0, -1), 1, -1, 0.5, 1.05, 2.675, 1e20, 1e21, 1e-5, 123456789.125, -0.4,
		math.Inf(1), math.Inf(-1), math.NaN(), math.MaxFloat64, math.SmallestNonzeroFloat64}
	rng := rand.New(rand.NewSource(3))
	for range 2000 {
		xs = append(xs, (rng.Float64()-0.2)*math.Pow(10, float64(rng.Intn(40)-15)))
	}
	for _, x := range xs {
		for _, c := range []struct{ got, want string }{
			{newText().v(x).String(), fmt.Sprintf("%v", x)},
			{newText().f(x, 0).String(), fmt.Sprintf("%.0f", x)},
			{newText().f(x, 1).String(), fmt.Sprintf("%.1f", x)},
			{newText().f(x, 2).String(), fmt.Sprintf("%.2f", x)},
			{newText().f(x, 4).String(), fmt.Sprintf("%.4f", x)},
			{newText().g4(x).String(), fmt.Sprintf("%.4g", x)},
		} {
			if c.got != c.want {
				t.Errorf("%v: text %q, fmt %q", x, c.got, c.want)
			}
		}
	}
	for _, n := range []int{0, 1, -7, 65536, math.MaxInt, math.MinInt} {
		if got, want := newText().d(n).s(" x ").String(), fmt.Sprintf("%d x ", n); got != want {
			t.Errorf("%d: text %q, fmt %q", n, got, want)
		}
	}
}
