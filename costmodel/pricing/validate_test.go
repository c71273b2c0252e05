package pricing

import (
	"strings"
	"testing"

	"github.com/tiercost/tiercost/costmodel/resource"
)

// TestBadNumericInputsAreRejected: a wrong type or sign in an input a pricer
// multiplies by is one clear error, never a silent default or a negative cost.
func TestBadNumericInputsAreRejected(t *testing.T) {
	for _, tc := range []struct {
		name string
		rec  resource.Record
		want string
	}{
		{"count as text", rec(asgType, "web", map[string]any{"desiredCapacity": "three"}),
			`resource web (aws:autoscaling/group:Group): input desiredCapacity: three is not a number; allowed: a whole number >= 0`},
		{"negative count", rec(asgType, "web", map[string]any{"desiredCapacity": -3.0}),
			"input desiredCapacity: -3; allowed: a whole number >= 0"},
		{"fractional count", rec(asgType, "web", map[string]any{"desiredCapacity": 2.5}),
			"input desiredCapacity: 2.5; allowed: a whole number >= 0"},
		{"negative storage", rec("aws:rds/instance:Instance", "db", map[string]any{"allocatedStorage": -100.0}),
			"resource db (aws:rds/instance:Instance): input allocatedStorage: -100; allowed: a number >= 0"},
		{"size as text", rec("aws:ebs/volume:Volume", "data", map[string]any{"size": "big"}),
			"input size: big is not a number"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Price([]resource.Record{tc.rec}, Options{Region: use1, Catalog: testCatalog()})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v, want it to contain %q", err, tc.want)
			}
		})
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
