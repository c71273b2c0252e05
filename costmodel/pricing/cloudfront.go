package pricing

import (
	"fmt"
	"strings"

	"github.com/shopspring/decimal"
	"github.com/tiercost/tiercost/costmodel/catalog"
	"github.com/tiercost/tiercost/costmodel/resource"
	"github.com/tiercost/tiercost/costmodel/usage"
)

// cloudFrontGroups are the region groups a CloudFront usage key may be
// split into, as Infracost's usage file names them, and the catalog's
// CloudFront price group each is billed at. AWS bills the United States,
// Mexico and Canada as one group; "canada" is accepted as a name for it.
var cloudFrontGroups = []struct{ name, group string }{
	{"us", catalog.CFUnitedStates},
	{"canada", catalog.CFUnitedStates},
	{"europe", catalog.CFEurope},
	{"south_africa", catalog.CFSouthAfrica},
	{"middle_east", catalog.CFMiddleEast},
	{"south_america", catalog.CFSouthAmerica},
	{"japan", catalog.CFJapan},
	{"australia", catalog.CFAustralia},
	{"asia_pacific", catalog.CFAsia},
	{"india", catalog.CFIndia},
}

// cloudFrontGroupNames lists the usage file's group names, in order.
func cloudFrontGroupNames() []string {
	out := make([]string, len(cloudFrontGroups))
	for i, g := range cloudFrontGroups {
		out[i] = g.name
	}
	return out
}

// cfKey declares a CloudFront usage key that takes one number (spread by
// the price class's default split) or an object by region group.
func cfKey(name, unit, description string) usage.Key {
	return usage.Key{Name: name, Unit: unit, Groups: cloudFrontGroupNames(),
		Description: description + "; one number (spread by the price class's default split, below) or an object by region group"}
}

var _ = register(resourceType{
	Types:   []string{resource.TypeCloudFront},
	Service: serviceCloudFront,
	Usage: []usage.Key{
		cfKey("monthly_data_transfer_to_internet_gb", "GB/month", "data served from edge locations to viewers"),
		cfKey("monthly_data_transfer_to_origin_gb", "GB/month", "data sent from edges to the origin (POST/PUT bodies)"),
		cfKey("monthly_http_requests", "requests/month", "HTTP requests"),
		cfKey("monthly_https_requests", "requests/month", "HTTPS requests"),
	},
	Price: priceCloudFront,
})

// groupShare is the share (percent) of a distribution's traffic served
// from one CloudFront region group.
type groupShare struct {
	group string
	pct   decimal.Decimal
}

// CloudFront price classes, and the class a distribution without one has.
const (
	priceClass100     = "PriceClass_100"
	priceClass200     = "PriceClass_200"
	priceClassAll     = "PriceClass_All"
	defaultPriceClass = priceClassAll
)

// trafficMix is the default split of a flat usage quantity over the region
// groups a price class serves from (docs/usage.md prints it; a usage file
// sets its own split with an object by region group). It is an
// assumption, not a measurement: most traffic of a US-centred app comes
// from North America and Europe, and a wider price class only moves a
// little of it to the other groups' edges. A group the catalog cannot
// price becomes a "price not found" line.
func trafficMix(priceClass string) []groupShare {
	switch priceClass {
	case priceClass100:
		return mix100
	case priceClass200:
		return mix200
	}
	return mixAll
}

// The splits, built once and shared read-only.
var (
	mix100 = mixOf(catalog.CFUnitedStates, 70, catalog.CFEurope, 30)
	mix200 = mixOf(catalog.CFUnitedStates, 60, catalog.CFEurope, 25, catalog.CFAsia, 5, catalog.CFJapan, 5, catalog.CFIndia, 5)
	mixAll = mixOf(catalog.CFUnitedStates, 55, catalog.CFEurope, 25, catalog.CFAsia, 5, catalog.CFJapan, 5,
		catalog.CFAustralia, 4, catalog.CFIndia, 3, catalog.CFSouthAmerica, 3)
	mixTexts = map[string]string{priceClass100: mixText(mix100), priceClass200: mixText(mix200), priceClassAll: mixText(mixAll)}
)

// mixOf builds a split from group, percent pairs.
func mixOf(pairs ...any) []groupShare {
	out := make([]groupShare, 0, len(pairs)/2)
	for i := 0; i+1 < len(pairs); i += 2 {
		out = append(out, groupShare{pairs[i].(string), decimal.NewFromInt(int64(pairs[i+1].(int)))})
	}
	return out
}

// mixText renders a split: "United States 70 %, Europe 30 %".
func mixText(mix []groupShare) string {
	parts := make([]string, len(mix))
	for i, g := range mix {
		parts[i] = fmt.Sprintf("%s %s %%", g.group, g.pct)
	}
	return strings.Join(parts, ", ")
}

// cfLines returns a usage key's lines, one per region group, keyed to the
// catalog by key: the groups a usage file gives, in cloudFrontGroups'
// order (canada adds to us), with the free tier taken from them in that
// order; or a flat total, the free tier taken off it first, spread by the
// price class's split, each share's source naming the split. A key given
// neither way is zero in every group of the split.
func (p *run) cfLines(v usage.Values, key, unit, pool, priceClass string, mix []groupShare) []groupLine {
	if byName, ok := v.Groups(key); ok {
		var out []groupLine
		at := map[string]int{}
		for _, g := range cloudFrontGroups {
			q, ok := byName[g.name]
			if !ok {
				continue
			}
			if i, seen := at[g.group]; seen {
				out[i].l.qty = out[i].l.qty.Add(q)
				continue
			}
			at[g.group] = len(out)
			out = append(out, groupLine{g.group, line{unit: unit, qty: q, usage: true, source: p.usageSource() + " (by region group)"}})
		}
		for i := range out {
			if pool != "" {
				p.applyFree(pool, &out[i].l)
			}
		}
		return out
	}
	total, src := p.usageQty(v, key)
	l := line{unit: unit, qty: total, usage: true}
	if pool != "" {
		p.applyFree(pool, &l)
	}
	out := make([]groupLine, len(mix))
	for i, g := range mix {
		s := l
		s.qty = l.qty.Mul(g.pct).Div(hundred)
		s.source = src + ", " + g.pct.String() + " % of the total (" + priceClass + " default split)"
		out[i] = groupLine{g.group, s}
	}
	return out
}

// groupLine is one region group's line of a usage key, before the caller
// names it and keys it to the catalog.
type groupLine struct {
	group string
	l     line
}

// priceCloudFront prices aws:cloudfront/distribution:Distribution: data
// out to the internet (tiered per region group), data out to the origin,
// and HTTP and HTTPS requests, each per region group: as a usage file
// gives them, or spread over the price class's default split. All lines
// are usage-based. The free tier (1 TB out, 10M requests) comes off the
// groups' quantities in order, the United States first.
func priceCloudFront(p *run, rec *resource.Record, rc *ResourceCost) error {
	pc := p.in(rec).text("priceClass")
	if pc == "" {
		pc = defaultPriceClass
	}
	mix := trafficMix(pc)
	vals := p.usageFor(*rec)

	lines := func(key, unit, pool string, name func(group string) string, keyOf func(group string) catalog.ProductKey, tiered bool) {
		for _, gl := range p.cfLines(vals, key, unit, pool, pc, mix) {
			l := gl.l
			l.name, l.key = name(gl.group), keyOf(gl.group)
			if tiered {
				rc.Components = append(rc.Components, p.priceTiered(l)...)
			} else {
				rc.Components = append(rc.Components, p.price(l))
			}
		}
	}
	lines("monthly_data_transfer_to_internet_gb", "GB", freeCFDataOut,
		func(g string) string { return "Data transfer out to internet (" + g + ")" }, catalog.CloudFrontDataOut, true)
	lines("monthly_data_transfer_to_origin_gb", "GB", "",
		func(g string) string { return "Data transfer out to origin (" + g + ")" }, catalog.CloudFrontToOrigin, false)
	for _, proto := range []string{"http", "https"} {
		upper := strings.ToUpper(proto)
		lines("monthly_"+proto+"_requests", "requests", freeCFRequests,
			func(g string) string { return upper + " requests (" + g + ")" },
			func(g string) catalog.ProductKey { return catalog.CloudFrontRequests(g, proto) }, false)
	}
	text, ok := mixTexts[pc]
	if !ok {
		text = mixText(mix)
	}
	rc.Metadata = map[string]string{"price_class": pc, "traffic_mix": text}
	return nil
}
