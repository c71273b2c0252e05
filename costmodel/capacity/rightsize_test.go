package capacity

import (
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/tiercost/tiercost/components/spec"
	"github.com/tiercost/tiercost/costmodel/catalog"
	"github.com/tiercost/tiercost/costmodel/pricing"
)

func oversized10k(t *testing.T) spec.Spec {
	t.Helper()
	s, err := spec.DefaultSpec("10k")
	if err != nil {
		t.Fatal(err)
	}
	s.Compute.InstanceType, s.Compute.Architecture = "m6i.2xlarge", "x86_64"
	s.Compute.MinSize, s.Compute.DesiredCapacity, s.Compute.MaxSize = 10, 10, 10
	s.Database.InstanceClass = "db.r6g.2xlarge"
	return s
}

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// TestRightsizeOversized10k: a 10k workload (origin peak 7.443576/s) on
// 10 x m6i.2xlarge and db.r6g.2xlarge, with the tier's cache.t4g.micro.
//
// Compute: capacity 10 x 8 vCPU x 40 = 3,200/s, utilisation 7.443576/3,200
// = 0.23 %. Need 7.443576 x 1.2 = 8.93/s: t4g.small (16/s) x 1 at $0.0168/h.
// Current 10 x 0.384 x 730 = $2,803.20; recommended 0.0168 x 730 = $12.264;
// saving $2,790.936. Utilisation 7.443576/16 = 46.52 %, risk Low.
//
// Database (peak use = the busiest of CPU, memory, connections, storage):
// the fleet at surge is 7.443576 x 2 / (8 x 40 x 0.55 = 176) = 0.084586
// instances x 20 = 1.6917 connections. On db.r6g.2xlarge: CPU (2.233073/1,000
// + 4.019531/5,000 = 0.0030370 vCPU) / 8 = 0.04 %, memory 0.6 x 0.2 / 0.75 =
// 0.16 GB of 68.7195 = 0.23 %, storage 196.1518 of 65,536 GB = 0.2993 %:
// 0.0030. Current 0.899 x 730 = $656.27. db.t4g.micro fits: CPU 0.003037 /
// 0.2 = 1.52 %, memory 0.16 / 1.073742 = 14.90 %, connections 1.6917 /
// 112.653 = 1.50 %: 0.1490, risk Low; 0.016 x 730 = $11.68; saving $644.59.
//
// Cache: the working set needs 0.75 GB; a cache.t4g.micro holds 0.5 x
// 1.073742 x 0.75 = 0.402653 GB of data (186.27 %): Under-provisioned. The
// smallest change that fits without cluster mode: one cache.t4g.small
// (1.103270 GB usable, 67.98 %, risk Medium) at 0.0256 x 730 = $18.688
// against 0.0128 x 730 = $9.344: it costs $9.344 more, never a saving.
//
// Totals: 2,803.20 + 656.27 + 9.344 = $3,468.814 now; 12.264 + 11.68 +
// 18.688 = $42.632 recommended; $3,426.182 less.
func TestRightsizeOversized10k(t *testing.T) {
	w, _ := TierWorkload("10k")
	rep, err := Rightsize(oversized10k(t), w, Options{Prices: testPrices(t)})
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		layer, finding, rec, risk string
		count                     int
		cur, recM, saving, more   string
		curUtil, recUtil          float64
	}{
		{"compute", OverProvisioned, "t4g.small", RiskLow, 1, "2803.2", "12.264", "2790.936", "", 0.0023, 0.4652},
		{"database", OverProvisioned, "db.t4g.micro", RiskLow, 1, "656.27", "11.68", "644.59", "", 0.0030, 0.1490},
		{"cache", UnderProvisioned, "cache.t4g.small", RiskMedium, 1, "9.344", "18.688", "", "9.344", 1.8627, 0.6798},
	}
	if len(rep.Recommendations) != len(want) {
		t.Fatalf("%d recommendations", len(rep.Recommendations))
	}
	eq := func(got *decimal.Decimal, want string) bool {
		if want == "" {
			return got == nil
		}
		return got != nil && got.Equal(dec(want))
	}
	for i, wv := range want {
		g := rep.Recommendations[i]
		if g.Layer != wv.layer || g.Finding != wv.finding || g.RecommendedType != wv.rec || g.RecommendedCount != wv.count || g.PerformanceRisk != wv.risk {
			t.Errorf("%s: %s -> %d x %s risk %s; want %s -> %d x %s risk %s", g.Layer, g.Finding, g.RecommendedCount, g.RecommendedType, g.PerformanceRisk, wv.finding, wv.count, wv.rec, wv.risk)
		}
		if !eq(g.CurrentMonthly, wv.cur) || !eq(g.RecommendedMonthly, wv.recM) || !eq(g.MonthlySaving, wv.saving) || !eq(g.MonthlyIncrease, wv.more) {
			t.Errorf("%s: %v -> %v saving %v increase %v; want %s -> %s saving %q increase %q", g.Layer, g.CurrentMonthly, g.RecommendedMonthly, g.MonthlySaving, g.MonthlyIncrease, wv.cur, wv.recM, wv.saving, wv.more)
		}
		if !near(g.CurrentPeakUtilization, wv.curUtil, 1e-4) || !near(g.RecommendedPeakUtilization, wv.recUtil, 1e-4) {
			t.Errorf("%s: utilisation %v -> %v; want %v -> %v", g.Layer, g.CurrentPeakUtilization, g.RecommendedPeakUtilization, wv.curUtil, wv.recUtil)
		}
		if g.Reason == "" {
			t.Errorf("%s: no reason", g.Layer)
		}
	}
	if !rep.CurrentMonthly.Equal(dec("3468.814")) || !rep.RecommendedMonthly.Equal(dec("42.632")) || !rep.MonthlySaving.Equal(dec("3426.182")) {
		t.Errorf("totals %v -> %v saving %v", rep.CurrentMonthly, rep.RecommendedMonthly, rep.MonthlySaving)
	}
	// render_test.go renders this report against the rightsize_oversized_10k goldens.
}

// TestRightsizeSizedIsOptimized: what Size picks is what Rightsize keeps
// (compute at the 20 % headroom also fits on the sized t4g.small).
func TestRightsizeSizedIsOptimized(t *testing.T) {
	w, _ := TierWorkload("10k")
	res, err := Size("10k", w, Options{Prices: testPrices(t)})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := Rightsize(res.Spec, w, Options{Prices: testPrices(t)})
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range rep.Recommendations {
		if x.Finding != Optimized || x.MonthlySaving == nil || !x.MonthlySaving.IsZero() || x.Reason == "" {
			t.Errorf("%s: %s saving %v reason %q, want Optimized, 0 and a reason", x.Layer, x.Finding, x.MonthlySaving, x.Reason)
		}
	}
}

// TestRightsizeMissingPrice: a current type with no catalog price shows
// "not found", never $0, and the totals are unknown.
func TestRightsizeMissingPrice(t *testing.T) {
	w, _ := TierWorkload("1k")
	s, _ := spec.DefaultSpec("1k")
	s.Compute.InstanceType = "t4g.micro" // not in the reference prices
	rep, err := Rightsize(s, w, Options{Prices: testPrices(t)})
	if err != nil {
		t.Fatal(err)
	}
	c := rep.Recommendations[0]
	if c.CurrentMonthly != nil || c.MonthlySaving != nil || rep.CurrentMonthly != nil || !strings.Contains(c.Note, "not in the catalog") {
		t.Errorf("missing price: current %v saving %v total %v note %q", c.CurrentMonthly, c.MonthlySaving, rep.CurrentMonthly, c.Note)
	}
	// render_test.go checks the table says "not found", never $0.

	if _, err := Rightsize(s, w, Options{}); err == nil {
		t.Error("rightsize without a catalog should fail")
	}
	empty := catalog.New(&catalog.Layer{Name: "empty"})
	if _, err := Rightsize(s, w, Options{Prices: pricing.NewQuoter(empty, pricing.PurchaseOptions{})}); err == nil {
		t.Error("rightsize with no priced candidate should fail")
	}
}

// TestRightsizeUnderProvisioned100k: 100k load on a single t4g.small and
// db.t4g.micro is under-provisioned with high current risk.
func TestRightsizeUnderProvisioned100k(t *testing.T) {
	w, _ := TierWorkload("100k")
	s, _ := spec.DefaultSpec("100k")
	s.Compute.InstanceType, s.Compute.Architecture, s.Compute.MinSize, s.Compute.DesiredCapacity = "t4g.small", "arm64", 1, 1
	s.Database.InstanceClass = "db.t4g.micro"
	rep, err := Rightsize(s, w, Options{Prices: testPrices(t)})
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range rep.Recommendations[:2] {
		if x.Finding != UnderProvisioned || x.CurrentRisk != RiskHigh {
			t.Errorf("%s: %s risk %s, want Under-provisioned, High", x.Layer, x.Finding, x.CurrentRisk)
		}
	}
}

// TestRightsizeFamilyAskedFor: asking for x86 while the fleet runs on
// Graviton recommends an x86 type even when it costs more, says why, and
// never calls the extra cost a saving. The sized 1m fleet is 8 x c7g.large
// (8 x 0.0725 x 730 = $423.40). Target tracking keeps 1/0.55 - 1 = 81.8 %
// room: 388.8889 req/s x 1.818182 / (2 x 40 = 80 per c6i.large) = 8.84 ->
// 9 x c6i.large = 9 x 0.085 x 730 = $558.45, $135.05 more.
func TestRightsizeFamilyAskedFor(t *testing.T) {
	w, err := TierWorkload("1m")
	if err != nil {
		t.Fatal(err)
	}
	sized, err := Size("1m", w, Options{Prices: testPrices(t)})
	if err != nil {
		t.Fatal(err)
	}
	rep, err := Rightsize(sized.Spec, w, Options{Prices: testPrices(t), Family: spec.FamilyX86})
	if err != nil {
		t.Fatal(err)
	}
	c := rep.Recommendations[0]
	inst, ok := spec.LookupInstance(spec.EC2Types(), c.RecommendedType)
	if !ok || inst.Arch != spec.ArchX86 {
		t.Fatalf("recommended %q, want an x86 type", c.RecommendedType)
	}
	if c.Finding != FamilySwitch || c.Note == "" || c.MonthlySaving != nil || c.MonthlyIncrease == nil || !c.MonthlyIncrease.Equal(dec("135.05")) {
		t.Errorf("finding %q note %q saving %v increase %v; want Family switch costing 135.05 more", c.Finding, c.Note, c.MonthlySaving, c.MonthlyIncrease)
	}
	if cur, _ := spec.LookupInstance(spec.EC2Types(), c.CurrentType); cur.Arch == spec.ArchX86 {
		t.Errorf("precondition: the sized 1m fleet should be Graviton, got %s", c.CurrentType)
	}
}
