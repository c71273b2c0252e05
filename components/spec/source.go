package spec

import "embed"

// Source is this package's Go source, fingerprinted with the components'
// (see components.Source): names and instance tables shape the records.
//
//go:embed *.go
var Source embed.FS
