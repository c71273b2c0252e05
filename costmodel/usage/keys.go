package usage

// Key documents one usage key: its name and unit.
type Key struct {
	Name        string
	Unit        string
	Description string
}

// Known lists, per type token, every usage key the pricers read. The usage
// file parser rejects any other key. This is the one home of the key list;
// docs/usage.md is generated from it.
var Known = map[string][]Key{
	"aws:lb/loadBalancer:LoadBalancer": {
		{"new_connections_per_second", "connections/s", "average new connections per second"},
		{"active_connections_per_minute", "connections/min", "average concurrent active connections, sampled per minute"},
		{"processed_gb_per_hour", "GB/h", "average bytes processed per hour (requests + responses)"},
		{"rule_evaluations_per_second", "evaluations/s", "billable listener-rule evaluations per second (beyond the 10 free per request)"},
	},
	"aws:cloudfront/distribution:Distribution": {
		{"monthly_data_transfer_to_internet_gb", "GB/month", "data served from edge locations to viewers"},
		{"monthly_data_transfer_to_origin_gb", "GB/month", "data sent from edges to the origin (POST/PUT bodies)"},
		{"monthly_http_requests", "requests/month", "HTTP requests"},
		{"monthly_https_requests", "requests/month", "HTTPS requests"},
	},
	"aws:ec2/natGateway:NatGateway": {
		{"monthly_data_processed_gb", "GB/month", "data processed by the NAT gateway"},
	},
	"aws:ec2/instance:Instance": {
		{"monthly_hours", "hours/month", "hours the instance runs (default 730)"},
	},
	"aws:autoscaling/group:Group": {
		{"instances", "instances", "average running instances (default: desired capacity)"},
		{"monthly_hours", "hours/month", "hours each instance runs (default 730)"},
	},
	"aws:rds/instance:Instance": {
		{"monthly_hours", "hours/month", "hours the instance runs (default 730)"},
		{"additional_backup_storage_gb", "GB", "backup storage beyond the free allowance (100 % of provisioned storage)"},
	},
	"aws:rds/cluster:Cluster": {
		{"storage_gb", "GB", "average Aurora cluster storage"},
		{"monthly_io_requests", "requests/month", "Aurora Standard I/O requests"},
		{"backup_storage_gb", "GB", "backup storage beyond the free allowance"},
	},
	"aws:elasticache/replicationGroup:ReplicationGroup": {
		{"snapshot_storage_gb", "GB", "snapshot storage beyond the free one-snapshot allowance"},
	},
	"aws:elasticache/cluster:Cluster": {
		{"snapshot_storage_gb", "GB", "snapshot storage beyond the free one-snapshot allowance"},
	},
	"aws:ebs/volume:Volume": {
		{"monthly_snapshot_gb", "GB", "snapshot storage of this volume"},
	},
	"aws:s3/bucketV2:BucketV2": {
		{"storage_gb", "GB", "average Standard storage"},
		{"monthly_tier1_requests", "requests/month", "PUT, COPY, POST and LIST requests"},
		{"monthly_tier2_requests", "requests/month", "GET and all other requests"},
	},
	"aws:s3/bucket:Bucket": {
		{"storage_gb", "GB", "average Standard storage"},
		{"monthly_tier1_requests", "requests/month", "PUT, COPY, POST and LIST requests"},
		{"monthly_tier2_requests", "requests/month", "GET and all other requests"},
	},
	"aws:cloudwatch/logGroup:LogGroup": {
		{"monthly_data_ingested_gb", "GB/month", "log data ingested (standard class)"},
		{"storage_gb", "GB", "archived log data held"},
	},
	"aws:cloudwatch/metricAlarm:MetricAlarm": {},
	"aws:cloudwatch/dashboard:Dashboard":     {},
	DataTransferType: {
		{"monthly_internet_out_gb", "GB/month", "data from the region's EC2/ALB to the internet (not via CloudFront)"},
		{"monthly_inter_az_gb", "GB/month", "data crossing AZs inside the region, counted once per GB moved"},
		{"custom_metrics", "metrics", "custom CloudWatch metrics published by the application"},
	},
}
