package capacity_test

// The capacity model's goldens, rendered by costmodel/output (which owns
// every table and JSON renderer). The figures are checked by hand in the
// internal tests; these pin the whole output the CLI prints, at its
// default width.

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/tiercost/tiercost/components/spec"
	"github.com/tiercost/tiercost/costmodel/capacity"
	"github.com/tiercost/tiercost/costmodel/golden"
	"github.com/tiercost/tiercost/costmodel/output"
)

// render runs one renderer and compares its output with testdata/name.
func render(t *testing.T, name string, f func(*bytes.Buffer) error) string {
	t.Helper()
	var b bytes.Buffer
	if err := f(&b); err != nil {
		t.Fatal(err)
	}
	golden.Assert(t, filepath.Join("testdata", name), b.Bytes())
	return b.String()
}

func TestCurveGolden(t *testing.T) {
	pts, err := capacity.Curve(capacity.LinearCost, 1000, 1e6, 13)
	if err != nil {
		t.Fatal(err)
	}
	render(t, "curve_linear.txt", func(b *bytes.Buffer) error { return output.CurveTable(b, pts, output.DefaultWidth) })
	render(t, "curve_linear.json", func(b *bytes.Buffer) error { return output.CapacityJSON(b, pts) })
}

func TestForecastGolden(t *testing.T) {
	f, err := capacity.Forecast(capacity.LinearCost, 8000, 25, 12, decimal.RequireFromString("100"))
	if err != nil {
		t.Fatal(err)
	}
	render(t, "forecast_linear.txt", func(b *bytes.Buffer) error { return output.ForecastTable(b, f, output.DefaultWidth) })
	render(t, "forecast_linear.json", func(b *bytes.Buffer) error { return output.CapacityJSON(b, f) })
}

func TestSizingGolden(t *testing.T) {
	for _, tier := range spec.Tiers {
		w, _ := capacity.TierWorkload(tier)
		res, err := capacity.Size(tier, w, capacity.Options{Prices: capacity.TestPrices(t)})
		if err != nil {
			t.Fatal(err)
		}
		render(t, "size_"+tier+".txt", func(b *bytes.Buffer) error { return output.SizingTable(b, res, output.DefaultWidth) })
	}
}

func TestRightsizeGolden(t *testing.T) {
	w, _ := capacity.TierWorkload("10k")
	rep, err := capacity.Rightsize(capacity.Oversized10k(t), w, capacity.Options{Prices: capacity.TestPrices(t)})
	if err != nil {
		t.Fatal(err)
	}
	render(t, "rightsize_oversized_10k.txt", func(b *bytes.Buffer) error {
		return output.RightsizeTable(b, rep, output.RightsizeOptions{Width: output.DefaultWidth})
	})
	render(t, "rightsize_oversized_10k.json", func(b *bytes.Buffer) error { return output.CapacityJSON(b, rep) })

	// A current type with no catalog price is shown "not found", never $0.
	w, _ = capacity.TierWorkload("1k")
	s, _ := spec.DefaultSpec("1k")
	s.Compute.InstanceType = "t4g.micro" // not in the reference prices
	rep, err = capacity.Rightsize(s, w, capacity.Options{Prices: capacity.TestPrices(t)})
	if err != nil {
		t.Fatal(err)
	}
	out := render(t, "rightsize_missing_price_1k.txt", func(b *bytes.Buffer) error {
		return output.RightsizeTable(b, rep, output.RightsizeOptions{Width: output.DefaultWidth})
	})
	if !strings.Contains(out, "not found") || !strings.Contains(out, "t4g.micro") {
		t.Errorf("table does not show the missing price:\n%s", out)
	}
}

func TestAdviseGolden(t *testing.T) {
	s, _ := spec.DefaultSpec("1k")
	w, _ := capacity.TierWorkload("1k")
	w = capacity.ScaleWorkload(w, 30000)
	o := capacity.Options{Prices: capacity.TestPrices(t)}
	ls, err := capacity.LayerLimits(s, w, o)
	if err != nil {
		t.Fatal(err)
	}
	fs := capacity.Advise(s, w, o, capacity.Input{Limits: ls, Next: capacity.NextStep{Action: capacity.NextAction(s, w, ls, o)}})
	render(t, "advise_1k_at_30k.txt", func(b *bytes.Buffer) error { return output.FindingsText(b, fs, output.DefaultWidth) })
}
