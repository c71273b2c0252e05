package spec

import (
	"fmt"
	"strings"

	"github.com/tiercost/tiercost/costmodel/inputfile"
)

// Tier names, smallest first.
var Tiers = []string{"1k", "10k", "100k", "1m"}

// TierUsers returns the monthly active users a tier is named for.
func TierUsers(tier string) (float64, error) {
	switch tier {
	case "1k":
		return 1_000, nil
	case "10k":
		return 10_000, nil
	case "100k":
		return 100_000, nil
	case "1m":
		return 1_000_000, nil
	}
	return 0, unknownTier(tier)
}

func unknownTier(tier string) error {
	return fmt.Errorf("tier %s is unknown; allowed: %s", inputfile.Choice(tier), strings.Join(Tiers, ", "))
}

// ParseTier reads a tier name as written in a file: case carries no
// meaning (10K is 10k). The error quotes the name as written, since
// lower-casing it would hide the mixed case that marks a secret.
func ParseTier(written string) (string, error) {
	tier := strings.ToLower(written)
	if _, err := TierUsers(tier); err != nil {
		return "", unknownTier(written)
	}
	return tier, nil
}

// DefaultSpec returns a tier's architecture: which layers exist and the
// switches the article in shared/seed asks for at that size. Sized fields
// (types and counts) hold documented starting values; the capacity model
// replaces them with sizes derived from the tier's workload. The compute
// instance type is the base of the tier's compute ladder: sizing keeps its
// family (or the other architecture's counterpart, when asked) and never
// goes below its size.
func DefaultSpec(tier string) (Spec, error) {
	if _, err := TierUsers(tier); err != nil {
		return Spec{}, err
	}
	s := Spec{
		Name:         "tc",
		Tier:         tier,
		Region:       "us-east-1",
		Network:      NetworkSpec{CIDR: "10.0.0.0/16", AZCount: 2, NATMode: NATSingle},
		LoadBalancer: LoadBalancerSpec{HealthCheckPath: "/healthz", AppPort: 8080},
		CDN:          CDNSpec{Enabled: false, PriceClass: "PriceClass_100"},
		Database: DatabaseSpec{
			Engine: "postgres", EngineVersion: "16.4", InstanceClass: "db.t4g.micro",
			Shards: 1, StorageType: "gp3", AllocatedStorageGB: 20, BackupRetentionDays: 7,
		},
		Cache: CacheSpec{Engine: "valkey", EngineVersion: "8.0", NodeType: "cache.t4g.micro", Shards: 1},
		Compute: ComputeSpec{
			InstanceType: "t4g.small", Architecture: "arm64", MinSize: 1, DesiredCapacity: 1, MaxSize: 2,
			RootVolumeGB: 20, RootVolumeType: "gp3", TargetCPUPercent: 55, TargetRequestsPerTarget: 1000,
		},
		Observability: ObservabilitySpec{LogRetentionDays: 7},
	}
	switch tier {
	case "1k":
		// "At a low scale, simplicity wins": one app instance behind the
		// ALB, one small database, no cache, no CDN. Graviton burstable
		// sizes (t4g.small, db.t4g.micro) are the cheapest that run a
		// monolith; max 2 leaves room for a rolling deploy. One shared NAT.
	case "10k":
		// Caching "between 5K to 20K users" and a CDN in front of the app.
		// Two app instances (one per AZ) so a deploy or an instance loss
		// keeps serving; db.t4g.medium doubles memory for the buffer cache;
		// one cache.t4g.micro node holds sessions and hot reads. The app
		// stays on the burstable t4g ladder from t4g.small.
		s.Cache.Enabled = true
		s.CDN.Enabled = true
		s.Compute.InstanceType, s.Compute.MinSize, s.Compute.DesiredCapacity, s.Compute.MaxSize = "t4g.small", 2, 2, 4
		s.Database.InstanceClass, s.Database.AllocatedStorageGB = "db.t4g.medium", 50
		s.Observability.LogRetentionDays = 14
	case "100k":
		// The database is "the first major bottleneck" (FAQ 3): read
		// replicas and Multi-AZ; observability "beyond 50K users" (FAQ 7);
		// no single point of failure: three AZs and a NAT per AZ. Fixed-
		// performance c7g/r6g sizes because burst credits run out under
		// steady load (compute-optimised c7g: the stateless app is CPU-
		// bound); the cache gets a replica so failover has a target.
		s.Network.AZCount, s.Network.NATMode = 3, NATPerAZ
		s.CDN.Enabled = true
		s.Cache.Enabled, s.Cache.NodeType, s.Cache.ReplicasPerShard = true, "cache.m6g.large", 1
		s.Database.InstanceClass, s.Database.MultiAZ, s.Database.ReadReplicas = "db.r6g.large", true, 1
		s.Database.AllocatedStorageGB, s.Database.BackupRetentionDays = 200, 14
		s.Compute.InstanceType, s.Compute.MinSize, s.Compute.DesiredCapacity, s.Compute.MaxSize = "c7g.large", 3, 4, 10
		s.Compute.ScalingPolicies = true
		s.Observability = ObservabilitySpec{LogRetentionDays: 30, Alarms: true}
	case "1m":
		// "A single database instance becomes insufficient": the
		// architecture may shard writes (the capacity model adds shards
		// only when one writer at the largest class cannot carry them),
		// each shard Multi-AZ with replicas; load balancing, CDN and
		// caching "are essential"; deep observability with a dashboard.
		// Compute-optimised c7g for the stateless fleet; the cache in
		// cluster mode so it can shard, with a replica per shard.
		s.Network.AZCount, s.Network.NATMode = 3, NATPerAZ
		// PriceClass_100 (North America and Europe edges), as in the lower
		// tiers: the embedded catalog prices only those CloudFront groups,
		// so a wider class would leave Asia and India traffic unpriced.
		// Set cdn.price_class in an environment to serve a global audience.
		s.CDN.Enabled = true
		s.Cache.Enabled, s.Cache.NodeType, s.Cache.ClusterMode, s.Cache.Shards, s.Cache.ReplicasPerShard = true, "cache.r6g.large", true, 3, 1
		s.Database.InstanceClass, s.Database.MultiAZ, s.Database.ReadReplicas, s.Database.Shards, s.Database.Sharded = "db.r6g.xlarge", true, 2, 1, true
		s.Database.AllocatedStorageGB, s.Database.BackupRetentionDays = 500, 35
		s.Compute.InstanceType, s.Compute.MinSize, s.Compute.DesiredCapacity, s.Compute.MaxSize = "c7g.large", 6, 9, 24
		s.Compute.ScalingPolicies = true
		s.Observability = ObservabilitySpec{LogRetentionDays: 90, Alarms: true, Dashboard: true, DetailedMonitoring: true}
	}
	securityDefaults(&s) // app, domain and security settings: security.go
	return s, nil
}
