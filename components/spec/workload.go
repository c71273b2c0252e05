package spec

// Workload is the traffic and data model of one environment or tier: the
// inputs the capacity model turns into a Spec and into usage quantities.
// Every field has a per-tier default (see the capacity package), and an
// environment file may override any of them.
type Workload struct {
	// MonthlyActiveUsers is the number of distinct users a month.
	MonthlyActiveUsers float64 `json:"monthlyActiveUsers" yaml:"monthly_active_users"`
	// DailyActiveShare is DAU / MAU, 0 to 1.
	DailyActiveShare float64 `json:"dailyActiveShare" yaml:"daily_active_share"`
	// RequestsPerUserPerDay counts HTTP requests (pages, API calls, assets)
	// one daily active user makes.
	RequestsPerUserPerDay float64 `json:"requestsPerUserPerDay" yaml:"requests_per_user_per_day"`
	// PeakToAverage is peak-hour RPS over average RPS (>= 1).
	PeakToAverage float64 `json:"peakToAverage" yaml:"peak_to_average"`
	// TrafficShape is "flat", "business-hours" or "diurnal"; it sets how the
	// daily curve spreads requests and so the hours at peak.
	TrafficShape string `json:"trafficShape" yaml:"traffic_shape"`
	// AvgResponseKB is the mean response size in KB (1 KB = 1,000 bytes).
	AvgResponseKB float64 `json:"avgResponseKb" yaml:"avg_response_kb"`
	// EdgeCacheableShare is the share of requests that the CDN may cache, 0 to 1.
	EdgeCacheableShare float64 `json:"edgeCacheableShare" yaml:"edge_cacheable_share"`
	// CDNHitRatio is the CDN hit ratio on cacheable requests, 0 to 1.
	CDNHitRatio float64 `json:"cdnHitRatio" yaml:"cdn_hit_ratio"`
	// DBQueriesPerRequest counts database queries per origin request.
	DBQueriesPerRequest float64 `json:"dbQueriesPerRequest" yaml:"db_queries_per_request"`
	// ReadShare is the share of DB queries that are reads, 0 to 1.
	ReadShare float64 `json:"readShare" yaml:"read_share"`
	// CacheHitRatio is the application cache's hit ratio on reads, 0 to 1.
	CacheHitRatio float64 `json:"cacheHitRatio" yaml:"cache_hit_ratio"`
	// HotWorkingSetGB is the data that must stay in memory (cache and DB buffer).
	HotWorkingSetGB float64 `json:"hotWorkingSetGb" yaml:"hot_working_set_gb"`
	// DataPerUserMB is the database data stored per monthly active user.
	DataPerUserMB float64 `json:"dataPerUserMb" yaml:"data_per_user_mb"`
	// MonthlyGrowth is user growth per month, 0.05 = 5 %.
	MonthlyGrowth float64 `json:"monthlyGrowth" yaml:"monthly_growth"`
}
