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

const use1 = "us-east-1"

// testPrices are hand-entered from /work/shared/reference/aws-prices.csv
// (us-east-1 unless said otherwise). Request prices the CSV gives per 1k
// or 10k requests are entered per request. Prices the CSV lacks (EBS io1,
// RDS io1 IOPS, CloudWatch dashboards, CloudFront Europe to-origin,
// Memcached nodes) are left out on purpose, so their lines are "not found".
func testPrices() []catalog.Price {
	var ps []catalog.Price
	add := func(key catalog.ProductKey, usd, unit string) {
		ps = append(ps, catalog.Price{Product: key, Term: catalog.OnDemandTerm, Unit: unit, USD: money.MustParse(usd), Source: "reference csv", AsOf: "2026-09-28"})
	}
	reserved := func(key catalog.ProductKey, length, class, payment, usd string) {
		ps = append(ps, catalog.Price{Product: key, Term: catalog.Term{Kind: catalog.Reserved, Length: length, Class: class, Payment: payment},
			Unit: "Hrs", USD: money.MustParse(usd), Source: "reference csv", AsOf: "2024-07-01"})
	}
	// tiered adds tiers [start, next start) with the last open-ended.
	tiered := func(key catalog.ProductKey, unit string, starts []int64, usds []string) {
		for i := range starts {
			p := catalog.Price{Product: key, Term: catalog.OnDemandTerm, Unit: unit, USD: money.MustParse(usds[i]),
				TierStart: decimal.NewFromInt(starts[i]), Source: "reference csv", AsOf: "2026-09-28"}
			if i+1 < len(starts) {
				end := decimal.NewFromInt(starts[i+1])
				p.TierEnd = &end
			}
			ps = append(ps, p)
		}
	}
	// EC2 on-demand Linux shared.
	add(catalog.EC2Instance(use1, "t3.micro"), "0.0104", "Hrs")
	add(catalog.EC2Instance(use1, "t3.medium"), "0.0416", "Hrs")
	add(catalog.EC2Instance(use1, "t4g.small"), "0.0168", "Hrs")
	reserved(catalog.EC2Instance(use1, "t3.medium"), "1yr", "standard", "No Upfront", "0.0261")
	// EBS.
	add(catalog.EBSStorage(use1, "gp2"), "0.1", "GB-Mo")
	add(catalog.EBSStorage(use1, "gp3"), "0.08", "GB-Mo")
	add(catalog.EBSIOPS(use1, "gp3"), "0.005", "IOPS-Mo")
	add(catalog.EBSThroughput(use1), "0.04", "MiBps-Mo")
	add(catalog.EBSSnapshot(use1), "0.05", "GB-Mo")
	// NAT, public IPv4 (and eu-west-1 NAT hours for the region test).
	add(catalog.NATGatewayHours(use1), "0.045", "Hrs")
	add(catalog.NATGatewayBytes(use1), "0.045", "GB")
	add(catalog.NATGatewayHours("eu-west-1"), "0.048", "Hrs")
	add(catalog.PublicIPv4(use1), "0.005", "Hrs")
	// Load balancers.
	add(catalog.LoadBalancerHours(use1, catalog.LBApplication), "0.0225", "Hrs")
	add(catalog.LoadBalancerLCU(use1, catalog.LBApplication), "0.008", "LCU-Hrs")
	add(catalog.LoadBalancerHours(use1, catalog.LBNetwork), "0.0225", "Hrs")
	add(catalog.LoadBalancerLCU(use1, catalog.LBNetwork), "0.006", "LCU-Hrs")
	// RDS.
	add(catalog.RDSInstance(use1, "db.t3.medium", catalog.EnginePostgreSQL, catalog.SingleAZ), "0.072", "Hrs")
	add(catalog.RDSInstance(use1, "db.t3.medium", catalog.EnginePostgreSQL, catalog.MultiAZ), "0.145", "Hrs")
	add(catalog.RDSInstance(use1, "db.t4g.micro", catalog.EnginePostgreSQL, catalog.SingleAZ), "0.016", "Hrs")
	add(catalog.RDSInstance(use1, "db.t3.micro", catalog.EngineMySQL, catalog.SingleAZ), "0.017", "Hrs")
	add(catalog.RDSStorage(use1, "gp2", catalog.SingleAZ), "0.115", "GB-Mo")
	add(catalog.RDSStorage(use1, "gp2", catalog.MultiAZ), "0.23", "GB-Mo")
	add(catalog.RDSStorage(use1, "gp3", catalog.SingleAZ), "0.115", "GB-Mo")
	add(catalog.RDSStorage(use1, "gp3", catalog.MultiAZ), "0.23", "GB-Mo")
	add(catalog.RDSStorage(use1, "io1", catalog.SingleAZ), "0.125", "GB-Mo")
	add(catalog.RDSIOPS(use1, "gp3", catalog.SingleAZ), "0.02", "IOPS-Mo")
	add(catalog.RDSIOPS(use1, "gp3", catalog.MultiAZ), "0.04", "IOPS-Mo")
	add(catalog.RDSBackup(use1, "rds"), "0.095", "GB-Mo")
	// Aurora.
	add(catalog.RDSInstance(use1, "db.r6g.large", catalog.EngineAuroraPostgreSQL, catalog.SingleAZ), "0.26", "Hrs")
	add(catalog.RDSStorage(use1, "aurora", catalog.SingleAZ), "0.1", "GB-Mo")
	add(catalog.AuroraIO(use1), "0.0000002", "IOs") // $0.20 per 1M requests
	add(catalog.RDSBackup(use1, "aurora"), "0.021", "GB-Mo")
	// ElastiCache.
	add(catalog.ElastiCacheNode(use1, "cache.t4g.small", catalog.CacheRedis), "0.032", "Hrs")
	add(catalog.ElastiCacheNode(use1, "cache.t4g.small", catalog.CacheValkey), "0.0256", "Hrs")
	add(catalog.ElastiCacheNode(use1, "cache.t3.micro", catalog.CacheRedis), "0.017", "Hrs")
	reserved(catalog.ElastiCacheNode(use1, "cache.t4g.small", catalog.CacheRedis), "1yr", "standard", "No Upfront", "0.022")
	add(catalog.ElastiCacheBackup(use1), "0.085", "GB-Mo")
	// CloudFront: US/Mexico/Canada and Europe/Israel tiers are the same.
	cfStarts := []int64{0, 10240, 51200, 153600, 512000, 1048576, 5242880}
	cfUSD := []string{"0.085", "0.08", "0.06", "0.04", "0.03", "0.025", "0.02"}
	tiered(catalog.CloudFrontDataOut(catalog.CFUnitedStates), "GB", cfStarts, cfUSD)
	tiered(catalog.CloudFrontDataOut(catalog.CFEurope), "GB", cfStarts, cfUSD)
	add(catalog.CloudFrontRequests(catalog.CFUnitedStates, "http"), "0.00000075", "Requests") // $0.0075/10k
	add(catalog.CloudFrontRequests(catalog.CFUnitedStates, "https"), "0.000001", "Requests")  // $0.01/10k
	add(catalog.CloudFrontRequests(catalog.CFEurope, "http"), "0.0000009", "Requests")        // $0.009/10k
	add(catalog.CloudFrontRequests(catalog.CFEurope, "https"), "0.0000012", "Requests")       // $0.012/10k
	add(catalog.CloudFrontToOrigin(catalog.CFUnitedStates), "0.02", "GB")
	// Data transfer.
	tiered(catalog.DataTransferOut(use1), "GB", []int64{0, 10240, 51200, 153600}, []string{"0.09", "0.085", "0.07", "0.05"})
	add(catalog.DataTransferInterAZ(use1), "0.01", "GB")
	// CloudWatch (first metric tier only, entered untiered).
	add(catalog.CloudWatchLogsIngest(use1), "0.5", "GB")
	add(catalog.CloudWatchLogsStorage(use1), "0.03", "GB-Mo")
	add(catalog.CloudWatchAlarm(use1, "standard"), "0.1", "Alarms")
	add(catalog.CloudWatchAlarm(use1, "high"), "0.3", "Alarms")
	add(catalog.CloudWatchMetric(use1), "0.3", "Metrics")
	// S3 Standard.
	tiered(catalog.S3Storage(use1, "Standard"), "GB-Mo", []int64{0, 51200, 512000}, []string{"0.023", "0.022", "0.021"})
	add(catalog.S3Requests(use1, "tier1"), "0.000005", "Requests")  // $0.005/1k
	add(catalog.S3Requests(use1, "tier2"), "0.0000004", "Requests") // $0.0004/1k
	return ps
}

func testCatalog(extra ...catalog.Price) *catalog.Catalog {
	return catalog.New(&catalog.Layer{Name: "test", AsOf: "2024-07-01", Prices: append(testPrices(), extra...)})
}

// rec builds a top-level record of a type with inputs.
func rec(typ, name string, inputs map[string]any) resource.Record {
	return resource.Record{Type: typ, Name: name, URN: "urn:pulumi:dev::tiercost::" + typ + "::" + name, Inputs: inputs}
}

// usageOf builds usage keyed by resource name.
func usageOf(byName map[string]map[string]string) *usage.Usage {
	u := &usage.Usage{Origin: "workload model", Resources: map[string]usage.Values{}}
	for n, vals := range byName {
		u.Resources[n] = usage.Values{}
		for k, v := range vals {
			u.Resources[n][k] = money.MustParse(v)
		}
	}
	return u
}

// want is one expected component: resource name (or "resource/subresource"),
// component name, monthly quantity and monthly cost; cost "notfound" means
// the price must be reported as not found.
type want struct {
	res, comp, qty, cost string
}

type pricerCase struct {
	name     string
	recs     []resource.Record
	usage    *usage.Usage
	purchase PurchaseOptions
	catalog  *catalog.Catalog
	want     []want
	// absent lists "resource|component" names that must not appear.
	absent []string
	// status maps a resource name to its expected status.
	status map[string]string
	// errHas, when set, expects Price to fail with all these substrings.
	errHas []string
	// check, when set, runs on the breakdown after the other checks.
	check func(t *testing.T, b Breakdown)
}

func runCases(t *testing.T, cases []pricerCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			cat := tc.catalog
			if cat == nil {
				cat = testCatalog()
			}
			b, err := Price(tc.recs, Options{Project: "test", Region: use1, Catalog: cat, Usage: tc.usage, Purchase: tc.purchase})
			if len(tc.errHas) > 0 {
				if err == nil {
					t.Fatalf("want error containing %q, got none", tc.errHas)
				}
				for _, s := range tc.errHas {
					if !strings.Contains(err.Error(), s) {
						t.Errorf("error %q does not contain %q", err, s)
					}
				}
				return
			}
			if err != nil {
				t.Fatalf("Price: %v", err)
			}
			for _, w := range tc.want {
				c, ok := findComponent(b, w.res, w.comp)
				if !ok {
					t.Errorf("%s: component %q not found; have %v", w.res, w.comp, componentNames(b, w.res))
					continue
				}
				if !c.MonthlyQuantity.Equal(money.MustParse(w.qty)) {
					t.Errorf("%s / %s: quantity %s, want %s", w.res, w.comp, c.MonthlyQuantity, w.qty)
				}
				if w.cost == "notfound" {
					if c.PriceFound || !c.MonthlyCost.IsZero() || !strings.HasPrefix(c.Note, "price not found") && !strings.Contains(c.Note, "not found") {
						t.Errorf("%s / %s: want price not found, got found=%v cost=%s note=%q", w.res, w.comp, c.PriceFound, c.MonthlyCost, c.Note)
					}
					continue
				}
				if !c.PriceFound {
					t.Errorf("%s / %s: price not found: %s", w.res, w.comp, c.Note)
				}
				if !c.MonthlyCost.Equal(money.MustParse(w.cost)) {
					t.Errorf("%s / %s: cost %s, want %s", w.res, w.comp, c.MonthlyCost, w.cost)
				}
			}
			for _, a := range tc.absent {
				parts := strings.SplitN(a, "|", 2)
				if _, ok := findComponent(b, parts[0], parts[1]); ok {
					t.Errorf("%s: component %q should not exist", parts[0], parts[1])
				}
			}
			for name, st := range tc.status {
				r, ok := findResource(b, name)
				if !ok {
					t.Errorf("resource %q not listed", name)
					continue
				}
				if r.Status != st {
					t.Errorf("%s: status %q, want %q", name, r.Status, st)
				}
			}
			if tc.check != nil {
				tc.check(t, b)
			}
		})
	}
}

func findResource(b Breakdown, path string) (ResourceCost, bool) {
	parts := strings.SplitN(path, "/", 2)
	for _, r := range b.Resources {
		if r.Name != parts[0] {
			continue
		}
		if len(parts) == 1 {
			return r, true
		}
		for _, s := range r.Subresources {
			if s.Name == parts[1] {
				return s, true
			}
		}
	}
	return ResourceCost{}, false
}

func findComponent(b Breakdown, path, comp string) (CostComponent, bool) {
	r, ok := findResource(b, path)
	if !ok {
		return CostComponent{}, false
	}
	for _, c := range r.Components {
		if c.Name == comp {
			return c, true
		}
	}
	return CostComponent{}, false
}

func componentNames(b Breakdown, path string) []string {
	r, _ := findResource(b, path)
	var out []string
	for _, c := range r.Components {
		out = append(out, c.Name)
	}
	return out
}
