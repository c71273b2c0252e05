package environments

import (
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/tiercost/tiercost/components/spec"
)

func TestNames(t *testing.T) {
	if got, want := Names(), []string{"dev", "staging", "prod"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Names() = %v, want %v", got, want)
	}
}

func TestLoadEmbedded(t *testing.T) {
	tests := []struct {
		name, tier, budget string
	}{
		{"dev", "1k", "150"},
		{"staging", "10k", "600"},
		{"prod", "100k", "6000"},
	}
	for _, tt := range tests {
		p, err := Load(tt.name, "")
		if err != nil {
			t.Fatalf("Load(%s): %v", tt.name, err)
		}
		if p.Name != tt.name || p.Tier != tt.tier || p.Region != "us-east-1" || !p.BudgetMonthlyUSD.Equal(decimal.RequireFromString(tt.budget)) {
			t.Errorf("Load(%s) = %+v", tt.name, p)
		}
		if !strings.Contains(p.Source, "embedded") {
			t.Errorf("Source = %q, want the embedded file", p.Source)
		}
	}
}

func TestApplyOverridesAndWorkload(t *testing.T) {
	p, err := Parse("x.yaml", "x", []byte(`
name: x
tier: 10k
region: eu-west-1
budget_monthly_usd: "99.95"
workload:
  monthly_active_users: 25000
  read_share: 0.9
overrides:
  compute:
    instance_type: m7g.large
    max_size: 6
  database:
    multi_az: true
    engine_version: "16.6"
`))
	if err != nil {
		t.Fatal(err)
	}
	if !p.BudgetMonthlyUSD.Equal(decimal.RequireFromString("99.95")) {
		t.Errorf("budget %s", p.BudgetMonthlyUSD)
	}
	s, err := p.ApplyOverrides(spec.Spec{Compute: spec.ComputeSpec{InstanceType: "t4g.small", MinSize: 2}})
	if err != nil {
		t.Fatal(err)
	}
	if s.Compute.InstanceType != "m7g.large" || s.Compute.MaxSize != 6 || s.Compute.MinSize != 2 || !s.Database.MultiAZ || s.Database.EngineVersion != "16.6" {
		t.Errorf("spec after overrides %+v", s)
	}
	w, err := p.ApplyWorkload(spec.Workload{DailyActiveShare: 0.2})
	if err != nil {
		t.Fatal(err)
	}
	if w.MonthlyActiveUsers != 25000 || w.ReadShare != 0.9 || w.DailyActiveShare != 0.2 {
		t.Errorf("workload %+v", w)
	}
}

func TestParseErrors(t *testing.T) {
	base := "name: x\ntier: 1k\nregion: us-east-1\n"
	tests := []struct {
		name, yaml string
		want       []string // every substring must appear
	}{
		{"unknown top-level", base + "regoin: x\n", []string{"bad.yaml", "regoin", "allowed:"}},
		{"unknown override", base + "overrides:\n  compute:\n    instance_typo: m7g.large\n", []string{"bad.yaml", "overrides.compute.instance_typo", "unknown field", "instance_type"}},
		{"unknown section", base + "overrides:\n  gpu:\n    count: 1\n", []string{"bad.yaml", "overrides.gpu", "unknown field"}},
		{"unknown workload", base + "workload:\n  users: 5\n", []string{"bad.yaml", "workload.users", "monthly_active_users"}},
		{"wrong type", base + "overrides:\n  compute:\n    max_size: many\n", []string{"bad.yaml: line 6: overrides.compute.max_size: must be a whole number", "whole number"}},
		{"sizing choice", base + "sizing:\n  family: arm\n", []string{`bad.yaml: line 5: sizing.family: "arm" is unknown; allowed: graviton, x86`}},
		{"fraction for int", base + "overrides:\n  compute:\n    max_size: 2.5\n", []string{"overrides.compute.max_size", "whole number"}},
		{"unquoted version", base + "overrides:\n  database:\n    engine_version: 16.4\n", []string{"overrides.database.engine_version", "quote"}},
		{"identity override", base + "overrides:\n  region: eu-west-1\n", []string{"overrides.region", "top-level"}},
		{"unknown tier", "name: x\ntier: 5k\nregion: us-east-1\n", []string{"bad.yaml", "tier", "1k, 10k, 100k, 1m"}},
		{"empty region", "name: x\ntier: 1k\n", []string{"bad.yaml", "region", "must not be empty"}},
		{"negative budget", base + "budget_monthly_usd: \"-5\"\n", []string{"budget_monthly_usd", "negative"}},
		{"float budget", base + "budget_monthly_usd: 10.5\n", []string{"budget_monthly_usd", "quoted"}},
		{"bad budget", base + "budget_monthly_usd: \"ten\"\n", []string{"budget_monthly_usd", "not a decimal"}},
		{"name mismatch", "name: y\ntier: 1k\nregion: us-east-1\n", []string{"name", `"y"`, `"x"`}},
		{"not yaml", "name: [\n", []string{"bad.yaml: line 1: did not find expected node content; allowed: one YAML document"}},
		{"case twin", "name: x\ntier: 100k\nTier: 1k\nregion: us-east-1\n", []string{"bad.yaml: line 3: Tier: same key as tier (line 2) but for letter case; allowed: each key once, in lower case"}},
		{"nested case twin", base + "workload:\n  peak_rps: 5\n  Peak_RPS: 50\n", []string{"bad.yaml: line 6: workload.Peak_RPS: same key as peak_rps (line 5) but for letter case"}},
		{"duplicate key", base + "region: eu-west-1\n", []string{"bad.yaml: line 4: region: given twice (first at line 3); allowed: each key once"}},
		{"second document", base + "---\ntier: 1m\n", []string{"bad.yaml: line 5: a second YAML document; allowed: one document"}},
		{"1e308 budget", base + "budget_monthly_usd: \"1e308\"\n", []string{"bad.yaml: line 4: budget_monthly_usd: ", "is above the bound; allowed: 0 to 1000000000 US dollars a month"}},
		{"1e308 count", base + "overrides:\n  compute:\n    max_size: 1e308\n", []string{"bad.yaml: line 6: overrides.compute.max_size: 1e+308 is above the bound; allowed: numbers up to 10^12"}},
		{"shadow-like line", "root:$6$Qx1T0dpb$Zk0W9jV1kS3m:19000:0:99999:7:::\n", []string{"bad.yaml: line 1: (a value that looks like a secret, not shown): unknown field; allowed: budget_monthly_usd"}},
		{"not a mapping", "AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n", []string{"bad.yaml: line 1: (top level): got (a value that looks like a secret, not shown); allowed: a mapping of"}},
		{"unknown range", base + "workload_ranges:\n  users:\n    p10: 1\n    p90: 2\n", []string{"bad.yaml: line 5: workload_ranges.users: unknown assumption; allowed: monthly_active_users,"}},
		{"range field", base + "workload_ranges:\n  read_share:\n    p10: 0.8\n    p95: 0.95\n", []string{"bad.yaml: line 7: workload_ranges.read_share.p95: unknown field; allowed: distribution, p10, p50, p90"}},
		{"range order", base + "workload_ranges:\n  read_share:\n    p10: 0.95\n    p90: 0.8\n", []string{"bad.yaml: line 5: workload_ranges.read_share: needs p10 (0.95) <= p90 (0.8)"}},
		{"range half", base + "workload_ranges:\n  read_share:\n    p10: 0.8\n", []string{"bad.yaml: line 5: workload_ranges.read_share: needs both p10 and p90"}},
		{"range bounds", base + "workload_ranges:\n  cache_hit_ratio:\n    p10: 0.8\n    p90: 1.2\n", []string{"workload_ranges.cache_hit_ratio: p10 0.8 .. p90 1.2 is out of bounds; allowed: 0 to 1"}},
		{"range distribution", base + "workload_ranges:\n  read_share:\n    p10: 0.8\n    p90: 0.9\n    distribution: uniform\n", []string{"bad.yaml: line 8: workload_ranges.read_share.distribution: is not allowed; allowed: triangular, lognormal"}},
		{"range text", base + "workload_ranges:\n  read_share: wide\n", []string{`workload_ranges.read_share: "wide" is not allowed; allowed: fixed, or a mapping`}},
		{"range number", base + "workload_ranges:\n  read_share:\n    p10: low\n    p90: 0.9\n", []string{"bad.yaml: line 6: workload_ranges.read_share.p10: must be a number"}},
		{"lognormal at 0", base + "workload_ranges:\n  avg_response_kb:\n    p10: 0\n    p90: 40\n", []string{"workload_ranges.avg_response_kb: a lognormal range needs p10 greater than 0"}},
		{"asg_running", base + "pricing:\n  asg_running: 2\n", []string{"bad.yaml: line 5: pricing.asg_running: is 2; allowed: -1 (the ASG's min) to 1 (its max)"}},
		{"secret string for a number", base + "overrides:\n  compute:\n    max_size: AKIAIOSFODNN7EXAMPLE\n", []string{"overrides.compute.max_size: must be a whole number, got (a value that looks like a secret"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("bad.yaml", "x", []byte(tt.yaml))
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not mention %q", err, w)
				}
			}
			for _, leak := range []string{"$6$", "AKIA", "wJalr", "\n", "int64", "float64", "interface"} {
				if strings.Contains(err.Error(), leak) {
					t.Errorf("error %q contains %q", err, leak)
				}
			}
		})
	}
}

// TestWorkloadRangesRoundTrip: the ranges a file gives survive Marshal
// and Parse, fixed and p50 included.
func TestWorkloadRangesRoundTrip(t *testing.T) {
	src := "name: x\ntier: 100k\nregion: us-east-1\npricing:\n  asg_running: -0.25\nworkload_ranges:\n" +
		"  monthly_active_users:\n    p10: 80000\n    p90: 130000\n" +
		"  cache_hit_ratio:\n    p10: 0.7\n    p50: 0.85\n    p90: 0.9\n    distribution: lognormal\n" +
		"  read_share: fixed\n"
	p, err := Parse("r.yaml", "x", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	users := p.WorkloadRanges["monthly_active_users"]
	if users.P10 != 80000 || users.P90 != 130000 || users.P50 != nil || users.Dist != "" || users.Source != "r.yaml: line 7" {
		t.Errorf("users range %+v", users)
	}
	hit := p.WorkloadRanges["cache_hit_ratio"]
	if hit.P50 == nil || *hit.P50 != 0.85 || hit.Dist != "lognormal" {
		t.Errorf("cache hit range %+v", hit)
	}
	if !p.WorkloadRanges["read_share"].Fixed || p.Pricing.ASGRunning != -0.25 {
		t.Errorf("read_share %+v, asg_running %v", p.WorkloadRanges["read_share"], p.Pricing.ASGRunning)
	}
	out, err := p.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	q, err := Parse("again.yaml", "x", out)
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	for name, r := range p.WorkloadRanges {
		r2 := q.WorkloadRanges[name]
		r.Source, r2.Source = "", ""
		if (r.P50 == nil) != (r2.P50 == nil) || (r.P50 != nil && *r.P50 != *r2.P50) {
			t.Errorf("%s: p50 %v became %v", name, r.P50, r2.P50)
		}
		r.P50, r2.P50 = nil, nil
		if r != r2 {
			t.Errorf("%s: %+v became %+v", name, r, r2)
		}
	}
	if q.Pricing.ASGRunning != -0.25 {
		t.Errorf("asg_running became %v", q.Pricing.ASGRunning)
	}
}

func TestLoadWorkDirOverridesEmbedded(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "environments"), 0o755); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "environments", "dev.yaml")
	if err := os.WriteFile(path, []byte("name: dev\ntier: 10k\nregion: eu-central-1\nbudget_monthly_usd: \"300\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	p, err := Load("dev", dir)
	if err != nil {
		t.Fatal(err)
	}
	if p.Tier != "10k" || p.Region != "eu-central-1" || p.Source != path {
		t.Errorf("Load(dev, workdir) = %+v", p)
	}
	// staging has no file in the work dir: the embedded one is used.
	if p, err := Load("staging", dir); err != nil || p.Tier != "10k" || !strings.Contains(p.Source, "embedded") {
		t.Errorf("Load(staging, workdir) = %+v, %v", p, err)
	}
	// An unknown key in a work-dir file names that file.
	if err := os.WriteFile(path, []byte("name: dev\ntier: 1k\nregion: us-east-1\noverrides:\n  cache:\n    nodes: 3\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Load("dev", dir); err == nil || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "overrides.cache.nodes") {
		t.Errorf("err = %v; want it to name %s and overrides.cache.nodes", err, path)
	}
}

func TestLoadUnknownEnvironment(t *testing.T) {
	for _, name := range []string{"qa", "", "../prod"} {
		_, err := Load(name, t.TempDir())
		if err == nil || !strings.Contains(err.Error(), "dev, staging, prod") {
			t.Errorf("Load(%q) err = %v; want the allowed names", name, err)
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, name := range Names() {
		b, err := embedded.ReadFile(name + ".yaml")
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(b))
	}
	f.Add("name: x\ntier: 1k\nregion: r\noverrides:\n  compute: 5\n")
	f.Add("workload: [1, 2]\n")
	f.Add("name: x\ntier: 1k\nregion: r\nworkload_ranges:\n  read_share:\n    p10: 0.8\n    p90: 0.95\n  monthly_active_users: fixed\n")
	f.Add("name: x\ntier: 1k\nregion: r\nworkload_ranges:\n  avg_response_kb: {p10: .nan, p90: 1e400, distribution: 7}\n")
	f.Add(": : :\n")
	f.Fuzz(func(t *testing.T, src string) {
		p, err := Parse("fuzz.yaml", "", []byte(src))
		if err != nil {
			if !strings.Contains(err.Error(), "fuzz.yaml") {
				t.Fatalf("error does not name the file: %v", err)
			}
			return
		}
		if p.Name == "" || p.Region == "" || p.BudgetMonthlyUSD.IsNegative() {
			t.Fatalf("accepted an invalid profile: %+v", p)
		}
		if _, err := spec.TierUsers(p.Tier); err != nil {
			t.Fatalf("accepted tier %q", p.Tier)
		}
	})
}

// A UTF-8 byte order mark is stripped, as by every reader.
func TestParseBOM(t *testing.T) {
	p, err := Parse("bom.yaml", "x", []byte("\xef\xbb\xbfname: x\ntier: 10k\nregion: us-east-1\n"))
	if err != nil || p.Tier != "10k" {
		t.Fatalf("tier %q, %v; want 10k", p.Tier, err)
	}
}

// SetWorkload stores a number that fits a number field, and refuses any
// other key or value naming the field, leaving the workload as it was.
func TestSetWorkload(t *testing.T) {
	const src = "environments/prod.yaml (embedded): "
	for _, c := range []struct {
		key     string
		v       float64
		wantErr string
	}{
		{"read_share", 0.5, ""},
		{"monthly_active_users", 1e12, ""},
		{"bogus", 1, src + "workload.bogus: unknown field; allowed: avg_response_kb, cache_hit_ratio, cdn_hit_ratio, daily_active_share, data_per_user_mb, db_queries_per_request, edge_cacheable_share, hot_working_set_gb, monthly_active_users, monthly_growth, peak_to_average, read_share, requests_per_user_per_day, traffic_shape"},
		{"read_share", math.NaN(), src + "workload.read_share: NaN is above the bound; allowed: numbers up to 10^12 in size"},
		{"read_share", -2e12, src + "workload.read_share: -2e+12 is above the bound; allowed: numbers up to 10^12 in size"},
		{"read_share", math.Inf(1), src + "workload.read_share: +Inf is above the bound; allowed: numbers up to 10^12 in size"},
		{"traffic_shape", 1, src + "workload.traffic_shape: must be a string (quote it), got 1"},
	} {
		p, err := Load("prod", "")
		if err != nil {
			t.Fatal(err)
		}
		was, had := p.Workload[c.key]
		err = p.SetWorkload(c.key, c.v)
		got, has := p.Workload[c.key]
		switch {
		case c.wantErr == "" && (err != nil || !has || got != c.v):
			t.Errorf("SetWorkload(%s, %v) = %v, stored %v", c.key, c.v, err, got)
		case c.wantErr != "" && (err == nil || err.Error() != c.wantErr):
			t.Errorf("SetWorkload(%s, %v) = %v, want %s", c.key, c.v, err, c.wantErr)
		case c.wantErr != "" && (has != had || got != was):
			t.Errorf("SetWorkload(%s, %v) failed but stored %v", c.key, c.v, got)
		}
	}
}
