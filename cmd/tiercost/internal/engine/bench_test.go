package engine

import (
	"testing"

	"github.com/tiercost/tiercost/cmd/tiercost/internal/latency"
	"github.com/tiercost/tiercost/stacks"
)

// nextWhatIfUsers is the last user count BenchmarkWhatIfEndToEnd asked for.
var nextWhatIfUsers = 150_000

// BenchmarkWhatIfEndToEnd is one what-if with everything a user sees: a
// users change on prod, the capacity model's sized spec, the program's
// records (stacks.Records), the priced breakdown, the limits, the next
// action with the whole architecture's cost before and after it,
// right-sizing and the findings. Each iteration asks for a user count
// never asked before (1,009 users apart, so the allocated storage, and
// with it the spec, differs), so the main estimate never reuses a captured
// run, in this run or an earlier one of the same process (-count). Its
// records are filled into the template of the spec's shape; when the users
// reach a new shape (another replica or tier), the program runs under
// mocks twice to learn it: mocked-runs/op counts those runs.
func BenchmarkWhatIfEndToEnd(b *testing.B) {
	defer reportMockedRuns(b)()
	lat := latency.New(b.N)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		nextWhatIfUsers += 1_009
		req := AtUsers(Request{Source: Source{Environment: "prod"}}, float64(nextWhatIfUsers))
		req.Findings = true
		lat.Start()
		if _, err := Estimate(req); err != nil {
			b.Fatal(err)
		}
		lat.Stop()
	}
	b.StopTimer()
	lat.Report(b)
}

// BenchmarkWhatIfEstimate is the what-if without findings: the sized
// spec, the program's records (never a captured run, as above) and the
// priced breakdown. It does the work the first version's
// BenchmarkWhatIfEndToEnd did, whose program runs were never reused, so
// the two compare like for like.
func BenchmarkWhatIfEstimate(b *testing.B) {
	defer reportMockedRuns(b)()
	lat := latency.New(b.N)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		nextWhatIfUsers += 1_009
		req := AtUsers(Request{Source: Source{Environment: "prod"}}, float64(nextWhatIfUsers))
		lat.Start()
		if _, err := Estimate(req); err != nil {
			b.Fatal(err)
		}
		lat.Stop()
	}
	b.StopTimer()
	lat.Report(b)
}

// BenchmarkAdvise is `tiercost advise --env prod` without the process
// start: the estimate with its limits, next action and findings. Each
// iteration works in a new, empty folder (so prod is the embedded
// profile) and starts with no captured run and no learned template, as in
// a new process: the estimate and the next action's before and after
// (three specs) are filled into the embedded templates (templates.jsonl).
func BenchmarkAdvise(b *testing.B) { benchmarkAdvise(b) }

// BenchmarkAdviseLearning is BenchmarkAdvise without the embedded
// templates: a new process asked about an environment none of them
// covers, which runs the program under mocks twice (the spec and its
// probe, at once) to learn the shape.
func BenchmarkAdviseLearning(b *testing.B) {
	stacks.Preload(nil)
	defer stacks.Preload(templates)
	benchmarkAdvise(b)
}

func benchmarkAdvise(b *testing.B) {
	defer reportMockedRuns(b)()
	lat := latency.New(b.N)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		dir := b.TempDir()
		stacks.ResetTemplates()
		b.StartTimer()
		lat.Start()
		if _, err := Estimate(Request{Source: Source{Environment: "prod"}, WorkDir: dir, Findings: true}); err != nil {
			b.Fatal(err)
		}
		lat.Stop()
	}
	b.StopTimer()
	lat.Report(b)
}

// reportMockedRuns adds mocked-runs/op: how many times per operation the
// program ran under Pulumi mocks (two for each shape learned, one for each
// spec of a shape that could not be learned). Call the result at the end.
func reportMockedRuns(b *testing.B) func() {
	before := stacks.Stats()
	return func() {
		after := stacks.Stats()
		runs := 2*(after.Learned-before.Learned) + after.Mocked - before.Mocked
		if b.N > 0 {
			b.ReportMetric(float64(runs)/float64(b.N), "mocked-runs/op")
		}
	}
}
