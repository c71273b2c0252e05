package pricing

import (
	"strings"
	"testing"

	"github.com/tiercost/tiercost/costmodel/catalog"
	"github.com/tiercost/tiercost/costmodel/resource"
)

const rdsInstanceType = "aws:rds/instance:Instance"

func TestRDSInstance(t *testing.T) {
	primary := rec(rdsInstanceType, "db-primary", map[string]any{"identifier": "primary-db", "engine": "postgres",
		"instanceClass": "db.t3.medium", "storageType": "gp3", "allocatedStorage": 100.0})
	primary.Outputs = map[string]any{"arn": "arn:aws:rds:us-east-1:123456789012:db:primary-db"}
	runCases(t, []pricerCase{
		{
			name: "Multi-AZ from its own price, never doubled",
			recs: []resource.Record{rec(rdsInstanceType, "db", map[string]any{"engine": "postgres", "instanceClass": "db.t3.medium",
				"multiAz": true, "storageType": "gp3", "allocatedStorage": 100.0})},
			want: []want{
				// Multi-AZ 0.145 $/h × 730 = $105.85 (not 2 × 52.56 = 105.12)
				{"db", "Database instance (on-demand, Multi-AZ, db.t3.medium)", "730", "105.85"},
				// 100 GB × 0.23 (Multi-AZ gp3) = $23.00
				{"db", "Storage (general purpose SSD, gp3, Multi-AZ)", "100", "23"},
				{"db", "Backup storage (beyond free allowance)", "0", "0"},
			},
		},
		{
			name: "Single-AZ",
			recs: []resource.Record{rec(rdsInstanceType, "db", map[string]any{"engine": "postgres", "instanceClass": "db.t3.medium", "storageType": "gp3", "allocatedStorage": 20.0})},
			want: []want{
				{"db", "Database instance (on-demand, Single-AZ, db.t3.medium)", "730", "52.56"}, // 0.072 × 730
				{"db", "Storage (general purpose SSD, gp3, Single-AZ)", "20", "2.3"},             // 20 × 0.115
			},
		},
		{
			name: "gp3 baseline is 12,000 IOPS at 400 GB and more",
			recs: []resource.Record{rec(rdsInstanceType, "db", map[string]any{"engine": "postgres", "instanceClass": "db.t3.medium",
				"storageType": "gp3", "allocatedStorage": 500.0, "iops": 15000.0})},
			want: []want{
				{"db", "Storage (general purpose SSD, gp3, Single-AZ)", "500", "57.5"}, // 500 × 0.115
				// (15,000 − 12,000) × 0.02 = $60.00
				{"db", "Provisioned IOPS (above 12000 baseline, Single-AZ)", "3000", "60"},
			},
		},
		{
			name: "gp3 baseline is 3,000 IOPS below 400 GB",
			recs: []resource.Record{rec(rdsInstanceType, "db", map[string]any{"engine": "postgres", "instanceClass": "db.t3.medium",
				"storageType": "gp3", "allocatedStorage": 200.0, "iops": 5000.0})},
			// (5,000 − 3,000) × 0.02 = $40.00
			want: []want{{"db", "Provisioned IOPS (above 3000 baseline, Single-AZ)", "2000", "40"}},
		},
		{
			name: "gp3 at 12,000 IOPS and 400 GB: no IOPS line",
			recs: []resource.Record{rec(rdsInstanceType, "db", map[string]any{"engine": "postgres", "instanceClass": "db.t3.medium",
				"storageType": "gp3", "allocatedStorage": 400.0, "iops": 12000.0})},
			absent: []string{"db|Provisioned IOPS (above 12000 baseline, Single-AZ)", "db|Provisioned IOPS (above 3000 baseline, Single-AZ)"},
		},
		{
			name: "replica inherits engine and storage from its source (by identifier)",
			recs: []resource.Record{primary, rec(rdsInstanceType, "db-replica", map[string]any{
				"replicateSourceDb": "primary-db", "instanceClass": "db.t4g.micro"})},
			want: []want{
				{"db-replica", "Database instance (on-demand, Single-AZ, db.t4g.micro)", "730", "11.68"}, // PostgreSQL 0.016 × 730
				{"db-replica", "Storage (general purpose SSD, gp3, Single-AZ)", "100", "11.5"},           // 100 × 0.115
			},
		},
		{
			name: "replica source matched by ARN",
			recs: []resource.Record{primary, rec(rdsInstanceType, "db-replica", map[string]any{
				"replicateSourceDb": "arn:aws:rds:us-east-1:123456789012:db:primary-db", "instanceClass": "db.t4g.micro"})},
			want: []want{{"db-replica", "Database instance (on-demand, Single-AZ, db.t4g.micro)", "730", "11.68"}},
		},
		{
			name:  "MySQL defaults: gp2, 20 GB; backup from usage",
			recs:  []resource.Record{rec(rdsInstanceType, "db", map[string]any{"engine": "mysql", "instanceClass": "db.t3.micro"})},
			usage: usageOf(map[string]map[string]string{"db": {"additional_backup_storage_gb": "50"}}),
			want: []want{
				{"db", "Database instance (on-demand, Single-AZ, db.t3.micro)", "730", "12.41"}, // 0.017 × 730
				{"db", "Storage (general purpose SSD, gp2, Single-AZ)", "20", "2.3"},            // 20 × 0.115
				{"db", "Backup storage (beyond free allowance)", "50", "4.75"},                  // 50 × 0.095
			},
		},
		{
			name: "io1: all IOPS priced (not in the reference: not found)",
			recs: []resource.Record{rec(rdsInstanceType, "db", map[string]any{"engine": "postgres", "instanceClass": "db.t3.medium",
				"storageType": "io1", "allocatedStorage": 100.0, "iops": 1000.0})},
			want: []want{
				{"db", "Storage (provisioned IOPS SSD, io1, Single-AZ)", "100", "12.5"}, // 100 × 0.125
				{"db", "Provisioned IOPS (io1, Single-AZ)", "1000", "notfound"},
			},
		},
		{
			name:  "usage monthly_hours",
			recs:  []resource.Record{rec(rdsInstanceType, "db", map[string]any{"engine": "postgres", "instanceClass": "db.t3.medium"})},
			usage: usageOf(map[string]map[string]string{"db": {"monthly_hours": "100"}}),
			want:  []want{{"db", "Database instance (on-demand, Single-AZ, db.t3.medium)", "100", "7.2"}}, // 100 × 0.072
		},
		{
			name:     "reserved database term the catalog lacks: on demand, marked",
			recs:     []resource.Record{rec(rdsInstanceType, "db", map[string]any{"engine": "postgres", "instanceClass": "db.t3.medium"})},
			purchase: PurchaseOptions{Database: catalog.Term{Kind: catalog.Reserved, Length: "1yr", Class: "standard", Payment: "No Upfront"}},
			// 730 h × 0.072 = $52.56 on demand
			want: []want{{"db", "Database instance (on-demand, Single-AZ, db.t3.medium)", "730", "52.56"}},
			check: func(t *testing.T, b Breakdown) {
				c, _ := findComponent(b, "db", "Database instance (on-demand, Single-AZ, db.t3.medium)")
				if !c.OnDemandFallback || c.Note != FallbackNote {
					t.Errorf("fallback %v note %q", c.OnDemandFallback, c.Note)
				}
			},
		},
	})
}

func TestAurora(t *testing.T) {
	cluster := rec(rdsClusterType, "aurora", map[string]any{"engine": "aurora-postgresql", "clusterIdentifier": "app-cluster"})
	cluster.Outputs = map[string]any{"id": "app-cluster"}
	runCases(t, []pricerCase{
		{
			name: "cluster storage, I/O and backup; instance engine from its cluster",
			recs: []resource.Record{cluster, rec("aws:rds/clusterInstance:ClusterInstance", "aurora-1", map[string]any{
				"clusterIdentifier": "app-cluster", "instanceClass": "db.r6g.large"})},
			usage: usageOf(map[string]map[string]string{"aurora": {"storage_gb": "100", "monthly_io_requests": "50000000", "backup_storage_gb": "10"}}),
			want: []want{
				{"aurora", "Storage (Aurora Standard)", "100", "10"},                                           // 100 × 0.10
				{"aurora", "I/O requests", "50000000", "10"},                                                   // 50M × $0.20/1M
				{"aurora", "Backup storage (beyond free allowance)", "10", "0.21"},                             // 10 × 0.021
				{"aurora-1", "Database instance (on-demand, Aurora PostgreSQL, db.r6g.large)", "730", "189.8"}, // 0.26 × 730
			},
		},
		{
			name:   "I/O-Optimized has no I/O line",
			recs:   []resource.Record{rec(rdsClusterType, "aurora", map[string]any{"engine": "aurora-postgresql", "storageType": "aurora-iopt1"})},
			want:   []want{{"aurora", "Storage (Aurora I/O-Optimized)", "0", "notfound"}},
			absent: []string{"aurora|I/O requests"},
		},
		{
			name:   "Multi-AZ DB cluster (not Aurora) is unsupported",
			recs:   []resource.Record{rec(rdsClusterType, "pgc", map[string]any{"engine": "postgres"})},
			status: map[string]string{"pgc": StatusUnsupported},
		},
	})
}

// TestAuroraInstanceIsHoursOnly: an Aurora instance's storage, I/O and
// backups are billed on its cluster, so the instance has its hours line
// and no storage or backup line (before, a 20 GB gp2 storage line was
// assumed: $2.30).
func TestAuroraInstanceIsHoursOnly(t *testing.T) {
	for _, engine := range []string{"aurora-postgresql", "aurora-mysql"} {
		r := rec(resource.TypeRDSInstance, "az", map[string]any{"engine": engine, "instanceClass": "db.r6g.large"})
		b, err := Price([]resource.Record{r}, Options{Region: use1, Catalog: catalog.Default()})
		if err != nil {
			t.Fatal(err)
		}
		cs := b.Resources[0].Components
		if len(cs) != 1 || !strings.HasPrefix(cs[0].Name, "Database instance") {
			t.Errorf("%s: components %+v, want the instance hours only", engine, cs)
		}
	}
}
