package tuiengine

import (
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/tiercost/tiercost/cmd/tiercost/internal/engine"
	"github.com/tiercost/tiercost/cmd/tiercost/internal/tui"
	"github.com/tiercost/tiercost/costmodel/capacity"
	"github.com/tiercost/tiercost/costmodel/money"
	"github.com/tiercost/tiercost/environments"
)

// TestUntouchedScenarioPricesAsTheEnvironment: the empty overlay is the
// baseline, priced exactly as `tiercost breakdown --env staging`.
func TestUntouchedScenarioPricesAsTheEnvironment(t *testing.T) {
	e := New(engine.Request{})
	snap, err := e.Evaluate(tui.Scenario{Target: "staging"})
	if err != nil {
		t.Fatal(err)
	}
	direct, err := engine.Estimate(engine.Request{Source: engine.Source{Environment: "staging"}})
	if err != nil {
		t.Fatal(err)
	}
	if !snap.Breakdown.TotalMonthlyCost.Equal(direct.Breakdown.TotalMonthlyCost) {
		t.Errorf("baseline scenario %s, environment %s", snap.Breakdown.TotalMonthlyCost, direct.Breakdown.TotalMonthlyCost)
	}
	if snap.Tier != "10k" || snap.Budget == nil || len(snap.Sizing) == 0 || snap.Values["users"] != "10000" {
		t.Errorf("tier %q budget %v sizing %v users %q", snap.Tier, snap.Budget, snap.Sizing, snap.Values["users"])
	}

	// Ten times the users moves staging to the 100k architecture.
	snap, err = e.Evaluate(tui.Scenario{Target: "staging", Overlay: map[string]string{"users": "100000"}})
	if err != nil {
		t.Fatal(err)
	}
	if snap.Tier != "100k" || !snap.Breakdown.TotalMonthlyCost.GreaterThan(direct.Breakdown.TotalMonthlyCost) {
		t.Errorf("x10 users: tier %q total %s", snap.Tier, snap.Breakdown.TotalMonthlyCost)
	}
}

// TestTUISavedScenarioPricesAsOnScreen drives a what-if through the TUI
// model on the real engine (prod at 1M users, x86, eu-west-1: the case a
// user reported), saves it with s, loads the file as environments/prod.yaml
// and prices it: the same total to the cent and the same resource records,
// with every field of the original environment kept.
func TestTUISavedScenarioPricesAsOnScreen(t *testing.T) {
	dir := t.TempDir()
	saved := filepath.Join(dir, "saved.yaml")
	e := New(engine.Request{WorkDir: dir})
	m := tea.Model(tui.New(tui.Options{Engine: e, Target: "prod", NoColor: true, SavePath: saved, ExportDir: dir}))
	next, _ := m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	m = settle(t, next, m.Init())
	special := map[string]tea.KeyType{"down": tea.KeyDown, "right": tea.KeyRight}
	press := func(keys ...string) {
		for _, k := range keys {
			msg := keyPress(k)
			if kt, ok := special[k]; ok {
				msg = tea.KeyMsg{Type: kt}
			}
			next, cmd := m.Update(msg)
			m = settle(t, next, cmd)
		}
	}
	// What-ifs; users ×10^¼ four times: 100,000 → 1,000,000.
	press("3", "u", "u", "u", "u")
	// family is the 6th knob: graviton → x86.
	press("down", "down", "down", "down", "down", "right")
	// region is the 9th knob: step until eu-west-1.
	press("down", "down", "down")
	for i := 0; i < 60 && !strings.Contains(m.View(), "region        eu-west-1"); i++ {
		press("right")
	}
	screen := m.View()
	for _, want := range []string{"users         1,000,000 *", "family        x86 *", "region        eu-west-1 *"} {
		if !strings.Contains(screen, want) {
			t.Fatalf("what-if not set up (%q missing):\n%s", want, screen)
		}
	}
	press("s")
	data, err := os.ReadFile(saved)
	if err != nil {
		t.Fatalf("s did not save: %v\n%s", err, m.View())
	}
	if strings.Contains(string(data), "e+") {
		t.Errorf("saved file writes a number in exponent form:\n%s", data)
	}

	// What the screen priced: the same request the TUI's engine made.
	sc := tui.Scenario{Target: "prod", Overlay: map[string]string{"users": "1000000", "family": "x86", "region": "eu-west-1"}}
	onScreen, err := engine.Estimate(e.request(sc))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(screen, moneyText(onScreen)) {
		t.Fatalf("screen does not show the engine's total %s:\n%s", moneyText(onScreen), screen)
	}

	// Load the saved file as the prod environment.
	if err := os.MkdirAll(filepath.Join(dir, "environments"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "environments", "prod.yaml"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	loaded, err := engine.Estimate(engine.Request{Source: engine.Source{Environment: "prod"}, WorkDir: dir})
	if err != nil {
		t.Fatalf("the saved scenario does not load as an environment: %v\n%s", err, data)
	}
	if !loaded.Breakdown.TotalMonthlyCost.Equal(onScreen.Breakdown.TotalMonthlyCost) {
		t.Errorf("saved scenario prices %s, the screen %s", loaded.Breakdown.TotalMonthlyCost, onScreen.Breakdown.TotalMonthlyCost)
	}
	if !reflect.DeepEqual(loaded.Records, onScreen.Records) {
		t.Errorf("saved scenario creates other resources than the screen priced")
	}
	for _, r := range loaded.Records {
		if r.Type == "aws:ec2/launchTemplate:LaunchTemplate" {
			if typ, img := r.String("instanceType"), r.String("imageId"); !strings.HasPrefix(typ, "c6i.") || !strings.HasSuffix(img, "x86_64") {
				t.Errorf("launch template %s with image %s; want an x86 type and an x86_64 image", typ, img)
			}
		}
	}

	// Every field of the original environment is kept.
	orig, err := environments.Load("prod", "")
	if err != nil {
		t.Fatal(err)
	}
	got, err := environments.Parse(saved, "prod", data)
	if err != nil {
		t.Fatal(err)
	}
	if got.Name != orig.Name || !got.BudgetMonthlyUSD.Equal(orig.BudgetMonthlyUSD) {
		t.Errorf("name %q budget %s, want %q %s", got.Name, got.BudgetMonthlyUSD, orig.Name, orig.BudgetMonthlyUSD)
	}
	if dp, _ := got.Overrides["database"].(map[string]any); dp["deletion_protection"] != true {
		t.Errorf("overrides lost prod's deletion_protection: %v", got.Overrides)
	}
	for k := range orig.Workload {
		if _, ok := got.Workload[k]; !ok {
			t.Errorf("workload.%s dropped", k)
		}
	}
	if got.Tier != "1m" || got.Region != "eu-west-1" || got.Sizing.Family != "x86" || got.Workload["monthly_active_users"] != 1000000 {
		t.Errorf("saved tier %s region %s family %s users %v", got.Tier, got.Region, got.Sizing.Family, got.Workload["monthly_active_users"])
	}
}

func moneyText(r engine.Result) string {
	return money.USD(r.Breakdown.TotalMonthlyCost)
}

func TestOverviewHasTiersAndEnvironments(t *testing.T) {
	rows, err := New(engine.Request{}).Overview()
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]int{}
	for _, r := range rows {
		kinds[r.Kind]++
		if !r.Monthly.IsPositive() || !r.Fixed.Add(r.Usage).Equal(r.Monthly) {
			t.Errorf("%s: monthly %s, fixed %s + usage %s", r.Name, r.Monthly, r.Fixed, r.Usage)
		}
	}
	if kinds[tui.KindTier] != 4 || kinds[tui.KindEnv] != 3 {
		t.Errorf("rows by kind = %v, want 4 tiers and 3 environments", kinds)
	}
}

// TestTUIShowsTheEnginesNextAction: the TUI's findings carry the same next
// action, with the same user count, as the CLI's advice and reports.
func TestTUIShowsTheEnginesNextAction(t *testing.T) {
	snap, err := New(engine.Request{}).Evaluate(tui.Scenario{Target: "prod"})
	if err != nil {
		t.Fatal(err)
	}
	res, err := engine.Estimate(engine.Request{Source: engine.Source{Environment: "prod"}, Findings: true})
	if err != nil {
		t.Fatal(err)
	}
	want := ""
	for _, f := range res.Findings {
		if f.RuleID == capacity.RuleNextAction {
			want = f.Title
		}
	}
	found := false
	for _, f := range snap.Findings {
		found = found || (want != "" && f.Title == want)
	}
	if !found {
		t.Errorf("TUI findings lack the next action %q: %+v", want, snap.Findings)
	}
	// The header and the what-if summary show the same action.
	if n := snap.Next; n == nil || n.Users != res.Next.Users || n.Do != res.Next.Do {
		t.Errorf("snapshot next action %+v, engine's %+v", snap.Next, res.Next)
	}
}

// TestCurveFollowsTheWhatIf: the chart's curve is priced with the what-if's
// knobs other than users (a region what-if has its own curve, at that
// region's prices), and stepping users reuses the curve already priced.
func TestCurveFollowsTheWhatIf(t *testing.T) {
	e := New(engine.Request{})
	home, err := e.Curve(tui.Scenario{Target: "staging"})
	if err != nil {
		t.Fatal(err)
	}
	if len(home.Points) != 13 {
		t.Fatalf("curve has %d points, want 13", len(home.Points))
	}
	away, err := e.Curve(tui.Scenario{Target: "staging", Overlay: map[string]string{"region": "eu-west-1"}})
	if err != nil {
		t.Fatal(err)
	}
	// The same user counts in another region: other prices, so another total.
	if away.Points[0].Users != home.Points[0].Users || away.Points[0].MonthlyCost.Equal(home.Points[0].MonthlyCost) {
		t.Errorf("eu-west-1 curve starts %v users %s, us-east-1 %v users %s: want the same users at another cost",
			away.Points[0].Users, away.Points[0].MonthlyCost, home.Points[0].Users, home.Points[0].MonthlyCost)
	}
	// Each point is what Evaluate prices for that what-if at those users.
	p := away.Points[len(away.Points)/2]
	snap, err := e.Evaluate(tui.Scenario{Target: "staging", Overlay: map[string]string{"region": "eu-west-1", "users": strconvFloat(p.Users)}})
	if err != nil {
		t.Fatal(err)
	}
	if !snap.Breakdown.TotalMonthlyCost.Equal(p.MonthlyCost) {
		t.Errorf("curve at %v users %s, what-if %s", p.Users, p.MonthlyCost, snap.Breakdown.TotalMonthlyCost)
	}
	n := len(e.curves)
	if _, err := e.Curve(tui.Scenario{Target: "staging", Overlay: map[string]string{"region": "eu-west-1", "users": "31623"}}); err != nil {
		t.Fatal(err)
	}
	if len(e.curves) != n {
		t.Errorf("a users step priced a new curve: %d cached, want %d", len(e.curves), n)
	}
}

func strconvFloat(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

// TestPurchaseKnobsAlwaysPrice: no purchase option or Savings Plans
// coverage leaves the TUI's what-if "not updated" for want of a rate; the
// lines the catalog has no rate for are priced on demand and marked, and
// a region priced in part shows its total as a lower bound.
func TestPurchaseKnobsAlwaysPrice(t *testing.T) {
	e := New(engine.Request{})
	for _, o := range []map[string]string{
		{"purchase": "reserved-1yr-no-upfront"},
		{"purchase": "reserved-3yr-all-upfront-convertible"},
		{"savings_plan_coverage": "50"},
		{"purchase": "reserved-1yr-partial-upfront", "savings_plan_coverage": "100"},
	} {
		snap, err := e.Evaluate(tui.Scenario{Target: "prod", Overlay: o})
		if err != nil {
			t.Errorf("%v: %v", o, err)
			continue
		}
		if snap.Breakdown.PurchaseFallbacks == 0 || snap.Breakdown.Monthly().OptionText() == "" {
			t.Errorf("%v: fallbacks %d, option %q", o, snap.Breakdown.PurchaseFallbacks, snap.Breakdown.Monthly().OptionText())
		}
	}
	snap, err := e.Evaluate(tui.Scenario{Target: "prod", Overlay: map[string]string{"region": "eu-central-1"}})
	if err != nil {
		t.Fatal(err)
	}
	if !snap.Breakdown.Monthly().LowerBound() {
		t.Errorf("eu-central-1: %s is not marked a lower bound", snap.Breakdown.Monthly())
	}
}
