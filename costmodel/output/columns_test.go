package output

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/tiercost/tiercost/costmodel/money"
	"github.com/tiercost/tiercost/costmodel/resource"
)

func tierRows() []TierRow {
	rps, delta := 104.25, d("135.468")
	return []TierRow{
		// 44.137 over 1,000 users = $44.14 per 1k users; not sized: "-".
		// The one item not priced is a fixed line: FIXED is a lower bound.
		{Name: "1k", Users: 1000, Monthly: d("44.137"), Fixed: money.Total{Amount: d("41.967"), Unpriced: 1},
			Usage: money.Total{Amount: d("2.17")}, CostPerUser: d("0.044137"), NotPriced: 1},
		// 179.605 over 10,000 = 0.0179605 a user = $17.96 per 1k users.
		{Name: "10k", Users: 10000, PeakRPS: &rps, MainResources: "2-4 x t4g.small", Monthly: d("179.605"), Fixed: money.Total{Amount: d("178.435")},
			Usage: money.Total{Amount: d("1.17")}, CostPerUser: d("0.0179605"), Delta: &delta, Overloaded: "database memory 373 %"},
	}
}

// TestTiersTable: every column at width 0 (--wide): users and amounts
// grouped and right-aligned, the peak RPS to one decimal (104.25 is exact
// in binary, so the tie rounds to even: 104.2). 1k's fixed part is a
// lower bound, so 10k's change from it is no bound: the line under the
// table says so.
func TestTiersTable(t *testing.T) {
	var buf bytes.Buffer
	if err := TiersTable(&buf, tierRows(), 0); err != nil {
		t.Fatal(err)
	}
	want := "" +
		"TIER   USERS  PEAK RPS  MAIN RESOURCES    MONTHLY     FIXED  USAGE  PER 1K USERS    CHANGE  NOT PRICED\n" +
		"1k     1,000         -  -                ≥ $44.14  ≥ $41.97  $2.17      ≥ $44.14         -           1\n" +
		"10k   10,000     104.2  2-4 x t4g.small   $179.61   $178.44  $1.17        $17.96  +$135.47           0\n" +
		"\n" +
		"CHANGE leaves out what is not priced in either tier.\n" +
		"1k: ≥ $44.14, 1 item not priced\n" +
		"10k: $179.61, OVERLOADED: database memory 373 % at peak\n"
	if buf.String() != want {
		t.Errorf("TiersTable:\n%s\nwant:\n%s", buf.String(), want)
	}
}

// TestTiersTableDropOrder: the table above is 102 columns wide (widths
// 4+6+8+15+8+8+5+12+8+10 = 84, plus 9 gaps of 2). At 100 NOT PRICED goes
// first (90 wide); at 80 PEAK RPS too (80 wide); MAIN RESOURCES cannot
// help, being narrower than its Min. The line under the table names them.
func TestTiersTableDropOrder(t *testing.T) {
	for _, tc := range []struct {
		width   int
		dropped string
	}{
		{100, "NOT PRICED"},
		{80, "PEAK RPS, NOT PRICED"},
	} {
		var buf bytes.Buffer
		if err := TiersTable(&buf, tierRows(), tc.width); err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(buf.String(), "\n")
		note := fmt.Sprintf("Not shown, to fit %d characters: %s (--wide shows them)", tc.width, tc.dropped)
		if lines[3] != note {
			t.Errorf("width %d: line under the table = %q, want %q", tc.width, lines[3], note)
		}
		for _, col := range strings.Split(tc.dropped, ", ") {
			if strings.Contains(lines[0], col) {
				t.Errorf("width %d: header %q still has %s", tc.width, lines[0], col)
			}
		}
		for _, l := range lines {
			if n := ansi.StringWidth(l); n > tc.width {
				t.Errorf("width %d: line is %d wide: %q", tc.width, n, l)
			}
		}
	}
}

func TestResourcesTable(t *testing.T) {
	stack := "urn:pulumi:dev::tc::pulumi:pulumi:Stack::tc-dev"
	comp := "urn:pulumi:dev::tc::tiercost:components:Compute::tc"
	var buf bytes.Buffer
	err := ResourcesTable(&buf, []resource.Record{
		{Type: "tiercost:components:Compute", Name: "tc", Parent: stack},
		{Type: "aws:ec2/launchTemplate:LaunchTemplate", Name: "tc-lt", Parent: comp},
	}, DefaultWidth)
	if err != nil {
		t.Fatal(err)
	}
	// A stack parent is left out; a component parent shows its type too.
	want := "" +
		"TYPE                                   NAME   PARENT\n" +
		"tiercost:components:Compute            tc\n" +
		"aws:ec2/launchTemplate:LaunchTemplate  tc-lt  Compute (tc)\n" +
		"\n2 resources\n"
	if buf.String() != want {
		t.Errorf("ResourcesTable:\n%q\nwant:\n%q", buf.String(), want)
	}
}

// TestTiersTableNothingPriced: a tier whose every cost-bearing line lacks
// a price adds up to $0.00 of priced lines; its cells say the price is not
// found rather than "≥ $0.00", which would read as free.
func TestTiersTableNothingPriced(t *testing.T) {
	var buf bytes.Buffer
	row := TierRow{Name: "1k", Users: 1000, Fixed: money.Total{Unpriced: 20}, Usage: money.Total{Unpriced: 8}, NotPriced: 28}
	if err := TiersTable(&buf, []TierRow{row}, 0); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(buf.String(), "\n")
	if got := strings.Count(lines[1], "price not found"); got != 4 || strings.Contains(buf.String(), "$0.00") {
		t.Errorf("row %q: want MONTHLY, FIXED, USAGE and PER 1K USERS as price not found, no $0.00\n%s", lines[1], buf.String())
	}
}
