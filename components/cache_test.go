package components

import (
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/tiercost/tiercost/components/spec"
)

func TestCacheModes(t *testing.T) {
	tests := []struct {
		name     string
		spec     spec.CacheSpec
		want     map[string]any
		absent   []string
		paramGrp bool
	}{
		{
			"single node",
			spec.CacheSpec{Enabled: true, Engine: "valkey", EngineVersion: "8.0", NodeType: "cache.t4g.micro", Shards: 1},
			map[string]any{"numCacheClusters": 1.0, "automaticFailoverEnabled": false, "multiAzEnabled": false, "engine": "valkey", "nodeType": "cache.t4g.micro"},
			[]string{"clusterMode", "numNodeGroups", "replicasPerNodeGroup"}, false,
		},
		{
			"primary and replica",
			spec.CacheSpec{Enabled: true, Engine: "redis", EngineVersion: "7.1", NodeType: "cache.m6g.large", Shards: 1, ReplicasPerShard: 1},
			// 1 primary + 1 replica = 2 cache clusters
			map[string]any{"numCacheClusters": 2.0, "automaticFailoverEnabled": true, "multiAzEnabled": true, "engine": "redis"},
			[]string{"clusterMode", "numNodeGroups"}, false,
		},
		{
			"cluster mode",
			spec.CacheSpec{Enabled: true, Engine: "valkey", EngineVersion: "8.0", NodeType: "cache.r6g.large", ClusterMode: true, Shards: 3, ReplicasPerShard: 1},
			map[string]any{"clusterMode": "enabled", "numNodeGroups": 3.0, "replicasPerNodeGroup": 1.0, "automaticFailoverEnabled": true, "multiAzEnabled": true, "parameterGroupName": "c-cache-params"},
			[]string{"numCacheClusters"}, true,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rs := run(t, func(ctx *pulumi.Context) error {
				_, err := NewCache(ctx, "c", &CacheArgs{
					Spec: tt.spec, ReplicationGroupID: "tc-prod-cache",
					VpcID: pulumi.String("v"), PrivateSubnetIDs: pulumi.ToStringArray([]string{"p0", "p1"}), AppSecurityGroupID: pulumi.String("sg-app"),
				})
				return err
			})
			rg := rs.ofType("aws:elasticache/replicationGroup:ReplicationGroup")[0]
			tt.want["atRestEncryptionEnabled"] = true
			tt.want["transitEncryptionEnabled"] = true
			tt.want["replicationGroupId"] = "tc-prod-cache"
			tt.want["port"] = 6379.0
			for k, want := range tt.want {
				if got := rg.get(k); got != want {
					t.Errorf("%s = %v, want %v", k, got, want)
				}
			}
			for _, k := range tt.absent {
				if rg.has(k) {
					t.Errorf("%s set to %v; want unset", k, rg.get(k))
				}
			}
			pgs := rs.ofType("aws:elasticache/parameterGroup:ParameterGroup")
			if (len(pgs) == 1) != tt.paramGrp {
				t.Fatalf("%d parameter groups", len(pgs))
			}
			if tt.paramGrp {
				p := pgs[0].get("parameters").([]any)[0].(map[string]any)
				if pgs[0].str("family") != "valkey8" || p["name"] != "cluster-enabled" || p["value"] != "yes" {
					t.Errorf("parameter group %v", pgs[0].Inputs)
				}
			}
		})
	}
}

func TestCacheFamilyAndRejects(t *testing.T) {
	if got, err := CacheFamily("redis", "7.1"); got != "redis7" || err != nil {
		t.Errorf("CacheFamily(redis, 7.1) = %q, %v", got, err)
	}
	if _, err := CacheFamily("memcached", "1.6"); err == nil {
		t.Error("memcached accepted")
	}
	err := pulumi.RunErr(func(ctx *pulumi.Context) error {
		_, err := NewCache(ctx, "c", &CacheArgs{
			Spec:               spec.CacheSpec{Engine: "valkey", EngineVersion: "8.0", NodeType: "cache.t4g.micro", Shards: 1},
			ReplicationGroupID: strings.Repeat("x", 41),
		})
		return err
	}, pulumi.WithMocks("tiercost", "test", &recorder{}))
	if err == nil || !strings.Contains(err.Error(), "1 to 40 characters") {
		t.Errorf("err = %v", err)
	}
}
