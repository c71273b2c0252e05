package main

import (
	"fmt"
	"runtime/debug"
	"strings"

	"github.com/tiercost/tiercost/costmodel/catalog"
)

// buildInfo is debug.ReadBuildInfo, swappable in tests.
var buildInfo = debug.ReadBuildInfo

// versionText is what `tiercost --version` prints: the module version, the
// commit it was built from (go build stamps it; go run and go test do not)
// and the embedded price catalog's oldest as-of date, so a bug report
// says which prices the numbers came from.
func versionText() string {
	version, commit, when, modified := "(devel)", "", "", false
	if bi, ok := buildInfo(); ok {
		if v := bi.Main.Version; v != "" {
			version = v
		}
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				commit = s.Value
			case "vcs.time":
				when = s.Value
			case "vcs.modified":
				modified = s.Value == "true"
			}
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "tiercost %s\n", version)
	switch {
	case commit == "":
		b.WriteString("commit:  unknown (go run and go test builds carry none; go build -o tiercost ./cmd/tiercost stamps it)\n")
	default:
		if len(commit) > 12 {
			commit = commit[:12]
		}
		if modified {
			commit += " with uncommitted changes"
		}
		if when != "" {
			commit += ", " + when
		}
		fmt.Fprintf(&b, "commit:  %s\n", commit)
	}
	fmt.Fprintf(&b, "catalog: embedded prices as of %s (the oldest price; tiercost pricing info shows every layer)\n", catalog.Embedded().AsOf)
	return b.String()
}
