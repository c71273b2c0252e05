package output

import (
	"bytes"
	"strings"
	"testing"

	"github.com/tiercost/tiercost/costmodel/pricing"
)

// priced is a priced resource whose cost is the sum of its lines, each
// given as name, unit, quantity and cost.
func priced(typ, name string, lines ...[4]string) pricing.ResourceCost {
	r := pricing.ResourceCost{Type: typ, Name: name, Status: pricing.StatusPriced, MonthlyCost: d("0")}
	for _, l := range lines {
		r.Components = append(r.Components, pricing.CostComponent{Name: l[0], Unit: l[1], MonthlyQuantity: d(l[2]),
			MonthlyCost: d(l[3]), PriceFound: true})
		r.MonthlyCost = r.MonthlyCost.Add(d(l[3]))
	}
	return r
}

func total(rs ...pricing.ResourceCost) pricing.Breakdown {
	b := pricing.Breakdown{Resources: rs, TotalMonthlyCost: d("0")}
	for _, r := range rs {
		b.TotalMonthlyCost = b.TotalMonthlyCost.Add(r.MonthlyCost)
	}
	return b
}

// TestDiffSortsByAbsoluteChange: a hand-made before and after whose order
// is worked out by hand. Changes, by resource:
//
//	db       changed  123.00 -> 326.00  +203.00 (instance +200, storage +3)
//	cache    added         - ->  50.00   +50.00
//	old2     removed   50.00 ->       -   -50.00 (ties cache: added first)
//	cdn      changed   10.00 ->   2.00    -8.00 (a fall, ranked by size)
//	old      removed    5.00 ->       -    -5.00
//	nat      changed   32.85 ->  33.79    +0.94
//	alarm-b  added         - ->   0.10    +0.10
//	alarm-c  added         - ->   0.10    +0.10 (ties alarm-b: by name)
//	alarm-a  unchanged 0.10 both
func TestDiffSortsByAbsoluteChange(t *testing.T) {
	alarm := "aws:cloudwatch/metricAlarm:MetricAlarm"
	before := total(
		// Storage comes first in the breakdown; its change is the smaller.
		priced("aws:rds/instance:Instance", "db", [4]string{"Storage", "GB-months", "100", "23"}, [4]string{"Instance", "hours", "730", "100"}),
		priced(alarm, "alarm-a", [4]string{"Alarm metrics", "alarm metrics", "1", "0.10"}),
		priced("aws:ec2/natGateway:NatGateway", "nat", [4]string{"NAT gateway", "hours", "730", "32.85"}),
		priced("aws:s3/bucketV2:BucketV2", "old", [4]string{"Storage", "GB-months", "217.3913", "5"}),
		priced("aws:s3/bucketV2:BucketV2", "old2", [4]string{"Storage", "GB-months", "2173.913", "50"}),
		priced("aws:cloudfront/distribution:Distribution", "cdn", [4]string{"HTTP requests", "requests", "159687.5", "10"}),
	)
	after := total(
		priced("aws:rds/instance:Instance", "db", [4]string{"Storage", "GB-months", "115", "26"}, [4]string{"Instance", "hours", "730", "300"}),
		priced(alarm, "alarm-a", [4]string{"Alarm metrics", "alarm metrics", "1", "0.10"}),
		priced(alarm, "alarm-c", [4]string{"Alarm metrics", "alarm metrics", "1", "0.10"}),
		priced(alarm, "alarm-b", [4]string{"Alarm metrics", "alarm metrics", "1", "0.10"}),
		priced("aws:ec2/natGateway:NatGateway", "nat", [4]string{"NAT gateway", "hours", "730", "32.85"}, [4]string{"Data processed", "GB", "20.9875", "0.94"}),
		priced("aws:elasticache/replicationGroup:ReplicationGroup", "cache", [4]string{"Nodes", "node-hours", "730", "50"}),
		priced("aws:cloudfront/distribution:Distribution", "cdn", [4]string{"HTTP requests", "requests", "31937.5", "2"}),
	)
	got := Diff(before, after)
	want := []struct{ name, delta string }{
		{"db", "203"}, {"cache", "50"}, {"old2", "-50"}, {"cdn", "-8"}, {"old", "-5"},
		{"nat", "0.94"}, {"alarm-b", "0.1"}, {"alarm-c", "0.1"},
	}
	if len(got.Resources) != len(want) || got.Unchanged != 1 {
		t.Fatalf("got %d changed and %d unchanged, want %d and 1: %+v", len(got.Resources), got.Unchanged, len(want), got.Resources)
	}
	for i, w := range want {
		if r := got.Resources[i]; r.Name != w.name || !r.Delta.Equal(d(w.delta)) {
			t.Errorf("resource %d = %s %s, want %s %s", i, r.Name, r.Delta, w.name, w.delta)
		}
	}
	// Within db: instance 730 h, $100 -> $300 (+200) before storage
	// 100 -> 115 GB-months, $23 -> $26 (+3).
	db := got.Resources[0]
	if len(db.Lines) != 2 || db.Lines[0].Name != "Instance" || db.Lines[1].Name != "Storage" {
		t.Errorf("db lines = %+v, want Instance then Storage", db.Lines)
	}

	// The table keeps that order, with quantity and cost in columns of
	// their own and quantities grouped: the cdn line reads 159,687.5 and
	// 31,937.5 requests, $10.00 and $2.00, -$8.00.
	var buf bytes.Buffer
	if err := DiffTable(&buf, got, 0); err != nil {
		t.Fatal(err)
	}
	var order []string
	var cdnLine []string
	for _, l := range strings.Split(buf.String(), "\n") {
		f := strings.Fields(l)
		if len(f) >= 2 && (f[0] == "+" || f[0] == "-" || f[0] == "~") {
			order = append(order, f[1])
		}
		if strings.HasPrefix(strings.TrimSpace(l), "HTTP requests") {
			cdnLine = f
		}
	}
	if want := "db cache old2 cdn old nat alarm-b alarm-c"; strings.Join(order, " ") != want {
		t.Errorf("table order = %v, want %s\n%s", order, want, buf.String())
	}
	if want := "HTTP requests 159,687.5 31,937.5 requests $10.00 $2.00 -$8.00"; strings.Join(cdnLine, " ") != want {
		t.Errorf("cdn line = %q, want %q", strings.Join(cdnLine, " "), want)
	}
	// 220.95 before (123 + 0.10 + 32.85 + 5 + 50 + 10), 412.09 after
	// (326 + 0.30 + 33.79 + 50 + 2): +191.14, the deltas above summed;
	// 191.14 / 220.95 = 0.86508…, so +86.5 %.
	if want := "Monthly total: $220.95 -> $412.09, change +$191.14 (+86.5%)"; !strings.Contains(buf.String(), want) {
		t.Errorf("summary lacks %q:\n%s", want, buf.String())
	}
}
