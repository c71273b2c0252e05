package report

import (
	"fmt"
	"regexp"
	"strconv"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/tiercost/tiercost/costmodel/pricing"
)

// TestTierChartLegendInside: 14 components take the legend from y 38 to
// 38 + 14 × 19 = 304; its notes follow from y 320, 14 px apart, and with
// the band's three notes they end past the 350 px plot. The picture grows
// to hold them: every text's baseline is inside the viewBox.
func TestTierChartLegendInside(t *testing.T) {
	var rs []pricing.ResourceCost
	for i := range 14 {
		rs = append(rs, pricing.ResourceCost{Name: fmt.Sprintf("r%d", i), Type: "aws:ec2/eip:Eip", Status: pricing.StatusPriced,
			URN:         fmt.Sprintf("urn:pulumi:prod::tc::pulumi:pulumi:Stack$tc:index:Part%c$aws:ec2/eip:Eip::r%d", 'A'+i, i),
			MonthlyCost: decimal.NewFromInt(int64(10 + i))})
	}
	b := pricing.Breakdown{Resources: rs, TotalMonthlyCost: decimal.NewFromInt(231)} // 10 + ... + 23
	tiers := Summarize([]TierInput{{Name: "prod", Users: 100000, Breakdown: b}})
	tiers[0].Band = &Band{P10: decimal.NewFromInt(200), P50: decimal.NewFromInt(231), P90: decimal.NewFromInt(300), Samples: 265}
	svg := TierChart(Data{Tiers: tiers})
	vb := regexp.MustCompile(`viewBox="0 0 [0-9.]+ ([0-9.]+)"`).FindStringSubmatch(svg)
	if vb == nil {
		t.Fatalf("no viewBox in %s", svg)
	}
	height, _ := strconv.ParseFloat(vb[1], 64)
	for _, m := range regexp.MustCompile(`<text x="[0-9.]+" y="([0-9.]+)"`).FindAllStringSubmatch(svg, -1) {
		if y, _ := strconv.ParseFloat(m[1], 64); y > height {
			t.Errorf("a text at y %v is below the %v px picture", y, height)
		}
	}
}
