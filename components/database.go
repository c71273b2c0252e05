package components

import (
	"fmt"
	"strings"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudwatch"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/rds"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/tiercost/tiercost/components/spec"
)

// PostgresPort is PostgreSQL's default port; the platform's databases
// listen on spec.DatabaseSpec.Port instead (RDS.23).
const PostgresPort = 5432

// DatabaseArgs holds the database spec and what it needs from siblings.
type DatabaseArgs struct {
	Spec spec.DatabaseSpec
	// IdentifierPrefix prefixes every RDS identifier (for example tc-prod),
	// which must be unique per account and region.
	IdentifierPrefix string
	// Production is the prod environment (kept for callers; every
	// primary keeps a final snapshot now).
	Production bool
	// AlertTopicArn receives the instances', parameter group's and
	// security groups' critical events (RDS.20-22); nil for none.
	AlertTopicArn pulumi.StringInput
	// LogRetentionDays keeps the exported logs.
	LogRetentionDays   int
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
func ShardName(shards, i int) string { return spec.ShardName(shards, i) }

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
	port := d.Port
	if port == 0 {
		port = PostgresPort
	}
	retention := args.LogRetentionDays
	if retention < 1 {
		retention = 30
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
			FromPort:       pulumi.Int(port),
			ToPort:         pulumi.Int(port),
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

	// Enhanced monitoring (RDS.6) writes OS metrics with this role.
	var monitoringRole pulumi.StringInput
	if d.MonitoringInterval > 0 {
		role, err := iam.NewRole(ctx, name+"-db-monitoring", &iam.RoleArgs{
			Description:      pulumi.String("RDS enhanced monitoring to CloudWatch Logs"),
			AssumeRolePolicy: pulumi.String(assumeRolePolicy("monitoring.rds.amazonaws.com")),
		}, child)
		if err != nil {
			return nil, err
		}
		if _, err := iam.NewRolePolicyAttachment(ctx, name+"-db-monitoring-policy", &iam.RolePolicyAttachmentArgs{
			Role:      role.Name,
			PolicyArn: pulumi.String("arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole"),
		}, child); err != nil {
			return nil, err
		}
		monitoringRole = role.Arn
	}
	// hardening sets what every instance, primary or replica, shares:
	// monitoring, IAM authentication (RDS.10), log exports (RDS.9) into
	// log groups made first with a retention, deletion protection (RDS.8)
	// and tags on snapshots (RDS.17).
	hardening := func(logical, id string, a *rds.InstanceArgs) ([]pulumi.Resource, error) {
		a.Port = pulumi.Int(port)
		a.IamDatabaseAuthenticationEnabled = pulumi.Bool(d.IAMAuth)
		a.DeletionProtection = pulumi.Bool(d.DeletionProtection)
		a.CopyTagsToSnapshot = pulumi.Bool(true)
		if monitoringRole != nil {
			a.MonitoringInterval = pulumi.Int(d.MonitoringInterval)
			a.MonitoringRoleArn = monitoringRole
		}
		if !d.LogExports {
			return nil, nil
		}
		var groups []pulumi.Resource
		for _, log := range spec.DBLogExports {
			g, err := cloudwatch.NewLogGroup(ctx, spec.DBLogGroupName(logical, log), &cloudwatch.LogGroupArgs{
				Name:            pulumi.String("/aws/rds/instance/" + id + "/" + log),
				RetentionInDays: pulumi.Int(retention),
			}, child)
			if err != nil {
				return nil, err
			}
			groups = append(groups, g)
		}
		a.EnabledCloudwatchLogsExports = pulumi.ToStringArray(spec.DBLogExports)
		return groups, nil
	}

	var endpoints pulumi.StringArray
	var instances []pulumi.StringInput
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
			// A primary holds the data: deleting it always leaves a snapshot.
			SkipFinalSnapshot:       pulumi.Bool(false),
			FinalSnapshotIdentifier: pulumi.String(id + "-final"),
			DbSubnetGroupName:       subnets.Name,
			ParameterGroupName:      params.Name,
			VpcSecurityGroupIds:     sgIDs,
			AutoMinorVersionUpgrade: pulumi.Bool(true),
		}
		primaryLogical := name + "-" + shard
		groups, err := hardening(primaryLogical, id, pa)
		if err != nil {
			return nil, err
		}
		if d.IOPS > 0 {
			pa.Iops = pulumi.Int(d.IOPS)
		}
		if d.StorageThroughput > 0 {
			pa.StorageThroughput = pulumi.Int(d.StorageThroughput)
		}
		primary, err := rds.NewInstance(ctx, primaryLogical, pa, child, pulumi.DependsOn(groups))
		if err != nil {
			return nil, err
		}
		db.PrimaryIdentifiers = append(db.PrimaryIdentifiers, id)
		endpoints = append(endpoints, primary.Endpoint)
		instances = append(instances, primary.Identifier)

		for j := 0; j < d.ReadReplicas; j++ {
			rid := fmt.Sprintf("%s-replica-%d", id, j)
			ra := &rds.InstanceArgs{
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
			}
			logical := name + "-" + spec.ReplicaName(shard, j)
			groups, err := hardening(logical, rid, ra)
			if err != nil {
				return nil, err
			}
			replica, err := rds.NewInstance(ctx, logical, ra, child, pulumi.DependsOn(groups))
			if err != nil {
				return nil, err
			}
			db.ReplicaIdentifiers = append(db.ReplicaIdentifiers, rid)
			instances = append(instances, replica.Identifier)
		}
	}

	if args.AlertTopicArn != nil {
		// Critical events (RDS.20, RDS.21, RDS.22) notify the alert topic.
		subs := []struct {
			suffix, source string
			categories     []string
			ids            pulumi.StringArrayInput
		}{
			{"instances", "db-instance", []string{"failure", "failover", "low storage", "maintenance", "notification", "recovery", "restoration", "configuration change"}, pulumi.StringArray(instances)},
			{"parameters", "db-parameter-group", []string{"configuration change"}, pulumi.StringArray{params.Name}},
			{"security-groups", "db-security-group", []string{"configuration change", "failure"}, nil},
		}
		for _, sub := range subs {
			a := &rds.EventSubscriptionArgs{
				Name:            pulumi.String(args.IdentifierPrefix + "-db-" + sub.suffix),
				SnsTopic:        args.AlertTopicArn,
				SourceType:      pulumi.String(sub.source),
				EventCategories: pulumi.ToStringArray(sub.categories),
				SourceIds:       sub.ids,
			}
			if _, err := rds.NewEventSubscription(ctx, name+"-db-events-"+sub.suffix, a, child); err != nil {
				return nil, err
			}
		}
	}

	db.SecurityGroupID = sg.ID()
	db.PrimaryEndpoints = endpoints.ToStringArrayOutput()
	return db, ctx.RegisterResourceOutputs(db, pulumi.Map{
		"securityGroupId":  db.SecurityGroupID,
		"primaryEndpoints": db.PrimaryEndpoints,
	})
}
