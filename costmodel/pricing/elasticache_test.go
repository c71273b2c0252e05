package pricing

import (
	"testing"

	"github.com/tiercost/tiercost/costmodel/catalog"
	"github.com/tiercost/tiercost/costmodel/resource"
)

const (
	rgType        = "aws:elasticache/replicationGroup:ReplicationGroup"
	cacheClusType = "aws:elasticache/cluster:Cluster"
)

func TestElastiCache(t *testing.T) {
	runCases(t, []pricerCase{
		{
			name: "cluster mode: shards × (replicas + 1)",
			recs: []resource.Record{rec(rgType, "cache", map[string]any{"engine": "redis", "nodeType": "cache.t4g.small",
				"numNodeGroups": 2.0, "replicasPerNodeGroup": 2.0})},
			// 2 × (2 + 1) = 6 nodes × 730 = 4,380 node-h × 0.032 = $140.16
			want: []want{{"cache", "ElastiCache (on-demand, cache.t4g.small, Redis)", "4380", "140.16"}},
		},
		{
			name: "numCacheClusters, Valkey",
			recs: []resource.Record{rec(rgType, "cache", map[string]any{"engine": "valkey", "nodeType": "cache.t4g.small", "numCacheClusters": 2.0})},
			// 2 × 730 = 1,460 × 0.0256 = $37.376
			want: []want{{"cache", "ElastiCache (on-demand, cache.t4g.small, Valkey)", "1460", "37.376"}},
		},
		{
			name:  "defaults: one Redis node; snapshot storage from usage",
			recs:  []resource.Record{rec(rgType, "cache", map[string]any{"nodeType": "cache.t3.micro"})},
			usage: usageOf(map[string]map[string]string{"cache": {"snapshot_storage_gb": "10"}}),
			want: []want{
				{"cache", "ElastiCache (on-demand, cache.t3.micro, Redis)", "730", "12.41"}, // 730 × 0.017
				{"cache", "Snapshot storage (beyond one free snapshot)", "10", "0.85"},      // 10 × 0.085
			},
		},
		{
			name: "member cluster of a group is free; memcached is not in the reference",
			recs: []resource.Record{
				rec(cacheClusType, "member", map[string]any{"replicationGroupId": "cache"}),
				rec(cacheClusType, "mc", map[string]any{"engine": "memcached", "nodeType": "cache.t3.micro", "numCacheNodes": 2.0}),
			},
			want:   []want{{"mc", "ElastiCache (on-demand, cache.t3.micro, Memcached)", "1460", "notfound"}},
			status: map[string]string{"member": StatusFree, "mc": StatusPriced},
		},
		{
			name:     "reserved cache nodes",
			recs:     []resource.Record{rec(rgType, "cache", map[string]any{"nodeType": "cache.t4g.small"})},
			purchase: PurchaseOptions{Cache: catalog.Term{Kind: catalog.Reserved, Length: "1yr", Class: "standard", Payment: "No Upfront"}},
			// 730 × 0.022 = $16.06
			want: []want{{"cache", "ElastiCache (reserved 1yr standard no upfront, cache.t4g.small, Redis)", "730", "16.06"}},
		},
	})
}
