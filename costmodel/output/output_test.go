package output

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/tiercost/tiercost/costmodel/golden"
	"github.com/tiercost/tiercost/costmodel/output/outputtest"
	"github.com/tiercost/tiercost/costmodel/pricing"
)

func d(s string) decimal.Decimal { return decimal.RequireFromString(s) }

var generated = time.Date(2026, 11, 27, 8, 0, 0, 0, time.UTC)

func TestTableGolden(t *testing.T) {
	for _, tc := range []struct {
		golden string
		b      pricing.Breakdown
		opts   TableOptions
	}{
		{"table_1k.golden", outputtest.Tier1k(), TableOptions{Width: DefaultWidth}},
		{"table_1k_provenance.golden", outputtest.Tier1k(), TableOptions{ShowProvenance: true, Width: DefaultWidth}},
		{"table_1k_wide_free.golden", outputtest.Tier1k(), TableOptions{ShowProvenance: true, ShowFree: true}},
		{"table_10k.golden", outputtest.Tier10k(), TableOptions{Width: DefaultWidth}},
	} {
		t.Run(tc.golden, func(t *testing.T) {
			var buf bytes.Buffer
			if err := Table(&buf, tc.b, tc.opts); err != nil {
				t.Fatal(err)
			}
			golden.Assert(t, filepath.Join("testdata", tc.golden), buf.Bytes())
		})
	}
}

func TestTableShowsMissingPriceNotZero(t *testing.T) {
	var buf bytes.Buffer
	if err := Table(&buf, outputtest.Tier1k(), TableOptions{}); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{
		"$44.14",          // 44.137 rounded half-up
		"$41.97",          // fixed 41.969
		"$2.17",           // usage 2.168
		"$12.26",          // 730 × 0.0168 = 12.264
		"price not found", // RDS storage line
		"unsupported type aws:wafv2/webAcl:WebAcl (1)",
		"Free resources: 2",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q:\n%s", want, out)
		}
	}
}

func TestInfracostJSON(t *testing.T) {
	got, err := InfracostJSON([]Project{
		{Path: "tier:1k", Type: TypeProgram, Breakdown: outputtest.Tier1k()},
		{Path: "tier:10k", Type: TypeProgram, Breakdown: outputtest.Tier10k()},
	}, generated)
	if err != nil {
		t.Fatal(err)
	}
	golden.Assert(t, filepath.Join("testdata", "infracost.json"), got)

	var root map[string]any
	if err := json.Unmarshal(got, &root); err != nil {
		t.Fatal(err)
	}
	// 44.137 + 179.605 = 223.742
	if root["totalMonthlyCost"] != "223.742" {
		t.Errorf("totalMonthlyCost = %v, want 223.742", root["totalMonthlyCost"])
	}
	// usage 2.168 + 1.168 = 3.336
	if root["totalMonthlyUsageCost"] != "3.336" {
		t.Errorf("totalMonthlyUsageCost = %v, want 3.336", root["totalMonthlyUsageCost"])
	}
	for _, k := range []string{"version", "currency", "projects", "totalHourlyCost", "pastTotalHourlyCost",
		"pastTotalMonthlyCost", "diffTotalHourlyCost", "diffTotalMonthlyCost", "timeGenerated", "summary"} {
		if _, ok := root[k]; !ok {
			t.Errorf("top level lacks required field %q", k)
		}
	}
	sum := root["summary"].(map[string]any)
	// 1k: 4 priced + 2 free + 1 unsupported; 10k: 4 + 2 + 1.
	for k, want := range map[string]float64{
		"totalDetectedResources": 14, "totalSupportedResources": 8, "totalNoPriceResources": 4,
		"totalUnsupportedResources": 2, "totalUsageBasedResources": 3, // ALB ×2 + logs
	} {
		if sum[k] != want {
			t.Errorf("summary.%s = %v, want %v", k, sum[k], want)
		}
	}
	p0 := root["projects"].([]any)[0].(map[string]any)
	bd := p0["breakdown"].(map[string]any)
	// 44.137 / 730 = 0.06046164383561643835… rounded to 10 places.
	if bd["totalHourlyCost"] != "0.0604616438" {
		t.Errorf("totalHourlyCost = %v, want 0.0604616438", bd["totalHourlyCost"])
	}
	for _, r := range bd["resources"].([]any) {
		rm := r.(map[string]any)
		if rm["name"] != "tc-db" {
			continue
		}
		cc := rm["costComponents"].([]any)[1].(map[string]any)
		if cc["price"] != nil || cc["monthlyCost"] != nil || cc["priceNotFound"] != true {
			t.Errorf("missing price rendered as %v, want null price and cost with priceNotFound", cc)
		}
	}
}

func TestInfracostJSONRejectsEmptyType(t *testing.T) {
	_, err := InfracostJSON([]Project{{Breakdown: outputtest.Tier1k()}}, generated)
	if err == nil || !strings.Contains(err.Error(), "allowed") {
		t.Fatalf("err = %v, want an error naming the allowed types", err)
	}
}

func TestReadInfracostJSONRoundTrip(t *testing.T) {
	want := outputtest.Tier1k()
	data, err := InfracostJSON([]Project{{Path: "tier:1k", Type: TypeProgram, Breakdown: want}}, generated)
	if err != nil {
		t.Fatal(err)
	}
	got, err := ReadInfracostJSON("saved.json", data)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 {
		t.Fatalf("got %d projects, want 1", len(got))
	}
	b := got[0]
	if !b.TotalMonthlyCost.Equal(d("44.137")) || !b.UsageMonthlyCost.Equal(d("2.168")) || !b.FixedMonthlyCost.Equal(d("41.969")) {
		t.Errorf("totals = %s/%s/%s, want 44.137/41.969/2.168", b.TotalMonthlyCost, b.FixedMonthlyCost, b.UsageMonthlyCost)
	}
	if b.MissingPrices != 1 {
		t.Errorf("MissingPrices = %d, want 1", b.MissingPrices)
	}
	// A saved file diffed against its source has no changes.
	diff := Diff(Tier1kPricedOnly(), b)
	if len(diff.Resources) != 0 || !diff.DeltaMonthly.IsZero() {
		t.Errorf("round trip diff = %+v, want none", diff.Resources)
	}
}

// Tier1kPricedOnly is Tier1k without free and unsupported resources, which
// the Infracost schema only counts.
func Tier1kPricedOnly() pricing.Breakdown {
	b := outputtest.Tier1k()
	var rs []pricing.ResourceCost
	for _, r := range b.Resources {
		if r.Status == pricing.StatusPriced {
			rs = append(rs, r)
		}
	}
	b.Resources = rs
	return b
}

func TestReadInfracostJSONErrors(t *testing.T) {
	for _, tc := range []struct{ name, data, want string }{
		{"not json", "{", "saved.json: line 1, column 2: unexpected end of JSON input; allowed: a breakdown JSON file"},
		{"duplicate name", `{"version":"0.2","version":"0.3","projects":[]}`, "saved.json: line 1, column 18: version: given twice; allowed: each name once in an object"},
		{"1e308 amount", `{"version":"0.2","projects":[{"name":"x","breakdown":{"resources":[],"totalMonthlyCost":"1e308"}}]}`,
			"projects[0].breakdown.totalMonthlyCost: \"1e308\" is above the bound; allowed: -10^15 to 10^15"},
		{"BOM accepted", "\xef\xbb\xbf" + `{"version":"0.2","currency":"USD","projects":[]}`, "saved.json: projects: empty"},
		{"secret not echoed", `{"version":"0.2","currency":"AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG"}`, "currency: (a value that looks like a secret, not shown); allowed: USD"},
		{"no version", `{"projects":[]}`, "saved.json: version: missing"},
		{"other currency", `{"version":"0.2","currency":"EUR","projects":[]}`, "currency: \"EUR\"; allowed: USD"},
		{"no projects", `{"version":"0.2","currency":"USD","projects":[]}`, "projects: empty"},
		{"bad amount", `{"version":"0.2","projects":[{"name":"x","breakdown":{"resources":[],"totalMonthlyCost":"abc"}}]}`,
			"projects[0].breakdown.totalMonthlyCost: \"abc\" is not a decimal number"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := ReadInfracostJSON("saved.json", []byte(tc.data))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want it to contain %q", err, tc.want)
			}
		})
	}
}

func FuzzReadInfracostJSON(f *testing.F) {
	seed, _ := InfracostJSON([]Project{{Path: "tier:1k", Type: TypeProgram, Breakdown: outputtest.Tier1k()}}, generated)
	f.Add(seed)
	f.Add([]byte(`{"version":"0.2","projects":[{"breakdown":{"resources":[{"costComponents":[{"price":"1"}]}]}}]}`))
	f.Add([]byte(`{}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		bs, err := ReadInfracostJSON("fuzz.json", data)
		if err != nil {
			return
		}
		// Whatever parses must render again.
		for _, b := range bs {
			if err := Table(&bytes.Buffer{}, b, TableOptions{ShowProvenance: true}); err != nil {
				t.Fatal(err)
			}
		}
	})
}

func TestDiff(t *testing.T) {
	got := Diff(outputtest.Tier1k(), outputtest.Tier10k())
	// 179.605 − 44.137 = 135.468
	if !got.DeltaMonthly.Equal(d("135.468")) {
		t.Errorf("DeltaMonthly = %s, want 135.468", got.DeltaMonthly)
	}
	// tc-alb did not move; free and unsupported resources are left out.
	if got.Unchanged != 1 {
		t.Errorf("Unchanged = %d, want 1", got.Unchanged)
	}
	type want struct {
		change, name, delta string
		lines               int
	}
	// Largest change first, whichever its sign.
	wants := []want{
		{Added, "tc-cache", "120.304", 1}, // 730 × 0.1648
		{Changed, "tc-asg", "13.864", 2},  // 27.728 − 13.864: instance hours and root volume
		{Changed, "tc-db", "2.3", 1},      // storage priced now: 20 × 0.115
		{Removed, "tc-logs", "-1", 1},     // 2 GB × 0.5
	}
	if len(got.Resources) != len(wants) {
		t.Fatalf("got %d resource diffs, want %d: %+v", len(got.Resources), len(wants), got.Resources)
	}
	sum := decimal.Zero
	for i, w := range wants {
		r := got.Resources[i]
		if r.Change != w.change || r.Name != w.name || !r.Delta.Equal(d(w.delta)) || len(r.Lines) != w.lines {
			t.Errorf("resource %d = %s %s %s (%d lines), want %s %s %s (%d lines)",
				i, r.Change, r.Name, r.Delta, len(r.Lines), w.change, w.name, w.delta, w.lines)
		}
		sum = sum.Add(r.Delta)
	}
	if !sum.Equal(got.DeltaMonthly) {
		t.Errorf("resource deltas sum to %s, total delta is %s", sum, got.DeltaMonthly)
	}
	// The root volume line is keyed by its subresource: 40 GB − 20 GB at 0.08 = +1.6.
	asg := got.Resources[1]
	if asg.Lines[1].Name != "root_block_device / Storage (general purpose SSD, gp3)" || !asg.Lines[1].Delta.Equal(d("1.6")) {
		t.Errorf("root volume line = %+v", asg.Lines[1])
	}
}

func TestDiffGolden(t *testing.T) {
	diff := Diff(outputtest.Tier1k(), outputtest.Tier10k())
	var buf bytes.Buffer
	if err := DiffTable(&buf, diff, DefaultWidth); err != nil {
		t.Fatal(err)
	}
	golden.Assert(t, filepath.Join("testdata", "diff.golden"), buf.Bytes())
	// 135.468 / 44.137 = 3.0692…, so +306.9 %.
	if !strings.Contains(buf.String(), "+$135.47 (+306.9%)") {
		t.Errorf("diff summary lacks +$135.47 (+306.9%%):\n%s", buf.String())
	}
}

func TestComponentLabel(t *testing.T) {
	for _, tc := range []struct {
		name      string
		urn, comp string
		want      string
	}{
		{"nearest parent type and name", "urn:pulumi:dev::tiercost::tiercost:index:Platform$tiercost:index:Compute$aws:autoscaling/group:Group::tc-asg", "tc", "Compute (tc)"},
		{"name equal to the type", "urn:pulumi:dev::p::my:mod:Cache$aws:elasticache/replicationGroup:ReplicationGroup::c", "Cache", "Cache"},
		{"top level", "urn:pulumi:dev::tiercost::aws:cloudwatch/logGroup:LogGroup::logs", "", TopLevel},
		{"no URN, component name", "", "app", "app"},
		{"nothing", "", "", TopLevel},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := ComponentLabel(pricing.ResourceCost{URN: tc.urn, Component: tc.comp}); got != tc.want {
				t.Errorf("ComponentLabel = %q, want %q", got, tc.want)
			}
		})
	}
}
