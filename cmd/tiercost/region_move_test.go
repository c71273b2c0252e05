package main

import (
	"encoding/json"
	"path/filepath"
	"testing"
)

// TestDiffRegionMove: the same stack before and after euweb (m6i.large)
// moves from the us-east-1 provider to the eu-west-1 one shows a change:
// before 730 × 0.096 + 8 GB gp2 × 0.10 = 70.88, after 730 × 0.107 + 8 ×
// 0.11 = 78.99 (reference CSVs), so +8.11; nothing else changes.
func TestDiffRegionMove(t *testing.T) {
	c := realCLI(t)
	before, _ := filepath.Abs(filepath.Join("testdata", "region_move_before.json"))
	after, _ := filepath.Abs(filepath.Join("testdata", "region_move_after.json"))
	r := c.run("diff", "export:"+before, "export:"+after, "--format", "json")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	var root struct {
		DiffTotalMonthlyCost string
		Projects             []struct {
			Diff struct {
				Resources []struct{ Name, MonthlyCost string }
			}
		}
	}
	if err := json.Unmarshal([]byte(r.stdout), &root); err != nil {
		t.Fatal(err)
	}
	if root.DiffTotalMonthlyCost != "8.11" {
		t.Errorf("diff total %q, want 8.11\n%s", root.DiffTotalMonthlyCost, r.stdout)
	}
	if len(root.Projects) != 1 || len(root.Projects[0].Diff.Resources) != 1 || root.Projects[0].Diff.Resources[0].Name != "euweb" {
		t.Errorf("changed resources: %+v, want euweb alone", root.Projects)
	}
}
