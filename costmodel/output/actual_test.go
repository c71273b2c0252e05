package output

import (
	"bytes"
	"github.com/charmbracelet/x/ansi"
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
	table := func(w io.Writer, r actual.Report) error { return ActualTable(w, r, 0) }
	for name, render := range map[string]func(io.Writer, actual.Report) error{"table": table, "markdown": ActualMarkdown} {
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

// TestActualTableFitsWidth: at 80 columns the comparison leaves out
// Effective (name 2+41, Planned 7, Billed 6, Effective 9, Difference 10,
// % 3, and 5 gaps of 2: 88; without Effective 77), and the unmatched
// charges leave out Effective, then Category, and wrap a long resource id;
// every line fits, a cause stays under its own row, and each table names
// what it left out.
func TestActualTableFitsWidth(t *testing.T) {
	usd := decimal.RequireFromString
	rep := actual.Report{
		Bill: actual.Info{Name: "bill.csv", Format: "FOCUS 1.0", Encoding: "CSV", Rows: 3}, Period: "2024-09", HoursInPeriod: 720,
		Rows: []actual.Row{{Name: "tc-alarm-replica-lag-tc-prod-db-replica-0", Component: "Alerting (tc)", Planned: usd("0.10"),
			Difference: usd("-0.10"), Causes: []actual.Cause{{Kind: "unbilled", Text: "not billed: no line of the bill names it", Amount: usd("-0.10")}}}},
		Components: []actual.Group{{Component: "Alerting (tc)", Planned: usd("0.10"), Difference: usd("-0.10")}},
		Unmatched: []actual.UnmatchedCharge{{Provider: "AWS", Service: "Amazon Relational Database Service",
			ResourceID: "arn:aws:rds:us-east-1:123456789012:cluster:terraform-20171114095005614200000001", Category: "Usage",
			Billed: usd("0.40"), Effective: usd("0.40"), Lines: 1}},
	}
	var b bytes.Buffer
	if err := ActualTable(&b, rep, 80); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(b.String(), "\n")
	for _, l := range lines {
		if n := ansi.StringWidth(l); n > 80 {
			t.Errorf("line is %d wide: %q", n, l)
		}
	}
	out := b.String()
	for _, want := range []string{
		"Not shown, to fit 80 characters: Effective (--wide shows them)",
		"Not shown, to fit 80 characters: Category, Effective (--wide shows them)",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q:\n%s", want, out)
		}
	}
	for i, l := range lines {
		if strings.HasPrefix(l, "  tc-alarm-replica-lag-tc-prod-db-replica-0") {
			if i+1 >= len(lines) || !strings.Contains(lines[i+1], "not billed: no line of the bill names it") {
				t.Errorf("the cause is not under its row:\n%s", out)
			}
		}
	}
}
