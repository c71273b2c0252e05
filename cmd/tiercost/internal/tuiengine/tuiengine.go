// Package tuiengine owns the adapter between the TUI's small interfaces and
// the real cost engine and deployer, so the TUI package stays testable with
// fakes and the engine never depends on the TUI.
package tuiengine

import (
	"context"
	"fmt"
	"math"
	"sort"
	"strings"
	"sync"

	"github.com/tiercost/tiercost/cmd/tiercost/internal/deploy"
	"github.com/tiercost/tiercost/cmd/tiercost/internal/engine"
	"github.com/tiercost/tiercost/cmd/tiercost/internal/tui"
	"github.com/tiercost/tiercost/components/spec"
	"github.com/tiercost/tiercost/costmodel/capacity"
	"github.com/tiercost/tiercost/costmodel/money"
	"github.com/tiercost/tiercost/environments"
)

// Engine implements tui.Engine over engine.Estimate. It is safe for
// concurrent use.
type Engine struct {
	// Base carries the catalog, work dir, usage file and the command
	// line's own knobs (--region, --set) for every request.
	Base engine.Request

	mu     sync.Mutex
	curves map[string]curve
	// bands remembers the bands of recent scenarios, so going back to one
	// (reset, undoing a step) shows its band at once.
	bands map[string]tui.BandSnapshot
}

// maxBands bounds the remembered bands.
const maxBands = 32

// curve is a target's cost curve and the user counts where its tier changes.
type curve struct {
	points  []tui.CurvePoint
	changes []float64
}

// New returns an Engine whose requests start from base.
func New(base engine.Request) *Engine {
	return &Engine{Base: base, curves: map[string]curve{}}
}

// request is the engine request of a scenario: the base settings, the
// target, and the command line's knobs overlaid by the scenario's.
func (e *Engine) request(s tui.Scenario) engine.Request {
	r := e.Base
	r.Source = engine.Source{Environment: s.Target}
	if s.IsTier {
		r.Source = engine.Source{Tier: s.Target}
	}
	r.Overlay = e.Base.Overlay.Clone()
	for k, v := range s.Overlay {
		r.Overlay[k] = v
	}
	return r
}

// Evaluate sizes and prices a scenario with its findings.
func (e *Engine) Evaluate(s tui.Scenario) (tui.Snapshot, error) {
	r := e.request(s)
	r.Findings = true
	res, err := engine.Estimate(r)
	if err != nil {
		return tui.Snapshot{}, err
	}
	snap := tui.Snapshot{Scenario: s, Values: res.Values, Tier: res.Tier, Breakdown: res.Breakdown, Budget: res.BudgetMonthlyUSD}
	snap.Sizing = sizingLines(*res.Spec)
	snap.Findings = findings(res)
	snap.Next = nextAction(res.Next)
	return snap, nil
}

// nextAction is the engine's next action for the TUI; nil when nothing
// limits growth.
func nextAction(n *capacity.NextStep) *tui.NextAction {
	if n == nil || n.Kind == "" || n.Kind == capacity.ActionNone || math.IsInf(n.Users, 1) {
		return nil
	}
	return &tui.NextAction{Users: n.Users, Now: n.Now, Do: n.Do, CostBefore: n.CostBefore, CostAfter: n.CostAfter,
		UnpricedBefore: n.UnpricedBefore, UnpricedAfter: n.UnpricedAfter}
}

// Curve prices the scenario's cost curve: see curve.
func (e *Engine) Curve(s tui.Scenario) (tui.Curve, error) {
	c, err := e.curve(s)
	if err != nil {
		return tui.Curve{}, err
	}
	return tui.Curve{Points: c.points, TierChanges: c.changes}, nil
}

// Save renders the scenario as the environment file that prices as
// Evaluate does.
func (e *Engine) Save(s tui.Scenario) ([]byte, error) {
	return engine.Scenario(e.request(s))
}

// curve prices a growth curve once per target and what-if: the scenario
// at user counts from 1k to 1m, through the same users knob as a what-if,
// and finds where the tier changes (between two points of different
// tiers, by bisection on the users knob, which sizes nothing). It is
// cached by the scenario without its users knob, so a region or family
// what-if gets its own curve and stepping users reuses it.
func (e *Engine) curve(s tui.Scenario) (curve, error) {
	base := tui.Scenario{Target: s.Target, IsTier: s.IsTier, Overlay: s.Overlay.Clone()}
	delete(base.Overlay, "users")
	k := base.Key()
	e.mu.Lock()
	if c, ok := e.curves[k]; ok {
		e.mu.Unlock()
		return c, nil
	}
	e.mu.Unlock()
	req := e.request(base)
	pts, err := capacity.Curve(engine.Estimator(engine.Estimate).CostFunc(req, nil), 1_000, 1_000_000, 13)
	if err != nil {
		return curve{}, err
	}
	var c curve
	for i, p := range pts {
		c.points = append(c.points, tui.CurvePoint{Users: p.Users, Tier: p.Tier, MonthlyCost: p.MonthlyCost, NotPriced: p.NotPriced})
		if i > 0 && p.Tier != pts[i-1].Tier {
			if at, err := tierChange(req, pts[i-1].Users, p.Users); err == nil {
				c.changes = append(c.changes, at)
			}
		}
	}
	e.mu.Lock()
	e.curves[k] = c
	e.mu.Unlock()
	return c, nil
}

// tierChange finds, between lo (one tier) and hi (the next), the first
// whole user count whose profile lands in hi's tier.
func tierChange(req engine.Request, lo, hi float64) (float64, error) {
	tierAt := func(u float64) (string, error) {
		p, err := engine.Profile(engine.AtUsers(req, u))
		return p.Tier, err
	}
	low, err := tierAt(lo)
	if err != nil {
		return 0, err
	}
	for hi-lo > 1 {
		mid := math.Floor((lo + hi) / 2)
		t, err := tierAt(mid)
		if err != nil {
			return 0, err
		}
		if t == low {
			lo = mid
		} else {
			hi = mid
		}
	}
	return hi, nil
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

// findings turns the engine's right-sizing and advice into the TUI's
// findings: the same ones the CLI and the reports show.
func findings(res engine.Result) []tui.Finding {
	var out []tui.Finding
	if rep := res.Rightsizing; rep != nil {
		for _, r := range rep.Recommendations {
			out = append(out, tui.Finding{
				Kind:   tui.FindingRightsize,
				Title:  fmt.Sprintf("%s: %s", r.Layer, r.Finding),
				Detail: fmt.Sprintf("%d × %s → %d × %s (peak utilization %.0f%% → %.0f%%, risk %s)", r.CurrentCount, r.CurrentType, r.RecommendedCount, r.RecommendedType, r.CurrentPeakUtilization*100, r.RecommendedPeakUtilization*100, r.PerformanceRisk),
				Source: "right-sizing (Compute Optimizer vocabulary)",
				Saving: r.MonthlySaving,
			})
		}
	}
	for _, f := range res.Findings {
		out = append(out, tui.Finding{Kind: tui.FindingAdvisor, Title: f.Title, Detail: f.Detail, Source: f.RuleID + ": " + f.Source, Saving: f.Saving})
	}
	return out
}

// Overview prices the four tiers and the three environments.
func (e *Engine) Overview() ([]tui.OverviewRow, error) {
	var rows []tui.OverviewRow
	add := func(name, kind string, res engine.Result) {
		b := res.Breakdown
		t := b.Monthly()
		fixed, usage := b.Split()
		rows = append(rows, tui.OverviewRow{Name: name, Kind: kind, Users: res.Users, Monthly: b.TotalMonthlyCost, CostPerUser: money.CostPerUser(b.TotalMonthlyCost, res.Users),
			Fixed: fixed.Amount, Usage: usage.Amount, FixedNotPriced: fixed.Unpriced, UsageNotPriced: usage.Unpriced,
			NotPriced: t.Unpriced, Overloaded: t.Overloaded})
	}
	for _, t := range spec.Tiers {
		res, err := engine.Estimate(e.request(tui.Scenario{Target: t, IsTier: true}))
		if err != nil {
			return nil, err
		}
		add(t, tui.KindTier, res)
	}
	for _, env := range environments.Names() {
		res, err := engine.Estimate(e.request(tui.Scenario{Target: env}))
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

// Bands samples a scenario's assumptions (engine.Estimator.Bands, the
// default 265 samples and seed) with its tornado, for the TUI's header
// and its tornado view. A scenario's band is remembered: the seed makes
// it the same band every time.
func (e *Engine) Bands(s tui.Scenario) (tui.BandSnapshot, error) {
	key := s.Key()
	e.mu.Lock()
	if b, ok := e.bands[key]; ok {
		e.mu.Unlock()
		return b, nil
	}
	e.mu.Unlock()
	out, err := e.sample(s)
	if err != nil {
		return out, err
	}
	e.mu.Lock()
	if e.bands == nil || len(e.bands) >= maxBands {
		e.bands = map[string]tui.BandSnapshot{}
	}
	e.bands[key] = out
	e.mu.Unlock()
	return out, nil
}

func (e *Engine) sample(s tui.Scenario) (tui.BandSnapshot, error) {
	r := e.request(s)
	base, err := engine.Estimate(r)
	if err != nil {
		return tui.BandSnapshot{}, err
	}
	bs, err := engine.Estimator(engine.Estimate).Bands(r, base, engine.BandOptions{Tornado: true})
	if err != nil {
		return tui.BandSnapshot{}, err
	}
	b := bs.Band
	out := tui.BandSnapshot{P10: b.Total.P10, P50: b.Total.P50, P90: b.Total.P90, Samples: b.Samples, OverBudget: b.OverBudget, Unpriced: b.Unpriced}
	for _, bar := range bs.Tornado {
		out.Tornado = append(out.Tornado, tui.TornadoRow{Label: bar.Label, Range: bar.Range.String(), Low: bar.Low, High: bar.High, Unpriced: bar.Unpriced})
	}
	return out, nil
}
