package pricing

import (
	"fmt"
	"strings"

	"github.com/shopspring/decimal"
	"github.com/tiercost/tiercost/costmodel/catalog"
	"github.com/tiercost/tiercost/costmodel/resource"
	"github.com/tiercost/tiercost/costmodel/usage"
)

// A read replica looks up its source among the instances.
var _ = register(resourceType{
	Types:   []string{resource.TypeRDSInstance},
	Service: serviceRDS,
	Usage: []usage.Key{
		{Name: "monthly_hours", Unit: "hours/month", Description: "hours the instance runs (default 730)"},
		{Name: "additional_backup_storage_gb", Unit: "GB", Description: "backup storage beyond the free allowance (100 % of provisioned storage)"},
		{Name: "enhanced_monitoring_gb", Unit: "GB/month", Description: "enhanced-monitoring OS metrics ingested into CloudWatch Logs (RDSOSMetrics)"},
		{Name: "monthly_secret_requests", Unit: "requests/month", Description: "API requests to the master-password secret RDS manages"},
	},
	References: []string{resource.TypeRDSInstance},
	Price:      priceRDSInstance,
})

// RDS storage baselines included in the gp3 price (MySQL, PostgreSQL,
// MariaDB): 3,000 IOPS and 125 MB/s below 400 GB, 12,000 IOPS and
// 500 MB/s from 400 GB.
var (
	rdsGp3Threshold     = decimal.NewFromInt(400)
	rdsDefaultStorageGB = decimal.NewFromInt(20)
)

// engineName maps an engine input to the Price List's databaseEngine.
func engineName(engine string) string {
	switch strings.ToLower(engine) {
	case "postgres", "postgresql":
		return catalog.EnginePostgreSQL
	case "mysql":
		return catalog.EngineMySQL
	case "mariadb":
		return catalog.EngineMariaDB
	case "aurora-postgresql":
		return catalog.EngineAuroraPostgreSQL
	case "aurora-mysql", "aurora":
		return catalog.EngineAuroraMySQL
	}
	return engine
}

func storageName(vtype string) string {
	switch vtype {
	case "gp2", "gp3":
		return "general purpose SSD, " + vtype
	case "io1", "io2":
		return "provisioned IOPS SSD, " + vtype
	case "standard":
		return "magnetic"
	}
	return vtype
}

// priceRDSInstance prices aws:rds/instance:Instance: instance hours (Single-
// or Multi-AZ, each its own catalog price), storage, provisioned IOPS and
// throughput above the gp3 baseline (io1/io2: all IOPS), and backup
// storage beyond the free allowance from usage. A read replica takes the
// engine and storage its own inputs omit from its source.
func priceRDSInstance(p *run, rec *resource.Record, rc *ResourceCost) error {
	in := p.in(rec)
	var source *resource.Record
	var src inputs // the source's, when there is one
	replicaOf := in.text("replicateSourceDb")
	if replicaOf != "" {
		if source = p.find(replicaOf, resource.TypeRDSInstance); source != nil {
			src = p.in(source)
		}
	}
	get := func(key string) string {
		if s := in.text(key); s != "" || source == nil {
			return s
		}
		return src.text(key)
	}
	var assumed []string // defaults priced for inputs not set
	engine := engineName(get("engine"))
	class := in.text("instanceClass")
	deployment := catalog.SingleAZ
	if in.flag("multiAz") {
		deployment = catalog.MultiAZ
	}
	vals := p.usageFor(*rec)
	hours, hoursSrc := p.usageQty(vals, "monthly_hours")
	if hoursSrc == SourceDefault {
		hours = fullMonth()
	}
	term := p.opts.Purchase.Database
	inst, err := p.hoursLine(rec, class, line{
		name: fmt.Sprintf("Database instance (%s, %s, %s)", termLabel(term), deployment, class), unit: "hours",
		qty: hours, key: catalog.RDSInstance(p.region, class, engine, deployment), term: term, source: hoursSrc,
	})
	if err != nil {
		return err
	}
	rc.Components = append(rc.Components, inst)
	if engine == catalog.EngineAuroraPostgreSQL || engine == catalog.EngineAuroraMySQL {
		// An Aurora instance's storage, I/O and backups are its cluster's
		// (aws:rds/cluster:Cluster prices them): only its hours are here.
		rc.Metadata = map[string]string{"engine": engine, "instance_class": class, "deployment": deployment, "storage": "the cluster's"}
		return nil
	}

	// Storage: a replica inherits type, size and IOPS when it sets none.
	size, sizeSet := in.amount("allocatedStorage")
	storage := in
	if source != nil && in.text("storageType") == "" && !sizeSet {
		storage = src
	}
	if !sizeSet && source != nil {
		size, sizeSet = src.amount("allocatedStorage")
	}
	sizeSrc := SourceSpec
	if !sizeSet {
		size, sizeSrc = rdsDefaultStorageGB, SourceDefault
		assumed = append(assumed, "allocatedStorage not set: 20 GB assumed")
	}
	vtype := get("storageType")
	iops, hasIOPS := storage.amount("iops")
	if vtype == "" {
		if hasIOPS {
			vtype = "io1"
		} else {
			vtype = "gp2"
			assumed = append(assumed, "storageType not set: gp2 assumed")
		}
	}
	rc.Components = append(rc.Components, p.price(line{
		name: fmt.Sprintf("Storage (%s, %s)", storageName(vtype), deployment), unit: "GB-months", qty: size,
		key: catalog.RDSStorage(p.region, vtype, deployment), source: sizeSrc, assumed: joinNotes(assumed),
	}))
	switch vtype {
	case "gp3":
		baseIOPS, baseTput := decimal.NewFromInt(3000), decimal.NewFromInt(125)
		if size.GreaterThanOrEqual(rdsGp3Threshold) {
			baseIOPS, baseTput = decimal.NewFromInt(12000), decimal.NewFromInt(500)
		}
		if extra := iops.Sub(baseIOPS); extra.IsPositive() {
			rc.Components = append(rc.Components, p.price(line{
				name: fmt.Sprintf("Provisioned IOPS (above %s baseline, %s)", baseIOPS, deployment), unit: "IOPS-months", qty: extra,
				key: catalog.RDSIOPS(p.region, "gp3", deployment), source: SourceSpec,
			}))
		}
		tput, _ := storage.amount("storageThroughput")
		if extra := tput.Sub(baseTput); extra.IsPositive() {
			rc.Components = append(rc.Components, p.price(line{
				name: fmt.Sprintf("Provisioned throughput (above %s MBps baseline, %s)", baseTput, deployment), unit: "MBps-months", qty: extra,
				key: catalog.RDSThroughput(p.region, deployment), source: SourceSpec,
			}))
		}
	case "io1", "io2":
		rc.Components = append(rc.Components, p.price(line{
			name: fmt.Sprintf("Provisioned IOPS (%s, %s)", vtype, deployment), unit: "IOPS-months", qty: iops,
			key: catalog.RDSIOPS(p.region, vtype, deployment), source: SourceSpec,
		}))
	}
	backup, bsrc := p.usageQty(vals, "additional_backup_storage_gb")
	rc.Components = append(rc.Components, p.price(line{
		name: "Backup storage (beyond free allowance)", unit: "GB-months", qty: backup,
		key: catalog.RDSBackup(p.region, "rds"), usage: true, source: bsrc,
	}))
	// What RDS creates outside the stack on the instance's behalf, billed
	// by the services that hold it: the master-password secret in Secrets
	// Manager, and enhanced monitoring's log stream in CloudWatch Logs.
	if in.flag("manageMasterUserPassword") {
		req, src := p.usageQty(vals, "monthly_secret_requests")
		rc.Subresources = append(rc.Subresources, subresource("masterUserSecret", secretType, p.secretLines(req, src)))
	}
	if n, ok := in.amount("monitoringInterval"); ok && n.IsPositive() {
		gb, src := p.usageQty(vals, "enhanced_monitoring_gb")
		ingest := line{name: "Enhanced monitoring data ingested", unit: "GB", qty: gb, key: catalog.CloudWatchLogsIngest(p.region), usage: true, source: src}
		p.applyFree(freeCWLogs, &ingest)
		rc.Subresources = append(rc.Subresources, subresource("enhancedMonitoring", resource.TypeLogGroup, []CostComponent{p.price(ingest)}))
	}
	rc.Metadata = map[string]string{"engine": engine, "instance_class": class, "deployment": deployment, "storage_type": vtype}
	if source != nil {
		rc.Metadata["replica_of"] = source.Name
	} else if replicaOf != "" {
		rc.Metadata["replica_of"] = replicaOf + " (not among the records)"
	}
	return nil
}
