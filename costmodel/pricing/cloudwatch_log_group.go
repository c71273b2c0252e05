package pricing

import (
	"github.com/tiercost/tiercost/costmodel/catalog"
	"github.com/tiercost/tiercost/costmodel/resource"
	"github.com/tiercost/tiercost/costmodel/usage"
)

var _ = register(resourceType{
	Types:   []string{resource.TypeLogGroup},
	Service: serviceCloudWatch,
	Usage: []usage.Key{
		{Name: "monthly_data_ingested_gb", Unit: "GB/month", Description: "log data ingested (standard class)"},
		{Name: "storage_gb", Unit: "GB", Description: "archived log data held"},
	},
	Price: priceLogGroup,
})

// priceLogGroup prices aws:cloudwatch/logGroup:LogGroup: ingestion and
// archived storage from usage. The free tier's 5 GB covers ingestion first.
func priceLogGroup(p *run, rec *resource.Record, rc *ResourceCost) error {
	vals := p.usageFor(*rec)
	in, src := p.usageQty(vals, "monthly_data_ingested_gb")
	ingest := line{name: "Data ingested", unit: "GB", qty: in, key: catalog.CloudWatchLogsIngest(p.region), usage: true, source: src}
	p.applyFree(freeCWLogs, &ingest)
	st, src := p.usageQty(vals, "storage_gb")
	store := line{name: "Archival storage", unit: "GB-months", qty: st, key: catalog.CloudWatchLogsStorage(p.region), usage: true, source: src}
	p.applyFree(freeCWLogs, &store)
	rc.Components = []CostComponent{p.price(ingest), p.price(store)}
	return nil
}
