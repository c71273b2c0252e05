package engine

import (
	"math"
	"math/rand"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/tiercost/tiercost/cmd/tiercost/internal/scenario"
	"github.com/tiercost/tiercost/components/spec"
	"github.com/tiercost/tiercost/costmodel/capacity"
	"github.com/tiercost/tiercost/environments"
)

// coherenceCases are every tier and environment, and 50 generated
// workloads on the tiers (seeded, so a failure reproduces).
func coherenceCases() []Request {
	var out []Request
	for _, t := range spec.Tiers {
		out = append(out, Request{Source: Source{Tier: t}})
	}
	for _, e := range environments.Names() {
		out = append(out, Request{Source: Source{Environment: e}})
	}
	rng := rand.New(rand.NewSource(12))
	for i := 0; i < 50; i++ {
		t := spec.Tiers[rng.Intn(len(spec.Tiers))]
		base, _ := spec.TierUsers(t)
		o := scenario.Overlay{
			"users":           strconv.Itoa(int(base * (0.3 + rng.Float64()*2.5))),
			"peak_to_average": strconv.FormatFloat(math.Round((1.5+rng.Float64()*3)*10)/10, 'f', -1, 64),
			"cache_hit_ratio": strconv.FormatFloat(math.Round(rng.Float64()*95)/100, 'f', -1, 64),
			"avg_response_kb": strconv.Itoa(5 + rng.Intn(60)),
		}
		out = append(out, Request{Source: Source{Tier: t}, Overlay: o})
	}
	return out
}

// TestOneNextActionEverywhere: the forecast's first step that moves the
// tier or resizes a layer (not a scale step: the app fleet's count on its
// type) falls in the first month whose users reach the next action's N;
// the advisor's finding names the same N; and
// no finding names an instance class, node type or tier that is neither in
// the estimate nor the action's own target.
func TestOneNextActionEverywhere(t *testing.T) {
	typeRE := regexp.MustCompile(`\b(?:db\.|cache\.)?(?:t3|t4g|m6i|m6g|m7g|c6i|c7g|r6i|r6g|r7g)\.[0-9]*(?:x?large|micro|small|medium)\b`)
	tierRE := regexp.MustCompile(`\b(1k|10k|100k|1m) (?:tier|architecture)\b`)
	const growth = 8.0
	checked := 0
	for _, req := range coherenceCases() {
		req.Findings = true
		res, err := Estimate(req)
		if err != nil {
			t.Fatalf("%+v %v: %v", req.Source, req.Overlay, err)
		}
		n := res.Next
		if n == nil {
			t.Fatalf("%+v: no next action", req.Source)
		}
		name := res.Name + " " + req.Overlay.String()

		// The advisor names the same N.
		var found *capacity.Finding
		for i := range res.Findings {
			if res.Findings[i].RuleID == capacity.RuleNextAction {
				found = &res.Findings[i]
			}
		}
		if n.Kind != capacity.ActionNone && (found == nil || !strings.Contains(found.Title, n.Do)) {
			t.Errorf("%s: next action %q not in the findings %+v", name, n.Do, found)
		}

		// Findings name only what the estimate has, or the action's target.
		allowed := map[string]bool{res.Spec.Compute.InstanceType: true, res.Spec.Database.InstanceClass: true, res.Spec.Cache.NodeType: true}
		if _, to, ok := strings.Cut(n.Do, "->"); ok {
			for _, m := range typeRE.FindAllString(to, -1) {
				allowed[m] = true
			}
		}
		tiers := map[string]bool{res.Tier: true, n.ToTier: true}
		for _, f := range res.Findings {
			text := f.Title + " " + f.Detail
			for _, m := range typeRE.FindAllString(text, -1) {
				if !allowed[m] {
					t.Errorf("%s: finding %s names %s, which the estimate does not run:\n%s", name, f.RuleID, m, text)
				}
			}
			for _, m := range tierRE.FindAllStringSubmatch(text, -1) {
				if !tiers[m[1]] {
					t.Errorf("%s: finding %s names the %s tier:\n%s", name, f.RuleID, m[1], text)
				}
			}
		}

		// The forecast's first move or resize is the first month at N or past it.
		if n.Kind == capacity.ActionNone || n.Now || n.Users > 1e8 {
			continue
		}
		months := int(math.Ceil(math.Log(n.Users/res.Users)/math.Log(1+growth/100))) + 2
		if months > 120 {
			continue
		}
		fc, err := capacity.Forecast(Estimator(Estimate).CostFunc(req, nil), res.Users, growth, max(months, 2), decimal.Zero)
		if err != nil {
			t.Fatalf("%s: forecast: %v", name, err)
		}
		want := 0
		for _, m := range fc.Months {
			if m.Users >= n.Users {
				want = m.Month
				break
			}
		}
		got := 0
		for _, tr := range fc.Transitions {
			if tr.Kind != capacity.StepScale {
				got = tr.Month
				break
			}
		}
		if got != want {
			t.Errorf("%s: next action at %.0f users (%s); the forecast's first step is month %d (%+v), want month %d", name, n.Users, n.Do, got, fc.Transitions, want)
		}
		checked++
	}
	if checked < 40 {
		t.Errorf("only %d cases reached the forecast check", checked)
	}
}

// TestWhatIfAndForecastAgree: a users what-if and the forecast's month at
// the same user count price the same.
func TestWhatIfAndForecastAgree(t *testing.T) {
	req := Request{Source: Source{Environment: "prod"}}
	fc, err := capacity.Forecast(Estimator(Estimate).CostFunc(req, nil), 100_000, 10, 12, decimal.Zero)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range []capacity.ForecastMonth{fc.Months[3], fc.Months[11]} {
		res, err := Estimate(Request{Source: req.Source, Overlay: scenario.Overlay{"users": strconv.FormatFloat(m.Users, 'f', -1, 64)}})
		if err != nil {
			t.Fatal(err)
		}
		if !res.Breakdown.TotalMonthlyCost.Equal(m.MonthlyCost) || res.Tier != m.Tier {
			t.Errorf("%.0f users: what-if %s %s, forecast %s %s", m.Users, res.Tier, res.Breakdown.TotalMonthlyCost, m.Tier, m.MonthlyCost)
		}
	}
}

// TestOverloadIsAnAnswer: prod set to the 1k architecture with 2,000,000
// users is overloaded, and the estimate says where.
func TestOverloadIsAnAnswer(t *testing.T) {
	dir := t.TempDir()
	writeEnv(t, dir, "prod", "name: prod\ntier: 1k\nregion: us-east-1\nbudget_monthly_usd: \"6000\"\nworkload:\n  monthly_active_users: 2000000\n")
	res, err := Estimate(Request{Source: Source{Environment: "prod"}, WorkDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	layers := map[string]bool{}
	for _, l := range res.Overloaded {
		layers[l.Layer] = true
	}
	if !layers[capacity.LayerDatabase] || !strings.Contains(res.Breakdown.Metadata["overloaded"], "database") {
		t.Errorf("overloaded = %+v, metadata %q", res.Overloaded, res.Breakdown.Metadata["overloaded"])
	}
}

// writeEnv writes <dir>/environments/<name>.yaml.
func writeEnv(t *testing.T, dir, name, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Join(dir, "environments"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "environments", name+".yaml"), []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}
