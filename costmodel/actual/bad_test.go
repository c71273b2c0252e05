package actual

import (
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// focusHeader holds FOCUS's required columns and one extra.
const focusHeader = "BilledCost,EffectiveCost,ListCost,BillingCurrency,BillingPeriodStart,ChargeCategory,ProviderName,ServiceName,ResourceId,PricingQuantity,PricingUnit,Tags,x_Extra\n"

func focusRow(billed, period, tags string) string {
	return billed + ",1," + billed + ",USD," + period + ",Usage,AWS,Amazon Elastic Compute Cloud,i-1,1,Hours," + tags + ",whatever\n"
}

// TestBadBills: each broken bill is one line naming the file, the row and
// (for a bad cell) the column, and never quotes the cell (cells here hold
// the marker S3CR3T).
func TestBadBills(t *testing.T) {
	good := focusHeader + focusRow("1.5", "2024-09-01T00:00:00Z", `"{""Environment"": ""prod""}"`)
	gz := func(s string) string {
		var b bytes.Buffer
		w := gzip.NewWriter(&b)
		w.Write([]byte(s))
		w.Close()
		return b.String()
	}
	whole := gz(good + strings.Repeat(focusRow("2", "2024-09-01", ""), 200))
	for _, tc := range []struct {
		name, content string
		want          []string
	}{
		{"empty", "", []string{"the file is empty"}},
		{"no known columns", "a,b,c\n1,2,3\n", []string{"row 1", "names no FOCUS or CUR 2.0 columns"}},
		{"missing required columns", "BilledCost,ChargeCategory\n1,Usage\n", []string{"row 1", "missing required FOCUS 1.0 columns ProviderName, ServiceName", "EffectiveCost, ListCost; allowed"}},
		{"legacy CUR", "identity/LineItemId,lineItem/UnblendedCost\nx,1\n", []string{"row 1", "legacy Cost and Usage Report (CUR 1.0)"}},
		{"duplicate column", strings.Replace(focusHeader, "x_Extra", "Tags", 1), []string{"row 1", "column Tags appears twice"}},
		{"amount not a number", good + focusRow("S3CR3T", "2024-09-01", ""), []string{"row 3", "column BilledCost: is not a decimal number; allowed: a decimal number"}},
		{"amount with a comma", good + focusRow(`"1,5S3CR3T"`, "2024-09-01", ""), []string{"row 3", "column BilledCost: is not a decimal number"}},
		{"required amount empty", good + focusRow("", "2024-09-01", ""), []string{"row 3", "column BilledCost: is empty"}},
		{"period not a date", good + focusRow("1", "S3CR3T-09", ""), []string{"row 3", "column BillingPeriodStart: is not a date"}},
		{"tags not JSON", good + focusRow("1", "2024-09-01", "S3CR3T"), []string{"row 3", "column Tags: is not a JSON object"}},
		{"truncated mid-row", good + "2.5,1,2.5,USD,2024-09-01,Us", []string{"row 3", "has 6 columns, the header has 13 (is the file cut off?)"}},
		{"truncated in a quote", good + `1,1,1,USD,2024-09-01,Usage,AWS,EC2,i-1,1,Hours,"{""S3CR3T`, []string{"row 3", "a quoted value is not closed (is the file cut off?)"}},
		{"stray quote", good + `1,1,1,USD,2024-09-01,Usage,AWS,EC2,i-1,1,Hou"r"s,,x` + "\n", []string{"row 3", "not valid CSV"}},
		{"gzip cut off", whole[:len(whole)/2], []string{"cut off or corrupt"}},
		{"zip", "PK\x03\x04S3CR3T", []string{"is a zip archive"}},
		{"parquet cut off", "PAR1S3CR3T", []string{"not a readable Parquet file (cut off or corrupt)"}},
		{"row too long", focusHeader + strings.Repeat("9", maxRecord+10) + "\n", []string{"row 2", "longer than 1 MiB"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "bill.csv")
			if err := os.WriteFile(path, []byte(tc.content), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := Read(path, Options{}, func(Line) error { return nil })
			if err == nil {
				t.Fatal("no error")
			}
			msg := err.Error()
			if !strings.HasPrefix(msg, path+": ") || strings.Contains(msg, "\n") || strings.Contains(msg, "S3CR3T") || !strings.Contains(msg, "; allowed: ") {
				t.Errorf("not one line naming the file, without the cell, with what is allowed:\n%s", msg)
			}
			for _, w := range tc.want {
				if !strings.Contains(msg, w) {
					t.Errorf("message lacks %q:\n%s", w, msg)
				}
			}
		})
	}
}

// TestTruncatedParquet: a Parquet bill cut anywhere fails cleanly.
func TestTruncatedParquet(t *testing.T) {
	dir := t.TempDir()
	whole := filepath.Join(dir, "whole.parquet")
	writeParquetFromCSV(t, samplePath, whole)
	data, err := os.ReadFile(whole)
	if err != nil {
		t.Fatal(err)
	}
	for _, cut := range []int{len(data) / 3, len(data) / 2, len(data) - 9} {
		p := filepath.Join(dir, "cut.parquet")
		os.WriteFile(p, data[:cut], 0o644)
		_, err := Read(p, Options{}, func(Line) error { return nil })
		if err == nil || !strings.Contains(err.Error(), "cut off or corrupt") || strings.Contains(err.Error(), "\n") {
			t.Errorf("cut at %d: %v", cut, err)
		}
	}
}

// TestBOMInsideGzip: a byte order mark at the start of the compressed CSV
// is dropped like one at the start of a plain file.
func TestBOMInsideGzip(t *testing.T) {
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	w.Write([]byte("\ufeff" + focusHeader + focusRow("1", "2024-09-01", "")))
	w.Close()
	path := filepath.Join(t.TempDir(), "bill.csv.gz")
	os.WriteFile(path, b.Bytes(), 0o644)
	info, err := Read(path, Options{}, func(Line) error { return nil })
	if err != nil || info.Rows != 1 {
		t.Errorf("%+v, %v", info, err)
	}
}

// TestBillingPeriodStart: the period start is read as the real date or
// date-time it must be. Each spelling bills use gives its month; a month
// past 12, a day the month lacks, a time past 23:59:59 or trailing text
// is an error naming the file, row 3 (the second line) and the column.
func TestBillingPeriodStart(t *testing.T) {
	for _, tc := range []struct {
		period string
		month  string // "" when the cell must be refused
	}{
		{"2024-09-01T00:00:00Z", "2024-09"},      // FOCUS 1.0
		{"2024-09-01T00:00:00.000Z", "2024-09"},  // CUR 2.0
		{"2024-09-01 00:00:00", "2024-09"},       // the FOCUS sample
		{"2024-09-01T00:00:00+00:00", "2024-09"}, // RFC 3339 with an offset
		{"2024-09-01T00:00:00", "2024-09"},
		{"2024-09-01 00:00:00 UTC", "2024-09"},
		{"2024-09-01", "2024-09"}, // Parquet DATE
		{"2024-09", "2024-09"},
		{"2024-02-29", "2024-02"}, // a leap day
		{"2024-13-45", ""},
		{"2024-13-01", ""},
		{"2024-00-01", ""},
		{"2024-19", ""},
		{"2024-09-31", ""}, // September has 30 days
		{"2023-02-29", ""}, // not a leap year
		{"2024-09-00", ""},
		{"2024-09-01T25:00:00Z", ""},
		{"2024-09-01T00:00:00Zjunk", ""},
		{"2024-09-01junk", ""},
		{"2024-9-01", ""},
		{"20240901", ""},
	} {
		t.Run(tc.period, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "bill.csv")
			// A valid first line, so the one under test is row 3.
			content := focusHeader + focusRow("1", "2024-09-01", "") + focusRow("2", tc.period, "")
			if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
				t.Fatal(err)
			}
			var months []string
			_, err := Read(path, Options{}, func(l Line) error { months = append(months, l.Period); return nil })
			if tc.month == "" {
				want := path + ": row 3: column BillingPeriodStart: is not a date; allowed: a date-time such as 2024-09-01T00:00:00Z"
				if err == nil || !strings.HasPrefix(err.Error(), want) {
					t.Errorf("error %v, want %q", err, want)
				}
				return
			}
			if err != nil || len(months) != 2 || months[1] != tc.month {
				t.Errorf("months %v, error %v; want %s", months, err, tc.month)
			}
		})
	}
}
