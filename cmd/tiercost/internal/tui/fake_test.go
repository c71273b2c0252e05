package tui

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/charmbracelet/bubbles/spinner"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
	"github.com/shopspring/decimal"
	"github.com/tiercost/tiercost/cmd/tiercost/internal/scenario"
	"github.com/tiercost/tiercost/costmodel/pricing"
)

func init() {
	// Stable goldens: no colour escapes whatever the terminal.
	lipgloss.SetColorProfile(termenv.Ascii)
}

func d(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func dp(s string) *decimal.Decimal { v := d(s); return &v }

// fakeEngine prices a scenario with numbers a reader can check by hand:
//
//	total = alb $20 + db $80 + compute users/1,000 × $10 (graviton $8)
//	      + $50 per DB replica; logs ingestion has no price (not found).
//
// A reserved purchase makes the db $60; reserved-3yr-all-upfront is
// refused. Tier: < 3,163 users 1k, < 31,623 10k, < 316,228 100k, else 1m.
// Every target starts on x86 in us-east-1, on demand.
type fakeEngine struct {
	mu     sync.Mutex
	evals  int
	curves []string // the scenario keys Curve was asked for
}

var fakeEnvs = map[string]struct {
	users    float64
	replicas int
	budget   string
}{
	"dev":     {1_000, 0, "150"},
	"staging": {10_000, 0, "300"},
	"prod":    {100_000, 1, "1000"},
}

// values are the knobs' values of a scenario: the target's own, then the
// overlay's.
func (f *fakeEngine) values(s Scenario) (scenario.Values, error) {
	v := scenario.Values{"peak_to_average": "3", "cache_hit_ratio": "0.8", "cdn_hit_ratio": "0.85", "avg_response_kb": "40",
		"family": "x86", "db_replicas": "0", "target_utilization": "0.55", "region": "us-east-1", "purchase": "on-demand",
		"savings_plan_coverage": "0", "free_tier": "false", "monthly_hours": "730"}
	if s.IsTier {
		u, ok := map[string]string{"1k": "1000", "10k": "10000", "100k": "100000", "1m": "1000000"}[s.Target]
		if !ok {
			return nil, fmt.Errorf("tier %q is unknown; allowed: 1k, 10k, 100k, 1m", s.Target)
		}
		v["users"] = u
	} else {
		e, ok := fakeEnvs[s.Target]
		if !ok {
			return nil, fmt.Errorf("environment %q is unknown; allowed: dev, staging, prod", s.Target)
		}
		v["users"], v["db_replicas"] = fmt.Sprint(e.users), fmt.Sprint(e.replicas)
	}
	for k, x := range s.Overlay {
		v[k] = x
	}
	return v, nil
}

// Save writes the scenario the way a reader can check: target and knobs.
func (f *fakeEngine) Save(s Scenario) ([]byte, error) {
	if _, err := f.values(s); err != nil {
		return nil, err
	}
	return []byte(fmt.Sprintf("# fake scenario\nname: %s\nset: %q\n", s.Target, s.Overlay.String())), nil
}

func fakeTier(users float64) string {
	switch {
	case users < 3_163:
		return "1k"
	case users < 31_623:
		return "10k"
	case users < 316_228:
		return "100k"
	}
	return "1m"
}

func fixedRes(name, typ, comp, line string, cost decimal.Decimal) pricing.ResourceCost {
	return pricing.ResourceCost{Name: name, Type: typ, URN: "urn:" + name, Component: comp, Status: pricing.StatusPriced,
		MonthlyCost: cost, Components: []pricing.CostComponent{{Name: line, Unit: "months", MonthlyQuantity: d("1"),
			Price: cost, MonthlyCost: cost, PriceFound: true, QuantitySource: pricing.SourceSpec,
			Provenance: pricing.Provenance{Layer: "embedded", Source: "fake.csv row " + name, AsOf: "2026-11-01"}}}}
}

// total is the formula from the type comment, for the curve and overview.
func fakeTotal(users float64, replicas int, family string) decimal.Decimal {
	per := d("10")
	if family == "graviton" {
		per = d("8")
	}
	compute := decimal.NewFromFloat(users).Div(d("1000")).Mul(per)
	return d("100").Add(compute).Add(d("50").Mul(decimal.NewFromInt(int64(replicas))))
}

func (f *fakeEngine) Evaluate(s Scenario) (Snapshot, error) {
	f.mu.Lock()
	f.evals++
	f.mu.Unlock()
	v, err := f.values(s)
	if err != nil {
		return Snapshot{}, err
	}
	users, _ := strconv.ParseFloat(v["users"], 64)
	replicas, _ := strconv.Atoi(v["db_replicas"])
	purchase, family, region := v["purchase"], v["family"], v["region"]
	if strings.HasPrefix(purchase, "reserved-3yr-all-upfront") {
		return Snapshot{}, errors.New("purchase option reserved-3yr-all-upfront has no price for db.t4g.medium in the catalog")
	}
	dbCost := d("80")
	if strings.HasPrefix(purchase, "reserved-") {
		dbCost = d("60")
	}
	per := d("10")
	if family == "graviton" {
		per = d("8")
	}
	k := decimal.NewFromFloat(users).Div(d("1000"))
	compute := k.Mul(per)
	res := []pricing.ResourceCost{
		{Name: "vpc", Type: "aws:ec2/vpc:Vpc", URN: "urn:vpc", Component: "network", Status: pricing.StatusFree},
		fixedRes("alb", "aws:lb/loadBalancer:LoadBalancer", "edge", "Load balancer (fixed)", d("20")),
		{Name: "web-asg", Type: "aws:autoscaling/group:Group", URN: "urn:web-asg", Component: "compute", Status: pricing.StatusPriced,
			MonthlyCost: compute, Components: []pricing.CostComponent{{Name: "Compute (per 1k users, " + family + ")", Unit: "1k users",
				MonthlyQuantity: k, Price: per, MonthlyCost: compute, UsageBased: true, PriceFound: true,
				QuantitySource: pricing.SourceWorkload, Provenance: pricing.Provenance{Layer: "embedded", Source: "fake.csv compute", AsOf: "2026-11-01"}}}},
		fixedRes("db", "aws:rds/instance:Instance", "database", "Database instance ("+purchase+")", dbCost),
	}
	for i := 0; i < replicas; i++ {
		res = append(res, fixedRes(fmt.Sprintf("db-replica-%d", i+1), "aws:rds/instance:Instance", "database", "Read replica", d("50")))
	}
	res = append(res, pricing.ResourceCost{Name: "logs", Type: "aws:cloudwatch/logGroup:LogGroup", URN: "urn:logs", Component: "observability",
		Status: pricing.StatusPriced, MonthlyCost: decimal.Zero, Components: []pricing.CostComponent{{Name: "Log ingestion", Unit: "GB",
			MonthlyQuantity: d("5"), UsageBased: true, PriceFound: false, QuantitySource: "default", Note: "no CloudWatch Logs price in the catalog"}}})
	fixed := dbCost.Add(d("20")).Add(d("50").Mul(decimal.NewFromInt(int64(replicas))))
	snap := Snapshot{
		Scenario: s,
		Values:   v,
		Tier:     fakeTier(users),
		Breakdown: pricing.Breakdown{Project: s.Target, Region: region, Resources: res,
			TotalMonthlyCost: fixed.Add(compute), FixedMonthlyCost: fixed, UsageMonthlyCost: compute, MissingPrices: 1},
		Sizing: []string{"ASG 2–4 × t3.medium", fmt.Sprintf("RDS db.t4g.medium, %d replicas", replicas)},
	}
	if users > 10_000_000 {
		// Far past the tiers: layers overloaded at peak (issue 13's mark).
		snap.Breakdown.Metadata = map[string]string{pricing.MetaOverloaded: "database memory 373 %; cache memory 140 %"}
	}
	if !s.IsTier {
		snap.Budget = dp(fakeEnvs[s.Target].budget)
	}
	if snap.Tier == "1k" {
		// In tuiengine's words (its findings function).
		snap.Findings = append(snap.Findings, Finding{Kind: FindingRightsize, Title: "compute: Over-provisioned",
			Detail: "2 × t3.medium → 2 × t3.small (peak utilization 12% → 24%, risk Low)", Source: "right-sizing (Compute Optimizer vocabulary)", Saving: dp("5")})
	}
	if family == "x86" {
		snap.Findings = append(snap.Findings, Finding{Kind: FindingAdvisor, Title: "Consider Graviton",
			Detail: "Graviton instances cost about 20 % less for the same vCPU count.", Source: "advisor: graviton"})
	}
	// The next action: the tier changes at fakeTier's next boundary; the
	// advisor names it too, with its limit, as capacity.Advise does.
	for _, b := range fakeBoundaries {
		if users < b {
			before, after := fakeTotal(b-1, replicas, family), fakeTotal(b, replicas, family)
			snap.Next = &NextAction{Users: b, Do: "move to the " + fakeTier(b) + " tier", CostBefore: &before, CostAfter: &after}
			snap.Findings = append(snap.Findings, Finding{Kind: FindingAdvisor, Title: "at about " + fmtUsersShort(b) + " users, move to the " + fakeTier(b) + " tier",
				Detail: "Limit: compute CPU at the largest sizes the " + snap.Tier + " architecture allows.", Source: "SCALE-NEXT-ACTION: a series of inflection points"})
			break
		}
	}
	return snap, nil
}

// fakeBoundaries are fakeTier's tier changes.
var fakeBoundaries = []float64{3_163, 31_623, 316_228}

// Curve is fakeTotal at seven user counts, with the scenario's family and
// replicas, each a lower bound as Evaluate's totals are; it counts its
// calls.
func (f *fakeEngine) Curve(s Scenario) (Curve, error) {
	f.mu.Lock()
	f.curves = append(f.curves, s.Key())
	f.mu.Unlock()
	v, err := f.values(s)
	if err != nil {
		return Curve{}, err
	}
	replicas, _ := strconv.Atoi(v["db_replicas"])
	var c Curve
	for _, u := range []float64{1_000, 3_162, 10_000, 31_623, 100_000, 316_228, 1_000_000} {
		// NotPriced: the log line Evaluate leaves unpriced at every user count.
		c.Points = append(c.Points, CurvePoint{Users: u, Tier: fakeTier(u), MonthlyCost: fakeTotal(u, replicas, v["family"]), NotPriced: 1})
	}
	c.TierChanges = fakeBoundaries
	return c, nil
}

func (f *fakeEngine) Overview() ([]OverviewRow, error) {
	var rows []OverviewRow
	add := func(name, kind string, users float64, replicas int) {
		total := fakeTotal(users, replicas, "x86")
		fixed := d("100").Add(d("50").Mul(decimal.NewFromInt(int64(replicas))))
		rows = append(rows, OverviewRow{Name: name, Kind: kind, Users: users, Monthly: total,
			CostPerUser: total.DivRound(decimal.NewFromFloat(users), 16), Fixed: fixed, Usage: total.Sub(fixed)})
	}
	for _, t := range []struct {
		n string
		u float64
	}{{"1k", 1_000}, {"10k", 10_000}, {"100k", 100_000}, {"1m", 1_000_000}} {
		add(t.n, KindTier, t.u, 0)
	}
	for _, e := range []string{"dev", "staging", "prod"} {
		add(e, KindEnv, fakeEnvs[e].users, fakeEnvs[e].replicas)
	}
	return rows, nil
}

// fakeDeployer records calls and streams fixed lines.
type fakeDeployer struct {
	mu       sync.Mutex
	checkErr error
	calls    []string
}

func (f *fakeDeployer) record(s string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, s)
}

func (f *fakeDeployer) Calls() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.calls...)
}

func (f *fakeDeployer) Check(env string) error {
	f.record("check " + env)
	return f.checkErr
}

func (f *fakeDeployer) Preview(_ context.Context, env string, progress func(string)) (string, error) {
	f.record("preview " + env)
	progress("+ aws:ec2/vpc:Vpc tc-vpc create")
	progress("+ aws:rds/instance:Instance tc-db create")
	return "2 to create", nil
}

func (f *fakeDeployer) Up(_ context.Context, env string, progress func(string)) (string, error) {
	f.record("up " + env)
	progress("+ aws:ec2/vpc:Vpc tc-vpc created")
	progress("+ aws:rds/instance:Instance tc-db created")
	return "2 created", nil
}

// --- driving the model synchronously ---

func keyMsg(s string) tea.KeyMsg {
	switch s {
	case "tab":
		return tea.KeyMsg{Type: tea.KeyTab}
	case "shift+tab":
		return tea.KeyMsg{Type: tea.KeyShiftTab}
	case "enter":
		return tea.KeyMsg{Type: tea.KeyEnter}
	case "esc":
		return tea.KeyMsg{Type: tea.KeyEsc}
	case "up":
		return tea.KeyMsg{Type: tea.KeyUp}
	case "down":
		return tea.KeyMsg{Type: tea.KeyDown}
	case "left":
		return tea.KeyMsg{Type: tea.KeyLeft}
	case "right":
		return tea.KeyMsg{Type: tea.KeyRight}
	case "backspace":
		return tea.KeyMsg{Type: tea.KeyBackspace}
	case "ctrl+u":
		return tea.KeyMsg{Type: tea.KeyCtrlU}
	case "space":
		return tea.KeyMsg{Type: tea.KeySpace, Runes: []rune(" ")}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)}
}

// run executes cmd and everything it leads to, feeding results back into
// the model. Spinner ticks are dropped so nothing sleeps.
func run(tb testing.TB, m Model, cmd tea.Cmd) Model {
	tb.Helper()
	queue := []tea.Cmd{cmd}
	for steps := 0; len(queue) > 0; steps++ {
		if steps > 10_000 {
			tb.Fatal("command loop did not settle")
		}
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		switch msg := c().(type) {
		case nil, spinner.TickMsg, tea.QuitMsg:
		case tea.BatchMsg:
			queue = append(queue, msg...)
		default:
			next, more := m.Update(msg)
			m = next.(Model)
			queue = append(queue, more)
		}
	}
	return m
}

// press sends keys one by one, settling each one's commands.
func press(tb testing.TB, m Model, keys ...string) Model {
	tb.Helper()
	for _, k := range keys {
		next, cmd := m.Update(keyMsg(k))
		m = run(tb, next.(Model), cmd)
	}
	return m
}

func times(k string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = k
	}
	return out
}

type harness struct {
	engine   *fakeEngine
	deployer *fakeDeployer
	dir      string
}

// loaded returns a model for target at w×h with the baseline priced.
func loaded(tb testing.TB, target string, isTier bool, w, h int) (Model, *harness) {
	tb.Helper()
	hs := &harness{engine: &fakeEngine{}, deployer: &fakeDeployer{}, dir: tb.TempDir()}
	m := New(Options{Engine: hs.engine, Deployer: hs.deployer, Target: target, IsTier: isTier, NoColor: true,
		SavePath: filepath.Join(hs.dir, "scenario.yaml"), ExportDir: hs.dir})
	next, _ := m.Update(tea.WindowSizeMsg{Width: w, Height: h})
	m = run(tb, next.(Model), m.Init())
	if m.loading || m.loadErr != nil || m.snap == nil {
		tb.Fatalf("model did not load: loading=%v err=%v", m.loading, m.loadErr)
	}
	return m, hs
}

// users is the user count on screen.
func users(m Model) float64 {
	u, _ := strconv.ParseFloat(m.value("users"), 64)
	return u
}
