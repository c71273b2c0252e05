package pricing

import (
	"testing"

	"github.com/tiercost/tiercost/costmodel/resource"
)

const lbType = "aws:lb/loadBalancer:LoadBalancer"

func TestLoadBalancer(t *testing.T) {
	runCases(t, []pricerCase{
		{
			name: "internet-facing ALB, LCU per AWS, 3 subnets",
			recs: []resource.Record{rec(lbType, "alb", map[string]any{"loadBalancerType": "application", "subnets": []any{"a", "b", "c"}})},
			usage: usageOf(map[string]map[string]string{"alb": {
				"new_connections_per_second": "100", "active_connections_per_minute": "3000", "processed_gb_per_hour": "2.5"}}),
			want: []want{
				// 730 h × 0.0225 = $16.425
				{"alb", "Application load balancer", "730", "16.425"},
				// LCU/h = max(100/25 = 4, 3000/3000 = 1, 2.5/1 = 2.5) = 4; 4 × 730 = 2,920 LCU-h × 0.008 = $23.36
				{"alb", "Load balancer capacity units", "2920", "23.36"},
				// 3 addresses × 730 h × 0.005 = $10.95
				{"alb", "Public IPv4 addresses", "2190", "10.95"},
			},
		},
		{
			name:  "rule evaluations dominate",
			recs:  []resource.Record{rec(lbType, "alb", map[string]any{"internal": true})},
			usage: usageOf(map[string]map[string]string{"alb": {"rule_evaluations_per_second": "5000", "processed_gb_per_hour": "1"}}),
			// 5000/1000 = 5 LCU/h × 730 = 3,650 × 0.008 = $29.20
			want:   []want{{"alb", "Load balancer capacity units", "3650", "29.2"}},
			absent: []string{"alb|Public IPv4 addresses"},
		},
		{
			name: "internal ALB without usage: LCU line at zero, no public addresses",
			recs: []resource.Record{rec("aws:alb/loadBalancer:LoadBalancer", "alb", map[string]any{"internal": true})},
			want: []want{
				{"alb", "Application load balancer", "730", "16.425"},
				{"alb", "Load balancer capacity units", "0", "0"},
			},
			absent: []string{"alb|Public IPv4 addresses"},
		},
		{
			name: "internet-facing default 2 addresses",
			recs: []resource.Record{rec(lbType, "alb", map[string]any{})},
			want: []want{{"alb", "Public IPv4 addresses", "1460", "7.3"}}, // 2 × 730 × 0.005
		},
		{
			name: "NLB: NLCU from processed bytes, subnet mappings",
			recs: []resource.Record{rec(lbType, "nlb", map[string]any{"loadBalancerType": "network",
				"subnetMappings": []any{map[string]any{"subnetId": "a"}, map[string]any{"subnetId": "b"}}})},
			usage: usageOf(map[string]map[string]string{"nlb": {
				"processed_gb_per_hour": "5", "new_connections_per_second": "400", "active_connections_per_minute": "50000"}}),
			want: []want{
				{"nlb", "Network load balancer", "730", "16.425"}, // 730 × 0.0225
				// max(5/1 = 5, 400/800 = 0.5, 50,000/100,000 = 0.5) = 5; 5 × 730 = 3,650 × 0.006 = $21.90
				{"nlb", "Network load balancer capacity units", "3650", "21.9"},
				{"nlb", "Public IPv4 addresses", "1460", "7.3"},
			},
		},
		{
			name:   "gateway load balancer is unsupported",
			recs:   []resource.Record{rec(lbType, "gwlb", map[string]any{"loadBalancerType": "gateway"})},
			status: map[string]string{"gwlb": StatusUnsupported},
		},
	})
}
