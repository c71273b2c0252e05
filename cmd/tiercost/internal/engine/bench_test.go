package engine

import (
	"sort"
	"testing"
	"time"
)

// BenchmarkWhatIfEndToEnd is one what-if: a workload change (users), the
// capacity model's sized spec, the Pulumi program run under mocks, and the
// priced breakdown. It alternates two user counts so no result is reused.
func BenchmarkWhatIfEndToEnd(b *testing.B) {
	users := []float64{150_000, 250_000}
	durs := make([]time.Duration, 0, b.N)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		u := users[i%2]
		start := time.Now()
		if _, err := Estimate(AtUsers(Request{Source: Source{Environment: "prod"}}, u)); err != nil {
			b.Fatal(err)
		}
		durs = append(durs, time.Since(start))
	}
	b.StopTimer()
	sort.Slice(durs, func(i, j int) bool { return durs[i] < durs[j] })
	b.ReportMetric(float64(durs[(len(durs)*95+99)/100-1].Microseconds())/1000, "p95-ms")
	b.ReportMetric(float64(durs[len(durs)/2].Microseconds())/1000, "p50-ms")
}
