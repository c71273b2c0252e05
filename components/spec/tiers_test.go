package spec

import (
	"strings"
	"testing"
)

func TestTierUsers(t *testing.T) {
	tests := []struct {
		tier string
		want float64
	}{{"1k", 1_000}, {"10k", 10_000}, {"100k", 100_000}, {"1m", 1_000_000}}
	for _, tt := range tests {
		if got, err := TierUsers(tt.tier); got != tt.want || err != nil {
			t.Errorf("TierUsers(%q) = %v, %v; want %v", tt.tier, got, err, tt.want)
		}
	}
	if _, err := TierUsers("10m"); err == nil || !strings.Contains(err.Error(), "1k, 10k, 100k, 1m") {
		t.Errorf("unknown tier error = %v; want the allowed list", err)
	}
}

// priced lists the types present in shared/reference/aws-prices.csv
// (checked by hand), so every default can be priced.
var priced = map[string]bool{
	"t4g.small": true, "c7g.large": true,
	"db.t4g.micro": true, "db.t4g.medium": true, "db.r6g.large": true, "db.r6g.xlarge": true,
	"cache.t4g.micro": true, "cache.m6g.large": true, "cache.r6g.large": true,
}

func TestDefaultSpec(t *testing.T) {
	type row struct {
		azs              int
		nat              string
		cdn, cache       bool
		dbMultiAZ        bool
		replicas, shards int
		cacheShards      int
		clusterMode      bool
		min, max         int
		policies, alarms bool
		dashboard        bool
	}
	tests := map[string]row{
		"1k":   {2, NATSingle, false, false, false, 0, 1, 1, false, 1, 2, false, false, false},
		"10k":  {2, NATSingle, true, true, false, 0, 1, 1, false, 2, 4, false, false, false},
		"100k": {3, NATPerAZ, true, true, true, 1, 1, 1, false, 3, 10, true, true, false},
		"1m":   {3, NATPerAZ, true, true, true, 2, 1, 3, true, 6, 24, true, true, true},
	}
	prevUsers := 0.0
	for _, tier := range Tiers {
		s, err := DefaultSpec(tier)
		if err != nil {
			t.Fatalf("%s: %v", tier, err)
		}
		if err := s.Validate(); err != nil {
			t.Errorf("%s: default spec invalid: %v", tier, err)
		}
		w := tests[tier]
		got := row{s.Network.AZCount, s.Network.NATMode, s.CDN.Enabled, s.Cache.Enabled, s.Database.MultiAZ,
			s.Database.ReadReplicas, s.Database.Shards, s.Cache.Shards, s.Cache.ClusterMode,
			s.Compute.MinSize, s.Compute.MaxSize, s.Compute.ScalingPolicies, s.Observability.Alarms, s.Observability.Dashboard}
		if got != w {
			t.Errorf("%s: got %+v\nwant %+v", tier, got, w)
		}
		for _, typ := range []string{s.Compute.InstanceType, s.Database.InstanceClass, s.Cache.NodeType} {
			if !priced[typ] {
				t.Errorf("%s: %s is not in the reference price list", tier, typ)
			}
		}
		if s.Tier != tier {
			t.Errorf("%s: Tier = %q", tier, s.Tier)
		}
		users, _ := TierUsers(tier)
		if users <= prevUsers {
			t.Errorf("Tiers not in ascending order at %s", tier)
		}
		prevUsers = users
	}
	if _, err := DefaultSpec("2k"); err == nil {
		t.Error("DefaultSpec(2k) accepted")
	}
}
