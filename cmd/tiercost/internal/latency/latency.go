// Package latency owns how tiercost's benchmarks report interactive
// latency: the median and 95th percentile of each operation's wall time,
// and the process CPU time per operation. The CPU figure counts every
// goroutine of the process (the garbage collector included) and none of
// the other processes', so it stays comparable on a shared, loaded
// machine where wall times are not.
package latency

import (
	"sort"
	"syscall"
	"testing"
	"time"
)

// Recorder collects one benchmark's operation times.
type Recorder struct {
	durs     []time.Duration
	start    time.Time
	cpuStart time.Duration
	cpu      time.Duration
}

// New returns a recorder with room for n operations.
func New(n int) *Recorder { return &Recorder{durs: make([]time.Duration, 0, n)} }

// Start marks the beginning of one operation.
func (r *Recorder) Start() {
	r.cpuStart = processCPU()
	r.start = time.Now()
}

// Stop marks its end.
func (r *Recorder) Stop() {
	r.durs = append(r.durs, time.Since(r.start))
	r.cpu += processCPU() - r.cpuStart
}

// Report adds p50-ms, p95-ms and cpu-ms/op to the benchmark's results.
func (r *Recorder) Report(b *testing.B) {
	if len(r.durs) == 0 {
		return
	}
	d := append([]time.Duration(nil), r.durs...)
	sort.Slice(d, func(i, j int) bool { return d[i] < d[j] })
	ms := func(x time.Duration) float64 { return float64(x.Microseconds()) / 1000 }
	b.ReportMetric(ms(d[(len(d)*95+99)/100-1]), "p95-ms")
	b.ReportMetric(ms(d[len(d)/2]), "p50-ms")
	b.ReportMetric(ms(r.cpu)/float64(len(d)), "cpu-ms/op")
}

// processCPU is the user and system time this process has used.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
