package spec

import (
	"strings"
	"testing"
)

func TestSecurityDefaultsPerTier(t *testing.T) {
	for _, tier := range Tiers {
		s, err := DefaultSpec(tier)
		if err != nil {
			t.Fatal(err)
		}
		paid := tier == "100k" || tier == "1m"
		sec := s.Security
		if sec.WAF != paid || sec.VPCEndpoints != paid || !sec.FlowLogs || !sec.AccessLogs || !sec.DeletionProtection {
			t.Errorf("%s: security %+v", tier, sec)
		}
		d := s.Database
		if d.Port != 5433 || !d.IAMAuth || !d.LogExports || d.MonitoringInterval != 60 || !d.DeletionProtection {
			t.Errorf("%s: database %+v", tier, d)
		}
		if s.App.Image != DemoImage || s.Cache.SnapshotRetentionDays != 1 || s.CDN.DefaultRootObject != "index.html" {
			t.Errorf("%s: app %+v, cache snapshots %d", tier, s.App, s.Cache.SnapshotRetentionDays)
		}
		// From 100k HTTPS runs end to end on a domain: the placeholder in a
		// zone the stack creates, until the environment names its own.
		wantDomain := DomainSpec{}
		if paid {
			wantDomain = DomainSpec{Name: "app.tiercost-placeholder.example", Zone: "tiercost-placeholder.example"}
		}
		if s.Domain != wantDomain || len(s.HTTPSGaps()) != 0 && paid {
			t.Errorf("%s: domain %+v, plain-HTTP hops %v", tier, s.Domain, s.HTTPSGaps())
		}
		if err := s.Validate(); err != nil {
			t.Errorf("%s: %v", tier, err)
		}
	}
}

// TestDeployProblem: only the placeholder stops a deployment, and the
// message names the keys to set.
func TestDeployProblem(t *testing.T) {
	s, _ := DefaultSpec("1m")
	got := s.DeployProblem()
	for _, want := range []string{"domain.name is the placeholder app.tiercost-placeholder.example", "overrides.domain.name", "overrides.domain.zone_id", "overrides.domain.zone "} {
		if !strings.Contains(got, want) {
			t.Errorf("DeployProblem() = %q, want %q in it", got, want)
		}
	}
	for _, d := range []DomainSpec{{}, {Name: "shop.example.com", Zone: "example.com"}, {Name: "shop.example.com", ZoneID: "Z0123456789"}} {
		s.Domain = d
		if p := s.DeployProblem(); p != "" {
			t.Errorf("domain %+v: %q", d, p)
		}
	}
	s.Domain = DomainSpec{Name: "shop.tiercost-placeholder.example", Zone: PlaceholderZone}
	if s.DeployProblem() == "" {
		t.Error("a name in the placeholder zone deploys")
	}
}

func TestAppParsing(t *testing.T) {
	a := AppSpec{Env: "# comment\nLOG_LEVEL=info\n\nURL=https://x/?a=b", Secrets: "B=secretsmanager:arn:aws:secretsmanager:us-east-1:123456789012:secret:b-AbCdEf\nA=ssm:/app/a"}
	env, err := a.EnvVars()
	if err != nil || len(env) != 2 || env["URL"] != "https://x/?a=b" {
		t.Errorf("env %v, %v", env, err)
	}
	refs, err := a.SecretRefs()
	if err != nil || len(refs) != 2 || refs[0] != (SecretRef{"A", "ssm", "/app/a"}) || refs[1].Store != "secretsmanager" {
		t.Errorf("secrets %v, %v", refs, err)
	}
}

// TestValidateSecurity: every bad app, domain or security value is one
// error naming its field and what is allowed; secret values never pass.
func TestValidateSecurity(t *testing.T) {
	tests := []struct {
		name string
		edit func(*Spec)
		want string
	}{
		{"secret by value", func(s *Spec) { s.App.Env = "DB_PASSWORD=hunter2" }, "app.env: line 1: DB_PASSWORD looks like a secret"},
		{"secret reference not a reference", func(s *Spec) { s.App.Secrets = "DB=hunter2" }, `app.secrets: line 1: DB: is not a reference (not shown`},
		{"no app", func(s *Spec) { s.App = AppSpec{} }, "app: needs image"},
		{"image and ami", func(s *Spec) { s.App.AMI = "ami-0123456789abcdef0" }, "app: sets both image and ami"},
		{"ami without user data", func(s *Spec) { s.App = AppSpec{AMI: "ami-0123456789abcdef0"} }, "app.user_data: must start the application"},
		{"shell in the command", func(s *Spec) { s.App.Command = "serve; rm -rf /" }, "app.command: must not contain"},
		{"bad port", func(s *Spec) { s.App.ContainerPort = 0 }, "app.container_port: is 0"},
		{"zone and zone id", func(s *Spec) { s.Domain = DomainSpec{Name: "a.example.com", Zone: "example.com", ZoneID: "Z123456"} }, "domain: sets both zone_id and zone"},
		{"name outside the zone", func(s *Spec) { s.Domain = DomainSpec{Name: "a.example.org", Zone: "example.com"} }, "is not inside domain.zone"},
		{"name without a way to a certificate", func(s *Spec) { s.Domain = DomainSpec{Name: "a.example.com"} }, "domain: name \"a.example.com\" needs zone_id"},
		{"certificate in another region", func(s *Spec) {
			s.LoadBalancer.CertificateARN = "arn:aws:acm:eu-west-1:123456789012:certificate/abc"
		}, "load_balancer.certificate_arn: is in eu-west-1"},
		{"CloudFront certificate outside us-east-1", func(s *Spec) {
			s.Domain = DomainSpec{Name: "a.example.com", ZoneID: "Z123456"}
			s.CDN.CertificateARN = "arn:aws:acm:eu-west-1:123456789012:certificate/abc"
		}, "cdn.certificate_arn: is in eu-west-1"},
		{"bad e-mail", func(s *Spec) { s.Observability.AlarmEmail = "ops at example" }, "observability.alarm_email"},
		{"bad rate limit", func(s *Spec) { s.Security.WAFRateLimit = 5 }, "security.waf_rate_limit: is 5"},
		{"bad monitoring interval", func(s *Spec) { s.Database.MonitoringInterval = 7 }, "database.monitoring_interval: is 7"},
		{"default root with a slash", func(s *Spec) { s.CDN.DefaultRootObject = "/index.html" }, "cdn.default_root_object"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _ := DefaultSpec("10k")
			tt.edit(&s)
			err := s.Validate()
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want %q", err, tt.want)
			}
			if strings.Contains(err.Error(), "hunter2") && !strings.Contains(tt.want, "hunter2") {
				t.Errorf("the error repeats a secret value: %v", err)
			}
		})
	}
}

func TestHTTPSGaps(t *testing.T) {
	s, _ := DefaultSpec("10k")
	if g := s.HTTPSGaps(); len(g) != 2 {
		t.Errorf("10k without a domain: gaps %v, want the ALB and CloudFront's origin", g)
	}
	s.Domain = DomainSpec{Name: "app.example.com", ZoneID: "Z0123456789"}
	if g := s.HTTPSGaps(); len(g) != 0 {
		t.Errorf("with a managed domain: gaps %v", g)
	}
	one, _ := DefaultSpec("1k")
	if g := one.HTTPSGaps(); len(g) != 1 || g[0].Hop != "viewer -> ALB" {
		t.Errorf("1k: gaps %v", g)
	}
}

func TestAlternateInstanceType(t *testing.T) {
	tests := map[string]string{
		"t4g.small": "c7g.large",  // arm64, ≥2 vCPU ≥2 GiB, another family
		"c7g.large": "m7g.large",  // never burstable for a fixed type
		"m7g.large": "c7g.xlarge", // another arm64 family with at least 8 GiB
		"m6i.large": "r6i.large",
		"t3.small":  "c6i.large",
	}
	for typ, want := range tests {
		if got, ok := AlternateInstanceType(typ); !ok || got != want {
			t.Errorf("AlternateInstanceType(%s) = %s, %v; want %s", typ, got, ok, want)
		}
	}
	if _, ok := AlternateInstanceType("z9.huge"); ok {
		t.Error("an unknown type has an alternate")
	}
}

// The validation shortcuts hold only for names the patterns accept.
func TestShortcutNamesMatch(t *testing.T) {
	for _, n := range []string{PlaceholderDomain, PlaceholderZone} {
		if !hostName.MatchString(n) {
			t.Errorf("%s is not a host name", n)
		}
	}
	if !imageRef.MatchString(DemoImage) || len(DemoImage) > 255 {
		t.Errorf("%s is not an image reference", DemoImage)
	}
}
