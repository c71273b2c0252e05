package pricing

import (
	"testing"

	"github.com/tiercost/tiercost/costmodel/resource"
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
