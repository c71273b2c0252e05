package importer

import (
	"strings"

	"github.com/shopspring/decimal"

	"github.com/tiercost/tiercost/costmodel/catalog"
)

// attrs holds the product attributes the mapping reads; every other
// attribute of an offer file is dropped while streaming.
type attrs struct {
	family, service, location, locationType, regionCode       string
	instanceType, os, tenancy, preSw, license, capacity       string
	market, usage, volumeAPI, volumeType, group, storageClass string
	dbEngine, dbEdition, deployment, cacheEngine              string
	transferType, fromLocation, fromLocationType, fromRegion  string
	toLocation                                                string
}

// field returns where an attribute is stored, by its normalized name
// (lower case, letters and digits only), so JSON names ("preInstalledSw")
// and CSV headers ("Pre Installed S/W") land in the same place.
func (a *attrs) field(norm []byte) *string {
	switch string(norm) {
	case "productfamily":
		return &a.family
	case "servicecode":
		return &a.service
	case "location":
		return &a.location
	case "locationtype":
		return &a.locationType
	case "regioncode":
		return &a.regionCode
	case "instancetype":
		return &a.instanceType
	case "operatingsystem":
		return &a.os
	case "tenancy":
		return &a.tenancy
	case "preinstalledsw":
		return &a.preSw
	case "licensemodel":
		return &a.license
	case "capacitystatus":
		return &a.capacity
	case "marketoption":
		return &a.market
	case "usagetype":
		return &a.usage
	case "volumeapiname":
		return &a.volumeAPI
	case "volumetype":
		return &a.volumeType
	case "group":
		return &a.group
	case "storageclass":
		return &a.storageClass
	case "databaseengine":
		return &a.dbEngine
	case "databaseedition":
		return &a.dbEdition
	case "deploymentoption":
		return &a.deployment
	case "cacheengine":
		return &a.cacheEngine
	case "transfertype":
		return &a.transferType
	case "fromlocation":
		return &a.fromLocation
	case "fromlocationtype":
		return &a.fromLocationType
	case "fromregioncode":
		return &a.fromRegion
	case "tolocation":
		return &a.toLocation
	}
	return nil
}

// normalize lower-cases a name and drops everything but letters and digits.
func normalize(dst, name []byte) []byte {
	for _, c := range name {
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
			dst = append(dst, c)
		case c >= 'A' && c <= 'Z':
			dst = append(dst, c+('a'-'A'))
		}
	}
	return dst
}

// target is where a kept product's prices go.
type target struct {
	key catalog.ProductKey
	// hourly marks products bought by the hour, the only ones whose
	// reserved terms are imported.
	hourly bool
	// perGiBps marks gp3 throughput, listed per GiBps-month and stored per
	// MiBps-month.
	perGiBps bool
	// tierStart and tierEnd override an untiered dimension's range: io2
	// IOPS tiers are separate SKUs rather than ranges.
	tierStart *decimal.Decimal
	tierEnd   *decimal.Decimal
	region    string
	// anyRegion builds the key of an account-wide product (CloudWatch
	// dashboards are listed with location "Any") once the offer's own
	// region is known.
	anyRegion func(region string) catalog.ProductKey
}

// usageIs reports whether a usage type is name, with or without a region
// prefix ("EU-NatGateway-Hours").
func usageIs(usage, name string) bool {
	return usage == name || strings.HasSuffix(usage, "-"+name)
}

// region resolves a product's region; regionCode wins over the location name.
func (a *attrs) region() string {
	if a.regionCode != "" {
		return a.regionCode
	}
	return regionCode(a.location)
}

var (
	io2Tier2Start = decimal.NewFromInt(32000)
	io2Tier3Start = decimal.NewFromInt(64000)
)

// classify maps a product to its catalog key, or returns why it is skipped.
func classify(offerCode string, a *attrs) (target, string) {
	service := a.service
	if service == "" {
		service = offerCode
	}
	switch service {
	case catalog.ServiceCloudFront:
		return classifyCloudFront(a)
	case catalog.ServiceDataTransfer:
		return classifyDataTransfer(a)
	}
	if service == catalog.ServiceCloudWatch && a.location == "Any" && a.regionCode == "" && usageIs(a.usage, "DashboardsUsageHour") {
		return target{anyRegion: catalog.CloudWatchDashboard}, ""
	}
	if a.locationType != "" && a.locationType != "AWS Region" {
		return target{}, "location is not an AWS Region (Local Zone, Wavelength, Outposts)"
	}
	region := a.region()
	if region == "" {
		return target{}, "region not recognised"
	}
	var t target
	var why string
	switch service {
	case catalog.ServiceEC2:
		t, why = classifyEC2(region, a)
	case catalog.ServiceRDS:
		t, why = classifyRDS(region, a)
	case catalog.ServiceElastiCache:
		t, why = classifyElastiCache(region, a)
	case catalog.ServiceELB:
		t, why = classifyELB(region, a)
	case catalog.ServiceVPC:
		if usageIs(a.usage, "PublicIPv4:InUseAddress") {
			t = target{key: catalog.PublicIPv4(region)}
		} else {
			why = "vpc: usage type not priced"
		}
	case catalog.ServiceCloudWatch:
		t, why = classifyCloudWatch(region, a)
	case catalog.ServiceS3:
		t, why = classifyS3(region, a)
	default:
		return target{}, "service " + service + " not priced"
	}
	t.region = strings.Clone(region) // CSV fields share their row's memory
	return t, why
}

var ebsVolumes = map[string]bool{"gp2": true, "gp3": true, "io1": true, "io2": true, "st1": true, "sc1": true, "standard": true}

func classifyEC2(region string, a *attrs) (target, string) {
	switch a.family {
	case "Compute Instance", "Compute Instance (bare metal)":
		switch {
		case a.os != "Linux":
			return target{}, "ec2: operating system is not Linux"
		case a.tenancy != "Shared":
			return target{}, "ec2: tenancy is not Shared"
		case a.preSw != "NA" && a.preSw != "":
			return target{}, "ec2: pre-installed software"
		case a.license != "No License required" && a.license != "":
			return target{}, "ec2: license model is not 'No License required'"
		case a.capacity != "Used" && a.capacity != "":
			return target{}, "ec2: capacity reservation row"
		case a.market != "" && a.market != "OnDemand":
			return target{}, "ec2: market option is not OnDemand"
		case a.instanceType == "":
			return target{}, "ec2: instance type missing"
		}
		return target{key: catalog.EC2Instance(region, a.instanceType), hourly: true}, ""
	case "Storage":
		if !ebsVolumes[a.volumeAPI] {
			return target{}, "ec2: storage volume type not priced"
		}
		return target{key: catalog.EBSStorage(region, a.volumeAPI)}, ""
	case "System Operation", "Provisioned Throughput":
		switch {
		case strings.Contains(a.usage, "VolumeP-IOPS"):
			vol := a.volumeAPI
			if vol == "" && strings.HasSuffix(a.usage, ".piops") {
				vol = "io1"
			}
			if !ebsVolumes[vol] {
				return target{}, "ec2: IOPS volume type not priced"
			}
			t := target{key: catalog.EBSIOPS(region, vol)}
			if vol == "io2" {
				// io2 IOPS are tiered at 32,000 and 64,000 by separate SKUs.
				switch {
				case strings.HasSuffix(a.usage, ".tier2"):
					t.tierStart, t.tierEnd = &io2Tier2Start, &io2Tier3Start
				case strings.HasSuffix(a.usage, ".tier3"):
					t.tierStart = &io2Tier3Start
				default:
					t.tierEnd = &io2Tier2Start
				}
			}
			return t, ""
		case strings.Contains(a.usage, "VolumeP-Throughput") && (a.volumeAPI == "gp3" || a.volumeAPI == ""):
			return target{key: catalog.EBSThroughput(region), perGiBps: true}, ""
		}
		return target{}, "ec2: system operation not priced"
	case "Storage Snapshot":
		if usageIs(a.usage, "EBS:SnapshotUsage") {
			return target{key: catalog.EBSSnapshot(region)}, ""
		}
		return target{}, "ec2: snapshot kind not priced"
	case "NAT Gateway":
		switch {
		case usageIs(a.usage, "NatGateway-Hours"):
			return target{key: catalog.NATGatewayHours(region)}, ""
		case usageIs(a.usage, "NatGateway-Bytes"):
			return target{key: catalog.NATGatewayBytes(region)}, ""
		}
		return target{}, "ec2: NAT gateway usage not priced"
	}
	return target{}, "ec2: product family not priced"
}

var rdsEngines = map[string]bool{
	catalog.EnginePostgreSQL: true, catalog.EngineMySQL: true, catalog.EngineMariaDB: true,
	catalog.EngineAuroraPostgreSQL: true, catalog.EngineAuroraMySQL: true,
}

// rdsStorageVolume maps the Price List's volumeType names to keys.go's.
var rdsStorageVolume = map[string]string{
	"General Purpose":        "gp2",
	"General Purpose (SSD)":  "gp2",
	"Provisioned IOPS (SSD)": "io1",
	"General Purpose-GP3":    "gp3",
	"Provisioned IOPS":       "io1",
	"Provisioned IOPS-IO2":   "io2",
	"Provisioned IOPS-io2":   "io2",
	"Magnetic":               "standard",
	"General Purpose-Aurora": "aurora",
	"IO Optimized-Aurora":    "aurora-iopt",
}

func rdsDeployment(a *attrs) (string, bool) {
	switch a.deployment {
	case catalog.SingleAZ, "":
		return catalog.SingleAZ, true
	case catalog.MultiAZ:
		return catalog.MultiAZ, true
	}
	return "", false
}

// rdsStorageEngine accepts storage rows shared by all engines or priced for
// an engine we model; Oracle and SQL Server storage rows are skipped.
func rdsStorageEngine(a *attrs) bool {
	return a.dbEngine == "" || a.dbEngine == "Any" || rdsEngines[a.dbEngine]
}

func classifyRDS(region string, a *attrs) (target, string) {
	if strings.Contains(a.usage, "ExtendedSupport") {
		return target{}, "rds: extended support surcharge"
	}
	if strings.Contains(a.usage, "Limitless") || strings.Contains(a.usage, "Outposts") {
		return target{}, "rds: deployment not priced"
	}
	switch a.family {
	case "Database Instance":
		switch {
		case !rdsEngines[a.dbEngine]:
			return target{}, "rds: database engine not priced"
		case a.dbEdition != "":
			return target{}, "rds: engine edition"
		case a.license != "" && !strings.EqualFold(a.license, "No license required"):
			return target{}, "rds: license model (BYOL or license included)"
		case strings.Contains(a.usage, "IOOptimized"):
			return target{}, "rds: Aurora I/O-Optimized instance"
		case a.instanceType == "":
			return target{}, "rds: instance type missing"
		}
		dep, ok := rdsDeployment(a)
		if !ok || a.deployment == "" {
			return target{}, "rds: deployment option is not Single-AZ or Multi-AZ"
		}
		return target{key: catalog.RDSInstance(region, a.instanceType, a.dbEngine, dep), hourly: true}, ""
	case "Database Storage":
		dep, ok := rdsDeployment(a)
		if !ok {
			return target{}, "rds: deployment option is not Single-AZ or Multi-AZ"
		}
		if !rdsStorageEngine(a) {
			return target{}, "rds: database engine not priced"
		}
		vol, ok := rdsStorageVolume[a.volumeType]
		if !ok {
			return target{}, "rds: storage volume type not priced"
		}
		return target{key: catalog.RDSStorage(region, vol, dep)}, ""
	case "Provisioned IOPS":
		dep, ok := rdsDeployment(a)
		if !ok {
			return target{}, "rds: deployment option is not Single-AZ or Multi-AZ"
		}
		if !rdsStorageEngine(a) {
			return target{}, "rds: database engine not priced"
		}
		vol := "io1"
		switch u := strings.ToUpper(a.usage); {
		case strings.Contains(u, "GP3"):
			vol = "gp3"
		case strings.Contains(u, "IO2"):
			vol = "io2"
		}
		return target{key: catalog.RDSIOPS(region, vol, dep)}, ""
	case "Provisioned Throughput":
		dep, ok := rdsDeployment(a)
		if !ok {
			return target{}, "rds: deployment option is not Single-AZ or Multi-AZ"
		}
		if !rdsStorageEngine(a) {
			return target{}, "rds: database engine not priced"
		}
		if !strings.Contains(strings.ToUpper(a.usage), "GP3") {
			return target{}, "rds: throughput volume type not priced"
		}
		return target{key: catalog.RDSThroughput(region, dep)}, ""
	case "Storage Snapshot":
		switch {
		case usageIs(a.usage, "RDS:ChargedBackupUsage"):
			return target{key: catalog.RDSBackup(region, "rds")}, ""
		case usageIs(a.usage, "Aurora:BackupUsage"):
			return target{key: catalog.RDSBackup(region, "aurora")}, ""
		}
		return target{}, "rds: snapshot kind not priced"
	case "System Operation":
		if usageIs(a.usage, "Aurora:StorageIOUsage") {
			return target{key: catalog.AuroraIO(region)}, ""
		}
		return target{}, "rds: system operation not priced"
	}
	return target{}, "rds: product family not priced"
}

var cacheEngines = map[string]bool{catalog.CacheRedis: true, catalog.CacheValkey: true, catalog.CacheMemcached: true}

func classifyElastiCache(region string, a *attrs) (target, string) {
	if strings.Contains(a.usage, "ExtendedSupport") {
		// Looks like a cheap node, but is a surcharge on top of one.
		return target{}, "elasticache: ExtendedSupport surcharge"
	}
	switch a.family {
	case "Cache Instance":
		if !cacheEngines[a.cacheEngine] {
			return target{}, "elasticache: cache engine not priced"
		}
		if a.instanceType == "" {
			return target{}, "elasticache: node type missing"
		}
		return target{key: catalog.ElastiCacheNode(region, a.instanceType, a.cacheEngine), hourly: true}, ""
	case "Storage Snapshot":
		return target{key: catalog.ElastiCacheBackup(region)}, ""
	}
	return target{}, "elasticache: product family not priced"
}

func classifyELB(region string, a *attrs) (target, string) {
	var kind string
	switch a.family {
	case "Load Balancer-Application":
		kind = catalog.LBApplication
	case "Load Balancer-Network":
		kind = catalog.LBNetwork
	default:
		return target{}, "elb: load balancer kind not priced"
	}
	switch {
	case usageIs(a.usage, "LoadBalancerUsage"):
		return target{key: catalog.LoadBalancerHours(region, kind)}, ""
	case usageIs(a.usage, "LCUUsage"):
		return target{key: catalog.LoadBalancerLCU(region, kind)}, ""
	}
	return target{}, "elb: usage type not priced"
}

func cloudFrontGroup(a *attrs) string {
	for _, loc := range []string{a.fromLocation, a.location} {
		if loc == "" {
			continue
		}
		return cfGroupByLocation[loc]
	}
	if i := strings.IndexByte(a.usage, '-'); i > 0 {
		return cfGroupByPrefix[a.usage[:i]]
	}
	return ""
}

func classifyCloudFront(a *attrs) (target, string) {
	group := cloudFrontGroup(a)
	if group == "" {
		return target{}, "cloudfront: location group not modelled"
	}
	var t target
	switch a.family {
	case "Data Transfer":
		switch a.transferType {
		case "CloudFront Outbound":
			t.key = catalog.CloudFrontDataOut(group)
		case "CloudFront to Origin":
			t.key = catalog.CloudFrontToOrigin(group)
		default:
			return target{}, "cloudfront: transfer type not priced"
		}
	case "Request":
		switch {
		case usageIs(a.usage, "Requests-Tier1"):
			t.key = catalog.CloudFrontRequests(group, "http")
		case usageIs(a.usage, "Requests-Tier2-HTTPS"):
			t.key = catalog.CloudFrontRequests(group, "https")
		default:
			return target{}, "cloudfront: request type not priced"
		}
	default:
		return target{}, "cloudfront: product family not priced"
	}
	t.region = "global"
	return t, ""
}

func classifyDataTransfer(a *attrs) (target, string) {
	if a.fromLocationType != "" && a.fromLocationType != "AWS Region" {
		return target{}, "data transfer: source is not an AWS Region"
	}
	region := a.fromRegion
	if region == "" {
		region = regionCode(a.fromLocation)
	}
	if region == "" {
		return target{}, "region not recognised"
	}
	switch {
	case a.transferType == "AWS Outbound" && a.toLocation == "External":
		return target{key: catalog.DataTransferOut(region), region: region}, ""
	case a.transferType == "IntraRegion":
		return target{key: catalog.DataTransferInterAZ(region), region: region}, ""
	}
	return target{}, "data transfer: direction not priced"
}

func classifyCloudWatch(region string, a *attrs) (target, string) {
	switch {
	case usageIs(a.usage, "DataProcessing-Bytes") && (a.group == "" || a.group == "Ingested Logs"):
		return target{key: catalog.CloudWatchLogsIngest(region)}, ""
	case usageIs(a.usage, "TimedStorage-ByteHrs"):
		return target{key: catalog.CloudWatchLogsStorage(region)}, ""
	case usageIs(a.usage, "CW:MetricMonitorUsage"):
		return target{key: catalog.CloudWatchMetric(region)}, ""
	case usageIs(a.usage, "CW:AlarmMonitorUsage"):
		return target{key: catalog.CloudWatchAlarm(region, "standard")}, ""
	case usageIs(a.usage, "CW:HighResAlarmMonitorUsage"):
		return target{key: catalog.CloudWatchAlarm(region, "high")}, ""
	case usageIs(a.usage, "DashboardsUsageHour"):
		return target{key: catalog.CloudWatchDashboard(region)}, ""
	}
	return target{}, "cloudwatch: usage type not priced"
}

func classifyS3(region string, a *attrs) (target, string) {
	switch {
	case usageIs(a.usage, "TimedStorage-ByteHrs"):
		if (a.storageClass != "" && a.storageClass != "General Purpose") || (a.volumeType != "" && a.volumeType != "Standard") {
			return target{}, "s3: storage class not priced"
		}
		return target{key: catalog.S3Storage(region, "Standard")}, ""
	case usageIs(a.usage, "Requests-Tier1"):
		return target{key: catalog.S3Requests(region, "tier1")}, ""
	case usageIs(a.usage, "Requests-Tier2"):
		return target{key: catalog.S3Requests(region, "tier2")}, ""
	}
	return target{}, "s3: usage type not priced"
}
