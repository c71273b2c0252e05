package pricing

import (
	"github.com/shopspring/decimal"
	"github.com/tiercost/tiercost/costmodel/catalog"
	"github.com/tiercost/tiercost/costmodel/resource"
	"github.com/tiercost/tiercost/costmodel/usage"
)

var serviceWAF = service{"AWS WAF", "Security"}

var _ = register(resourceType{
	Types:   []string{resource.TypeWebACL},
	Service: serviceWAF,
	Usage: []usage.Key{
		{Name: "monthly_requests", Unit: "requests/month", Description: "requests the web ACL inspects"},
	},
	Price: priceWebACL,
})

// priceWebACL prices aws:wafv2/webAcl:WebAcl: the web ACL, one charge per
// rule (a managed rule group reference is one rule) and the requests it
// inspects (usage). A CloudFront-scope ACL lives in us-east-1.
func priceWebACL(p *run, rec *resource.Record, rc *ResourceCost) error {
	in := p.in(rec)
	region, scope := p.region, in.text("scope")
	if scope == "CLOUDFRONT" {
		region = "us-east-1"
	}
	rules := decimal.NewFromInt(int64(in.length("rules")))
	req, src := p.usageQty(p.usageFor(*rec), "monthly_requests")
	rc.Components = []CostComponent{
		p.price(line{name: "Web ACL", unit: "months", qty: decimal.NewFromInt(1), key: catalog.WAFWebACL(region), source: SourceSpec}),
		p.price(line{name: "Rules (managed rule groups count one each)", unit: "rules", qty: rules, key: catalog.WAFRule(region), source: SourceSpec}),
		p.price(line{name: "Requests", unit: "requests", qty: req, key: catalog.WAFRequests(region), usage: true, source: src}),
	}
	rc.Metadata = map[string]string{"scope": scope, "rules": rules.String()}
	return nil
}
