package tui

import "testing"

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
