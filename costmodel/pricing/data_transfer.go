package pricing

import (
	"github.com/shopspring/decimal"
	"github.com/tiercost/tiercost/costmodel/catalog"
	"github.com/tiercost/tiercost/costmodel/resource"
	"github.com/tiercost/tiercost/costmodel/usage"
)

// Data transfer is not a resource of any stack: the virtual type carries
// region-level usage, and Price adds one synthetic resource for it.
var _ = register(resourceType{
	Types:   []string{resource.TypeDataTransfer},
	Service: serviceDataTransfer,
	Usage: []usage.Key{
		{Name: "monthly_internet_out_gb", Unit: "GB/month", Description: "data from the region's EC2/ALB to the internet (not via CloudFront)"},
		{Name: "monthly_inter_az_gb", Unit: "GB/month", Description: "data crossing AZs inside the region, counted once per GB moved"},
		{Name: "custom_metrics", Unit: "metrics", Description: "custom CloudWatch metrics published by the application"},
	},
	Price:   priceDataTransfer,
	Virtual: true,
})

var two = decimal.NewFromInt(2)

// dataTransfer prices the region-level usage of the virtual type as one
// synthetic resource, when usage gives any.
func (p *run) dataTransfer() (ResourceCost, bool, error) {
	rec := resource.Record{Type: resource.TypeDataTransfer, Name: DataTransferName, URN: DataTransferURN}
	if len(p.usageFor(rec)) == 0 {
		return ResourceCost{}, false, nil
	}
	rc := ResourceCost{Name: rec.Name, Type: rec.Type, URN: rec.URN, Status: StatusPriced}
	if err := priceDataTransfer(p, &rec, &rc); err != nil {
		return ResourceCost{}, false, err
	}
	rc.MonthlyCost = sumCost(rc)
	return rc, true, nil
}

// priceDataTransfer prices internet out (tiered; the free tier's 100 GB
// first), inter-AZ transfer (billed on both sides, so 2 × the GB moved)
// and custom metrics.
func priceDataTransfer(p *run, rec *resource.Record, rc *ResourceCost) error {
	vals := p.usageFor(*rec)
	out, src := p.usageQty(vals, "monthly_internet_out_gb")
	l := line{name: "Data transfer out to internet", unit: "GB", qty: out, key: catalog.DataTransferOut(p.region), usage: true, source: src}
	p.applyFree(freeInternetOut, &l)
	rc.Components = append(rc.Components, p.priceTiered(l)...)

	az, src := p.usageQty(vals, "monthly_inter_az_gb")
	rc.Components = append(rc.Components, p.price(line{
		name: "Inter-AZ data transfer", unit: "GB", qty: az.Mul(two), key: catalog.DataTransferInterAZ(p.region),
		usage: true, source: src, note: "billed out of one AZ and into the other: 2 × GB moved",
	}))
	if _, ok := vals.Get("custom_metrics"); ok {
		m, src := p.usageQty(vals, "custom_metrics")
		ml := line{name: "Custom metrics", unit: "metrics", qty: m, key: catalog.CloudWatchMetric(p.region), usage: true, source: src}
		p.applyFree(freeCWMetrics, &ml)
		rc.Components = append(rc.Components, p.priceTiered(ml)...)
	}
	return nil
}
