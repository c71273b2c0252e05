package report

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tiercost/tiercost/costmodel/golden"
	"github.com/tiercost/tiercost/costmodel/output/outputtest"
)

// estimate is the 1k fixtures as a what-if against a $40 budget and a
// $50 baseline: 44.137 / 40 = 110 %, change 44.137 − 50 = −5.863.
func estimate() Estimate {
	budget, baseline, saving := d("40"), d("50"), d("6.5")
	return Estimate{
		Target: "dev", Kind: "environment", Tier: "1k", Users: 1234.6, Region: "us-east-1",
		Breakdown: outputtest.Tier1k(), Budget: &budget, BudgetLevel: "OVER", BaselineTotal: &baseline,
		Settings: []Setting{{Name: "users", Value: "1,235", Baseline: "1,000"}, {Name: "family", Value: "a|b", Baseline: "x86"}},
		Sizing:   []string{"ASG 1–2 × t4g.small"},
		Findings: []EstimateFinding{
			{Title: "Use Graviton", Kind: "advisor", Detail: "About 20 % less.", Source: "advisor: graviton", Saving: &saving},
			{Title: "Review", Kind: "rightsize", Detail: "Not known."},
		},
	}
}

func TestEstimateMarkdown(t *testing.T) {
	var buf bytes.Buffer
	if err := EstimateMarkdown(&buf, estimate()); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{
		"| Users | 1,235 |", // 1,234.6 rounds to a whole user
		"| Monthly total | ≥ $44.14, 2 items not priced |", // 44.137, without the RDS storage line and the WAF
		"| Budget | $40.00 (OVER, 110 %) |",                // 44.137 / 40 = 110.3 %
		"| Baseline total | $50.00 (change -$5.86) |",      // 44.137 − 50
		"| Not priced | 2 (not in the totals, which are lower bounds) |",
		"| family | a\\|b | x86 |",                                                                  // a pipe cannot end the cell
		"| root_block_device | Storage (general purpose SSD, gp3) | 20 GB | $0.08 | $1.60 | spec |", // the subresource's line
		"| network | tc-vpc | (free) | | | | |",
		"not found | not priced | spec |",
		"- **Use Graviton** (advisor, saves $6.50/mo): About 20 % less. Source: advisor: graviton.\n",
		"- **Review** (rightsize, saving not known): Not known.\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("estimate lacks %q:\n%s", want, out)
		}
	}
	golden.Assert(t, filepath.Join("testdata", "estimate.md"), buf.Bytes())

	// No budget, no baseline: "none set" and no change row.
	e := estimate()
	e.Budget, e.BaselineTotal = nil, nil
	buf.Reset()
	if err := EstimateMarkdown(&buf, e); err != nil {
		t.Fatal(err)
	}
	if out := buf.String(); !strings.Contains(out, "| Budget | none set |") || strings.Contains(out, "Baseline total") {
		t.Errorf("without budget and baseline:\n%s", out)
	}
}
