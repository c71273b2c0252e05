package main

import (
	"fmt"
	"io"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/spf13/cobra"
	"github.com/tiercost/tiercost/costmodel/output"
)

// tableCommands are the commands that take --wide: every command whose
// default output is a table.
func tableCommands() []string {
	var out []string
	var walk func(c *cobra.Command, path string)
	walk = func(c *cobra.Command, path string) {
		if c.Flags().Lookup("wide") != nil {
			out = append(out, path)
		}
		for _, sub := range c.Commands() {
			walk(sub, strings.TrimSpace(path+" "+sub.Name()))
		}
	}
	walk(NewRootCmd(Options{}), "")
	sort.Strings(out)
	return out
}

// TestEveryTableFits100Columns runs every table command's default output
// through the real engine on every default tier and environment, with the
// common flag combinations, and asserts no line is wider than 100 display
// columns. A command that takes --wide but is missing here fails the test.
func TestEveryTableFits100Columns(t *testing.T) {
	c := realCLI(t)
	oldCatalog := writeLayer(t, filepath.Join(c.opts.WorkDir, "old.json"), "0.0168")
	newCatalog := writeLayer(t, filepath.Join(c.opts.WorkDir, "new.json"), "0.0175")
	targets := [][]string{
		{"--env", "dev"}, {"--env", "staging"}, {"--env", "prod"},
		{"--tier", "1k"}, {"--tier", "10k"}, {"--tier", "100k"}, {"--tier", "1m"},
	}
	var runs [][]string
	add := func(args ...string) { runs = append(runs, args) }
	add() // no command: the tiers table when stdout is not a terminal
	add("tiers")
	add("tiers", "--region", "eu-west-1", "--purchase", "reserved-1yr-no-upfront")
	add("knobs")
	add("pricing", "info")
	add("pricing", "info", "--region", "eu-central-1")
	add("pricing", "diff", oldCatalog, newCatalog)
	for _, tg := range targets {
		for _, cmd := range [][]string{
			{"breakdown"}, {"breakdown", "--show-provenance"}, {"breakdown", "--show-free"},
			{"breakdown", "--purchase", "reserved-1yr-no-upfront", "--region", "eu-west-1"},
			{"rightsize"}, {"rightsize", "--family", "x86"},
			{"forecast"}, {"forecast", "--months", "36", "--growth", "8%"},
			{"advise"}, {"advise", "--set", "users=1000000"},
			{"check", "--budget", "100000"}, {"check", "--budget", "1"},
			{"resources"}, {"audit"},
		} {
			add(append(cmd, tg...)...)
		}
	}
	pairs := [][2]string{
		{"tier:1k", "tier:10k"}, {"tier:10k", "tier:100k"}, {"tier:100k", "tier:1m"}, {"tier:1m", "tier:1k"},
		{"env:dev", "env:staging"}, {"env:staging", "env:prod"}, {"env:dev", "env:prod"}, {"env:prod", "tier:1m"},
	}
	for _, p := range pairs {
		add("diff", p[0], p[1])
	}

	seen := map[string]bool{}
	for _, args := range runs {
		name := strings.Join(args, " ")
		t.Run(name, func(t *testing.T) {
			r := c.run(args...)
			// check exits 1 over its budget, audit on an undocumented
			// failure; both print their report first.
			if r.code != 0 && r.code != 1 {
				t.Fatalf("exit %d: %s", r.code, r.stderr)
			}
			if strings.TrimSpace(r.stdout) == "" {
				t.Fatal("no output")
			}
			for i, l := range strings.Split(r.stdout, "\n") {
				if w := ansi.StringWidth(l); w > output.DefaultWidth {
					t.Errorf("line %d is %d columns wide (at most %d):\n%s", i+1, w, output.DefaultWidth, l)
				}
			}
		})
		cmd := commandOf(args)
		seen[cmd] = true
	}
	for _, cmd := range tableCommands() {
		if !seen[cmd] {
			t.Errorf("table command %q is not exercised by this test", cmd)
		}
	}
}

// commandOf is the command path an argument list runs: the words before
// the first flag or source ("pricing info", "diff", "" for the root).
func commandOf(args []string) string {
	var words []string
	for _, a := range args {
		if strings.HasPrefix(a, "-") || strings.Contains(a, ":") || strings.Contains(a, "/") {
			break
		}
		words = append(words, a)
	}
	return strings.Join(words, " ")
}

var notShown = regexp.MustCompile(`Not shown, to fit 100 characters: (.*) \(--wide shows them\)`)

// TestWideShowsDroppedColumns: the columns the default output names as
// not shown are in the --wide output's header and not in the default
// header, and --wide drops none (real engine; the 1m tier and prod are the
// widest).
func TestWideShowsDroppedColumns(t *testing.T) {
	c := realCLI(t)
	for _, tc := range []struct {
		args   []string
		header string // the header row starts with it
		want   []string
	}{
		// TiersTable's drop order: NOT PRICED, PEAK RPS, FIXED, USAGE.
		{[]string{"tiers"}, "TIER", []string{"PEAK RPS", "FIXED", "NOT PRICED"}},
		// RightsizeTable's: RISK, RECOMMENDED/MO, PEAK UTIL REC, PEAK UTIL NOW.
		{[]string{"rightsize", "--env", "prod"}, "LAYER", []string{"PEAK UTIL REC", "RISK", "RECOMMENDED/MO"}},
		// DiffTable's: BEFORE, AFTER, QTY BEFORE.
		{[]string{"diff", "tier:10k", "tier:100k"}, "RESOURCE / LINE ITEM", []string{"BEFORE", "AFTER"}},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			def := c.run(tc.args...)
			wide := c.run(append(tc.args, "--wide")...)
			if def.code != 0 || wide.code != 0 {
				t.Fatalf("exit %d / %d: %s%s", def.code, wide.code, def.stderr, wide.stderr)
			}
			m := notShown.FindStringSubmatch(def.unwrapped())
			if m == nil {
				t.Fatalf("default output names no columns left out:\n%s", def.stdout)
			}
			if got := strings.Split(m[1], ", "); strings.Join(got, "|") != strings.Join(tc.want, "|") {
				t.Errorf("not shown: %q, want %q", got, tc.want)
			}
			defHead, wideHead := headerRow(def.stdout, tc.header), headerRow(wide.stdout, tc.header)
			for _, col := range tc.want {
				if cells(defHead)[col] {
					t.Errorf("default header %q has %s", defHead, col)
				}
				if !cells(wideHead)[col] {
					t.Errorf("--wide header %q lacks %s", wideHead, col)
				}
			}
			if strings.Contains(wide.stdout, "Not shown") {
				t.Errorf("--wide left columns out:\n%s", wide.stdout)
			}
			// TIERCOST_WIDE and tiercost.yaml's wide say the same.
			t.Setenv("TIERCOST_WIDE", "true")
			if env := c.run(tc.args...); env.stdout != wide.stdout {
				t.Errorf("TIERCOST_WIDE=true differs from --wide:\n%s", env.stdout)
			}
		})
	}
}

// headerRow is the first line of out that starts with first.
func headerRow(out, first string) string {
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, first) {
			return l
		}
	}
	return ""
}

// cells splits a header row at runs of two or more spaces.
func cells(row string) map[string]bool {
	out := map[string]bool{}
	for _, c := range regexp.MustCompile(`\s{2,}`).Split(strings.TrimSpace(row), -1) {
		out[c] = true
	}
	return out
}

// TestShowFree: the 1k fixture has two free resources, a security group
// and a VPC; breakdown counts them and --show-free (or show-free in
// tiercost.yaml) lists them by type.
func TestShowFree(t *testing.T) {
	c := newCLI(t)
	r := c.run("breakdown", "--tier", "1k")
	if r.code != 0 || !strings.Contains(r.stdout, "\nFree resources: 2 (--show-free lists them)\n") || strings.Contains(r.stdout, "aws:ec2/vpc:Vpc") {
		t.Errorf("default: exit %d:\n%s", r.code, r.stdout)
	}
	list := "\nFree resources: 2:\n  aws:ec2/securityGroup:SecurityGroup (1), aws:ec2/vpc:Vpc (1)\n"
	r = c.run("breakdown", "--tier", "1k", "--show-free")
	if r.code != 0 || !strings.Contains(r.stdout, list) {
		t.Errorf("--show-free: exit %d:\n%s", r.code, r.stdout)
	}
	c.write(ConfigFileName, "show-free: true\n")
	t.Chdir(c.opts.WorkDir)
	if r := c.run("breakdown", "--tier", "1k"); r.code != 0 || !strings.Contains(r.stdout, list) {
		t.Errorf("show-free in %s: exit %d:\n%s%s", ConfigFileName, r.code, r.stdout, r.stderr)
	}
	if r := c.run("breakdown", "--tier", "1k", "--show-free=false"); !strings.Contains(r.stdout, "Free resources: 2 (--show-free lists them)") {
		t.Errorf("--show-free=false over the file:\n%s", r.stdout)
	}
	c.write(ConfigFileName, "wide: maybe\n")
	if r := c.run("tiers"); r.code != 2 || !strings.Contains(r.stderr, fmt.Sprintf("%s: line 1: wide: got", filepath.Join(c.opts.WorkDir, ConfigFileName))) {
		t.Errorf("wide: maybe: exit %d: %s", r.code, r.stderr)
	}
}

// TestTablesFitANarrowerTerminal: a terminal narrower than 100 columns
// gets tables that fit it; a wider one still gets 100, and --wide has no
// limit.
func TestTablesFitANarrowerTerminal(t *testing.T) {
	for _, tc := range []struct {
		terminal, want int
		wide           bool
	}{
		{80, 80, false},
		{120, 100, false},
		{80, 0, true},
	} {
		c := realCLI(t)
		c.opts.TerminalWidth = func(io.Writer) int { return tc.terminal }
		args := []string{"tiers"}
		if tc.wide {
			args = append(args, "--wide")
		}
		r := c.run(args...)
		if r.code != 0 {
			t.Fatalf("exit %d: %s", r.code, r.stderr)
		}
		widest := 0
		for _, l := range strings.Split(r.stdout, "\n") {
			widest = max(widest, ansi.StringWidth(l))
		}
		switch {
		case tc.wide && (widest <= output.DefaultWidth || strings.Contains(r.stdout, "Not shown")):
			t.Errorf("terminal %d, --wide: %d wide:\n%s", tc.terminal, widest, r.stdout)
		case !tc.wide && (widest > tc.want || !strings.Contains(r.unwrapped(), fmt.Sprintf("Not shown, to fit %d characters:", tc.want))):
			t.Errorf("terminal %d: %d wide, want at most %d:\n%s", tc.terminal, widest, tc.want, r.stdout)
		}
	}
}
