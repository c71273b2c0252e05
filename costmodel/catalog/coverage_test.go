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
	// (RIs and tiers share a product).
	want := map[string][2]int{ // family: {embedded products, union}
		FamilyEC2:         {22, 23}, // 20 types (A:2..21) + SKY c6g.large/xlarge (R:214, R:224); overlay adds z9.huge
		FamilyEBS:         {5, 5},   // gp2, gp3, gp3 IOPS, gp3 throughput, snapshot
		FamilyNAT:         {2, 2},
		FamilyPublicIPv4:  {1, 1},
		FamilyALB:         {2, 2},
		FamilyNLB:         {2, 2},
		FamilyRDS:         {45, 45}, // 11 classes x 2 engines x 2 deployments + MySQL db.t3.large Multi-AZ (RI only, A:142)
		FamilyRDSStorage:  {11, 11}, // gp2/gp3/io1/io2 x 2 + gp3 IOPS x 2 + backup
		FamilyAurora:      {5, 5},   // 2 instances, storage, I/O, backup
		FamilyElastiCache: {31, 31}, // 10 nodes x 3 engines + backup
		FamilyCloudFront:  {7, 7},   // data out US+EU, to-origin US, requests 2 x 2
		FamilyTransfer:    {2, 2},   // internet out, inter-AZ
		FamilyCloudWatch:  {5, 5},   // ingest, storage, metric, alarm x 2 (no dashboard)
		FamilyS3:          {3, 3},
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

func TestCoverageOtherRegion(t *testing.T) {
	rows := Coverage(Default(), "ap-southeast-1")
	got := map[string]int{}
	for _, r := range rows {
		got[r.Family] = r.Products
	}
	// SKY: 20 required types + c6g.xlarge (R); CO RDS: 44; CloudFront is global (7);
	// nothing else in the references for ap-southeast-1.
	want := map[string]int{FamilyEC2: 21, FamilyRDS: 44, FamilyCloudFront: 7, FamilyNAT: 0, FamilyALB: 0, FamilyS3: 0}
	for f, n := range want {
		if got[f] != n {
			t.Errorf("%s = %d, want %d", f, got[f], n)
		}
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
