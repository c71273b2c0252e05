package glossary

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tiercost/tiercost/costmodel/golden"
)

// TestMarkdownIsTheDoc: docs/glossary.md is exactly what Markdown writes
// (go test -update rewrites it).
func TestMarkdownIsTheDoc(t *testing.T) {
	var b bytes.Buffer
	if err := Markdown(&b); err != nil {
		t.Fatal(err)
	}
	golden.Assert(t, filepath.Join("..", "..", "..", "..", "docs", "glossary.md"), b.Bytes())
}

// TestTermsTheIssueNames: the terms a new user asked about are there, each
// defined once, with a meaning that is a sentence.
func TestTermsTheIssueNames(t *testing.T) {
	for _, name := range []string{"edge RPS", "origin RPS", "fixed cost", "usage-based cost", "Δ", "CHANGE", "≥", "+?", "overload",
		"next action", "limit", "cost per 1k users", "/1k usr", "peak factor", "SP", "purchase options"} {
		if _, ok := Lookup(name); !ok {
			t.Errorf("no term for %q", name)
		}
	}
	seen := map[string]string{}
	for _, term := range Terms() {
		for _, n := range append([]string{term.Name}, term.Also...) {
			k := strings.ToLower(n)
			if prev, dup := seen[k]; dup {
				t.Errorf("%q names both %q and %q", n, prev, term.Name)
			}
			seen[k] = term.Name
		}
		if !strings.HasSuffix(term.Meaning, ".") || len(term.Meaning) < 30 {
			t.Errorf("%s: meaning %q is not a sentence", term.Name, term.Meaning)
		}
	}
}
