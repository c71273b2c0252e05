// Package capacity owns the capacity model: it turns a workload (users and
// their traffic) into sizes (instance types, counts, replicas, shards,
// storage) and usage quantities, checks latency with an M/M/c queue,
// right-sizes an existing spec against catalog prices, advises when to scale
// (rules from the 1K-to-1M article) and draws the cost curve and forecast.
// It never prints and never imports the Pulumi SDK.
package capacity

import (
	"errors"
	"fmt"
	"math"

	"github.com/tiercost/tiercost/components/spec"
)

// Traffic shapes a workload may declare.
const (
	ShapeFlat          = "flat"
	ShapeBusinessHours = "business-hours"
	ShapeDiurnal       = "diurnal"
)

// TierWorkload returns the documented default workload of a tier. The
// rationale of every figure is in docs/capacity.md; the comments below give
// the short version.
func TierWorkload(tier string) (spec.Workload, error) {
	users, err := spec.TierUsers(tier)
	if err != nil {
		return spec.Workload{}, err
	}
	w := spec.Workload{
		MonthlyActiveUsers: users,
		// 10 page views a day, each 1 document + 4 API calls + 10 assets
		// the browser has not cached: 10 x 15 = 150 requests.
		RequestsPerUserPerDay: 150,
		// Mixed HTML/JSON responses and compressed assets.
		AvgResponseKB: 30,
		// 10 of the 15 requests per view are static assets, less the ones
		// that vary per user: about 0.6.
		EdgeCacheableShare: 0.6,
		// An origin request runs a few indexed queries (session, object, list).
		DBQueriesPerRequest: 3,
		// Typical web applications read about nine times as often as they write.
		ReadShare: 0.9,
		// Profile, content and metadata, without media (media lives in S3).
		DataPerUserMB: 5,
	}
	switch tier {
	case "1k":
		// Early adopters are engaged (DAU/MAU 0.25) and sit in few time
		// zones, so the peak hour is sharp (4x) and follows office hours.
		w.DailyActiveShare, w.PeakToAverage, w.TrafficShape = 0.25, 4, ShapeBusinessHours
		// No CDN and no cache in the 1k architecture.
		w.CDNHitRatio, w.CacheHitRatio = 0, 0
		// 250 DAU x 0.25 MB hot rows and sessions = 0.06 GB, rounded up.
		w.HotWorkingSetGB = 0.1
		// Early-stage growth.
		w.MonthlyGrowth = 0.15
	case "10k":
		w.DailyActiveShare, w.PeakToAverage, w.TrafficShape = 0.25, 3.5, ShapeBusinessHours
		// A young CDN configuration with default TTLs; a cache that holds
		// the obvious hot keys (sessions, user objects).
		w.CDNHitRatio, w.CacheHitRatio = 0.85, 0.8
		// 2,500 DAU x 0.25 MB = 0.63 GB.
		w.HotWorkingSetGB = 0.6
		w.MonthlyGrowth = 0.10
	case "100k":
		// A broader audience: stickiness falls to 0.2, more time zones
		// flatten the peak to 3x over a full diurnal curve.
		w.DailyActiveShare, w.PeakToAverage, w.TrafficShape = 0.2, 3, ShapeDiurnal
		w.CDNHitRatio, w.CacheHitRatio = 0.9, 0.85
		// 20,000 DAU x 0.25 MB = 5 GB.
		w.HotWorkingSetGB = 5
		w.MonthlyGrowth = 0.06
	case "1m":
		w.DailyActiveShare, w.PeakToAverage, w.TrafficShape = 0.2, 2.5, ShapeDiurnal
		// Tuned TTLs and versioned assets; a cache designed in.
		w.CDNHitRatio, w.CacheHitRatio = 0.92, 0.9
		// 200,000 DAU x 0.25 MB = 50 GB.
		w.HotWorkingSetGB = 50
		w.MonthlyGrowth = 0.03
	}
	return w, nil
}

// ValidateWorkload reports every field that is out of range, naming the
// field (as in the YAML files) and what is allowed.
func ValidateWorkload(w spec.Workload) error {
	var errs []error
	bad := func(field string, v float64, allowed string) {
		errs = append(errs, fmt.Errorf("workload.%s: is %v; allowed: %s", field, v, allowed))
	}
	finite := func(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }
	// Upper bounds keep the queue model and counts finite; each is far
	// beyond any real web application.
	positive := func(field string, v, upper float64) {
		if !finite(v) || v <= 0 || v > upper {
			bad(field, v, fmt.Sprintf("greater than 0, up to %g", upper))
		}
	}
	nonNegative := func(field string, v, upper float64) {
		if !finite(v) || v < 0 || v > upper {
			bad(field, v, fmt.Sprintf("0 to %g", upper))
		}
	}
	ratio := func(field string, v float64) {
		if !finite(v) || v < 0 || v > 1 {
			bad(field, v, "0 to 1")
		}
	}
	positive("monthly_active_users", w.MonthlyActiveUsers, 1e9)
	if finite(w.DailyActiveShare) && w.DailyActiveShare == 0 {
		bad("daily_active_share", 0, "greater than 0, up to 1")
	} else {
		ratio("daily_active_share", w.DailyActiveShare)
	}
	positive("requests_per_user_per_day", w.RequestsPerUserPerDay, 1e5)
	if !finite(w.PeakToAverage) || w.PeakToAverage < 1 || w.PeakToAverage > 100 {
		bad("peak_to_average", w.PeakToAverage, "1 to 100")
	}
	switch w.TrafficShape {
	case ShapeFlat, ShapeBusinessHours, ShapeDiurnal, "":
	default:
		errs = append(errs, fmt.Errorf("workload.traffic_shape: is %q; allowed: flat, business-hours, diurnal", w.TrafficShape))
	}
	nonNegative("avg_response_kb", w.AvgResponseKB, 1e5)
	ratio("edge_cacheable_share", w.EdgeCacheableShare)
	ratio("cdn_hit_ratio", w.CDNHitRatio)
	nonNegative("db_queries_per_request", w.DBQueriesPerRequest, 1000)
	ratio("read_share", w.ReadShare)
	ratio("cache_hit_ratio", w.CacheHitRatio)
	nonNegative("hot_working_set_gb", w.HotWorkingSetGB, 1e6)
	nonNegative("data_per_user_mb", w.DataPerUserMB, 1e6)
	if !finite(w.MonthlyGrowth) || w.MonthlyGrowth < 0 || w.MonthlyGrowth > 1 {
		bad("monthly_growth", w.MonthlyGrowth, "0 to 1 (0.05 = 5 % a month)")
	}
	return errors.Join(errs...)
}
