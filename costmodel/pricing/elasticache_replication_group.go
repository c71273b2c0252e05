package pricing

import (
	"fmt"
	"strings"

	"github.com/shopspring/decimal"
	"github.com/tiercost/tiercost/costmodel/catalog"
	"github.com/tiercost/tiercost/costmodel/resource"
	"github.com/tiercost/tiercost/costmodel/usage"
)

var _ = register(resourceType{
	Types:   []string{"aws:elasticache/replicationGroup:ReplicationGroup"},
	Service: serviceElastiCache,
	Usage:   []usage.Key{cacheSnapshotKey},
	Price:   priceReplicationGroup,
})

// cacheSnapshotKey is the usage key cacheLines reads, for groups and
// clusters alike.
var cacheSnapshotKey = usage.Key{Name: "snapshot_storage_gb", Unit: "GB", Description: "snapshot storage beyond the free one-snapshot allowance"}

// cacheEngine maps an engine input to the Price List's cacheEngine
// (default redis, as AWS's).
func cacheEngine(engine string) string {
	switch strings.ToLower(engine) {
	case "", "redis":
		return catalog.CacheRedis
	case "valkey":
		return catalog.CacheValkey
	case "memcached":
		return catalog.CacheMemcached
	}
	return engine
}

// cacheLines prices nodes × 730 node-hours and snapshot storage (usage).
func (p *run) cacheLines(rec *resource.Record, nodeType, engine string, nodes decimal.Decimal, nodesSrc string) ([]CostComponent, error) {
	term := p.opts.Purchase.Cache
	c, err := p.hoursLine(rec, nodeType, line{
		name: fmt.Sprintf("ElastiCache (%s, %s, %s)", termLabel(term), nodeType, engine), unit: "node-hours",
		qty: nodes.Mul(fullMonth()), key: catalog.ElastiCacheNode(p.region, nodeType, engine), term: term, source: nodesSrc,
	})
	if err != nil {
		return nil, err
	}
	snap, src := p.usageQty(p.usageFor(*rec), cacheSnapshotKey.Name)
	return []CostComponent{c, p.price(line{
		name: "Snapshot storage (beyond one free snapshot)", unit: "GB-months", qty: snap,
		key: catalog.ElastiCacheBackup(p.region), usage: true, source: src,
	})}, nil
}

// clusterModeEnabled reads clusterMode: "enabled" in pulumi-aws v6. Before
// v6 it was a block (an object), read as before: not "enabled".
func clusterModeEnabled(in inputs) bool {
	if v, ok := in.value("clusterMode"); ok {
		if _, isBlock := v.(map[string]any); isBlock {
			return false
		}
	}
	return in.text("clusterMode") == "enabled"
}

// priceReplicationGroup prices aws:elasticache/replicationGroup:
// ReplicationGroup. Nodes = numNodeGroups × (replicasPerNodeGroup + 1) in
// cluster mode (either of those inputs set, or clusterMode "enabled"),
// else numCacheClusters (default 1).
func priceReplicationGroup(p *run, rec *resource.Record, rc *ResourceCost) error {
	in := p.in(rec)
	groups, hasGroups := in.count("numNodeGroups")
	replicas, hasReplicas := in.count("replicasPerNodeGroup")
	nodes, src := decimal.NewFromInt(1), SourceDefault
	if hasGroups || hasReplicas || clusterModeEnabled(in) {
		if !hasGroups {
			groups = decimal.NewFromInt(1)
		}
		nodes, src = groups.Mul(replicas.Add(decimal.NewFromInt(1))), SourceSpec
	} else if n, ok := in.count("numCacheClusters"); ok {
		nodes, src = n, SourceSpec
	}
	engine, nodeType := cacheEngine(in.text("engine")), in.text("nodeType")
	comps, err := p.cacheLines(rec, nodeType, engine, nodes, src)
	if err != nil {
		return err
	}
	rc.Components = comps
	rc.Metadata = map[string]string{"engine": engine, "node_type": nodeType, "nodes": nodes.String()}
	return nil
}
