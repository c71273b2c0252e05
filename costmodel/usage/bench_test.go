package usage_test

import (
	"testing"

	"github.com/shopspring/decimal"
	"github.com/tiercost/tiercost/costmodel/capacity"
	"github.com/tiercost/tiercost/costmodel/resource"
	"github.com/tiercost/tiercost/costmodel/usage"
)

// sized is the workload model's usage of the 100k tier, as an estimate
// prices it.
func sized(b *testing.B) *usage.Usage {
	w, err := capacity.TierWorkload("100k")
	if err != nil {
		b.Fatal(err)
	}
	r, err := capacity.Size("100k", w, capacity.Options{})
	if err != nil {
		b.Fatal(err)
	}
	return r.Usage
}

// BenchmarkMerge merges a sized usage with one type's instance count, as
// each scenario of a band does (the ASG's running instances).
func BenchmarkMerge(b *testing.B) {
	u := sized(b)
	over := &usage.Usage{TypeDefaults: map[string]usage.Values{"aws:autoscaling/group:Group": {"instances": decimal.NewFromInt(3)}}}
	b.ReportAllocs()
	for b.Loop() {
		usage.Merge(u, over)
	}
}

// BenchmarkFor looks up a sized usage as pricing does: every type's
// defaults alone, and every named entry over its log-group type's
// defaults (the lookup that merges).
func BenchmarkFor(b *testing.B) {
	u := sized(b)
	var recs []resource.Record
	for t := range u.TypeDefaults {
		recs = append(recs, resource.Record{Type: t, Name: "app"})
	}
	for n := range u.Resources {
		recs = append(recs, resource.Record{Type: resource.TypeLogGroup, Name: n})
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, r := range recs {
			u.For(r)
		}
	}
}
