package money

import (
	"math"
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/shopspring/decimal"
)

// TestSumIsChainedAdd holds Sum to decimal.Add chained from decimal.Zero
// over amounts of mixed signs, exponents (positive ones too) and sizes
// (coefficients past int64): the same value and the same exponent, so the
// same text.
func TestSumIsChainedAdd(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 5))
	for round := 0; round < 500; round++ {
		var s Sum
		want := decimal.Zero
		for i := rng.IntN(40); i > 0; i-- {
			coef := big.NewInt(rng.Int64N(2_000_000) - 1_000_000)
			if rng.IntN(8) == 0 { // past int64
				coef.Mul(coef, new(big.Int).Exp(big.NewInt(10), big.NewInt(25), nil))
			}
			d := decimal.NewFromBigInt(coef, int32(rng.IntN(14))-11)
			s.Add(d)
			want = want.Add(d)
		}
		got := s.Decimal()
		if !got.Equal(want) || got.Exponent() != want.Exponent() || got.String() != want.String() {
			t.Fatalf("round %d: sum %s (exponent %d), chained Add %s (exponent %d)", round, got, got.Exponent(), want, want.Exponent())
		}
	}
	// By hand: 0.1 + 2.25 + 3 = 5.35, at exponent −2; an empty sum is 0
	// at exponent 0, as decimal.Zero.
	var s Sum
	for _, x := range []string{"0.1", "2.25", "3"} {
		s.Add(decimal.RequireFromString(x))
	}
	if got := s.Decimal(); got.String() != "5.35" || got.Exponent() != -2 {
		t.Errorf("0.1 + 2.25 + 3 = %s (exponent %d), want 5.35 (exponent −2)", got, got.Exponent())
	}
	// A gap of 48 places, past the table of powers: 1e45 + 0.001.
	var wide Sum
	wide.Add(decimal.New(1, 45))
	wide.Add(decimal.RequireFromString("0.001"))
	if got, want := wide.Decimal(), decimal.New(1, 45).Add(decimal.RequireFromString("0.001")); got.String() != want.String() || got.Exponent() != -3 {
		t.Errorf("1e45 + 0.001 = %s (exponent %d), want %s", got, got.Exponent(), want)
	}
	// Terms near the int64 limit: the sum leaves int64 part way, in both
	// directions, and comes back within range.
	var near Sum
	nearWant := decimal.Zero
	for _, x := range []int64{math.MaxInt64 - 5, 10, math.MinInt64 + 1, math.MinInt64 + 1, math.MaxInt64, 7} {
		d := decimal.New(x, -2)
		near.Add(d)
		nearWant = nearWant.Add(d)
	}
	if got := near.Decimal(); got.String() != nearWant.String() || got.Exponent() != nearWant.Exponent() {
		t.Errorf("sum near the int64 limit %s (exponent %d), want %s", got, got.Exponent(), nearWant)
	}
	var empty Sum
	if got := empty.Decimal(); !got.IsZero() || got.Exponent() != 0 {
		t.Errorf("empty sum %s (exponent %d)", got, got.Exponent())
	}
}

func BenchmarkSum(b *testing.B) {
	terms := make([]decimal.Decimal, 300)
	for i := range terms {
		terms[i] = decimal.New(int64(i*7919%100000), -int32(i%6))
	}
	b.Run("Sum", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			var s Sum
			for _, d := range terms {
				s.Add(d)
			}
			_ = s.Decimal()
		}
	})
	b.Run("chained-Add", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			sum := decimal.Zero
			for _, d := range terms {
				sum = sum.Add(d)
			}
		}
	})
}
