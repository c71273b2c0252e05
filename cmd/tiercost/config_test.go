package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/cobra"
	"github.com/tiercost/tiercost/costmodel/golden"
	"github.com/tiercost/tiercost/costmodel/money"
)

// TestPrecedence checks flag > env > file > default for --catalog and
// --region, one source added per case, by looking at the request the
// engine receives.
func TestPrecedence(t *testing.T) {
	for _, tc := range []struct {
		name        string
		userFile    bool // <user config dir>/tiercost/tiercost.yaml: catalog A, eu-west-1
		workFile    bool // ./tiercost.yaml: catalog B, us-west-2
		cacheFile   bool // <user cache dir>/tiercost/catalog.json
		env         bool // TIERCOST_CATALOG=C, TIERCOST_REGION=ap-southeast-1
		flags       bool // --catalog D --region eu-central-1
		wantCatalog string
		wantRegion  string
	}{
		{name: "default: embedded only, tier's region", wantCatalog: "embedded", wantRegion: ""},
		{name: "default catalog from the user cache", cacheFile: true, wantCatalog: "cache", wantRegion: ""},
		{name: "file in the user config folder", userFile: true, cacheFile: true, wantCatalog: "A", wantRegion: "eu-west-1"},
		{name: "working folder file over user config file", userFile: true, workFile: true, wantCatalog: "B", wantRegion: "us-west-2"},
		{name: "env over file", workFile: true, env: true, wantCatalog: "C", wantRegion: "ap-southeast-1"},
		{name: "flag over env and file", workFile: true, env: true, flags: true, wantCatalog: "D", wantRegion: "eu-central-1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := newCLI(t)
			layers := t.TempDir()
			path := func(n string) string { return writeLayer(t, filepath.Join(layers, n+".json"), "0.0168") }
			names := map[string]string{"embedded": "embedded"}
			for _, n := range []string{"A", "B", "C", "D"} {
				names[n] = path(n)
			}
			names["cache"] = filepath.Join(c.opts.CacheDir, "tiercost", "catalog.json")
			if tc.cacheFile {
				writeLayer(t, names["cache"], "0.0168")
			}
			if tc.userFile {
				p := filepath.Join(c.opts.ConfigDir, "tiercost", ConfigFileName)
				os.MkdirAll(filepath.Dir(p), 0o755)
				os.WriteFile(p, []byte("catalog: "+names["A"]+"\nregion: eu-west-1\n"), 0o644)
			}
			if tc.workFile {
				c.write(ConfigFileName, "catalog: "+names["B"]+"\nregion: us-west-2\n")
			}
			if tc.env {
				t.Setenv("TIERCOST_CATALOG", names["C"])
				t.Setenv("TIERCOST_REGION", "ap-southeast-1")
			}
			args := []string{"breakdown", "--tier", "1k"}
			if tc.flags {
				args = append(args, "--catalog", names["D"], "--region", "eu-central-1")
			}
			r := c.run(args...)
			if r.code != 0 {
				t.Fatalf("exit %d: %s", r.code, r.stderr)
			}
			req := c.engine.last()
			if got := req.Catalog.Layers()[0].Name; got != names[tc.wantCatalog] {
				t.Errorf("catalog layer %q, want %s (%q)", got, tc.wantCatalog, names[tc.wantCatalog])
			}
			if req.Overlay["region"] != tc.wantRegion {
				t.Errorf("region %q, want %q", req.Overlay["region"], tc.wantRegion)
			}
		})
	}
}

// TestPrecedenceCommandFlags covers a command's own flags: a config-file
// env is overridden by --tier on the command line, and an env variable
// fills --monthly-hours.
func TestPrecedenceCommandFlags(t *testing.T) {
	c := newCLI(t)
	c.write(ConfigFileName, "env: prod\nmonthly-hours: 200\nformat: json\n")
	t.Setenv("TIERCOST_MONTHLY_HOURS", "300")
	r := c.run("breakdown", "--tier", "1k")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	req := c.engine.last()
	if req.Tier != "1k" || req.Environment != "" {
		t.Errorf("--tier did not override the file's env: %+v", req)
	}
	if req.Overlay["monthly_hours"] != "300" {
		t.Errorf("monthly hours %v, want 300 from TIERCOST_MONTHLY_HOURS", req.Overlay["monthly_hours"])
	}
	if !strings.HasPrefix(r.stdout, "{") {
		t.Errorf("format: json from the file was not applied:\n%.80s", r.stdout)
	}
	// With nothing on the command line the file's env is the target.
	if r := c.run("check"); r.code != 1 || c.engine.last().Environment != "prod" {
		t.Errorf("file env not used: exit %d, %+v", r.code, c.engine.last())
	}
}

func TestParseConfigFile(t *testing.T) {
	for _, tc := range []struct {
		name, data, err string
	}{
		{"empty", "", ""},
		{"full", "catalog: c.json\nregion: eu-west-1\nusage: u.yml\npurchase: reserved-3yr-all-upfront-convertible\n" +
			"savings-plan-coverage: 50\nfree-tier: true\nmonthly-hours: 730\nshow-provenance: true\nenv: prod\nbudget: 2500.50\nformat: json\n", ""},
		{"budget with dollar sign", "budget: $100\n", ""},
		{"unknown key", "catalogue: x\n", "tiercost.yaml: line 1: catalogue: unknown field; allowed: budget, catalog, env"},
		{"malformed", "region: [\n", "tiercost.yaml: line 1: did not find expected node content; allowed: one YAML document"},
		{"wrong type", "free-tier: maybe\n", `tiercost.yaml: line 1: free-tier: got "maybe"; allowed: true or false`},
		{"list for a string", "region: [a]\n", "tiercost.yaml: line 1: region: got a list; allowed: an AWS region code"},
		{"bad budget", "budget: lots\n", `tiercost.yaml: line 1: budget: got "lots"; allowed: a number of US dollars`},
		{"1e308 budget", "budget: 1e308\n", "tiercost.yaml: budget: 1e+308 is out of range; allowed: more than 0 up to 1000000000"},
		{"1e308 hours", "monthly-hours: 1e308\n", "tiercost.yaml: monthly-hours: 1e+308 is out of range"},
		{"case twin", "region: us-east-1\nRegion: eu-west-1\n", "tiercost.yaml: line 2: Region: same key as region (line 1) but for letter case; allowed: each key once, in lower case"},
		{"duplicate key", "region: us-east-1\nregion: eu-west-1\n", "tiercost.yaml: line 2: region: given twice (first at line 1); allowed: each key once"},
		{"BOM", "\xef\xbb\xbfregion: us-east-1\n", ""},
		{"shadow-like content", "root:$6$Qx1T0dpb$Zk0W9jV1kS3m:19000:0:99999:7:::\ndaemon:*:19000:0:99999:7:::\n", "tiercost.yaml: line 1: (a value that looks like a secret, not shown): unknown field"},
		{"secret-like content", "AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n", "tiercost.yaml: line 1: (top level): got (a value that looks like a secret, not shown); allowed: a mapping"},
		{"negative budget", "budget: -1\n", "tiercost.yaml: budget: -1 is out of range"},
		{"bad region", "region: Mars\n", `tiercost.yaml: region: "Mars" is not an AWS region code`},
		{"bad purchase", "purchase: spot\n", `tiercost.yaml: purchase: "spot" is unknown`},
		{"coverage over 100", "savings-plan-coverage: 101\n", "tiercost.yaml: savings-plan-coverage: 101 is out of range"},
		{"negative hours", "monthly-hours: -5\n", "tiercost.yaml: monthly-hours: -5 is out of range"},
		{"bad env", "env: 'Prod Env'\n", `tiercost.yaml: env: "Prod Env" is not an environment name`},
		{"two documents", "region: us-east-1\n---\nregion: eu-west-1\n", "tiercost.yaml: line 3: a second YAML document; allowed: one document"},
		{"not a mapping", "- a\n- b\n", "tiercost.yaml: line 1: (top level): got a list; allowed: a mapping of budget, catalog"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fc, err := ParseConfigFile("tiercost.yaml", []byte(tc.data))
			if tc.err == "" {
				if err != nil {
					t.Fatalf("unexpected error: %v", err)
				}
				switch tc.name {
				case "full":
					if fc.Catalog != "c.json" || fc.Region != "eu-west-1" || fc.Usage != "u.yml" ||
						fc.Purchase != "reserved-3yr-all-upfront-convertible" || fc.Env != "prod" || fc.Format != "json" ||
						fc.SavingsPlanCoverage == nil || *fc.SavingsPlanCoverage != 50 || fc.FreeTier == nil || !*fc.FreeTier ||
						fc.MonthlyHours == nil || *fc.MonthlyHours != 730 || fc.ShowProvenance == nil || !*fc.ShowProvenance ||
						fc.Budget == nil || !fc.Budget.Decimal.Equal(dec("2500.50")) {
						t.Errorf("parsed %+v", fc)
					}
				case "budget with dollar sign":
					if fc.Budget == nil || !fc.Budget.Decimal.Equal(dec("100")) {
						t.Errorf("budget = %v, want 100", fc.Budget)
					}
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Fatalf("error %v, want it to contain %q", err, tc.err)
			}
			for _, leak := range []string{"$6$", "wJalr", "daemon", "\n", "main.", "!!str", "unmarshal"} {
				if strings.Contains(err.Error(), leak) {
					t.Errorf("error %q contains %q", err, leak)
				}
			}
		})
	}
}

func FuzzParseConfigFile(f *testing.F) {
	for _, seed := range []string{
		"", "region: us-east-1\n", "budget: 100\ncatalog: x.json\n", "monthly-hours: 744\n",
		"foo: bar\n", "region: [\n", "budget: !!binary AAAA\n", "- 1\n", "&a [*a]\n",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		fc, err := ParseConfigFile("tiercost.yaml", data)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "tiercost.yaml: ") {
				t.Fatalf("error does not name the file: %v", err)
			}
			return
		}
		// Whatever is accepted is in range.
		if fc.MonthlyHours != nil && (*fc.MonthlyHours < 0 || *fc.MonthlyHours > money.MaxHoursPerMonth) {
			t.Fatalf("accepted monthly-hours %v", *fc.MonthlyHours)
		}
		if fc.Budget != nil && !fc.Budget.IsPositive() {
			t.Fatalf("accepted budget %s", fc.Budget.Decimal)
		}
	})
}

// TestHelpGolden keeps every command's --help, each with Example lines.
func TestHelpGolden(t *testing.T) {
	var paths [][]string
	var walk func(prefix []string, cmd *cobra.Command)
	walk = func(prefix []string, cmd *cobra.Command) {
		paths = append(paths, prefix)
		for _, sub := range cmd.Commands() {
			if sub.Name() == "help" {
				continue
			}
			walk(append(append([]string(nil), prefix...), sub.Name()), sub)
		}
	}
	walk(nil, NewRootCmd(Options{}))
	if len(paths) < 16 {
		t.Fatalf("found %d commands, want the root, 11 commands and 4 pricing subcommands", len(paths))
	}
	for _, p := range paths {
		name := "help/" + strings.Join(append([]string{"tiercost"}, p...), "_") + ".golden"
		t.Run(name, func(t *testing.T) {
			c := newCLI(t)
			r := c.run(append(append([]string(nil), p...), "--help")...)
			if r.code != 0 || r.stderr != "" {
				t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
			}
			if !strings.Contains(r.stdout, "Examples:") {
				t.Errorf("--help has no Examples section")
			}
			golden.Assert(t, filepath.Join("testdata", name), []byte(r.stdout))
		})
	}
}
