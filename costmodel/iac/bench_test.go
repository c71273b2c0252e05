//go:build linux

package iac

import (
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tiercost/tiercost/costmodel/iac/iactest"
)

func BenchmarkDecodeStackExport(b *testing.B) {
	data, err := os.ReadFile(exportPath)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := named("export.json", data, stackExport, exportShape); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDecodePreview(b *testing.B) {
	data, err := os.ReadFile(previewPath)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := named("preview.json", data, preview, previewShape); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkReadStackExportSizes reads 10k, 50k and 200k-resource exports.
// It reports the file size, the peak live-plus-garbage heap seen while
// reading (sampled every millisecond) and, from a child process that only
// reads the file, its peak RSS, each also as a multiple of the file size.
func BenchmarkReadStackExportSizes(b *testing.B) {
	for _, n := range []int{10_000, 50_000, 200_000} {
		b.Run(fmt.Sprintf("%dk", n/1000), func(b *testing.B) {
			path := iactest.SyntheticExport(b, n)
			st, err := os.Stat(path)
			if err != nil {
				b.Fatal(err)
			}
			size := float64(st.Size())
			b.SetBytes(st.Size())
			runtime.GC()
			var peak atomic.Uint64
			done := make(chan struct{})
			go func() {
				var ms runtime.MemStats
				for {
					select {
					case <-done:
						return
					case <-time.After(time.Millisecond):
					}
					runtime.ReadMemStats(&ms)
					if ms.HeapAlloc > peak.Load() {
						peak.Store(ms.HeapAlloc)
					}
				}
			}()
			for b.Loop() {
				src, err := ReadStackExport(path)
				if err != nil {
					b.Fatal(err)
				}
				if len(src.Records) < n*9/10 {
					b.Fatalf("%d records from %d resources", len(src.Records), n)
				}
			}
			close(done)
			b.StopTimer()
			rss := childPeakRSS(b, path)
			b.ReportMetric(size/(1<<20), "file-MB")
			b.ReportMetric(float64(peak.Load())/(1<<20), "peak-heap-MB")
			b.ReportMetric(float64(peak.Load())/size, "heap/file")
			b.ReportMetric(float64(rss)/(1<<20), "peak-RSS-MB")
			b.ReportMetric(float64(rss)/size, "RSS/file")
		})
	}
}

// TestReadExportHelper reads the export named by TIERCOST_READ_EXPORT and
// exits; childPeakRSS runs it to measure a read's peak RSS alone.
func TestReadExportHelper(t *testing.T) {
	path := os.Getenv("TIERCOST_READ_EXPORT")
	if path == "" {
		t.Skip("helper process for childPeakRSS")
	}
	src, err := ReadStackExport(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(3)
	}
	// VmHWM is this process's own peak: a child's ru_maxrss would also
	// count the parent's peak, whose memory the child shares until exec.
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(3)
	}
	for _, line := range strings.Split(string(status), "\n") {
		if kb, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			fmt.Println(len(src.Records), strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(kb), "kB")))
		}
	}
	os.Exit(0)
}

// childPeakRSS reads path in a child process and returns its peak RSS in
// bytes, as the child reports it (Linux only).
func childPeakRSS(tb testing.TB, path string) int64 {
	cmd := exec.Command(os.Args[0], "-test.run=^TestReadExportHelper$", "-test.count=1")
	cmd.Env = append(os.Environ(), "TIERCOST_READ_EXPORT="+path)
	out, err := cmd.Output()
	if err != nil {
		tb.Fatalf("child: %v\n%s", err, out)
	}
	var records, kb int64
	if _, err := fmt.Sscan(string(out), &records, &kb); err != nil {
		tb.Skipf("no peak RSS from the child (%q): %v", out, err)
	}
	return kb << 10
}

// TestStackExportMemory: reading a 10k-resource export costs its reader
// less than three times the file's size in peak RSS, over what reading a
// 34-resource export costs (the test binary itself).
func TestStackExportMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("writes a 15 MB export")
	}
	path := iactest.SyntheticExport(t, 10_000)
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	base := childPeakRSS(t, exportPath)
	rss := childPeakRSS(t, path)
	t.Logf("file %.1f MB; peak RSS %.1f MB, %.1f MB over the %.1f MB base: %.2f times the file",
		float64(st.Size())/(1<<20), float64(rss)/(1<<20), float64(rss-base)/(1<<20), float64(base)/(1<<20), float64(rss-base)/float64(st.Size()))
	if rss-base > 3*st.Size() {
		t.Errorf("reading took %d bytes over the base, more than 3 times the %d-byte file", rss-base, st.Size())
	}
}
