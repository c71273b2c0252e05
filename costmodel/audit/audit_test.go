package audit

import (
	"strings"
	"testing"

	"github.com/tiercost/tiercost/costmodel/resource"
)

// r builds a hand-written record; IDs follow the mocked run (<name>_id).
func r(typ, name string, inputs map[string]any) resource.Record {
	return resource.Record{Type: typ, Name: name, URN: "urn:pulumi:t::p::" + typ + "::" + name, ID: name + "_id", Inputs: inputs}
}

type m = map[string]any
type l = []any

// policy renders a one-statement-per-map policy document.
func policy(sts ...string) string {
	return `{"Version":"2012-10-17","Statement":[` + strings.Join(sts, ",") + `]}`
}

const (
	tlsDeny   = `{"Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}`
	oacAllow  = `{"Effect":"Allow","Principal":{"Service":"cloudfront.amazonaws.com"},"Action":"s3:GetObject","Resource":"x/*"}`
	crossAcct = `{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::999999999999:root"},"Action":"s3:PutBucketPolicy","Resource":"x"}`
)

// Building blocks shared by the cases.
var (
	goodLT = r(typeLaunchTemplate, "lt", m{"metadataOptions": m{"httpTokens": "required"}, "iamInstanceProfile": m{"arn": "p"},
		"blockDeviceMappings": l{m{"deviceName": "/dev/xvda", "ebs": m{"encrypted": "true"}}}})
	badLT = r(typeLaunchTemplate, "lt", m{"metadataOptions": m{"httpTokens": "optional"},
		"blockDeviceMappings": l{m{"ebs": m{"encrypted": "false"}}}, "networkInterfaces": l{m{"associatePublicIpAddress": true}, m{}}})
	goodASG = r(typeASG, "asg", m{"targetGroupArns": l{"tg"}, "healthCheckType": "ELB", "vpcZoneIdentifiers": l{"a", "b"},
		"mixedInstancesPolicy": m{"launchTemplate": m{"launchTemplateSpecification": m{"launchTemplateId": "lt_id"},
			"overrides": l{m{"instanceType": "c7g.large"}, m{"instanceType": "m7g.large"}}}}})
	badASG = r(typeASG, "asg", m{"targetGroupArns": l{"tg"}, "vpcZoneIdentifiers": l{"a"}, "launchConfiguration": "lc"})
	vpc    = r(typeVpc, "vpc", m{})
	bucket = r(typeBucketV2, "b", m{})
	goodDB = r(typeRDSInstance, "db", m{"engine": "postgres", "multiAz": true, "storageEncrypted": true, "monitoringInterval": 60.0,
		"deletionProtection": true, "enabledCloudwatchLogsExports": l{"postgresql", "upgrade"}, "iamDatabaseAuthenticationEnabled": true,
		"backupRetentionPeriod": 7.0, "copyTagsToSnapshot": true, "dbSubnetGroupName": "g", "port": 5433.0, "username": "app",
		"publiclyAccessible": false})
	badDB = r(typeRDSInstance, "db", m{"engine": "postgres", "publiclyAccessible": true, "backupRetentionPeriod": 1.0,
		"autoMinorVersionUpgrade": false, "username": "postgres", "enabledCloudwatchLogsExports": l{"postgresql"}})
	goodDist = r(typeDistribution, "cdn", m{"defaultRootObject": "index.html", "webAclId": "acl",
		"loggingConfig":        m{"bucket": "logs.s3.amazonaws.com"},
		"viewerCertificate":    m{"acmCertificateArn": "arn:cert", "sslSupportMethod": "sni-only"},
		"defaultCacheBehavior": m{"viewerProtocolPolicy": "redirect-to-https"},
		"originGroups":         l{m{"originId": "g", "members": l{m{"originId": "s3"}, m{"originId": "alb"}}}},
		"origins": l{m{"originId": "alb", "domainName": "origin.example.com", "customOriginConfig": m{"originProtocolPolicy": "https-only", "originSslProtocols": l{"TLSv1.2"}}},
			m{"originId": "s3", "domainName": "b.s3.us-east-1.amazonaws.com", "originAccessControlId": "oac"}}})
	badDist = r(typeDistribution, "cdn", m{
		"viewerCertificate":    m{"acmCertificateArn": "arn:cert", "sslSupportMethod": "vip"},
		"defaultCacheBehavior": m{"viewerProtocolPolicy": "allow-all"},
		"origins": l{m{"originId": "alb", "domainName": "alb.example.com", "customOriginConfig": m{"originProtocolPolicy": "http-only", "originSslProtocols": l{"SSLv3"}}},
			m{"originId": "s3", "domainName": "gone.s3.us-east-1.amazonaws.com", "s3OriginConfig": m{}}}})
	goodALB = r(typeLB, "alb", m{"loadBalancerType": "application", "dropInvalidHeaderFields": true, "enableDeletionProtection": true,
		"accessLogs": m{"enabled": true, "bucket": "logs"}, "desyncMitigationMode": "defensive", "subnets": l{"a", "b"}})
	badALB = r(typeLB, "alb", m{"loadBalancerType": "application", "desyncMitigationMode": "monitor", "subnets": l{"a"}})
	acl    = r(typeWebACL, "acl", m{"rules": l{m{"name": "r", "visibilityConfig": m{"cloudwatchMetricsEnabled": true}}}})
)

// TestControls asserts, per control, a pass and a fail on hand-written
// records (and not-applicable where a control can be).
func TestControls(t *testing.T) {
	tests := []struct {
		control string
		name    string
		recs    []resource.Record
		want    Status
	}{
		{"ACM.1", "DNS-validated", []resource.Record{r(typeCertificate, "c", m{"validationMethod": "DNS"})}, Pass},
		{"ACM.1", "e-mail validated", []resource.Record{r(typeCertificate, "c", m{"validationMethod": "EMAIL"})}, Fail},
		{"ACM.1", "no certificate", nil, NotApplicable},
		{"ACM.2", "default RSA 2048", []resource.Record{r(typeCertificate, "c", m{})}, Pass},
		{"ACM.2", "RSA 1024", []resource.Record{r(typeCertificate, "c", m{"keyAlgorithm": "RSA_1024"})}, Fail},

		{"AutoScaling.1", "ELB checks", []resource.Record{goodASG}, Pass},
		{"AutoScaling.1", "EC2 checks behind a target group", []resource.Record{badASG}, Fail},
		{"AutoScaling.1", "no load balancer", []resource.Record{r(typeASG, "asg", m{})}, NotApplicable},
		{"AutoScaling.2", "two subnets", []resource.Record{goodASG}, Pass},
		{"AutoScaling.2", "one subnet", []resource.Record{badASG}, Fail},
		{"AutoScaling.6", "two types in two AZs", []resource.Record{goodASG}, Pass},
		{"AutoScaling.6", "one type", []resource.Record{badASG}, Fail},
		{"AutoScaling.9", "launch template", []resource.Record{goodASG}, Pass},
		{"AutoScaling.9", "launch configuration", []resource.Record{badASG}, Fail},

		{"CloudFront.1", "root object with an S3 origin", []resource.Record{goodDist}, Pass},
		{"CloudFront.1", "none with an S3 origin", []resource.Record{badDist}, Fail},
		{"CloudFront.3", "redirect", []resource.Record{goodDist}, Pass},
		{"CloudFront.3", "allow-all", []resource.Record{badDist}, Fail},
		{"CloudFront.4", "origin group", []resource.Record{goodDist}, Pass},
		{"CloudFront.4", "no origin group", []resource.Record{badDist}, Fail},
		{"CloudFront.5", "standard logging", []resource.Record{goodDist}, Pass},
		{"CloudFront.5", "no logging", []resource.Record{badDist}, Fail},
		{"CloudFront.6", "web ACL", []resource.Record{goodDist}, Pass},
		{"CloudFront.6", "no web ACL", []resource.Record{badDist}, Fail},
		{"CloudFront.7", "own certificate", []resource.Record{goodDist}, Pass},
		{"CloudFront.7", "default certificate", []resource.Record{r(typeDistribution, "cdn", m{"viewerCertificate": m{"cloudfrontDefaultCertificate": true}})}, Fail},
		{"CloudFront.8", "SNI", []resource.Record{goodDist}, Pass},
		{"CloudFront.8", "dedicated IP", []resource.Record{badDist}, Fail},
		{"CloudFront.8", "default certificate", []resource.Record{r(typeDistribution, "cdn", m{"viewerCertificate": m{"cloudfrontDefaultCertificate": true}})}, NotApplicable},
		{"CloudFront.9", "https-only", []resource.Record{goodDist}, Pass},
		{"CloudFront.9", "http-only", []resource.Record{badDist}, Fail},
		{"CloudFront.10", "TLS 1.2", []resource.Record{goodDist}, Pass},
		{"CloudFront.10", "SSLv3", []resource.Record{badDist}, Fail},
		{"CloudFront.12", "bucket in the stack", []resource.Record{goodDist, bucket}, Pass},
		{"CloudFront.12", "bucket missing", []resource.Record{badDist, bucket}, Fail},
		{"CloudFront.13", "OAC", []resource.Record{goodDist, bucket}, Pass},
		{"CloudFront.13", "no OAC", []resource.Record{badDist}, Fail},

		{"EC2.2", "managed, no rules", []resource.Record{vpc, r(typeDefaultSG, "dsg", m{"vpcId": "vpc_id"})}, Pass},
		{"EC2.2", "not managed", []resource.Record{vpc}, Fail},
		{"EC2.2", "managed with a rule", []resource.Record{vpc, r(typeDefaultSG, "dsg", m{"vpcId": "vpc_id", "ingress": l{m{}}})}, Fail},
		{"EC2.3", "encrypted", []resource.Record{goodLT}, Pass},
		{"EC2.3", "unencrypted", []resource.Record{badLT}, Fail},
		// An instance always has a root volume: with no rootBlockDevice it is
		// not encrypted (the account's default is not in the stack).
		{"EC2.3", "instance, root encrypted", []resource.Record{r(typeInstance, "vm", m{"rootBlockDevice": m{"encrypted": true}})}, Pass},
		{"EC2.3", "instance, no rootBlockDevice", []resource.Record{r(typeInstance, "vm", m{"instanceType": "t3.micro"})}, Fail},
		{"EC2.6", "flow log", []resource.Record{vpc, r(typeFlowLog, "fl", m{"vpcId": "vpc_id"})}, Pass},
		{"EC2.6", "no flow log", []resource.Record{vpc}, Fail},
		{"EC2.8", "IMDSv2", []resource.Record{goodLT}, Pass},
		{"EC2.8", "IMDSv1", []resource.Record{badLT}, Fail},
		{"EC2.9", "private", []resource.Record{goodLT}, Pass},
		{"EC2.9", "public address", []resource.Record{badLT}, Fail},
		{"EC2.10", "EC2 endpoint", []resource.Record{vpc, r(typeVPCEndpoint, "e", m{"vpcId": "vpc_id", "serviceName": "com.amazonaws.us-east-1.ec2"})}, Pass},
		{"EC2.10", "S3 endpoint only", []resource.Record{vpc, r(typeVPCEndpoint, "e", m{"vpcId": "vpc_id", "serviceName": "com.amazonaws.us-east-1.s3"})}, Fail},
		{"EC2.15", "no public IPs", []resource.Record{r(typeSubnet, "s", m{"mapPublicIpOnLaunch": false})}, Pass},
		{"EC2.15", "public IPs", []resource.Record{r(typeSubnet, "s", m{"mapPublicIpOnLaunch": true})}, Fail},
		{"EC2.16", "used", []resource.Record{r(typeDefaultNACL, "n", m{"subnetIds": l{"a"}})}, Pass},
		{"EC2.16", "unused", []resource.Record{r(typeNetworkACL, "n", m{})}, Fail},
		{"EC2.17", "one ENI", []resource.Record{goodLT}, Pass},
		{"EC2.17", "two ENIs", []resource.Record{badLT}, Fail},
		{"EC2.18", "80 and 443 open", []resource.Record{r(typeSecurityGroup, "sg", m{"ingress": l{m{"protocol": "tcp", "fromPort": 443.0, "toPort": 443.0, "cidrBlocks": l{"0.0.0.0/0"}}}})}, Pass},
		{"EC2.18", "8080 open", []resource.Record{r(typeSecurityGroup, "sg", m{"ingress": l{m{"protocol": "tcp", "fromPort": 8080.0, "toPort": 8080.0, "cidrBlocks": l{"0.0.0.0/0"}}}})}, Fail},
		{"EC2.19", "5432 from the VPC", []resource.Record{r(typeSecurityGroup, "sg", m{"ingress": l{m{"protocol": "tcp", "fromPort": 5432.0, "toPort": 5432.0, "cidrBlocks": l{"10.0.0.0/16"}}}})}, Pass},
		{"EC2.19", "all ports from anywhere", []resource.Record{r(typeSecurityGroup, "sg", m{"ingress": l{m{"protocol": "-1", "fromPort": 0.0, "toPort": 0.0, "ipv6CidrBlocks": l{"::/0"}}}})}, Fail},
		{"EC2.21", "deny before allow", []resource.Record{r(typeDefaultNACL, "n", m{"ingress": l{
			m{"ruleNo": 10.0, "action": "deny", "protocol": "tcp", "fromPort": 22.0, "toPort": 22.0, "cidrBlock": "0.0.0.0/0"},
			m{"ruleNo": 20.0, "action": "deny", "protocol": "tcp", "fromPort": 3389.0, "toPort": 3389.0, "cidrBlock": "0.0.0.0/0"},
			m{"ruleNo": 100.0, "action": "allow", "protocol": "-1", "fromPort": 0.0, "toPort": 0.0, "cidrBlock": "0.0.0.0/0"}}})}, Pass},
		{"EC2.21", "allow all", []resource.Record{r(typeDefaultNACL, "n", m{"ingress": l{
			m{"ruleNo": 100.0, "action": "allow", "protocol": "-1", "fromPort": 0.0, "toPort": 0.0, "cidrBlock": "0.0.0.0/0"}}})}, Fail},
		{"EC2.21", "default NACL unmanaged", []resource.Record{vpc}, Fail},
		{"EC2.25", "no public IP", []resource.Record{goodLT}, Pass},
		{"EC2.25", "public IP", []resource.Record{badLT}, Fail},
		{"EC2.170", "IMDSv2", []resource.Record{goodLT}, Pass},
		{"EC2.170", "IMDSv1", []resource.Record{badLT}, Fail},

		{"ElastiCache.1", "snapshots", []resource.Record{r(typeReplicationGroup, "c", m{"snapshotRetentionLimit": 1.0})}, Pass},
		{"ElastiCache.1", "none", []resource.Record{r(typeReplicationGroup, "c", m{})}, Fail},
		{"ElastiCache.2", "on", []resource.Record{r(typeReplicationGroup, "c", m{"autoMinorVersionUpgrade": true})}, Pass},
		{"ElastiCache.2", "off", []resource.Record{r(typeReplicationGroup, "c", m{"autoMinorVersionUpgrade": false})}, Fail},
		{"ElastiCache.3", "failover", []resource.Record{r(typeReplicationGroup, "c", m{"automaticFailoverEnabled": true})}, Pass},
		{"ElastiCache.3", "none", []resource.Record{r(typeReplicationGroup, "c", m{})}, Fail},
		{"ElastiCache.4", "at rest", []resource.Record{r(typeReplicationGroup, "c", m{"atRestEncryptionEnabled": true})}, Pass},
		{"ElastiCache.4", "plain", []resource.Record{r(typeReplicationGroup, "c", m{})}, Fail},
		{"ElastiCache.5", "TLS", []resource.Record{r(typeReplicationGroup, "c", m{"transitEncryptionEnabled": true})}, Pass},
		{"ElastiCache.5", "plain", []resource.Record{r(typeReplicationGroup, "c", m{})}, Fail},
		{"ElastiCache.6", "Valkey 8", []resource.Record{r(typeReplicationGroup, "c", m{"engine": "valkey", "engineVersion": "8.0"})}, NotApplicable},
		{"ElastiCache.6", "Redis 5 with AUTH", []resource.Record{r(typeReplicationGroup, "c", m{"engine": "redis", "engineVersion": "5.0.6", "authToken": nil})}, Pass},
		{"ElastiCache.6", "Redis 5 without", []resource.Record{r(typeReplicationGroup, "c", m{"engine": "redis", "engineVersion": "5.0.6"})}, Fail},
		{"ElastiCache.7", "own subnet group", []resource.Record{r(typeReplicationGroup, "c", m{"subnetGroupName": "g"})}, Pass},
		{"ElastiCache.7", "default", []resource.Record{r(typeReplicationGroup, "c", m{})}, Fail},

		{"ELB.1", "redirect", []resource.Record{r(typeListener, "h", m{"protocol": "HTTP", "port": 80.0, "defaultActions": l{m{"type": "redirect", "redirect": m{"protocol": "HTTPS"}}}})}, Pass},
		{"ELB.1", "forward", []resource.Record{r(typeListener, "h", m{"protocol": "HTTP", "port": 80.0, "defaultActions": l{m{"type": "forward"}}})}, Fail},
		{"ELB.4", "drops", []resource.Record{goodALB}, Pass},
		{"ELB.4", "keeps", []resource.Record{badALB}, Fail},
		{"ELB.4", "network load balancer", []resource.Record{r(typeLB, "nlb", m{"loadBalancerType": "network"})}, NotApplicable},
		{"ELB.5", "logs", []resource.Record{goodALB}, Pass},
		{"ELB.5", "no logs", []resource.Record{badALB}, Fail},
		{"ELB.6", "protected", []resource.Record{goodALB}, Pass},
		{"ELB.6", "unprotected", []resource.Record{badALB}, Fail},
		{"ELB.12", "defensive", []resource.Record{goodALB}, Pass},
		{"ELB.12", "monitor", []resource.Record{badALB}, Fail},
		{"ELB.13", "two subnets", []resource.Record{goodALB}, Pass},
		{"ELB.13", "one subnet", []resource.Record{badALB}, Fail},
		{"ELB.16", "web ACL", []resource.Record{goodALB, r(typeWebACLAssoc, "a", m{"resourceArn": "arn:aws:elasticloadbalancing:us-east-1:123456789012:alb"})}, Pass},
		{"ELB.16", "no web ACL", []resource.Record{goodALB}, Fail},
		{"ELB.17", "TLS 1.3 policy", []resource.Record{r(typeListener, "s", m{"protocol": "HTTPS", "sslPolicy": "ELBSecurityPolicy-TLS13-1-2-2021-06"})}, Pass},
		{"ELB.17", "2016 policy", []resource.Record{r(typeListener, "s", m{"protocol": "HTTPS", "sslPolicy": "ELBSecurityPolicy-2016-08"})}, Fail},
		{"ELB.17", "HTTP only", []resource.Record{r(typeListener, "h", m{"protocol": "HTTP"})}, NotApplicable},

		{"IAM.1", "scoped", []resource.Record{r(typeIAMPolicy, "p", m{"policy": policy(`{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}`)})}, Pass},
		{"IAM.1", "admin", []resource.Record{r(typeIAMPolicy, "p", m{"policy": policy(`{"Effect":"Allow","Action":"*","Resource":"*"}`)})}, Fail},
		{"KMS.1", "scoped decrypt", []resource.Record{r(typeIAMPolicy, "p", m{"policy": policy(`{"Effect":"Allow","Action":"kms:Decrypt","Resource":"arn:key"}`)})}, Pass},
		{"KMS.1", "decrypt everything", []resource.Record{r(typeIAMPolicy, "p", m{"policy": policy(`{"Effect":"Allow","Action":["kms:Decrypt"],"Resource":"*"}`)})}, Fail},
		{"KMS.2", "no KMS", []resource.Record{r(typeIAMRolePolicy, "p", m{"policy": policy(`{"Effect":"Allow","Action":"ssm:GetParameter","Resource":"*"}`)})}, Pass},
		{"KMS.2", "kms:*", []resource.Record{r(typeIAMRolePolicy, "p", m{"policy": policy(`{"Effect":"Allow","Action":"kms:*","Resource":"*"}`)})}, Fail},
		{"KMS.3", "30-day window", []resource.Record{r(typeKMSKey, "k", m{"deletionWindowInDays": 30.0})}, Pass},
		{"KMS.3", "too short a window", []resource.Record{r(typeKMSKey, "k", m{"deletionWindowInDays": 3.0})}, Fail},

		{"RDS.2", "private", []resource.Record{goodDB}, Pass},
		{"RDS.2", "public", []resource.Record{badDB}, Fail},
		{"RDS.3", "encrypted", []resource.Record{goodDB}, Pass},
		{"RDS.3", "plain", []resource.Record{badDB}, Fail},
		{"RDS.5", "Multi-AZ", []resource.Record{goodDB}, Pass},
		{"RDS.5", "Single-AZ", []resource.Record{badDB}, Fail},
		{"RDS.5", "a replica", []resource.Record{goodDB, r(typeRDSInstance, "rep", m{"replicateSourceDb": "db"})}, Pass},
		{"RDS.6", "enhanced monitoring", []resource.Record{goodDB}, Pass},
		{"RDS.6", "none", []resource.Record{badDB}, Fail},
		{"RDS.8", "protected", []resource.Record{goodDB}, Pass},
		{"RDS.8", "unprotected", []resource.Record{badDB}, Fail},
		{"RDS.9", "both logs", []resource.Record{goodDB}, Pass},
		{"RDS.9", "no upgrade log", []resource.Record{badDB}, Fail},
		{"RDS.10", "IAM auth", []resource.Record{goodDB}, Pass},
		{"RDS.10", "none", []resource.Record{badDB}, Fail},
		{"RDS.11", "7 days", []resource.Record{goodDB}, Pass},
		{"RDS.11", "1 day", []resource.Record{badDB}, Fail},
		{"RDS.13", "default on", []resource.Record{goodDB}, Pass},
		{"RDS.13", "off", []resource.Record{badDB}, Fail},
		{"RDS.17", "copies tags", []resource.Record{goodDB}, Pass},
		{"RDS.17", "does not", []resource.Record{badDB}, Fail},
		{"RDS.18", "subnet group", []resource.Record{goodDB}, Pass},
		{"RDS.18", "none", []resource.Record{badDB}, Fail},
		{"RDS.20", "instance events", []resource.Record{goodDB, r(typeEventSub, "e", m{"sourceType": "db-instance", "eventCategories": l{"maintenance", "configuration change", "failure"}})}, Pass},
		{"RDS.20", "missing failure", []resource.Record{goodDB, r(typeEventSub, "e", m{"sourceType": "db-instance", "eventCategories": l{"maintenance"}})}, Fail},
		{"RDS.20", "no subscription", []resource.Record{goodDB}, Fail},
		{"RDS.21", "parameter group events", []resource.Record{goodDB, r(typeEventSub, "e", m{"sourceType": "db-parameter-group", "eventCategories": l{"configuration change"}})}, Pass},
		{"RDS.21", "no subscription", []resource.Record{goodDB}, Fail},
		{"RDS.22", "every category", []resource.Record{goodDB, r(typeEventSub, "e", m{"sourceType": "db-security-group"})}, Pass},
		{"RDS.22", "no subscription", []resource.Record{goodDB}, Fail},
		{"RDS.23", "5433", []resource.Record{goodDB}, Pass},
		{"RDS.23", "default port", []resource.Record{badDB}, Fail},
		{"RDS.25", "custom", []resource.Record{goodDB}, Pass},
		{"RDS.25", "postgres", []resource.Record{badDB}, Fail},

		{"S3.2", "blocked", []resource.Record{bucket, r(typeBucketPAB, "pab", m{"bucket": "b_id", "blockPublicAcls": true, "blockPublicPolicy": true, "ignorePublicAcls": true, "restrictPublicBuckets": true})}, Pass},
		{"S3.2", "not blocked", []resource.Record{bucket}, Fail},
		{"S3.3", "blocked", []resource.Record{bucket, r(typeBucketPAB, "pab", m{"bucket": "b_id", "blockPublicAcls": true, "blockPublicPolicy": true, "ignorePublicAcls": true, "restrictPublicBuckets": true})}, Pass},
		{"S3.3", "partly blocked", []resource.Record{bucket, r(typeBucketPAB, "pab", m{"bucket": "b_id", "blockPublicAcls": true})}, Fail},
		{"S3.4", "configured", []resource.Record{bucket, r(typeBucketSSE, "sse", m{"bucket": "b_id"})}, Pass},
		{"S3.5", "TLS only", []resource.Record{bucket, r(typeBucketPolicy, "p", m{"bucket": "b_id", "policy": policy(oacAllow, tlsDeny)})}, Pass},
		{"S3.5", "no deny", []resource.Record{bucket, r(typeBucketPolicy, "p", m{"bucket": "b_id", "policy": policy(oacAllow)})}, Fail},
		{"S3.6", "service principal", []resource.Record{bucket, r(typeBucketPolicy, "p", m{"bucket": "b_id", "policy": policy(oacAllow)})}, Pass},
		{"S3.6", "another account may rewrite the policy", []resource.Record{bucket, r(typeBucketPolicy, "p", m{"bucket": "b_id", "policy": policy(crossAcct)})}, Fail},
		{"S3.8", "blocked", []resource.Record{bucket, r(typeBucketPAB, "pab", m{"bucket": "b_id", "blockPublicAcls": true, "blockPublicPolicy": true, "ignorePublicAcls": true, "restrictPublicBuckets": true})}, Pass},
		{"S3.8", "not blocked", []resource.Record{bucket}, Fail},
		{"S3.9", "logs", []resource.Record{bucket, r(typeBucketLogging, "lg", m{"bucket": "b_id", "targetBucket": "logs"})}, Pass},
		{"S3.9", "no logs", []resource.Record{bucket}, Fail},
		// The bucket another bucket's server access logs go to: AWS says a
		// target logging bucket need not log, and to suppress its finding.
		{"S3.9", "the target of another bucket's access logs", []resource.Record{r(typeBucketV2, "logs", m{}),
			r(typeBucketLogging, "lg", m{"bucket": "elsewhere_id", "targetBucket": "logs"})}, NotApplicable},
		{"S3.9", "the target of access logs by its id", []resource.Record{r(typeBucketV2, "logs", m{}),
			r(typeBucketV2, "src", m{"logging": m{"targetBucket": "logs_id"}})}, Pass},
		{"S3.10", "versioned with lifecycle", []resource.Record{bucket, r(typeBucketVersioning, "v", m{"bucket": "b_id", "versioningConfiguration": m{"status": "Enabled"}}), r(typeBucketLifecycle, "lc", m{"bucket": "b_id"})}, Pass},
		{"S3.10", "versioned without", []resource.Record{bucket, r(typeBucketVersioning, "v", m{"bucket": "b_id", "versioningConfiguration": m{"status": "Enabled"}})}, Fail},
		{"S3.10", "not versioned", []resource.Record{bucket}, NotApplicable},
		{"S3.11", "EventBridge", []resource.Record{bucket, r(typeBucketNotify, "n", m{"bucket": "b_id", "eventbridge": true})}, Pass},
		{"S3.11", "none", []resource.Record{bucket}, Fail},
		{"S3.12", "ACLs off", []resource.Record{bucket, r(typeBucketOwnership, "o", m{"bucket": "b_id", "rule": m{"objectOwnership": "BucketOwnerEnforced"}})}, Pass},
		{"S3.12", "ACLs on", []resource.Record{bucket, r(typeBucketOwnership, "o", m{"bucket": "b_id", "rule": m{"objectOwnership": "ObjectWriter"}})}, Fail},
		{"S3.13", "lifecycle", []resource.Record{bucket, r(typeBucketLifecycle, "lc", m{"bucket": "b_id"})}, Pass},
		{"S3.13", "none", []resource.Record{bucket}, Fail},

		{"SNS.1", "KMS", []resource.Record{r(typeSNSTopic, "t", m{"kmsMasterKeyId": "arn:key"})}, Pass},
		{"SNS.1", "plain", []resource.Record{r(typeSNSTopic, "t", m{})}, Fail},
		{"SNS.2", "delivery logged", []resource.Record{r(typeSNSTopic, "t", m{"httpFailureFeedbackRoleArn": "arn:role"})}, Pass},
		{"SNS.2", "not logged", []resource.Record{r(typeSNSTopic, "t", m{})}, Fail},

		{"SSM.1", "managed", []resource.Record{goodLT, r(typeIAMAttachment, "a", m{"policyArn": "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"})}, Pass},
		{"SSM.1", "no instance profile", []resource.Record{badLT}, Fail},
		{"WAF.10", "a rule", []resource.Record{acl}, Pass},
		{"WAF.10", "no rules", []resource.Record{r(typeWebACL, "acl", m{})}, Fail},
		{"WAF.11", "logging", []resource.Record{acl, r(typeWebACLLogging, "lg", m{"resourceArn": "arn:aws:wafv2:us-east-1:123456789012:acl"})}, Pass},
		{"WAF.11", "no logging", []resource.Record{acl}, Fail},
		{"WAF.12", "metrics", []resource.Record{acl}, Pass},
		{"WAF.12", "a rule without metrics", []resource.Record{r(typeWebACL, "acl", m{"rules": l{m{"name": "r", "visibilityConfig": m{}}}})}, Fail},
	}
	covered := map[string]map[Status]bool{}
	for _, tt := range tests {
		t.Run(tt.control+"/"+tt.name, func(t *testing.T) {
			rep := Run(tt.recs)
			for _, res := range rep.Results {
				if res.ID != tt.control {
					continue
				}
				if res.Status != tt.want {
					t.Errorf("%s = %s, want %s; findings %+v", tt.control, res.Status, tt.want, res.Findings)
				}
				if covered[tt.control] == nil {
					covered[tt.control] = map[Status]bool{}
				}
				covered[tt.control][res.Status] = true
				return
			}
			t.Fatalf("control %s not evaluated", tt.control)
		})
	}
	// Every control has a passing and a failing case (S3.4 cannot fail:
	// S3 encrypts every new object since January 2023).
	for _, id := range ControlIDs() {
		if !covered[id][Pass] || !covered[id][Fail] && id != "S3.4" {
			t.Errorf("%s: cases cover %v; want a pass and a fail", id, covered[id])
		}
	}
}

// tiercostProvider is the provider record of one of our stacks.
func tiercostProvider(tier string) resource.Record {
	return r("pulumi:providers:aws", "aws", m{"region": "us-east-1", "defaultTags": m{"tags": m{"Project": "tiercost", "Tier": tier}}})
}

// TestExceptions: a priced setting left off is an exception only at the
// tiers docs/security.md lists it for, only in our own stacks; the domain
// exception ends when any certificate exists; the log-bucket findings are
// exceptions for any stack, and only for the log destination.
func TestExceptions(t *testing.T) {
	status := func(recs []resource.Record, control string) (Status, string) {
		for _, res := range Run(recs).Results {
			if res.ID == control {
				for _, f := range res.Findings {
					if f.Status == Exception || f.Status == Fail {
						return f.Status, f.Exception
					}
				}
				return res.Status, ""
			}
		}
		return "", ""
	}
	withWAFGap := []resource.Record{badALB}
	tests := []struct {
		name          string
		recs          []resource.Record
		control       string
		want          Status
		wantException string
	}{
		{"WAF off at 10k", append(withWAFGap, tiercostProvider("10k")), "ELB.16", Exception, "waf"},
		{"WAF off at 100k", append(withWAFGap, tiercostProvider("100k")), "ELB.16", Fail, ""},
		{"WAF off in a stack not ours", withWAFGap, "ELB.16", Fail, ""},
		// A stack export keeps no provider; the platform's outputs name the tier.
		{"WAF off in an exported 10k stack", append(withWAFGap, resource.Record{Type: PlatformType, Name: "tc", Component: true,
			Outputs: m{"tier": "10k"}}), "ELB.16", Exception, "waf"},
		{"Single-AZ at 1k", []resource.Record{badDB, tiercostProvider("1k")}, "RDS.5", Exception, "multi-az"},
		{"Single-AZ at 1m", []resource.Record{badDB, tiercostProvider("1m")}, "RDS.5", Fail, ""},
		{"HTTP without any certificate at 10k", []resource.Record{tiercostProvider("10k"),
			r(typeListener, "h", m{"protocol": "HTTP", "defaultActions": l{m{"type": "forward"}}})}, "ELB.1", Exception, "domain"},
		// From 100k the tier builds HTTPS on a domain: no exception.
		{"HTTP without any certificate at 1m", []resource.Record{tiercostProvider("1m"),
			r(typeListener, "h", m{"protocol": "HTTP", "defaultActions": l{m{"type": "forward"}}})}, "ELB.1", Fail, ""},
		{"CloudFront on its default certificate at 100k", []resource.Record{tiercostProvider("100k"),
			r(typeDistribution, "cdn", m{"viewerCertificate": m{"cloudfrontDefaultCertificate": true}})}, "CloudFront.7", Fail, ""},
		{"HTTP beside an HTTPS listener", []resource.Record{tiercostProvider("1m"),
			r(typeListener, "h", m{"protocol": "HTTP", "defaultActions": l{m{"type": "forward"}}}),
			r(typeListener, "s", m{"protocol": "HTTPS", "sslPolicy": "ELBSecurityPolicy-TLS13-1-2-2021-06"})}, "ELB.1", Fail, ""},
		// A bucket that holds only ALB logs is no S3 access-log target, so
		// AWS's S3.9 text does not cover it: a documented exception.
		{"the ALB log destination does not log itself", []resource.Record{r(typeBucketV2, "logs", m{}),
			r(typeLB, "alb", m{"loadBalancerType": "application", "accessLogs": m{"enabled": true, "bucket": "logs_id"}})}, "S3.9", Exception, "log-bucket-logging"},
		{"any other bucket must log", []resource.Record{bucket}, "S3.9", Fail, ""},
		{"CloudFront's log bucket keeps ACLs", []resource.Record{r(typeBucketV2, "logs", m{}),
			r(typeBucketOwnership, "o", m{"bucket": "logs_id", "rule": m{"objectOwnership": "BucketOwnerPreferred"}}), goodDist}, "S3.12", Exception, "cloudfront-log-acl"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st, ex := status(tt.recs, tt.control)
			if st != tt.want || ex != tt.wantException {
				t.Errorf("%s: %s [%s], want %s [%s]", tt.control, st, ex, tt.want, tt.wantException)
			}
		})
	}
}

// TestReport: the summary counts controls by outcome and Failed follows
// undocumented failures only.
func TestReport(t *testing.T) {
	rep := Run([]resource.Record{badALB})
	if !rep.Failed() || rep.Summary.Total != len(Controls()) ||
		rep.Summary.Pass+rep.Summary.Fail+rep.Summary.Exception+rep.Summary.NotApplicable != rep.Summary.Total {
		t.Errorf("summary %+v", rep.Summary)
	}
	if rep := Run(nil); rep.Failed() || rep.Summary.NotApplicable != rep.Summary.Total {
		t.Errorf("empty stack: %+v", rep.Summary)
	}
	ids := ControlIDs()
	seen := map[string]bool{}
	for _, id := range ids {
		if seen[id] {
			t.Errorf("control %s listed twice", id)
		}
		seen[id] = true
	}
	exc := map[string]bool{}
	for _, e := range Exceptions() {
		for _, c := range e.Controls {
			if !seen[c] {
				t.Errorf("exception %s names %s, which is not evaluated", e.ID, c)
			}
		}
		if exc[e.ID] || e.Reason == "" || e.Setting == "" {
			t.Errorf("exception %s: duplicate or undocumented", e.ID)
		}
		exc[e.ID] = true
	}
}
