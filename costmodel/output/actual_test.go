package output

import (
	"bytes"
	"io"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/tiercost/tiercost/costmodel/actual"
)

// TestActualSaysOtherProvidersOnce: the lines of other providers, left
// out of the comparison, are said once, in the summary, by every text
// format; a bill of AWS lines only says nothing of them.
func TestActualSaysOtherProvidersOnce(t *testing.T) {
	rep := actual.Report{
		Bill: actual.Info{Name: "bill.csv", Format: "FOCUS 1.0", Encoding: "CSV", Rows: 6}, Period: "2024-09", HoursInPeriod: 720,
		// 5.00 + 2.50 = 7.50 billed.
		OtherProviders: &actual.OtherProviders{Providers: []string{"Microsoft", "Oracle"}, Lines: 2,
			Billed: decimal.RequireFromString("7.50"), Effective: decimal.RequireFromString("7.00")},
	}
	const want = "2 lines from other providers (Microsoft, Oracle) left out: $7.50 billed."
	for name, render := range map[string]func(io.Writer, actual.Report) error{"table": ActualTable, "markdown": ActualMarkdown} {
		for _, r := range []actual.Report{rep, {Bill: rep.Bill, Period: rep.Period, HoursInPeriod: 720}} {
			var b bytes.Buffer
			if err := render(&b, r); err != nil {
				t.Fatal(err)
			}
			text := strings.Join(strings.Fields(b.String()), " ") // the table wraps the summary
			n := 0
			if r.OtherProviders != nil {
				n = 1
			}
			if strings.Count(text, want) != n || strings.Count(text, "other providers") != n {
				t.Errorf("%s: says %q %d times, want %d:\n%s", name, want, strings.Count(text, want), n, b.String())
			}
		}
	}
}
