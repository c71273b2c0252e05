package importer

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"testing/iotest"
	"time"

	"github.com/shopspring/decimal"

	"github.com/tiercost/tiercost/costmodel/catalog"
	"github.com/tiercost/tiercost/costmodel/golden"
)

// offersDir holds the hand-written offer fixtures in the real AWS format.
var offersDir = filepath.Join("..", "..", "..", "testdata", "offers")

func fixture(name string) string { return filepath.Join(offersDir, name) }

var d = decimal.RequireFromString

func dp(s string) *decimal.Decimal { v := d(s); return &v }

// importLayer imports files into a temp layer file and reads it back.
func importLayer(t *testing.T, files ...string) (*catalog.Layer, Summary) {
	t.Helper()
	out := filepath.Join(t.TempDir(), "layer.json")
	sum, err := Import(context.Background(), files, out, Options{})
	if err != nil {
		t.Fatalf("Import(%v): %v", files, err)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var l catalog.Layer
	if err := json.Unmarshal(data, &l); err != nil {
		t.Fatalf("layer file is not a catalog.Layer: %v", err)
	}
	return &l, sum
}

// prices returns the prices for a product and term, in file order.
func prices(l *catalog.Layer, k catalog.ProductKey, term catalog.Term) []catalog.Price {
	var out []catalog.Price
	for _, p := range l.Prices {
		if p.Product == k && p.Term == term {
			out = append(out, p)
		}
	}
	return out
}

// one asserts a single untiered price and returns it.
func one(t *testing.T, l *catalog.Layer, k catalog.ProductKey, term catalog.Term, usd, unit string) catalog.Price {
	t.Helper()
	ps := prices(l, k, term)
	if len(ps) != 1 {
		t.Fatalf("%s %s: got %d prices, want 1", k, term, len(ps))
	}
	p := ps[0]
	if !p.USD.Equal(d(usd)) || p.Unit != unit || !p.TierStart.IsZero() || p.TierEnd != nil {
		t.Errorf("%s %s: got %s %s tier [%s, %v), want %s %s untiered", k, term, p.USD, p.Unit, p.TierStart, p.TierEnd, usd, unit)
	}
	return p
}

type tier struct{ start, end, usd string } // end "" = open-ended

func tiers(t *testing.T, l *catalog.Layer, k catalog.ProductKey, unit string, want []tier) {
	t.Helper()
	got := prices(l, k, catalog.OnDemandTerm)
	if len(got) != len(want) {
		t.Fatalf("%s: got %d tiers, want %d", k, len(got), len(want))
	}
	for i, w := range want {
		g := got[i]
		endOK := (w.end == "" && g.TierEnd == nil) || (w.end != "" && g.TierEnd != nil && g.TierEnd.Equal(d(w.end)))
		if !g.TierStart.Equal(d(w.start)) || !endOK || !g.USD.Equal(d(w.usd)) || g.Unit != unit {
			t.Errorf("%s tier %d: got [%s, %v) %s %s, want [%s, %s) %s %s", k, i, g.TierStart, g.TierEnd, g.USD, g.Unit, w.start, w.end, w.usd, unit)
		}
	}
}

func absent(t *testing.T, l *catalog.Layer, k catalog.ProductKey) {
	t.Helper()
	for _, p := range l.Prices {
		if p.Product == k {
			t.Errorf("%s should have been dropped, got %s %s", k, p.Term, p.USD)
		}
	}
}

func reserved(length, payment, class string) catalog.Term {
	return catalog.Term{Kind: catalog.Reserved, Length: length, Payment: payment, Class: class}
}

func TestEC2InstanceFilters(t *testing.T) {
	l, sum := importLayer(t, fixture("ec2-us-east-1.json"))
	// Reference CSV: t3.micro on-demand Linux shared us-east-1 = 0.0104;
	// the fixture also lists Windows (0.0196), RHEL (0.0392), SQL Web
	// (0.0224), Dedicated (0.0114) rows for t3.micro that must not win.
	p := one(t, l, catalog.EC2Instance("us-east-1", "t3.micro"), catalog.OnDemandTerm, "0.0104", "Hrs")
	if p.Source != "AmazonEC2 20260925174521 sku DQ578CGN99KG6ECF" || p.AsOf != "2026-09-25" {
		t.Errorf("provenance = %q %q", p.Source, p.AsOf)
	}
	one(t, l, catalog.EC2Instance("us-east-1", "m7g.xlarge"), catalog.OnDemandTerm, "0.1632", "Hrs")
	one(t, l, catalog.EC2Instance("us-east-1", "m6i.large"), catalog.OnDemandTerm, "0.096", "Hrs")

	// 25 products in the fixture: 14 instance rows and 11 EBS/NAT rows.
	if sum.Files != 1 || sum.Products != 25 {
		t.Errorf("summary files/products = %d/%d, want 1/25", sum.Files, sum.Products)
	}
	want := map[string]int{
		"ec2: operating system is not Linux":              5, // Windows, RHEL, SUSE, Windows+SQL, Windows BYOL
		"ec2: pre-installed software":                     1,
		"ec2: tenancy is not Shared":                      2, // Dedicated, Host
		"ec2: license model is not 'No License required'": 1, // Linux BYOL
		"ec2: capacity reservation row":                   2, // Allocated, Unused
		"ec2: snapshot kind not priced":                   1, // snapshot archive
	}
	if !reflect.DeepEqual(sum.Skipped, want) {
		t.Errorf("skipped = %v\nwant %v", sum.Skipped, want)
	}
	// Kept: 3 on-demand instances + 4 reserved + 10 EBS/NAT prices.
	if sum.Prices != 17 {
		t.Errorf("prices = %d, want 17", sum.Prices)
	}
}

func TestReservedEffectiveHourly(t *testing.T) {
	l, _ := importLayer(t, fixture("ec2-us-east-1.json"))
	m6i := catalog.EC2Instance("us-east-1", "m6i.large")
	t3 := catalog.EC2Instance("us-east-1", "t3.micro")
	cases := []struct {
		name string
		key  catalog.ProductKey
		term catalog.Term
		want string
	}{
		// 262.80 / 8,760 h = 0.03, plus 0.0300 hourly = 0.06.
		{"1yr partial", m6i, reserved("1yr", "Partial Upfront", "standard"), "0.06"},
		// No upfront: the hourly fee alone.
		{"1yr no upfront convertible", m6i, reserved("1yr", "No Upfront", "convertible"), "0.071"},
		{"3yr no upfront", t3, reserved("3yr", "No Upfront", "standard"), "0.0045"},
		// 55 / 8,760 = 0.00627853881278538812..., kept to 16 places.
		{"1yr all upfront", t3, reserved("1yr", "All Upfront", "standard"), "0.0062785388127854"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			one(t, l, c.key, c.term, c.want, "Hrs")
		})
	}
}

func TestEBSAndNAT(t *testing.T) {
	l, _ := importLayer(t, fixture("ec2-us-east-1.json"))
	const r = "us-east-1"
	one(t, l, catalog.EBSStorage(r, "gp3"), catalog.OnDemandTerm, "0.08", "GB-Mo")
	one(t, l, catalog.EBSStorage(r, "gp2"), catalog.OnDemandTerm, "0.10", "GB-Mo")
	one(t, l, catalog.EBSIOPS(r, "gp3"), catalog.OnDemandTerm, "0.005", "IOPS-Mo")
	// Listed as 40.96 per GiBps-month; 40.96 / 1024 = 0.04 per MiBps-month.
	one(t, l, catalog.EBSThroughput(r), catalog.OnDemandTerm, "0.04", "MiBps-Mo")
	one(t, l, catalog.EBSSnapshot(r), catalog.OnDemandTerm, "0.05", "GB-Mo")
	one(t, l, catalog.NATGatewayHours(r), catalog.OnDemandTerm, "0.045", "Hrs")
	one(t, l, catalog.NATGatewayBytes(r), catalog.OnDemandTerm, "0.045", "GB")
	// io2 IOPS tiers come as three SKUs; they become one tiered price.
	tiers(t, l, catalog.EBSIOPS(r, "io2"), "IOPS-Mo", []tier{
		{"0", "32000", "0.065"}, {"32000", "64000", "0.0455"}, {"64000", "", "0.032"},
	})
}

func TestLocationNames(t *testing.T) {
	l, sum := importLayer(t, fixture("ec2-locations.json"))
	one(t, l, catalog.EC2Instance("eu-west-1", "m5.large"), catalog.OnDemandTerm, "0.107", "Hrs")       // "EU (Ireland)"
	one(t, l, catalog.EC2Instance("eu-central-1", "t3.small"), catalog.OnDemandTerm, "0.024", "Hrs")    // "Europe (Frankfurt)"
	one(t, l, catalog.EC2Instance("us-west-2", "t3.medium"), catalog.OnDemandTerm, "0.0416", "Hrs")     // "US West (Oregon)"
	one(t, l, catalog.EC2Instance("ap-southeast-1", "t3.large"), catalog.OnDemandTerm, "0.1056", "Hrs") // "Asia Pacific (Singapore)"
	one(t, l, catalog.EC2Instance("eu-west-2", "c6i.large"), catalog.OnDemandTerm, "0.101", "Hrs")      // regionCode wins
	absent(t, l, catalog.EC2Instance("us-east-1-bos-1", "t3.micro"))                                    // Local Zone
	want := map[string]int{
		"location is not an AWS Region (Local Zone, Wavelength, Outposts)": 1,
		"region not recognised": 1, // "Atlantis (Central)"
	}
	if !reflect.DeepEqual(sum.Skipped, want) {
		t.Errorf("skipped = %v, want %v", sum.Skipped, want)
	}
	if len(l.Prices) != 5 {
		t.Errorf("got %d prices, want 5", len(l.Prices))
	}
}

func TestRegionTable(t *testing.T) {
	cases := map[string]string{
		"US East (N. Virginia)":     "us-east-1",
		"US East (Ohio)":            "us-east-2",
		"US West (N. California)":   "us-west-1",
		"US West (Oregon)":          "us-west-2",
		"EU (Ireland)":              "eu-west-1",
		"Europe (Ireland)":          "eu-west-1",
		"EU (Frankfurt)":            "eu-central-1",
		"Europe (Frankfurt)":        "eu-central-1",
		"EU (London)":               "eu-west-2",
		"Europe (Paris)":            "eu-west-3",
		"EU (Stockholm)":            "eu-north-1",
		"Europe (Milan)":            "eu-south-1",
		"Europe (Spain)":            "eu-south-2",
		"Europe (Zurich)":           "eu-central-2",
		"Asia Pacific (Singapore)":  "ap-southeast-1",
		"Asia Pacific (Sydney)":     "ap-southeast-2",
		"Asia Pacific (Jakarta)":    "ap-southeast-3",
		"Asia Pacific (Melbourne)":  "ap-southeast-4",
		"Asia Pacific (Tokyo)":      "ap-northeast-1",
		"Asia Pacific (Seoul)":      "ap-northeast-2",
		"Asia Pacific (Osaka)":      "ap-northeast-3",
		"Asia Pacific (Mumbai)":     "ap-south-1",
		"Asia Pacific (Hyderabad)":  "ap-south-2",
		"Asia Pacific (Hong Kong)":  "ap-east-1",
		"Canada (Central)":          "ca-central-1",
		"Canada West (Calgary)":     "ca-west-1",
		"South America (Sao Paulo)": "sa-east-1",
		"Africa (Cape Town)":        "af-south-1",
		"Middle East (Bahrain)":     "me-south-1",
		"Middle East (UAE)":         "me-central-1",
		"Israel (Tel Aviv)":         "il-central-1",
		"Mexico (Central)":          "mx-central-1",
		"AWS GovCloud (US-West)":    "",
		"China (Beijing)":           "",
		"":                          "",
	}
	for loc, want := range cases {
		if got := regionCode(loc); got != want {
			t.Errorf("regionCode(%q) = %q, want %q", loc, got, want)
		}
	}
}

func TestRDS(t *testing.T) {
	l, sum := importLayer(t, fixture("rds-us-east-1.json"))
	const r = "us-east-1"
	// Reference §3: PostgreSQL db.t3.micro 0.018 Single-AZ, 0.036 Multi-AZ;
	// MySQL db.t4g.medium 0.065 / 0.129 (not 2×); MariaDB = MySQL 0.017.
	one(t, l, catalog.RDSInstance(r, "db.t3.micro", catalog.EnginePostgreSQL, catalog.SingleAZ), catalog.OnDemandTerm, "0.018", "Hrs")
	one(t, l, catalog.RDSInstance(r, "db.t3.micro", catalog.EnginePostgreSQL, catalog.MultiAZ), catalog.OnDemandTerm, "0.036", "Hrs")
	one(t, l, catalog.RDSInstance(r, "db.t4g.medium", catalog.EngineMySQL, catalog.SingleAZ), catalog.OnDemandTerm, "0.065", "Hrs")
	one(t, l, catalog.RDSInstance(r, "db.t4g.medium", catalog.EngineMySQL, catalog.MultiAZ), catalog.OnDemandTerm, "0.129", "Hrs")
	one(t, l, catalog.RDSInstance(r, "db.t3.micro", catalog.EngineMariaDB, catalog.SingleAZ), catalog.OnDemandTerm, "0.017", "Hrs")
	// Aurora Standard 0.26 (SKU 4U9P9G87PY8QVQH5), not the I/O-Optimized 0.338.
	one(t, l, catalog.RDSInstance(r, "db.r6g.large", catalog.EngineAuroraPostgreSQL, catalog.SingleAZ), catalog.OnDemandTerm, "0.26", "Hrs")
	one(t, l, catalog.RDSInstance(r, "db.r6g.large", catalog.EngineAuroraMySQL, catalog.SingleAZ), catalog.OnDemandTerm, "0.26", "Hrs")
	absent(t, l, catalog.RDSInstance(r, "db.t3.micro", catalog.EnginePostgreSQL, "Multi-AZ (readable standbys)"))
	absent(t, l, catalog.RDSInstance(r, "db.t3.small", "Oracle", catalog.SingleAZ))
	absent(t, l, catalog.RDSInstance(r, "db.t3.small", "SQL Server", catalog.SingleAZ))
	// RDS reserved terms carry no OfferingClass: they are standard.
	one(t, l, catalog.RDSInstance(r, "db.t3.micro", catalog.EnginePostgreSQL, catalog.SingleAZ), reserved("1yr", "No Upfront", "standard"), "0.0130", "Hrs")

	// Reference §3b: gp3/gp2 0.115 Single-AZ, 0.23 Multi-AZ; io1 0.125;
	// gp3 IOPS 0.02 / 0.04; backup 0.095. §3d: Aurora storage 0.10, I/O 0.20 per million = 0.0000002 per IO.
	one(t, l, catalog.RDSStorage(r, "gp3", catalog.SingleAZ), catalog.OnDemandTerm, "0.115", "GB-Mo")
	one(t, l, catalog.RDSStorage(r, "gp3", catalog.MultiAZ), catalog.OnDemandTerm, "0.23", "GB-Mo")
	one(t, l, catalog.RDSStorage(r, "gp2", catalog.SingleAZ), catalog.OnDemandTerm, "0.115", "GB-Mo")
	one(t, l, catalog.RDSStorage(r, "io1", catalog.SingleAZ), catalog.OnDemandTerm, "0.125", "GB-Mo")
	one(t, l, catalog.RDSStorage(r, "aurora", catalog.SingleAZ), catalog.OnDemandTerm, "0.10", "GB-Mo")
	one(t, l, catalog.RDSStorage(r, "aurora-iopt", catalog.SingleAZ), catalog.OnDemandTerm, "0.225", "GB-Mo")
	one(t, l, catalog.RDSIOPS(r, "gp3", catalog.SingleAZ), catalog.OnDemandTerm, "0.02", "IOPS-Mo")
	one(t, l, catalog.RDSIOPS(r, "gp3", catalog.MultiAZ), catalog.OnDemandTerm, "0.04", "IOPS-Mo")
	one(t, l, catalog.RDSBackup(r, "rds"), catalog.OnDemandTerm, "0.095", "GB-Mo")
	one(t, l, catalog.AuroraIO(r), catalog.OnDemandTerm, "0.0000002", "IOs")

	want := map[string]int{
		"rds: deployment option is not Single-AZ or Multi-AZ": 2, // readable standbys instance + storage
		"rds: database engine not priced":                     2, // Oracle, SQL Server
		"rds: Aurora I/O-Optimized instance":                  1,
		"duplicate price for the same product, term and tier": 1, // gp2 storage listed for MySQL too
	}
	if !reflect.DeepEqual(sum.Skipped, want) {
		t.Errorf("skipped = %v\nwant %v", sum.Skipped, want)
	}
}

func TestElastiCache(t *testing.T) {
	l, sum := importLayer(t, fixture("elasticache-us-east-1.json"))
	const r = "us-east-1"
	// Reference §4: cache.t4g.micro Redis 0.016, Valkey 0.0128 (20 % less);
	// the ExtendedSupport rows (0.0130, 0.0260) are surcharges, not nodes.
	one(t, l, catalog.ElastiCacheNode(r, "cache.t4g.micro", catalog.CacheRedis), catalog.OnDemandTerm, "0.016", "Hrs")
	one(t, l, catalog.ElastiCacheNode(r, "cache.t4g.micro", catalog.CacheValkey), catalog.OnDemandTerm, "0.0128", "Hrs")
	one(t, l, catalog.ElastiCacheNode(r, "cache.t4g.micro", catalog.CacheMemcached), catalog.OnDemandTerm, "0.016", "Hrs")
	one(t, l, catalog.ElastiCacheNode(r, "cache.t4g.medium", catalog.CacheRedis), catalog.OnDemandTerm, "0.065", "Hrs")
	one(t, l, catalog.ElastiCacheNode(r, "cache.t4g.micro", catalog.CacheRedis), reserved("1yr", "No Upfront", "standard"), "0.011", "Hrs")
	want := map[string]int{
		"elasticache: ExtendedSupport surcharge": 2,
		"reserved: purchase option not priced":   1, // legacy Heavy Utilization
	}
	if !reflect.DeepEqual(sum.Skipped, want) {
		t.Errorf("skipped = %v, want %v", sum.Skipped, want)
	}
}

func TestELB(t *testing.T) {
	l, sum := importLayer(t, fixture("elb-us-east-1.json"))
	const r = "us-east-1"
	// Reference §5: ALB 0.0225/h and 0.008/LCU-h; NLB 0.0225/h and 0.006/NLCU-h.
	one(t, l, catalog.LoadBalancerHours(r, catalog.LBApplication), catalog.OnDemandTerm, "0.0225", "Hrs")
	one(t, l, catalog.LoadBalancerLCU(r, catalog.LBApplication), catalog.OnDemandTerm, "0.008", "LCU-Hrs")
	one(t, l, catalog.LoadBalancerHours(r, catalog.LBNetwork), catalog.OnDemandTerm, "0.0225", "Hrs")
	one(t, l, catalog.LoadBalancerLCU(r, catalog.LBNetwork), catalog.OnDemandTerm, "0.006", "LCU-Hrs")
	if sum.Skipped["elb: load balancer kind not priced"] != 2 || len(l.Prices) != 4 {
		t.Errorf("classic and gateway rows must be dropped: skipped %v, %d prices", sum.Skipped, len(l.Prices))
	}
}

func TestCloudFront(t *testing.T) {
	l, sum := importLayer(t, fixture("cloudfront.json"))
	// Reference §6: US data out 0.085 / 0.080 / 0.060 / 0.040 / 0.030 /
	// 0.025 / 0.020 at 10 TB, 50 TB, 150 TB, 500 TB, 1 PB, 5 PB (in GB).
	tiers(t, l, catalog.CloudFrontDataOut(catalog.CFUnitedStates), "GB", []tier{
		{"0", "10240", "0.085"}, {"10240", "51200", "0.080"}, {"51200", "153600", "0.060"},
		{"153600", "512000", "0.040"}, {"512000", "1048576", "0.030"}, {"1048576", "5242880", "0.025"},
		{"5242880", "", "0.020"},
	})
	// A three-tier dimension becomes three tiers.
	tiers(t, l, catalog.CloudFrontDataOut(catalog.CFJapan), "GB", []tier{
		{"0", "10240", "0.114"}, {"10240", "51200", "0.089"}, {"51200", "", "0.086"},
	})
	one(t, l, catalog.CloudFrontToOrigin(catalog.CFUnitedStates), catalog.OnDemandTerm, "0.020", "GB")
	// $0.0075 and $0.0100 per 10,000 requests = 0.00000075 and 0.000001 per request.
	one(t, l, catalog.CloudFrontRequests(catalog.CFUnitedStates, "http"), catalog.OnDemandTerm, "0.00000075", "Requests")
	one(t, l, catalog.CloudFrontRequests(catalog.CFUnitedStates, "https"), catalog.OnDemandTerm, "0.000001", "Requests")
	want := map[string]int{
		"cloudfront: location group not modelled": 1, // Canada
		"cloudfront: transfer type not priced":    1, // inbound
		"cloudfront: request type not priced":     1, // proxy requests
	}
	if !reflect.DeepEqual(sum.Skipped, want) {
		t.Errorf("skipped = %v, want %v", sum.Skipped, want)
	}
	if len(l.Offers) != 1 || l.Offers[0].Region != "global" {
		t.Errorf("offers = %+v, want one global offer", l.Offers)
	}
}

func TestDataTransferVPCCloudWatchS3(t *testing.T) {
	const r = "us-east-1"
	t.Run("data transfer", func(t *testing.T) {
		l, sum := importLayer(t, fixture("datatransfer-us-east-1.json"))
		// Reference §7: 0.09 first 10 TB, 0.085 next 40 TB, 0.07 next 100 TB, 0.05 over 150 TB; inter-AZ 0.01.
		tiers(t, l, catalog.DataTransferOut(r), "GB", []tier{
			{"0", "10240", "0.09"}, {"10240", "51200", "0.085"}, {"51200", "153600", "0.07"}, {"153600", "", "0.05"},
		})
		one(t, l, catalog.DataTransferInterAZ(r), catalog.OnDemandTerm, "0.01", "GB")
		if sum.Skipped["data transfer: direction not priced"] != 2 {
			t.Errorf("inter-region and inbound rows must be dropped: %v", sum.Skipped)
		}
	})
	t.Run("vpc", func(t *testing.T) {
		l, _ := importLayer(t, fixture("vpc-us-east-1.json"))
		one(t, l, catalog.PublicIPv4(r), catalog.OnDemandTerm, "0.005", "Hrs")
		if len(l.Prices) != 1 {
			t.Errorf("idle address must be dropped, got %d prices", len(l.Prices))
		}
	})
	t.Run("cloudwatch", func(t *testing.T) {
		l, _ := importLayer(t, fixture("cloudwatch-us-east-1.json"))
		// Reference §8: logs 0.50/GB ingested, 0.03/GB-month stored; alarms 0.10 / 0.30; custom metric 0.30 first tier.
		one(t, l, catalog.CloudWatchLogsIngest(r), catalog.OnDemandTerm, "0.50", "GB")
		one(t, l, catalog.CloudWatchLogsStorage(r), catalog.OnDemandTerm, "0.03", "GB-Mo")
		one(t, l, catalog.CloudWatchAlarm(r, "standard"), catalog.OnDemandTerm, "0.10", "Alarms")
		one(t, l, catalog.CloudWatchAlarm(r, "high"), catalog.OnDemandTerm, "0.30", "Alarms")
		one(t, l, catalog.CloudWatchDashboard(r), catalog.OnDemandTerm, "3.00", "Dashboards")
		tiers(t, l, catalog.CloudWatchMetric(r), "Metrics", []tier{
			{"0", "10000", "0.30"}, {"10000", "250000", "0.10"}, {"250000", "1000000", "0.05"}, {"1000000", "", "0.02"},
		})
	})
	t.Run("s3", func(t *testing.T) {
		l, _ := importLayer(t, fixture("s3-us-east-1.json"))
		// Reference §8: 0.023 first 50 TB, 0.022 next 450 TB, 0.021 over 500 TB;
		// PUT 0.005 per 1,000 = 0.000005, GET 0.0004 per 1,000 = 0.0000004.
		tiers(t, l, catalog.S3Storage(r, "Standard"), "GB-Mo", []tier{
			{"0", "51200", "0.023"}, {"51200", "512000", "0.022"}, {"512000", "", "0.021"},
		})
		one(t, l, catalog.S3Requests(r, "tier1"), catalog.OnDemandTerm, "0.000005", "Requests")
		one(t, l, catalog.S3Requests(r, "tier2"), catalog.OnDemandTerm, "0.0000004", "Requests")
	})
}

var allFixtures = []string{
	"cloudfront", "cloudwatch-us-east-1", "datatransfer-us-east-1", "ec2-locations", "ec2-us-east-1",
	"elasticache-us-east-1", "elb-us-east-1", "rds-us-east-1", "s3-us-east-1", "vpc-us-east-1",
}

func TestCSVMatchesJSON(t *testing.T) {
	for _, name := range allFixtures {
		t.Run(name, func(t *testing.T) {
			lj, sj := importLayer(t, fixture(name+".json"))
			lc, sc := importLayer(t, fixture(name+".csv"))
			if !reflect.DeepEqual(lj.Prices, lc.Prices) {
				t.Errorf("prices differ between JSON and CSV")
				for i := range min(len(lj.Prices), len(lc.Prices)) {
					if !reflect.DeepEqual(lj.Prices[i], lc.Prices[i]) {
						t.Logf("first difference:\njson %+v\ncsv  %+v", lj.Prices[i], lc.Prices[i])
						break
					}
				}
			}
			if !reflect.DeepEqual(lj.Offers, lc.Offers) || lj.AsOf != lc.AsOf {
				t.Errorf("offers differ: %+v vs %+v", lj.Offers, lc.Offers)
			}
			if sj.Products != sc.Products || sj.Prices != sc.Prices || !reflect.DeepEqual(sj.Skipped, sc.Skipped) {
				t.Errorf("summaries differ: %+v vs %+v", sj, sc)
			}
		})
	}
}

// TestStreamingWindow feeds the parser one byte per read, so every token
// straddles a refill at some point; the result must not change.
func TestStreamingWindow(t *testing.T) {
	for _, name := range []string{"ec2-us-east-1.json", "rds-us-east-1.json", "cloudfront.json"} {
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(fixture(name))
			if err != nil {
				t.Fatal(err)
			}
			whole := newBuilder()
			whole.startFile(name)
			if err := parseJSON(context.Background(), bytes.NewReader(data), whole); err != nil {
				t.Fatal(err)
			}
			bytewise := newBuilder()
			bytewise.startFile(name)
			if err := parseJSON(context.Background(), iotest.OneByteReader(bytes.NewReader(data)), bytewise); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(whole.prices, bytewise.prices) || len(whole.prices) == 0 {
				t.Errorf("one-byte reads changed the result: %d vs %d prices", len(whole.prices), len(bytewise.prices))
			}
		})
	}
}

func TestScannerLongTokensAndEscapes(t *testing.T) {
	long := strings.Repeat("x", 3*scanWindow) // longer than the window: it must grow
	doc := `{"a" : "` + long + `", "b\"q" : "tab\there \u00e9 \\", "n" : [1, {"x" : "]"}, -2.5e3, null], "t" : true}`
	s := newScanner(context.Background(), strings.NewReader(doc))
	got := map[string]string{}
	err := s.object(func(k []byte) error {
		key := string(k)
		if key == "n" {
			got[key] = "skipped"
			return s.skip()
		}
		v, err := s.scalar()
		got[key] = string(v)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"a": long, `b"q`: "tab\there é \\", "n": "skipped", "t": "true"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q", got)
	}
}

func TestImportErrors(t *testing.T) {
	ec2, err := os.ReadFile(fixture("ec2-us-east-1.json"))
	if err != nil {
		t.Fatal(err)
	}
	csvData, err := os.ReadFile(fixture("elb-us-east-1.csv"))
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name, content string
		want          []string // substrings of the one error
	}{
		{"empty.json", "", []string{"empty.json", "file is empty"}},
		{"truncated.json", string(ec2[:len(ec2)/2]), []string{"truncated.json", "malformed JSON at line 613 (byte 21030): unterminated string"}},
		{"badprice.json", strings.Replace(string(ec2), `"USD" : "0.0104000000"`, `"USD" : "cheap"`, 1),
			[]string{"badprice.json", "sku DQ578CGN99KG6ECF", "pricePerUnit.USD", `"cheap"`, "decimal"}},
		{"nodate.json", strings.Replace(string(ec2), `"publicationDate" : "2026-09-25T17:45:21Z"`, `"publicationDate" : "soon"`, 1),
			[]string{"nodate.json", "publicationDate", "RFC 3339"}},
		{"termsfirst.json", `{"formatVersion":"v1.0","offerCode":"AmazonEC2","version":"1","publicationDate":"2026-01-01T00:00:00Z","terms":{},"products":{}}`,
			[]string{"termsfirst.json", "terms comes before products"}},
		{"format.json", strings.Replace(string(ec2), `"v1.0"`, `"v2.0"`, 1), []string{"format.json", "formatVersion", "v1.0"}},
		{"nocol.csv", strings.Replace(string(csvData), `"PricePerUnit",`, `"Price",`, 1), []string{"nocol.csv", `"PricePerUnit"`}},
		{"noheader.csv", "\"FormatVersion\",\"v1.0\"\n\"a\",\"b\"\n", []string{"noheader.csv", `"SKU"`}},
		{"nothing.json", `{"formatVersion":"v1.0","offerCode":"AmazonSES","version":"1","publicationDate":"2026-01-01T00:00:00Z","products":{},"terms":{}}`,
			[]string{"no prices kept"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			in := filepath.Join(dir, c.name)
			if err := os.WriteFile(in, []byte(c.content), 0o644); err != nil {
				t.Fatal(err)
			}
			out := filepath.Join(dir, "layer.json")
			if err := os.WriteFile(out, []byte("previous layer"), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := Import(context.Background(), []string{in}, out, Options{})
			if err == nil {
				t.Fatal("want an error")
			}
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not mention %q", err, w)
				}
			}
			// The old layer is untouched and no temp file is left behind.
			if got, _ := os.ReadFile(out); string(got) != "previous layer" {
				t.Errorf("out was modified: %q", got)
			}
			if entries, _ := os.ReadDir(dir); len(entries) != 2 {
				t.Errorf("dir has %d entries, want the input and the old layer only", len(entries))
			}
		})
	}
}

func TestProgressAndClock(t *testing.T) {
	in := fixture("ec2-us-east-1.json")
	fi, err := os.Stat(in)
	if err != nil {
		t.Fatal(err)
	}
	var last Progress
	calls := 0
	clock := []time.Time{time.Date(2026, 10, 1, 12, 0, 0, 0, time.UTC), time.Date(2026, 10, 1, 12, 0, 3, 0, time.UTC)}
	sum, err := Import(context.Background(), []string{in}, filepath.Join(t.TempDir(), "l.json"), Options{
		Progress: func(p Progress) { last = p; calls++ },
		Now:      func() time.Time { t := clock[0]; clock = clock[1:]; return t },
	})
	if err != nil {
		t.Fatal(err)
	}
	if calls == 0 || last.BytesRead != fi.Size() || last.TotalBytes != fi.Size() || last.File != in {
		t.Errorf("last progress = %+v after %d calls, want %d of %d bytes", last, calls, fi.Size(), fi.Size())
	}
	if last.Products != 25 || last.Prices != 17 {
		t.Errorf("last progress counts = %d products %d prices, want 25 and 17", last.Products, last.Prices)
	}
	if sum.Duration != 3*time.Second {
		t.Errorf("duration = %v, want 3s from the injected clock", sum.Duration)
	}
}

func TestImportCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := Import(ctx, []string{fixture("ec2-us-east-1.json")}, filepath.Join(t.TempDir(), "l.json"), Options{})
	if err == nil || !strings.Contains(err.Error(), "context canceled") {
		t.Errorf("err = %v, want context canceled", err)
	}
}

// TestGoldenLayer pins the layer file written for all fixtures together.
func TestGoldenLayer(t *testing.T) {
	var files []string
	for _, n := range allFixtures {
		files = append(files, fixture(n+".json"))
	}
	dir := t.TempDir()
	out := filepath.Join(dir, "layer.json")
	if _, err := Import(context.Background(), files, out, Options{}); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	// The layer is named after its path; make it stable.
	got = bytes.ReplaceAll(got, []byte(strings.ReplaceAll(dir, `\`, `\\`)), []byte("$TMP"))
	got = bytes.ReplaceAll(got, []byte(filepath.ToSlash(offersDir)), []byte("testdata/offers"))
	golden.Assert(t, filepath.Join("testdata", "layer-all.golden.json"), got)
}

// A dashboard is listed with location "Any"; it takes the offer's region,
// and is skipped when the offer spans several regions.
func TestAccountWideDashboard(t *testing.T) {
	const head = `{"formatVersion":"v1.0","offerCode":"AmazonCloudWatch","version":"1","publicationDate":"2026-09-16T00:00:00Z","products":{`
	product := func(sku, loc, usage string) string {
		return `"` + sku + `":{"sku":"` + sku + `","productFamily":"x","attributes":{"servicecode":"AmazonCloudWatch","location":"` + loc + `","usagetype":"` + usage + `"}}`
	}
	term := func(sku, usd string) string {
		return `"` + sku + `":{"` + sku + `.T":{"priceDimensions":{"` + sku + `.T.R":{"unit":"u","beginRange":"0","endRange":"Inf","pricePerUnit":{"USD":"` + usd + `"}}},"termAttributes":{}}}`
	}
	cases := []struct {
		name    string
		body    string
		region  string // "" when the dashboard must be skipped
		skipped int
	}{
		{"one region", product("A", "EU (Ireland)", "EU-CW:AlarmMonitorUsage") + "," + product("D", "Any", "DashboardsUsageHour") +
			`},"terms":{"OnDemand":{` + term("A", "0.10") + "," + term("D", "3.00") + `}}}`, "eu-west-1", 0},
		{"two regions", product("A", "EU (Ireland)", "EU-CW:AlarmMonitorUsage") + "," + product("B", "US West (Oregon)", "USW2-CW:AlarmMonitorUsage") + "," + product("D", "Any", "DashboardsUsageHour") +
			`},"terms":{"OnDemand":{` + term("A", "0.10") + "," + term("B", "0.10") + "," + term("D", "3.00") + `}}}`, "", 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in := filepath.Join(t.TempDir(), "cw.json")
			if err := os.WriteFile(in, []byte(head+c.body), 0o644); err != nil {
				t.Fatal(err)
			}
			l, sum := importLayer(t, in)
			if c.region != "" {
				one(t, l, catalog.CloudWatchDashboard(c.region), catalog.OnDemandTerm, "3.00", "u")
			}
			if got := sum.Skipped["account-wide price in an offer without a single region"]; got != c.skipped {
				t.Errorf("skipped account-wide = %d, want %d", got, c.skipped)
			}
		})
	}
}
