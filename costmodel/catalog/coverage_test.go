package catalog

import (
	"testing"
	"time"
)

func TestCoverageUSEast1(t *testing.T) {
	overlay := &Layer{Name: "overlay.json", AsOf: "2026-10-01", Prices: []Price{
		{Product: EC2Instance(use1, "t3.micro"), Term: OnDemandTerm, Unit: "Hrs", USD: ref("0.0104"), Source: "o", AsOf: "2026-10-01"},
		{Product: EC2Instance(use1, "z9.huge"), Term: OnDemandTerm, Unit: "Hrs", USD: ref("9"), Source: "o", AsOf: "2026-10-01"},
		{Product: EC2Instance(euw1, "t3.micro"), Term: OnDemandTerm, Unit: "Hrs", USD: ref("0.0114"), Source: "o", AsOf: "2026-10-01"},
	}}
	c := New(overlay, Embedded())
	rows := Coverage(c, use1)
	// Embedded counts by hand from the seed rules: products, not prices
	// (RIs and tiers share a product). A = aws-prices.csv, R =
	// regional/prices-regional.csv, F = focus_sample.csv line.
	want := map[string][2]int{ // family: {embedded products, union}
		// 20 types (A:2..21) + SKY c6g.large/xlarge (R:214, R:224) + FOCUS c5.large (F:196),
		// c5.2xlarge (F:22), c5.4xlarge (F:896), g3.4xlarge (F:188), g5.4xlarge (F:314),
		// m4.10xlarge (F:202); the overlay adds z9.huge.
		FamilyEC2:         {28, 29},
		FamilyEBS:         {5, 5}, // gp2, gp3, gp3 IOPS, gp3 throughput, snapshot
		FamilyNAT:         {2, 2},
		FamilyPublicIPv4:  {1, 1},
		FamilyALB:         {2, 2},
		FamilyNLB:         {2, 2},
		FamilyRDS:         {45, 45}, // 11 classes x 2 engines x 2 deployments + MySQL db.t3.large Multi-AZ (RI only, A:142)
		FamilyRDSStorage:  {11, 11}, // gp2/gp3/io1/io2 x 2 + gp3 IOPS x 2 + backup
		FamilyAurora:      {5, 5},   // 2 instances, storage, I/O, backup
		FamilyElastiCache: {31, 31}, // 10 nodes x 3 engines + backup
		// Data out US + EU; to origin US, EU, Japan, Asia, Australia, South America and
		// South Africa + Middle East from one geography (A:294, A:362, A:365, A:367,
		// A:369, A:372, A:371); HTTP/HTTPS requests US + EU: 2 + 8 + 4.
		FamilyCloudFront: {14, 14},
		FamilyTransfer:   {2, 2}, // internet out, inter-AZ
		FamilyCloudWatch: {6, 6}, // ingest, storage, metric, alarm x 2, dashboard (A:361)
		FamilyS3:         {3, 3},
		// Security, DNS and messaging from data/extra-sources.csv (X) and the
		// FOCUS sample: endpoint hours (A:334) and data (A:335 + X:23, X:24);
		// WAF web ACL, rule, requests (X:8..10); KMS key, requests (X:17, X:18);
		// secret, requests (X:19, X:20); SNS requests, e-mail (X:13..16);
		// Route 53 zone (X:11) and queries (F:593 + X:12), global.
		FamilyEndpoints: {2, 2},
		FamilyWAF:       {3, 3},
		FamilyKMS:       {2, 2},
		FamilySecrets:   {2, 2},
		FamilySNS:       {2, 2},
		FamilyRoute53:   {2, 2},
	}
	if len(rows) != len(Families) {
		t.Fatalf("%d rows, want %d", len(rows), len(Families))
	}
	for i, r := range rows {
		if r.Family != Families[i] {
			t.Errorf("row %d family %q, want %q", i, r.Family, Families[i])
		}
		w := want[r.Family]
		if len(r.Layers) != 2 || r.Layers[0].Layer != "overlay.json" || r.Layers[1].Layer != EmbeddedName {
			t.Fatalf("%s layers = %+v", r.Family, r.Layers)
		}
		if r.Layers[1].Products != w[0] || r.Products != w[1] {
			t.Errorf("%s: embedded %d, total %d; want %d, %d", r.Family, r.Layers[1].Products, r.Products, w[0], w[1])
		}
	}
	if rows[0].Layers[0].Products != 2 {
		t.Errorf("overlay EC2 in us-east-1 = %d, want 2 (eu-west-1 row excluded)", rows[0].Layers[0].Products)
	}
}

func TestCoverageOtherRegions(t *testing.T) {
	// Products per family, counted by hand from the references (A =
	// aws-prices.csv, R = regional/prices-regional.csv, F = FOCUS sample line).
	// Every region has CloudFront's 14 global products (see TestCoverageUSEast1),
	// the 11 CO RDS classes x 2 engines x 2 deployments = 44, and, for EC2, the
	// 20 required SKY types unless said otherwise.
	tests := []struct {
		region string
		want   map[string]int
	}{
		{euw1, map[string]int{
			FamilyEC2:         22, // 20 SKY + c6g.xlarge (SKY) + m5.large (A:67)
			FamilyEBS:         4,  // gp2 (R:828), gp3, gp3 IOPS, gp3 throughput (A:78..80, weak)
			FamilyNAT:         2,  // A:330, A:331 (weak)
			FamilyPublicIPv4:  0,  // R: only a [weak]...[LOW] row
			FamilyALB:         0,  // A:250 is [derived]; R: not found
			FamilyNLB:         2,  // hour R:834, LCU R:835
			FamilyRDS:         44,
			FamilyRDSStorage:  2, // gp2 Multi-AZ (R:829), backup (R:868)
			FamilyAurora:      0,
			FamilyElastiCache: 33, // (10 types of A section 4 + m7g.large from R) x Redis/Valkey/Memcached
			FamilyCloudFront:  14,
			FamilyTransfer:    2, // internet out (A:305..308), inter-AZ (A:309)
			FamilyCloudWatch:  2, // ingest (R:831), storage (R:832)
			FamilyS3:          0,
			FamilyRoute53:     2, // global: zone X:11, queries F:593 + X:12
		}},
		{usw2, map[string]int{
			// 18 SKY (no c6i.xlarge/2xlarge) + c6g.large/xlarge + FOCUS t2.medium (F:25),
			// c5.xlarge (F:858), m7i-flex.xlarge (F:600).
			FamilyEC2:         23,
			FamilyEBS:         6, // gp3 F:134, gp2 F:157, magnetic F:116, IOPS F:26, throughput F:608, snapshot F:23
			FamilyNAT:         2, // F:221, F:24
			FamilyPublicIPv4:  1, // F:73
			FamilyALB:         2, // F:57, F:3
			FamilyNLB:         0, // F:151 "$0.025 per LoadBalancer-hour" is the Classic load balancer
			FamilyRDS:         44,
			FamilyRDSStorage:  0,
			FamilyAurora:      1,  // storage F:249
			FamilyElastiCache: 33, // as eu-west-1
			FamilyCloudFront:  14,
			FamilyTransfer:    2, // A:311..315
			FamilyCloudWatch:  4, // ingest R:874, storage F:44, metric F:598, alarm F:240
			FamilyS3:          2, // requests F:357, F:499; storage has only its first tier (F:873)
			FamilyWAF:         1, // web ACL F:749
			FamilyKMS:         1, // key F:77
			FamilyRoute53:     2,
		}},
		{euc1, map[string]int{
			FamilyEC2:         21, // 20 SKY + c6g.xlarge
			FamilyEBS:         4,  // gp3 F:288, gp2 F:40, IOPS F:356, throughput F:470
			FamilyNAT:         0,
			FamilyPublicIPv4:  1, // idle EIP R:837, standing in for the in-use rate
			FamilyALB:         0,
			FamilyNLB:         1, // LCU F:6; F:94 is the Classic load balancer hour
			FamilyRDS:         44,
			FamilyRDSStorage:  0,
			FamilyAurora:      0,
			FamilyElastiCache: 12, // 4 LC node types x 3 engines
			FamilyCloudFront:  14,
			FamilyTransfer:    2, // R:851..855
			FamilyCloudWatch:  0, // F:893 is vended logs, not the custom-log rate
			FamilyS3:          0,
			FamilyKMS:         1, // key F:233
			FamilyRoute53:     2,
		}},
		{apse, map[string]int{
			FamilyEC2:         21,
			FamilyEBS:         3, // gp3 R:865, gp2 F:845, snapshot F:267
			FamilyNAT:         2, // R:863, R:864
			FamilyPublicIPv4:  1, // R:869
			FamilyALB:         1, // hour R:871; the LCU row is [LOW]
			FamilyNLB:         0,
			FamilyRDS:         44,
			FamilyRDSStorage:  2, // gp3 Single-AZ R:866, gp2 Multi-AZ R:867
			FamilyAurora:      0,
			FamilyElastiCache: 12,
			FamilyCloudFront:  14,
			FamilyTransfer:    2, // R:857..860, R:875
			FamilyCloudWatch:  2, // ingest R:873, metric R:872
			FamilyS3:          0,
			FamilyRoute53:     2,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.region, func(t *testing.T) {
			rows := Coverage(Default(), tt.region)
			if len(rows) != len(Families) {
				t.Fatalf("%d families, want %d", len(rows), len(Families))
			}
			for _, r := range rows {
				// A family not listed has no products in the region.
				if w := tt.want[r.Family]; r.Products != w {
					t.Errorf("%s = %d, want %d", r.Family, r.Products, w)
				}
			}
		})
	}
}

func TestAge(t *testing.T) {
	newer := &Layer{Name: "new.json", AsOf: "2026-10-01"}
	tests := []struct {
		name       string
		c          *Catalog
		now        time.Time
		wantDays   int
		wantOldest string
	}{
		// 2024-07-01 to 2024-09-29: 31 (to Aug 1) + 31 (to Sep 1) + 28 = 90 days.
		{"embedded at 90 days", Default(), time.Date(2024, 9, 29, 23, 59, 0, 0, time.UTC), 90, "2024-07-01"},
		{"embedded at 91 days", Default(), time.Date(2024, 9, 30, 0, 0, 1, 0, time.UTC), 91, "2024-07-01"},
		// The oldest layer decides, whatever the order.
		{"overlay does not hide embedded age", New(newer, Embedded()), time.Date(2024, 7, 2, 12, 0, 0, 0, time.UTC), 1, "2024-07-01"},
		// 01:00 at UTC+3 on 2026-11-27 is 2026-11-26 in UTC: 31 (to Nov 1) + 25 = 56 days.
		{"overlay alone", New(newer), time.Date(2026, 11, 27, 1, 0, 0, 0, time.FixedZone("X", 3*3600)), 56, "2026-10-01"},
		{"no dates", New(&Layer{Name: "x"}), time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), -1, ""},
	}
	for _, tt := range tests {
		days, oldest := Age(tt.c, tt.now)
		if days != tt.wantDays || oldest != tt.wantOldest {
			t.Errorf("%s: Age = %d, %q; want %d, %q", tt.name, days, oldest, tt.wantDays, tt.wantOldest)
		}
	}
}

func TestStale(t *testing.T) {
	// Embedded AsOf 2024-07-01: day 90 is 2024-09-29 (see TestAge), day 91 the next.
	tests := []struct {
		now  time.Time
		want bool
	}{
		{time.Date(2024, 9, 29, 0, 0, 0, 0, time.UTC), false},
		{time.Date(2024, 9, 30, 0, 0, 0, 0, time.UTC), true},
		{time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC), true},
	}
	for _, tt := range tests {
		if got, days, _ := Stale(Default(), tt.now); got != tt.want {
			t.Errorf("%s: stale = %v (%d days), want %v", tt.now.Format(time.DateOnly), got, days, tt.want)
		}
	}
	if stale, _, _ := Stale(New(&Layer{Name: "x"}), time.Now()); stale {
		t.Error("a catalog with no dates is reported stale")
	}
}
