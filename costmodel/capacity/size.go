package capacity

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"sync"
	"sync/atomic"

	"github.com/tiercost/tiercost/components/spec"
	"github.com/tiercost/tiercost/costmodel/inputfile"
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

// Skipped is a candidate type right-sizing left out because the catalog
// has no price for it (never treated as $0).
type Skipped struct {
	Layer  string `json:"layer"` // compute, database or cache
	Type   string `json:"type"`
	Reason string `json:"reason"`
}

// Result is a sized tier: the spec the program should build, the usage the
// pricers should charge, and every derivation on the way. Sizing reads no
// prices: the same workload gives the same spec in every region and with
// every price list, so what `pulumi up` deploys never depends on one.
type Result struct {
	Spec spec.Spec `json:"spec"`
	// Usage is read, never changed: its Values may be shared with other
	// sizings' and with entries of its own.
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
	// Overloaded lists layers whose load the tier's architecture cannot
	// carry even at its largest size: the tier should move up.
	Overloaded []string `json:"overloaded,omitempty"`
	Notes      []string `json:"notes,omitempty"`
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

// sizeCalls counts Size runs, so a test can prove one estimate sizes once.
var sizeCalls atomic.Int64

// SizeCalls returns how many times Size has run in this process (for tests
// and diagnostics).
func SizeCalls() int64 { return sizeCalls.Load() }

// Size sizes a tier for a workload: it starts from the tier's architecture
// (spec.DefaultSpec) and overwrites the sized fields: compute type and
// min/desired/max, DB class, read replicas and storage, cache node type,
// shards and replicas. It reads no prices (see Result).
func Size(tier string, w spec.Workload, o Options) (Result, error) {
	sizeCalls.Add(1)
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
		DBReadQPS: t.reads, DBWriteQPS: t.writes, Derivations: make([]Derivation, 0, 24)} // the steps below, at most
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
	d("average RPS", t.avg, "requests/s", newText().s("MAU ").f(w.MonthlyActiveUsers, 0).s(" x DAU share ").v(w.DailyActiveShare).s(" x ").v(w.RequestsPerUserPerDay).s(" requests/user/day / 86,400").String())
	d("peak RPS", t.peak, "requests/s", newText().s("average x peak-to-average ").v(w.PeakToAverage).String())
	if s.CDN.Enabled {
		d("origin peak RPS", t.originPeak, "requests/s", newText().s("peak x (1 - edge-cacheable ").v(w.EdgeCacheableShare).s(" x CDN hit ").v(w.CDNHitRatio).s(")").String())
	} else {
		d("origin peak RPS", t.originPeak, "requests/s", "peak (no CDN in this tier: all requests reach the origin)")
	}

	// Compute.
	cc, err := sizeCompute(s, t, r)
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
	d("compute RPS per instance", perInst, "requests/s", newText().d(cc.inst.VCPU).s(" vCPU x ").v(mu).s(" RPS/vCPU (").s(cc.inst.Family).s(") x baseline ").v(cc.inst.Baseline).String())
	d("ASG desired", float64(cc.desired), "instances", newText().s("max(ceil(origin peak / (RPS per instance x target ").v(r.target).s(")), p95 wait <= ").v(r.p95*1000).s(" ms, min)").String())
	d("ASG min", float64(cc.min), "instances", cc.minWhy)
	d("ASG max", float64(cc.max), "instances", newText().s("max(desired + 1, ceil(origin peak x surge ").v(r.model.MaxSurge).s(" / (RPS per instance x target)))").String())
	d("P(wait) at peak", res.PWait, "probability", newText().s("Erlang C with c = ").d(servers).s(" vCPU servers, mu = ").g4(mu).s("/s, lambda = ").g4(t.originPeak).s("/s").String())
	d("p95 wait at peak", res.P95WaitMs, "ms", "ln(C / 0.05) / (c mu - lambda) when C > 0.05, else 0")

	// Database.
	dc := sizeDatabase(def, w, t, r, surgeFleet(s, t, r), &res)
	s.Database.InstanceClass, s.Database.ReadReplicas, s.Database.Shards = dc.inst.Type, dc.replicas, dc.shards
	dt("database shards", strconv.Itoa(dc.shards), dc.shardWhy)
	dt("database class", dc.inst.Type, dc.why)
	d("DB read QPS at peak", t.reads, "reads/s", newText().s("origin peak x ").v(w.DBQueriesPerRequest).s(" queries x read share ").v(w.ReadShare).s(" x (1 - cache hit ").v(t.cacheHit).s(")").String())
	d("DB write QPS at peak", t.writes, "writes/s", newText().s("origin peak x ").v(w.DBQueriesPerRequest).s(" queries x (1 - read share ").v(w.ReadShare).s(")").String())
	d("DB read replicas per shard", float64(dc.replicas), "replicas", dc.replicaWhy)
	shards := float64(s.Database.Shards)
	if dc.replicas > 0 {
		res.DBReadCapacityQPS = shards * float64(dc.replicas*dc.inst.VCPU) * dc.inst.Baseline * r.model.DBReadsPerVCPU
	} else {
		res.DBReadCapacityQPS = shards * float64(dc.inst.VCPU) * dc.inst.Baseline * r.model.DBReadsPerVCPU
	}
	res.DataGB12 = DataAfterMonthsGB(w.MonthlyActiveUsers, w.DataPerUserMB, w.MonthlyGrowth, 12)
	alloc := max(20, ceilPos(res.DataGB12*r.model.StorageHeadroom/shards))
	s.Database.AllocatedStorageGB = min(alloc, 65536)
	d("data after 12 months", res.DataGB12, "GB", newText().s("MAU x ").v(w.DataPerUserMB).s(" MB / 1,000 x (1 + ").v(w.MonthlyGrowth).s(")^12").String())
	d("DB allocated storage per shard", float64(s.Database.AllocatedStorageGB), "GB", newText().s("max(20, ceil(data after 12 months x headroom ").v(r.model.StorageHeadroom).s(" / ").d(s.Database.Shards).s(" shards))").String())

	// Cache.
	if s.Cache.Enabled {
		ch := sizeCache(def, w, t, r, &res)
		s.Cache.NodeType, s.Cache.Shards, s.Cache.ReplicasPerShard = ch.inst.Type, ch.shards, ch.replicas
		res.CacheMemoryGB = CacheMemoryGB(w.HotWorkingSetGB, r.model.CacheOverhead)
		res.CacheCapacityGB = float64(ch.shards) * UsableMemoryGB(ch.inst, r.model.CacheReservedMemory)
		d("cache memory needed", res.CacheMemoryGB, "GB", newText().s("hot working set ").v(w.HotWorkingSetGB).s(" GB x (1 + overhead ").v(r.model.CacheOverhead).s(")").String())
		dt("cache node type", ch.inst.Type, ch.why)
		d("cache usable memory per node", UsableMemoryGB(ch.inst, r.model.CacheReservedMemory), "GB", newText().v(ch.inst.MemoryGiB).s(" GiB x 1.0737 GB/GiB x (1 - reserved ").v(r.model.CacheReservedMemory).s(")").String())
		d("cache shards", float64(ch.shards), "shards", newText().s("max(ceil(memory needed x (1 + headroom ").v(r.model.RightsizeHeadroom).s(") / usable memory), ceil(ops/s / (vCPU x baseline x ops per vCPU x target)))").String())
	}

	res.Usage = buildUsage(s, w, t, r.model)
	res.Spec = s
	if err := s.Validate(); err != nil {
		return Result{}, fmt.Errorf("sized spec for tier %s is not valid: %w", s.Tier, err)
	}
	return res, nil
}

type computeChoice struct {
	inst              spec.Instance
	min, desired, max int
	why, minWhy       string
}

// computeCounts sizes the ASG for one instance type; ok is false when the
// model has no RPS figure for its family.
func computeCounts(inst spec.Instance, s spec.Spec, t traffic, r resolved) (c computeChoice, ok bool) {
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
		c.minWhy = "max(2, " + strconv.Itoa(s.Network.AZCount) + " AZs, ceil(origin average / (RPS per instance x target)) + 1): N+1, one per AZ"
	} else {
		c.min = max(1, nAvg)
		c.minWhy = "max(1, ceil(origin average / (RPS per instance x target)))"
	}
	c.inst = inst
	c.desired = max(n, c.min)
	c.max = max(c.desired+1, ceilPos(t.originPeak*r.model.MaxSurge/(perInst*r.target)), 2)
	return c, true
}

// ComputeLadder returns the instance types the ASG of spec s may be sized
// with: the family of the tier's base type (or its counterpart in the
// family asked for), from the base size up.
func ComputeLadder(s spec.Spec, family string) ([]spec.Instance, error) {
	l, err := computeLadder(s.Compute.InstanceType, family)
	return slices.Clone(l), err
}

// computeLadders memoises computeLadder by base type and family: every
// sizing walks a ladder, and there are few.
var computeLadders sync.Map // ladderKey -> []spec.Instance

type ladderKey struct{ typ, family string }

// computeLadder is ComputeLadder's ladder, shared: callers must not change it.
func computeLadder(typ, family string) ([]spec.Instance, error) {
	key := ladderKey{typ, family}
	if l, ok := computeLadders.Load(key); ok {
		return l.([]spec.Instance), nil
	}
	table := spec.EC2Types()
	base, ok := spec.LookupInstance(table, typ)
	if !ok {
		return nil, fmt.Errorf("compute.instance_type: %s is not in the instance table", inputfile.Excerpt(typ))
	}
	if family != "" {
		arch, err := spec.ArchOfFamily(family)
		if err != nil {
			return nil, fmt.Errorf("sizing.family: %v", err)
		}
		if base, ok = spec.Counterpart(table, base.Type, arch); !ok {
			return nil, fmt.Errorf("sizing.family: no %s counterpart of %s in the instance table", family, typ)
		}
	}
	var ladder []spec.Instance
	for _, i := range table {
		if i.Family == base.Family && i.Units() >= base.Units() {
			ladder = append(ladder, i)
		}
	}
	sort.SliceStable(ladder, func(a, b int) bool { return ladder[a].Units() < ladder[b].Units() })
	computeLadders.Store(key, ladder)
	return ladder, nil
}

// sizeCompute picks, along the tier's compute ladder, the size whose
// desired count needs the fewest normalized units (AWS's size weights,
// which price follows within a family); a tie keeps the smaller size,
// which scales in finer steps.
func sizeCompute(s spec.Spec, t traffic, r resolved) (computeChoice, error) {
	ladder, err := computeLadder(s.Compute.InstanceType, r.Family)
	if err != nil {
		return computeChoice{}, err
	}
	var best computeChoice
	found := false
	for _, inst := range ladder {
		c, ok := computeCounts(inst, s, t, r)
		if !ok {
			continue
		}
		if !found || float64(c.desired)*inst.Units() < float64(best.desired)*best.inst.Units() {
			best, found = c, true
		}
	}
	if !found {
		return computeChoice{}, fmt.Errorf("model.rps_per_vcpu: no figure for instance family %q", ladder[0].Family)
	}
	best.why = "fewest normalized units (desired x size weight) along the " + best.inst.Family + " ladder from " + ladder[0].Type
	return best, nil
}

type dbChoice struct {
	inst       spec.Instance
	replicas   int
	shards     int
	overloaded bool
	why        string
	replicaWhy string
	shardWhy   string
}

// allowed reports whether a tier may run a type: burstable (credit-based)
// types only in the tiers that allow them.
func (r resolved) allowed(tier string, i spec.Instance) bool {
	return allowedIn(r.model.BurstableTiers, tier, i)
}

func allowedIn(burstableTiers []string, tier string, i spec.Instance) bool {
	return !i.Burstable() || slices.Contains(burstableTiers, tier)
}

// sizeDatabase decides the shards (sharded architectures only), then takes
// the first class, in the fixed size order, whose CPU, memory, connections
// and storage carry one shard's load.
func sizeDatabase(def spec.Spec, w spec.Workload, t traffic, r resolved, fleet float64, res *Result) dbChoice {
	ladder := r.dbLadder(def.Tier)
	largest := ladder[len(ladder)-1]
	shards, shardWhy := dbShards(def, w, t, r, fleet, largest)
	dd := dbDemandFor(def, w, t, r.model, shards, fleet)
	best := dbChoice{shards: shards, shardWhy: shardWhy}
	found := false
	for _, c := range ladder {
		u := dbUsage(c, dd, -1, r.target, r.model.RightsizeHeadroom, r.model)
		if u.fits() {
			best.inst, best.replicas, found = c, u.replicas, true
			break
		}
	}
	if found {
		best.why = "first class, smallest first, whose CPU carries the load at the target utilisation and whose memory, connections and storage hold one shard's share"
	} else {
		// Nothing fits: take the largest class and flag the tier.
		u := dbUsage(largest, dd, -1, r.target, r.model.RightsizeHeadroom, r.model)
		best.inst, best.replicas = largest, min(15, u.replicas)
		best.overloaded = true
		best.why = "no class carries the load: largest class taken"
		res.Overloaded = append(res.Overloaded, "database")
		res.Notes = append(res.Notes, fmt.Sprintf("database load (%.1f writes/s, %.1f reads/s per shard) exceeds %s at %.0f %% utilisation: move to the next tier", t.writes/float64(shards), t.reads/float64(shards), largest.Type, r.target*100))
	}
	if dd.allowReplicas {
		best.replicaWhy = "max(1, ceil(reads per shard / reads per vCPU / (vCPU x baseline x target))); the primary takes the writes"
	} else {
		best.replicaWhy = "0: this tier's architecture has no read replicas; the primary takes reads and writes"
	}
	return best
}

type cacheChoice struct {
	inst             spec.Instance
	shards, replicas int
	why              string
}

// sizeCache takes the node type that needs the fewest shards (one without
// cluster mode), the first in the fixed size order on a tie.
func sizeCache(def spec.Spec, w spec.Workload, t traffic, r resolved, res *Result) cacheChoice {
	cd := cacheDemandFor(w, t, r.model)
	maxShards := 1
	if def.Cache.ClusterMode {
		maxShards = r.model.MaxCacheShards
	}
	replicas := def.Cache.ReplicasPerShard
	ladder := r.cacheLadder(def.Tier)
	var best cacheChoice
	found := false
	for _, n := range ladder {
		shards := cd.shardsFor(n, r.target, r.model.RightsizeHeadroom, r.model)
		if shards > maxShards {
			continue
		}
		if !found || shards < best.shards {
			best, found = cacheChoice{inst: n, shards: shards, replicas: replicas}, true
		}
	}
	if !found {
		best = cacheChoice{inst: ladder[len(ladder)-1], shards: maxShards, replicas: replicas}
		res.Overloaded = append(res.Overloaded, "cache")
		res.Notes = append(res.Notes, fmt.Sprintf("the cache working set (%.1f GB with overhead) exceeds %s of the largest node type, %s", cd.needGB, money.Count(maxShards, "shard", "shards"), best.inst.Type))
	}
	best.why = newText().s("fewest shards whose usable memory (").f((1-r.model.CacheReservedMemory)*100, 0).s(" % after reserved memory) holds the working set, then the first type in size order").String()
	return best
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
