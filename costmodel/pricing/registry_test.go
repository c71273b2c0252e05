package pricing

import (
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/tiercost/tiercost/costmodel/catalog"
	"github.com/tiercost/tiercost/costmodel/money"
	"github.com/tiercost/tiercost/costmodel/resource"
	"github.com/tiercost/tiercost/costmodel/usage"
)

// withTypes registers declarations for one test and restores the registry
// afterwards, so a fake type never leaks into other tests (or the docs).
func withTypes(t *testing.T, decls ...resourceType) {
	t.Helper()
	saved := registry
	registry = saved.clone()
	t.Cleanup(func() { registry = saved })
	for _, d := range decls {
		register(d)
	}
}

// samePrice reports whether two price functions are the same function.
func samePrice(a, b pricerFunc) bool {
	return reflect.ValueOf(a).Pointer() == reflect.ValueOf(b).Pointer()
}

// TestRegistryDerivations: every list the code keys by type token agrees
// with the declarations, and nothing is listed that is not declared.
func TestRegistryDerivations(t *testing.T) {
	supported, free, schema := SupportedTypes(), FreeTypes(), UsageSchema()
	for _, list := range [][]string{supported, free} {
		if !sort.StringsAreSorted(list) {
			t.Errorf("list not sorted: %v", list)
		}
	}
	refs := map[string]bool{}
	declared, aliases := 0, 0
	for _, d := range registry.decls {
		aliases += len(d.Aliases)
		for _, r := range d.References {
			refs[r] = true
		}
		for _, typ := range d.Types {
			declared++
			name, category := ServiceOf(typ)
			_, inSchema := schema[typ]
			switch {
			case d.Free:
				if !isFree(typ) || pricerFor(typ) != nil || !slices.Contains(free, typ) || slices.Contains(supported, typ) ||
					inSchema || name != "" || category != "Other" {
					t.Errorf("free %s: derived lists disagree", typ)
				}
				continue
			case d.Virtual:
				if pricerFor(typ) != nil || slices.Contains(supported, typ) || slices.Contains(free, typ) {
					t.Errorf("virtual %s is dispatched or listed", typ)
				}
			default:
				if p := pricerFor(typ); p == nil || !samePrice(p, d.Price) || !slices.Contains(supported, typ) || isFree(typ) {
					t.Errorf("priced %s: dispatch or SupportedTypes disagree", typ)
				}
			}
			if !inSchema || !reflect.DeepEqual(schema[typ], append([]usage.Key{}, d.Usage...)) {
				t.Errorf("%s: schema keys %v, declared %v", typ, schema[typ], d.Usage)
			}
			if name != d.Service.name || category != d.Service.category {
				t.Errorf("%s: service %q/%q, declared %+v", typ, name, category, d.Service)
			}
		}
	}
	virtual := len(schema) - len(supported) - aliases // a usage file may name an alias
	if declared != len(supported)+len(free)+virtual || virtual != 1 {
		t.Errorf("%d tokens declared, %d supported + %d free + %d virtual", declared, len(supported), len(free), virtual)
	}
	for _, r := range referencedTypes() {
		if !refs[r] || declOf(r) == nil {
			t.Errorf("run indexes %s, which no declaration references or which is not declared", r)
		}
		delete(refs, r)
	}
	if len(refs) != 0 {
		t.Errorf("referenced but not indexed: %v", refs)
	}
	// The schema is the caller's: changing it changes nothing here.
	schema[resource.TypeLoadBalancer][0].Name = "changed"
	if UsageSchema()[resource.TypeLoadBalancer][0].Name == "changed" {
		t.Error("UsageSchema shares its key slices with the registry")
	}
}

// TestDeclaredTypes pins what is declared, so a registration lost in an
// edit fails here rather than turning a priced type into "unsupported".
func TestDeclaredTypes(t *testing.T) {
	want := []string{
		"aws:alb/loadBalancer:LoadBalancer", "aws:autoscaling/group:Group", "aws:cloudfront/distribution:Distribution",
		"aws:cloudwatch/dashboard:Dashboard", "aws:cloudwatch/logGroup:LogGroup", "aws:cloudwatch/metricAlarm:MetricAlarm",
		"aws:ebs/volume:Volume", "aws:ec2/eip:Eip", "aws:ec2/instance:Instance", "aws:ec2/natGateway:NatGateway",
		"aws:ec2/vpcEndpoint:VpcEndpoint",
		"aws:elasticache/cluster:Cluster", "aws:elasticache/replicationGroup:ReplicationGroup", "aws:kms/key:Key",
		"aws:lb/loadBalancer:LoadBalancer", "aws:rds/cluster:Cluster", "aws:rds/clusterInstance:ClusterInstance",
		"aws:rds/instance:Instance", "aws:route53/zone:Zone", "aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2",
		"aws:secretsmanager/secret:Secret", "aws:sns/topic:Topic", "aws:sns/topicSubscription:TopicSubscription",
		"aws:wafv2/webAcl:WebAcl",
	}
	if got := SupportedTypes(); !reflect.DeepEqual(got, want) {
		t.Errorf("SupportedTypes =\n%q\nwant\n%q", got, want)
	}
	// 72, plus the security types (ACM certificate and validation, Route 53
	// record, flow log, WAF association and logging, KMS alias, SNS topic
	// policy, RDS event subscription, S3 logging and notification: 11),
	// plus target groups, listeners, listener rules, attachments and
	// certificates under the two module names pulumi-aws used before v6
	// (10).
	if n := len(FreeTypes()); n != 93 {
		t.Errorf("%d free types, want 93", n)
	}
	for alias, want := range map[string]string{
		"aws:elasticloadbalancingv2/loadBalancer:LoadBalancer":   resource.TypeLoadBalancer,
		"aws:applicationloadbalancing/loadBalancer:LoadBalancer": resource.TypeLoadBalancer,
		"aws:alb/loadBalancer:LoadBalancer":                      "aws:alb/loadBalancer:LoadBalancer", // a type of its own in v6
		"aws:ec2/instance:Instance":                              "aws:ec2/instance:Instance",
	} {
		if got := CanonicalType(alias); got != want {
			t.Errorf("CanonicalType(%s) = %s, want %s", alias, got, want)
		}
	}
	if _, ok := UsageSchema()["aws:elasticloadbalancingv2/loadBalancer:LoadBalancer"]; !ok {
		t.Error("a usage file cannot name the legacy load balancer token")
	}
	for _, typ := range []string{resource.TypeTargetGroup, launchTemplateType, launchConfigType, "aws:iam/role:Role"} {
		if !isFree(typ) {
			t.Errorf("%s is not free", typ)
		}
	}
}

// TestServiceOf pins the FOCUS service and category of every priced type:
// the values report.FOCUS wrote before the registry declared them.
func TestServiceOf(t *testing.T) {
	for _, tc := range []struct{ typ, name, category string }{
		{"aws:ec2/instance:Instance", "Amazon Elastic Compute Cloud", "Compute"},
		{"aws:autoscaling/group:Group", "Amazon Elastic Compute Cloud", "Compute"},
		{"aws:ebs/volume:Volume", "Amazon Elastic Compute Cloud", "Storage"},
		{"aws:lb/loadBalancer:LoadBalancer", "Elastic Load Balancing", "Networking"},
		{"aws:alb/loadBalancer:LoadBalancer", "Elastic Load Balancing", "Networking"},
		{"aws:cloudfront/distribution:Distribution", "Amazon CloudFront", "Networking"},
		{"aws:rds/instance:Instance", "Amazon Relational Database Service", "Databases"},
		{"aws:rds/cluster:Cluster", "Amazon Relational Database Service", "Databases"},
		{"aws:rds/clusterInstance:ClusterInstance", "Amazon Relational Database Service", "Databases"},
		{"aws:elasticache/replicationGroup:ReplicationGroup", "Amazon ElastiCache", "Databases"},
		{"aws:elasticache/cluster:Cluster", "Amazon ElastiCache", "Databases"},
		{"aws:ec2/natGateway:NatGateway", "Amazon Virtual Private Cloud", "Networking"},
		{"aws:ec2/eip:Eip", "Amazon Virtual Private Cloud", "Networking"},
		{"aws:s3/bucketV2:BucketV2", "Amazon Simple Storage Service", "Storage"},
		{"aws:s3/bucket:Bucket", "Amazon Simple Storage Service", "Storage"},
		{"aws:cloudwatch/logGroup:LogGroup", "Amazon CloudWatch", "Management and Governance"},
		{"aws:cloudwatch/metricAlarm:MetricAlarm", "Amazon CloudWatch", "Management and Governance"},
		{"aws:cloudwatch/dashboard:Dashboard", "Amazon CloudWatch", "Management and Governance"},
		{resource.TypeDataTransfer, "AWS Data Transfer", "Networking"},
		{"aws:wafv2/webAcl:WebAcl", "AWS WAF", "Security"},
		{"aws:kms/key:Key", "AWS Key Management Service", "Security"},
		{"aws:secretsmanager/secret:Secret", "AWS Secrets Manager", "Security"},
		{"aws:sns/topic:Topic", "Amazon Simple Notification Service", "Integration"},
		{"aws:route53/zone:Zone", "Amazon Route 53", "Networking"},
		{"aws:ec2/vpcEndpoint:VpcEndpoint", "Amazon Virtual Private Cloud", "Networking"},
		{"aws:acm/certificate:Certificate", "", "Other"},
		{"aws:ec2/vpc:Vpc", "", "Other"},
	} {
		if name, category := ServiceOf(tc.typ); name != tc.name || category != tc.category {
			t.Errorf("ServiceOf(%s) = %q, %q; want %q, %q", tc.typ, name, category, tc.name, tc.category)
		}
	}
}

// TestRegisterRejects: a declaration that contradicts itself or another is
// refused with a message naming the type.
func TestRegisterRejects(t *testing.T) {
	price := func(*run, *resource.Record, *ResourceCost) error { return nil }
	ok := resourceType{Types: []string{"acme:a/a:A"}, Service: service{"Acme", "Other"}, Price: price}
	with := func(f func(*resourceType)) resourceType {
		d := ok
		f(&d)
		return d
	}
	for _, tc := range []struct {
		name string
		decl resourceType
		want string
	}{
		{"no token", with(func(d *resourceType) { d.Types = nil }), "names no type token"},
		{"empty token", with(func(d *resourceType) { d.Types = []string{""} }), "empty or repeated type token"},
		{"token twice in one", with(func(d *resourceType) { d.Types = []string{"acme:a/a:A", "acme:a/a:A"} }), "empty or repeated"},
		{"token of another", with(func(d *resourceType) { d.Types = []string{"aws:ec2/eip:Eip"} }), "aws:ec2/eip:Eip is registered twice"},
		{"alias of a free type", with(func(d *resourceType) { d.Types = []string{"acme:a/a:A", "aws:ec2/vpc:Vpc"} }), "aws:ec2/vpc:Vpc is registered twice"},
		{"no price", with(func(d *resourceType) { d.Price = nil }), "acme:a/a:A: a priced type needs a price function"},
		{"no service", with(func(d *resourceType) { d.Service = service{} }), "needs a service name and category"},
		{"free with a price", with(func(d *resourceType) { d.Free, d.Service = true, service{} }), "a free type has no price function"},
		{"free with usage", resourceType{Free: true, Types: []string{"acme:f/f:F"}, Usage: []usage.Key{{Name: "k", Unit: "u", Description: "d"}}},
			"a free type has no"},
		{"key without unit", with(func(d *resourceType) { d.Usage = []usage.Key{{Name: "k", Description: "d"}} }), `usage key "k" needs`},
		{"key twice", with(func(d *resourceType) {
			d.Usage = []usage.Key{{Name: "k", Unit: "u", Description: "d"}, {Name: "k", Unit: "u", Description: "d"}}
		}), `usage key "k" needs a unique name`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := registry.clone()
			err := r.add(tc.decl)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want it to contain %q", err, tc.want)
			}
			if len(r.decls) != len(registry.decls) || len(r.byType) != len(registry.byType) {
				t.Error("a refused declaration was indexed")
			}
		})
	}
	if r := registry.clone(); r.add(ok) != nil {
		t.Errorf("a sound declaration is refused: %v", r.add(ok))
	}
}

// Widgets are a resource type that does not exist, declared here exactly as
// a pricer file declares a real one. Its catalog row is the only other
// thing it needs.
const widgetType = "acme:widget/widget:Widget"

var widgetDecl = resourceType{
	Types:   []string{widgetType},
	Service: service{"Acme Widgets", "Other"},
	Usage: []usage.Key{
		{Name: "widget_hours", Unit: "hours/month", Description: "hours each widget spins"},
	},
	Price: priceWidget,
}

func widgetKey(region string) catalog.ProductKey {
	return catalog.Key("AcmeWidgets", "widget-hours", region)
}

// priceWidget prices widgets × widget_hours (default 730) at the widget-hour
// price.
func priceWidget(p *run, rec *resource.Record, rc *ResourceCost) error {
	n, _ := p.in(rec).count("widgets")
	hours, src := p.usageQty(p.usageFor(*rec), "widget_hours")
	if src == SourceDefault {
		hours = fullMonth()
	}
	rc.Components = []CostComponent{p.price(line{
		name: "Widget hours", unit: "hours", qty: n.Mul(hours), key: widgetKey(p.region), usage: true, source: src,
	})}
	return nil
}

// TestNewTypeNeedsOnlyItsDeclaration: registering one declaration (and
// adding its catalog row) makes a new type priced, accepted and checked by
// the usage file parser, documented, validated and reported under its
// service. Nothing else is edited.
func TestNewTypeNeedsOnlyItsDeclaration(t *testing.T) {
	if pricerFor(widgetType) != nil || slices.Contains(SupportedTypes(), widgetType) {
		t.Fatal("the fake type is registered outside the test")
	}
	withTypes(t, widgetDecl)

	if !slices.Contains(SupportedTypes(), widgetType) {
		t.Error("not in SupportedTypes")
	}
	if name, category := ServiceOf(widgetType); name != "Acme Widgets" || category != "Other" {
		t.Errorf("service %q/%q", name, category)
	}
	if doc := renderDocs(UsageSchema()); !strings.Contains(doc, "### `"+widgetType+"`") ||
		!strings.Contains(doc, "| `widget_hours` | hours/month | hours each widget spins |") {
		t.Error("docs/usage.md would not document it")
	}

	// The usage file parser takes its keys, and suggests them for a typo.
	u, err := usage.Parse("u.yml", []byte("version: 0.1\nresource_type_default_usage:\n  "+widgetType+":\n    widget_hours: 100\n"), UsageSchema())
	if err != nil {
		t.Fatal(err)
	}
	u.Origin = SourceWorkload
	_, err = usage.Parse("u.yml", []byte("version: 0.1\nresource_usage:\n  w:\n    widget_hour: 1\n"), UsageSchema())
	if err == nil || !strings.Contains(err.Error(), "widget_hour: unknown usage key; allowed: a usage key of some type; close matches: ") ||
		!strings.Contains(err.Error(), "widget_hours") {
		t.Errorf("typo err = %v, want a suggestion of widget_hours", err)
	}

	// Priced from its catalog row and usage: 3 widgets × 100 h × $0.25.
	row := catalog.Price{Product: widgetKey(use1), Term: catalog.OnDemandTerm, Unit: "Hrs", USD: money.MustParse("0.25"), Source: "test", AsOf: "2026-01-01"}
	b, err := Price([]resource.Record{rec(widgetType, "w", map[string]any{"widgets": 3.0})},
		Options{Region: use1, Catalog: testCatalog(row), Usage: u})
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Resources) != 1 || b.Resources[0].Status != StatusPriced || !b.TotalMonthlyCost.Equal(decimal.NewFromInt(75)) {
		t.Errorf("resources %+v total %s, want one priced widget at 75", b.Resources, b.TotalMonthlyCost)
	}

	// What its pricer reads is checked as it reads it.
	_, err = Price([]resource.Record{rec(widgetType, "w", map[string]any{"widgets": -1.0})}, Options{Region: use1, Catalog: testCatalog(row)})
	want := "resource w (" + widgetType + "): input widgets: got -1; allowed: a whole number >= 0"
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("err = %v, want %q", err, want)
	}
}

// TestFakeTypeDoesNotLeak: withTypes puts the registry back, so the docs
// golden and the type lists of other tests never see the fake type.
func TestFakeTypeDoesNotLeak(t *testing.T) {
	before := SupportedTypes()
	t.Run("registers", func(t *testing.T) {
		withTypes(t, widgetDecl)
		if pricerFor(widgetType) == nil {
			t.Fatal("not registered")
		}
	})
	if pricerFor(widgetType) != nil || !reflect.DeepEqual(SupportedTypes(), before) {
		t.Error("the fake type outlived its test")
	}
	if _, ok := UsageSchema()[widgetType]; ok {
		t.Error("the fake type is still in the usage schema")
	}
}
