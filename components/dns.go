package components

import (
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/route53"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/tiercost/tiercost/components/spec"
)

// CloudFrontZoneID is the hosted zone every CloudFront distribution's
// alias target lives in (the same in every account).
const CloudFrontZoneID = "Z2FDTNDATAQYW2"

// DNSArgs holds the site name, the zone and the targets.
type DNSArgs struct {
	Domain spec.DomainSpec
	ZoneID pulumi.StringInput
	// CDN points the site name at CloudFront and origin.<name> at the ALB;
	// without it the site name points at the ALB.
	CDN           bool
	CDNDomainName pulumi.StringInput
	ALBDNSName    pulumi.StringInput
	ALBZoneID     pulumi.StringInput
}

// DNS is the site's alias records. Alias queries to CloudFront and ELB
// targets are free in Route 53.
type DNS struct {
	pulumi.ResourceState
}

// NewDNS creates the alias records.
func NewDNS(ctx *pulumi.Context, name string, args *DNSArgs, opts ...pulumi.ResourceOption) (*DNS, error) {
	if args == nil || args.Domain.Name == "" || args.ZoneID == nil {
		return nil, fmt.Errorf("dns %s: domain.name and a zone are required", name)
	}
	d := &DNS{}
	if err := ctx.RegisterComponentResource("tiercost:index:DNS", name, d, opts...); err != nil {
		return nil, err
	}
	child := pulumi.Parent(d)
	alias := func(suffix, host, typ string, target, zone pulumi.StringInput, health bool) error {
		_, err := route53.NewRecord(ctx, name+"-"+suffix, &route53.RecordArgs{
			ZoneId: args.ZoneID,
			Name:   pulumi.String(host),
			Type:   pulumi.String(typ),
			Aliases: route53.RecordAliasArray{route53.RecordAliasArgs{
				Name: target, ZoneId: zone, EvaluateTargetHealth: pulumi.Bool(health),
			}},
		}, child)
		return err
	}
	if args.CDN {
		// CloudFront serves IPv4 and IPv6 (the distribution enables IPv6).
		for _, typ := range []string{"A", "AAAA"} {
			if err := alias("site-"+typ, args.Domain.Name, typ, args.CDNDomainName, pulumi.String(CloudFrontZoneID), false); err != nil {
				return nil, err
			}
		}
		if err := alias("origin-A", args.Domain.OriginName(), "A", args.ALBDNSName, args.ALBZoneID, true); err != nil {
			return nil, err
		}
	} else if err := alias("site-A", args.Domain.Name, "A", args.ALBDNSName, args.ALBZoneID, true); err != nil {
		return nil, err
	}
	return d, ctx.RegisterResourceOutputs(d, pulumi.Map{})
}
