package capacity

import (
	"math"

	"github.com/tiercost/tiercost/components/spec"
	"github.com/tiercost/tiercost/costmodel/resource"
	"github.com/tiercost/tiercost/costmodel/usage"
)

// Assumptions behind the security and logging usage (docs/security.md
// lists them). Byte sizes are decimal (1 KB = 1,000 B), as elsewhere.
const (
	// An ALB access-log entry is about 600 B; ALB gzips its files (~10:1).
	albLogBytesPerRequest = 60
	// A CloudFront standard-log line is about 500 B, gzipped likewise.
	cdnLogBytesPerRequest = 50
	// An S3 server access-log line is about 350 B and is not compressed.
	s3LogBytesPerRequest = 350
	// ALB writes one log file per node (one per AZ at these loads) every 5
	// minutes; CloudFront and S3 deliver about one object a minute each.
	albLogFilesPerNodeHour, cdnLogFilesPerHour, s3LogFilesPerHour = 12, 60, 60
	// A default-format flow-log record is about 110 B, plus the 26 B
	// CloudWatch Logs counts per event.
	flowRecordBytes = 136
	// Every network interface logs a few records per 10-minute window
	// without user traffic (SSM, NTP, package mirrors, health checks).
	flowBackgroundRecordsPerENIHour = 12
	// WAF logs only blocked and counted requests (the logging filter);
	// assume 1 % of requests, 1.5 KB of JSON each.
	wafLoggedShare, wafLogRecordBytes = 0.01, 1500
	// PostgreSQL's default logging (checkpoints, autovacuum, errors; no
	// statements) writes about 50 MB a month; the upgrade log almost
	// nothing.
	dbLogGBPerMonth, dbUpgradeLogGBPerMonth = 0.05, 0.001
	// One enhanced-monitoring sample (OS metrics and the process list) is
	// about 4 KB of JSON in the RDSOSMetrics log group.
	enhancedMonitoringSampleBytes = 4000
	// Alert topic traffic: alarm state changes and RDS events, a few a
	// day; each publish costs SNS one data-key request and each delivery
	// one decrypt from KMS.
	alertPublishesPerMonth, kmsRequestsPerPublish = 100, 2
	// Each app instance re-reads the database secret about hourly.
	secretReadsPerInstanceHour = 1
	// The EC2 API endpoint carries the instances' own EC2 API calls: a
	// few MB a month.
	ec2EndpointGBPerMonth = 0.1
)

// The quantities of constants, worked out once (decimals never change).
var (
	qtyZero           = qty(0)
	qtyAlertPublishes = qty(alertPublishesPerMonth)
	qtyKMSRequests    = qty(alertPublishesPerMonth * kmsRequestsPerPublish)
	qtyEC2Endpoint    = qty(ec2EndpointGBPerMonth)
)

// The usage of types whose quantities no workload changes, built once and
// shared by every sizing's usage (which is read, never changed: Result).
var (
	usageSNSTopic        = usage.Values{"monthly_requests": qtyAlertPublishes}
	usageSNSSubscription = usage.Values{"monthly_notifications": qtyAlertPublishes}
	usageKMSKey          = usage.Values{"monthly_requests": qtyKMSRequests}
	usageRoute53Zone     = usage.Values{"monthly_queries": qtyZero}
	usageVPCEndpoint     = usage.Values{"monthly_data_processed_gb": qtyEC2Endpoint}
)

// addSecurityUsage adds the usage of the security and logging resources
// (log bucket, flow logs, WAF, database log exports and monitoring, the
// alert topic, the EC2 endpoint). Log groups and buckets other than the
// app's and the static bucket are set by logical name (spec/names.go), so
// the app's type defaults never price them.
func addSecurityUsage(u *usage.Usage, s spec.Spec, w spec.Workload, t traffic, m Model) {
	month := float64(SecondsPerMonth)
	gb := func(bytes float64) float64 { return bytes / 1e9 }
	stored := func(monthly float64, days int) float64 { return monthly * float64(days) / 30 }
	logGroup := func(name string, monthly float64, days int) {
		u.Resources[name] = usage.Values{"monthly_data_ingested_gb": qty(monthly), "storage_gb": qty(stored(monthly, days))}
	}
	retention := s.Observability.LogRetentionDays
	az := float64(max(1, s.Network.AZCount))

	if s.Security.AccessLogs {
		originReqs, viewerReqs := t.originAvg*month, t.avg*month
		bytes := originReqs * albLogBytesPerRequest
		puts := az * albLogFilesPerNodeHour * 730
		if s.CDN.Enabled {
			// The static bucket's requests: CDN misses and uploads.
			s3Reqs := t.avg*w.EdgeCacheableShare*(1-w.CDNHitRatio)*month + m.AssetUploadsPerMonth
			bytes += viewerReqs*cdnLogBytesPerRequest + s3Reqs*s3LogBytesPerRequest
			puts += (cdnLogFilesPerHour + s3LogFilesPerHour) * 730
		}
		u.Resources[s.LogBucketName()] = usage.Values{
			"storage_gb":             qty(stored(gb(bytes), s.Security.LogRetentionDays)),
			"monthly_tier1_requests": qty(puts),
			"monthly_tier2_requests": qtyZero,
		}
	}

	if s.Security.FlowLogs {
		nats := 0.0
		switch s.Network.NATMode {
		case spec.NATSingle:
			nats = 1
		case spec.NATPerAZ:
			nats = az
		}
		dbs := float64(s.Database.Shards * (1 + s.Database.ReadReplicas))
		caches := 0.0
		if s.Cache.Enabled {
			caches = float64(s.Cache.Shards * (1 + s.Cache.ReplicasPerShard))
		}
		enis := az + nats + float64(s.Compute.DesiredCapacity) + dbs + caches
		if s.Security.VPCEndpoints {
			enis += az
		}
		// Each ALB connection is two records (one per direction).
		records := 2*t.originAvg/m.RequestsPerConnection*month + enis*flowBackgroundRecordsPerENIHour*730
		logGroup(s.FlowLogGroupName(), gb(records*flowRecordBytes), retention)
	}

	if s.Security.WAF {
		acl := func(scope string, requests float64) {
			u.Resources[s.WebACLName(scope)] = usage.Values{"monthly_requests": qty(math.Round(requests))}
			logGroup(s.WAFLogGroupName(scope), gb(requests*wafLoggedShare*wafLogRecordBytes), retention)
		}
		acl(spec.WAFScopeALB, t.originAvg*month)
		if s.CDN.Enabled {
			acl(spec.WAFScopeCDN, t.avg*month)
		}
	}

	primaries, replicas := s.DBInstanceNames()
	if s.Database.LogExports {
		// Every instance logs the same: its log groups share one map per
		// log (the usage is read, never changed).
		pg := usage.Values{"monthly_data_ingested_gb": qty(dbLogGBPerMonth), "storage_gb": qty(stored(dbLogGBPerMonth, retention))}
		up := usage.Values{"monthly_data_ingested_gb": qty(dbUpgradeLogGBPerMonth), "storage_gb": qty(stored(dbUpgradeLogGBPerMonth, retention))}
		for _, dbs := range [][]string{primaries, replicas} {
			for _, db := range dbs {
				u.Resources[spec.DBLogGroupName(db, "postgresql")] = pg
				u.Resources[spec.DBLogGroupName(db, "upgrade")] = up
			}
		}
	}
	rds := u.TypeDefaults[resource.TypeRDSInstance]
	if rds == nil {
		rds = usage.Values{}
		u.TypeDefaults[resource.TypeRDSInstance] = rds
	}
	if iv := s.Database.MonitoringInterval; iv > 0 {
		rds["enhanced_monitoring_gb"] = qty(gb(month / float64(iv) * enhancedMonitoringSampleBytes))
	}
	rds["monthly_secret_requests"] = qty(float64(s.Compute.DesiredCapacity) * secretReadsPerInstanceHour * 730)

	u.TypeDefaults[resource.TypeSNSTopic] = usageSNSTopic
	u.TypeDefaults[resource.TypeSNSSubscription] = usageSNSSubscription
	u.TypeDefaults[resource.TypeKMSKey] = usageKMSKey
	// Alias queries to CloudFront and the ALB are free; the certificate
	// validation records are looked up a handful of times a year.
	u.TypeDefaults[resource.TypeRoute53Zone] = usageRoute53Zone
	if s.Security.VPCEndpoints {
		u.TypeDefaults[resource.TypeVPCEndpoint] = usageVPCEndpoint
	}
}
