package report

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tiercost/tiercost/costmodel/golden"
)

// bandedSample is sample() with a band on each tier and a three-month forecast
// of the 10k tier with its fan; the amounts are written by hand.
func bandedSample() Data {
	r := sample()
	over := d("0.25")
	r.Tiers[0].Band = &Band{P10: d("40.10"), P50: d("44.50"), P90: d("52.25"), Samples: 265, Seed: 1, Unpriced: 2,
		Tornado: []TornadoBar{{Assumption: "monthly_active_users", Range: "500 .. 1000 .. 2000 (lognormal)", AtP10: d("41"), AtP90: d("50")}}}
	r.Tiers[1].Band = &Band{P10: d("150"), P50: d("181"), P90: d("230.40"), Samples: 265, Seed: 1, OverBudget: &over,
		Tornado: []TornadoBar{
			{Assumption: "monthly_active_users", Range: "6000 .. 10000 .. 17000 (lognormal)", AtP10: d("160"), AtP90: d("215")},
			{Assumption: "cache_hit_ratio", Range: "0.65 .. 0.8 .. 0.88 (triangular)", AtP10: d("185"), AtP90: d("176")},
		}}
	r.Forecast = &Forecast{GrowthPct: 5, Samples: 65, Seed: 1, Months: []ForecastMonth{
		{Month: 1, Users: 10000, Tier: "10k", Monthly: d("179.605"), P10: d("150"), P50: d("181"), P90: d("230.40")},
		{Month: 2, Users: 10500, Tier: "10k", Monthly: d("183"), P10: d("152"), P50: d("185"), P90: d("240")},
		{Month: 3, Users: 11025, Tier: "10k", Monthly: d("187"), P10: d("155"), P50: d("190"), P90: d("251")},
	}}
	return r
}

func TestBandsRenderersGolden(t *testing.T) {
	for _, tc := range []struct {
		golden string
		render func(*bytes.Buffer, Data) error
	}{
		{"report-bands.md", func(b *bytes.Buffer, d Data) error { return Markdown(b, d) }},
		{"report-bands.html", func(b *bytes.Buffer, d Data) error { return HTML(b, d) }},
		{"report-bands.json", func(b *bytes.Buffer, d Data) error { return JSON(b, d) }},
	} {
		t.Run(tc.golden, func(t *testing.T) {
			var buf bytes.Buffer
			if err := tc.render(&buf, bandedSample()); err != nil {
				t.Fatal(err)
			}
			golden.Assert(t, filepath.Join("testdata", tc.golden), buf.Bytes())
		})
	}
}

// TestBandsWords: the band reads as the CLI and the TUI say it, lower
// bounds marked, the chance of going over with its count, the tornado's
// swing signed (a hit ratio lowers cost as it rises).
func TestBandsWords(t *testing.T) {
	var buf bytes.Buffer
	if err := Markdown(&buf, bandedSample()); err != nil {
		t.Fatal(err)
	}
	md := buf.String()
	for _, want := range []string{
		// 1k: two items unpriced in a sample, so lower bounds.
		"P50 ≥ $44.50 (P10–P90 ≥ $40.10–$52.25)",
		// 10k: 0.25 of 265 samples over $150.
		"P50 $181.00 (P10–P90 $150.00–$230.40), 25 % of 265 samples over budget; monthly_active_users matters most",
		// 176 − 185 = −9.
		"| cache_hit_ratio | 0.65 .. 0.8 .. 0.88 (triangular) | $185.00 | $176.00 | -$9.00 |",
		// 215 − 160 = +55.
		"| monthly_active_users | 6000 .. 10000 .. 17000 (lognormal) | $160.00 | $215.00 | +$55.00 |",
		"| 2 | 10,500 | 10k | $183.00 | $152.00 | $185.00 | $240.00 |",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("markdown lacks %q", want)
		}
	}
	buf.Reset()
	if err := HTML(&buf, bandedSample()); err != nil {
		t.Fatal(err)
	}
	page := buf.String()
	for _, want := range []string{`<g class="band" data-tier="10k">`, `<polygon id="fan"`, `class="tornado-bar" data-assumption="cache_hit_ratio"`} {
		if !strings.Contains(page, want) {
			t.Errorf("html lacks %q", want)
		}
	}
	// Without bands nothing of them shows.
	buf.Reset()
	if err := Markdown(&buf, sample()); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(buf.String(), "Uncertainty") || strings.Contains(buf.String(), "P50") {
		t.Error("a report without bands speaks of them")
	}
}
