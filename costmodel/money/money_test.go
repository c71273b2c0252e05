package money

import (
	"math"
	"testing"

	"github.com/shopspring/decimal"
)

func TestUSD(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"0", "$0.00"},
		{"30.368", "$30.37"},      // t3.medium 0.0416 x 730, rounded half up once
		{"16.425", "$16.43"},      // ALB 0.0225 x 730: half up, not banker's
		{"3280.992", "$3,280.99"}, // rounds half-up to cents
		{"1234567.005", "$1,234,567.01"},
		{"-1421.465", "-$1,421.47"},
		{"999.999", "$1,000.00"},
	} {
		if got := USD(decimal.RequireFromString(tc.in)); got != tc.want {
			t.Errorf("USD(%s) = %s, want %s", tc.in, got, tc.want)
		}
	}
}

func TestGroupedQuantity(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"159687.5", "159,687.5"},    // CloudFront HTTP requests at 10k
		{"62597500", "62,597,500"},   // eight digits: two separators
		{"1258", "1,258"},            // four digits: one
		{"730", "730"},               // three: none
		{"0.00049", "0.0005"},        // rounded to 4 places, half up
		{"1301.22549", "1,301.2255"}, // the fraction is never grouped
		{"-2190", "-2,190"},
		{"0", "0"},
	} {
		if got := GroupedQuantity(decimal.RequireFromString(tc.in)); got != tc.want {
			t.Errorf("GroupedQuantity(%s) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestNumber(t *testing.T) {
	for _, tc := range []struct {
		v      float64
		places int
		want   string
	}{
		{104.25, 1, "104.2"}, // exact in binary, so the tie rounds half to even
		{868.06, 1, "868.1"},
		{12345.678, 1, "12,345.7"},
		{1000000, 0, "1,000,000"},
		{47.9166, 2, "47.92"},
	} {
		if got := Number(tc.v, tc.places); got != tc.want {
			t.Errorf("Number(%v, %d) = %q, want %q", tc.v, tc.places, got, tc.want)
		}
	}
}

func TestCount(t *testing.T) {
	for _, tc := range []struct {
		n    int
		want string
	}{
		{1, "1 price"},
		{0, "0 prices"},
		{3, "3 prices"},
		{1037, "1,037 prices"}, // the embedded catalog's size: grouped like every count
	} {
		if got := Count(tc.n, "price", "prices"); got != tc.want {
			t.Errorf("Count(%d) = %q, want %q", tc.n, got, tc.want)
		}
	}
}

func TestHourly(t *testing.T) {
	// 7.592 $/month / 730 h = 0.0104 $/h.
	if h := Hourly(decimal.RequireFromString("7.592")); !h.Equal(decimal.RequireFromString("0.0104")) {
		t.Errorf("Hourly = %s, want 0.0104", h)
	}
}

func TestParse(t *testing.T) {
	if _, err := Parse("budget_monthly_usd", "12,000"); err == nil || err.Error() != `budget_monthly_usd: "12,000" is not a decimal number` {
		t.Errorf("Parse error = %v", err)
	}
	if d, err := Parse("x", "0.00000075"); err != nil || d.String() != "0.00000075" {
		t.Errorf("Parse = %s, %v", d, err)
	}
}

func TestSigned(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"1", "+$1.00"},
		{"-1", "-$1.00"},
		{"0", "$0.00"},
		{"0.005", "+$0.01"},  // half up to a cent: a real increase
		{"0.004", "$0.00"},   // rounds to zero: no sign (the TUI printed "+$0.00")
		{"-0.004", "$0.00"},  // and never "-$0.00"
		{"-0.005", "-$0.01"}, // half away from zero
		{"1234.5", "+$1,234.50"},
	} {
		if got := Signed(decimal.RequireFromString(tc.in)); got != tc.want {
			t.Errorf("Signed(%s) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestCostPerUser(t *testing.T) {
	for _, tc := range []struct {
		total string
		users float64
		per   string // exact per-user figure
		per1k string // as every table shows it
	}{
		{"179.605", 10000, "0.0179605", "$17.96"},       // report sample, 10k tier
		{"44.137", 1000, "0.044137", "$44.14"},          // report sample, 1k tier
		{"100", 3, "33.3333333333333333", "$33,333.33"}, // 16 places, then cents
		{"16.67", 1000, "0.01667", "$16.67"},            // issue 15's "$0.0167" vs "/1k usr $16.67"
		{"50", 0, "0", "$0.00"},                         // no users: zero, not a division by zero
		{"50", 0.5, "0", "$0.00"},                       // fewer than one user
		{"50", math.NaN(), "0", "$0.00"},
		{"50", math.Inf(1), "0", "$0.00"},
	} {
		per := CostPerUser(decimal.RequireFromString(tc.total), tc.users)
		if !per.Equal(decimal.RequireFromString(tc.per)) {
			t.Errorf("CostPerUser(%s, %v) = %s, want %s", tc.total, tc.users, per, tc.per)
		}
		if got := Per1kUsersUSD(per); got != tc.per1k {
			t.Errorf("Per1kUsersUSD(%s) = %s, want %s", per, got, tc.per1k)
		}
	}
}

func TestUSDShortAndWhole(t *testing.T) {
	for _, tc := range []struct{ in, short, whole string }{
		{"0", "$0", "$0"},
		{"88.83", "$89", "$89"},
		{"999.49", "$999", "$999"},
		{"999.5", "$1.00k", "$1,000"},
		{"3553.23", "$3.55k", "$3,553"},
		{"12345.67", "$12.3k", "$12,346"},
		{"123456.78", "$123k", "$123,457"},
		{"999999", "$1.00M", "$999,999"},
		{"1234567.89", "$1.23M", "$1,234,568"},
		{"-3553.23", "-$3.55k", "-$3,553"},
		{"2500000000", "$2.50B", "$2,500,000,000"},
	} {
		d := decimal.RequireFromString(tc.in)
		if got := USDShort(d); got != tc.short {
			t.Errorf("USDShort(%s) = %s, want %s", tc.in, got, tc.short)
		}
		if got := USDWhole(d); got != tc.whole {
			t.Errorf("USDWhole(%s) = %s, want %s", tc.in, got, tc.whole)
		}
	}
}
