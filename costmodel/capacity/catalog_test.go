package capacity

import (
	"testing"

	"github.com/shopspring/decimal"
	"github.com/tiercost/tiercost/costmodel/catalog"
	"github.com/tiercost/tiercost/costmodel/pricing"
)

// testCatalog holds us-east-1 on-demand prices typed by hand from
// shared/reference/aws-prices.csv (EC2 rows dated 2026-08-27, RDS
// PostgreSQL rows 2026-08-06, ElastiCache rows). t4g.micro is left out on
// purpose: the reference has no row for it, so it must be reported as
// skipped, never priced at $0.
func testCatalog(t testing.TB) *catalog.Catalog {
	t.Helper()
	var prices []catalog.Price
	add := func(k catalog.ProductKey, usd string) {
		prices = append(prices, catalog.Price{Product: k, Term: catalog.OnDemandTerm, Unit: "Hrs",
			USD: decimal.RequireFromString(usd), Source: "aws-prices.csv (typed in test)", AsOf: "2026-08-27"})
	}
	const r = "us-east-1"
	for typ, usd := range map[string]string{
		"t3.micro": "0.0104", "t3.small": "0.0208", "t3.medium": "0.0416", "t3.large": "0.0832", "t3.xlarge": "0.1664",
		"t4g.small": "0.0168", "t4g.medium": "0.0336", "t4g.large": "0.0672",
		"m6i.large": "0.096", "m6i.xlarge": "0.192", "m6i.2xlarge": "0.384",
		"m7g.large": "0.0816", "m7g.xlarge": "0.1632",
		"c6i.large": "0.085", "c6i.xlarge": "0.17", "c6i.2xlarge": "0.34",
		"c7g.large": "0.0725", "c7g.xlarge": "0.145",
		"r6i.large": "0.126", "r6i.xlarge": "0.252",
	} {
		add(catalog.EC2Instance(r, typ), usd)
	}
	for class, p := range map[string][2]string{ // Single-AZ, Multi-AZ
		"db.t3.micro": {"0.018", "0.036"}, "db.t3.small": {"0.036", "0.072"}, "db.t3.medium": {"0.072", "0.145"},
		"db.t4g.micro": {"0.016", "0.032"}, "db.t4g.small": {"0.032", "0.065"}, "db.t4g.medium": {"0.065", "0.129"},
		"db.m6g.large": {"0.159", "0.318"}, "db.m6g.xlarge": {"0.318", "0.636"},
		"db.r6g.large": {"0.225", "0.45"}, "db.r6g.xlarge": {"0.45", "0.899"}, "db.r6g.2xlarge": {"0.899", "1.798"},
	} {
		add(catalog.RDSInstance(r, class, catalog.EnginePostgreSQL, catalog.SingleAZ), p[0])
		add(catalog.RDSInstance(r, class, catalog.EnginePostgreSQL, catalog.MultiAZ), p[1])
	}
	for node, p := range map[string][2]string{ // Redis, Valkey
		"cache.t3.micro": {"0.017", "0.0136"}, "cache.t3.small": {"0.034", "0.0272"}, "cache.t3.medium": {"0.068", "0.0544"},
		"cache.t4g.micro": {"0.016", "0.0128"}, "cache.t4g.small": {"0.032", "0.0256"}, "cache.t4g.medium": {"0.065", "0.052"},
		"cache.m6g.large": {"0.149", "0.1192"}, "cache.m6g.xlarge": {"0.297", "0.2376"},
		"cache.r6g.large": {"0.206", "0.1648"}, "cache.r6g.xlarge": {"0.411", "0.3288"},
	} {
		add(catalog.ElastiCacheNode(r, node, catalog.CacheRedis), p[0])
		add(catalog.ElastiCacheNode(r, node, catalog.CacheValkey), p[1])
	}
	return catalog.New(&catalog.Layer{Name: "test", AsOf: "2026-08-06", Prices: prices})
}

// testPrices quotes testCatalog's prices on demand, through the pricing
// package as the engine does.
func testPrices(t testing.TB) Prices {
	return pricing.NewQuoter(testCatalog(t), pricing.PurchaseOptions{})
}
