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

// TestMarkdownHasEveryTerm: each term is one table row of the doc, its
// meaning whole (a "|" in it escaped), under a section heading.
func TestMarkdownHasEveryTerm(t *testing.T) {
	var b bytes.Buffer
	if err := Markdown(&b); err != nil {
		t.Fatal(err)
	}
	doc := b.String()
	for _, term := range Terms() {
		if !strings.Contains(doc, "| **"+term.Name+"** |") || !strings.Contains(doc, cell(term.Meaning)+" |\n") {
			t.Errorf("docs/glossary.md lacks %q or its meaning", term.Name)
		}
	}
	if n := strings.Count(doc, "\n## "); n != len(sections) {
		t.Errorf("%d section headings, want %d", n, len(sections))
	}
}

// TestTermsTheIssueNames: the words a new user asked about, and the CLI's
// column headers and labels (tiers, rightsize, forecast, advise, diff,
// breakdown, check), are there, each spelling names one term, and each
// meaning is a sentence. The CLI's tables are not this package's code: a
// new header there needs its spelling here, which this list records.
func TestTermsTheIssueNames(t *testing.T) {
	for _, tc := range []struct{ spelling, term string }{
		// The issue: edge vs origin RPS, fixed vs usage, Δ, lower-bound
		// marks, overload, cost per user, peak factor, SP.
		{"edge RPS", "edge RPS"}, {"origin RPS", "origin RPS"}, {"origin peak", "origin RPS"},
		{"fixed", "fixed cost"}, {"usage", "usage-based cost"}, {"Δ", "Δ"}, {"≥", "lower bound"},
		{"OVERLOADED", "overload"}, {"next action", "next action"}, {"limit", "limit"},
		{"/1k usr", "cost per 1k users"}, {"per 1k users", "cost per 1k users"}, {"peak factor", "peak factor"},
		{"SP", "SP"}, {"purchase options", "purchase options"},
		// tiers
		{"TIER", "tier"}, {"USERS", "users"}, {"PEAK RPS", "edge RPS"}, {"MAIN RESOURCES", "main resources"}, {"+1r", "DB replicas"},
		{"MONTHLY", "/mo"}, {"FIXED", "fixed cost"}, {"USAGE", "usage-based cost"}, {"PER 1K USERS", "cost per 1k users"},
		{"CHANGE", "Δ"}, {"NOT PRICED", "not priced"},
		// rightsize
		{"CURRENT", "current"}, {"FINDING", "finding"}, {"PEAK UTIL NOW", "peak utilization"}, {"PEAK UTIL REC", "peak utilization"},
		{"RISK", "risk"}, {"CURRENT/MO", "current"}, {"RECOMMENDED/MO", "right-sizing"}, {"CHANGE/MO", "Δ"},
		{"Optimized", "right-sizing"}, {"headroom", "headroom"},
		// forecast, advise, diff, breakdown, check
		{"CUMULATIVE", "cumulative"}, {"BUDGET", "budget"}, {"STEP", "Δ"}, {"within budget", "headroom"},
		{"USE NOW", "use"}, {"LIMIT (USERS)", "limit"}, {"p95 wait", "p95 wait"}, {"SCALE-NEXT-ACTION", "next action"},
		{"Delta", "Δ"}, {"price not found", "not priced"}, {"Free resources", "free"}, {"Usage-based", "usage-based cost"},
		{"not modeled", "not modeled"}, {"price_source", "provenance"},
		// TUI labels (its views list theirs; these are the ones it renamed)
		{"Δ vs baseline", "Δ"}, {"hours/month", "duty cycle"}, {"SP coverage", "SP"}, {"response KB", "response size"},
	} {
		got, ok := Lookup(tc.spelling)
		if !ok || got.Name != tc.term {
			t.Errorf("Lookup(%q) = %q, %v; want the term %q", tc.spelling, got.Name, ok, tc.term)
		}
	}
	if _, ok := Lookup("+?"); ok {
		t.Error(`"+?" is back: the lower bound has one mark, ≥`)
	}
	seen := map[string]string{}
	for _, term := range Terms() {
		for _, n := range term.Spellings() {
			k := strings.ToLower(n)
			if prev, dup := seen[k]; dup {
				t.Errorf("%q names both %q and %q", n, prev, term.Name)
			}
			seen[k] = term.Name
		}
		if !strings.HasSuffix(term.Meaning, ".") || len(term.Meaning) < 30 || strings.ToUpper(term.Meaning[:1]) != term.Meaning[:1] {
			t.Errorf("%s: meaning %q is not a sentence", term.Name, term.Meaning)
		}
	}
}
