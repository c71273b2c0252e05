package actual

import (
	"bufio"
	"encoding/csv"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/parquet-go/parquet-go"
	"github.com/shopspring/decimal"
)

func bufioReader(s string) *bufio.Reader { return bufio.NewReader(strings.NewReader(s)) }

// pqFocus is the FOCUS bill written as Parquet the ways exports write it:
// amounts as DECIMAL (BilledCost, EffectiveCost) and DOUBLE (ListCost,
// PricingQuantity), the period as a TIMESTAMP, tags as a MAP, the other
// columns as optional strings, and one column FOCUS does not have.
type pqFocus struct {
	BilledCost         int64             `parquet:"BilledCost,decimal(11:18)"`
	EffectiveCost      int64             `parquet:"EffectiveCost,decimal(11:18)"`
	ListCost           float64           `parquet:"ListCost"`
	PricingQuantity    *float64          `parquet:"PricingQuantity,optional"`
	ProviderName       string            `parquet:"ProviderName"`
	ServiceName        string            `parquet:"ServiceName"`
	ResourceId         *string           `parquet:"ResourceId,optional"`
	ChargeCategory     string            `parquet:"ChargeCategory"`
	PricingUnit        *string           `parquet:"PricingUnit,optional"`
	BillingCurrency    string            `parquet:"BillingCurrency"`
	BillingPeriodStart int64             `parquet:"BillingPeriodStart,timestamp(microsecond:utc)"`
	Tags               map[string]string `parquet:"Tags,optional"`
	XUnknown           string            `parquet:"x_SomethingElse"`
}

// writeParquetFromCSV writes a FOCUS CSV bill as Parquet (see pqFocus).
func writeParquetFromCSV(t *testing.T, csvPath, out string) {
	t.Helper()
	f, err := os.Open(csvPath)
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
	optional := func(r []string, name string) *string {
		if v := r[col[name]]; v != "NULL" && v != "" {
			return &v
		}
		return nil
	}
	unscaled := func(r []string, name string) int64 {
		return decimal.RequireFromString(r[col[name]]).Shift(11).IntPart()
	}
	var rows []pqFocus
	for _, r := range recs[1:] {
		list, err := strconv.ParseFloat(r[col["ListCost"]], 64)
		if err != nil {
			t.Fatal(err)
		}
		p := pqFocus{
			BilledCost: unscaled(r, "BilledCost"), EffectiveCost: unscaled(r, "EffectiveCost"), ListCost: list,
			ProviderName: r[col["ProviderName"]], ServiceName: r[col["ServiceName"]], ResourceId: optional(r, "ResourceId"),
			ChargeCategory: r[col["ChargeCategory"]], PricingUnit: optional(r, "PricingUnit"), BillingCurrency: r[col["BillingCurrency"]],
		}
		if q := optional(r, "PricingQuantity"); q != nil {
			v, err := strconv.ParseFloat(*q, 64)
			if err != nil {
				t.Fatal(err)
			}
			p.PricingQuantity = &v
		}
		start, err := time.Parse(time.DateTime, r[col["BillingPeriodStart"]])
		if err != nil {
			t.Fatal(err)
		}
		p.BillingPeriodStart = start.UnixMicro()
		if tags := optional(r, "Tags"); tags != nil {
			p.Tags = map[string]string{}
			// The sample's tags are flat JSON objects of strings.
			for _, kv := range strings.Split(strings.Trim(*tags, "{}"), ", ") {
				k, v, _ := strings.Cut(kv, ": ")
				p.Tags[strings.Trim(k, `"`)] = strings.Trim(v, `"`)
			}
		}
		rows = append(rows, p)
	}
	of, err := os.Create(out)
	if err != nil {
		t.Fatal(err)
	}
	defer of.Close()
	// Small row groups, so the reader crosses several.
	w := parquet.NewGenericWriter[pqFocus](of, parquet.MaxRowsPerRowGroup(300))
	if _, err := w.Write(rows); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
}
