//go:build e2e

package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/autoscaling"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudwatch"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2"
	"github.com/pulumi/pulumi/sdk/v3/go/auto"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optpreview"
	"github.com/pulumi/pulumi/sdk/v3/go/common/workspace"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// analyzerProgram is a small Pulumi program that is not tiercost's own:
// a VPC (free), a NAT gateway, an autoscaling group of 2 t4g.small from a
// launch template (whose ID is unknown during a first preview), and a
// log group. By hand, us-east-1 list prices (aws-prices.csv):
//
//	NAT gateway      730 h × 0.045            = 32.85
//	ASG 2 × t4g.small 2 × 730 h × 0.0168       = 24.528
//	VPC, launch template, log group (no usage) = 0
//	total 57.378, billed $57.38
func analyzerProgram(ctx *pulumi.Context) error {
	vpc, err := ec2.NewVpc(ctx, "e2e-vpc", &ec2.VpcArgs{CidrBlock: pulumi.String("10.0.0.0/16")})
	if err != nil {
		return err
	}
	subnet, err := ec2.NewSubnet(ctx, "e2e-subnet", &ec2.SubnetArgs{VpcId: vpc.ID(), CidrBlock: pulumi.String("10.0.1.0/24")})
	if err != nil {
		return err
	}
	if _, err := ec2.NewNatGateway(ctx, "e2e-nat", &ec2.NatGatewayArgs{SubnetId: subnet.ID(), ConnectivityType: pulumi.String("private")}); err != nil {
		return err
	}
	lt, err := ec2.NewLaunchTemplate(ctx, "e2e-lt", &ec2.LaunchTemplateArgs{InstanceType: pulumi.String("t4g.small"), ImageId: pulumi.String("ami-0123456789abcdef0")})
	if err != nil {
		return err
	}
	if _, err := autoscaling.NewGroup(ctx, "e2e-asg", &autoscaling.GroupArgs{
		MinSize: pulumi.Int(2), MaxSize: pulumi.Int(4), DesiredCapacity: pulumi.Int(2),
		VpcZoneIdentifiers: pulumi.StringArray{subnet.ID()},
		LaunchTemplate:     &autoscaling.GroupLaunchTemplateArgs{Id: lt.ID(), Version: pulumi.String("$Latest")},
	}); err != nil {
		return err
	}
	_, err = cloudwatch.NewLogGroup(ctx, "e2e-logs", &cloudwatch.LogGroupArgs{RetentionInDays: pulumi.Int(7)})
	return err
}

// TestE2EAnalyzer runs `pulumi preview` of analyzerProgram through the
// real engine (the pinned CLI, a local file backend, the stand-in AWS
// provider) with tiercost's analyzer enabled both ways docs/analyzer.md
// describes: installed with `tiercost analyzer install` into Pulumi's
// plugin folder, and found through the project's `plugins.analyzers`.
// The preview shows each resource's cost and the total; a budget a cent
// below the total fails it, one equal to it (in cents) passes.
func TestE2EAnalyzer(t *testing.T) {
	bin := os.Getenv("E2E_TIERCOST_BIN")
	if bin == "" {
		t.Fatal("E2E_TIERCOST_BIN is not set: run .ci/e2e.sh")
	}
	for _, tool := range []string{"pulumi", "pulumi-resource-aws"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s is not on PATH: run .ci/e2e.sh", tool)
		}
	}
	tmp := t.TempDir()
	home := filepath.Join(tmp, "home")
	env := map[string]string{
		"PULUMI_BACKEND_URL":       "file://" + filepath.Join(tmp, "state"),
		"PULUMI_HOME":              home,
		"PULUMI_CONFIG_PASSPHRASE": "e2e-only",
		"PULUMI_SKIP_UPDATE_CHECK": "true",
		"AWS_REGION":               "us-east-1",
	}
	must(t, os.MkdirAll(filepath.Join(tmp, "state"), 0o755))
	install := func(pack string, args ...string) string {
		t.Helper()
		cmd := exec.Command(bin, append([]string{"analyzer", "install", pack}, args...)...)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("analyzer install: %v\n%s", err, out)
		}
		return pack
	}
	low := install(filepath.Join(tmp, "pack-low"), "--budget", "57.37")
	high := install(filepath.Join(tmp, "pack-high"), "--budget", "57.38")
	const plugin = "pulumi-analyzer-policy-tiercost"

	preview := func(t *testing.T, stack string, proj *workspace.Project, pack string) (string, error) {
		t.Helper()
		ctx := context.Background()
		work := filepath.Join(tmp, "work-"+stack)
		must(t, os.MkdirAll(work, 0o755))
		opts := []auto.LocalWorkspaceOption{auto.WorkDir(work), auto.EnvVars(env), auto.PulumiHome(home)}
		if proj != nil {
			opts = append(opts, auto.Project(*proj))
		}
		st, err := auto.UpsertStackInlineSource(ctx, stack, "analyzer-e2e", analyzerProgram, opts...)
		if err != nil {
			t.Fatalf("stack: %v", err)
		}
		if err := st.SetConfig(ctx, "aws:region", auto.ConfigValue{Value: "us-east-1"}); err != nil {
			t.Fatal(err)
		}
		var out bytes.Buffer
		_, err = st.Preview(ctx, optpreview.PolicyPacks(pack), optpreview.ProgressStreams(&out), optpreview.ErrorProgressStreams(&out))
		return out.String(), err
	}
	wantCosts := []string{
		"tiercost: e2e-nat costs $32.85 a month",
		"tiercost: e2e-asg costs $24.53 a month", // 2 × 730 × 0.0168 = 24.528
		"tiercost: e2e-vpc costs $0.00 a month",
		"tiercost: stack",
		"costs $57.38 a month", // 32.85 + 24.528 = 57.378
	}
	check := func(t *testing.T, out string, err error, fail bool) {
		t.Helper()
		for _, w := range wantCosts {
			if !strings.Contains(out, w) {
				t.Errorf("preview output lacks %q", w)
			}
		}
		switch {
		case fail && err == nil:
			t.Errorf("a budget below the total did not fail the preview")
		case !fail && err != nil:
			t.Errorf("a budget at the total failed the preview: %v", err)
		case fail && !strings.Contains(out, "over the budget of $57.37"):
			t.Errorf("the failure does not say why")
		}
		if t.Failed() || testing.Verbose() && os.Getenv("E2E_SHOW_PREVIEW") != "" {
			t.Logf("preview output:\n%s", out)
		}
	}
	t.Run("binary policy pack, budget below the total fails", func(t *testing.T) {
		out, err := preview(t, "low", nil, filepath.Join(low, plugin))
		check(t, out, err, true)
	})
	t.Run("binary policy pack, budget at the total passes", func(t *testing.T) {
		out, err := preview(t, "high", nil, filepath.Join(high, plugin))
		check(t, out, err, false)
	})
	// The policy pack folder itself: the engine runs it through the
	// language host of its runtime, found through the project's
	// plugins.languages entry (not PATH).
	project := func(pack string) *workspace.Project {
		return &workspace.Project{Name: "analyzer-e2e", Runtime: workspace.NewProjectRuntimeInfo("go", nil),
			Plugins: &workspace.Plugins{Languages: []workspace.PluginOptions{{Name: "tiercost", Path: pack}}}}
	}
	t.Run("policy pack folder via project plugins, budget below the total fails", func(t *testing.T) {
		out, err := preview(t, "dir-low", project(low), low)
		check(t, out, err, true)
	})
	t.Run("policy pack folder via project plugins, budget at the total passes", func(t *testing.T) {
		out, err := preview(t, "dir-high", project(high), high)
		check(t, out, err, false)
	})
}
