package report

import (
	"context"
	"encoding/json"
	"fmt"
	"html"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/tiercost/tiercost/costmodel/output/outputtest"
	"github.com/tiercost/tiercost/costmodel/pricing"
)

// scaled multiplies every quantity and cost of a breakdown by k: a quick
// way to draw four tiers for the screenshot. Only pixels are asserted here.
func scaled(b pricing.Breakdown, name string, k int64) pricing.Breakdown {
	m := decimal.NewFromInt(k)
	var scale func(r pricing.ResourceCost) pricing.ResourceCost
	scale = func(r pricing.ResourceCost) pricing.ResourceCost {
		r.MonthlyCost = r.MonthlyCost.Mul(m)
		cs := make([]pricing.CostComponent, len(r.Components))
		for i, c := range r.Components {
			c.MonthlyQuantity, c.MonthlyCost = c.MonthlyQuantity.Mul(m), c.MonthlyCost.Mul(m)
			cs[i] = c
		}
		r.Components = cs
		subs := make([]pricing.ResourceCost, len(r.Subresources))
		for i, s := range r.Subresources {
			subs[i] = scale(s)
		}
		r.Subresources = subs
		return r
	}
	rs := make([]pricing.ResourceCost, len(b.Resources))
	for i, r := range b.Resources {
		rs[i] = scale(r)
	}
	b.Resources, b.Project = rs, name
	b.TotalMonthlyCost, b.FixedMonthlyCost, b.UsageMonthlyCost = b.TotalMonthlyCost.Mul(m), b.FixedMonthlyCost.Mul(m), b.UsageMonthlyCost.Mul(m)
	return b
}

// fourTiers spans two orders of magnitude, as the real tiers do: $44 to
// $5,388 a month, with a $3,000 budget between them.
func fourTiers() Data {
	d := sample()
	tiers := Summarize([]TierInput{
		{Name: "1k", Users: 1_000, Breakdown: outputtest.Tier1k()},
		{Name: "10k", Users: 10_000, Breakdown: outputtest.Tier10k()},
		{Name: "100k", Users: 100_000, Breakdown: scaled(outputtest.Tier10k(), "tier-100k", 6)},
		{Name: "1m", Users: 1_000_000, Breakdown: scaled(outputtest.Tier10k(), "tier-1m", 30)},
	})
	for i := range tiers {
		tiers[i].Next = d.Tiers[1].Next
		tiers[i].Assumptions = d.Tiers[1].Assumptions
	}
	d.Tiers = tiers
	b := CheckBudget(decimal.RequireFromString("3000"), d.Tiers[3].Total(), "1m")
	d.Budget = &b
	return d
}

// findChromium returns the browser's path, skipping the test when it is
// missing outside CI and failing it inside CI, which installs it.
func findChromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("chromium is not installed; CI must install it (apt-get install -y chromium)")
	}
	t.Skip("chromium is not installed; set CI=true to make this a failure")
	return ""
}

// The page is read at a laptop's 1280 px width; the fold is the first
// 800 px. The window is taller so one screenshot holds both charts.
const (
	shotWidth, shotHeight = 1280, 1800
	fold                  = 800
)

// chromium runs the headless browser on a page with one more argument
// (--screenshot=FILE or --dump-dom) and returns what it printed.
func chromium(t *testing.T, browser, dir, page, arg string) []byte {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	profile, err := os.MkdirTemp(dir, "profile")
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.CommandContext(ctx, browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
		"--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--hide-scrollbars", "--user-data-dir="+profile, fmt.Sprintf("--window-size=%d,%d", shotWidth, shotHeight),
		arg, "file://"+page)
	var stdout, stderr strings.Builder
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("chromium %s: %v\n%s", arg, err, stderr.String())
	}
	return []byte(stdout.String())
}

// box is an element's bounding box in CSS pixels from the page's top.
type box struct {
	Tier                           string
	Top, Bottom, Left, Right, H, W float64
}

// layout is what the measuring script reports.
type layout struct {
	ViewportWidth float64
	Summary       box
	Chart         box
	Bars          []box
}

// measure is appended to a copy of the page (the report itself has no
// scripts): it writes the boxes of the summary, the chart and each tier's
// bar into the DOM that --dump-dom prints.
const measure = `<script>
var r = function (e) { var b = e.getBoundingClientRect(); return {Top: b.top, Bottom: b.bottom, Left: b.left, Right: b.right, H: b.height, W: b.width}; };
var out = {ViewportWidth: window.innerWidth, Summary: r(document.getElementById('summary')), Chart: r(document.getElementById('chart-tiers')), Bars: []};
document.querySelectorAll('#chart-tiers g.bar').forEach(function (g) { var o = r(g); o.Tier = g.getAttribute('data-tier'); out.Bars.push(o); });
var p = document.createElement('pre'); p.id = 'measure'; p.textContent = JSON.stringify(out); document.body.appendChild(p);
</script>`

func TestHTMLScreenshot(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a browser")
	}
	browser := findChromium(t)
	dir := t.TempDir()
	var page strings.Builder
	if err := HTML(&page, fourTiers()); err != nil {
		t.Fatal(err)
	}
	report, measured := filepath.Join(dir, "report.html"), filepath.Join(dir, "measured.html")
	if err := os.WriteFile(report, []byte(page.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(measured, []byte(strings.Replace(page.String(), "</body>", measure+"</body>", 1)), 0o644); err != nil {
		t.Fatal(err)
	}

	dom := chromium(t, browser, dir, measured, "--dump-dom")
	m := regexp.MustCompile(`(?s)<pre id="measure">(.*?)</pre>`).FindSubmatch(dom)
	if m == nil {
		t.Fatalf("the measuring script wrote nothing:\n%.2000s", dom)
	}
	var l layout
	if err := json.Unmarshal([]byte(html.UnescapeString(string(m[1]))), &l); err != nil {
		t.Fatalf("measure: %v: %s", err, m[1])
	}
	t.Logf("summary y %.0f to %.0f; chart %.0f px wide", l.Summary.Top, l.Summary.Bottom, l.Chart.W)
	for _, b := range l.Bars {
		t.Logf("bar %s: %.1f px high, y %.0f to %.0f", b.Tier, b.H, b.Top, b.Bottom)
	}
	if l.ViewportWidth != shotWidth {
		t.Fatalf("viewport %v px wide, want %d", l.ViewportWidth, shotWidth)
	}
	// The whole executive summary is above the fold.
	if l.Summary.Top < 0 || l.Summary.Bottom > fold || l.Summary.H < 100 {
		t.Errorf("summary spans y %.0f to %.0f; want it whole within the first %d px", l.Summary.Top, l.Summary.Bottom, fold)
	}
	// The chart uses the page's width: the body's 1,180 px less its padding.
	if l.Chart.W < 1100 {
		t.Errorf("chart is %.0f px wide, want the full width (at least 1100 px)", l.Chart.W)
	}

	shot := filepath.Join(dir, "shot.png")
	chromium(t, browser, dir, report, "--screenshot="+shot)
	f, err := os.Open(shot)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}

	// Every tier's bar is drawn: a box of real height, painted.
	if len(l.Bars) != 4 {
		t.Fatalf("%d bars measured, want 4", len(l.Bars))
	}
	for _, b := range l.Bars {
		if b.H < 20 {
			t.Errorf("bar %s is %.1f px high; every tier must show", b.Tier, b.H)
		}
		if share := painted(img, b); share < 0.9 {
			t.Errorf("bar %s: %.0f %% of its box is painted in the screenshot, want at least 90 %%", b.Tier, share*100)
		}
	}

	// The summary's borders are in its colour, both above the fold.
	want := map[string]int{SummaryColor: 2000, BudgetColor: 150, PerUserColor: 300}
	// The fixtures' components, each in its fixed colour.
	for _, c := range []string{"Compute", "Load balancer", "Database", "Cache"} {
		want[ComponentColor(c)] = 1000
	}
	found := countColours(img, want)
	for c, min := range want {
		if n := len(found[c]); n < min {
			t.Errorf("colour %s: %d pixels, want at least %d (not drawn?)", c, n, min)
		}
	}
	if ys := found[SummaryColor]; len(ys) > 0 && (ys[0] > 200 || ys[len(ys)-1] > fold) {
		t.Errorf("summary borders from y %d to %d, want both within the first %d px", ys[0], ys[len(ys)-1], fold)
	}
	// The per-user chart sits below the bars.
	if median(found[PerUserColor]) <= int(l.Chart.Bottom) {
		t.Errorf("per-user curve (median y %d) is not below the tier chart (bottom %.0f)", median(found[PerUserColor]), l.Chart.Bottom)
	}
}

// painted is the share of a box's pixels that are not the white page.
func painted(img image.Image, b box) float64 {
	total, coloured := 0, 0
	// One pixel in from each edge: antialiasing blends the border.
	for y := int(b.Top) + 1; y < int(b.Bottom)-1; y++ {
		for x := int(b.Left) + 1; x < int(b.Right)-1; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			total++
			if r>>8 < 240 || g>>8 < 240 || bl>>8 < 240 {
				coloured++
			}
		}
	}
	if total == 0 {
		return 0
	}
	return float64(coloured) / float64(total)
}

// countColours returns, for each wanted hex colour, the y of every pixel
// within a small distance of it (antialiasing shifts edges only), top
// first.
func countColours(img image.Image, want map[string]int) map[string][]int {
	type rgb struct{ r, g, b int }
	targets := map[string]rgb{}
	for c := range want {
		var v rgb
		if _, err := fmt.Sscanf(c, "#%02x%02x%02x", &v.r, &v.g, &v.b); err == nil {
			targets[c] = v
		}
	}
	out := map[string][]int{}
	bounds := img.Bounds()
	for y := bounds.Min.Y; y < bounds.Max.Y; y++ {
		for x := bounds.Min.X; x < bounds.Max.X; x++ {
			r, g, b, _ := img.At(x, y).RGBA()
			p := rgb{int(r >> 8), int(g >> 8), int(b >> 8)}
			for c, t := range targets {
				if abs(p.r-t.r) <= 6 && abs(p.g-t.g) <= 6 && abs(p.b-t.b) <= 6 {
					out[c] = append(out[c], y)
				}
			}
		}
	}
	return out
}

func median(ys []int) int {
	if len(ys) == 0 {
		return -1
	}
	s := append([]int(nil), ys...)
	sort.Ints(s)
	return s[len(s)/2]
}

func abs(v int) int {
	if v < 0 {
		return -v
	}
	return v
}
