package pricing

import (
	"github.com/shopspring/decimal"
	"github.com/tiercost/tiercost/costmodel/resource"
	"github.com/tiercost/tiercost/costmodel/usage"
)

var _ = register(resourceType{
	Types:   []string{"aws:elasticache/cluster:Cluster"},
	Service: serviceElastiCache,
	Usage:   []usage.Key{cacheSnapshotKey},
	Price:   priceCacheCluster,
})

// priceCacheCluster prices aws:elasticache/cluster:Cluster: numCacheNodes
// (default 1) nodes. A cluster inside a replication group is free here:
// the group prices its nodes.
func priceCacheCluster(p *run, rec *resource.Record, rc *ResourceCost) error {
	in := p.in(rec)
	if rg := in.text("replicationGroupId"); rg != "" {
		rc.Status = StatusFree
		rc.Metadata = map[string]string{"note": "counted in its replication group " + rg}
		return nil
	}
	nodes, src := decimal.NewFromInt(1), SourceDefault
	if n, ok := in.count("numCacheNodes"); ok {
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
