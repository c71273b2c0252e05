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

func TestDatabaseNonProdSkipsFinalSnapshot(t *testing.T) {
	rs := run(t, func(ctx *pulumi.Context) error {
		_, err := NewDatabase(ctx, "d", &DatabaseArgs{
			Spec: dbSpec(1, 0), IdentifierPrefix: "tc-dev",
			VpcID: pulumi.String("v"), PrivateSubnetIDs: pulumi.ToStringArray([]string{"p0"}), AppSecurityGroupID: pulumi.String("sg"),
		})
		return err
	})
	p := rs.named("d-db")
	if p.get("skipFinalSnapshot") != true || p.has("finalSnapshotIdentifier") || p.get("deletionProtection") != false {
		t.Errorf("dev primary inputs %v", p.Inputs)
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
