package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/tiercost/tiercost/cmd/tiercost/internal/engine"
)

// These tests run the real engine (the Pulumi program under mocks, the
// pricers and the embedded catalog). requireEngine skips them only while
// engine.Estimate still returns ErrNotWired.

func realCLI(t *testing.T) *cli {
	t.Helper()
	requireEngine(t)
	c := newCLI(t)
	c.opts.Estimate = engine.Estimate
	return c
}

func TestEngineBreakdownEveryTier(t *testing.T) {
	c := realCLI(t)
	prev := decimal.Zero
	for _, tier := range []string{"1k", "10k", "100k", "1m"} {
		r := c.run("breakdown", "--tier", tier, "--format", "json")
		if r.code != 0 {
			t.Fatalf("%s: exit %d: %s", tier, r.code, r.stderr)
		}
		var v struct {
			TotalMonthlyCost string `json:"totalMonthlyCost"`
		}
		if err := json.Unmarshal([]byte(r.stdout), &v); err != nil {
			t.Fatalf("%s: %v", tier, err)
		}
		total := decimal.RequireFromString(v.TotalMonthlyCost)
		// Each tier's architecture is a superset of the one before, so it costs more.
		if !total.GreaterThan(prev) {
			t.Errorf("tier %s costs %s, not more than the tier before (%s)", tier, total, prev)
		}
		prev = total
	}
}

func TestEngineCheckExitCodes(t *testing.T) {
	c := realCLI(t)
	if r := c.run("check", "--tier", "1k", "--budget", "1000000"); r.code != 0 {
		t.Errorf("1k against $1M: exit %d: %s", r.code, r.stderr)
	}
	r := c.run("check", "--tier", "1m", "--budget", "1")
	if r.code != 1 || !strings.Contains(r.stdout, "Largest cost drivers:") || !strings.Contains(r.stdout, "  3. ") {
		t.Errorf("1m against $1: exit %d, stdout:\n%s", r.code, r.stdout)
	}
	if r := c.run("check", "--env", "no-such-env", "--budget", "1"); r.code != 2 {
		t.Errorf("unknown env: exit %d", r.code)
	}
}

func TestEngineResourcesAndReport(t *testing.T) {
	c := realCLI(t)
	r := c.run("resources", "--tier", "1k")
	if r.code != 0 || !strings.Contains(r.stdout, "aws:") {
		t.Fatalf("resources: exit %d: %s", r.code, r.stderr)
	}
	out := filepath.Join(c.opts.WorkDir, "tiers.html")
	if r := c.run("report", "--all-tiers", "--format", "html", "--output", out); r.code != 0 {
		t.Fatalf("report: exit %d: %s", r.code, r.stderr)
	}
	data, err := os.ReadFile(out)
	if err != nil || !strings.Contains(string(data), `id="chart-tiers"`) {
		t.Fatalf("report html: %v", err)
	}
	if r := c.run("rightsize", "--tier", "100k"); r.code != 0 {
		t.Errorf("rightsize: exit %d: %s", r.code, r.stderr)
	}
}
