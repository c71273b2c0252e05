package pricing

import (
	"github.com/tiercost/tiercost/costmodel/catalog"
	"github.com/tiercost/tiercost/costmodel/resource"
)

var _ = register(resourceType{
	Types:   []string{"aws:ec2/eip:Eip"},
	Service: serviceVPC,
	Price:   priceEIP,
})

// priceEIP prices aws:ec2/eip:Eip as one public IPv4 address, in use or
// idle (both cost the same per hour).
func priceEIP(p *run, rec *resource.Record, rc *ResourceCost) error {
	rc.Components = []CostComponent{p.price(line{
		name: "Public IPv4 address", unit: "hours", qty: fullMonth(), key: catalog.PublicIPv4(p.region), source: SourceDefault,
	})}
	return nil
}
