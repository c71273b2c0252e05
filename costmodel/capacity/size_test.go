package capacity

import (
	"math"
	"math/rand"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/tiercost/tiercost/components/spec"
	"github.com/tiercost/tiercost/costmodel/pricing"
	"github.com/tiercost/tiercost/costmodel/resource"
)

// TestSize10kByHand works the 10k tier out from its default workload.
//
// Traffic: avg 4.340278/s, peak x3.5 = 15.190972/s, origin 0.49 x peak = 7.443576/s.
// Compute: the t4g ladder from t4g.small; sustained RPS per instance =
// vCPU x RPS/vCPU x baseline, target 0.55:
//
//	t4g.small  2 x 40 x 0.2 = 16 -> ceil(7.443576 / 8.8) = 1 x 1 unit  = 1  <- fewest units
//	t4g.medium 2 x 40 x 0.2 = 16 -> 1 x 2 units = 2
//	t4g.large  2 x 40 x 0.3 = 24 -> 1 x 4 units = 4
//
// Queue: c = 2 vCPU, mu = 40/s, A = 0.18609: C = 0.01584 < 0.05, p95 wait 0.
// max = max(1 + 1, ceil(7.443576 x 2 / 8.8) = 2) = 2.
// Database (no replicas at 10k), first fit in table order: db.t4g.micro:
// writes 2.233073/150 + reads 4.019531/500 = 0.022926 vCPU <= 2 x 0.1 x 0.55
// = 0.11; memory 0.6/0.75 = 0.8 GB x 1.2 headroom = 0.96 <= 1 GiB = 1.0737 GB.
// Cache: 0.6 x 1.25 = 0.75 GB x 1.2 = 0.9 GB: cache.t4g.micro (0.5369 GB)
// needs 2 shards, cache.t4g.small (1.4710 GB) 1: fewest shards wins.
// Priced (CapacityCost, us-east-1 on demand, aws-prices.csv):
// (t4g.small 0.0168 + db.t4g.micro Single-AZ 0.016 + cache.t4g.small Valkey
// 0.0256) x 730 = 0.0584 x 730 = $42.632.
// Storage: 50 GB x 1.1^12 = 156.92 GB x 1.25 = 196.15 -> 197 GB.
func TestSize10kByHand(t *testing.T) {
	w, _ := TierWorkload("10k")
	res, err := Size("10k", w, Options{})
	if err != nil {
		t.Fatal(err)
	}
	c := res.Spec.Compute
	if c.InstanceType != "t4g.small" || c.Architecture != "arm64" || c.MinSize != 1 || c.DesiredCapacity != 1 || c.MaxSize != 2 {
		t.Errorf("compute = %s %s %d/%d/%d, want t4g.small arm64 1/1/2", c.InstanceType, c.Architecture, c.MinSize, c.DesiredCapacity, c.MaxSize)
	}
	if !near(res.PWait, 0.01584, 1e-4) || res.P95WaitMs != 0 {
		t.Errorf("P(wait) %v p95 %v ms, want 0.01584 and 0", res.PWait, res.P95WaitMs)
	}
	d := res.Spec.Database
	if d.InstanceClass != "db.t4g.micro" || d.ReadReplicas != 0 || d.AllocatedStorageGB != 197 {
		t.Errorf("database = %s, %d replicas, %d GB; want db.t4g.micro, 0, 197", d.InstanceClass, d.ReadReplicas, d.AllocatedStorageGB)
	}
	ch := res.Spec.Cache
	if ch.NodeType != "cache.t4g.small" || ch.Shards != 1 || ch.ClusterMode {
		t.Errorf("cache = %s x %d cluster=%v, want cache.t4g.small x 1 without cluster mode", ch.NodeType, ch.Shards, ch.ClusterMode)
	}
	monthly, err := CapacityCost("10k", 10_000, Options{Prices: testPrices(t)})
	if err != nil || !monthly.Equal(decimal.RequireFromString("42.632")) {
		t.Errorf("sized layers = %v (%v), want 42.632", monthly, err)
	}
}

// TestSize1kUsageByHand checks the usage quantities of the 1k tier (no CDN,
// single NAT, 2 AZs, 7-day logs).
//
// avg = 1,000 x 0.25 x 150 / 86,400 = 0.4340278/s; no CDN so origin = avg.
// ALB: new connections 0.4340278 / 10 = 0.0434; active 0.0434028 x 60 = 2.6042;
// processed 0.4340278 x 3,600 x 31 KB / 1e6 = 0.0484 GB/h.
// Internet out (the ALB answers viewers): 0.4340278 x 2,628,000 x 30 / 1e6 = 34.2188 GB.
// NAT (one): 34.2188 x 0.05 = 1.7109 GB. Logs: 0.4340278 x 2,628,000 x 0.5 / 1e6
// = 0.5703 GB, stored 0.5703 x 7/30 = 0.1331 GB.
// Inter-AZ: DB queries 0.4340278 x 3 = 1.3021/s (no cache: all reach the DB)
// x 2 KB = 6.8438 GB/month, half crosses AZs = 3.4219 GB.
func TestSize1kUsageByHand(t *testing.T) {
	w, _ := TierWorkload("1k")
	res, err := Size("1k", w, Options{Prices: testPrices(t)})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]map[string]string{
		"aws:lb/loadBalancer:LoadBalancer": {"new_connections_per_second": "0.0434", "active_connections_per_minute": "2.6042", "processed_gb_per_hour": "0.0484", "rule_evaluations_per_second": "0"},
		resource.TypeDataTransfer:          {"monthly_internet_out_gb": "34.2188", "monthly_inter_az_gb": "3.4219"},
		"aws:ec2/natGateway:NatGateway":    {"monthly_data_processed_gb": "1.7109"},
		"aws:cloudwatch/logGroup:LogGroup": {"monthly_data_ingested_gb": "0.5703", "storage_gb": "0.1331"},
	}
	for typ, keys := range want {
		for k, v := range keys {
			got, ok := res.Usage.TypeDefaults[typ][k]
			if !ok || !got.Equal(decimal.RequireFromString(v)) {
				t.Errorf("%s %s = %v, want %s", typ, k, got, v)
			}
		}
	}
	if _, ok := res.Usage.TypeDefaults["aws:cloudfront/distribution:Distribution"]; ok {
		t.Error("1k has no CDN but CloudFront usage was set")
	}
	if res.Usage.Origin != "workload model" {
		t.Errorf("origin = %q", res.Usage.Origin)
	}
}

// TestSize1mCDNUsageByHand: avg = 1e6 x 0.2 x 150 / 86,400 = 347.2222/s.
// CloudFront to internet: 347.2222 x 2,628,000 x 30 / 1e6 = 27,375 GB;
// requests 347.2222 x 2,628,000 = 912,500,000, 98 % HTTPS = 894,250,000,
// HTTP 18,250,000. NAT: origin avg 347.2222 x (1 - 0.6 x 0.92) = 155.5556/s,
// x 2,628,000 x 30 / 1e6 = 12,264 GB x 0.05 = 613.2 GB over 3 NATs = 204.4 GB.
func TestSize1mCDNUsageByHand(t *testing.T) {
	w, _ := TierWorkload("1m")
	res, err := Size("1m", w, Options{Prices: testPrices(t)})
	if err != nil {
		t.Fatal(err)
	}
	cf := res.Usage.TypeDefaults["aws:cloudfront/distribution:Distribution"]
	for k, v := range map[string]string{"monthly_data_transfer_to_internet_gb": "27375", "monthly_https_requests": "894250000", "monthly_http_requests": "18250000"} {
		if !cf[k].Equal(decimal.RequireFromString(v)) {
			t.Errorf("cloudfront %s = %v, want %s", k, cf[k], v)
		}
	}
	if got := res.Usage.TypeDefaults["aws:ec2/natGateway:NatGateway"]["monthly_data_processed_gb"]; !got.Equal(decimal.RequireFromString("204.4")) {
		t.Errorf("NAT per gateway = %v, want 204.4", got)
	}
	if got := res.Usage.TypeDefaults[resource.TypeDataTransfer]["monthly_internet_out_gb"]; !got.IsZero() {
		t.Errorf("internet out behind a CDN = %v, want 0 (origin fetches are free)", got)
	}
	// 1m keeps its architecture: Multi-AZ, a sharded database that needs
	// one writer for this load, replicas, a cache in cluster mode.
	s := res.Spec
	if !s.Database.MultiAZ || !s.Database.Sharded || s.Database.Shards != 1 || s.Database.ReadReplicas < 1 || !s.Cache.ClusterMode || s.Compute.MinSize < 3 {
		t.Errorf("1m architecture lost: %+v %+v min %d", s.Database, s.Cache, s.Compute.MinSize)
	}
}

func TestSizeUsesOnlyKnownUsageKeys(t *testing.T) {
	for _, tier := range spec.Tiers {
		w, _ := TierWorkload(tier)
		res, err := Size(tier, w, Options{Prices: testPrices(t)})
		if err != nil {
			t.Fatal(err)
		}
		schema := pricing.UsageSchema()
		for typ, vals := range res.Usage.TypeDefaults {
			known := map[string]bool{}
			for _, k := range schema[typ] {
				known[k.Name] = true
			}
			for k, v := range vals {
				if !known[k] {
					t.Errorf("%s: %s.%s is not in the usage schema", tier, typ, k)
				}
				if v.IsNegative() {
					t.Errorf("%s: %s.%s = %v is negative", tier, typ, k, v)
				}
			}
		}
	}
}

// TestSizeReadsNoPrices: sizing decides what `pulumi up` deploys, so it
// gives the same spec with or without prices and in every region.
func TestSizeReadsNoPrices(t *testing.T) {
	for _, tier := range spec.Tiers {
		w, _ := TierWorkload(tier)
		plain, err := Size(tier, w, Options{})
		if err != nil {
			t.Fatal(err)
		}
		priced, err := Size(tier, w, Options{Prices: testPrices(t)})
		if err != nil {
			t.Fatal(err)
		}
		elsewhere, err := Size(tier, w, Options{Region: "eu-west-1"})
		if err != nil {
			t.Fatal(err)
		}
		elsewhere.Spec.Region = plain.Spec.Region
		if plain.Spec != priced.Spec || plain.Spec != elsewhere.Spec || len(elsewhere.Overloaded) != 0 {
			t.Errorf("%s: spec depends on prices or region:\n%+v\n%+v\n%+v", tier, plain.Spec, priced.Spec, elsewhere.Spec)
		}
	}
	w, _ := TierWorkload("1k")
	res, err := Size("1k", w, Options{Family: spec.FamilyX86})
	if err != nil {
		t.Fatal(err)
	}
	if res.Spec.Compute.InstanceType != "t3.small" || res.Spec.Compute.Architecture != "x86_64" {
		t.Errorf("x86: %s %s, want t3.small x86_64 (the counterpart of the 1k base t4g.small)", res.Spec.Compute.InstanceType, res.Spec.Compute.Architecture)
	}
}

func TestSizeFamilyAndOptions(t *testing.T) {
	w, _ := TierWorkload("100k")
	for _, fam := range spec.Families {
		res, err := Size("100k", w, Options{Family: fam, Prices: testPrices(t)})
		if err != nil {
			t.Fatal(err)
		}
		if res.Spec.Compute.Architecture != archFor(fam) {
			t.Errorf("family %s gave %s", fam, res.Spec.Compute.Architecture)
		}
	}
	for _, o := range []Options{{TargetUtilization: 0.1}, {TargetUtilization: 0.95}, {P95WaitMs: -1}, {Family: "arm"}} {
		_, err := Size("100k", w, o)
		if err == nil || !strings.Contains(err.Error(), "allowed") {
			t.Errorf("%+v: err = %v", o, err)
		}
	}
	if _, err := Size("2k", w, Options{}); err == nil {
		t.Error("unknown tier accepted")
	}
}

// TestSizeOverloadedTier: the 1k architecture has no replicas and no cache;
// at 200k users its single primary cannot carry the reads, and Size says so.
func TestSizeOverloadedTier(t *testing.T) {
	w, _ := TierWorkload("1k")
	res, err := Size("1k", ScaleWorkload(w, 2_000_000), Options{Prices: testPrices(t)})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Overloaded) == 0 || res.Overloaded[0] != "database" || !strings.Contains(strings.Join(res.Notes, " "), "next tier") {
		t.Errorf("overloaded = %v notes = %v", res.Overloaded, res.Notes)
	}
	if res.Spec.Database.ReadReplicas != 0 {
		t.Errorf("1k got %d replicas; its architecture has none", res.Spec.Database.ReadReplicas)
	}
}

// cost quotes a sized spec's layers (compute desired, database, cache) at
// testCatalog's prices; -1 when a price is missing.
func cost(t testing.TB, r Result) decimal.Decimal {
	ro, err := resolve(Options{Prices: testPrices(t)})
	if err != nil {
		t.Fatal(err)
	}
	m, ok := ro.sizedLayers(r.Spec)
	if !ok {
		return decimal.NewFromInt(-1)
	}
	return m
}

// Property: more users never lower capacity (ASG RPS, DB read capacity,
// cache memory) or the sized cost. Counts alone may fall when a larger
// type becomes cheaper, so capacity is what is compared.
func TestPropertyMoreUsersNeverLessCapacity(t *testing.T) {
	cat := testPrices(t)
	for _, tier := range spec.Tiers {
		base, _ := TierWorkload(tier)
		var prev Result
		for i := 0; i <= 24; i++ {
			users := base.MonthlyActiveUsers * math.Pow(10, -1+float64(i)/8) // 0.1x .. 100x
			res, err := Size(tier, ScaleWorkload(base, users), Options{Prices: cat})
			if err != nil {
				t.Fatalf("%s at %v: %v", tier, users, err)
			}
			if i > 0 {
				if res.ComputeCapacityRPS < prev.ComputeCapacityRPS || res.DBReadCapacityQPS < prev.DBReadCapacityQPS ||
					res.CacheCapacityGB < prev.CacheCapacityGB || cost(t, res).LessThan(cost(t, prev)) {
					t.Errorf("%s at %.0f users: capacity or cost fell: rps %v->%v db %v->%v cache %v->%v cost %v->%v", tier, users,
						prev.ComputeCapacityRPS, res.ComputeCapacityRPS, prev.DBReadCapacityQPS, res.DBReadCapacityQPS,
						prev.CacheCapacityGB, res.CacheCapacityGB, cost(t, prev), cost(t, res))
				}
			}
			prev = res
		}
	}
}

// Property: a higher cache hit ratio never raises database load.
func TestPropertyCacheHitNeverRaisesDBLoad(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	for n := 0; n < 200; n++ {
		tier := spec.Tiers[1+rng.Intn(3)] // tiers with a cache
		w, _ := TierWorkload(tier)
		w.MonthlyActiveUsers *= 0.2 + rng.Float64()*5
		lo := rng.Float64()
		hi := lo + rng.Float64()*(1-lo)
		w.CacheHitRatio = lo
		a, err := Size(tier, w, Options{Prices: testPrices(t)})
		if err != nil {
			t.Fatal(err)
		}
		w.CacheHitRatio = hi
		b, err := Size(tier, w, Options{Prices: testPrices(t)})
		if err != nil {
			t.Fatal(err)
		}
		if b.DBReadQPS+b.DBWriteQPS > a.DBReadQPS+a.DBWriteQPS || b.DBReadCapacityQPS > a.DBReadCapacityQPS {
			t.Errorf("%s hit %v -> %v raised DB load %v -> %v or capacity %v -> %v", tier, lo, hi,
				a.DBReadQPS+a.DBWriteQPS, b.DBReadQPS+b.DBWriteQPS, a.DBReadCapacityQPS, b.DBReadCapacityQPS)
		}
	}
}

// Property: a higher target utilisation never adds instances for a given
// type (no catalog: the tier's type) and never raises the cheapest cost.
func TestPropertyHigherTargetNeverAddsInstances(t *testing.T) {
	for _, tier := range spec.Tiers {
		w, _ := TierWorkload(tier)
		for _, mult := range []float64{0.3, 1, 3, 10} {
			ws := ScaleWorkload(w, w.MonthlyActiveUsers*mult)
			var prevN int
			var prevCost decimal.Decimal
			for i, target := range []float64{0.2, 0.3, 0.4, 0.5, 0.55, 0.6, 0.7, 0.8, 0.9} {
				a, err := Size(tier, ws, Options{TargetUtilization: target})
				if err != nil {
					t.Fatal(err)
				}
				b, err := Size(tier, ws, Options{TargetUtilization: target, Prices: testPrices(t)})
				if err != nil {
					t.Fatal(err)
				}
				n := a.Spec.Compute.DesiredCapacity
				if i > 0 && (n > prevN || cost(t, b).GreaterThan(prevCost)) {
					t.Errorf("%s x%v target %v: instances %d -> %d, cost %v -> %v", tier, mult, target, prevN, n, prevCost, cost(t, b))
				}
				prevN, prevCost = n, cost(t, b)
			}
		}
	}
}

// FuzzSize runs Size on arbitrary workloads: it must never panic, and when
// it accepts a workload its spec must validate and its usage be finite.
func FuzzSize(f *testing.F) {
	for _, tier := range spec.Tiers {
		w, _ := TierWorkload(tier)
		f.Add(uint8(len(tier)), w.MonthlyActiveUsers, w.DailyActiveShare, w.RequestsPerUserPerDay, w.PeakToAverage,
			w.AvgResponseKB, w.EdgeCacheableShare, w.CDNHitRatio, w.DBQueriesPerRequest, w.ReadShare,
			w.CacheHitRatio, w.HotWorkingSetGB, w.DataPerUserMB, w.MonthlyGrowth, 0.55)
	}
	f.Add(uint8(3), 1e9, 1.0, 1e5, 100.0, 1e5, 0.0, 0.0, 1000.0, 0.0, 0.0, 1e6, 1e6, 1.0, 0.9)
	f.Add(uint8(1), 1.0, 1e-9, 1e-9, 1.0, 0.0, 1.0, 1.0, 0.0, 1.0, 1.0, 0.0, 0.0, 0.0, 0.2)
	cat := testPrices(f)
	f.Fuzz(func(t *testing.T, tierSel uint8, mau, dau, rpd, p2a, kb, edge, cdn, q, rs, ch, ws, dpu, g, target float64) {
		tier := spec.Tiers[int(tierSel)%len(spec.Tiers)]
		w := spec.Workload{MonthlyActiveUsers: mau, DailyActiveShare: dau, RequestsPerUserPerDay: rpd, PeakToAverage: p2a,
			AvgResponseKB: kb, EdgeCacheableShare: edge, CDNHitRatio: cdn, DBQueriesPerRequest: q, ReadShare: rs,
			CacheHitRatio: ch, HotWorkingSetGB: ws, DataPerUserMB: dpu, MonthlyGrowth: g}
		res, err := Size(tier, w, Options{Prices: cat, TargetUtilization: target})
		if err != nil {
			return
		}
		if err := res.Spec.Validate(); err != nil {
			t.Fatalf("invalid spec: %v", err)
		}
		if res.Spec.Compute.DesiredCapacity < 1 {
			t.Fatalf("desired %d", res.Spec.Compute.DesiredCapacity)
		}
		for typ, vals := range res.Usage.TypeDefaults {
			for k, v := range vals {
				if v.IsNegative() {
					t.Fatalf("%s.%s = %v", typ, k, v)
				}
			}
		}
	})
}

func BenchmarkSize1m(b *testing.B) {
	w, _ := TierWorkload("1m")
	o := Options{Prices: testPrices(b)}
	for b.Loop() {
		if _, err := Size("1m", w, o); err != nil {
			b.Fatal(err)
		}
	}
}

// TestSizeNoBurstableFrom100k: the 1k and 10k tiers may run on t-family
// credits; from 100k the app servers must be fixed-performance types.
func TestSizeNoBurstableFrom100k(t *testing.T) {
	for _, tc := range []struct {
		tier          string
		wantBurstable bool
	}{{"1k", true}, {"10k", true}, {"100k", false}, {"1m", false}} {
		w, err := TierWorkload(tc.tier)
		if err != nil {
			t.Fatal(err)
		}
		r, err := Size(tc.tier, w, Options{Prices: testPrices(t)})
		if err != nil {
			t.Fatal(err)
		}
		inst, ok := spec.LookupInstance(spec.EC2Types(), r.Spec.Compute.InstanceType)
		if !ok {
			t.Fatalf("%s: %s is not in the table", tc.tier, r.Spec.Compute.InstanceType)
		}
		if !tc.wantBurstable && inst.Burstable() {
			t.Errorf("%s: chose burstable %s", tc.tier, inst.Type)
		}
		if tc.wantBurstable && !inst.Burstable() {
			// 1k and 10k run on the t4g ladder from t4g.small.
			t.Errorf("%s: chose %s, want a burstable type", tc.tier, inst.Type)
		}
	}
}
