package pricing

import (
	"github.com/shopspring/decimal"
	"github.com/tiercost/tiercost/costmodel/catalog"
)

// detailedMonitoringMetrics is how many metrics EC2 detailed monitoring
// publishes per instance, each billed as a custom metric.
var detailedMonitoringMetrics = decimal.NewFromInt(7)

// monitoringLines prices detailed monitoring for count instances (7
// metrics each, tiered metric price; the free tier's 10 metrics apply).
func (p *run) monitoringLines(count decimal.Decimal) []CostComponent {
	l := line{name: "CloudWatch detailed monitoring", unit: "metrics", qty: count.Mul(detailedMonitoringMetrics),
		key: catalog.CloudWatchMetric(p.region), source: SourceSpec, note: "7 metrics per instance"}
	p.applyFree(freeCWMetrics, &l)
	return p.priceTiered(l)
}
