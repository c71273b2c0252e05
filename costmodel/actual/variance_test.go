package actual

import (
	"fmt"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/tiercost/tiercost/costmodel/pricing"
)

// TestUnmatchedCapKeepsEveryCent: past maxUnmatchedGroups resources, a
// service's other unmatched resources share one row; the unmatched total
// still holds every line: 10,005 lines of $0.01 = $100.05.
func TestUnmatchedCapKeepsEveryCent(t *testing.T) {
	c := NewComparer(Plan{})
	cent := decimal.RequireFromString("0.01")
	for i := range maxUnmatchedGroups + 5 {
		l := Line{Provider: "AWS", Service: "Amazon Elastic Compute Cloud", ResourceID: fmt.Sprintf("i-%d", i), ChargeCategory: "Usage",
			Currency: "USD", Period: "2024-09", BilledCost: cent, EffectiveCost: cent}
		if err := c.Add(l); err != nil {
			t.Fatal(err)
		}
	}
	rep := c.Report(Info{}, "2024-09")
	other := 0
	for _, u := range rep.Unmatched {
		if u.ResourceID == OtherResources {
			other = u.Lines
		}
	}
	if len(rep.Unmatched) != maxUnmatchedGroups+1 || other != 5 || !rep.UnmatchedBilled.Equal(decimal.RequireFromString("100.05")) {
		t.Errorf("%d rows, %d lines in %s, unmatched %s; want %d rows, 5 lines, 100.05", len(rep.Unmatched), other, OtherResources, rep.UnmatchedBilled, maxUnmatchedGroups+1)
	}
}

// TestSharedChargesInThePlansRegion: data transfer in another region is
// not the plan's shared charge; in its region (or global) it is.
func TestSharedChargesInThePlansRegion(t *testing.T) {
	m := newMatcher(&Plan{Breakdown: pricing.Breakdown{Region: "us-east-1"}})
	for region, want := range map[string]How{"us-east-1": Shared, "": Shared, "us-west-2": Unmatched} {
		l := Line{Service: "Amazon Elastic Compute Cloud", UsageType: "DataTransfer-Out-Bytes", PricingUnit: "GB", Region: region}
		if got := m.match(&l).How; got != want {
			t.Errorf("region %q: %s, want %s", region, got, want)
		}
	}
}
