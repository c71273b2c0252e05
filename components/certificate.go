package components

import (
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/acm"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/route53"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/tiercost/tiercost/components/spec"
)

// CertificatesArgs says which certificates the site needs and where they
// come from: existing ARNs, or created and DNS-validated in the zone.
type CertificatesArgs struct {
	Domain spec.DomainSpec
	Region string
	// CDN asks for CloudFront's certificate too (us-east-1).
	CDN bool
	// ALBCertificateARN and CDNCertificateARN are existing certificates;
	// "" lets the platform create them when it knows the zone.
	ALBCertificateARN, CDNCertificateARN string
	// Global is a us-east-1 provider for CloudFront's certificate when
	// Region is another region; nil in us-east-1.
	Global pulumi.ProviderResource
}

// Certificates is the hosted zone (created or given) and the ALB's and
// CloudFront's certificates.
type Certificates struct {
	pulumi.ResourceState

	// ZoneID is "" without a zone; NameServers is set for a created zone.
	ZoneID      pulumi.StringOutput      `pulumi:"zoneId"`
	NameServers pulumi.StringArrayOutput `pulumi:"nameServers"`
	// ALBCertificateARN and CDNCertificateARN are issued (validated)
	// certificates; HasALB and HasCDN say whether there is one at all.
	ALBCertificateARN pulumi.StringOutput `pulumi:"albCertificateArn"`
	CDNCertificateARN pulumi.StringOutput `pulumi:"cdnCertificateArn"`
	HasALB, HasCDN    bool
	// HasZone says whether records can be made (ZoneID is known).
	HasZone bool
}

// NewCertificates creates the zone when asked and the certificates the
// site lacks: RSA 2048 (ACM.2), DNS-validated, so ACM renews them on its
// own while the validation records stay (ACM.1).
func NewCertificates(ctx *pulumi.Context, name string, args *CertificatesArgs, opts ...pulumi.ResourceOption) (*Certificates, error) {
	if args == nil || args.Domain.Name == "" {
		return nil, fmt.Errorf("certificates %s: domain.name is required", name)
	}
	d := args.Domain
	c := &Certificates{HasZone: d.ZoneID != "" || d.Zone != ""}
	if err := ctx.RegisterComponentResource("tiercost:index:Certificates", name, c, opts...); err != nil {
		return nil, err
	}
	child := pulumi.Parent(c)
	empty := pulumi.String("").ToStringOutput()
	c.ZoneID, c.ALBCertificateARN, c.CDNCertificateARN = empty, empty, empty
	c.NameServers = pulumi.StringArray{}.ToStringArrayOutput()

	switch {
	case d.Zone != "":
		zone, err := route53.NewZone(ctx, name+"-zone", &route53.ZoneArgs{
			Name:    pulumi.String(d.Zone),
			Comment: pulumi.String("tiercost: " + d.Name),
		}, child)
		if err != nil {
			return nil, err
		}
		c.ZoneID, c.NameServers = zone.ZoneId, zone.NameServers
	case d.ZoneID != "":
		c.ZoneID = pulumi.String(d.ZoneID).ToStringOutput()
	}

	// The ALB answers on the site name without a CDN, and on origin.<name>
	// (CloudFront's way in) with one.
	albNames := []string{d.Name}
	if args.CDN {
		albNames = []string{d.Name, d.OriginName()}
	}
	switch {
	case args.ALBCertificateARN != "":
		c.HasALB, c.ALBCertificateARN = true, pulumi.String(args.ALBCertificateARN).ToStringOutput()
	case c.HasZone:
		arn, err := c.issue(ctx, name+"-alb-cert", albNames, child)
		if err != nil {
			return nil, err
		}
		c.HasALB, c.ALBCertificateARN = true, arn
	}

	if args.CDN {
		switch {
		case args.CDNCertificateARN != "":
			c.HasCDN, c.CDNCertificateARN = true, pulumi.String(args.CDNCertificateARN).ToStringOutput()
		case args.Region == "us-east-1" && c.HasALB:
			// One certificate serves both: CloudFront takes us-east-1's.
			c.HasCDN, c.CDNCertificateARN = true, c.ALBCertificateARN
		case c.HasZone:
			o := []pulumi.ResourceOption{child}
			if args.Global != nil {
				o = append(o, pulumi.Provider(args.Global))
			}
			arn, err := c.issue(ctx, name+"-cdn-cert", []string{d.Name}, o...)
			if err != nil {
				return nil, err
			}
			c.HasCDN, c.CDNCertificateARN = true, arn
		}
	}
	return c, ctx.RegisterResourceOutputs(c, pulumi.Map{
		"zoneId": c.ZoneID, "nameServers": c.NameServers,
		"albCertificateArn": c.ALBCertificateARN, "cdnCertificateArn": c.CDNCertificateARN,
	})
}

// issue requests a certificate for names, writes one validation record
// per name into the zone and waits for ACM to issue it. Validation records
// for the same name are identical across certificates, so they may
// overwrite each other.
func (c *Certificates) issue(ctx *pulumi.Context, name string, names []string, opts ...pulumi.ResourceOption) (pulumi.StringOutput, error) {
	cert, err := acm.NewCertificate(ctx, name, &acm.CertificateArgs{
		DomainName:              pulumi.String(names[0]),
		SubjectAlternativeNames: pulumi.ToStringArray(names[1:]),
		ValidationMethod:        pulumi.String("DNS"),
		KeyAlgorithm:            pulumi.String("RSA_2048"),
	}, opts...)
	if err != nil {
		return pulumi.StringOutput{}, err
	}
	var fqdns pulumi.StringArray
	for i := range names {
		dvo := cert.DomainValidationOptions.Index(pulumi.Int(i))
		rec, err := route53.NewRecord(ctx, fmt.Sprintf("%s-validation-%d", name, i), &route53.RecordArgs{
			ZoneId:         c.ZoneID,
			Name:           dvo.ResourceRecordName().Elem(),
			Type:           dvo.ResourceRecordType().Elem(),
			Records:        pulumi.StringArray{dvo.ResourceRecordValue().Elem()},
			Ttl:            pulumi.Int(60),
			AllowOverwrite: pulumi.Bool(true),
		}, pulumi.Parent(c))
		if err != nil {
			return pulumi.StringOutput{}, err
		}
		fqdns = append(fqdns, rec.Fqdn)
	}
	v, err := acm.NewCertificateValidation(ctx, name+"-validation", &acm.CertificateValidationArgs{
		CertificateArn:        cert.Arn,
		ValidationRecordFqdns: fqdns,
	}, opts...)
	if err != nil {
		return pulumi.StringOutput{}, err
	}
	return v.CertificateArn, nil
}
