// Package outputtest owns small hand-priced breakdowns that the output,
// report and CLI tests render. Every amount is worked out by hand from
// shared/reference/aws-prices.csv (us-east-1), with the arithmetic beside
// it, so a test that renders them checks the renderer, not the pricers.
package outputtest

import (
	"github.com/shopspring/decimal"
	"github.com/tiercost/tiercost/costmodel/pricing"
)

func d(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func prov() pricing.Provenance {
	return pricing.Provenance{Layer: "embedded", Source: "aws-prices.csv", AsOf: "2026-08-27"}
}

func line(name, unit, qty, price, cost string, usage bool) pricing.CostComponent {
	src := pricing.SourceSpec
	if usage {
		src = pricing.SourceWorkload
	}
	return pricing.CostComponent{Name: name, Unit: unit, MonthlyQuantity: d(qty), Price: d(price),
		MonthlyCost: d(cost), UsageBased: usage, PriceFound: true, QuantitySource: src, Provenance: prov()}
}

func missing(name, unit, qty, note string) pricing.CostComponent {
	return pricing.CostComponent{Name: name, Unit: unit, MonthlyQuantity: d(qty), QuantitySource: pricing.SourceSpec, Note: note}
}

const urn = "urn:pulumi:dev::tiercost::"

func free() []pricing.ResourceCost {
	return []pricing.ResourceCost{
		{Name: "tc-vpc", Type: "aws:ec2/vpc:Vpc", URN: urn + "tiercost:components:Network$aws:ec2/vpc:Vpc::tc-vpc", Component: "network", Status: pricing.StatusFree, MonthlyCost: d("0")},
		{Name: "tc-sg", Type: "aws:ec2/securityGroup:SecurityGroup", URN: urn + "tiercost:components:Network$aws:ec2/securityGroup:SecurityGroup::tc-sg", Component: "network", Status: pricing.StatusFree, MonthlyCost: d("0")},
		{Name: "tc-waf", Type: "aws:wafv2/webAcl:WebAcl", URN: urn + "aws:wafv2/webAcl:WebAcl::tc-waf", Status: pricing.StatusUnsupported, MonthlyCost: d("0")},
	}
}

func alb() pricing.ResourceCost {
	return pricing.ResourceCost{
		Name: "tc-alb", Type: "aws:lb/loadBalancer:LoadBalancer", Component: "edge", Status: pricing.StatusPriced,
		URN: urn + "tiercost:components:LoadBalancer$aws:lb/loadBalancer:LoadBalancer::tc-alb",
		Components: []pricing.CostComponent{
			line("Application load balancer", "hours", "730", "0.0225", "16.425", false),     // 730 × 0.0225
			line("Load balancer capacity units", "LCU-hours", "146", "0.008", "1.168", true), // 0.2 LCU × 730 = 146; × 0.008
		},
		MonthlyCost: d("17.593"), // 16.425 + 1.168
	}
}

// Tier1k is a small hand-priced breakdown: one priced line item has no
// price, one resource type is unsupported and two resources are free.
//
//	app:  ASG 730 h × 0.0168 = 12.264; root gp3 20 GB × 0.08 = 1.6 → 13.864
//	edge: ALB 16.425 + LCU 1.168 → 17.593
//	data: RDS db.t4g.micro 730 h × 0.016 = 11.68; storage price not found
//	logs: ingestion 2 GB × 0.5 = 1.0 (top level)
//	fixed 13.864 + 16.425 + 11.68 = 41.969; usage 1.168 + 1.0 = 2.168;
//	total 44.137 ($44.14)
func Tier1k() pricing.Breakdown {
	rs := []pricing.ResourceCost{
		{
			Name: "tc-asg", Type: "aws:autoscaling/group:Group", Component: "app", Status: pricing.StatusPriced,
			URN: urn + "tiercost:components:Compute$aws:autoscaling/group:Group::tc-asg",
			Components: []pricing.CostComponent{
				line("Instance usage (Linux/UNIX, on-demand, t4g.small)", "hours", "730", "0.0168", "12.264", false),
			},
			Subresources: []pricing.ResourceCost{{
				Name: "root_block_device", Type: "aws:ebs/volume:Volume", Status: pricing.StatusPriced,
				Components:  []pricing.CostComponent{line("Storage (general purpose SSD, gp3)", "GB", "20", "0.08", "1.6", false)},
				MonthlyCost: d("1.6"),
			}},
			MonthlyCost: d("13.864"),
			Metadata:    map[string]string{"instanceType": "t4g.small", "count": "1 (min 1, max 2)"},
		},
		alb(),
		{
			Name: "tc-db", Type: "aws:rds/instance:Instance", Component: "data", Status: pricing.StatusPriced,
			URN: urn + "tiercost:components:Database$aws:rds/instance:Instance::tc-db",
			Components: []pricing.CostComponent{
				line("Database instance (on-demand, Single-AZ, db.t4g.micro)", "hours", "730", "0.016", "11.68", false),
				missing("Storage (general purpose SSD, gp3)", "GB", "20", "no RDS gp3 price in the catalog for us-east-1"),
			},
			MonthlyCost: d("11.68"),
		},
		{
			Name: "tc-logs", Type: "aws:cloudwatch/logGroup:LogGroup", Status: pricing.StatusPriced,
			URN:         urn + "aws:cloudwatch/logGroup:LogGroup::tc-logs",
			Components:  []pricing.CostComponent{line("Log data ingestion", "GB", "2", "0.5", "1", true)},
			MonthlyCost: d("1"),
		},
	}
	rs = append(rs, free()...)
	return pricing.Breakdown{
		Project: "tier-1k", Region: "us-east-1", Resources: rs,
		TotalMonthlyCost: d("44.137"), FixedMonthlyCost: d("41.969"), UsageMonthlyCost: d("2.168"),
		MissingPrices: 1,
		Metadata:      map[string]string{"tier": "1k", "users": "1000"},
	}
}

// Tier10k is Tier1k grown: two instances and a 40 GB root volume, the RDS
// storage priced, a cache added and the log group removed.
//
//	app:  1460 h × 0.0168 = 24.528; 40 GB × 0.08 = 3.2 → 27.728 (+13.864)
//	data: RDS 11.68 + storage 20 GB × 0.115 = 2.3 → 13.98 (+2.3)
//	      cache.r6g.large Valkey 730 h × 0.1648 = 120.304 (added)
//	logs: removed (−1.0)
//	fixed 27.728 + 16.425 + 13.98 + 120.304 = 178.437; usage 1.168;
//	total 179.605; change 179.605 − 44.137 = +135.468
func Tier10k() pricing.Breakdown {
	rs := []pricing.ResourceCost{
		{
			Name: "tc-asg", Type: "aws:autoscaling/group:Group", Component: "app", Status: pricing.StatusPriced,
			URN: urn + "tiercost:components:Compute$aws:autoscaling/group:Group::tc-asg",
			Components: []pricing.CostComponent{
				line("Instance usage (Linux/UNIX, on-demand, t4g.small)", "hours", "1460", "0.0168", "24.528", false),
			},
			Subresources: []pricing.ResourceCost{{
				Name: "root_block_device", Type: "aws:ebs/volume:Volume", Status: pricing.StatusPriced,
				Components:  []pricing.CostComponent{line("Storage (general purpose SSD, gp3)", "GB", "40", "0.08", "3.2", false)},
				MonthlyCost: d("3.2"),
			}},
			MonthlyCost: d("27.728"),
		},
		alb(),
		{
			Name: "tc-cache", Type: "aws:elasticache/replicationGroup:ReplicationGroup", Component: "data", Status: pricing.StatusPriced,
			URN: urn + "tiercost:components:Cache$aws:elasticache/replicationGroup:ReplicationGroup::tc-cache",
			Components: []pricing.CostComponent{
				line("ElastiCache (on-demand, cache.r6g.large, valkey)", "hours", "730", "0.1648", "120.304", false),
			},
			MonthlyCost: d("120.304"),
		},
		{
			Name: "tc-db", Type: "aws:rds/instance:Instance", Component: "data", Status: pricing.StatusPriced,
			URN: urn + "tiercost:components:Database$aws:rds/instance:Instance::tc-db",
			Components: []pricing.CostComponent{
				line("Database instance (on-demand, Single-AZ, db.t4g.micro)", "hours", "730", "0.016", "11.68", false),
				line("Storage (general purpose SSD, gp3)", "GB", "20", "0.115", "2.3", false),
			},
			MonthlyCost: d("13.98"),
		},
	}
	rs = append(rs, free()...)
	return pricing.Breakdown{
		Project: "tier-10k", Region: "us-east-1", Resources: rs,
		TotalMonthlyCost: d("179.605"), FixedMonthlyCost: d("178.437"), UsageMonthlyCost: d("1.168"),
		Metadata: map[string]string{"tier": "10k", "users": "10000"},
	}
}
