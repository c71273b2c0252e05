package pricing

import (
	"strings"
	"testing"

	"github.com/tiercost/tiercost/costmodel/catalog"
	"github.com/tiercost/tiercost/costmodel/money"
	"github.com/tiercost/tiercost/costmodel/resource"
)

const ec2Type = "aws:ec2/instance:Instance"

func TestEC2Instance(t *testing.T) {
	onDemand := "Instance usage (Linux/UNIX, on-demand, t3.medium)"
	reserved1yr := catalog.Term{Kind: catalog.Reserved, Length: "1yr", Class: "standard", Payment: "No Upfront"}
	// A catalog with a Savings Plan rate, as an imported one might hold.
	spCatalog := testCatalog(catalog.Price{Product: savingsPlanKey(use1, "t3.medium"), Term: catalog.OnDemandTerm,
		Unit: "Hrs", USD: money.MustParse("0.03"), Source: "imported", AsOf: "2026-09-28"})
	runCases(t, []pricerCase{
		{
			name: "on-demand with default root volume",
			recs: []resource.Record{rec(ec2Type, "web", map[string]any{"instanceType": "t3.medium"})},
			want: []want{
				// t3.medium 0.0416 $/h × 730 h = $30.368
				{"web", onDemand, "730", "30.368"},
				// root volume: no type → gp2, no size → 8 GB; 8 × 0.10 = $0.80
				{"web/rootBlockDevice", "Storage (general purpose SSD, gp2)", "8", "0.8"},
			},
		},
		{
			name: "gp3 root above IOPS and throughput baselines",
			recs: []resource.Record{rec(ec2Type, "web", map[string]any{"instanceType": "t3.medium",
				"rootBlockDevice": map[string]any{"volumeSize": 100.0, "volumeType": "gp3", "iops": 6000.0, "throughput": 250.0}})},
			want: []want{
				// 100 GB × 0.08 = $8.00
				{"web/rootBlockDevice", "Storage (general purpose SSD, gp3)", "100", "8"},
				// (6,000 − 3,000) IOPS × 0.005 = $15.00
				{"web/rootBlockDevice", "Provisioned IOPS (above 3,000)", "3000", "15"},
				// (250 − 125) MiB/s × 0.04 = $5.00
				{"web/rootBlockDevice", "Provisioned throughput (above 125 MiB/s)", "125", "5"},
			},
		},
		{
			name: "gp3 at baseline has no IOPS or throughput line",
			recs: []resource.Record{rec(ec2Type, "web", map[string]any{"instanceType": "t3.medium",
				"rootBlockDevice": map[string]any{"volumeSize": 20.0, "volumeType": "gp3", "iops": 3000.0, "throughput": 125.0}})},
			want:   []want{{"web/rootBlockDevice", "Storage (general purpose SSD, gp3)", "20", "1.6"}}, // 20 × 0.08
			absent: []string{"web/rootBlockDevice|Provisioned IOPS (above 3,000)", "web/rootBlockDevice|Provisioned throughput (above 125 MiB/s)"},
		},
		{
			name: "io1 extra volume: prices missing from the catalog are not found, not $0",
			recs: []resource.Record{rec(ec2Type, "web", map[string]any{"instanceType": "t3.medium",
				"ebsBlockDevices": []any{map[string]any{"volumeSize": 50.0, "volumeType": "io1", "iops": 1000.0}}})},
			want: []want{
				{"web/ebsBlockDevices[0]", "Storage (provisioned IOPS SSD, io1)", "50", "notfound"},
				{"web/ebsBlockDevices[0]", "Provisioned IOPS", "1000", "notfound"},
			},
		},
		{
			name:  "usage monthly_hours",
			recs:  []resource.Record{rec(ec2Type, "web", map[string]any{"instanceType": "t3.medium"})},
			usage: usageOf(map[string]map[string]string{"web": {"monthly_hours": "200"}}),
			want:  []want{{"web", onDemand, "200", "8.32"}}, // 200 h × 0.0416 = $8.32
		},
		{
			name:     "duty cycle option",
			recs:     []resource.Record{rec(ec2Type, "web", map[string]any{"instanceType": "t3.medium"})},
			purchase: PurchaseOptions{MonthlyHours: money.MustParse("160")},
			want:     []want{{"web", onDemand, "160", "6.656"}}, // 160 h × 0.0416 = $6.656
		},
		{
			name:     "usage monthly_hours wins over the duty cycle",
			recs:     []resource.Record{rec(ec2Type, "web", map[string]any{"instanceType": "t3.medium"})},
			usage:    usageOf(map[string]map[string]string{"web": {"monthly_hours": "200"}}),
			purchase: PurchaseOptions{MonthlyHours: money.MustParse("160")},
			want:     []want{{"web", onDemand, "200", "8.32"}},
		},
		{
			name:     "reserved 1yr standard no upfront",
			recs:     []resource.Record{rec(ec2Type, "web", map[string]any{"instanceType": "t3.medium"})},
			purchase: PurchaseOptions{Compute: reserved1yr},
			// effective 0.0261 $/h × 730 h = $19.053
			want: []want{{"web", "Instance usage (Linux/UNIX, reserved 1yr standard no upfront, t3.medium)", "730", "19.053"}},
		},
		{
			name:     "reserved term the catalog lacks: priced on demand and marked",
			recs:     []resource.Record{rec(ec2Type, "web", map[string]any{"instanceType": "t3.medium"})},
			purchase: PurchaseOptions{Compute: catalog.Term{Kind: catalog.Reserved, Length: "3yr", Class: "standard", Payment: "All Upfront"}},
			// 730 h × 0.0416 = $30.368 on demand
			want: []want{{"web", onDemand, "730", "30.368"}},
			check: func(t *testing.T, b Breakdown) {
				c, _ := findComponent(b, "web", onDemand)
				if !c.OnDemandFallback || c.PurchaseOption != catalog.OnDemandOption || c.Note != FallbackNote {
					t.Errorf("fallback line: fallback %v option %q note %q", c.OnDemandFallback, c.PurchaseOption, c.Note)
				}
				// Nothing is at the option; the root volume is not bought under it.
				if b.PurchaseOption != "reserved-3yr-all-upfront" || b.PurchaseFallbacks != 1 || b.AtPurchaseOption == nil || !b.AtPurchaseOption.IsZero() {
					t.Errorf("breakdown: option %q fallbacks %d at %v", b.PurchaseOption, b.PurchaseFallbacks, b.AtPurchaseOption)
				}
			},
		},
		{
			name:     "reserved term for an instance the catalog does not know is not found",
			recs:     []resource.Record{rec(ec2Type, "web", map[string]any{"instanceType": "x9.huge"})},
			purchase: PurchaseOptions{Compute: reserved1yr},
			want:     []want{{"web", "Instance usage (Linux/UNIX, reserved 1yr standard no upfront, x9.huge)", "730", "notfound"}},
		},
		{
			name:     "Savings Plan without rates: the covered share on demand, marked",
			recs:     []resource.Record{rec(ec2Type, "web", map[string]any{"instanceType": "t3.medium"})},
			purchase: PurchaseOptions{SavingsPlanCoveragePct: money.MustParse("50")},
			want: []want{
				// 365 h × 0.0416 = $15.184 each
				{"web", "Instance usage (Linux/UNIX, on-demand for the Savings Plan share, t3.medium)", "365", "15.184"},
				{"web", onDemand, "365", "15.184"},
			},
			check: func(t *testing.T, b Breakdown) {
				c, _ := findComponent(b, "web", "Instance usage (Linux/UNIX, on-demand for the Savings Plan share, t3.medium)")
				if !c.OnDemandFallback || !strings.HasPrefix(c.Note, SavingsPlanFallbackNote) {
					t.Errorf("fallback %v note %q", c.OnDemandFallback, c.Note)
				}
				if b.PurchaseOption != "Savings Plan 50 %" || b.PurchaseFallbacks != 1 {
					t.Errorf("option %q fallbacks %d", b.PurchaseOption, b.PurchaseFallbacks)
				}
			},
		},
		{
			name:     "Savings Plan arithmetic with an imported rate",
			recs:     []resource.Record{rec(ec2Type, "web", map[string]any{"instanceType": "t3.medium"})},
			purchase: PurchaseOptions{SavingsPlanCoveragePct: money.MustParse("50")},
			catalog:  spCatalog,
			want: []want{
				// 50 % of 730 h = 365 h × 0.03 = $10.95
				{"web", "Instance usage (Linux/UNIX, Savings Plan, t3.medium)", "365", "10.95"},
				// the other 365 h × 0.0416 = $15.184
				{"web", onDemand, "365", "15.184"},
			},
			check: func(t *testing.T, b Breakdown) {
				// $10.95 of the total is at the Savings Plan rate.
				if b.AtPurchaseOption == nil || !b.AtPurchaseOption.Equal(money.MustParse("10.95")) || b.PurchaseFallbacks != 0 {
					t.Errorf("at option %v fallbacks %d", b.AtPurchaseOption, b.PurchaseFallbacks)
				}
			},
		},
		{
			name: "public IPv4 when associatePublicIpAddress",
			recs: []resource.Record{rec(ec2Type, "web", map[string]any{"instanceType": "t3.medium", "associatePublicIpAddress": true})},
			want: []want{{"web", "Public IPv4 address", "730", "3.65"}}, // 730 × 0.005
		},
	})
}

func TestOptionsRefused(t *testing.T) {
	recs := []resource.Record{rec(ec2Type, "web", map[string]any{"instanceType": "t3.medium"})}
	for _, tc := range []struct {
		name string
		opts Options
		want string
	}{
		{"no catalog", Options{Region: use1}, "no price catalog"},
		{"bad region", Options{Region: "moon-base", Catalog: testCatalog()}, `region "moon-base"`},
		{"coverage over 100", Options{Region: use1, Catalog: testCatalog(), Purchase: PurchaseOptions{SavingsPlanCoveragePct: money.MustParse("120")}}, "allowed: 0 to 100"},
		{"negative hours", Options{Region: use1, Catalog: testCatalog(), Purchase: PurchaseOptions{MonthlyHours: money.MustParse("-1")}}, "monthly hours"},
		{"bad term length", Options{Region: use1, Catalog: testCatalog(), Purchase: PurchaseOptions{Database: catalog.Term{Kind: catalog.Reserved, Length: "2yr", Class: "standard", Payment: "No Upfront"}}}, "term Reserved 2yr standard No Upfront is not a purchase option; allowed: on-demand, reserved-1yr-no-upfront"},
		{"bad term kind", Options{Region: use1, Catalog: testCatalog(), Purchase: PurchaseOptions{Cache: catalog.Term{Kind: "Spot"}}}, `term kind "Spot"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Price(recs, tc.opts)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %v, want it to contain %q", err, tc.want)
			}
		})
	}
}

// TestUnlistedMarketsNotPriced: the catalog holds shared-tenancy hours
// only, so a dedicated, host or spot instance's hours are not priced (a
// lower bound), never priced as shared on demand; a shared one is:
// aws-prices.csv: t3.micro on demand 0.0104 × 730 = $7.592.
func TestUnlistedMarketsNotPriced(t *testing.T) {
	for _, tc := range []struct {
		name   string
		inputs map[string]any
		how    string
	}{
		{"shared", map[string]any{"instanceType": "t3.micro"}, ""},
		{"dedicated", map[string]any{"instanceType": "t3.micro", "tenancy": "dedicated"}, "dedicated tenancy"},
		{"host", map[string]any{"instanceType": "t3.micro", "tenancy": "host"}, "dedicated host"},
		{"spot", map[string]any{"instanceType": "t3.micro", "instanceMarketOptions": map[string]any{"marketType": "spot"}}, "spot"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b, err := Price([]resource.Record{rec(ec2Type, "vm", tc.inputs)}, Options{Region: use1, Catalog: catalog.Default()})
			if err != nil {
				t.Fatal(err)
			}
			c := b.Resources[0].Components[0]
			if tc.how == "" {
				if !c.PriceFound || !c.MonthlyCost.Equal(money.MustParse("7.592")) {
					t.Errorf("shared: %+v, want $7.592", c)
				}
				return
			}
			if c.PriceFound || !c.MonthlyCost.IsZero() || !strings.Contains(c.Name, tc.how) || !strings.Contains(c.Note, "not "+tc.how) || !b.Monthly().LowerBound() {
				t.Errorf("%s: %+v (lower bound %v), want not priced, named and noted", tc.how, c, b.Monthly().LowerBound())
			}
		})
	}
}
