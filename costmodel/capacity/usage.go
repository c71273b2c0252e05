package capacity

import (
	"math"
	"strconv"

	"github.com/shopspring/decimal"
	"github.com/tiercost/tiercost/components/spec"
	"github.com/tiercost/tiercost/costmodel/resource"
	"github.com/tiercost/tiercost/costmodel/usage"
)

// qty turns a derived float into a decimal rounded to 4 places, so outputs
// stay stable across platforms: decimal.NewFromFloat(x).Round(4), worked
// out from x's shortest digits in an int64 (qtyUnits), since a sizing
// makes some fifty and the decimal route allocates big integers at each
// of its steps.
func qty(x float64) decimal.Decimal {
	if math.IsNaN(x) || math.IsInf(x, 0) || x < 0 {
		return decimal.Zero
	}
	if v, ok := qtyUnits(x); ok {
		return decimal.New(v, -4)
	}
	return decimal.NewFromFloat(x).Round(4)
}

// qtyUnits is x ≥ 0 in ten-thousandths as NewFromFloat(x).Round(4) has
// them: x's shortest decimal digits (strconv's and NewFromFloat's are the
// same), cut after the fifth decimal, then rounded half up at the fourth.
// ok is false when the units would not fit an int64.
func qtyUnits(x float64) (units int64, ok bool) {
	if x == 0 { // -0 too, which would print a sign
		return 0, true
	}
	var buf [32]byte
	b := strconv.AppendFloat(buf[:0], x, 'e', -1, 64) // d[.ddd]e±dd
	e := len(b) - 1
	for b[e] != 'e' {
		e--
	}
	exp := 0
	for _, c := range b[e+2:] {
		exp = exp*10 + int(c-'0')
	}
	if b[e+1] == '-' {
		exp = -exp
	}
	// x = d.ddd × 10^exp: the integer part and five decimals are the
	// first exp+6 digits, zeros past the last.
	keep := exp + 6
	if keep <= 0 {
		return 0, true
	}
	if keep > 18 {
		return 0, false
	}
	v := int64(b[0] - '0')
	for i := 2; i <= keep; i++ { // b[1] is the point, when there is one
		v *= 10
		if i < e {
			v += int64(b[i] - '0')
		}
	}
	return (v + 5) / 10, true
}

// buildUsage turns average rates into monthly usage quantities per type
// token. Monthly figures use average (not peak) rates over a 730-hour month.
func buildUsage(s spec.Spec, w spec.Workload, t traffic, m Model) *usage.Usage {
	u := &usage.Usage{Origin: "workload model", TypeDefaults: map[string]usage.Values{}, Resources: map[string]usage.Values{}}
	respKB := w.AvgResponseKB

	// ALB: LCU dimensions from origin traffic.
	newConn := t.originAvg / m.RequestsPerConnection
	u.TypeDefaults[resource.TypeLoadBalancer] = usage.Values{
		"new_connections_per_second":    qty(newConn),
		"active_connections_per_minute": qty(newConn * m.ConnectionSeconds),
		"processed_gb_per_hour":         qty(t.originAvg * 3600 * (respKB + m.RequestKB) / 1e6),
		"rule_evaluations_per_second":   decimal.Zero, // a few rules: inside the 10 free per request
	}

	viewerRequests := t.avg * SecondsPerMonth
	internetOut := 0.0
	if s.CDN.Enabled {
		u.TypeDefaults[resource.TypeCloudFront] = usage.Values{
			"monthly_data_transfer_to_internet_gb": qty(MonthlyGB(t.avg, respKB)),
			"monthly_data_transfer_to_origin_gb":   qty(MonthlyGB(t.originAvg, m.RequestKB)),
			"monthly_https_requests":               qty(math.Round(viewerRequests * m.HTTPSShare)),
			"monthly_http_requests":                qty(math.Round(viewerRequests * (1 - m.HTTPSShare))),
		}
		// Static assets: CDN misses on cacheable objects are S3 GETs.
		u.TypeDefaults[resource.TypeBucketV2] = usage.Values{
			"storage_gb":             qty(m.StaticAssetsGB),
			"monthly_tier1_requests": qty(m.AssetUploadsPerMonth),
			"monthly_tier2_requests": qty(math.Round(t.avg * w.EdgeCacheableShare * (1 - w.CDNHitRatio) * SecondsPerMonth)),
		}
	} else {
		// The ALB answers viewers directly: its responses are internet egress.
		internetOut = MonthlyGB(t.avg, respKB)
	}

	// Inter-AZ: app <-> DB and app <-> cache bytes, (AZ-1)/AZ of them cross.
	queriesAvg := t.originAvg * w.DBQueriesPerRequest
	dbAvg := queriesAvg*w.ReadShare*(1-t.cacheHit) + queriesAvg*(1-w.ReadShare)
	cacheOps := 0.0
	if s.Cache.Enabled {
		cacheOps = queriesAvg
	}
	az := float64(max(1, s.Network.AZCount))
	interAZ := (MonthlyGB(dbAvg, m.QueryKB) + MonthlyGB(cacheOps, m.CacheOpKB)) * (az - 1) / az
	u.TypeDefaults[resource.TypeDataTransfer] = usage.Values{
		"monthly_internet_out_gb": qty(internetOut),
		"monthly_inter_az_gb":     qty(interAZ),
	}

	// NAT: a share of origin egress goes out through NAT, split per gateway.
	nats := 0
	switch s.Network.NATMode {
	case spec.NATSingle:
		nats = 1
	case spec.NATPerAZ:
		nats = s.Network.AZCount
	}
	if nats > 0 {
		total := MonthlyGB(t.originAvg, respKB) * m.NATShareOfEgress
		u.TypeDefaults[resource.TypeNATGateway] = usage.Values{"monthly_data_processed_gb": qty(total / float64(nats))}
	}

	// Logs: bytes per origin request; held for the retention period.
	ingest := MonthlyGB(t.originAvg, m.LogBytesPerRequest/1000)
	u.TypeDefaults[resource.TypeLogGroup] = usage.Values{
		"monthly_data_ingested_gb": qty(ingest),
		"storage_gb":               qty(ingest * float64(s.Observability.LogRetentionDays) / 30),
	}

	// RDS backups: the first full snapshot plus daily churn for the
	// retention period, beyond the free allowance (provisioned storage of
	// the primaries); spread evenly because the type default applies to
	// every instance, replicas included.
	data := w.MonthlyActiveUsers * w.DataPerUserMB / 1000
	backup := data * (1 + m.BackupChurnPerDay*float64(s.Database.BackupRetentionDays))
	free := float64(s.Database.AllocatedStorageGB * s.Database.Shards)
	instances := float64(s.Database.Shards * (1 + s.Database.ReadReplicas))
	u.TypeDefaults[resource.TypeRDSInstance] = usage.Values{"additional_backup_storage_gb": qty(math.Max(0, backup-free) / instances)}
	addSecurityUsage(u, s, w, t, m) // usage_security.go
	return u
}
