package tui

import (
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/tiercost/tiercost/costmodel/pricing"
)

// nestedSnapshot holds one ASG with a root volume whose snapshot has no
// price, and an unsupported queue: subresources two levels deep.
func nestedSnapshot() *Snapshot {
	web := pricing.ResourceCost{Name: "web", Type: "aws:autoscaling/group:Group", URN: "u:web", Component: "compute",
		Status: pricing.StatusPriced, MonthlyCost: d("12"),
		Components: []pricing.CostComponent{{Name: "hours", PriceFound: true, MonthlyCost: d("10")}},
		Subresources: []pricing.ResourceCost{{Name: "rootBlockDevice", Type: "aws:ebs/volume:Volume", Status: pricing.StatusPriced, MonthlyCost: d("2"),
			Components: []pricing.CostComponent{{Name: "storage", PriceFound: true, MonthlyCost: d("2")}},
			Subresources: []pricing.ResourceCost{{Name: "snapshot", Type: "aws:ebs/snapshot:Snapshot", Status: pricing.StatusPriced,
				Components: []pricing.CostComponent{{Name: "snapshot storage", MonthlyQuantity: decimal.NewFromInt(5)}}}}}}}
	queue := pricing.ResourceCost{Name: "jobs", Type: "aws:sqs/queue:Queue", URN: "u:jobs", Component: "compute", Status: pricing.StatusUnsupported}
	return &Snapshot{Breakdown: pricing.Breakdown{Resources: []pricing.ResourceCost{web, queue}}}
}

func TestBreakdownNodesNested(t *testing.T) {
	snap := nestedSnapshot()
	sub := resourceKey(snap.Breakdown.Resources[0].Subresources[0])
	snapKey := resourceKey(snap.Breakdown.Resources[0].Subresources[0].Subresources[0])
	tests := []struct {
		name string
		open map[string]bool
		want []string // depth, label and amount of each row
	}{
		{"resources closed", nil, []string{
			"0 compute ≥ $12.00", "1 web (autoscaling:Group) ≥ $12.00", "1 jobs (sqs:Queue) not priced"}},
		{"web open, its volume closed", map[string]bool{"r:u:web": true}, []string{
			"0 compute ≥ $12.00", "1 web (autoscaling:Group) ≥ $12.00", "2 hours $10.00",
			"2 rootBlockDevice (ebs:Volume) ≥ $2.00", "1 jobs (sqs:Queue) not priced"}},
		// The snapshot is marked open, but its closed parent hides it.
		{"volume closed hides an open snapshot", map[string]bool{"r:u:web": true, snapKey: true}, []string{
			"0 compute ≥ $12.00", "1 web (autoscaling:Group) ≥ $12.00", "2 hours $10.00",
			"2 rootBlockDevice (ebs:Volume) ≥ $2.00", "1 jobs (sqs:Queue) not priced"}},
		{"all open", map[string]bool{"r:u:web": true, sub: true, snapKey: true}, []string{
			"0 compute ≥ $12.00", "1 web (autoscaling:Group) ≥ $12.00", "2 hours $10.00",
			"2 rootBlockDevice (ebs:Volume) ≥ $2.00", "3 storage $2.00",
			"3 snapshot (ebs:Snapshot) not priced", "4 snapshot storage not priced", "1 jobs (sqs:Queue) not priced"}},
	}
	for _, tt := range tests {
		b := breakdownModel{open: tt.open}
		if b.open == nil {
			b.open = map[string]bool{}
		}
		var got []string
		for _, n := range b.nodes(snap) {
			got = append(got, strings.Join([]string{string(rune('0' + n.depth)), n.label, n.amountText(12)}, " "))
		}
		if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
			t.Errorf("%s:\n%s\nwant:\n%s", tt.name, strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
		}
	}
	// Expand all opens every resource at every depth.
	b := newBreakdownModel()
	open := b.toggleAll(snap, b.nodes(snap))
	if len(open) != 4 || !open["r:u:web"] || !open["r:u:jobs"] || !open[sub] || !open[snapKey] {
		t.Errorf("toggleAll opened %v, want web, jobs, the volume and the snapshot", open)
	}
}

func TestNotPricedLinesNested(t *testing.T) {
	m := New(Options{Engine: &fakeEngine{}, NoColor: true})
	m.snap = nestedSnapshot()
	got := strings.Join(m.notPricedLines(), "\n")
	want := "Not priced (2, not in totals)\n" +
		"  sqs:Queue (1): resource type not supported\n" +
		"  web › rootBlockDevice › snapshot › snapshot storage: price not found"
	if got != want {
		t.Errorf("notPricedLines:\n%s\nwant:\n%s", got, want)
	}
}
