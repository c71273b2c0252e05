package output

import (
	"bytes"
	"strings"
	"testing"

	"github.com/tiercost/tiercost/costmodel/money"
	"github.com/tiercost/tiercost/costmodel/uncertainty"
)

// TestBandsTodayNeverReadsAsFree: a point estimate with nothing priced in
// it (28 items not priced, $0.00 of priced lines) is "price not found"
// today, not "≥ $0.00"; one with priced lines keeps its "≥".
func TestBandsTodayNeverReadsAsFree(t *testing.T) {
	for _, tc := range []struct {
		point money.Total
		want  string
	}{
		{money.Total{Unpriced: 28}, "today price not found a month"},
		{money.Total{Amount: money.MustParse("639.30"), Unpriced: 57}, "today ≥ $639.30 a month"},
	} {
		var b bytes.Buffer
		r := BandsReport{Name: "1k", Tier: "1k", Point: tc.point, Band: uncertainty.Band{Samples: 1, Unpriced: tc.point.Unpriced}}
		if err := BandsTable(&b, r, 0); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(b.String(), tc.want) {
			t.Errorf("want %q in:\n%s", tc.want, b.String())
		}
	}
}
