package gctarget

import (
	"runtime/debug"
	"testing"
)

func TestApplyRespectsGOGC(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	for _, tc := range []struct {
		env  string
		want int
	}{{"", Percent}, {"150", 100}, {"off", 100}} {
		t.Setenv("GOGC", tc.env)
		debug.SetGCPercent(100)
		Apply()
		if got := debug.SetGCPercent(100); got != tc.want {
			t.Errorf("GOGC=%q: target %d, want %d", tc.env, got, tc.want)
		}
	}
}

// TestInteractiveAndRestore: the TUI's policy turns the target off under
// a 160 MiB limit, and restore puts back the target and limit it found; a
// GOGC or GOMEMLIMIT the user set leaves both alone.
func TestInteractiveAndRestore(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(-1))
	for _, tc := range []struct {
		gogc, memlimit string
		wantPercent    int
		wantLimit      int64
	}{
		{"", "", -1, 160 << 20},
		{"150", "", 250, 1 << 40},
		{"", "1GiB", 250, 1 << 40},
	} {
		t.Setenv("GOGC", tc.gogc)
		t.Setenv("GOMEMLIMIT", tc.memlimit)
		debug.SetGCPercent(250)
		debug.SetMemoryLimit(1 << 40)
		restore := Interactive()
		percent := debug.SetGCPercent(0) // reads the target
		debug.SetGCPercent(percent)
		limit := debug.SetMemoryLimit(-1)
		if percent != tc.wantPercent || limit != tc.wantLimit {
			t.Errorf("GOGC=%q GOMEMLIMIT=%q: target %d, limit %d; want %d, %d", tc.gogc, tc.memlimit, percent, limit, tc.wantPercent, tc.wantLimit)
		}
		restore()
		if p, l := debug.SetGCPercent(100), debug.SetMemoryLimit(-1); p != 250 || l != 1<<40 {
			t.Errorf("GOGC=%q GOMEMLIMIT=%q: after restore target %d, limit %d; want 250, %d", tc.gogc, tc.memlimit, p, l, int64(1<<40))
		}
	}
}
