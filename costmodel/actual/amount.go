package actual

import "github.com/shopspring/decimal"

// maxExponent bounds an amount's exponent: bills write 1.5E-7, never
// 1E+400, and a huge exponent would make a decimal of millions of digits.
const maxExponent = 40

// parseDecimal reads a plain decimal number, optionally with an exponent
// (12.34, -0.5, .5, 1.5E-7), exactly: never through a float. Hex, NaN,
// infinities, spaces and thousands separators are refused. Up to 18 digits
// the mantissa is built here, which is several times faster than
// decimal.NewFromString on a bill's millions of amounts.
func parseDecimal(b []byte) (decimal.Decimal, bool) {
	i, neg := 0, false
	if i < len(b) && (b[i] == '+' || b[i] == '-') {
		neg = b[i] == '-'
		i++
	}
	var mant int64
	digits, frac, sawDot, sawDigit := 0, 0, false, false
	for ; i < len(b); i++ {
		c := b[i]
		switch {
		case c >= '0' && c <= '9':
			sawDigit = true
			if digits > 0 || c != '0' {
				digits++
			}
			if digits <= 18 {
				mant = mant*10 + int64(c-'0')
			}
			if sawDot {
				frac++
			}
			continue
		case c == '.' && !sawDot:
			sawDot = true
			continue
		}
		break
	}
	if !sawDigit {
		return decimal.Zero, false
	}
	exp := 0
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		i++
		eneg := false
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			eneg = b[i] == '-'
			i++
		}
		n := 0
		for ; i < len(b) && b[i] >= '0' && b[i] <= '9' && n < 4; i++ {
			exp = exp*10 + int(b[i]-'0')
			n++
		}
		if n == 0 || exp > maxExponent {
			return decimal.Zero, false
		}
		if eneg {
			exp = -exp
		}
	}
	if i != len(b) {
		return decimal.Zero, false
	}
	if digits > 18 {
		// Too many digits for an int64: the slow exact path.
		d, err := decimal.NewFromString(string(b))
		return d, err == nil
	}
	if neg {
		mant = -mant
	}
	return decimal.New(mant, int32(exp-frac)), true
}
