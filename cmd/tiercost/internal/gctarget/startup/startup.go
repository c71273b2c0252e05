// Package startup holds the tiercost process's garbage collection off
// while its packages initialise. The Pulumi SDK and provider packages
// linked into tiercost allocate a few MB of type registrations in their
// init functions, which at Go's default target costs two collections
// before main runs, a measurable part of a one-shot command's time, to
// free about 2 MB. Only main imports
// this package; it calls End, then gctarget.Apply, first thing.
//
// A memory limit (Limit) backs the pause: should initialisation ever
// allocate more, the runtime collects at the limit. A GOGC or GOMEMLIMIT
// the user set wins: the pause is skipped.
package startup

import (
	"math"
	"os"
	"runtime/debug"
)

// Limit bounds the heap while collection is off: about ten times what
// initialisation allocates today.
const Limit = 64 << 20

// paused reports whether init turned collection off.
var paused bool

func init() {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	debug.SetMemoryLimit(Limit)
	debug.SetGCPercent(-1)
	paused = true
}

// End ends the pause: Go's default target again and no memory limit
// (gctarget.Apply then sets the process's own target). It does nothing
// when init did not pause.
func End() {
	if !paused {
		return
	}
	debug.SetGCPercent(100)
	debug.SetMemoryLimit(math.MaxInt64)
	paused = false
}
