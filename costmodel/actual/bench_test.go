package actual

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tiercost/tiercost/costmodel/inputfile"
)

// benchBillSize is the generated bill's size: 1 GiB, or BILL_BENCH_BYTES.
func benchBillSize(b *testing.B) int64 {
	if s := os.Getenv("BILL_BENCH_BYTES"); s != "" {
		n, err := inputfile.ParseSize(s)
		if err != nil {
			b.Fatal(err)
		}
		return n
	}
	return 1 << 30
}

// writeBigFOCUS streams a FOCUS CSV of at least size bytes into dir: the
// sample's header, then its rows over and over, each copy with its own
// resource IDs (so IDs keep changing as in a real bill) and hour.
func writeBigFOCUS(b *testing.B, dir string, size int64) string {
	b.Helper()
	sample, err := os.ReadFile(samplePath)
	if err != nil {
		b.Fatal(err)
	}
	nl := bytes.IndexByte(sample, '\n') + 1
	header, body := sample[:nl], sample[nl:]
	path := filepath.Join(dir, "big-focus.csv")
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 4<<20)
	w.Write(header)
	written := int64(len(header))
	for copyN := 0; written < size; copyN++ {
		chunk := bytes.ReplaceAll(body, []byte(`"arn:ats:`), []byte(`"arn:ats:`+strconv.Itoa(copyN%5000)+`:`))
		n, _ := w.Write(chunk)
		written += int64(n)
	}
	if err := w.Flush(); err != nil {
		b.Fatal(err)
	}
	f.Close()
	return path
}

// BenchmarkReadFOCUS1GB streams a generated 1 GiB FOCUS CSV (set
// BILL_BENCH_BYTES for another size) and reports throughput (MB/s), the
// peak heap in use while reading and the process's peak RSS.
//
//	go test ./costmodel/actual -run '^$' -bench ReadFOCUS1GB -benchtime 1x
func BenchmarkReadFOCUS1GB(b *testing.B) {
	size := benchBillSize(b)
	path := writeBigFOCUS(b, b.TempDir(), size)
	st, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	runtime.GC()
	var peak atomic.Uint64
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		var ms runtime.MemStats
		for {
			runtime.ReadMemStats(&ms)
			if ms.HeapInuse > peak.Load() {
				peak.Store(ms.HeapInuse)
			}
			select {
			case <-stop:
				return
			case <-time.After(20 * time.Millisecond):
			}
		}
	}()
	b.SetBytes(st.Size())
	b.ResetTimer()
	var rows int64
	for range b.N {
		info, err := Read(path, Options{}, func(l Line) error { return nil })
		if err != nil {
			b.Fatal(err)
		}
		rows = info.Rows
	}
	b.StopTimer()
	close(stop)
	<-done
	b.ReportMetric(float64(peak.Load())/(1<<20), "peak-heap-MiB")
	if rss := peakRSS(); rss > 0 {
		b.ReportMetric(float64(rss)/(1<<20), "peak-RSS-MiB")
	}
	b.ReportMetric(float64(rows), "rows")
}

// peakRSS is the process's peak resident set (VmHWM), 0 where unknown.
func peakRSS() int64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, l := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(l, "VmHWM:"); ok {
			var kb int64
			fmt.Sscan(strings.TrimSuffix(strings.TrimSpace(v), " kB"), &kb)
			return kb << 10
		}
	}
	return 0
}
