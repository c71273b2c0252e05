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

// pqCUR is CUR 2.0 as Data Exports writes Parquet: amounts as DOUBLE,
// resource_tags as a MAP.
type pqCUR struct {
	Period       string            `parquet:"bill_billing_period_start_date"`
	Type         string            `parquet:"line_item_line_item_type"`
	Product      string            `parquet:"line_item_product_code"`
	UsageType    *string           `parquet:"line_item_usage_type,optional"`
	Operation    *string           `parquet:"line_item_operation,optional"`
	Resource     *string           `parquet:"line_item_resource_id,optional"`
	Region       *string           `parquet:"product_region_code,optional"`
	Description  string            `parquet:"line_item_line_item_description"`
	Unit         *string           `parquet:"pricing_unit,optional"`
	Currency     string            `parquet:"line_item_currency_code"`
	Amount       *float64          `parquet:"line_item_usage_amount,optional"`
	Unblended    float64           `parquet:"line_item_unblended_cost"`
	NetUnblended *float64          `parquet:"line_item_net_unblended_cost,optional"`
	ListCost     *float64          `parquet:"pricing_public_on_demand_cost,optional"`
	ListRate     *float64          `parquet:"pricing_public_on_demand_rate,optional"`
	SPEffective  *float64          `parquet:"savings_plan_savings_plan_effective_cost,optional"`
	RIEffective  *float64          `parquet:"reservation_effective_cost,optional"`
	Tags         map[string]string `parquet:"resource_tags,optional"`
	Sku          *string           `parquet:"product_sku,optional"`
}

func writeCURParquet(t *testing.T, csvPath, out string) {
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
	str := func(s string) *string {
		if s == "" {
			return nil
		}
		return &s
	}
	num := func(s string) *float64 {
		if s == "" {
			return nil
		}
		v, err := strconv.ParseFloat(s, 64)
		if err != nil {
			t.Fatal(err)
		}
		return &v
	}
	var rows []pqCUR
	for _, r := range recs[1:] {
		p := pqCUR{Period: r[0], Type: r[1], Product: r[2], UsageType: str(r[3]), Operation: str(r[4]), Resource: str(r[5]),
			Region: str(r[6]), Description: r[7], Unit: str(r[8]), Currency: r[9], Amount: num(r[10]), Unblended: *num(r[11]),
			NetUnblended: num(r[12]), ListCost: num(r[13]), ListRate: num(r[14]), SPEffective: num(r[15]), RIEffective: num(r[16]), Sku: str(r[18])}
		if r[17] != "" && r[17] != "{}" {
			p.Tags = map[string]string{}
			for _, kv := range strings.Split(strings.Trim(r[17], "{}"), ",") {
				k, v, _ := strings.Cut(kv, ":\"")
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
	w := parquet.NewGenericWriter[pqCUR](of)
	if _, err := w.Write(rows); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
}
