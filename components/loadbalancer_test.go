package components

import (
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

func lbArgs(cert string) *LoadBalancerArgs {
	a := &LoadBalancerArgs{
		VpcID: pulumi.String("vpc-1"), VpcCIDR: "10.0.0.0/16",
		PublicSubnetIDs: pulumi.ToStringArray([]string{"subnet-a", "subnet-b"}),
		AppPort:         8080, HealthCheckPath: "/healthz",
	}
	if cert != "" {
		a.HTTPS, a.CertificateARN = true, pulumi.String(cert)
	}
	return a
}

func TestLoadBalancerListeners(t *testing.T) {
	tests := []struct {
		name string
		cert string
		want map[string]string // listener protocol -> default action type
	}{
		{"no certificate", "", map[string]string{"HTTP": "forward"}},
		{"certificate", "arn:aws:acm:us-east-1:123456789012:certificate/x", map[string]string{"HTTP": "redirect", "HTTPS": "forward"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rs := run(t, func(ctx *pulumi.Context) error {
				_, err := NewLoadBalancer(ctx, "w", lbArgs(tt.cert))
				return err
			})
			got := map[string]string{}
			for _, l := range rs.ofType("aws:lb/listener:Listener") {
				a := l.get("defaultActions").([]any)[0].(map[string]any)
				got[l.str("protocol")] = a["type"].(string)
				if a["type"] == "forward" && a["targetGroupArn"] != "arn:aws:test:us-east-1:123456789012:w-alb-tg" {
					t.Errorf("%s forwards to %v", l.Name, a["targetGroupArn"])
				}
				if l.str("protocol") == "HTTPS" && (l.num("port") != 443 || l.str("certificateArn") != tt.cert) {
					t.Errorf("HTTPS listener inputs %v", l.Inputs)
				}
			}
			if len(got) != len(tt.want) {
				t.Fatalf("listeners %v, want %v", got, tt.want)
			}
			for k, v := range tt.want {
				if got[k] != v {
					t.Errorf("listener %s action %q, want %q", k, got[k], v)
				}
			}
			alb := rs.ofType("aws:lb/loadBalancer:LoadBalancer")[0]
			if alb.str("loadBalancerType") != "application" || alb.get("internal") != false || len(alb.get("subnets").([]any)) != 2 {
				t.Errorf("alb inputs %v", alb.Inputs)
			}
			tg := rs.ofType("aws:lb/targetGroup:TargetGroup")[0]
			if tg.str("protocol") != "HTTP" || tg.num("port") != 8080 || tg.str("healthCheck.path") != "/healthz" {
				t.Errorf("target group inputs %v", tg.Inputs)
			}
			egress := rs.named("w-alb-sg").get("egress").([]any)[0].(map[string]any)
			if egress["fromPort"] != 8080.0 || egress["cidrBlocks"].([]any)[0] != "10.0.0.0/16" {
				t.Errorf("ALB egress %v, want only 8080 into the VPC", egress)
			}
		})
	}
}

func TestLoadBalancerRejects(t *testing.T) {
	tests := []struct {
		edit func(*LoadBalancerArgs)
		want string
	}{
		{func(a *LoadBalancerArgs) { a.AppPort = 0 }, "load_balancer.app_port"},
		{func(a *LoadBalancerArgs) { a.HealthCheckPath = "healthz" }, "load_balancer.health_check_path"},
	}
	for _, tt := range tests {
		a := lbArgs("")
		tt.edit(a)
		err := pulumi.RunErr(func(ctx *pulumi.Context) error {
			_, err := NewLoadBalancer(ctx, "w", a)
			return err
		}, pulumi.WithMocks("tiercost", "test", &recorder{}))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("err = %v, want %q", err, tt.want)
		}
	}
}
