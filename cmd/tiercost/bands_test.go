package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tiercost/tiercost/costmodel/golden"
	"github.com/tiercost/tiercost/costmodel/output/outputtest"
)

// These tests run the real engine (realCLI): bands need profiles and
// knob values, which the fixtures' fake engine does not give.

// TestBandsCommand: tiercost bands as a user reads it, in both formats,
// and the same bytes on a second run (the seed fixes the samples).
func TestBandsCommand(t *testing.T) {
	if testing.Short() {
		t.Skip("prices about 120 estimates")
	}
	c := realCLI(t)
	r := c.run("bands", "--env", "prod", "--samples", "15")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	golden.Assert(t, filepath.Join("testdata", "bands_prod.golden"), []byte(r.stdout))
	for _, l := range strings.Split(r.stdout, "\n") {
		if n := len([]rune(l)); n > 100 {
			t.Errorf("line of %d columns: %q", n, l)
		}
	}
	again := c.run("bands", "--env", "prod", "--samples", "15")
	if again.stdout != r.stdout {
		t.Errorf("a second run differs:\n%s\n---\n%s", r.stdout, again.stdout)
	}
	j := c.run("bands", "--env", "prod", "--samples", "15", "--format", "json")
	if j.code != 0 {
		t.Fatalf("exit %d: %s", j.code, j.stderr)
	}
	golden.Assert(t, filepath.Join("testdata", "bands_prod.json"), []byte(j.stdout))
}

// TestBandsFlags: --bands adds a line to breakdown and the band to its
// JSON metadata; check --confidence gates on the band's percentile.
func TestBandsFlags(t *testing.T) {
	c := realCLI(t)
	r := c.run("breakdown", "--env", "prod", "--bands", "--samples", "5")
	if r.code != 0 || !strings.Contains(r.stdout, "\nBand: P50 $") || !strings.Contains(r.stdout, " over 5 samples; ") {
		t.Fatalf("exit %d, no band line:\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	r = c.run("breakdown", "--env", "prod", "--bands", "--samples", "5", "--format", "json")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	if v := outputtest.SchemaViolations(t, []byte(r.stdout)); len(v) > 0 {
		t.Errorf("breakdown --bands json breaks Infracost's schema:\n%s", strings.Join(v, "\n"))
	}
	// tiercost's project facts ride in providers[].defaultTags, since
	// Infracost's schema allows no other project metadata keys.
	var doc struct {
		Projects []struct {
			Metadata struct {
				Providers []struct {
					DefaultTags map[string]string `json:"defaultTags"`
				} `json:"providers"`
			} `json:"metadata"`
		} `json:"projects"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil || len(doc.Projects) != 1 || len(doc.Projects[0].Metadata.Providers) != 1 {
		t.Fatalf("%v: %s", err, r.stdout)
	}
	m := doc.Projects[0].Metadata.Providers[0].DefaultTags
	for _, k := range []string{"monthlyCostP10", "monthlyCostP50", "monthlyCostP90", "probabilityOverBudget"} {
		if m[k] == "" {
			t.Errorf("metadata lacks %s: %v", k, m)
		}
	}
	if m["bandSamples"] != "5" || m["bandSeed"] != "1" {
		t.Errorf("bandSamples %q bandSeed %q", m["bandSamples"], m["bandSeed"])
	}

	// prod's P90 over 5 samples is above $1 whatever the ranges: fail.
	r = c.run("check", "--env", "prod", "--confidence", "90", "--samples", "5", "--budget", "1")
	if r.code != 1 || !strings.Contains(r.stdout, "FAIL budget: P90 $") || !strings.Contains(r.stdout, "(90 % of 5 samples at or under it) a month is over the budget of $1.00") {
		t.Errorf("exit %d:\n%s\n%s", r.code, r.stdout, r.stderr)
	}
}

// TestBandsBadInput: one line on stderr naming the flag or file, the
// field and what is allowed; exit 2; nothing on stdout.
func TestBandsBadInput(t *testing.T) {
	for _, tc := range []struct {
		name  string
		args  []string
		files map[string]string
		want  string
	}{
		{"samples 0", []string{"bands", "--env", "prod", "--samples", "0"}, nil, "--samples: 0 is out of range; allowed: 1 to 10000"},
		{"seed 0", []string{"bands", "--env", "prod", "--seed", "0"}, nil, "--seed: 0 is out of range; allowed: 1 to 18446744073709551615"},
		{"samples too many", []string{"breakdown", "--env", "prod", "--bands", "--samples", "10001"}, nil, "--samples: 10001 is out of range"},
		{"bands of an export", []string{"breakdown", "--stack-export", "export.json", "--bands"}, map[string]string{"export.json": "{}"},
			"--bands: a stack export, preview or saved breakdown has no workload assumptions to range; allowed: --env NAME or --tier NAME"},
		{"confidence too low", []string{"check", "--env", "prod", "--confidence", "40"}, nil, "--confidence: 40 is out of range; allowed: 50 to 99 (percent), or 0 for today's estimate"},
		{"range on a choice", []string{"bands", "--env", "prod", "--set", "region=us-east-1..eu-west-1"}, nil, "--set: region: \"us-east-1..eu-west-1\": ranges apply to the workload assumptions only"},
		{"range without today", []string{"bands", "--env", "prod", "--samples", "1", "--set", "users=200000..300000"}, nil,
			"--set users: workload_ranges.monthly_active_users: p10 200000 .. p90 300000 does not contain today's value 100000"},
		{"range in a file", []string{"bands", "--env", "qa"},
			map[string]string{"environments/qa.yaml": "name: qa\ntier: 10k\nregion: us-east-1\nworkload_ranges:\n  cache_hit_ratio:\n    p10: 0.9\n    p90: 0.7\n"},
			"environments/qa.yaml: line 5: workload_ranges.cache_hit_ratio: needs p10 (0.9) <= p90 (0.7)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := realCLI(t)
			for name, content := range tc.files {
				c.write(name, content)
			}
			args := tc.args
			for i, a := range args {
				if a == "export.json" {
					args[i] = filepath.Join(c.opts.WorkDir, a)
				}
			}
			r := c.run(args...)
			if r.code != 2 || r.stdout != "" {
				t.Fatalf("exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
			}
			if !strings.Contains(r.stderr, tc.want) || strings.Count(strings.TrimSpace(r.stderr), "\n") > 0 {
				t.Errorf("stderr %q, want one line with %q", r.stderr, tc.want)
			}
		})
	}
}

// TestForecastFan: forecast --bands adds a fan, one row a month, and its
// JSON the fan beside the months; the fan's samples grow from their own
// users, so month 3's P90 is above month 1's.
func TestForecastFan(t *testing.T) {
	c := realCLI(t)
	r := c.run("forecast", "--env", "prod", "--months", "3", "--bands", "--samples", "5")
	if r.code != 0 || !strings.Contains(r.stdout, "Fan: each month's total over 5 samples (seed 1)") {
		t.Fatalf("exit %d:\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	j := c.run("forecast", "--env", "prod", "--months", "3", "--bands", "--samples", "5", "--format", "json")
	var doc struct {
		Months []json.RawMessage `json:"months"`
		Fan    []struct {
			Month         int
			P10, P50, P90 string
		} `json:"fan"`
		FanSamples int `json:"fanSamples"`
	}
	if err := json.Unmarshal([]byte(j.stdout), &doc); err != nil || len(doc.Fan) != 3 || len(doc.Months) != 3 || doc.FanSamples != 5 {
		t.Fatalf("%v: %s", err, j.stdout)
	}
	first, last := dec(doc.Fan[0].P90), dec(doc.Fan[2].P90)
	if !last.GreaterThan(first) {
		t.Errorf("month 3's P90 %s is not above month 1's %s", last, first)
	}
	for _, m := range doc.Fan {
		if !(dec(m.P10).LessThanOrEqual(dec(m.P50)) && dec(m.P50).LessThanOrEqual(dec(m.P90))) {
			t.Errorf("month %d: %s %s %s out of order", m.Month, m.P10, m.P50, m.P90)
		}
	}
}
