package money

import (
	"strings"

	"github.com/shopspring/decimal"
)

// USDWhole formats an amount as whole dollars, rounded half-up: "$1,235".
// Narrow screens use it where "$1,234.56" does not fit.
func USDWhole(d decimal.Decimal) string {
	s := USD(d.Round(0))
	return strings.TrimSuffix(s, ".00")
}

var (
	thousand = decimal.NewFromInt(1_000)
	million  = decimal.NewFromInt(1_000_000)
	billion  = decimal.NewFromInt(1_000_000_000)
)

// USDShort abbreviates an amount to three significant digits with a k, M
// or B suffix: "$3.55k", "$12.3k", "$123k", "$1.23M". Amounts under $1,000
// are whole dollars ("$999"). It is for cells too narrow for USD; it rounds
// half-up like USD, and an amount that rounds up to the next unit moves to
// it ($999,999 is "$1.00M", never "$1000k").
func USDShort(d decimal.Decimal) string {
	sign := ""
	if d.Round(0).Sign() < 0 {
		sign, d = "-", d.Neg()
	}
	if d.Round(0).LessThan(thousand) {
		return sign + "$" + d.Round(0).String()
	}
	units := []struct {
		size   decimal.Decimal
		suffix string
	}{{thousand, "k"}, {million, "M"}, {billion, "B"}}
	for i, u := range units {
		v := d.DivRound(u.size, 16)
		// Three significant digits: 1.23, 12.3, 123.
		places := int32(2)
		switch {
		case v.GreaterThanOrEqual(decimal.NewFromInt(100)):
			places = 0
		case v.GreaterThanOrEqual(decimal.NewFromInt(10)):
			places = 1
		}
		r := v.Round(places)
		if r.GreaterThanOrEqual(thousand) && i+1 < len(units) {
			continue // $999.9k rounds to $1.00M
		}
		return sign + "$" + r.StringFixed(places) + u.suffix
	}
	return sign + "$" + d.DivRound(billion, 0).String() + "B"
}
