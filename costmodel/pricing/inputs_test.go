package pricing

import (
	"math"
	"strings"
	"testing"

	"github.com/tiercost/tiercost/costmodel/resource"
)

// TestBadInputsAreRejected: an input a pricer reads that has the wrong type,
// a negative, NaN or infinite value, or a fraction where things are counted,
// is one error naming the resource, the input's path and what is allowed;
// never a silent default or a negative cost. Nested inputs and the inputs of
// a record a pricer looks up (a group's launch template) are checked alike.
func TestBadInputsAreRejected(t *testing.T) {
	const ec2, asg, rds = "aws:ec2/instance:Instance", asgType, "aws:rds/instance:Instance"
	web := func(inputs map[string]any) []resource.Record {
		in := map[string]any{"instanceType": "t3.micro"}
		for k, v := range inputs {
			in[k] = v
		}
		return []resource.Record{rec(ec2, "web", in)}
	}
	for _, tc := range []struct {
		name   string
		recs   []resource.Record
		want   string
		secret string // must not be in the error
	}{
		{"negative root volume", web(map[string]any{"rootBlockDevice": map[string]any{"volumeSize": -100.0}}),
			"resource web (aws:ec2/instance:Instance): input rootBlockDevice.volumeSize: got -100; allowed: a number >= 0", ""},
		{"root volume NaN as text", web(map[string]any{"rootBlockDevice": map[string]any{"volumeSize": "NaN"}}),
			`input rootBlockDevice.volumeSize: got the string "NaN"; allowed: a number >= 0`, ""},
		{"root volume NaN", web(map[string]any{"rootBlockDevice": map[string]any{"volumeSize": math.NaN()}}),
			"input rootBlockDevice.volumeSize: got NaN; allowed: a number >= 0", ""},
		{"root volume infinite", web(map[string]any{"rootBlockDevice": map[string]any{"volumeSize": math.Inf(1)}}),
			"input rootBlockDevice.volumeSize: got +Inf; allowed: a number >= 0", ""},
		{"root block device not an object", web(map[string]any{"rootBlockDevice": "big"}),
			`input rootBlockDevice: got the string "big"; allowed: an object`, ""},
		{"negative IOPS on the second extra volume", web(map[string]any{"ebsBlockDevices": []any{
			map[string]any{"volumeSize": 10.0}, map[string]any{"volumeSize": 10.0, "volumeType": "gp3", "iops": -5.0}}}),
			"input ebsBlockDevices[1].iops: got -5; allowed: a number >= 0", ""},
		{"negative throughput", web(map[string]any{"ebsBlockDevices": []any{map[string]any{"volumeType": "gp3", "throughput": -1.0}}}),
			"input ebsBlockDevices[0].throughput: got -1; allowed: a number >= 0", ""},
		{"extra volume not an object", web(map[string]any{"ebsBlockDevices": []any{5.0}}),
			"input ebsBlockDevices[0]: got 5; allowed: an object", ""},
		{"instance type a list", web(map[string]any{"instanceType": []any{"t3.micro"}}),
			"resource web (aws:ec2/instance:Instance): input instanceType: got a list; allowed: a string", ""},
		{"monitoring as text", web(map[string]any{"monitoring": "yes"}),
			`input monitoring: got the string "yes"; allowed: true or false`, ""},
		{"count as text", []resource.Record{rec(asg, "web", map[string]any{"desiredCapacity": "three"})},
			`resource web (aws:autoscaling/group:Group): input desiredCapacity: got the string "three"; allowed: a whole number >= 0`, ""},
		{"negative count", []resource.Record{rec(asg, "web", map[string]any{"desiredCapacity": -3.0})},
			"input desiredCapacity: got -3; allowed: a whole number >= 0", ""},
		{"fractional count", []resource.Record{rec(asg, "web", map[string]any{"maxSize": 2.5})},
			"input maxSize: got 2.5; allowed: a whole number >= 0", ""},
		{"launch template volume negative", []resource.Record{
			rec(asg, "web", map[string]any{"launchTemplate": map[string]any{"id": "lt-1"}}),
			{Type: launchTemplateType, Name: "lt", URN: "urn:pulumi:dev::tiercost::" + launchTemplateType + "::lt", ID: "lt-1",
				Inputs: map[string]any{"instanceType": "t3.micro", "blockDeviceMappings": []any{map[string]any{"ebs": map[string]any{"volumeSize": -8.0}}}}}},
			"resource lt (aws:ec2/launchTemplate:LaunchTemplate): input blockDeviceMappings[0].ebs.volumeSize: got -8; allowed: a number >= 0", ""},
		{"negative storage", []resource.Record{rec(rds, "db", map[string]any{"allocatedStorage": -100.0})},
			"resource db (aws:rds/instance:Instance): input allocatedStorage: got -100; allowed: a number >= 0", ""},
		{"storage holding a key id", []resource.Record{rec(rds, "db", map[string]any{"allocatedStorage": "AKIAIOSFODNN7EXAMPLE"})},
			"input allocatedStorage: got the string (a value that looks like a secret, not shown); allowed: a number >= 0", "AKIA"},
		{"storage holding an object", []resource.Record{rec(rds, "db", map[string]any{"allocatedStorage": map[string]any{"password": "hunter2hunter2"}})},
			"input allocatedStorage: got an object; allowed: a number >= 0", "hunter2"},
		{"multi-AZ as text", []resource.Record{rec(rds, "db", map[string]any{"multiAz": "true"})},
			`input multiAz: got the string "true"; allowed: true or false`, ""},
		{"volume size from the outputs", []resource.Record{{Type: ebsVolumeType, Name: "data", URN: "urn:pulumi:dev::tiercost::" + ebsVolumeType + "::data",
			Inputs: map[string]any{"type": "gp3"}, Outputs: map[string]any{"size": -1.0}}},
			"resource data (aws:ebs/volume:Volume): input size: got -1; allowed: a number >= 0", ""},
		{"fractional cache nodes", []resource.Record{rec("aws:elasticache/cluster:Cluster", "cache", map[string]any{"numCacheNodes": 1.5})},
			"input numCacheNodes: got 1.5; allowed: a whole number >= 0", ""},
		{"negative alarm period", []resource.Record{rec("aws:cloudwatch/metricAlarm:MetricAlarm", "alarm", map[string]any{
			"metricQueries": []any{map[string]any{"metricStat": map[string]any{"period": -60.0}}}})},
			"input metricQueries[0].metricStat.period: got -60; allowed: a number >= 0", ""},
		{"subnets not a list", []resource.Record{rec("aws:lb/loadBalancer:LoadBalancer", "alb", map[string]any{"subnets": "subnet-a"})},
			`input subnets: got the string "subnet-a"; allowed: a list`, ""},
		{"secret-looking resource name", []resource.Record{rec(rds, "AKIAIOSFODNN7EXAMPLE", map[string]any{"allocatedStorage": -1.0})},
			"resource (a value that looks like a secret, not shown) (aws:rds/instance:Instance): input allocatedStorage: got -1", "AKIA"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b, err := Price(tc.recs, Options{Region: use1, Catalog: testCatalog()})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want it to contain %q; total %s", err, tc.want, b.TotalMonthlyCost)
			}
			if tc.secret != "" && strings.Contains(err.Error(), tc.secret) {
				t.Errorf("the error quotes %q: %v", tc.secret, err)
			}
		})
	}
}

// TestGoodInputsStillPrice: the checks refuse nothing a pricer can price.
// gp3 root volume of 100 GB with 4,000 IOPS and 150 MiB/s: storage
// 100 × 0.08 = 8, IOPS (4000 − 3000) × 0.005 = 5, throughput
// (150 − 125) × 0.04 = 1; t3.micro 730 h × 0.0104 = 7.592. Total 21.592.
func TestGoodInputsStillPrice(t *testing.T) {
	r := rec("aws:ec2/instance:Instance", "web", map[string]any{"instanceType": "t3.micro", "monitoring": false,
		"rootBlockDevice": map[string]any{"volumeSize": 100.0, "volumeType": "gp3", "iops": 4000.0, "throughput": 150.0}})
	b, err := Price([]resource.Record{r}, Options{Region: use1, Catalog: testCatalog()})
	if err != nil {
		t.Fatal(err)
	}
	if got := b.TotalMonthlyCost.String(); got != "21.592" {
		t.Errorf("total %s, want 21.592", got)
	}
}

func TestUsageForUnknownResourceIsReported(t *testing.T) {
	u := usageOf(map[string]map[string]string{"web-albb": {"processed_gb_per_hour": "2"}})
	u.Origin = "usage file u.yml"
	b, err := Price([]resource.Record{rec("aws:lb/loadBalancer:LoadBalancer", "web-alb", map[string]any{"loadBalancerType": "application"})},
		Options{Region: use1, Catalog: testCatalog(), Usage: u})
	if err != nil {
		t.Fatal(err)
	}
	want := "usage file u.yml: resource_usage.web-albb matches no resource"
	if len(b.Warnings) != 1 || !strings.Contains(b.Warnings[0], want) {
		t.Errorf("warnings = %q, want one containing %q", b.Warnings, want)
	}
}
