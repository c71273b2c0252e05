// Package gctarget owns the tiercost process's garbage-collection target.
// tiercost keeps little alive (about 12 MB: the price catalog, the program
// templates) and allocates fast while it prices: a what-if with its
// uncertainty band allocates about 70 MB. At Go's default target (GOGC
// 100) that is five or six collections per what-if, each scanning the
// live heap again, about 40 % of the band's CPU. A target of 400 lets the
// heap grow to five times the live data (about 60 MB) before collecting.
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
