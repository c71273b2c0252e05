// Package golden is the one golden-file helper of this module's tests:
// Assert compares output with a committed file, and `go test -update`
// rewrites the files instead. It is for _test.go files only; nothing the
// CLI or the Pulumi program runs imports it.
package golden

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The -update flag. teatest's own golden package
// (github.com/charmbracelet/x/exp/golden) registers a flag of the same name,
// and a second registration panics, so this one is registered only when it
// is absent. Go initialises packages in import-path order when neither
// depends on the other, so that package's init always runs before this one.
func init() {
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite golden files with the output under test")
	}
}

// Updating reports whether the test binary runs with -update.
func Updating() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

// Assert compares got with the file at path (relative to the package under
// test, e.g. "testdata/table.golden"). Under -update it writes got to path,
// creating its folder, and passes.
func Assert(tb testing.TB, path string, got []byte) {
	tb.Helper()
	if Updating() {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			tb.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			tb.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		tb.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		tb.Errorf("%s differs from the output (go test -update rewrites it; review the diff):\n%s", path, Diff(got, want))
	}
}

// Diff describes where got and want first differ, by line, with the lines
// around it, so a long golden file's failure stays readable.
func Diff(got, want []byte) string {
	g := strings.Split(string(got), "\n")
	w := strings.Split(string(want), "\n")
	i := 0
	for i < len(g) && i < len(w) && g[i] == w[i] {
		i++
	}
	var b strings.Builder
	fmt.Fprintf(&b, "first difference at line %d (got %d lines, want %d)\n", i+1, len(g), len(w))
	for j := max(i-2, 0); j < i; j++ {
		fmt.Fprintf(&b, "  %s\n", g[j])
	}
	for j := i; j < min(i+3, len(w)); j++ {
		fmt.Fprintf(&b, "- %s\n", w[j])
	}
	for j := i; j < min(i+3, len(g)); j++ {
		fmt.Fprintf(&b, "+ %s\n", g[j])
	}
	return b.String()
}
