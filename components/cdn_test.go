package components

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

func TestCDN(t *testing.T) {
	tests := []struct {
		https      bool
		priceClass string
		wantOrigin string
	}{
		{false, "PriceClass_100", "http-only"},
		{true, "PriceClass_All", "https-only"},
	}
	for _, tt := range tests {
		t.Run(tt.priceClass, func(t *testing.T) {
			rs := run(t, func(ctx *pulumi.Context) error {
				_, err := NewCDN(ctx, "w", &CDNArgs{OriginDomainName: pulumi.String("alb.example"), OriginHTTPS: tt.https, PriceClass: tt.priceClass})
				return err
			})
			d := rs.ofType("aws:cloudfront/distribution:Distribution")[0]
			if d.str("priceClass") != tt.priceClass || d.get("enabled") != true {
				t.Errorf("distribution priceClass=%q enabled=%v", d.str("priceClass"), d.get("enabled"))
			}
			origins := d.get("origins").([]any)
			alb, s3o := origins[0].(map[string]any), origins[1].(map[string]any)
			if alb["domainName"] != "alb.example" || alb["customOriginConfig"].(map[string]any)["originProtocolPolicy"] != tt.wantOrigin {
				t.Errorf("ALB origin %v", alb)
			}
			if s3o["domainName"] != "w-static.s3.example" || s3o["originAccessControlId"] != "w-oac_id" {
				t.Errorf("S3 origin %v", s3o)
			}
			if d.str("defaultCacheBehavior.targetOriginId") != "alb" || d.str("defaultCacheBehavior.viewerProtocolPolicy") != "redirect-to-https" {
				t.Errorf("default behaviour %v", d.get("defaultCacheBehavior"))
			}
			ob := d.get("orderedCacheBehaviors").([]any)[0].(map[string]any)
			if ob["pathPattern"] != "/static/*" || ob["targetOriginId"] != "static-failover" || ob["viewerProtocolPolicy"] != "redirect-to-https" {
				t.Errorf("static behaviour %v", ob)
			}
			// /static/* fails over from the bucket to the app (CloudFront.4).
			og := d.get("originGroups").([]any)[0].(map[string]any)
			members := og["members"].([]any)
			if og["originId"] != "static-failover" || len(members) != 2 || members[0].(map[string]any)["originId"] != "static" || members[1].(map[string]any)["originId"] != "alb" {
				t.Errorf("origin group %v", og)
			}
			if d.str("defaultRootObject") != "index.html" || d.has("webAclId") || d.has("loggingConfig") || d.get("viewerCertificate.cloudfrontDefaultCertificate") != true {
				t.Errorf("distribution without extras: %v", d.Inputs)
			}
			oac := rs.ofType("aws:cloudfront/originAccessControl:OriginAccessControl")[0]
			if oac.str("signingProtocol") != "sigv4" || oac.str("originAccessControlOriginType") != "s3" || oac.str("signingBehavior") != "always" {
				t.Errorf("OAC %v", oac.Inputs)
			}
			own := rs.ofType("aws:s3/bucketOwnershipControls:BucketOwnershipControls")[0]
			if own.str("rule.objectOwnership") != "BucketOwnerEnforced" {
				t.Errorf("ownership %v", own.Inputs)
			}

			var doc struct {
				Statement []struct {
					Effect    string
					Principal any
					Resource  any
					Condition map[string]map[string]string
				}
			}
			pol := rs.ofType("aws:s3/bucketPolicy:BucketPolicy")[0]
			if err := json.Unmarshal([]byte(pol.str("policy")), &doc); err != nil {
				t.Fatalf("policy %q: %v", pol.str("policy"), err)
			}
			st := doc.Statement
			if len(st) != 2 || st[0].Effect != "Allow" || st[0].Principal.(map[string]any)["Service"] != "cloudfront.amazonaws.com" ||
				st[0].Resource != "arn:aws:test:us-east-1:123456789012:w-static/*" ||
				st[0].Condition["StringEquals"]["AWS:SourceArn"] != "arn:aws:test:us-east-1:123456789012:w-distribution" {
				t.Errorf("bucket policy %+v", st)
			}
			// S3.5: everything without TLS is refused.
			if st[1].Effect != "Deny" || st[1].Principal != "*" || st[1].Condition["Bool"]["aws:SecureTransport"] != "false" {
				t.Errorf("bucket policy has no TLS-only statement: %+v", st)
			}
		})
	}
}

// TestCDNWithDomain: aliases with the site certificate served by SNI on a
// current TLS policy, the web ACL, standard logs and the bucket's access
// logs.
func TestCDNWithDomain(t *testing.T) {
	rs := run(t, func(ctx *pulumi.Context) error {
		_, err := NewCDN(ctx, "w", &CDNArgs{
			OriginDomainName: pulumi.String("origin.app.example.com"), OriginHTTPS: true, PriceClass: "PriceClass_100",
			Aliases: []string{"app.example.com"}, CertificateARN: pulumi.String("arn:cert"), WebACLArn: pulumi.String("arn:acl"),
			LogBucketDomainName: pulumi.String("logs.s3.amazonaws.com"), LogBucketID: pulumi.String("logs"), DefaultRootObject: "home",
		})
		return err
	})
	d := rs.ofType("aws:cloudfront/distribution:Distribution")[0]
	aliases := d.get("aliases").([]any)
	if len(aliases) != 1 || aliases[0] != "app.example.com" || d.str("webAclId") != "arn:acl" || d.str("defaultRootObject") != "home" {
		t.Errorf("distribution %v", d.Inputs)
	}
	if d.str("viewerCertificate.acmCertificateArn") != "arn:cert" || d.str("viewerCertificate.sslSupportMethod") != "sni-only" ||
		d.str("viewerCertificate.minimumProtocolVersion") != "TLSv1.2_2021" || d.has("viewerCertificate.cloudfrontDefaultCertificate") {
		t.Errorf("viewer certificate %v", d.get("viewerCertificate"))
	}
	alb := d.get("origins").([]any)[0].(map[string]any)
	cfg := alb["customOriginConfig"].(map[string]any)
	if alb["domainName"] != "origin.app.example.com" || cfg["originProtocolPolicy"] != "https-only" || cfg["originSslProtocols"].([]any)[0] != "TLSv1.2" {
		t.Errorf("ALB origin %v", alb)
	}
	if d.str("loggingConfig.bucket") != "logs.s3.amazonaws.com" || d.str("loggingConfig.prefix") != "cloudfront/" {
		t.Errorf("logging %v", d.get("loggingConfig"))
	}
	l := rs.ofType("aws:s3/bucketLoggingV2:BucketLoggingV2")[0]
	if l.str("targetBucket") != "logs" || l.str("targetPrefix") != "s3/w-static/" {
		t.Errorf("bucket logging %v", l.Inputs)
	}
}

func TestCDNRejectsPriceClass(t *testing.T) {
	err := pulumi.RunErr(func(ctx *pulumi.Context) error {
		_, err := NewCDN(ctx, "w", &CDNArgs{OriginDomainName: pulumi.String("x"), PriceClass: "PriceClass_1"})
		return err
	}, pulumi.WithMocks("tiercost", "test", &recorder{}))
	if err == nil || !strings.Contains(err.Error(), "cdn.price_class") {
		t.Errorf("err = %v", err)
	}
}
