// Package gctarget owns the tiercost process's garbage-collection policy:
// its target, and when it collects on its own. tiercost keeps little alive
// (a few MB after a band in prod: the price catalog, the program
// templates) and allocates fast while it prices: a what-if with its
// uncertainty band allocates about 34 MB. At Go's default target (GOGC
// 100) that is several collections per what-if, each scanning the live
// heap again. A target of 400 lets the heap grow to five times the live
// data before collecting. The TUI goes further (Interactive): it collects
// only while it waits for a key (CollectIdle), with a memory limit as the
// backstop.
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

// InteractiveLimit is the heap the TUI lets the runtime reach before it
// collects on its own: a what-if with its band allocates about 34 MB and
// tiercost keeps about 12 MB alive, so a few key presses without a pause
// fit under it.
const InteractiveLimit = 160 << 20

// Interactive sets the TUI's policy: no collection while a key press is
// priced, the one the TUI runs when it waits for a key (CollectIdle), and
// the runtime's own when the heap reaches InteractiveLimit. A GOGC or
// GOMEMLIMIT the user set wins. restore puts back the policy before.
func Interactive() (restore func()) {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	limit := debug.SetMemoryLimit(InteractiveLimit)
	percent := debug.SetGCPercent(-1)
	return func() {
		debug.SetGCPercent(percent)
		debug.SetMemoryLimit(limit)
	}
}
