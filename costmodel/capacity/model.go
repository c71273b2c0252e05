package capacity

import (
	"errors"
	"fmt"
	"math"

	"github.com/shopspring/decimal"
	"github.com/tiercost/tiercost/components/spec"
)

// Model holds the capacity constants. DefaultModel documents each one;
// callers may copy it and change any field.
type Model struct {
	// RPSPerVCPU is the origin requests per second one fully busy vCPU
	// serves, by instance family (burstable families are later scaled by
	// their baseline share).
	RPSPerVCPU map[string]float64 `json:"rpsPerVcpu"`
	// DBReadsPerVCPU and DBWritesPerVCPU are indexed point reads and
	// single-row writes (with WAL and index upkeep) per second per vCPU.
	DBReadsPerVCPU  float64 `json:"dbReadsPerVcpu"`
	DBWritesPerVCPU float64 `json:"dbWritesPerVcpu"`
	// DBBufferShare is the share of a DB instance's memory that can hold the
	// working set (shared buffers plus OS page cache).
	DBBufferShare float64 `json:"dbBufferShare"`
	// CacheOverhead is the memory added to the working set for keys and
	// fragmentation.
	CacheOverhead float64 `json:"cacheOverhead"`
	// CacheReservedMemory is the share of an ElastiCache node's memory the
	// engine keeps for itself (reserved-memory-percent, 25 % by default);
	// only the rest holds data.
	CacheReservedMemory float64 `json:"cacheReservedMemory"`
	// DBConnectionsPerInstance is the connection pool of one app
	// instance; the database must accept max instances x pool per shard.
	DBConnectionsPerInstance float64 `json:"dbConnectionsPerInstance"`
	// DBConnectionBytes is RDS for PostgreSQL's default max_connections
	// divisor: LEAST(DBInstanceClassMemory / 9,531,392, 5,000).
	DBConnectionBytes float64 `json:"dbConnectionBytes"`
	// DBMaxConnections caps max_connections (5,000 by default).
	DBMaxConnections float64 `json:"dbMaxConnections"`
	// DBMaxStorageGB is the largest RDS for PostgreSQL volume (64 TiB).
	DBMaxStorageGB float64 `json:"dbMaxStorageGb"`
	// MaxDBShards and MaxCacheShards bound sharding where the
	// architecture allows it.
	MaxDBShards    int `json:"maxDbShards"`
	MaxCacheShards int `json:"maxCacheShards"`
	// NATGbps is one NAT gateway's bandwidth ceiling.
	NATGbps float64 `json:"natGbps"`
	// CacheOpsPerVCPU is cache GET/SET operations per second per vCPU.
	CacheOpsPerVCPU float64 `json:"cacheOpsPerVcpu"`
	// BurstableTiers are the tiers whose app servers may be burstable
	// (t-family) types. From 100k the article asks for no single point of
	// failure and steady latency, which credit-based CPU cannot promise.
	BurstableTiers []string `json:"burstableTiers"`
	// MaxSurge sizes the ASG maximum: room for this multiple of the
	// modelled peak at the target utilisation.
	MaxSurge float64 `json:"maxSurge"`
	// RightsizeHeadroom is the Compute-Optimizer-style headroom: a candidate
	// fits when peak demand x (1 + headroom) <= its capacity.
	RightsizeHeadroom float64 `json:"rightsizeHeadroom"`
	// StorageHeadroom multiplies the 12-month data size for indexes, WAL and
	// free space.
	StorageHeadroom float64 `json:"storageHeadroom"`
	// RequestsPerConnection is HTTP keep-alive reuse at the ALB.
	RequestsPerConnection float64 `json:"requestsPerConnection"`
	// ConnectionSeconds is how long an ALB connection stays open.
	ConnectionSeconds float64 `json:"connectionSeconds"`
	// RequestKB is the mean request size (headers and body) in KB.
	RequestKB float64 `json:"requestKb"`
	// HTTPSShare is the share of CloudFront requests made over HTTPS.
	HTTPSShare float64 `json:"httpsShare"`
	// NATShareOfEgress is NAT-processed data as a share of origin response
	// bytes (third-party API calls, package and image pulls).
	NATShareOfEgress float64 `json:"natShareOfEgress"`
	// LogBytesPerRequest is application and access log bytes per origin request.
	LogBytesPerRequest float64 `json:"logBytesPerRequest"`
	// QueryKB and CacheOpKB are bytes moved per DB query and cache operation,
	// used for inter-AZ transfer.
	QueryKB   float64 `json:"queryKb"`
	CacheOpKB float64 `json:"cacheOpKb"`
	// BackupChurnPerDay is the share of the database changed per day; each
	// retained day keeps that much incremental snapshot data.
	BackupChurnPerDay float64 `json:"backupChurnPerDay"`
	// StaticAssetsGB is the size of the static-assets bucket.
	StaticAssetsGB float64 `json:"staticAssetsGb"`
	// AssetUploadsPerMonth is PUT requests to the bucket (deploys).
	AssetUploadsPerMonth float64 `json:"assetUploadsPerMonth"`
}

// DefaultModel returns the documented constants (docs/capacity.md).
func DefaultModel() Model {
	return Model{
		// About 20 ms of CPU per dynamic request on a current x86 vCPU (a
		// hyperthread) gives 40-50 RPS; a Graviton3 vCPU is a full core,
		// about 25 % more. Graviton2 (t4g) matches current x86; t3 is an
		// older Intel generation.
		RPSPerVCPU: map[string]float64{
			"t3": 35, "t4g": 40, "m6i": 40, "c6i": 40, "r6i": 40, "m7g": 50, "c7g": 50,
		},
		// pgbench on EC2/RDS (docs/capacity.md): select-only point reads
		// run at 7k-20k per vCPU in memory; an application's read is
		// heavier than a primary-key lookup, so half the 10.4k/vCPU of a
		// 4-vCPU m5a. TPC-B-like commits (4 row writes each) run at about
		// 920-1,140 per vCPU on 4-vCPU RDS classes.
		DBReadsPerVCPU:           5000,
		DBWritesPerVCPU:          1000,
		DBBufferShare:            0.75,
		CacheOverhead:            0.25,
		CacheReservedMemory:      0.25,
		DBConnectionsPerInstance: 20,
		DBConnectionBytes:        9531392,
		DBMaxConnections:         5000,
		DBMaxStorageGB:           65536,
		MaxDBShards:              32,
		MaxCacheShards:           500,
		NATGbps:                  100,
		CacheOpsPerVCPU:          20000, // far below Valkey's ~100k/s per core: TLS, larger values
		BurstableTiers:           []string{"1k", "10k"},
		MaxSurge:                 2,
		RightsizeHeadroom:        0.2,
		StorageHeadroom:          1.25,
		RequestsPerConnection:    10,
		ConnectionSeconds:        60,
		RequestKB:                1,
		HTTPSShare:               0.98,
		NATShareOfEgress:         0.05,
		LogBytesPerRequest:       500,
		QueryKB:                  2,
		CacheOpKB:                1,
		BackupChurnPerDay:        0.01,
		StaticAssetsGB:           5,
		AssetUploadsPerMonth:     10000,
	}
}

// defaultModel is DefaultModel, built once for every sizing that takes
// the defaults; nothing here writes its map or slice.
var defaultModel = DefaultModel()

// DefaultTargetUtilization is the peak CPU share sized for when none is
// given: the middle of the usual 0.5-0.6 band.
const DefaultTargetUtilization = 0.55

// Options steer sizing, right-sizing and advice.
type Options struct {
	// Family is the compute family: "graviton", "x86", or "" for the
	// tier's own (Graviton). Sizing keeps to it; right-sizing compares
	// both families unless one is given.
	Family string
	// TargetUtilization is the peak CPU share the ASG is sized for:
	// 0 means 0.55; allowed 0.2 to 0.9 (0.5-0.6 is the usual band).
	TargetUtilization float64
	// P95WaitMs is the p95 queueing-delay target; 0 means 50 ms.
	P95WaitMs float64
	// Region overrides the tier's default region ("" keeps it).
	Region string
	// Prices prices right-sizing candidates and advice; sizing never reads
	// it. Nil leaves every cost unknown.
	Prices Prices
	// Model overrides DefaultModel when not nil.
	Model *Model
	// TierCost, when set, lets the advisor compare the current tier's cost
	// per user with the next tier's (see CapacityCost).
	TierCost func(tier string, users float64) (decimal.Decimal, error)
}

// resolved is Options with defaults filled in.
type resolved struct {
	Options
	target float64
	p95    float64 // seconds
	model  Model
}

func resolve(o Options) (resolved, error) {
	r := resolved{Options: o, target: o.TargetUtilization, p95: o.P95WaitMs / 1000}
	var errs []error
	if r.target == 0 {
		r.target = DefaultTargetUtilization
	}
	if math.IsNaN(r.target) || r.target < 0.2 || r.target > 0.9 {
		errs = append(errs, fmt.Errorf("options.target_utilization: is %v; allowed: 0.2 to 0.9", o.TargetUtilization))
	}
	if o.P95WaitMs == 0 {
		r.p95 = 0.050
	}
	if math.IsNaN(r.p95) || r.p95 <= 0 || math.IsInf(r.p95, 0) {
		errs = append(errs, fmt.Errorf("options.p95_wait_ms: is %v; allowed: a number greater than 0", o.P95WaitMs))
	}
	switch o.Family {
	case "", spec.FamilyGraviton, spec.FamilyX86:
	default:
		errs = append(errs, fmt.Errorf("sizing.family: is %q; allowed: graviton, x86", o.Family))
	}
	r.model = defaultModel
	if o.Model != nil {
		r.model = *o.Model
	}
	return r, errors.Join(errs...)
}
