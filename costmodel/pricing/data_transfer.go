package pricing

import (
	"github.com/shopspring/decimal"
	"github.com/tiercost/tiercost/costmodel/catalog"
	"github.com/tiercost/tiercost/costmodel/resource"
	"github.com/tiercost/tiercost/costmodel/usage"
)

var two = decimal.NewFromInt(2)

// dataTransfer prices the region-level usage of the virtual type
// usage.DataTransferType as one synthetic resource, when usage gives any:
// internet out (tiered; the free tier's 100 GB first), inter-AZ transfer
// (billed on both sides, so 2 × the GB moved) and custom metrics.
func (p *run) dataTransfer() (ResourceCost, bool) {
	rec := resource.Record{Type: usage.DataTransferType, Name: DataTransferName, URN: DataTransferURN}
	vals := p.usageFor(rec)
	if len(vals) == 0 {
		return ResourceCost{}, false
	}
	rc := ResourceCost{Name: rec.Name, Type: rec.Type, URN: rec.URN, Status: StatusPriced}
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
	rc.MonthlyCost = sumCost(rc)
	return rc, true
}
