package capacity

import (
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"strconv"

	"github.com/tiercost/tiercost/components/spec"
	"github.com/tiercost/tiercost/costmodel/inputfile"
	"github.com/tiercost/tiercost/costmodel/money"
)

// Layers a limit belongs to.
const (
	LayerCompute      = "compute"
	LayerDatabase     = "database"
	LayerCache        = "cache"
	LayerLoadBalancer = "load balancer"
	LayerNAT          = "nat"
)

// Limit is the user count at which one resource of one layer stops
// meeting its target, with the per-user load of the workload held (the
// traffic, working set and data all scale with users; ScaleWorkload).
type Limit struct {
	Layer    string `json:"layer"`
	Resource string `json:"resource"`
	// Sizes is what the limit assumes, for example "db.m6g.large primary
	// + 1 replica" or "at most 4 x c7g.large".
	Sizes string `json:"sizes"`
	// Users is the first whole user count past the limit: Use reaches 1
	// at a fractional count L, so L's whole part is the last count the
	// resource carries and Users = floor(L) + 1 is the first priced after
	// the step (the count every output names). +Inf (JSON null) when
	// nothing limits.
	Users float64 `json:"users"`
	// Use is the share of the planning threshold in use at the workload's
	// users (the target utilisation for CPU, with headroom for memory).
	Use float64 `json:"use"`
	// Load is the share of the resource's full capacity in use; above 1
	// the layer is overloaded.
	Load float64 `json:"load"`
	// Evidence gives the numbers behind the limit.
	Evidence string `json:"evidence"`
	// Step is true for limits a deployment changes in discrete steps (a
	// class, a replica, a shard, a node type); the ASG's size and the
	// allocated storage grow continuously and are not steps.
	Step bool `json:"step"`
	// Article is true for a rule of the article (a cache by 20k users)
	// rather than a capacity; Evidence then quotes the rule.
	Article bool `json:"article,omitempty"`
	// Ceiling is true for a limit at the largest sizes the architecture
	// allows rather than at the spec's own.
	Ceiling bool `json:"ceiling,omitempty"`
}

// Limits are the limits of one architecture under one workload.
type Limits struct {
	Users float64 `json:"users"`
	// Current are the limits at the spec's own sizes.
	Current []Limit `json:"current"`
	// Ceiling are the limits at the largest sizes the architecture allows
	// (the largest class with the most replicas and shards it may have).
	Ceiling []Limit `json:"ceiling"`
	// Requirement is the article's rule the architecture stops meeting
	// first as users grow (a cache by 20k users, alarms beyond 50k), if any.
	Requirement *Limit `json:"requirement,omitempty"`
}

// limitFrom fills Users from the workload's users and the use.
func limitFrom(users float64, l Limit) Limit {
	switch {
	case l.Use <= 0 || math.IsNaN(l.Use):
		l.Users = math.Inf(1)
	default:
		l.Users = FirstPast(users / l.Use)
	}
	return l
}

// FirstPast is the first whole user count past a limit reached at the
// fractional count at: a count at or below it still meets the threshold
// (use <= 1), so at 6,710.6 the last count at the old sizes is 6,710 and
// the first after the step is 6,711; at exactly 20,000 it is 20,001.
func FirstPast(at float64) float64 {
	if math.IsInf(at, 0) || math.IsNaN(at) {
		return at
	}
	return math.Floor(at) + 1
}

// Overloaded lists the current limits whose load exceeds full capacity.
func (ls Limits) Overloaded() []Limit {
	var out []Limit
	for _, l := range ls.Current {
		if l.Load > 1+1e-9 {
			out = append(out, l)
		}
	}
	return out
}

// First returns the limit with the fewest users among ls (steps only when
// steps is true); ok is false when none limits.
func First(ls []Limit, steps bool) (Limit, bool) {
	var best Limit
	found := false
	for _, l := range ls {
		if steps && !l.Step {
			continue
		}
		if math.IsInf(l.Users, 1) {
			continue
		}
		if !found || l.Users < best.Users {
			best, found = l, true
		}
	}
	return best, found
}

// LayerLimits computes every layer's limit for a spec (its architecture
// and sizes) under a workload, at the current sizes and at the largest the
// architecture allows.
func LayerLimits(s spec.Spec, w spec.Workload, o Options) (Limits, error) {
	return layerLimits(s, w, o, withWords)
}

// LayerLoads is LayerLimits without Sizes and Evidence: every limit's
// users, use and load, hence the same Overloaded and MoveAt, for a caller
// that reads no words (a band's scenarios, read for their totals and
// whether they overload); the words are most of LayerLimits' work.
func LayerLoads(s spec.Spec, w spec.Workload, o Options) (Limits, error) {
	return layerLimits(s, w, o, loadsOnly)
}

// limitsWanted says how much of the limits layerLimits computes.
type limitsWanted int

const (
	// moveOnly is what Limits.MoveAt reads: the ceiling limits' users and
	// the requirement, without words. TierFor asks it once a tier for
	// every users what-if, and each scenario of a band is one.
	moveOnly  limitsWanted = iota
	loadsOnly              // LayerLoads
	withWords              // LayerLimits
)

// layerLimits is LayerLimits, LayerLoads or only what MoveAt reads.
func layerLimits(s spec.Spec, w spec.Workload, o Options, want limitsWanted) (Limits, error) {
	if err := ValidateWorkload(w); err != nil {
		return Limits{}, err
	}
	r, err := resolve(o)
	if err != nil {
		return Limits{}, err
	}
	if o.Region != "" {
		s.Region = o.Region
	}
	t := deriveTraffic(s, w)
	u := w.MonthlyActiveUsers
	out := Limits{Users: u}
	h := r.model.RightsizeHeadroom

	// Compute: CPU at the target and the p95 wait, at the ASG's maximum.
	inst, ok := spec.EC2Type(s.Compute.InstanceType)
	if !ok {
		return Limits{}, fmt.Errorf("compute.instance_type: %s is not in the instance table", inputfile.Excerpt(s.Compute.InstanceType))
	}
	words := want == withWords
	if want != moveOnly {
		out.Current = currentLimits(s, w, t, r, inst, words)
	}

	// Ceiling: the architecture's largest sizes.
	dbLadder := r.dbLadder(s.Tier)
	largestDB := dbLadder[len(dbLadder)-1]
	replicas, shards := s.Database.ReadReplicas, max(1, s.Database.Shards)
	if replicas > 0 || s.Database.Sharded {
		replicas = 15
	}
	if s.Database.Sharded {
		shards = r.model.MaxDBShards
	}
	out.Ceiling = dbLimits(make([]Limit, 0, 7), s, w, t, r, largestDB, replicas, shards, true, words) // 5 + the cache's 2
	if s.Cache.Enabled {
		cl := r.cacheLadder(s.Tier)
		cacheShards := 1
		if s.Cache.ClusterMode {
			cacheShards = r.model.MaxCacheShards
		}
		out.Ceiling = cacheLimits(out.Ceiling, w, t, r, cl[len(cl)-1], cacheShards, h, true, words)
	}
	out.Requirement = requirement(s, u)
	return out, nil
}

// currentLimits are the limits at the spec's own sizes. Without words,
// Sizes and Evidence are left empty.
func currentLimits(s spec.Spec, w spec.Workload, t traffic, r resolved, inst spec.Instance, words bool) []Limit {
	u := w.MonthlyActiveUsers
	h := r.model.RightsizeHeadroom
	out := make([]Limit, 0, 12)
	mu := r.model.RPSPerVCPU[inst.Family]
	perInst := float64(inst.VCPU) * mu * inst.Baseline
	maxN := s.Compute.MaxSize
	cpu := t.originPeak / (float64(maxN) * perInst * r.target)
	l := Limit{Layer: LayerCompute, Resource: "CPU", Use: cpu, Load: cpu * r.target}
	if words {
		l.Sizes = "at most " + strconv.Itoa(maxN) + " x " + inst.Type
		l.Evidence = newText().s("origin peak ").f(t.originPeak, 1).s(" req/s of ").d(maxN).s(" x ").f(perInst, 0).s(" req/s at ").f(r.target*100, 0).s(" % CPU").String()
	}
	out = append(out, limitFrom(u, l))
	scale := p95Scale(maxN*inst.VCPU, t.originPeak, mu, r.p95)
	l = Limit{Layer: LayerCompute, Resource: "p95 wait", Sizes: l.Sizes, Use: 1 / scale, Load: 1 / scale}
	if words {
		l.Evidence = newText().s("Erlang C p95 queueing wait stays under ").f(r.p95*1000, 0).s(" ms up to ").f(scale, 2).s("x today's origin peak").String()
	}
	out = append(out, limitFrom(u, l))

	// Database: one shard's load on the current class, replicas and shards.
	if db, ok := spec.RDSClass(s.Database.InstanceClass); ok {
		out = dbLimits(out, s, w, t, r, db, s.Database.ReadReplicas, s.Database.Shards, false, words)
	}
	// Cache: the working set in usable memory, and operations.
	if s.Cache.Enabled {
		if n, ok := spec.CacheNodeType(s.Cache.NodeType); ok {
			out = cacheLimits(out, w, t, r, n, s.Cache.Shards, h, false, words)
		}
	}
	// NAT gateways: bandwidth at peak against one gateway's ceiling.
	if nats := natCount(s); nats > 0 {
		gbps := t.originPeak * w.AvgResponseKB * 1000 * 8 / 1e9 * r.model.NATShareOfEgress / float64(nats)
		use := gbps / r.model.NATGbps
		l := Limit{Layer: LayerNAT, Resource: "bandwidth", Use: use, Load: use}
		if words {
			l.Sizes = money.Count(nats, "NAT gateway", "NAT gateways")
			l.Evidence = newText().f(gbps, 4).s(" Gbps per gateway at peak of ").f(r.model.NATGbps, 0).s(" Gbps").String()
		}
		out = append(out, limitFrom(u, l))
	}
	// The ALB scales its capacity units without a published ceiling.
	l = Limit{Layer: LayerLoadBalancer, Resource: "capacity units", Users: math.Inf(1)}
	if words {
		l.Sizes, l.Evidence = "1 ALB", "an ALB adds capacity units as load grows; there is no LCU quota"
	}
	return append(out, l)
}

// dbLimits appends the database's limits for a class with replicas and
// shards to out (appended in place, not returned apart and copied: each
// scenario of a band computes them twice). Without words, Sizes and
// Evidence are left empty.
func dbLimits(out []Limit, s spec.Spec, w spec.Workload, t traffic, r resolved, db spec.Instance, replicas, shards int, ceiling, words bool) []Limit {
	u := w.MonthlyActiveUsers
	h := r.model.RightsizeHeadroom
	shards = max(1, shards)
	dd := dbDemandFor(s, w, t, r.model, shards, surgeFleet(s, t, r))
	use := dbUsage(db, dd, replicas, r.target, h, r.model)
	if !words {
		add := func(resource string, use, load float64) {
			out = append(out, limitFrom(u, Limit{Layer: LayerDatabase, Resource: resource, Use: use, Load: load, Step: !ceiling, Ceiling: ceiling}))
		}
		if dd.allowReplicas {
			add("write CPU (primary)", use.write, use.write*r.target)
			add("read CPU (replicas)", use.read, use.read*r.target)
		} else {
			add("CPU (single primary)", use.cpu, use.cpu*r.target)
		}
		add("memory", use.mem, use.mem/(1+h))
		add("connections", use.conns, use.conns)
		add("storage", use.storage, use.storage)
		return out
	}
	shardTxt := ""
	if shards > 1 {
		shardTxt = ", each of " + strconv.Itoa(shards) + " shards"
	}
	capUnits := float64(db.VCPU) * db.Baseline
	add := func(resource, sizes string, use, load float64, evidence string) {
		out = append(out, limitFrom(u, Limit{Layer: LayerDatabase, Resource: resource, Sizes: sizes + shardTxt,
			Use: use, Load: load, Evidence: evidence, Step: !ceiling, Ceiling: ceiling}))
	}
	if dd.allowReplicas {
		add("write CPU (primary)", db.Type+" primary", use.write, use.write*r.target,
			newText().f(t.writes/float64(shards), 1).s(" writes/s per shard need ").f(dd.writeUnits, 2).s(" of ").d(db.VCPU).
				s(" vCPU at ").f(r.target*100, 0).s(" % (").f(r.model.DBWritesPerVCPU, 0).s(" writes/s per vCPU)").String())
		add("read CPU (replicas)", money.Count(max(1, replicas), "x "+db.Type+" replica", "x "+db.Type+" replicas"), use.read, use.read*r.target,
			newText().f(t.reads/float64(shards), 1).s(" cache-missing reads/s per shard need ").f(dd.readUnits, 2).s(" vCPU of ").d(max(1, replicas)).
				s(" x ").d(db.VCPU).s(" at ").f(r.target*100, 0).s(" % (").f(r.model.DBReadsPerVCPU, 0).s(" reads/s per vCPU)").String())
	} else {
		add("CPU (single primary)", db.Type+" primary", use.cpu, use.cpu*r.target,
			newText().f(t.writes, 1).s(" writes/s and ").f(t.reads, 1).s(" reads/s need ").f(dd.writeUnits+dd.readUnits, 2).s(" of ").
				f(capUnits, 1).s(" sustained vCPU at ").f(r.target*100, 0).s(" %").String())
	}
	add("memory", db.Type, use.mem, use.mem/(1+h),
		newText().f(dd.memGB, 2).s(" GB of buffer for the ").f((1-t.cacheHit)*100, 0).s(" % of the ").f(w.HotWorkingSetGB/float64(shards), 2).
			s(" GB working set the cache does not hold, of ").f(db.MemoryGB(), 1).s(" GB").String())
	add("connections", db.Type, use.conns, use.conns,
		newText().f(dd.conns, 0).s(" connections (").f(r.model.DBConnectionsPerInstance, 0).s(" per app instance) of max_connections ").
			f(maxConnections(db, r.model), 0).String())
	add("storage", db.Type, use.storage, use.storage,
		newText().f(dd.storageGB, 0).s(" GB after 12 months with headroom of ").f(r.model.DBMaxStorageGB, 0).s(" GB").String())
	return out
}

// cacheLimits appends the cache's limits for a node type and shard count
// to out. Without words, Sizes and Evidence are left empty.
func cacheLimits(out []Limit, w spec.Workload, t traffic, r resolved, n spec.Instance, shards int, h float64, ceiling, words bool) []Limit {
	u := w.MonthlyActiveUsers
	cd := cacheDemandFor(w, t, r.model)
	use := cacheUsage(n, cd, shards, r.target, h, r.model)
	if !words {
		return append(out,
			limitFrom(u, Limit{Layer: LayerCache, Resource: "usable memory", Use: use.mem, Load: use.mem / (1 + h), Step: !ceiling, Ceiling: ceiling}),
			limitFrom(u, Limit{Layer: LayerCache, Resource: "operations", Use: use.ops, Load: use.ops * r.target, Step: !ceiling, Ceiling: ceiling}),
		)
	}
	sizes := strconv.Itoa(max(1, shards)) + " x " + n.Type
	usable := UsableMemoryGB(n, r.model.CacheReservedMemory)
	return append(out,
		limitFrom(u, Limit{Layer: LayerCache, Resource: "usable memory", Sizes: sizes, Use: use.mem, Load: use.mem / (1 + h), Step: !ceiling, Ceiling: ceiling,
			Evidence: newText().f(cd.needGB, 2).s(" GB working set with overhead of ").d(max(1, shards)).s(" x ").f(usable, 2).
				s(" GB usable (").f(r.model.CacheReservedMemory*100, 0).s(" % reserved)").String()}),
		limitFrom(u, Limit{Layer: LayerCache, Resource: "operations", Sizes: sizes, Use: use.ops, Load: use.ops * r.target, Step: !ceiling, Ceiling: ceiling,
			Evidence: newText().f(cd.ops, 0).s(" ops/s at peak of ").f(float64(max(1, shards)*n.VCPU)*n.Baseline*r.model.CacheOpsPerVCPU, 0).
				s(" at ").f(r.target*100, 0).s(" % CPU").String()}),
	)
}

// p95Scale is how many times today's arrival rate the queue carries before
// the p95 wait passes its target (bisection; +Inf for no load).
func p95Scale(servers int, lambda, mu, p95 float64) float64 {
	if lambda <= 0 {
		return math.Inf(1)
	}
	ok := func(k float64) bool { return P95WaitSeconds(servers, lambda*k, mu) <= p95 }
	lo, hi := 0.0, float64(servers)*mu/lambda
	if !ok(lo + 1e-12) {
		return 1e-12
	}
	for i := 0; i < 60; i++ {
		mid := (lo + hi) / 2
		// When mid is lo or hi, lo and hi are neighbouring floats (or
		// equal): after this step every later one repeats it, so the
		// answer is the one all 60 steps give, some ten ErlangC runs early.
		last := mid == lo || mid == hi
		if ok(mid) {
			lo = mid
		} else {
			hi = mid
		}
		if last {
			break
		}
	}
	return lo
}

func natCount(s spec.Spec) int {
	switch s.Network.NATMode {
	case spec.NATSingle:
		return 1
	case spec.NATPerAZ:
		return s.Network.AZCount
	}
	return 0
}

// requirement is the article's rule an architecture stops meeting first
// as users grow: a cache by 20k users (FAQ 6), alarms beyond 50k (FAQ 7).
func requirement(s spec.Spec, users float64) *Limit {
	// The rules' counts are the last an architecture meets them at (a
	// cache "between 5K to 20K users", alarms "beyond 50K users"), so the
	// limit is the count after.
	var rs []Limit
	if !s.Cache.Enabled {
		rs = append(rs, Limit{Layer: LayerCache, Resource: "application cache", Users: FirstPast(20_000), Use: users / 20_000,
			Evidence: srcFAQ6, Article: true, Sizes: "none"})
	}
	if !s.Observability.Alarms {
		rs = append(rs, Limit{Layer: "observability", Resource: "alarms", Users: FirstPast(50_000), Use: users / 50_000,
			Evidence: srcFAQ7, Article: true, Sizes: "none"})
	}
	if len(rs) == 0 {
		return nil
	}
	sort.SliceStable(rs, func(i, j int) bool { return rs[i].Users < rs[j].Users })
	l := rs[0]
	l.Load = l.Use
	return &l
}

// MoveAt is the user count at which an architecture must give way to the
// next tier's: its first ceiling limit or the first rule it stops meeting,
// whichever comes first. ok is false when nothing limits.
func (ls Limits) MoveAt() (Limit, bool) {
	best, ok := First(ls.Ceiling, false)
	if rq := ls.Requirement; rq != nil && (!ok || rq.Users < best.Users) {
		return *rq, true
	}
	return best, ok
}

// Next-action kinds.
const (
	ActionResize   = "resize"    // a layer changes class, replicas, shards or node type
	ActionMoveTier = "move tier" // the next tier's architecture
	ActionBeyond   = "beyond"    // the largest architecture runs out
	ActionNone     = "none"      // nothing limits
)

// Action is the one answer to "when do we outgrow this, and what do we do
// then": at Users users, do Do. The engine adds the whole architecture's
// monthly cost just before and just after it.
type Action struct {
	Kind string `json:"kind"`
	// Users is the first whole user count priced after the step (the
	// limit's Users): Users − 1 is priced at today's sizes. Now is true
	// when the workload is already there.
	Users float64 `json:"users"`
	Now   bool    `json:"now"`
	// Limit is the limit that triggers the action.
	Limit Limit `json:"limit"`
	// Do says what to do, in words: "database: db.m6g.large -> db.r6g.large"
	// or "move to the 1m tier".
	Do string `json:"do"`
	// FromTier and ToTier are set for tier moves.
	FromTier string `json:"fromTier,omitempty"`
	ToTier   string `json:"toTier,omitempty"`
}

// NextTier returns the tier after t ("" after the last).
func NextTier(t string) string {
	for i, x := range spec.Tiers {
		if x == t && i+1 < len(spec.Tiers) {
			return spec.Tiers[i+1]
		}
	}
	return ""
}

// NextAction picks, from a spec's limits, the first step its growth needs:
// a discrete layer change at the current sizes, or the move to the next
// tier when the architecture itself runs out first. Resizes are described
// by sizing the tier just past the limit, so they name what sizing will
// choose.
func NextAction(s spec.Spec, w spec.Workload, ls Limits, o Options) Action {
	step, hasStep := First(ls.Current, true)
	move, hasMove := ls.MoveAt()
	switch {
	case !hasStep && !hasMove:
		return Action{Kind: ActionNone, Users: math.Inf(1), Do: "nothing limits this architecture in the model"}
	case hasMove && (!hasStep || move.Users <= step.Users || move.Users <= ls.Users):
		// The architecture gives way first, or already has: resizing
		// inside it does not answer the question.
		a := Action{Kind: ActionMoveTier, Users: move.Users, Limit: move, FromTier: s.Tier, ToTier: NextTier(s.Tier)}
		if a.ToTier == "" {
			a.Kind, a.Do = ActionBeyond, fmt.Sprintf("the %s architecture runs out (%s %s): beyond this model", s.Tier, move.Layer, move.Resource)
		} else {
			a.Do = "move to the " + a.ToTier + " tier"
		}
		a.Now = a.Users <= ls.Users
		return a
	}
	a := Action{Kind: ActionResize, Users: step.Users, Limit: step, Now: step.Users <= ls.Users}
	a.Do = fmt.Sprintf("%s: %s", step.Layer, step.Sizes)
	if resized, err := Size(s.Tier, ScaleWorkload(w, step.Users), o); err == nil {
		from, to := layerSizes(s, step.Layer), layerSizes(resized.Spec, step.Layer)
		switch {
		case from != to:
			a.Do = fmt.Sprintf("%s: %s -> %s", step.Layer, from, to)
		case len(resized.Overloaded) > 0:
			// The layer is at the largest size its tier allows: the
			// architecture, not the layer, runs out here.
			a.Kind, a.FromTier, a.ToTier = ActionMoveTier, s.Tier, NextTier(s.Tier)
			a.Do = "move to the " + a.ToTier + " tier"
			if a.ToTier == "" {
				a.Kind, a.Do = ActionBeyond, fmt.Sprintf("the %s architecture runs out (%s %s): beyond this model", s.Tier, step.Layer, step.Resource)
			}
		default:
			a.Do = fmt.Sprintf("%s: %s no longer meets its target (%s); an override pins it", step.Layer, from, step.Resource)
		}
	}
	return a
}

// layerFleet is LayerSizes' key for the app fleet's desired instances on
// its type ("2 instances x t4g.small"): a change of it alone is a scale
// step, not a resize.
const layerFleet = "compute fleet"

// LayerSizes describes the discrete sizes of each layer, for comparing two
// specs: the forecast's steps and the next action's "from -> to". Compute
// is the instance type; the fleet (layerFleet) its desired count on it.
func LayerSizes(s spec.Spec) map[string]string {
	out := map[string]string{LayerDatabase: layerSizes(s, LayerDatabase)}
	if s.Cache.Enabled {
		out[LayerCache] = layerSizes(s, LayerCache)
	}
	out[LayerCompute] = s.Compute.InstanceType
	out[layerFleet] = money.Count(s.Compute.DesiredCapacity, "instance", "instances") + " x " + s.Compute.InstanceType
	return out
}

func layerSizes(s spec.Spec, layer string) string {
	switch layer {
	case LayerDatabase:
		d := s.Database
		txt := d.InstanceClass
		if d.ReadReplicas > 0 {
			txt += " + " + money.Count(d.ReadReplicas, "replica", "replicas")
		}
		if d.Shards > 1 {
			txt = fmt.Sprintf("%d shards x (%s)", d.Shards, txt)
		}
		return txt
	case LayerCache:
		return fmt.Sprintf("%s x %s", money.Count(s.Cache.Shards, "shard", "shards"), s.Cache.NodeType)
	case LayerCompute:
		return s.Compute.InstanceType
	}
	return ""
}

// TierFor picks the tier that carries a workload: from start, the first
// tier whose architecture's move point (Limits.MoveAt) is past the
// workload's users, else the last tier. at gives a tier's architecture
// (its DefaultSpec with an environment's overrides) and the workload as
// it resolves on that tier (the tier's defaults where nothing explicit
// sets a field), so each tier is judged with the hit ratios, peak and
// working set it would run with. It reads no prices and does not size, so
// the users knob, the forecast and the next action agree on where a tier
// gives way. The answer is the same from every start at or below it: a
// start only rules out the tiers under it.
func TierFor(start string, at func(tier string) (spec.Spec, spec.Workload, error), o Options) (string, error) {
	i := -1
	for j, t := range spec.Tiers {
		if t == start {
			i = j
		}
	}
	if i < 0 {
		return "", fmt.Errorf("tier %s is unknown", inputfile.Excerpt(start))
	}
	for ; i < len(spec.Tiers)-1; i++ {
		arch, w, err := at(spec.Tiers[i])
		if err != nil {
			return "", err
		}
		ls, err := layerLimits(arch, w, o, moveOnly)
		if err != nil {
			return "", err
		}
		if move, ok := ls.MoveAt(); !ok || w.MonthlyActiveUsers < move.Users {
			break
		}
	}
	return spec.Tiers[i], nil
}

// MarshalJSON writes Users as null when nothing limits (JSON has no
// infinity).
func (l Limit) MarshalJSON() ([]byte, error) {
	type plain Limit
	out := struct {
		plain
		Users *float64 `json:"users"`
	}{plain: plain(l)}
	if !math.IsInf(l.Users, 0) && !math.IsNaN(l.Users) {
		out.Users = &l.Users
	}
	return json.Marshal(out)
}

// MarshalJSON writes Users as null when nothing limits.
func (a Action) MarshalJSON() ([]byte, error) {
	type plain Action
	out := struct {
		plain
		Users *float64 `json:"users"`
	}{plain: plain(a)}
	if !math.IsInf(a.Users, 0) && !math.IsNaN(a.Users) {
		out.Users = &a.Users
	}
	return json.Marshal(out)
}

// MarshalJSON keeps the costs beside the action's fields (the embedded
// Action's own MarshalJSON would otherwise drop them).
func (n NextStep) MarshalJSON() ([]byte, error) {
	a, err := json.Marshal(n.Action)
	if err != nil {
		return nil, err
	}
	var m map[string]any
	if err := json.Unmarshal(a, &m); err != nil {
		return nil, err
	}
	if n.CostBefore != nil {
		m["costBefore"] = n.CostBefore.String()
	}
	if n.CostAfter != nil {
		m["costAfter"] = n.CostAfter.String()
	}
	m["incomplete"] = n.Incomplete
	return json.Marshal(m)
}
