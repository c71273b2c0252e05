package capacity

import (
	"math"
	"strings"
	"testing"

	"github.com/tiercost/tiercost/components/spec"
)

func TestTierWorkloadDefaults(t *testing.T) {
	for _, tier := range spec.Tiers {
		w, err := TierWorkload(tier)
		if err != nil {
			t.Fatalf("%s: %v", tier, err)
		}
		if err := ValidateWorkload(w); err != nil {
			t.Errorf("%s default is not valid: %v", tier, err)
		}
		users, _ := spec.TierUsers(tier)
		if w.MonthlyActiveUsers != users {
			t.Errorf("%s: MAU %v, want the tier's %v users", tier, w.MonthlyActiveUsers, users)
		}
		def, _ := spec.DefaultSpec(tier)
		if !def.Cache.Enabled && w.CacheHitRatio != 0 {
			t.Errorf("%s has no cache but cache hit ratio %v", tier, w.CacheHitRatio)
		}
		if !def.CDN.Enabled && w.CDNHitRatio != 0 {
			t.Errorf("%s has no CDN but CDN hit ratio %v", tier, w.CDNHitRatio)
		}
	}
	if _, err := TierWorkload("5k"); err == nil || !strings.Contains(err.Error(), "allowed") {
		t.Errorf("unknown tier: err = %v", err)
	}
}

func TestValidateWorkloadNamesTheField(t *testing.T) {
	base, _ := TierWorkload("10k")
	cases := []struct {
		field string
		mut   func(*spec.Workload)
	}{
		{"monthly_active_users", func(w *spec.Workload) { w.MonthlyActiveUsers = 0 }},
		{"monthly_active_users", func(w *spec.Workload) { w.MonthlyActiveUsers = math.NaN() }},
		{"daily_active_share", func(w *spec.Workload) { w.DailyActiveShare = 0 }},
		{"daily_active_share", func(w *spec.Workload) { w.DailyActiveShare = 1.5 }},
		{"requests_per_user_per_day", func(w *spec.Workload) { w.RequestsPerUserPerDay = -1 }},
		{"peak_to_average", func(w *spec.Workload) { w.PeakToAverage = 0.9 }},
		{"traffic_shape", func(w *spec.Workload) { w.TrafficShape = "spiky" }},
		{"avg_response_kb", func(w *spec.Workload) { w.AvgResponseKB = -3 }},
		{"edge_cacheable_share", func(w *spec.Workload) { w.EdgeCacheableShare = 1.01 }},
		{"cdn_hit_ratio", func(w *spec.Workload) { w.CDNHitRatio = -0.1 }},
		{"db_queries_per_request", func(w *spec.Workload) { w.DBQueriesPerRequest = math.Inf(1) }},
		{"read_share", func(w *spec.Workload) { w.ReadShare = 2 }},
		{"cache_hit_ratio", func(w *spec.Workload) { w.CacheHitRatio = 1.2 }},
		{"hot_working_set_gb", func(w *spec.Workload) { w.HotWorkingSetGB = -1 }},
		{"data_per_user_mb", func(w *spec.Workload) { w.DataPerUserMB = -1 }},
		{"monthly_growth", func(w *spec.Workload) { w.MonthlyGrowth = 3 }},
	}
	for _, tc := range cases {
		w := base
		tc.mut(&w)
		err := ValidateWorkload(w)
		if err == nil {
			t.Errorf("%s: no error", tc.field)
			continue
		}
		msg := err.Error()
		if !strings.Contains(msg, "workload."+tc.field) || !strings.Contains(msg, "allowed") {
			t.Errorf("%s: error %q does not name the field and the allowed range", tc.field, msg)
		}
	}
}
