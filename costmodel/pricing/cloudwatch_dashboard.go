package pricing

import (
	"github.com/shopspring/decimal"
	"github.com/tiercost/tiercost/costmodel/catalog"
	"github.com/tiercost/tiercost/costmodel/resource"
)

// priceDashboard prices aws:cloudwatch/dashboard:Dashboard per dashboard.
func priceDashboard(p *run, rec *resource.Record, rc *ResourceCost) error {
	l := line{name: "Dashboard", unit: "dashboards", qty: decimal.NewFromInt(1), key: catalog.CloudWatchDashboard(p.region), source: SourceSpec}
	p.applyFree(freeCWDashboards, &l)
	rc.Components = []CostComponent{p.price(l)}
	return nil
}
