package components

import (
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudwatch"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/s3"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// Prefixes of the log bucket, one per writer.
const (
	LogPrefixALB        = "alb"
	LogPrefixCloudFront = "cloudfront/"
	LogPrefixS3         = "s3/"
)

// elbLogAccounts are the Elastic Load Balancing accounts that write access
// logs in the regions opened before August 2022 (AWS ELB user guide,
// "access logging bucket permissions"; the same table as Terraform's
// aws_elb_service_account). Newer regions use the log delivery service
// principal instead.
var elbLogAccounts = map[string]string{
	"af-south-1": "098369216593", "ap-east-1": "754344448648", "ap-northeast-1": "582318560864",
	"ap-northeast-2": "600734575887", "ap-northeast-3": "383597477331", "ap-south-1": "718504428378",
	"ap-southeast-1": "114774131450", "ap-southeast-2": "783225319266", "ap-southeast-3": "589379963580",
	"ca-central-1": "985666609251", "eu-central-1": "054676820928", "eu-north-1": "897822967062",
	"eu-south-1": "635631232127", "eu-west-1": "156460612806", "eu-west-2": "652711504416",
	"eu-west-3": "009996457667", "me-south-1": "076674570225", "sa-east-1": "507241528517",
	"us-east-1": "127311923021", "us-east-2": "033677994240", "us-west-1": "027434742980",
	"us-west-2": "797873946194",
}

// LoggingArgs says what to log and where.
type LoggingArgs struct {
	NamePrefix string
	Region     string
	// Partition and AccountID scope the bucket and role policies.
	Partition, AccountID pulumi.StringInput
	VpcID                pulumi.StringInput
	// BucketName and FlowLogGroupName are the logical names the workload
	// model sets usage for (spec.Spec.LogBucketName, FlowLogGroupName).
	BucketName, FlowLogGroupName string

	FlowLogs          bool
	FlowRetentionDays int
	AccessLogs        bool
	// AccessRetentionDays is how long the bucket keeps access logs.
	AccessRetentionDays int
	// CloudFront enables bucket ACLs: CloudFront standard logging (legacy),
	// which CloudFront.5 checks, can only deliver through an ACL grant.
	CloudFront bool
}

// Logging is the encrypted access-log bucket and the VPC flow logs.
type Logging struct {
	pulumi.ResourceState

	// BucketID and BucketDomainName are empty when AccessLogs is off.
	BucketID         pulumi.StringOutput `pulumi:"bucketId"`
	BucketDomainName pulumi.StringOutput `pulumi:"bucketDomainName"`
	// Bucket is the log bucket (nil without access logs); Ready lists what
	// must exist before a service writes to it (its policy).
	Bucket pulumi.Resource
	Ready  []pulumi.Resource
}

// NewLogging builds the log bucket (SSE-S3, because ALB access logs
// support no other encryption; no public access; TLS-only; expiring) and
// the flow logs.
func NewLogging(ctx *pulumi.Context, name string, args *LoggingArgs, opts ...pulumi.ResourceOption) (*Logging, error) {
	if args == nil || args.NamePrefix == "" || args.Region == "" {
		return nil, fmt.Errorf("logging %s: a name prefix and a region are required", name)
	}
	if args.AccessLogs && args.AccessRetentionDays < 1 {
		return nil, fmt.Errorf("security.log_retention_days: %d; allowed: 1 or more", args.AccessRetentionDays)
	}
	l := &Logging{}
	if err := ctx.RegisterComponentResource("tiercost:index:Logging", name, l, opts...); err != nil {
		return nil, err
	}
	child := pulumi.Parent(l)
	l.BucketID, l.BucketDomainName = pulumi.String("").ToStringOutput(), pulumi.String("").ToStringOutput()

	if args.AccessLogs {
		bucket, err := s3.NewBucketV2(ctx, args.BucketName, &s3.BucketV2Args{}, child)
		if err != nil {
			return nil, err
		}
		l.Bucket = bucket
		pab, err := secureBucket(ctx, args.BucketName, bucket, args.CloudFront, child)
		if err != nil {
			return nil, err
		}
		if _, err := s3.NewBucketLifecycleConfigurationV2(ctx, args.BucketName+"-lifecycle", &s3.BucketLifecycleConfigurationV2Args{
			Bucket: bucket.ID(),
			Rules: s3.BucketLifecycleConfigurationV2RuleArray{s3.BucketLifecycleConfigurationV2RuleArgs{
				Id: pulumi.String("expire-access-logs"), Status: pulumi.String("Enabled"),
				Filter:                         s3.BucketLifecycleConfigurationV2RuleFilterArgs{Prefix: pulumi.String("")},
				Expiration:                     s3.BucketLifecycleConfigurationV2RuleExpirationArgs{Days: pulumi.Int(args.AccessRetentionDays)},
				AbortIncompleteMultipartUpload: s3.BucketLifecycleConfigurationV2RuleAbortIncompleteMultipartUploadArgs{DaysAfterInitiation: pulumi.Int(7)},
			}},
		}, child); err != nil {
			return nil, err
		}
		elbAccount, legacyRegion := elbLogAccounts[args.Region]
		policy := pulumi.All(bucket.Arn, args.Partition, args.AccountID).ApplyT(func(v []any) (string, error) {
			arn, partition, account := v[0].(string), v[1].(string), v[2].(string)
			writer := map[string]any{"Service": "logdelivery.elasticloadbalancing.amazonaws.com"}
			if legacyRegion {
				writer = map[string]any{"AWS": fmt.Sprintf("arn:%s:iam::%s:root", partition, elbAccount)}
			}
			return policyJSON(
				denyInsecureTransport(arn),
				statement{Sid: "ALBAccessLogs", Effect: "Allow", Principal: writer, Action: "s3:PutObject",
					Resource: fmt.Sprintf("%s/%s/AWSLogs/%s/*", arn, LogPrefixALB, account)},
				statement{Sid: "S3ServerAccessLogs", Effect: "Allow", Principal: map[string]any{"Service": "logging.s3.amazonaws.com"},
					Action: "s3:PutObject", Resource: arn + "/" + LogPrefixS3 + "*",
					Condition: map[string]any{"StringEquals": map[string]any{"aws:SourceAccount": account}}},
			)
		}).(pulumi.StringOutput)
		pol, err := bucketPolicy(ctx, args.BucketName, bucket, policy, pab, child)
		if err != nil {
			return nil, err
		}
		l.Ready = []pulumi.Resource{pol}
		l.BucketID, l.BucketDomainName = bucket.Bucket, bucket.BucketDomainName
	}

	if args.FlowLogs {
		group, err := cloudwatch.NewLogGroup(ctx, args.FlowLogGroupName, &cloudwatch.LogGroupArgs{
			Name:            pulumi.String("/tiercost/" + args.NamePrefix + "/vpc-flow-logs"),
			RetentionInDays: pulumi.Int(args.FlowRetentionDays),
		}, child)
		if err != nil {
			return nil, err
		}
		role, err := iam.NewRole(ctx, name+"-flow-logs-role", &iam.RoleArgs{
			Description:      pulumi.String("VPC flow logs to CloudWatch Logs"),
			AssumeRolePolicy: pulumi.String(assumeRolePolicy("vpc-flow-logs.amazonaws.com")),
		}, child)
		if err != nil {
			return nil, err
		}
		if _, err := iam.NewRolePolicy(ctx, name+"-flow-logs-write", &iam.RolePolicyArgs{
			Role: role.ID(),
			Policy: group.Arn.ApplyT(func(arn string) (string, error) {
				return policyJSON(statement{Effect: "Allow",
					Action:   []string{"logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogGroups", "logs:DescribeLogStreams"},
					Resource: []string{arn, arn + ":*"}})
			}).(pulumi.StringOutput),
		}, child); err != nil {
			return nil, err
		}
		if _, err := ec2.NewFlowLog(ctx, name+"-vpc-flow-log", &ec2.FlowLogArgs{
			VpcId:                  args.VpcID,
			TrafficType:            pulumi.String("ALL"),
			LogDestinationType:     pulumi.String("cloud-watch-logs"),
			LogDestination:         group.Arn,
			IamRoleArn:             role.Arn,
			MaxAggregationInterval: pulumi.Int(600),
		}, child); err != nil {
			return nil, err
		}
	}
	return l, ctx.RegisterResourceOutputs(l, pulumi.Map{"bucketId": l.BucketID, "bucketDomainName": l.BucketDomainName})
}

// secureBucket gives a bucket SSE-S3 default encryption, blocks every kind
// of public access, sets object ownership (ACLs off unless acls) and
// turns on EventBridge notifications (S3.11).
func secureBucket(ctx *pulumi.Context, name string, bucket *s3.BucketV2, acls bool, opts ...pulumi.ResourceOption) (pulumi.Resource, error) {
	if _, err := s3.NewBucketServerSideEncryptionConfigurationV2(ctx, name+"-sse", &s3.BucketServerSideEncryptionConfigurationV2Args{
		Bucket: bucket.ID(),
		Rules: s3.BucketServerSideEncryptionConfigurationV2RuleArray{s3.BucketServerSideEncryptionConfigurationV2RuleArgs{
			ApplyServerSideEncryptionByDefault: s3.BucketServerSideEncryptionConfigurationV2RuleApplyServerSideEncryptionByDefaultArgs{
				SseAlgorithm: pulumi.String("AES256"),
			},
		}},
	}, opts...); err != nil {
		return nil, err
	}
	pab, err := s3.NewBucketPublicAccessBlock(ctx, name+"-pab", &s3.BucketPublicAccessBlockArgs{
		Bucket: bucket.ID(), BlockPublicAcls: pulumi.Bool(true), BlockPublicPolicy: pulumi.Bool(true),
		IgnorePublicAcls: pulumi.Bool(true), RestrictPublicBuckets: pulumi.Bool(true),
	}, opts...)
	if err != nil {
		return nil, err
	}
	ownership := "BucketOwnerEnforced"
	if acls {
		ownership = "BucketOwnerPreferred"
	}
	if _, err := s3.NewBucketOwnershipControls(ctx, name+"-ownership", &s3.BucketOwnershipControlsArgs{
		Bucket: bucket.ID(),
		Rule:   s3.BucketOwnershipControlsRuleArgs{ObjectOwnership: pulumi.String(ownership)},
	}, opts...); err != nil {
		return nil, err
	}
	if _, err := s3.NewBucketNotification(ctx, name+"-events", &s3.BucketNotificationArgs{
		Bucket: bucket.ID(), Eventbridge: pulumi.Bool(true),
	}, opts...); err != nil {
		return nil, err
	}
	return pab, nil
}

// bucketPolicy attaches a policy once the public access block exists.
func bucketPolicy(ctx *pulumi.Context, name string, bucket *s3.BucketV2, policy pulumi.StringInput, pab pulumi.Resource, opts ...pulumi.ResourceOption) (pulumi.Resource, error) {
	opts = append(opts, pulumi.DependsOn([]pulumi.Resource{pab}))
	return s3.NewBucketPolicy(ctx, name+"-policy", &s3.BucketPolicyArgs{Bucket: bucket.ID(), Policy: policy}, opts...)
}

// denyInsecureTransport refuses every request to a bucket that does not
// use TLS (S3.5).
func denyInsecureTransport(bucketArn string) statement {
	return statement{Sid: "DenyInsecureTransport", Effect: "Deny", Principal: "*", Action: "s3:*",
		Resource:  []string{bucketArn, bucketArn + "/*"},
		Condition: map[string]any{"Bool": map[string]any{"aws:SecureTransport": "false"}}}
}

// accessLogging sends a bucket's server access logs to the log bucket
// (S3.9).
func accessLogging(ctx *pulumi.Context, name string, bucket *s3.BucketV2, logBucket pulumi.StringInput, opts ...pulumi.ResourceOption) error {
	_, err := s3.NewBucketLoggingV2(ctx, name+"-access-logs", &s3.BucketLoggingV2Args{
		Bucket: bucket.ID(), TargetBucket: logBucket,
		TargetPrefix: pulumi.Sprintf("%s%s/", LogPrefixS3, bucket.Bucket),
	}, opts...)
	return err
}
