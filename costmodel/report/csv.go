package report

import (
	"encoding/csv"
	"errors"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/tiercost/tiercost/costmodel/money"
	"github.com/tiercost/tiercost/costmodel/pricing"
)

// item is one line item with the resource it belongs to.
type item struct {
	tier     string
	resource pricing.ResourceCost
	path     string // resource name, with "parent / " for subresources
	line     pricing.CostComponent
}

// items flattens every priced line item of every tier, in breakdown order.
func items(d Data) []item {
	var out []item
	for _, t := range d.Tiers {
		out = append(out, tierItems(t)...)
	}
	return out
}

// unsupported lists a tier's resources of types no pricer knows: the CSVs
// carry them as rows without a cost, so a sum of the file is no more
// complete than the total.
func unsupported(t TierSummary) []pricing.ResourceCost {
	var out []pricing.ResourceCost
	for _, r := range t.Breakdown.Resources {
		if r.Status == pricing.StatusUnsupported {
			out = append(out, r)
		}
	}
	return out
}

// priceStatus names a line's price status in the CSVs: "priced", "price
// not found" or, for a line with no quantity, "no quantity".
func priceStatus(c pricing.CostComponent) string {
	switch {
	case c.PriceFound:
		return "priced"
	case !c.Unpriced():
		return "no quantity"
	}
	return notFound
}

// tierItems flattens one tier's priced line items.
func tierItems(t TierSummary) []item {
	var out []item
	for n, c := range t.Breakdown.Lines() {
		if n.Top.Status != pricing.StatusPriced {
			continue
		}
		// A subresource is billed as part of its top-level resource.
		res := n.Resource
		if res.URN == "" {
			res.URN = n.Top.URN
		}
		if res.Component == "" {
			res.Component = n.Top.Component
		}
		out = append(out, item{tier: t.Name, resource: res, path: n.Path(), line: c})
	}
	return out
}

// CSVHeader is the column list of CSV.
var csvHeader = []string{
	"tier", "component", "resource", "resource_type", "urn", "line_item", "unit",
	"monthly_quantity", "unit_price_usd", "monthly_cost_usd", "usage_based", "price_status",
	"quantity_source", "catalog_layer", "price_source", "price_as_of",
	"assumed", "purchase_option", "tier_items_not_priced", "tier_total_is_lower_bound", "tier_overloaded",
}

// CSV writes one row per line item, and one per unsupported resource.
// Amounts are exact decimals; a line item whose price is not known has
// empty price and cost cells and price_status "price not found", never 0.
// Each row carries its tier's marks, so a sum of the file is never taken
// for a complete total.
func CSV(w io.Writer, d Data) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(csvHeader); err != nil {
		return err
	}
	for _, t := range d.Tiers {
		marks := []string{strconv.Itoa(t.ItemsNotPriced), strconv.FormatBool(t.TotalIsLowerBound), t.Overloaded}
		for _, it := range tierItems(t) {
			c := it.line
			price, cost := "", ""
			if c.PriceFound {
				price, cost = money.Exact(c.Price), money.Exact(c.MonthlyCost)
			}
			row := []string{
				it.tier, ComponentName(it.resource), it.path, it.resource.Type, it.resource.URN,
				c.Name, c.Unit, money.Exact(c.MonthlyQuantity), price, cost, strconv.FormatBool(c.UsageBased), priceStatus(c),
				c.QuantitySource, c.Provenance.Layer, c.Provenance.Source, c.Provenance.AsOf, c.Assumed, c.PurchaseOption,
			}
			if err := cw.Write(append(row, marks...)); err != nil {
				return err
			}
		}
		for _, r := range unsupported(t) {
			row := []string{t.Name, ComponentName(r), r.Name, r.Type, r.URN, "", "", "", "", "", "false", "unsupported type",
				"", "", "", "", "", ""}
			if err := cw.Write(append(row, marks...)); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

// focusHeader lists FinOps FOCUS columns, then tiercost's own columns with
// the x_ prefix FOCUS reserves for custom columns.
var focusHeader = []string{
	"BilledCost", "EffectiveCost", "ListCost", "ListUnitPrice", "ContractedCost", "ContractedUnitPrice",
	"PricingQuantity", "PricingUnit", "ConsumedQuantity", "ConsumedUnit", "PricingCategory",
	"ServiceName", "ServiceCategory", "ResourceId", "ResourceName", "ResourceType", "RegionId", "RegionName",
	"ChargePeriodStart", "ChargePeriodEnd", "BillingPeriodStart", "BillingPeriodEnd",
	"ChargeCategory", "ChargeClass", "ChargeFrequency", "ChargeDescription", "BillingCurrency",
	"ProviderName", "PublisherName", "InvoiceIssuerName", "SkuId", "SkuPriceId",
	"x_Tier", "x_Component", "x_PriceStatus", "x_PriceAsOf", "x_CatalogLayer", "x_PriceSource",
	"x_Assumed", "x_PurchaseOption", "x_TierItemsNotPriced", "x_TierTotalIsLowerBound", "x_TierOverloaded",
}

// monthBounds returns the projected charge period: the month that holds t.
func monthBounds(t time.Time) (start, end string) {
	t = t.UTC()
	s := time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC)
	return s.Format(time.RFC3339), s.AddDate(0, 1, 0).Format(time.RFC3339)
}

// FOCUS writes line items as a FinOps FOCUS cost-and-usage CSV: a
// projection of one month (the month of d.Generated) at list prices, so
// billed, effective, list and contracted cost are equal, except for a line
// bought at a purchase option (reserved): its list and contracted cost are
// on demand, its billed and effective cost the option's, and its
// PricingCategory is Committed. A line item whose
// price is not known keeps empty cost cells and x_PriceStatus "price not
// found": a FOCUS loader sees a gap, never a $0 charge. One file holds one
// tier (ErrSeveralTiers otherwise; see ByTier).
func FOCUS(w io.Writer, d Data) error {
	if len(d.Tiers) > 1 {
		return ErrSeveralTiers
	}
	cw := csv.NewWriter(w)
	if err := cw.Write(focusHeader); err != nil {
		return err
	}
	start, end := monthBounds(d.Generated)
	for _, t := range d.Tiers {
		if err := focusTier(cw, d, t, start, end); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// focusTier writes one tier's FOCUS rows: its line items, then a row
// without cost for each unsupported resource.
func focusTier(cw *csv.Writer, d Data, t TierSummary, start, end string) error {
	region := d.Region
	if t.Breakdown.Region != "" {
		region = t.Breakdown.Region
	}
	marks := []string{strconv.Itoa(t.ItemsNotPriced), strconv.FormatBool(t.TotalIsLowerBound), t.Overloaded}
	for _, it := range tierItems(t) {
		c := it.line
		cost, price := "", ""
		listCost, listPrice, category := "", "", "Standard"
		if c.PriceFound {
			cost, price = money.Exact(c.MonthlyCost), money.Exact(c.Price)
			listCost, listPrice = cost, price
		}
		// A line bought at a purchase option: its list (and contracted)
		// cost is on demand, its billed and effective cost the option's.
		if c.ListPrice != nil && c.ListCost != nil {
			listCost, listPrice, category = money.Exact(*c.ListCost), money.Exact(*c.ListPrice), "Committed"
		}
		status := priceStatus(c)
		svc, cat := pricing.ServiceOf(it.resource.Type)
		qty := money.Exact(c.MonthlyQuantity)
		row := []string{
			cost, cost, listCost, listPrice, listCost, listPrice,
			qty, c.Unit, qty, c.Unit, category,
			svc, cat, it.resource.URN, it.path, it.resource.Type, region, regionName(region),
			start, end, start, end,
			"Usage", "", "Usage-Based", c.Name, "USD",
			"AWS", "AWS", "AWS", "", "",
			it.tier, ComponentName(it.resource), status, c.Provenance.AsOf, c.Provenance.Layer, c.Provenance.Source,
			c.Assumed, c.PurchaseOption,
		}
		if !c.UsageBased {
			row[24] = "Recurring"
		}
		if err := cw.Write(append(row, marks...)); err != nil {
			return err
		}
	}
	for _, r := range unsupported(t) {
		row := make([]string, len(focusHeader)-len(marks))
		row[13], row[14], row[15], row[16], row[17] = r.URN, r.Name, r.Type, region, regionName(region)
		row[18], row[19], row[20], row[21], row[22], row[26] = start, end, start, end, "Usage", "USD"
		row[27], row[28], row[29], row[32], row[33], row[34] = "AWS", "AWS", "AWS", t.Name, ComponentName(r), "unsupported type"
		if err := cw.Write(append(row, marks...)); err != nil {
			return err
		}
	}
	return nil
}

// regionNames are AWS's display names for FOCUS RegionName; an unlisted
// region shows its code.
var regionNames = map[string]string{
	"us-east-1": "US East (N. Virginia)", "us-east-2": "US East (Ohio)",
	"us-west-1": "US West (N. California)", "us-west-2": "US West (Oregon)",
	"ca-central-1": "Canada (Central)", "sa-east-1": "South America (São Paulo)",
	"eu-west-1": "Europe (Ireland)", "eu-west-2": "Europe (London)", "eu-west-3": "Europe (Paris)",
	"eu-central-1": "Europe (Frankfurt)", "eu-north-1": "Europe (Stockholm)",
	"ap-south-1": "Asia Pacific (Mumbai)", "ap-southeast-1": "Asia Pacific (Singapore)",
	"ap-southeast-2": "Asia Pacific (Sydney)", "ap-northeast-1": "Asia Pacific (Tokyo)",
	"ap-northeast-2": "Asia Pacific (Seoul)",
}

func regionName(code string) string {
	if n, ok := regionNames[code]; ok {
		return n
	}
	return code
}

// ErrSeveralTiers is FOCUS's refusal of a report with several tiers: each
// tier is an alternative future, and a FOCUS file is one billing period
// whose rows a loader adds up. ByTier and TierPath write one file per tier.
var ErrSeveralTiers = errors.New("a FOCUS file holds one billing period, and the tiers are alternatives that must not be summed: write one file per tier")

// ByTier splits a report into one report per tier.
func ByTier(d Data) []Data {
	out := make([]Data, 0, len(d.Tiers))
	for _, t := range d.Tiers {
		one := d
		one.Tiers = []TierSummary{t}
		one.Budget, one.Rightsizing, one.Findings = nil, nil, nil
		out = append(out, one)
	}
	return out
}

// TierPath names one tier's file after the path asked for, the tier before
// the first dot of the file name: "out/tiers.focus.csv" is
// "out/tiers-1k.focus.csv" for the 1k tier.
func TierPath(path, tier string) string {
	dir, file := filepath.Split(path)
	if i := strings.Index(file, "."); i > 0 {
		return dir + file[:i] + "-" + tier + file[i:]
	}
	return dir + file + "-" + tier
}
