package audit

import (
	"strings"

	"github.com/tiercost/tiercost/costmodel/resource"
)

// ExceptionDef is a documented exception: a control failure that is a
// deliberate, priced choice of a tier, or one AWS's own requirements make
// unavoidable. docs/security.md lists each with its monthly cost per tier.
type ExceptionDef struct {
	ID       string
	Controls []string
	// Tiers are the tiers of tiercost's own stacks (the provider's Project
	// and Tier tags) where it is documented; nil means every stack, ours
	// or not (AnyStack) or every tier of ours.
	Tiers    []string
	AnyStack bool
	// Setting is what to set in the environment file to pass instead;
	// Overrides are the same values, for pricing the change.
	Setting   string
	Overrides map[string]any
	Reason    string
	// applies narrows the exception to some failing findings.
	applies func(s *stack, f Finding) bool
}

// ExampleDomain and ExampleZone price the domain exception: any name in a
// zone the stack creates costs the same.
const (
	ExampleDomain = "app.example.com"
	ExampleZone   = "example.com"
)

// Exceptions lists the documented exceptions.
func Exceptions() []ExceptionDef {
	small := []string{"1k", "10k"}
	return []ExceptionDef{
		{ID: "waf", Controls: []string{"ELB.16", "CloudFront.6"}, Tiers: small,
			Setting: "security.waf: true", Overrides: map[string]any{"security.waf": true},
			Reason: "AWS WAF bills every web ACL, rule and request; the 1k and 10k tiers leave it off"},
		{ID: "multi-az", Controls: []string{"RDS.5"}, Tiers: small,
			Setting: "database.multi_az: true", Overrides: map[string]any{"database.multi_az": true},
			Reason: "a Multi-AZ standby doubles the database instance price; the 1k and 10k tiers rely on backups and point-in-time restore"},
		{ID: "cache-failover", Controls: []string{"ElastiCache.3"}, Tiers: small,
			Setting: "cache.replicas_per_shard: 1", Overrides: map[string]any{"cache.replicas_per_shard": 1},
			Reason: "automatic failover needs a replica node; the 10k cache is one node and holds only what the database can rebuild"},
		{ID: "ec2-endpoint", Controls: []string{"EC2.10"}, Tiers: small,
			Setting: "security.vpc_endpoints: true", Overrides: map[string]any{"security.vpc_endpoints": true},
			Reason: "an interface endpoint bills an hour in every AZ; at 1k and 10k the EC2 API is reached through the NAT gateway"},
		// From 100k the tier always builds HTTPS on a domain (a placeholder
		// until the environment names one), so only 1k and 10k may lack it.
		{ID: "domain", Controls: []string{"ELB.1", "CloudFront.7", "CloudFront.9"}, Tiers: small,
			Setting:   "domain.name with domain.zone_id (an existing Route 53 zone) or domain.zone (create one)",
			Overrides: map[string]any{"domain.name": ExampleDomain, "domain.zone": ExampleZone},
			Reason:    "HTTPS needs a domain you own to issue a certificate for; until one is set the ALB serves HTTP only and CloudFront reaches it over HTTP (tiercost breakdown and resources list what stays on HTTP)",
			applies:   func(s *stack, _ Finding) bool { return !s.hasCertificate() }},
		// A log bucket that is the target of S3 server access logging is
		// not applicable to S3.9 (AWS says so); one that receives only ALB
		// or CloudFront logs (1k: no static bucket) has no such text.
		{ID: "log-bucket-logging", Controls: []string{"S3.9"}, AnyStack: true,
			Setting: "none: by design",
			Reason:  "the bucket is a log destination for ALB or CloudFront logs but no S3 server access logs, so AWS's S3.9 note on target logging buckets does not cover it; logging it into itself would log its own log deliveries in a loop; reads of it are in CloudTrail",
			applies: func(s *stack, f Finding) bool { return s.isLogDestination(f.Resource) }},
		{ID: "cloudfront-log-acl", Controls: []string{"S3.12"}, AnyStack: true,
			Setting: "none: by design",
			Reason:  "CloudFront.5 is AWS Config's cloudfront-accesslogs-enabled, which passes only with standard logging (legacy), and legacy logging delivers through an ACL grant to AWS's log-delivery account, so its bucket keeps ACLs enabled (no other grant is made); standard logging v2 would pass S3.12 and fail CloudFront.5",
			applies: func(s *stack, f Finding) bool { return s.isCloudFrontLogBucket(f.Resource) }},
	}
}

// exceptionFor returns the documented exception covering a failure, or nil.
func exceptionFor(s *stack, control string, f Finding) *ExceptionDef {
	ours := s.tags["Project"] == "tiercost"
	for _, e := range Exceptions() {
		if !contains(e.Controls, control) {
			continue
		}
		if !e.AnyStack && !ours {
			continue
		}
		if e.Tiers != nil && !contains(e.Tiers, s.tags["Tier"]) {
			continue
		}
		if e.applies != nil && !e.applies(s, f) {
			continue
		}
		return &e
	}
	return nil
}

// hasCertificate reports whether the stack serves any certificate: an
// HTTPS listener, an ACM certificate, or CloudFront with its own.
func (s *stack) hasCertificate() bool {
	if len(s.of(typeCertificate)) > 0 {
		return true
	}
	for _, l := range s.of(typeListener, typeALBListener) {
		if p := l.String("protocol"); p == "HTTPS" || p == "TLS" {
			return true
		}
	}
	for _, d := range s.of(typeDistribution) {
		if customCert(d) {
			return true
		}
	}
	return false
}

// logTargets returns the references to every bucket something delivers
// logs to: S3 server access logs, ALB access logs, CloudFront standard logs.
func (s *stack) logTargets() (all, cloudfront []string) {
	for _, l := range s.of(typeBucketLogging) {
		all = append(all, l.String("targetBucket"))
	}
	for _, b := range s.of(typeBucketV2, typeBucket) {
		if t := str(b.Map("logging"), "targetBucket"); t != "" {
			all = append(all, t)
		}
	}
	for _, lb := range s.of(typeLB, typeALB) {
		if a := lb.Map("accessLogs"); a != nil && truthy(a["enabled"]) {
			all = append(all, str(a, "bucket"))
		}
	}
	for _, d := range s.of(typeDistribution) {
		if b := str(d.Map("loggingConfig"), "bucket"); b != "" {
			// CloudFront names the bucket by its domain: <bucket>.s3.amazonaws.com.
			name, _, _ := strings.Cut(b, ".s3")
			all, cloudfront = append(all, name), append(cloudfront, name)
		}
	}
	return all, cloudfront
}

// isAccessLogTarget reports whether S3 server access logs are delivered to
// the bucket with logical name name.
func (s *stack) isAccessLogTarget(name string) bool {
	var refs []string
	for _, l := range s.of(typeBucketLogging) {
		refs = append(refs, l.String("targetBucket"))
	}
	for _, b := range s.of(typeBucketV2, typeBucket) {
		refs = append(refs, str(b.Map("logging"), "targetBucket"))
	}
	return s.bucketNamed(name, refs)
}

func (s *stack) isLogDestination(name string) bool {
	all, _ := s.logTargets()
	return s.bucketNamed(name, all)
}

func (s *stack) isCloudFrontLogBucket(name string) bool {
	_, cf := s.logTargets()
	return s.bucketNamed(name, cf)
}

// bucketNamed reports whether the bucket with logical name name is one of
// the references.
func (s *stack) bucketNamed(name string, refs []string) bool {
	for _, b := range s.of(typeBucketV2, typeBucket) {
		if b.Name != name {
			continue
		}
		for _, ref := range refs {
			if refersTo(ref, b) || refersTo(strings.TrimSuffix(ref, "_id"), b) {
				return true
			}
		}
	}
	return false
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// record returns the record of a finding's resource, or nil.
func (s *stack) record(name, typ string) *resource.Record {
	for _, r := range s.byType[typ] {
		if r.Name == name {
			return r
		}
	}
	return nil
}
