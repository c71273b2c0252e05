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
// pricers and the embedded catalog).

func realCLI(t *testing.T) *cli {
	t.Helper()
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

// TestEngineImportedEC2PriceWins imports an EC2 offer file in which
// t3.micro costs 0.0110 $/h (the embedded price is 0.0104) and prices a 1k
// environment whose single app server is set to a t3.micro: the instance
// line uses the imported price and names the imported catalog and offer
// version, while the NAT gateway keeps the embedded price (0.045 $/h,
// aws-prices.csv:325).
func TestEngineImportedEC2PriceWins(t *testing.T) {
	c := realCLI(t)
	cat := filepath.Join(c.opts.WorkDir, "imported.json")
	offer, err := filepath.Abs(filepath.Join("testdata", "offer-ec2-t3micro.json"))
	if err != nil {
		t.Fatal(err)
	}
	if r := c.run("pricing", "import", "--catalog", cat, offer); r.code != 0 {
		t.Fatalf("import: exit %d: %s", r.code, r.stderr)
	}
	envDir := filepath.Join(c.opts.WorkDir, "environments")
	if err := os.MkdirAll(envDir, 0o755); err != nil {
		t.Fatal(err)
	}
	// Only the type is set: the image architecture follows it (x86_64).
	env := "name: imp\ntier: 1k\nregion: us-east-1\noverrides:\n  compute:\n    instance_type: t3.micro\n"
	if err := os.WriteFile(filepath.Join(envDir, "imp.yaml"), []byte(env), 0o644); err != nil {
		t.Fatal(err)
	}
	r := c.run("breakdown", "--env", "imp", "--catalog", cat, "--format", "json")
	if r.code != 0 {
		t.Fatalf("breakdown: exit %d: %s", r.code, r.stderr)
	}
	var doc struct {
		Projects []struct {
			Breakdown struct {
				Resources []struct {
					Name           string `json:"name"`
					CostComponents []struct {
						Name        string `json:"name"`
						Price       string `json:"price"`
						MonthlyCost string `json:"monthlyCost"`
					} `json:"costComponents"`
					Metadata struct {
						Details []struct {
							CostComponent, Layer, Source string
						} `json:"costComponentDetails"`
					} `json:"metadata"`
				} `json:"resources"`
			} `json:"breakdown"`
		} `json:"projects"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil {
		t.Fatal(err)
	}
	found := 0
	for _, res := range doc.Projects[0].Breakdown.Resources {
		switch res.Name {
		case "tc-app-asg":
			found++
			// 1 instance x 730 h x 0.0110 = 8.03
			if c := res.CostComponents[0]; c.Price != "0.011" || c.MonthlyCost != "8.03" {
				t.Errorf("t3.micro line = %+v, want price 0.011 and 8.03 a month", c)
			}
			if d := res.Metadata.Details[0]; d.Layer != cat || !strings.Contains(d.Source, "AmazonEC2 20261101000000") {
				t.Errorf("t3.micro provenance = %+v, want layer %s and the offer version", d, cat)
			}
		case "tc-nat-0":
			found++
			// 730 h x 0.045 = 32.85, from the embedded catalog
			if c := res.CostComponents[0]; c.Price != "0.045" || c.MonthlyCost != "32.85" || res.Metadata.Details[0].Layer != "embedded" {
				t.Errorf("NAT line = %+v %+v, want the embedded 0.045", c, res.Metadata.Details[0])
			}
		}
	}
	if found != 2 {
		t.Errorf("found %d of the two resources", found)
	}
}

// TestEngineOversizedEnvironment right-sizes a staging environment whose
// file pins 10 x m6i.2xlarge app servers and a db.r6g.2xlarge for the 10k
// workload. Hand arithmetic (aws-prices.csv, 730 h):
//
//	compute now:  10 x 0.384 x 730 = 2,803.20; the model's pick for the
//	              10k peak is 1 x t4g.small: 0.0168 x 730 = 12.264
//	              saving 2,803.20 - 12.264 = 2,790.936
//	database now: 0.899 x 730 = 656.27; pick db.t4g.micro 0.016 x 730 = 11.68
//	              saving 656.27 - 11.68 = 644.59
func TestEngineOversizedEnvironment(t *testing.T) {
	c := realCLI(t)
	staging, err := os.ReadFile(filepath.Join("..", "..", "environments", "staging.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	over := strings.Replace(string(staging), "overrides: {}", `overrides:
  compute:
    instance_type: m6i.2xlarge
    architecture: x86_64
    min_size: 10
    desired_capacity: 10
    max_size: 10
  database:
    instance_class: db.r6g.2xlarge`, 1)
	c.write(filepath.Join("environments", "staging.yaml"), over)
	r := c.run("rightsize", "--env", "staging", "--format", "json")
	if r.code != 0 {
		t.Fatalf("rightsize: exit %d: %s", r.code, r.stderr)
	}
	var rep struct {
		Recommendations []struct {
			Layer, Finding, RecommendedType string
			MonthlySaving                   *string `json:"monthlySaving"`
		} `json:"recommendations"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
		t.Fatalf("%v\n%s", err, r.stdout)
	}
	want := map[string]string{"compute": "2790.936", "database": "644.59"}
	for _, rec := range rep.Recommendations {
		w, ok := want[rec.Layer]
		if !ok {
			continue
		}
		delete(want, rec.Layer)
		if rec.Finding != "Over-provisioned" || rec.MonthlySaving == nil || !decimal.RequireFromString(*rec.MonthlySaving).Equal(decimal.RequireFromString(w)) {
			t.Errorf("%s: %s, saving %v, want Over-provisioned saving %s", rec.Layer, rec.Finding, rec.MonthlySaving, w)
		}
	}
	if len(want) > 0 {
		t.Errorf("no recommendation for %v:\n%s", want, r.stdout)
	}
}

// TestEngineUsageCommandRoundTrips: `tiercost usage` writes the workload
// model's quantities as a usage file that the parser reads back, and
// pricing the tier with that file changes nothing.
func TestEngineUsageCommandRoundTrips(t *testing.T) {
	c := realCLI(t)
	r := c.run("usage", "--tier", "10k")
	if r.code != 0 {
		t.Fatalf("usage: exit %d: %s", r.code, r.stderr)
	}
	path := c.write("10k-usage.yml", r.stdout)
	if !strings.Contains(r.stdout, "version: 0.1") || !strings.Contains(r.stdout, "monthly_https_requests") {
		t.Errorf("usage file:\n%s", r.stdout)
	}
	total := func(args ...string) string {
		r := c.run(append([]string{"breakdown", "--tier", "10k", "--format", "json"}, args...)...)
		if r.code != 0 {
			t.Fatalf("breakdown %v: exit %d: %s", args, r.code, r.stderr)
		}
		var v struct {
			TotalMonthlyCost string `json:"totalMonthlyCost"`
		}
		if err := json.Unmarshal([]byte(r.stdout), &v); err != nil {
			t.Fatal(err)
		}
		return v.TotalMonthlyCost
	}
	if a, b := total(), total("--usage", path); a != b {
		t.Errorf("with its own usage file the 10k tier prices %s, without %s", b, a)
	}
}

// TestEngineForecastSaysWhenPricesAreMissing: ap-southeast-1 has no ALB,
// NAT or storage prices in the embedded catalog, so the forecast's costs are
// lower bounds: stderr says so once and every month carries the ≥ mark.
func TestEngineForecastSaysWhenPricesAreMissing(t *testing.T) {
	c := realCLI(t)
	r := c.run("forecast", "--env", "prod", "--months", "12", "--growth", "5", "--region", "ap-southeast-1")
	if r.code != 0 || !strings.Contains(r.stderr, "in ap-southeast-1: ") || !strings.Contains(r.stderr, "so totals are lower bounds") ||
		strings.Count(r.stdout, "≥ $") < 24 { // 12 months × (monthly, cumulative)
		t.Errorf("exit %d\nstdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
	}
}
