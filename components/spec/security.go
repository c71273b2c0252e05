package spec

import (
	"fmt"
	"net/mail"
	"regexp"
	"strings"

	"github.com/tiercost/tiercost/costmodel/inputfile"
)

// DomainSpec is the site's DNS name and where its certificates come from.
// Without a name the platform has no certificate of its own: see
// HTTPSGaps for what stays on HTTP then.
type DomainSpec struct {
	// Name is the site's host name (app.example.com). CloudFront answers
	// on it (the ALB without a CDN); the ALB also answers on
	// origin.<name>, the name CloudFront reaches it by over HTTPS.
	Name string `json:"name" yaml:"name"`
	// ZoneID is an existing Route 53 public hosted zone holding Name: the
	// certificates are DNS-validated and the alias records made in it.
	ZoneID string `json:"zoneId" yaml:"zone_id"`
	// Zone creates a public hosted zone of this name (example.com)
	// instead. Delegate it to the name servers the stack exports before
	// the certificates can validate.
	Zone string `json:"zone" yaml:"zone"`
}

// OriginName is the host name CloudFront reaches the ALB by.
func (d DomainSpec) OriginName() string { return "origin." + d.Name }

// The placeholder domain the 100k and 1m tiers are estimated and audited
// with until an environment names its own: HTTPS end to end is part of
// those tiers, and it costs the same for any name (a created zone; ACM
// public certificates are free). It is under .example, a name reserved by
// RFC 2606 that can never resolve, and no deployment accepts it (see
// DeployProblem).
const (
	PlaceholderDomain = "app.tiercost-placeholder.example"
	PlaceholderZone   = "tiercost-placeholder.example"
)

// IsPlaceholder reports whether the domain is (or is in) the placeholder.
func (d DomainSpec) IsPlaceholder() bool {
	return d.Name == PlaceholderDomain || d.Zone == PlaceholderZone
}

// SecuritySpec holds the security controls that are settings rather than
// fixed choices, because they cost money (see docs/security.md for each
// one's price per tier).
type SecuritySpec struct {
	// WAF puts an AWS WAF web ACL (AWS managed rule groups and a per-IP
	// rate rule) on the ALB and, with a CDN, on CloudFront.
	WAF bool `json:"waf" yaml:"waf"`
	// WAFRateLimit is the requests per 5 minutes one IP may make before
	// WAF blocks it; 0 leaves the rate rule out.
	WAFRateLimit int `json:"wafRateLimit" yaml:"waf_rate_limit"`
	// FlowLogs records the VPC's traffic to CloudWatch Logs.
	FlowLogs bool `json:"flowLogs" yaml:"flow_logs"`
	// AccessLogs writes ALB, CloudFront and S3 access logs to an encrypted
	// log bucket.
	AccessLogs bool `json:"accessLogs" yaml:"access_logs"`
	// LogRetentionDays is how long the log bucket keeps access logs.
	LogRetentionDays int `json:"logRetentionDays" yaml:"log_retention_days"`
	// DeletionProtection protects the ALB from deletion (the databases
	// have database.deletion_protection).
	DeletionProtection bool `json:"deletionProtection" yaml:"deletion_protection"`
	// VPCEndpoints adds an interface endpoint for the EC2 API in every AZ.
	VPCEndpoints bool `json:"vpcEndpoints" yaml:"vpc_endpoints"`
}

// securityDefaults sets every tier's security settings, in one place so
// that sizing edits to DefaultSpec never touch them. Everything that is
// almost free is on at every tier; WAF and the EC2 API endpoints cost a
// fixed monthly amount and are on from 100k (docs/security.md prices them
// for 1k and 10k). From 100k HTTPS runs end to end on the site's own
// domain: the tier always builds that path, on the placeholder domain in a
// zone the stack creates until the environment names its own.
func securityDefaults(s *Spec) {
	paid := s.Tier == "100k" || s.Tier == "1m"
	s.App = AppSpec{Image: DemoImage, ContainerPort: DemoContainerPort}
	if paid {
		s.Domain = DomainSpec{Name: PlaceholderDomain, Zone: PlaceholderZone}
	}
	s.Security = SecuritySpec{
		WAF: paid, WAFRateLimit: 2000,
		FlowLogs: true, AccessLogs: true, LogRetentionDays: 90,
		DeletionProtection: true,
		VPCEndpoints:       paid,
	}
	s.Database.Port = 5433 // not the engine default (RDS.23)
	s.Database.DeletionProtection = true
	s.Database.IAMAuth = true
	s.Database.LogExports = true
	s.Database.MonitoringInterval = 60
	s.Cache.SnapshotRetentionDays = 1 // one snapshot is free
	s.CDN.DefaultRootObject = "index.html"
}

// HTTPSGap is one hop that stays on plain HTTP, and why.
type HTTPSGap struct {
	Hop, Why string
}

// HTTPSGaps lists the hops that stay on plain HTTP for a spec: without a
// domain there is no certificate the ALB can present, and CloudFront can
// only reach an origin over HTTPS by a name its certificate covers.
func (s Spec) HTTPSGaps() []HTTPSGap {
	lbCert := s.LoadBalancer.CertificateARN != "" || s.Domain.managed()
	var out []HTTPSGap
	if !lbCert {
		if s.CDN.Enabled {
			out = append(out, HTTPSGap{"viewer -> ALB (direct)", "the ALB listens on HTTP:80 only: no certificate without domain.name"})
		} else {
			out = append(out, HTTPSGap{"viewer -> ALB", "the ALB listens on HTTP:80 only: no certificate without domain.name; set domain.name and domain.zone_id (or domain.zone) for HTTPS"})
		}
	}
	if s.CDN.Enabled && (s.Domain.Name == "" || !lbCert) {
		out = append(out, HTTPSGap{"CloudFront -> ALB", "CloudFront can verify an origin certificate only for a name it covers; without domain.name the ALB has none, so CloudFront uses http-only to the origin (viewers still get HTTPS at the edge, on the *.cloudfront.net certificate)"})
	}
	return out
}

// DeployProblem says why a spec can be estimated but not deployed, "" when
// it can: the placeholder domain, which the estimate prices and the audit
// judges, but which no one can own or validate a certificate for.
func (s Spec) DeployProblem() string {
	if !s.Domain.IsPlaceholder() {
		return ""
	}
	return fmt.Sprintf("domain.name is the placeholder %s: set overrides.domain.name to your site's host name, with overrides.domain.zone_id (an existing Route 53 hosted zone) or overrides.domain.zone (the stack creates one)", PlaceholderDomain)
}

// managed reports whether the platform creates and validates certificates
// itself (a zone is known).
func (d DomainSpec) managed() bool { return d.Name != "" && (d.ZoneID != "" || d.Zone != "") }

var (
	hostName = regexp.MustCompile(`^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$`)
	zoneID   = regexp.MustCompile(`^Z[A-Z0-9]{4,31}$`)
	acmARN   = regexp.MustCompile(`^arn:aws[a-z-]*:acm:([a-z0-9-]+):\d{12}:certificate/[A-Za-z0-9-]+$`)
)

// isHostName is hostName.MatchString, with the placeholder names (which
// every 100k and 1m spec carries) known good without the regexp.
func isHostName(n string) bool {
	return n == PlaceholderDomain || n == PlaceholderZone || hostName.MatchString(n)
}

// validateSecurity reports problems in the app, domain and security
// settings through bad (see Validate).
func (s Spec) validateSecurity(bad func(field, format string, args ...any)) {
	s.App.validate(bad)
	d := s.Domain
	if d.Name != "" && (!isHostName(d.Name) || len(d.Name) > 240) {
		bad("domain.name", "%s is not a lower-case host name (for example app.example.com)", inputfile.Excerpt(d.Name))
	}
	if d.ZoneID != "" && d.Zone != "" {
		bad("domain", "sets both zone_id and zone; allowed: zone_id (an existing hosted zone) or zone (create one)")
	}
	if d.ZoneID != "" && !zoneID.MatchString(d.ZoneID) {
		bad("domain.zone_id", "%s is not a Route 53 hosted zone id (Z followed by letters and digits)", inputfile.Excerpt(d.ZoneID))
	}
	if d.Zone != "" && !isHostName(d.Zone) {
		bad("domain.zone", "%s is not a lower-case domain name (for example example.com)", inputfile.Excerpt(d.Zone))
	}
	if d.Zone != "" && d.Name != "" && d.Name != d.Zone && !strings.HasSuffix(d.Name, "."+d.Zone) {
		bad("domain.name", "%s is not inside domain.zone %s", inputfile.Excerpt(d.Name), inputfile.Excerpt(d.Zone))
	}
	if (d.ZoneID != "" || d.Zone != "") && d.Name == "" {
		bad("domain.name", "must be set with domain.zone_id or domain.zone")
	}
	lbCert, cdnCert := s.LoadBalancer.CertificateARN, s.CDN.CertificateARN
	if lbCert != "" {
		if m := acmARN.FindStringSubmatch(lbCert); m == nil {
			bad("load_balancer.certificate_arn", "%s is not an ACM certificate ARN", inputfile.Excerpt(lbCert))
		} else if m[1] != s.Region {
			bad("load_balancer.certificate_arn", "is in %s; the ALB needs a certificate in its own region, %s", m[1], s.Region)
		}
	}
	if cdnCert != "" {
		if m := acmARN.FindStringSubmatch(cdnCert); m == nil {
			bad("cdn.certificate_arn", "%s is not an ACM certificate ARN", inputfile.Excerpt(cdnCert))
		} else if m[1] != "us-east-1" {
			bad("cdn.certificate_arn", "is in %s; CloudFront only uses certificates in us-east-1", m[1])
		}
		if d.Name == "" {
			bad("cdn.certificate_arn", "needs domain.name: CloudFront serves the certificate for that alias")
		}
	}
	if d.Name != "" && !d.managed() {
		if lbCert == "" {
			bad("domain", "name %s needs zone_id (an existing Route 53 zone) or zone (create one), or load_balancer.certificate_arn covering it and origin.%s", inputfile.Excerpt(d.Name), inputfile.Name(d.Name))
		}
		if s.CDN.Enabled && cdnCert == "" && s.Region != "us-east-1" {
			bad("cdn.certificate_arn", "needed for domain.name without a zone: CloudFront needs a us-east-1 certificate for %s", inputfile.Name(d.Name))
		}
	}
	if s.CDN.Enabled && (s.CDN.DefaultRootObject == "" || strings.HasPrefix(s.CDN.DefaultRootObject, "/")) {
		bad("cdn.default_root_object", "is %s; allowed: an object name such as index.html (no leading /)", inputfile.Excerpt(s.CDN.DefaultRootObject))
	}
	if e := s.Observability.AlarmEmail; e != "" {
		if a, err := mail.ParseAddress(e); err != nil || a.Address != e {
			bad("observability.alarm_email", "%s is not an e-mail address", inputfile.Excerpt(e))
		}
	}
	sec := s.Security
	if sec.WAFRateLimit != 0 && (sec.WAFRateLimit < 10 || sec.WAFRateLimit > 2_000_000_000) {
		bad("security.waf_rate_limit", "is %d; allowed: 0 (no rate rule) or 10 to 2000000000 requests per 5 minutes", sec.WAFRateLimit)
	}
	if sec.AccessLogs && (sec.LogRetentionDays < 1 || sec.LogRetentionDays > 3650) {
		bad("security.log_retention_days", "is %d; allowed: 1 to 3650", sec.LogRetentionDays)
	}
	db := s.Database
	if db.Port < 1150 || db.Port > 65535 {
		bad("database.port", "is %d; allowed: 1150 to 65535", db.Port)
	}
	switch db.MonitoringInterval {
	case 0, 1, 5, 10, 15, 30, 60:
	default:
		bad("database.monitoring_interval", "is %d; allowed: 0 (off), 1, 5, 10, 15, 30, 60 seconds", db.MonitoringInterval)
	}
	if s.Cache.SnapshotRetentionDays < 0 || s.Cache.SnapshotRetentionDays > 35 {
		bad("cache.snapshot_retention_days", "is %d; allowed: 0 to 35", s.Cache.SnapshotRetentionDays)
	}
}
