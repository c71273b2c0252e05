package components

import (
	"fmt"
	"strings"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/elasticache"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/tiercost/tiercost/components/spec"
)

// RedisPort is the only port the cache security group opens.
const RedisPort = 6379

// CacheArgs holds the cache spec and what it needs from siblings.
type CacheArgs struct {
	Spec spec.CacheSpec
	// ReplicationGroupID is the group's id (at most 40 characters).
	ReplicationGroupID string
	VpcID              pulumi.StringInput
	PrivateSubnetIDs   pulumi.StringArrayInput
	AppSecurityGroupID pulumi.StringInput
}

// Cache is one ElastiCache replication group (Redis or Valkey).
type Cache struct {
	pulumi.ResourceState

	SecurityGroupID pulumi.IDOutput `pulumi:"securityGroupId"`
	// ReplicationGroupID and NodeGroups are plain, for alarm dimensions.
	ReplicationGroupID string
	NodeGroups         int
}

// CacheFamily maps engine and version to the parameter group family:
// valkey 8.0 -> valkey8, redis 7.1 -> redis7.
func CacheFamily(engine, version string) (string, error) {
	major, _, _ := strings.Cut(version, ".")
	if (engine != "redis" && engine != "valkey") || major == "" {
		return "", fmt.Errorf("cache: engine %q version %q; allowed: redis or valkey with a version such as 7.1", engine, version)
	}
	return engine + major, nil
}

// NewCache builds the cache security group, subnet group and replication
// group, encrypted at rest and in transit.
func NewCache(ctx *pulumi.Context, name string, args *CacheArgs, opts ...pulumi.ResourceOption) (*Cache, error) {
	if args == nil {
		return nil, fmt.Errorf("cache %s: args must not be nil", name)
	}
	s := args.Spec
	family, err := CacheFamily(s.Engine, s.EngineVersion)
	if err != nil {
		return nil, err
	}
	if n := len(args.ReplicationGroupID); n == 0 || n > 40 {
		return nil, fmt.Errorf("cache %s: replication group id %q must have 1 to 40 characters", name, args.ReplicationGroupID)
	}
	groups := 1
	if s.ClusterMode {
		groups = s.Shards
	}
	if groups < 1 {
		return nil, fmt.Errorf("cache.shards: %d; allowed: 1 or more", s.Shards)
	}
	c := &Cache{ReplicationGroupID: args.ReplicationGroupID, NodeGroups: groups}
	if err := ctx.RegisterComponentResource("tiercost:index:Cache", name, c, opts...); err != nil {
		return nil, err
	}
	child := pulumi.Parent(c)

	sg, err := ec2.NewSecurityGroup(ctx, name+"-cache-sg", &ec2.SecurityGroupArgs{
		Description: pulumi.String("Redis/Valkey from the app instances only"),
		VpcId:       args.VpcID,
		Ingress: ec2.SecurityGroupIngressArray{ec2.SecurityGroupIngressArgs{
			Description:    pulumi.String("Redis from app"),
			Protocol:       pulumi.String("tcp"),
			FromPort:       pulumi.Int(RedisPort),
			ToPort:         pulumi.Int(RedisPort),
			SecurityGroups: pulumi.StringArray{args.AppSecurityGroupID},
		}},
	}, child)
	if err != nil {
		return nil, err
	}
	subnets, err := elasticache.NewSubnetGroup(ctx, name+"-cache-subnets", &elasticache.SubnetGroupArgs{
		Description: pulumi.String("private subnets only"),
		SubnetIds:   args.PrivateSubnetIDs,
	}, child)
	if err != nil {
		return nil, err
	}

	ha := s.ReplicasPerShard > 0
	rg := &elasticache.ReplicationGroupArgs{
		ReplicationGroupId:       pulumi.String(args.ReplicationGroupID),
		Description:              pulumi.String("application cache"),
		Engine:                   pulumi.String(s.Engine),
		EngineVersion:            pulumi.String(s.EngineVersion),
		NodeType:                 pulumi.String(s.NodeType),
		Port:                     pulumi.Int(RedisPort),
		SubnetGroupName:          subnets.Name,
		SecurityGroupIds:         pulumi.StringArray{sg.ID().ToStringOutput()},
		AtRestEncryptionEnabled:  pulumi.Bool(true),
		TransitEncryptionEnabled: pulumi.Bool(true),
		// Cluster mode requires automatic failover; otherwise it needs a
		// replica to fail over to.
		AutomaticFailoverEnabled: pulumi.Bool(ha || s.ClusterMode),
		MultiAzEnabled:           pulumi.Bool(ha),
		AutoMinorVersionUpgrade:  pulumi.Bool(true),
		// Daily snapshots (ElastiCache.1); ElastiCache keeps one per
		// cluster free.
		SnapshotRetentionLimit: pulumi.Int(s.SnapshotRetentionDays),
	}
	if s.SnapshotRetentionDays > 0 {
		rg.SnapshotWindow = pulumi.String("03:00-04:00")
	}
	if s.ClusterMode {
		pg, err := elasticache.NewParameterGroup(ctx, name+"-cache-params", &elasticache.ParameterGroupArgs{
			Family:      pulumi.String(family),
			Description: pulumi.String("cluster mode enabled"),
			Parameters: elasticache.ParameterGroupParameterArray{
				elasticache.ParameterGroupParameterArgs{Name: pulumi.String("cluster-enabled"), Value: pulumi.String("yes")},
			},
		}, child)
		if err != nil {
			return nil, err
		}
		rg.ParameterGroupName = pg.Name
		rg.ClusterMode = pulumi.String("enabled")
		rg.NumNodeGroups = pulumi.Int(groups)
		rg.ReplicasPerNodeGroup = pulumi.Int(s.ReplicasPerShard)
	} else {
		rg.NumCacheClusters = pulumi.Int(1 + s.ReplicasPerShard)
	}
	if _, err := elasticache.NewReplicationGroup(ctx, name+"-cache", rg, child); err != nil {
		return nil, err
	}

	c.SecurityGroupID = sg.ID()
	return c, ctx.RegisterResourceOutputs(c, pulumi.Map{"securityGroupId": c.SecurityGroupID})
}
