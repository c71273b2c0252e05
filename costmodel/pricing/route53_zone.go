package pricing

import (
	"github.com/shopspring/decimal"
	"github.com/tiercost/tiercost/costmodel/catalog"
	"github.com/tiercost/tiercost/costmodel/resource"
	"github.com/tiercost/tiercost/costmodel/usage"
)

var serviceRoute53 = service{"Amazon Route 53", "Networking"}

var _ = register(resourceType{
	Types:   []string{resource.TypeRoute53Zone},
	Service: serviceRoute53,
	Usage: []usage.Key{
		{Name: "monthly_queries", Unit: "queries/month", Description: "standard queries answered (alias queries to CloudFront and ELB are free)"},
	},
	Price: priceRoute53Zone,
})

// priceRoute53Zone prices aws:route53/zone:Zone: the hosted zone's month
// (the first-25-zones rate) and its standard queries (usage), tiered.
// Records cost nothing by themselves.
func priceRoute53Zone(p *run, rec *resource.Record, rc *ResourceCost) error {
	q, src := p.usageQty(p.usageFor(*rec), "monthly_queries")
	rc.Components = append(rc.Components,
		p.price(line{name: "Hosted zone", unit: "months", qty: decimal.NewFromInt(1), key: catalog.Route53Zone(), source: SourceSpec}))
	rc.Components = append(rc.Components, p.priceTiered(line{name: "Standard queries", unit: "queries", qty: q,
		key: catalog.Route53Queries(), usage: true, source: src})...)
	return nil
}
