package engine

import (
	"testing"

	"github.com/tiercost/tiercost/cmd/tiercost/internal/gctarget"
	"github.com/tiercost/tiercost/cmd/tiercost/internal/latency"
)

// BenchmarkWhatIfWithBands is one what-if as the TUI prices it with its
// band: a users change on prod never asked before (as
// BenchmarkWhatIfEstimate), its estimate, then 256 samples of its
// assumptions (the figure; the default is 265), each sized and
// priced by Estimate. p50-ms and p95-ms are the whole what-if with its
// band; the samples' specs differ (storage follows users × data per user
// × growth), so few reuse a captured program run.
func BenchmarkWhatIfWithBands(b *testing.B) {
	benchBands(b, BandOptions{Samples: 256})
}

// BenchmarkWhatIfWithBandsAfterPause is BenchmarkWhatIfWithBands as the
// TUI runs it when the user pauses between key presses: the TUI collects
// garbage once a band is painted and nothing else is priced
// (gctarget.CollectIdle), outside the key press's time, which is what
// p50-ms and p95-ms measure. cpu-ms/op leaves that collection out too.
func BenchmarkWhatIfWithBandsAfterPause(b *testing.B) {
	benchBandsPaused(b, BandOptions{Samples: 256}, true)
}

// BenchmarkWhatIfWithBandsInteractive is BenchmarkWhatIfWithBandsAfterPause
// under the TUI's own collection policy (gctarget.Interactive): no
// collection while a key press is priced, one while it waits for a key.
func BenchmarkWhatIfWithBandsInteractive(b *testing.B) {
	benchBandsUnder(b, BandOptions{Samples: 256}, true, true)
}

// BenchmarkWhatIfWithBandsAndTornado adds the tornado (2 estimates per
// ranged assumption): what the TUI's b view needs too.
func BenchmarkWhatIfWithBandsAndTornado(b *testing.B) {
	benchBands(b, BandOptions{Samples: 256, Tornado: true})
}

func benchBands(b *testing.B, o BandOptions) { benchBandsUnder(b, o, false, false) }

func benchBandsPaused(b *testing.B, o BandOptions, pause bool) { benchBandsUnder(b, o, pause, false) }

// benchBandsUnder runs the what-ifs with the tiercost process's
// collection target (gctarget.Apply; GOGC=100 measures Go's default) or,
// when interactive, the TUI's policy (gctarget.Interactive).
func benchBandsUnder(b *testing.B, o BandOptions, pause, interactive bool) {
	if interactive {
		defer gctarget.Interactive()()
	} else {
		gctarget.Apply()
	}
	lat := latency.New(b.N)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		nextWhatIfUsers += 1_009
		req := AtUsers(Request{Source: Source{Environment: "prod"}}, float64(nextWhatIfUsers))
		if pause {
			gctarget.CollectIdle()
		}
		lat.Start()
		base, err := Estimate(req)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := Estimator(Estimate).Bands(req, base, o); err != nil {
			b.Fatal(err)
		}
		lat.Stop()
	}
	b.StopTimer()
	lat.Report(b)
}
