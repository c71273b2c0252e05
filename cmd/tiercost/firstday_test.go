package main

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/tiercost/tiercost/cmd/tiercost/internal/deploy"
	"github.com/tiercost/tiercost/cmd/tiercost/internal/engine"
	"github.com/tiercost/tiercost/cmd/tiercost/internal/scenario"
)

// leaks are words a message for people must never hold: Go's type names,
// its parsers' and YAML's internals.
var leaks = regexp.MustCompile(`strconv|ParseFloat|ParseInt|ParseBool|invalid syntax|unmarshal|!!str|!!int|!!float|!!bool|\bfloat64\b|\bfloat32\b|\bint64\b|\bint32\b|\buint\b|\binterface\b|map\[|\[\]string|struct \{|\*[a-z]+\.[A-Z]|goroutine|panic`)

// billHead and billRow make a small FOCUS bill for bad-input cases.
const billHead = "BilledCost,EffectiveCost,ListCost,BillingCurrency,BillingPeriodStart,ChargeCategory,ProviderName,ServiceName,ResourceId,PricingQuantity,PricingUnit,Tags,x_UsageType\n"

func billRow(billed string) string {
	return billed + ",1,1,USD,2024-09-01T00:00:00Z,Usage,AWS,Amazon Elastic Compute Cloud,i-1,720,Hrs,,USE1-BoxUsage:t3.micro\n"
}

// TestBadInputsOneLine: each bad input, through the real engine, exits 2
// with one stderr line that starts "tiercost: ", names the file or flag
// and the field (want), and leaks no Go or YAML internals.
func TestBadInputsOneLine(t *testing.T) {
	override := func(section, field, value string) string {
		return "name: big\ntier: 10k\nregion: us-east-1\noverrides:\n  " + section + ":\n    " + field + ": " + value + "\n"
	}
	for _, tc := range []struct {
		name  string
		args  []string
		env   map[string]string
		files map[string]string // relative to the working folder; a name ending in / is a folder
		want  string
	}{
		{name: "growth with a percent sign and letters", args: []string{"forecast", "--env", "prod", "--growth", "8%x"},
			want: `--growth: "8%x" is not a percentage; allowed: a number of percent a month from -50 to 100, like 8, 8% or -3%`},
		{name: "growth out of range", args: []string{"forecast", "--env", "prod", "--growth", "150%"},
			want: "--growth: 150% is out of range; allowed: -50 to 100 (percent a month)"},
		{name: "growth from the environment", args: []string{"forecast", "--env", "prod"}, env: map[string]string{"TIERCOST_GROWTH": "lots"},
			want: `TIERCOST_GROWTH: "lots" is not a percentage; allowed:`},
		{name: "months not a number", args: []string{"forecast", "--env", "prod", "--months", "two"},
			want: `--months: "two" is not a whole number; allowed: a whole number (months to project, 1 to 120)`},
		{name: "months zero", args: []string{"forecast", "--tier", "1k", "--months", "0"}, want: "--months: 0 is out of range; allowed: 1 to 120"},
		{name: "config value not a number", args: []string{"tiers"}, files: map[string]string{"tiercost.yaml": "monthly-hours: lots\n"},
			want: `tiercost.yaml: line 1: monthly-hours: got "lots"; allowed: a number of hours from 0 to 744`},
		{name: "config file is a folder", args: []string{"tiers"}, files: map[string]string{"tiercost.yaml/": ""},
			want: "tiercost.yaml: is a folder; allowed: a regular file, or no tiercost.yaml at all"},
		{name: "--config is a folder", args: []string{"tiers", "--config", "settings"}, files: map[string]string{"settings/": ""},
			want: "--config: settings: is a folder; allowed: a regular file"},
		{name: "mistyped command before a flag", args: []string{"breakdwon", "--env", "prod"},
			want: `unknown command "breakdwon" for "tiercost"; did you mean breakdown?`},
		{name: "mistyped subcommand", args: []string{"pricing", "fecth"}, want: `unknown command "fecth" for "tiercost pricing"; did you mean fetch?`},
		{name: "mistyped subcommand of a command that only groups", args: []string{"analyzer", "instal"},
			want: `unknown command "instal" for "tiercost analyzer"; did you mean install?`},
		{name: "mistyped environment", args: []string{"breakdown", "--env", "prdo"},
			want: `--env: environment "prdo" is unknown; did you mean prod? allowed: dev, staging, prod`},
		{name: "mistyped environment from the config file", args: []string{"check"}, files: map[string]string{"tiercost.yaml": "env: stagign\n"},
			want: `tiercost.yaml: env: environment "stagign" is unknown; did you mean staging?`},
		{name: "override type unknown", args: []string{"breakdown", "--env", "big"},
			files: map[string]string{"environments/big.yaml": override("compute", "instance_type", "t9.huge")},
			want:  `environments/big.yaml: line 6: overrides.compute.instance_type: "t9.huge" is not a type we size and price;`},
		{name: "override out of range", args: []string{"breakdown", "--env", "big"},
			files: map[string]string{"environments/big.yaml": override("database", "read_replicas", "-4")},
			want:  "environments/big.yaml: line 6: overrides.database.read_replicas: is -4; allowed: 0 to 15"},
		{name: "override not a number", args: []string{"breakdown", "--env", "big"},
			files: map[string]string{"environments/big.yaml": override("database", "read_replicas", "lots")},
			want:  `environments/big.yaml: line 6: overrides.database.read_replicas: must be a whole number, got "lots"`},
		{name: "workload not a number", args: []string{"breakdown", "--env", "big"},
			files: map[string]string{"environments/big.yaml": "name: big\ntier: 10k\nregion: us-east-1\nworkload:\n  monthly_active_users: lots\n"},
			want:  `environments/big.yaml: line 5: workload.monthly_active_users: must be a number, got "lots"`},
		{name: "tier unknown", args: []string{"breakdown", "--tier", "10m"}, want: `--tier: tier "10m" is unknown; did you mean 10k or 1m? allowed: 1k, 10k, 100k, 1m`},
		{name: "format mistyped", args: []string{"tiers", "--format", "jsn"}, want: `--format: "jsn" is unknown; did you mean json? allowed: table, json`},
		{name: "report format mistyped", args: []string{"report", "--tier", "1k", "--format", "htm", "--output", "r.html"},
			want: `--format: "htm" is unknown; did you mean html? allowed: markdown, html, csv, focus, json`},
		{name: "flag mistyped", args: []string{"breakdown", "--evn", "prod"},
			want: "--evn: unknown flag for tiercost breakdown; did you mean --env? see tiercost breakdown --help"},
		{name: "flag without its value", args: []string{"breakdown", "--tier"}, want: "--tier: missing its value; allowed: growth tier: 1k, 10k, 100k, 1m"},
		{name: "boolean flag not a boolean", args: []string{"tiers", "--free-tier=maybe"}, want: `--free-tier: "maybe" is not true or false; allowed: true or false`},
		{name: "number flag not a number", args: []string{"tiers", "--savings-plan-coverage", "half"},
			want: `--savings-plan-coverage: "half" is not a number; allowed: a number (percent of compute covered`},
		{name: "number from the environment", args: []string{"tiers"}, env: map[string]string{"TIERCOST_MONTHLY_HOURS": "abc"},
			want: `TIERCOST_MONTHLY_HOURS: "abc" is not a number; allowed: a number (duty cycle`},
		{name: "boolean from the environment", args: []string{"tiers"}, env: map[string]string{"TIERCOST_FREE_TIER": "maybe"},
			want: `TIERCOST_FREE_TIER: "maybe" is not true or false; allowed: true or false`},
		{name: "mistyped environment for the TUI", args: []string{"tui", "--env", "prdo"},
			want: `--env: environment "prdo" is unknown; did you mean prod?`},
		{name: "knob mistyped", args: []string{"breakdown", "--tier", "1k", "--set", "usres=5"}, want: `--set: "usres" is not a knob; did you mean users?`},
		{name: "knob value not a number", args: []string{"breakdown", "--tier", "1k", "--set", "users=lots"},
			want: `--set: users: "lots" is not a number; allowed: a number from 1 to 1000000000`},
		{name: "region unknown in any case", args: []string{"breakdown", "--tier", "1k", "--region", "EU-NORTH-9"},
			want: `--region: "eu-north-9" is unknown to the price catalog; allowed: af-south-1`},
		{name: "purchase mistyped", args: []string{"tiers", "--purchase", "reserved-1yr-no-upfrnt"},
			want: `--purchase: "reserved-1yr-no-upfrnt" is unknown; did you mean reserved-1yr-no-upfront? allowed: on-demand,`},
		{name: "budget not money", args: []string{"check", "--tier", "1k", "--budget", "lots"},
			want: `--budget: "lots" is not a number of US dollars; allowed: an amount a month such as 2500 or $2500.50`},
		{name: "usage value not a number", args: []string{"breakdown", "--tier", "1k", "--usage", "u.yml"},
			files: map[string]string{"u.yml": "version: 0.1\nresource_usage:\n  web-alb:\n    new_connections_per_second: lots\n"},
			want:  `u.yml: line 4: resource_usage.web-alb.new_connections_per_second: "lots" is not a number`},
		{name: "default catalog is a folder", args: []string{"tiers"}, files: map[string]string{"cache/tiercost/catalog.json/": ""},
			want: "catalog.json: is a folder; allowed: a regular file (the price catalog"},
		{name: "diff tier mistyped", args: []string{"diff", "tier:10M", "tier:1k"}, want: `tier:10M: --tier: tier "10m" is unknown; did you mean 10k or 1m?`},
		{name: "bill not found", args: []string{"actual", "--env", "prod", "--bill", "nope.csv"}, want: "--bill: nope.csv: file not found"},
		{name: "bill missing", args: []string{"actual", "--env", "prod"}, want: "--bill: missing; allowed: a billing export file"},
		{name: "bill period not a month", args: []string{"actual", "--env", "prod", "--bill", "b.csv", "--period", "Sept"}, files: map[string]string{"b.csv": billHead + billRow("1")},
			want: `--period: "Sept" is not a month; allowed: YYYY-MM, such as 2024-09`},
		{name: "bill period not in the bill", args: []string{"actual", "--env", "prod", "--bill", "b.csv", "--period", "2024-08"}, files: map[string]string{"b.csv": billHead + billRow("1")},
			want: "--period: \"2024-08\" is not in b.csv; allowed: 2024-09"},
		{name: "bill truncated", args: []string{"actual", "--env", "prod", "--bill", "b.csv"}, files: map[string]string{"b.csv": billHead + billRow("1") + "2.5,2.5,2.5,USD,2024-09"},
			want: "--bill: b.csv: row 3: has 5 columns, the header has 13 (is the file cut off?); allowed: every row as wide as the header"},
		{name: "bill amount not a number", args: []string{"actual", "--env", "prod", "--bill", "b.csv"}, files: map[string]string{"b.csv": billHead + billRow("lots")},
			want: "--bill: b.csv: row 2: column BilledCost: is not a decimal number; allowed: a decimal number"},
		{name: "bill missing required columns", args: []string{"calibrate", "--env", "prod", "--bill", "b.csv"}, files: map[string]string{"b.csv": "BilledCost,ChargeCategory\n1,Usage\n"},
			want: "--bill: b.csv: row 1: missing required FOCUS 1.0 columns ProviderName, ServiceName"},
		{name: "bill not in dollars", args: []string{"actual", "--env", "prod", "--bill", "b.csv"}, files: map[string]string{"b.csv": billHead + strings.Replace(billRow("1"), "USD", "EUR", 1)},
			want: "b.csv: row 2: column BillingCurrency: is not USD; allowed: a bill in US dollars"},
		{name: "actual format mistyped", args: []string{"actual", "--env", "prod", "--bill", "b.csv", "--format", "markdwn"}, files: map[string]string{"b.csv": billHead + billRow("1")},
			want: `--format: "markdwn" is unknown; did you mean markdown? allowed: table, json, markdown`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := newCLI(t)
			c.opts.Estimate = engine.Estimate
			c.opts.CacheDir = filepath.Join(c.opts.WorkDir, "cache")
			for k, v := range tc.env {
				t.Setenv(k, v)
			}
			for name, content := range tc.files {
				if dir, ok := strings.CutSuffix(name, "/"); ok {
					if err := os.MkdirAll(filepath.Join(c.opts.WorkDir, dir), 0o755); err != nil {
						t.Fatal(err)
					}
					continue
				}
				c.write(name, content)
			}
			t.Chdir(c.opts.WorkDir)
			r := c.run(tc.args...)
			msg := strings.TrimSuffix(r.stderr, "\n")
			switch {
			case r.code != ExitBadInput:
				t.Fatalf("exit %d, want 2\nstdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
			case r.stdout != "":
				t.Errorf("stdout not empty:\n%s", r.stdout)
			case strings.Contains(msg, "\n") || !strings.HasPrefix(msg, "tiercost: "):
				t.Errorf("not one tiercost: line:\n%s", r.stderr)
			case !strings.Contains(msg, tc.want):
				t.Errorf("message lacks %q:\n%s", tc.want, msg)
			}
			if l := leaks.FindString(msg); l != "" {
				t.Errorf("message leaks %q:\n%s", l, msg)
			}
		})
	}
}

// TestVersion: --version prints the module version, the commit and the
// embedded catalog's date, and reads no settings (a broken tiercost.yaml
// does not stop it).
func TestVersion(t *testing.T) {
	c := newCLI(t)
	c.write("tiercost.yaml", "monthly-hours: lots\n")
	t.Chdir(c.opts.WorkDir)
	buildInfo = func() (*debug.BuildInfo, bool) {
		return &debug.BuildInfo{Main: debug.Module{Path: "github.com/tiercost/tiercost", Version: "v1.2.3"}, Settings: []debug.BuildSetting{
			{Key: "vcs.revision", Value: "0123456789abcdef0123"}, {Key: "vcs.time", Value: "2026-11-20T10:00:00Z"}, {Key: "vcs.modified", Value: "true"},
		}}, true
	}
	defer func() { buildInfo = debug.ReadBuildInfo }()
	r := c.run("--version")
	want := "tiercost v1.2.3\ncommit:  0123456789ab with uncommitted changes, 2026-11-20T10:00:00Z\n" +
		"catalog: embedded prices as of 2024-07-01 (the oldest price; tiercost pricing info shows every layer)\n"
	if r.code != 0 || r.stdout != want || r.stderr != "" {
		t.Errorf("exit %d\nstdout:\n%s\nwant:\n%s\nstderr:\n%s", r.code, r.stdout, want, r.stderr)
	}
	// A go test or go run build carries no commit: say so, and how to get one.
	buildInfo = func() (*debug.BuildInfo, bool) { return &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}, true }
	if r := c.run("--version"); r.code != 0 || !strings.Contains(r.stdout, "tiercost (devel)\ncommit:  unknown (go build stamps it in a git checkout;") {
		t.Errorf("devel build: exit %d\n%s", r.code, r.stdout)
	}
	// -ldflags "-X main.commit=..." fills in where go build cannot.
	commit = "96e471a"
	defer func() { commit = "" }()
	if r := c.run("--version"); r.code != 0 || !strings.Contains(r.stdout, "tiercost (devel)\ncommit:  96e471a\n") {
		t.Errorf("-X main.commit: exit %d\n%s", r.code, r.stdout)
	}
}

// TestCompletion: the completion command writes each shell's script, and
// the flags that take names complete them.
func TestCompletion(t *testing.T) {
	c := newCLI(t)
	c.write("environments/perf.yaml", "name: perf\ntier: 10k\nregion: us-east-1\n")
	// Completion works even when the settings file is broken.
	c.write("tiercost.yaml", "monthly-hours: lots\n")
	t.Chdir(c.opts.WorkDir)
	for shell, head := range map[string]string{"bash": "# bash completion V2 for tiercost", "zsh": "#compdef tiercost", "fish": "# fish completion for tiercost", "powershell": "# powershell completion for tiercost"} {
		if r := c.run("completion", shell); r.code != 0 || !strings.HasPrefix(r.stdout, head) {
			t.Errorf("completion %s: exit %d, starts %.60q\n%s", shell, r.code, r.stdout, r.stderr)
		}
	}
	complete := func(args ...string) []string {
		t.Helper()
		r := c.run(append([]string{"__complete"}, args...)...)
		if r.code != 0 {
			t.Fatalf("__complete %v: exit %d: %s", args, r.code, r.stderr)
		}
		var out []string
		for _, l := range strings.Split(strings.TrimSpace(r.stdout), "\n") {
			if !strings.HasPrefix(l, ":") { // the last line is the directive
				name, _, _ := strings.Cut(l, "\t")
				out = append(out, name)
			}
		}
		return out
	}
	for _, tc := range []struct {
		args []string
		want string // the completions, joined by spaces
	}{
		{[]string{"breakdown", "--tier", ""}, "1k 10k 100k 1m"},
		{[]string{"forecast", "--env", ""}, "dev staging prod perf"},
		{[]string{"tiers", "--format", ""}, "table json"},
		{[]string{"report", "--format", ""}, "markdown html csv focus json"},
		{[]string{"breakdown", "--set", "family="}, "family=graviton family=x86"},
		{[]string{"rightsize", "--family", ""}, "graviton x86"},
	} {
		if got := strings.Join(complete(tc.args...), " "); got != tc.want {
			t.Errorf("complete %v = %q, want %q", tc.args, got, tc.want)
		}
	}
	knobs := complete("tiers", "--set", "")
	if len(knobs) != len(scenario.All()) || !contains(knobs, "users=") || !contains(knobs, "region=") {
		t.Errorf("--set completes %v, want every knob as NAME=", knobs)
	}
	if regions := complete("tiers", "--region", ""); !contains(regions, "us-east-1") || !contains(regions, "eu-west-1") || contains(regions, "global") {
		t.Errorf("--region completes %v", regions)
	}
}

// TestCaseInsensitiveNames: tiers, formats and regions are accepted in any
// case, from flags, TIERCOST_* and diff sources alike, and reach the engine
// in lower case.
func TestCaseInsensitiveNames(t *testing.T) {
	for _, tc := range []struct {
		args       []string
		env        map[string]string
		tier, json string
	}{
		{args: []string{"breakdown", "--tier", "1M"}, tier: "1m"},
		{args: []string{"breakdown", "--tier", "100K"}, tier: "100k"},
		{args: []string{"breakdown", "--tier", "1K", "--format", "JSON"}, tier: "1k", json: `"version": "0.2"`},
		{args: []string{"tiers", "--format", "Json"}, tier: "1m", json: `"tier": "1m"`},
		{args: []string{"breakdown"}, env: map[string]string{"TIERCOST_TIER": "10K"}, tier: "10k"},
		{args: []string{"resources", "--tier", "1K", "--region", "EU-WEST-1"}, tier: "1k"},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			c := newCLI(t)
			for k, v := range tc.env {
				t.Setenv(k, v)
			}
			r := c.run(tc.args...)
			if r.code != 0 || !strings.Contains(r.stdout, tc.json) {
				t.Fatalf("exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
			}
			if got := c.engine.last().Tier; got != tc.tier {
				t.Errorf("engine got tier %q, want %q", got, tc.tier)
			}
		})
	}
	c := newCLI(t)
	if r := c.run("breakdown", "--tier", "1K", "--region", "EU-WEST-1"); r.code != 0 || c.engine.last().Overlay["region"] != "eu-west-1" {
		t.Errorf("region: exit %d, overlay %v: %s", r.code, c.engine.last().Overlay, r.stderr)
	}
	if r := c.run("diff", "tier:1K", "tier:10K"); r.code != 0 {
		t.Errorf("diff tier:1K tier:10K: exit %d: %s", r.code, r.stderr)
	}
}

// TestTierFlagRealEngine: --tier 1M prices the 1m tier through the real
// engine (the README speaks of "1K to 1M").
func TestTierFlagRealEngine(t *testing.T) {
	c := newCLI(t)
	c.opts.Estimate = engine.Estimate
	r := c.run("resources", "--tier", "1M", "--format", "json")
	if r.code != 0 || !strings.Contains(r.stdout, `"tier": "1m"`) && !strings.Contains(r.stdout, "1m") {
		t.Fatalf("exit %d\n%.300s\n%s", r.code, r.stdout, r.stderr)
	}
}

// TestQuiet: --quiet (and TIERCOST_QUIET) drop warnings and status lines
// from stderr; errors still show.
func TestQuiet(t *testing.T) {
	c := newCLI(t)
	// The fixture catalog is older than 90 days on the tests' date, so
	// breakdown warns without --quiet.
	if r := c.run("breakdown", "--tier", "1k"); !strings.Contains(r.stderr, "warning:") {
		t.Fatalf("no warning to silence:\n%s", r.stderr)
	}
	if r := c.run("breakdown", "--tier", "1k", "--quiet"); r.code != 0 || r.stderr != "" || r.stdout == "" {
		t.Errorf("--quiet: exit %d, stderr:\n%s", r.code, r.stderr)
	}
	out := filepath.Join(c.opts.WorkDir, "r.md")
	if r := c.run("report", "--tier", "1k", "--output", out, "-q"); r.code != 0 || r.stderr != "" {
		t.Errorf("-q report: exit %d, stderr:\n%s", r.code, r.stderr)
	}
	t.Setenv("TIERCOST_QUIET", "true")
	if r := c.run("breakdown", "--tier", "1k"); r.code != 0 || r.stderr != "" {
		t.Errorf("TIERCOST_QUIET: exit %d, stderr:\n%s", r.code, r.stderr)
	}
	if r := c.run("breakdown", "--tier", "9k"); r.code != 2 || !strings.Contains(r.stderr, `--tier: tier "9k" is unknown`) {
		t.Errorf("--quiet hid an error: exit %d, stderr:\n%s", r.code, r.stderr)
	}
}

// TestTUIFlags: --no-color reaches the TUI; Ctrl-C there (errInterrupted
// from runTUI) exits 130 with nothing on stderr.
func TestTUIFlags(t *testing.T) {
	c := newCLI(t)
	c.opts.IsTerminal = func(io.Writer) bool { return true }
	var got []TUIRequest
	c.opts.RunTUI = func(_ context.Context, r TUIRequest) error {
		got = append(got, r)
		return nil
	}
	for _, args := range [][]string{{"tui"}, {"tui", "--no-color"}, {"--no-color"}} {
		if r := c.run(args...); r.code != 0 {
			t.Fatalf("%v: exit %d: %s", args, r.code, r.stderr)
		}
	}
	if len(got) != 3 || got[0].NoColor || !got[1].NoColor || !got[2].NoColor {
		t.Errorf("NoColor per run = %+v", got)
	}
	c.opts.RunTUI = func(context.Context, TUIRequest) error { return errInterrupted }
	if r := c.run("tui", "--env", "dev"); r.code != ExitInterrupted || r.stderr != "" {
		t.Errorf("Ctrl-C: exit %d, stderr %q, want 130 and nothing", r.code, r.stderr)
	}
}

// TestDeployNotReadySaysItOnce: a missing pulumi CLI is one line that says
// "cannot deploy ... yet" once, then the list.
func TestDeployNotReadySaysItOnce(t *testing.T) {
	c := newCLI(t)
	c.opts.Deployer = fakeDeployer{check: &deploy.NotReady{Env: "dev", Missing: []string{"the pulumi CLI is not on PATH: install it", "no AWS credentials: set AWS_PROFILE"}}}
	r := c.run("up", "--env", "dev", "--yes", "--allow-unpriced")
	// Bad input (exit 2) is one line: the run's warnings are not shown.
	want := "tiercost: cannot deploy dev yet: the pulumi CLI is not on PATH: install it; no AWS credentials: set AWS_PROFILE\n"
	if r.code != 2 || r.stderr != want {
		t.Errorf("exit %d, stderr:\n%s\nwant:\n%s", r.code, r.stderr, want)
	}
}

// TestSuggestions covers the matching rule itself.
func TestSuggestions(t *testing.T) {
	for _, tc := range []struct {
		in         string
		candidates []string
		want       string
	}{
		{"prdo", []string{"dev", "staging", "prod"}, "prod"},
		{"breakdwon", []string{"breakdown", "check", "tiers"}, "breakdown"},
		{"Breakdown", []string{"breakdown"}, "breakdown"},
		{"1K", []string{"1k", "10k", "100k", "1m"}, "1k"},
		{"10m", []string{"1k", "10k", "100k", "1m"}, "10k 1m"},
		{"j", []string{"table", "json"}, ""},
		{"js", []string{"table", "json"}, "json"},
		{"xml", []string{"table", "json"}, ""},
		{"stagign", []string{"dev", "staging", "prod"}, "staging"},
		{"", []string{"dev"}, ""},
		{"reserved-1yr-no-upfrnt", []string{"on-demand", "reserved-1yr-no-upfront", "reserved-3yr-no-upfront"}, "reserved-1yr-no-upfront"},
	} {
		if got := strings.Join(suggestions(tc.in, tc.candidates), " "); got != tc.want {
			t.Errorf("suggestions(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestForecastSteps: growth may be negative and written with %, every
// column has a header, and the step (here the tier falling back to 1k) has
// its reason in the row and its cost change under the table. The fake
// prod costs $179.605 at 10k users and $44.137 below 3,163 (the 1k
// fixture), against a $150 budget. The fixtures leave items unpriced (the
// 10k one 1, the 1k one 2), so every cost is a lower bound; the cumulative
// total leaves out up to 2.
func TestForecastSteps(t *testing.T) {
	c := newCLI(t)
	r := c.run("forecast", "--env", "prod", "--months", "3", "--growth", "-50%")
	// Users and money grouped by thousands; the steps' heading is wider
	// than 100 columns, so it wraps before "catalog".
	want := `MONTH   USERS  TIER    MONTHLY  CUMULATIVE  BUDGET  STEP
    1  10,000   10k  ≥ $179.61   ≥ $179.61    over
    2   5,000   10k  ≥ $179.61   ≥ $359.21    over
    3   2,500    1k   ≥ $44.14   ≥ $403.35  within  tier 10k -> 1k
≥: lower bound; 3 of 3 rows leave out items not priced (up to 2 items not priced)

Steps (between them, cost follows users through the usage-based line items; prices stay as the
  catalog says):
  month 3, 2,500 users: -$135.47 on month 2: tier 10k -> 1k
budget $150.00 a month is crossed in month 1
total over 3 months: ≥ $403.35
`
	if r.code != 0 || r.stdout != want {
		t.Errorf("exit %d\ngot:\n%s\nwant:\n%s\nstderr:\n%s", r.code, r.stdout, want, r.stderr)
	}
	// A bare tier has no budget unless --budget gives one: no BUDGET column.
	r = c.run("forecast", "--tier", "1K", "--months", "1", "--growth", "8")
	if r.code != 0 || strings.Join(strings.Fields(strings.SplitN(r.stdout, "\n", 2)[0]), " ") != "MONTH USERS TIER MONTHLY CUMULATIVE STEP" || !strings.Contains(r.stdout, "total over 1 month: ≥ $44.14") {
		t.Errorf("--tier: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if req := c.engine.last(); req.Tier != "1k" || req.Overlay["users"] != "1000" {
		t.Errorf("--tier 1K priced %+v", req)
	}
	for _, g := range []string{"8", "8%", "-3%", " 8 % ", "0"} {
		if r := c.run("forecast", "--env", "dev", "--months", "2", "--growth", g); r.code != 0 {
			t.Errorf("--growth %q: exit %d: %s", g, r.code, r.stderr)
		}
	}
}
