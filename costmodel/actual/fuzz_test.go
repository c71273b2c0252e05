package actual

import (
	"bytes"
	"compress/gzip"
	"encoding/csv"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzReadBill: any bytes as a bill (CSV, gzip, Parquet or neither) end in
// lines or in one error line naming the file, never a panic. When a CSV
// reads, it has as many lines as encoding/csv finds records after the
// header.
func FuzzReadBill(f *testing.F) {
	sample, err := os.ReadFile(samplePath)
	if err != nil {
		f.Fatal(err)
	}
	head := sample[:bytes.IndexByte(sample, '\n')+1]
	rows := bytes.SplitAfter(sample, []byte("\n"))
	f.Add(bytes.Join(rows[:4], nil))
	f.Add(head)
	cur, _ := os.ReadFile("testdata/cur2.csv")
	f.Add(cur)
	f.Add([]byte(focusHeader + focusRow("1", "2024-09-01", `"{""a"": ""b""}"`)))
	var gz bytes.Buffer
	w := gzip.NewWriter(&gz)
	w.Write(bytes.Join(rows[:3], nil))
	w.Close()
	f.Add(gz.Bytes())
	pq := filepath.Join(f.TempDir(), "cur.parquet")
	writeCURParquet(&testing.T{}, "testdata/cur2.csv", pq)
	if data, err := os.ReadFile(pq); err == nil {
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(t.TempDir(), "bill")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		var last int64
		info, err := Read(path, Options{}, func(l Line) error {
			if l.Row <= last {
				t.Fatalf("row %d after %d", l.Row, last)
			}
			last = l.Row
			return nil
		})
		if err != nil {
			if msg := err.Error(); !strings.HasPrefix(msg, path+": ") || strings.Contains(msg, "\n") {
				t.Fatalf("not one line naming the file: %q", msg)
			}
			return
		}
		if info.Encoding != "CSV" || bytes.Contains(data, []byte{'\r'}) {
			return
		}
		r := csv.NewReader(bytes.NewReader(data))
		r.FieldsPerRecord = -1
		recs, cerr := r.ReadAll()
		if cerr == nil && int64(len(recs)-1) != info.Rows {
			t.Fatalf("read %d lines, encoding/csv finds %d records after the header", info.Rows, len(recs)-1)
		}
	})
}

// FuzzParseDecimal: what parseDecimal accepts equals the exact rational
// big.Rat reads from the same text.
func FuzzParseDecimal(f *testing.F) {
	for _, s := range []string{"0", "12.34", "-0.5", ".5", "1.5E-7", "0.00000080000", "123456789012345678901234.5", "1e40", "+3."} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, ok := parseDecimal([]byte(s))
		if !ok {
			return
		}
		want, ok := new(big.Rat).SetString(s)
		if !ok {
			t.Fatalf("parseDecimal accepted %q, big.Rat does not", s)
		}
		if d.Rat().Cmp(want) != 0 {
			t.Fatalf("parseDecimal(%q) = %s, want %s", s, d, want.FloatString(20))
		}
	})
}
