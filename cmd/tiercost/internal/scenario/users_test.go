package scenario_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tiercost/tiercost/cmd/tiercost/internal/engine"
	"github.com/tiercost/tiercost/cmd/tiercost/internal/scenario"
	"github.com/tiercost/tiercost/components/spec"
	"github.com/tiercost/tiercost/costmodel/capacity"
	"github.com/tiercost/tiercost/environments"
	"github.com/tiercost/tiercost/stacks"
)

// TestUsersWhatIfSameFromEveryTierBelow: users=250000 with nothing else
// set lands on the 100k tier from 1k, 10k and 100k (TestTierForByHand:
// 1k gives way past 20,000, 10k past 50,000, 100k carries 282,608), with
// the 100k tier's defaults at 250,000 users (docs/capacity.md): DAU share
// 0.2, peak 3, diurnal, CDN hit 0.9, cache hit 0.85, growth 0.06, working
// set 5 GB x 2.5 = 12.5 GB. So the landed tier, the workload and the
// monthly total are one. From 1m it stays 1m: a what-if never moves below
// the profile's own tier (the environment chose that architecture; and
// 10k's own 10,000 users, which the 1k architecture would carry, keep the
// 10k tier).
func TestUsersWhatIfSameFromEveryTierBelow(t *testing.T) {
	want := spec.Workload{MonthlyActiveUsers: 250_000, DailyActiveShare: 0.2, RequestsPerUserPerDay: 150,
		PeakToAverage: 3, TrafficShape: "diurnal", AvgResponseKB: 30, EdgeCacheableShare: 0.6, CDNHitRatio: 0.9,
		DBQueriesPerRequest: 3, ReadShare: 0.9, CacheHitRatio: 0.85, HotWorkingSetGB: 12.5, DataPerUserMB: 5, MonthlyGrowth: 0.06}
	var landed *engine.Result
	for _, c := range []struct{ start, tier string }{
		{"1k", "100k"},
		{"10k", "100k"},
		{"100k", "100k"},
		{"1m", "1m"},
	} {
		res, err := engine.Estimate(engine.Request{Source: engine.Source{Tier: c.start}, Overlay: scenario.Overlay{"users": "250000"}})
		if err != nil {
			t.Fatal(err)
		}
		if res.Tier != c.tier || res.Breakdown.Metadata["tier"] != c.tier {
			t.Errorf("from %s: tier %s (metadata %s), want %s", c.start, res.Tier, res.Breakdown.Metadata["tier"], c.tier)
		}
		if c.tier != "100k" {
			continue
		}
		w := *res.Workload
		if w.HotWorkingSetGB < 12.5-1e-9 || w.HotWorkingSetGB > 12.5+1e-9 {
			t.Errorf("from %s: working set %v GB, want 12.5", c.start, w.HotWorkingSetGB)
		}
		w.HotWorkingSetGB = want.HotWorkingSetGB
		if w != want {
			t.Errorf("from %s: workload %+v, want the 100k defaults at 250,000 users %+v", c.start, w, want)
		}
		if landed == nil {
			landed = &res
		} else if !res.Breakdown.TotalMonthlyCost.Equal(landed.Breakdown.TotalMonthlyCost) {
			t.Errorf("from %s: %s a month; from 1k: %s", c.start, res.Breakdown.TotalMonthlyCost, landed.Breakdown.TotalMonthlyCost)
		}
	}
}

// TestUsersWhatIfKeepsExplicitAssumptions: what the environment file or
// the what-if sets stays when the tier moves; the rest follows the tier
// landed in. The file (1k, 1,000 users) sets cache_hit_ratio 0.5 and a
// 0.2 GB working set; at 250,000 users the working set scales to
// 0.2 x 250 = 50 GB. That needs 50 x 1.25 x 1.2 = 75 GB of cache, more
// than the 100k architecture's largest node holds (21.2 GB), so it lands
// on 1m, with 1m's peak (2.5) and CDN hit (0.92), and the file's 0.5 and
// the what-if's read share 0.8.
func TestUsersWhatIfKeepsExplicitAssumptions(t *testing.T) {
	dir := t.TempDir()
	writeEnv(t, dir, "small", "name: small\ntier: 1k\nregion: us-east-1\nworkload:\n  monthly_active_users: 1000\n  cache_hit_ratio: 0.5\n  hot_working_set_gb: 0.2\n")
	base, err := environments.Load("small", dir)
	if err != nil {
		t.Fatal(err)
	}
	p, err := scenario.Apply(base, scenario.Overlay{"users": "250000", "read_share": "0.8"})
	if err != nil {
		t.Fatal(err)
	}
	w, err := stacks.Workload(p)
	if err != nil {
		t.Fatal(err)
	}
	if p.Tier != "1m" || w.CacheHitRatio != 0.5 || w.ReadShare != 0.8 || w.PeakToAverage != 2.5 || w.CDNHitRatio != 0.92 ||
		w.HotWorkingSetGB < 50-1e-9 || w.HotWorkingSetGB > 50+1e-9 || w.MonthlyActiveUsers != 250_000 {
		t.Errorf("tier %s, workload %+v", p.Tier, w)
	}
	for _, key := range []string{"peak_to_average", "cdn_hit_ratio", "daily_active_share", "monthly_growth"} {
		if _, set := p.Workload[key]; set {
			t.Errorf("the what-if wrote the tier default %s into the profile", key)
		}
	}
}

// TestDevAtAMillionIsThe1mTier: dev (1k, 200 users) at 1,000,000 users
// runs the 1m tier with the 1m tier's default workload, as `tiers` prices
// it (the forecast's months go through the same what-if).
func TestDevAtAMillionIsThe1mTier(t *testing.T) {
	base, err := environments.Load("dev", "")
	if err != nil {
		t.Fatal(err)
	}
	p, err := scenario.Apply(base, scenario.Overlay{"users": "1000000"})
	if err != nil {
		t.Fatal(err)
	}
	w, err := stacks.Workload(p)
	if err != nil {
		t.Fatal(err)
	}
	want, _ := capacity.TierWorkload("1m")
	if p.Tier != "1m" || w != want {
		t.Errorf("dev at 1,000,000 users: tier %s, workload %+v; want 1m, %+v", p.Tier, w, want)
	}
}

// TestSavedUsersWhatIfKeepsTierDefaults: the saved scenario of the 1k
// tier at 250,000 users names the 100k tier and writes no tier default
// (no "cache_hit_ratio: 0"), and loaded again it prices as the what-if.
func TestSavedUsersWhatIfKeepsTierDefaults(t *testing.T) {
	req := engine.Request{Source: engine.Source{Tier: "1k"}, Overlay: scenario.Overlay{"users": "250000"}}
	b, err := engine.Scenario(req)
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	if !strings.Contains(text, "\ntier: 100k\n") || strings.Contains(text, "hit_ratio") || strings.Contains(text, "peak_to_average") {
		t.Errorf("saved scenario:\n%s", text)
	}
	dir := t.TempDir()
	writeEnv(t, dir, "whatif-1k", text)
	saved, err := engine.Estimate(engine.Request{Source: engine.Source{Environment: "whatif-1k"}, WorkDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	whatIf, err := engine.Estimate(req)
	if err != nil {
		t.Fatal(err)
	}
	if saved.Tier != whatIf.Tier || !saved.Breakdown.TotalMonthlyCost.Equal(whatIf.Breakdown.TotalMonthlyCost) {
		t.Errorf("saved %s %s, what-if %s %s", saved.Tier, saved.Breakdown.TotalMonthlyCost, whatIf.Tier, whatIf.Breakdown.TotalMonthlyCost)
	}
}

func writeEnv(t *testing.T, dir, name, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Join(dir, "environments"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "environments", name+".yaml"), []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}
