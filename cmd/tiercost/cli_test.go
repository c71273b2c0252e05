package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/tiercost/tiercost/cmd/tiercost/internal/deploy"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/tiercost/tiercost/costmodel/catalog"
	"github.com/tiercost/tiercost/costmodel/golden"
	"github.com/tiercost/tiercost/costmodel/output/outputtest"
)

// TestExitCodes runs each command with good and bad input and checks the
// exit code, that the error is one line on stderr and nothing else leaked
// to stdout.
func TestExitCodes(t *testing.T) {
	for _, tc := range []struct {
		name   string
		args   []string
		env    map[string]string
		files  map[string]string // relative to the working folder
		code   int
		stderr string // substring; "" = stderr must be empty
		stdout string // substring
	}{
		// The fixtures leave a WAF (unsupported) and, at 1k, the RDS gp3
		// storage unpriced: the budget cases allow that, and the gate cases
		// check it.
		{name: "check within budget", args: []string{"check", "--env", "dev", "--allow-unpriced"}, code: 0,
			stdout: "PASS budget: ≥ $44.14 a month is within the budget of $100.00 (budget_monthly_usd of environment dev) on what is priced: at most $55.86 headroom", // 100 − 44.137 = 55.863
			stderr: "warning: dev in us-east-1: 2 items not priced: the catalog cannot price everything, so totals are lower bounds"},
		{name: "check over budget", args: []string{"check", "--env", "prod", "--allow-unpriced"}, code: 1,
			stdout: "FAIL budget: ≥ $179.61 a month is over the budget of $150.00", stderr: "prod failed the cost check: budget\n"}, // 179.605 − 150 = 29.61
		{name: "check flag budget over", args: []string{"check", "--tier", "1k", "--budget", "44.13", "--allow-unpriced"}, code: 1,
			stderr: "tier-1k failed the cost check: budget",                 // billed 44.14 − 44.13 = 0.01
			stdout: "1. tc-alb (aws:lb/loadBalancer:LoadBalancer): $17.59"}, // 16.425 + 1.168 = 17.593 (outputtest fixture)
		{name: "check flag budget equal is within", args: []string{"check", "--tier", "1k", "--budget", "44.137", "--allow-unpriced"}, code: 0,
			stdout: "on what is priced: at most $0.00 headroom", stderr: "totals are lower bounds"},
		{name: "check incomplete fails naming the items", args: []string{"check", "--env", "dev"}, code: 1,
			stdout: "FAIL incomplete: the total ≥ $44.14 is a lower bound, 2 items not priced in us-east-1: " +
				"tc-waf (unsupported type aws:wafv2/webAcl:WebAcl); tc-db: Storage (general purpose SSD, gp3) (--allow-unpriced passes it)",
			stderr: "dev failed the cost check: incomplete\n"},
		{name: "check incomplete and over budget", args: []string{"check", "--env", "prod"}, code: 1,
			stderr: "prod failed the cost check: budget, incomplete\n"},
		{name: "check overloaded fails naming the layer", args: []string{"check", "--env", "hot", "--allow-unpriced"}, code: 1,
			stdout: "FAIL overloaded: database memory at 373 % of capacity at peak (db.t4g.micro primary; carries about 268,000 users, the estimate has 1,000) (--allow-overload passes it)",
			stderr: "hot failed the cost check: overloaded\n"},
		{name: "check overload allowed", args: []string{"check", "--env", "hot", "--allow-unpriced", "--allow-overload"}, code: 0,
			stdout: "PASS overloaded: database memory at 373 % of capacity at peak", stderr: "totals are lower bounds"},
		{name: "check no budget", args: []string{"check", "--tier", "1k"}, code: 2, stderr: "--budget: no budget applies to tier-1k"},
		{name: "check negative budget", args: []string{"check", "--tier", "1k", "--budget", "-5"}, code: 2,
			stderr: "--budget: -5 is out of range; allowed: more than 0"},
		{name: "check absurd budget", args: []string{"check", "--tier", "1k", "--budget", "1e12"}, code: 2, stderr: "out of range"},
		{name: "check budget not a number", args: []string{"check", "--tier", "1k", "--budget", "lots"}, code: 2,
			stderr: `--budget: "lots" is not a number of US dollars; allowed: an amount a month`},
		{name: "check no target", args: []string{"check"}, code: 2, stderr: "nothing to check; allowed: SOURCE"},
		{name: "two targets", args: []string{"breakdown", "--env", "dev", "--tier", "1k"}, code: 2, stderr: "--env, --tier: only one may be given"},
		{name: "unknown env", args: []string{"breakdown", "--env", "nope"}, code: 2, stderr: `environment "nope" is unknown; allowed: dev, prod`},
		{name: "bad env name", args: []string{"breakdown", "--env", "Prod!"}, code: 2, stderr: `--env: "Prod!" is not an environment name`},
		{name: "unknown tier", args: []string{"breakdown", "--tier", "5k"}, code: 2, stderr: `--tier: tier "5k" is unknown; did you mean 1k? allowed: 1k, 10k, 100k, 1m`},
		{name: "unknown region", args: []string{"breakdown", "--tier", "1k", "--region", "eu-north-9"}, code: 2,
			stderr: `--region: "eu-north-9" is unknown to the price catalog; allowed: af-south-1`},
		{name: "malformed region from env", args: []string{"breakdown", "--tier", "1k"}, env: map[string]string{"TIERCOST_REGION": "mars"}, code: 2,
			stderr: `TIERCOST_REGION: "mars" is not an AWS region code`},
		{name: "unknown format", args: []string{"breakdown", "--tier", "1k", "--format", "xml"}, code: 2, stderr: `--format: "xml" is unknown; allowed: table, json`},
		{name: "unknown purchase", args: []string{"breakdown", "--tier", "1k", "--purchase", "spot"}, code: 2, stderr: `--purchase: "spot" is unknown; allowed: on-demand`},
		{name: "negative monthly hours", args: []string{"breakdown", "--tier", "1k", "--monthly-hours", "-1"}, code: 2,
			stderr: "--monthly-hours: -1 is out of range; allowed: 0 (730, always on) to 744"},
		{name: "coverage over 100", args: []string{"breakdown", "--tier", "1k", "--savings-plan-coverage", "150"}, code: 2,
			stderr: "--savings-plan-coverage: 150 is out of range; allowed: 0 to 100"},
		{name: "env var not a number", args: []string{"breakdown", "--tier", "1k"}, env: map[string]string{"TIERCOST_MONTHLY_HOURS": "abc"}, code: 2,
			stderr: `TIERCOST_MONTHLY_HOURS: "abc" is not a number`},
		{name: "missing stack export", args: []string{"breakdown", "--stack-export", "nope.json"}, code: 2, stderr: "--stack-export: nope.json: file not found"},
		{name: "missing usage file", args: []string{"breakdown", "--tier", "1k", "--usage", "nope.yml"}, code: 2, stderr: "--usage: nope.yml: file not found"},
		{name: "missing catalog", args: []string{"breakdown", "--tier", "1k", "--catalog", "nope.json"}, code: 2, stderr: "--catalog: nope.json: file not found"},
		{name: "malformed catalog", args: []string{"breakdown", "--tier", "1k", "--catalog", "bad.json"}, files: map[string]string{"bad.json": "{"}, code: 2,
			stderr: "bad.json"},
		{name: "unknown flag", args: []string{"breakdown", "--bogus"}, code: 2, stderr: "--bogus: unknown flag for tiercost breakdown; see tiercost breakdown --help"},
		{name: "unknown command", args: []string{"estimate"}, code: 2, stderr: `unknown command "estimate"`},
		{name: "malformed config YAML", args: []string{"breakdown", "--tier", "1k"}, files: map[string]string{"tiercost.yaml": "region: [us-east-1\n"}, code: 2,
			stderr: "tiercost.yaml: line 1: did not find expected \",\" or \"]\"; allowed: one YAML document"},
		{name: "unknown config key", args: []string{"breakdown", "--tier", "1k"}, files: map[string]string{"tiercost.yaml": "regoin: us-east-1\n"}, code: 2,
			stderr: "tiercost.yaml: line 1: regoin: unknown field; allowed: budget, catalog"},
		{name: "bad config value", args: []string{"breakdown", "--tier", "1k"}, files: map[string]string{"tiercost.yaml": "monthly-hours: 1000\n"}, code: 2,
			stderr: "tiercost.yaml: monthly-hours: 1000 is out of range"},
		{name: "missing explicit config", args: []string{"breakdown", "--tier", "1k", "--config", "nope.yaml"}, code: 2, stderr: "--config: nope.yaml: config file not found"},
		{name: "forecast months too many", args: []string{"forecast", "--env", "prod", "--months", "121"}, code: 2, stderr: "--months: 121 is out of range; allowed: 1 to 120"},
		{name: "forecast growth too negative", args: []string{"forecast", "--env", "prod", "--growth", "-60"}, code: 2, stderr: "--growth: -60% is out of range; allowed: -50 to 100"},
		{name: "forecast no target", args: []string{"forecast"}, code: 2, stderr: "nothing to estimate; allowed: one of --env NAME or --tier NAME"},
		{name: "diff one source", args: []string{"diff", "tier:1k"}, code: 2, stderr: "diff needs two sources, got 1"},
		{name: "diff missing file", args: []string{"diff", "old.json", "tier:1k"}, code: 2, stderr: "old.json: file not found"},
		{name: "diff malformed JSON", args: []string{"diff", "old.json", "tier:1k"}, files: map[string]string{"old.json": `{"version":`}, code: 2,
			stderr: "old.json: line 1, column 12: unexpected end of JSON input; allowed: a breakdown JSON file"},
		{name: "diff unknown tier", args: []string{"diff", "tier:2k", "tier:1k"}, code: 2, stderr: `tier:2k: --tier: tier "2k" is unknown`},
		{name: "report unknown format", args: []string{"report", "--tier", "1k", "--format", "pdf", "--output", "r.pdf"}, code: 2,
			stderr: `--format: "pdf" is unknown; allowed: markdown, html, csv, focus, json`},
		{name: "report no output", args: []string{"report", "--tier", "1k"}, code: 2, stderr: "--output: missing"},
		{name: "tui not connected", args: []string{"tui"}, code: 2, stderr: "the terminal UI is not available in this build"},
		{name: "panic becomes exit 2", args: []string{"breakdown", "--env", "panic"}, code: 2, stderr: "tiercost: internal error: fixture panic"},
		{name: "pricing import missing file", args: []string{"pricing", "import", "nope.json", "--catalog", "out.json"}, code: 2, stderr: "nope.json: file not found"},
		{name: "pricing diff one file", args: []string{"pricing", "diff", "a.json"}, code: 2, stderr: "needs two catalog files"},
		{name: "pricing fetch unknown service", args: []string{"pricing", "fetch", "--region", "us-east-1", "--service", "AmazonFoo"}, code: 2,
			stderr: `--service: "AmazonFoo" is unknown; allowed:`},
		{name: "pricing fetch no region", args: []string{"pricing", "fetch"}, code: 2, stderr: "--region: missing"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := newCLI(t)
			for k, v := range tc.env {
				t.Setenv(k, v)
			}
			for name, content := range tc.files {
				c.write(name, content)
			}
			t.Chdir(c.opts.WorkDir)
			r := c.run(tc.args...)
			if r.code != tc.code {
				t.Fatalf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", r.code, tc.code, r.stdout, r.stderr)
			}
			if !strings.Contains(r.unwrapped(), tc.stdout) {
				t.Errorf("stdout lacks %q:\n%s", tc.stdout, r.stdout)
			}
			if tc.code == 2 {
				if r.stdout != "" {
					t.Errorf("stdout not empty on a usage error:\n%s", r.stdout)
				}
				if strings.Count(strings.TrimSpace(r.stderr), "\n") != 0 || !strings.HasPrefix(r.stderr, "tiercost: ") {
					t.Errorf("stderr is not one tiercost: line:\n%s", r.stderr)
				}
			}
			switch {
			case tc.stderr != "" && !strings.Contains(r.stderr, tc.stderr):
				t.Errorf("stderr lacks %q:\n%s", tc.stderr, r.stderr)
			case tc.stderr == "" && r.stderr != "":
				t.Errorf("stderr not empty:\n%s", r.stderr)
			}
		})
	}
}

func TestBreakdown(t *testing.T) {
	c := newCLI(t)
	r := c.run("breakdown", "--tier", "1k")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	golden.Assert(t, filepath.Join("testdata", "breakdown_1k.golden"), []byte(r.stdout))
	// Warn exactly when the embedded catalog's oldest price is over 90 days
	// old on the test's date (it is from 2024 as of writing).
	days, _ := catalog.Age(catalog.Default(), now)
	if warned := strings.Contains(r.stderr, "warning: the price catalog's oldest price is from"); warned != (days > 90) {
		t.Errorf("stale warning %v for a catalog %d days old:\n%s", warned, days, r.stderr)
	}

	r = c.run("breakdown", "--tier", "1k", "--format", "json")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	golden.Assert(t, filepath.Join("testdata", "breakdown_1k.json"), []byte(r.stdout))
	if v := outputtest.SchemaViolations(t, []byte(r.stdout)); len(v) > 0 {
		t.Errorf("breakdown json breaks Infracost's schema:\n%s", strings.Join(v, "\n"))
	}
	var v map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &v); err != nil {
		t.Fatalf("stdout is not JSON: %v", err)
	}
	if v["totalMonthlyCost"] != "44.137" {
		t.Errorf("totalMonthlyCost %v, want 44.137", v["totalMonthlyCost"])
	}
}

func TestBreakdownPassesWhatIfs(t *testing.T) {
	c := newCLI(t)
	r := c.run("breakdown", "--tier", "1k", "--purchase", "reserved-1yr-no-upfront", "--savings-plan-coverage", "40",
		"--free-tier", "--monthly-hours", "360", "--region", "eu-west-1", "--show-provenance", "--wide")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	req := c.engine.last()
	o := req.Overlay
	if req.Tier != "1k" || o["region"] != "eu-west-1" || o["purchase"] != "reserved-1yr-no-upfront" || o["savings_plan_coverage"] != "40" || o["free_tier"] != "true" || o["monthly_hours"] != "360" {
		t.Errorf("request = %+v", req)
	}
	// --wide: the provenance column keeps each cell on one line.
	if !strings.Contains(r.stdout, "embedded @ 2026-08-27") {
		t.Errorf("--show-provenance did not add the provenance column:\n%s", r.stdout)
	}
}

func TestResources(t *testing.T) {
	c := newCLI(t)
	r := c.run("resources", "--tier", "1k")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	golden.Assert(t, filepath.Join("testdata", "resources_1k.golden"), []byte(r.stdout))
	r = c.run("resources", "--tier", "1k", "--format", "json")
	var doc struct {
		Resources []map[string]any `json:"resources"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil || len(doc.Resources) != 3 {
		t.Fatalf("resources json: %v, %d records", err, len(doc.Resources))
	}
	for _, rec := range doc.Resources {
		for _, k := range []string{"type", "name", "urn", "parent", "inputs"} {
			if _, ok := rec[k]; !ok {
				t.Errorf("resource %v has no %q", rec["name"], k)
			}
		}
	}
}

func TestTiers(t *testing.T) {
	c := newCLI(t)
	r := c.run("tiers")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	golden.Assert(t, filepath.Join("testdata", "tiers.golden"), []byte(r.stdout))
	r = c.run("tiers", "--format", "json")
	golden.Assert(t, filepath.Join("testdata", "tiers.json"), []byte(r.stdout))
	var doc struct {
		Version          string  `json:"version"`
		TotalMonthlyCost *string `json:"totalMonthlyCost"`
		Projects         []struct {
			Name     string `json:"name"`
			Metadata struct {
				Providers []struct {
					Name        string            `json:"name"`
					DefaultTags map[string]string `json:"defaultTags"`
				} `json:"providers"`
			} `json:"metadata"`
		} `json:"projects"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Version != "0.2" || len(doc.Projects) != 4 {
		t.Fatalf("tiers json: version %q, %d projects", doc.Version, len(doc.Projects))
	}
	// The tiers are alternatives: there is no overall total to add up.
	if doc.TotalMonthlyCost != nil {
		t.Errorf("tiers json has an overall total %s", *doc.TotalMonthlyCost)
	}
	meta := func(i int) map[string]string { return doc.Projects[i].Metadata.Providers[0].DefaultTags }
	for i, tier := range []string{"1k", "10k", "100k", "1m"} {
		if m := meta(i); m["tier"] != tier || m["users"] == "" || m["alternatives"] != "true" || m["alternativesCount"] != "4" {
			t.Errorf("project %d metadata = %v, want tier %s, its users and that it is one of 4 alternatives", i, m, tier)
		}
	}
	// 10k − 1k: 179.605 − 44.137 = 135.468
	if got := meta(1)["deltaMonthlyCost"]; got != "135.468" {
		t.Errorf("10k delta = %q, want 135.468", got)
	}
	if v := outputtest.SchemaViolations(t, []byte(r.stdout)); len(v) > 0 {
		t.Errorf("tiers json breaks Infracost's schema:\n%s", strings.Join(v, "\n"))
	}
}

func TestNoSubcommand(t *testing.T) {
	t.Run("not a terminal prints the tiers table", func(t *testing.T) {
		c := newCLI(t)
		c.opts.RunTUI = func(context.Context, TUIRequest) error { t.Error("TUI started without a terminal"); return nil }
		r := c.run()
		if r.code != 0 || !strings.HasPrefix(r.stdout, "TIER") {
			t.Fatalf("exit %d, stdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
		}
	})
	t.Run("a terminal starts the TUI", func(t *testing.T) {
		c := newCLI(t)
		started := false
		c.opts.IsTerminal = func(io.Writer) bool { return true }
		c.opts.RunTUI = func(_ context.Context, r TUIRequest) error {
			started = r.Env == "" && r.Base.Catalog != nil
			return nil
		}
		if r := c.run(); r.code != 0 || !started {
			t.Fatalf("exit %d, TUI started %v", r.code, started)
		}
	})
	t.Run("tui --env passes the env", func(t *testing.T) {
		c := newCLI(t)
		var got TUIRequest
		c.opts.RunTUI = func(_ context.Context, r TUIRequest) error { got = r; return nil }
		c.opts.IsTerminal = func(io.Writer) bool { return true }
		if r := c.run("tui", "--env", "prod", "--region", "eu-west-1"); r.code != 0 || got.Env != "prod" || got.Base.Overlay["region"] != "eu-west-1" {
			t.Fatalf("exit %d, request %+v", r.code, got)
		}
	})
	t.Run("tui without a terminal says so", func(t *testing.T) {
		c := newCLI(t)
		c.opts.RunTUI = func(context.Context, TUIRequest) error { t.Error("TUI started without a terminal"); return nil }
		if r := c.run("tui"); r.code != 2 || !strings.Contains(r.stderr, "needs a terminal") {
			t.Fatalf("exit %d: %s", r.code, r.stderr)
		}
	})
	t.Run("tui with an unknown environment", func(t *testing.T) {
		c := newCLI(t)
		c.opts.IsTerminal = func(io.Writer) bool { return true }
		if r := c.run("tui", "--env", "qa"); r.code != 2 || !strings.Contains(r.stderr, `"qa" is unknown`) {
			t.Fatalf("exit %d: %s", r.code, r.stderr)
		}
	})
}

func TestDiff(t *testing.T) {
	c := newCLI(t)
	saved := c.run("breakdown", "--tier", "1k", "--format", "json")
	r := c.run("diff", c.write("saved.json", saved.stdout), "tier:10k")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	golden.Assert(t, filepath.Join("testdata", "diff_saved_10k.golden"), []byte(r.stdout))
	// 179.605 − 44.137 = +135.468
	if !strings.Contains(r.stdout, "+$135.47") {
		t.Errorf("diff lacks +$135.47:\n%s", r.stdout)
	}
	r = c.run("diff", "tier:1k", "tier:10k", "--format", "json")
	var v map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &v); err != nil || v["diffTotalMonthlyCost"] != "135.468" {
		t.Fatalf("diff json: %v, %v", err, v["diffTotalMonthlyCost"])
	}
	if r := c.run("diff", "export:"+c.write("stack.json", "{}"), "tier:1k"); r.code != 0 {
		t.Errorf("export: source: exit %d: %s", r.code, r.stderr)
	}
	if got := c.engine.last(); got.Tier != "1k" {
		t.Errorf("last request %+v", got)
	}
}

func TestReport(t *testing.T) {
	for _, format := range []string{"markdown", "html", "csv", "json"} {
		t.Run(format, func(t *testing.T) {
			c := newCLI(t)
			out := filepath.Join(c.opts.WorkDir, "report."+format)
			r := c.run("report", "--all-tiers", "--format", format, "--output", out, "--budget", "500")
			if r.code != 0 {
				t.Fatalf("exit %d: %s", r.code, r.stderr)
			}
			if r.stdout != "" {
				t.Errorf("stdout not empty with --output:\n%s", r.stdout)
			}
			data, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			// The embedded catalog's date belongs to the catalog package; keep
			// it out of the golden file.
			_, asOf := catalog.Age(catalog.Default(), now)
			golden.Assert(t, filepath.Join("testdata", "report_all_tiers."+format), bytes.ReplaceAll(data, []byte(asOf), []byte("CATALOG-AS-OF")))
			entries, _ := os.ReadDir(c.opts.WorkDir)
			if len(entries) != 1 {
				t.Errorf("working folder holds %d entries, want only the report (temp file left?)", len(entries))
			}
		})
	}
}

// The tiers are alternative futures: a FOCUS export of all of them writes
// one file per tier, named after --output, and never one file to sum.
func TestReportFOCUSOneFilePerTier(t *testing.T) {
	c := newCLI(t)
	out := filepath.Join(c.opts.WorkDir, "tiers.focus.csv")
	r := c.run("report", "--all-tiers", "--format", "focus", "--output", out)
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	_, asOf := catalog.Age(catalog.Default(), now)
	for _, tier := range []string{"1k", "10k", "100k", "1m"} {
		path := filepath.Join(c.opts.WorkDir, "tiers-"+tier+".focus.csv")
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("tier %s: %v", tier, err)
		}
		if !strings.Contains(r.stderr, "wrote "+path) {
			t.Errorf("stderr does not name %s:\n%s", path, r.stderr)
		}
		golden.Assert(t, filepath.Join("testdata", "report_all_tiers-"+tier+".focus"), bytes.ReplaceAll(data, []byte(asOf), []byte("CATALOG-AS-OF")))
		rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		col := slices.Index(rows[0], "x_Tier")
		for _, row := range rows[1:] {
			if row[col] != tier {
				t.Errorf("%s holds a row of tier %s", path, row[col])
			}
		}
	}
	entries, _ := os.ReadDir(c.opts.WorkDir)
	if len(entries) != 4 {
		t.Errorf("working folder holds %d entries, want the 4 tier files", len(entries))
	}
	r = c.run("report", "--all-tiers", "--format", "focus", "--output", "-")
	if r.code != 2 || !strings.Contains(r.stderr, "--output: - (stdout) cannot hold several tiers' FOCUS files") {
		t.Errorf("stdout: exit %d, stderr %q", r.code, r.stderr)
	}
}

func TestReportLeavesNoFileOnError(t *testing.T) {
	c := newCLI(t)
	for _, tc := range []struct{ name, out string }{
		{"missing folder", filepath.Join(c.opts.WorkDir, "nope", "r.md")},
		{"output is a folder", c.opts.WorkDir},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := c.run("report", "--tier", "1k", "--format", "markdown", "--output", tc.out)
			if r.code != 2 || !strings.Contains(r.stderr, "--output: ") {
				t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
			}
			entries, _ := os.ReadDir(c.opts.WorkDir)
			if len(entries) != 0 {
				t.Errorf("left %d entries behind", len(entries))
			}
		})
	}
	t.Run("engine error", func(t *testing.T) {
		out := filepath.Join(c.opts.WorkDir, "r.md")
		r := c.run("report", "--env", "nope", "--format", "markdown", "--output", out)
		if r.code != 2 {
			t.Fatalf("exit %d", r.code)
		}
		if _, err := os.Stat(out); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("report file exists after a failed run")
		}
	})
}

func TestWriteOutputRenderFailure(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "r.txt")
	err := writeOutput(io.Discard, out, func(w io.Writer) error {
		io.WriteString(w, "half")
		return errors.New("render failed")
	})
	if err == nil {
		t.Fatal("no error")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("left %d entries behind after a failed render", len(entries))
	}
}

func TestForecast(t *testing.T) {
	c := newCLI(t)
	r := c.run("forecast", "--env", "prod", "--months", "12", "--growth", "10", "--format", "json")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	var f struct {
		Months []struct {
			Users       float64 `json:"users"`
			MonthlyCost string  `json:"monthlyCost"`
		} `json:"months"`
		BudgetCrossedMonth int `json:"budgetCrossedMonth"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &f); err != nil {
		t.Fatal(err)
	}
	// The fake prod result has 10,000 users and costs 179.605 (over its $150
	// budget from month 1).
	if len(f.Months) != 12 || f.Months[0].MonthlyCost != "179.605" || f.BudgetCrossedMonth != 1 {
		t.Errorf("forecast = %+v", f)
	}
	if req := c.engine.last(); req.Overlay["users"] == "" || req.Environment != "prod" {
		t.Errorf("forecast did not price through the engine with a user count: %+v", req)
	}
	if r := c.run("forecast", "--env", "prod", "--months", "12", "--growth", "10"); r.code != 0 || r.stdout == "" {
		t.Errorf("forecast table: exit %d: %s", r.code, r.stderr)
	}
}

func TestUp(t *testing.T) {
	for _, tc := range []struct {
		name     string
		args     []string
		stdin    string
		code     int
		deployed bool
		stdout   string
	}{
		{"yes deploys", []string{"up", "--env", "dev", "--yes", "--allow-unpriced"}, "", 0, true, "within budget ($100.00)\npreview: 3 to create\nfixture: 3 created"},
		{"confirm y twice deploys", []string{"up", "--env", "dev", "--allow-unpriced"}, "y\ny\n", 0, true, "Run pulumi preview for dev? [y/N] preview: 3 to create\nDeploy dev? [y/N] fixture"},
		{"confirm y then n previews only", []string{"up", "--env", "dev", "--allow-unpriced"}, "y\nn\n", 0, false, "preview: 3 to create\nDeploy dev? [y/N] not deployed"},
		{"confirm n does not", []string{"up", "--env", "dev", "--allow-unpriced"}, "n\n", 0, false, "not deployed"},
		{"no answer does not", []string{"up", "--env", "dev", "--allow-unpriced"}, "", 0, false, "not deployed"},
		{"over budget refuses", []string{"up", "--env", "prod", "--yes", "--allow-unpriced"}, "", 1, false, "OVER BUDGET by $29.61"},
		{"over budget allowed", []string{"up", "--env", "prod", "--yes", "--allow-over-budget", "--allow-unpriced"}, "", 0, true, "OVER BUDGET"},
		{"incomplete refuses", []string{"up", "--env", "dev", "--yes"}, "", 1, false, "FAIL incomplete: the total ≥ $44.14 is a lower bound, 2 items not priced"},
		{"overloaded refuses", []string{"up", "--env", "hot", "--yes", "--allow-unpriced"}, "", 1, false, "FAIL overloaded: database memory at 373 %"},
		{"overload allowed", []string{"up", "--env", "hot", "--yes", "--allow-unpriced", "--allow-overload"}, "", 0, false, "note: overloaded: database memory at 373 %"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := newCLI(t)
			c.stdin = tc.stdin
			c.opts.StdinIsTerminal = func(io.Reader) bool { return true }
			deployed := false
			c.opts.Deployer = fakeDeployer{up: func(env string) { deployed = env == "dev" || env == "prod" }}
			r := c.run(tc.args...)
			if r.code != tc.code || deployed != tc.deployed || !strings.Contains(r.stdout, tc.stdout) {
				t.Fatalf("exit %d deployed %v, want %d %v\nstdout:\n%s\nstderr:\n%s", r.code, deployed, tc.code, tc.deployed, r.stdout, r.stderr)
			}
		})
	}
	// No terminal on stdin and no --yes: nobody can confirm, so up fails
	// (exit 2) before the preview, rather than printing "not deployed" and
	// exiting 0.
	for _, stdin := range []string{"", "y\ny\n"} {
		t.Run(fmt.Sprintf("no terminal, no --yes, stdin %q", stdin), func(t *testing.T) {
			c := newCLI(t)
			c.stdin = stdin
			c.opts.StdinIsTerminal = func(io.Reader) bool { return false }
			deployed, previewed := false, false
			c.opts.Deployer = fakeDeployer{up: func(string) { deployed = true }, preview: func() { previewed = true }}
			r := c.run("up", "--env", "dev")
			if r.code != 2 || deployed || previewed || !strings.Contains(r.stderr, "up: stdin is not a terminal") || !strings.Contains(r.stderr, "--yes") {
				t.Fatalf("exit %d deployed %v previewed %v\nstderr: %s", r.code, deployed, previewed, r.stderr)
			}
		})
	}
	t.Run("missing pulumi CLI is explained", func(t *testing.T) {
		c := newCLI(t)
		c.opts.Deployer = fakeDeployer{check: errors.New("the pulumi CLI is not on PATH: install it")}
		if r := c.run("up", "--env", "dev", "--yes", "--allow-unpriced"); r.code != 2 || !strings.Contains(r.stderr, "pulumi CLI is not on PATH") {
			t.Fatalf("exit %d: %s", r.code, r.stderr)
		}
	})
	t.Run("no deployer", func(t *testing.T) {
		c := newCLI(t)
		if r := c.run("up", "--env", "dev", "--yes", "--allow-unpriced"); r.code != 2 || !strings.Contains(r.stderr, "deployments are not available") {
			t.Fatalf("exit %d: %s", r.code, r.stderr)
		}
	})
}

func TestPricingInfoAndDiff(t *testing.T) {
	c := newCLI(t)
	old := writeLayer(t, filepath.Join(c.opts.WorkDir, "old.json"), "0.0168")
	nw := writeLayer(t, filepath.Join(c.opts.WorkDir, "new.json"), "0.0175")
	r := c.run("pricing", "diff", old, nw, "--format", "json")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	var changes []struct {
		Kind    string `json:"kind"`
		Percent string `json:"percent"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &changes); err != nil {
		t.Fatal(err)
	}
	// (0.0175 − 0.0168) / 0.0168 × 100 = 4.1666…
	if len(changes) != 1 || !dec(changes[0].Percent).Round(4).Equal(dec("4.1667")) {
		t.Errorf("changes = %+v", changes)
	}
	r = c.run("pricing", "diff", old, nw)
	if r.code != 0 || !strings.Contains(r.stdout, "4.1667%") || !strings.Contains(r.stdout, "1 price differs") {
		t.Errorf("pricing diff table: exit %d:\n%s", r.code, r.stdout)
	}
	r = c.run("pricing", "info", "--catalog", nw)
	if r.code != 0 || !strings.Contains(r.stdout, "1. "+nw+" (as of 2026-11-01)") {
		t.Errorf("pricing info table: exit %d:\n%s%s", r.code, r.stdout, r.stderr)
	}
	r = c.run("pricing", "info", "--catalog", nw, "--format", "json")
	if r.code != 0 || !strings.Contains(r.stdout, nw) || !strings.Contains(r.stdout, `"embedded"`) {
		t.Fatalf("exit %d, info:\n%s\n%s", r.code, r.stdout, r.stderr)
	}
}

// TestSizedEnvironment covers the commands that read the spec and workload:
// rightsize and the report's assumptions, right-sizing and findings. The
// figures belong to the capacity package, so only the shape is checked.
func TestSizedEnvironment(t *testing.T) {
	c := newCLI(t)
	for _, format := range []string{"table", "json"} {
		r := c.run("rightsize", "--env", "sized", "--format", format)
		if r.code != 0 || r.stdout == "" {
			t.Fatalf("rightsize --format %s: exit %d: %s", format, r.code, r.stderr)
		}
	}
	if r := c.run("rightsize", "--env", "sized", "--family", "arm"); r.code != 2 || !strings.Contains(r.stderr, `--family: "arm" is unknown`) {
		t.Errorf("bad family: exit %d: %s", r.code, r.stderr)
	}
	r := c.run("report", "--env", "sized", "--format", "markdown", "--output", "-")
	if r.code != 0 {
		t.Fatalf("report: exit %d: %s", r.code, r.stderr)
	}
	for _, want := range []string{"# tiercost budget review: sized", "## Assumptions", "| Requests per user per day |", "## Right-sizing", "## Findings"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("report lacks %q:\n%s", want, r.stdout)
		}
	}
}

func TestBreakdownWarningsGoToStderr(t *testing.T) {
	c := newCLI(t)
	r := c.run("breakdown", "--stack-export", c.write("stack.json", "{}"))
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	if !strings.Contains(r.stderr, "tiercost: warning: fixture warning") || strings.Contains(r.stdout, "fixture warning") {
		t.Errorf("warning not on stderr only:\nstdout:\n%s\nstderr:\n%s", r.stdout, r.stderr)
	}
	if req := c.engine.last(); req.StackExport == "" {
		t.Errorf("stack export path not passed: %+v", req)
	}
}

func TestPricingImport(t *testing.T) {
	offer, err := filepath.Abs(filepath.Join("testdata", "offer-ec2.json"))
	if err != nil {
		t.Fatal(err)
	}
	c := newCLI(t)
	// No --catalog: the import goes to <user cache dir>/tiercost/catalog.json,
	// which later commands then use by default.
	r := c.run("pricing", "import", offer)
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	want := filepath.Join(c.opts.CacheDir, "tiercost", "catalog.json")
	if !strings.Contains(r.stdout, "wrote "+want+": 1 file, 1 product scanned, 1 price kept") {
		t.Errorf("import summary:\n%s", r.stdout)
	}
	if r := c.run("breakdown", "--tier", "1k"); r.code != 0 {
		t.Fatalf("breakdown: exit %d: %s", r.code, r.stderr)
	}
	if got := c.engine.last().Catalog.Layers()[0].Name; got != want {
		t.Errorf("breakdown used catalog layer %q, want the imported %q", got, want)
	}
}

// TestRunWiresTheRealHooks checks the process entry point: run builds the
// real TUI and deployer hooks and maps a usage error to exit 2.
func TestRunWiresTheRealHooks(t *testing.T) {
	var out, errb bytes.Buffer
	if code := run([]string{"--help"}, strings.NewReader(""), &out, &errb); code != 0 || !strings.Contains(out.String(), "Usage:") {
		t.Fatalf("--help: exit %d: %s", code, errb.String())
	}
	out.Reset()
	if code := run([]string{"tiers", "--format", "yaml"}, strings.NewReader(""), &out, &errb); code != 2 || out.Len() != 0 {
		t.Fatalf("bad format: exit %d, stdout %q", code, out.String())
	}
}

// fakeDeployer stands in for the Automation API: a preview that creates
// three resources and an up that reports them.
type fakeDeployer struct {
	check   error
	up      func(env string)
	preview func() // nil: not watched
}

func (f fakeDeployer) Check(string) error { return f.check }

func (f fakeDeployer) Preview(context.Context, string, func(string)) (deploy.PreviewDigest, error) {
	if f.preview != nil {
		f.preview()
	}
	return deploy.PreviewDigest{ChangeSummary: map[string]int{"create": 3}}, nil
}

func (f fakeDeployer) Up(_ context.Context, env string, _ func(string)) (string, error) {
	f.up(env)
	return "fixture: 3 created", nil
}

// TestPreviewWritesPreviewJSON: `tiercost preview` writes the deployer's
// preview digest, in pulumi preview --json's shape, to --output.
func TestPreviewWritesPreviewJSON(t *testing.T) {
	c := newCLI(t)
	c.opts.Deployer = fakeDeployer{up: func(string) {}}
	out := filepath.Join(c.opts.WorkDir, "preview.json")
	if r := c.run("preview", "--env", "dev", "--output", out); r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var d struct {
		ChangeSummary map[string]int `json:"changeSummary"`
	}
	if err := json.Unmarshal(data, &d); err != nil || d.ChangeSummary["create"] != 3 {
		t.Errorf("preview file %s: %v", data, err)
	}
	c.opts.Deployer = fakeDeployer{check: errors.New("no AWS credentials: set AWS_PROFILE")}
	if r := c.run("preview", "--env", "dev"); r.code != 2 || !strings.Contains(r.stderr, "AWS_PROFILE") {
		t.Errorf("missing credentials: exit %d: %s", r.code, r.stderr)
	}
}

// TestPricingSettingsApplyToEveryPricingCommand: a TIERCOST_* pricing
// setting reaches the engine from check, tiers, report and forecast just
// as from breakdown, so the budget gate prices what breakdown shows.
func TestPricingSettingsApplyToEveryPricingCommand(t *testing.T) {
	t.Setenv("TIERCOST_MONTHLY_HOURS", "360")
	for _, args := range [][]string{
		{"breakdown", "--env", "dev"},
		{"check", "--env", "dev"},
		{"tiers"},
		{"report", "--env", "dev", "--format", "json", "--output", "-"},
		{"forecast", "--env", "dev", "--months", "12", "--growth", "1"},
	} {
		c := newCLI(t)
		r := c.run(args...)
		if r.code > 1 {
			t.Fatalf("%v: exit %d: %s", args, r.code, r.stderr)
		}
		if got := c.engine.last().Overlay["monthly_hours"]; got != "360" {
			t.Errorf("%v: monthly hours %v reached the engine, want 360", args, got)
		}
	}
}

// TestPricingImportAddsToTheCatalog: a second import keeps the first one's
// prices unless --replace is given.
func TestPricingImportAddsToTheCatalog(t *testing.T) {
	c := newCLI(t)
	cat := filepath.Join(c.opts.WorkDir, "prices.json")
	for _, f := range []string{"offer-ec2-t3micro.json", "offer-ec2.json"} {
		abs, err := filepath.Abs(filepath.Join("testdata", f))
		if err != nil {
			t.Fatal(err)
		}
		if r := c.run("pricing", "import", "--catalog", cat, abs); r.code != 0 {
			t.Fatalf("import %s: exit %d: %s", f, r.code, r.stderr)
		}
	}
	l, err := catalog.ReadLayerFile(cat)
	if err != nil {
		t.Fatal(err)
	}
	if len(l.Prices) != 2 {
		t.Fatalf("%d prices after two imports, want t3.micro and t4g.small", len(l.Prices))
	}
	abs, _ := filepath.Abs(filepath.Join("testdata", "offer-ec2.json"))
	if r := c.run("pricing", "import", "--replace", "--catalog", cat, abs); r.code != 0 {
		t.Fatalf("import --replace: exit %d: %s", r.code, r.stderr)
	}
	if l, err = catalog.ReadLayerFile(cat); err != nil || len(l.Prices) != 1 {
		t.Errorf("after --replace: %v, %d prices, want 1", err, len(l.Prices))
	}
}

// TestSetOnEveryPricingCommand: every command that prices takes --set; a
// known knob reaches the engine, a misspelt one exits 2 naming the knobs
// (with the close match), and up and preview refuse knobs that change what
// a deployment of the environment file would create.
func TestSetOnEveryPricingCommand(t *testing.T) {
	out := func(c *cli, name string) string { return filepath.Join(c.opts.WorkDir, name) }
	commands := []struct {
		name string
		args func(c *cli) []string
		// priced is false for commands that write without asking the engine.
		priced bool
	}{
		{"breakdown", func(*cli) []string { return []string{"breakdown", "--env", "dev"} }, true},
		{"resources", func(*cli) []string { return []string{"resources", "--tier", "1k"} }, true},
		{"usage", func(*cli) []string { return []string{"usage", "--tier", "1k"} }, true},
		{"tiers", func(*cli) []string { return []string{"tiers"} }, true},
		{"rightsize", func(*cli) []string { return []string{"rightsize", "--env", "sized"} }, true},
		{"forecast", func(*cli) []string { return []string{"forecast", "--env", "dev", "--months", "12", "--growth", "1"} }, true},
		{"check", func(*cli) []string { return []string{"check", "--env", "dev"} }, true},
		{"report", func(c *cli) []string {
			return []string{"report", "--env", "dev", "--format", "json", "--output", out(c, "r.json")}
		}, true},
		{"diff", func(*cli) []string { return []string{"diff", "tier:1k", "tier:10k"} }, true},
		{"up", func(*cli) []string { return []string{"up", "--env", "dev", "--yes"} }, true},
		{"preview", func(c *cli) []string { return []string{"preview", "--env", "dev", "--output", out(c, "p.json")} }, false},
		{"scenario", func(c *cli) []string { return []string{"scenario", "--env", "dev", "--output", out(c, "s.yaml")} }, false},
	}
	for _, cmd := range commands {
		t.Run(cmd.name, func(t *testing.T) {
			c := newCLI(t)
			c.opts.Deployer = fakeDeployer{up: func(string) {}}
			r := c.run(append(cmd.args(c), "--set", "purchase=reserved-1yr-no-upfront")...)
			if r.code > 1 {
				t.Fatalf("exit %d: %s", r.code, r.stderr)
			}
			if got := c.engine.last().Overlay["purchase"]; cmd.priced && got != "reserved-1yr-no-upfront" {
				t.Errorf("the engine got purchase %q", got)
			}
			r = c.run(append(cmd.args(c), "--set", "usres=5000")...)
			if r.code != 2 || !strings.Contains(r.stderr, `"usres" is not a knob; did you mean users?`) ||
				!strings.Contains(r.stderr, "knobs: users, peak_to_average") || strings.Count(strings.TrimSpace(r.stderr), "\n") != 0 {
				t.Errorf("typo: exit %d, stderr %q", r.code, r.stderr)
			}
		})
	}
	t.Run("up refuses a what-if it would not deploy", func(t *testing.T) {
		c := newCLI(t)
		deployed := false
		c.opts.Deployer = fakeDeployer{up: func(string) { deployed = true }}
		r := c.run("up", "--env", "dev", "--yes", "--set", "users=5000")
		if r.code != 2 || deployed || !strings.Contains(r.stderr, "tiercost scenario --env dev --set users=5000 --output environments/dev.yaml") {
			t.Errorf("exit %d deployed %v: %s", r.code, deployed, r.stderr)
		}
	})
}
