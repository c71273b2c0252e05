package pricing

import (
	"github.com/shopspring/decimal"
	"github.com/tiercost/tiercost/costmodel/catalog"
	"github.com/tiercost/tiercost/costmodel/resource"
)

var _ = register(resourceType{
	Types:   []string{"aws:cloudwatch/metricAlarm:MetricAlarm"},
	Service: serviceCloudWatch,
	Price:   priceMetricAlarm,
})

var highResolutionBelow = decimal.NewFromInt(60) // seconds

// alarmMetrics counts the metrics an alarm evaluates (each metric of a
// metric-math alarm is billed; expressions are not) and whether any has a
// period below 60 s (high resolution).
func alarmMetrics(in inputs) (decimal.Decimal, bool) {
	high := false
	if per, ok := in.amount("period"); ok && per.LessThan(highResolutionBelow) && per.IsPositive() {
		high = true
	}
	n := int64(0)
	for _, q := range in.objects("metricQueries") {
		stat := q.object("metricStat")
		if !stat.present() {
			continue
		}
		n++
		if per, ok := stat.amount("period"); ok && per.LessThan(highResolutionBelow) && per.IsPositive() {
			high = true
		}
	}
	if n == 0 {
		n = 1
	}
	return decimal.NewFromInt(n), high
}

// priceMetricAlarm prices aws:cloudwatch/metricAlarm:MetricAlarm per alarm
// metric, standard or (period < 60 s) high resolution. The free tier's 10
// alarm metrics cover standard-resolution alarms only.
func priceMetricAlarm(p *run, rec *resource.Record, rc *ResourceCost) error {
	n, high := alarmMetrics(p.in(rec))
	res, name := "standard", "Standard resolution alarm metrics"
	if high {
		res, name = "high", "High resolution alarm metrics"
	}
	l := line{name: name, unit: "alarm metrics", qty: n, key: catalog.CloudWatchAlarm(p.region, res), source: SourceSpec}
	if !high {
		p.applyFree(freeCWAlarms, &l)
	}
	rc.Components = []CostComponent{p.price(l)}
	rc.Metadata = map[string]string{"resolution": res}
	return nil
}
