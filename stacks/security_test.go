package stacks

import (
	"encoding/base64"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	sdkresource "github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/tiercost/tiercost/costmodel/audit"
	"github.com/tiercost/tiercost/costmodel/resource"
	"github.com/tiercost/tiercost/environments"
)

// TestAuditEveryTierAndEnvironment runs the shipped FSBP checker over what
// the program creates for every tier and environment: no control may fail
// without a documented exception, and the exceptions are exactly the ones
// docs/security.md lists for the tier: the priced settings 1k and 10k
// leave off (HTTPS on a domain among them), the ALB-only log bucket at 1k,
// and CloudFront's log bucket, whose ACLs CloudFront.5 requires.
func TestAuditEveryTierAndEnvironment(t *testing.T) {
	// From 100k HTTPS runs on the (placeholder) domain, and the log bucket
	// is the static bucket's access-log target, so S3.9 does not apply.
	always := []string{"cloudfront-log-acl"}
	small := []string{"domain", "ec2-endpoint", "log-bucket-logging", "multi-az", "waf"}
	medium := []string{"cache-failover", "cloudfront-log-acl", "domain", "ec2-endpoint", "multi-az", "waf"}
	tests := []struct {
		name string
		opts CaptureOptions
		want []string
	}{
		// 1k has no CDN, so no CloudFront log ACL and no static bucket
		// logging into the log bucket; no cache, so no failover.
		{"1k", CaptureOptions{Tier: "1k"}, small},
		{"10k", CaptureOptions{Tier: "10k"}, medium},
		{"100k", CaptureOptions{Tier: "100k"}, always},
		{"1m", CaptureOptions{Tier: "1m"}, always},
		{"dev", CaptureOptions{Environment: "dev"}, small},
		{"staging", CaptureOptions{Environment: "staging"}, medium},
		{"prod", CaptureOptions{Environment: "prod"}, always},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			recs, err := Capture(tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			rep := audit.Run(recs)
			for _, r := range rep.Results {
				for _, f := range r.Findings {
					if f.Status == audit.Fail {
						t.Errorf("%s %s: %s", r.ID, f.Resource, f.Reason)
					}
				}
			}
			var got []string
			for _, e := range rep.Exceptions {
				got = append(got, e.ID)
			}
			sort.Strings(got)
			if strings.Join(got, ",") != strings.Join(tt.want, ",") {
				t.Errorf("exceptions %v, want %v", got, tt.want)
			}
		})
	}
}

// secureEnv is an environment with its own application, a domain in a
// zone the stack creates, and an alarm e-mail. The secrets are references;
// secretValue is what a careless program could leak: it is in the test's
// process environment and Pulumi config, and must appear nowhere.
const secretValue = "canary-s3cr3t-value-never-shipped"

func secureEnv(region string) string {
	return `name: secure
tier: 100k
region: ` + region + `
budget_monthly_usd: "10000"
overrides:
  domain:
    name: shop.example.com
    zone: example.com
  observability:
    alarm_email: oncall@example.com
  load_balancer:
    health_check_path: /ready
  app:
    image: ghcr.io/acme/shop:2.1.0
    container_port: 3000
    command: serve --port 3000
    env: |
      LOG_LEVEL=info
      FEATURE_FLAGS=checkout,search
    secrets: |
      DATABASE_URL=ssm:/shop/prod/database-url
      STRIPE_KEY=secretsmanager:arn:aws:secretsmanager:` + region + `:123456789012:secret:stripe-AbCdEf
`
}

// outputsSpy records every registration's inputs and the mock's outputs.
type outputsSpy struct {
	*recorder
	mu   sync.Mutex
	outs []map[string]any
}

func (s *outputsSpy) NewResource(a pulumi.MockResourceArgs) (string, sdkresource.PropertyMap, error) {
	id, out, err := s.recorder.NewResource(a)
	s.mu.Lock()
	s.outs = append(s.outs, PlainMap(out))
	s.mu.Unlock()
	return id, out, err
}

// TestProgramWithAppAndDomain runs the program with a container image, a
// domain and a hosted zone, and checks the HTTPS chain end to end: the
// certificates and their validation records in the zone, HTTP redirected
// to HTTPS on a recommended TLS policy, CloudFront on the site's name with
// its certificate and HTTPS to the origin by a name the ALB's certificate
// covers, the health check the app asked for, and no secret value in any
// input or output.
func TestProgramWithAppAndDomain(t *testing.T) {
	t.Setenv("SHOP_DATABASE_PASSWORD", secretValue)
	for _, region := range []string{"us-east-1", "eu-west-1"} {
		t.Run(region, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.MkdirAll(filepath.Join(dir, "environments"), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, "environments", "secure.yaml"), []byte(secureEnv(region)), 0o644); err != nil {
				t.Fatal(err)
			}
			spy := &outputsSpy{recorder: &recorder{stack: "secure", region: region}}
			err := pulumi.RunErr(Program, pulumi.WithMocks(Project, "secure", spy), func(ri *pulumi.RunInfo) {
				ri.Config = map[string]string{ConfigEnvironment: "secure", Project + ":dbPassword": secretValue}
				ri.ConfigSecretKeys = []string{Project + ":dbPassword"}
				ri.RootDirectory = dir
			})
			if err != nil {
				t.Fatal(err)
			}
			recs := spy.records()
			by := map[string]resource.Record{}
			count := map[string]int{}
			for _, r := range recs {
				by[r.Name] = r
				count[r.Type]++
			}

			// Certificates: one for the ALB (site and origin names); CloudFront
			// shares it in us-east-1 and gets its own there otherwise.
			wantCerts := map[string]int{"us-east-1": 1, "eu-west-1": 2}[region]
			if count["aws:acm/certificate:Certificate"] != wantCerts || count["aws:acm/certificateValidation:CertificateValidation"] != wantCerts {
				t.Errorf("%d certificates, %d validations; want %d", count["aws:acm/certificate:Certificate"], count["aws:acm/certificateValidation:CertificateValidation"], wantCerts)
			}
			cert := by["tc-alb-cert"]
			if cert.String("domainName") != "shop.example.com" || cert.String("validationMethod") != "DNS" ||
				len(cert.List("subjectAlternativeNames")) != 1 || cert.List("subjectAlternativeNames")[0] != "origin.shop.example.com" {
				t.Errorf("ALB certificate %v", cert.Inputs)
			}
			for _, n := range []string{"tc-alb-cert-validation-0", "tc-alb-cert-validation-1"} {
				v := by[n]
				if v.String("zoneId") != "Z0123456789MOCKZONE" || v.String("type") != "CNAME" || !strings.HasSuffix(v.String("name"), ".example.com.") {
					t.Errorf("validation record %s: %v", n, v.Inputs)
				}
			}
			if z := by["tc-zone"]; z.String("name") != "example.com" {
				t.Errorf("zone %v", z.Inputs)
			}
			if region != "us-east-1" {
				// CloudFront's certificate and web ACL come from a us-east-1 provider.
				if count["pulumi:providers:aws"] != 2 || by["aws-us-east-1"].String("region") != "us-east-1" {
					t.Errorf("providers %d, us-east-1 provider %v", count["pulumi:providers:aws"], by["aws-us-east-1"].Inputs)
				}
			}

			// The ALB: HTTP:80 redirects, HTTPS:443 on a recommended policy.
			http, https := by["tc-alb-http"], by["tc-alb-https"]
			a := http.List("defaultActions")[0].(map[string]any)
			if a["type"] != "redirect" || a["redirect"].(map[string]any)["protocol"] != "HTTPS" || a["redirect"].(map[string]any)["statusCode"] != "HTTP_301" {
				t.Errorf("HTTP listener %v", http.Inputs)
			}
			if https.String("protocol") != "HTTPS" || https.String("sslPolicy") != "ELBSecurityPolicy-TLS13-1-2-2021-06" || https.String("certificateArn") == "" {
				t.Errorf("HTTPS listener %v", https.Inputs)
			}
			// The health check the app asked for, on the app port.
			hc := by["tc-alb-tg"].Map("healthCheck")
			if hc["path"] != "/ready" || hc["matcher"] != "200-399" || by["tc-app-asg"].String("healthCheckType") != "ELB" {
				t.Errorf("health check %v", hc)
			}

			// CloudFront: the site's name, its certificate by SNI, HTTPS to
			// origin.<domain>.
			d := by["tc-distribution"]
			if al := d.List("aliases"); len(al) != 1 || al[0] != "shop.example.com" {
				t.Errorf("aliases %v", al)
			}
			vc := d.Map("viewerCertificate")
			if vc["acmCertificateArn"] == nil || vc["sslSupportMethod"] != "sni-only" || vc["minimumProtocolVersion"] != "TLSv1.2_2021" {
				t.Errorf("viewer certificate %v", vc)
			}
			origin := d.List("origins")[0].(map[string]any)
			if origin["domainName"] != "origin.shop.example.com" || origin["customOriginConfig"].(map[string]any)["originProtocolPolicy"] != "https-only" {
				t.Errorf("ALB origin %v", origin)
			}
			if by["tc-site-A"].String("name") != "shop.example.com" || by["tc-origin-A"].String("name") != "origin.shop.example.com" {
				t.Errorf("alias records %v / %v", by["tc-site-A"].Inputs, by["tc-origin-A"].Inputs)
			}

			// The application: its image, port and references.
			ud, err := base64.StdEncoding.DecodeString(by["tc-app-lt"].String("userData"))
			if err != nil {
				t.Fatal(err)
			}
			for _, want := range []string{"ghcr.io/acme/shop:2.1.0 serve --port 3000", "--publish 8080:3000", "FEATURE_FLAGS=checkout,search",
				"--name /shop/prod/database-url", "--secret-id arn:aws:secretsmanager:" + region + ":123456789012:secret:stripe-AbCdEf"} {
				if !strings.Contains(string(ud), want) {
					t.Errorf("user data lacks %q:\n%s", want, ud)
				}
			}
			if s := by["tc-alerts-email"]; s.String("endpoint") != "oncall@example.com" {
				t.Errorf("alarm e-mail %v", s.Inputs)
			}

			// No secret value anywhere: not in any input or output, no
			// password-like input at all, and the audit passes.
			for i, r := range recs {
				for _, doc := range []any{r.Inputs, spy.outs[i]} {
					b, _ := json.Marshal(doc)
					if strings.Contains(string(b), secretValue) {
						t.Errorf("%s %s: the secret value appears", r.Type, r.Name)
					}
					for _, k := range []string{`"password"`, `"masterPassword"`, `"authToken"`, `"secretString"`} {
						if strings.Contains(string(b), k) {
							t.Errorf("%s %s: has %s", r.Type, r.Name, k)
						}
					}
				}
			}
			rep := audit.Run(recs)
			for _, r := range rep.Results {
				for _, f := range r.Findings {
					if f.Status == audit.Fail || f.Status == audit.Exception && f.Exception != "cloudfront-log-acl" {
						t.Errorf("%s %s: %s %s (%s)", r.ID, f.Resource, f.Status, f.Reason, f.Exception)
					}
				}
			}
		})
	}
}

// TestPlaceholderDomainIsPricedNotDeployed: from 100k the estimate builds
// HTTPS end to end on the placeholder domain in a zone it creates; the
// program that pulumi up runs refuses it, naming the key and the file; an
// environment's own domain section replaces the placeholder whole.
func TestPlaceholderDomainIsPricedNotDeployed(t *testing.T) {
	recs, err := Capture(CaptureOptions{Environment: "prod"})
	if err != nil {
		t.Fatal(err)
	}
	by := map[string]resource.Record{}
	for _, r := range recs {
		by[r.Name] = r
	}
	if z := by["tc-zone"]; z.String("name") != "tiercost-placeholder.example" {
		t.Errorf("zone %v", z.Inputs)
	}
	if c := by["tc-alb-cert"]; c.String("domainName") != "app.tiercost-placeholder.example" {
		t.Errorf("certificate %v", c.Inputs)
	}
	if a := by["tc-alb-http"].List("defaultActions"); len(a) != 1 || a[0].(map[string]any)["type"] != "redirect" {
		t.Errorf("HTTP listener %v", by["tc-alb-http"].Inputs)
	}
	// The 1k and 10k tiers build no domain unless asked.
	for _, tier := range []string{"1k", "10k"} {
		small, err := Capture(CaptureOptions{Tier: tier})
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range small {
			if strings.HasPrefix(r.Type, "aws:route53/") || strings.HasPrefix(r.Type, "aws:acm/") {
				t.Errorf("%s: %s %s without a domain", tier, r.Type, r.Name)
			}
		}
	}

	deploy := func(cfg map[string]string, root string) error {
		return pulumi.RunErr(Program, pulumi.WithMocks(Project, "prod", &recorder{stack: "prod", region: "us-east-1"}), func(ri *pulumi.RunInfo) {
			ri.Config, ri.ConfigSecretKeys, ri.RootDirectory = cfg, nil, root
		})
	}
	tests := []struct {
		name string
		cfg  map[string]string
		want []string
	}{
		{"environment", map[string]string{ConfigEnvironment: "prod"}, []string{"cannot deploy prod yet: domain.name is the placeholder app.tiercost-placeholder.example",
			"set overrides.domain.name", "overrides.domain.zone_id", "in environments/prod.yaml"}},
		{"bare tier", map[string]string{ConfigTier: "1m"}, []string{"cannot deploy the bare 1m tier", "set tiercost:environment"}},
	}
	for _, tt := range tests {
		err := deploy(tt.cfg, t.TempDir())
		for _, want := range tt.want {
			if err == nil || !strings.Contains(err.Error(), want) {
				t.Errorf("%s: err = %v, want %q", tt.name, err, want)
			}
		}
	}

	// prod with its own domain (an existing zone): deploys, and nothing of
	// the placeholder is left, not even its zone.
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "environments"), 0o755); err != nil {
		t.Fatal(err)
	}
	own := "name: prod\ntier: 100k\nregion: us-east-1\noverrides:\n  domain:\n    name: shop.example.com\n    zone_id: Z0123456789ABC\n"
	if err := os.WriteFile(filepath.Join(dir, "environments", "prod.yaml"), []byte(own), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := deploy(map[string]string{ConfigEnvironment: "prod"}, dir); err != nil {
		t.Fatalf("prod with a domain: %v", err)
	}
	recs, err = Capture(CaptureOptions{Environment: "prod", WorkDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range recs {
		b, _ := json.Marshal(r.Inputs)
		if strings.Contains(string(b), "placeholder") || r.Type == "aws:route53/zone:Zone" {
			t.Errorf("%s %s: %s", r.Type, r.Name, b)
		}
	}
}

// TestEnvironmentFileSetsSecurity: an environment file sets the new
// settings through overrides, and a secret typed in by value is refused,
// naming the file and the field and without repeating the value.
func TestEnvironmentFileSetsSecurity(t *testing.T) {
	p, err := environments.Parse("x.yaml", "x", []byte("name: x\ntier: 10k\nregion: us-east-1\noverrides:\n  security:\n    waf: true\n  database:\n    multi_az: true\n"))
	if err != nil {
		t.Fatal(err)
	}
	r, err := Resolve(p)
	if err != nil || !r.Spec.Security.WAF || !r.Spec.Database.MultiAZ {
		t.Fatalf("resolve: %v, waf=%v multiAZ=%v", err, r.Spec.Security.WAF, r.Spec.Database.MultiAZ)
	}
	bad, err := environments.Parse("y.yaml", "y", []byte("name: y\ntier: 1k\nregion: us-east-1\noverrides:\n  app:\n    env: \"API_TOKEN="+secretValue+"\"\n"))
	if err != nil {
		t.Fatal(err)
	}
	_, err = Resolve(bad)
	if err == nil || !strings.Contains(err.Error(), "y.yaml") || !strings.Contains(err.Error(), "app.env") || strings.Contains(err.Error(), secretValue) {
		t.Errorf("err = %v; want y.yaml and app.env, without the value", err)
	}
}
