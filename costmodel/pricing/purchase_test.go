package pricing

import (
	"testing"

	"github.com/tiercost/tiercost/components/spec"
	"github.com/tiercost/tiercost/costmodel/catalog"
	"github.com/tiercost/tiercost/costmodel/money"
	"github.com/tiercost/tiercost/costmodel/resource"
)

// One reserved line by hand from the reference price list, through the
// embedded catalog, and the marked on-demand fallback for an option the
// catalog has no rate for.
func TestReservedLineByHandEmbedded(t *testing.T) {
	cache := rec(rgType, "cache", map[string]any{"engine": "redis", "nodeType": "cache.r6g.large", "numCacheClusters": 2.0})
	price := func(option string) Breakdown {
		t.Helper()
		term, err := catalog.ParsePurchase(option)
		if err != nil {
			t.Fatal(err)
		}
		b, err := Price([]resource.Record{cache}, Options{Region: use1, Catalog: catalog.Default(), Purchase: PurchaseOptions{Cache: term}})
		if err != nil {
			t.Fatalf("%s: %v", option, err)
		}
		return b
	}

	// /work/shared/reference/aws-prices.csv:176:
	//   ElastiCache,cache.r6g.large RI 1yr no-upfront Redis (effective hourly),us-east-1,USD/node-hour,0.141,...
	// 2 nodes × 730 h = 1,460 node-hours × 0.141 = $205.86
	b := price("reserved-1yr-no-upfront")
	c, ok := findComponent(b, "cache", "ElastiCache (reserved 1yr standard no upfront, cache.r6g.large, Redis)")
	if !ok || !c.PriceFound || !c.MonthlyQuantity.Equal(money.MustParse("1460")) || !c.MonthlyCost.Equal(money.MustParse("205.86")) {
		t.Fatalf("reserved line: %+v", c)
	}
	if c.OnDemandFallback || c.PurchaseOption != "reserved-1yr-no-upfront" {
		t.Errorf("reserved line marked fallback %v option %q", c.OnDemandFallback, c.PurchaseOption)
	}
	if got := b.Monthly().OptionText(); got != "$205.86 at reserved-1yr-no-upfront" {
		t.Errorf("option text %q", got)
	}
	// Its list price is on demand, aws-prices.csv:170: 0.206 a node-hour;
	// 1,460 × 0.206 = $300.76.
	if c.ListPrice == nil || c.ListCost == nil || !c.ListPrice.Equal(money.MustParse("0.206")) || !c.ListCost.Equal(money.MustParse("300.76")) {
		t.Errorf("reserved line's list price %v, cost %v; want 0.206 and 300.76", c.ListPrice, c.ListCost)
	}

	// The catalog has no convertible ElastiCache rate: the nodes are priced
	// on demand, marked. aws-prices.csv:170: cache.r6g.large on-demand Redis,
	// us-east-1, 0.206; 1,460 × 0.206 = $300.76.
	b = price("reserved-1yr-no-upfront-convertible")
	c, ok = findComponent(b, "cache", "ElastiCache (on-demand, cache.r6g.large, Redis)")
	if !ok || !c.MonthlyCost.Equal(money.MustParse("300.76")) || !c.OnDemandFallback || c.Note != FallbackNote || c.ListPrice != nil {
		t.Fatalf("fallback line: %+v", c)
	}
	want := "$300.76, $0.00 at reserved-1yr-no-upfront-convertible, 1 line on demand (no rate for the option in the catalog)"
	if got := b.Monthly().String(); got != want {
		t.Errorf("total %q, want %q", got, want)
	}
}

// Right-sizing quotes through the same rule: a missing reserved rate is
// the on-demand price, never "no price".
func TestQuoterFallsBackOnDemand(t *testing.T) {
	term, _ := catalog.ParsePurchase("reserved-3yr-all-upfront-convertible")
	q := NewQuoter(catalog.Default(), PurchaseOptions{Compute: term, Database: term, Cache: term})
	got, ok := q.Monthly(spec.Nodes{Layer: spec.LayerCache, Region: use1, Type: "cache.r6g.large", Engine: "redis", Count: 2})
	// 2 × 730 × 0.206 = $300.76 on demand
	if !ok || !got.Equal(money.MustParse("300.76")) {
		t.Errorf("quote %s %v, want 300.76", got, ok)
	}
}
