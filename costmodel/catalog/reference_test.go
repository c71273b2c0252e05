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

// referenceDir holds the reference price files the seed was generated from;
// the test is skipped where they are not checked out beside the repo.
var referenceDir = filepath.Join("..", "..", "..", "shared", "reference")

var refTag = regexp.MustCompile(`\(ref ((?:regional/)?[\w.-]+\.csv):(\d+)\)$`)

// TestSeedTracesToReference re-reads, for every embedded price, the
// reference row its source names and checks the amount, region and
// strength independently of the generator.
func TestSeedTracesToReference(t *testing.T) {
	if _, err := os.Stat(filepath.Join(referenceDir, "aws-prices.csv")); err != nil {
		// The seed is generated from shared/reference, which lives outside
		// the repository; without it there is nothing to trace back to.
		t.Skipf("reference files not found at %s", referenceDir)
	}
	files := map[string][][]string{}
	for _, f := range []string{"aws-prices.csv", "regional/prices-regional.csv"} {
		fh, err := os.Open(filepath.Join(referenceDir, f))
		if err != nil {
			t.Fatal(err)
		}
		recs, err := csv.NewReader(fh).ReadAll()
		fh.Close()
		if err != nil {
			t.Fatal(err)
		}
		files[f] = recs
	}
	cfRegion := map[string]string{"US/Mexico/Canada": CFUnitedStates, "Europe/Israel": CFEurope}
	perUnit := map[string]int32{"USD/10k requests": -4, "USD/1k requests": -3, "USD/1M requests": -6}
	for _, p := range Embedded().Prices {
		m := refTag.FindStringSubmatch(p.Source)
		if m == nil {
			t.Errorf("%s: source names no reference row: %s", p.Product, p.Source)
			continue
		}
		line, _ := strconv.Atoi(m[2])
		rec := files[m[1]][line-1] // service,resource,region,unit,usd,source,date
		region, unit, usd, source := rec[2], rec[3], rec[4], rec[5]
		if strings.Contains(source, "[LOW") || strings.Contains(source, "[derived") {
			t.Errorf("%s: seeded from a [LOW]/[derived] row %s:%d", p.Product, m[1], line)
		}
		if g, ok := cfRegion[region]; ok {
			if p.Product.Attr("group") != g {
				t.Errorf("%s: reference group %s", p.Product, region)
			}
		} else if p.Product.Region() != region {
			t.Errorf("%s: reference row %s:%d is for %s", p.Product, m[1], line, region)
		}
		want := decimal.RequireFromString(usd).Shift(perUnit[unit])
		if !p.USD.Equal(want) {
			t.Errorf("%s %s: usd %s, reference %s:%d says %s %s", p.Product, p.Term, p.USD, m[1], line, usd, unit)
		}
		if d := rec[6]; len(d) == 10 && p.AsOf != d {
			t.Errorf("%s: as_of %s, reference date %s", p.Product, p.AsOf, d)
		}
	}
}
