package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tiercost/tiercost/costmodel/output/outputtest"
)

// stackFixture returns the absolute path of a testdata/stacks file.
func stackFixture(t *testing.T, name string) string {
	t.Helper()
	p, err := filepath.Abs(filepath.Join("..", "..", "testdata", "stacks", name))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// editedExport writes a copy of testdata/stacks/export.json changed by
// edit, which gets each resource's logical name and object.
func editedExport(t *testing.T, dir, name string, edit func(string, map[string]any) bool) string {
	t.Helper()
	data, err := os.ReadFile(stackFixture(t, "export.json"))
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	dep := doc["deployment"].(map[string]any)
	var kept []any
	for _, r := range dep["resources"].([]any) {
		m := r.(map[string]any)
		urn := m["urn"].(string)
		if edit(urn[strings.LastIndex(urn, "::")+2:], m) {
			kept = append(kept, m)
		}
	}
	dep["resources"] = kept
	out, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, out, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestCheckRealStacks gates the hand-priced stack fixtures with the real
// engine. testdata/stacks/EXPECTED.md works out that export.json and
// preview.json (with usage.yml) both price to 3,283.992, billed $3,283.99.
//
// Two baselines are made from export.json:
//   - old-asg.json: web-asg at desiredCapacity 2 instead of 3, one
//     m7g.large less: 730 × 0.0816 = 59.568 less, 3,224.424 (billed
//     3,224.42). The change to 3,283.99 is +59.57, 59.57 / 3,224.42 =
//     +1.847%.
//   - old-nocdn.json: without web-cdn (1,295.695): 1,988.297 (billed
//     1,988.30). The change is +1,295.69, 1,295.69 / 1,988.30 = +65.165%.
func TestCheckRealStacks(t *testing.T) {
	c := realCLI(t)
	dir := c.opts.WorkDir
	preview, export, usage := stackFixture(t, "preview.json"), stackFixture(t, "export.json"), stackFixture(t, "usage.yml")
	oldASG := editedExport(t, dir, "old-asg.json", func(name string, r map[string]any) bool {
		if name == "web-asg" {
			r["inputs"].(map[string]any)["desiredCapacity"] = 2
			r["outputs"].(map[string]any)["desiredCapacity"] = 2
		}
		return true
	})
	oldNoCDN := editedExport(t, dir, "old-nocdn.json", func(name string, _ map[string]any) bool { return name != "web-cdn" })
	for _, tc := range []struct {
		name   string
		args   []string
		code   int
		stdout []string
		stderr string
	}{
		{"preview within a budget equal in cents", []string{"check", "--preview-json", preview, "--budget", "3283.99"}, 0,
			[]string{"PASS budget: ≥ $3,283.99 a month is within the budget of $3,283.99 (--budget) on what is priced: at most $0.00 headroom"}, ""},
		{"preview over a budget by a cent", []string{"check", "--preview-json", preview, "--budget", "3283.98"}, 1,
			[]string{"FAIL budget: ≥ $3,283.99 a month is over the budget of $3,283.98 (--budget) by $0.01", "1. web-cdn"}, "failed the cost check: budget\n"},
		// The stacks hold an SQS queue, a type no pricer knows: without
		// --allow-unpriced the total is a lower bound and the check fails.
		{"incomplete without --allow-unpriced", []string{"check", "--preview-json", preview, "--budget", "4000", "--allow-unpriced=false"}, 1,
			[]string{"PASS budget", "FAIL incomplete: the total ≥ $3,283.99 is a lower bound, 1 item not priced in us-east-1: jobs-queue (unsupported type aws:sqs/queue:Queue) (--allow-unpriced passes it)"},
			"failed the cost check: incomplete\n"},
		{"preview +1.85% over the old ASG passes 10%", []string{"check", "--preview-json", preview, "--baseline", "export:" + oldASG, "--max-increase-percent", "10"}, 0,
			[]string{"baseline " + oldASG + ": $3,224.42 a month (change +$59.57, +1.8%)",
				"PASS max-increase-percent: $3,224.42 → $3,283.99 a month is a change of +1.8%, at most the limit of +10%"}, ""},
		{"preview +1.85% fails 1%", []string{"check", "--preview-json", preview, "--baseline", "export:" + oldASG, "--max-increase-percent", "1"}, 1,
			[]string{"FAIL max-increase-percent"}, "failed the cost check: max-increase-percent"},
		{"export +65.2% over the no-CDN baseline fails 10%", []string{"check", "--stack-export", export, "--baseline", "export:" + oldNoCDN, "--max-increase-percent", "10"}, 1,
			[]string{"FAIL max-increase-percent: $1,988.30 → $3,283.99 a month is a change of +65.2%, over the limit of +10%"}, "max-increase-percent"},
		{"old stack against the new one is a decrease", []string{"check", "--stack-export", oldASG, "--baseline", "preview:" + preview, "--max-increase-percent", "10"}, 0,
			[]string{"change -$59.57, -1.8%", "PASS max-increase-percent"}, ""},
		{"absolute increase: +59.57 within 60, both gates", []string{"check", "--preview-json", preview, "--baseline", "export:" + oldASG, "--max-increase", "60", "--budget", "4000"}, 0,
			[]string{"PASS budget", "PASS max-increase: $3,224.42 → $3,283.99 a month is a change of +$59.57, at most the limit of +$60.00"}, ""},
		{"absolute increase: +59.57 over 59.56", []string{"check", "--preview-json", preview, "--baseline", "export:" + oldASG, "--max-increase", "59.56"}, 1,
			[]string{"FAIL max-increase"}, "max-increase"},
		{"percent without a baseline", []string{"check", "--preview-json", preview, "--max-increase-percent", "10"}, 2, nil,
			"--max-increase-percent: needs --baseline SOURCE"},
		{"baseline without a threshold", []string{"check", "--preview-json", preview, "--baseline", "export:" + oldASG, "--budget", "1"}, 2, nil,
			"--baseline: given without a threshold"},
		{"negative percent", []string{"check", "--preview-json", preview, "--baseline", "export:" + oldASG, "--max-increase-percent", "-1"}, 2, nil,
			"--max-increase-percent: -1 is out of range; allowed: 0 up to 1000000 percent"},
		{"baseline file missing", []string{"check", "--preview-json", preview, "--baseline", "export:nope.json", "--max-increase", "1"}, 2, nil,
			"--baseline export:nope.json: --stack-export: nope.json: file not found"},
		{"malformed preview", []string{"check", "--preview-json", c.write("bad.json", `{"steps": 5}`), "--budget", "1"}, 2, nil, "bad.json: steps"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := c.run(append([]string{tc.args[0], "--allow-unpriced"}, append(tc.args[1:], "--usage", usage)...)...)
			if r.code != tc.code {
				t.Fatalf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", r.code, tc.code, r.stdout, r.stderr)
			}
			for _, s := range tc.stdout {
				if !strings.Contains(r.unwrapped(), s) {
					t.Errorf("stdout lacks %q:\n%s", s, r.stdout)
				}
			}
			if tc.stderr != "" && !strings.Contains(r.stderr, tc.stderr) {
				t.Errorf("stderr lacks %q:\n%s", tc.stderr, r.stderr)
			}
			if tc.code == 2 && (r.stdout != "" || strings.Count(strings.TrimSpace(r.stderr), "\n") != 0) {
				t.Errorf("bad input must print one line on stderr only: stdout %q stderr %q", r.stdout, r.stderr)
			}
		})
	}
}

// TestCheckJSON: --format json carries every verdict with its numbers,
// and the exit code still says whether the check passed.
func TestCheckJSON(t *testing.T) {
	c := realCLI(t)
	preview, usage := stackFixture(t, "preview.json"), stackFixture(t, "usage.yml")
	oldNoCDN := editedExport(t, c.opts.WorkDir, "old.json", func(name string, _ map[string]any) bool { return name != "web-cdn" })
	r := c.run("check", "--preview-json", preview, "--usage", usage, "--budget", "5000", "--baseline", "export:"+oldNoCDN,
		"--max-increase-percent", "10", "--format", "json", "--allow-unpriced")
	if r.code != 1 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	var doc struct {
		Pass     bool   `json:"pass"`
		Total    string `json:"totalMonthlyCost"`
		Baseline struct {
			Total string `json:"totalMonthlyCost"`
		} `json:"baseline"`
		Gates []struct {
			Gate, Reason              string
			Pass, Allowed             bool
			Budget, Increase, Limit   *string
			IncreasePercent, Baseline *string
		} `json:"gates"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil {
		t.Fatalf("%v\n%s", err, r.stdout)
	}
	if doc.Pass || doc.Total != "3283.992" || doc.Baseline.Total != "1988.297" || len(doc.Gates) != 3 {
		t.Fatalf("%+v", doc)
	}
	b, p, in := doc.Gates[0], doc.Gates[1], doc.Gates[2]
	if in.Gate != "incomplete" || !in.Pass || !in.Allowed {
		t.Errorf("incomplete verdict %+v: the SQS queue is not priced, and --allow-unpriced lets that pass", in)
	}
	if b.Gate != "budget" || !b.Pass || *b.Budget != "5000" {
		t.Errorf("budget verdict %+v", b)
	}
	// Exact, as diff: 3,283.992 − 1,988.297 = 1,295.695; × 100 / 1,988.297
	// = 65.16606...
	if p.Gate != "max-increase-percent" || p.Pass || *p.Increase != "1295.695" || !strings.HasPrefix(*p.IncreasePercent, "65.166") || *p.Limit != "10" {
		t.Errorf("percent verdict %+v", p)
	}
}

// TestCheckBudgetsFile: a budgets file gives the environment's budget
// (before the environment file's own) and per-tag budgets.
func TestCheckBudgetsFile(t *testing.T) {
	c := newCLI(t)
	// dev prices to 44.137 (billed 44.14) in the fake engine.
	f := c.write("budgets.yaml", "version: 1\nenvironments:\n  dev: 40\n")
	r := c.run("check", "--env", "dev", "--budgets", f)
	if r.code != 1 || !strings.Contains(r.unwrapped(), "over the budget of $40.00 ("+f+": environments.dev) by $4.14") {
		t.Errorf("exit %d:\n%s%s", r.code, r.stdout, r.stderr)
	}
	// --budget wins over the file.
	if r := c.run("check", "--env", "dev", "--budgets", f, "--budget", "50", "--allow-unpriced"); r.code != 0 {
		t.Errorf("--budget 50: exit %d:\n%s%s", r.code, r.stdout, r.stderr)
	}
	// The fixture tier's URNs name stack dev, which a prod-only file lacks.
	prod := c.write("prod.yaml", "version: 1\nenvironments:\n  prod: 40\n")
	if r := c.run("check", "--tier", "1k", "--budgets", prod); r.code != 2 || !strings.Contains(r.stderr, `has no entry for "dev"`) {
		t.Errorf("tier: exit %d: %s", r.code, r.stderr)
	}
	bad := c.write("bad.yaml", "version: 1\nenvironments:\n  dev: free\n")
	if r := c.run("check", "--env", "dev", "--budgets", bad); r.code != 2 || !strings.Contains(r.stderr, `bad.yaml: line 3: environments.dev: "free" is not a number`) {
		t.Errorf("bad file: exit %d: %s", r.code, r.stderr)
	}
}

// TestCheckBudgetsFileKeys: an environments key that cannot be meant is
// one error naming the file, line and key, with what is allowed, rather
// than a budget that silently never applies; so are unknown and doubled
// keys; values are quoted only through inputfile.Excerpt.
func TestCheckBudgetsFileKeys(t *testing.T) {
	const ownAllowed = "allowed: dev, staging, prod (environments), 1k, 10k, 100k, 1m (tiers)"
	for _, tc := range []struct {
		name, file string
		args       []string
		code       int
		// out is in stdout for a verdict, stderr the whole of stderr (one line).
		out, stderr string
	}{
		{"misspelt environment", "version: 1\nenvironments:\n  prdo: 6000\n", []string{"--env", "prod"}, 2, "",
			"line 3: environments.prdo: not an environment or tier; did you mean prod? " + ownAllowed},
		{"unknown environment", "version: 1\nenvironments:\n  prod: 6000\n  qa: 600\n", []string{"--env", "prod"}, 2, "",
			"line 4: environments.qa: not an environment or tier; " + ownAllowed},
		{"misspelt, tier checked", "version: 1\nenvironments:\n  1K: 5\n", []string{"--tier", "1k"}, 2, "",
			"line 3: environments.1K: not an environment or tier; did you mean 1k? " + ownAllowed},
		// dev prices to 44.137 in the fake engine: over 40 by 4.137 (billed 4.14).
		{"environment and tier keys", "version: 1\nenvironments:\n  dev: 40\n  1m: 9000\n", []string{"--env", "dev", "--allow-unpriced"}, 1,
			"over the budget of $40.00", ""},
		// The fake stack export's URNs name stack dev.
		{"misspelt stack", "version: 1\nenvironments:\n  dve: 40\n", []string{"--stack-export", "STACK"}, 2, "",
			"line 3: environments.dve: matches no stack, and stack dev, the one checked, has no entry; did you mean dev? allowed: an environment or Pulumi stack name"},
		{"other stacks' names", "version: 1\nenvironments:\n  dev: 40\n  payments-eu: 900\n", []string{"--stack-export", "STACK", "--allow-unpriced"}, 1,
			"over the budget of $40.00", ""},
		{"unknown top-level key", "version: 1\nbogus: 1\nenvironments:\n  prod: 6000\n", []string{"--env", "prod"}, 2, "",
			"line 2: bogus: unknown key; allowed: version, environments, tags"},
		{"key twice", "version: 1\nenvironments:\n  prod: 6000\n  prod: 7000\n", []string{"--env", "prod"}, 2, "",
			"line 4: environments.prod: given twice (first at line 3); allowed: each key once"},
		{"secret value", "version: 1\nenvironments:\n  prod: AKIAIOSFODNN7EXAMPLE\n", []string{"--env", "prod"}, 2, "",
			"line 3: environments.prod: (a value that looks like a secret, not shown) is not a number; allowed: US dollars a month, such as 1200"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := newCLI(t)
			f := c.write("budgets.yaml", tc.file)
			stack := c.write("stack.json", "{}")
			args := []string{"check", "--budgets", f, "-q"}
			for _, a := range tc.args {
				if a == "STACK" {
					a = stack
				}
				args = append(args, a)
			}
			r := c.run(args...)
			want := ""
			if tc.stderr != "" {
				want = "tiercost: " + f + ": " + tc.stderr + "\n"
			}
			if r.code != tc.code || !strings.Contains(r.unwrapped(), tc.out) || (want != "" && r.stderr != want) {
				t.Errorf("exit %d, want %d\nstdout: %s\nstderr: %q\nwant:   %q", r.code, tc.code, r.stdout, r.stderr, want)
			}
		})
	}
}

// TestCheckTagBudgetsRealStack: the stack fixture's tagged resources are
// summed per tag by the real engine.
func TestCheckTagBudgetsRealStack(t *testing.T) {
	c := realCLI(t)
	usage := stackFixture(t, "usage.yml")
	tagged := editedExport(t, c.opts.WorkDir, "tagged.json", func(name string, r map[string]any) bool {
		if name == "net-nat" || name == "net-nat-eip" {
			r["inputs"].(map[string]any)["tags"] = map[string]any{"team": "net"}
		}
		return true
	})
	// net-nat 77.85 + net-nat-eip 3.65 = 81.50 (EXPECTED.md): over 80 by 1.50.
	f := c.write("budgets.yaml", "version: 1\ntags:\n  team=net: 80\n")
	r := c.run("check", "--stack-export", tagged, "--usage", usage, "--budgets", f)
	if r.code != 1 || !strings.Contains(r.stdout, "FAIL budget team=net: 2 resources tagged team=net cost $81.50 a month, over the budget of $80.00") ||
		!strings.Contains(r.stdout, "by $1.50") {
		t.Errorf("exit %d:\n%s%s", r.code, r.stdout, r.stderr)
	}
	saved := c.write("saved.json", c.run("breakdown", "--stack-export", tagged, "--usage", usage, "--format", "json").stdout)
	if r := c.run("check", saved, "--budgets", f); r.code != 2 || !strings.Contains(r.stderr, "has no resource tags to match") {
		t.Errorf("saved: exit %d: %s", r.code, r.stderr)
	}
}

// TestDiffJSONInfracostReading diffs two stacks made from the hand-priced
// fixture (testdata/stacks/EXPECTED.md) with the real engine and reads
// `diff --format json` as Infracost does:
//
//	before: web-asg at 2 instances (2 × 730 × 0.0816 = 119.136) and no
//	        data-volume: 3,283.992 − 59.568 − 21.00 = 3,203.424
//	after:  export.json without app-logs (26.20): 3,283.992 − 26.20 = 3,257.792
//	~ web-asg      119.136 → 178.704  +59.568 (1,460 → 2,190 h × 0.0816)
//	+ data-volume            → 21.00  +21.00
//	- app-logs     26.20 →            −26.20
//	total +54.368 = 59.568 + 21.00 − 26.20
func TestDiffJSONInfracostReading(t *testing.T) {
	c := realCLI(t)
	usage := stackFixture(t, "usage.yml")
	before := editedExport(t, c.opts.WorkDir, "before.json", func(name string, r map[string]any) bool {
		if name == "web-asg" {
			r["inputs"].(map[string]any)["desiredCapacity"] = 2
			r["outputs"].(map[string]any)["desiredCapacity"] = 2
		}
		return name != "data-volume"
	})
	after := editedExport(t, c.opts.WorkDir, "after.json", func(name string, _ map[string]any) bool { return name != "app-logs" })
	r := c.run("diff", "export:"+before, "export:"+after, "--usage", usage, "--format", "json")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	if v := outputtest.SchemaViolations(t, []byte(r.stdout)); len(v) > 0 {
		t.Errorf("diff json breaks Infracost's schema:\n%s", strings.Join(v, "\n"))
	}
	var root outputtest.ICRoot
	if err := json.Unmarshal([]byte(r.stdout), &root); err != nil {
		t.Fatal(err)
	}
	if root.Metadata["infracostCommand"] != "diff" || len(root.Projects) != 1 ||
		root.PastTotalMonthlyCost.String() != "3203.424" || root.TotalMonthlyCost.String() != "3257.792" || root.DiffTotalMonthlyCost.String() != "54.368" {
		t.Fatalf("metadata %v, %d projects, totals %v → %v (%v)", root.Metadata, len(root.Projects), root.PastTotalMonthlyCost, root.TotalMonthlyCost, root.DiffTotalMonthlyCost)
	}
	p := root.Projects[0]
	if p.DisplayName != "stack prod (before.json) → stack prod (after.json)" {
		t.Errorf("display name %q", p.DisplayName)
	}
	var top []string
	lines := map[string]outputtest.DiffLine{}
	for _, l := range outputtest.ReadDiff(p) {
		lines[l.Path] = l
		if !strings.Contains(l.Path, " / ") {
			top = append(top, l.String())
		}
	}
	want := []string{
		// The baseline's order (by URN), then what only the new side has.
		"- app-logs -26.2 (26.2 → -)",
		"~ web-asg +59.568 (119.136 → 178.704)",
		"+ data-volume +21 (- → 21)",
	}
	if strings.Join(top, "\n") != strings.Join(want, "\n") {
		t.Errorf("resources Infracost shows:\n%s\nwant:\n%s", strings.Join(top, "\n"), strings.Join(want, "\n"))
	}
	for path, l := range lines {
		if strings.HasPrefix(path, "web-asg / ") && (l.Op != "~" || !l.Change.Equal(dec("59.568"))) {
			t.Errorf("web-asg line item %s", l)
		}
	}
}
