package pricing

import (
	"github.com/shopspring/decimal"
	"github.com/tiercost/tiercost/costmodel/catalog"
	"github.com/tiercost/tiercost/costmodel/money"
	"github.com/tiercost/tiercost/costmodel/resource"
	"github.com/tiercost/tiercost/costmodel/usage"
)

var _ = register(resourceType{
	Types:   []string{resource.TypeVPCEndpoint},
	Service: serviceVPC,
	Usage: []usage.Key{
		{Name: "monthly_data_processed_gb", Unit: "GB/month", Description: "data the interface endpoint processes"},
	},
	Price: priceVPCEndpoint,
})

// priceVPCEndpoint prices aws:ec2/vpcEndpoint:VpcEndpoint. An interface
// endpoint bills an hour per AZ it has a network interface in (one per
// subnet) and the data it processes (usage), tiered; a gateway endpoint
// (S3, DynamoDB) bills nothing, per the AmazonVPC offer.
func priceVPCEndpoint(p *run, rec *resource.Record, rc *ResourceCost) error {
	in := p.in(rec)
	typ := in.text("vpcEndpointType")
	if typ == "" {
		typ = "Gateway" // AWS's default
	}
	rc.Metadata = map[string]string{"type": typ, "service": in.text("serviceName")}
	if typ == "Gateway" {
		rc.Metadata["note"] = "gateway endpoints have no hourly or data charge"
		return nil
	}
	azs := int64(in.length("subnetIds"))
	if azs == 0 {
		azs = 1
	}
	gb, src := p.usageQty(p.usageFor(*rec), "monthly_data_processed_gb")
	rc.Components = append(rc.Components, p.price(line{name: "Endpoint (" + typ + ", per AZ)", unit: "hours",
		qty: money.HoursPerMonth.Mul(decimal.NewFromInt(azs)), key: catalog.VPCEndpointHours(p.region), source: SourceSpec}))
	rc.Components = append(rc.Components, p.priceTiered(line{name: "Data processed", unit: "GB", qty: gb,
		key: catalog.VPCEndpointBytes(p.region), usage: true, source: src})...)
	return nil
}
