// Package components owns the Pulumi ComponentResources that realise a
// spec.Spec on AWS: one component per concern (network, load balancer, CDN,
// database, cache, compute, observability) and Platform, which composes them.
// Components only read plain spec values; sizing decisions live elsewhere.
package components

import (
	"fmt"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/tiercost/tiercost/components/spec"
)

// PlatformArgs is the whole environment as plain data.
type PlatformArgs struct {
	Spec spec.Spec
}

// Platform is the composing component: every other component is its child.
// CDN and Cache are nil when the spec turns them off.
type Platform struct {
	pulumi.ResourceState

	Network       *Network
	LoadBalancer  *LoadBalancer
	CDN           *CDN
	Database      *Database
	Cache         *Cache
	Compute       *Compute
	Observability *Observability

	AlbDNSName    pulumi.StringOutput `pulumi:"albDnsName"`
	CDNDomainName pulumi.StringOutput `pulumi:"cdnDomainName"`
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
	prefix := NamePrefix(s)

	net, err := NewNetwork(ctx, name, &NetworkArgs{
		Region: s.Region, CIDR: s.Network.CIDR, AZCount: s.Network.AZCount, NATMode: s.Network.NATMode,
	}, child)
	if err != nil {
		return nil, err
	}
	p.Network = net
	vpcID := net.VpcID.ToStringOutput()

	alb, err := NewLoadBalancer(ctx, name, &LoadBalancerArgs{
		VpcID: vpcID, VpcCIDR: net.CIDR, PublicSubnetIDs: net.PublicSubnetIDs,
		CertificateARN: s.LoadBalancer.CertificateARN, AppPort: s.LoadBalancer.AppPort, HealthCheckPath: s.LoadBalancer.HealthCheckPath,
	}, child)
	if err != nil {
		return nil, err
	}
	p.LoadBalancer = alb

	compute, err := NewCompute(ctx, name, &ComputeArgs{
		Spec: s.Compute, DetailedMonitoring: s.Observability.DetailedMonitoring, AppPort: s.LoadBalancer.AppPort,
		VpcID: vpcID, PrivateSubnetIDs: net.PrivateSubnetIDs,
		AlbSecurityGroupID: alb.SecurityGroupID.ToStringOutput(), TargetGroupArn: alb.TargetGroupArn,
		AlbArnSuffix: alb.ArnSuffix, TargetGroupArnSuffix: alb.TargetGroupArnSuffix,
	}, child)
	if err != nil {
		return nil, err
	}
	p.Compute = compute
	appSG := compute.SecurityGroupID.ToStringOutput()

	db, err := NewDatabase(ctx, name, &DatabaseArgs{
		Spec: s.Database, IdentifierPrefix: prefix, Production: s.Environment == "prod",
		VpcID: vpcID, PrivateSubnetIDs: net.PrivateSubnetIDs, AppSecurityGroupID: appSG,
	}, child)
	if err != nil {
		return nil, err
	}
	p.Database = db

	var cacheNodes []string
	if s.Cache.Enabled {
		cache, err := NewCache(ctx, name, &CacheArgs{
			Spec: s.Cache, ReplicationGroupID: prefix + "-cache",
			VpcID: vpcID, PrivateSubnetIDs: net.PrivateSubnetIDs, AppSecurityGroupID: appSG,
		}, child)
		if err != nil {
			return nil, err
		}
		p.Cache = cache
		cacheNodes = CacheNodeIDs(cache.ReplicationGroupID, s.Cache.ClusterMode, cache.NodeGroups)
	}

	p.CDNDomainName = pulumi.String("").ToStringOutput()
	if s.CDN.Enabled {
		cdn, err := NewCDN(ctx, name, &CDNArgs{
			OriginDomainName: alb.DNSName, OriginHTTPS: alb.HTTPS, PriceClass: s.CDN.PriceClass,
		}, child)
		if err != nil {
			return nil, err
		}
		p.CDN = cdn
		p.CDNDomainName = cdn.DomainName
	}

	obs, err := NewObservability(ctx, name, &ObservabilityArgs{
		Spec: s.Observability, NamePrefix: prefix, Region: s.Region,
		AlbArnSuffix: alb.ArnSuffix, TargetGroupArnSuffix: alb.TargetGroupArnSuffix, AutoscalingGroupName: compute.AutoscalingGroupName,
		DBPrimaryIdentifiers: db.PrimaryIdentifiers, DBReplicaIdentifiers: db.ReplicaIdentifiers, DBAllocatedStorageGB: s.Database.AllocatedStorageGB,
		CacheNodeIDs: cacheNodes,
	}, child)
	if err != nil {
		return nil, err
	}
	p.Observability = obs

	p.AlbDNSName = alb.DNSName
	return p, ctx.RegisterResourceOutputs(p, pulumi.Map{
		"albDnsName":    p.AlbDNSName,
		"cdnDomainName": p.CDNDomainName,
	})
}
