package components

import "embed"

// Source is this package's Go source. The mocked run's templates carry a
// digest of it (stacks), so that records captured from another version of
// the components are never reused as this one's.
//
//go:embed *.go
var Source embed.FS
