package main

import (
	"fmt"
	"runtime/debug"
	"strings"

	"github.com/tiercost/tiercost/costmodel/catalog"
)

// buildInfo is debug.ReadBuildInfo, swappable in tests.
var buildInfo = debug.ReadBuildInfo

// commit is set with -ldflags "-X main.commit=..." where go build cannot
// stamp the commit itself (a git worktree, -buildvcs=false).
var commit string

// versionText is what `tiercost --version` prints: the module version, the
// commit it was built from (go build stamps it; go run and go test do not)
// and the embedded price catalog's oldest as-of date, so a bug report
// says which prices the numbers came from.
func versionText() string {
	version, rev, when, modified := "(devel)", commit, "", false
	if bi, ok := buildInfo(); ok {
		if v := bi.Main.Version; v != "" {
			version = v
		}
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
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
	case rev == "":
		b.WriteString("commit:  unknown (go build stamps it in a git checkout; go run, go test, -buildvcs=false and git worktrees do not: " +
			"build with -ldflags \"-X main.commit=$(git rev-parse --short HEAD)\")\n")
	default:
		if len(rev) > 12 {
			rev = rev[:12]
		}
		if modified {
			rev += " with uncommitted changes"
		}
		if when != "" {
			rev += ", " + when
		}
		fmt.Fprintf(&b, "commit:  %s\n", rev)
	}
	fmt.Fprintf(&b, "catalog: embedded prices as of %s (the oldest price; tiercost pricing info shows every layer)\n", catalog.Embedded().AsOf)
	return b.String()
}
