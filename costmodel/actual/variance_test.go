package actual

import (
	"fmt"
	"strings"
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

// TestOtherProvidersLeftOut: a FOCUS bill may hold other clouds' lines.
// The plan is of AWS, so they are left out of the comparison, its totals
// and its periods, and summed apart to be said once. Hand-written lines,
// against an empty plan (every AWS line is unmatched):
//
//	AWS                  2024-09  EC2 usage   10.00
//	AWS                  2024-09  tax          1.00
//	Amazon Web Services  2024-09  EC2 usage    0.25 (AWS by its long name)
//	Microsoft            2024-09  "Data Transfer Out", 50 GB: 5.00 (4.50 effective)
//	Oracle               2024-09  compute      2.50
//	Oracle               2024-10  compute      0.75 (a period with no AWS line)
//
// 2024-09: AWS 10 + 1 + 0.25 = 11.25, all unmatched; other providers
// 5 + 2.50 = 7.50 billed, 4.50 + 2.50 = 7.00 effective, 2 lines.
// Microsoft's line reads as data transfer, which an AWS line would make a
// shared charge: left out, it matches nothing and calibrates nothing.
func TestOtherProvidersLeftOut(t *testing.T) {
	d := decimal.RequireFromString
	line := func(provider, period, category, service, desc, unit, qty, billed, effective string) Line {
		return Line{Provider: provider, Period: period, ChargeCategory: category, Service: service, Description: desc, PricingUnit: unit,
			Quantity: d(qty), Currency: "USD", ResourceID: service + "-1", BilledCost: d(billed), EffectiveCost: d(effective)}
	}
	lines := []Line{
		line("AWS", "2024-09", "Usage", "Amazon Elastic Compute Cloud", "t3.micro", "Hrs", "720", "10.00", "10.00"),
		line("AWS", "2024-09", "Tax", "Tax", "tax", "", "0", "1.00", "1.00"),
		line("Amazon Web Services", "2024-09", "Usage", "Amazon Elastic Compute Cloud", "t3.nano", "Hrs", "48", "0.25", "0.25"),
		line("Microsoft", "2024-09", "Usage", "Bandwidth", "Data Transfer Out", "GB", "50", "5.00", "4.50"),
		line("Oracle", "2024-09", "Usage", "Compute", "E4 OCPU", "Hrs", "100", "2.50", "2.50"),
		line("Oracle", "2024-10", "Usage", "Compute", "E4 OCPU", "Hrs", "30", "0.75", "0.75"),
	}
	c := NewComparer(Plan{})
	cal := NewCalibrator(Plan{})
	for _, l := range lines {
		if err := c.Add(l); err != nil {
			t.Fatal(err)
		}
		if err := cal.Add(l); err != nil {
			t.Fatal(err)
		}
	}
	if got := c.Periods(); len(got) != 1 || got[0] != "2024-09" {
		t.Errorf("periods %v, want [2024-09]: 2024-10 has only an Oracle line", got)
	}
	if got := cal.Periods(); len(got) != 0 {
		t.Errorf("calibrated periods %v, want none: Microsoft's data transfer is not the plan's", got)
	}
	rep := c.Report(Info{}, "2024-09")
	o := rep.OtherProviders
	if o == nil || strings.Join(o.Providers, ", ") != "Microsoft, Oracle" || o.Lines != 2 || !o.Billed.Equal(d("7.50")) || !o.Effective.Equal(d("7.00")) {
		t.Errorf("other providers %+v, want Microsoft, Oracle: 2 lines, 7.50 billed, 7.00 effective", o)
	}
	// calibrate counts the same lines, to say them: 5.00 + 2.50 in 2024-09,
	// Oracle's 0.75 alone in 2024-10.
	if co := cal.OtherProviders("2024-09"); co == nil || co.Lines != 2 || !co.Billed.Equal(d("7.50")) || strings.Join(co.Providers, ", ") != "Microsoft, Oracle" {
		t.Errorf("calibrate's other providers in 2024-09 %+v, want Microsoft, Oracle: 2 lines, 7.50 billed", co)
	}
	if co := cal.OtherProviders("2024-10"); co == nil || co.Lines != 1 || !co.Billed.Equal(d("0.75")) {
		t.Errorf("calibrate's other providers in 2024-10 %+v, want Oracle: 1 line, 0.75 billed", co)
	}
	if !rep.Billed.Equal(d("11.25")) || !rep.Effective.Equal(d("11.25")) || !rep.UnmatchedBilled.Equal(d("11.25")) || !rep.MatchedBilled.IsZero() {
		t.Errorf("billed %s effective %s unmatched %s matched %s, want 11.25, 11.25, 11.25, 0", rep.Billed, rep.Effective, rep.UnmatchedBilled, rep.MatchedBilled)
	}
	for _, u := range rep.Unmatched {
		if !IsAWS(u.Provider) {
			t.Errorf("unmatched holds %s's line %+v", u.Provider, u)
		}
	}
	if len(rep.Rows) != 0 {
		t.Errorf("rows %+v, want none (Microsoft's data transfer is no shared charge)", rep.Rows)
	}
	// A period of AWS lines only says nothing of other providers.
	c = NewComparer(Plan{})
	c.Add(lines[0])
	if rep := c.Report(Info{}, "2024-09"); rep.OtherProviders != nil {
		t.Errorf("other providers %+v in an AWS-only bill", rep.OtherProviders)
	}
}

// TestSampleOtherProviders: the FOCUS sample's 2024-09 holds 942 AWS lines
// and 57 of other providers (51 Microsoft, 6 Oracle); its one 2024-10 line
// is Oracle's. Sums of the BilledCost column by ProviderName, worked out
// apart from this package (Python's csv and decimal): AWS 18.00663861840;
// Microsoft 1.97651418586 + Oracle 0.29707392473 = 2.27358811059.
func TestSampleOtherProviders(t *testing.T) {
	c := NewComparer(Plan{})
	if _, err := Read(samplePath, Options{}, c.Add); err != nil {
		t.Fatal(err)
	}
	if got := c.Periods(); len(got) != 1 || got[0] != "2024-09" {
		t.Errorf("periods %v, want [2024-09]", got)
	}
	rep := c.Report(Info{}, "2024-09")
	o := rep.OtherProviders
	if o == nil || strings.Join(o.Providers, ", ") != "Microsoft, Oracle" || o.Lines != 57 || !o.Billed.Equal(decimal.RequireFromString("2.27358811059")) {
		t.Errorf("other providers %+v, want Microsoft, Oracle: 57 lines, 2.27358811059 billed", o)
	}
	if !rep.Billed.Equal(decimal.RequireFromString("18.00663861840")) {
		t.Errorf("bill total %s, want AWS's 18.00663861840", rep.Billed)
	}
}
