// Package gctarget owns the tiercost process's garbage-collection policy:
// its target, and when it collects on its own. tiercost keeps little alive
// (a few MB after a band in prod: the price catalog, the program
// templates) and allocates fast while it prices: a what-if with its
// uncertainty band allocates about 34 MB. At Go's default target (GOGC
// 100) that is several collections per what-if, each scanning the live
// heap again. A target of 400 lets the heap grow to five times the live
// data before collecting; the TUI also collects when it waits for a key
// (CollectIdle).
package gctarget

import (
	"os"
	"runtime"
	"runtime/debug"
)

// Percent is the target: the heap grows by this percentage of the live
// data between collections.
const Percent = 400

// Apply sets the target for the process, unless the user set GOGC, which
// wins.
func Apply() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(Percent)
	}
}

// CollectIdle collects now. The TUI calls it when it has painted every
// answer it was asked for and waits for a key: the collection a what-if's
// band would otherwise run while the user waits runs in the pause
// between key presses instead, and the next band starts with the whole
// target free.
func CollectIdle() { runtime.GC() }
