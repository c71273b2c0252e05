package tui

import (
	"testing"

	"github.com/tiercost/tiercost/costmodel/money"
)

// The what-if delta used its own sign rule and printed "+$0.00" for a
// change below half a cent; it now shares money.Signed with the CLI.
func TestDeltaTextSign(t *testing.T) {
	m := New(Options{Engine: &fakeEngine{}, NoColor: true})
	for _, tc := range []struct{ delta, base, want string }{
		{"0.004", "0", "$0.00"},
		{"-0.004", "0", "$0.00"},
		{"0.005", "0", "+$0.01"},
		{"90", "110", "+$90.00 (+82%)"}, // 90 / 110 = 81.8 %
		{"-55", "110", "-$55.00 (-50%)"},
	} {
		if got := m.deltaText(d(tc.delta), d(tc.base)); got != tc.want {
			t.Errorf("deltaText(%s, %s) = %q, want %q", tc.delta, tc.base, got, tc.want)
		}
	}
}

// TestFitTotalNeverReadsAsFree: a lower bound with nothing priced in it is
// "unknown" where it fits, never "≥ $0.00"; a lower bound with priced lines
// keeps its mark; a complete $0.00 is free.
func TestFitTotalNeverReadsAsFree(t *testing.T) {
	for _, tc := range []struct {
		t    money.Total
		w    int
		want string
	}{
		{money.Total{Unpriced: 3}, 10, "unknown"},
		{money.Total{Amount: money.MustParse("31.62"), Unpriced: 1}, 10, "≥ $31.62"},
		{money.Total{}, 10, "$0.00"},
	} {
		if got := fitTotal(tc.t, tc.w); got != tc.want {
			t.Errorf("fitTotal(%+v, %d) = %q, want %q", tc.t, tc.w, got, tc.want)
		}
	}
}
