package engine

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tiercost/tiercost/cmd/tiercost/internal/scenario"
	"github.com/tiercost/tiercost/costmodel/money"
	"github.com/tiercost/tiercost/costmodel/output"
	"github.com/tiercost/tiercost/costmodel/pricing"
	"github.com/tiercost/tiercost/costmodel/report"
	"github.com/tiercost/tiercost/costmodel/uncertainty"
)

// writeRangedEnv writes environments/<name>.yaml under a new work dir: the tier
// with every assumption fixed but those in ranged (YAML lines under
// workload_ranges:).
func writeRangedEnv(t *testing.T, name, tier string, ranged map[string]string) string {
	t.Helper()
	var b strings.Builder
	b.WriteString("name: " + name + "\ntier: " + tier + "\nregion: us-east-1\nbudget_monthly_usd: \"20000\"\nworkload_ranges:\n")
	for _, a := range uncertainty.Assumptions() {
		if a.Forecast {
			continue
		}
		if r, ok := ranged[a.Name]; ok {
			b.WriteString("  " + a.Name + ": " + r + "\n")
			continue
		}
		b.WriteString("  " + a.Name + ": fixed\n")
	}
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "environments"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "environments", name+".yaml"), []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestBandsCollapsedAreTheEstimate is the first hand check: with every
// range collapsed to a point, every scenario is today's estimate, so P10 =
// P50 = P90 = today's total to the cent (here exactly), for the total and
// for every component, and no scenario goes over the budget.
func TestBandsCollapsedAreTheEstimate(t *testing.T) {
	for _, c := range []struct {
		name string
		req  func(t *testing.T) Request
	}{
		{"workload_ranges all fixed", func(t *testing.T) Request {
			return Request{Source: Source{Environment: "pinned"}, WorkDir: writeRangedEnv(t, "pinned", "100k", nil)}
		}},
		{"--set KNOB=fixed on every assumption", func(t *testing.T) Request {
			o := scenario.Overlay{}
			for _, k := range scenario.RangeKnobs() {
				if err := o.Set(k, "fixed"); err != nil {
					t.Fatal(err)
				}
			}
			return Request{Source: Source{Tier: "10k"}, Overlay: o}
		}},
		{"--set P10..P90 equal to today's values", func(t *testing.T) Request {
			o := scenario.Overlay{}
			// prod's 100k users, and the 100k tier's 0.85 cache hit.
			for k, v := range map[string]string{"users": "100000..100000", "cache_hit_ratio": "0.85..0.85"} {
				if err := o.Set(k, v); err != nil {
					t.Fatal(err)
				}
			}
			for _, k := range scenario.RangeKnobs() {
				if _, set := o[k]; !set {
					_ = o.Set(k, "fixed")
				}
			}
			return Request{Source: Source{Environment: "prod"}, Overlay: o}
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			req := c.req(t)
			base, err := Estimate(req)
			if err != nil {
				t.Fatal(err)
			}
			bs, err := Estimator(Estimate).Bands(req, base, BandOptions{Tornado: true})
			if err != nil {
				t.Fatal(err)
			}
			today := base.Breakdown.TotalMonthlyCost
			b := bs.Band
			if b.Samples != uncertainty.DefaultSamples {
				t.Errorf("%d samples, want %d", b.Samples, uncertainty.DefaultSamples)
			}
			for _, p := range []string{money.Cents(b.Total.P10), money.Cents(b.Total.P50), money.Cents(b.Total.P90)} {
				if p != money.Cents(today) {
					t.Errorf("band %s %s %s, want today's %s", b.Total.P10, b.Total.P50, b.Total.P90, today)
				}
			}
			if !b.Total.P10.Equal(today) || !b.Total.P90.Equal(today) {
				t.Errorf("band %s..%s is not exactly today's %s", b.Total.P10, b.Total.P90, today)
			}
			comps := Outcome(base).Components
			for _, cb := range b.Components {
				if !cb.P10.Equal(comps[cb.Name]) || !cb.P90.Equal(comps[cb.Name]) {
					t.Errorf("%s: %s..%s, want %s", cb.Name, cb.P10, cb.P90, comps[cb.Name])
				}
			}
			if len(bs.Tornado) != 0 {
				t.Errorf("a tornado of points: %+v", bs.Tornado)
			}
			if len(b.Ranges.Ranged()) != 0 {
				t.Errorf("ranged: %v", b.Ranges.Ranged())
			}
		})
	}
}

// TestBandsLinearInASGRunning is the second hand check, through the real
// engine: the 1m tier with every assumption fixed but asg_running, ranged
// -0.5 .. 0 .. 0.5. The 1m app fleet is min 4, desired 8, max 15
// c7g.large; each running instance costs (shared/reference/aws-prices.md)
// 730 h × $0.0725 = $52.925, plus detailed monitoring 7 metrics × $0.30 =
// $2.10, plus its 20 GB gp3 root volume × $0.08 = $1.60: $56.625, and
// nothing else in the estimate depends on how many run. With the default
// 265 scenarios, the nearest-rank P10, P50 and P90 fall on the range's
// own P10, P50 and P90 (uncertainty.DefaultSamples):
//
//	P10: 8 − 0.5 × (8 − 4) = 6 instances: today − 2 × 56.625 = today − 113.25
//	P50: 8 instances: today
//	P90: 8 + 0.5 × (15 − 8) = 11.5 instances: today + 3.5 × 56.625 = today + 198.1875
//
// The tornado has one bar, from P10 to P90: a swing of 113.25 + 198.1875 = 311.4375.
func TestBandsLinearInASGRunning(t *testing.T) {
	req := Request{Source: Source{Environment: "linear"},
		WorkDir: writeRangedEnv(t, "linear", "1m", map[string]string{"asg_running": "{p10: -0.5, p90: 0.5}"})}
	base, err := Estimate(req)
	if err != nil {
		t.Fatal(err)
	}
	if c := base.Spec.Compute; c.MinSize != 4 || c.DesiredCapacity != 8 || c.MaxSize != 15 || c.InstanceType != "c7g.large" {
		t.Fatalf("the 1m fleet is %d/%d/%d %s; the hand arithmetic assumes 4/8/15 c7g.large", c.MinSize, c.DesiredCapacity, c.MaxSize, c.InstanceType)
	}
	bs, err := Estimator(Estimate).Bands(req, base, BandOptions{Tornado: true})
	if err != nil {
		t.Fatal(err)
	}
	today := base.Breakdown.TotalMonthlyCost
	want := []string{
		money.Cents(today.Sub(dec("113.25"))),
		money.Cents(today),
		money.Cents(today.Add(dec("198.1875"))),
	}
	got := []string{money.Cents(bs.Band.Total.P10), money.Cents(bs.Band.Total.P50), money.Cents(bs.Band.Total.P90)}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("P10 P50 P90 = %v, want %v (today %s)", got, want, today)
	}
	// The compute component alone moves: 8 × 56.625 = 453.00 today.
	for _, c := range bs.Band.Components {
		if c.Name != "Compute" {
			if !c.P10.Equal(c.P90) {
				t.Errorf("%s moves: %s..%s", c.Name, c.P10, c.P90)
			}
			continue
		}
		if money.Cents(c.P10) != "339.75" || money.Cents(c.P50) != "453.00" || money.Cents(c.P90) != "651.19" {
			// 6 × 56.625 = 339.75; 11.5 × 56.625 = 651.1875
			t.Errorf("Compute %s %s %s, want 339.75 453.00 651.19", c.P10, c.P50, c.P90)
		}
	}
	if len(bs.Tornado) != 1 || bs.Tornado[0].Name != "asg_running" || money.Cents(bs.Tornado[0].Swing) != "311.44" {
		t.Errorf("tornado %+v, want one bar, asg_running, swing 311.44", bs.Tornado)
	}
}

// TestBandsSameSeedSameBytes: the same question gives the same band, byte
// for byte, whatever the capture cache holds (the second run finds it
// warm); another seed gives another band.
func TestBandsSameSeedSameBytes(t *testing.T) {
	if testing.Short() {
		t.Skip("prices 3 × 40 estimates")
	}
	render := func(seed uint64) []byte {
		req := Request{Source: Source{Environment: "prod"}}
		base, err := Estimate(req)
		if err != nil {
			t.Fatal(err)
		}
		bs, err := Estimator(Estimate).Bands(req, base, BandOptions{Samples: 15, Seed: seed, Tornado: true})
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		rep := output.BandsReport{Name: base.Name, Tier: base.Tier, Point: base.Breakdown.Monthly(), Budget: base.BudgetMonthlyUSD, Band: bs.Band, Tornado: bs.Tornado}
		if err := output.BandsJSON(&buf, rep); err != nil {
			t.Fatal(err)
		}
		if err := output.BandsTable(&buf, rep, output.DefaultWidth); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	a, b := render(1), render(1)
	if !bytes.Equal(a, b) {
		t.Errorf("two runs with seed 1 differ:\n%s\n---\n%s", a, b)
	}
	if bytes.Equal(a, render(2)) {
		t.Error("seed 2 gives the bytes of seed 1")
	}
}

// TestBandsRangeErrors: a range that does not contain today's value is
// refused, naming where it was written and what is allowed.
func TestBandsRangeErrors(t *testing.T) {
	for _, c := range []struct {
		name string
		req  func(t *testing.T) Request
		want string
	}{
		{"--set", func(t *testing.T) Request {
			o := scenario.Overlay{}
			if err := o.Set("users", "150000..300000"); err != nil {
				t.Fatal(err)
			}
			return Request{Source: Source{Environment: "prod"}, Overlay: o}
		}, "--set users: workload_ranges.monthly_active_users: p10 150000 .. p90 300000 does not contain today's value 100000 (the point estimate's input, the range's p50); allowed: p10 <= 100000 <= p90"},
		{"file", func(t *testing.T) Request {
			return Request{Source: Source{Environment: "bad"}, WorkDir: writeRangedEnv(t, "bad", "100k", map[string]string{"cache_hit_ratio": "{p10: 0.9, p90: 0.95}"})}
			// Line 15: name, tier, region, budget, workload_ranges:, then the
			// assumptions in table order, cache_hit_ratio the tenth.
		}, "environments/bad.yaml: line 15: workload_ranges.cache_hit_ratio: p10 0.9 .. p90 0.95 does not contain today's value 0.85"},
		{"file p50", func(t *testing.T) Request {
			return Request{Source: Source{Environment: "bad"}, WorkDir: writeRangedEnv(t, "bad", "100k", map[string]string{"read_share": "{p10: 0.8, p50: 0.85, p90: 0.95}"})}
		}, "workload_ranges.read_share: p50 is 0.85 but today's value (the point estimate's input) is 0.9; allowed: leave p50 out, or 0.9"},
	} {
		// Every command reads the ranges through the estimate, so the
		// estimate refuses them (checkRanges), and a what-if is not saved
		// with them.
		t.Run(c.name, func(t *testing.T) {
			req := c.req(t)
			if _, err := Estimate(req); err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("Estimate: err %v, want %q", err, c.want)
			}
			if _, err := Scenario(req); len(req.Overlay) > 0 && (err == nil || !strings.Contains(err.Error(), c.want)) {
				t.Errorf("Scenario: err %v, want %q", err, c.want)
			}
		})
	}
}

// TestRangesAroundTheFilesPoint: a file's range is around the file's own
// point, so a users what-if that moves today's value out of it is still
// estimated (its band, when asked, says the range no longer fits), while
// the file as it is, and a range given with the what-if, are checked.
func TestRangesAroundTheFilesPoint(t *testing.T) {
	// 100k's users are 100,000: the file's range 80,000..150,000 holds it.
	dir := writeRangedEnv(t, "ok", "100k", map[string]string{"monthly_active_users": "{p10: 80000, p90: 150000}"})
	req := Request{Source: Source{Environment: "ok"}, WorkDir: dir}
	if _, err := Estimate(req); err != nil {
		t.Fatalf("the file as it is: %v", err)
	}
	if _, err := Estimate(AtUsers(req, 400_000)); err != nil {
		t.Errorf("users what-if at 400,000, outside the file's range: %v", err)
	}
	o := scenario.Overlay{}
	if err := o.Set("cache_hit_ratio", "0.9..0.95"); err != nil { // 100k's is 0.85
		t.Fatal(err)
	}
	req.Overlay = o
	if _, err := Estimate(req); err == nil || !strings.Contains(err.Error(), "does not contain today's value 0.85") {
		t.Errorf("--set range without today's value: err %v", err)
	}
}

// TestComponentNamesFollowTheResources holds a band's remembered
// component names to report.ComponentName when the next scenario's
// resources differ at one position: a URN under another component must
// not keep the name remembered for the one before it.
func TestComponentNamesFollowTheResources(t *testing.T) {
	const stack = "urn:pulumi:prod::tiercost::pulumi:pulumi:Stack$tiercost:index:"
	rc := func(component, name string) pricing.ResourceCost {
		return pricing.ResourceCost{Type: "aws:ec2/eip:Eip", Name: name,
			URN: stack + component + "$aws:ec2/eip:Eip::" + name}
	}
	names := &componentNames{}
	first := []pricing.ResourceCost{rc("Network", "a"), rc("Database", "b")}
	second := []pricing.ResourceCost{rc("Network", "a"), rc("LoadBalancer", "b")}
	for _, tc := range []struct {
		rs   []pricing.ResourceCost
		want []string
	}{
		{first, []string{"Network", "Database"}},
		{first, []string{"Network", "Database"}}, // remembered
		{second, []string{"Network", "Load balancer"}},
		{second[:1], []string{"Network"}},
	} {
		got := names.of(tc.rs)
		if len(got) != len(tc.want) {
			t.Fatalf("%d names, want %d", len(got), len(tc.want))
		}
		for i, w := range tc.want {
			if got[i].name != w || got[i].name != report.ComponentName(tc.rs[i]) {
				t.Errorf("resource %d: %q, want %q (report.ComponentName %q)", i, got[i].name, w, report.ComponentName(tc.rs[i]))
			}
		}
	}
}
