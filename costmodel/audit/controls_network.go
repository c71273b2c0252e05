package audit

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/tiercost/tiercost/costmodel/resource"
)

// highRiskPorts are the ports EC2.19 checks (the Security Hub control's
// list).
var highRiskPorts = []int{20, 21, 22, 23, 25, 110, 135, 143, 445, 1433, 1434, 3000, 3306, 3389, 4333, 5000, 5432, 5500, 5601, 8080, 8088, 8888, 9200, 9300}

// rule is one security-group or network-ACL rule, read from inputs.
type rule struct {
	protocol    string
	from, to    int
	cidrs       []string
	action      string // ACLs: allow or deny
	number      int    // ACLs: rule number
	openToWorld bool
}

func readRules(v []any, acl bool) []rule {
	var out []rule
	for _, x := range v {
		m, ok := x.(map[string]any)
		if !ok {
			continue
		}
		from, _ := number(m["fromPort"])
		to, _ := number(m["toPort"])
		no, _ := number(m["ruleNo"])
		r := rule{protocol: str(m, "protocol"), from: int(from), to: int(to), action: str(m, "action"), number: int(no)}
		r.cidrs = append(stringsOf(m["cidrBlocks"]), stringsOf(m["ipv6CidrBlocks"])...)
		if acl {
			r.cidrs = append(r.cidrs, str(m, "cidrBlock"), str(m, "ipv6CidrBlock"))
		}
		for _, c := range r.cidrs {
			r.openToWorld = r.openToWorld || c == "0.0.0.0/0" || c == "::/0"
		}
		out = append(out, r)
	}
	return out
}

// covers reports whether a rule admits TCP traffic to port.
func (r rule) covers(port int) bool {
	if r.protocol == "-1" || strings.EqualFold(r.protocol, "all") {
		return true
	}
	if r.protocol != "tcp" && r.protocol != "6" {
		return false
	}
	return r.from <= port && port <= r.to
}

// launchSources are the records that define instances: launch templates
// and standalone instances.
func launchSources() []string { return []string{typeLaunchTemplate, typeInstance} }

func ec2Controls() []Control {
	vpcs := []string{typeVpc}
	return []Control{
		{ID: "EC2.2", Title: "VPC default security groups should not allow inbound or outbound traffic", Types: vpcs,
			check: func(s *stack, v *resource.Record) (Status, string) {
				for _, d := range s.pointingAt(v, "vpcId", typeDefaultSG) {
					if len(d.List("ingress")) > 0 || len(d.List("egress")) > 0 {
						return fail("the default security group %s has rules", d.Name)
					}
					return pass("the default security group is managed with no rules (%s)", d.Name)
				}
				return fail("the default security group is not managed; AWS's default admits traffic from its members and all outbound")
			}},
		{ID: "EC2.3", Title: "Attached Amazon EBS volumes should be encrypted at-rest", Types: append(launchSources(), typeEBSVolume),
			check: func(_ *stack, r *resource.Record) (Status, string) {
				if r.Type == typeEBSVolume {
					return verdict(truthy(r.Inputs["encrypted"]), "encrypted", "not encrypted")
				}
				maps := r.List("blockDeviceMappings")
				if r.Type == typeInstance {
					// Every EBS-backed instance has a root volume: without a
					// rootBlockDevice it is unencrypted unless the account's
					// default says otherwise, which the stack cannot show.
					root := r.Map("rootBlockDevice")
					if root == nil {
						root = map[string]any{}
					}
					maps = append(maps, map[string]any{"ebs": root})
				}
				for _, b := range maps {
					m, _ := b.(map[string]any)
					if e := mapAt(m, "ebs"); e != nil && !truthy(e["encrypted"]) {
						return fail("volume %s is not encrypted", orDefault(str(m, "deviceName"), "root"))
					}
				}
				return pass("every volume it attaches is encrypted")
			}},
		{ID: "EC2.6", Title: "VPC flow logging should be enabled in all VPCs", Types: vpcs,
			check: func(s *stack, v *resource.Record) (Status, string) {
				fl := s.pointingAt(v, "vpcId", typeFlowLog)
				if len(fl) == 0 {
					return fail("no flow log records this VPC")
				}
				return pass("flow log %s records %s traffic", fl[0].Name, orDefault(fl[0].String("trafficType"), "ALL"))
			}},
		{ID: "EC2.8", Title: "Amazon EC2 instances should use Instance Metadata Service Version 2 (IMDSv2)", Types: launchSources(),
			check: func(_ *stack, r *resource.Record) (Status, string) {
				t := str(r.Map("metadataOptions"), "httpTokens")
				return verdict(t == "required", "IMDSv2 required for the instances it launches", "IMDSv1 allowed (httpTokens "+orDefault(t, "optional")+")")
			}},
		{ID: "EC2.9", Title: "Amazon EC2 instances should not have a public IPv4 address", Types: launchSources(),
			check: func(_ *stack, r *resource.Record) (Status, string) {
				if truthy(r.Inputs["associatePublicIpAddress"]) {
					return fail("associates a public address")
				}
				for _, n := range r.List("networkInterfaces") {
					if m, ok := n.(map[string]any); ok && truthy(m["associatePublicIpAddress"]) {
						return fail("a network interface gets a public address")
					}
				}
				return pass("no public address")
			}},
		{ID: "EC2.10", Title: "Amazon EC2 should be configured to use VPC endpoints that are created for the Amazon EC2 service", Types: vpcs,
			check: func(s *stack, v *resource.Record) (Status, string) {
				for _, e := range s.pointingAt(v, "vpcId", typeVPCEndpoint) {
					if strings.HasSuffix(e.String("serviceName"), ".ec2") {
						return pass("interface endpoint %s", e.Name)
					}
				}
				return fail("no VPC endpoint for the EC2 API")
			}},
		{ID: "EC2.15", Title: "Amazon EC2 subnets should not automatically assign public IP addresses", Types: []string{typeSubnet},
			check: func(_ *stack, r *resource.Record) (Status, string) {
				return verdict(!truthy(r.Inputs["mapPublicIpOnLaunch"]), "no public address on launch", "maps public addresses on launch")
			}},
		{ID: "EC2.16", Title: "Unused Network Access Control Lists should be removed", Types: []string{typeNetworkACL, typeDefaultNACL},
			check: func(_ *stack, r *resource.Record) (Status, string) {
				n := len(r.List("subnetIds"))
				return verdict(n > 0, fmt.Sprintf("used by %d subnets", n), "associated with no subnet")
			}},
		{ID: "EC2.17", Title: "Amazon EC2 instances should not use multiple ENIs", Types: launchSources(),
			check: func(_ *stack, r *resource.Record) (Status, string) {
				n := len(r.List("networkInterfaces"))
				return verdict(n <= 1, fmt.Sprintf("%d network interface(s) declared", n), fmt.Sprintf("%d network interfaces", n))
			}},
		{ID: "EC2.18", Title: "Security groups should only allow unrestricted incoming traffic for authorized ports", Types: []string{typeSecurityGroup},
			check: func(_ *stack, r *resource.Record) (Status, string) {
				for _, ru := range readRules(r.List("ingress"), false) {
					if ru.openToWorld && !(ru.from == ru.to && (ru.from == 80 || ru.from == 443) && ru.protocol == "tcp") {
						return fail("ingress %s %d-%d is open to the internet", ru.protocol, ru.from, ru.to)
					}
				}
				return pass("only 80 and 443 (if any) are open to the internet")
			}},
		{ID: "EC2.19", Title: "Security groups should not allow unrestricted access to ports with high risk", Types: []string{typeSecurityGroup},
			check: func(_ *stack, r *resource.Record) (Status, string) {
				for _, ru := range readRules(r.List("ingress"), false) {
					for _, p := range highRiskPorts {
						if ru.openToWorld && ru.covers(p) {
							return fail("port %d is open to the internet", p)
						}
					}
				}
				return pass("no high-risk port is open to the internet")
			}},
		{ID: "EC2.21", Title: "Network ACLs should not allow ingress from 0.0.0.0/0 to port 22 or port 3389", Types: append(vpcs, typeNetworkACL, typeDefaultNACL),
			check: func(s *stack, r *resource.Record) (Status, string) {
				if r.Type == typeVpc {
					if len(s.pointingAt(r, "vpcId", typeNetworkACL))+len(s.of(typeDefaultNACL)) == 0 {
						return fail("the default network ACL is not managed; AWS's default admits everything")
					}
					return na("judged on the VPC's network ACLs")
				}
				rules := readRules(r.List("ingress"), true)
				for _, port := range []int{22, 3389} {
					// The lowest-numbered matching rule decides.
					var first *rule
					for i := range rules {
						ru := rules[i]
						if ru.openToWorld && ru.covers(port) && (first == nil || ru.number < first.number) {
							first = &rules[i]
						}
					}
					if first != nil && first.action == "allow" {
						return fail("rule %d admits port %d from anywhere", first.number, port)
					}
				}
				return pass("ports 22 and 3389 are refused from anywhere")
			}},
		{ID: "EC2.25", Title: "Amazon EC2 launch templates should not assign public IPs to network interfaces", Types: []string{typeLaunchTemplate},
			check: func(_ *stack, r *resource.Record) (Status, string) {
				for _, n := range r.List("networkInterfaces") {
					if m, ok := n.(map[string]any); ok && truthy(m["associatePublicIpAddress"]) {
						return fail("a network interface gets a public address")
					}
				}
				return pass("no network interface gets a public address")
			}},
		{ID: "EC2.170", Title: "EC2 launch templates should use Instance Metadata Service Version 2 (IMDSv2)", Types: []string{typeLaunchTemplate},
			check: func(_ *stack, r *resource.Record) (Status, string) {
				t := str(r.Map("metadataOptions"), "httpTokens")
				return verdict(t == "required", "httpTokens required", "httpTokens "+orDefault(t, "optional"))
			}},
	}
}

// recommendedTLSPolicies are the ELB security policies ELB.17 accepts (the
// control's default list: TLS 1.3 policies and the FIPS ones).
var recommendedTLSPolicies = []string{
	"ELBSecurityPolicy-TLS13-1-2-2021-06", "ELBSecurityPolicy-TLS13-1-2-Res-2021-06", "ELBSecurityPolicy-TLS13-1-3-2021-06",
	"ELBSecurityPolicy-TLS13-1-2-Ext1-2021-06", "ELBSecurityPolicy-TLS13-1-2-Ext2-2021-06",
	"ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04", "ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04",
	"ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04", "ELBSecurityPolicy-TLS13-1-2-Ext0-FIPS-2023-04",
	"ELBSecurityPolicy-TLS13-1-2-Ext1-FIPS-2023-04", "ELBSecurityPolicy-TLS13-1-2-Ext2-FIPS-2023-04",
}

func isALB(r *resource.Record) bool {
	t := r.String("loadBalancerType")
	return t == "" || t == "application"
}

func elbControls() []Control {
	lbs := []string{typeLB, typeALB}
	listeners := []string{typeListener, typeALBListener}
	albOnly := func(f func(s *stack, r *resource.Record) (Status, string)) func(s *stack, r *resource.Record) (Status, string) {
		return func(s *stack, r *resource.Record) (Status, string) {
			if !isALB(r) {
				return na("not an Application Load Balancer")
			}
			return f(s, r)
		}
	}
	return []Control{
		{ID: "ELB.1", Title: "Application Load Balancer should be configured to redirect all HTTP requests to HTTPS", Types: listeners,
			check: func(_ *stack, l *resource.Record) (Status, string) {
				if l.String("protocol") != "HTTP" {
					return na("%s listener", orDefault(l.String("protocol"), "unspecified"))
				}
				for _, a := range l.List("defaultActions") {
					m, _ := a.(map[string]any)
					if str(m, "type") == "redirect" && str(mapAt(m, "redirect"), "protocol") == "HTTPS" {
						return pass("HTTP:%v redirects to HTTPS", l.Inputs["port"])
					}
				}
				return fail("HTTP:%v serves requests instead of redirecting to HTTPS", l.Inputs["port"])
			}},
		{ID: "ELB.4", Title: "Application Load Balancer should be configured to drop invalid HTTP headers", Types: lbs,
			check: albOnly(func(_ *stack, r *resource.Record) (Status, string) {
				return verdict(truthy(r.Inputs["dropInvalidHeaderFields"]), "drops invalid header fields", "keeps invalid header fields")
			})},
		{ID: "ELB.5", Title: "Application and Classic Load Balancers logging should be enabled", Types: lbs,
			check: albOnly(func(_ *stack, r *resource.Record) (Status, string) {
				a := r.Map("accessLogs")
				return verdict(a != nil && truthy(a["enabled"]) && str(a, "bucket") != "", "access logs to "+str(a, "bucket"), "no access logs")
			})},
		{ID: "ELB.6", Title: "Application, Gateway, and Network Load Balancers should have deletion protection enabled", Types: lbs,
			check: func(_ *stack, r *resource.Record) (Status, string) {
				return verdict(truthy(r.Inputs["enableDeletionProtection"]), "deletion protection on", "deletion protection off")
			}},
		{ID: "ELB.12", Title: "Application Load Balancer should be configured with defensive or strictest desync mitigation mode", Types: lbs,
			check: albOnly(func(_ *stack, r *resource.Record) (Status, string) {
				m := r.String("desyncMitigationMode")
				return verdict(m == "" || m == "defensive" || m == "strictest", "desync mitigation "+orDefault(m, "defensive (default)"), "desync mitigation "+m)
			})},
		{ID: "ELB.13", Title: "Application, Network and Gateway Load Balancers should span multiple Availability Zones", Types: lbs,
			check: func(_ *stack, r *resource.Record) (Status, string) {
				n := max(len(r.List("subnets")), len(r.List("subnetMappings")))
				return verdict(n >= 2, fmt.Sprintf("%d subnets", n), fmt.Sprintf("%d subnet(s)", n))
			}},
		{ID: "ELB.16", Title: "Application Load Balancers should be associated with an AWS WAF web ACL", Types: lbs,
			check: albOnly(func(s *stack, r *resource.Record) (Status, string) {
				a := s.pointingAt(r, "resourceArn", typeWebACLAssoc)
				return verdict(len(a) > 0, "web ACL associated", "no WAF web ACL")
			})},
		{ID: "ELB.17", Title: "Application and Network Load Balancers with listeners should use recommended security policies", Types: listeners,
			check: func(_ *stack, l *resource.Record) (Status, string) {
				p := l.String("protocol")
				if p != "HTTPS" && p != "TLS" {
					return na("%s listener", orDefault(p, "unspecified"))
				}
				pol := l.String("sslPolicy")
				return verdict(contains(recommendedTLSPolicies, pol), "security policy "+pol, "security policy "+orDefault(pol, "default (ELBSecurityPolicy-2016-08)")+" is not a recommended one")
			}},
	}
}

func elasticacheControls() []Control {
	rgs := []string{typeReplicationGroup}
	both := []string{typeReplicationGroup, typeCacheCluster}
	return []Control{
		{ID: "ElastiCache.1", Title: "ElastiCache (Redis OSS) clusters should have automatic backups scheduled", Types: both,
			check: func(_ *stack, r *resource.Record) (Status, string) {
				if e := r.String("engine"); e == "memcached" {
					return na("Memcached keeps no backups")
				}
				n, _ := number(r.Inputs["snapshotRetentionLimit"])
				return verdict(n >= 1, fmt.Sprintf("daily snapshots kept %v day(s)", n), "no automatic backups")
			}},
		{ID: "ElastiCache.2", Title: "ElastiCache clusters should have auto minor version upgrades enabled", Types: both,
			check: func(_ *stack, r *resource.Record) (Status, string) {
				v, set := r.Inputs["autoMinorVersionUpgrade"]
				return verdict(!set || v == nil || truthy(v), "minor upgrades applied automatically", "minor upgrades off")
			}},
		{ID: "ElastiCache.3", Title: "ElastiCache replication groups should have automatic failover enabled", Types: rgs,
			check: func(_ *stack, r *resource.Record) (Status, string) {
				return verdict(truthy(r.Inputs["automaticFailoverEnabled"]), "automatic failover on", "no automatic failover (no replica to fail over to)")
			}},
		{ID: "ElastiCache.4", Title: "ElastiCache replication groups should be encrypted at rest", Types: rgs,
			check: func(_ *stack, r *resource.Record) (Status, string) {
				return verdict(truthy(r.Inputs["atRestEncryptionEnabled"]), "encrypted at rest", "not encrypted at rest")
			}},
		{ID: "ElastiCache.5", Title: "ElastiCache replication groups should be encrypted in transit", Types: rgs,
			check: func(_ *stack, r *resource.Record) (Status, string) {
				return verdict(truthy(r.Inputs["transitEncryptionEnabled"]), "TLS in transit", "no TLS in transit")
			}},
		{ID: "ElastiCache.6", Title: "ElastiCache (Redis OSS) replication groups of earlier versions should have Redis OSS AUTH enabled", Types: rgs,
			check: func(_ *stack, r *resource.Record) (Status, string) {
				major, err := strconv.Atoi(strings.Split(r.String("engineVersion"), ".")[0])
				if r.String("engine") == "valkey" || err != nil || major >= 6 {
					return na("engine %s %s: AUTH is checked below Redis 6 only", orDefault(r.String("engine"), "redis"), r.String("engineVersion"))
				}
				// The token's value is never read or shown, only whether it is set.
				_, set := r.Inputs["authToken"]
				return verdict(set, "AUTH token set", "no AUTH token")
			}},
		{ID: "ElastiCache.7", Title: "ElastiCache clusters should not use the default subnet group", Types: both,
			check: func(_ *stack, r *resource.Record) (Status, string) {
				g := r.String("subnetGroupName")
				return verdict(g != "" && g != "default", "subnet group "+g, "the default subnet group")
			}},
	}
}
