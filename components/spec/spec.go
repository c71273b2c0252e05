// Package spec owns the plain description of one deployment of the tiercost
// platform: instance types, counts and switches. It has no Pulumi imports, so
// the capacity model decides it and the cost model can read it, while the
// Pulumi components in the parent package only realise it.
package spec

import (
	"errors"
	"fmt"

	"github.com/tiercost/tiercost/costmodel/inputfile"
)

// Spec is everything the composing component needs to build one environment.
type Spec struct {
	// Name is the logical prefix for every resource (for example "tc").
	Name string `json:"name" yaml:"name"`
	// Environment is dev, staging or prod ("" for a bare tier).
	Environment string `json:"environment" yaml:"environment"`
	// Tier is the growth tier the spec was sized for: 1k, 10k, 100k or 1m.
	Tier string `json:"tier" yaml:"tier"`
	// Region is the AWS region code, for example us-east-1.
	Region string `json:"region" yaml:"region"`

	Network       NetworkSpec       `json:"network" yaml:"network"`
	LoadBalancer  LoadBalancerSpec  `json:"loadBalancer" yaml:"load_balancer"`
	CDN           CDNSpec           `json:"cdn" yaml:"cdn"`
	Database      DatabaseSpec      `json:"database" yaml:"database"`
	Cache         CacheSpec         `json:"cache" yaml:"cache"`
	Compute       ComputeSpec       `json:"compute" yaml:"compute"`
	Observability ObservabilitySpec `json:"observability" yaml:"observability"`
	// App, Domain and Security are the application the instances run, its
	// DNS name and certificates, and the priced security settings
	// (security.go, app.go).
	App      AppSpec      `json:"app" yaml:"app"`
	Domain   DomainSpec   `json:"domain" yaml:"domain"`
	Security SecuritySpec `json:"security" yaml:"security"`
}

// NAT gateway layouts.
const (
	NATNone   = "none"   // no NAT: private subnets have no internet egress
	NATSingle = "single" // one shared NAT gateway in the first AZ
	NATPerAZ  = "per-az" // one NAT gateway per AZ (no cross-AZ single point of failure)
)

// NetworkSpec describes the VPC.
type NetworkSpec struct {
	CIDR    string `json:"cidr" yaml:"cidr"`
	AZCount int    `json:"azCount" yaml:"az_count"` // 2 or 3
	NATMode string `json:"natMode" yaml:"nat_mode"` // none, single or per-az
}

// LoadBalancerSpec describes the application load balancer.
type LoadBalancerSpec struct {
	// CertificateARN enables the HTTPS listener; HTTP then redirects to it.
	CertificateARN  string `json:"certificateArn" yaml:"certificate_arn"`
	HealthCheckPath string `json:"healthCheckPath" yaml:"health_check_path"`
	AppPort         int    `json:"appPort" yaml:"app_port"`
}

// CDNSpec describes CloudFront and the static-assets bucket.
type CDNSpec struct {
	Enabled bool `json:"enabled" yaml:"enabled"`
	// PriceClass is PriceClass_100, PriceClass_200 or PriceClass_All.
	PriceClass string `json:"priceClass" yaml:"price_class"`
	// CertificateARN is an existing us-east-1 ACM certificate for
	// domain.name; without it the platform creates one when it knows the
	// zone.
	CertificateARN string `json:"certificateArn" yaml:"certificate_arn"`
	// DefaultRootObject is the object CloudFront asks for on GET /
	// (CloudFront.1); the app must answer on it.
	DefaultRootObject string `json:"defaultRootObject" yaml:"default_root_object"`
}

// DatabaseSpec describes the RDS PostgreSQL layer. Shards > 1 is the write
// scaling answer at the top tier: each shard is an independent primary with
// its own replicas (see docs/infrastructure.md for why not Aurora).
type DatabaseSpec struct {
	Engine        string `json:"engine" yaml:"engine"` // postgres
	EngineVersion string `json:"engineVersion" yaml:"engine_version"`
	InstanceClass string `json:"instanceClass" yaml:"instance_class"`
	MultiAZ       bool   `json:"multiAz" yaml:"multi_az"`
	ReadReplicas  int    `json:"readReplicas" yaml:"read_replicas"` // per shard
	Shards        int    `json:"shards" yaml:"shards"`
	// Sharded says the architecture may split writes over several
	// primaries; the capacity model decides how many (Shards).
	Sharded             bool   `json:"sharded" yaml:"sharded"`
	StorageType         string `json:"storageType" yaml:"storage_type"` // gp3, gp2, io1, io2
	AllocatedStorageGB  int    `json:"allocatedStorageGb" yaml:"allocated_storage_gb"`
	IOPS                int    `json:"iops" yaml:"iops"`                            // 0 = baseline
	StorageThroughput   int    `json:"storageThroughput" yaml:"storage_throughput"` // MB/s, 0 = baseline
	BackupRetentionDays int    `json:"backupRetentionDays" yaml:"backup_retention_days"`
	DeletionProtection  bool   `json:"deletionProtection" yaml:"deletion_protection"`
	// Port is the port PostgreSQL listens on.
	Port int `json:"port" yaml:"port"`
	// IAMAuth lets IAM principals log in with auth tokens (RDS.10).
	IAMAuth bool `json:"iamAuth" yaml:"iam_auth"`
	// LogExports publishes the postgresql and upgrade logs to CloudWatch
	// Logs (RDS.9).
	LogExports bool `json:"logExports" yaml:"log_exports"`
	// MonitoringInterval is the enhanced-monitoring period in seconds, 0
	// for off (RDS.6).
	MonitoringInterval int `json:"monitoringInterval" yaml:"monitoring_interval"`
}

// CacheSpec describes the ElastiCache replication group.
type CacheSpec struct {
	Enabled          bool   `json:"enabled" yaml:"enabled"`
	Engine           string `json:"engine" yaml:"engine"` // redis or valkey
	EngineVersion    string `json:"engineVersion" yaml:"engine_version"`
	NodeType         string `json:"nodeType" yaml:"node_type"`
	ClusterMode      bool   `json:"clusterMode" yaml:"cluster_mode"`
	Shards           int    `json:"shards" yaml:"shards"` // node groups; 1 without cluster mode
	ReplicasPerShard int    `json:"replicasPerShard" yaml:"replicas_per_shard"`
	// SnapshotRetentionDays keeps daily snapshots (ElastiCache.1); 0 is off.
	SnapshotRetentionDays int `json:"snapshotRetentionDays" yaml:"snapshot_retention_days"`
}

// ComputeSpec describes the launch template and autoscaling group.
type ComputeSpec struct {
	InstanceType string `json:"instanceType" yaml:"instance_type"`
	// Architecture is x86_64 or arm64 (Graviton); it picks the AMI.
	Architecture            string `json:"architecture" yaml:"architecture"`
	MinSize                 int    `json:"minSize" yaml:"min_size"`
	DesiredCapacity         int    `json:"desiredCapacity" yaml:"desired_capacity"`
	MaxSize                 int    `json:"maxSize" yaml:"max_size"`
	RootVolumeGB            int    `json:"rootVolumeGb" yaml:"root_volume_gb"`
	RootVolumeType          string `json:"rootVolumeType" yaml:"root_volume_type"`
	ScalingPolicies         bool   `json:"scalingPolicies" yaml:"scaling_policies"`
	TargetCPUPercent        int    `json:"targetCpuPercent" yaml:"target_cpu_percent"`
	TargetRequestsPerTarget int    `json:"targetRequestsPerTarget" yaml:"target_requests_per_target"`
}

// ObservabilitySpec describes logs, alarms and the dashboard.
type ObservabilitySpec struct {
	LogRetentionDays int  `json:"logRetentionDays" yaml:"log_retention_days"`
	Alarms           bool `json:"alarms" yaml:"alarms"`
	Dashboard        bool `json:"dashboard" yaml:"dashboard"`
	// DetailedMonitoring turns on 1-minute EC2 metrics in the launch template.
	DetailedMonitoring bool `json:"detailedMonitoring" yaml:"detailed_monitoring"`
	// AlarmEmail subscribes an address to the alarm topic (alarms and RDS
	// events); the recipient must confirm the subscription.
	AlarmEmail string `json:"alarmEmail" yaml:"alarm_email"`
}

// Validate reports every field that is out of range, with its path.
func (s Spec) Validate() error {
	var errs []error
	bad := func(field, format string, args ...any) {
		errs = append(errs, fmt.Errorf("%s: %s", field, fmt.Sprintf(format, args...)))
	}
	if s.Name == "" {
		bad("name", "must not be empty")
	}
	if s.Region == "" {
		bad("region", "must not be empty")
	}
	if s.Network.AZCount < 2 || s.Network.AZCount > 3 {
		bad("network.az_count", "is %d; allowed: 2 or 3", s.Network.AZCount)
	}
	switch s.Network.NATMode {
	case NATNone, NATSingle, NATPerAZ:
	default:
		bad("network.nat_mode", "is %s; allowed: none, single, per-az", inputfile.Excerpt(s.Network.NATMode))
	}
	switch s.CDN.PriceClass {
	case "PriceClass_100", "PriceClass_200", "PriceClass_All":
	default:
		if s.CDN.Enabled {
			bad("cdn.price_class", "is %s; allowed: PriceClass_100, PriceClass_200, PriceClass_All", inputfile.Excerpt(s.CDN.PriceClass))
		}
	}
	d := s.Database
	if d.InstanceClass == "" {
		bad("database.instance_class", "must not be empty")
	} else if _, ok := RDSClass(d.InstanceClass); !ok {
		bad("database.instance_class", "%s", unknownType(rdsClasses, d.InstanceClass))
	}
	if d.ReadReplicas < 0 || d.ReadReplicas > 15 {
		bad("database.read_replicas", "is %d; allowed: 0 to 15", d.ReadReplicas)
	}
	if d.Shards < 1 || d.Shards > 32 {
		bad("database.shards", "is %d; allowed: 1 to 32", d.Shards)
	}
	switch d.StorageType {
	case "gp2", "gp3", "io1", "io2":
	default:
		bad("database.storage_type", "is %s; allowed: gp2, gp3, io1, io2", inputfile.Excerpt(d.StorageType))
	}
	if d.AllocatedStorageGB < 20 || d.AllocatedStorageGB > 65536 {
		bad("database.allocated_storage_gb", "is %d; allowed: 20 to 65536", d.AllocatedStorageGB)
	}
	if d.IOPS < 0 {
		bad("database.iops", "is %d; must not be negative", d.IOPS)
	}
	if d.BackupRetentionDays < 0 || d.BackupRetentionDays > 35 {
		bad("database.backup_retention_days", "is %d; allowed: 0 to 35", d.BackupRetentionDays)
	}
	if s.Cache.Enabled {
		switch s.Cache.Engine {
		case "redis", "valkey":
		default:
			bad("cache.engine", "is %s; allowed: redis, valkey", inputfile.Excerpt(s.Cache.Engine))
		}
		if s.Cache.NodeType == "" {
			bad("cache.node_type", "must not be empty")
		} else if _, ok := CacheNodeType(s.Cache.NodeType); !ok {
			bad("cache.node_type", "%s", unknownType(cacheNodeTypes, s.Cache.NodeType))
		}
		if s.Cache.Shards < 1 || (!s.Cache.ClusterMode && s.Cache.Shards != 1) {
			bad("cache.shards", "is %d; allowed: 1 without cluster mode, 1 to 500 with it", s.Cache.Shards)
		}
		if s.Cache.ReplicasPerShard < 0 || s.Cache.ReplicasPerShard > 5 {
			bad("cache.replicas_per_shard", "is %d; allowed: 0 to 5", s.Cache.ReplicasPerShard)
		}
	}
	c := s.Compute
	inst, known := EC2Type(c.InstanceType)
	switch {
	case c.InstanceType == "":
		bad("compute.instance_type", "must not be empty")
	case !known:
		bad("compute.instance_type", "%s", unknownType(ec2Types, c.InstanceType))
	}
	switch c.Architecture {
	case ArchX86, ArchARM64:
		// The image must run on the instance: an arm64 AMI does not boot
		// on an x86 type.
		if known && inst.Arch != c.Architecture {
			bad("compute.architecture", "is %s but instance type %s is %s; set both, or only instance_type (the architecture follows it)", c.Architecture, c.InstanceType, inst.Arch)
		}
	default:
		bad("compute.architecture", "is %s; allowed: x86_64, arm64", inputfile.Excerpt(c.Architecture))
	}
	if c.MinSize < 1 || c.MinSize > c.DesiredCapacity || c.DesiredCapacity > c.MaxSize {
		bad("compute", "needs 1 <= min_size (%d) <= desired_capacity (%d) <= max_size (%d)", c.MinSize, c.DesiredCapacity, c.MaxSize)
	}
	if c.RootVolumeGB < 8 {
		bad("compute.root_volume_gb", "is %d; allowed: 8 or more", c.RootVolumeGB)
	}
	if s.Observability.LogRetentionDays < 1 {
		bad("observability.log_retention_days", "is %d; allowed: 1 or more", s.Observability.LogRetentionDays)
	}
	s.validateSecurity(bad)
	return errors.Join(errs...)
}
