package capacity

import (
	"iter"
	"math"
	"slices"
	"sync"

	"github.com/tiercost/tiercost/components/spec"
)

// This file holds the one load model of the database and the cache: what a
// workload asks of one shard, and how much of one class or node type that
// is. Sizing picks the first size whose uses are all at most 1, the limits
// find the user count at which a use reaches 1, and right-sizing and the
// advisor read the same uses, so a layer's "fits", its limit and its
// verdict can never disagree.

// dbDemand is what the workload asks of one database shard.
type dbDemand struct {
	// writeUnits and readUnits are vCPUs kept fully busy: writes/s per
	// shard ÷ writes per vCPU, cache-missing reads/s per shard ÷ reads
	// per vCPU.
	writeUnits, readUnits float64
	// memGB is the buffer memory the share of the working set the cache
	// does not hold needs: working set × (1 − cache hit) ÷ shards ÷ the
	// buffer share of instance memory.
	memGB float64
	// conns is the connections the app fleet opens at its surge size.
	conns float64
	// storageGB is the storage one shard needs after 12 months of growth,
	// with headroom.
	storageGB float64
	// allowReplicas says the architecture reads from replicas.
	allowReplicas bool
}

// surgeFleet is the app instances the ASG may reach: origin peak × surge ÷
// (RPS per instance × target), unrounded so that it grows in proportion
// to users, like every other demand.
func surgeFleet(s spec.Spec, t traffic, r resolved) float64 {
	inst, ok := spec.EC2Type(s.Compute.InstanceType)
	if !ok {
		return 0
	}
	per := float64(inst.VCPU) * r.model.RPSPerVCPU[inst.Family] * inst.Baseline * r.target
	if per <= 0 {
		return 0
	}
	return t.originPeak * r.model.MaxSurge / per
}

// dbDemandFor splits the workload's database load over shards.
func dbDemandFor(arch spec.Spec, w spec.Workload, t traffic, m Model, shards int, fleet float64) dbDemand {
	n := float64(max(1, shards))
	return dbDemand{
		writeUnits:    t.writes / n / m.DBWritesPerVCPU,
		readUnits:     t.reads / n / m.DBReadsPerVCPU,
		memGB:         w.HotWorkingSetGB * (1 - t.cacheHit) / n / m.DBBufferShare,
		conns:         fleet * m.DBConnectionsPerInstance,
		storageGB:     DataAfterMonthsGB(w.MonthlyActiveUsers, w.DataPerUserMB, w.MonthlyGrowth, 12) * m.StorageHeadroom / n,
		allowReplicas: arch.Database.ReadReplicas > 0 || arch.Database.Sharded,
	}
}

// dbUse is the share of one class's threshold each resource uses (1 = at
// the threshold): CPU at the target utilisation, memory with the
// right-sizing headroom, connections and storage at their maximum.
type dbUse struct {
	write, read, cpu, mem, conns, storage float64
	replicas                              int
}

// maxConnections is RDS for PostgreSQL's default max_connections for a
// class: LEAST(memory ÷ 9,531,392 bytes, 5,000).
func maxConnections(c spec.Instance, m Model) float64 {
	return math.Min(c.MemoryGiB*(1<<30)/m.DBConnectionBytes, m.DBMaxConnections)
}

// dbUsage measures a demand against one class with a given number of
// replicas; replicas < 0 asks for as many as the reads need.
func dbUsage(c spec.Instance, dd dbDemand, replicas int, target, headroom float64, m Model) dbUse {
	capUnits := float64(c.VCPU) * c.Baseline * target
	u := dbUse{
		mem:     dd.memGB * (1 + headroom) / c.MemoryGB(),
		conns:   dd.conns / maxConnections(c, m),
		storage: dd.storageGB / m.DBMaxStorageGB,
	}
	if dd.allowReplicas {
		if replicas < 0 {
			replicas = max(1, ceilPos(dd.readUnits/capUnits))
		}
		u.replicas = replicas
		u.write = dd.writeUnits / capUnits
		u.read = dd.readUnits / (float64(max(1, replicas)) * capUnits)
		u.cpu = max(u.write, u.read)
		return u
	}
	u.cpu = (dd.writeUnits + dd.readUnits) / capUnits
	u.write = u.cpu
	return u
}

// fits reports whether every resource is within its threshold and the
// replicas within RDS's 15.
func (u dbUse) fits() bool {
	return u.cpu <= 1 && u.mem <= 1 && u.conns <= 1 && u.storage <= 1 && u.replicas <= 15
}

// cacheDemand is what the workload asks of the cache.
type cacheDemand struct {
	needGB float64 // working set × (1 + overhead)
	ops    float64 // cache operations per second at peak
}

func cacheDemandFor(w spec.Workload, t traffic, m Model) cacheDemand {
	return cacheDemand{needGB: CacheMemoryGB(w.HotWorkingSetGB, m.CacheOverhead), ops: t.originPeak * w.DBQueriesPerRequest}
}

// UsableMemoryGB is the memory of a cache node that holds data: nominal
// memory less the reserved-memory share (25 % by default).
func UsableMemoryGB(n spec.Instance, reserved float64) float64 {
	return n.MemoryGB() * (1 - reserved)
}

// cacheUse is the share of shards × node a demand uses: memory with the
// right-sizing headroom, operations at the target utilisation.
type cacheUse struct{ mem, ops float64 }

func cacheUsage(n spec.Instance, cd cacheDemand, shards int, target, headroom float64, m Model) cacheUse {
	s := float64(max(1, shards))
	return cacheUse{
		mem: cd.needGB * (1 + headroom) / (s * UsableMemoryGB(n, m.CacheReservedMemory)),
		ops: cd.ops / (s * float64(n.VCPU) * n.Baseline * m.CacheOpsPerVCPU * target),
	}
}

// shardsFor is the fewest shards of n that hold the demand.
func (cd cacheDemand) shardsFor(n spec.Instance, target, headroom float64, m Model) int {
	u := cacheUsage(n, cd, 1, target, headroom, m)
	return max(1, ceilPos(u.mem), ceilPos(u.ops))
}

// dbShards decides how many write shards a sharded architecture needs:
// one, unless one writer at the largest class cannot carry the writes, the
// working set's share in memory, the storage or the connections. It
// returns the count and the reason.
func dbShards(arch spec.Spec, w spec.Workload, t traffic, r resolved, fleet float64, largest spec.Instance) (int, string) {
	if !arch.Database.Sharded {
		return max(1, arch.Database.Shards), "this tier's architecture has one primary"
	}
	one := dbDemandFor(arch, w, t, r.model, 1, fleet)
	u := dbUsage(largest, one, -1, r.target, r.model.RightsizeHeadroom, r.model)
	need := max(1, ceilPos(u.write), ceilPos(u.mem), ceilPos(u.storage), ceilPos(u.conns))
	n := min(need, r.model.MaxDBShards)
	if n == 1 {
		return 1, newText().s("one writer: ").f(t.writes, 1).s(" writes/s use ").f(u.write*100, 0).s(" % of one ").s(largest.Type).
			s(" primary at ").f(r.target*100, 0).s(" % CPU (and ").f(u.mem*100, 0).s(" % of its memory, ").f(u.storage*100, 0).
			s(" % of its storage, ").f(u.conns*100, 0).s(" % of its connections)").String()
	}
	why := "writes"
	switch n {
	case ceilPos(u.mem):
		why = "working set in memory"
	case ceilPos(u.storage):
		why = "storage"
	case ceilPos(u.conns):
		why = "connections"
	}
	return n, newText().d(n).s(" shards: one ").s(largest.Type).s(" primary cannot carry the ").s(why).s(" (writes ").f(u.write*100, 0).
		s(" %, memory ").f(u.mem*100, 0).s(" %, storage ").f(u.storage*100, 0).s(" %, connections ").f(u.conns*100, 0).
		s(" % of one writer at the largest class)").String()
}

// dbLadder is the classes a tier may run, in the fixed size order.
// Callers must not change it: with the default model it is shared.
func (r resolved) dbLadder(tier string) []spec.Instance {
	return r.ladder(&dbLadders, tier, spec.EachRDSClass())
}

// cacheLadder is the node types a tier may run, in the fixed size order.
// Callers must not change it: with the default model it is shared.
func (r resolved) cacheLadder(tier string) []spec.Instance {
	return r.ladder(&cacheLadders, tier, spec.EachCacheNodeType())
}

// dbLadders and cacheLadders memoise the default model's ladders by tier:
// every sizing and every limit reads them.
var dbLadders, cacheLadders sync.Map // tier -> []spec.Instance

func (r resolved) ladder(memo *sync.Map, tier string, table iter.Seq[spec.Instance]) []spec.Instance {
	shared := r.Model == nil && slices.Contains(spec.Tiers, tier)
	if shared {
		if l, ok := memo.Load(tier); ok {
			return l.([]spec.Instance)
		}
	}
	out := allowedOf(r.model.BurstableTiers, tier, table)
	if shared {
		memo.Store(tier, out)
	}
	return out
}

// allowedOf is the instances of table that tier may run.
// It is apart from ladder because the loop body is a closure: the values it
// reads escape, and a memoised ladder should not move r to the heap.
func allowedOf(burstableTiers []string, tier string, table iter.Seq[spec.Instance]) []spec.Instance {
	var out []spec.Instance
	for c := range table {
		if allowedIn(burstableTiers, tier, c) {
			out = append(out, c)
		}
	}
	return out
}
