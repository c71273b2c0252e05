package pricing

import (
	"github.com/shopspring/decimal"
	"github.com/tiercost/tiercost/costmodel/catalog"
	"github.com/tiercost/tiercost/costmodel/resource"
	"github.com/tiercost/tiercost/costmodel/usage"
)

var serviceSecretsManager = service{"AWS Secrets Manager", "Security"}

// secretType is a Secrets Manager secret, declared in a stack or created
// by RDS for a managed master password (a subresource of the instance).
const secretType = "aws:secretsmanager/secret:Secret"

var _ = register(resourceType{
	Types:   []string{secretType},
	Service: serviceSecretsManager,
	Usage: []usage.Key{
		{Name: "monthly_api_requests", Unit: "requests/month", Description: "API requests (GetSecretValue and others)"},
	},
	Price: priceSecret,
})

// priceSecret prices aws:secretsmanager/secret:Secret: the secret's month
// and its API requests (usage).
func priceSecret(p *run, rec *resource.Record, rc *ResourceCost) error {
	req, src := p.usageQty(p.usageFor(*rec), "monthly_api_requests")
	rc.Components = p.secretLines(req, src)
	return nil
}

// secretLines are one secret's lines.
func (p *run) secretLines(requests decimal.Decimal, src string) []CostComponent {
	return []CostComponent{
		p.price(line{name: "Secret", unit: "months", qty: decimal.NewFromInt(1), key: catalog.SecretsManagerSecret(p.region), source: SourceSpec}),
		p.price(line{name: "API requests", unit: "requests", qty: requests, key: catalog.SecretsManagerRequests(p.region), usage: true, source: src}),
	}
}
