package pricing

import (
	"reflect"
	"testing"

	"github.com/shopspring/decimal"
)

// TestNotPricedItemsAddUpToNotPriced: two resources of one unsupported
// type are one item counting 2; a line with a quantity and no price is an
// item; a line with no price and no quantity costs nothing and is not;
// the counts add up to NotPriced (2 + 1 + 1 = 4).
func TestNotPricedItemsAddUpToNotPriced(t *testing.T) {
	gb := decimal.NewFromInt(20)
	b := Breakdown{Resources: []ResourceCost{
		{Name: "q1", Type: "aws:sqs/queue:Queue", Status: StatusUnsupported},
		{Name: "db", Type: "aws:rds/instance:Instance", Status: StatusPriced, Components: []CostComponent{
			{Name: "Instance", MonthlyQuantity: decimal.NewFromInt(730), PriceFound: true},
			{Name: "Storage", MonthlyQuantity: gb, Note: "no price in xx-1"},
			{Name: "Snapshots"}, // no quantity, no price: free
		}, Subresources: []ResourceCost{{Name: "monitoring", Components: []CostComponent{{Name: "Ingest", MonthlyQuantity: gb}}}}},
		{Name: "q2", Type: "aws:sqs/queue:Queue", Status: StatusUnsupported},
	}}
	b.Recount()
	want := []NotPricedItem{
		{Type: "aws:sqs/queue:Queue", Count: 2},
		{Count: 1, Path: "db", Line: "Storage", Note: "no price in xx-1"},
		{Count: 1, Path: "db" + PathSep + "monitoring", Line: "Ingest"},
	}
	got := b.NotPricedItems()
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("NotPricedItems:\n got %+v\nwant %+v", got, want)
	}
	total := 0
	for _, i := range got {
		total += i.Count
	}
	if total != 4 || b.NotPriced() != 4 {
		t.Errorf("counts add up to %d, NotPriced %d; want 4 and 4", total, b.NotPriced())
	}
}
