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
	Numeric: []numericInput{wholeInput("numCacheNodes")},
	Price:   priceCacheCluster,
})

// priceCacheCluster prices aws:elasticache/cluster:Cluster: numCacheNodes
// (default 1) nodes. A cluster inside a replication group is free here:
// the group prices its nodes.
func priceCacheCluster(p *run, rec *resource.Record, rc *ResourceCost) error {
	if rg := rec.String("replicationGroupId"); rg != "" {
		rc.Status = StatusFree
		rc.Metadata = map[string]string{"note": "counted in its replication group " + rg}
		return nil
	}
	nodes, src := decimal.NewFromInt(1), SourceDefault
	if n, ok := num(rec, "numCacheNodes"); ok {
		nodes, src = n, SourceSpec
	}
	engine := cacheEngine(rec.String("engine"))
	comps, err := p.cacheLines(rec, rec.String("nodeType"), engine, nodes, src)
	if err != nil {
		return err
	}
	rc.Components = comps
	rc.Metadata = map[string]string{"engine": engine, "node_type": rec.String("nodeType"), "nodes": nodes.String()}
	return nil
}
