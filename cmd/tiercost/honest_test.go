package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/tiercost/tiercost/costmodel/catalog"
)

// These tests run the real engine: every total that leaves something out
// says so, wherever it is shown, and the gates fail on it.

// TestEngineRegionsMarkLowerBounds: in each region the embedded catalog
// prices only in part, tiers, breakdown, the Markdown and HTML reports and
// the JSON show every incomplete total as a lower bound with its count,
// and check fails naming the items.
func TestEngineRegionsMarkLowerBounds(t *testing.T) {
	c := realCLI(t)
	for _, region := range []string{"eu-west-1", "us-west-2", "eu-central-1", "ap-southeast-1"} {
		t.Run(region, func(t *testing.T) {
			r := c.run("tiers", "--region", region, "--format", "json")
			if r.code != 0 {
				t.Fatalf("tiers json: exit %d: %s", r.code, r.stderr)
			}
			var v struct {
				Projects []tiercostProject `json:"projects"`
			}
			if err := json.Unmarshal([]byte(r.stdout), &v); err != nil {
				t.Fatal(err)
			}
			counts := map[string]int{}
			for _, p := range v.Projects {
				tags := p.tags()
				n, err := strconv.Atoi(tags["itemsNotPriced"])
				if err != nil || n == 0 || tags["totalMonthlyCostIsLowerBound"] != "true" {
					t.Errorf("%s: tags %v", p.Name, tags)
				}
				counts[strings.TrimPrefix(p.Name, "tier ")] = n
			}

			r = c.run("tiers", "--region", region)
			for tier, n := range counts {
				note := regexp.MustCompile(`(?m)^` + tier + `: ≥ \$[0-9,.]+, ` + strconv.Itoa(n) + ` items? not priced`)
				row := regexp.MustCompile(`(?m)^` + tier + ` .* ≥ \$[0-9,.]+ `)
				if !note.MatchString(r.stdout) || !row.MatchString(r.stdout) {
					t.Errorf("tiers table lacks the lower bound of %s (%d):\n%s", tier, n, r.stdout)
				}
			}
			if !strings.Contains(r.stderr, "in "+region+": ") || !strings.Contains(r.stderr, "totals are lower bounds") {
				t.Errorf("no region warning:\n%s", r.stderr)
			}

			r = c.run("breakdown", "--tier", "1k", "--region", region)
			want := "Total: ≥ $"
			if r.code != 0 || !strings.Contains(r.stdout, want) || !strings.Contains(r.stdout, strconv.Itoa(counts["1k"])+" item") {
				t.Errorf("breakdown: exit %d, lacks %q:\n%s", r.code, want, r.stdout)
			}

			for _, format := range []string{"markdown", "html"} {
				r = c.run("report", "--all-tiers", "--region", region, "--format", format, "--output", "-")
				for tier, n := range counts {
					// The summary's marks under the totals: "1k: ≥ $22.63, 13 items not priced".
					want := regexp.MustCompile(`\b` + tier + `: ≥ \$[0-9,.]+, ` + strconv.Itoa(n) + ` items? not priced`)
					if r.code != 0 || !want.MatchString(r.stdout) {
						t.Errorf("%s report: exit %d, lacks %s", format, r.code, want)
					}
				}
			}

			r = c.run("check", "--tier", "1k", "--region", region, "--budget", "100000")
			if r.code != 1 || !strings.Contains(r.stdout, "FAIL incomplete: the total ≥ $") ||
				!strings.Contains(r.stdout, strconv.Itoa(counts["1k"])+" item") || !strings.Contains(r.stderr, "1k failed the cost check: incomplete") {
				t.Errorf("check: exit %d\nstdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
			}
			if r := c.run("check", "--tier", "1k", "--region", region, "--budget", "100000", "--allow-unpriced"); r.code != 0 {
				t.Errorf("check --allow-unpriced: exit %d: %s", r.code, r.stderr)
			}

			r = c.run("pricing", "info", "--region", region)
			if r.code != 0 || !strings.Contains(r.stdout, "The tiers (1k, 10k, 100k, 1m) in "+region+": ") || !strings.Contains(r.stdout, "Missing (") {
				t.Errorf("pricing info: exit %d:\n%s", r.code, r.stdout)
			}
		})
	}
	// us-east-1 prices every tier completely: no mark, check passes.
	r := c.run("tiers")
	if strings.Contains(r.stdout, "≥") || strings.Contains(r.stderr, "lower bound") {
		t.Errorf("us-east-1 tiers marked:\n%s\n%s", r.stdout, r.stderr)
	}
}

// TestEngineOverloadedEnvironment: prod on the 1k architecture with two
// million users is overloaded; breakdown says so next to the total, the
// JSON lists the layers, and check fails saying why (issue 12).
func TestEngineOverloadedEnvironment(t *testing.T) {
	c := realCLI(t)
	prod, err := os.ReadFile(filepath.Join("..", "..", "environments", "prod.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	s := strings.Replace(string(prod), "tier: 100k", "tier: 1k", 1)
	s = strings.Replace(s, "monthly_active_users: 100000", "monthly_active_users: 2000000", 1)
	c.write(filepath.Join("environments", "prod.yaml"), s)

	r := c.run("breakdown", "--env", "prod")
	if r.code != 0 || !regexp.MustCompile(`(?m)^Total: \$[0-9,.]+, OVERLOADED: database memory [0-9]+ %.* at peak$`).MatchString(r.unwrapped()) {
		t.Errorf("breakdown: exit %d:\n%s", r.code, r.stdout)
	}
	r = c.run("breakdown", "--env", "prod", "--format", "json")
	var v struct {
		Projects []tiercostProject `json:"projects"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &v); err != nil {
		t.Fatal(err)
	}
	if len(v.Projects) != 1 || !strings.HasPrefix(v.Projects[0].tags()["overloaded"], "database memory ") {
		t.Errorf("json: %+v", v.Projects)
	}
	r = c.run("check", "--env", "prod", "--budget", "1000000")
	if r.code != 1 || !strings.Contains(r.stdout, "FAIL overloaded: database memory at ") || !strings.Contains(r.stderr, "prod failed the cost check: overloaded") {
		t.Errorf("check: exit %d\nstdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
	}
	if r := c.run("check", "--env", "prod", "--budget", "1000000", "--allow-overload"); r.code != 0 || !strings.Contains(r.stdout, "PASS overloaded: database memory at ") {
		t.Errorf("check --allow-overload: exit %d: %s", r.code, r.stderr)
	}
}

// TestEngineTypoInOverrideIsBadInput: a misspelt instance type in an
// environment file is refused (exit 2) naming the file, the field and the
// close matches, never priced at $0 "within budget".
func TestEngineTypoInOverrideIsBadInput(t *testing.T) {
	c := realCLI(t)
	prod, err := os.ReadFile(filepath.Join("..", "..", "environments", "prod.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	s := strings.Replace(string(prod), "overrides:\n", "overrides:\n  compute:\n    instance_type: c7g.lrage\n", 1)
	c.write(filepath.Join("environments", "prod.yaml"), s)
	r := c.run("check", "--env", "prod")
	if r.code != 2 || !strings.Contains(r.stderr, "prod.yaml") || !strings.Contains(r.stderr, "instance_type") ||
		!strings.Contains(r.stderr, "c7g.large") || strings.Count(r.stderr, "\n") != 1 {
		t.Errorf("exit %d, stderr:\n%s", r.code, r.stderr)
	}
}

// TestEnginePurchaseOptionsNeverFail: every purchase option prices every
// tier (exit 0); lines the catalog has no rate for are priced on demand and
// marked, and the total says how much is at the option.
func TestEnginePurchaseOptionsNeverFail(t *testing.T) {
	c := realCLI(t)
	for _, o := range catalog.PurchaseOptions() {
		for _, tier := range []string{"1k", "10k", "100k", "1m"} {
			r := c.run("breakdown", "--tier", tier, "--purchase", o.Name)
			if r.code != 0 {
				t.Errorf("%s %s: exit %d: %s", tier, o.Name, r.code, r.stderr)
				continue
			}
			if o.Name == catalog.OnDemandOption {
				continue
			}
			if !strings.Contains(r.stdout, " at "+o.Name) {
				t.Errorf("%s %s: the total does not say how much is at the option:\n%s", tier, o.Name, r.stdout)
			}
			if strings.Contains(r.stdout, " on demand (no rate for the option in the catalog)") != strings.Contains(r.stdout, "on-demand: no reserved rate in the catalog") {
				t.Errorf("%s %s: fallback lines and their count disagree:\n%s", tier, o.Name, r.stdout)
			}
		}
	}
	r := c.run("tiers", "--savings-plan-coverage", "50")
	if r.code != 0 {
		t.Errorf("savings plan: exit %d: %s", r.code, r.stderr)
	}
}

// tiercostProject is a project of tiercost's Infracost-schema JSON with
// the facts tiercost keeps in its provider's defaultTags.
type tiercostProject struct {
	Name     string `json:"name"`
	Metadata struct {
		Providers []struct {
			Name        string            `json:"name"`
			DefaultTags map[string]string `json:"defaultTags"`
		} `json:"providers"`
	} `json:"metadata"`
}

func (p tiercostProject) tags() map[string]string {
	for _, pr := range p.Metadata.Providers {
		if pr.Name == "tiercost" {
			return pr.DefaultTags
		}
	}
	return nil
}
