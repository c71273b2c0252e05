package catalog

import (
	"bytes"
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
	ri1yStd   = ReservedTerm(Term1yr, ClassStandard, NoUpfront)
	ri1yConv  = ReservedTerm(Term1yr, ClassConvertible, NoUpfront)
	ri3yStd   = ReservedTerm(Term3yr, ClassStandard, NoUpfront)
	ri3yConv  = ReservedTerm(Term3yr, ClassConvertible, NoUpfront)
	ri1yStdPU = ReservedTerm(Term1yr, ClassStandard, PartialUpfront)
	ri1yStdAU = ReservedTerm(Term1yr, ClassStandard, AllUpfront)
	ri3yStdAU = ReservedTerm(Term3yr, ClassStandard, AllUpfront)
)

// Every want value below is typed from the reference CSVs; the comment names
// the row (A = aws-prices.csv, R = regional/prices-regional.csv, F = the
// FOCUS sample's focus_sample.csv line) and, for converted units, the
// arithmetic.
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
		// Update 2026-12-02 (R) and the FOCUS sample (F).
		{"dashboard", CloudWatchDashboard(use1), OnDemandTerm, "Dashboards", "3"},                                                                 // A:361 "Dashboard 1 months $3.00"
		{"CF to origin EU", CloudFrontToOrigin(CFEurope), OnDemandTerm, "GB", "0.02"},                                                             // A:363 (A:362: $44.68 / 2,234 GB = 0.02)
		{"CF to origin Japan", CloudFrontToOrigin(CFJapan), OnDemandTerm, "GB", "0.06"},                                                           // A:366
		{"CF to origin Asia", CloudFrontToOrigin(CFAsia), OnDemandTerm, "GB", "0.06"},                                                             // A:368 Hong Kong/Philippines/Asia Pacific
		{"CF to origin Australia", CloudFrontToOrigin(CFAustralia), OnDemandTerm, "GB", "0.08"},                                                   // A:370
		{"CF to origin South Africa", CloudFrontToOrigin(CFSouthAfrica), OnDemandTerm, "GB", "0.06"},                                              // A:371 $194.04 / 3,234 GB
		{"CF to origin Middle East", CloudFrontToOrigin(CFMiddleEast), OnDemandTerm, "GB", "0.06"},                                                // A:371, same geography
		{"CF to origin South America", CloudFrontToOrigin(CFSouthAmerica), OnDemandTerm, "GB", "0.125"},                                           // A:372 $529.25 / 4,234 GB
		{"us-west-2 ALB hour", LoadBalancerHours(usw2, LBApplication), OnDemandTerm, "Hrs", "0.0225"},                                             // F:57
		{"us-west-2 ALB LCU", LoadBalancerLCU(usw2, LBApplication), OnDemandTerm, "LCU-Hrs", "0.008"},                                             // F:3
		{"us-west-2 NAT hour", NATGatewayHours(usw2), OnDemandTerm, "Hrs", "0.045"},                                                               // F:221
		{"us-west-2 NAT GB", NATGatewayBytes(usw2), OnDemandTerm, "GB", "0.045"},                                                                  // F:24
		{"us-west-2 public IPv4", PublicIPv4(usw2), OnDemandTerm, "Hrs", "0.005"},                                                                 // F:73
		{"us-west-2 gp3", EBSStorage(usw2, "gp3"), OnDemandTerm, "GB-Mo", "0.08"},                                                                 // F:134
		{"us-west-2 gp3 throughput", EBSThroughput(usw2), OnDemandTerm, "MiBps-Mo", "0.04"},                                                       // F:608 40.96 per GiBps / 1,024
		{"us-west-2 logs ingest (bill, newer)", CloudWatchLogsIngest(usw2), OnDemandTerm, "GB", "0.5"},                                            // R:874 (2025-05) over F:440 (2024-09)
		{"us-west-2 logs storage", CloudWatchLogsStorage(usw2), OnDemandTerm, "GB-Mo", "0.03"},                                                    // F:44
		{"us-west-2 alarm", CloudWatchAlarm(usw2, "standard"), OnDemandTerm, "Alarms", "0.1"},                                                     // F:240
		{"us-west-2 S3 GET", S3Requests(usw2, "tier2"), OnDemandTerm, "Requests", "0.0000004"},                                                    // F:499 $0.004 per 10,000
		{"us-west-2 Aurora storage", AuroraStorage(usw2, AuroraStandard), OnDemandTerm, "GB-Mo", "0.1"},                                           // F:249
		{"eu-central-1 gp3", EBSStorage(euc1, "gp3"), OnDemandTerm, "GB-Mo", "0.0952"},                                                            // F:288
		{"eu-central-1 gp3 IOPS", EBSIOPS(euc1, "gp3"), OnDemandTerm, "IOPS-Mo", "0.006"},                                                         // F:356
		{"eu-central-1 gp3 throughput", EBSThroughput(euc1), OnDemandTerm, "MiBps-Mo", "0.0476"},                                                  // F:470 48.7424 per GiBps / 1,024
		{"eu-central-1 NLB LCU", LoadBalancerLCU(euc1, LBNetwork), OnDemandTerm, "LCU-Hrs", "0.006"},                                              // F:6
		{"eu-central-1 IPv4 from idle EIP", PublicIPv4(euc1), OnDemandTerm, "Hrs", "0.005"},                                                       // R:837 $3.65 / 730 h
		{"eu-central-1 inter-AZ", DataTransferInterAZ(euc1), OnDemandTerm, "GB", "0.01"},                                                          // R:855
		{"eu-central-1 Valkey r6g.large", ElastiCacheNode(euc1, "cache.r6g.large", CacheValkey), OnDemandTerm, "Hrs", "0.1976"},                   // R:545
		{"eu-central-1 Redis r6g.large RI 1yr partial", ElastiCacheNode(euc1, "cache.r6g.large", CacheRedis), ri1yStdPU, "Hrs", "0.161365"},       // R:749
		{"ap-southeast-1 Valkey t4g.small RI 3yr all", ElastiCacheNode(apse, "cache.t4g.small", CacheValkey), ri3yStdAU, "Hrs", "0.017321"},       // R:717
		{"us-west-2 Redis r6g.xlarge RI 3yr no", ElastiCacheNode(usw2, "cache.r6g.xlarge", CacheRedis), ri3yStd, "Hrs", "0.213"},                  // R:790
		{"eu-west-1 Redis t4g.small RI 1yr no", ElastiCacheNode(euw1, "cache.t4g.small", CacheRedis), ri1yStd, "Hrs", "0.023"},                    // R:678
		{"ap-southeast-1 NAT hour", NATGatewayHours(apse), OnDemandTerm, "Hrs", "0.059"},                                                          // R:863 "$0.059 per NAT Gateway Hour"
		{"ap-southeast-1 NAT GB", NATGatewayBytes(apse), OnDemandTerm, "GB", "0.059"},                                                             // R:864
		{"ap-southeast-1 ALB hour", LoadBalancerHours(apse, LBApplication), OnDemandTerm, "Hrs", "0.0252"},                                        // R:871
		{"ap-southeast-1 gp3", EBSStorage(apse, "gp3"), OnDemandTerm, "GB-Mo", "0.096"},                                                           // R:865
		{"ap-southeast-1 RDS gp3 single", RDSStorage(apse, "gp3", SingleAZ), OnDemandTerm, "GB-Mo", "0.138"},                                      // R:866
		{"ap-southeast-1 RDS gp2 multi", RDSStorage(apse, "gp2", MultiAZ), OnDemandTerm, "GB-Mo", "0.276"},                                        // R:867
		{"ap-southeast-1 logs ingest", CloudWatchLogsIngest(apse), OnDemandTerm, "GB", "0.7"},                                                     // R:873
		{"ap-southeast-1 custom metric", CloudWatchMetric(apse), OnDemandTerm, "Metrics", "0.3"},                                                  // R:872
		{"ap-southeast-1 t3.small (bill, newer than SKY)", EC2Instance(apse, "t3.small"), OnDemandTerm, "Hrs", "0.0264"},                          // R:877
		{"ap-southeast-1 PG db.t3.small multi (bill)", RDSInstance(apse, "db.t3.small", EnginePostgreSQL, MultiAZ), OnDemandTerm, "Hrs", "0.112"}, // R:880
		{"eu-west-1 gp2", EBSStorage(euw1, "gp2"), OnDemandTerm, "GB-Mo", "0.11"},                                                                 // R:828 $0.88 / 8 GB
		{"eu-west-1 NLB hour", LoadBalancerHours(euw1, LBNetwork), OnDemandTerm, "Hrs", "0.0252"},                                                 // R:834 $18.40 / 730 h, rounded
		{"eu-west-1 RDS gp2 multi", RDSStorage(euw1, "gp2", MultiAZ), OnDemandTerm, "GB-Mo", "0.253"},                                             // R:829 $25.30 / 100 GB
		{"eu-west-1 RDS backup", RDSBackup(euw1, "rds"), OnDemandTerm, "GB-Mo", "0.095"},                                                          // R:868 (R:830 agrees)
		{"eu-west-1 logs storage", CloudWatchLogsStorage(euw1), OnDemandTerm, "GB-Mo", "0.03"},                                                    // R:832
		{"us-east-2 NAT hour", NATGatewayHours("us-east-2"), OnDemandTerm, "Hrs", "0.045"},                                                        // F:278
		{"ap-northeast-1 NAT hour", NATGatewayHours("ap-northeast-1"), OnDemandTerm, "Hrs", "0.062"},                                              // F:544
		{"sa-east-1 Redis r6g.large", ElastiCacheNode("sa-east-1", "cache.r6g.large", CacheRedis), OnDemandTerm, "Hrs", "0.41"},                   // R:580
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

// need is a product a pricer looks up and how many tiers its price has.
type need struct {
	key   ProductKey
	tiers int
}

// regionalNeeds lists the per-region products the pricers look up in region r.
func regionalNeeds(r string) []need {
	var needs []need
	add := func(k ProductKey) { needs = append(needs, need{k, 1}) }
	for _, it := range ec2Types {
		add(EC2Instance(r, it))
	}
	add(EBSStorage(r, "gp2"))
	add(EBSStorage(r, "gp3"))
	add(EBSIOPS(r, "gp3"))
	add(EBSThroughput(r))
	add(EBSSnapshot(r))
	add(NATGatewayHours(r))
	add(NATGatewayBytes(r))
	add(PublicIPv4(r))
	for _, k := range []string{LBApplication, LBNetwork} {
		add(LoadBalancerHours(r, k))
		add(LoadBalancerLCU(r, k))
	}
	for _, eng := range []string{EnginePostgreSQL, EngineMySQL} {
		for _, cl := range rdsClasses {
			for _, dep := range []string{SingleAZ, MultiAZ} {
				add(RDSInstance(r, cl, eng, dep))
			}
		}
	}
	needs = append(needs, rdsStorageNeeds(r)...)
	needs = append(needs, auroraNeeds(r)...)
	for _, eng := range []string{CacheRedis, CacheValkey, CacheMemcached} {
		for _, n := range cacheNodes {
			add(ElastiCacheNode(r, n, eng))
		}
	}
	add(ElastiCacheBackup(r))
	needs = append(needs, need{DataTransferOut(r), 4})
	add(DataTransferInterAZ(r))
	add(CloudWatchLogsIngest(r))
	add(CloudWatchLogsStorage(r))
	add(CloudWatchMetric(r))
	add(CloudWatchAlarm(r, "standard"))
	add(CloudWatchAlarm(r, "high"))
	add(CloudWatchDashboard(r))
	needs = append(needs, s3Needs(r)...)
	return needs
}

func rdsStorageNeeds(r string) []need {
	var out []need
	for _, vt := range []string{"gp2", "gp3", "io1", "io2"} {
		for _, dep := range []string{SingleAZ, MultiAZ} {
			out = append(out, need{RDSStorage(r, vt, dep), 1})
		}
	}
	return append(out, need{RDSIOPS(r, "gp3", SingleAZ), 1}, need{RDSIOPS(r, "gp3", MultiAZ), 1}, need{RDSBackup(r, "rds"), 1})
}

func auroraNeeds(r string) []need {
	return []need{{AuroraInstance(r, "db.r6g.large", EngineAuroraPostgreSQL), 1}, {AuroraInstance(r, "db.t3.medium", EngineAuroraMySQL), 1},
		{AuroraStorage(r, AuroraStandard), 1}, {AuroraIO(r), 1}, {RDSBackup(r, "aurora"), 1}}
}

func s3Needs(r string) []need {
	return []need{{S3Storage(r, "Standard"), 3}, {S3Requests(r, "tier1"), 1}, {S3Requests(r, "tier2"), 1}}
}

// cacheNodesOutsideLC are the node types of aws-prices.md section 4 that the
// regional LC rows (t4g.small, r6g.large, r6g.xlarge, m7g.large) do not give.
func cacheNodesOutsideLC(r string) []need {
	var out []need
	for _, eng := range []string{CacheRedis, CacheValkey, CacheMemcached} {
		for _, n := range []string{"cache.t3.micro", "cache.t3.small", "cache.t3.medium", "cache.t4g.micro", "cache.t4g.medium", "cache.m6g.large", "cache.m6g.xlarge"} {
			out = append(out, need{ElastiCacheNode(r, n, eng), 1})
		}
	}
	return out
}

func checkNeeds(t *testing.T, c *Catalog, needs []need) {
	t.Helper()
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

func TestUSEast1Complete(t *testing.T) {
	needs := regionalNeeds(use1)
	needs = append(needs, need{CloudFrontDataOut(CFUnitedStates), 7}, need{CloudFrontDataOut(CFEurope), 7})
	// To origin for every group of the pricers' traffic mixes but India,
	// which no reference row gives (A:294, A:362..372).
	for _, g := range []string{CFUnitedStates, CFEurope, CFAsia, CFJapan, CFAustralia, CFSouthAmerica} {
		needs = append(needs, need{CloudFrontToOrigin(g), 1})
	}
	for _, g := range []string{CFUnitedStates, CFEurope} {
		needs = append(needs, need{CloudFrontRequests(g, "http"), 1}, need{CloudFrontRequests(g, "https"), 1})
	}
	// Regional: 20 + 5 + 2 + 1 + 4 + 44 + 11 + 5 + 31 + 2 + 6 + 3 = 134;
	// CloudFront: 2 + 6 + 4 = 12.
	if len(needs) != 146 {
		t.Fatalf("need list has %d products, want 146", len(needs))
	}
	checkNeeds(t, Default(), needs)
}

// TestOtherRegionsCompleteness states, for each target region, exactly which
// of the products the pricers look up the references cannot price: every
// other one must be found, and each listed one must stay unknown (a price
// that appears is a change to review, not a silent gain).
func TestOtherRegionsCompleteness(t *testing.T) {
	tests := []struct {
		region  string
		missing func(r string) []need
		found   int
	}{
		// eu-west-1: no snapshot, IPv4 (only [LOW]), ALB ([derived]); RDS storage but
		// gp2 Multi-AZ (R:829) and backup (R:868); no Aurora, cache backup, metric,
		// alarm (A:344 is [LOW]), dashboard, S3.
		{euw1, func(r string) []need {
			out := []need{{EBSSnapshot(r), 1}, {PublicIPv4(r), 1}, {LoadBalancerHours(r, LBApplication), 1}, {LoadBalancerLCU(r, LBApplication), 1}}
			for _, n := range rdsStorageNeeds(r) {
				if n.key != RDSStorage(r, "gp2", MultiAZ) && n.key != RDSBackup(r, "rds") {
					out = append(out, n)
				}
			}
			out = append(out, auroraNeeds(r)...)
			out = append(out, need{ElastiCacheBackup(r), 1}, need{CloudWatchMetric(r), 1}, need{CloudWatchAlarm(r, "standard"), 1},
				need{CloudWatchAlarm(r, "high"), 1}, need{CloudWatchDashboard(r), 1})
			return append(out, s3Needs(r)...)
		}, 134 - 26},
		// us-west-2: c6i.xlarge/2xlarge are CO-only; the ELB lines are ALB and
		// Classic, not NLB; no RDS storage; Aurora has storage only (F:249); no cache
		// backup, high-resolution alarm or dashboard; S3 storage has one tier (F:873).
		{usw2, func(r string) []need {
			out := []need{{EC2Instance(r, "c6i.xlarge"), 1}, {EC2Instance(r, "c6i.2xlarge"), 1}, {LoadBalancerHours(r, LBNetwork), 1}, {LoadBalancerLCU(r, LBNetwork), 1}}
			out = append(out, rdsStorageNeeds(r)...)
			for _, n := range auroraNeeds(r) {
				if n.key != AuroraStorage(r, AuroraStandard) {
					out = append(out, n)
				}
			}
			return append(out, need{ElastiCacheBackup(r), 1}, need{CloudWatchAlarm(r, "high"), 1}, need{CloudWatchDashboard(r), 1}, need{S3Storage(r, "Standard"), 3})
		}, 134 - 23},
		// eu-central-1: no snapshot, NAT, ALB, NLB hour (F:94 is Classic), RDS
		// storage, Aurora; cache nodes only LC's; no CloudWatch (F:893 is vended
		// logs), S3.
		{euc1, func(r string) []need {
			out := []need{{EBSSnapshot(r), 1}, {NATGatewayHours(r), 1}, {NATGatewayBytes(r), 1},
				{LoadBalancerHours(r, LBApplication), 1}, {LoadBalancerLCU(r, LBApplication), 1}, {LoadBalancerHours(r, LBNetwork), 1}}
			out = append(out, rdsStorageNeeds(r)...)
			out = append(out, auroraNeeds(r)...)
			out = append(out, cacheNodesOutsideLC(r)...)
			out = append(out, need{ElastiCacheBackup(r), 1}, need{CloudWatchLogsIngest(r), 1}, need{CloudWatchLogsStorage(r), 1},
				need{CloudWatchMetric(r), 1}, need{CloudWatchAlarm(r, "standard"), 1}, need{CloudWatchAlarm(r, "high"), 1}, need{CloudWatchDashboard(r), 1})
			return append(out, s3Needs(r)...)
		}, 134 - 53},
		// ap-southeast-1: no gp3 IOPS/throughput, ALB LCU (only [LOW]), NLB; RDS
		// storage only gp3 Single-AZ (R:866) and gp2 Multi-AZ (R:867); no Aurora;
		// cache nodes only LC's; no logs storage, alarms, dashboard, S3.
		{apse, func(r string) []need {
			out := []need{{EBSIOPS(r, "gp3"), 1}, {EBSThroughput(r), 1}, {LoadBalancerLCU(r, LBApplication), 1}, {LoadBalancerHours(r, LBNetwork), 1}, {LoadBalancerLCU(r, LBNetwork), 1}}
			for _, n := range rdsStorageNeeds(r) {
				if n.key != RDSStorage(r, "gp3", SingleAZ) && n.key != RDSStorage(r, "gp2", MultiAZ) {
					out = append(out, n)
				}
			}
			out = append(out, auroraNeeds(r)...)
			out = append(out, cacheNodesOutsideLC(r)...)
			out = append(out, need{ElastiCacheBackup(r), 1}, need{CloudWatchLogsStorage(r), 1}, need{CloudWatchAlarm(r, "standard"), 1},
				need{CloudWatchAlarm(r, "high"), 1}, need{CloudWatchDashboard(r), 1})
			return append(out, s3Needs(r)...)
		}, 134 - 48},
	}
	c := Default()
	for _, tt := range tests {
		t.Run(tt.region, func(t *testing.T) {
			missing := map[ProductKey]bool{}
			for _, n := range tt.missing(tt.region) {
				missing[n.key] = true
			}
			var want []need
			for _, n := range regionalNeeds(tt.region) {
				if !missing[n.key] {
					want = append(want, n)
				} else if p, ok := c.Unit(n.key, OnDemandTerm); ok {
					t.Errorf("%s: found %s (%s); the references give no usable price", n.key, p.USD, p.Source)
				}
			}
			if len(want) != tt.found {
				t.Errorf("%d products expected found, want %d", len(want), tt.found)
			}
			checkNeeds(t, c, want)
		})
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
	// The same holds for every region and node type LC adds (regional/README.md,
	// Update 2026-12-02). Its reserved Valkey rates are rounded to 6 places,
	// so only on-demand is exact.
	redis := 0
	for _, p := range Embedded().Prices {
		if p.Product.Attr("cacheEngine") != CacheRedis || p.Term != OnDemandTerm {
			continue
		}
		redis++
		k := ElastiCacheNode(p.Product.Region(), p.Product.Attr("instanceType"), CacheValkey)
		v, ok := c.Unit(k, OnDemandTerm)
		if !ok || !v.USD.Equal(p.USD.Mul(ref("0.8"))) {
			t.Errorf("%s: valkey %s (found %v), redis %s", k, v.USD, ok, p.USD)
		}
	}
	// A section 4: 10 types in us-east-1, eu-west-1 and us-west-2 (30). R:494..676:
	// 92 LC rows, 6 of which (t4g.small, r6g.large, r6g.xlarge in eu-west-1 and
	// us-west-2) repeat A's.
	if want := 30 + 92 - 6; redis != want {
		t.Errorf("%d Redis on-demand prices, want %d", redis, want)
	}
}

func TestNotFound(t *testing.T) {
	c := Default()
	tests := []struct {
		name string
		key  ProductKey
		term Term
	}{
		{"region not seeded", EC2Instance("cn-north-1", "t3.micro"), OnDemandTerm},
		// sa-east-1 has ElastiCache (R) and a snapshot rate (F:881), no instances.
		{"EC2 not seeded in a region with other rows", EC2Instance("sa-east-1", "t3.micro"), OnDemandTerm},
		{"type not seeded", EC2Instance(use1, "x2iedn.32xlarge"), OnDemandTerm},
		// R:144: CO gives 0.17, but CO EC2 values are not seeded (SKY lacks it).
		{"CO-only EC2", EC2Instance(usw2, "c6i.xlarge"), OnDemandTerm},
		// R:199..245: CO-only optional families.
		{"CO-only m6g", EC2Instance(euw1, "m6g.large"), OnDemandTerm},
		{"no RI in reference", EC2Instance(use1, "t3.micro"), ri1yStd},
		// A:361 is us-east-1 only; no regional dashboard rate (regional/README.md: nf).
		{"dashboard outside us-east-1", CloudWatchDashboard(euc1), OnDemandTerm},
		// A:161 is [LOW]; the only source for RDS gp3 throughput.
		{"RDS throughput weak only", RDSThroughput(use1, SingleAZ), OnDemandTerm},
		// A:166 is a rounded display value.
		{"Aurora I/O-Optimized storage", AuroraStorage(use1, AuroraIOOptimized), OnDemandTerm},
		// A:250 is [derived] from a bill.
		{"eu-west-1 ALB derived", LoadBalancerHours(euw1, LBApplication), OnDemandTerm},
		// R: RDS storage not found outside us-east-1; A:144 is [derived].
		{"eu-west-1 RDS gp3", RDSStorage(euw1, "gp3", SingleAZ), OnDemandTerm},
		{"CloudFront Asia group", CloudFrontDataOut(CFAsia), OnDemandTerm},
		// A:362..372 give every geography but India.
		{"CloudFront India to origin", CloudFrontToOrigin(CFIndia), OnDemandTerm},
		// R: ALB not found in eu-central-1; F:94 there is a Classic load balancer hour.
		{"eu-central-1 ALB", LoadBalancerHours(euc1, LBApplication), OnDemandTerm},
		{"eu-central-1 NLB hour (F:94 is Classic)", LoadBalancerHours(euc1, LBNetwork), OnDemandTerm},
		{"us-west-2 NLB hour (F:151 is Classic)", LoadBalancerHours(usw2, LBNetwork), OnDemandTerm},
		// R: the only ap-southeast-1 ALB LCU row is [weak] ... [LOW].
		{"ap-southeast-1 ALB LCU low only", LoadBalancerLCU(apse, LBApplication), OnDemandTerm},
		// R: the only eu-west-1 public IPv4 row is [weak] ... [LOW].
		{"eu-west-1 IPv4 low only", PublicIPv4(euw1), OnDemandTerm},
		{"eu-central-1 NAT", NATGatewayHours(euc1), OnDemandTerm},
		// F:893 is vended-log ingestion, a different product.
		{"eu-central-1 logs ingest", CloudWatchLogsIngest(euc1), OnDemandTerm},
		// F:675 gives only the first 10 TB; a partial tier table is not seeded.
		{"us-east-2 DTO first tier only", DataTransferOut("us-east-2"), OnDemandTerm},
		// F:873 gives only the first 50 TB.
		{"us-west-2 S3 storage first tier only", S3Storage(usw2, "Standard"), OnDemandTerm},
		// R (regional/README.md): the 1yr all-upfront key is absent from LC.
		{"ElastiCache RI 1yr all upfront", ElastiCacheNode(euc1, "cache.r6g.large", CacheRedis), ri1yStdAU},
		// Memcached = Redis is stated for on-demand node prices only.
		{"Memcached RI not copied", ElastiCacheNode(euc1, "cache.r6g.large", CacheMemcached), ri1yStdPU},
		// No regional source for ElastiCache node types beyond the 4 LC ones.
		{"eu-central-1 cache.t3.micro", ElastiCacheNode(euc1, "cache.t3.micro", CacheRedis), OnDemandTerm},
		{"us-west-2 RDS gp3 storage", RDSStorage(usw2, "gp3", SingleAZ), OnDemandTerm},
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
	// us-east-1 (A); the 26 regions of LC's ElastiCache rows (R:494..827), which
	// include the four target regions; af-south-1 from a FOCUS gp3 line (F:543).
	want := []string{"af-south-1", "ap-east-1", "ap-northeast-1", "ap-northeast-2", "ap-south-1", "ap-south-2",
		apse, "ap-southeast-2", "ap-southeast-5", "ap-southeast-7", "ca-central-1", "ca-west-1", euc1,
		"eu-north-1", "eu-south-1", "eu-south-2", euw1, "eu-west-2", "eu-west-3", "il-central-1", "mx-central-1",
		"sa-east-1", use1, "us-east-2", "us-gov-east-1", "us-gov-west-1", "us-west-1", usw2}
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

func TestFOCUSAttribution(t *testing.T) {
	// The FOCUS sample is CC BY 4.0: the seed that ships prices taken from it
	// names the work, its authors and the licence, once in the file and on
	// every such price.
	head := string(embeddedCSV[:bytes.Index(embeddedCSV, []byte("\nkind,"))])
	for _, s := range []string{"FOCUS-Sample-Data", "FinOps Foundation", "CC BY 4.0"} {
		if !strings.Contains(head, s) {
			t.Errorf("embedded.csv header does not name %q", s)
		}
	}
	n := 0
	for _, p := range Embedded().Prices {
		if strings.HasPrefix(p.Source, "FOCUS ") {
			n++
			if !strings.Contains(p.Source, "CC BY 4.0") || !strings.Contains(p.Source, "FinOps Foundation") {
				t.Errorf("%s: FOCUS price without attribution: %s", p.Product, p.Source)
			}
		}
	}
	if n == 0 {
		t.Error("no price cites the FOCUS sample")
	}
}
