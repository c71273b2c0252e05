package output

import (
	"bytes"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/tiercost/tiercost/costmodel/capacity"
)

// TestForecastTableLayerSteps: a resized layer is named in the STEP column
// and, with what it changed from and to, under the table; a month with two
// changes lists one per line. With no budget there is no BUDGET column.
func TestForecastTableLayerSteps(t *testing.T) {
	d := decimal.RequireFromString
	f := capacity.ForecastResult{
		Months: []capacity.ForecastMonth{
			{Month: 1, Users: 1000, Tier: "1k", MonthlyCost: d("100"), Cumulative: d("100")},
			{Month: 2, Users: 1100, Tier: "1k", MonthlyCost: d("150.5"), Cumulative: d("250.5")},
			{Month: 3, Users: 1210, Tier: "1k", MonthlyCost: d("240"), Cumulative: d("490.5")},
		},
		Transitions: []capacity.Transition{
			{Layer: "compute", Month: 2, From: "2 instances x t4g.small", To: "3 instances x t4g.small", Users: 1100},
			{Layer: "database", Month: 3, From: "db.t4g.micro", To: "db.t4g.small", Users: 1210},
			{Layer: "cache", Month: 3, From: "1 shard x cache.t4g.micro", To: "1 shard x cache.t4g.small", Users: 1210},
		},
		Total: d("490.5"),
	}
	var b bytes.Buffer
	if err := ForecastTable(&b, f, DefaultWidth); err != nil {
		t.Fatal(err)
	}
	// 150.5 − 100 = 50.50; 240 − 150.5 = 89.50. At 100 columns the
	// steps' heading (109 wide) breaks before "catalog", and month 2's
	// line (102 with its indent) before its last "t4g.small".
	want := `MONTH  USERS  TIER  MONTHLY  CUMULATIVE  STEP
    1  1,000    1k  $100.00     $100.00
    2  1,100    1k  $150.50     $250.50  compute resized
    3  1,210    1k  $240.00     $490.50  database resized, cache resized

Steps (between them, cost follows users through the usage-based line items; prices stay as the
  catalog says):
  month 2, 1,100 users: +$50.50 on month 1: compute 2 instances x t4g.small -> 3 instances x
    t4g.small
  month 3, 1,210 users: +$89.50 on month 2:
    database db.t4g.micro -> db.t4g.small
    cache 1 shard x cache.t4g.micro -> 1 shard x cache.t4g.small
total over 3 months: $490.50
`
	if b.String() != want {
		t.Errorf("got:\n%s\nwant:\n%s", b.String(), want)
	}
}
