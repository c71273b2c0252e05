package scenario

import (
	"testing"

	"github.com/tiercost/tiercost/environments"
)

// bandScenario is one band sample's overlay: users and every workload
// assumption.
var bandScenario = Overlay{"users": "123457", "daily_active_share": "0.21", "requests_per_user_per_day": "140",
	"peak_to_average": "3.2", "avg_response_kb": "28", "edge_cacheable_share": "0.62", "cdn_hit_ratio": "0.88",
	"db_queries_per_request": "3.1", "read_share": "0.91", "cache_hit_ratio": "0.84", "hot_working_set_gb": "6",
	"data_per_user_mb": "5.5", "monthly_growth": "0.05", "asg_running": "-0.1"}

// BenchmarkApply writes one band scenario (users and every workload
// assumption) into prod's profile, as each sample of a band does.
func BenchmarkApply(b *testing.B) {
	p, err := environments.Load("prod", "")
	if err != nil {
		b.Fatal(err)
	}
	o := bandScenario
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Apply(p, o); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkOverlayString renders a band scenario's overlay, as every
// estimate with an overlay records it.
func BenchmarkOverlayString(b *testing.B) {
	o := bandScenario
	b.ReportAllocs()
	for b.Loop() {
		_ = o.String()
	}
}
