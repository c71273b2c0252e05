// Package iactest owns the synthetic stack exports that tests and
// benchmarks read: the hand-written fixture export's resources repeated
// under new names up to a given count, written as `pulumi stack export`
// writes them (indented). One generator, so that every benchmark of a
// "10,000-resource export" reads the same file.
package iactest

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// FixtureExport is the hand-written stack export every synthetic export
// repeats: testdata/stacks/export.json at the module root.
func FixtureExport(tb testing.TB) string {
	tb.Helper()
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		tb.Fatal("iactest: cannot locate the module root")
	}
	return filepath.Join(filepath.Dir(file), "..", "..", "..", "testdata", "stacks", "export.json")
}

// SyntheticExport writes a stack export of n resources and returns its
// path. After the first copy the Stack and the provider are not repeated;
// each copy's URNs and IDs gain a "-i" suffix, so every resource is
// distinct. The file is cached in the temp folder across runs.
func SyntheticExport(tb testing.TB, n int) string {
	tb.Helper()
	path := filepath.Join(os.TempDir(), fmt.Sprintf("tiercost-export-%d.json", n))
	if _, err := os.Stat(path); err == nil {
		return path
	}
	data, err := os.ReadFile(FixtureExport(tb))
	if err != nil {
		tb.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(data, &doc); err != nil {
		tb.Fatal(err)
	}
	dep := doc["deployment"].(map[string]any)
	base := dep["resources"].([]any)
	var out []any
	for i := 0; len(out) < n; i++ {
		for _, r := range base {
			m := r.(map[string]any)
			typ, _ := m["type"].(string)
			if i > 0 && (typ == "pulumi:pulumi:Stack" || typ == "pulumi:providers:aws") {
				continue
			}
			c := map[string]any{}
			for k, v := range m {
				c[k] = v
			}
			if i > 0 {
				c["urn"] = fmt.Sprintf("%s-%d", m["urn"], i)
				if id, ok := m["id"].(string); ok {
					c["id"] = fmt.Sprintf("%s-%d", id, i)
				}
			}
			out = append(out, c)
			if len(out) == n {
				break
			}
		}
	}
	dep["resources"] = out
	enc, err := json.MarshalIndent(doc, "", "    ")
	if err != nil {
		tb.Fatal(err)
	}
	tmp := fmt.Sprintf("%s.%d.tmp", path, os.Getpid())
	if err := os.WriteFile(tmp, enc, 0o644); err != nil {
		tb.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		tb.Fatal(err)
	}
	return path
}
