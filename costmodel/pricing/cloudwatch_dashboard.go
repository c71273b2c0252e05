package pricing

import (
	"github.com/shopspring/decimal"
	"github.com/tiercost/tiercost/costmodel/catalog"
	"github.com/tiercost/tiercost/costmodel/resource"
)

var _ = register(resourceType{
	Types:   []string{"aws:cloudwatch/dashboard:Dashboard"},
	Service: serviceCloudWatch,
	Price:   priceDashboard,
})

// priceDashboard prices aws:cloudwatch/dashboard:Dashboard per dashboard.
func priceDashboard(p *run, rec *resource.Record, rc *ResourceCost) error {
	l := line{name: "Dashboard", unit: "dashboards", qty: decimal.NewFromInt(1), key: catalog.CloudWatchDashboard(p.region), source: SourceSpec}
	p.applyFree(freeCWDashboards, &l)
	rc.Components = []CostComponent{p.price(l)}
	return nil
}
