package capacity

import (
	"math"
	"math/rand"
	"testing"

	"github.com/shopspring/decimal"
)

// qty rounds x's shortest decimal digits half up at the fourth place, as
// decimal.NewFromFloat(x).Round(4) does, with the same value and exponent
// (a memo compares both; 1.5 and 1.5000 print differently).
func TestQty(t *testing.T) {
	for _, c := range []struct {
		x    float64
		want string
	}{
		{0, "0"}, {math.Copysign(0, -1), "0"}, {-1, "0"}, {math.NaN(), "0"}, {math.Inf(1), "0"},
		{1.23455, "1.2346"}, // the float is below 1.23455, its shortest digits are not
		{2.675, "2.675"}, {0.00005, "0.0001"}, {0.00004999, "0"}, {0.000049999999, "0"},
		{12, "12"}, {1e13, "10000000000000"}, {1e15 + 0.5, "1000000000000000.5"}, {3e-300, "0"},
		{99999.99995, "100000"}, {0.1 + 0.2, "0.3"},
	} {
		got := qty(c.x)
		if got.String() != c.want {
			t.Errorf("qty(%v) = %s, want %s", c.x, got, c.want)
		}
		if c.x > 0 && !math.IsInf(c.x, 0) && got.Exponent() != -4 {
			t.Errorf("qty(%v) has exponent %d, want -4", c.x, got.Exponent())
		}
	}
	// Every magnitude sizing meets and past int64's reach, random digits
	// and the half-way cases of the fifth decimal.
	rng := rand.New(rand.NewSource(1))
	n := 200_000
	if testing.Short() {
		n = 20_000
	}
	for i := range n {
		x := rng.Float64() * math.Pow(10, float64(rng.Intn(30)-10))
		switch i % 4 {
		case 1:
			x = math.Round(x*1e5) / 1e5
		case 2:
			x = (math.Floor(x*1e4) + 0.5) / 1e4
		case 3:
			x = math.Round(x)
		}
		want := decimal.NewFromFloat(x).Round(4)
		if got := qty(x); got.String() != want.String() || got.Exponent() != want.Exponent() {
			t.Fatalf("qty(%v) = %s (exponent %d), want %s (exponent %d)", x, got, got.Exponent(), want, want.Exponent())
		}
	}
}

// BenchmarkQty is the usage quantities of one sizing (some fifty).
func BenchmarkQty(b *testing.B) {
	xs := []float64{0, 1.5, 123.456789, 0.000123, 98765.4321, 1e7 / 3, 2.675, 42}
	b.ReportAllocs()
	for b.Loop() {
		for _, x := range xs {
			qty(x)
		}
	}
}
