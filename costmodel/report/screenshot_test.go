package report

import (
	"context"
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
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

func fourTiers() Data {
	d := sample()
	d.Tiers = Summarize([]TierInput{
		{Name: "1k", Users: 1_000, Breakdown: outputtest.Tier1k()},
		{Name: "10k", Users: 10_000, Breakdown: outputtest.Tier10k()},
		{Name: "100k", Users: 100_000, Breakdown: scaled(outputtest.Tier10k(), "tier-100k", 6)},
		{Name: "1m", Users: 1_000_000, Breakdown: scaled(outputtest.Tier10k(), "tier-1m", 30)},
	})
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

func TestHTMLScreenshotDrawsCharts(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a browser")
	}
	browser := findChromium(t)
	dir := t.TempDir()
	page := filepath.Join(dir, "report.html")
	shot := filepath.Join(dir, "shot.png")
	fh, err := os.Create(page)
	if err != nil {
		t.Fatal(err)
	}
	if err := HTML(fh, fourTiers()); err != nil {
		t.Fatal(err)
	}
	if err := fh.Close(); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
		"--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--hide-scrollbars", "--user-data-dir="+filepath.Join(dir, "profile"), "--window-size=1200,1600",
		"--screenshot="+shot, "file://"+page)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("chromium: %v\n%s", err, out)
	}
	f, err := os.Open(shot)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	// The fixtures have four components, so the first four palette colours
	// fill bars (the fourth, $1 of logs, shows only in the legend); the
	// budget line and the per-user curve have their own colours.
	want := map[string]int{BudgetColor: 150, PerUserColor: 300, palette[3]: 150}
	for _, c := range palette[:3] {
		want[c] = 1000
	}
	found := countColours(img, want)
	for c, min := range want {
		if n := len(found[c]); n < min {
			t.Errorf("colour %s: %d pixels, want at least %d (chart not drawn?)", c, n, min)
		}
	}
	// The per-user chart sits below the stacked chart.
	if median(found[PerUserColor]) <= median(found[palette[0]]) {
		t.Errorf("per-user curve (median y %d) is not below the stacked bars (median y %d)",
			median(found[PerUserColor]), median(found[palette[0]]))
	}
}

// countColours returns, for each wanted hex colour, the y of every pixel
// within a small distance of it (antialiasing shifts edges only).
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
