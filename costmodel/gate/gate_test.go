package gate

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/tiercost/tiercost/costmodel/inputfile"
	"github.com/tiercost/tiercost/costmodel/money"
	"github.com/tiercost/tiercost/costmodel/output/outputtest"
	"github.com/tiercost/tiercost/costmodel/pricing"
	"github.com/tiercost/tiercost/costmodel/resource"
)

func d(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func dp(s string) *decimal.Decimal { v := d(s); return &v }

func total(s string) pricing.Breakdown { return pricing.Breakdown{TotalMonthlyCost: d(s)} }

// TestGates works each cost gate by hand. The fixtures' totals are
// $44.137 (outputtest.Tier1k) and $179.605 (outputtest.Tier10k).
func TestGates(t *testing.T) {
	base := func(s string) *pricing.Breakdown { b := total(s); return &b }
	for _, tc := range []struct {
		name    string
		in      Input
		pass    bool
		results int
		reason  string // substring of the first failing (or only) reason
	}{
		{"no limits, nothing asked", Input{Current: total("44.137")}, true, 0, ""},
		// billed 44.14 ≤ 100: headroom 55.86
		{"budget within", Input{Current: total("44.137"), Limits: Limits{Budget: dp("100")}}, true, 1, "$55.86 headroom"},
		// billed 44.14 > 44.13 by 0.01
		{"budget over by a cent", Input{Current: total("44.137"), Limits: Limits{Budget: dp("44.13")}}, false, 1, "over the budget of $44.13 by $0.01"},
		// 44.137 bills as 44.14: equal is within
		{"budget equal in cents", Input{Current: total("44.137"), Limits: Limits{Budget: dp("44.14")}}, true, 1, "$0.00 headroom"},
		// 179.61 − 44.14 = +135.47 > 100
		{"increase over", Input{Current: total("179.605"), Baseline: base("44.137"), Limits: Limits{MaxIncrease: dp("100")}}, false, 1,
			"$44.14 → $179.61 a month is a change of +$135.47, over the limit of +$100.00"},
		{"increase within", Input{Current: total("179.605"), Baseline: base("44.137"), Limits: Limits{MaxIncrease: dp("135.47")}}, true, 1, "at most"},
		// a decrease passes: 44.14 − 179.61 = −135.47
		{"decrease passes", Input{Current: total("44.137"), Baseline: base("179.605"), Limits: Limits{MaxIncrease: dp("0")}}, true, 1, "-$135.47"},
		// 110.00 / 100.00: +10% is at most 10%
		{"percent at the limit", Input{Current: total("110"), Baseline: base("100"), Limits: Limits{MaxIncreasePercent: dp("10")}}, true, 1, "+10%"},
		// 110.01 / 100.00: +10.01% > 10%
		{"percent just over", Input{Current: total("110.01"), Baseline: base("100"), Limits: Limits{MaxIncreasePercent: dp("10")}}, false, 1, "+10%, over the limit of +10%"},
		// (179.61 − 44.14) / 44.14 = 306.9%
		{"percent far over", Input{Current: total("179.605"), Baseline: base("44.137"), Limits: Limits{MaxIncreasePercent: dp("10")}}, false, 1, "+306.9%"},
		{"percent from zero", Input{Current: total("5"), Baseline: base("0"), Limits: Limits{MaxIncreasePercent: dp("10")}}, false, 1, "exceeds any percentage"},
		{"zero to zero", Input{Current: total("0"), Baseline: base("0"), Limits: Limits{MaxIncreasePercent: dp("10")}}, true, 1, "no change"},
		// budget passes, percent fails: the report fails with both verdicts
		{"two gates, one fails", Input{Current: total("110.01"), Baseline: base("100"),
			Limits: Limits{Budget: dp("200"), MaxIncreasePercent: dp("10")}}, false, 2, "over the limit of +10%"},
		{"no baseline: increase gates do not run", Input{Current: total("5"), Limits: Limits{MaxIncrease: dp("1")}}, true, 0, ""},
		// --confidence 90: the P90 $2,476.134 bills as $2,476.13, over $2,400 by $76.13,
		// though today's $1,807.08 is within.
		{"P90 over", Input{Current: total("1807.08"), Limits: Limits{Budget: dp("2400")},
			Confidence: &Confidence{Level: 90, Total: d("2476.134"), Samples: 265}}, false, 1,
			"P90 $2,476.13 (90 % of 265 samples at or under it) a month is over the budget of $2,400.00 by $76.13"},
		// 6,000 − 2,476.13 = 3,523.87 headroom at P90.
		{"P90 within", Input{Current: total("1807.08"), Limits: Limits{Budget: dp("6000")},
			Confidence: &Confidence{Level: 90, Total: d("2476.134"), Samples: 265}}, true, 1, "P90 $2,476.13 (90 % of 265 samples at or under it) a month is within the budget of $6,000.00: $3,523.87 headroom"},
		// A scenario left items unpriced: the P90 is a lower bound.
		{"P90 lower bound", Input{Current: total("1807.08"), Limits: Limits{Budget: dp("6000")},
			Confidence: &Confidence{Level: 90, Total: d("2476.134"), Samples: 265, Unpriced: 2}}, true, 1, "P90 ≥ $2,476.13 (90 % of 265 samples at or under it) a month is within the budget of $6,000.00 on what is priced"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rep := Evaluate(tc.in, Cost())
			if rep.Pass != tc.pass || len(rep.Results) != tc.results {
				t.Fatalf("pass %v with %d results, want %v with %d: %+v", rep.Pass, len(rep.Results), tc.pass, tc.results, rep.Results)
			}
			if tc.reason == "" {
				return
			}
			r := rep.Results[0]
			if f := rep.Failed(); len(f) > 0 {
				r = f[0]
			}
			if !strings.Contains(r.Reason, tc.reason) {
				t.Errorf("reason %q lacks %q", r.Reason, tc.reason)
			}
		})
	}
}

// TestPercentNumbers checks the figures a percent verdict carries:
// 110.01 − 100 = 10.01, which is 10.01% of 100.
func TestPercentNumbers(t *testing.T) {
	b := total("100")
	rep := Evaluate(Input{Current: total("110.01"), Baseline: &b, Limits: Limits{MaxIncreasePercent: dp("10")}}, Default())
	r := rep.Results[0]
	if !r.Increase.Equal(d("10.01")) || !r.IncreasePercent.Equal(d("10.01")) || !r.Limit.Equal(d("10")) || !r.Baseline.Equal(d("100")) {
		t.Errorf("%+v", r)
	}
}

// TestExtensionPoint plugs in a gate with one function, as the Gate doc
// shows, and checks the report follows it.
func TestExtensionPoint(t *testing.T) {
	maxResources := Gate{Name: "max-resources", Check: func(in Input) []Result {
		n := len(in.Current.Resources)
		return []Result{{Pass: n <= 5, Reason: fmt.Sprintf("%d resources", n)}}
	}}
	b := outputtest.Tier1k() // 7 resources
	rep := Evaluate(Input{Current: b}, append(Cost(), maxResources))
	if rep.Pass || len(rep.Results) != 1 || rep.Results[0].Gate != "max-resources" || rep.Results[0].Reason != "7 resources" {
		t.Errorf("%+v", rep)
	}
}

// TestHonestyGates: outputtest.Tier1k leaves two items out of its $44.137
// (the WAF, a type no pricer knows, and the RDS gp3 storage line), so its
// total is a lower bound; an overload comes from the capacity model or
// from a saved breakdown's mark, and a stack export without sizing has
// no overloaded verdict at all.
func TestHonestyGates(t *testing.T) {
	b := outputtest.Tier1k()
	marked := outputtest.Tier1k()
	marked.Metadata = map[string]string{pricing.MetaOverloaded: "database memory 373 %"}
	over := []Overload{{Layer: "database", Detail: "memory at 373 % of capacity at peak (db.t4g.micro primary)"}}
	for _, tc := range []struct {
		name    string
		in      Input
		pass    bool
		reasons []string // one per verdict, in order
	}{
		{"incomplete fails, naming both items", Input{Current: b}, false, []string{
			"the total ≥ $44.14 is a lower bound, 2 items not priced in us-east-1: tc-waf (unsupported type aws:wafv2/webAcl:WebAcl); tc-db: Storage (general purpose SSD, gp3) (--allow-unpriced passes it)"}},
		{"incomplete allowed says so", Input{Current: b, Limits: Limits{AllowUnpriced: true}}, true, []string{
			"the total ≥ $44.14 is a lower bound, 2 items not priced in us-east-1: tc-waf (unsupported type aws:wafv2/webAcl:WebAcl); tc-db: Storage (general purpose SSD, gp3) (allowed by --allow-unpriced)"}},
		{"complete and sized", Input{Current: total("10"), Sized: true}, true, []string{
			"every cost-bearing item is priced", "every layer is within its capacity at peak"}},
		{"overloaded from the capacity model", Input{Current: total("10"), Sized: true, Overloads: over}, false, []string{
			"every cost-bearing item is priced", "database memory at 373 % of capacity at peak (db.t4g.micro primary) (--allow-overload passes it)"}},
		{"overloaded from a saved mark", Input{Current: marked, Limits: Limits{AllowUnpriced: true, AllowOverload: true}}, true, []string{
			"(allowed by --allow-unpriced)", "database memory 373 % at peak (allowed by --allow-overload)"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rep := Evaluate(tc.in, Honesty())
			if rep.Pass != tc.pass || len(rep.Results) != len(tc.reasons) {
				t.Fatalf("pass %v with %d results, want %v with %d: %+v", rep.Pass, len(rep.Results), tc.pass, len(tc.reasons), rep.Results)
			}
			for i, want := range tc.reasons {
				if !strings.HasSuffix(rep.Results[i].Reason, want) && rep.Results[i].Reason != want {
					t.Errorf("verdict %d: %q, want it to end %q", i, rep.Results[i].Reason, want)
				}
			}
		})
	}
}

func TestBudgetsFile(t *testing.T) {
	dir := t.TempDir()
	write := func(content string) string {
		p := filepath.Join(dir, "budgets.yaml")
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	b, err := ReadBudgets(write("version: 1\nenvironments:\n  prod: 6000\n  dev: \"$150.50\"\ntags:\n  team=web: 20\n"))
	if err != nil {
		t.Fatal(err)
	}
	if v, src, ok := b.ForEnvironment("dev"); !ok || !v.Equal(d("150.5")) || !strings.HasSuffix(src, "budgets.yaml: environments.dev") {
		t.Errorf("dev: %v %s %v", v, src, ok)
	}
	if _, _, ok := b.ForEnvironment("qa"); ok {
		t.Error("qa has no budget")
	}
	if len(b.Tags) != 1 || b.Tags[0].Key != "team" || b.Tags[0].Value != "web" {
		t.Errorf("tags %+v", b.Tags)
	}
	if keys := b.EnvironmentKeys(); len(keys) != 2 || keys[0] != (Key{"prod", 3}) || keys[1] != (Key{"dev", 4}) {
		t.Errorf("environment keys %+v, want prod (line 3) then dev (line 4)", keys)
	}
	for _, tc := range []struct{ content, err string }{
		{"", "budgets.yaml: empty"},
		{"version: 2\nenvironments: {prod: 1}\n", "budgets.yaml: line 1: version: missing or not 1; allowed: version: 1"},
		{"version: \"1\"\nenvironments: {prod: 1}\n", "line 1: version: missing or not 1"},
		{"environments: {prod: 1}\n", "version: missing or not 1"},
		{"version: 1\nenvironment:\n  prod: 1\n", "budgets.yaml: line 2: environment: unknown key; allowed: version, environments, tags"},
		{"version: 1\nbogus: 1\nenvironments:\n  prod: 1\n", "budgets.yaml: line 2: bogus: unknown key; allowed: version, environments, tags"},
		{"version: 1\nenvironments:\n  prod: 1\n  prod: 2\n", "budgets.yaml: line 4: environments.prod: given twice (first at line 3); allowed: each key once"},
		{"version: 1\nversion: 1\nenvironments:\n  prod: 1\n", "line 2: version: given twice (first at line 1)"},
		{"version: 1\nenvironments:\n  prod: lots\n", `budgets.yaml: line 3: environments.prod: "lots" is not a number; allowed: US dollars a month`},
		{"version: 1\nenvironments:\n  prod: -5\n", `line 3: environments.prod: "-5" is out of range; allowed: more than 0 up to 1000000000`},
		{"version: 1\nenvironments:\n  prod: [1]\n", "line 3: environments.prod: got a list; allowed: US dollars a month"},
		{"version: 1\nenvironments:\n  prod:\n", "line 3: environments.prod: got no value; allowed: US dollars a month"},
		{"version: 1\nenvironments: [prod]\n", "line 2: environments: got a list; allowed: a mapping of environment or Pulumi stack name to US dollars a month"},
		{"- version: 1\n", "line 1: (top level): got a list; allowed: a mapping of version, environments, tags"},
		{"version: 1\ntags:\n  team: 5\n", `line 3: tags: "team" is not KEY=VALUE`},
		{"version: 1\ntags:\n  team=web: free\n", `line 3: tags.team=web: "free" is not a number`},
		{"version: 1\n", "budgets.yaml: no budgets"},
		{"version: [\n", "budgets.yaml: "},
	} {
		_, err := ReadBudgets(write(tc.content))
		if err == nil || !strings.Contains(err.Error(), tc.err) {
			t.Errorf("%q: error %v, want %q", tc.content, err, tc.err)
		}
		// One line, not a library's dump ("unmarshal errors:", "struct {").
		if err != nil && tc.content != "" && tc.content != "version: 1\n" &&
			(strings.Contains(err.Error(), "\n") || strings.Contains(err.Error(), "struct") || strings.Contains(err.Error(), "unmarshal")) {
			t.Errorf("%q: error %q, want one plain line", tc.content, err)
		}
	}
	// File content reaches a message only through inputfile.Excerpt:
	// a secret-looking value or key is replaced, a long one cut.
	for _, tc := range []struct{ content, err string }{
		{"version: 1\nenvironments:\n  prod: AKIAIOSFODNN7EXAMPLE\n", "environments.prod: " + inputfile.Hidden + " is not a number"},
		{"version: 1\ntags:\n  AKIAIOSFODNN7EXAMPLE: 5\n", "tags: " + inputfile.Hidden + " is not KEY=VALUE"},
		{"version: 1\nenvironments:\n  prod: " + strings.Repeat("x", 40) + "\n", `environments.prod: "` + strings.Repeat("x", 32) + `"… is not a number`},
		{"version: 1\nenvironments:\n  prod: 1e99\n", `environments.prod: "1e99" is out of range`},
	} {
		_, err := ReadBudgets(write(tc.content))
		if err == nil || !strings.Contains(err.Error(), tc.err) || strings.Contains(err.Error(), "AKIA") || strings.Contains(err.Error(), strings.Repeat("x", 33)) {
			t.Errorf("%q: error %v, want %q", tc.content, err, tc.err)
		}
	}
	if _, err := ReadBudgets(filepath.Join(dir, "nope.yaml")); err == nil || !strings.Contains(err.Error(), "nope.yaml: file not found") {
		t.Errorf("missing: %v", err)
	}
}

// TestTagCosts: the ALB (17.593) and the ASG (13.864) of the 1k fixture
// carry team=web; the DB carries team=data. team=web costs 31.457 and is
// over a $30 budget by 31.46 − 30 = 1.46.
func TestTagCosts(t *testing.T) {
	b := outputtest.Tier1k()
	urnOf := map[string]string{}
	for _, r := range b.Resources {
		urnOf[r.Name] = r.URN
	}
	recs := []resource.Record{
		{URN: urnOf["tc-alb"], Inputs: map[string]any{"tags": map[string]any{"team": "web"}}},
		{URN: urnOf["tc-asg"], Inputs: map[string]any{"tagsAll": map[string]any{"team": "web"}}},
		{URN: urnOf["tc-db"], Inputs: map[string]any{"tags": map[string]any{"team": "data"}}},
	}
	tbs := TagCosts(b, recs, []TagLimit{{Key: "team", Value: "web", Limit: d("30")}}, "budgets.yaml")
	if len(tbs) != 1 || !tbs[0].Cost.Equal(d("31.457")) || tbs[0].Resources != 2 {
		t.Fatalf("%+v", tbs)
	}
	rep := Evaluate(Input{Current: b, Limits: Limits{TagBudgets: tbs}}, Default())
	if rep.Pass || rep.Results[0].Gate != "budget team=web" || !strings.Contains(rep.Results[0].Reason, "by $1.46") {
		t.Errorf("%+v", rep)
	}
}

// TestCompareIsExactAsDiff: 129.676 − 162.632 = −32.956, shown −$32.96 as
// diff shows it; rounding each total first (129.68 − 162.63) would give
// −$32.95, a cent away from the lines' sum. The percent is over the exact
// baseline: −32.956 × 100 / 162.632 = −20.2641...
func TestCompareIsExactAsDiff(t *testing.T) {
	ch := Compare(decimal.RequireFromString("162.632"), decimal.RequireFromString("129.676"))
	if !ch.Increase.Equal(decimal.RequireFromString("-32.956")) || money.Signed(ch.Increase) != "-$32.96" {
		t.Errorf("increase %s (%s), want -32.956 (-$32.96)", ch.Increase, money.Signed(ch.Increase))
	}
	if ch.Percent == nil || !strings.HasPrefix(ch.Percent.String(), "-20.264") {
		t.Errorf("percent %v, want -20.264...", ch.Percent)
	}
}
