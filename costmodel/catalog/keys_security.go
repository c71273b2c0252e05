package catalog

// Service codes of the security, DNS and messaging services, as in the
// Price List.
const (
	ServiceWAF            = "awswaf"
	ServiceSNS            = "AmazonSNS"
	ServiceKMS            = "awskms"
	ServiceRoute53        = "AmazonRoute53"
	ServiceSecretsManager = "AWSSecretsManager"
)

// WAFWebACL is one AWS WAF web ACL per month.
func WAFWebACL(region string) ProductKey { return Key(ServiceWAF, "waf-web-acl", region) }

// WAFRule is one rule (a managed rule group reference counts as one) in a
// web ACL per month.
func WAFRule(region string) ProductKey { return Key(ServiceWAF, "waf-rule", region) }

// WAFRequests is one request a web ACL inspects.
func WAFRequests(region string) ProductKey { return Key(ServiceWAF, "waf-requests", region) }

// SNSRequests is one SNS API request (publish), tiered: the first million
// a month are free.
func SNSRequests(region string) ProductKey { return Key(ServiceSNS, "sns-requests", region) }

// SNSNotifications is one notification delivered over a protocol
// (email), tiered.
func SNSNotifications(region, protocol string) ProductKey {
	return Key(ServiceSNS, "sns-notifications", region, "protocol", protocol)
}

// KMSKey is one customer managed KMS key per month.
func KMSKey(region string) ProductKey { return Key(ServiceKMS, "kms-key", region) }

// KMSRequests is one symmetric KMS API request.
func KMSRequests(region string) ProductKey { return Key(ServiceKMS, "kms-requests", region) }

// Route53Zone is one hosted zone per month (the first 25 of an account).
// Route 53 keys use "global" as their region.
func Route53Zone() ProductKey { return Key(ServiceRoute53, "r53-zone", "global") }

// Route53Queries is one standard query, tiered.
func Route53Queries() ProductKey { return Key(ServiceRoute53, "r53-queries", "global") }

// SecretsManagerSecret is one secret per month.
func SecretsManagerSecret(region string) ProductKey {
	return Key(ServiceSecretsManager, "secret", region)
}

// SecretsManagerRequests is one Secrets Manager API request.
func SecretsManagerRequests(region string) ProductKey {
	return Key(ServiceSecretsManager, "secret-requests", region)
}

// VPCEndpointHours is an interface endpoint's hour in one AZ.
func VPCEndpointHours(region string) ProductKey { return Key(ServiceVPC, "vpce-hours", region) }

// VPCEndpointBytes is data an interface endpoint processes per GB, tiered.
func VPCEndpointBytes(region string) ProductKey { return Key(ServiceVPC, "vpce-bytes", region) }
