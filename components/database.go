package components

import (
	"fmt"
	"strings"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/rds"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/tiercost/tiercost/components/spec"
)

// PostgresPort is the only port the database security group opens.
const PostgresPort = 5432

// DatabaseArgs holds the database spec and what it needs from siblings.
type DatabaseArgs struct {
	Spec spec.DatabaseSpec
	// IdentifierPrefix prefixes every RDS identifier (for example tc-prod),
	// which must be unique per account and region.
	IdentifierPrefix string
	// Production keeps a final snapshot on delete.
	Production         bool
	VpcID              pulumi.StringInput
	PrivateSubnetIDs   pulumi.StringArrayInput
	AppSecurityGroupID pulumi.StringInput
}

// Database is one PostgreSQL primary per shard, each with its read replicas.
type Database struct {
	pulumi.ResourceState

	SecurityGroupID  pulumi.IDOutput          `pulumi:"securityGroupId"`
	PrimaryEndpoints pulumi.StringArrayOutput `pulumi:"primaryEndpoints"`
	// PrimaryIdentifiers and ReplicaIdentifiers are plain, so alarms and
	// dashboards can name them at plan time.
	PrimaryIdentifiers []string
	ReplicaIdentifiers []string
}

// ParameterFamily maps an engine version such as 16.4 to its parameter
// group family (postgres16).
func ParameterFamily(engine, version string) (string, error) {
	major, _, _ := strings.Cut(version, ".")
	if engine != "postgres" || major == "" {
		return "", fmt.Errorf("database: engine %q version %q; allowed: postgres with a version such as 16.4", engine, version)
	}
	return "postgres" + major, nil
}

// ShardName returns the logical suffix of shard i: "db" for an unsharded
// database, "db-shard-<i>" otherwise.
func ShardName(shards, i int) string {
	if shards == 1 {
		return "db"
	}
	return fmt.Sprintf("db-shard-%d", i)
}

// NewDatabase builds the security group, subnet group, parameter group and
// the instances. Replicas name their source by identifier and so inherit its
// engine and storage.
func NewDatabase(ctx *pulumi.Context, name string, args *DatabaseArgs, opts ...pulumi.ResourceOption) (*Database, error) {
	if args == nil {
		return nil, fmt.Errorf("database %s: args must not be nil", name)
	}
	d := args.Spec
	engine := d.Engine
	if engine == "" {
		engine = "postgres"
	}
	family, err := ParameterFamily(engine, d.EngineVersion)
	if err != nil {
		return nil, err
	}
	if d.Shards < 1 {
		return nil, fmt.Errorf("database.shards: %d; allowed: 1 or more", d.Shards)
	}
	if args.IdentifierPrefix == "" {
		return nil, fmt.Errorf("database %s: identifier prefix must not be empty", name)
	}
	db := &Database{}
	if err := ctx.RegisterComponentResource("tiercost:index:Database", name, db, opts...); err != nil {
		return nil, err
	}
	child := pulumi.Parent(db)

	sg, err := ec2.NewSecurityGroup(ctx, name+"-db-sg", &ec2.SecurityGroupArgs{
		Description: pulumi.String("PostgreSQL from the app instances only"),
		VpcId:       args.VpcID,
		Ingress: ec2.SecurityGroupIngressArray{ec2.SecurityGroupIngressArgs{
			Description:    pulumi.String("PostgreSQL from app"),
			Protocol:       pulumi.String("tcp"),
			FromPort:       pulumi.Int(PostgresPort),
			ToPort:         pulumi.Int(PostgresPort),
			SecurityGroups: pulumi.StringArray{args.AppSecurityGroupID},
		}},
	}, child)
	if err != nil {
		return nil, err
	}
	subnets, err := rds.NewSubnetGroup(ctx, name+"-db-subnets", &rds.SubnetGroupArgs{
		Description: pulumi.String("private subnets only"),
		SubnetIds:   args.PrivateSubnetIDs,
	}, child)
	if err != nil {
		return nil, err
	}
	params, err := rds.NewParameterGroup(ctx, name+"-db-params", &rds.ParameterGroupArgs{
		Family:      pulumi.String(family),
		Description: pulumi.String("TLS required for every connection"),
		Parameters: rds.ParameterGroupParameterArray{
			rds.ParameterGroupParameterArgs{Name: pulumi.String("rds.force_ssl"), Value: pulumi.String("1")},
		},
	}, child)
	if err != nil {
		return nil, err
	}
	sgIDs := pulumi.StringArray{sg.ID().ToStringOutput()}

	var endpoints pulumi.StringArray
	for i := 0; i < d.Shards; i++ {
		shard := ShardName(d.Shards, i)
		id := args.IdentifierPrefix + "-" + shard
		pa := &rds.InstanceArgs{
			Identifier:               pulumi.String(id),
			Engine:                   pulumi.String(engine),
			EngineVersion:            pulumi.String(d.EngineVersion),
			InstanceClass:            pulumi.String(d.InstanceClass),
			AllocatedStorage:         pulumi.Int(d.AllocatedStorageGB),
			StorageType:              pulumi.String(d.StorageType),
			MultiAz:                  pulumi.Bool(d.MultiAZ),
			StorageEncrypted:         pulumi.Bool(true),
			PubliclyAccessible:       pulumi.Bool(false),
			ManageMasterUserPassword: pulumi.Bool(true), // the secret lives in Secrets Manager, never in state
			Username:                 pulumi.String("tiercost"),
			DbName:                   pulumi.String("app"),
			BackupRetentionPeriod:    pulumi.Int(d.BackupRetentionDays),
			DeletionProtection:       pulumi.Bool(d.DeletionProtection),
			SkipFinalSnapshot:        pulumi.Bool(!args.Production),
			DbSubnetGroupName:        subnets.Name,
			ParameterGroupName:       params.Name,
			VpcSecurityGroupIds:      sgIDs,
			CopyTagsToSnapshot:       pulumi.Bool(true),
			AutoMinorVersionUpgrade:  pulumi.Bool(true),
		}
		if args.Production {
			pa.FinalSnapshotIdentifier = pulumi.String(id + "-final")
		}
		if d.IOPS > 0 {
			pa.Iops = pulumi.Int(d.IOPS)
		}
		if d.StorageThroughput > 0 {
			pa.StorageThroughput = pulumi.Int(d.StorageThroughput)
		}
		primary, err := rds.NewInstance(ctx, name+"-"+shard, pa, child)
		if err != nil {
			return nil, err
		}
		db.PrimaryIdentifiers = append(db.PrimaryIdentifiers, id)
		endpoints = append(endpoints, primary.Endpoint)

		for j := 0; j < d.ReadReplicas; j++ {
			rid := fmt.Sprintf("%s-replica-%d", id, j)
			if _, err := rds.NewInstance(ctx, fmt.Sprintf("%s-%s-replica-%d", name, shard, j), &rds.InstanceArgs{
				Identifier:          pulumi.String(rid),
				ReplicateSourceDb:   primary.Identifier,
				InstanceClass:       pulumi.String(d.InstanceClass),
				MultiAz:             pulumi.Bool(false),
				StorageEncrypted:    pulumi.Bool(true),
				PubliclyAccessible:  pulumi.Bool(false),
				ParameterGroupName:  params.Name,
				VpcSecurityGroupIds: sgIDs,
				// A replica is rebuilt from its source, so it keeps no
				// backups and no final snapshot of its own.
				BackupRetentionPeriod:   pulumi.Int(0),
				SkipFinalSnapshot:       pulumi.Bool(true),
				AutoMinorVersionUpgrade: pulumi.Bool(true),
			}, child); err != nil {
				return nil, err
			}
			db.ReplicaIdentifiers = append(db.ReplicaIdentifiers, rid)
		}
	}

	db.SecurityGroupID = sg.ID()
	db.PrimaryEndpoints = endpoints.ToStringArrayOutput()
	return db, ctx.RegisterResourceOutputs(db, pulumi.Map{
		"securityGroupId":  db.SecurityGroupID,
		"primaryEndpoints": db.PrimaryEndpoints,
	})
}
