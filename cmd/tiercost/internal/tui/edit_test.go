package tui

import (
	"strings"
	"testing"

	"github.com/tiercost/tiercost/costmodel/money"
)

// typeValue opens the text input on the knob under the cursor with open
// ("=" or "enter"), clears it and types text, without submitting.
func typeValue(t *testing.T, m Model, open, text string) Model {
	t.Helper()
	m = press(t, m, open, "ctrl+u")
	for _, r := range text {
		m = press(t, m, string(r))
	}
	return m
}

func TestTypedKnobValues(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		downs int // knobs below users
		open  string
		text  string
		// want is the overlay after enter; "" means the input stays open
		// with wantErr.
		want, wantErr string
		total         string
	}{
		// 25,000 users: 100 + 25 × $10 = $350.00.
		{"users typed", 0, "=", "25000", "users=25000", "", "$350.00"},
		{"users with enter", 0, "enter", "1_000_000", "users=1000000", "", "$10,100.00"},
		// The baseline's own value leaves the overlay empty: $110.00.
		{"baseline value", 0, "=", "1000", "", "", "$110.00"},
		{"region in capitals", 8, "=", "EU-WEST-1", "region=eu-west-1", "", "$110.00"},
		{"replicas", 6, "enter", "2", "db_replicas=2", "", "$210.00"},
		{"not a number", 0, "=", "lots", "", `"lots" is not a number; allowed: a number from 1 to 1000000000`, "$110.00"},
		{"out of range", 3, "=", "1.5", "", "1.5 is out of range; allowed: a number from 0 to 1", "$110.00"},
		{"not a choice", 5, "=", "arm", "", `"arm" is not allowed; allowed: graviton, x86`, "$110.00"},
		{"global keys are text", 0, "=", "q1r", "", `"q1r" is not a number`, "$110.00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			m, _ := loaded(t, "dev", false, 80, 24)
			m = press(t, m, append([]string{"3"}, times("down", tt.downs)...)...)
			m = typeValue(t, m, tt.open, tt.text)
			if !m.editing() {
				t.Fatalf("the text input closed while typing %q", tt.text)
			}
			m = press(t, m, "enter")
			if got := money.USD(m.snap.Breakdown.TotalMonthlyCost); got != tt.total {
				t.Errorf("total %s, want %s", got, tt.total)
			}
			if tt.wantErr != "" {
				if !m.editing() || !strings.Contains(m.wi.editErr, tt.wantErr) {
					t.Fatalf("editing %v, error %q; want the input open with %q", m.editing(), m.wi.editErr, tt.wantErr)
				}
				if v := m.View(); !strings.Contains(strings.Join(strings.Fields(v), " "), "! "+tt.wantErr) {
					t.Errorf("the error is not on screen:\n%s", v)
				}
				if len(m.scen.Overlay) != 0 {
					t.Errorf("a refused value changed the scenario: %v", m.scen.Overlay)
				}
				m = press(t, m, "esc")
				if m.editing() || m.tab != tabWhatIf {
					t.Errorf("esc: editing %v tab %d; want the knob list", m.editing(), m.tab)
				}
				return
			}
			if m.editing() {
				t.Fatalf("the input stayed open: %q", m.wi.editErr)
			}
			if got := m.scen.Overlay.String(); got != tt.want {
				t.Errorf("overlay %q, want %q", got, tt.want)
			}
		})
	}
}

func TestTypingStartsFromTheCurrentValue(t *testing.T) {
	t.Parallel()
	m, _ := loaded(t, "dev", false, 80, 24)
	m = press(t, m, "3", "u", "=")
	if got := m.wi.input.Value(); got != "1778" {
		t.Errorf("input starts at %q, want the current 1778", got)
	}
	m = press(t, m, "0", "enter") // 17,780 users: 100 + 17.78 × $10
	if got := money.USD(m.snap.Breakdown.TotalMonthlyCost); got != "$277.80" {
		t.Errorf("total %s, want $277.80", got)
	}
}
