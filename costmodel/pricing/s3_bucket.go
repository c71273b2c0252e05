package pricing

import (
	"github.com/tiercost/tiercost/costmodel/catalog"
	"github.com/tiercost/tiercost/costmodel/resource"
	"github.com/tiercost/tiercost/costmodel/usage"
)

// aws:s3/bucket:Bucket is the older alias of the same resource.
var _ = register(resourceType{
	Types:   []string{resource.TypeBucketV2, "aws:s3/bucket:Bucket"},
	Service: serviceS3,
	Usage: []usage.Key{
		{Name: "storage_gb", Unit: "GB", Description: "average Standard storage"},
		{Name: "monthly_tier1_requests", Unit: "requests/month", Description: "PUT, COPY, POST and LIST requests"},
		{Name: "monthly_tier2_requests", Unit: "requests/month", Description: "GET and all other requests"},
	},
	Price: priceS3Bucket,
})

// priceS3Bucket prices aws:s3/bucketV2:BucketV2 and aws:s3/bucket:Bucket:
// Standard storage (tiered, usage storage_gb) and tier 1 and tier 2
// requests. The lines show with quantity 0 when there is no usage.
func priceS3Bucket(p *run, rec *resource.Record, rc *ResourceCost) error {
	vals := p.usageFor(*rec)
	gb, src := p.usageQty(vals, "storage_gb")
	rc.Components = p.priceTiered(line{
		name: "Standard storage", unit: "GB-months", qty: gb, key: catalog.S3Storage(p.region, "Standard"), usage: true, source: src,
	})
	t1, src1 := p.usageQty(vals, "monthly_tier1_requests")
	t2, src2 := p.usageQty(vals, "monthly_tier2_requests")
	rc.Components = append(rc.Components,
		p.price(line{name: "PUT, COPY, POST, LIST requests", unit: "requests", qty: t1, key: catalog.S3Requests(p.region, "tier1"), usage: true, source: src1}),
		p.price(line{name: "GET, SELECT, and all other requests", unit: "requests", qty: t2, key: catalog.S3Requests(p.region, "tier2"), usage: true, source: src2}),
	)
	return nil
}
