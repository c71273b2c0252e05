package actual

import (
	"bytes"
	"compress/gzip"
	"encoding/csv"
	"math/big"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

const samplePath = "testdata/focus-sample/focus_sample.csv"

// sums holds BilledCost and EffectiveCost totals by a key.
type sums map[string][2]*big.Rat

func (s sums) add(key string, billed, effective *big.Rat) {
	v, ok := s[key]
	if !ok {
		v = [2]*big.Rat{new(big.Rat), new(big.Rat)}
		s[key] = v
	}
	v[0].Add(v[0], billed)
	v[1].Add(v[1], effective)
}

// independentSums reads the sample with encoding/csv and big.Rat, sharing
// no code with the reader: the row count and the totals by provider and by
// service the reader must reproduce.
func independentSums(t *testing.T, path string) (rows int, byProvider, byService sums) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, name := range recs[0] {
		col[name] = i
	}
	byProvider, byService = sums{}, sums{}
	for _, r := range recs[1:] {
		b, ok1 := new(big.Rat).SetString(r[col["BilledCost"]])
		e, ok2 := new(big.Rat).SetString(r[col["EffectiveCost"]])
		if !ok1 || !ok2 {
			t.Fatalf("sample row not numeric: %v", r)
		}
		byProvider.add(r[col["ProviderName"]], b, e)
		byService.add(r[col["ProviderName"]]+"/"+r[col["ServiceName"]], b, e)
	}
	return len(recs) - 1, byProvider, byService
}

// readSums reads a bill with Read and totals it the same way.
func readSums(t *testing.T, path string) (Info, sums, sums) {
	t.Helper()
	byProvider, byService := sums{}, sums{}
	info, err := Read(path, Options{}, func(l Line) error {
		byProvider.add(l.Provider, l.BilledCost.Rat(), l.EffectiveCost.Rat())
		byService.add(l.Provider+"/"+l.Service, l.BilledCost.Rat(), l.EffectiveCost.Rat())
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return info, byProvider, byService
}

func compareSums(t *testing.T, what string, got, want sums) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s: %d keys, want %d", what, len(got), len(want))
	}
	for k, w := range want {
		g, ok := got[k]
		switch {
		case !ok:
			t.Errorf("%s %q: missing", what, k)
		case g[0].Cmp(w[0]) != 0 || g[1].Cmp(w[1]) != 0:
			t.Errorf("%s %q: billed %s effective %s, want %s and %s", what, k,
				g[0].FloatString(11), g[1].FloatString(11), w[0].FloatString(11), w[1].FloatString(11))
		}
	}
}

// TestFOCUSSampleWhole: the real FOCUS 1.0 sample parses whole, and its row
// count and BilledCost and EffectiveCost totals by provider and by service
// equal an independent encoding/csv + big.Rat sum, as CSV, gzip-compressed
// CSV and Parquet.
func TestFOCUSSampleWhole(t *testing.T) {
	rows, wantProvider, wantService := independentSums(t, samplePath)
	if rows != 1000 || len(wantProvider) != 3 {
		t.Fatalf("independent read: %d rows, %d providers; the sample's README says 1,000 rows of AWS, Microsoft and Oracle", rows, len(wantProvider))
	}
	data, err := os.ReadFile(samplePath)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	gz := filepath.Join(dir, "focus.csv.gz")
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(data)
	zw.Close()
	if err := os.WriteFile(gz, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	pq := filepath.Join(dir, "focus.parquet")
	writeParquetFromCSV(t, samplePath, pq)
	for _, tc := range []struct{ path, encoding string }{{samplePath, "CSV"}, {gz, "CSV (gzip)"}, {pq, "Parquet"}} {
		t.Run(tc.encoding, func(t *testing.T) {
			info, byProvider, byService := readSums(t, tc.path)
			if info.Rows != int64(rows) || info.Format != "FOCUS 1.0" || info.Encoding != tc.encoding {
				t.Errorf("info = %+v, want %d rows of FOCUS 1.0 in %s", info, rows, tc.encoding)
			}
			compareSums(t, "provider", byProvider, wantProvider)
			compareSums(t, "service", byService, wantService)
		})
	}
}

// TestFOCUSSampleFields: the fields other than amounts come through as the
// file has them (checked against the sample's first row, read by eye).
func TestFOCUSSampleFields(t *testing.T) {
	var first Line
	n := 0
	_, err := Read(samplePath, Options{}, func(l Line) error {
		if n == 0 {
			first = l
		}
		n++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// Row 2 of the file (row 1 is the header): an SQS request line.
	want := Line{Row: 2, Provider: "AWS", Service: "Amazon Simple Queue Service",
		ResourceID: "arn:ats:sqs:us-test-2:347410479675:mibelllmel-i-032l64f2065481b12", Region: "us-west-2",
		ChargeCategory: "Usage", Description: "$0.40 per million Amazon SQS standard requests in Tier1 in US West (Oregon)",
		PricingUnit: "Requests", SkuID: "G95FST5FTYV3JSRX", Currency: "USD", Period: "2024-09"}
	got := first
	got.Quantity, got.BilledCost, got.EffectiveCost, got.ListCost, got.ListUnitPrice = decimal.Zero, decimal.Zero, decimal.Zero, decimal.Zero, decimal.Zero
	got.HasListCost, got.HasListUnitPrice, got.Tags = false, false, nil
	if !reflect.DeepEqual(got, want) {
		t.Errorf("first line:\n%+v\nwant\n%+v", got, want)
	}
	for name, c := range map[string]struct {
		got  decimal.Decimal
		want string
	}{
		"PricingQuantity": {first.Quantity, "2"}, "BilledCost": {first.BilledCost, "0.0000008"},
		"EffectiveCost": {first.EffectiveCost, "0"}, "ListCost": {first.ListCost, "0.0000008"}, "ListUnitPrice": {first.ListUnitPrice, "0.0000004"},
	} {
		if !c.got.Equal(decimal.RequireFromString(c.want)) {
			t.Errorf("%s = %s, want %s", name, c.got, c.want)
		}
	}
	if first.Tags != nil {
		t.Errorf("tags %v, want none (NULL)", first.Tags)
	}
}

func TestSampleTags(t *testing.T) {
	// Row 3 carries {"application": "BrightLensMatrix", "environment": "dev", "business_unit": "ViennaAI"}.
	var tags map[string]string
	Read(samplePath, Options{}, func(l Line) error {
		if l.Row == 3 {
			tags = l.Tags
		}
		return nil
	})
	if tags["environment"] != "dev" || tags["application"] != "BrightLensMatrix" || len(tags) != 3 {
		t.Errorf("row 3 tags = %v", tags)
	}
}

// TestProgress: a read reports progress ending at the whole file.
func TestProgress(t *testing.T) {
	var last [2]int64
	calls := 0
	if _, err := Read(samplePath, Options{Progress: func(done, total int64) { last = [2]int64{done, total}; calls++ }}, func(Line) error { return nil }); err != nil {
		t.Fatal(err)
	}
	st, _ := os.Stat(samplePath)
	if calls == 0 || last[0] != st.Size() || last[1] != st.Size() {
		t.Errorf("progress: %d calls, last %v, want the file's %d bytes", calls, last, st.Size())
	}
}

func TestParseDecimal(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"0", "0"}, {"12.34", "12.34"}, {"-0.5", "-0.5"}, {".5", "0.5"}, {"5.", "5"}, {"+7", "7"},
		{"1.5E-7", "0.00000015"}, {"2e3", "2000"}, {"0.00000080000", "0.0000008"},
		{"123456789012345678901234.5", "123456789012345678901234.5"}, {"0000000000000000000001.25", "1.25"},
	} {
		d, ok := parseDecimal([]byte(tc.in))
		if !ok || !d.Equal(decimal.RequireFromString(tc.want)) {
			t.Errorf("parseDecimal(%q) = %s, %v; want %s", tc.in, d, ok, tc.want)
		}
	}
	for _, bad := range []string{"", "-", ".", "abc", "1,000", "0x10", "NaN", "Inf", "1e", "1e999", " 1", "1 ", "1.2.3", "--1", "1e+-2"} {
		if _, ok := parseDecimal([]byte(bad)); ok {
			t.Errorf("parseDecimal(%q) accepted", bad)
		}
	}
}

func TestCSVQuoting(t *testing.T) {
	in := "a,\"b \"\"q\"\"\",\"multi\nline\",NULL,\"NULL\",\r\n\nx,y,z,,,\n"
	rs := &csvRecords{r: bufioReader(in)}
	var got [][]string
	for {
		f, err := rs.next()
		if err != nil {
			break
		}
		var row []string
		for _, c := range f {
			_, null := csvRow(f).cell(len(row))
			s := string(c.b)
			if null {
				s = "<null>"
			}
			row = append(row, s)
		}
		got = append(got, row)
	}
	want := "a|b \"q\"|multi\nline|<null>|NULL|<null>;x|y|z|<null>|<null>|<null>"
	var parts []string
	for _, r := range got {
		parts = append(parts, strings.Join(r, "|"))
	}
	if g := strings.Join(parts, ";"); g != want {
		t.Errorf("got  %q\nwant %q", g, want)
	}
}

// TestFOCUSVersion: a column FOCUS 1.1 added tells 1.1 from 1.0.
func TestFOCUSVersion(t *testing.T) {
	for header, want := range map[string]string{
		focusHeader: "FOCUS 1.0",
		strings.Replace(focusHeader, "x_Extra", "ServiceSubcategory", 1): "FOCUS 1.1",
	} {
		path := filepath.Join(t.TempDir(), "bill.csv")
		os.WriteFile(path, []byte(header+focusRow("1", "2024-09-01", "")), 0o644)
		info, err := Read(path, Options{}, func(Line) error { return nil })
		if err != nil || info.Format != want || info.Rows != 1 {
			t.Errorf("%s: %+v, %v; want %s", want, info, err, want)
		}
	}
}
