package money

import (
	"math/big"

	"github.com/shopspring/decimal"
)

// Sum adds amounts exactly, in place. Its total is what chaining
// decimal.Add from decimal.Zero gives, value and exponent alike (the
// least of the terms' exponents and 0), but without a new big.Int for
// every addition: a breakdown's totals add a few hundred line items, and a
// band adds them for every scenario. The zero value is an empty sum.
type Sum struct {
	coef, term big.Int
	exp        int32
}

// Add adds d to the sum.
func (s *Sum) Add(d decimal.Decimal) {
	e := d.Exponent()
	if e < s.exp {
		s.coef.Mul(&s.coef, pow10(s.exp-e))
		s.exp = e
	}
	if d.NumDigits() <= 18 { // the coefficient fits an int64: no copy of it
		s.term.SetInt64(d.CoefficientInt64())
	} else {
		s.term.Set(d.Coefficient())
	}
	if e > s.exp {
		s.term.Mul(&s.term, pow10(e-s.exp))
	}
	s.coef.Add(&s.coef, &s.term)
}

// AddSum adds another sum's total.
func (s *Sum) AddSum(o *Sum) { s.Add(o.Decimal()) }

// Decimal returns the total.
func (s *Sum) Decimal() decimal.Decimal {
	return decimal.NewFromBigInt(new(big.Int).Set(&s.coef), s.exp)
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
