package actual

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/shopspring/decimal"
)

// slot is a Line field (or a value one is computed from) that a format
// fills from one of its columns.
type slot int

const (
	sProvider slot = iota
	sService
	sServiceCode
	sUsageType
	sOperation
	sResourceID
	sResourceName
	sRegion
	sChargeCategory
	sDescription
	sPricingUnit
	sSku
	sCurrency
	sPeriod
	sQuantity
	sBilled
	sEffective
	sList
	sListUnitPrice
	sTags
	// CUR 2.0 only: what its effective cost is computed from.
	sLineItemType
	sNetUnblended
	sSavingsPlanEffective
	sReservationEffective
	numSlots
)

// amountSlots hold decimal amounts; every other slot holds text.
var amountSlots = []slot{sQuantity, sBilled, sEffective, sList, sListUnitPrice, sNetUnblended, sSavingsPlanEffective, sReservationEffective}

// format is one bill format: the column of each slot and which columns a
// file must have.
type format struct {
	name     string
	columns  [numSlots]string
	required []slot
	// nonNull lists the slots whose cells must hold a value.
	nonNull []slot
	// newer names columns only a later version has, and that version.
	newer      []string
	newerName  string
	recognised []string // columns whose presence says "this format"
}

// FOCUS 1.0 and 1.1 (https://focus.finops.org): the mandatory columns this
// package uses are required; the AWS x_ columns are read when present.
var focus = format{
	name: "FOCUS 1.0",
	columns: [numSlots]string{
		sProvider: "ProviderName", sService: "ServiceName", sServiceCode: "x_ServiceCode", sUsageType: "x_UsageType",
		sOperation: "x_Operation", sResourceID: "ResourceId", sResourceName: "ResourceName", sRegion: "RegionId",
		sChargeCategory: "ChargeCategory", sDescription: "ChargeDescription", sPricingUnit: "PricingUnit", sSku: "SkuId",
		sCurrency: "BillingCurrency", sPeriod: "BillingPeriodStart", sQuantity: "PricingQuantity", sBilled: "BilledCost",
		sEffective: "EffectiveCost", sList: "ListCost", sListUnitPrice: "ListUnitPrice", sTags: "Tags",
	},
	required: []slot{sProvider, sService, sResourceID, sChargeCategory, sPricingUnit, sCurrency, sPeriod, sQuantity, sBilled, sEffective, sList},
	nonNull:  []slot{sBilled, sEffective},
	// Columns FOCUS 1.1 added.
	newer:      []string{"ServiceSubcategory", "SkuMeter", "SkuPriceDetails", "CommitmentDiscountQuantity", "CommitmentDiscountUnit", "CapacityReservationId", "CapacityReservationStatus"},
	newerName:  "FOCUS 1.1",
	recognised: []string{"BilledCost", "EffectiveCost", "BillingPeriodStart", "ChargeCategory"},
}

// AWS CUR 2.0 (Data Exports, "CUR 2.0" table).
var cur2 = format{
	name: "CUR 2.0",
	columns: [numSlots]string{
		sServiceCode: "line_item_product_code", sUsageType: "line_item_usage_type", sOperation: "line_item_operation",
		sResourceID: "line_item_resource_id", sRegion: "product_region_code", sDescription: "line_item_line_item_description",
		sPricingUnit: "pricing_unit", sSku: "product_sku", sCurrency: "line_item_currency_code",
		sPeriod: "bill_billing_period_start_date", sQuantity: "line_item_usage_amount", sBilled: "line_item_unblended_cost",
		sList: "pricing_public_on_demand_cost", sListUnitPrice: "pricing_public_on_demand_rate", sTags: "resource_tags",
		sLineItemType: "line_item_line_item_type", sNetUnblended: "line_item_net_unblended_cost",
		sSavingsPlanEffective: "savings_plan_savings_plan_effective_cost", sReservationEffective: "reservation_effective_cost",
	},
	required:   []slot{sServiceCode, sUsageType, sResourceID, sLineItemType, sPricingUnit, sCurrency, sPeriod, sQuantity, sBilled},
	nonNull:    []slot{sBilled},
	recognised: []string{"line_item_unblended_cost", "line_item_line_item_type", "bill_billing_period_start_date"},
}

// layout is where each slot's column is in one file (-1: absent).
type layout struct {
	f     *format
	name  string // the format's name with its version
	index [numSlots]int
	cols  int // the header's width
}

// detect tells the format from a header and checks its required columns.
func detect(file string, header []string) (*layout, error) {
	has := func(names []string) int {
		n := 0
		for _, c := range names {
			if slices.Contains(header, c) {
				n++
			}
		}
		return n
	}
	if slices.ContainsFunc(header, func(c string) bool { return strings.HasPrefix(c, "lineItem/") }) {
		return nil, fmt.Errorf("%s: row 1: is a legacy Cost and Usage Report (CUR 1.0); allowed: a FOCUS 1.0/1.1 or CUR 2.0 export (AWS Data Exports)", file)
	}
	f := &focus
	if has(cur2.recognised) > has(focus.recognised) {
		f = &cur2
	}
	if has(f.recognised) == 0 {
		return nil, fmt.Errorf("%s: row 1: the header names no FOCUS or CUR 2.0 columns; allowed: a FOCUS 1.0/1.1 or CUR 2.0 export with its header row", file)
	}
	l := &layout{f: f, name: f.name, cols: len(header)}
	at := map[string]int{}
	for i, c := range header {
		if _, dup := at[c]; dup && c != "" {
			return nil, fmt.Errorf("%s: row 1: column %s appears twice; allowed: each column once", file, colName(c))
		}
		at[c] = i
	}
	var missing []string
	for s := range numSlots {
		l.index[s] = -1
		if i, ok := at[f.columns[s]]; ok && f.columns[s] != "" {
			l.index[s] = i
		}
	}
	for _, s := range f.required {
		if l.index[s] < 0 {
			missing = append(missing, f.columns[s])
		}
	}
	if len(missing) > 0 {
		return nil, fmt.Errorf("%s: row 1: missing required %s columns %s; allowed: an export with all of %s", file, f.name, strings.Join(missing, ", "), requiredList(f))
	}
	if has(f.newer) > 0 {
		l.name = f.newerName
	}
	return l, nil
}

func requiredList(f *format) string {
	var names []string
	for _, s := range f.required {
		names = append(names, f.columns[s])
	}
	return strings.Join(names, ", ")
}

// colName shows a column name from a header safely.
func colName(c string) string {
	if c == "" {
		return "(empty name)"
	}
	return c
}

// cells is one row's values by column, as text: CSV fields, or Parquet
// values rendered as text. null is true for a cell that holds no value.
type cells interface {
	cell(i int) (b []byte, null bool)
}

// decoder turns rows into Lines, sharing repeated strings and tag sets.
type decoder struct {
	file string
	l    *layout
	// last holds each text slot's previous value: consecutive lines of a
	// bill mostly repeat them, and a compare is cheaper than a lookup.
	last    [numSlots]string
	strs    interner
	tags    map[string]map[string]string
	scratch map[string]string
	// lastPeriod is the last period start cell found valid.
	lastPeriod string
}

// maxInterned bounds the shared strings and tag sets: past it a value is
// copied per line, so memory stays bounded whatever the bill holds.
const maxInterned = 1 << 16

func newDecoder(file string, l *layout) *decoder {
	return &decoder{file: file, l: l, strs: interner{m: map[string]string{}}, tags: map[string]map[string]string{}}
}

type interner struct{ m map[string]string }

func (in *interner) get(b []byte) string {
	if s, ok := in.m[string(b)]; ok {
		return s
	}
	s := string(b)
	if len(in.m) < maxInterned {
		in.m[s] = s
	}
	return s
}

// text returns a text slot's value, "" when the column is absent or null.
func (d *decoder) text(c cells, s slot) string {
	i := d.l.index[s]
	if i < 0 {
		return ""
	}
	b, null := c.cell(i)
	if null {
		return ""
	}
	if string(b) == d.last[s] {
		return d.last[s]
	}
	v := d.strs.get(b)
	d.last[s] = v
	return v
}

// amount returns a decimal slot's value; present is false when the column
// is absent or the cell empty. A required amount must be present.
func (d *decoder) amount(c cells, row int64, s slot) (v decimal.Decimal, present bool, err error) {
	i := d.l.index[s]
	if i < 0 {
		return decimal.Zero, false, nil
	}
	b, null := c.cell(i)
	if null {
		if slices.Contains(d.l.f.nonNull, s) {
			return decimal.Zero, false, cellError(d.file, row, d.l.f.columns[s], "is empty", "a decimal number such as 12.34 or -0.5")
		}
		return decimal.Zero, false, nil
	}
	v, ok := parseDecimal(b)
	if !ok {
		return decimal.Zero, false, cellError(d.file, row, d.l.f.columns[s], "is not a decimal number", "a decimal number such as 12.34, -0.5 or 1.5E-7")
	}
	return v, true, nil
}

// decode builds the Line of one row.
func (d *decoder) decode(c cells, row int64) (Line, error) {
	l := Line{Row: row}
	var err error
	amount := func(s slot) decimal.Decimal {
		if err != nil {
			return decimal.Zero
		}
		v, _, e := d.amount(c, row, s)
		err = e
		return v
	}
	l.Quantity = amount(sQuantity)
	l.BilledCost = amount(sBilled)
	if err == nil {
		l.ListCost, l.HasListCost, err = d.amount(c, row, sList)
	}
	if err == nil {
		l.ListUnitPrice, l.HasListUnitPrice, err = d.amount(c, row, sListUnitPrice)
	}
	if err != nil {
		return l, err
	}
	l.ServiceCode = d.text(c, sServiceCode)
	l.UsageType = d.text(c, sUsageType)
	l.Operation = d.text(c, sOperation)
	l.ResourceID = d.text(c, sResourceID)
	l.ResourceName = d.text(c, sResourceName)
	l.Region = d.text(c, sRegion)
	l.Description = d.text(c, sDescription)
	l.PricingUnit = d.text(c, sPricingUnit)
	l.SkuID = d.text(c, sSku)
	l.Currency = d.text(c, sCurrency)
	if l.Currency == "" {
		return l, cellError(d.file, row, d.l.f.columns[sCurrency], "is empty", "a currency code such as USD")
	}
	if l.Period, err = d.period(c, row); err != nil {
		return l, err
	}
	if l.Tags, err = d.tagSet(c, row); err != nil {
		return l, err
	}
	if d.l.f == &cur2 {
		return l, d.cur(c, row, &l)
	}
	l.Provider = d.text(c, sProvider)
	l.Service = d.text(c, sService)
	l.ChargeCategory = d.text(c, sChargeCategory)
	if l.ChargeCategory == "" {
		return l, cellError(d.file, row, "ChargeCategory", "is empty", "Usage, Purchase, Tax, Credit or Adjustment")
	}
	l.EffectiveCost = amount(sEffective)
	return l, err
}

// period reads the billing period start's month: "2024-09-01 00:00:00",
// "2024-09-01T00:00:00Z" and "2024-09-01" all give "2024-09". The cell
// must be a real date (FOCUS: an ISO 8601 date-time): 2024-13-45 is not.
func (d *decoder) period(c cells, row int64) (string, error) {
	i := d.l.index[sPeriod]
	b, null := c.cell(i)
	// A bill repeats its period on every line: check each spelling once.
	if !null && len(b) >= 7 && string(b) == d.lastPeriod {
		return d.strs.get(b[:7]), nil
	}
	if null || !isPeriodStart(string(b)) {
		return "", cellError(d.file, row, d.l.f.columns[sPeriod], "is not a date",
			"a date-time such as 2024-09-01T00:00:00Z, 2024-09-01T00:00:00.000Z or 2024-09-01 00:00:00, a date such as 2024-09-01, or a month such as 2024-09")
	}
	d.lastPeriod = string(b)
	return d.strs.get(b[:7]), nil
}

// periodLayouts are the spellings of a billing period's start that bills
// use: FOCUS's ISO 8601 date-time (with or without its Z, T or a space
// between date and time; fractional seconds are always allowed), a date,
// a month.
var periodLayouts = []string{
	"2006-01-02T15:04:05Z07:00", "2006-01-02 15:04:05Z07:00",
	"2006-01-02T15:04:05", "2006-01-02 15:04:05",
	"2006-01-02T15:04:05-0700", "2006-01-02 15:04:05-0700",
	"2006-01-02 15:04:05 UTC",
	"2006-01-02", "2006-01",
}

// isPeriodStart reports whether s is a real date or date-time in one of
// periodLayouts: month 01 to 12, a day the month has, a time of day.
func isPeriodStart(s string) bool {
	if len(s) < 7 || !isDigits([]byte(s[:4])) {
		return false
	}
	for _, layout := range periodLayouts {
		if _, err := time.Parse(layout, s); err == nil {
			return true
		}
	}
	return false
}

func isDigits(b []byte) bool {
	for _, c := range b {
		if c < '0' || c > '9' {
			return false
		}
	}
	return len(b) > 0
}

// tagSet reads the tags column: a JSON object of strings (FOCUS Tags, CUR
// 2.0 resource_tags in CSV). Keys lose AWS's "user:" prefix.
func (d *decoder) tagSet(c cells, row int64) (map[string]string, error) {
	i := d.l.index[sTags]
	if i < 0 {
		return nil, nil
	}
	if m, ok := c.(tagCells); ok {
		if tags, handled := m.tags(i); handled {
			return tags, nil
		}
	}
	b, null := c.cell(i)
	if null || string(b) == "{}" {
		return nil, nil
	}
	if t, ok := d.tags[string(b)]; ok {
		return t, nil
	}
	raw := map[string]any{}
	if err := json.Unmarshal(b, &raw); err != nil {
		return nil, cellError(d.file, row, d.l.f.columns[sTags], "is not a JSON object", `a JSON object of tag names to values, such as {"Environment": "prod"}`)
	}
	tags := make(map[string]string, len(raw))
	for k, v := range raw {
		s, ok := v.(string)
		if !ok {
			if v != nil {
				s = fmt.Sprint(v)
			}
		}
		tags[strings.TrimPrefix(k, "user:")] = s
	}
	if len(d.tags) < maxInterned {
		d.tags[string(b)] = tags
	}
	return tags, nil
}

// tagCells is implemented by rows whose tags come as a map (Parquet).
type tagCells interface {
	tags(i int) (map[string]string, bool)
}

// cur fills the CUR 2.0 fields a FOCUS bill has as columns: the charge
// category from the line item type, the effective cost, the provider and
// the service name.
func (d *decoder) cur(c cells, row int64, l *Line) error {
	l.Provider = "AWS"
	l.Service = serviceName(l.ServiceCode)
	typ := d.text(c, sLineItemType)
	cat, ok := curCategory[typ]
	if !ok {
		return cellError(d.file, row, "line_item_line_item_type", "is not a line item type", "Usage, DiscountedUsage, SavingsPlanCoveredUsage, Tax, Fee, Credit, Refund, RIFee, and the other CUR 2.0 types")
	}
	l.ChargeCategory = cat
	net, hasNet, err := d.amount(c, row, sNetUnblended)
	if err != nil {
		return err
	}
	sp, hasSP, err := d.amount(c, row, sSavingsPlanEffective)
	if err != nil {
		return err
	}
	ri, hasRI, err := d.amount(c, row, sReservationEffective)
	if err != nil {
		return err
	}
	switch {
	case typ == "SavingsPlanCoveredUsage" && hasSP:
		l.EffectiveCost = sp
	case typ == "DiscountedUsage" && hasRI:
		l.EffectiveCost = ri
	case commitmentLines[typ]:
		// Amortised into the usage the commitment covers.
		l.EffectiveCost = decimal.Zero
	case hasNet:
		l.EffectiveCost = net
	default:
		l.EffectiveCost = l.BilledCost
	}
	return nil
}

// curCategory maps CUR line item types to FOCUS charge categories.
var curCategory = map[string]string{
	"Usage": "Usage", "DiscountedUsage": "Usage", "SavingsPlanCoveredUsage": "Usage", "SavingsPlanNegation": "Usage",
	"Tax": "Tax", "Credit": "Credit", "Refund": "Credit", "BundledDiscount": "Credit", "Discount": "Credit",
	"EdpDiscount": "Credit", "PrivateRateDiscount": "Credit", "SppDiscount": "Credit", "DistributorDiscount": "Credit",
	"Fee": "Purchase", "RIFee": "Purchase", "SavingsPlanRecurringFee": "Purchase", "SavingsPlanUpfrontFee": "Purchase",
}

// commitmentLines are CUR line item types whose cost the effective cost
// spreads over the usage a commitment covers.
var commitmentLines = map[string]bool{
	"SavingsPlanNegation": true, "SavingsPlanRecurringFee": true, "SavingsPlanUpfrontFee": true, "RIFee": true,
}

// serviceName is the FOCUS ServiceName of an AWS product code, for the
// services tiercost prices; any other code stands for itself.
func serviceName(code string) string {
	if n, ok := serviceNames[code]; ok {
		return n
	}
	return code
}

var serviceNames = map[string]string{
	"AmazonEC2": "Amazon Elastic Compute Cloud", "AmazonVPC": "Amazon Virtual Private Cloud",
	"AWSELB": "Elastic Load Balancing", "AmazonCloudFront": "Amazon CloudFront",
	"AmazonRDS": "Amazon Relational Database Service", "AmazonElastiCache": "Amazon ElastiCache",
	"AmazonS3": "Amazon Simple Storage Service", "AmazonCloudWatch": "AmazonCloudWatch",
	"AWSDataTransfer": "AWS Data Transfer", "awskms": "AWS Key Management Service",
	"AmazonSNS": "Amazon Simple Notification Service", "AmazonRoute53": "Amazon Route 53",
	"awswaf": "AWS WAF", "AWSSecretsManager": "AWS Secrets Manager",
}
