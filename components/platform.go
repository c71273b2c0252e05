// Package components owns the Pulumi ComponentResources that realise a
// spec.Spec on AWS: one component per concern (network, logging, alerting,
// certificates, load balancer, WAF, CDN, DNS, database, cache, compute,
// observability) and Platform, which composes them. Components only read
// plain spec values; sizing decisions live elsewhere.
package components

import (
	"fmt"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/tiercost/tiercost/components/spec"
)

// PlatformArgs is the whole environment as plain data.
type PlatformArgs struct {
	Spec spec.Spec
	// Global is a us-east-1 provider for what CloudFront needs from that
	// region (its certificate and web ACL) when the spec's region is
	// another; nil in us-east-1. The caller owns providers.
	Global pulumi.ProviderResource
}

// Platform is the composing component: every other component is its child.
// CDN and Cache are nil when the spec turns them off.
type Platform struct {
	pulumi.ResourceState

	Network       *Network
	Alerting      *Alerting
	Logging       *Logging
	Certificates  *Certificates // nil without domain.name
	LoadBalancer  *LoadBalancer
	CDN           *CDN
	Database      *Database
	Cache         *Cache
	Compute       *Compute
	Observability *Observability

	AlbDNSName    pulumi.StringOutput `pulumi:"albDnsName"`
	CDNDomainName pulumi.StringOutput `pulumi:"cdnDomainName"`
	// SiteURL is where viewers reach the site; NameServers is set when the
	// platform created the hosted zone (delegate the domain to them).
	SiteURL     pulumi.StringOutput      `pulumi:"siteUrl"`
	NameServers pulumi.StringArrayOutput `pulumi:"nameServers"`
}

// NamePrefix is the account-unique prefix of a spec: name-environment, or
// name-tier for a bare tier.
func NamePrefix(s spec.Spec) string {
	if s.Environment != "" {
		return s.Name + "-" + s.Environment
	}
	return s.Name + "-" + s.Tier
}

// NewPlatform validates the spec and builds every component. Pass the AWS
// provider with pulumi.Providers(p); children inherit it through parenting.
func NewPlatform(ctx *pulumi.Context, name string, args *PlatformArgs, opts ...pulumi.ResourceOption) (*Platform, error) {
	if args == nil {
		return nil, fmt.Errorf("platform %s: args must not be nil", name)
	}
	s := args.Spec
	if err := s.Validate(); err != nil {
		return nil, fmt.Errorf("platform %s: invalid spec: %w", name, err)
	}
	p := &Platform{}
	if err := ctx.RegisterComponentResource("tiercost:index:Platform", name, p, opts...); err != nil {
		return nil, err
	}
	child := pulumi.Parent(p)
	// Each component tags what it creates with its kind and their logical
	// names (tags.go), so that a bill's lines can be matched to the plan.
	childOf := func(kind string) pulumi.ResourceOption {
		return pulumi.Composite(child, pulumi.Transformations([]pulumi.ResourceTransformation{tagWith(kind)}))
	}
	prefix := NamePrefix(s)

	net, err := NewNetwork(ctx, name, &NetworkArgs{
		Region: s.Region, CIDR: s.Network.CIDR, AZCount: s.Network.AZCount, NATMode: s.Network.NATMode,
		EC2Endpoint: s.Security.VPCEndpoints,
	}, childOf("Network"))
	if err != nil {
		return nil, err
	}
	p.Network = net
	vpcID := net.VpcID.ToStringOutput()

	alerts, err := NewAlerting(ctx, name, &AlertingArgs{NamePrefix: prefix, Email: s.Observability.AlarmEmail}, childOf("Alerting"))
	if err != nil {
		return nil, err
	}
	p.Alerting = alerts

	logs, err := NewLogging(ctx, name, &LoggingArgs{
		NamePrefix: prefix, Region: s.Region, Partition: alerts.Partition, AccountID: alerts.AccountID, VpcID: vpcID,
		BucketName: s.LogBucketName(), FlowLogGroupName: s.FlowLogGroupName(),
		FlowLogs: s.Security.FlowLogs, FlowRetentionDays: s.Observability.LogRetentionDays,
		AccessLogs: s.Security.AccessLogs, AccessRetentionDays: s.Security.LogRetentionDays,
		CloudFront: s.CDN.Enabled,
	}, childOf("Logging"))
	if err != nil {
		return nil, err
	}
	p.Logging = logs

	// Certificates come first: the ALB and CloudFront take their ARNs.
	var certs *Certificates
	if s.Domain.Name != "" {
		certs, err = NewCertificates(ctx, name, &CertificatesArgs{
			Domain: s.Domain, Region: s.Region, CDN: s.CDN.Enabled,
			ALBCertificateARN: s.LoadBalancer.CertificateARN, CDNCertificateARN: s.CDN.CertificateARN,
			Global: args.Global,
		}, childOf("Certificates"))
		if err != nil {
			return nil, err
		}
		p.Certificates = certs
	}
	lbArgs := &LoadBalancerArgs{
		VpcID: vpcID, VpcCIDR: net.CIDR, PublicSubnetIDs: net.PublicSubnetIDs,
		AppPort: s.LoadBalancer.AppPort, HealthCheckPath: s.LoadBalancer.HealthCheckPath,
		DeletionProtection: s.Security.DeletionProtection,
	}
	switch {
	case certs != nil && certs.HasALB:
		lbArgs.HTTPS, lbArgs.CertificateARN = true, certs.ALBCertificateARN
	case s.LoadBalancer.CertificateARN != "":
		lbArgs.HTTPS, lbArgs.CertificateARN = true, pulumi.String(s.LoadBalancer.CertificateARN)
	}
	if logs.Bucket != nil {
		lbArgs.AccessLogsBucket, lbArgs.LogsReady = logs.BucketID, logs.Ready
	}
	alb, err := NewLoadBalancer(ctx, name, lbArgs, childOf("LoadBalancer"))
	if err != nil {
		return nil, err
	}
	p.LoadBalancer = alb

	var regionalWAF, cdnWAF *WAF
	if s.Security.WAF {
		regionalWAF, err = NewWAF(ctx, name+"-alb", &WAFArgs{
			Scope: WAFRegional, NamePrefix: prefix, ACLName: s.WebACLName(spec.WAFScopeALB), LogGroupName: s.WAFLogGroupName(spec.WAFScopeALB),
			RateLimit: s.Security.WAFRateLimit, LogRetentionDays: s.Observability.LogRetentionDays, ResourceArn: alb.Arn,
		}, childOf("WAF"))
		if err != nil {
			return nil, err
		}
		if s.CDN.Enabled {
			o := []pulumi.ResourceOption{childOf("WAF")}
			if args.Global != nil {
				o = append(o, pulumi.Providers(args.Global))
			}
			cdnWAF, err = NewWAF(ctx, name+"-cdn", &WAFArgs{
				Scope: WAFCloudFront, NamePrefix: prefix, ACLName: s.WebACLName(spec.WAFScopeCDN), LogGroupName: s.WAFLogGroupName(spec.WAFScopeCDN),
				RateLimit: s.Security.WAFRateLimit, LogRetentionDays: s.Observability.LogRetentionDays,
			}, o...)
			if err != nil {
				return nil, err
			}
		}
	}
	_ = regionalWAF

	compute, err := NewCompute(ctx, name, &ComputeArgs{
		Spec: s.Compute, DetailedMonitoring: s.Observability.DetailedMonitoring, AppPort: s.LoadBalancer.AppPort,
		App: s.App, Region: s.Region, AppLogGroup: AppLogGroupName(prefix),
		VpcID: vpcID, PrivateSubnetIDs: net.PrivateSubnetIDs,
		AlbSecurityGroupID: alb.SecurityGroupID.ToStringOutput(), TargetGroupArn: alb.TargetGroupArn,
		AlbArnSuffix: alb.ArnSuffix, TargetGroupArnSuffix: alb.TargetGroupArnSuffix,
	}, childOf("Compute"))
	if err != nil {
		return nil, err
	}
	p.Compute = compute
	appSG := compute.SecurityGroupID.ToStringOutput()

	db, err := NewDatabase(ctx, name, &DatabaseArgs{
		Spec: s.Database, IdentifierPrefix: prefix, Production: s.Environment == "prod",
		AlertTopicArn: alerts.TopicArn, LogRetentionDays: s.Observability.LogRetentionDays,
		VpcID: vpcID, PrivateSubnetIDs: net.PrivateSubnetIDs, AppSecurityGroupID: appSG,
	}, childOf("Database"))
	if err != nil {
		return nil, err
	}
	p.Database = db

	var cacheNodes []string
	if s.Cache.Enabled {
		cache, err := NewCache(ctx, name, &CacheArgs{
			Spec: s.Cache, ReplicationGroupID: prefix + "-cache",
			VpcID: vpcID, PrivateSubnetIDs: net.PrivateSubnetIDs, AppSecurityGroupID: appSG,
		}, childOf("Cache"))
		if err != nil {
			return nil, err
		}
		p.Cache = cache
		cacheNodes = CacheNodeIDs(cache.ReplicationGroupID, s.Cache.ClusterMode, cache.NodeGroups)
	}

	p.CDNDomainName = pulumi.String("").ToStringOutput()
	p.SiteURL = pulumi.Sprintf("http://%s", alb.DNSName)
	if alb.HTTPS && s.Domain.Name != "" {
		p.SiteURL = pulumi.Sprintf("https://%s", s.Domain.Name).ToStringOutput()
	}
	if s.CDN.Enabled {
		ca := &CDNArgs{
			OriginDomainName: alb.DNSName, PriceClass: s.CDN.PriceClass, DefaultRootObject: s.CDN.DefaultRootObject,
		}
		// CloudFront verifies the origin's certificate against the name it
		// connects to, so HTTPS to the ALB needs origin.<domain>.
		if alb.HTTPS && s.Domain.Name != "" {
			ca.OriginDomainName, ca.OriginHTTPS = pulumi.String(s.Domain.OriginName()), true
		}
		if certs != nil && certs.HasCDN {
			ca.Aliases, ca.CertificateARN = []string{s.Domain.Name}, certs.CDNCertificateARN
		}
		if cdnWAF != nil {
			ca.WebACLArn = cdnWAF.Arn
		}
		if logs.Bucket != nil {
			ca.LogBucketDomainName, ca.LogBucketID = logs.BucketDomainName, logs.BucketID
		}
		cdn, err := NewCDN(ctx, name, ca, childOf("CDN"))
		if err != nil {
			return nil, err
		}
		p.CDN = cdn
		p.CDNDomainName = cdn.DomainName
		if ca.CertificateARN != nil {
			p.SiteURL = pulumi.Sprintf("https://%s", s.Domain.Name).ToStringOutput()
		} else {
			p.SiteURL = pulumi.Sprintf("https://%s", cdn.DomainName)
		}
	}

	p.NameServers = pulumi.StringArray{}.ToStringArrayOutput()
	if certs != nil && certs.HasZone {
		dnsArgs := &DNSArgs{Domain: s.Domain, ZoneID: certs.ZoneID, CDN: s.CDN.Enabled,
			ALBDNSName: alb.DNSName, ALBZoneID: alb.ZoneID, CDNDomainName: p.CDNDomainName}
		if _, err := NewDNS(ctx, name, dnsArgs, childOf("DNS")); err != nil {
			return nil, err
		}
		p.NameServers = certs.NameServers
	}

	obs, err := NewObservability(ctx, name, &ObservabilityArgs{
		Spec: s.Observability, NamePrefix: prefix, Region: s.Region,
		AlbArnSuffix: alb.ArnSuffix, TargetGroupArnSuffix: alb.TargetGroupArnSuffix, AutoscalingGroupName: compute.AutoscalingGroupName,
		DBPrimaryIdentifiers: db.PrimaryIdentifiers, DBReplicaIdentifiers: db.ReplicaIdentifiers, DBAllocatedStorageGB: s.Database.AllocatedStorageGB,
		CacheNodeIDs: cacheNodes, AlarmTopicArn: alerts.TopicArn,
	}, childOf("Observability"))
	if err != nil {
		return nil, err
	}
	p.Observability = obs

	p.AlbDNSName = alb.DNSName
	// The tier and environment ride along in the state, so an audit of a
	// stack export knows which tier's documented exceptions apply.
	return p, ctx.RegisterResourceOutputs(p, pulumi.Map{
		"albDnsName":    p.AlbDNSName,
		"cdnDomainName": p.CDNDomainName,
		"siteUrl":       p.SiteURL,
		"nameServers":   p.NameServers,
		"tier":          pulumi.String(s.Tier),
		"environment":   pulumi.String(s.Environment),
	})
}

// AppLogGroupName is the application's log group (Observability makes it,
// the container runtime writes it).
func AppLogGroupName(prefix string) string { return "/tiercost/" + prefix + "/app" }
