package components

import (
	"encoding/json"
	"reflect"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/tiercost/tiercost/components/spec"
)

// reg is one registration seen by the mock monitor.
type reg struct {
	Type, Name, URN, Parent, Provider string
	Custom                            bool
	Inputs                            map[string]any
}

// get, str, num and has read an input path such as "metadataOptions.httpTokens".
func (r reg) get(path string) any {
	var v any = r.Inputs
	for _, k := range strings.Split(path, ".") {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[k]
	}
	return v
}
func (r reg) str(path string) string { s, _ := r.get(path).(string); return s }
func (r reg) num(path string) float64 {
	n, _ := r.get(path).(float64)
	return n
}
func (r reg) has(path string) bool { return r.get(path) != nil }

type regs []reg

func (rs regs) ofType(typ string) regs {
	var out regs
	for _, r := range rs {
		if r.Type == typ {
			out = append(out, r)
		}
	}
	return out
}

func (rs regs) named(name string) reg {
	for _, r := range rs {
		if r.Name == name {
			return r
		}
	}
	return reg{}
}

func (rs regs) counts() map[string]int {
	c := map[string]int{}
	for _, r := range rs {
		c[r.Type]++
	}
	return c
}

// recorder is a minimal mock: it echoes inputs and invents the outputs
// that dependents read.
type recorder struct {
	mu   sync.Mutex
	regs regs
}

func (m *recorder) NewResource(a pulumi.MockResourceArgs) (string, resource.PropertyMap, error) {
	parent := a.RegisterRPC.GetParent()
	urn := a.TypeToken
	if p := resource.URN(parent); p != "" && p.QualifiedType() != resource.RootStackType {
		urn = string(p.QualifiedType()) + "$" + a.TypeToken
	}
	m.mu.Lock()
	m.regs = append(m.regs, reg{
		Type: a.TypeToken, Name: a.Name, URN: "urn:pulumi:test::tiercost::" + urn + "::" + a.Name,
		Parent: parent, Provider: a.Provider, Custom: a.Custom, Inputs: a.Inputs.Mappable(),
	})
	m.mu.Unlock()
	out := a.Inputs.Copy()
	set := func(k, v string) {
		if _, ok := out[resource.PropertyKey(k)]; !ok {
			out[resource.PropertyKey(k)] = resource.NewStringProperty(v)
		}
	}
	set("arn", "arn:aws:test:us-east-1:123456789012:"+a.Name)
	set("name", a.Name)
	set("identifier", a.Name)
	set("dnsName", a.Name+".elb.example")
	set("arnSuffix", "suffix/"+a.Name)
	set("bucketRegionalDomainName", a.Name+".s3.example")
	set("domainName", a.Name+".cloudfront.example")
	set("endpoint", a.Name+".rds.example:5432")
	set("bucket", a.Name)
	set("bucketDomainName", a.Name+".s3.amazonaws.com")
	set("zoneId", "ZTEST")
	set("defaultNetworkAclId", a.Name+"-acl_id")
	set("keyId", a.Name+"-key")
	switch a.TypeToken {
	case "aws:ec2/launchTemplate:LaunchTemplate":
		out["latestVersion"] = resource.NewNumberProperty(1)
	case "aws:route53/record:Record":
		set("fqdn", out["name"].StringValue())
	case "aws:acm/certificate:Certificate":
		names := []resource.PropertyValue{out["domainName"]}
		if sans := out["subjectAlternativeNames"]; sans.IsArray() {
			names = append(names, sans.ArrayValue()...)
		}
		var dvos []resource.PropertyValue
		for _, n := range names {
			dvos = append(dvos, resource.NewObjectProperty(resource.NewPropertyMapFromMap(map[string]any{
				"domainName": n.StringValue(), "resourceRecordName": "_x." + n.StringValue() + ".",
				"resourceRecordType": "CNAME", "resourceRecordValue": "_y.acm-validations.aws.",
			})))
		}
		out["domainValidationOptions"] = resource.NewArrayProperty(dvos)
	}
	return a.Name + "_id", out, nil
}

func (m *recorder) Call(pulumi.MockCallArgs) (resource.PropertyMap, error) {
	return resource.PropertyMap{}, nil
}

// run executes body under mocks and returns the registrations sorted by URN.
func run(t *testing.T, body func(ctx *pulumi.Context) error) regs {
	t.Helper()
	m := &recorder{}
	if err := pulumi.RunErr(body, pulumi.WithMocks("tiercost", "test", m)); err != nil {
		t.Fatalf("run: %v", err)
	}
	sort.Slice(m.regs, func(i, j int) bool { return m.regs[i].URN < m.regs[j].URN })
	return m.regs
}

// runPlatform builds a platform for s behind an explicit provider.
func runPlatform(t *testing.T, s spec.Spec) regs {
	t.Helper()
	return run(t, func(ctx *pulumi.Context) error {
		p, err := aws.NewProvider(ctx, "aws", &aws.ProviderArgs{Region: pulumi.String(s.Region)})
		if err != nil {
			return err
		}
		_, err = NewPlatform(ctx, s.Name, &PlatformArgs{Spec: s}, pulumi.Providers(p))
		return err
	})
}

func tierSpec(t *testing.T, tier, env string) spec.Spec {
	t.Helper()
	s, err := spec.DefaultSpec(tier)
	if err != nil {
		t.Fatal(err)
	}
	s.Environment = env
	if env == "prod" {
		s.Database.DeletionProtection = true
	}
	return s
}

// TestPlatformTiers checks, per tier, the resource counts and the sized
// inputs. Expected values come from the tier table in spec/tiers.go, worked
// out by hand below each row.
func TestPlatformTiers(t *testing.T) {
	type want struct {
		subnets, nats, routeTables, sgs int
		dbInstances, replicas           int
		asgMin, asgDesired, asgMax      float64
		instanceType                    string
		cache                           bool
		cacheKey                        string
		cacheValue                      float64
		cdn                             bool
		priceClass                      string
		policies, alarms, dashboards    int
		multiAZ                         bool
		total                           int
	}
	tests := []struct {
		tier string
		want want
	}{
		// 1k: 2 AZ -> 4 subnets; single NAT; route tables: 1 public + 2
		// private; SGs: alb, app, db; 1 db, no replicas; 0 alarms.
		// total: 1 provider + 8 components (no CDN, no cache, no WAF, no
		// domain) + 56 custom.
		// custom = network 1 vpc+1 igw+4 subnets+3 rt+4 rta+1 eip+1 nat
		// +default SG+default NACL = 17, lb sg+alb+tg+1 listener = 4,
		// compute sg+role+attach+runtime policy+profile+lt+asg = 7,
		// db sg+subnet group+params+1 instance+monitoring role+attach
		// +2 log groups+3 event subscriptions = 11, observability 1 log
		// group, alerting feedback role+policy+key+alias+topic+policy = 6,
		// logging bucket+sse+pab+ownership+events+lifecycle+policy
		// +flow log group+role+policy+flow log = 11. Base 37 + 2 + 1 + 7
		// + 6 + 11 + 2 components = 66.
		{"1k", want{4, 1, 3, 3, 1, 0, 1, 1, 2, "t4g.small", false, "", 0, false, "", 0, 0, 0, false, 1 + 8 + 17 + 4 + 7 + 11 + 1 + 6 + 11}},
		// 10k: + cache (sg, subnet group, group) + CDN (bucket, sse, pab,
		// ownership, events, lifecycle, access logging, oac, distribution,
		// policy) and their 2 components.
		{"10k", want{4, 1, 3, 4, 1, 0, 2, 2, 4, "t4g.small", true, "numCacheClusters", 1, true, "PriceClass_100", 0, 0, 0, false, 1 + 10 + 17 + 4 + 7 + 11 + 1 + 6 + 11 + 3 + 10}},
		// 100k: 3 AZ -> 6 subnets, 3 NAT + 3 EIP, 4 rt, 6 rta, default SG
		// and NACL, endpoint SG + EC2 endpoint -> network 1+1+6+4+6+3+3+2+2 = 28;
		// db 1 primary + 1 replica (each 2 log groups) -> 3+2+2+4+3 = 14;
		// cache 1+1 replicas = 2 clusters; 2 scaling policies; alarms: 5xx,
		// p95, 1 db cpu, 1 replica lag, 1 cache evictions = 5; WAF: 2
		// components, ALB ACL+log group+logging+association, CDN
		// ACL+log group+logging = 7. HTTPS on the placeholder domain: 2
		// components (Certificates, DNS); zone, one certificate (the ALB's,
		// shared with CloudFront in us-east-1), 2 validation records (site
		// and origin names), validation, the HTTPS listener, 3 alias
		// records (site A and AAAA, origin A) = 9.
		{"100k", want{6, 3, 4, 5, 2, 1, 3, 4, 10, "c7g.large", true, "numCacheClusters", 2, true, "PriceClass_100", 2, 5, 0, true, 1 + 14 + 28 + 4 + 9 + 14 + 3 + 10 + 1 + 5 + 6 + 11 + 7 + 9}},
		// 1m (sharded architecture, 1 shard by default): 1 primary + 2
		// replicas = 3 db instances, 2 replicas, 6 log groups -> db
		// 3+3+2+6+3 = 17; cache cluster mode 3 node groups (+ parameter
		// group); alarms core: 2 + 1 db cpu + 2 lag + 3 evictions = 8;
		// extended: 1 storage + app cpu + unhealthy + 3 cache cpu = 6;
		// total 14. The domain's 2 components and 9 resources as at 100k.
		{"1m", want{6, 3, 4, 5, 3, 2, 6, 9, 24, "c7g.large", true, "numNodeGroups", 3, true, "PriceClass_100", 2, 14, 1, true, 1 + 14 + 28 + 4 + 9 + 17 + 4 + 10 + 1 + 14 + 1 + 6 + 11 + 7 + 9}},
	}
	for _, tt := range tests {
		t.Run(tt.tier, func(t *testing.T) {
			rs := runPlatform(t, tierSpec(t, tt.tier, ""))
			c := rs.counts()
			w := tt.want
			check := func(what string, got, want any) {
				t.Helper()
				if !reflect.DeepEqual(got, want) {
					t.Errorf("%s = %v, want %v", what, got, want)
				}
			}
			check("total registrations", len(rs), w.total)
			check("subnets", c["aws:ec2/subnet:Subnet"], w.subnets)
			check("NAT gateways", c["aws:ec2/natGateway:NatGateway"], w.nats)
			check("EIPs", c["aws:ec2/eip:Eip"], w.nats)
			check("route tables", c["aws:ec2/routeTable:RouteTable"], w.routeTables)
			check("security groups", c["aws:ec2/securityGroup:SecurityGroup"], w.sgs)
			check("db instances", c["aws:rds/instance:Instance"], w.dbInstances)
			check("scaling policies", c["aws:autoscaling/policy:Policy"], w.policies)
			check("alarms", c["aws:cloudwatch/metricAlarm:MetricAlarm"], w.alarms)
			check("dashboards", c["aws:cloudwatch/dashboard:Dashboard"], w.dashboards)
			check("cache groups", c["aws:elasticache/replicationGroup:ReplicationGroup"] == 1, w.cache)
			check("distributions", c["aws:cloudfront/distribution:Distribution"] == 1, w.cdn)

			replicas := 0
			for _, db := range rs.ofType("aws:rds/instance:Instance") {
				if db.has("replicateSourceDb") {
					replicas++
					continue
				}
				check(db.Name+" multiAz", db.get("multiAz"), w.multiAZ)
			}
			check("replicas", replicas, w.replicas)

			asg := rs.ofType("aws:autoscaling/group:Group")[0]
			check("asg min", asg.num("minSize"), w.asgMin)
			check("asg desired", asg.num("desiredCapacity"), w.asgDesired)
			check("asg max", asg.num("maxSize"), w.asgMax)
			check("instance type", rs.ofType("aws:ec2/launchTemplate:LaunchTemplate")[0].str("instanceType"), w.instanceType)
			if w.cache {
				check("cache "+w.cacheKey, rs.ofType("aws:elasticache/replicationGroup:ReplicationGroup")[0].num(w.cacheKey), w.cacheValue)
			}
			if w.cdn {
				check("price class", rs.ofType("aws:cloudfront/distribution:Distribution")[0].str("priceClass"), w.priceClass)
			}
		})
	}
}

// TestPlatformParenting checks every AWS resource has a component parent,
// every component but Platform has Platform as parent, and every AWS
// resource uses the explicit provider.
func TestPlatformParenting(t *testing.T) {
	for _, tier := range spec.Tiers {
		t.Run(tier, func(t *testing.T) {
			rs := runPlatform(t, tierSpec(t, tier, ""))
			urns := map[string]reg{}
			for _, r := range rs {
				urns[r.URN] = r
			}
			for _, r := range rs {
				switch {
				case r.Type == "pulumi:providers:aws":
				case r.Type == "tiercost:index:Platform":
					if !strings.HasSuffix(r.Parent, "::pulumi:pulumi:Stack::tiercost-test") {
						t.Errorf("platform parent = %q, want the stack", r.Parent)
					}
				case !r.Custom:
					if p := urns[r.Parent]; p.Type != "tiercost:index:Platform" {
						t.Errorf("component %s %s: parent %q is not the platform", r.Type, r.Name, r.Parent)
					}
				default:
					p, ok := urns[r.Parent]
					if !ok || p.Custom || !strings.HasPrefix(p.Type, "tiercost:index:") || p.Type == "tiercost:index:Platform" {
						t.Errorf("%s %s: parent %q is not a component below the platform", r.Type, r.Name, r.Parent)
					}
					if !strings.HasPrefix(r.Provider, "urn:pulumi:test::tiercost::pulumi:providers:aws::aws::") {
						t.Errorf("%s %s: provider %q, want the explicit aws provider", r.Type, r.Name, r.Provider)
					}
				}
			}
		})
	}
}

// TestSecurityDefaults checks the secure defaults on every tier, with and
// without a certificate, and for prod. From 100k the tier builds HTTPS on
// its (placeholder) domain; below, only a certificate turns it on.
func TestSecurityDefaults(t *testing.T) {
	for _, tier := range spec.Tiers {
		for _, env := range []string{"", "prod"} {
			t.Run(tier+"/"+env, func(t *testing.T) {
				s := tierSpec(t, tier, env)
				if env == "prod" {
					s.LoadBalancer.CertificateARN = "arn:aws:acm:us-east-1:123456789012:certificate/abc"
				}
				rs := runPlatform(t, s)
				checkSecurity(t, rs, env == "prod" || tier == "100k" || tier == "1m")
			})
		}
	}
}

func checkSecurity(t *testing.T, rs regs, wantHTTPS bool) {
	t.Helper()
	// No password input anywhere, at any depth.
	for _, r := range rs {
		b, _ := json.Marshal(r.Inputs)
		if strings.Contains(strings.ToLower(string(b)), `"password"`) {
			t.Errorf("%s %s has a password input", r.Type, r.Name)
		}
	}
	sgName := map[string]string{} // sg id -> logical name
	for _, sg := range rs.ofType("aws:ec2/securityGroup:SecurityGroup") {
		sgName[sg.Name+"_id"] = sg.Name
	}
	for _, sg := range rs.ofType("aws:ec2/securityGroup:SecurityGroup") {
		ingress, _ := sg.get("ingress").([]any)
		if len(ingress) == 0 {
			t.Errorf("%s: no ingress rules", sg.Name)
		}
		for _, x := range ingress {
			rule := x.(map[string]any)
			port := rule["fromPort"].(float64)
			cidrs, _ := rule["cidrBlocks"].([]any)
			srcs, _ := rule["securityGroups"].([]any)
			var from []string
			for _, s := range srcs {
				from = append(from, sgName[s.(string)])
			}
			switch {
			case strings.HasSuffix(sg.Name, "-alb-sg"):
				if (port != 80 && port != 443) || rule["toPort"].(float64) != port || len(cidrs) != 1 || cidrs[0] != "0.0.0.0/0" {
					t.Errorf("%s: rule %v; want only 80/443 from 0.0.0.0/0", sg.Name, rule)
				}
			case strings.HasSuffix(sg.Name, "-app-sg"):
				if port != 8080 || len(cidrs) != 0 || len(from) != 1 || !strings.HasSuffix(from[0], "-alb-sg") {
					t.Errorf("%s: rule %v; want 8080 from the ALB SG only", sg.Name, rule)
				}
			case strings.HasSuffix(sg.Name, "-db-sg"):
				if port != 5433 || len(cidrs) != 0 || len(from) != 1 || !strings.HasSuffix(from[0], "-app-sg") {
					t.Errorf("%s: rule %v; want 5433 from the app SG only", sg.Name, rule)
				}
			case strings.HasSuffix(sg.Name, "-endpoints-sg"):
				if port != 443 || len(cidrs) != 1 || cidrs[0] != "10.0.0.0/16" || len(from) != 0 {
					t.Errorf("%s: rule %v; want 443 from the VPC only", sg.Name, rule)
				}
			case strings.HasSuffix(sg.Name, "-cache-sg"):
				if port != 6379 || len(cidrs) != 0 || len(from) != 1 || !strings.HasSuffix(from[0], "-app-sg") {
					t.Errorf("%s: rule %v; want 6379 from the app SG only", sg.Name, rule)
				}
			default:
				t.Errorf("unexpected security group %s", sg.Name)
			}
		}
	}
	privateIDs := map[string]bool{}
	for _, sn := range rs.ofType("aws:ec2/subnet:Subnet") {
		if sn.get("mapPublicIpOnLaunch") != false {
			t.Errorf("%s: mapPublicIpOnLaunch must be false", sn.Name)
		}
		if strings.Contains(sn.Name, "-private-") {
			privateIDs[sn.Name+"_id"] = true
		}
	}
	onlyPrivate := func(what string, ids any) {
		l, _ := ids.([]any)
		if len(l) == 0 {
			t.Errorf("%s: no subnets", what)
		}
		for _, id := range l {
			if !privateIDs[id.(string)] {
				t.Errorf("%s: subnet %v is not private", what, id)
			}
		}
	}
	for _, g := range rs.ofType("aws:rds/subnetGroup:SubnetGroup") {
		onlyPrivate(g.Name, g.get("subnetIds"))
	}
	for _, g := range rs.ofType("aws:elasticache/subnetGroup:SubnetGroup") {
		onlyPrivate(g.Name, g.get("subnetIds"))
	}
	for _, g := range rs.ofType("aws:autoscaling/group:Group") {
		onlyPrivate(g.Name, g.get("vpcZoneIdentifiers"))
	}
	for _, db := range rs.ofType("aws:rds/instance:Instance") {
		if db.get("storageEncrypted") != true || db.get("publiclyAccessible") != false {
			t.Errorf("%s: storageEncrypted=%v publiclyAccessible=%v", db.Name, db.get("storageEncrypted"), db.get("publiclyAccessible"))
		}
		if db.str("parameterGroupName") == "" {
			t.Errorf("%s: no parameter group (force_ssl)", db.Name)
		}
		if !db.has("replicateSourceDb") {
			if db.get("manageMasterUserPassword") != true {
				t.Errorf("%s: manageMasterUserPassword must be true", db.Name)
			}
			// Every primary holds data: protected and snapshotted on delete
			// in every environment.
			if db.get("deletionProtection") != true || db.get("skipFinalSnapshot") != false {
				t.Errorf("%s: deletionProtection=%v skipFinalSnapshot=%v", db.Name, db.get("deletionProtection"), db.get("skipFinalSnapshot"))
			}
		}
	}
	for _, pg := range rs.ofType("aws:rds/parameterGroup:ParameterGroup") {
		params, _ := pg.get("parameters").([]any)
		ok := false
		for _, p := range params {
			m := p.(map[string]any)
			ok = ok || (m["name"] == "rds.force_ssl" && m["value"] == "1")
		}
		if !ok {
			t.Errorf("%s: rds.force_ssl=1 missing", pg.Name)
		}
	}
	for _, rg := range rs.ofType("aws:elasticache/replicationGroup:ReplicationGroup") {
		if rg.get("atRestEncryptionEnabled") != true || rg.get("transitEncryptionEnabled") != true {
			t.Errorf("%s: cache must be encrypted at rest and in transit", rg.Name)
		}
	}
	for _, b := range rs.ofType("aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2") {
		rules, _ := b.get("rules").([]any)
		if len(rules) != 1 || rules[0].(map[string]any)["applyServerSideEncryptionByDefault"].(map[string]any)["sseAlgorithm"] != "AES256" {
			t.Errorf("%s: want AES256 default encryption, got %v", b.Name, rules)
		}
	}
	for _, b := range rs.ofType("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock") {
		for _, k := range []string{"blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"} {
			if b.get(k) != true {
				t.Errorf("%s: %s must be true", b.Name, k)
			}
		}
	}
	if n, m := len(rs.ofType("aws:s3/bucketV2:BucketV2")), len(rs.ofType("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock")); n != m {
		t.Errorf("%d buckets but %d public access blocks", n, m)
	}
	for _, lt := range rs.ofType("aws:ec2/launchTemplate:LaunchTemplate") {
		if lt.str("metadataOptions.httpTokens") != "required" {
			t.Errorf("%s: IMDSv2 not required", lt.Name)
		}
		bdm := lt.get("blockDeviceMappings").([]any)[0].(map[string]any)["ebs"].(map[string]any)
		if bdm["encrypted"] != "true" {
			t.Errorf("%s: root volume not encrypted", lt.Name)
		}
	}
	https := false
	for _, l := range rs.ofType("aws:lb/listener:Listener") {
		if l.str("protocol") == "HTTPS" {
			https = true
			if l.str("sslPolicy") != TLSPolicy {
				t.Errorf("%s: ssl policy %q", l.Name, l.str("sslPolicy"))
			}
		}
	}
	if wantHTTPS != https {
		t.Errorf("HTTPS listener = %v, want %v (a certificate or a domain)", https, wantHTTPS)
	}
	if wantHTTPS {
		for _, l := range rs.ofType("aws:lb/listener:Listener") {
			if l.str("protocol") == "HTTP" {
				a := l.get("defaultActions").([]any)[0].(map[string]any)
				if a["type"] != "redirect" || a["redirect"].(map[string]any)["statusCode"] != "HTTP_301" || a["redirect"].(map[string]any)["protocol"] != "HTTPS" {
					t.Errorf("%s: HTTP must redirect to HTTPS, got %v", l.Name, a)
				}
			}
		}
	}
	for _, alb := range rs.ofType("aws:lb/loadBalancer:LoadBalancer") {
		if alb.get("dropInvalidHeaderFields") != true {
			t.Errorf("%s: dropInvalidHeaderFields must be true", alb.Name)
		}
	}
}

// TestPlatformDeterministic checks two runs register the same resources
// with the same inputs.
func TestPlatformDeterministic(t *testing.T) {
	s := tierSpec(t, "1m", "prod")
	a, _ := json.Marshal(runPlatform(t, s))
	b, _ := json.Marshal(runPlatform(t, s))
	if string(a) != string(b) {
		t.Error("two runs of the same spec differ")
	}
}

func TestPlatformRejectsInvalidSpec(t *testing.T) {
	s := tierSpec(t, "1k", "")
	s.Compute.MinSize = 0
	m := &recorder{}
	err := pulumi.RunErr(func(ctx *pulumi.Context) error {
		_, err := NewPlatform(ctx, "tc", &PlatformArgs{Spec: s})
		return err
	}, pulumi.WithMocks("tiercost", "test", m))
	if err == nil || !strings.Contains(err.Error(), "min_size") {
		t.Fatalf("err = %v, want a min_size error", err)
	}
	if len(m.regs) != 0 {
		t.Errorf("%d resources registered before validation failed", len(m.regs))
	}
}

func TestNamePrefix(t *testing.T) {
	tests := []struct {
		s    spec.Spec
		want string
	}{
		{spec.Spec{Name: "tc", Environment: "prod", Tier: "100k"}, "tc-prod"},
		{spec.Spec{Name: "tc", Tier: "1m"}, "tc-1m"},
	}
	for _, tt := range tests {
		if got := NamePrefix(tt.s); got != tt.want {
			t.Errorf("NamePrefix(%+v) = %q, want %q", tt.s, got, tt.want)
		}
	}
}
