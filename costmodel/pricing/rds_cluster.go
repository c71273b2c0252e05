package pricing

import (
	"fmt"

	"github.com/tiercost/tiercost/costmodel/catalog"
	"github.com/tiercost/tiercost/costmodel/resource"
	"github.com/tiercost/tiercost/costmodel/usage"
)

const rdsClusterType = "aws:rds/cluster:Cluster"

var _ = register(resourceType{
	Types:   []string{rdsClusterType},
	Service: serviceRDS,
	Usage: []usage.Key{
		{Name: "storage_gb", Unit: "GB", Description: "average Aurora cluster storage"},
		{Name: "monthly_io_requests", Unit: "requests/month", Description: "Aurora Standard I/O requests"},
		{Name: "backup_storage_gb", Unit: "GB", Description: "backup storage beyond the free allowance"},
	},
	Price: priceRDSCluster,
})

// A cluster instance takes its engine from its cluster when it sets none.
var _ = register(resourceType{
	Types:      []string{"aws:rds/clusterInstance:ClusterInstance"},
	Service:    serviceRDS,
	References: []string{rdsClusterType},
	Price:      priceRDSClusterInstance,
})

// priceRDSCluster prices an Aurora aws:rds/cluster:Cluster: storage (usage
// storage_gb), I/O requests (Aurora Standard only; usage
// monthly_io_requests) and backup storage (usage backup_storage_gb). Its
// instances are ClusterInstance records. Non-Aurora (Multi-AZ DB) clusters
// are unsupported.
func priceRDSCluster(p *run, rec *resource.Record, rc *ResourceCost) error {
	in := p.in(rec)
	engineIn := in.text("engine")
	engine := engineName(engineIn)
	if engine != catalog.EngineAuroraPostgreSQL && engine != catalog.EngineAuroraMySQL {
		rc.Status = StatusUnsupported
		rc.Metadata = map[string]string{"engine": engineIn, "note": "only Aurora clusters are priced"}
		return nil
	}
	vals := p.usageFor(*rec)
	storageKind, label := "aurora", "Aurora Standard"
	if in.text("storageType") == "aurora-iopt1" {
		storageKind, label = "aurora-iopt", "Aurora I/O-Optimized"
	}
	gb, src := p.usageQty(vals, "storage_gb")
	rc.Components = append(rc.Components, p.price(line{
		name: fmt.Sprintf("Storage (%s)", label), unit: "GB-months", qty: gb,
		key: catalog.RDSStorage(p.region, storageKind, catalog.SingleAZ), usage: true, source: src,
	}))
	if storageKind == "aurora" {
		ios, src := p.usageQty(vals, "monthly_io_requests")
		rc.Components = append(rc.Components, p.price(line{
			name: "I/O requests", unit: "requests", qty: ios, key: catalog.AuroraIO(p.region), usage: true, source: src,
		}))
	}
	backup, bsrc := p.usageQty(vals, "backup_storage_gb")
	rc.Components = append(rc.Components, p.price(line{
		name: "Backup storage (beyond free allowance)", unit: "GB-months", qty: backup,
		key: catalog.RDSBackup(p.region, "aurora"), usage: true, source: bsrc,
	}))
	rc.Metadata = map[string]string{"engine": engine, "storage": label}
	return nil
}

// priceRDSClusterInstance prices aws:rds/clusterInstance:ClusterInstance:
// instance hours by class and engine (its own, else its cluster's).
func priceRDSClusterInstance(p *run, rec *resource.Record, rc *ResourceCost) error {
	in := p.in(rec)
	engineIn := in.text("engine")
	if engineIn == "" {
		if c := p.find(in.text("clusterIdentifier"), rdsClusterType); c != nil {
			engineIn = p.in(c).text("engine")
		}
	}
	engine := engineName(engineIn)
	class := in.text("instanceClass")
	term := p.opts.Purchase.Database
	c, err := p.hoursLine(rec, class, line{
		name: fmt.Sprintf("Database instance (%s, %s, %s)", termLabel(term), engine, class), unit: "hours",
		qty: fullMonth(), key: catalog.RDSInstance(p.region, class, engine, catalog.SingleAZ), term: term, source: SourceDefault,
	})
	if err != nil {
		return err
	}
	rc.Components = []CostComponent{c}
	rc.Metadata = map[string]string{"engine": engine, "instance_class": class}
	return nil
}
