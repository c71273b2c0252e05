package pricing

import (
	"github.com/tiercost/tiercost/costmodel/catalog"
	"github.com/tiercost/tiercost/costmodel/resource"
	"github.com/tiercost/tiercost/costmodel/usage"
)

var serviceSNS = service{"Amazon Simple Notification Service", "Integration"}

var _ = register(resourceType{
	Types:   []string{resource.TypeSNSTopic},
	Service: serviceSNS,
	Usage: []usage.Key{
		{Name: "monthly_requests", Unit: "requests/month", Description: "publish API requests (alarms and events)"},
	},
	Price: priceSNSTopic,
})

var _ = register(resourceType{
	Types:   []string{resource.TypeSNSSubscription},
	Service: serviceSNS,
	Usage: []usage.Key{
		{Name: "monthly_notifications", Unit: "notifications/month", Description: "notifications delivered to the endpoint"},
	},
	Price: priceSNSSubscription,
})

// priceSNSTopic prices aws:sns/topic:Topic: publish requests (usage),
// tiered; the first million a month are free.
func priceSNSTopic(p *run, rec *resource.Record, rc *ResourceCost) error {
	q, src := p.usageQty(p.usageFor(*rec), "monthly_requests")
	rc.Components = p.priceTiered(line{name: "API requests", unit: "requests", qty: q, key: catalog.SNSRequests(p.region), usage: true, source: src})
	return nil
}

// priceSNSSubscription prices aws:sns/topicSubscription:TopicSubscription:
// notifications delivered over its protocol (usage), tiered. E-mail and
// e-mail-JSON share a price; other protocols are looked up by name.
func priceSNSSubscription(p *run, rec *resource.Record, rc *ResourceCost) error {
	protocol := p.in(rec).text("protocol")
	proto := protocol
	if proto == "email-json" {
		proto = "email"
	}
	q, src := p.usageQty(p.usageFor(*rec), "monthly_notifications")
	rc.Components = p.priceTiered(line{name: "Notifications (" + protocol + ")", unit: "notifications", qty: q,
		key: catalog.SNSNotifications(p.region, proto), usage: true, source: src})
	rc.Metadata = map[string]string{"protocol": protocol}
	return nil
}
