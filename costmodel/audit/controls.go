package audit

import (
	"fmt"
	"strings"

	"github.com/tiercost/tiercost/costmodel/resource"
)

// Resource types the controls read.
const (
	typeASG              = "aws:autoscaling/group:Group"
	typeLaunchTemplate   = "aws:ec2/launchTemplate:LaunchTemplate"
	typeInstance         = "aws:ec2/instance:Instance"
	typeVpc              = "aws:ec2/vpc:Vpc"
	typeSubnet           = "aws:ec2/subnet:Subnet"
	typeSecurityGroup    = "aws:ec2/securityGroup:SecurityGroup"
	typeDefaultSG        = "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup"
	typeNetworkACL       = "aws:ec2/networkAcl:NetworkAcl"
	typeDefaultNACL      = "aws:ec2/defaultNetworkAcl:DefaultNetworkAcl"
	typeFlowLog          = "aws:ec2/flowLog:FlowLog"
	typeVPCEndpoint      = "aws:ec2/vpcEndpoint:VpcEndpoint"
	typeEBSVolume        = "aws:ebs/volume:Volume"
	typeLB               = "aws:lb/loadBalancer:LoadBalancer"
	typeALB              = "aws:alb/loadBalancer:LoadBalancer"
	typeListener         = "aws:lb/listener:Listener"
	typeALBListener      = "aws:alb/listener:Listener"
	typeWebACLAssoc      = "aws:wafv2/webAclAssociation:WebAclAssociation"
	typeWebACL           = "aws:wafv2/webAcl:WebAcl"
	typeWebACLLogging    = "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration"
	typeDistribution     = "aws:cloudfront/distribution:Distribution"
	typeCertificate      = "aws:acm/certificate:Certificate"
	typeRDSInstance      = "aws:rds/instance:Instance"
	typeEventSub         = "aws:rds/eventSubscription:EventSubscription"
	typeReplicationGroup = "aws:elasticache/replicationGroup:ReplicationGroup"
	typeCacheCluster     = "aws:elasticache/cluster:Cluster"
	typeBucketV2         = "aws:s3/bucketV2:BucketV2"
	typeBucket           = "aws:s3/bucket:Bucket"
	typeBucketPAB        = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock"
	typeBucketPolicy     = "aws:s3/bucketPolicy:BucketPolicy"
	typeBucketLogging    = "aws:s3/bucketLoggingV2:BucketLoggingV2"
	typeBucketOwnership  = "aws:s3/bucketOwnershipControls:BucketOwnershipControls"
	typeBucketLifecycle  = "aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2"
	typeBucketNotify     = "aws:s3/bucketNotification:BucketNotification"
	typeBucketSSE        = "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2"
	typeBucketVersioning = "aws:s3/bucketVersioningV2:BucketVersioningV2"
	typeSNSTopic         = "aws:sns/topic:Topic"
	typeKMSKey           = "aws:kms/key:Key"
	typeIAMPolicy        = "aws:iam/policy:Policy"
	typeIAMRolePolicy    = "aws:iam/rolePolicy:RolePolicy"
	typeIAMAttachment    = "aws:iam/rolePolicyAttachment:RolePolicyAttachment"
)

// result builds a check's answer.
func pass(why string, args ...any) (Status, string) { return Pass, fmt.Sprintf(why, args...) }
func fail(why string, args ...any) (Status, string) { return Fail, fmt.Sprintf(why, args...) }
func na(why string, args ...any) (Status, string)   { return NotApplicable, fmt.Sprintf(why, args...) }

// verdict passes when ok, else fails, with the two reasons.
func verdict(ok bool, yes, no string) (Status, string) {
	if ok {
		return Pass, yes
	}
	return Fail, no
}

// Controls lists the FSBP controls tiercost evaluates, in ID order within
// each service. docs/security.md lists them and the FSBP controls for our
// types that are not evaluated, with why.
func Controls() []Control {
	var out []Control
	out = append(out, acmControls()...)
	out = append(out, autoscalingControls()...)
	out = append(out, cloudfrontControls()...)
	out = append(out, ec2Controls()...)
	out = append(out, elasticacheControls()...)
	out = append(out, elbControls()...)
	out = append(out, iamKMSControls()...)
	out = append(out, rdsControls()...)
	out = append(out, s3Controls()...)
	out = append(out, snsControls()...)
	out = append(out, ssmWAFControls()...)
	return out
}

func acmControls() []Control {
	return []Control{
		{ID: "ACM.1", Title: "Imported and ACM-issued certificates should be renewed after a specified time period", Types: []string{typeCertificate},
			check: func(_ *stack, r *resource.Record) (Status, string) {
				if r.String("certificateBody") != "" {
					return fail("an imported certificate is not renewed by ACM")
				}
				return verdict(r.String("validationMethod") == "DNS", "DNS-validated: ACM renews it while the validation record stays",
					"validation method "+r.String("validationMethod")+" needs a person to approve each renewal")
			}},
		{ID: "ACM.2", Title: "RSA certificates managed by ACM should use a key length of at least 2,048 bits", Types: []string{typeCertificate},
			check: func(_ *stack, r *resource.Record) (Status, string) {
				k := r.String("keyAlgorithm")
				return verdict(k != "RSA_1024", "key algorithm "+orDefault(k, "RSA_2048 (default)"), "key algorithm RSA_1024 is below 2,048 bits")
			}},
	}
}

func autoscalingControls() []Control {
	asg := []string{typeASG}
	launchTemplate := func(r *resource.Record) map[string]any {
		if lt := r.Map("launchTemplate"); lt != nil {
			return lt
		}
		return mapAt(r.Map("mixedInstancesPolicy"), "launchTemplate")
	}
	return []Control{
		{ID: "AutoScaling.1", Title: "Auto Scaling groups associated with a load balancer should use ELB health checks", Types: asg,
			check: func(_ *stack, r *resource.Record) (Status, string) {
				if len(r.List("targetGroupArns")) == 0 && len(r.List("loadBalancers")) == 0 {
					return na("the group is behind no load balancer")
				}
				return verdict(r.String("healthCheckType") == "ELB", "health check type ELB", "health check type is "+orDefault(r.String("healthCheckType"), "EC2 (default)"))
			}},
		{ID: "AutoScaling.2", Title: "Amazon EC2 Auto Scaling group should cover multiple Availability Zones", Types: asg,
			check: func(_ *stack, r *resource.Record) (Status, string) {
				n := max(len(r.List("vpcZoneIdentifiers")), len(r.List("availabilityZones")))
				return verdict(n >= 2, fmt.Sprintf("%d subnets or zones", n), fmt.Sprintf("only %d subnet or zone", n))
			}},
		{ID: "AutoScaling.6", Title: "Auto Scaling groups should use multiple instance types in multiple Availability Zones", Types: asg,
			check: func(_ *stack, r *resource.Record) (Status, string) {
				types := map[string]bool{}
				for _, o := range list(mapAt(r.Map("mixedInstancesPolicy"), "launchTemplate"), "overrides") {
					if m, ok := o.(map[string]any); ok && str(m, "instanceType") != "" {
						types[str(m, "instanceType")] = true
					}
				}
				azs := max(len(r.List("vpcZoneIdentifiers")), len(r.List("availabilityZones")))
				return verdict(len(types) >= 2 && azs >= 2, fmt.Sprintf("%d instance types in %d subnets", len(types), azs),
					fmt.Sprintf("%d instance type(s) in %d subnet(s); needs a mixed instances policy with 2 or more", len(types), azs))
			}},
		{ID: "AutoScaling.9", Title: "Amazon EC2 Auto Scaling groups should use Amazon EC2 launch templates", Types: asg,
			check: func(_ *stack, r *resource.Record) (Status, string) {
				return verdict(launchTemplate(r) != nil && r.String("launchConfiguration") == "", "launches from a launch template", "uses a launch configuration")
			}},
	}
}

// customCert reports whether a distribution serves a certificate of its own.
func customCert(d *resource.Record) bool {
	v := d.Map("viewerCertificate")
	return !truthy(v["cloudfrontDefaultCertificate"]) && (str(v, "acmCertificateArn") != "" || str(v, "iamCertificateId") != "")
}

// s3Origin reports whether an origin is an S3 bucket.
func s3Origin(o map[string]any) bool {
	return o["s3OriginConfig"] != nil || str(o, "originAccessControlId") != "" || strings.Contains(str(o, "domainName"), ".s3.")
}

func origins(d *resource.Record) []map[string]any {
	var out []map[string]any
	for _, o := range d.List("origins") {
		if m, ok := o.(map[string]any); ok {
			out = append(out, m)
		}
	}
	return out
}

func behaviors(d *resource.Record) []map[string]any {
	out := []map[string]any{d.Map("defaultCacheBehavior")}
	for _, b := range d.List("orderedCacheBehaviors") {
		if m, ok := b.(map[string]any); ok {
			out = append(out, m)
		}
	}
	return out
}

func cloudfrontControls() []Control {
	cf := []string{typeDistribution}
	return []Control{
		{ID: "CloudFront.1", Title: "CloudFront distributions should have a default root object configured", Types: cf,
			check: func(_ *stack, d *resource.Record) (Status, string) {
				s3 := false
				for _, o := range origins(d) {
					s3 = s3 || s3Origin(o)
				}
				if !s3 {
					return na("no S3 origin")
				}
				return verdict(d.String("defaultRootObject") != "", "default root object "+d.String("defaultRootObject"), "no default root object with an S3 origin")
			}},
		{ID: "CloudFront.3", Title: "CloudFront distributions should require encryption in transit", Types: cf,
			check: func(_ *stack, d *resource.Record) (Status, string) {
				for _, b := range behaviors(d) {
					if p := str(b, "viewerProtocolPolicy"); p == "allow-all" || p == "" {
						return fail("a cache behaviour allows plain HTTP (%s)", orDefault(p, "unset"))
					}
				}
				return pass("every cache behaviour redirects to or requires HTTPS")
			}},
		{ID: "CloudFront.4", Title: "CloudFront distributions should have origin failover configured", Types: cf,
			check: func(_ *stack, d *resource.Record) (Status, string) {
				for _, g := range d.List("originGroups") {
					if m, ok := g.(map[string]any); ok && len(list(m, "members")) >= 2 {
						return pass("origin group %s fails over between %d origins", str(m, "originId"), len(list(m, "members")))
					}
				}
				return fail("no origin group with two origins")
			}},
		{ID: "CloudFront.5", Title: "CloudFront distributions should have logging enabled", Types: cf,
			check: func(_ *stack, d *resource.Record) (Status, string) {
				b := str(d.Map("loggingConfig"), "bucket")
				return verdict(b != "", "standard logs to "+b, "no standard logging")
			}},
		{ID: "CloudFront.6", Title: "CloudFront distributions should have WAF enabled", Types: cf,
			check: func(_ *stack, d *resource.Record) (Status, string) {
				return verdict(d.String("webAclId") != "", "web ACL attached", "no WAF web ACL")
			}},
		{ID: "CloudFront.7", Title: "CloudFront distributions should use custom SSL/TLS certificates", Types: cf,
			check: func(_ *stack, d *resource.Record) (Status, string) {
				return verdict(customCert(d), "serves its own ACM certificate", "serves the default *.cloudfront.net certificate")
			}},
		{ID: "CloudFront.8", Title: "CloudFront distributions should use SNI to serve HTTPS requests", Types: cf,
			check: func(_ *stack, d *resource.Record) (Status, string) {
				if !customCert(d) {
					return na("no custom certificate")
				}
				m := str(d.Map("viewerCertificate"), "sslSupportMethod")
				return verdict(m == "sni-only", "SNI only", "SSL support method "+orDefault(m, "unset")+" (dedicated IP)")
			}},
		{ID: "CloudFront.9", Title: "CloudFront distributions should encrypt traffic to custom origins", Types: cf,
			check: func(_ *stack, d *resource.Record) (Status, string) {
				custom := 0
				for _, o := range origins(d) {
					c, ok := o["customOriginConfig"].(map[string]any)
					if !ok {
						continue
					}
					custom++
					if p := str(c, "originProtocolPolicy"); p != "https-only" {
						return fail("custom origin %s uses %s", str(o, "originId"), p)
					}
				}
				if custom == 0 {
					return na("no custom origin")
				}
				return pass("every custom origin is https-only")
			}},
		{ID: "CloudFront.10", Title: "CloudFront distributions should not use deprecated SSL protocols between edge locations and custom origins", Types: cf,
			check: func(_ *stack, d *resource.Record) (Status, string) {
				custom := 0
				for _, o := range origins(d) {
					c, ok := o["customOriginConfig"].(map[string]any)
					if !ok {
						continue
					}
					custom++
					for _, p := range stringsOf(c["originSslProtocols"]) {
						if p == "SSLv3" {
							return fail("custom origin %s allows SSLv3", str(o, "originId"))
						}
					}
				}
				if custom == 0 {
					return na("no custom origin")
				}
				return pass("no custom origin allows SSLv3")
			}},
		{ID: "CloudFront.12", Title: "CloudFront distributions should not point to non-existent S3 origins", Types: cf,
			check: func(s *stack, d *resource.Record) (Status, string) {
				n := 0
				for _, o := range origins(d) {
					if !s3Origin(o) {
						continue
					}
					n++
					bucket, _, _ := strings.Cut(str(o, "domainName"), ".s3")
					found := false
					for _, b := range s.of(typeBucketV2, typeBucket) {
						found = found || refersTo(bucket, b)
					}
					if !found {
						return fail("S3 origin %s names a bucket the stack does not hold", bucket)
					}
				}
				if n == 0 {
					return na("no S3 origin")
				}
				return pass("every S3 origin is a bucket of the stack")
			}},
		{ID: "CloudFront.13", Title: "CloudFront distributions should use origin access control", Types: cf,
			check: func(_ *stack, d *resource.Record) (Status, string) {
				n := 0
				for _, o := range origins(d) {
					if !s3Origin(o) {
						continue
					}
					n++
					if str(o, "originAccessControlId") == "" {
						return fail("S3 origin %s has no origin access control", str(o, "originId"))
					}
				}
				if n == 0 {
					return na("no S3 origin")
				}
				return pass("every S3 origin uses origin access control")
			}},
	}
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
