package money

import (
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
