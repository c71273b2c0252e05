package pricing

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "update golden files")

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
	path := filepath.Join("testdata", "sample_breakdown.golden.json")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("breakdown JSON differs from %s; run with -update if the change is intended\n got:\n%s", path, got)
	}
}
