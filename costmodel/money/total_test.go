package money

import "testing"

func TestTotalString(t *testing.T) {
	amt := MustParse("22.632")
	for _, tc := range []struct {
		name string
		in   Total
		want string
		usd  string
	}{
		{"complete", Total{Amount: amt}, "$22.63", "$22.63"},
		{"lower bound", Total{Amount: amt, Unpriced: 13}, "≥ $22.63, 13 items not priced", "≥ $22.63"},
		{"one item", Total{Amount: amt, Unpriced: 1}, "≥ $22.63, 1 item not priced", "≥ $22.63"},
		{"overloaded", Total{Amount: amt, Overloaded: "database memory 373 %"},
			"$22.63, OVERLOADED: database memory 373 % at peak", "$22.63"},
		{"both", Total{Amount: amt, Unpriced: 2, Overloaded: "database memory 373 %"},
			"≥ $22.63, 2 items not priced; OVERLOADED: database memory 373 % at peak", "≥ $22.63"},
		{"option", Total{Amount: amt, Option: "reserved-1yr-no-upfront", AtOption: MustParse("10.005"), Fallbacks: 3},
			"$22.63, $10.01 at reserved-1yr-no-upfront, 3 lines on demand (no rate for the option in the catalog)", "$22.63"},
		{"option, none missing", Total{Amount: amt, Option: "reserved-3yr-all-upfront", AtOption: amt},
			"$22.63, $22.63 at reserved-3yr-all-upfront", "$22.63"},
	} {
		if got := tc.in.String(); got != tc.want {
			t.Errorf("%s: String() = %q, want %q", tc.name, got, tc.want)
		}
		if got := tc.in.USD(); got != tc.usd {
			t.Errorf("%s: USD() = %q, want %q", tc.name, got, tc.usd)
		}
	}
}

// TestCellNeverReadsAsFree: an amount with nothing priced in it is "price
// not found" in a cell and in String; a lower bound with priced lines
// keeps its "≥"; a complete $0.00 stays $0.00 (free, not unknown).
func TestCellNeverReadsAsFree(t *testing.T) {
	for _, tc := range []struct {
		total      Total
		cell, text string
	}{
		{Total{Unpriced: 3}, "price not found", "price not found, 3 items not priced"},
		{Total{Amount: MustParse("11.675"), Unpriced: 1}, "≥ $11.68", "≥ $11.68, 1 item not priced"},
		{Total{}, "$0.00", "$0.00"},
		{Total{Amount: MustParse("2.5")}, "$2.50", "$2.50"},
	} {
		if got := tc.total.Cell(); got != tc.cell {
			t.Errorf("%+v: Cell %q, want %q", tc.total, got, tc.cell)
		}
		if got := tc.total.String(); got != tc.text {
			t.Errorf("%+v: String %q, want %q", tc.total, got, tc.text)
		}
	}
}
