package tuiengine

import (
	"testing"

	"github.com/tiercost/tiercost/cmd/tiercost/internal/engine"
	"github.com/tiercost/tiercost/cmd/tiercost/internal/scenario"
	"github.com/tiercost/tiercost/cmd/tiercost/internal/tui"
)

// The TUI shows bands when its engine samples.
var _ tui.BandEngine = (*Engine)(nil)

// TestTUIBandIsTheCLIBand: the band the TUI's header shows for a what-if
// is the band `tiercost bands --env prod --set users=120000` prints: the
// same request through engine.Estimator.Bands.
func TestTUIBandIsTheCLIBand(t *testing.T) {
	if testing.Short() {
		t.Skip("prices 2 × 291 estimates")
	}
	o := scenario.Overlay{"users": "120000"}
	got, err := New(engine.Request{}).Bands(tui.Scenario{Target: "prod", Overlay: o})
	if err != nil {
		t.Fatal(err)
	}
	req := engine.Request{Source: engine.Source{Environment: "prod"}, Overlay: o}
	base, err := engine.Estimate(req)
	if err != nil {
		t.Fatal(err)
	}
	want, err := engine.Estimator(engine.Estimate).Bands(req, base, engine.BandOptions{Tornado: true})
	if err != nil {
		t.Fatal(err)
	}
	if !got.P10.Equal(want.Band.Total.P10) || !got.P50.Equal(want.Band.Total.P50) || !got.P90.Equal(want.Band.Total.P90) {
		t.Errorf("TUI %s %s %s, CLI %s %s %s", got.P10, got.P50, got.P90, want.Band.Total.P10, want.Band.Total.P50, want.Band.Total.P90)
	}
	if len(got.Tornado) != len(want.Tornado) || got.Tornado[0].Label != want.Tornado[0].Label {
		t.Errorf("tornado %d rows (first %q), CLI %d", len(got.Tornado), got.Tornado[0].Label, len(want.Tornado))
	}
}
