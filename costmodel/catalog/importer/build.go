package importer

import (
	"fmt"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/tiercost/tiercost/costmodel/catalog"
	"github.com/tiercost/tiercost/costmodel/inputfile"
)

// dim is one price dimension of a term, as the offer file gives it.
type dim struct {
	unit, usd, begin, end, desc string
	hasUSD                      bool
}

// termAttrs are a reserved term's attributes.
type termAttrs struct {
	length, payment, class string
}

// builder collects the prices of one import, file by file.
type builder struct {
	file      string
	offerCode string
	version   string
	asOf      string

	prices  []catalog.Price
	skipped map[string]int
	regions map[string]bool
	// deferred holds the current file's account-wide prices until its
	// region is known.
	deferred []deferredPrice

	products int
}

func newBuilder() *builder {
	return &builder{skipped: map[string]int{}}
}

type deferredPrice struct {
	p   catalog.Price
	key func(string) catalog.ProductKey
}

// startFile resets the per-file provenance.
func (b *builder) startFile(file string) {
	b.file, b.offerCode, b.version, b.asOf = file, "", "", ""
	b.regions = map[string]bool{}
	b.deferred = nil
}

// finishFile keys the account-wide prices with the offer's region; an
// offer spanning several regions cannot say which one they belong to.
func (b *builder) finishFile() {
	region := ""
	if len(b.regions) == 1 {
		for r := range b.regions {
			region = r
		}
	}
	for _, dp := range b.deferred {
		if region == "" {
			b.skip("account-wide price in an offer without a single region")
			continue
		}
		dp.p.Product = dp.key(region)
		b.add(dp.p)
	}
	b.deferred = nil
}

// header checks and stores an offer's metadata.
func (b *builder) header(offerCode, version, published string) error {
	if offerCode == "" {
		return fmt.Errorf("%s: field offerCode is missing; an AWS offer file names its service, e.g. \"AmazonEC2\"", b.file)
	}
	if version == "" {
		return fmt.Errorf("%s: field version is missing; an AWS offer file carries one, e.g. \"20260925174521\"", b.file)
	}
	if len(published) < 10 || !isDate(published[:10]) {
		return fmt.Errorf("%s: field publicationDate is %s; want an RFC 3339 time such as \"2026-09-25T17:45:21Z\"", b.file, inputfile.Excerpt(published))
	}
	b.offerCode, b.version, b.asOf = offerCode, version, published[:10]
	return nil
}

func isDate(s string) bool {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return false
	}
	for i, c := range s {
		if i != 4 && i != 7 && (c < '0' || c > '9') {
			return false
		}
	}
	return true
}

func (b *builder) skip(reason string) { b.skipped[reason]++ }

func (b *builder) source(sku string) string {
	return b.offerCode + " " + b.version + " sku " + sku
}

// Bounds on the numbers an offer holds: no AWS fee, upfront fees
// included, comes near US$10^9, and no usage tier boundary near 10^15
// units. A 1e308 is a damaged or hostile file.
var (
	maxOfferUSD   = decimal.New(1, 9)
	maxOfferRange = catalog.MaxQuantity
)

func (b *builder) parse(sku, field, s string) (decimal.Decimal, error) {
	d, err := decimal.NewFromString(s)
	if err != nil {
		return decimal.Zero, fmt.Errorf("%s: sku %s: field %s is %s; want a decimal number", b.file, inputfile.Name(sku), field, inputfile.Excerpt(s))
	}
	bound, words := maxOfferRange, "0 to 10^15"
	if field == "pricePerUnit.USD" {
		bound, words = maxOfferUSD, "0 to 1000000000 US dollars"
	}
	if d.IsNegative() {
		return decimal.Zero, fmt.Errorf("%s: sku %s: field %s is %s, negative; allowed: %s", b.file, inputfile.Name(sku), field, inputfile.Excerpt(s), words)
	}
	if d.GreaterThan(bound) {
		return decimal.Zero, fmt.Errorf("%s: sku %s: field %s is %s, above the bound; allowed: %s", b.file, inputfile.Name(sku), field, inputfile.Excerpt(s), words)
	}
	return d, nil
}

// add stores one price; duplicates are dropped once all files are read.
func (b *builder) add(p catalog.Price) { b.prices = append(b.prices, p) }

// onDemand stores one on-demand price dimension.
func (b *builder) onDemand(sku string, t *target, d dim) error {
	if !d.hasUSD {
		b.skip("price not in USD")
		return nil
	}
	usd, err := b.parse(sku, "pricePerUnit.USD", d.usd)
	if err != nil {
		return err
	}
	unit := d.unit
	if t.perGiBps && strings.HasPrefix(strings.ToLower(unit), "gibps") {
		// 40.96 USD per GiBps-month is 0.04 per MiBps-month; 1024 is a
		// power of two, so the quotient is exact at 20 places.
		usd = usd.DivRound(decimal.NewFromInt(1024), 20)
		unit = "MiBps-Mo"
	}
	start, end, err := b.tier(sku, t, d)
	if err != nil {
		return err
	}
	p := catalog.Price{
		Product: t.key, Term: catalog.OnDemandTerm, Unit: unit, USD: usd,
		TierStart: start, TierEnd: end, Description: d.desc,
		Source: b.source(sku), AsOf: b.asOf,
	}
	if t.anyRegion != nil {
		b.deferred = append(b.deferred, deferredPrice{p: p, key: t.anyRegion})
		return nil
	}
	b.add(p)
	b.regions[t.region] = true
	return nil
}

func (b *builder) tier(sku string, t *target, d dim) (decimal.Decimal, *decimal.Decimal, error) {
	if t.tierStart != nil || t.tierEnd != nil {
		start := decimal.Zero
		if t.tierStart != nil {
			start = *t.tierStart
		}
		return start, t.tierEnd, nil
	}
	start := decimal.Zero
	if d.begin != "" && d.begin != "0" {
		s, err := b.parse(sku, "beginRange", d.begin)
		if err != nil {
			return start, nil, err
		}
		start = s
	}
	if d.end == "" || strings.EqualFold(d.end, "Inf") {
		return start, nil, nil
	}
	e, err := b.parse(sku, "endRange", d.end)
	if err != nil {
		return start, nil, err
	}
	return start, &e, nil
}

// Hours in a reserved term, for spreading the upfront fee.
var (
	hours1yr = decimal.NewFromInt(8760)
	hours3yr = decimal.NewFromInt(26280)
)

// reserved stores a reserved term as one effective hourly price: the
// upfront fee spread over the term's hours plus the recurring hourly fee.
func (b *builder) reserved(sku string, t *target, ta termAttrs, dims []dim) error {
	if !t.hourly {
		b.skip("reserved: product is not bought by the hour")
		return nil
	}
	var hours decimal.Decimal
	switch strings.ReplaceAll(ta.length, " ", "") {
	case "1yr":
		hours, ta.length = hours1yr, "1yr"
	case "3yr":
		hours, ta.length = hours3yr, "3yr"
	default:
		b.skip("reserved: lease length not 1yr or 3yr")
		return nil
	}
	switch ta.payment {
	case "No Upfront", "Partial Upfront", "All Upfront":
	default:
		b.skip("reserved: purchase option not priced")
		return nil
	}
	if ta.class == "" {
		ta.class = "standard"
	}
	upfront, hourly := decimal.Zero, decimal.Zero
	sawHourly, sawUpfront := false, false
	for _, d := range dims {
		if !d.hasUSD {
			b.skip("price not in USD")
			return nil
		}
		v, err := b.parse(sku, "pricePerUnit.USD", d.usd)
		if err != nil {
			return err
		}
		switch strings.ToLower(d.unit) {
		case "quantity":
			upfront, sawUpfront = upfront.Add(v), true
		case "hrs":
			hourly, sawHourly = hourly.Add(v), true
		default:
			b.skip("reserved: unit not Hrs or Quantity")
			return nil
		}
	}
	if !sawHourly && !sawUpfront {
		b.skip("reserved: term without prices")
		return nil
	}
	// 16 places is far below a cent over any realistic month.
	eff := upfront.DivRound(hours, 16).Add(hourly)
	term := catalog.Term{Kind: catalog.Reserved, Length: ta.length, Payment: ta.payment, Class: ta.class}
	b.add(catalog.Price{
		Product: t.key, Term: term, Unit: "Hrs", USD: eff, TierStart: decimal.Zero,
		Description: fmt.Sprintf("effective hourly: upfront %s / %s h + hourly %s", upfront, hours, hourly),
		Source:      b.source(sku), AsOf: b.asOf,
	})
	b.regions[t.region] = true
	return nil
}
