package startup

import (
	"math"
	"os"
	"runtime/debug"
	"testing"
)

// TestPauseThenEnd checks the pause init set in this test binary (GC off,
// a 64 MiB limit) and that End restores Go's defaults: target 100, no
// limit. With GOGC or GOMEMLIMIT set, init must leave the runtime alone.
func TestPauseThenEnd(t *testing.T) {
	userSet := os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != ""
	before := debug.SetGCPercent(-1)
	debug.SetGCPercent(before)
	limit := debug.SetMemoryLimit(-1) // a negative value reads the limit
	if userSet {
		if paused {
			t.Fatal("paused although the user set GOGC or GOMEMLIMIT")
		}
		return
	}
	if !paused || before != -1 || limit != 64*1024*1024 {
		t.Fatalf("after init: paused %v, target %d, limit %d; want true, -1 (off), 67108864 (64 MiB)", paused, before, limit)
	}
	End()
	if got := debug.SetGCPercent(100); got != 100 {
		t.Errorf("after End: target %d, want 100", got)
	}
	if got := debug.SetMemoryLimit(-1); got != math.MaxInt64 {
		t.Errorf("after End: limit %d, want none (%d)", got, int64(math.MaxInt64))
	}
	End() // a second End changes nothing
	if got := debug.SetGCPercent(100); got != 100 || paused {
		t.Errorf("after a second End: target %d, paused %v", got, paused)
	}
}
