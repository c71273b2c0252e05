package pricing

import (
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/tiercost/tiercost/costmodel/catalog"
	"github.com/tiercost/tiercost/costmodel/money"
	"github.com/tiercost/tiercost/costmodel/resource"
	"github.com/tiercost/tiercost/costmodel/usage"
)

const cfType = "aws:cloudfront/distribution:Distribution"

func TestCloudFront(t *testing.T) {
	runCases(t, []pricerCase{
		{
			name: "PriceClass_100 across the 10 TB boundary",
			recs: []resource.Record{rec(cfType, "cdn", map[string]any{"priceClass": "PriceClass_100"})},
			usage: usageOf(map[string]map[string]string{"cdn": {
				"monthly_data_transfer_to_internet_gb": "20000", "monthly_https_requests": "10000000"}}),
			want: []want{
				// US 70 % of 20,000 GB = 14,000 GB: first 10,240 × 0.085 = $870.40
				{"cdn", "Data transfer out to internet (United States, first 10 TB)", "10240", "870.4"},
				// next 3,760 × 0.08 = $300.80
				{"cdn", "Data transfer out to internet (United States, next 40 TB)", "3760", "300.8"},
				// Europe 30 % = 6,000 GB × 0.085 = $510.00
				{"cdn", "Data transfer out to internet (Europe, first 10 TB)", "6000", "510"},
				// HTTPS: US 7M × $0.01/10k = $7.00; Europe 3M × $0.012/10k = $3.60
				{"cdn", "HTTPS requests (United States)", "7000000", "7"},
				{"cdn", "HTTPS requests (Europe)", "3000000", "3.6"},
				{"cdn", "HTTP requests (United States)", "0", "0"},
				// The reference has no Europe to-origin price.
				{"cdn", "Data transfer out to origin (Europe)", "0", "notfound"},
			},
			absent: []string{"cdn|Data transfer out to internet (Asia, first 10 TB)"},
		},
		{
			name:  "PriceClass_All: groups without prices are not found",
			recs:  []resource.Record{rec(cfType, "cdn", map[string]any{})},
			usage: usageOf(map[string]map[string]string{"cdn": {"monthly_data_transfer_to_internet_gb": "1000"}}),
			want: []want{
				{"cdn", "Data transfer out to internet (United States, first 10 TB)", "550", "46.75"}, // 55 % × 1,000 × 0.085
				{"cdn", "Data transfer out to internet (Asia)", "50", "notfound"},                     // 5 %
				{"cdn", "Data transfer out to internet (South America)", "30", "notfound"},            // 3 %
			},
		},
		{
			name: "free tier shared by two distributions",
			recs: []resource.Record{
				rec(cfType, "a-cdn", map[string]any{"priceClass": "PriceClass_100"}),
				rec(cfType, "b-cdn", map[string]any{"priceClass": "PriceClass_100"}),
			},
			usage: usageOf(map[string]map[string]string{
				"a-cdn": {"monthly_data_transfer_to_internet_gb": "1000", "monthly_https_requests": "5000000"},
				"b-cdn": {"monthly_data_transfer_to_internet_gb": "1000", "monthly_https_requests": "8000000"},
			}),
			purchase: PurchaseOptions{FreeTier: true},
			want: []want{
				// a-cdn (first by URN) uses 1,000 of the 1,024 free GB and 5M of the 10M free requests.
				{"a-cdn", "Data transfer out to internet (United States, first 10 TB)", "0", "0"},
				{"a-cdn", "HTTPS requests (United States)", "0", "0"},
				// b-cdn: 1,000 − 24 = 976 GB billable; US 70 % = 683.2 × 0.085 = $58.072; Europe 292.8 × 0.085 = $24.888
				{"b-cdn", "Data transfer out to internet (United States, first 10 TB)", "683.2", "58.072"},
				{"b-cdn", "Data transfer out to internet (Europe, first 10 TB)", "292.8", "24.888"},
				// requests: 8M − 5M free left = 3M; US 2.1M × 0.000001 = $2.10; Europe 0.9M × 0.0000012 = $1.08
				{"b-cdn", "HTTPS requests (United States)", "2100000", "2.1"},
				{"b-cdn", "HTTPS requests (Europe)", "900000", "1.08"},
			},
		},
		{
			name:  "free tier off: full quantity",
			recs:  []resource.Record{rec(cfType, "a-cdn", map[string]any{"priceClass": "PriceClass_100"})},
			usage: usageOf(map[string]map[string]string{"a-cdn": {"monthly_data_transfer_to_internet_gb": "1000"}}),
			want:  []want{{"a-cdn", "Data transfer out to internet (United States, first 10 TB)", "700", "59.5"}}, // 700 × 0.085
		},
	})
}

// A usage file in Infracost's shape, an object by region group, prices
// only the groups it names, through the embedded catalog, to the cent.
//
// /work/shared/reference/aws-prices.csv, CloudFront data transfer out to
// internet, US/Mexico/Canada: first 10 TB 0.085 (row 260), next 40 TB
// 0.08 (row 262), next 100 TB 0.06 (row 264).
//
//	61,440 GB = 10,240 + 40,960 + 10,240
//	10,240 × 0.085 =   870.40
//	40,960 × 0.08  = 3,276.80
//	10,240 × 0.06  =   614.40
//	total            4,761.60
func TestCloudFrontUsageByRegionGroup(t *testing.T) {
	file := `version: 0.1
resource_usage:
  cdn:
    monthly_data_transfer_to_internet_gb:
      us: 61440
`
	u, err := usage.Parse("cdn-usage.yml", []byte(file), UsageSchema())
	if err != nil {
		t.Fatal(err)
	}
	b, err := Price([]resource.Record{rec(cfType, "cdn", map[string]any{"priceClass": "PriceClass_All"})},
		Options{Region: use1, Catalog: catalog.Default(), Usage: u})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][2]string{
		"Data transfer out to internet (United States, first 10 TB)": {"10240", "870.4"},
		"Data transfer out to internet (United States, next 40 TB)":  {"40960", "3276.8"},
		"Data transfer out to internet (United States, next 100 TB)": {"10240", "614.4"},
	}
	total := decimal.Zero
	for _, c := range b.Resources[0].Components {
		if !strings.HasPrefix(c.Name, "Data transfer out to internet") {
			continue
		}
		w, ok := want[c.Name]
		if !ok {
			t.Errorf("line %q (%s): only the US tiers are priced", c.Name, c.MonthlyQuantity)
			continue
		}
		delete(want, c.Name)
		if !c.MonthlyQuantity.Equal(money.MustParse(w[0])) || !c.MonthlyCost.Equal(money.MustParse(w[1])) {
			t.Errorf("%s: %s GB %s, want %s GB %s", c.Name, c.MonthlyQuantity, c.MonthlyCost, w[0], w[1])
		}
		if c.QuantitySource != "usage file cdn-usage.yml (by region group)" {
			t.Errorf("%s: source %q", c.Name, c.QuantitySource)
		}
		total = total.Add(c.MonthlyCost)
	}
	if len(want) > 0 || !total.Equal(money.MustParse("4761.6")) || money.USD(b.TotalMonthlyCost) != "$4,761.60" || b.NotPriced() != 0 {
		t.Errorf("missing %v; data out %s, total %s, not priced %d", want, total, b.TotalMonthlyCost, b.NotPriced())
	}
}

// A flat number keeps the default split, and each share's quantity source
// names it.
func TestCloudFrontFlatUsageNamesTheSplit(t *testing.T) {
	u := usageOf(map[string]map[string]string{"cdn": {"monthly_data_transfer_to_internet_gb": "1000"}})
	b, err := Price([]resource.Record{rec(cfType, "cdn", map[string]any{"priceClass": "PriceClass_100"})},
		Options{Region: use1, Catalog: testCatalog(), Usage: u})
	if err != nil {
		t.Fatal(err)
	}
	c, _ := findComponent(b, "cdn", "Data transfer out to internet (Europe, first 10 TB)")
	if c.QuantitySource != "workload model, 30 % of the total (PriceClass_100 default split)" || !c.MonthlyQuantity.Equal(money.MustParse("300")) {
		t.Errorf("Europe share: %s from %q", c.MonthlyQuantity, c.QuantitySource)
	}
}

// Usage keyed by group: bad groups are refused naming the allowed ones, a
// resource's object replaces its type's flat total, and the file writer
// writes groups back as an object the parser reads.
func TestCloudFrontGroupedUsageFile(t *testing.T) {
	_, err := usage.Parse("u.yml", []byte("version: 0.1\nresource_usage:\n  cdn:\n    monthly_http_requests:\n      antarctica: 5\n"), UsageSchema())
	if err == nil || !strings.Contains(err.Error(), "u.yml: line 5: resource_usage.cdn.monthly_http_requests.antarctica: unknown region group; allowed: us, canada, europe") {
		t.Errorf("bad group: %v", err)
	}
	_, err = usage.Parse("u.yml", []byte("version: 0.1\nresource_usage:\n  cdn:\n    monthly_http_requests:\n      us: -5\n"), UsageSchema())
	if err == nil || !strings.Contains(err.Error(), "monthly_http_requests.us: -5 is negative") {
		t.Errorf("negative group: %v", err)
	}
	_, err = usage.Parse("u.yml", []byte("version: 0.1\nresource_usage:\n  web-alb:\n    processed_gb_per_hour:\n      us: 5\n"), UsageSchema())
	if err == nil || !strings.Contains(err.Error(), "processed_gb_per_hour: got a mapping") {
		t.Errorf("groups on a key without them: %v", err)
	}
	file := "version: 0.1\nresource_type_default_usage:\n  " + cfType + ":\n    monthly_http_requests: 1000\n" +
		"resource_usage:\n  cdn:\n    monthly_http_requests:\n      europe: 10\n      canada: 2\n      us: 3\n"
	u, err := usage.Parse("u.yml", []byte(file), UsageSchema())
	if err != nil {
		t.Fatal(err)
	}
	b, err := Price([]resource.Record{rec(cfType, "cdn", map[string]any{})}, Options{Region: use1, Catalog: testCatalog(), Usage: u})
	if err != nil {
		t.Fatal(err)
	}
	var http []string
	for _, c := range b.Resources[0].Components {
		if strings.HasPrefix(c.Name, "HTTP requests") {
			http = append(http, c.Name+" "+c.MonthlyQuantity.String())
		}
	}
	// canada adds to us (one billing group); the flat 1,000 is replaced.
	if strings.Join(http, "; ") != "HTTP requests (United States) 5; HTTP requests (Europe) 10" {
		t.Errorf("HTTP lines: %v", http)
	}
	back, err := usage.Parse("back.yml", usage.Marshal(u), UsageSchema())
	if err != nil {
		t.Fatalf("written file does not read back: %v\n%s", err, usage.Marshal(u))
	}
	if g, ok := back.Resources["cdn"].Groups("monthly_http_requests"); !ok || !g["canada"].Equal(money.MustParse("2")) || len(g) != 3 {
		t.Errorf("read back %v", back.Resources["cdn"])
	}
}
