package report

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/tiercost/tiercost/costmodel/golden"
	"github.com/tiercost/tiercost/costmodel/output/outputtest"
)

func d(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// sample is a two-tier report over the hand-priced fixtures, with a budget
// of $150: the 10k tier's $179.605 is over it by $29.605.
func sample() Data {
	tiers := Summarize([]TierInput{
		{Name: "1k", Users: 1000, Breakdown: outputtest.Tier1k()},
		{Name: "10k", Users: 10000, Breakdown: outputtest.Tier10k()},
	})
	b := CheckBudget(d("150"), tiers[1].Total(), "10k")
	return Data{
		Title:       "tiercost budget review",
		Generated:   time.Date(2026, 11, 27, 8, 0, 0, 0, time.UTC),
		CatalogAsOf: "2026-08-27",
		Region:      "us-east-1",
		Assumptions: []Assumption{
			{Name: "Requests per user per day", Value: "40", Note: "capacity default"},
			{Name: "Peak to average", Value: "3", Note: "env prod | override"},
		},
		Tiers:  tiers,
		Budget: &b,
		Rightsizing: []RightsizeRow{
			// Rows arrive phrased by the advisor; the renderer only formats the saving.
			{Resource: "tc-cache", Current: "cache.r6g.large", Recommended: "cache.t4g.medium", Finding: "over-provisioned", Saving: d("95.776")},
		},
		Findings: []Finding{
			{Rule: "single-nat", Severity: "warning", Title: "One NAT gateway for all AZs", Detail: "an AZ outage cuts egress <for> every AZ", Source: "AWS Well-Architected REL10"},
		},
		NotModeled: NotModeled(),
	}
}

// docs/not-modeled.md lists every item the reports show, word for word.
func TestNotModeledDocumented(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join("..", "..", "docs", "not-modeled.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range NotModeled() {
		if !strings.Contains(string(doc), "- "+s+"\n") {
			t.Errorf("docs/not-modeled.md lacks the item %q", s)
		}
	}
}

func TestSummarize(t *testing.T) {
	tiers := sample().Tiers
	for _, tc := range []struct {
		i                  int
		perUser, fixed, us string
		delta              string // "" = none
	}{
		{0, "0.044137", "41.969", "2.168", ""},          // 44.137 / 1000
		{1, "0.0179605", "178.437", "1.168", "135.468"}, // 179.605 / 10000; 179.605 − 44.137
	} {
		s := tiers[tc.i]
		if !s.CostPerUser.Equal(d(tc.perUser)) || !s.Fixed.Equal(d(tc.fixed)) || !s.Usage.Equal(d(tc.us)) {
			t.Errorf("tier %s: per user %s fixed %s usage %s, want %s %s %s", s.Name, s.CostPerUser, s.Fixed, s.Usage, tc.perUser, tc.fixed, tc.us)
		}
		if (tc.delta == "") != (s.Delta == nil) || (s.Delta != nil && !s.Delta.Equal(d(tc.delta))) {
			t.Errorf("tier %s: delta %v, want %q", s.Name, s.Delta, tc.delta)
		}
	}
}

func TestCheckBudget(t *testing.T) {
	for _, tc := range []struct {
		limit, total, status, overage string
	}{
		{"150", "179.605", OverBudget, "29.61"},   // billed 179.61 (half-up to cents) − 150
		{"179.605", "179.605", WithinBudget, "0"}, // equal is within
		{"200", "179.605", WithinBudget, "0"},
		{"1666.63", "1666.632", WithinBudget, "0"},  // 1,666.632 is billed as 1,666.63
		{"1666.63", "1666.635", OverBudget, "0.01"}, // billed 1,666.64
	} {
		b := CheckBudget(d(tc.limit), d(tc.total), "10k")
		if b.Status != tc.status || !b.Overage.Equal(d(tc.overage)) {
			t.Errorf("CheckBudget(%s, %s) = %s %s, want %s %s", tc.limit, tc.total, b.Status, b.Overage, tc.status, tc.overage)
		}
	}
}

func TestRenderersGolden(t *testing.T) {
	for _, tc := range []struct {
		golden string
		render func(*bytes.Buffer, Data) error
	}{
		{"report.md", func(b *bytes.Buffer, d Data) error { return Markdown(b, d) }},
		{"report.html", func(b *bytes.Buffer, d Data) error { return HTML(b, d) }},
		{"report.csv", func(b *bytes.Buffer, d Data) error { return CSV(b, d) }},
		{"report.focus.csv", func(b *bytes.Buffer, d Data) error { return FOCUS(b, d) }},
		{"report.json", func(b *bytes.Buffer, d Data) error { return JSON(b, d) }},
	} {
		t.Run(tc.golden, func(t *testing.T) {
			var buf bytes.Buffer
			if err := tc.render(&buf, sample()); err != nil {
				t.Fatal(err)
			}
			golden.Assert(t, filepath.Join("testdata", tc.golden), buf.Bytes())
		})
	}
}

func TestMarkdownFigures(t *testing.T) {
	var buf bytes.Buffer
	if err := Markdown(&buf, sample()); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{
		"| 1k | 1,000 | ≥ $44.14 | $41.97 | $2.17 | ≥ $44.14 | — |",            // per 1k users: 44.137 / 1,000 × 1,000
		"| 10k | 10,000 | ≥ $179.61 | $178.44 | $1.17 | ≥ $17.96 | +$135.47 |", // 179.605 / 10,000 × 1,000 = 17.9605
		"- **Tier 1k: ≥ $44.14, 2 items not priced**",                          // the WAF and the RDS gp3 storage
		"Caution: the total is a lower bound (1 item not priced).",
		"**over budget** by $29.61", // 179.605 − 150
		"tc-db: Storage (general purpose SSD, gp3): price not found",
		`env prod \| override`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("markdown lacks %q:\n%s", want, out)
		}
	}
}

func TestCSVRows(t *testing.T) {
	var buf bytes.Buffer
	if err := CSV(&buf, sample()); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	// 1k: asg 1 + root 1 + alb 2 + db 2 + logs 1 = 7; 10k: 1 + 1 + 2 + 1 + 2 = 7;
	// plus one row for the unsupported WAF of each tier.
	if len(rows) != 1+14+2 {
		t.Fatalf("got %d rows, want header + 16", len(rows))
	}
	sum := decimal.Zero
	for _, r := range rows[1:] {
		if r[0] != "1k" {
			continue
		}
		// Every 1k row says its tier's total is a lower bound: the WAF and
		// the gp3 storage line are not priced.
		if r[len(r)-3] != "2" || r[len(r)-2] != "true" {
			t.Errorf("1k row %q: items not priced %q, lower bound %q", r[5], r[len(r)-3], r[len(r)-2])
		}
		if r[11] != "priced" {
			if r[8] != "" || r[9] != "" {
				t.Errorf("%s row has price %q cost %q, want empty", r[11], r[8], r[9])
			}
			continue
		}
		sum = sum.Add(d(r[9]))
	}
	// The 1k line items add up to the tier total, 44.137.
	if !sum.Equal(d("44.137")) {
		t.Errorf("1k line items sum to %s, want 44.137", sum)
	}
}

func TestFOCUSColumns(t *testing.T) {
	var buf bytes.Buffer
	if err := FOCUS(&buf, sample()); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	for _, want := range []string{"BilledCost", "EffectiveCost", "ListCost", "ListUnitPrice", "ContractedCost",
		"PricingQuantity", "PricingUnit", "ConsumedQuantity", "ConsumedUnit", "ServiceName", "ServiceCategory",
		"ResourceId", "ResourceName", "ResourceType", "RegionId", "ChargePeriodStart", "ChargePeriodEnd",
		"BillingPeriodStart", "BillingPeriodEnd", "ChargeCategory", "ChargeDescription", "BillingCurrency",
		"ProviderName", "PublisherName", "InvoiceIssuerName", "SkuId"} {
		if _, ok := col[want]; !ok {
			t.Errorf("FOCUS header lacks %s", want)
		}
	}
	first := rows[1] // 1k ASG instance hours: 730 × 0.0168 = 12.264
	for k, want := range map[string]string{
		"BilledCost": "12.264", "ListUnitPrice": "0.0168", "PricingQuantity": "730",
		"ServiceName": "Amazon Elastic Compute Cloud", "ServiceCategory": "Compute",
		"ChargePeriodStart": "2026-11-01T00:00:00Z", "ChargePeriodEnd": "2026-12-01T00:00:00Z",
		"ChargeCategory": "Usage", "BillingCurrency": "USD", "ProviderName": "AWS", "RegionId": "us-east-1",
		"RegionName": "US East (N. Virginia)",
	} {
		if got := first[col[k]]; got != want {
			t.Errorf("%s = %q, want %q", k, got, want)
		}
	}
}

func TestMonthBoundsYearEnd(t *testing.T) {
	s, e := monthBounds(time.Date(2026, 12, 31, 23, 0, 0, 0, time.UTC))
	if s != "2026-12-01T00:00:00Z" || e != "2027-01-01T00:00:00Z" {
		t.Errorf("monthBounds = %s, %s", s, e)
	}
}

func TestHTMLSelfContained(t *testing.T) {
	var buf bytes.Buffer
	if err := HTML(&buf, sample()); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, bad := range []string{"<script", "http://", "https://", "<link", "@import", "src="} {
		if bad == "http://" {
			// The SVG namespace is an identifier, not a fetch.
			out = strings.ReplaceAll(out, `xmlns="http://www.w3.org/2000/svg"`, "")
		}
		if strings.Contains(out, bad) {
			t.Errorf("HTML contains %q; it must not load anything", bad)
		}
	}
	if !strings.Contains(out, "&lt;for&gt;") {
		t.Error("finding detail is not HTML-escaped")
	}
	if !strings.Contains(out, `id="budget-line"`) {
		t.Error("budget line missing")
	}
}

func TestJSONAmountsAreStrings(t *testing.T) {
	var buf bytes.Buffer
	if err := JSON(&buf, sample()); err != nil {
		t.Fatal(err)
	}
	var v struct {
		Tiers []struct {
			CostPerUser string `json:"costPerUser"`
		} `json:"tiers"`
		Budget struct {
			Overage string `json:"overage"`
		} `json:"budget"`
	}
	if err := json.Unmarshal(buf.Bytes(), &v); err != nil {
		t.Fatal(err)
	}
	// 179.605 is billed as 179.61 (half-up to cents); 179.61 − 150 = 29.61.
	if v.Tiers[0].CostPerUser != "0.044137" || v.Budget.Overage != "29.61" {
		t.Errorf("costPerUser %q overage %q, want 0.044137 and 29.61", v.Tiers[0].CostPerUser, v.Budget.Overage)
	}
}

func TestNiceMax(t *testing.T) {
	for _, tc := range []struct{ in, want float64 }{{0, 1}, {1, 1}, {1.2, 2}, {180, 200}, {210, 250}, {3001, 5000}, {7000, 10000}} {
		if got := niceMax(tc.in); got != tc.want {
			t.Errorf("niceMax(%v) = %v, want %v", tc.in, got, tc.want)
		}
	}
}
