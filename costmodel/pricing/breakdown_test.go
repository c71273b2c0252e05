package pricing

import (
	"slices"
	"strings"
	"testing"

	"github.com/tiercost/tiercost/costmodel/money"
	"github.com/tiercost/tiercost/costmodel/resource"
	"github.com/tiercost/tiercost/costmodel/usage"
)

// sampleStack is a small stack: a provider, two components (one nested),
// priced, free and unsupported resources.
func sampleStack() []resource.Record {
	stack := "urn:pulumi:dev::tiercost::pulumi:pulumi:Stack::tiercost-dev"
	comp := func(typ, name, parent string) resource.Record {
		return resource.Record{Type: typ, Name: name, URN: "urn:pulumi:dev::tiercost::" + typ + "::" + name, Parent: parent, Component: true, Inputs: map[string]any{}}
	}
	child := func(typ, name, parent string, inputs map[string]any) resource.Record {
		r := rec(typ, name, inputs)
		r.Parent = parent
		return r
	}
	platform := comp("tiercost:components:Platform", "tc", stack)
	network := comp("tiercost:components:Network", "tc-net", platform.URN)
	edge := comp("tiercost:components:LoadBalancer", "tc-lb", platform.URN)
	return []resource.Record{
		{Type: "pulumi:pulumi:Stack", Name: "tiercost-dev", URN: stack},
		{Type: "pulumi:providers:aws", Name: "use1", URN: "urn:pulumi:dev::tiercost::pulumi:providers:aws::use1", Inputs: map[string]any{"region": "us-east-1"}},
		platform, network, edge,
		child("aws:ec2/vpc:Vpc", "tc-vpc", network.URN, map[string]any{"cidrBlock": "10.0.0.0/16"}),
		child("aws:ec2/natGateway:NatGateway", "tc-nat", network.URN, map[string]any{}),
		child("aws:ec2/eip:Eip", "tc-nat-ip", network.URN, map[string]any{}),
		child("aws:lb/loadBalancer:LoadBalancer", "tc-alb", edge.URN, map[string]any{"subnets": []any{"a", "b"}}),
		child("aws:sqs/queue:Queue", "tc-jobs", platform.URN, map[string]any{}),
		child("aws:cloudwatch/dashboard:Dashboard", "tc-dash", platform.URN, map[string]any{}),
	}
}

func TestBreakdownTotals(t *testing.T) {
	u := usageOf(map[string]map[string]string{"tc-nat": {"monthly_data_processed_gb": "100"}})
	b, err := Price(sampleStack(), Options{Project: "tc", Region: "eu-west-1", Catalog: testCatalog(), Usage: u})
	if err != nil {
		t.Fatal(err)
	}
	// Fixed: ALB 730 × 0.0225 = 16.425 + 2 addresses × 730 × 0.005 = 7.30 → 23.725;
	// NAT 730 × 0.045 = 32.85; EIP 730 × 0.005 = 3.65. 23.725 + 32.85 + 3.65 = 60.225.
	// Usage: NAT 100 GB × 0.045 = 4.50 (the ALB's LCU line is 0).
	// Total 64.725. The dashboard has no price: one missing.
	for _, c := range []struct{ name, got, want string }{
		{"fixed", b.FixedMonthlyCost.String(), "60.225"},
		{"usage", b.UsageMonthlyCost.String(), "4.5"},
		{"total", b.TotalMonthlyCost.String(), "64.725"},
	} {
		if !money.MustParse(c.got).Equal(money.MustParse(c.want)) {
			t.Errorf("%s = %s, want %s", c.name, c.got, c.want)
		}
	}
	if b.MissingPrices != 1 {
		t.Errorf("missing prices = %d, want 1", b.MissingPrices)
	}
	// The provider's region wins over Options.Region.
	if b.Region != "us-east-1" {
		t.Errorf("region %q, want us-east-1 from the provider", b.Region)
	}
	// Providers, the stack and components are not listed; everything else is.
	var names []string
	for _, r := range b.Resources {
		names = append(names, r.Name)
	}
	// URN order: the type token comes before the name in a URN.
	wantNames := "tc-dash tc-nat-ip tc-nat tc-vpc tc-alb tc-jobs"
	if got := strings.Join(names, " "); got != wantNames {
		t.Errorf("resources %v, want %s", names, wantNames)
	}
	if b.Count(StatusFree) != 1 || b.Count(StatusUnsupported) != 1 || b.Count(StatusPriced) != 4 {
		t.Errorf("counts free=%d unsupported=%d priced=%d, want 1, 1, 4", b.Count(StatusFree), b.Count(StatusUnsupported), b.Count(StatusPriced))
	}
	// Nearest component: nested components win over their parent.
	for name, comp := range map[string]string{"tc-nat": "tc-net", "tc-alb": "tc-lb", "tc-jobs": "tc", "tc-vpc": "tc-net"} {
		r, _ := findResource(b, name)
		if r.Component != comp {
			t.Errorf("%s: component %q, want %q", name, r.Component, comp)
		}
	}
	jobs, _ := findResource(b, "tc-jobs")
	if jobs.Status != StatusUnsupported || len(jobs.Components) != 0 {
		t.Errorf("tc-jobs: %+v, want unsupported without components", jobs)
	}
	// Provenance comes from the catalog price.
	nat, _ := findComponent(b, "tc-nat", "NAT gateway")
	if nat.Provenance.Layer != "test" || nat.Provenance.Source != "reference csv" || nat.Provenance.AsOf != "2026-09-28" {
		t.Errorf("provenance %+v", nat.Provenance)
	}
	if nat.QuantitySource != SourceDefault {
		t.Errorf("NAT hours source %q, want default", nat.QuantitySource)
	}
	gb, _ := findComponent(b, "tc-nat", "Data processed")
	if gb.QuantitySource != SourceWorkload || !gb.UsageBased {
		t.Errorf("NAT GB: source %q usage %v", gb.QuantitySource, gb.UsageBased)
	}
	dash, _ := findComponent(b, "tc-dash", "Dashboard")
	if dash.Note != "price not found: the catalog has no on-demand price for CloudWatch dashboard in us-east-1" {
		t.Errorf("dashboard note %q", dash.Note)
	}
}

func TestRegion(t *testing.T) {
	nat := rec("aws:ec2/natGateway:NatGateway", "nat", map[string]any{})
	provider := resource.Record{Type: "pulumi:providers:aws", Name: "euw1", URN: "urn:pulumi:dev::tiercost::pulumi:providers:aws::euw1", Inputs: map[string]any{"region": "eu-west-1"}}
	b, err := Price([]resource.Record{provider, nat}, Options{Region: use1, Catalog: testCatalog()})
	if err != nil {
		t.Fatal(err)
	}
	// eu-west-1 NAT: 730 × 0.048 = $35.04; its GB price is not in the test catalog.
	c, _ := findComponent(b, "nat", "NAT gateway")
	if !c.MonthlyCost.Equal(money.MustParse("35.04")) {
		t.Errorf("eu-west-1 NAT hours %s, want 35.04", c.MonthlyCost)
	}
	// A region the catalog does not price at all warns. The NAT's hours
	// are unpriced; its data processed, with no usage, is 0 GB and is not.
	b, err = Price([]resource.Record{nat}, Options{Region: "ap-south-2", Catalog: testCatalog()})
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Warnings) != 1 || !strings.Contains(b.Warnings[0], "ap-south-2") || b.MissingPrices != 1 {
		t.Errorf("warnings %v, missing %d", b.Warnings, b.MissingPrices)
	}
}

func TestFreeAndUnsupported(t *testing.T) {
	var recs []resource.Record
	for _, typ := range []string{"aws:ec2/subnet:Subnet", "aws:ec2/securityGroup:SecurityGroup", "aws:lb/targetGroup:TargetGroup",
		"aws:lb/listener:Listener", "aws:iam/role:Role", "aws:rds/subnetGroup:SubnetGroup", "aws:s3/bucketPolicy:BucketPolicy",
		"aws:cloudfront/originAccessControl:OriginAccessControl", "aws:autoscaling/policy:Policy", "aws:ec2/launchTemplate:LaunchTemplate"} {
		recs = append(recs, rec(typ, "free-"+strings.ReplaceAll(typ, ":", "-"), map[string]any{}))
	}
	recs = append(recs, rec("aws:lambda/function:Function", "fn", map[string]any{}), rec("aws:sqs/queue:Queue", "q", map[string]any{}))
	b, err := Price(recs, Options{Region: use1, Catalog: testCatalog()})
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Resources) != 12 || b.Count(StatusFree) != 10 || b.Count(StatusUnsupported) != 2 {
		t.Fatalf("resources %d free %d unsupported %d, want 12, 10, 2", len(b.Resources), b.Count(StatusFree), b.Count(StatusUnsupported))
	}
	if !b.TotalMonthlyCost.IsZero() || b.MissingPrices != 0 {
		t.Errorf("total %s missing %d, want 0 and 0", b.TotalMonthlyCost, b.MissingPrices)
	}
}

func TestDataTransfer(t *testing.T) {
	dt := func() *usage.Usage {
		return &usage.Usage{Origin: "usage.yml", TypeDefaults: map[string]usage.Values{resource.TypeDataTransfer: {
			"monthly_internet_out_gb": money.MustParse("12000"),
			"monthly_inter_az_gb":     money.MustParse("500"),
			"custom_metrics":          money.MustParse("20"),
		}}}
	}
	for _, tc := range []struct {
		name string
		free bool
		want []want
	}{
		{"no free tier", false, []want{
			{DataTransferName, "Data transfer out to internet (first 10 TB)", "10240", "921.6"}, // 10,240 × 0.09
			{DataTransferName, "Data transfer out to internet (next 40 TB)", "1760", "149.6"},   // 1,760 × 0.085
			{DataTransferName, "Inter-AZ data transfer", "1000", "10"},                          // 2 × 500 GB × 0.01
			{DataTransferName, "Custom metrics", "20", "6"},                                     // 20 × 0.30
		}},
		{"free tier", true, []want{
			{DataTransferName, "Data transfer out to internet (first 10 TB)", "10240", "921.6"},
			{DataTransferName, "Data transfer out to internet (next 40 TB)", "1660", "141.1"}, // (11,900 − 10,240) × 0.085
			{DataTransferName, "Custom metrics", "10", "3"},                                   // (20 − 10) × 0.30
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			runCases(t, []pricerCase{{name: tc.name, usage: dt(), purchase: PurchaseOptions{FreeTier: tc.free}, want: tc.want}})
		})
	}
	// Without data-transfer usage there is no synthetic resource.
	b, err := Price(nil, Options{Region: use1, Catalog: testCatalog()})
	if err != nil || len(b.Resources) != 0 {
		t.Fatalf("resources %v err %v, want none", b.Resources, err)
	}
	b, _ = Price(nil, Options{Region: use1, Catalog: testCatalog(), Usage: dt()})
	if len(b.Resources) != 1 || b.Resources[0].URN != DataTransferURN {
		t.Fatalf("want the synthetic data-transfer resource, got %+v", b.Resources)
	}
	// Among records, the synthetic resource takes its URN's place: its
	// "tiercost:" sorts before every "urn:" (and after "aaa:").
	recs := append(sampleStack(), resource.Record{Type: "aws:sqs/queue:Queue", Name: "first", URN: "aaa:first", Inputs: map[string]any{}})
	withRecs, err := Price(recs, Options{Region: use1, Catalog: testCatalog(), Usage: dt()})
	if err != nil {
		t.Fatal(err)
	}
	var urns []string
	for _, r := range withRecs.Resources {
		urns = append(urns, r.URN)
	}
	if len(urns) < 3 || urns[0] != "aaa:first" || urns[1] != DataTransferURN || !slices.IsSorted(urns) {
		t.Errorf("resources in the order %v, want aaa:first, the data transfer, then the stack's records", urns)
	}
	c, _ := findComponent(b, DataTransferName, "Inter-AZ data transfer")
	if c.QuantitySource != "usage file usage.yml" {
		t.Errorf("quantity source %q", c.QuantitySource)
	}
}

func TestTypeListsAgree(t *testing.T) {
	free := map[string]bool{}
	for _, typ := range FreeTypes() {
		free[typ] = true
		if pricerFor(typ) != nil {
			t.Errorf("%s is both free and priced", typ)
		}
	}
	for _, typ := range SupportedTypes() {
		if pricerFor(typ) == nil {
			t.Errorf("%s is listed as supported but has no pricer", typ)
		}
		if free[typ] {
			t.Errorf("%s is both supported and free", typ)
		}
	}
}

// TestSplit: each part counts the unpriced lines of its kind; a line with
// no quantity costs nothing and leaves nothing out, and an unsupported
// resource is in neither part.
func TestSplit(t *testing.T) {
	line := func(usage, found bool, qty string) CostComponent {
		return CostComponent{UsageBased: usage, PriceFound: found, MonthlyQuantity: money.MustParse(qty)}
	}
	b := Breakdown{FixedMonthlyCost: money.MustParse("10"), UsageMonthlyCost: money.MustParse("2"),
		Resources: []ResourceCost{
			{Name: "web", Status: StatusPriced, Components: []CostComponent{line(false, true, "730"), line(true, true, "100")},
				Subresources: []ResourceCost{{Name: "vol", Status: StatusPriced, Components: []CostComponent{line(false, false, "8")}}}},
			{Name: "logs", Status: StatusPriced, Components: []CostComponent{line(true, false, "5"), line(true, false, "0")}},
			{Name: "queue", Status: StatusUnsupported},
		}}
	fixed, usage := b.Split()
	// Fixed: the volume's unpriced line (8 GB); usage: the logs' 5 GB line,
	// not its line of 0.
	if fixed.USD() != "≥ $10.00" || fixed.Unpriced != 1 || usage.USD() != "≥ $2.00" || usage.Unpriced != 1 {
		t.Errorf("split = %q (%d not priced), %q (%d not priced); want ≥ $10.00 (1), ≥ $2.00 (1)",
			fixed.USD(), fixed.Unpriced, usage.USD(), usage.Unpriced)
	}
}
