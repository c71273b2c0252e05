package audit

import (
	"fmt"
	"sort"
	"strings"

	"github.com/tiercost/tiercost/costmodel/resource"
)

// dbSource returns a replica's source instance among the records.
func dbSource(s *stack, r *resource.Record) *resource.Record {
	ref := r.String("replicateSourceDb")
	if ref == "" {
		return nil
	}
	for _, d := range s.of(typeRDSInstance) {
		if refersTo(ref, d) {
			return d
		}
	}
	return nil
}

// dbValue reads an input, falling back to a replica's source.
func dbValue(s *stack, r *resource.Record, key string) any {
	if v, ok := r.Value(key); ok {
		return v
	}
	if src := dbSource(s, r); src != nil {
		v, _ := src.Value(key)
		return v
	}
	return nil
}

func isReplica(r *resource.Record) bool { return r.String("replicateSourceDb") != "" }

// defaultPorts are the engines' default ports (RDS.23).
var defaultPorts = map[string]int{"postgres": 5432, "mysql": 3306, "mariadb": 3306, "oracle-ee": 1521, "sqlserver-ex": 1433}

// logExports are the logs RDS.9 wants per engine.
var logExports = map[string][]string{"postgres": {"postgresql", "upgrade"}, "mysql": {"audit", "error", "general", "slowquery"}, "mariadb": {"audit", "error", "general", "slowquery"}}

// eventSubscription judges whether a subscription of sourceType covers the
// categories (RDS.20-22): an empty category list means all of them.
func eventSubscription(sourceType string, need []string) func(s *stack) []Finding {
	return func(s *stack) []Finding {
		relevant := len(s.of(typeRDSInstance)) > 0
		var out []Finding
		for _, e := range s.of(typeEventSub) {
			if e.String("sourceType") != sourceType {
				continue
			}
			have := stringsOf(e.Inputs["eventCategories"])
			var missing []string
			for _, c := range need {
				if len(have) > 0 && !contains(have, c) {
					missing = append(missing, c)
				}
			}
			f := Finding{Resource: e.Name, Type: e.Type, Status: Pass, Reason: "notifies " + orDefault(strings.Join(have, ", "), "every category")}
			if len(missing) > 0 {
				f.Status, f.Reason = Fail, "misses "+strings.Join(missing, ", ")
			}
			out = append(out, f)
		}
		if len(out) == 0 && relevant {
			out = append(out, Finding{Type: typeEventSub, Status: Fail, Reason: "no " + sourceType + " event subscription for " + strings.Join(need, ", ")})
		}
		return out
	}
}

func rdsControls() []Control {
	db := []string{typeRDSInstance}
	primaryOnly := func(f func(s *stack, r *resource.Record) (Status, string)) func(s *stack, r *resource.Record) (Status, string) {
		return func(s *stack, r *resource.Record) (Status, string) {
			if isReplica(r) {
				return na("a read replica: judged on its source")
			}
			return f(s, r)
		}
	}
	return []Control{
		{ID: "RDS.2", Title: "RDS DB Instances should prohibit public access, as determined by the PubliclyAccessible configuration", Types: db,
			check: func(_ *stack, r *resource.Record) (Status, string) {
				return verdict(!truthy(r.Inputs["publiclyAccessible"]), "not publicly accessible", "publicly accessible")
			}},
		{ID: "RDS.3", Title: "RDS DB instances should have encryption at-rest enabled", Types: db,
			check: func(s *stack, r *resource.Record) (Status, string) {
				return verdict(truthy(dbValue(s, r, "storageEncrypted")), "storage encrypted", "storage not encrypted")
			}},
		{ID: "RDS.5", Title: "RDS DB instances should be configured with multiple Availability Zones", Types: db,
			check: primaryOnly(func(_ *stack, r *resource.Record) (Status, string) {
				return verdict(truthy(r.Inputs["multiAz"]), "Multi-AZ", "Single-AZ")
			})},
		{ID: "RDS.6", Title: "Enhanced monitoring should be configured for RDS DB instances", Types: db,
			check: func(_ *stack, r *resource.Record) (Status, string) {
				n, _ := number(r.Inputs["monitoringInterval"])
				return verdict(n > 0, fmt.Sprintf("enhanced monitoring every %v s", n), "no enhanced monitoring")
			}},
		{ID: "RDS.8", Title: "RDS DB instances should have deletion protection enabled", Types: db,
			check: func(_ *stack, r *resource.Record) (Status, string) {
				return verdict(truthy(r.Inputs["deletionProtection"]), "deletion protection on", "deletion protection off")
			}},
		{ID: "RDS.9", Title: "RDS DB instances should publish logs to CloudWatch Logs", Types: db,
			check: func(s *stack, r *resource.Record) (Status, string) {
				engine, _ := dbValue(s, r, "engine").(string)
				want := logExports[engine]
				if want == nil {
					return na("engine %s: no log list to check", orDefault(engine, "unknown"))
				}
				have := stringsOf(r.Inputs["enabledCloudwatchLogsExports"])
				for _, w := range want {
					if !contains(have, w) {
						return fail("does not export the %s log", w)
					}
				}
				return pass("exports %s", strings.Join(want, ", "))
			}},
		{ID: "RDS.10", Title: "IAM authentication should be configured for RDS instances", Types: db,
			check: func(_ *stack, r *resource.Record) (Status, string) {
				return verdict(truthy(r.Inputs["iamDatabaseAuthenticationEnabled"]), "IAM authentication on", "IAM authentication off")
			}},
		{ID: "RDS.11", Title: "RDS instances should have automatic backups enabled", Types: db,
			check: primaryOnly(func(_ *stack, r *resource.Record) (Status, string) {
				n, _ := number(r.Inputs["backupRetentionPeriod"])
				return verdict(n >= 7, fmt.Sprintf("backups kept %v days", n), fmt.Sprintf("backups kept %v days (7 or more needed)", n))
			})},
		{ID: "RDS.13", Title: "RDS automatic minor version upgrades should be enabled", Types: db,
			check: func(_ *stack, r *resource.Record) (Status, string) {
				v, set := r.Inputs["autoMinorVersionUpgrade"]
				return verdict(!set || v == nil || truthy(v), "minor upgrades applied automatically", "minor upgrades off")
			}},
		{ID: "RDS.17", Title: "RDS DB instances should be configured to copy tags to snapshots", Types: db,
			check: func(_ *stack, r *resource.Record) (Status, string) {
				return verdict(truthy(r.Inputs["copyTagsToSnapshot"]), "copies tags to snapshots", "does not copy tags to snapshots")
			}},
		{ID: "RDS.18", Title: "RDS instances should be deployed in a VPC", Types: db,
			check: func(s *stack, r *resource.Record) (Status, string) {
				g, _ := dbValue(s, r, "dbSubnetGroupName").(string)
				if g == "" && isReplica(r) {
					return pass("a replica in its source's VPC")
				}
				return verdict(g != "", "subnet group "+g, "no DB subnet group")
			}},
		{ID: "RDS.20", Title: "Existing RDS event notification subscriptions should be configured for critical database instance events", Types: db,
			stackCheck: eventSubscription("db-instance", []string{"maintenance", "configuration change", "failure"})},
		{ID: "RDS.21", Title: "An RDS event notifications subscription should be configured for critical database parameter group events", Types: db,
			stackCheck: eventSubscription("db-parameter-group", []string{"configuration change"})},
		{ID: "RDS.22", Title: "An RDS event notifications subscription should be configured for critical database security group events", Types: db,
			stackCheck: eventSubscription("db-security-group", []string{"configuration change", "failure"})},
		{ID: "RDS.23", Title: "RDS instances should not use a database engine default port", Types: db,
			check: func(s *stack, r *resource.Record) (Status, string) {
				engine, _ := dbValue(s, r, "engine").(string)
				def, known := defaultPorts[engine]
				if !known {
					return na("engine %s", orDefault(engine, "unknown"))
				}
				port, ok := number(dbValue(s, r, "port"))
				if !ok {
					port = float64(def)
				}
				return verdict(int(port) != def, fmt.Sprintf("port %v", port), fmt.Sprintf("the engine's default port %d", def))
			}},
		{ID: "RDS.25", Title: "RDS database instances should use a custom administrator username", Types: db,
			check: primaryOnly(func(_ *stack, r *resource.Record) (Status, string) {
				u := r.String("username")
				return verdict(u != "" && u != "postgres" && u != "admin" && u != "root", "administrator "+u, "default administrator name "+orDefault(u, "(unset)"))
			})},
	}
}

// bucketParts finds the configuration records of a bucket.
func (s *stack) bucketParts(b *resource.Record, typ string) []*resource.Record {
	return s.pointingAt(b, "bucket", typ)
}

// bucketPolicyDoc returns a bucket's policy document.
func (s *stack) bucketPolicyDoc(b *resource.Record) policyDoc {
	if p := b.String("policy"); p != "" {
		return parsePolicy(p)
	}
	for _, p := range s.bucketParts(b, typeBucketPolicy) {
		return parsePolicy(p.String("policy"))
	}
	return policyDoc{}
}

// blacklisted are the actions S3.6 refuses to grant to other accounts.
var blacklisted = []string{"s3:DeleteBucketPolicy", "s3:PutBucketAcl", "s3:PutBucketPolicy", "s3:PutEncryptionConfiguration", "s3:PutObjectAcl"}

func s3Controls() []Control {
	buckets := []string{typeBucketV2, typeBucket}
	allBlocks := func(s *stack, b *resource.Record) bool {
		for _, p := range s.bucketParts(b, typeBucketPAB) {
			ok := true
			for _, k := range []string{"blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"} {
				ok = ok && truthy(p.Inputs[k])
			}
			return ok
		}
		return false
	}
	return []Control{
		{ID: "S3.2", Title: "S3 general purpose buckets should block public read access", Types: buckets,
			check: func(s *stack, b *resource.Record) (Status, string) {
				return verdict(allBlocks(s, b), "all four public access blocks on", "public access is not blocked")
			}},
		{ID: "S3.3", Title: "S3 general purpose buckets should block public write access", Types: buckets,
			check: func(s *stack, b *resource.Record) (Status, string) {
				return verdict(allBlocks(s, b), "all four public access blocks on", "public access is not blocked")
			}},
		{ID: "S3.4", Title: "S3 general purpose buckets should have server-side encryption enabled", Types: buckets,
			check: func(s *stack, b *resource.Record) (Status, string) {
				if p := s.bucketParts(b, typeBucketSSE); len(p) > 0 || b.Map("serverSideEncryptionConfiguration") != nil {
					return pass("default encryption configured")
				}
				return pass("S3 encrypts new objects with SSE-S3 by default since January 2023")
			}},
		{ID: "S3.5", Title: "S3 general purpose buckets should require requests to use SSL", Types: buckets,
			check: func(s *stack, b *resource.Record) (Status, string) {
				for _, st := range s.bucketPolicyDoc(b).Statement {
					if st.Effect == "Deny" && fmt.Sprint(st.Condition["Bool"]["aws:SecureTransport"]) == "false" {
						return pass("the policy denies requests without TLS")
					}
				}
				return fail("no policy statement denies requests without TLS")
			}},
		{ID: "S3.6", Title: "S3 general purpose bucket policies should restrict access to other AWS accounts", Types: buckets,
			check: func(s *stack, b *resource.Record) (Status, string) {
				for _, st := range s.bucketPolicyDoc(b).Statement {
					if st.Effect != "Allow" {
						continue
					}
					p, _ := st.Principal.(map[string]any)
					if p == nil || p["AWS"] == nil {
						continue
					}
					for _, a := range stringsOf(st.Action) {
						if a == "*" || a == "s3:*" || contains(blacklisted, a) {
							return fail("grants %s to another principal", a)
						}
					}
				}
				return pass("grants no account the blacklisted actions")
			}},
		{ID: "S3.8", Title: "S3 general purpose buckets should block public access", Types: buckets,
			check: func(s *stack, b *resource.Record) (Status, string) {
				return verdict(allBlocks(s, b), "all four public access blocks on", "public access is not blocked")
			}},
		{ID: "S3.9", Title: "S3 general purpose buckets should have server access logging enabled", Types: buckets,
			check: func(s *stack, b *resource.Record) (Status, string) {
				if l := s.bucketParts(b, typeBucketLogging); len(l) > 0 {
					return pass("access logs to %s", l[0].String("targetBucket"))
				}
				if str(b.Map("logging"), "targetBucket") != "" {
					return pass("access logs on")
				}
				// AWS's own scope for S3.9: "The target logging bucket does
				// not need to have server access logging enabled, and you
				// should suppress findings for this bucket." (Security Hub
				// user guide, S3 controls, [S3.9].)
				if s.isAccessLogTarget(b.Name) {
					return na("the target of server access logging: Security Hub's S3.9 says a target logging bucket need not log itself")
				}
				return fail("no server access logging")
			}},
		{ID: "S3.10", Title: "S3 general purpose buckets with versioning enabled should have Lifecycle configurations", Types: buckets,
			check: func(s *stack, b *resource.Record) (Status, string) {
				versioned := false
				for _, v := range s.bucketParts(b, typeBucketVersioning) {
					versioned = versioned || str(v.Map("versioningConfiguration"), "status") == "Enabled"
				}
				if !versioned {
					return na("not versioned")
				}
				return verdict(len(s.bucketParts(b, typeBucketLifecycle)) > 0, "lifecycle configured", "versioned without a lifecycle")
			}},
		{ID: "S3.11", Title: "S3 general purpose buckets should have event notifications enabled", Types: buckets,
			check: func(s *stack, b *resource.Record) (Status, string) {
				for _, n := range s.bucketParts(b, typeBucketNotify) {
					if truthy(n.Inputs["eventbridge"]) || len(n.List("topics"))+len(n.List("queues"))+len(n.List("lambdaFunctions")) > 0 {
						return pass("event notifications on")
					}
				}
				return fail("no event notifications")
			}},
		{ID: "S3.12", Title: "ACLs should not be used to manage user access to S3 general purpose buckets", Types: buckets,
			check: func(s *stack, b *resource.Record) (Status, string) {
				for _, o := range s.bucketParts(b, typeBucketOwnership) {
					own := str(o.Map("rule"), "objectOwnership")
					return verdict(own == "BucketOwnerEnforced", "ACLs disabled (BucketOwnerEnforced)", "ACLs enabled ("+own+")")
				}
				return fail("object ownership not set: ACLs may grant access")
			}},
		{ID: "S3.13", Title: "S3 general purpose buckets should have Lifecycle configurations", Types: buckets,
			check: func(s *stack, b *resource.Record) (Status, string) {
				return verdict(len(s.bucketParts(b, typeBucketLifecycle)) > 0, "lifecycle configured", "no lifecycle configuration")
			}},
	}
}

func snsControls() []Control {
	topics := []string{typeSNSTopic}
	return []Control{
		{ID: "SNS.1", Title: "SNS topics should be encrypted at-rest using AWS KMS", Types: topics,
			check: func(_ *stack, r *resource.Record) (Status, string) {
				return verdict(r.String("kmsMasterKeyId") != "", "encrypted with a KMS key", "not encrypted")
			}},
		{ID: "SNS.2", Title: "Logging of delivery status should be enabled for notification messages sent to a topic", Types: topics,
			check: func(_ *stack, r *resource.Record) (Status, string) {
				var on []string
				for k := range r.Inputs {
					if strings.HasSuffix(k, "FailureFeedbackRoleArn") && r.String(k) != "" {
						on = append(on, strings.TrimSuffix(k, "FailureFeedbackRoleArn"))
					}
				}
				sort.Strings(on)
				return verdict(len(on) > 0, "delivery status logged for "+strings.Join(on, ", "), "no delivery status logging")
			}},
	}
}

// decryptAll reports whether a policy allows decrypting with every key.
func decryptAll(doc policyDoc) bool {
	for _, st := range doc.Statement {
		if st.Effect != "Allow" || !contains(stringsOf(st.Resource), "*") {
			continue
		}
		for _, a := range stringsOf(st.Action) {
			if a == "*" || a == "kms:*" || a == "kms:Decrypt" || a == "kms:ReEncryptFrom" {
				return true
			}
		}
	}
	return false
}

func iamKMSControls() []Control {
	return []Control{
		{ID: "IAM.1", Title: "IAM policies should not allow full \"*\" administrative privileges", Types: []string{typeIAMPolicy},
			check: func(_ *stack, r *resource.Record) (Status, string) {
				for _, st := range parsePolicy(r.String("policy")).Statement {
					if st.Effect == "Allow" && contains(stringsOf(st.Action), "*") && contains(stringsOf(st.Resource), "*") {
						return fail("allows * on *")
					}
				}
				return pass("no * on *")
			}},
		{ID: "KMS.1", Title: "IAM customer managed policies should not allow decryption actions on all KMS keys", Types: []string{typeIAMPolicy},
			check: func(_ *stack, r *resource.Record) (Status, string) {
				return verdict(!decryptAll(parsePolicy(r.String("policy"))), "no decryption with every key", "allows decryption with every key")
			}},
		{ID: "KMS.2", Title: "IAM principals should not have IAM inline policies that allow decryption actions on all KMS keys", Types: []string{typeIAMRolePolicy},
			check: func(_ *stack, r *resource.Record) (Status, string) {
				return verdict(!decryptAll(parsePolicy(r.String("policy"))), "no decryption with every key", "allows decryption with every key")
			}},
		{ID: "KMS.3", Title: "AWS KMS keys should not be deleted unintentionally", Types: []string{typeKMSKey},
			check: func(_ *stack, r *resource.Record) (Status, string) {
				n, _ := number(r.Inputs["deletionWindowInDays"])
				return verdict(n == 0 || n >= 7, fmt.Sprintf("managed by the stack; deletion waits %v days", orNum(n, 30)), "deletion window under 7 days")
			}},
	}
}

func orNum(n, def float64) float64 {
	if n == 0 {
		return def
	}
	return n
}

func ssmWAFControls() []Control {
	acls := []string{typeWebACL}
	return []Control{
		{ID: "SSM.1", Title: "Amazon EC2 instances should be managed by AWS Systems Manager", Types: launchSources(),
			check: func(s *stack, r *resource.Record) (Status, string) {
				if r.Map("iamInstanceProfile") == nil && r.String("iamInstanceProfile") == "" {
					return fail("no instance profile: the SSM agent cannot register")
				}
				for _, a := range s.of(typeIAMAttachment) {
					if strings.HasSuffix(a.String("policyArn"), "/AmazonSSMManagedInstanceCore") {
						return pass("instance role has AmazonSSMManagedInstanceCore")
					}
				}
				return fail("no role in the stack has AmazonSSMManagedInstanceCore")
			}},
		{ID: "WAF.10", Title: "AWS WAF web ACLs should have at least one rule or rule group", Types: acls,
			check: func(_ *stack, r *resource.Record) (Status, string) {
				n := len(r.List("rules"))
				return verdict(n > 0, fmt.Sprintf("%d rules", n), "no rules")
			}},
		{ID: "WAF.11", Title: "AWS WAF web ACL logging should be enabled", Types: acls,
			check: func(s *stack, r *resource.Record) (Status, string) {
				return verdict(len(s.pointingAt(r, "resourceArn", typeWebACLLogging)) > 0, "logs blocked and counted requests", "no logging")
			}},
		{ID: "WAF.12", Title: "AWS WAF rules should have CloudWatch metrics enabled", Types: acls,
			check: func(_ *stack, r *resource.Record) (Status, string) {
				for _, x := range r.List("rules") {
					m, _ := x.(map[string]any)
					if !truthy(mapAt(m, "visibilityConfig")["cloudwatchMetricsEnabled"]) {
						return fail("rule %s has no CloudWatch metrics", str(m, "name"))
					}
				}
				return pass("every rule publishes CloudWatch metrics")
			}},
	}
}
