// Package money owns the cost model's money conventions: amounts are
// shopspring decimals built from strings, a month is 730 hours, and rounding
// happens here, once, only for display.
package money

import (
	"fmt"

	"github.com/shopspring/decimal"
)

// HoursPerMonth is the 730-hour month (8,760 h / 12) that AWS's calculator,
// Infracost and this tool all use.
var HoursPerMonth = decimal.NewFromInt(730)

// MustParse builds a decimal from a literal; it panics on a malformed
// literal, so use it only for constants written in code.
func MustParse(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// Parse builds a decimal from a string and names the field in the error.
func Parse(field, s string) (decimal.Decimal, error) {
	d, err := decimal.NewFromString(s)
	if err != nil {
		return decimal.Zero, fmt.Errorf("%s: %q is not a decimal number", field, s)
	}
	return d, nil
}

// Hourly turns a monthly amount into an hourly amount at full precision.
func Hourly(monthly decimal.Decimal) decimal.Decimal { return monthly.DivRound(HoursPerMonth, 16) }

// USD formats an amount as dollars rounded half-up to cents: "$1,234.56".
func USD(d decimal.Decimal) string {
	s := d.Round(2).StringFixed(2)
	neg := false
	if s[0] == '-' {
		neg, s = true, s[1:]
	}
	intPart, frac := s[:len(s)-3], s[len(s)-3:]
	var out []byte
	for i, c := range []byte(intPart) {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			out = append(out, ',')
		}
		out = append(out, c)
	}
	if neg {
		return "-$" + string(out) + frac
	}
	return "$" + string(out) + frac
}

// ToCents rounds an amount half-up to whole cents. It is for decisions that
// money itself makes in cents, such as whether a month's bill exceeds a
// budget; amounts are otherwise kept exact until display.
func ToCents(d decimal.Decimal) decimal.Decimal { return d.Round(2) }

// Cents formats an amount rounded to cents without a symbol: "1234.56".
func Cents(d decimal.Decimal) string { return d.Round(2).StringFixed(2) }

// Rate formats a unit price with no trailing zeros beyond what it has, so
// 0.0104 stays 0.0104 and 0.00000075 stays 0.00000075.
func Rate(d decimal.Decimal) string { return d.String() }

// Quantity formats a quantity for display, rounded to at most 4 places.
func Quantity(d decimal.Decimal) string { return d.Round(4).String() }

// Exact formats an amount for machine output (JSON) at full precision,
// rounded to 10 places so repeated division cannot print a long tail.
func Exact(d decimal.Decimal) string { return d.Round(10).String() }
