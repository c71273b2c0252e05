package tui

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/shopspring/decimal"
	"github.com/tiercost/tiercost/cmd/tiercost/internal/scenario"
	"github.com/tiercost/tiercost/costmodel/golden"
	"github.com/tiercost/tiercost/costmodel/money"
)

func TestKnobSteps(t *testing.T) {
	t.Parallel()
	tests := []struct {
		knob, from string
		dir        int
		want       string
	}{
		{"users", "1000", 1, "1,778"}, // 10^3.25 = 1,778.28
		{"users", "25000", -1, "17,783"},
		{"peak_to_average", "3", 1, "3.5×"},
		{"peak_to_average", "3", -1, "2.5×"},
		{"cache_hit_ratio", "0.8", 1, "85%"},
		{"cache_hit_ratio", "0.8", -1, "75%"},
		{"cdn_hit_ratio", "0.97", 1, "99%"}, // 97 → 100 on the 5-point grid, capped at 99 %
		{"cdn_hit_ratio", "0.97", -1, "95%"},
		{"avg_response_kb", "3", 1, "5 KB"},  // 3 → next multiple of 5
		{"avg_response_kb", "3", -1, "1 KB"}, // 3 → 0, floored at 1 KB
		{"family", "x86", 1, "graviton"},
		{"db_replicas", "15", 1, "15"}, // capped
		{"db_replicas", "5", -1, "4"},
		{"purchase", "reserved-3yr-all-upfront-convertible", 1, "on-demand"}, // wraps from the last option
		{"purchase", "reserved-3yr-all-upfront", -1, "reserved-3yr-partial-upfront"},
		{"savings_plan_coverage", "95", 1, "100%"},
		{"savings_plan_coverage", "95", -1, "90%"},
		{"region", "eu-west-1", 1, "eu-west-2"}, // the embedded catalog's regions, sorted
		{"monthly_hours", "730", -1, "657 h"},   // 730 - 73
	}
	for _, tt := range tests {
		k, err := scenario.Lookup(tt.knob)
		if err != nil {
			t.Fatal(err)
		}
		if got := k.Display(k.Step(tt.from, tt.dir)); got != tt.want {
			t.Errorf("%s %s step %+d = %q, want %q", tt.knob, tt.from, tt.dir, got, tt.want)
		}
	}
}

func TestBudgetStatus(t *testing.T) {
	t.Parallel()
	tests := []struct {
		total  string
		budget *string
		want   string
	}{
		{"79.99", ptr("100"), "OK"},
		{"80", ptr("100"), "NEAR"}, // 80 % is the first NEAR value
		{"100", ptr("100"), "NEAR"},
		{"100.01", ptr("100"), "OVER"},
		{"10", nil, "no budget"},
		{"0.01", ptr("0"), "OVER"},
	}
	for _, tt := range tests {
		var budget *decimal.Decimal
		if tt.budget != nil {
			budget = dp(*tt.budget)
		}
		got := budgetStatus(d(tt.total), budget).label()
		if got != tt.want {
			t.Errorf("budgetStatus(%s, %v) = %s, want %s", tt.total, tt.budget, got, tt.want)
		}
	}
}

func ptr(s string) *string { return &s }

func TestWhatIfRaisesUsersAndReprices(t *testing.T) {
	t.Parallel()
	m, _ := loaded(t, "dev", false, 80, 24)
	// dev: 1,000 users → 20 + 80 + 1 × $10 = $110.00, tier 1k, budget $150 (73 %, OK).
	if got := money.USD(m.snap.Breakdown.TotalMonthlyCost); got != "$110.00" {
		t.Fatalf("baseline total = %s, want $110.00", got)
	}
	if !strings.Contains(m.View(), "73% OK") {
		t.Errorf("baseline header lacks 73%% OK:\n%s", m.View())
	}
	m = press(t, m, "3", "u")
	// 1,778 users → 100 + 1.778 × $10 = $117.78, still tier 1k.
	if users(m) != 1_778 || money.USD(m.snap.Breakdown.TotalMonthlyCost) != "$117.78" || m.snap.Tier != "1k" {
		t.Fatalf("after one step: users %v total %s tier %s; want 1778 $117.78 1k",
			users(m), money.USD(m.snap.Breakdown.TotalMonthlyCost), m.snap.Tier)
	}
	m = press(t, m, "u", "u", "u")
	// 10,000 users → 100 + 10 × $10 = $200.00, tier 10k, 200/150 = 133 % OVER.
	v := m.View()
	for _, want := range []string{"$200.00/mo", "tier 10k", "133% OVER", "+$90.00 (+82%)", "10k * was 1k", "users         10,000 * was 1,000"} {
		if !strings.Contains(v, want) {
			t.Errorf("what-if view lacks %q:\n%s", want, v)
		}
	}
	// Only web-asg changed: +$90.00 = (10 − 1) × $10.
	deltas := resourceDeltas(m.baseSnap, m.snap)
	if len(deltas) != 1 || deltas[0].name != "web-asg" || money.USD(deltas[0].delta) != "$90.00" {
		t.Errorf("deltas = %+v, want only web-asg +$90.00", deltas)
	}
}

func TestWhatIfReplicaShowsNewResource(t *testing.T) {
	t.Parallel()
	m, _ := loaded(t, "dev", false, 80, 24)
	m = press(t, m, "3", "down", "down", "down", "down", "down", "down", "right")
	// One replica: $110 + $50 = $160.00.
	if m.value("db_replicas") != "1" || money.USD(m.snap.Breakdown.TotalMonthlyCost) != "$160.00" {
		t.Fatalf("replicas %s total %s, want 1 and $160.00", m.value("db_replicas"), money.USD(m.snap.Breakdown.TotalMonthlyCost))
	}
	deltas := resourceDeltas(m.baseSnap, m.snap)
	if len(deltas) != 1 || deltas[0].name != "db-replica-1" || deltas[0].note != " new" {
		t.Errorf("deltas = %+v, want db-replica-1 new", deltas)
	}
}

func TestStaleEvaluationIsDropped(t *testing.T) {
	t.Parallel()
	m, hs := loaded(t, "dev", false, 80, 24)
	m = press(t, m, "3")
	next, first := m.Update(keyMsg("u")) // seq 1 starts: 1,778 users
	m = next.(Model)
	next, second := m.Update(keyMsg("u")) // seq 2 waits: one evaluation at a time
	m = next.(Model)
	if second != nil {
		t.Fatal("a second evaluation started while one was running")
	}
	if !m.inFlight || m.seq != 2 {
		t.Fatalf("inFlight %v seq %d, want true 2", m.inFlight, m.seq)
	}
	evals := hs.engine.evals
	m = run(t, m, first)
	// The seq-1 result (1,778 users) is stale; the model re-prices 3,162
	// users: 100 + 3.162 × $10 = $131.62.
	if got := money.USD(m.snap.Breakdown.TotalMonthlyCost); got != "$131.62" {
		t.Errorf("total = %s, want $131.62 (the latest scenario)", got)
	}
	if hs.engine.evals != evals+2 {
		t.Errorf("evaluations = %d, want %d", hs.engine.evals, evals+2)
	}
	// A result from an old sequence number never lands.
	next, _ = m.Update(evalMsg{seq: 1, snap: Snapshot{Tier: "bogus"}})
	if next.(Model).snap.Tier == "bogus" {
		t.Error("stale evaluation was applied")
	}
}

func TestEngineErrorShownAndLastSnapshotKept(t *testing.T) {
	t.Parallel()
	m, _ := loaded(t, "dev", false, 80, 24)
	m = press(t, m, append([]string{"3"}, times("down", 9)...)...) // the purchase knob
	m = press(t, m, "right")                                       // reserved-1yr-no-upfront: db $60 → $90.00
	if got := money.USD(m.snap.Breakdown.TotalMonthlyCost); got != "$90.00" {
		t.Fatalf("reserved total = %s, want $90.00", got)
	}
	m = press(t, m, times("right", 5)...) // → reserved-3yr-all-upfront, refused
	if m.value("purchase") != "reserved-3yr-all-upfront" {
		t.Fatalf("purchase = %s", m.value("purchase"))
	}
	if m.evalErr == nil || money.USD(m.snap.Breakdown.TotalMonthlyCost) != "$90.00" {
		t.Fatalf("evalErr %v total %s; want an error and the last good $90.00", m.evalErr, money.USD(m.snap.Breakdown.TotalMonthlyCost))
	}
	if v := m.View(); !strings.Contains(v, "! not priced: purchase option reserved-3yr-all-upfront") {
		t.Errorf("status line lacks the engine error:\n%s", v)
	}
	m = press(t, m, "left") // back to 3yr partial upfront: priced again, error gone
	if m.evalErr != nil || money.USD(m.snap.Breakdown.TotalMonthlyCost) != "$90.00" {
		t.Errorf("after 3yr partial upfront: err %v total %s", m.evalErr, money.USD(m.snap.Breakdown.TotalMonthlyCost))
	}
}

func TestResetReturnsToBaseline(t *testing.T) {
	t.Parallel()
	m, hs := loaded(t, "dev", false, 80, 24)
	m = press(t, m, "3", "u", "u")
	evals := hs.engine.evals
	m = press(t, m, "r")
	if len(m.scen.Overlay) != 0 || m.snap != m.baseSnap {
		t.Error("reset did not restore the baseline scenario and snapshot")
	}
	if hs.engine.evals != evals {
		t.Error("reset re-priced the baseline; its snapshot is already known")
	}
	if len(m.changedKnobs()) != 0 {
		t.Errorf("changed knobs after reset: %v", m.changedKnobs())
	}
}

func TestTabsCycle(t *testing.T) {
	t.Parallel()
	m, _ := loaded(t, "dev", false, 80, 24)
	tests := []struct {
		key  string
		want tab
	}{{"tab", tabBreakdown}, {"tab", tabWhatIf}, {"shift+tab", tabBreakdown}, {"6", tabChart}, {"tab", tabOverview}, {"shift+tab", tabChart}, {"1", tabOverview}}
	for _, tt := range tests {
		m = press(t, m, tt.key)
		if m.tab != tt.want {
			t.Fatalf("after %s: tab %d, want %d", tt.key, m.tab, tt.want)
		}
	}
}

func TestOverviewOpensAnotherTarget(t *testing.T) {
	t.Parallel()
	m, _ := loaded(t, "dev", false, 80, 24)
	// Rows: 1k 10k 100k 1m dev staging prod; the cursor starts on dev (4).
	if m.ov.cursor != 4 {
		t.Fatalf("overview cursor %d, want 4 (dev)", m.ov.cursor)
	}
	m = press(t, m, "down", "down", "enter")
	// prod: 100,000 users → 100 + 100 × $10 + 1 replica × $50 = $1,150.00.
	if m.target != "prod" || money.USD(m.snap.Breakdown.TotalMonthlyCost) != "$1,150.00" {
		t.Fatalf("target %s total %s, want prod $1,150.00", m.target, money.USD(m.snap.Breakdown.TotalMonthlyCost))
	}
	// Δ against prod for the 1k tier: $110 − $1,150 = −$1,040.00.
	if v := m.View(); !strings.Contains(v, "-$1,040.00") {
		t.Errorf("overview lacks the delta against prod:\n%s", v)
	}
}

func TestBreakdownTree(t *testing.T) {
	t.Parallel()
	m, _ := loaded(t, "dev", false, 80, 24)
	m = press(t, m, "2")
	groupsOnly := len(m.bd.nodes(m.snap))
	// Groups network, edge, compute, database, observability start open with
	// their 5 resources closed: 10 rows.
	if groupsOnly != 10 {
		t.Fatalf("visible rows = %d, want 10", groupsOnly)
	}
	// Rows: network, vpc, edge, alb, compute, web-asg, ...
	m = press(t, m, "down", "down", "down", "down", "down", "enter") // cursor on web-asg
	if got := len(m.bd.nodes(m.snap)); got != 11 {
		t.Fatalf("after opening web-asg: %d rows, want 11", got)
	}
	v := m.View()
	for _, want := range []string{"1 1k users × $10 · qty from workload model", "Not priced (1, not in totals)", "logs › Log ingestion: no CloudWatch Logs price in the catalog"} {
		if !strings.Contains(v, want) {
			t.Errorf("breakdown lacks %q:\n%s", want, v)
		}
	}
	m = press(t, m, "p")
	if v := m.View(); !strings.Contains(v, "price: embedded · fake.csv compute · as of 2026-11-01") {
		t.Errorf("provenance not shown:\n%s", v)
	}
	m = press(t, m, "a")
	if got := len(m.bd.nodes(m.snap)); got != 14 {
		t.Errorf("expand all: %d rows, want 14 (10 + 4 line items; the free vpc has none)", got)
	}
	m = press(t, m, "a")
	if got := len(m.bd.nodes(m.snap)); got != 10 {
		t.Errorf("collapse all: %d rows, want 10", got)
	}
}

// TestSaveWritesTheEngineScenario: s hands the scenario on screen to the
// engine's Save and writes what it returns (the real engine's file is
// checked against the CLI in tuiengine).
func TestSaveWritesTheEngineScenario(t *testing.T) {
	t.Parallel()
	m, hs := loaded(t, "dev", false, 80, 24)
	m = press(t, m, "3", "u", "u", "u", "u", "down", "down", "down", "down", "down", "right")
	m = press(t, m, "s")
	path := filepath.Join(hs.dir, "scenario.yaml")
	if !strings.Contains(m.status, "scenario written to "+path) {
		t.Errorf("status = %q", m.status)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	// Four steps from 1,000 users = 10,000; family x86 → graviton.
	if want := "# fake scenario\nname: dev\nset: \"users=10000 family=graviton\"\n"; string(b) != want {
		t.Errorf("saved %q, want %q", b, want)
	}
}

func TestExports(t *testing.T) {
	t.Parallel()
	m, hs := loaded(t, "dev", false, 80, 24)
	m = press(t, m, "3", "u", "u", "u", "u", "e", "E")
	md, err := os.ReadFile(filepath.Join(hs.dir, "tiercost-dev.md"))
	if err != nil {
		t.Fatal(err)
	}
	golden.Assert(t, filepath.Join("testdata", "export.md.golden"), md)
	raw, err := os.ReadFile(filepath.Join(hs.dir, "tiercost-dev.json"))
	if err != nil {
		t.Fatal(err)
	}
	var got struct {
		Tier      string `json:"tier"`
		Breakdown struct {
			Total string `json:"totalMonthlyCost"`
		} `json:"breakdown"`
		Values struct {
			Users string `json:"users"`
		} `json:"values"`
	}
	golden.Assert(t, filepath.Join("testdata", "export.json.golden"), raw)
	if err := json.Unmarshal(raw, &got); err != nil {
		t.Fatal(err)
	}
	// 10,000 users: 100 + 10 × 10 = 200, exact.
	if got.Tier != "10k" || got.Breakdown.Total != "200" || got.Values.Users != "10000" {
		t.Errorf("json = %+v", got)
	}
}

func TestLoadErrorIsShownNotFatal(t *testing.T) {
	t.Parallel()
	m := New(Options{Engine: &fakeEngine{}, Target: "qa", NoColor: true})
	m = run(t, m, m.Init())
	if m.loadErr == nil || !strings.Contains(m.View(), `environment "qa" is unknown; allowed: dev, staging, prod`) {
		t.Errorf("load error not shown:\n%s", m.View())
	}
	next, cmd := m.Update(keyMsg("q"))
	if cmd == nil || next.(Model).loadErr == nil {
		t.Error("q does not quit on the error screen")
	}
}

func TestHelpToggles(t *testing.T) {
	t.Parallel()
	m, _ := loaded(t, "dev", false, 80, 24)
	m = press(t, m, "?")
	if !m.showHelp || !strings.Contains(m.View(), "export json") {
		t.Fatalf("full help not shown:\n%s", m.View())
	}
	m = press(t, m, "?")
	if m.showHelp {
		t.Error("help did not close")
	}
}

func TestViewFitsEverySize(t *testing.T) {
	t.Parallel()
	sizes := [][2]int{{20, 5}, {1, 1}, {0, 0}, {80, 24}, {100, 30}, {120, 40}, {40, 10}}
	for _, sz := range sizes {
		m, _ := loaded(t, "prod", false, sz[0], sz[1])
		for _, k := range []string{"1", "2", "a", "p", "3", "u", "4", "5", "6", "c", "?", "esc", "d"} {
			m = press(t, m, k)
			assertFits(t, m, sz[0], sz[1])
		}
	}
}

func lipglossWidth(s string) int { return ansi.StringWidth(s) }

func assertFits(t *testing.T, m Model, w, h int) {
	t.Helper()
	v := m.View()
	lines := strings.Split(v, "\n")
	if h > 0 && len(lines) != h {
		t.Fatalf("%dx%d: %d lines", w, h, len(lines))
	}
	for i, l := range lines {
		if got := lipglossWidth(l); got > w {
			t.Fatalf("%dx%d: line %d is %d wide: %q", w, h, i, got, l)
		}
	}
}

func TestQuit(t *testing.T) {
	t.Parallel()
	m, _ := loaded(t, "dev", false, 80, 24)
	_, cmd := m.Update(keyMsg("q"))
	if cmd == nil {
		t.Fatal("q returned no command")
	}
	if _, ok := cmd().(tea.QuitMsg); !ok {
		t.Error("q did not quit")
	}
}

// TestBurstOfKeysCountsEveryKey: keys typed faster than the terminal is read
// reach the program as one message with several runes; each must count.
func TestBurstOfKeysCountsEveryKey(t *testing.T) {
	m, _ := loaded(t, "dev", false, 100, 30)
	m = press(t, m, "3")
	before := users(m)
	next, cmd := m.Update(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune("uuuu")})
	m = run(t, next.(Model), cmd)
	// Four quarter-decade steps up are one decade: x10.
	if want := before * 10; users(m) != want {
		t.Errorf("users = %v after a burst of 4 u, want %v", users(m), want)
	}
}
