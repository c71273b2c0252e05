package catalog

import (
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

// ref is shorthand for a reference figure written in a test table.
func ref(s string) decimal.Decimal { return decimal.RequireFromString(s) }

const (
	use1 = "us-east-1"
	euw1 = "eu-west-1"
	usw2 = "us-west-2"
	euc1 = "eu-central-1"
	apse = "ap-southeast-1"
)

var (
	ri1yStd  = ReservedTerm(Term1yr, ClassStandard, NoUpfront)
	ri1yConv = ReservedTerm(Term1yr, ClassConvertible, NoUpfront)
	ri3yStd  = ReservedTerm(Term3yr, ClassStandard, NoUpfront)
	ri3yConv = ReservedTerm(Term3yr, ClassConvertible, NoUpfront)
)

// Every want value below is typed from the reference CSVs; the comment names
// the row (A = aws-prices.csv, R = regional/prices-regional.csv) and, for
// converted units, the arithmetic.
func TestEmbeddedLookups(t *testing.T) {
	c := Default()
	tests := []struct {
		name string
		key  ProductKey
		term Term
		unit string
		want string
	}{
		{"t3.micro", EC2Instance(use1, "t3.micro"), OnDemandTerm, "Hrs", "0.0104"},                                               // A:2 S1
		{"m7g.xlarge", EC2Instance(use1, "m7g.xlarge"), OnDemandTerm, "Hrs", "0.1632"},                                           // A:14/A:44
		{"c6i.2xlarge us-east-1 is S1, not CO's dedicated 0.374", EC2Instance(use1, "c6i.2xlarge"), OnDemandTerm, "Hrs", "0.34"}, // A:17 vs R:158
		{"r6i.xlarge", EC2Instance(use1, "r6i.xlarge"), OnDemandTerm, "Hrs", "0.252"},                                            // A:21
		{"t3.medium RI 1yr std", EC2Instance(use1, "t3.medium"), ri1yStd, "Hrs", "0.0261"},                                       // A:47
		{"t3.medium RI 1yr conv", EC2Instance(use1, "t3.medium"), ri1yConv, "Hrs", "0.03"},                                       // A:48
		{"t3.medium RI 3yr std", EC2Instance(use1, "t3.medium"), ri3yStd, "Hrs", "0.018"},                                        // A:49
		{"t3.medium RI 3yr conv", EC2Instance(use1, "t3.medium"), ri3yConv, "Hrs", "0.0206"},                                     // A:50
		{"gp3 storage", EBSStorage(use1, "gp3"), OnDemandTerm, "GB-Mo", "0.08"},                                                  // A:68
		{"gp2 storage", EBSStorage(use1, "gp2"), OnDemandTerm, "GB-Mo", "0.1"},                                                   // A:75
		{"gp3 IOPS", EBSIOPS(use1, "gp3"), OnDemandTerm, "IOPS-Mo", "0.005"},                                                     // A:69
		{"gp3 throughput per MiBps", EBSThroughput(use1), OnDemandTerm, "MiBps-Mo", "0.04"},                                      // A:70 (40.96 per GiBps / 1024)
		{"snapshot", EBSSnapshot(use1), OnDemandTerm, "GB-Mo", "0.05"},                                                           // A:71
		{"NAT hour", NATGatewayHours(use1), OnDemandTerm, "Hrs", "0.045"},                                                        // A:325
		{"NAT GB", NATGatewayBytes(use1), OnDemandTerm, "GB", "0.045"},                                                           // A:326
		{"public IPv4", PublicIPv4(use1), OnDemandTerm, "Hrs", "0.005"},                                                          // A:332
		{"ALB hour", LoadBalancerHours(use1, LBApplication), OnDemandTerm, "Hrs", "0.0225"},                                      // A:244
		{"ALB LCU", LoadBalancerLCU(use1, LBApplication), OnDemandTerm, "LCU-Hrs", "0.008"},                                      // A:245
		{"NLB hour", LoadBalancerHours(use1, LBNetwork), OnDemandTerm, "Hrs", "0.0225"},                                          // A:251
		{"NLB NLCU", LoadBalancerLCU(use1, LBNetwork), OnDemandTerm, "LCU-Hrs", "0.006"},                                         // A:252
		{"PG db.t3.micro single", RDSInstance(use1, "db.t3.micro", EnginePostgreSQL, SingleAZ), OnDemandTerm, "Hrs", "0.018"},    // A:81
		{"MySQL db.r6g.2xlarge multi", RDSInstance(use1, "db.r6g.2xlarge", EngineMySQL, MultiAZ), OnDemandTerm, "Hrs", "1.718"},  // A:124
		{"MySQL db.t3.large RI multi", RDSInstance(use1, "db.t3.large", EngineMySQL, MultiAZ), ri1yStd, "Hrs", "0.1914"},         // A:142
		{"RDS gp2 single", RDSStorage(use1, "gp2", SingleAZ), OnDemandTerm, "GB-Mo", "0.115"},                                    // A:147
		{"RDS gp3 multi", RDSStorage(use1, "gp3", MultiAZ), OnDemandTerm, "GB-Mo", "0.23"},                                       // A:146
		{"RDS io1 single", RDSStorage(use1, "io1", SingleAZ), OnDemandTerm, "GB-Mo", "0.125"},                                    // A:149 (io1/io2 row)
		{"RDS io2 multi", RDSStorage(use1, "io2", MultiAZ), OnDemandTerm, "GB-Mo", "0.25"},                                       // A:150 (io1/io2 row)
		{"RDS gp3 IOPS single", RDSIOPS(use1, "gp3", SingleAZ), OnDemandTerm, "IOPS-Mo", "0.02"},                                 // A:153
		{"RDS gp3 IOPS multi", RDSIOPS(use1, "gp3", MultiAZ), OnDemandTerm, "IOPS-Mo", "0.04"},                                   // A:160
		{"RDS backup", RDSBackup(use1, "rds"), OnDemandTerm, "GB-Mo", "0.095"},                                                   // A:154
		{"Aurora PG r6g.large", AuroraInstance(use1, "db.r6g.large", EngineAuroraPostgreSQL), OnDemandTerm, "Hrs", "0.26"},       // A:163
		{"Aurora MySQL t3.medium", AuroraInstance(use1, "db.t3.medium", EngineAuroraMySQL), OnDemandTerm, "Hrs", "0.082"},        // A:169
		{"Aurora storage", AuroraStorage(use1, AuroraStandard), OnDemandTerm, "GB-Mo", "0.1"},                                    // A:164
		{"Aurora I/O per request", AuroraIO(use1), OnDemandTerm, "IOs", "0.0000002"},                                             // A:165 0.20 / 1,000,000
		{"Aurora backup", RDSBackup(use1, "aurora"), OnDemandTerm, "GB-Mo", "0.021"},                                             // A:167
		{"Redis t4g.medium", ElastiCacheNode(use1, "cache.t4g.medium", CacheRedis), OnDemandTerm, "Hrs", "0.065"},                // A:233
		{"Valkey r6g.xlarge", ElastiCacheNode(use1, "cache.r6g.xlarge", CacheValkey), OnDemandTerm, "Hrs", "0.3288"},             // A:227
		{"Memcached m6g.large = Redis", ElastiCacheNode(use1, "cache.m6g.large", CacheMemcached), OnDemandTerm, "Hrs", "0.149"},  // A:198 (Memcached = Redis, md section 4)
		{"Redis r6g.large RI", ElastiCacheNode(use1, "cache.r6g.large", CacheRedis), ri1yStd, "Hrs", "0.141"},                    // A:176
		{"cache backup", ElastiCacheBackup(use1), OnDemandTerm, "GB-Mo", "0.085"},                                                // A:243
		{"CF to origin US", CloudFrontToOrigin(CFUnitedStates), OnDemandTerm, "GB", "0.02"},                                      // A:294
		{"CF http US", CloudFrontRequests(CFUnitedStates, "http"), OnDemandTerm, "Requests", "0.00000075"},                       // A:288 0.0075 / 10,000
		{"CF https US", CloudFrontRequests(CFUnitedStates, "https"), OnDemandTerm, "Requests", "0.000001"},                       // A:289 0.01 / 10,000
		{"CF https EU", CloudFrontRequests(CFEurope, "https"), OnDemandTerm, "Requests", "0.0000012"},                            // A:293 0.012 / 10,000
		{"inter-AZ", DataTransferInterAZ(use1), OnDemandTerm, "GB", "0.01"},                                                      // A:303
		{"logs ingest", CloudWatchLogsIngest(use1), OnDemandTerm, "GB", "0.5"},                                                   // A:338
		{"logs storage", CloudWatchLogsStorage(use1), OnDemandTerm, "GB-Mo", "0.03"},                                             // A:339
		{"custom metric", CloudWatchMetric(use1), OnDemandTerm, "Metrics", "0.3"},                                                // A:337
		{"alarm standard", CloudWatchAlarm(use1, "standard"), OnDemandTerm, "Alarms", "0.1"},                                     // A:341
		{"alarm high", CloudWatchAlarm(use1, "high"), OnDemandTerm, "Alarms", "0.3"},                                             // A:342
		{"S3 tier1 request", S3Requests(use1, "tier1"), OnDemandTerm, "Requests", "0.000005"},                                    // A:351 0.005 / 1,000
		{"S3 tier2 request", S3Requests(use1, "tier2"), OnDemandTerm, "Requests", "0.0000004"},                                   // A:352 0.0004 / 1,000
		// Other regions.
		{"eu-west-1 t3.micro from SKY", EC2Instance(euw1, "t3.micro"), OnDemandTerm, "Hrs", "0.0114"},                                     // R:2
		{"us-west-2 c6g.large SKY", EC2Instance(usw2, "c6g.large"), OnDemandTerm, "Hrs", "0.068"},                                         // R:210
		{"eu-west-1 m5.large", EC2Instance(euw1, "m5.large"), OnDemandTerm, "Hrs", "0.107"},                                               // A:67 S15
		{"eu-central-1 PG r6g.large single", RDSInstance(euc1, "db.r6g.large", EnginePostgreSQL, SingleAZ), OnDemandTerm, "Hrs", "0.274"}, // R:330
		{"eu-central-1 PG r6g.large multi", RDSInstance(euc1, "db.r6g.large", EnginePostgreSQL, MultiAZ), OnDemandTerm, "Hrs", "0.549"},   // R:331
		{"eu-west-1 PG t4g.micro from CO", RDSInstance(euw1, "db.t4g.micro", EnginePostgreSQL, SingleAZ), OnDemandTerm, "Hrs", "0.017"},   // R:276
		{"eu-west-1 Redis t3.micro", ElastiCacheNode(euw1, "cache.t3.micro", CacheRedis), OnDemandTerm, "Hrs", "0.018"},                   // A:186
		{"eu-west-1 NAT hour (weak, only source)", NATGatewayHours(euw1), OnDemandTerm, "Hrs", "0.048"},                                   // A:330
		{"eu-west-1 gp3 (weak, only source)", EBSStorage(euw1, "gp3"), OnDemandTerm, "GB-Mo", "0.088"},                                    // A:78
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, ok := c.Unit(tt.key, tt.term)
			if !ok {
				t.Fatalf("%s %s: not found", tt.key, tt.term)
			}
			if !p.USD.Equal(ref(tt.want)) {
				t.Errorf("usd = %s, want %s", p.USD, tt.want)
			}
			if p.Unit != tt.unit {
				t.Errorf("unit = %q, want %q", p.Unit, tt.unit)
			}
			if p.Layer != EmbeddedName || p.Source == "" || p.AsOf == "" {
				t.Errorf("provenance = layer %q source %q asOf %q", p.Layer, p.Source, p.AsOf)
			}
		})
	}
}

// The pricers' needs in us-east-1, all of which must be in the seed.
var (
	ec2Types = []string{"t3.micro", "t3.small", "t3.medium", "t3.large", "t3.xlarge", "t4g.small", "t4g.medium", "t4g.large",
		"m6i.large", "m6i.xlarge", "m6i.2xlarge", "m7g.large", "m7g.xlarge", "c6i.large", "c6i.xlarge", "c6i.2xlarge",
		"c7g.large", "c7g.xlarge", "r6i.large", "r6i.xlarge"}
	rdsClasses = []string{"db.t3.micro", "db.t3.small", "db.t3.medium", "db.t4g.micro", "db.t4g.small", "db.t4g.medium",
		"db.m6g.large", "db.m6g.xlarge", "db.r6g.large", "db.r6g.xlarge", "db.r6g.2xlarge"}
	cacheNodes = []string{"cache.t3.micro", "cache.t3.small", "cache.t3.medium", "cache.t4g.micro", "cache.t4g.small",
		"cache.t4g.medium", "cache.m6g.large", "cache.m6g.xlarge", "cache.r6g.large", "cache.r6g.xlarge"}
)

func TestUSEast1Complete(t *testing.T) {
	c := Default()
	type need struct {
		key   ProductKey
		tiers int
	}
	var needs []need
	add := func(k ProductKey) { needs = append(needs, need{k, 1}) }
	for _, it := range ec2Types {
		add(EC2Instance(use1, it))
	}
	add(EBSStorage(use1, "gp2"))
	add(EBSStorage(use1, "gp3"))
	add(EBSIOPS(use1, "gp3"))
	add(EBSThroughput(use1))
	add(EBSSnapshot(use1))
	add(NATGatewayHours(use1))
	add(NATGatewayBytes(use1))
	add(PublicIPv4(use1))
	for _, k := range []string{LBApplication, LBNetwork} {
		add(LoadBalancerHours(use1, k))
		add(LoadBalancerLCU(use1, k))
	}
	for _, eng := range []string{EnginePostgreSQL, EngineMySQL} {
		for _, cl := range rdsClasses {
			for _, dep := range []string{SingleAZ, MultiAZ} {
				add(RDSInstance(use1, cl, eng, dep))
			}
		}
	}
	for _, vt := range []string{"gp2", "gp3", "io1", "io2"} {
		for _, dep := range []string{SingleAZ, MultiAZ} {
			add(RDSStorage(use1, vt, dep))
		}
	}
	add(RDSIOPS(use1, "gp3", SingleAZ))
	add(RDSIOPS(use1, "gp3", MultiAZ))
	add(RDSBackup(use1, "rds"))
	add(AuroraInstance(use1, "db.r6g.large", EngineAuroraPostgreSQL))
	add(AuroraInstance(use1, "db.t3.medium", EngineAuroraMySQL))
	add(AuroraStorage(use1, AuroraStandard))
	add(AuroraIO(use1))
	add(RDSBackup(use1, "aurora"))
	for _, eng := range []string{CacheRedis, CacheValkey, CacheMemcached} {
		for _, n := range cacheNodes {
			add(ElastiCacheNode(use1, n, eng))
		}
	}
	add(ElastiCacheBackup(use1))
	needs = append(needs, need{CloudFrontDataOut(CFUnitedStates), 7}, need{CloudFrontDataOut(CFEurope), 7})
	add(CloudFrontToOrigin(CFUnitedStates))
	add(CloudFrontRequests(CFUnitedStates, "http"))
	add(CloudFrontRequests(CFUnitedStates, "https"))
	needs = append(needs, need{DataTransferOut(use1), 4})
	add(DataTransferInterAZ(use1))
	add(CloudWatchLogsIngest(use1))
	add(CloudWatchLogsStorage(use1))
	add(CloudWatchMetric(use1))
	add(CloudWatchAlarm(use1, "standard"))
	add(CloudWatchAlarm(use1, "high"))
	needs = append(needs, need{S3Storage(use1, "Standard"), 3})
	add(S3Requests(use1, "tier1"))
	add(S3Requests(use1, "tier2"))

	// 20 + 5 + 2 + 1 + 4 + 44 + 8 + 3 + 5 + 31 + 2 + 3 + 2 + 5 + 3 = 138 products.
	if len(needs) != 138 {
		t.Fatalf("need list has %d products, want 138", len(needs))
	}
	for _, n := range needs {
		tiers, ok := c.Lookup(n.key, OnDemandTerm)
		if !ok {
			t.Errorf("%s: price not found", n.key)
			continue
		}
		if len(tiers) != n.tiers {
			t.Errorf("%s: %d tiers, want %d", n.key, len(tiers), n.tiers)
		}
		for _, p := range tiers {
			if !p.USD.IsPositive() {
				t.Errorf("%s: usd %s is not positive", n.key, p.USD)
			}
		}
	}
}

func TestMultiAZIsSeededNotDoubled(t *testing.T) {
	c := Default()
	tests := []struct {
		class, engine, single, multi string
	}{
		{"db.t3.medium", EnginePostgreSQL, "0.072", "0.145"}, // A:85, A:86; 2 x 0.072 = 0.144
		{"db.t4g.small", EnginePostgreSQL, "0.032", "0.065"}, // A:89, A:90; 2 x 0.032 = 0.064
		{"db.t4g.medium", EngineMySQL, "0.065", "0.129"},     // A:113, A:114; 2 x 0.065 = 0.130
		{"db.r6g.xlarge", EnginePostgreSQL, "0.45", "0.899"}, // A:99, A:100; 2 x 0.45 = 0.90
	}
	for _, tt := range tests {
		s, ok1 := c.Unit(RDSInstance(use1, tt.class, tt.engine, SingleAZ), OnDemandTerm)
		m, ok2 := c.Unit(RDSInstance(use1, tt.class, tt.engine, MultiAZ), OnDemandTerm)
		if !ok1 || !ok2 {
			t.Fatalf("%s %s: not found", tt.class, tt.engine)
		}
		if !s.USD.Equal(ref(tt.single)) || !m.USD.Equal(ref(tt.multi)) {
			t.Errorf("%s %s = %s / %s, want %s / %s", tt.class, tt.engine, s.USD, m.USD, tt.single, tt.multi)
		}
		if m.USD.Equal(s.USD.Mul(decimal.NewFromInt(2))) {
			t.Errorf("%s %s Multi-AZ %s is exactly 2x Single-AZ; the reference says it is not", tt.class, tt.engine, m.USD)
		}
	}
}

func TestValkeyIs20PercentBelowRedis(t *testing.T) {
	// aws-prices.md section 4: Valkey is 20 % below Redis on every node type.
	c := Default()
	for _, region := range []string{use1, euw1, usw2} {
		for _, n := range cacheNodes {
			r, ok1 := c.Unit(ElastiCacheNode(region, n, CacheRedis), OnDemandTerm)
			v, ok2 := c.Unit(ElastiCacheNode(region, n, CacheValkey), OnDemandTerm)
			if !ok1 || !ok2 {
				t.Errorf("%s %s: redis found %v, valkey found %v", region, n, ok1, ok2)
				continue
			}
			if !v.USD.Equal(r.USD.Mul(ref("0.8"))) {
				t.Errorf("%s %s: valkey %s, redis %s x 0.8 = %s", region, n, v.USD, r.USD, r.USD.Mul(ref("0.8")))
			}
		}
	}
}

func TestNotFound(t *testing.T) {
	c := Default()
	tests := []struct {
		name string
		key  ProductKey
		term Term
	}{
		{"region not seeded", EC2Instance("sa-east-1", "t3.micro"), OnDemandTerm},
		{"type not seeded", EC2Instance(use1, "x2iedn.32xlarge"), OnDemandTerm},
		// R:144: CO gives 0.17, but CO EC2 values are not seeded (SKY lacks it).
		{"CO-only EC2", EC2Instance(usw2, "c6i.xlarge"), OnDemandTerm},
		// R:199..245: CO-only optional families.
		{"CO-only m6g", EC2Instance(euw1, "m6g.large"), OnDemandTerm},
		{"no RI in reference", EC2Instance(use1, "t3.micro"), ri1yStd},
		{"dashboard absent from reference", CloudWatchDashboard(use1), OnDemandTerm},
		// A:161 is [LOW]; the only source for RDS gp3 throughput.
		{"RDS throughput weak only", RDSThroughput(use1, SingleAZ), OnDemandTerm},
		// A:166 is a rounded display value.
		{"Aurora I/O-Optimized storage", AuroraStorage(use1, AuroraIOOptimized), OnDemandTerm},
		// A:250 is [derived] from a bill.
		{"eu-west-1 ALB derived", LoadBalancerHours(euw1, LBApplication), OnDemandTerm},
		// R: RDS storage not found outside us-east-1; A:144 is [derived].
		{"eu-west-1 RDS gp3", RDSStorage(euw1, "gp3", SingleAZ), OnDemandTerm},
		{"CloudFront Asia group", CloudFrontDataOut(CFAsia), OnDemandTerm},
		{"CloudFront EU to origin", CloudFrontToOrigin(CFEurope), OnDemandTerm},
		{"MariaDB not seeded", RDSInstance(use1, "db.t3.micro", EngineMariaDB, SingleAZ), OnDemandTerm},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if p, ok := c.Unit(tt.key, tt.term); ok {
				t.Errorf("%s %s found %s (source %s); want not found", tt.key, tt.term, p.USD, p.Source)
			}
			if tiers, ok := c.Lookup(tt.key, tt.term); ok || tiers != nil {
				t.Errorf("Lookup = %v, %v; want nil, false", tiers, ok)
			}
		})
	}
}

func TestWeakRowsLoseToStrongOnes(t *testing.T) {
	c := Default()
	// eu-west-1 t3.micro: A:53/A:54 hand-typed 0.0114 / 0.0116 [LOW]; R:2 SKY 0.0114 wins.
	p, _ := c.Unit(EC2Instance(euw1, "t3.micro"), OnDemandTerm)
	if !strings.HasPrefix(p.Source, "SKY ") {
		t.Errorf("eu-west-1 t3.micro source = %q, want SKY", p.Source)
	}
	// eu-west-1 t4g.medium: A:63/A:64 give 0.03696 / 0.0376 [LOW]; R (SKY) gives 0.0368.
	p, _ = c.Unit(EC2Instance(euw1, "t4g.medium"), OnDemandTerm)
	if !p.USD.Equal(ref("0.0368")) {
		t.Errorf("eu-west-1 t4g.medium = %s, want SKY 0.0368", p.USD)
	}
	// us-east-1 HTTP requests: A:288 S7 (strong) and A:290 S17 (weak) agree; S7 is used.
	p, _ = c.Unit(CloudFrontRequests(CFUnitedStates, "http"), OnDemandTerm)
	if !strings.HasPrefix(p.Source, "S7 ") {
		t.Errorf("CloudFront http source = %q, want S7", p.Source)
	}
	for _, l := range Default().Layers() {
		for _, p := range l.Prices {
			if strings.Contains(p.Source, "[LOW") || strings.Contains(p.Source, "[derived") {
				t.Errorf("%s: seeded from a [LOW]/[derived] row: %s", p.Product, p.Source)
			}
		}
	}
}

func TestCloudFrontTierSplit(t *testing.T) {
	tiers, ok := Default().Lookup(CloudFrontDataOut(CFUnitedStates), OnDemandTerm)
	if !ok || len(tiers) != 7 {
		t.Fatalf("US data-out tiers: ok=%v len=%d", ok, len(tiers))
	}
	// 60,000 GB: 10,240 @0.085 + 40,960 @0.080 + 8,800 @0.060
	// = 870.40 + 3,276.80 + 528.00 = 4,675.20 (A:261, A:263, A:265).
	split := TierSplit(ref("60000"), tiers)
	wantQty := []string{"10240", "40960", "8800", "0", "0", "0", "0"}
	total := decimal.Zero
	for i, q := range split {
		if !q.Equal(ref(wantQty[i])) {
			t.Errorf("tier %d quantity = %s, want %s", i, q, wantQty[i])
		}
		total = total.Add(q.Mul(tiers[i].USD))
	}
	if !total.Equal(ref("4675.20")) {
		t.Errorf("total = %s, want 4675.20", total)
	}
	// Tier bounds in GB: 10 TB = 10,240; +40 TB = 51,200; +100 TB = 153,600;
	// +350 TB = 512,000; +524 TB = 1,048,576; +4 PB (4,194,304) = 5,242,880.
	bounds := []string{"0", "10240", "51200", "153600", "512000", "1048576", "5242880"}
	rates := []string{"0.085", "0.08", "0.06", "0.04", "0.03", "0.025", "0.02"} // A:261..A:273
	for i, p := range tiers {
		if !p.TierStart.Equal(ref(bounds[i])) || !p.USD.Equal(ref(rates[i])) {
			t.Errorf("tier %d = start %s @%s, want start %s @%s", i, p.TierStart, p.USD, bounds[i], rates[i])
		}
		if i+1 < len(tiers) && (p.TierEnd == nil || !p.TierEnd.Equal(ref(bounds[i+1]))) {
			t.Errorf("tier %d end = %v, want %s", i, p.TierEnd, bounds[i+1])
		}
	}
	if tiers[6].TierEnd != nil {
		t.Errorf("last tier end = %s, want open", tiers[6].TierEnd)
	}
}

func TestDataTransferAndS3Tiers(t *testing.T) {
	c := Default()
	tests := []struct {
		name  string
		key   ProductKey
		qty   string
		total string
	}{
		// A:318..A:321: 200,000 GB = 10,240 @0.09 + 40,960 @0.085 + 102,400 @0.07 + 46,400 @0.05
		// = 921.60 + 3,481.60 + 7,168.00 + 2,320.00 = 13,891.20
		{"us-east-1 DTO", DataTransferOut(use1), "200000", "13891.20"},
		// A:311..A:314 (S10): same tiers in us-west-2; 5,000 GB @0.09 = 450.00
		{"us-west-2 DTO", DataTransferOut(usw2), "5000", "450.00"},
		// A:348..A:350: 600,000 GB = 51,200 @0.023 + 460,800 @0.022 + 88,000 @0.021
		// = 1,177.60 + 10,137.60 + 1,848.00 = 13,163.20
		{"S3 Standard", S3Storage(use1, "Standard"), "600000", "13163.20"},
	}
	for _, tt := range tests {
		tiers, ok := c.Lookup(tt.key, OnDemandTerm)
		if !ok {
			t.Fatalf("%s: not found", tt.name)
		}
		total := decimal.Zero
		for i, q := range TierSplit(ref(tt.qty), tiers) {
			total = total.Add(q.Mul(tiers[i].USD))
		}
		if !total.Equal(ref(tt.total)) {
			t.Errorf("%s: %s GB costs %s, want %s", tt.name, tt.qty, total, tt.total)
		}
	}
}

func TestEmbeddedLayer(t *testing.T) {
	l := Embedded()
	if l.Name != EmbeddedName {
		t.Errorf("name = %q", l.Name)
	}
	// Oldest dated figure seeded: the 2024-07-01 Infracost goldens (S6/S7),
	// e.g. A:47 t3.medium RIs, A:251 NLB, A:164 Aurora storage.
	if l.AsOf != "2024-07-01" {
		t.Errorf("AsOf = %q, want 2024-07-01", l.AsOf)
	}
	want := []string{apse, euc1, euw1, use1, usw2}
	if got := strings.Join(l.Regions(), ","); got != strings.Join(want, ",") {
		t.Errorf("regions = %s, want %s", got, strings.Join(want, ","))
	}
	// Each call is independent: mutating one copy does not change the next.
	l.Prices[0].USD = ref("999")
	if Embedded().Prices[0].USD.Equal(ref("999")) {
		t.Error("Embedded() shares its price slice between calls")
	}
}

func TestDefaultIsSafeConcurrently(t *testing.T) {
	// Run with -race: each goroutine builds and reads its own catalog over
	// the shared, once-parsed seed.
	done := make(chan bool)
	for range 8 {
		go func() {
			c := Default()
			_, ok := c.Unit(EC2Instance(use1, "t3.micro"), OnDemandTerm)
			done <- ok
		}()
	}
	for range 8 {
		if !<-done {
			t.Error("t3.micro not found")
		}
	}
}
