package components

import (
	"fmt"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/tiercost/tiercost/components/spec"
)

func dbSpec(shards, replicas int) spec.DatabaseSpec {
	return spec.DatabaseSpec{
		Engine: "postgres", EngineVersion: "16.4", InstanceClass: "db.r6g.large", MultiAZ: true,
		ReadReplicas: replicas, Shards: shards, StorageType: "gp3", AllocatedStorageGB: 500,
		IOPS: 12000, StorageThroughput: 500, BackupRetentionDays: 14,
	}
}

func TestDatabaseShardsAndReplicas(t *testing.T) {
	tests := []struct {
		shards, replicas int
		primaries        []string // logical names
	}{
		{1, 0, []string{"d-db"}},
		{1, 2, []string{"d-db"}},
		{2, 1, []string{"d-db-shard-0", "d-db-shard-1"}},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%dx%d", tt.shards, tt.replicas), func(t *testing.T) {
			rs := run(t, func(ctx *pulumi.Context) error {
				_, err := NewDatabase(ctx, "d", &DatabaseArgs{
					Spec: dbSpec(tt.shards, tt.replicas), IdentifierPrefix: "tc-prod", Production: true,
					VpcID: pulumi.String("vpc-1"), PrivateSubnetIDs: pulumi.ToStringArray([]string{"p0", "p1"}),
					AppSecurityGroupID: pulumi.String("sg-app"),
				})
				return err
			})
			dbs := rs.ofType("aws:rds/instance:Instance")
			// shards * (1 + replicas) instances
			if want := tt.shards * (1 + tt.replicas); len(dbs) != want {
				t.Fatalf("%d instances, want %d", len(dbs), want)
			}
			for _, name := range tt.primaries {
				p := rs.named(name)
				id := "tc-prod-" + strings.TrimPrefix(name, "d-")
				checks := map[string]any{
					"identifier": id, "engine": "postgres", "engineVersion": "16.4", "instanceClass": "db.r6g.large",
					"allocatedStorage": 500.0, "storageType": "gp3", "iops": 12000.0, "storageThroughput": 500.0,
					"multiAz": true, "storageEncrypted": true, "publiclyAccessible": false, "manageMasterUserPassword": true,
					"backupRetentionPeriod": 14.0, "skipFinalSnapshot": false, "finalSnapshotIdentifier": id + "-final",
					"dbSubnetGroupName": "d-db-subnets", "parameterGroupName": "d-db-params",
				}
				for k, want := range checks {
					if got := p.get(k); got != want {
						t.Errorf("%s.%s = %v, want %v", name, k, got, want)
					}
				}
				if p.has("password") {
					t.Errorf("%s has a password", name)
				}
				for j := 0; j < tt.replicas; j++ {
					r := rs.named(fmt.Sprintf("%s-replica-%d", name, j))
					if r.str("replicateSourceDb") != id || r.str("identifier") != fmt.Sprintf("%s-replica-%d", id, j) {
						t.Errorf("replica %d of %s: source %q identifier %q", j, name, r.str("replicateSourceDb"), r.str("identifier"))
					}
					for _, k := range []string{"engine", "storageType", "allocatedStorage", "username", "manageMasterUserPassword"} {
						if r.has(k) {
							t.Errorf("replica %s sets %s; it must inherit it from the source", r.Name, k)
						}
					}
					if r.get("storageEncrypted") != true || r.get("publiclyAccessible") != false || r.str("instanceClass") != "db.r6g.large" {
						t.Errorf("replica %s inputs %v", r.Name, r.Inputs)
					}
				}
			}
			pg := rs.ofType("aws:rds/parameterGroup:ParameterGroup")[0]
			if pg.str("family") != "postgres16" {
				t.Errorf("parameter family %q", pg.str("family"))
			}
			sn := rs.ofType("aws:rds/subnetGroup:SubnetGroup")[0].get("subnetIds").([]any)
			if len(sn) != 2 || sn[0] != "p0" || sn[1] != "p1" {
				t.Errorf("subnet group %v", sn)
			}
		})
	}
}

// TestDatabaseHardening: every primary keeps a final snapshot whatever the
// environment (it holds the data); the spec's port, IAM authentication,
// log exports (into log groups made first, with a retention), enhanced
// monitoring and deletion protection reach primaries and replicas; the
// three event subscriptions notify the alert topic.
func TestDatabaseHardening(t *testing.T) {
	d := dbSpec(1, 1)
	d.Port, d.IAMAuth, d.LogExports, d.MonitoringInterval, d.DeletionProtection = 5433, true, true, 60, true
	rs := run(t, func(ctx *pulumi.Context) error {
		_, err := NewDatabase(ctx, "d", &DatabaseArgs{
			Spec: d, IdentifierPrefix: "tc-dev", AlertTopicArn: pulumi.String("arn:topic"), LogRetentionDays: 7,
			VpcID: pulumi.String("v"), PrivateSubnetIDs: pulumi.ToStringArray([]string{"p0"}), AppSecurityGroupID: pulumi.String("sg"),
		})
		return err
	})
	p := rs.named("d-db")
	if p.get("skipFinalSnapshot") != false || p.str("finalSnapshotIdentifier") != "tc-dev-db-final" {
		t.Errorf("dev primary keeps no final snapshot: %v", p.Inputs)
	}
	for _, name := range []string{"d-db", "d-db-replica-0"} {
		r := rs.named(name)
		id := r.str("identifier")
		if r.num("port") != 5433 || r.get("iamDatabaseAuthenticationEnabled") != true || r.get("deletionProtection") != true ||
			r.num("monitoringInterval") != 60 || r.str("monitoringRoleArn") == "" || r.get("copyTagsToSnapshot") != true {
			t.Errorf("%s inputs %v", name, r.Inputs)
		}
		exports, _ := r.get("enabledCloudwatchLogsExports").([]any)
		if len(exports) != 2 || exports[0] != "postgresql" || exports[1] != "upgrade" {
			t.Errorf("%s exports %v", name, exports)
		}
		for _, log := range []string{"postgresql", "upgrade"} {
			g := rs.named(name + "-log-" + log)
			if g.str("name") != "/aws/rds/instance/"+id+"/"+log || g.num("retentionInDays") != 7 {
				t.Errorf("log group %s: %v", g.Name, g.Inputs)
			}
		}
	}
	if sg := rs.named("d-db-sg").get("ingress").([]any)[0].(map[string]any); sg["fromPort"] != 5433.0 {
		t.Errorf("database SG %v, want port 5433", sg)
	}
	subs := rs.ofType("aws:rds/eventSubscription:EventSubscription")
	if len(subs) != 3 {
		t.Fatalf("%d event subscriptions, want 3", len(subs))
	}
	for _, s := range subs {
		if s.str("snsTopic") != "arn:topic" {
			t.Errorf("%s notifies %q", s.Name, s.str("snsTopic"))
		}
	}
	if ids := rs.named("d-db-events-instances").get("sourceIds").([]any); len(ids) != 2 {
		t.Errorf("instance subscription sources %v, want the primary and the replica", ids)
	}
}

func TestParameterFamily(t *testing.T) {
	tests := []struct{ engine, version, want, err string }{
		{"postgres", "16.4", "postgres16", ""},
		{"postgres", "17", "postgres17", ""},
		{"mysql", "8.0", "", "allowed: postgres"},
		{"postgres", "", "", "allowed: postgres"},
	}
	for _, tt := range tests {
		got, err := ParameterFamily(tt.engine, tt.version)
		if got != tt.want || (tt.err == "") != (err == nil) || (err != nil && !strings.Contains(err.Error(), tt.err)) {
			t.Errorf("ParameterFamily(%q, %q) = %q, %v", tt.engine, tt.version, got, err)
		}
	}
}
