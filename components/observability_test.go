package components

import (
	"encoding/json"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/tiercost/tiercost/components/spec"
	"github.com/tiercost/tiercost/costmodel/golden"
)

func TestObservabilityAlarms(t *testing.T) {
	tests := []struct {
		name       string
		spec       spec.ObservabilitySpec
		dbs, reps  []string
		cacheNodes []string
		alarms     int
		dashboards int
	}{
		{"logs only", spec.ObservabilitySpec{LogRetentionDays: 7}, []string{"db"}, nil, nil, 0, 0},
		// 5xx + p95 + 1 db cpu + 1 lag + 1 evictions = 5
		{"core", spec.ObservabilitySpec{LogRetentionDays: 30, Alarms: true}, []string{"db"}, []string{"db-r0"}, []string{"c-001"}, 5, 0},
		// core 2 + 2 cpu + 4 lag + 3 evictions = 11; extended 2 storage +
		// app cpu + unhealthy + 3 cache cpu = 7; 18 in all.
		{"extended", spec.ObservabilitySpec{LogRetentionDays: 90, Alarms: true, Dashboard: true, DetailedMonitoring: true},
			[]string{"s0", "s1"}, []string{"s0-r0", "s0-r1", "s1-r0", "s1-r1"}, []string{"c-0001-001", "c-0002-001", "c-0003-001"}, 18, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rs := run(t, func(ctx *pulumi.Context) error {
				_, err := NewObservability(ctx, "o", &ObservabilityArgs{
					Spec: tt.spec, NamePrefix: "tc-prod", Region: "us-east-1",
					AlbArnSuffix: pulumi.String("app/alb/1"), TargetGroupArnSuffix: pulumi.String("targetgroup/tg/2"), AutoscalingGroupName: pulumi.String("asg"),
					DBPrimaryIdentifiers: tt.dbs, DBReplicaIdentifiers: tt.reps, DBAllocatedStorageGB: 500, CacheNodeIDs: tt.cacheNodes,
				})
				return err
			})
			c := rs.counts()
			if c["aws:cloudwatch/metricAlarm:MetricAlarm"] != tt.alarms || c["aws:cloudwatch/dashboard:Dashboard"] != tt.dashboards {
				t.Errorf("alarms=%d dashboards=%d, want %d, %d", c["aws:cloudwatch/metricAlarm:MetricAlarm"], c["aws:cloudwatch/dashboard:Dashboard"], tt.alarms, tt.dashboards)
			}
			lg := rs.ofType("aws:cloudwatch/logGroup:LogGroup")[0]
			if lg.num("retentionInDays") != float64(tt.spec.LogRetentionDays) || lg.str("name") != "/tiercost/tc-prod/app" {
				t.Errorf("log group %v", lg.Inputs)
			}
			if tt.alarms > 0 {
				lag := rs.named("o-alarm-replica-lag-" + tt.reps[0])
				if lag.str("metricName") != "ReplicaLag" || lag.str("dimensions.DBInstanceIdentifier") != tt.reps[0] || lag.num("threshold") != 30 {
					t.Errorf("replica lag alarm %v", lag.Inputs)
				}
				rate := rs.named("o-alarm-alb-5xx-rate")
				if q := rate.get("metricQueries").([]any); len(q) != 3 {
					t.Errorf("5xx rate alarm has %d queries, want expression + 2 metrics", len(q))
				}
			}
			if tt.spec.DetailedMonitoring {
				st := rs.named("o-alarm-db-storage-s0")
				// 10 % of 500 GB = 50 GB = 50e9 bytes
				if st.num("threshold") != 50e9 || st.num("period") != 60 {
					t.Errorf("storage alarm %v", st.Inputs)
				}
			}
		})
	}
}

func TestCacheNodeIDs(t *testing.T) {
	if got, want := CacheNodeIDs("g", false, 1), []string{"g-001"}; !reflect.DeepEqual(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
	if got, want := CacheNodeIDs("g", true, 2), []string{"g-0001-001", "g-0002-001"}; !reflect.DeepEqual(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

// TestDashboardBody compares the rendered dashboard with its golden file.
func TestDashboardBody(t *testing.T) {
	body, err := DashboardBody("eu-west-1", "app/alb/1", "targetgroup/tg/2", "asg-1", []string{"tc-db-shard-0", "tc-db-shard-1"}, []string{"tc-cache-0001-001"})
	if err != nil {
		t.Fatal(err)
	}
	var v struct {
		Widgets []struct {
			Properties struct {
				Title, Region string
				Metrics       [][]any
			}
		}
	}
	if err := json.Unmarshal([]byte(body), &v); err != nil {
		t.Fatal(err)
	}
	// traffic, latency, fleet CPU, database CPU (2 metrics), cache memory
	if len(v.Widgets) != 5 || len(v.Widgets[3].Properties.Metrics) != 2 || v.Widgets[0].Properties.Region != "eu-west-1" {
		t.Errorf("dashboard structure %+v", v)
	}
	var pretty map[string]any
	_ = json.Unmarshal([]byte(body), &pretty)
	got, _ := json.MarshalIndent(pretty, "", "  ")
	golden.Assert(t, filepath.Join("testdata", "dashboard.golden.json"), append(got, '\n'))
}
