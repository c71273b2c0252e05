package pricing_test

import (
	"path/filepath"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/tiercost/tiercost/costmodel/catalog"
	"github.com/tiercost/tiercost/costmodel/iac"
	"github.com/tiercost/tiercost/costmodel/pricing"
	"github.com/tiercost/tiercost/costmodel/usage"
)

// TestHandWrittenStackPricesToTheCent prices the hand-written stack export
// and preview in testdata/stacks with the embedded catalog. Every expected
// figure is worked out line by line in testdata/stacks/EXPECTED.md from
// shared/reference/aws-prices.csv (row numbers cited there).
func TestHandWrittenStackPricesToTheCent(t *testing.T) {
	dir := filepath.Join("..", "..", "testdata", "stacks")
	u, err := usage.ParseFile(filepath.Join(dir, "usage.yml"), pricing.UsageSchema())
	if err != nil {
		t.Fatal(err)
	}
	export, err := iac.ReadStackExport(filepath.Join(dir, "export.json"))
	if err != nil {
		t.Fatal(err)
	}
	preview, err := iac.ReadPreview(filepath.Join(dir, "preview.json"))
	if err != nil {
		t.Fatal(err)
	}
	// Per-resource subtotals from EXPECTED.md.
	want := map[string]string{
		"web-worker":      "44.368",   // 30.368 + 4 + 5 + 5
		"web-asg":         "178.704",  // 3 × 730 × 0.0816
		"web-alb":         "38.325",   // 16.425 + 14.60 + 7.30
		"net-nat":         "77.85",    // 32.85 + 45
		"net-nat-eip":     "3.65",     // 730 × 0.005
		"data-volume":     "21",       // 16 + 5
		"web-cdn":         "1295.695", // tiers and requests, see EXPECTED.md
		"db-primary":      "486.14",   // 232.14 + 115 + 120 + 19
		"db-replica":      "233.57",   // 116.07 + 57.50 + 60
		"db-aurora":       "21.05",    // 10 + 10 + 1.05
		"db-aurora-1":     "189.8",    // 730 × 0.26
		"cache-redis":     "603.22",   // 2,920 × 0.206 + 1.70
		"cache-memcached": "46.72",    // 1,460 × 0.032
		"web-assets":      "14.5",     // 11.50 + 1 + 2
		"app-logs":        "26.2",     // 25 + 1.20
		"alarm-cpu-high":  "0.1",
		"alarm-alb-5xx":   "0.1",
	}
	for _, tc := range []struct {
		name string
		src  iac.Source
	}{{"export", export}, {"preview", preview}} {
		t.Run(tc.name, func(t *testing.T) {
			b, err := pricing.Price(tc.src.Records, pricing.Options{
				Project: tc.name, Region: tc.src.Region, Catalog: catalog.Default(), Usage: u,
			})
			if err != nil {
				t.Fatal(err)
			}
			// 81.50 (net) + 1,571.592 (web) + 1,630.90 (top level) = 3,283.992
			if got := b.TotalMonthlyCost; !got.Equal(decimal.RequireFromString("3283.992")) {
				t.Errorf("total = %s, want 3283.992", got)
			}
			byName := map[string]pricing.ResourceCost{}
			for _, r := range b.Resources {
				byName[r.Name] = r
			}
			for name, w := range want {
				r, ok := byName[name]
				if !ok {
					t.Errorf("%s: not in the breakdown", name)
					continue
				}
				if !r.MonthlyCost.Equal(decimal.RequireFromString(w)) {
					t.Errorf("%s: monthly = %s, want %s", name, r.MonthlyCost, w)
				}
			}
			if r := byName["jobs-queue"]; r.Status != pricing.StatusUnsupported {
				t.Errorf("jobs-queue status = %q, want unsupported", r.Status)
			}
			// 1 dashboard x $3.00 (aws-prices.csv row 361).
			if r := byName["ops-dashboard"]; r.Status != pricing.StatusPriced || !r.MonthlyCost.Equal(decimal.RequireFromString("3")) {
				t.Errorf("ops-dashboard = %+v, want $3.00", r)
			}
			for _, free := range []string{"net-vpc", "web-alb-sg", "web-tg", "web-https", "web-role", "web-lt"} {
				if byName[free].Status != pricing.StatusFree {
					t.Errorf("%s status = %q, want free", free, byName[free].Status)
				}
			}
		})
	}
}
