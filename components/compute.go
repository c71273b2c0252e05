package components

import (
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/autoscaling"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/iam"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/tiercost/tiercost/components/spec"
)

// AMIParameter returns the SSM parameter of the latest Amazon Linux 2023
// AMI for an architecture; launch templates resolve it at launch, so no
// invoke runs at plan time.
func AMIParameter(arch string) (string, error) {
	switch arch {
	case "x86_64", "arm64":
		return "resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-" + arch, nil
	}
	return "", fmt.Errorf("compute.architecture: %q; allowed: x86_64, arm64", arch)
}

// ComputeArgs holds the compute spec and what it needs from the network and
// the load balancer.
type ComputeArgs struct {
	Spec spec.ComputeSpec
	// DetailedMonitoring turns on 1-minute EC2 metrics.
	DetailedMonitoring bool
	AppPort            int
	VpcID              pulumi.StringInput
	PrivateSubnetIDs   pulumi.StringArrayInput
	AlbSecurityGroupID pulumi.StringInput
	TargetGroupArn     pulumi.StringInput
	// AlbArnSuffix and TargetGroupArnSuffix form the request-count
	// policy's resource label.
	AlbArnSuffix         pulumi.StringInput
	TargetGroupArnSuffix pulumi.StringInput
}

// Compute is the app tier: security group, instance role, launch template,
// autoscaling group and its target-tracking policies.
type Compute struct {
	pulumi.ResourceState

	SecurityGroupID      pulumi.IDOutput     `pulumi:"securityGroupId"`
	AutoscalingGroupName pulumi.StringOutput `pulumi:"autoscalingGroupName"`
}

const ec2AssumeRolePolicy = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]}`

// NewCompute builds the app instances. They sit in private subnets, accept
// traffic only from the ALB, require IMDSv2 and are reached through SSM
// instead of SSH.
func NewCompute(ctx *pulumi.Context, name string, args *ComputeArgs, opts ...pulumi.ResourceOption) (*Compute, error) {
	if args == nil {
		return nil, fmt.Errorf("compute %s: args must not be nil", name)
	}
	s := args.Spec
	ami, err := AMIParameter(s.Architecture)
	if err != nil {
		return nil, err
	}
	if s.MinSize < 1 || s.MinSize > s.DesiredCapacity || s.DesiredCapacity > s.MaxSize {
		return nil, fmt.Errorf("compute: needs 1 <= min_size (%d) <= desired_capacity (%d) <= max_size (%d)", s.MinSize, s.DesiredCapacity, s.MaxSize)
	}
	volType := s.RootVolumeType
	if volType == "" {
		volType = "gp3"
	}
	c := &Compute{}
	if err := ctx.RegisterComponentResource("tiercost:index:Compute", name, c, opts...); err != nil {
		return nil, err
	}
	child := pulumi.Parent(c)

	sg, err := ec2.NewSecurityGroup(ctx, name+"-app-sg", &ec2.SecurityGroupArgs{
		Description: pulumi.String("app instances: the app port from the ALB only"),
		VpcId:       args.VpcID,
		Ingress: ec2.SecurityGroupIngressArray{ec2.SecurityGroupIngressArgs{
			Description:    pulumi.String("app port from the ALB"),
			Protocol:       pulumi.String("tcp"),
			FromPort:       pulumi.Int(args.AppPort),
			ToPort:         pulumi.Int(args.AppPort),
			SecurityGroups: pulumi.StringArray{args.AlbSecurityGroupID},
		}},
		// Egress is open: the database, the cache, SSM and package mirrors
		// (through NAT) are all outbound.
		Egress: ec2.SecurityGroupEgressArray{ec2.SecurityGroupEgressArgs{
			Description: pulumi.String("all outbound"),
			Protocol:    pulumi.String("-1"), FromPort: pulumi.Int(0), ToPort: pulumi.Int(0),
			CidrBlocks: pulumi.StringArray{pulumi.String("0.0.0.0/0")},
		}},
	}, child)
	if err != nil {
		return nil, err
	}

	role, err := iam.NewRole(ctx, name+"-app-role", &iam.RoleArgs{
		Description:      pulumi.String("app instances: SSM Session Manager, no SSH keys"),
		AssumeRolePolicy: pulumi.String(ec2AssumeRolePolicy),
	}, child)
	if err != nil {
		return nil, err
	}
	if _, err := iam.NewRolePolicyAttachment(ctx, name+"-app-ssm", &iam.RolePolicyAttachmentArgs{
		Role:      role.Name,
		PolicyArn: pulumi.String("arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"),
	}, child); err != nil {
		return nil, err
	}
	profile, err := iam.NewInstanceProfile(ctx, name+"-app-profile", &iam.InstanceProfileArgs{Role: role.Name}, child)
	if err != nil {
		return nil, err
	}

	lt, err := ec2.NewLaunchTemplate(ctx, name+"-app-lt", &ec2.LaunchTemplateArgs{
		InstanceType:         pulumi.String(s.InstanceType),
		ImageId:              pulumi.String(ami),
		UpdateDefaultVersion: pulumi.Bool(true),
		IamInstanceProfile:   ec2.LaunchTemplateIamInstanceProfileArgs{Arn: profile.Arn},
		VpcSecurityGroupIds:  pulumi.StringArray{sg.ID().ToStringOutput()},
		MetadataOptions: ec2.LaunchTemplateMetadataOptionsArgs{
			HttpEndpoint:            pulumi.String("enabled"),
			HttpTokens:              pulumi.String("required"), // IMDSv2 only
			HttpPutResponseHopLimit: pulumi.Int(1),
		},
		BlockDeviceMappings: ec2.LaunchTemplateBlockDeviceMappingArray{ec2.LaunchTemplateBlockDeviceMappingArgs{
			DeviceName: pulumi.String("/dev/xvda"),
			Ebs: ec2.LaunchTemplateBlockDeviceMappingEbsArgs{
				VolumeSize:          pulumi.Int(s.RootVolumeGB),
				VolumeType:          pulumi.String(volType),
				Encrypted:           pulumi.String("true"),
				DeleteOnTermination: pulumi.String("true"),
			},
		}},
		Monitoring: ec2.LaunchTemplateMonitoringArgs{Enabled: pulumi.Bool(args.DetailedMonitoring)},
	}, child)
	if err != nil {
		return nil, err
	}

	asg, err := autoscaling.NewGroup(ctx, name+"-app-asg", &autoscaling.GroupArgs{
		LaunchTemplate:         autoscaling.GroupLaunchTemplateArgs{Id: lt.ID(), Version: pulumi.String("$Latest")},
		MinSize:                pulumi.Int(s.MinSize),
		MaxSize:                pulumi.Int(s.MaxSize),
		DesiredCapacity:        pulumi.Int(s.DesiredCapacity),
		VpcZoneIdentifiers:     args.PrivateSubnetIDs,
		TargetGroupArns:        pulumi.StringArray{args.TargetGroupArn},
		HealthCheckType:        pulumi.String("ELB"),
		HealthCheckGracePeriod: pulumi.Int(300),
	}, child)
	if err != nil {
		return nil, err
	}

	if s.ScalingPolicies {
		if _, err := autoscaling.NewPolicy(ctx, name+"-app-cpu", &autoscaling.PolicyArgs{
			AutoscalingGroupName: asg.Name,
			PolicyType:           pulumi.String("TargetTrackingScaling"),
			TargetTrackingConfiguration: autoscaling.PolicyTargetTrackingConfigurationArgs{
				PredefinedMetricSpecification: autoscaling.PolicyTargetTrackingConfigurationPredefinedMetricSpecificationArgs{
					PredefinedMetricType: pulumi.String("ASGAverageCPUUtilization"),
				},
				TargetValue: pulumi.Float64(float64(s.TargetCPUPercent)),
			},
		}, child); err != nil {
			return nil, err
		}
		if _, err := autoscaling.NewPolicy(ctx, name+"-app-requests", &autoscaling.PolicyArgs{
			AutoscalingGroupName: asg.Name,
			PolicyType:           pulumi.String("TargetTrackingScaling"),
			TargetTrackingConfiguration: autoscaling.PolicyTargetTrackingConfigurationArgs{
				PredefinedMetricSpecification: autoscaling.PolicyTargetTrackingConfigurationPredefinedMetricSpecificationArgs{
					PredefinedMetricType: pulumi.String("ALBRequestCountPerTarget"),
					ResourceLabel:        pulumi.Sprintf("%s/%s", args.AlbArnSuffix, args.TargetGroupArnSuffix),
				},
				TargetValue: pulumi.Float64(float64(s.TargetRequestsPerTarget)),
			},
		}, child); err != nil {
			return nil, err
		}
	}

	c.SecurityGroupID = sg.ID()
	c.AutoscalingGroupName = asg.Name
	return c, ctx.RegisterResourceOutputs(c, pulumi.Map{
		"securityGroupId":      c.SecurityGroupID,
		"autoscalingGroupName": c.AutoscalingGroupName,
	})
}
