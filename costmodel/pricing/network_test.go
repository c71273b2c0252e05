package pricing

import (
	"testing"

	"github.com/tiercost/tiercost/costmodel/resource"
)

func TestNetworkAndStorage(t *testing.T) {
	runCases(t, []pricerCase{
		{
			name: "NAT gateway hours and GB; its EIP is one address",
			recs: []resource.Record{
				rec("aws:ec2/eip:Eip", "nat-ip", map[string]any{"domain": "vpc"}),
				rec("aws:ec2/natGateway:NatGateway", "nat", map[string]any{"allocationId": "eipalloc-1"}),
			},
			usage: usageOf(map[string]map[string]string{"nat": {"monthly_data_processed_gb": "1000"}}),
			want: []want{
				{"nat", "NAT gateway", "730", "32.85"},           // 730 × 0.045
				{"nat", "Data processed", "1000", "45"},          // 1,000 × 0.045
				{"nat-ip", "Public IPv4 address", "730", "3.65"}, // 730 × 0.005
			},
			absent: []string{"nat|Public IPv4 address"},
		},
		{
			name:  "EBS gp3 volume with snapshots",
			recs:  []resource.Record{rec("aws:ebs/volume:Volume", "data", map[string]any{"size": 200.0, "type": "gp3", "iops": 4000.0, "throughput": 200.0})},
			usage: usageOf(map[string]map[string]string{"data": {"monthly_snapshot_gb": "100"}}),
			want: []want{
				{"data", "Storage (general purpose SSD, gp3)", "200", "16"},     // 200 × 0.08
				{"data", "Provisioned IOPS (above 3,000)", "1000", "5"},         // 1,000 × 0.005
				{"data", "Provisioned throughput (above 125 MiB/s)", "75", "3"}, // 75 × 0.04
				{"data", "Snapshot storage", "100", "5"},                        // 100 × 0.05
			},
		},
		{
			name: "EBS volume without type is gp2",
			recs: []resource.Record{rec("aws:ebs/volume:Volume", "data", map[string]any{"size": 50.0})},
			want: []want{{"data", "Storage (general purpose SSD, gp2)", "50", "5"}}, // 50 × 0.10
		},
		{
			name:  "S3 storage across the 50 TB tier, requests",
			recs:  []resource.Record{rec("aws:s3/bucketV2:BucketV2", "assets", map[string]any{})},
			usage: usageOf(map[string]map[string]string{"assets": {"storage_gb": "60000", "monthly_tier1_requests": "1000000", "monthly_tier2_requests": "10000000"}}),
			want: []want{
				{"assets", "Standard storage (first 50 TB)", "51200", "1177.6"},    // 51,200 × 0.023
				{"assets", "Standard storage (next 450 TB)", "8800", "193.6"},      // 8,800 × 0.022
				{"assets", "PUT, COPY, POST, LIST requests", "1000000", "5"},       // 1M × $0.005/1k
				{"assets", "GET, SELECT, and all other requests", "10000000", "4"}, // 10M × $0.0004/1k
			},
		},
		{
			name: "S3 bucket without usage still shows its lines at zero",
			recs: []resource.Record{rec("aws:s3/bucket:Bucket", "logs", map[string]any{})},
			want: []want{
				{"logs", "Standard storage (first 50 TB)", "0", "0"},
				{"logs", "PUT, COPY, POST, LIST requests", "0", "0"},
				{"logs", "GET, SELECT, and all other requests", "0", "0"},
			},
		},
	})
}

func TestCloudWatch(t *testing.T) {
	alarms := func(n int) []resource.Record {
		var out []resource.Record
		for i := 0; i < n; i++ {
			out = append(out, rec("aws:cloudwatch/metricAlarm:MetricAlarm", "alarm-"+string(rune('a'+i)), map[string]any{"period": 300.0}))
		}
		return out
	}
	logs := rec("aws:cloudwatch/logGroup:LogGroup", "app-logs", map[string]any{})
	logUsage := usageOf(map[string]map[string]string{"app-logs": {"monthly_data_ingested_gb": "20", "storage_gb": "100"}})
	runCases(t, []pricerCase{
		{
			name:  "log group ingestion and storage",
			recs:  []resource.Record{logs},
			usage: logUsage,
			want: []want{
				{"app-logs", "Data ingested", "20", "10"},    // 20 × 0.50
				{"app-logs", "Archival storage", "100", "3"}, // 100 × 0.03
			},
		},
		{
			name:     "log group with free tier: 5 GB off ingestion first",
			recs:     []resource.Record{logs},
			usage:    logUsage,
			purchase: PurchaseOptions{FreeTier: true},
			want: []want{
				{"app-logs", "Data ingested", "15", "7.5"},   // (20 − 5) × 0.50
				{"app-logs", "Archival storage", "100", "3"}, // allowance used up
			},
		},
		{
			name: "alarms: standard, high resolution, metric math",
			recs: []resource.Record{
				rec("aws:cloudwatch/metricAlarm:MetricAlarm", "std", map[string]any{"period": 300.0}),
				rec("aws:cloudwatch/metricAlarm:MetricAlarm", "fast", map[string]any{"period": 10.0}),
				rec("aws:cloudwatch/metricAlarm:MetricAlarm", "math", map[string]any{"metricQueries": []any{
					map[string]any{"id": "m1", "metricStat": map[string]any{"period": 60.0}},
					map[string]any{"id": "m2", "metricStat": map[string]any{"period": 60.0}},
					map[string]any{"id": "m3", "metricStat": map[string]any{"period": 60.0}},
					map[string]any{"id": "e1", "expression": "m1+m2+m3"},
				}}),
			},
			want: []want{
				{"std", "Standard resolution alarm metrics", "1", "0.1"},
				{"fast", "High resolution alarm metrics", "1", "0.3"},
				{"math", "Standard resolution alarm metrics", "3", "0.3"}, // 3 metrics × 0.10
			},
		},
		{
			name:     "alarm free tier covers the first 10",
			recs:     alarms(12),
			purchase: PurchaseOptions{FreeTier: true},
			want: []want{
				{"alarm-a", "Standard resolution alarm metrics", "0", "0"},
				{"alarm-j", "Standard resolution alarm metrics", "0", "0"},
				{"alarm-k", "Standard resolution alarm metrics", "1", "0.1"},
				{"alarm-l", "Standard resolution alarm metrics", "1", "0.1"},
			},
		},
		{
			name: "dashboard price not in the catalog",
			recs: []resource.Record{rec("aws:cloudwatch/dashboard:Dashboard", "main", map[string]any{})},
			want: []want{{"main", "Dashboard", "1", "notfound"}},
		},
	})
}
