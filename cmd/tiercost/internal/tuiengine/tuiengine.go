// Package tuiengine owns the adapter between the TUI's small interfaces and
// the real cost engine and deployer, so the TUI package stays testable with
// fakes and the engine never depends on the TUI.
package tuiengine

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/tiercost/tiercost/cmd/tiercost/internal/deploy"
	"github.com/tiercost/tiercost/cmd/tiercost/internal/engine"
	"github.com/tiercost/tiercost/cmd/tiercost/internal/tui"
	"github.com/tiercost/tiercost/components/spec"
	"github.com/tiercost/tiercost/costmodel/capacity"
	"github.com/tiercost/tiercost/costmodel/catalog"
	"github.com/tiercost/tiercost/costmodel/money"
	"github.com/tiercost/tiercost/environments"
)

// Engine implements tui.Engine over engine.Estimate. It is safe for
// concurrent use.
type Engine struct {
	// Base carries the catalog, work dir and usage file for every request.
	Base engine.Request

	mu        sync.Mutex
	baselines map[string]tui.Scenario
	curves    map[string][]tui.CurvePoint
}

// New returns an Engine whose requests start from base.
func New(base engine.Request) *Engine {
	return &Engine{Base: base, baselines: map[string]tui.Scenario{}, curves: map[string][]tui.CurvePoint{}}
}

func key(target string, isTier bool) string {
	if isTier {
		return "tier:" + target
	}
	return "env:" + target
}

func (e *Engine) request(target string, isTier bool) engine.Request {
	r := e.Base
	r.Environment, r.Tier, r.StackExport, r.PreviewJSON = "", "", "", ""
	if isTier {
		r.Tier = target
	} else {
		r.Environment = target
	}
	return r
}

// Baseline returns the environment's or tier's own values.
func (e *Engine) Baseline(target string, isTier bool) (tui.Scenario, error) {
	k := key(target, isTier)
	e.mu.Lock()
	if s, ok := e.baselines[k]; ok {
		e.mu.Unlock()
		return s, nil
	}
	e.mu.Unlock()
	res, err := engine.Estimate(e.request(target, isTier))
	if err != nil {
		return tui.Scenario{}, err
	}
	s := scenarioOf(target, isTier, res)
	e.mu.Lock()
	e.baselines[k] = s
	e.mu.Unlock()
	return s, nil
}

func scenarioOf(target string, isTier bool, res engine.Result) tui.Scenario {
	w, sp := res.Resolution.Workload, res.Resolution.Spec
	family := "x86"
	if sp.Compute.Architecture == "arm64" {
		family = "graviton"
	}
	return tui.Scenario{
		Target: target, IsTier: isTier, Users: w.MonthlyActiveUsers, PeakToAverage: w.PeakToAverage,
		CacheHitRatio: w.CacheHitRatio, CDNHitRatio: w.CDNHitRatio, AvgResponseKB: w.AvgResponseKB,
		Family: family, DBReplicas: sp.Database.ReadReplicas, Purchase: "on-demand", Region: sp.Region,
	}
}

// Evaluate re-sizes and re-prices a scenario. Only the knobs that differ
// from the baseline become what-ifs, so an untouched scenario prices
// exactly as the environment does.
func (e *Engine) Evaluate(s tui.Scenario) (tui.Snapshot, error) {
	base, err := e.Baseline(s.Target, s.IsTier)
	if err != nil {
		return tui.Snapshot{}, err
	}
	r := e.request(s.Target, s.IsTier)
	f := func(v, b float64) *float64 {
		if v == b {
			return nil
		}
		return &v
	}
	r.Users = f(s.Users, base.Users)
	r.PeakToAverage = f(s.PeakToAverage, base.PeakToAverage)
	r.CacheHitRatio = f(s.CacheHitRatio, base.CacheHitRatio)
	r.CDNHitRatio = f(s.CDNHitRatio, base.CDNHitRatio)
	r.AvgResponseKB = f(s.AvgResponseKB, base.AvgResponseKB)
	if s.Family != base.Family {
		r.Family = s.Family
	}
	if s.DBReplicas != base.DBReplicas {
		n := s.DBReplicas
		r.DBReplicas = &n
	}
	if s.Region != base.Region {
		r.Region = s.Region
	}
	r.Purchase = engine.Purchase{Option: s.Purchase, SavingsPlanCoveragePct: s.CoveragePct}
	res, err := engine.Estimate(r)
	if err != nil {
		return tui.Snapshot{}, err
	}
	snap := tui.Snapshot{Scenario: s, Tier: res.Tier, Breakdown: res.Breakdown, Budget: res.BudgetMonthlyUSD}
	snap.Sizing = sizingLines(res.Resolution.Spec)
	snap.Findings = findings(res, e.catalog())
	snap.Curve, err = e.curve(s.Target, s.IsTier)
	if err != nil {
		return tui.Snapshot{}, err
	}
	return snap, nil
}

func (e *Engine) catalog() *catalog.Catalog {
	if e.Base.Catalog != nil {
		return e.Base.Catalog
	}
	return catalog.Default()
}

// curve prices the growth curve once per target; it does not depend on
// the what-ifs, which the TUI marks on it.
func (e *Engine) curve(target string, isTier bool) ([]tui.CurvePoint, error) {
	k := key(target, isTier)
	e.mu.Lock()
	if c, ok := e.curves[k]; ok {
		e.mu.Unlock()
		return c, nil
	}
	e.mu.Unlock()
	pts, err := capacity.Curve(engine.CostFunc(e.Base), 1_000, 1_000_000, 13)
	if err != nil {
		return nil, err
	}
	out := make([]tui.CurvePoint, len(pts))
	for i, p := range pts {
		out[i] = tui.CurvePoint{Users: p.Users, Tier: p.Tier, MonthlyCost: p.MonthlyCost}
	}
	e.mu.Lock()
	e.curves[k] = out
	e.mu.Unlock()
	return out, nil
}

func sizingLines(s spec.Spec) []string {
	lines := []string{
		fmt.Sprintf("ASG %d–%d (desired %d) × %s", s.Compute.MinSize, s.Compute.MaxSize, s.Compute.DesiredCapacity, s.Compute.InstanceType),
		fmt.Sprintf("RDS %s%s, %d replica(s) per shard, %d shard(s)", s.Database.InstanceClass, map[bool]string{true: " Multi-AZ", false: ""}[s.Database.MultiAZ], s.Database.ReadReplicas, s.Database.Shards),
	}
	if s.Cache.Enabled {
		lines = append(lines, fmt.Sprintf("Cache %s × %d shard(s) × %d node(s)", s.Cache.NodeType, s.Cache.Shards, s.Cache.ReplicasPerShard+1))
	}
	if s.CDN.Enabled {
		lines = append(lines, "CloudFront "+s.CDN.PriceClass)
	}
	lines = append(lines, fmt.Sprintf("%d AZs, NAT %s", s.Network.AZCount, s.Network.NATMode))
	return lines
}

func findings(res engine.Result, cat *catalog.Catalog) []tui.Finding {
	var out []tui.Finding
	o := capacity.Options{Region: res.Region, Catalog: cat}
	if rep, err := capacity.Rightsize(res.Resolution.Spec, res.Resolution.Workload, o); err == nil {
		for _, r := range rep.Recommendations {
			out = append(out, tui.Finding{
				Kind:   tui.FindingRightsize,
				Title:  fmt.Sprintf("%s: %s", r.Layer, r.Finding),
				Detail: fmt.Sprintf("%d × %s → %d × %s (peak %.0f%% → %.0f%%, risk %s)", r.CurrentCount, r.CurrentType, r.RecommendedCount, r.RecommendedType, r.CurrentPeakUtilization*100, r.RecommendedPeakUtilization*100, r.PerformanceRisk),
				Source: "right-sizing (Compute Optimizer vocabulary)",
				Saving: r.MonthlySaving,
			})
		}
	}
	for _, f := range capacity.Advise(res.Resolution.Spec, res.Resolution.Workload, o) {
		out = append(out, tui.Finding{Kind: tui.FindingAdvisor, Title: f.Title, Detail: f.Detail, Source: f.RuleID + ": " + f.Source, Saving: f.Saving})
	}
	return out
}

// Overview prices the four tiers and the three environments.
func (e *Engine) Overview() ([]tui.OverviewRow, error) {
	var rows []tui.OverviewRow
	add := func(name, kind string, res engine.Result) {
		b := res.Breakdown
		rows = append(rows, tui.OverviewRow{Name: name, Kind: kind, Users: res.Users, Monthly: b.TotalMonthlyCost, CostPerUser: money.CostPerUser(b.TotalMonthlyCost, res.Users), Fixed: b.FixedMonthlyCost, Usage: b.UsageMonthlyCost})
	}
	for _, t := range spec.Tiers {
		res, err := engine.Estimate(e.request(t, true))
		if err != nil {
			return nil, err
		}
		add(t, tui.KindTier, res)
	}
	for _, env := range environments.Names() {
		res, err := engine.Estimate(e.request(env, false))
		if err != nil {
			return nil, err
		}
		add(env, tui.KindEnv, res)
	}
	return rows, nil
}

// Deployer implements tui.Deployer over the Automation API.
type Deployer struct{ D *deploy.Deployer }

// Check says what is missing before a deploy.
func (d Deployer) Check(env string) error { return d.D.Check(env) }

// Preview runs `pulumi preview` and summarises the changes.
func (d Deployer) Preview(ctx context.Context, env string, progress func(string)) (string, error) {
	dg, err := d.D.Preview(ctx, env, progress)
	if err != nil {
		return "", err
	}
	var parts []string
	for op, n := range dg.ChangeSummary {
		parts = append(parts, fmt.Sprintf("%s %d", op, n))
	}
	return fmt.Sprintf("preview of %s: %s", env, strings.Join(sortedCopy(parts), ", ")), nil
}

// Up runs `pulumi up`.
func (d Deployer) Up(ctx context.Context, env string, progress func(string)) (string, error) {
	return d.D.Up(ctx, env, progress)
}

func sortedCopy(s []string) []string {
	out := append([]string(nil), s...)
	sort.Strings(out)
	return out
}
