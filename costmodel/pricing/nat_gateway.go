package pricing

import (
	"github.com/tiercost/tiercost/costmodel/catalog"
	"github.com/tiercost/tiercost/costmodel/resource"
	"github.com/tiercost/tiercost/costmodel/usage"
)

var _ = register(resourceType{
	Types:   []string{resource.TypeNATGateway},
	Service: serviceVPC,
	Usage: []usage.Key{
		{Name: "monthly_data_processed_gb", Unit: "GB/month", Description: "data processed by the NAT gateway"},
	},
	Price: priceNATGateway,
})

// priceNATGateway prices aws:ec2/natGateway:NatGateway: hours and data
// processed (usage). Its public address is the Eip record's line, so it is
// not counted here again.
func priceNATGateway(p *run, rec *resource.Record, rc *ResourceCost) error {
	gb, src := p.usageQty(p.usageFor(*rec), "monthly_data_processed_gb")
	rc.Components = []CostComponent{
		p.price(line{name: "NAT gateway", unit: "hours", qty: fullMonth(), key: catalog.NATGatewayHours(p.region), source: SourceDefault}),
		p.price(line{name: "Data processed", unit: "GB", qty: gb, key: catalog.NATGatewayBytes(p.region), usage: true, source: src}),
	}
	return nil
}
