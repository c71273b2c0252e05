package engine

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/tiercost/tiercost/cmd/tiercost/internal/scenario"
	"github.com/tiercost/tiercost/costmodel/uncertainty"
)

// TestBandMemoMatchesEstimate is the property test of the band's
// shortcut: every scenario a band prices through its pricing memo
// (bandRequest) has the breakdown, line for line and to the last digit,
// that Estimate gives the same scenario without one. The scenarios are
// the bands' own designs (Latin hypercubes over each source's ranges)
// for every environment and tier, and for other regions, purchase
// options, the free tier and a duty cycle: 1,080 scenarios.
func TestBandMemoMatchesEstimate(t *testing.T) {
	const perSource = 90
	sources := []struct {
		src     Source
		overlay scenario.Overlay
	}{
		{Source{Environment: "dev"}, nil},
		{Source{Environment: "staging"}, nil},
		{Source{Environment: "prod"}, nil},
		{Source{Tier: "1k"}, nil},
		{Source{Tier: "10k"}, nil},
		{Source{Tier: "100k"}, nil},
		{Source{Tier: "1m"}, nil},
		{Source{Environment: "prod"}, scenario.Overlay{"region": "eu-west-1", "purchase": "reserved-1yr-no-upfront"}},
		{Source{Environment: "staging"}, scenario.Overlay{"free_tier": "true", "savings_plan_coverage": "50"}},
		{Source{Tier: "100k"}, scenario.Overlay{"monthly_hours": "500", "users": "400000"}},
		{Source{Tier: "10k"}, scenario.Overlay{"region": "ap-southeast-2", "family": "x86"}},
		{Source{Environment: "prod"}, scenario.Overlay{"users": "2500000", "db_replicas": "3"}},
	}
	total := 0
	for i, s := range sources {
		req := Request{Source: s.src, Overlay: s.overlay}
		base, err := Estimate(req)
		if err != nil {
			t.Fatalf("%v %v: %v", s.src, s.overlay, err)
		}
		rs, err := Ranges(base, nil)
		if err != nil {
			t.Fatal(err)
		}
		band := bandRequest(req)
		for j, v := range uncertainty.Design(rs, perSource, uint64(i+1)) {
			name := fmt.Sprintf("%v %v scenario %d", s.src, s.overlay, j)
			withMemo, err1 := Estimate(ScenarioRequest(band, v))
			plain, err2 := Estimate(ScenarioRequest(req, v))
			if fmt.Sprint(err1) != fmt.Sprint(err2) {
				t.Fatalf("%s: errors differ: %v / %v", name, err1, err2)
			}
			if err1 != nil {
				continue
			}
			total++
			got, _ := json.Marshal(withMemo.Breakdown)
			want, _ := json.Marshal(plain.Breakdown)
			if string(got) != string(want) {
				t.Fatalf("%s: the memo's breakdown differs from Estimate's:\n%s\n%s", name, got, want)
			}
			if withMemo.Breakdown.TotalMonthlyCost.String() != plain.Breakdown.TotalMonthlyCost.String() {
				t.Fatalf("%s: total %s, Estimate %s", name, withMemo.Breakdown.TotalMonthlyCost, plain.Breakdown.TotalMonthlyCost)
			}
		}
		// The memo must be doing the work, or this compares nothing.
		answered, priced := band.memo.Counts()
		if s.overlay["free_tier"] == "" && answered < 2*priced {
			t.Errorf("%v %v: the memo answered %d records and priced %d; want most answered", s.src, s.overlay, answered, priced)
		}
		t.Logf("%v %v: memo answered %d, priced %d", s.src, s.overlay, answered, priced)
	}
	if total < 1000 {
		t.Errorf("%d scenarios compared, want at least 1,000", total)
	}
	t.Logf("%d scenarios, breakdowns identical", total)
}

// TestMemoStaysUsefulOverASession: a TUI session prices band after band,
// each at other users, and every band's storage differs in every sample;
// the program templates' fill cache fills up after a thousand or so
// samples. The memo must answer as many records in the session's last
// band as in its first: most of a scenario's records are unchanged.
func TestMemoStaysUsefulOverASession(t *testing.T) {
	if testing.Short() {
		t.Skip("prices 1,536 scenarios; CI runs it")
	}
	const bands, perBand = 24, 64
	var first, last [2]int64
	for i := 0; i < bands; i++ {
		req := AtUsers(Request{Source: Source{Environment: "prod"}}, float64(150_000+i*1_009))
		base, err := Estimate(req)
		if err != nil {
			t.Fatal(err)
		}
		rs, err := Ranges(base, nil)
		if err != nil {
			t.Fatal(err)
		}
		band := bandRequest(req)
		for _, v := range uncertainty.Design(rs, perBand, uint64(i+1)) {
			if _, err := Estimate(ScenarioRequest(band, v)); err != nil {
				t.Fatal(err)
			}
		}
		answered, priced := band.memo.Counts()
		if i == 0 {
			first = [2]int64{answered, priced}
		}
		last = [2]int64{answered, priced}
	}
	t.Logf("first band: memo answered %d, priced %d; last band: answered %d, priced %d", first[0], first[1], last[0], last[1])
	// The bands differ in users, so their shares differ a little; a memo
	// that lost track of the templates' maps would answer next to none.
	if 10*last[0]*first[1] < 9*first[0]*last[1] {
		t.Errorf("the session's last band: memo answered %d records per %d priced, its first %d per %d; want at least 90 %% of the first's share",
			last[0], last[1], first[0], first[1])
	}
}
