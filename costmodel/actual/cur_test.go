package actual

import (
	"path/filepath"
	"testing"

	"github.com/shopspring/decimal"
)

// TestCUR2CSV: a hand-written CUR 2.0 export: categories from the line
// item types, the effective cost of each (net unblended; the savings
// plan's effective cost for covered usage; nothing for the negation and
// the fee, amortised into the covered usage), tags without "user:".
func TestCUR2CSV(t *testing.T) {
	checkCUR(t, "testdata/cur2.csv", "CSV")
}

func checkCUR(t *testing.T, path, encoding string) {
	t.Helper()
	var lines []Line
	info, err := Read(path, Options{}, func(l Line) error { lines = append(lines, l); return nil })
	if err != nil {
		t.Fatal(err)
	}
	if info.Format != "CUR 2.0" || info.Encoding != encoding || info.Rows != 6 {
		t.Fatalf("info = %+v", info)
	}
	for i, want := range []struct {
		category, service, billed, effective string
	}{
		{"Usage", "Amazon Elastic Compute Cloud", "67.5", "60.75"},   // net unblended
		{"Usage", "Amazon Elastic Compute Cloud", "58.752", "40.32"}, // savings plan effective cost
		{"Usage", "Amazon Elastic Compute Cloud", "-58.752", "0"},    // negation: amortised
		{"Purchase", "ComputeSavingsPlans", "43.2", "0"},             // recurring fee: amortised
		{"Tax", "AWS Data Transfer", "1.25", "1.25"},                 // net unblended
		{"Credit", "Amazon Elastic Compute Cloud", "-10", "-10"},     // net unblended
	} {
		l := lines[i]
		if l.ChargeCategory != want.category || l.Service != want.service || !l.BilledCost.Equal(decimal.RequireFromString(want.billed)) ||
			!l.EffectiveCost.Equal(decimal.RequireFromString(want.effective)) {
			t.Errorf("line %d: %s %s billed %s effective %s; want %+v", i+1, l.ChargeCategory, l.Service, l.BilledCost, l.EffectiveCost, want)
		}
		// CSV rows count the header as row 1; Parquet has none.
		row := int64(i + 2)
		if encoding == "Parquet" {
			row = int64(i + 1)
		}
		if l.Period != "2024-09" || l.Provider != "AWS" || l.Row != row {
			t.Errorf("line %d: period %q provider %q row %d", i+1, l.Period, l.Provider, l.Row)
		}
	}
	nat := lines[0]
	if nat.UsageType != "USE1-NatGateway-Bytes" || nat.ResourceID != "nat-0a9b8c7d6e5f40312" || nat.PricingUnit != "GB" ||
		!nat.Quantity.Equal(decimal.NewFromInt(1500)) || !nat.ListUnitPrice.Equal(decimal.RequireFromString("0.045")) ||
		nat.Tags["Environment"] != "prod" || nat.Tags["Component"] != "net" || len(nat.Tags) != 2 {
		t.Errorf("NAT line: %+v", nat)
	}
	if lines[1].Tags != nil {
		t.Errorf("{} tags = %v, want none", lines[1].Tags)
	}
}

// TestCUR2Parquet: the same export as Parquet, with resource_tags as a
// MAP and amounts as DOUBLE, reads to the same lines.
func TestCUR2Parquet(t *testing.T) {
	out := filepath.Join(t.TempDir(), "cur.parquet")
	writeCURParquet(t, "testdata/cur2.csv", out)
	checkCUR(t, out, "Parquet")
}
