// Package money owns the cost model's money conventions: amounts are
// shopspring decimals built from strings, a month is 730 hours (and at most
// 744), cost per user is quoted per 1,000 users, and rounding and display
// happen here, once: dollars, signed changes, rates and quantities.
package money

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/tiercost/tiercost/costmodel/inputfile"
)

// HoursPerMonth is the 730-hour month (8,760 h / 12) that AWS's calculator,
// Infracost and this tool all use.
var HoursPerMonth = decimal.NewFromInt(730)

// MaxHoursPerMonth is a 31-day month: the most hours a resource can run in
// one, so the bound of every duty-cycle (monthly hours) setting.
const MaxHoursPerMonth = 744

// MustParse builds a decimal from a literal; it panics on a malformed
// literal, so use it only for constants written in code.
func MustParse(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// Parse builds a decimal from a string and names the field in the error.
func Parse(field, s string) (decimal.Decimal, error) {
	d, err := decimal.NewFromString(s)
	if err != nil {
		return decimal.Zero, fmt.Errorf("%s: %s is not a decimal number", field, inputfile.Excerpt(s))
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
	if neg {
		return "-$" + group(intPart) + frac
	}
	return "$" + group(intPart) + frac
}

// group puts thousands separators into a string of digits.
func group(digits string) string {
	var out []byte
	for i, c := range []byte(digits) {
		if i > 0 && (len(digits)-i)%3 == 0 {
			out = append(out, ',')
		}
		out = append(out, c)
	}
	return string(out)
}

// Users formats a user count rounded to a whole user, with thousands
// separators: "17,783". Every output writes user counts this way.
func Users(u float64) string {
	s := strconv.FormatFloat(math.Round(u), 'f', 0, 64)
	if neg, rest := strings.CutPrefix(s, "-"); rest {
		return "-" + group(neg)
	}
	return group(s)
}

// Signed formats a change with an explicit sign: "+$1.00", "-$2.50". A
// change that rounds to zero cents is "$0.00": never "+$0.00" or "-$0.00".
func Signed(d decimal.Decimal) string {
	if d.Round(2).Sign() > 0 {
		return "+" + USD(d)
	}
	return USD(d)
}

// Per1kUsersLabel names the one unit in which every table, chart and report
// quotes cost per user: "$16.67 per 1k users" rather than "$0.0167".
const Per1kUsersLabel = "per 1k users"

var thousandUsers = decimal.NewFromInt(1000)

// CostPerUser spreads a monthly total over users at full precision (16
// places); it is zero for fewer than one user, where a per-user figure
// means nothing. Machine output (JSON) keeps this per-user figure.
func CostPerUser(total decimal.Decimal, users float64) decimal.Decimal {
	if !(users >= 1) || math.IsInf(users, 1) {
		return decimal.Zero
	}
	// 16 places is decimal.DivisionPrecision, what Div gave before.
	return total.DivRound(decimal.NewFromFloat(users), 16)
}

// Per1kUsers scales a per-user cost to the quoted unit, cost per 1,000 users,
// for charts that plot it.
func Per1kUsers(perUser decimal.Decimal) decimal.Decimal { return perUser.Mul(thousandUsers) }

// Per1kUsersUSD formats a per-user cost in the quoted unit: "$16.67".
func Per1kUsersUSD(perUser decimal.Decimal) string { return USD(Per1kUsers(perUser)) }

// ToCents rounds an amount half-up to whole cents. It is for decisions that
// money itself makes in cents, such as whether a month's bill exceeds a
// budget; amounts are otherwise kept exact until display.
func ToCents(d decimal.Decimal) decimal.Decimal { return d.Round(2) }

// Cents formats an amount rounded to cents without a symbol: "1234.56".
func Cents(d decimal.Decimal) string { return d.Round(2).StringFixed(2) }

// Rate formats a unit price with no trailing zeros beyond what it has, so
// 0.0104 stays 0.0104 and 0.00000075 stays 0.00000075.
func Rate(d decimal.Decimal) string { return d.String() }

// GroupedQuantity formats a quantity for people (tables, the TUI, reports,
// diagnostics), rounded to at most 4 places with thousands separators:
// "159,687.5", "1,258", "0.0005". Machine output keeps Exact.
func GroupedQuantity(d decimal.Decimal) string { return groupNumber(d.Round(4).String()) }

// Measure is a quantity with its unit for people: "1,460 hours", "1 month",
// "0.5 GB-months". The unit is in the number the shown quantity needs (see
// UnitFor), so no renderer writes "1 months".
func Measure(qty decimal.Decimal, unit string) string {
	if unit == "" {
		return GroupedQuantity(qty)
	}
	return GroupedQuantity(qty) + " " + UnitFor(unit, qty)
}

// UnitFor is a line item's unit in the number its quantities need where
// they are shown beside it: the pricers' plural label ("months",
// "GB-months", "alarm metrics", "queries", "connections/s") is singular
// ("month", "GB-month", "alarm metric", "query", "connection/s") when every
// quantity shows as exactly 1, and plural otherwise, "0 months" included.
// Symbols and abbreviations ("GB", "IOPS", "Hrs") have no plural, and a
// unit with a multiplier ("1M requests") keeps its words.
func UnitFor(unit string, qty ...decimal.Decimal) string {
	if len(qty) == 0 {
		return unit
	}
	for _, q := range qty {
		if GroupedQuantity(q) != "1" {
			return unit
		}
	}
	return singularUnit(unit)
}

// singularUnit drops the plural of the counted word: the last word of the
// unit, or of its part before a "/" ("requests/month"), when that word is
// lower-case English ("months", "queries", the "hours" of "LCU-hours").
func singularUnit(unit string) string {
	if unit == "" || unit[0] >= '0' && unit[0] <= '9' {
		return unit
	}
	head, rate, perUnit := strings.Cut(unit, "/")
	cut := strings.LastIndexAny(head, " -") + 1
	stem, word := head[:cut], head[cut:]
	for _, c := range word {
		if c < 'a' || c > 'z' {
			return unit
		}
	}
	switch {
	case strings.HasSuffix(word, "ies"):
		word = strings.TrimSuffix(word, "ies") + "y"
	case strings.HasSuffix(word, "s") && !strings.HasSuffix(word, "ss"):
		word = strings.TrimSuffix(word, "s")
	default:
		return unit
	}
	if perUnit {
		return stem + word + "/" + rate
	}
	return stem + word
}

// Number formats a measure (requests per second, say) with places
// decimals and thousands separators: Number(1234.56, 1) is "1,234.6".
func Number(v float64, places int) string {
	return groupNumber(strconv.FormatFloat(v, 'f', places, 64))
}

// groupNumber puts thousands separators into a plain decimal number's
// whole part: "-1234.5" is "-1,234.5".
func groupNumber(s string) string {
	s, neg := strings.CutPrefix(s, "-")
	whole, frac, dot := strings.Cut(s, ".")
	out := group(whole)
	if dot {
		out += "." + frac
	}
	if neg {
		return "-" + out
	}
	return out
}

// Exact formats an amount for machine output (JSON) at full precision,
// rounded to 10 places so repeated division cannot print a long tail.
func Exact(d decimal.Decimal) string { return d.Round(10).String() }

// Count is n with the noun in the right number and thousands separators:
// "1 replica", "3 replicas", "1,037 prices".
func Count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return groupNumber(strconv.Itoa(n)) + " " + many
}
