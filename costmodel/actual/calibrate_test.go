package actual

import (
	"testing"

	"github.com/shopspring/decimal"

	"github.com/tiercost/tiercost/costmodel/resource"
	"github.com/tiercost/tiercost/costmodel/usage"
)

// TestPropose: billed CloudFront traffic against the plan's proposes the
// workload that would have planned it.
func TestPropose(t *testing.T) {
	cdn := resource.Record{Type: resource.TypeCloudFront, Name: "cdn", URN: "urn:pulumi:prod::tiercost::aws:cloudfront/distribution:Distribution::cdn"}
	planned := &usage.Usage{TypeDefaults: map[string]usage.Values{resource.TypeCloudFront: {
		"monthly_data_transfer_to_internet_gb": decimal.NewFromInt(15000),
		"monthly_http_requests":                decimal.NewFromInt(1000000),
		"monthly_https_requests":               decimal.NewFromInt(20000000),
	}}}
	cal := func(us, eu, http, https int64) Calibration {
		return Calibration{Usage: &usage.Usage{Resources: map[string]usage.Values{"cdn": {
			usage.GroupKey("monthly_data_transfer_to_internet_gb", "us"):     decimal.NewFromInt(us),
			usage.GroupKey("monthly_data_transfer_to_internet_gb", "europe"): decimal.NewFromInt(eu),
			usage.GroupKey("monthly_http_requests", "us"):                    decimal.NewFromInt(http),
			usage.GroupKey("monthly_https_requests", "us"):                   decimal.NewFromInt(https),
		}}}}
	}
	for _, tc := range []struct {
		name string
		cal  Calibration
		want []Proposal
	}{
		// 25,200,000 requests billed vs 21,000,000 planned: × 1.2, so 10 → 12
		// a day; 18,000 GB over 25.2M is the planned 15,000 GB over 21M: no
		// size change.
		{"more requests", cal(12600, 5400, 1200000, 24000000), []Proposal{{Field: "requests_per_user_per_day", From: 10, To: 12}}},
		// As many requests, 18,000 GB instead of 15,000: × 1.2 the bytes per
		// request, so 40 KB → 48 KB.
		{"bigger responses", cal(12600, 5400, 1000000, 20000000), []Proposal{{Field: "avg_response_kb", From: 40, To: 48}}},
		// Within 2 %: nothing.
		{"as planned", cal(10500, 4500, 1000000, 20100000), nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := Propose(tc.cal, planned, []resource.Record{cdn}, 10, 40)
			if len(got) != len(tc.want) {
				t.Fatalf("got %+v, want %+v", got, tc.want)
			}
			for i, w := range tc.want {
				if got[i].Field != w.Field || got[i].From != w.From || got[i].To != w.To || got[i].Evidence == "" {
					t.Errorf("got %+v, want %+v", got[i], w)
				}
			}
		})
	}
}
