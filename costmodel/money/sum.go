package money

import (
	"math"
	"math/big"

	"github.com/shopspring/decimal"
)

// Sum adds amounts exactly, in place. Its total is what chaining
// decimal.Add from decimal.Zero gives, value and exponent alike (the
// least of the terms' exponents and 0), without a new big.Int for every
// addition: a breakdown's totals add a few hundred line items, and a band
// adds them for every scenario. The coefficient is an int64 while it
// fits, a big.Int after. The zero value is an empty sum.
type Sum struct {
	small int64    // the coefficient, while wide is nil
	wide  *big.Int // the coefficient once it does not fit an int64
	exp   int32
	term  big.Int // scratch for wide additions
}

// Add adds d to the sum.
func (s *Sum) Add(d decimal.Decimal) {
	e := d.Exponent()
	if e < s.exp {
		s.scale(s.exp - e)
		s.exp = e
	}
	gap := e - s.exp
	if s.wide == nil && d.NumDigits() <= 18 { // the coefficient fits an int64
		if t, ok := timesPow10(d.CoefficientInt64(), gap); ok {
			if sum, ok := add64(s.small, t); ok {
				s.small = sum
				return
			}
		}
	}
	s.widen()
	s.term.Set(d.Coefficient())
	if gap > 0 {
		s.term.Mul(&s.term, pow10(gap))
	}
	s.wide.Add(s.wide, &s.term)
}

// scale multiplies the coefficient by 10^n.
func (s *Sum) scale(n int32) {
	if s.wide == nil {
		if v, ok := timesPow10(s.small, n); ok {
			s.small = v
			return
		}
		s.widen()
	}
	s.wide.Mul(s.wide, pow10(n))
}

func (s *Sum) widen() {
	if s.wide == nil {
		s.wide = big.NewInt(s.small)
	}
}

// Decimal returns the total.
func (s *Sum) Decimal() decimal.Decimal {
	if s.wide == nil {
		return decimal.New(s.small, s.exp)
	}
	return decimal.NewFromBigInt(new(big.Int).Set(s.wide), s.exp)
}

// timesPow10 is v × 10^n when it fits an int64.
func timesPow10(v int64, n int32) (int64, bool) {
	if n == 0 || v == 0 {
		return v, true
	}
	if n > 18 {
		return 0, false
	}
	p := pow10s[n].Int64()
	if v > math.MaxInt64/p || v < math.MinInt64/p {
		return 0, false
	}
	return v * p, true
}

// add64 is a + b when it does not overflow.
func add64(a, b int64) (int64, bool) {
	s := a + b
	if (a > 0 && b > 0 && s < 0) || (a < 0 && b < 0 && s >= 0) {
		return 0, false
	}
	return s, true
}

// pow10s holds 10^n for the exponent gaps sums meet; larger gaps are
// worked out when met.
var pow10s = func() (t [40]*big.Int) {
	for n := range t {
		t[n] = new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(n)), nil)
	}
	return t
}()

func pow10(n int32) *big.Int {
	if int(n) < len(pow10s) {
		return pow10s[n]
	}
	return new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(n)), nil)
}
