package pricing

import (
	"testing"

	"github.com/tiercost/tiercost/costmodel/money"
	"github.com/tiercost/tiercost/costmodel/resource"
)

const asgType = "aws:autoscaling/group:Group"

func launchTemplate(name, id, instanceType string) resource.Record {
	r := rec(launchTemplateType, name, map[string]any{
		"instanceType": instanceType, "name": name + "-tmpl",
		"blockDeviceMappings": []any{map[string]any{"deviceName": "/dev/xvda", "ebs": map[string]any{"volumeSize": 20.0, "volumeType": "gp3"}}},
	})
	r.ID = id
	return r
}

func TestAutoscalingGroup(t *testing.T) {
	micro := "Instance usage (Linux/UNIX, on-demand, t3.micro)"
	lt := launchTemplate("web-lt", "lt-123", "t3.micro")
	runCases(t, []pricerCase{
		{
			name: "desired capacity, template by ID, volumes per instance",
			recs: []resource.Record{lt, rec(asgType, "web", map[string]any{
				"desiredCapacity": 3.0, "minSize": 2.0, "maxSize": 6.0, "launchTemplate": map[string]any{"id": "lt-123", "version": "$Latest"}})},
			want: []want{
				// 3 instances × 730 h = 2,190 h × 0.0104 = $22.776
				{"web", micro, "2190", "22.776"},
				// 3 × 20 GB gp3 = 60 GB × 0.08 = $4.80
				{"web/rootBlockDevice", "Storage (general purpose SSD, gp3)", "60", "4.8"},
			},
			status: map[string]string{"web-lt": StatusFree, "web": StatusPriced},
		},
		{
			name: "template by name input, minSize when desired is unset",
			recs: []resource.Record{lt, rec(asgType, "web", map[string]any{"minSize": 2.0, "maxSize": 4.0,
				"launchTemplate": map[string]any{"name": "web-lt-tmpl"}})},
			want: []want{{"web", micro, "1460", "15.184"}}, // 2 × 730 × 0.0104
		},
		{
			name:  "usage instances wins",
			recs:  []resource.Record{lt, rec(asgType, "web", map[string]any{"desiredCapacity": 3.0, "launchTemplate": map[string]any{"id": "lt-123"}})},
			usage: usageOf(map[string]map[string]string{"web": {"instances": "4"}}),
			want:  []want{{"web", micro, "2920", "30.368"}}, // 4 × 730 × 0.0104
		},
		{
			name: "no counts at all: one instance",
			recs: []resource.Record{lt, rec(asgType, "web", map[string]any{"launchTemplate": map[string]any{"id": "lt-123"}})},
			want: []want{{"web", micro, "730", "7.592"}}, // 730 × 0.0104
		},
		{
			name: "mixed instances policy: first override type",
			recs: []resource.Record{lt, rec(asgType, "web", map[string]any{"desiredCapacity": 2.0,
				"mixedInstancesPolicy": map[string]any{"launchTemplate": map[string]any{
					"launchTemplateSpecification": map[string]any{"launchTemplateId": "lt-123"},
					"overrides":                   []any{map[string]any{"instanceType": "t3.medium"}, map[string]any{"instanceType": "t3.large"}},
				}}})},
			want: []want{{"web", "Instance usage (Linux/UNIX, on-demand, t3.medium)", "1460", "60.736"}}, // 2 × 730 × 0.0416
		},
		{
			name: "template not among the records: not found",
			recs: []resource.Record{rec(asgType, "web", map[string]any{"desiredCapacity": 2.0, "launchTemplate": map[string]any{"id": "lt-missing"}})},
			want: []want{{"web", "Instance usage (Linux/UNIX, on-demand, )", "1460", "notfound"}},
		},
		{
			name:  "usage monthly_hours per instance",
			recs:  []resource.Record{lt, rec(asgType, "web", map[string]any{"desiredCapacity": 2.0, "launchTemplate": map[string]any{"id": "lt-123"}})},
			usage: usageOf(map[string]map[string]string{"web": {"monthly_hours": "100"}}),
			want:  []want{{"web", micro, "200", "2.08"}}, // 2 × 100 h × 0.0104
		},
		{
			name:     "Savings Plan without rates for ASG instances: on demand, marked",
			recs:     []resource.Record{lt, rec(asgType, "web", map[string]any{"desiredCapacity": 2.0, "launchTemplate": map[string]any{"id": "lt-123"}})},
			purchase: PurchaseOptions{SavingsPlanCoveragePct: money.MustParse("25")},
			want: []want{
				// 25 % of 2 × 730 h = 365 h × 0.0104 = $3.796; the other 1,095 h × 0.0104 = $11.388
				{"web", "Instance usage (Linux/UNIX, on-demand for the Savings Plan share, t3.micro)", "365", "3.796"},
				{"web", micro, "1095", "11.388"},
			},
		},
		{
			name:     "duty cycle applies per instance",
			recs:     []resource.Record{lt, rec(asgType, "web", map[string]any{"desiredCapacity": 2.0, "launchTemplate": map[string]any{"id": "lt-123"}})},
			purchase: PurchaseOptions{MonthlyHours: money.MustParse("300")},
			want:     []want{{"web", micro, "600", "6.24"}}, // 2 × 300 h × 0.0104
		},
	})
}

func TestAutoscalingGroupRange(t *testing.T) {
	recs := []resource.Record{launchTemplate("web-lt", "lt-123", "t3.micro"), rec(asgType, "web", map[string]any{
		"desiredCapacity": 3.0, "minSize": 2.0, "maxSize": 6.0, "launchTemplate": map[string]any{"id": "lt-123"}})}
	b, err := Price(recs, Options{Region: use1, Catalog: testCatalog()})
	if err != nil {
		t.Fatal(err)
	}
	r, _ := findResource(b, "web")
	// One instance: 730 × 0.0104 = 7.592 + 20 GB × 0.08 = 1.60 → 9.192 a month.
	// min 2 × 9.192 = 18.384; max 6 × 9.192 = 55.152; desired 3 × 9.192 = 27.576.
	for k, v := range map[string]string{"min_size": "2", "desired": "3", "max_size": "6",
		"min_monthly_cost": "18.384", "max_monthly_cost": "55.152", "instance_type": "t3.micro"} {
		if r.Metadata[k] != v {
			t.Errorf("metadata %s = %q, want %q", k, r.Metadata[k], v)
		}
	}
	if !r.MonthlyCost.Equal(money.MustParse("27.576")) {
		t.Errorf("monthly cost %s, want 27.576", r.MonthlyCost)
	}
}

// TestAutoscalingGroupRangeWithMissingPrice: an instance type the catalog
// does not know makes the range unknown, never a smaller dollar figure
// built from the disk alone (20 GB x 0.08 = 1.60).
func TestAutoscalingGroupRangeWithMissingPrice(t *testing.T) {
	recs := []resource.Record{launchTemplate("web-lt", "lt-123", "x9.huge"), rec(asgType, "web", map[string]any{
		"desiredCapacity": 2.0, "minSize": 1.0, "maxSize": 4.0, "launchTemplate": map[string]any{"id": "lt-123"}})}
	b, err := Price(recs, Options{Region: use1, Catalog: testCatalog()})
	if err != nil {
		t.Fatal(err)
	}
	r, _ := findResource(b, "web")
	if r.Metadata["min_monthly_cost"] != "not found" || r.Metadata["max_monthly_cost"] != "not found" {
		t.Errorf("range = %q .. %q, want not found", r.Metadata["min_monthly_cost"], r.Metadata["max_monthly_cost"])
	}
	if b.MissingPrices == 0 {
		t.Error("the missing instance price is not counted")
	}
}

func TestDetailedMonitoring(t *testing.T) {
	lt := launchTemplate("web-lt", "lt-123", "t3.micro")
	lt.Inputs["monitoring"] = map[string]any{"enabled": true}
	lc := rec(launchConfigType, "web-lc", map[string]any{"instanceType": "t3.micro"})
	asg := rec(asgType, "web", map[string]any{"desiredCapacity": 2.0, "launchTemplate": map[string]any{"id": "lt-123"}})
	runCases(t, []pricerCase{
		{
			name: "launch template monitoring: 7 metrics per instance",
			recs: []resource.Record{lt, asg},
			// 2 instances × 7 metrics = 14 × 0.30 = $4.20
			want: []want{{"web", "CloudWatch detailed monitoring", "14", "4.2"}},
		},
		{
			name:     "free tier covers 10 of them",
			recs:     []resource.Record{lt, asg},
			purchase: PurchaseOptions{FreeTier: true},
			// (14 − 10) × 0.30 = $1.20
			want: []want{{"web", "CloudWatch detailed monitoring", "4", "1.2"}},
		},
		{
			name: "launch configuration monitors by default",
			recs: []resource.Record{lc, rec(asgType, "web", map[string]any{"desiredCapacity": 1.0, "launchConfiguration": "web-lc"})},
			want: []want{
				{"web", "Instance usage (Linux/UNIX, on-demand, t3.micro)", "730", "7.592"},
				{"web", "CloudWatch detailed monitoring", "7", "2.1"}, // 7 × 0.30
				// launch configuration root: gp2, 8 GB assumed; 8 × 0.10
				{"web/rootBlockDevice", "Storage (general purpose SSD, gp2)", "8", "0.8"},
			},
		},
		{
			name:   "EC2 instance without monitoring has no line",
			recs:   []resource.Record{rec(ec2Type, "vm", map[string]any{"instanceType": "t3.micro"})},
			absent: []string{"vm|CloudWatch detailed monitoring"},
		},
		{
			name: "EC2 instance with monitoring",
			recs: []resource.Record{rec(ec2Type, "vm", map[string]any{"instanceType": "t3.micro", "monitoring": true})},
			want: []want{{"vm", "CloudWatch detailed monitoring", "7", "2.1"}},
		},
	})
}
