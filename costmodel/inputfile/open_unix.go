//go:build unix

package inputfile

import "syscall"

// openFlags makes open return at once on a FIFO with no writer; reads of
// regular files are unaffected.
const openFlags = syscall.O_NONBLOCK
