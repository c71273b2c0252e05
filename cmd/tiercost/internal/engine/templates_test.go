package engine

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/tiercost/tiercost/components/spec"
	"github.com/tiercost/tiercost/costmodel/golden"
	"github.com/tiercost/tiercost/environments"
	"github.com/tiercost/tiercost/stacks"
)

// learnCommonShapes learns, from nothing, the templates of every
// environment and tier with the next action's before and after, and
// returns them as stacks.ExportTemplates writes them.
func learnCommonShapes(t *testing.T) []byte {
	t.Helper()
	stacks.Preload(nil)
	stacks.ResetTemplates()
	defer func() {
		stacks.ResetTemplates()
		stacks.Preload(templates)
	}()
	var reqs []Request
	for _, env := range environments.Names() {
		reqs = append(reqs, Request{Source: Source{Environment: env}})
	}
	for _, tier := range spec.Tiers {
		reqs = append(reqs, Request{Source: Source{Tier: tier}})
	}
	before := stacks.Stats()
	for _, req := range reqs {
		req.WorkDir, req.Findings = t.TempDir(), true
		if _, err := Estimate(req); err != nil {
			t.Fatal(err)
		}
	}
	// A shape that cannot be learned is missing from the file, and every
	// new process would run the program for it.
	if after := stacks.Stats(); after.Mocked != before.Mocked {
		t.Errorf("%d specs of the common shapes could not be answered from a template", after.Mocked-before.Mocked)
	}
	var buf bytes.Buffer
	if err := stacks.ExportTemplates(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestEmbeddedTemplates checks that templates.jsonl is what the program
// teaches now (go test -update rewrites it), and that this binary uses it.
func TestEmbeddedTemplates(t *testing.T) {
	got := learnCommonShapes(t)
	if golden.Updating() {
		if err := os.WriteFile("templates.jsonl", got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if err := stacks.PreloadError(); err != nil {
		t.Errorf("%v: run go test ./cmd/tiercost/internal/engine -run TestEmbeddedTemplates -update", err)
	}
	if !bytes.Equal(got, templates) {
		gl, wl := strings.Split(string(got), "\n"), strings.Split(string(templates), "\n")
		t.Errorf("templates.jsonl (%d shapes) is not what the program teaches now (%d shapes): run go test ./cmd/tiercost/internal/engine -run TestEmbeddedTemplates -update", len(wl)-2, len(gl)-2)
	}
}
