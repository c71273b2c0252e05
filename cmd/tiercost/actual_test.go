package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/tiercost/tiercost/cmd/tiercost/internal/engine"
	"github.com/tiercost/tiercost/costmodel/actual"
	"github.com/tiercost/tiercost/costmodel/golden"
	"github.com/tiercost/tiercost/costmodel/inputfile"
)

// billFixture copies testdata/bills/NAME into the CLI's working folder, so
// that outputs name it by a path that does not depend on the machine.
func billFixture(t *testing.T, c *cli, name string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "testdata", "bills", name))
	if err != nil {
		t.Fatal(err)
	}
	c.write(name, string(data))
	return name
}

// TestActualByHand: testdata/bills/focus-2024-09.csv is a hand-written
// FOCUS 1.0 bill for the resources of testdata/stacks/export.json (IDs and
// ARNs from that export) for September 2024 (720 hours). The plan is the
// export priced with usage.yml: testdata/stacks/EXPECTED.md works it out
// by hand (730 hours a month). Every figure below is worked out by hand
// from the bill's lines and EXPECTED.md; the golden files hold the three
// formats.
func TestActualByHand(t *testing.T) {
	c := newCLI(t)
	c.opts.Estimate = engine.Estimate
	bill := billFixture(t, c, "focus-2024-09.csv")
	export, usage := stackFixture(t, "export.json"), stackFixture(t, "usage.yml")
	goldenDir, err := filepath.Abs("testdata")
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(c.opts.WorkDir)
	args := []string{"actual", "--bill", bill, "--stack-export", export, "--usage", usage, "-q"}
	r := c.run(append(args, "--format", "json")...)
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	var rep actual.Report
	if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
		t.Fatal(err)
	}
	type want struct {
		planned, effective, difference string
		causes                         []string // kind and amount, exact
	}
	wants := map[string]want{
		// Unplanned, tagged Environment=prod, Component=web: 720 h × 0.0832 = 59.904.
		"web-debug": {"0", "59.904", "59.904", []string{"not in plan 59.904"}},
		// Launched by the group (aws:autoscaling:groupName): 3 × 720 h × 0.0816
		// = 176.256 against 2,190 h × 0.0816 = 178.704; (2,160 − 2,190) × 0.0816 = −2.448.
		"web-asg": {"178.704", "176.256", "-2.448", []string{"month -2.448"}},
		// 720 × 0.0225 = 16.20, 1,800 LCU-h × 0.008 = 14.40, 1,440 h × 0.005 = 7.20:
		// 37.80 against 38.325. Causes: (1,800 − 1,825) × 0.008 = −0.20 (LCU-hours
		// follow the month too), (1,440 − 1,460) × 0.005 = −0.10, (720 − 730) × 0.0225 = −0.225.
		"web-alb": {"38.325", "37.8", "-0.525", []string{"month -0.2", "month -0.1", "month -0.225"}},
		// 720 × 0.0416 = 29.952 + the root volume, billed under its own ID and
		// tagged PulumiName=web-worker: 50 × 0.08 + 1,000 × 0.005 + 125 × 0.04 =
		// 14 → 43.952 against 44.368; (720 − 730) × 0.0416 = −0.416.
		"web-worker": {"44.368", "43.952", "-0.416", []string{"month -0.416"}},
		"web-assets": {"14.5", "14.5", "0", nil},
		// Every CloudFront line as planned: 1,295.695.
		"web-cdn": {"1295.695", "1295.695", "0", nil},
		// Billed on web-worker's instance, but data transfer is a shared charge
		// (the plan prices it per region; this plan has none): 500 GB × 0.09 = 45.
		"data transfer (shared)": {"0", "45", "45", []string{"not in plan 45"}},
		// The discount: 720 h at 0.2862 (list 0.318) = 206.064, + 115 + 120 + 19 =
		// 460.064 against 486.14. Month: (720 − 730) × 0.318 = −3.18; price:
		// 720 × (0.2862 − 0.318) = −22.896; −3.18 − 22.896 = −26.076.
		"db-primary": {"486.14", "460.064", "-26.076", []string{"month -3.18", "price -22.896"}},
		// 4 member clusters × 720 × 0.206 = 593.28 + 20 × 0.085 = 1.70 → 594.98;
		// (2,880 − 2,920) × 0.206 = −8.24.
		"cache-redis":     {"603.22", "594.98", "-8.24", []string{"month -8.24"}},
		"db-aurora-1":     {"189.8", "187.2", "-2.6", []string{"month -2.6"}},                // 720 × 0.26
		"db-replica":      {"233.57", "231.98", "-1.59", []string{"month -1.59"}},            // 720 × 0.159 + 57.50 + 60
		"cache-memcached": {"46.72", "46.08", "-0.64", []string{"month -0.64"}},              // 1,440 × 0.032
		"jobs-queue":      {"0", "0.4", "0.4", []string{"not in plan 0.4"}},                  // SQS is not priced: 1M × 0.0000004
		"net-nat":         {"77.85", "99.9", "22.05", []string{"usage 22.5", "month -0.45"}}, // 32.40 + 1,500 GB × 0.045; (1,500 − 1,000) × 0.045 = 22.50
		"net-nat-eip":     {"3.65", "3.6", "-0.05", []string{"month -0.05"}},                 // 720 × 0.005
		"alarm-cpu-high":  {"0.1", "0.1", "0", nil},
		"alarm-alb-5xx":   {"0.1", "0.1", "0", nil},
		"app-logs":        {"26.2", "26.2", "0", nil},
		"data-volume":     {"21", "21", "0", nil}, // 200 × 0.08 + the tagged snapshot 100 × 0.05
		"db-aurora":       {"21.05", "21.05", "0", nil},
		"ops-dashboard":   {"3", "3", "0", nil},
	}
	seen := map[string]bool{}
	for _, row := range rep.Rows {
		w, ok := wants[row.Name]
		if !ok {
			t.Errorf("unexpected row %q", row.Name)
			continue
		}
		seen[row.Name] = true
		var causes []string
		for _, c := range row.Causes {
			causes = append(causes, c.Kind+" "+c.Amount.String())
		}
		if !eq(row.Planned, w.planned) || !eq(row.Effective, w.effective) || !eq(row.Billed, w.effective) || !eq(row.Difference, w.difference) ||
			strings.Join(causes, ", ") != strings.Join(w.causes, ", ") {
			t.Errorf("%s: planned %s effective %s billed %s difference %s causes %v\nwant %+v", row.Name, row.Planned, row.Effective, row.Billed, row.Difference, causes, w)
		}
	}
	for name := range wants {
		if !seen[name] {
			t.Errorf("row %q missing", name)
		}
	}
	// Components: Web 1,571.592 → 59.904 + 176.256 + 37.80 + 43.952 + 14.50 +
	// 1,295.695 = 1,628.107; Network 81.50 → 99.90 + 3.60 = 103.50; the top
	// level 1,630.90 → 460.064 + 594.98 + 187.20 + 231.98 + 46.08 + 0.40 + 0.20
	// + 26.20 + 21 + 21.05 + 3 = 1,592.154.
	for name, w := range map[string][2]string{"Web (web)": {"1571.592", "1628.107"}, "Network (net)": {"81.5", "103.5"}, "(top level)": {"1630.9", "1592.154"}, "(shared)": {"0", "45"}} {
		found := false
		for _, g := range rep.Components {
			if g.Component == name {
				found = true
				if !eq(g.Planned, w[0]) || !eq(g.Effective, w[1]) {
					t.Errorf("component %s: planned %s effective %s, want %v", name, g.Planned, g.Effective, w)
				}
			}
		}
		if !found {
			t.Errorf("component %s missing", name)
		}
	}
	// Totals: planned 3,283.992 (EXPECTED.md; a lower bound: SQS); matched
	// 1,628.107 + 45 + 1,592.154 + 103.50 = 3,368.761, difference 84.769;
	// unmatched: tax 10 + staging's 720 × 0.0104 = 7.488 → 17.488; the bill's
	// total 3,368.761 + 17.488 = 3,386.249.
	for name, v := range map[string][2]string{
		"planned": {rep.Planned.String(), "3283.992"}, "matched": {rep.MatchedEffective.String(), "3368.761"},
		"difference": {rep.Difference.String(), "84.769"}, "unmatched": {rep.UnmatchedBilled.String(), "17.488"},
		"bill": {rep.Billed.String(), "3386.249"},
	} {
		if !eq(decimal.RequireFromString(v[0]), v[1]) {
			t.Errorf("%s = %s, want %s", name, v[0], v[1])
		}
	}
	if !rep.PlannedIncomplete || len(rep.Unmatched) != 2 || rep.Period != "2024-09" || rep.HoursInPeriod != 720 {
		t.Errorf("incomplete %v, %d unmatched, period %s, %d h", rep.PlannedIncomplete, len(rep.Unmatched), rep.Period, rep.HoursInPeriod)
	}
	golden.Assert(t, filepath.Join(goldenDir, "actual_export.json"), []byte(r.stdout))
	for format, file := range map[string]string{"table": "actual_export.golden", "markdown": "actual_export.md"} {
		r := c.run(append(args, "--format", format)...)
		if r.code != 0 {
			t.Fatalf("%s: exit %d: %s", format, r.code, r.stderr)
		}
		golden.Assert(t, filepath.Join(goldenDir, file), []byte(r.stdout))
	}
}

func eq(d decimal.Decimal, s string) bool { return d.Equal(decimal.RequireFromString(s)) }

// TestCalibrateThenBreakdown: calibrate on the hand-written bill writes a
// usage file that, given to breakdown, prices every billed usage-based
// quantity at its list price, to the cent. Each figure is the bill's
// quantity × the bill's list unit price (testdata/bills/focus-2024-09.csv).
func TestCalibrateThenBreakdown(t *testing.T) {
	c := newCLI(t)
	c.opts.Estimate = engine.Estimate
	bill := billFixture(t, c, "focus-2024-09.csv")
	export, usage := stackFixture(t, "export.json"), stackFixture(t, "usage.yml")
	t.Chdir(c.opts.WorkDir)
	r := c.run("calibrate", "--bill", bill, "--stack-export", export, "--usage", usage, "--output", "calibrated.yml", "-q")
	if r.code != 0 {
		t.Fatalf("calibrate: exit %d: %s", r.code, r.stderr)
	}
	if !strings.Contains(r.stdout, "Wrote calibrated.yml: the quantities billed in 2024-09.") {
		t.Errorf("calibrate said:\n%s", r.stdout)
	}
	// The calibrated usage alone (not usage.yml) feeds the breakdown.
	r = c.run("breakdown", "--stack-export", export, "--usage", "calibrated.yml", "--format", "json", "-q")
	if r.code != 0 {
		t.Fatalf("breakdown: exit %d: %s", r.code, r.stderr)
	}
	var doc struct {
		Projects []struct {
			Breakdown struct {
				Resources []struct {
					Name           string
					CostComponents []struct {
						Name        string
						MonthlyCost decimal.Decimal
					}
				}
			}
		}
	}
	if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil {
		t.Fatal(err)
	}
	got := map[string]decimal.Decimal{}
	for _, res := range doc.Projects[0].Breakdown.Resources {
		for _, cc := range res.CostComponents {
			got[res.Name+" / "+cc.Name] = cc.MonthlyCost
		}
	}
	for line, want := range map[string]string{
		"net-nat / Data processed":                                             "67.50",  // 1,500 GB × 0.045 (the plan had 1,000 GB)
		"web-alb / Load balancer capacity units":                               "14.40",  // 1,800 LCU-h × 0.008 (the plan had 1,825)
		"web-cdn / Data transfer out to internet (United States, first 10 TB)": "870.40", // 10,240 GB × 0.085
		"web-cdn / Data transfer out to internet (United States, next 40 TB)":  "20.80",  // 260 GB × 0.08
		"web-cdn / Data transfer out to internet (Europe, first 10 TB)":        "382.50", // 4,500 GB × 0.085
		"web-cdn / HTTP requests (United States)":                              "0.53",   // 700,000 × 0.00000075 = 0.525
		"web-cdn / HTTP requests (Europe)":                                     "0.27",   // 300,000 × 0.0000009
		"web-cdn / HTTPS requests (United States)":                             "14.00",  // 14,000,000 × 0.000001
		"web-cdn / HTTPS requests (Europe)":                                    "7.20",   // 6,000,000 × 0.0000012
		"app-logs / Data ingested":                                             "25.00",  // 50 GB × 0.50
		"app-logs / Archival storage":                                          "1.20",   // 40 GB-months × 0.03
		"data-volume / Snapshot storage":                                       "5.00",   // 100 GB-months × 0.05
		"cache-redis / Snapshot storage (beyond one free snapshot)":            "1.70",   // 20 GB-months × 0.085
		"db-aurora / Storage (Aurora Standard)":                                "10.00",  // 100 GB-months × 0.10
		"db-aurora / I/O requests":                                             "10.00",  // 50,000,000 × 0.0000002
		"db-aurora / Backup storage (beyond free allowance)":                   "1.05",   // 50 GB-months × 0.021
		"db-primary / Backup storage (beyond free allowance)":                  "19.00",  // 200 GB-months × 0.095
		"web-assets / Standard storage (first 50 TB)":                          "11.50",  // 500 GB-months × 0.023
		"web-assets / PUT, COPY, POST, LIST requests":                          "1.00",   // 200,000 × 0.000005
		"web-assets / GET, SELECT, and all other requests":                     "2.00",   // 5,000,000 × 0.0000004
		"data-transfer / Data transfer out to internet (first 10 TB)":          "45.00",  // 500 GB × 0.09 (the plan had none)
	} {
		g, ok := got[line]
		if !ok {
			t.Errorf("%s: no such line; lines: %v", line, keys(got))
			continue
		}
		if g.Round(2).StringFixed(2) != want {
			t.Errorf("%s = %s, want %s", line, g, want)
		}
	}
}

func keys[V any](m map[string]V) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// TestCalibrateApply: a prod bill whose CloudFront lines (matched by the
// tags the components set) carry 1.2 × the requests and bytes the prod
// workload plans proposes 1.2 × the requests per user per day, with the
// same response size; --apply writes it into environments/prod.yaml,
// which the next estimate reads.
func TestCalibrateApply(t *testing.T) {
	c := newCLI(t)
	c.opts.Estimate = engine.Estimate
	t.Chdir(c.opts.WorkDir)
	c.write("bill.csv", prodCDNBill())
	r := c.run("calibrate", "--bill", "bill.csv", "--env", "prod", "--apply", "--format", "json", "-q")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	var res calibrateResult
	if err := json.Unmarshal([]byte(r.stdout), &res); err != nil {
		t.Fatal(err)
	}
	if len(res.Proposals) != 1 || res.Proposals[0].Field != "requests_per_user_per_day" || !near(res.Proposals[0].To, res.Proposals[0].From*1.2) {
		t.Fatalf("proposals %+v, want requests_per_user_per_day × 1.2 only", res.Proposals)
	}
	data, err := os.ReadFile(filepath.Join("environments", "prod.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), "requests_per_user_per_day: "+trimFloat(res.Proposals[0].To)) {
		t.Errorf("environments/prod.yaml lacks the calibrated workload:\n%s", data)
	}
	// The next estimate reads the calibrated file: its CloudFront HTTPS
	// requests are 1.2 × what they were (the usage model is linear in it).
	r = c.run("breakdown", "--env", "prod", "--format", "json", "-q")
	if r.code != 0 {
		t.Fatalf("breakdown: exit %d: %s", r.code, r.stderr)
	}
	if !strings.Contains(r.stdout, `"monthlyQuantity": "75117000"`) {
		t.Errorf("breakdown after --apply does not plan 75,117,000 HTTPS requests in the United States")
	}
}

func near(a, b float64) bool { return a-b < 1e-6 && b-a < 1e-6 }

func trimFloat(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

// TestActualBigBillCutOff: a big bill cut off mid-row (as a copy that ran
// out of disk would be) exits 2 with one line naming the file, the last
// row and what is wrong. The bill is generated in a temporary folder: 64
// MiB by default, BILL_CUTOFF_BYTES=2GiB for the full-size case.
func TestActualBigBillCutOff(t *testing.T) {
	size := int64(64 << 20)
	if s := os.Getenv("BILL_CUTOFF_BYTES"); s != "" {
		n, err := inputfile.ParseSize(s)
		if err != nil {
			t.Fatal(err)
		}
		size = n
	}
	c := newCLI(t)
	c.opts.Estimate = engine.Estimate
	path := filepath.Join(c.opts.WorkDir, "big.csv")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriterSize(f, 1<<20)
	w.WriteString(billHead)
	row := billRow("0.0104")
	rows := (size - int64(len(billHead))) / int64(len(row))
	for range rows {
		w.WriteString(row)
	}
	w.WriteString(row[:len(row)/2]) // cut off mid-row
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	t.Chdir(c.opts.WorkDir)
	r := c.run("actual", "--env", "prod", "--bill", "big.csv", "--max-input-size", "bill=4GiB")
	half := strings.Count(row[:len(row)/2], ",") + 1
	want := fmt.Sprintf("tiercost: --bill: big.csv: row %d: has %d columns, the header has 13 (is the file cut off?); allowed: every row as wide as the header\n", rows+2, half)
	if r.code != ExitBadInput || r.stderr != want || r.stdout != "" {
		t.Errorf("exit %d\nstderr %q\nwant   %q", r.code, r.stderr, want)
	}
}

// prodCDNBill is a FOCUS bill for prod's CloudFront distribution, matched
// by the tags the components set.
func prodCDNBill() string {
	// The prod plan's CloudFront usage (tiercost breakdown --env prod):
	// 1,916.25 + 821.25 GB, 1,277,500 + 547,500 HTTP and 62,597,500 +
	// 26,827,500 HTTPS requests. × 1.2 each:
	tags := `"{""Environment"": ""prod"", ""Component"": ""CDN"", ""PulumiName"": ""tc-distribution""}"`
	row := func(usageType, unit, qty, cost string) string {
		return cost + "," + cost + "," + cost + ",USD,2024-09-01T00:00:00Z,Usage,AWS,Amazon CloudFront,arn:aws:cloudfront::1:distribution/EPROD," + qty + "," + unit + "," + tags + "," + usageType + "\n"
	}
	return "BilledCost,EffectiveCost,ListCost,BillingCurrency,BillingPeriodStart,ChargeCategory,ProviderName,ServiceName,ResourceId,PricingQuantity,PricingUnit,Tags,x_UsageType\n" +
		row("US-DataTransfer-Out-Bytes", "GB", "2299.5", "195.4575") + // 1,916.25 × 1.2
		row("EU-DataTransfer-Out-Bytes", "GB", "985.5", "83.7675") + // 821.25 × 1.2
		row("US-Requests-Tier1", "Requests", "1533000", "1.14975") + // 1,277,500 × 1.2
		row("EU-Requests-Tier1", "Requests", "657000", "0.5913") + // 547,500 × 1.2
		row("US-Requests-Tier2-HTTPS", "Requests", "75117000", "75.117") + // 62,597,500 × 1.2
		row("EU-Requests-Tier2-HTTPS", "Requests", "32193000", "38.6316") // 26,827,500 × 1.2
}

// TestReportLastMonth: report --bill adds "last month: plan vs actual" to
// the summary: the bill's 2,299.5 + 985.5 GB and 1,533,000 + 657,000 HTTP
// and 75,117,000 + 32,193,000 HTTPS requests cost 195.4575 + 83.7675 +
// 1.14975 + 0.5913 + 75.117 + 38.6316 = 394.71465 → $394.71; every other
// resource of prod is not billed in it.
func TestReportLastMonth(t *testing.T) {
	c := newCLI(t)
	c.opts.Estimate = engine.Estimate
	goldenDir, err := filepath.Abs("testdata")
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(c.opts.WorkDir)
	c.write("bill.csv", prodCDNBill())
	r := c.run("report", "--env", "prod", "--bill", "bill.csv", "--format", "markdown", "--output", "-", "-q")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	// The plan's total is the budget line's (the same estimate).
	total := regexp.MustCompile(`costs (\$[0-9,.]+) a month`).FindStringSubmatch(r.stdout)
	if total == nil || !strings.Contains(r.stdout, "- **Last month: plan vs actual:** 2024-09: planned "+total[1]+", billed $394.71 ($394.71 effective, after discounts)") {
		t.Errorf("summary lacks last month:\n%s", r.stdout)
	}
	golden.Assert(t, filepath.Join(goldenDir, "report_last_month.md"), []byte(r.stdout))
}
