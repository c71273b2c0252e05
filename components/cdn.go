package components

import (
	"encoding/json"
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/cloudfront"
	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws/s3"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

// AWS managed CloudFront policies (fixed IDs, the same in every account).
const (
	cachePolicyCachingDisabled  = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad"
	cachePolicyCachingOptimized = "658327ea-f89d-4fab-a63d-7e88639e58f6"
	// AllViewerExceptHostHeader: the ALB origin needs its own Host header.
	originRequestAllViewerExceptHost = "b689b0a8-53d0-40ab-baf2-68738e2966ac"
)

// CDNArgs holds the CloudFront settings and the ALB origin.
type CDNArgs struct {
	// OriginDomainName is the ALB's DNS name.
	OriginDomainName pulumi.StringInput
	// OriginHTTPS is true when the ALB has an HTTPS listener.
	OriginHTTPS bool
	PriceClass  string
	// SSEAlgorithm is AES256 (default) or aws:kms.
	SSEAlgorithm string
}

// CDN is the CloudFront distribution with a private static-assets bucket.
type CDN struct {
	pulumi.ResourceState

	DomainName pulumi.StringOutput `pulumi:"domainName"`
	BucketName pulumi.IDOutput     `pulumi:"bucketName"`
}

// NewCDN builds the bucket (encrypted, never public, readable only by this
// distribution through origin access control) and the distribution.
func NewCDN(ctx *pulumi.Context, name string, args *CDNArgs, opts ...pulumi.ResourceOption) (*CDN, error) {
	if args == nil {
		return nil, fmt.Errorf("cdn %s: args must not be nil", name)
	}
	switch args.PriceClass {
	case "PriceClass_100", "PriceClass_200", "PriceClass_All":
	default:
		return nil, fmt.Errorf("cdn.price_class: %q; allowed: PriceClass_100, PriceClass_200, PriceClass_All", args.PriceClass)
	}
	sse := args.SSEAlgorithm
	if sse == "" {
		sse = "AES256"
	}
	if sse != "AES256" && sse != "aws:kms" {
		return nil, fmt.Errorf("cdn sse algorithm: %q; allowed: AES256, aws:kms", sse)
	}
	c := &CDN{}
	if err := ctx.RegisterComponentResource("tiercost:index:CDN", name, c, opts...); err != nil {
		return nil, err
	}
	child := pulumi.Parent(c)

	bucket, err := s3.NewBucketV2(ctx, name+"-static", &s3.BucketV2Args{}, child)
	if err != nil {
		return nil, err
	}
	if _, err := s3.NewBucketServerSideEncryptionConfigurationV2(ctx, name+"-static-sse", &s3.BucketServerSideEncryptionConfigurationV2Args{
		Bucket: bucket.ID(),
		Rules: s3.BucketServerSideEncryptionConfigurationV2RuleArray{
			s3.BucketServerSideEncryptionConfigurationV2RuleArgs{
				ApplyServerSideEncryptionByDefault: s3.BucketServerSideEncryptionConfigurationV2RuleApplyServerSideEncryptionByDefaultArgs{
					SseAlgorithm: pulumi.String(sse),
				},
				BucketKeyEnabled: pulumi.Bool(sse == "aws:kms"),
			},
		},
	}, child); err != nil {
		return nil, err
	}
	pab, err := s3.NewBucketPublicAccessBlock(ctx, name+"-static-pab", &s3.BucketPublicAccessBlockArgs{
		Bucket:                bucket.ID(),
		BlockPublicAcls:       pulumi.Bool(true),
		BlockPublicPolicy:     pulumi.Bool(true),
		IgnorePublicAcls:      pulumi.Bool(true),
		RestrictPublicBuckets: pulumi.Bool(true),
	}, child)
	if err != nil {
		return nil, err
	}
	if _, err := s3.NewBucketOwnershipControls(ctx, name+"-static-ownership", &s3.BucketOwnershipControlsArgs{
		Bucket: bucket.ID(),
		Rule:   s3.BucketOwnershipControlsRuleArgs{ObjectOwnership: pulumi.String("BucketOwnerEnforced")},
	}, child); err != nil {
		return nil, err
	}
	oac, err := cloudfront.NewOriginAccessControl(ctx, name+"-oac", &cloudfront.OriginAccessControlArgs{
		Description:                   pulumi.String("static assets bucket, read by CloudFront only"),
		OriginAccessControlOriginType: pulumi.String("s3"),
		SigningBehavior:               pulumi.String("always"),
		SigningProtocol:               pulumi.String("sigv4"),
	}, child)
	if err != nil {
		return nil, err
	}

	originPolicy := "http-only"
	if args.OriginHTTPS {
		originPolicy = "https-only"
	}
	const albOrigin, s3Origin = "alb", "static"
	dist, err := cloudfront.NewDistribution(ctx, name+"-distribution", &cloudfront.DistributionArgs{
		Enabled:       pulumi.Bool(true),
		IsIpv6Enabled: pulumi.Bool(true),
		HttpVersion:   pulumi.String("http2and3"),
		PriceClass:    pulumi.String(args.PriceClass),
		Origins: cloudfront.DistributionOriginArray{
			cloudfront.DistributionOriginArgs{
				OriginId:   pulumi.String(albOrigin),
				DomainName: args.OriginDomainName,
				CustomOriginConfig: cloudfront.DistributionOriginCustomOriginConfigArgs{
					HttpPort: pulumi.Int(80), HttpsPort: pulumi.Int(443),
					OriginProtocolPolicy: pulumi.String(originPolicy),
					OriginSslProtocols:   pulumi.StringArray{pulumi.String("TLSv1.2")},
				},
			},
			cloudfront.DistributionOriginArgs{
				OriginId:              pulumi.String(s3Origin),
				DomainName:            bucket.BucketRegionalDomainName,
				OriginAccessControlId: oac.ID(),
			},
		},
		DefaultCacheBehavior: cloudfront.DistributionDefaultCacheBehaviorArgs{
			TargetOriginId:        pulumi.String(albOrigin),
			ViewerProtocolPolicy:  pulumi.String("redirect-to-https"),
			AllowedMethods:        pulumi.ToStringArray([]string{"GET", "HEAD", "OPTIONS", "PUT", "POST", "PATCH", "DELETE"}),
			CachedMethods:         pulumi.ToStringArray([]string{"GET", "HEAD"}),
			CachePolicyId:         pulumi.String(cachePolicyCachingDisabled),
			OriginRequestPolicyId: pulumi.String(originRequestAllViewerExceptHost),
			Compress:              pulumi.Bool(true),
		},
		OrderedCacheBehaviors: cloudfront.DistributionOrderedCacheBehaviorArray{
			cloudfront.DistributionOrderedCacheBehaviorArgs{
				PathPattern:          pulumi.String("/static/*"),
				TargetOriginId:       pulumi.String(s3Origin),
				ViewerProtocolPolicy: pulumi.String("redirect-to-https"),
				AllowedMethods:       pulumi.ToStringArray([]string{"GET", "HEAD"}),
				CachedMethods:        pulumi.ToStringArray([]string{"GET", "HEAD"}),
				CachePolicyId:        pulumi.String(cachePolicyCachingOptimized),
				Compress:             pulumi.Bool(true),
			},
		},
		Restrictions: cloudfront.DistributionRestrictionsArgs{
			GeoRestriction: cloudfront.DistributionRestrictionsGeoRestrictionArgs{RestrictionType: pulumi.String("none")},
		},
		ViewerCertificate: cloudfront.DistributionViewerCertificateArgs{CloudfrontDefaultCertificate: pulumi.Bool(true)},
	}, child)
	if err != nil {
		return nil, err
	}

	policy := pulumi.All(bucket.Arn, dist.Arn).ApplyT(func(v []any) (string, error) {
		return BucketPolicyJSON(v[0].(string), v[1].(string))
	}).(pulumi.StringOutput)
	if _, err := s3.NewBucketPolicy(ctx, name+"-static-policy", &s3.BucketPolicyArgs{
		Bucket: bucket.ID(),
		Policy: policy,
	}, child, pulumi.DependsOn([]pulumi.Resource{pab})); err != nil {
		return nil, err
	}

	c.DomainName = dist.DomainName
	c.BucketName = bucket.ID()
	return c, ctx.RegisterResourceOutputs(c, pulumi.Map{"domainName": c.DomainName, "bucketName": c.BucketName})
}

// BucketPolicyJSON lets only CloudFront read objects, and only on behalf of
// the one distribution.
func BucketPolicyJSON(bucketArn, distributionArn string) (string, error) {
	doc := map[string]any{
		"Version": "2012-10-17",
		"Statement": []any{map[string]any{
			"Sid":       "AllowCloudFrontServicePrincipalReadOnly",
			"Effect":    "Allow",
			"Principal": map[string]any{"Service": "cloudfront.amazonaws.com"},
			"Action":    "s3:GetObject",
			"Resource":  bucketArn + "/*",
			"Condition": map[string]any{"StringEquals": map[string]any{"AWS:SourceArn": distributionArn}},
		}},
	}
	b, err := json.Marshal(doc)
	return string(b), err
}
