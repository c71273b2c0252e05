package capacity

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"

	"github.com/shopspring/decimal"
	"github.com/tiercost/tiercost/components/spec"
	"github.com/tiercost/tiercost/costmodel/catalog"
	"github.com/tiercost/tiercost/costmodel/money"
	"github.com/tiercost/tiercost/costmodel/usage"
)

// Derivation is one step of the sizing, shown so that a reader can redo it.
// Value holds numbers; Text holds a chosen type or a verdict.
type Derivation struct {
	Name    string  `json:"name"`
	Value   float64 `json:"value"`
	Text    string  `json:"text,omitempty"`
	Unit    string  `json:"unit"`
	Formula string  `json:"formula"`
}

// Skipped is a candidate type left out because the catalog has no price for
// it (never treated as $0).
type Skipped struct {
	Layer  string `json:"layer"` // compute, database or cache
	Type   string `json:"type"`
	Reason string `json:"reason"`
}

// Result is a sized tier: the spec the program should build, the usage the
// pricers should charge, and every derivation on the way.
type Result struct {
	Spec        spec.Spec    `json:"spec"`
	Usage       *usage.Usage `json:"-"`
	Derivations []Derivation `json:"derivations"`

	AvgRPS        float64 `json:"avgRps"`
	PeakRPS       float64 `json:"peakRps"`
	OriginAvgRPS  float64 `json:"originAvgRps"`
	OriginPeakRPS float64 `json:"originPeakRps"`
	// DBReadQPS and DBWriteQPS are peak rates for the whole database.
	DBReadQPS  float64 `json:"dbReadQps"`
	DBWriteQPS float64 `json:"dbWriteQps"`
	// CacheMemoryGB is the memory the working set needs (0 without a cache).
	CacheMemoryGB float64 `json:"cacheMemoryGb"`
	// DataGB12 is the stored data after 12 months of growth.
	DataGB12 float64 `json:"dataGb12"`
	// PWait and P95WaitMs are the ASG's M/M/c queue at peak with the
	// desired capacity.
	PWait     float64 `json:"pWait"`
	P95WaitMs float64 `json:"p95WaitMs"`
	// ComputeCapacityRPS is what the desired instances serve at 100 % CPU.
	ComputeCapacityRPS float64 `json:"computeCapacityRps"`
	// DBReadCapacityQPS is what the replicas (or the primary, without
	// replicas) serve at 100 % CPU, all shards.
	DBReadCapacityQPS float64 `json:"dbReadCapacityQps"`
	// CacheCapacityGB is the memory of all shards (one copy).
	CacheCapacityGB float64 `json:"cacheCapacityGb"`
	// MonthlyCost is the compute, database-instance and cache-node cost of
	// the sizes at catalog prices; nil when a price is not known.
	MonthlyCost *decimal.Decimal `json:"monthlyCost,omitempty"`
	// Overloaded lists layers whose load the tier's architecture cannot
	// carry even at its largest size: the tier should move up.
	Overloaded []string  `json:"overloaded,omitempty"`
	Skipped    []Skipped `json:"skipped,omitempty"`
	Notes      []string  `json:"notes,omitempty"`
}

// traffic is the workload turned into rates, before any sizing.
type traffic struct {
	avg, peak, originAvg, originPeak float64
	cacheHit                         float64 // effective: 0 without a cache
	reads, writes                    float64 // peak, whole database
}

func deriveTraffic(s spec.Spec, w spec.Workload) traffic {
	t := traffic{}
	t.avg = AverageRPS(w.MonthlyActiveUsers, w.DailyActiveShare, w.RequestsPerUserPerDay)
	t.peak = PeakRPS(t.avg, w.PeakToAverage)
	t.originAvg = OriginRPS(t.avg, w.EdgeCacheableShare, w.CDNHitRatio, s.CDN.Enabled)
	t.originPeak = OriginRPS(t.peak, w.EdgeCacheableShare, w.CDNHitRatio, s.CDN.Enabled)
	if s.Cache.Enabled {
		t.cacheHit = w.CacheHitRatio
	}
	t.reads = DBReadQPS(t.originPeak, w.DBQueriesPerRequest, w.ReadShare, t.cacheHit)
	t.writes = DBWriteQPS(t.originPeak, w.DBQueriesPerRequest, w.ReadShare)
	return t
}

// Size sizes a tier for a workload: it starts from the tier's architecture
// (spec.DefaultSpec) and overwrites the sized fields: compute type and
// min/desired/max, DB class, read replicas and storage, cache node type,
// shards and replicas.
func Size(tier string, w spec.Workload, o Options) (Result, error) {
	s, err := spec.DefaultSpec(tier)
	if err != nil {
		return Result{}, err
	}
	return sizeSpec(s, w, o)
}

func sizeSpec(s spec.Spec, w spec.Workload, o Options) (Result, error) {
	if err := ValidateWorkload(w); err != nil {
		return Result{}, err
	}
	r, err := resolve(o)
	if err != nil {
		return Result{}, err
	}
	if o.Region != "" {
		s.Region = o.Region
	}
	def := s
	t := deriveTraffic(s, w)
	res := Result{AvgRPS: t.avg, PeakRPS: t.peak, OriginAvgRPS: t.originAvg, OriginPeakRPS: t.originPeak,
		DBReadQPS: t.reads, DBWriteQPS: t.writes}
	d := func(name string, v float64, unit, formula string) {
		dv := Derivation{Name: name, Value: round4(v), Unit: unit, Formula: formula}
		if math.IsInf(v, 0) || math.IsNaN(v) {
			dv.Value, dv.Text = 0, "unbounded"
		}
		res.Derivations = append(res.Derivations, dv)
	}
	dt := func(name, text, formula string) {
		res.Derivations = append(res.Derivations, Derivation{Name: name, Text: text, Formula: formula})
	}
	d("average RPS", t.avg, "requests/s", fmt.Sprintf("MAU %.0f x DAU share %v x %v requests/user/day / 86,400", w.MonthlyActiveUsers, w.DailyActiveShare, w.RequestsPerUserPerDay))
	d("peak RPS", t.peak, "requests/s", fmt.Sprintf("average x peak-to-average %v", w.PeakToAverage))
	if s.CDN.Enabled {
		d("origin peak RPS", t.originPeak, "requests/s", fmt.Sprintf("peak x (1 - edge-cacheable %v x CDN hit %v)", w.EdgeCacheableShare, w.CDNHitRatio))
	} else {
		d("origin peak RPS", t.originPeak, "requests/s", "peak (no CDN in this tier: all requests reach the origin)")
	}

	var monthly decimal.Decimal
	priced := r.Catalog != nil

	// Compute.
	cc, err := sizeCompute(s, t, r, &res)
	if err != nil {
		return Result{}, err
	}
	s.Compute.InstanceType, s.Compute.Architecture = cc.inst.Type, cc.inst.Arch
	s.Compute.MinSize, s.Compute.DesiredCapacity, s.Compute.MaxSize = cc.min, cc.desired, cc.max
	s.Compute.TargetCPUPercent = int(math.Round(r.target * 100))
	mu := r.model.RPSPerVCPU[cc.inst.Family]
	servers := cc.desired * cc.inst.VCPU
	perInst := float64(cc.inst.VCPU) * mu * cc.inst.Baseline
	res.ComputeCapacityRPS = float64(cc.desired) * perInst
	res.PWait = ErlangC(servers, t.originPeak/mu)
	res.P95WaitMs = P95WaitSeconds(servers, t.originPeak, mu) * 1000
	// ALBRequestCountPerTarget counts requests per target per minute.
	s.Compute.TargetRequestsPerTarget = max(1, int(math.Floor(perInst*r.target*60)))
	dt("compute instance type", cc.inst.Type, cc.why)
	d("compute RPS per instance", perInst, "requests/s", fmt.Sprintf("%d vCPU x %v RPS/vCPU (%s) x baseline %v", cc.inst.VCPU, r.model.RPSPerVCPU[cc.inst.Family], cc.inst.Family, cc.inst.Baseline))
	d("ASG desired", float64(cc.desired), "instances", fmt.Sprintf("max(ceil(origin peak / (RPS per instance x target %v)), p95 wait <= %v ms, min)", r.target, r.p95*1000))
	d("ASG min", float64(cc.min), "instances", cc.minWhy)
	d("ASG max", float64(cc.max), "instances", fmt.Sprintf("max(desired + 1, ceil(origin peak x surge %v / (RPS per instance x target)))", r.model.MaxSurge))
	d("P(wait) at peak", res.PWait, "probability", fmt.Sprintf("Erlang C with c = %d vCPU servers, mu = %.4g/s, lambda = %.4g/s", servers, mu, t.originPeak))
	d("p95 wait at peak", res.P95WaitMs, "ms", "ln(C / 0.05) / (c mu - lambda) when C > 0.05, else 0")
	if cc.priced {
		monthly = monthly.Add(money.Monthly(cc.hourly.Mul(decimal.NewFromInt(int64(cc.desired)))))
	} else {
		priced = false
	}

	// Database.
	dc := sizeDatabase(def, w, t, r, &res)
	s.Database.InstanceClass, s.Database.ReadReplicas = dc.inst.Type, dc.replicas
	dt("database class", dc.inst.Type, dc.why)
	d("DB read QPS at peak", t.reads, "reads/s", fmt.Sprintf("origin peak x %v queries x read share %v x (1 - cache hit %v)", w.DBQueriesPerRequest, w.ReadShare, t.cacheHit))
	d("DB write QPS at peak", t.writes, "writes/s", fmt.Sprintf("origin peak x %v queries x (1 - read share %v)", w.DBQueriesPerRequest, w.ReadShare))
	d("DB read replicas per shard", float64(dc.replicas), "replicas", dc.replicaWhy)
	if dc.priced {
		monthly = monthly.Add(dc.monthly)
	} else {
		priced = false
	}
	shards := float64(s.Database.Shards)
	if dc.replicas > 0 {
		res.DBReadCapacityQPS = shards * float64(dc.replicas*dc.inst.VCPU) * dc.inst.Baseline * r.model.DBReadsPerVCPU
	} else {
		res.DBReadCapacityQPS = shards * float64(dc.inst.VCPU) * dc.inst.Baseline * r.model.DBReadsPerVCPU
	}
	res.DataGB12 = DataAfterMonthsGB(w.MonthlyActiveUsers, w.DataPerUserMB, w.MonthlyGrowth, 12)
	alloc := max(20, ceilPos(res.DataGB12*r.model.StorageHeadroom/shards))
	s.Database.AllocatedStorageGB = min(alloc, 65536)
	d("data after 12 months", res.DataGB12, "GB", fmt.Sprintf("MAU x %v MB / 1,000 x (1 + %v)^12", w.DataPerUserMB, w.MonthlyGrowth))
	d("DB allocated storage per shard", float64(s.Database.AllocatedStorageGB), "GB", fmt.Sprintf("max(20, ceil(data after 12 months x headroom %v / %d shards))", r.model.StorageHeadroom, s.Database.Shards))

	// Cache.
	if s.Cache.Enabled {
		ch := sizeCache(def, w, t, r, &res)
		s.Cache.NodeType, s.Cache.Shards, s.Cache.ReplicasPerShard = ch.inst.Type, ch.shards, ch.replicas
		s.Cache.ClusterMode = def.Cache.ClusterMode || ch.shards > 1
		res.CacheMemoryGB = CacheMemoryGB(w.HotWorkingSetGB, r.model.CacheOverhead)
		res.CacheCapacityGB = float64(ch.shards) * ch.inst.MemoryGB()
		d("cache memory needed", res.CacheMemoryGB, "GB", fmt.Sprintf("hot working set %v GB x (1 + overhead %v)", w.HotWorkingSetGB, r.model.CacheOverhead))
		dt("cache node type", ch.inst.Type, ch.why)
		d("cache shards", float64(ch.shards), "shards", fmt.Sprintf("max(ceil(memory needed x (1 + headroom %v) / node memory), ceil(ops/s / (vCPU x baseline x ops per vCPU x target)))", r.model.RightsizeHeadroom))
		if ch.priced {
			monthly = monthly.Add(ch.monthly)
		} else {
			priced = false
		}
	}

	res.Usage = buildUsage(s, w, t, r.model)
	sortSkipped(res.Skipped)
	if priced {
		res.MonthlyCost = &monthly
	}
	res.Spec = s
	if err := s.Validate(); err != nil {
		return Result{}, fmt.Errorf("sized spec for tier %s is not valid: %w", s.Tier, err)
	}
	return res, nil
}

type computeChoice struct {
	inst                 Instance
	min, desired, max    int
	hourly               decimal.Decimal
	priced               bool
	why, minWhy          string
	capacityAtDesiredRPS float64
}

// computeCounts sizes the ASG for one instance type; ok is false when the
// model has no RPS figure for its family.
func computeCounts(inst Instance, s spec.Spec, t traffic, r resolved) (c computeChoice, ok bool) {
	// A vCPU serves requests at full speed (mu); a burstable type only
	// sustains its baseline share of that throughput, so the baseline caps
	// capacity while the queue uses the full service rate.
	mu := r.model.RPSPerVCPU[inst.Family]
	if mu <= 0 || math.IsNaN(mu) {
		return c, false
	}
	perInst := float64(inst.VCPU) * mu * inst.Baseline
	nPeak := ceilPos(t.originPeak / (perInst * r.target))
	n := max(nPeak, 1)
	for n < 100000 && P95WaitSeconds(n*inst.VCPU, t.originPeak, mu) > r.p95 {
		n++
	}
	nAvg := ceilPos(t.originAvg / (perInst * r.target))
	ha := s.Database.MultiAZ
	if ha {
		c.min = max(2, s.Network.AZCount, nAvg+1)
		c.minWhy = fmt.Sprintf("max(2, %d AZs, ceil(origin average / (RPS per instance x target)) + 1): N+1, one per AZ", s.Network.AZCount)
	} else {
		c.min = max(1, nAvg)
		c.minWhy = "max(1, ceil(origin average / (RPS per instance x target)))"
	}
	c.inst = inst
	c.desired = max(n, c.min)
	c.max = max(c.desired+1, ceilPos(t.originPeak*r.model.MaxSurge/(perInst*r.target)), 2)
	c.capacityAtDesiredRPS = float64(c.desired) * perInst
	return c, true
}

func sizeCompute(s spec.Spec, t traffic, r resolved, res *Result) (computeChoice, error) {
	arch := archFor(r.Family)
	if r.Catalog != nil {
		var best computeChoice
		found := false
		for _, inst := range EC2Types() {
			if arch != "" && inst.Arch != arch {
				continue
			}
			if inst.Burstable() && !slices.Contains(r.model.BurstableTiers, s.Tier) {
				continue
			}
			p, ok := r.Catalog.Unit(catalog.EC2Instance(s.Region, inst.Type), catalog.OnDemandTerm)
			if !ok {
				res.Skipped = append(res.Skipped, Skipped{"compute", inst.Type, "no on-demand price in the catalog for " + s.Region})
				continue
			}
			c, ok := computeCounts(inst, s, t, r)
			if !ok {
				res.Skipped = append(res.Skipped, Skipped{"compute", inst.Type, "model has no RPS per vCPU for family " + inst.Family})
				continue
			}
			c.hourly, c.priced = p.USD, true
			if !found || better(c.hourly.Mul(decimal.NewFromInt(int64(c.desired))), best.hourly.Mul(decimal.NewFromInt(int64(best.desired))), c.capacityAtDesiredRPS, best.capacityAtDesiredRPS, c.inst.Type, best.inst.Type) {
				best, found = c, true
			}
		}
		if found {
			best.why = fmt.Sprintf("cheapest desired x on-demand hourly among priced %s types ($%s/h each)", familyLabel(r.Family), best.hourly)
			return best, nil
		}
		res.Notes = append(res.Notes, "no compute candidate has a catalog price; kept the tier's instance type")
	}
	typ := s.Compute.InstanceType
	if arch != "" && s.Compute.Architecture != arch {
		typ = counterpart(typ)
	}
	inst, ok := LookupInstance(EC2Types(), typ)
	if !ok {
		return computeChoice{}, fmt.Errorf("compute.instance_type: %q is not in the capacity model's table; allowed: %s", typ, strings.Join(sortedTypes(EC2Types()), ", "))
	}
	c, ok := computeCounts(inst, s, t, r)
	if !ok {
		return computeChoice{}, fmt.Errorf("model.rps_per_vcpu: no figure for instance family %q", inst.Family)
	}
	c.why = "the tier's instance type (no catalog to compare prices)"
	return c, nil
}

// better orders candidates: lower cost, then more capacity, then name. The
// fixed order keeps sizing monotone in load.
func better(cost, bestCost decimal.Decimal, capacity, bestCapacity float64, name, bestName string) bool {
	if c := cost.Cmp(bestCost); c != 0 {
		return c < 0
	}
	if capacity != bestCapacity {
		return capacity > bestCapacity
	}
	return name < bestName
}

func familyLabel(f string) string {
	if f == "" {
		return "x86 and Graviton"
	}
	return f
}

type dbChoice struct {
	inst        Instance
	replicas    int
	monthly     decimal.Decimal
	priced      bool
	overloaded  bool
	why         string
	replicaWhy  string
	capacityQPS float64
}

// dbDemand is the per-shard load in vCPU-seconds per second.
type dbDemand struct {
	writeUnits, readUnits, memGB float64
	allowReplicas                bool
}

func dbLoad(def spec.Spec, w spec.Workload, t traffic, m Model) dbDemand {
	shards := float64(max(1, def.Database.Shards))
	return dbDemand{
		writeUnits:    t.writes / shards / m.DBWritesPerVCPU,
		readUnits:     t.reads / shards / m.DBReadsPerVCPU,
		memGB:         w.HotWorkingSetGB / shards / m.DBBufferShare,
		allowReplicas: def.Database.ReadReplicas > 0 || def.Database.Shards > 1,
	}
}

// dbFit returns the replicas a class needs and whether it carries the load.
func dbFit(c Instance, dd dbDemand, target, headroom float64) (replicas int, ok bool) {
	capUnits := float64(c.VCPU) * c.Baseline * target
	// Memory keeps the right-sizing headroom, so a sized class is not
	// reported Under-provisioned straight away.
	if c.MemoryGB() < dd.memGB*(1+headroom) {
		return 0, false
	}
	if dd.allowReplicas {
		replicas = max(1, ceilPos(dd.readUnits/capUnits))
		return replicas, dd.writeUnits <= capUnits && replicas <= 15
	}
	return 0, dd.writeUnits+dd.readUnits <= capUnits
}

func rdsDeployment(multiAZ bool) string {
	if multiAZ {
		return catalog.MultiAZ
	}
	return catalog.SingleAZ
}

// dbMonthly prices shards x (primary + replicas) for a class; ok is false
// with the missing product when a price is not known.
func dbMonthly(cat *catalog.Catalog, region string, class string, multiAZ bool, shards, replicas int) (decimal.Decimal, string, bool) {
	pk := catalog.RDSInstance(region, class, catalog.EnginePostgreSQL, rdsDeployment(multiAZ))
	p, ok := cat.Unit(pk, catalog.OnDemandTerm)
	if !ok {
		return decimal.Zero, rdsDeployment(multiAZ), false
	}
	hourly := p.USD
	if replicas > 0 {
		rk := catalog.RDSInstance(region, class, catalog.EnginePostgreSQL, catalog.SingleAZ)
		rp, ok := cat.Unit(rk, catalog.OnDemandTerm)
		if !ok {
			return decimal.Zero, catalog.SingleAZ + " (replica)", false
		}
		hourly = hourly.Add(rp.USD.Mul(decimal.NewFromInt(int64(replicas))))
	}
	return money.Monthly(hourly.Mul(decimal.NewFromInt(int64(shards)))), "", true
}

func sizeDatabase(def spec.Spec, w spec.Workload, t traffic, r resolved, res *Result) dbChoice {
	if r.Catalog != nil && !anyPriced(func(c Instance) bool {
		_, _, ok := dbMonthly(r.Catalog, def.Region, c.Type, def.Database.MultiAZ, 1, 0)
		return ok
	}, RDSClasses()) {
		res.Notes = append(res.Notes, "no database class has a catalog price in "+def.Region+"; sized without prices")
		unpriced := r
		unpriced.Catalog = nil
		return sizeDatabase(def, w, t, unpriced, res)
	}
	dd := dbLoad(def, w, t, r.model)
	classes := RDSClasses()
	shards := max(1, def.Database.Shards)
	var best dbChoice
	found := false
	var lastPriced *dbChoice
	for _, c := range classes {
		ch := dbChoice{inst: c}
		replicas, ok := dbFit(c, dd, r.target, r.model.RightsizeHeadroom)
		ch.replicas = replicas
		ch.capacityQPS = float64(c.VCPU) * c.Baseline * float64(max(1, replicas))
		if r.Catalog != nil {
			m, missing, priced := dbMonthly(r.Catalog, def.Region, c.Type, def.Database.MultiAZ, shards, replicas)
			if !priced {
				res.Skipped = append(res.Skipped, Skipped{"database", c.Type, "no on-demand PostgreSQL " + missing + " price in the catalog for " + def.Region})
				continue
			}
			ch.monthly, ch.priced = m, true
			cp := ch
			lastPriced = &cp
		}
		if !ok {
			continue
		}
		if r.Catalog == nil {
			// Without prices the table order (ascending list price) decides.
			if !found {
				best, found = ch, true
			}
			continue
		}
		if !found || better(ch.monthly, best.monthly, ch.capacityQPS, best.capacityQPS, c.Type, best.inst.Type) {
			best, found = ch, true
		}
	}
	if found {
		best.why = "cheapest class whose memory holds the working set share and whose vCPU carries the writes at the target utilisation"
		if r.Catalog == nil {
			best.why = "first class in list-price order that fits (no catalog)"
		}
	} else {
		// Nothing fits: take the largest class and flag the tier.
		best = dbChoice{inst: classes[len(classes)-1]}
		if lastPriced != nil {
			best = *lastPriced
		}
		if dd.allowReplicas {
			best.replicas = min(15, max(1, ceilPos(dd.readUnits/(float64(best.inst.VCPU)*best.inst.Baseline*r.target))))
			if r.Catalog != nil {
				best.monthly, _, best.priced = dbMonthly(r.Catalog, def.Region, best.inst.Type, def.Database.MultiAZ, shards, best.replicas)
			}
		}
		best.overloaded = true
		best.why = "no class carries the load: largest class taken"
		res.Overloaded = append(res.Overloaded, "database")
		res.Notes = append(res.Notes, fmt.Sprintf("database load (%.1f writes/s, %.1f reads/s per shard) exceeds %s at %.0f %% utilisation: move to the next tier", t.writes/float64(shards), t.reads/float64(shards), best.inst.Type, r.target*100))
	}
	if dd.allowReplicas {
		best.replicaWhy = "max(1, ceil(reads per shard / reads per vCPU / (vCPU x baseline x target))); the primary takes the writes"
	} else {
		best.replicaWhy = "0: this tier's architecture has no read replicas; the primary takes reads and writes"
	}
	return best
}

type cacheChoice struct {
	inst             Instance
	shards, replicas int
	monthly          decimal.Decimal
	priced           bool
	why              string
	capacityGB       float64
}

func cacheShards(n Instance, needGB, ops float64, m Model, target float64) int {
	// The same headroom right-sizing demands, so a sized cache is never
	// reported Under-provisioned straight away.
	memShards := ceilPos(needGB * (1 + m.RightsizeHeadroom) / n.MemoryGB())
	opsShards := ceilPos(ops / (float64(n.VCPU) * n.Baseline * m.CacheOpsPerVCPU * target))
	return max(1, memShards, opsShards)
}

func cacheEngine(engine string) string {
	if engine == "redis" {
		return catalog.CacheRedis
	}
	return catalog.CacheValkey
}

func sizeCache(def spec.Spec, w spec.Workload, t traffic, r resolved, res *Result) cacheChoice {
	if r.Catalog != nil && !anyPriced(func(n Instance) bool {
		_, ok := r.Catalog.Unit(catalog.ElastiCacheNode(def.Region, n.Type, cacheEngine(def.Cache.Engine)), catalog.OnDemandTerm)
		return ok
	}, CacheNodeTypes()) {
		res.Notes = append(res.Notes, "no cache node type has a catalog price in "+def.Region+"; sized without prices")
		unpriced := r
		unpriced.Catalog = nil
		return sizeCache(def, w, t, unpriced, res)
	}
	need := CacheMemoryGB(w.HotWorkingSetGB, r.model.CacheOverhead)
	ops := t.originPeak * w.DBQueriesPerRequest
	replicas := def.Cache.ReplicasPerShard
	var best cacheChoice
	found := false
	for _, n := range CacheNodeTypes() {
		shards := cacheShards(n, need, ops, r.model, r.target)
		if shards > 500 {
			continue
		}
		ch := cacheChoice{inst: n, shards: shards, replicas: replicas, capacityGB: float64(shards) * n.MemoryGB()}
		if r.Catalog != nil {
			p, ok := r.Catalog.Unit(catalog.ElastiCacheNode(def.Region, n.Type, cacheEngine(def.Cache.Engine)), catalog.OnDemandTerm)
			if !ok {
				res.Skipped = append(res.Skipped, Skipped{"cache", n.Type, "no on-demand " + cacheEngine(def.Cache.Engine) + " price in the catalog for " + def.Region})
				continue
			}
			nodes := decimal.NewFromInt(int64(shards * (1 + replicas)))
			ch.monthly, ch.priced = money.Monthly(p.USD.Mul(nodes)), true
			if !found || better(ch.monthly, best.monthly, ch.capacityGB, best.capacityGB, n.Type, best.inst.Type) {
				best, found = ch, true
			}
			continue
		}
		// Without prices: fewest shards, then table order.
		if !found || ch.shards < best.shards {
			best, found = ch, true
		}
	}
	if !found {
		n := CacheNodeTypes()[len(CacheNodeTypes())-1]
		best = cacheChoice{inst: n, shards: 500, replicas: replicas, capacityGB: 500 * n.MemoryGB()}
		res.Overloaded = append(res.Overloaded, "cache")
		res.Notes = append(res.Notes, "cache working set exceeds 500 shards of the largest node type")
	}
	best.why = "cheapest shards x (1 + replicas) x node price whose memory holds the working set"
	if r.Catalog == nil {
		best.why = "fewest shards, then list-price order (no catalog)"
	}
	return best
}

// anyPriced reports whether the catalog prices at least one type of a table;
// when none is, sizing falls back to list order instead of calling every
// candidate overloaded.
func anyPriced(priced func(Instance) bool, table []Instance) bool {
	for _, i := range table {
		if priced(i) {
			return true
		}
	}
	return false
}

func round4(x float64) float64 {
	if math.IsInf(x, 0) || math.IsNaN(x) {
		return x
	}
	return math.Round(x*1e4) / 1e4
}

// sortSkipped orders skipped candidates for stable output.
func sortSkipped(s []Skipped) {
	sort.SliceStable(s, func(i, j int) bool {
		if s[i].Layer != s[j].Layer {
			return s[i].Layer < s[j].Layer
		}
		return s[i].Type < s[j].Type
	})
}
