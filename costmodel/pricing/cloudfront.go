package pricing

import (
	"fmt"
	"strings"

	"github.com/shopspring/decimal"
	"github.com/tiercost/tiercost/costmodel/catalog"
	"github.com/tiercost/tiercost/costmodel/resource"
	"github.com/tiercost/tiercost/costmodel/usage"
)

var _ = register(resourceType{
	Types:   []string{resource.TypeCloudFront},
	Service: serviceCloudFront,
	Usage: []usage.Key{
		{Name: "monthly_data_transfer_to_internet_gb", Unit: "GB/month", Description: "data served from edge locations to viewers"},
		{Name: "monthly_data_transfer_to_origin_gb", Unit: "GB/month", Description: "data sent from edges to the origin (POST/PUT bodies)"},
		{Name: "monthly_http_requests", Unit: "requests/month", Description: "HTTP requests"},
		{Name: "monthly_https_requests", Unit: "requests/month", Description: "HTTPS requests"},
	},
	Price: priceCloudFront,
})

// groupShare is the share (percent) of a distribution's traffic served
// from one CloudFront region group.
type groupShare struct {
	group string
	pct   decimal.Decimal
}

// trafficMix is the documented default split of viewer traffic over the
// region groups a price class serves from. It is an assumption, not a
// measurement: most traffic of a US-centred app comes from North America
// and Europe, and a wider price class only moves a little of it to the
// other groups' edges.
//
//	PriceClass_100: United States 70 %, Europe 30 %
//	PriceClass_200: United States 60 %, Europe 25 %, Asia 5 %, Japan 5 %, India 5 %
//	PriceClass_All: United States 55 %, Europe 25 %, Asia 5 %, Japan 5 %,
//	                Australia 4 %, India 3 %, South America 3 %
//
// A group the catalog cannot price becomes a "price not found" line.
func trafficMix(priceClass string) []groupShare {
	s := func(g string, pct int64) groupShare { return groupShare{g, decimal.NewFromInt(pct)} }
	switch priceClass {
	case "PriceClass_100":
		return []groupShare{s(catalog.CFUnitedStates, 70), s(catalog.CFEurope, 30)}
	case "PriceClass_200":
		return []groupShare{s(catalog.CFUnitedStates, 60), s(catalog.CFEurope, 25), s(catalog.CFAsia, 5), s(catalog.CFJapan, 5), s(catalog.CFIndia, 5)}
	}
	return []groupShare{s(catalog.CFUnitedStates, 55), s(catalog.CFEurope, 25), s(catalog.CFAsia, 5), s(catalog.CFJapan, 5),
		s(catalog.CFAustralia, 4), s(catalog.CFIndia, 3), s(catalog.CFSouthAmerica, 3)}
}

// priceCloudFront prices aws:cloudfront/distribution:Distribution: data
// out to the internet (tiered per region group), data out to the origin,
// and HTTP and HTTPS requests, each spread over the price class's traffic
// mix. All lines are usage-based. The free tier (1 TB out, 10M requests)
// comes off the totals before they are spread.
func priceCloudFront(p *run, rec *resource.Record, rc *ResourceCost) error {
	pc := rec.String("priceClass")
	if pc == "" {
		pc = "PriceClass_All"
	}
	mix := trafficMix(pc)
	vals := p.usageFor(*rec)

	total := func(key, unit, pool string) line {
		q, src := p.usageQty(vals, key)
		l := line{unit: unit, qty: q, usage: true, source: src}
		if pool != "" {
			p.applyFree(pool, &l)
		}
		return l
	}
	out := total("monthly_data_transfer_to_internet_gb", "GB", freeCFDataOut)
	origin := total("monthly_data_transfer_to_origin_gb", "GB", "")
	httpReq := total("monthly_http_requests", "requests", freeCFRequests)
	httpsReq := total("monthly_https_requests", "requests", freeCFRequests)

	share := func(l line, g groupShare) line {
		l.qty = l.qty.Mul(g.pct).Div(hundred)
		return l
	}
	for _, g := range mix {
		l := share(out, g)
		l.name, l.key = fmt.Sprintf("Data transfer out to internet (%s)", g.group), catalog.CloudFrontDataOut(g.group)
		rc.Components = append(rc.Components, p.priceTiered(l)...)
	}
	for _, g := range mix {
		l := share(origin, g)
		l.name, l.key = fmt.Sprintf("Data transfer out to origin (%s)", g.group), catalog.CloudFrontToOrigin(g.group)
		rc.Components = append(rc.Components, p.price(l))
	}
	for _, proto := range []struct {
		name string
		l    line
	}{{"http", httpReq}, {"https", httpsReq}} {
		for _, g := range mix {
			l := share(proto.l, g)
			l.name = fmt.Sprintf("%s requests (%s)", strings.ToUpper(proto.name), g.group)
			l.key = catalog.CloudFrontRequests(g.group, proto.name)
			rc.Components = append(rc.Components, p.price(l))
		}
	}
	parts := make([]string, len(mix))
	for i, g := range mix {
		parts[i] = fmt.Sprintf("%s %s%%", g.group, g.pct)
	}
	rc.Metadata = map[string]string{"price_class": pc, "traffic_mix": strings.Join(parts, ", ")}
	return nil
}
