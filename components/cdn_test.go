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
			if ob["pathPattern"] != "/static/*" || ob["targetOriginId"] != "static" || ob["viewerProtocolPolicy"] != "redirect-to-https" {
				t.Errorf("static behaviour %v", ob)
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
					Principal map[string]string
					Resource  string
					Condition map[string]map[string]string
				}
			}
			pol := rs.ofType("aws:s3/bucketPolicy:BucketPolicy")[0]
			if err := json.Unmarshal([]byte(pol.str("policy")), &doc); err != nil {
				t.Fatalf("policy %q: %v", pol.str("policy"), err)
			}
			st := doc.Statement
			if len(st) != 1 || st[0].Effect != "Allow" || st[0].Principal["Service"] != "cloudfront.amazonaws.com" ||
				st[0].Resource != "arn:aws:test:us-east-1:123456789012:w-static/*" ||
				st[0].Condition["StringEquals"]["AWS:SourceArn"] != "arn:aws:test:us-east-1:123456789012:w-distribution" {
				t.Errorf("bucket policy %+v", st)
			}
		})
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
