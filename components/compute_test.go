package components

import (
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/tiercost/tiercost/components/spec"
)

func TestCompute(t *testing.T) {
	tests := []struct {
		name      string
		spec      spec.ComputeSpec
		detailed  bool
		ami       string
		policies  int
		alternate string
	}{
		{"arm64 fixed", spec.ComputeSpec{InstanceType: "t4g.small", Architecture: "arm64", MinSize: 1, DesiredCapacity: 1, MaxSize: 2, RootVolumeGB: 20, RootVolumeType: "gp3"},
			false, "resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64", 0, "c7g.large"},
		{"x86 scaling", spec.ComputeSpec{InstanceType: "m6i.large", Architecture: "x86_64", MinSize: 3, DesiredCapacity: 4, MaxSize: 10, RootVolumeGB: 30,
			ScalingPolicies: true, TargetCPUPercent: 55, TargetRequestsPerTarget: 1000},
			true, "resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64", 2, "r6i.large"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rs := run(t, func(ctx *pulumi.Context) error {
				_, err := NewCompute(ctx, "c", &ComputeArgs{
					Spec: tt.spec, DetailedMonitoring: tt.detailed, AppPort: 8080,
					VpcID: pulumi.String("v"), PrivateSubnetIDs: pulumi.ToStringArray([]string{"p0", "p1"}),
					AlbSecurityGroupID: pulumi.String("sg-alb"), TargetGroupArn: pulumi.String("tg-arn"),
					AlbArnSuffix: pulumi.String("app/alb/1"), TargetGroupArnSuffix: pulumi.String("targetgroup/tg/2"),
				})
				return err
			})
			lt := rs.ofType("aws:ec2/launchTemplate:LaunchTemplate")[0]
			ebs := lt.get("blockDeviceMappings").([]any)[0].(map[string]any)
			vol := ebs["ebs"].(map[string]any)
			wantVol := tt.spec.RootVolumeType
			if wantVol == "" {
				wantVol = "gp3" // the default when the spec leaves it empty
			}
			if lt.str("imageId") != tt.ami || lt.str("instanceType") != tt.spec.InstanceType ||
				lt.str("metadataOptions.httpTokens") != "required" || lt.str("metadataOptions.httpEndpoint") != "enabled" ||
				lt.get("monitoring.enabled") != tt.detailed || ebs["deviceName"] != "/dev/xvda" ||
				vol["volumeSize"] != float64(tt.spec.RootVolumeGB) || vol["volumeType"] != wantVol ||
				vol["encrypted"] != "true" || vol["deleteOnTermination"] != "true" {
				t.Errorf("launch template inputs %v", lt.Inputs)
			}
			asg := rs.ofType("aws:autoscaling/group:Group")[0]
			lts := "mixedInstancesPolicy.launchTemplate."
			overrides := asg.get(lts + "overrides").([]any)
			if asg.str(lts+"launchTemplateSpecification.launchTemplateId") != "c-app-lt_id" ||
				asg.str(lts+"launchTemplateSpecification.version") != "1" || len(overrides) != 2 ||
				overrides[0].(map[string]any)["instanceType"] != tt.spec.InstanceType || overrides[1].(map[string]any)["instanceType"] != tt.alternate ||
				asg.str("mixedInstancesPolicy.instancesDistribution.onDemandAllocationStrategy") != "prioritized" ||
				asg.str("instanceRefresh.strategy") != "Rolling" || asg.num("instanceRefresh.preferences.minHealthyPercentage") != 100 ||
				asg.num("minSize") != float64(tt.spec.MinSize) || asg.num("maxSize") != float64(tt.spec.MaxSize) ||
				asg.num("desiredCapacity") != float64(tt.spec.DesiredCapacity) || asg.str("healthCheckType") != "ELB" ||
				asg.get("targetGroupArns").([]any)[0] != "tg-arn" || len(asg.get("vpcZoneIdentifiers").([]any)) != 2 {
				t.Errorf("asg inputs %v", asg.Inputs)
			}
			pols := rs.ofType("aws:autoscaling/policy:Policy")
			if len(pols) != tt.policies {
				t.Fatalf("%d policies, want %d", len(pols), tt.policies)
			}
			if tt.policies == 2 {
				cpu, req := rs.named("c-app-cpu"), rs.named("c-app-requests")
				if cpu.str("targetTrackingConfiguration.predefinedMetricSpecification.predefinedMetricType") != "ASGAverageCPUUtilization" ||
					cpu.num("targetTrackingConfiguration.targetValue") != 55 {
					t.Errorf("cpu policy %v", cpu.Inputs)
				}
				if req.str("targetTrackingConfiguration.predefinedMetricSpecification.predefinedMetricType") != "ALBRequestCountPerTarget" ||
					req.str("targetTrackingConfiguration.predefinedMetricSpecification.resourceLabel") != "app/alb/1/targetgroup/tg/2" ||
					req.num("targetTrackingConfiguration.targetValue") != 1000 {
					t.Errorf("request policy %v", req.Inputs)
				}
			}
			if a := rs.ofType("aws:iam/rolePolicyAttachment:RolePolicyAttachment")[0]; a.str("policyArn") != "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore" {
				t.Errorf("policy attachment %v", a.Inputs)
			}
		})
	}
}

func TestAMIParameterRejects(t *testing.T) {
	if _, err := AMIParameter("ppc64"); err == nil || !strings.Contains(err.Error(), "compute.architecture") {
		t.Errorf("err = %v", err)
	}
}
