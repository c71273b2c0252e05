package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/tiercost/tiercost/costmodel/golden"
)

// TestCommentGolden writes the pull-request comment for the 1k fixture
// going to the 10k one, in every flavour. By hand (outputtest fixtures):
//
//	before 44.137 (billed 44.14), after 179.605 (179.61): +135.47,
//	135.47 / 44.14 = +306.9%
//	rows by absolute change: tc-cache +120.30, tc-asg +13.86 (13.864 →
//	27.728), tc-db +2.30, tc-logs −1.00; tc-alb unchanged
//	budget 150: over by 179.61 − 150 = 29.61; +10% limit: over
//	not priced after: the unsupported aws:wafv2/webAcl:WebAcl
func TestCommentGolden(t *testing.T) {
	for _, flavor := range []string{"github", "gitlab", "markdown"} {
		t.Run(flavor, func(t *testing.T) {
			c := newCLI(t)
			r := c.run("comment", "--format", flavor, "tier:1k", "tier:10k", "--budget", "150", "--max-increase-percent", "10")
			if r.code != 0 {
				t.Fatalf("exit %d: %s", r.code, r.stderr)
			}
			golden.Assert(t, filepath.Join("testdata", "comment_"+flavor+".golden"), []byte(r.stdout))
			for _, want := range []string{
				"| **Change** | **+$135.47 (+306.9%)** |",
				"over the budget of $150.00 (--budget) by $29.61",
				"| + | tc-cache | `aws:elasticache/replicationGroup:ReplicationGroup` | – | $120.30 | +$120.30 |",
				"unsupported type `aws:wafv2/webAcl:WebAcl` (1)",
			} {
				if !strings.Contains(r.stdout, want) {
					t.Errorf("comment lacks %q", want)
				}
			}
			order := []string{"tc-cache", "tc-asg", "tc-db", "tc-logs"}
			last := -1
			for _, name := range order {
				i := strings.Index(r.stdout, "| "+name+" |")
				if i < last {
					t.Errorf("%s is out of order (largest absolute change first)", name)
				}
				last = i
			}
			html := strings.Contains(r.stdout, "<details>")
			if html != (flavor != "markdown") {
				t.Errorf("%s: collapsed section %v", flavor, html)
			}
		})
	}
}

func TestCommentBadInput(t *testing.T) {
	for _, tc := range []struct {
		args   []string
		stderr string
	}{
		{[]string{"comment", "--format", "slack", "tier:1k", "tier:10k"}, `--format: "slack" is unknown; allowed: github, gitlab, markdown`},
		{[]string{"comment", "tier:1k"}, "comment needs two sources, got 1"},
		{[]string{"comment", "tier:1k", "nope.json"}, "nope.json: file not found"},
		{[]string{"comment", "tier:1k", "tier:10k", "--budget", "x"}, `--budget: "x" is not a number`},
	} {
		c := newCLI(t)
		r := c.run(tc.args...)
		if r.code != 2 || !strings.Contains(r.stderr, tc.stderr) || r.stdout != "" {
			t.Errorf("%v: exit %d, stderr %q", tc.args, r.code, r.stderr)
		}
	}
}

// TestCommentNewFindings: the sized 100k fixture has advisor findings the
// bare 1k tier (no findings in the fake engine) has not: all are new.
func TestCommentNewFindings(t *testing.T) {
	c := newCLI(t)
	r := c.run("comment", "--format", "markdown", "tier:1k", "env:sized")
	if r.code != 0 || !strings.Contains(r.stdout, "### New findings (") || !strings.Contains(r.stdout, "`SCALE-") {
		t.Errorf("exit %d:\n%s%s", r.code, r.stdout, r.stderr)
	}
	if !c.engine.last().Findings {
		t.Error("the engine was not asked for findings")
	}
}
