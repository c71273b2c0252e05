package catalog

import (
	"sort"
	"strings"
)

// AWS service codes, as in the Price List.
const (
	ServiceEC2          = "AmazonEC2"
	ServiceRDS          = "AmazonRDS"
	ServiceElastiCache  = "AmazonElastiCache"
	ServiceELB          = "AWSELB"
	ServiceCloudFront   = "AmazonCloudFront"
	ServiceVPC          = "AmazonVPC"
	ServiceDataTransfer = "AWSDataTransfer"
	ServiceCloudWatch   = "AmazonCloudWatch"
	ServiceS3           = "AmazonS3"
)

// Key builds a product key from a service code, a product name, a region
// and attribute pairs ("k", "v", ...). Attributes are sorted, so the order
// callers pass them in does not matter.
func Key(service, product, region string, attrs ...string) ProductKey {
	if len(attrs) < 4 {
		// One pair (or none) needs no sorting: one allocation, the key.
		var b strings.Builder
		b.Grow(len(service) + len(product) + len(region) + 5 + len(attrs)*16)
		b.WriteString(service)
		b.WriteByte('|')
		b.WriteString(product)
		b.WriteByte('|')
		b.WriteString(region)
		b.WriteByte('|')
		if len(attrs) >= 2 {
			b.WriteString(attrs[0])
			b.WriteByte('=')
			b.WriteString(attrs[1])
		}
		return ProductKey(b.String())
	}
	pairs := make([]string, 0, len(attrs)/2)
	for i := 0; i+1 < len(attrs); i += 2 {
		pairs = append(pairs, attrs[i]+"="+attrs[i+1])
	}
	sort.Strings(pairs)
	return ProductKey(service + "|" + product + "|" + region + "|" + strings.Join(pairs, ","))
}

// EC2Instance is a Linux, shared-tenancy, no-pre-installed-software instance hour.
func EC2Instance(region, instanceType string) ProductKey {
	return Key(ServiceEC2, "instance", region, "instanceType", instanceType)
}

// EBSStorage is EBS volume storage per GB-month; volumeType is gp2, gp3,
// io1, io2, st1, sc1 or standard.
func EBSStorage(region, volumeType string) ProductKey {
	return Key(ServiceEC2, "ebs-storage", region, "volumeType", volumeType)
}

// EBSIOPS is provisioned IOPS per IOPS-month (gp3 above 3,000; io1/io2 all).
func EBSIOPS(region, volumeType string) ProductKey {
	return Key(ServiceEC2, "ebs-iops", region, "volumeType", volumeType)
}

// EBSThroughput is gp3 throughput above 125 MiB/s per MiBps-month.
func EBSThroughput(region string) ProductKey {
	return Key(ServiceEC2, "ebs-throughput", region, "volumeType", "gp3")
}

// EBSSnapshot is EBS snapshot storage per GB-month.
func EBSSnapshot(region string) ProductKey { return Key(ServiceEC2, "ebs-snapshot", region) }

// NATGatewayHours and NATGatewayBytes price a NAT gateway.
func NATGatewayHours(region string) ProductKey { return Key(ServiceEC2, "nat-hours", region) }

// NATGatewayBytes is data processed by a NAT gateway per GB.
func NATGatewayBytes(region string) ProductKey { return Key(ServiceEC2, "nat-bytes", region) }

// PublicIPv4 is an in-use public IPv4 address hour.
func PublicIPv4(region string) ProductKey { return Key(ServiceVPC, "public-ipv4", region) }

// Load balancer kinds.
const (
	LBApplication = "application"
	LBNetwork     = "network"
)

// LoadBalancerHours is a load-balancer hour; kind is application or network.
func LoadBalancerHours(region, kind string) ProductKey {
	return Key(ServiceELB, "lb-hours", region, "type", kind)
}

// LoadBalancerLCU is an LCU-hour (NLCU-hour for network load balancers).
func LoadBalancerLCU(region, kind string) ProductKey {
	return Key(ServiceELB, "lb-lcu", region, "type", kind)
}

// RDS deployment options and engines as the Price List names them.
const (
	SingleAZ = "Single-AZ"
	MultiAZ  = "Multi-AZ"

	EnginePostgreSQL       = "PostgreSQL"
	EngineMySQL            = "MySQL"
	EngineMariaDB          = "MariaDB"
	EngineAuroraPostgreSQL = "Aurora PostgreSQL"
	EngineAuroraMySQL      = "Aurora MySQL"
)

// RDSInstance is a database instance hour for an engine and deployment option.
func RDSInstance(region, instanceClass, engine, deployment string) ProductKey {
	return Key(ServiceRDS, "db-instance", region, "instanceType", instanceClass, "databaseEngine", engine, "deploymentOption", deployment)
}

// RDSStorage is database storage per GB-month; volumeType is gp2, gp3, io1,
// io2, standard, aurora (Aurora Standard) or aurora-iopt (I/O-Optimized).
func RDSStorage(region, volumeType, deployment string) ProductKey {
	return Key(ServiceRDS, "db-storage", region, "volumeType", volumeType, "deploymentOption", deployment)
}

// RDSIOPS is provisioned IOPS per IOPS-month above the baseline.
func RDSIOPS(region, volumeType, deployment string) ProductKey {
	return Key(ServiceRDS, "db-iops", region, "volumeType", volumeType, "deploymentOption", deployment)
}

// RDSThroughput is gp3 throughput above the baseline per MBps-month.
func RDSThroughput(region, deployment string) ProductKey {
	return Key(ServiceRDS, "db-throughput", region, "volumeType", "gp3", "deploymentOption", deployment)
}

// RDSBackup is backup storage beyond the free allowance per GB-month;
// engine family is "rds" or "aurora".
func RDSBackup(region, family string) ProductKey {
	return Key(ServiceRDS, "db-backup", region, "family", family)
}

// AuroraIO is Aurora Standard I/O per request (IOs).
func AuroraIO(region string) ProductKey { return Key(ServiceRDS, "aurora-io", region) }

// ElastiCache engines as the Price List names them.
const (
	CacheRedis     = "Redis"
	CacheValkey    = "Valkey"
	CacheMemcached = "Memcached"
)

// ElastiCacheNode is a cache node hour.
func ElastiCacheNode(region, nodeType, engine string) ProductKey {
	return Key(ServiceElastiCache, "cache-node", region, "instanceType", nodeType, "cacheEngine", engine)
}

// ElastiCacheBackup is snapshot storage per GB-month.
func ElastiCacheBackup(region string) ProductKey {
	return Key(ServiceElastiCache, "cache-backup", region)
}

// CloudFront region groups (the Price List's "fromLocation" groups).
const (
	CFUnitedStates = "United States"
	CFEurope       = "Europe"
	CFAsia         = "Asia"
	CFJapan        = "Japan"
	CFAustralia    = "Australia"
	CFSouthAmerica = "South America"
	CFIndia        = "India"
	CFSouthAfrica  = "South Africa"
	CFMiddleEast   = "Middle East"
)

// CloudFrontDataOut is data transfer out to the internet per GB, tiered,
// from a region group. CloudFront keys use "global" as their region.
func CloudFrontDataOut(group string) ProductKey {
	return Key(ServiceCloudFront, "cf-data-out", "global", "group", group)
}

// CloudFrontToOrigin is data transfer out to the origin per GB.
func CloudFrontToOrigin(group string) ProductKey {
	return Key(ServiceCloudFront, "cf-to-origin", "global", "group", group)
}

// CloudFrontRequests is a request, protocol http or https, per request.
func CloudFrontRequests(group, protocol string) ProductKey {
	return Key(ServiceCloudFront, "cf-requests", "global", "group", group, "protocol", protocol)
}

// DataTransferOut is data transfer from a region to the internet per GB, tiered.
func DataTransferOut(region string) ProductKey {
	return Key(ServiceDataTransfer, "dt-internet-out", region)
}

// DataTransferInterAZ is data transfer between AZs in a region per GB (each direction).
func DataTransferInterAZ(region string) ProductKey {
	return Key(ServiceDataTransfer, "dt-inter-az", region)
}

// CloudWatch products.
func CloudWatchLogsIngest(region string) ProductKey {
	return Key(ServiceCloudWatch, "logs-ingest", region)
}

// CloudWatchLogsStorage is archived log storage per GB-month.
func CloudWatchLogsStorage(region string) ProductKey {
	return Key(ServiceCloudWatch, "logs-storage", region)
}

// CloudWatchMetric is a custom (or detailed-monitoring) metric per month, tiered.
func CloudWatchMetric(region string) ProductKey { return Key(ServiceCloudWatch, "metric", region) }

// CloudWatchAlarm is an alarm metric per month; resolution standard or high.
func CloudWatchAlarm(region, resolution string) ProductKey {
	return Key(ServiceCloudWatch, "alarm", region, "resolution", resolution)
}

// CloudWatchDashboard is a dashboard per month.
func CloudWatchDashboard(region string) ProductKey {
	return Key(ServiceCloudWatch, "dashboard", region)
}

// S3Storage is storage per GB-month, tiered; class Standard.
func S3Storage(region, class string) ProductKey {
	return Key(ServiceS3, "s3-storage", region, "storageClass", class)
}

// S3Requests is a request per request; tier1 is PUT/COPY/POST/LIST, tier2 GET and others.
func S3Requests(region, tier string) ProductKey {
	return Key(ServiceS3, "s3-requests", region, "tier", tier)
}
