package engine

import (
	"sort"
	"testing"
	"time"
)

// p95 reports the 95th percentile and the median of the durations.
func report(b *testing.B, durs []time.Duration) {
	sort.Slice(durs, func(i, j int) bool { return durs[i] < durs[j] })
	b.ReportMetric(float64(durs[(len(durs)*95+99)/100-1].Microseconds())/1000, "p95-ms")
	b.ReportMetric(float64(durs[len(durs)/2].Microseconds())/1000, "p50-ms")
}

// BenchmarkWhatIfEndToEnd is one what-if with everything a user sees: a
// users change on prod, the capacity model's sized spec, the Pulumi
// program run under mocks, the priced breakdown, the limits, the next
// action with the whole architecture's cost before and after it,
// right-sizing and the findings. Each iteration asks for a user count
// never asked before (1,009 users apart, so the allocated storage, and
// with it the spec, differs), so the main estimate never reuses a captured
// run.
func BenchmarkWhatIfEndToEnd(b *testing.B) {
	durs := make([]time.Duration, 0, b.N)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		req := AtUsers(Request{Source: Source{Environment: "prod"}}, float64(150_000+i*1_009))
		req.Findings = true
		start := time.Now()
		if _, err := Estimate(req); err != nil {
			b.Fatal(err)
		}
		durs = append(durs, time.Since(start))
	}
	b.StopTimer()
	report(b, durs)
}

// BenchmarkAdvise is `tiercost advise --env prod` without the process:
// the estimate with its limits, next action and findings.
func BenchmarkAdvise(b *testing.B) {
	durs := make([]time.Duration, 0, b.N)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		if _, err := Estimate(Request{Source: Source{Environment: "prod"}, Findings: true}); err != nil {
			b.Fatal(err)
		}
		durs = append(durs, time.Since(start))
	}
	b.StopTimer()
	report(b, durs)
}
