package pricing

import (
	"encoding/json"
	"github.com/tiercost/tiercost/costmodel/catalog"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/tiercost/tiercost/costmodel/resource"
	"github.com/tiercost/tiercost/costmodel/usage"
)

// TestMemoReusesOnlyWhatIsUnchanged prices one stack several times through
// one memo, changing one thing each time, and checks each answer by hand
// and against Price without a memo: a record whose inputs, looked-up
// records and usage are unchanged is answered from the memo (the very same
// components), and any change is priced afresh.
func TestMemoReusesOnlyWhatIsUnchanged(t *testing.T) {
	cat := testCatalog()
	lt := launchTemplate("web-lt", "lt-123", "t3.micro")
	asg := rec(asgType, "web", map[string]any{"desiredCapacity": 3.0, "launchTemplate": map[string]any{"id": "lt-123"}})
	nat := rec("aws:ec2/natGateway:NatGateway", "nat", map[string]any{"allocationId": "eipalloc-1"})
	natUsage := func(gb string) *usage.Usage {
		return usageOf(map[string]map[string]string{"nat": {"monthly_data_processed_gb": gb}})
	}
	memo := NewMemo()
	price := func(recs []resource.Record, u *usage.Usage, m *Memo) Breakdown {
		t.Helper()
		b, err := Price(recs, Options{Region: use1, Catalog: cat, Usage: u, Memo: m})
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	micro := "Instance usage (Linux/UNIX, on-demand, t3.micro)"
	medium := "Instance usage (Linux/UNIX, on-demand, t3.medium)"
	steps := []struct {
		name  string
		recs  []resource.Record
		usage *usage.Usage
		// total worked by hand from the reference prices.
		total string
		// reused names the resources the memo must answer.
		reused []string
	}{
		// ASG: 3 × 730 h × 0.0104 = 22.776, root volumes 3 × 20 GB × 0.08 =
		// 4.8; NAT: 730 h × 0.045 = 32.85, 100 GB × 0.045 = 4.5.
		// 22.776 + 4.8 + 32.85 + 4.5 = 64.926.
		{"first", []resource.Record{lt, asg, nat}, natUsage("100"), "64.926", nil},
		{"same again", []resource.Record{lt, asg, nat}, natUsage("100"), "64.926", []string{"web", "nat", "web-lt"}},
		// NAT data 200 GB × 0.045 = 9: 64.926 − 4.5 + 9 = 69.426.
		{"usage changed", []resource.Record{lt, asg, nat}, natUsage("200"), "69.426", []string{"web", "web-lt"}},
		// The template's type changes (new inputs): 3 × 730 × 0.0416 =
		// 91.104 for the group: 91.104 + 4.8 + 32.85 + 9 = 137.754.
		{"looked-up record changed", []resource.Record{launchTemplate("web-lt", "lt-123", "t3.medium"), asg, nat}, natUsage("200"),
			"137.754", []string{"nat"}},
	}
	var prev Breakdown
	for i, s := range steps {
		b := price(s.recs, s.usage, memo)
		if want := decimal.RequireFromString(s.total); !b.TotalMonthlyCost.Equal(want) {
			t.Errorf("%s: total %s, want %s", s.name, b.TotalMonthlyCost, want)
		}
		plain := price(s.recs, s.usage, nil)
		got, _ := json.Marshal(b)
		want, _ := json.Marshal(plain)
		if string(got) != string(want) {
			t.Errorf("%s: with the memo\n%s\nwithout\n%s", s.name, got, want)
		}
		reused := map[string]bool{}
		for _, n := range s.reused {
			reused[n] = true
		}
		if i > 0 {
			for _, r := range b.Resources {
				before, ok := findResource(prev, r.Name)
				if !ok || len(r.Components) == 0 || len(before.Components) == 0 {
					continue
				}
				same := &r.Components[0] == &before.Components[0]
				if same != reused[r.Name] {
					t.Errorf("%s: %s answered from the memo = %v, want %v", s.name, r.Name, same, reused[r.Name])
				}
			}
		}
		prev = b
	}
	if _, ok := findComponent(prev, "web", medium); !ok {
		t.Errorf("the group was not repriced at t3.medium: %v", componentNames(prev, "web"))
	}
	if _, ok := findComponent(prev, "web", micro); ok {
		t.Error("the group kept its t3.micro line after its template changed")
	}
}

// TestMemoStandsAsideForOtherOptions: a memo answers only Price calls
// with its first call's catalog, region and purchase options, and never
// with the free tier, whose allowances one resource's use takes from the
// next.
func TestMemoStandsAsideForOtherOptions(t *testing.T) {
	nat := rec("aws:ec2/natGateway:NatGateway", "nat", map[string]any{"allocationId": "eipalloc-1"})
	recs := []resource.Record{nat}
	memo := NewMemo()
	cat := testCatalog()
	if _, err := Price(recs, Options{Region: use1, Catalog: cat, Memo: memo}); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		opts Options
	}{
		{"another catalog", Options{Region: use1, Catalog: testCatalog()}},
		{"another region", Options{Region: "eu-west-1", Catalog: cat}},
		{"the free tier", Options{Region: use1, Catalog: cat, Purchase: PurchaseOptions{FreeTier: true}}},
		{"a duty cycle", Options{Region: use1, Catalog: cat, Purchase: PurchaseOptions{MonthlyHours: decimal.NewFromInt(200)}}},
	} {
		withMemo := tc.opts
		withMemo.Memo = memo
		b, err := Price(recs, withMemo)
		if err != nil {
			t.Fatal(err)
		}
		plain, err := Price(recs, tc.opts)
		if err != nil {
			t.Fatal(err)
		}
		got, _ := json.Marshal(b)
		want, _ := json.Marshal(plain)
		if string(got) != string(want) {
			t.Errorf("%s: with the memo\n%s\nwithout\n%s", tc.name, got, want)
		}
	}
	// eu-west-1 NAT hours: 730 × 0.048 = 35.04, not us-east-1's 32.85.
	b, _ := Price(recs, Options{Region: "eu-west-1", Catalog: cat, Memo: memo})
	if c, ok := findComponent(b, "nat", "NAT gateway"); !ok || !c.MonthlyCost.Equal(decimal.RequireFromString("35.04")) {
		t.Errorf("eu-west-1 NAT gateway through a us-east-1 memo: %+v", c)
	}
}

// TestTotalsAreTheLinesSums holds Price's totals, which it adds up one
// resource at a time (and a memo remembers per resource), to the sums of
// the breakdown's own line items taken one line at a time: equal in value
// and in exponent (1.5 and 1.50 print differently), with and without a
// memo, with and without a purchase option.
func TestTotalsAreTheLinesSums(t *testing.T) {
	u := usageOf(map[string]map[string]string{"tc-nat": {"monthly_data_processed_gb": "100.50"}})
	memo := NewMemo()
	reserved, err := catalog.ParsePurchase("reserved-1yr-no-upfront")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		opts Options
	}{
		{"on demand", Options{Region: use1, Catalog: testCatalog(), Usage: u}},
		{"reserved", Options{Region: use1, Catalog: catalog.Default(), Usage: u,
			Purchase: PurchaseOptions{Compute: reserved, Database: reserved, Cache: reserved}}},
		{"through a memo", Options{Region: use1, Catalog: testCatalog(), Usage: u, Memo: memo}},
		{"through the memo again", Options{Region: use1, Catalog: testCatalog(), Usage: u, Memo: memo}},
	} {
		recs := append(sampleStack(),
			rec("aws:ec2/instance:Instance", "tc-web", map[string]any{"instanceType": "t3.medium"}),
			rec("aws:rds/instance:Instance", "tc-db", map[string]any{"instanceClass": "db.t3.micro", "engine": "postgres", "allocatedStorage": 20.0}))
		b, err := Price(recs, tc.opts)
		if err != nil {
			t.Fatal(err)
		}
		fixed, use, at := decimal.Zero, decimal.Zero, decimal.Zero
		missing, fallbacks := 0, 0
		for _, r := range b.Resources {
			for _, c := range r.Lines() {
				if c.PriceFound && c.UsageBased {
					use = use.Add(c.MonthlyCost)
				} else if c.PriceFound {
					fixed = fixed.Add(c.MonthlyCost)
				}
				if c.PriceFound && c.PurchaseOption != "" && !c.OnDemandFallback {
					at = at.Add(c.MonthlyCost)
				}
				if c.Unpriced() {
					missing++
				}
				if c.OnDemandFallback {
					fallbacks++
				}
			}
		}
		for _, d := range []struct {
			what      string
			got, want decimal.Decimal
		}{
			{"fixed", b.FixedMonthlyCost, fixed},
			{"usage", b.UsageMonthlyCost, use},
			{"total", b.TotalMonthlyCost, fixed.Add(use)},
		} {
			if !sameDecimal(d.got, d.want) {
				t.Errorf("%s: %s total %s (exponent %d), its lines add up to %s (exponent %d)",
					tc.name, d.what, d.got, d.got.Exponent(), d.want, d.want.Exponent())
			}
		}
		if b.MissingPrices != missing || b.PurchaseFallbacks != fallbacks {
			t.Errorf("%s: counts %d missing, %d fallbacks; lines say %d, %d", tc.name, b.MissingPrices, b.PurchaseFallbacks, missing, fallbacks)
		}
		if (b.AtPurchaseOption != nil) != (tc.opts.Purchase.Compute.Kind == catalog.Reserved) {
			t.Errorf("%s: at-purchase-option total %v", tc.name, b.AtPurchaseOption)
		} else if b.AtPurchaseOption != nil && !sameDecimal(*b.AtPurchaseOption, at) {
			t.Errorf("%s: at the purchase option %s, its lines add up to %s", tc.name, b.AtPurchaseOption, at)
		}
		if tc.opts.Purchase.Compute.Kind == catalog.Reserved && at.IsZero() {
			t.Errorf("%s: nothing priced at the purchase option, so the test compares nothing", tc.name)
		}
	}
}
