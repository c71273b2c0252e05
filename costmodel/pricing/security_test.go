package pricing

import (
	"testing"

	"github.com/tiercost/tiercost/costmodel/catalog"
	"github.com/tiercost/tiercost/costmodel/money"
	"github.com/tiercost/tiercost/costmodel/resource"
)

// securityPrices are hand-entered from the quoted lines of
// costmodel/catalog/data/extra-sources.csv (Infracost goldens at
// e9ce629, us-east-1), the FOCUS sample (Route 53 first-tier queries, the
// free SNS requests) and the reference (interface endpoint hour, A:334).
func securityPrices() []catalog.Price {
	var ps []catalog.Price
	add := func(key catalog.ProductKey, unit, usd, start, end string) {
		p := catalog.Price{Product: key, Term: catalog.OnDemandTerm, Unit: unit, USD: money.MustParse(usd),
			TierStart: money.MustParse(start), Source: "extra-sources", AsOf: "2024-07-01"}
		if end != "" {
			e := money.MustParse(end)
			p.TierEnd = &e
		}
		ps = append(ps, p)
	}
	add(catalog.WAFWebACL(use1), "Months", "5", "0", "")                       // "Web ACL usage 1 months $5.00"
	add(catalog.WAFRule(use1), "Rules", "1", "0", "")                          // "Rules 16 rules $16.00"
	add(catalog.WAFRequests(use1), "Requests", "0.0000006", "0", "")           // "Requests 1 1M requests $0.60"
	add(catalog.KMSKey(use1), "Keys", "1", "0", "")                            // "Customer master key 1 months $1.00"
	add(catalog.KMSRequests(use1), "Requests", "0.000003", "0", "")            // "$0.03 per 10k requests"
	add(catalog.SecretsManagerSecret(use1), "Months", "0.4", "0", "")          // "Secret 1 months $0.40"
	add(catalog.SecretsManagerRequests(use1), "Requests", "0.000005", "0", "") // "$0.05 per 10k requests"
	add(catalog.SNSRequests(use1), "Requests", "0", "0", "1000000")            // FOCUS: first 1M free
	add(catalog.SNSRequests(use1), "Requests", "0.0000005", "1000000", "")     // "API requests (over 1M) 1 1M requests $0.50"
	add(catalog.SNSNotifications(use1, "email"), "Notifications", "0", "0", "1000")
	add(catalog.SNSNotifications(use1, "email"), "Notifications", "0.00002", "1000", "") // "2.99 100k notifications $5.98"
	add(catalog.Route53Zone(), "Months", "0.5", "0", "")                                 // "Hosted zone 1 months $0.50"
	add(catalog.Route53Queries(), "Queries", "0.0000004", "0", "1000000000")             // FOCUS "$0.40 per 1,000,000 queries for the first 1 Billion"
	add(catalog.Route53Queries(), "Queries", "0.0000002", "1000000000", "")              // "Standard queries (over 1B) 100 1M queries $20.00"
	add(catalog.VPCEndpointHours(use1), "Hrs", "0.01", "0", "")                          // A:334, "Endpoint (Interface) 730 hours $7.30"
	add(catalog.VPCEndpointBytes(use1), "GB", "0.01", "0", "1048576")                    // "Data processed (first 1PB) 1,000 GB $10.00"
	add(catalog.VPCEndpointBytes(use1), "GB", "0.006", "1048576", "5242880")             // "(next 4PB) 4,000 GB $24.00"
	add(catalog.VPCEndpointBytes(use1), "GB", "0.004", "5242880", "")                    // "(over 5PB) 2,000 GB $8.00"
	return ps
}

func TestSecurityPricers(t *testing.T) {
	cat := testCatalog(securityPrices()...)
	acl := func(scope string, rules int) map[string]any {
		var rs []any
		for i := 0; i < rules; i++ {
			rs = append(rs, map[string]any{"name": "r"})
		}
		return map[string]any{"scope": scope, "rules": rs}
	}
	runCases(t, []pricerCase{
		{
			name:    "WAF web ACL: ACL, one charge per rule, requests",
			catalog: cat,
			recs:    []resource.Record{rec(resource.TypeWebACL, "waf", acl("REGIONAL", 4))},
			usage:   usageOf(map[string]map[string]string{"waf": {"monthly_requests": "408800000"}}),
			want: []want{
				{"waf", "Web ACL", "1", "5"},                                    // 1 × $5.00
				{"waf", "Rules (managed rule groups count one each)", "4", "4"}, // 3 managed groups + 1 rate rule × $1.00
				{"waf", "Requests", "408800000", "245.28"},                      // 408.8M × $0.60/1M
			},
		},
		{
			name:    "a CloudFront-scope web ACL is priced in us-east-1 whatever the stack's region",
			catalog: cat,
			recs: []resource.Record{
				rec("pulumi:providers:aws", "aws", map[string]any{"region": "eu-west-1"}),
				rec(resource.TypeWebACL, "waf-cdn", acl("CLOUDFRONT", 1)),
			},
			want: []want{{"waf-cdn", "Web ACL", "1", "5"}, {"waf-cdn", "Rules (managed rule groups count one each)", "1", "1"}},
		},
		{
			name:    "KMS key and requests",
			catalog: cat,
			recs:    []resource.Record{rec(resource.TypeKMSKey, "key", map[string]any{"enableKeyRotation": true})},
			usage:   usageOf(map[string]map[string]string{"key": {"monthly_requests": "200"}}),
			want: []want{
				{"key", "Customer managed key", "1", "1"}, // $1.00 a key-month
				{"key", "Requests", "200", "0.0006"},      // 200 × $0.03/10k
			},
		},
		{
			name:    "Route 53 zone and queries across the 1B tier",
			catalog: cat,
			recs:    []resource.Record{rec(resource.TypeRoute53Zone, "zone", map[string]any{"name": "example.com"})},
			usage:   usageOf(map[string]map[string]string{"zone": {"monthly_queries": "1100000000"}}),
			want: []want{
				{"zone", "Hosted zone", "1", "0.5"},                                          // $0.50 a zone-month
				{"zone", "Standard queries (first 1000000000 queries)", "1000000000", "400"}, // 1B × $0.40/1M
				{"zone", "Standard queries (over 1000000000 queries)", "100000000", "20"},    // 100M × $0.20/1M
			},
		},
		{
			name:    "SNS topic: the first million requests are free",
			catalog: cat,
			recs:    []resource.Record{rec(resource.TypeSNSTopic, "alerts", map[string]any{})},
			usage:   usageOf(map[string]map[string]string{"alerts": {"monthly_requests": "3000000"}}),
			want: []want{
				{"alerts", "API requests (first 1000000 requests)", "1000000", "0"}, // free
				{"alerts", "API requests (over 1000000 requests)", "2000000", "1"},  // 2M × $0.50/1M
			},
		},
		{
			name:    "SNS e-mail subscription over the free thousand; other protocols not found",
			catalog: cat,
			recs: []resource.Record{
				rec(resource.TypeSNSSubscription, "mail", map[string]any{"protocol": "email"}),
				rec(resource.TypeSNSSubscription, "hook", map[string]any{"protocol": "https"}),
			},
			usage: usageOf(map[string]map[string]string{"mail": {"monthly_notifications": "101000"}, "hook": {"monthly_notifications": "10"}}),
			want: []want{
				{"mail", "Notifications (email, first 1000 notifications)", "1000", "0"},
				{"mail", "Notifications (email, over 1000 notifications)", "100000", "2"}, // 100k × $2.00/100k
				{"hook", "Notifications (https)", "10", "notfound"},
			},
		},
		{
			name:    "interface endpoint: an hour per AZ; gateway endpoint: nothing",
			catalog: cat,
			recs: []resource.Record{
				rec(resource.TypeVPCEndpoint, "ec2", map[string]any{"vpcEndpointType": "Interface", "subnetIds": []any{"a", "b", "c"}}),
				rec(resource.TypeVPCEndpoint, "s3", map[string]any{"vpcEndpointType": "Gateway"}),
			},
			usage: usageOf(map[string]map[string]string{"ec2": {"monthly_data_processed_gb": "0.1"}}),
			want: []want{
				{"ec2", "Endpoint (Interface, per AZ)", "2190", "21.9"}, // 3 AZ × 730 h × $0.01
				{"ec2", "Data processed (first 1 PB)", "0.1", "0.001"},  // 0.1 GB × $0.01
			},
			absent: []string{"s3|Endpoint (Gateway, per AZ)"},
			status: map[string]string{"s3": StatusPriced},
		},
		{
			name:    "RDS: the managed master secret and enhanced monitoring, billed where they live",
			catalog: cat,
			recs: []resource.Record{
				rec(resource.TypeRDSInstance, "db", map[string]any{"engine": "postgres", "instanceClass": "db.t4g.micro", "allocatedStorage": 20.0,
					"storageType": "gp3", "manageMasterUserPassword": true, "monitoringInterval": 60.0}),
				rec(resource.TypeRDSInstance, "replica", map[string]any{"replicateSourceDb": "db", "instanceClass": "db.t4g.micro", "monitoringInterval": 60.0}),
			},
			usage: usageOf(map[string]map[string]string{
				"db":      {"monthly_secret_requests": "730", "enhanced_monitoring_gb": "0.1752"},
				"replica": {"enhanced_monitoring_gb": "0.1752"},
			}),
			want: []want{
				{"db/masterUserSecret", "Secret", "1", "0.4"},                                      // $0.40 a secret-month
				{"db/masterUserSecret", "API requests", "730", "0.00365"},                          // 730 × $0.05/10k
				{"db/enhancedMonitoring", "Enhanced monitoring data ingested", "0.1752", "0.0876"}, // 43,800 samples × 4 KB = 0.1752 GB × $0.50
				{"replica/enhancedMonitoring", "Enhanced monitoring data ingested", "0.1752", "0.0876"},
			},
			absent: []string{"replica/masterUserSecret|Secret"},
		},
		{
			name:    "a secret the stack declares",
			catalog: cat,
			recs:    []resource.Record{rec("aws:secretsmanager/secret:Secret", "api-key", map[string]any{})},
			usage:   usageOf(map[string]map[string]string{"api-key": {"monthly_api_requests": "10000"}}),
			want: []want{
				{"api-key", "Secret", "1", "0.4"},
				{"api-key", "API requests", "10000", "0.05"}, // 10k × $0.05/10k
			},
		},
		{
			name: "without the new prices every line says price not found, never $0",
			recs: []resource.Record{rec(resource.TypeWebACL, "waf", acl("REGIONAL", 1)), rec(resource.TypeKMSKey, "key", map[string]any{})},
			want: []want{{"waf", "Web ACL", "1", "notfound"}, {"key", "Customer managed key", "1", "notfound"}},
		},
	})
}

// TestSecurityPricesMatchEmbedded: the hand-entered test prices are the
// embedded catalog's, so the cases above price what the estimate prices.
func TestSecurityPricesMatchEmbedded(t *testing.T) {
	for _, p := range securityPrices() {
		tiers, ok := catalog.New(catalog.Embedded()).Lookup(p.Product, catalog.OnDemandTerm)
		if !ok {
			t.Errorf("%s not embedded", p.Product)
			continue
		}
		found := false
		for _, e := range tiers {
			found = found || e.TierStart.Equal(p.TierStart) && e.USD.Equal(p.USD)
		}
		if !found {
			t.Errorf("%s from %s: %s not embedded", p.Product, p.TierStart, p.USD)
		}
	}
}
