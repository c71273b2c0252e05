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

// TestStackWithoutProviderRegion prices testdata/stacks/export-usw2.json
// and preview-usw2.json: real-shaped files of a stack deployed with
// AWS_REGION=us-west-2, so its provider has no region input; its ARNs,
// availability zones and endpoints say us-west-2. The load balancer has
// the token pulumi-aws v5 used (elasticloadbalancingv2), the shared
// database is external (read, not owned), and the preview gives the
// instance's step inputs and no newState.
//
// By hand, us-west-2 (R = shared/reference/regional/prices-regional.csv,
// F = shared/data/focus-sample/focus_sample.csv, line numbers):
//
//	app         t3.medium 730 h × 0.0416 (R:24)                  = 30.368
//	app root    export: 8 GB gp3 × 0.08 (F:134)                 =  0.64
//	            preview: no rootBlockDevice in the step's inputs:
//	            8 GB gp2 assumed × 0.10 (F:157)                  =  0.80
//	nat         730 h × 0.045 (F:221); 0 GB processed            = 32.85
//	web (ALB)   730 h × 0.0225 (F:57); 0 LCU                     = 16.425
//	            2 subnets × 730 h × 0.005 public IPv4 (F:73)     =  7.30
//	shared-db   external: not priced (db.t3.medium alone would be
//	            730 × 0.072 = 52.56, R:268)
//
//	export  30.368 + 0.64 + 32.85 + 16.425 + 7.30 = 87.583 → $87.58
//	preview 30.368 + 0.80 + 32.85 + 16.425 + 7.30 = 87.743 → $87.74
func TestStackWithoutProviderRegion(t *testing.T) {
	dir := filepath.Join("..", "..", "testdata", "stacks")
	export, err := iac.ReadStackExport(filepath.Join(dir, "export-usw2.json"))
	if err != nil {
		t.Fatal(err)
	}
	preview, err := iac.ReadPreview(filepath.Join(dir, "preview-usw2.json"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, total, root, rootLine, from string
		src                               iac.Source
	}{
		{"export", "87.583", "0.64", "Storage (general purpose SSD, gp3)", iac.RegionFromARNs, export},
		{"preview", "87.743", "0.8", "Storage (general purpose SSD, gp2)", iac.RegionFromARNs, preview},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.src.Region != "us-west-2" || tc.src.RegionFrom != tc.from {
				t.Fatalf("region %q from %q, want us-west-2 from %s", tc.src.Region, tc.src.RegionFrom, tc.from)
			}
			// The fallback the CLI would use must not matter.
			b, err := pricing.Price(tc.src.Records, pricing.Options{Project: tc.name, Region: tc.src.Region, Catalog: catalog.Default()})
			if err != nil {
				t.Fatal(err)
			}
			if b.Region != "us-west-2" || !b.TotalMonthlyCost.Equal(decimal.RequireFromString(tc.total)) || b.NotPriced() != 0 {
				t.Errorf("region %s total %s (not priced %d), want us-west-2 %s, complete", b.Region, b.TotalMonthlyCost, b.NotPriced(), tc.total)
			}
			var web, db pricing.ResourceCost
			for _, r := range b.Resources {
				switch r.Name {
				case "web":
					web = r
				case "shared-db":
					db = r
				}
			}
			if web.Status != pricing.StatusPriced || web.Type != "aws:lb/loadBalancer:LoadBalancer" ||
				web.Metadata["type_alias"] != "aws:elasticloadbalancingv2/loadBalancer:LoadBalancer" || !web.MonthlyCost.Equal(decimal.RequireFromString("23.725")) {
				t.Errorf("legacy ALB: %s %s %v %s, want priced as aws:lb at 23.725", web.Status, web.Type, web.Metadata, web.MonthlyCost)
			}
			if tc.name == "export" && (db.Status != pricing.StatusExternal || len(db.Components) != 0 || !db.MonthlyCost.IsZero()) {
				t.Errorf("external db: %s, %d lines, %s", db.Status, len(db.Components), db.MonthlyCost)
			}
			for n, c := range b.Lines() {
				if n.Path() != "app / rootBlockDevice" {
					continue
				}
				assumed := tc.name == "preview"
				if c.Name != tc.rootLine || !c.MonthlyCost.Equal(decimal.RequireFromString(tc.root)) || (c.Assumed != "") != assumed {
					t.Errorf("root %q %s assumed %q", c.Name, c.MonthlyCost, c.Assumed)
				}
			}
		})
	}
}
