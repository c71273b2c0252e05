package pricing

import (
	"github.com/shopspring/decimal"
	"github.com/tiercost/tiercost/costmodel/catalog"
	"github.com/tiercost/tiercost/costmodel/resource"
	"github.com/tiercost/tiercost/costmodel/usage"
)

var serviceKMS = service{"AWS Key Management Service", "Security"}

var _ = register(resourceType{
	Types:   []string{resource.TypeKMSKey},
	Service: serviceKMS,
	Usage: []usage.Key{
		{Name: "monthly_requests", Unit: "requests/month", Description: "symmetric API requests (encrypt, decrypt, generate data key)"},
	},
	Price: priceKMSKey,
})

// priceKMSKey prices aws:kms/key:Key: the customer managed key's month and
// its requests (usage). Automatic rotation adds a key version a year, each
// billed like a key for the first two rotations: that growth is noted, not
// in the monthly figure.
func priceKMSKey(p *run, rec *resource.Record, rc *ResourceCost) error {
	req, src := p.usageQty(p.usageFor(*rec), "monthly_requests")
	key := line{name: "Customer managed key", unit: "months", qty: decimal.NewFromInt(1), key: catalog.KMSKey(p.region), source: SourceSpec}
	if p.in(rec).flag("enableKeyRotation") {
		key.note = "rotation on: each yearly rotation adds a key version, billed like a key for the first two"
	}
	rc.Components = []CostComponent{
		p.price(key),
		p.price(line{name: "Requests", unit: "requests", qty: req, key: catalog.KMSRequests(p.region), usage: true, source: src}),
	}
	return nil
}
