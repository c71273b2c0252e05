//go:build !unix

package inputfile

// openFlags: elsewhere the type check before opening is the guard.
const openFlags = 0
