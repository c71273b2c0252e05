package pricing

import (
	"fmt"

	"github.com/shopspring/decimal"
	"github.com/tiercost/tiercost/costmodel/catalog"
	"github.com/tiercost/tiercost/costmodel/resource"
	"github.com/tiercost/tiercost/costmodel/usage"
)

// The ALB token is the older alias of the same resource.
var _ = register(resourceType{
	Types: []string{resource.TypeLoadBalancer, "aws:alb/loadBalancer:LoadBalancer"},
	// pulumi-aws before v6 named the module elasticloadbalancingv2, and
	// before that applicationloadbalancing.
	Aliases: []string{"aws:elasticloadbalancingv2/loadBalancer:LoadBalancer", "aws:applicationloadbalancing/loadBalancer:LoadBalancer"},
	Service: serviceELB,
	Usage: []usage.Key{
		{Name: "new_connections_per_second", Unit: "connections/s", Description: "average new connections per second"},
		{Name: "active_connections_per_minute", Unit: "connections/min", Description: "average concurrent active connections, sampled per minute"},
		{Name: "processed_gb_per_hour", Unit: "GB/h", Description: "average bytes processed per hour (requests + responses)"},
		{Name: "rule_evaluations_per_second", Unit: "evaluations/s", Description: "billable listener-rule evaluations per second (beyond the 10 free per request)"},
	},
	Price: priceLoadBalancer,
})

// LCU dimensions, per AWS's definition of one capacity unit for one hour.
// ALB: 25 new connections/s, 3,000 active connections/min, 1 GB/h processed
// (EC2/IP targets), 1,000 rule evaluations/s. NLB (TCP): 800 new flows/s,
// 100,000 active flows/min, 1 GB/h processed. The usage keys are the same
// on both (new_connections_per_second, active_connections_per_minute,
// processed_gb_per_hour; rule_evaluations_per_second is ALB only).
type lcuDims struct {
	newPerSec, activePerMin, gbPerHour, rulesPerSec decimal.Decimal
}

var (
	albLCU = lcuDims{decimal.NewFromInt(25), decimal.NewFromInt(3000), decimal.NewFromInt(1), decimal.NewFromInt(1000)}
	nlbLCU = lcuDims{decimal.NewFromInt(800), decimal.NewFromInt(100000), decimal.NewFromInt(1), decimal.Zero}
)

var defaultLBAddresses = decimal.NewFromInt(2)

// lcuPerHour is the LCUs one hour consumes: the largest dimension. Unlike
// Infracost it treats the usage figures as the per-second/per-minute/
// per-hour rates their names say, and multiplies by 730 afterwards.
func lcuPerHour(v usage.Values, d lcuDims) (decimal.Decimal, bool) {
	best, seen := decimal.Zero, false
	dims := []struct {
		key string
		per decimal.Decimal
	}{
		{"new_connections_per_second", d.newPerSec},
		{"active_connections_per_minute", d.activePerMin},
		{"processed_gb_per_hour", d.gbPerHour},
		{"rule_evaluations_per_second", d.rulesPerSec},
	}
	for _, dim := range dims {
		q, ok := v.Get(dim.key)
		if !ok || dim.per.IsZero() {
			continue
		}
		seen = true
		if l := q.Div(dim.per); l.GreaterThan(best) {
			best = l
		}
	}
	return best, seen
}

// priceLoadBalancer prices aws:lb (and aws:alb) LoadBalancer: hours, LCU-
// (or NLCU-) hours from usage, and the public IPv4 addresses of an
// internet-facing load balancer: one per subnet, default 2.
func priceLoadBalancer(p *run, rec *resource.Record, rc *ResourceCost) error {
	in := p.in(rec)
	kind := in.text("loadBalancerType")
	if kind == "" {
		kind = catalog.LBApplication
	}
	var dims lcuDims
	var label, unitName string
	switch kind {
	case catalog.LBApplication:
		dims, label, unitName = albLCU, "Application load balancer", "Load balancer capacity units"
	case catalog.LBNetwork:
		dims, label, unitName = nlbLCU, "Network load balancer", "Network load balancer capacity units"
	default:
		rc.Status = StatusUnsupported
		rc.Metadata = map[string]string{"load_balancer_type": kind}
		return nil
	}
	rc.Components = append(rc.Components, p.price(line{
		name: label, unit: "hours", qty: fullMonth(), key: catalog.LoadBalancerHours(p.region, kind), source: SourceDefault,
	}))
	lcu, ok := lcuPerHour(p.usageFor(*rec), dims)
	src := SourceDefault
	if ok {
		src = p.usageSource()
	}
	rc.Components = append(rc.Components, p.price(line{
		name: unitName, unit: "LCU-hours", qty: lcu.Mul(fullMonth()),
		key: catalog.LoadBalancerLCU(p.region, kind), usage: true, source: src,
	}))
	if !in.flag("internal") {
		n, src := defaultLBAddresses, SourceDefault
		if s := in.length("subnets"); s > 0 {
			n, src = decimal.NewFromInt(int64(s)), SourceSpec
		} else if s := in.length("subnetMappings"); s > 0 {
			n, src = decimal.NewFromInt(int64(s)), SourceSpec
		}
		rc.Components = append(rc.Components, p.price(line{
			name: "Public IPv4 addresses", unit: "hours", qty: n.Mul(fullMonth()),
			key: catalog.PublicIPv4(p.region), source: src, note: fmt.Sprintf("internet-facing: %s addresses, one per subnet/AZ", n),
		}))
		rc.Metadata = map[string]string{"load_balancer_type": kind, "public_ipv4_addresses": n.String()}
		return nil
	}
	rc.Metadata = map[string]string{"load_balancer_type": kind}
	return nil
}
