package components

import (
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
	// OriginDomainName is the name CloudFront reaches the ALB by: its DNS
	// name, or origin.<domain> when OriginHTTPS.
	OriginDomainName pulumi.StringInput
	// OriginHTTPS is true when the ALB has an HTTPS listener and a name its
	// certificate covers (CloudFront.9).
	OriginHTTPS bool
	PriceClass  string
	// SSEAlgorithm is AES256 (default) or aws:kms.
	SSEAlgorithm string
	// Aliases and CertificateARN give viewers the site's own name and
	// certificate (CloudFront.7), served by SNI (CloudFront.8).
	Aliases        []string
	CertificateARN pulumi.StringInput
	// WebACLArn attaches a CloudFront-scope WAF web ACL (CloudFront.6).
	WebACLArn pulumi.StringInput
	// LogBucketDomainName and LogBucketID receive the distribution's and
	// the bucket's access logs (CloudFront.5, S3.9); nil for none.
	LogBucketDomainName, LogBucketID pulumi.StringInput
	// DefaultRootObject is what GET / asks the origin for (CloudFront.1).
	DefaultRootObject string
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
	if _, err := s3.NewBucketNotification(ctx, name+"-static-events", &s3.BucketNotificationArgs{
		Bucket: bucket.ID(), Eventbridge: pulumi.Bool(true), // S3.11, free on the default event bus
	}, child); err != nil {
		return nil, err
	}
	// S3.13: uploads that never finish are the only thing that piles up.
	if _, err := s3.NewBucketLifecycleConfigurationV2(ctx, name+"-static-lifecycle", &s3.BucketLifecycleConfigurationV2Args{
		Bucket: bucket.ID(),
		Rules: s3.BucketLifecycleConfigurationV2RuleArray{s3.BucketLifecycleConfigurationV2RuleArgs{
			Id: pulumi.String("abort-incomplete-uploads"), Status: pulumi.String("Enabled"),
			Filter:                         s3.BucketLifecycleConfigurationV2RuleFilterArgs{Prefix: pulumi.String("")},
			AbortIncompleteMultipartUpload: s3.BucketLifecycleConfigurationV2RuleAbortIncompleteMultipartUploadArgs{DaysAfterInitiation: pulumi.Int(7)},
		}},
	}, child); err != nil {
		return nil, err
	}
	if args.LogBucketID != nil {
		if err := accessLogging(ctx, name+"-static", bucket, args.LogBucketID, child); err != nil {
			return nil, err
		}
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
	// Static assets fail over to the app (CloudFront.4): an origin group
	// serves only GET and HEAD, which is all /static/* allows.
	const albOrigin, s3Origin, staticGroup = "alb", "static", "static-failover"
	viewer := cloudfront.DistributionViewerCertificateArgs{CloudfrontDefaultCertificate: pulumi.Bool(true)}
	if args.CertificateARN != nil {
		viewer = cloudfront.DistributionViewerCertificateArgs{
			AcmCertificateArn:      args.CertificateARN,
			SslSupportMethod:       pulumi.String("sni-only"),
			MinimumProtocolVersion: pulumi.String("TLSv1.2_2021"),
		}
	}
	var logging cloudfront.DistributionLoggingConfigPtrInput
	if args.LogBucketDomainName != nil {
		logging = cloudfront.DistributionLoggingConfigArgs{
			Bucket: args.LogBucketDomainName, Prefix: pulumi.String(LogPrefixCloudFront), IncludeCookies: pulumi.Bool(false),
		}
	}
	root := args.DefaultRootObject
	if root == "" {
		root = "index.html"
	}
	dist, err := cloudfront.NewDistribution(ctx, name+"-distribution", &cloudfront.DistributionArgs{
		Enabled:           pulumi.Bool(true),
		IsIpv6Enabled:     pulumi.Bool(true),
		HttpVersion:       pulumi.String("http2and3"),
		PriceClass:        pulumi.String(args.PriceClass),
		Aliases:           pulumi.ToStringArray(args.Aliases),
		DefaultRootObject: pulumi.String(root),
		WebAclId:          args.WebACLArn,
		LoggingConfig:     logging,
		OriginGroups: cloudfront.DistributionOriginGroupArray{cloudfront.DistributionOriginGroupArgs{
			OriginId:         pulumi.String(staticGroup),
			FailoverCriteria: cloudfront.DistributionOriginGroupFailoverCriteriaArgs{StatusCodes: pulumi.ToIntArray([]int{500, 502, 503, 504})},
			Members: cloudfront.DistributionOriginGroupMemberArray{
				cloudfront.DistributionOriginGroupMemberArgs{OriginId: pulumi.String(s3Origin)},
				cloudfront.DistributionOriginGroupMemberArgs{OriginId: pulumi.String(albOrigin)},
			},
		}},
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
				TargetOriginId:       pulumi.String(staticGroup),
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
		ViewerCertificate: viewer,
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
// the one distribution, and refuses requests without TLS (S3.5).
func BucketPolicyJSON(bucketArn, distributionArn string) (string, error) {
	return policyJSON(
		statement{Sid: "AllowCloudFrontServicePrincipalReadOnly", Effect: "Allow",
			Principal: map[string]any{"Service": "cloudfront.amazonaws.com"},
			Action:    "s3:GetObject", Resource: bucketArn + "/*",
			Condition: map[string]any{"StringEquals": map[string]any{"AWS:SourceArn": distributionArn}}},
		denyInsecureTransport(bucketArn),
	)
}
