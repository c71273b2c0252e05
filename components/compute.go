package components

import (
	"encoding/base64"
	"fmt"
	"sort"
	"strconv"
	"strings"

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
	// App is what the instances run; Region and AppLogGroup tell the
	// container runtime where to send the application's logs.
	App         spec.AppSpec
	Region      string
	AppLogGroup string
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
	// InstanceTypes are the group's types, the priced one first.
	InstanceTypes []string
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
	app := args.App
	if app.Image == "" && app.AMI == "" {
		app = spec.AppSpec{Image: spec.DemoImage, ContainerPort: spec.DemoContainerPort}
	}
	if app.AMI != "" {
		ami = app.AMI
	}
	userData, err := UserData(app, args.AppPort, args.Region, args.AppLogGroup)
	if err != nil {
		return nil, err
	}
	secrets, _ := app.SecretRefs() // checked by UserData
	types := []string{s.InstanceType}
	if alt, ok := spec.AlternateInstanceType(s.InstanceType); ok {
		types = append(types, alt)
	}
	c := &Compute{InstanceTypes: types}
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
	if doc, err := AppPolicy(args.Region, app.Image != "", args.AppLogGroup, secrets); err != nil {
		return nil, err
	} else if doc != "" {
		if _, err := iam.NewRolePolicy(ctx, name+"-app-runtime", &iam.RolePolicyArgs{
			Role: role.ID(), Policy: pulumi.String(doc),
		}, child); err != nil {
			return nil, err
		}
	}
	profile, err := iam.NewInstanceProfile(ctx, name+"-app-profile", &iam.InstanceProfileArgs{Role: role.Name}, child)
	if err != nil {
		return nil, err
	}

	lt, err := ec2.NewLaunchTemplate(ctx, name+"-app-lt", &ec2.LaunchTemplateArgs{
		InstanceType:         pulumi.String(s.InstanceType),
		ImageId:              pulumi.String(ami),
		UserData:             pulumi.String(base64.StdEncoding.EncodeToString([]byte(userData))),
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

	// A concrete template version (not $Latest) makes every template
	// change an instance refresh: new instances replace old ones, healthy
	// by the load balancer's check before any old one goes.
	version := lt.LatestVersion.ApplyT(func(v int) string { return strconv.Itoa(v) }).(pulumi.StringOutput)
	var overrides autoscaling.GroupMixedInstancesPolicyLaunchTemplateOverrideArray
	for _, t := range types {
		overrides = append(overrides, autoscaling.GroupMixedInstancesPolicyLaunchTemplateOverrideArgs{InstanceType: pulumi.String(t)})
	}
	asg, err := autoscaling.NewGroup(ctx, name+"-app-asg", &autoscaling.GroupArgs{
		// Two types in every AZ (AutoScaling.6); prioritized on-demand
		// launches the first whenever it has capacity.
		MixedInstancesPolicy: autoscaling.GroupMixedInstancesPolicyArgs{
			InstancesDistribution: autoscaling.GroupMixedInstancesPolicyInstancesDistributionArgs{
				OnDemandAllocationStrategy:          pulumi.String("prioritized"),
				OnDemandBaseCapacity:                pulumi.Int(0),
				OnDemandPercentageAboveBaseCapacity: pulumi.Int(100),
			},
			LaunchTemplate: autoscaling.GroupMixedInstancesPolicyLaunchTemplateArgs{
				LaunchTemplateSpecification: autoscaling.GroupMixedInstancesPolicyLaunchTemplateLaunchTemplateSpecificationArgs{
					LaunchTemplateId: lt.ID(), Version: version,
				},
				Overrides: overrides,
			},
		},
		InstanceRefresh: autoscaling.GroupInstanceRefreshArgs{
			Strategy: pulumi.String("Rolling"),
			Preferences: autoscaling.GroupInstanceRefreshPreferencesArgs{
				MinHealthyPercentage: pulumi.Int(100),
				MaxHealthyPercentage: pulumi.Int(200),
				InstanceWarmup:       pulumi.String("120"),
			},
		},
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

// UserData renders the script the instances run at boot. With an image it
// installs Docker from the Amazon Linux 2023 repository and runs the
// container, publishing its port on appPort and sending its output to the
// app log group; with an AMI it prepares the environment file and then
// runs the spec's own script. Secrets are read at boot, by reference, with
// the instance role, into a root-only file on tmpfs: the script names
// them, it never holds their values.
func UserData(app spec.AppSpec, appPort int, region, logGroup string) (string, error) {
	env, err := app.EnvVars()
	if err != nil {
		return "", fmt.Errorf("app.env: %w", err)
	}
	secrets, err := app.SecretRefs()
	if err != nil {
		return "", fmt.Errorf("app.secrets: %w", err)
	}
	var b strings.Builder
	b.WriteString("#!/bin/bash\n# tiercost: application start-up (generated; see docs/infrastructure.md)\nset -euo pipefail\n")
	fmt.Fprintf(&b, "install -d -m 0700 /run/tiercost\numask 077\n: > %s\n", spec.EnvFile)
	if len(env) > 0 {
		keys := make([]string, 0, len(env))
		for k := range env {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		fmt.Fprintf(&b, "cat >> %s <<'TIERCOST_ENV'\n", spec.EnvFile)
		for _, k := range keys {
			fmt.Fprintf(&b, "%s=%s\n", k, env[k])
		}
		b.WriteString("TIERCOST_ENV\n")
	}
	for _, s := range secrets {
		var get string
		switch s.Store {
		case "ssm":
			get = fmt.Sprintf("aws ssm get-parameter --region %s --with-decryption --name %s --query Parameter.Value --output text", shq(region), shq(s.ID))
		default:
			get = fmt.Sprintf("aws secretsmanager get-secret-value --region %s --secret-id %s --query SecretString --output text", shq(region), shq(s.ID))
		}
		fmt.Fprintf(&b, "printf '%%s=%%s\\n' %s \"$(%s)\" >> %s\n", s.Name, get, spec.EnvFile)
	}
	if app.AMI != "" {
		b.WriteString("# the application's own start-up script follows\n")
		b.WriteString(strings.TrimRight(app.UserData, "\n") + "\n")
		return b.String(), nil
	}
	b.WriteString("dnf install -y docker\nsystemctl enable --now docker\n")
	args := []string{"docker", "run", "--detach", "--name", "app", "--restart", "unless-stopped",
		"--env-file", spec.EnvFile, "--publish", fmt.Sprintf("%d:%d", appPort, app.ContainerPort),
		"--security-opt", "no-new-privileges:true",
		"--log-driver", "awslogs", "--log-opt", "awslogs-region=" + region, "--log-opt", "awslogs-group=" + logGroup,
		app.Image}
	args = append(args, strings.Fields(app.Command)...)
	for i, a := range args {
		args[i] = shq(a)
	}
	b.WriteString(strings.Join(args, " ") + "\n")
	// Docker keeps the environment with the container; the file is no
	// longer needed.
	fmt.Fprintf(&b, "rm -f %s\n", spec.EnvFile)
	return b.String(), nil
}

// shq quotes a word for bash.
func shq(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./:=@,+") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'"'"'`) + "'"
}

// AppPolicy is the instance role's inline policy: write the app's log
// group (container only) and read exactly the secrets the app names. It
// grants no kms:Decrypt (KMS.2): secrets under the AWS managed keys need
// none; a customer managed key grants the role in its key policy. "" when
// the app needs neither.
func AppPolicy(region string, container bool, logGroup string, secrets []spec.SecretRef) (string, error) {
	var st []statement
	if container {
		st = append(st, statement{Sid: "AppLogs", Effect: "Allow",
			Action:   []string{"logs:CreateLogStream", "logs:PutLogEvents"},
			Resource: fmt.Sprintf("arn:aws:logs:%s:*:log-group:%s:*", region, logGroup)})
	}
	var params, secretArns []string
	for _, s := range secrets {
		switch s.Store {
		case "ssm":
			params = append(params, fmt.Sprintf("arn:aws:ssm:%s:*:parameter%s", region, s.ID))
		default:
			if strings.HasPrefix(s.ID, "arn:") {
				secretArns = append(secretArns, s.ID, s.ID+"-??????")
			} else {
				secretArns = append(secretArns, fmt.Sprintf("arn:aws:secretsmanager:%s:*:secret:%s-??????", region, s.ID))
			}
		}
	}
	if len(params) > 0 {
		st = append(st, statement{Sid: "ReadNamedParameters", Effect: "Allow", Action: "ssm:GetParameter", Resource: params})
	}
	if len(secretArns) > 0 {
		st = append(st, statement{Sid: "ReadNamedSecrets", Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: secretArns})
	}
	if len(st) == 0 {
		return "", nil
	}
	return policyJSON(st...)
}
