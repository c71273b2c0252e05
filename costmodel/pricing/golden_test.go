package pricing

import (
	"encoding/json"
	"path/filepath"
	"testing"

	"github.com/tiercost/tiercost/costmodel/golden"
)

// TestBreakdownGolden pins the whole JSON shape of the sample stack's
// breakdown, which outputs and the TUI read. The figures in it are checked
// by hand in TestBreakdownTotals; this guards everything else (names,
// units, sources, notes, order). Rewrite with: go test -run Golden -update
func TestBreakdownGolden(t *testing.T) {
	u := usageOf(map[string]map[string]string{"tc-nat": {"monthly_data_processed_gb": "100"}})
	b, err := Price(sampleStack(), Options{Project: "tc", Region: "us-east-1", Catalog: testCatalog(), Usage: u})
	if err != nil {
		t.Fatal(err)
	}
	got, err := json.MarshalIndent(b, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	golden.Assert(t, filepath.Join("testdata", "sample_breakdown.golden.json"), got)
}
