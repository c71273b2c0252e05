package catalog

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

// referenceDir finds the reference price files the seed was generated from:
// $TIERCOST_REFERENCE_DIR, else the nearest shared/reference above this
// package (beside the repo, or beside a worktree folder). The FOCUS billing
// sample sits beside it, in ../data/focus-sample. "" when there is none.
func referenceDir() string {
	if d := os.Getenv("TIERCOST_REFERENCE_DIR"); d != "" {
		return d
	}
	dir := ".."
	for range 6 {
		d := filepath.Join(dir, "shared", "reference")
		if _, err := os.Stat(filepath.Join(d, "aws-prices.csv")); err == nil {
			return d
		}
		dir = filepath.Join(dir, "..")
	}
	return ""
}

const focusFile = "../data/focus-sample/focus_sample.csv"

var refTag = regexp.MustCompile(`\(ref ((?:regional/|\.\./data/focus-sample/)?[\w.-]+\.csv):(\d+)\)$`)

// A bill period ("2025-05 (bill period May 2025)") holds from its first day.
var billPeriod = regexp.MustCompile(`^(\d{4}-\d{2})(?: \(bill period [^)]*\))?$`)

// cfGeographies maps a reference CloudFront geography to the catalog groups
// it prices. AWS's "South Africa, Kenya, and Middle East" geography is two
// Price List groups at one rate.
var cfGeographies = map[string][]string{
	"US/Mexico/Canada":                   {CFUnitedStates},
	"Europe/Israel":                      {CFEurope},
	"Japan":                              {CFJapan},
	"Hong Kong/Philippines/Asia Pacific": {CFAsia},
	"Australia/New Zealand":              {CFAustralia},
	"South Africa/Kenya/Middle East":     {CFSouthAfrica, CFMiddleEast},
	"South America":                      {CFSouthAmerica},
}

// focusUnit is the catalog unit for a FOCUS PricingUnit and the factor from
// one to the other: throughput is listed per GiBps-month, priced per MiBps.
var focusUnit = map[string]struct {
	unit   string
	factor decimal.Decimal
}{
	"Hours": {"Hrs", decimal.NewFromInt(1)}, "GB-Months": {"GB-Mo", decimal.NewFromInt(1)},
	"IOPS-Months": {"IOPS-Mo", decimal.NewFromInt(1)}, "GB": {"GB", decimal.NewFromInt(1)},
	"LCU-Hours": {"LCU-Hrs", decimal.NewFromInt(1)}, "Alarms": {"Alarms", decimal.NewFromInt(1)},
	"Metrics": {"Metrics", decimal.NewFromInt(1)}, "Requests": {"Requests", decimal.NewFromInt(1)},
	"IOs": {"IOs", decimal.NewFromInt(1)}, "GiB/Second-Months": {"MiBps-Mo", decimal.New(1024, 0)},
	"Months": {"Months", decimal.NewFromInt(1)}, "Keys": {"Keys", decimal.NewFromInt(1)}, "Queries": {"Queries", decimal.NewFromInt(1)},
}

func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	fh, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	recs, err := csv.NewReader(fh).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

// TestSeedTracesToReference re-reads, for every embedded price, the
// reference row (or FOCUS billing line) its source names and checks the
// amount, unit, region, date, product and strength independently of the
// generator.
func TestSeedTracesToReference(t *testing.T) {
	refDir := referenceDir()
	if refDir == "" {
		// The seed is generated from shared/reference, which lives outside
		// the repository; without it there is nothing to trace back to.
		t.Skip("reference files not found (set TIERCOST_REFERENCE_DIR to the shared/reference folder)")
	}
	files := map[string][][]string{}
	for _, f := range []string{"aws-prices.csv", "regional/prices-regional.csv", focusFile} {
		files[f] = readCSV(t, filepath.Join(refDir, f))
	}
	focusCol := map[string]int{}
	for i, h := range files[focusFile][0] {
		focusCol[h] = i
	}
	perUnit := map[string]int32{"USD/10k requests": -4, "USD/1k requests": -3, "USD/1M requests": -6}
	traced := map[string]int{}
	for _, p := range Embedded().Prices {
		if extraTag.MatchString(p.Source) {
			continue // pinned to its quote by TestExtraSources
		}
		m := refTag.FindStringSubmatch(p.Source)
		if m == nil {
			t.Errorf("%s: source names no reference row: %s", p.Product, p.Source)
			continue
		}
		line, _ := strconv.Atoi(m[2])
		recs := files[m[1]]
		if line < 2 || line > len(recs) {
			t.Errorf("%s: %s has no line %d", p.Product, m[1], line)
			continue
		}
		traced[m[1]]++
		if m[1] == focusFile {
			checkFocusLine(t, p, recs[line-1], focusCol, line)
			continue
		}
		rec := recs[line-1] // service,resource,region,unit,usd,source,date
		service, resource, region, unit, usd, source, date := rec[0], rec[1], rec[2], rec[3], rec[4], rec[5], rec[6]
		at := m[1] + ":" + m[2]
		if strings.Contains(source, "[LOW") || strings.Contains(source, "[derived") {
			t.Errorf("%s: seeded from a [LOW]/[derived] row %s", p.Product, at)
		}
		// A weak source stays marked as weak in the price's provenance.
		if strings.Contains(source, "[weak") != strings.HasPrefix(p.Source, "[weak]") {
			t.Errorf("%s: %s weak marking: reference %q, seed %q", p.Product, at, source, p.Source)
		}
		if gs, ok := cfGeographies[region]; ok {
			if !containsString(gs, p.Product.Attr("group")) {
				t.Errorf("%s: reference geography %s at %s", p.Product, region, at)
			}
		} else if p.Product.Region() != region {
			t.Errorf("%s: reference row %s is for %s", p.Product, at, region)
		}
		want := decimal.RequireFromString(usd).Shift(perUnit[unit])
		if !p.USD.Equal(want) {
			t.Errorf("%s %s: usd %s, reference %s says %s %s", p.Product, p.Term, p.USD, at, usd, unit)
		}
		switch bp := billPeriod.FindStringSubmatch(date); {
		case len(date) == 10 && p.AsOf != date:
			t.Errorf("%s: as_of %s, reference date %s", p.Product, p.AsOf, date)
		case bp != nil && p.AsOf != bp[1]+"-01":
			t.Errorf("%s: as_of %s, reference bill period %s", p.Product, p.AsOf, date)
		}
		checkProduct(t, p, service+" "+resource, at)
	}
	// Every source file contributes: a generator that silently stopped
	// reading one would otherwise pass.
	for _, f := range []string{"aws-prices.csv", "regional/prices-regional.csv", focusFile} {
		if traced[f] == 0 {
			t.Errorf("no embedded price cites %s", f)
		}
	}
}

// checkFocusLine checks a price against the FOCUS billing line it cites:
// an AWS usage line, same region, list unit price (converted to the
// catalog unit), billing period and charge description.
func checkFocusLine(t *testing.T, p Price, rec []string, col map[string]int, line int) {
	t.Helper()
	get := func(c string) string { return rec[col[c]] }
	at := focusFile + ":" + strconv.Itoa(line)
	if get("ProviderName") != "AWS" || get("ChargeCategory") != "Usage" {
		t.Errorf("%s: %s is %s %s, not an AWS usage line", p.Product, at, get("ProviderName"), get("ChargeCategory"))
	}
	if p.Product.Region() != get("RegionId") {
		t.Errorf("%s: %s is for %s", p.Product, at, get("RegionId"))
	}
	u, ok := focusUnit[get("PricingUnit")]
	if !ok || u.unit != p.Unit {
		t.Errorf("%s: unit %s, %s is per %s", p.Product, p.Unit, at, get("PricingUnit"))
	} else if list := decimal.RequireFromString(get("ListUnitPrice")); !p.USD.Mul(u.factor).Equal(list) {
		t.Errorf("%s: usd %s x %s, %s lists %s per %s", p.Product, p.USD, u.factor, at, list, get("PricingUnit"))
	}
	if want := get("BillingPeriodStart")[:10]; p.AsOf != want {
		t.Errorf("%s: as_of %s, %s billing period starts %s", p.Product, p.AsOf, at, want)
	}
	period := get("BillingPeriodStart")[:7]
	for _, s := range []string{"FOCUS sample, list unit price, " + period, "CC BY 4.0", strconv.Quote(get("ChargeDescription"))} {
		if !strings.Contains(p.Source, s) {
			t.Errorf("%s: source %q does not say %s", p.Product, p.Source, s)
		}
	}
	if p.Term != OnDemandTerm {
		t.Errorf("%s: term %s from a list unit price", p.Product, p.Term)
	}
	checkProduct(t, p, get("ServiceName")+" "+get("ChargeDescription"), at)
}

// checkProduct checks that the reference text names the product and term
// the price is filed under: instance type, engine, deployment, reserved
// length, class and payment.
func checkProduct(t *testing.T, p Price, text, at string) {
	t.Helper()
	norm := strings.ToLower(strings.ReplaceAll(text, "-", " "))
	if it := p.Product.Attr("instanceType"); it != "" && !strings.Contains(text, it) {
		t.Errorf("%s: %s does not name %s: %q", p.Product, at, it, text)
	}
	switch e := p.Product.Attr("cacheEngine"); e {
	case "":
	case CacheMemcached: // copied from Redis (aws-prices.md section 4)
		if !strings.Contains(text, CacheRedis) || !strings.Contains(p.Source, "Memcached = Redis") {
			t.Errorf("%s: Memcached price is not a marked copy of a Redis row (%s)", p.Product, at)
		}
	default:
		if !strings.Contains(text, e) {
			t.Errorf("%s: %s does not name engine %s: %q", p.Product, at, e, text)
		}
	}
	if e := p.Product.Attr("databaseEngine"); (e == EnginePostgreSQL || e == EngineMySQL) && !strings.Contains(text, e) {
		t.Errorf("%s: %s does not name engine %s: %q", p.Product, at, e, text)
	}
	aurora := strings.HasPrefix(p.Product.Attr("databaseEngine"), "Aurora") || strings.HasPrefix(p.Product.Attr("volumeType"), "aurora")
	if d := p.Product.Attr("deploymentOption"); d != "" && !aurora && !strings.Contains(text, d) {
		t.Errorf("%s: %s does not name deployment %s: %q", p.Product, at, d, text)
	}
	// The Price List's "standard" EBS volume is the magnetic one.
	vt := map[string]string{"standard": "magnetic", AuroraStandard: "aurora"}[p.Product.Attr("volumeType")]
	if vt == "" {
		vt = p.Product.Attr("volumeType")
	}
	if !strings.Contains(norm, vt) {
		t.Errorf("%s: %s does not name volume type %s: %q", p.Product, at, vt, text)
	}
	reserved := strings.Contains(norm, " ri ") || strings.Contains(norm, "reserved")
	if reserved != (p.Term.Kind == Reserved) {
		t.Errorf("%s: term %s, %s reads %q", p.Product, p.Term, at, text)
	}
	if p.Term.Kind == Reserved {
		for _, w := range []string{p.Term.Length, strings.ToLower(p.Term.Payment)} {
			if !strings.Contains(norm, w) {
				t.Errorf("%s: term %s, %s does not say %q: %q", p.Product, p.Term, at, w, text)
			}
		}
		if strings.Contains(norm, "convertible") != (p.Term.Class == ClassConvertible) {
			t.Errorf("%s: class %s, %s reads %q", p.Product, p.Term.Class, at, text)
		}
	}
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
