package components

import (
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/ec2"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/lb"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// TLSPolicy is the ALB's HTTPS policy: TLS 1.3 with TLS 1.2 fallback.
const TLSPolicy = "ELBSecurityPolicy-TLS13-1-2-2021-06"

// LoadBalancerArgs holds the ALB settings and the network it lives in.
type LoadBalancerArgs struct {
	VpcID           pulumi.StringInput
	VpcCIDR         string
	PublicSubnetIDs pulumi.StringArrayInput
	// HTTPS turns on HTTPS:443 with CertificateARN; HTTP:80 then only
	// redirects (ELB.1).
	HTTPS           bool
	CertificateARN  pulumi.StringInput
	AppPort         int
	HealthCheckPath string
	// DeletionProtection refuses deletion until it is turned off (ELB.6).
	DeletionProtection bool
	// AccessLogsBucket receives access logs under LogPrefixALB (ELB.5);
	// nil for none. LogsReady is what must exist first (its policy).
	AccessLogsBucket pulumi.StringInput
	LogsReady        []pulumi.Resource
}

// LoadBalancer is the internet-facing application load balancer, its
// security group, target group and listeners.
type LoadBalancer struct {
	pulumi.ResourceState

	SecurityGroupID      pulumi.IDOutput     `pulumi:"securityGroupId"`
	Arn                  pulumi.StringOutput `pulumi:"arn"`
	ArnSuffix            pulumi.StringOutput `pulumi:"arnSuffix"`
	DNSName              pulumi.StringOutput `pulumi:"dnsName"`
	TargetGroupArn       pulumi.StringOutput `pulumi:"targetGroupArn"`
	TargetGroupArnSuffix pulumi.StringOutput `pulumi:"targetGroupArnSuffix"`
	// ZoneID is the ALB's hosted zone, for alias records.
	ZoneID pulumi.StringOutput `pulumi:"zoneId"`
	// HTTPS reports whether the HTTPS listener exists (a certificate was given).
	HTTPS bool
}

// NewLoadBalancer builds the ALB. Its security group admits 80 and 443 from
// anywhere and talks only to the app port inside the VPC.
func NewLoadBalancer(ctx *pulumi.Context, name string, args *LoadBalancerArgs, opts ...pulumi.ResourceOption) (*LoadBalancer, error) {
	if args == nil {
		return nil, fmt.Errorf("load balancer %s: args must not be nil", name)
	}
	if args.AppPort < 1 || args.AppPort > 65535 {
		return nil, fmt.Errorf("load_balancer.app_port: %d; allowed: 1 to 65535", args.AppPort)
	}
	if args.HealthCheckPath == "" || args.HealthCheckPath[0] != '/' {
		return nil, fmt.Errorf("load_balancer.health_check_path: %q; must start with /", args.HealthCheckPath)
	}
	if args.HTTPS && args.CertificateARN == nil {
		return nil, fmt.Errorf("load balancer %s: HTTPS needs a certificate ARN", name)
	}
	l := &LoadBalancer{HTTPS: args.HTTPS}
	if err := ctx.RegisterComponentResource("tiercost:index:LoadBalancer", name, l, opts...); err != nil {
		return nil, err
	}
	child := pulumi.Parent(l)

	anywhere := pulumi.StringArray{pulumi.String("0.0.0.0/0")}
	sg, err := ec2.NewSecurityGroup(ctx, name+"-alb-sg", &ec2.SecurityGroupArgs{
		Description: pulumi.String("ALB: HTTP and HTTPS from the internet"),
		VpcId:       args.VpcID,
		Ingress: ec2.SecurityGroupIngressArray{
			ec2.SecurityGroupIngressArgs{Description: pulumi.String("HTTP"), Protocol: pulumi.String("tcp"), FromPort: pulumi.Int(80), ToPort: pulumi.Int(80), CidrBlocks: anywhere},
			ec2.SecurityGroupIngressArgs{Description: pulumi.String("HTTPS"), Protocol: pulumi.String("tcp"), FromPort: pulumi.Int(443), ToPort: pulumi.Int(443), CidrBlocks: anywhere},
		},
		Egress: ec2.SecurityGroupEgressArray{
			ec2.SecurityGroupEgressArgs{
				Description: pulumi.String("to the app port inside the VPC"),
				Protocol:    pulumi.String("tcp"), FromPort: pulumi.Int(args.AppPort), ToPort: pulumi.Int(args.AppPort),
				CidrBlocks: pulumi.StringArray{pulumi.String(args.VpcCIDR)},
			},
		},
	}, child)
	if err != nil {
		return nil, err
	}

	albArgs := &lb.LoadBalancerArgs{
		LoadBalancerType:         pulumi.String("application"),
		Internal:                 pulumi.Bool(false),
		Subnets:                  args.PublicSubnetIDs,
		SecurityGroups:           pulumi.StringArray{sg.ID().ToStringOutput()},
		DropInvalidHeaderFields:  pulumi.Bool(true), // ELB.4
		DesyncMitigationMode:     pulumi.String("defensive"),
		EnableHttp2:              pulumi.Bool(true),
		EnableDeletionProtection: pulumi.Bool(args.DeletionProtection),
	}
	albOpts := []pulumi.ResourceOption{child}
	if args.AccessLogsBucket != nil {
		albArgs.AccessLogs = lb.LoadBalancerAccessLogsArgs{
			Bucket: args.AccessLogsBucket, Prefix: pulumi.String(LogPrefixALB), Enabled: pulumi.Bool(true),
		}
		// ELB checks that it may write to the bucket when logging is set.
		albOpts = append(albOpts, pulumi.DependsOn(args.LogsReady))
	}
	alb, err := lb.NewLoadBalancer(ctx, name+"-alb", albArgs, albOpts...)
	if err != nil {
		return nil, err
	}

	tg, err := lb.NewTargetGroup(ctx, name+"-alb-tg", &lb.TargetGroupArgs{
		Protocol:   pulumi.String("HTTP"),
		Port:       pulumi.Int(args.AppPort),
		VpcId:      args.VpcID,
		TargetType: pulumi.String("instance"),
		HealthCheck: lb.TargetGroupHealthCheckArgs{
			Enabled:            pulumi.Bool(true),
			Path:               pulumi.String(args.HealthCheckPath),
			Protocol:           pulumi.String("HTTP"),
			Matcher:            pulumi.String("200-399"),
			Interval:           pulumi.Int(15),
			Timeout:            pulumi.Int(5),
			HealthyThreshold:   pulumi.Int(2),
			UnhealthyThreshold: pulumi.Int(3),
		},
		DeregistrationDelay: pulumi.Int(30),
	}, child)
	if err != nil {
		return nil, err
	}

	forward := lb.ListenerDefaultActionArray{lb.ListenerDefaultActionArgs{Type: pulumi.String("forward"), TargetGroupArn: tg.Arn}}
	if l.HTTPS {
		if _, err := lb.NewListener(ctx, name+"-alb-https", &lb.ListenerArgs{
			LoadBalancerArn: alb.Arn,
			Port:            pulumi.Int(443),
			Protocol:        pulumi.String("HTTPS"),
			SslPolicy:       pulumi.String(TLSPolicy),
			CertificateArn:  args.CertificateARN,
			DefaultActions:  forward,
		}, child); err != nil {
			return nil, err
		}
		if _, err := lb.NewListener(ctx, name+"-alb-http", &lb.ListenerArgs{
			LoadBalancerArn: alb.Arn,
			Port:            pulumi.Int(80),
			Protocol:        pulumi.String("HTTP"),
			DefaultActions: lb.ListenerDefaultActionArray{lb.ListenerDefaultActionArgs{
				Type: pulumi.String("redirect"),
				Redirect: lb.ListenerDefaultActionRedirectArgs{
					Port: pulumi.String("443"), Protocol: pulumi.String("HTTPS"), StatusCode: pulumi.String("HTTP_301"),
				},
			}},
		}, child); err != nil {
			return nil, err
		}
	} else {
		// Without a certificate the ALB serves plain HTTP; CloudFront (when
		// enabled) still gives viewers HTTPS at the edge.
		if _, err := lb.NewListener(ctx, name+"-alb-http", &lb.ListenerArgs{
			LoadBalancerArn: alb.Arn,
			Port:            pulumi.Int(80),
			Protocol:        pulumi.String("HTTP"),
			DefaultActions:  forward,
		}, child); err != nil {
			return nil, err
		}
	}

	l.SecurityGroupID = sg.ID()
	l.Arn = alb.Arn
	l.ArnSuffix = alb.ArnSuffix
	l.DNSName = alb.DnsName
	l.TargetGroupArn = tg.Arn
	l.TargetGroupArnSuffix = tg.ArnSuffix
	l.ZoneID = alb.ZoneId
	return l, ctx.RegisterResourceOutputs(l, pulumi.Map{
		"securityGroupId": l.SecurityGroupID,
		"arn":             l.Arn,
		"dnsName":         l.DNSName,
		"targetGroupArn":  l.TargetGroupArn,
	})
}
