package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/tiercost/tiercost/costmodel/pricing"
)

// TestCommentLowerBounds: After has one line with a quantity and no price
// (not in its $10.00 total) and one with neither (it costs nothing): the
// comment's totals carry "≥", its Not priced list counts 1, as every other
// output does, and it says the change leaves the unpriced line out.
func TestCommentLowerBounds(t *testing.T) {
	before := pricing.Breakdown{TotalMonthlyCost: decimal.NewFromInt(8), Resources: []pricing.ResourceCost{
		{Name: "web", Type: "aws:ec2/instance:Instance", Status: pricing.StatusPriced, MonthlyCost: decimal.NewFromInt(8),
			Components: []pricing.CostComponent{{Name: "Instance", MonthlyQuantity: decimal.NewFromInt(730), PriceFound: true, MonthlyCost: decimal.NewFromInt(8)}}},
	}}
	after := pricing.Breakdown{TotalMonthlyCost: decimal.NewFromInt(10), Resources: []pricing.ResourceCost{
		{Name: "web", Type: "aws:ec2/instance:Instance", Status: pricing.StatusPriced, MonthlyCost: decimal.NewFromInt(10),
			Components: []pricing.CostComponent{
				{Name: "Instance", MonthlyQuantity: decimal.NewFromInt(730), PriceFound: true, MonthlyCost: decimal.NewFromInt(10)},
				{Name: "Storage", MonthlyQuantity: decimal.NewFromInt(20)},
				{Name: "Snapshots"},
			}},
	}}
	before.Recount()
	after.Recount()
	var buf bytes.Buffer
	if err := CommentMarkdown(&buf, Comment{BeforeName: "main", AfterName: "pr", Before: before, After: after}, FlavorMarkdown); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{
		"| Before: main | $8.00 |",
		"| After: pr | ≥ $10.00, 1 item not priced |",
		"The change leaves out what is not priced on either side.",
		"### Not priced (1)",
		"- `web`: Storage",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("comment lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "Snapshots") {
		t.Errorf("a line without quantity is listed as not priced:\n%s", out)
	}
}
