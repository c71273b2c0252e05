package capacity

import (
	"errors"
	"fmt"

	"github.com/shopspring/decimal"
	"github.com/tiercost/tiercost/components/spec"
	"github.com/tiercost/tiercost/costmodel/inputfile"
)

// Right-sizing findings, as AWS Compute Optimizer names them, plus the
// verdict for a family asked for that costs more than the current type.
const (
	OverProvisioned  = "Over-provisioned"
	UnderProvisioned = "Under-provisioned"
	Optimized        = "Optimized"
	FamilySwitch     = "Family switch"
)

// Performance risks of running at a projected peak utilisation.
const (
	RiskLow    = "Low"
	RiskMedium = "Medium"
	RiskHigh   = "High"
)

// Recommendation compares one layer's current type with the cheapest type
// that carries the workload's peak with headroom.
type Recommendation struct {
	Layer            string `json:"layer"` // compute, database or cache
	CurrentType      string `json:"currentType"`
	CurrentCount     int    `json:"currentCount"`
	RecommendedType  string `json:"recommendedType"`
	RecommendedCount int    `json:"recommendedCount"`
	Finding          string `json:"finding"`
	// Projected peak utilisation: CPU share of sustained capacity (memory
	// share for the cache, whichever is higher for the database).
	CurrentPeakUtilization     float64 `json:"currentPeakUtilization"`
	RecommendedPeakUtilization float64 `json:"recommendedPeakUtilization"`
	CurrentRisk                string  `json:"currentRisk"`
	PerformanceRisk            string  `json:"performanceRisk"`
	// Monthly costs are the pricing package's quote for count nodes at the
	// estimate's purchase option; nil when a price is not in the catalog.
	CurrentMonthly     *decimal.Decimal `json:"currentMonthly"`
	RecommendedMonthly *decimal.Decimal `json:"recommendedMonthly"`
	// MonthlySaving is set only when the recommendation costs less;
	// MonthlyIncrease only when it costs more (never called a saving).
	MonthlySaving   *decimal.Decimal `json:"monthlySaving"`
	MonthlyIncrease *decimal.Decimal `json:"monthlyIncrease,omitempty"`
	// Reason says why the verdict is what it is: the constraint that
	// binds (the HA floor, a burst baseline, the memory need, the
	// latency target) and its numbers.
	Reason string `json:"reason"`
	Note   string `json:"note,omitempty"`
}

// Report is a right-sizing of one spec against one workload.
type Report struct {
	Tier     string  `json:"tier"`
	Region   string  `json:"region"`
	Headroom float64 `json:"headroom"`
	// OriginPeakRPS is the load every recommendation is sized for.
	OriginPeakRPS   float64          `json:"originPeakRps"`
	Recommendations []Recommendation `json:"recommendations"`
	// Totals are nil when any layer's price is not known.
	CurrentMonthly     *decimal.Decimal `json:"currentMonthly"`
	RecommendedMonthly *decimal.Decimal `json:"recommendedMonthly"`
	MonthlySaving      *decimal.Decimal `json:"monthlySaving"`
	Skipped            []Skipped        `json:"skipped,omitempty"`
}

// Risk grades a projected peak utilisation: up to 60 % Low, up to 80 %
// Medium, above High.
func Risk(util float64) string {
	switch {
	case util <= 0.6:
		return RiskLow
	case util <= 0.8:
		return RiskMedium
	}
	return RiskHigh
}

// Rightsize picks, for the ASG, RDS and ElastiCache of a spec, the cheapest
// type (x86 and Graviton, or o.Family for compute) that carries the
// workload's peak with o.Model.RightsizeHeadroom (20 %) to spare, keeping
// the spec's counts of shards and replicas, and compares it with the
// current choice. Candidates without a catalog price are skipped and listed.
func Rightsize(current spec.Spec, w spec.Workload, o Options) (Report, error) {
	if err := ValidateWorkload(w); err != nil {
		return Report{}, err
	}
	r, err := resolve(o)
	if err != nil {
		return Report{}, err
	}
	if o.Prices == nil {
		return Report{}, errors.New("rightsize: options.prices is required to compare prices")
	}
	if o.Region != "" {
		current.Region = o.Region
	}
	t := deriveTraffic(current, w)
	h := r.model.RightsizeHeadroom
	rep := Report{Tier: current.Tier, Region: current.Region, Headroom: h, OriginPeakRPS: t.originPeak}

	cr, err := rightsizeCompute(current, t, r, h, &rep)
	if err != nil {
		return Report{}, err
	}
	rep.Recommendations = append(rep.Recommendations, cr)
	dr, err := rightsizeDatabase(current, w, t, r, h, &rep)
	if err != nil {
		return Report{}, err
	}
	rep.Recommendations = append(rep.Recommendations, dr)
	if current.Cache.Enabled {
		ch, err := rightsizeCache(current, w, t, r, h, &rep)
		if err != nil {
			return Report{}, err
		}
		rep.Recommendations = append(rep.Recommendations, ch)
	}
	cur, rec, known := decimal.Zero, decimal.Zero, true
	for _, x := range rep.Recommendations {
		if x.CurrentMonthly == nil || x.RecommendedMonthly == nil {
			known = false
			continue
		}
		cur, rec = cur.Add(*x.CurrentMonthly), rec.Add(*x.RecommendedMonthly)
	}
	if known {
		saving := cur.Sub(rec)
		rep.CurrentMonthly, rep.RecommendedMonthly, rep.MonthlySaving = &cur, &rec, &saving
	}
	sortSkipped(rep.Skipped)
	return rep, nil
}

// better orders candidates: lower cost, then more capacity, then name. The
// fixed order keeps recommendations stable.
func better(cost, bestCost decimal.Decimal, capacity, bestCapacity float64, name, bestName string) bool {
	if c := cost.Cmp(bestCost); c != 0 {
		return c < 0
	}
	if capacity != bestCapacity {
		return capacity > bestCapacity
	}
	return name < bestName
}

// finish fills the verdict, risks and money once both sides are known.
// A recommendation that costs more is never "Optimized" or a saving.
func finish(x *Recommendation, currentFits bool) {
	x.CurrentRisk, x.PerformanceRisk = Risk(x.CurrentPeakUtilization), Risk(x.RecommendedPeakUtilization)
	cheaper := x.CurrentMonthly != nil && x.RecommendedMonthly != nil && x.RecommendedMonthly.LessThan(*x.CurrentMonthly)
	switch {
	case !currentFits:
		x.Finding = UnderProvisioned
	case cheaper:
		x.Finding = OverProvisioned
	default:
		x.Finding = Optimized
		// The current choice is already the cheapest that fits.
		x.RecommendedType, x.RecommendedCount = x.CurrentType, x.CurrentCount
		x.RecommendedMonthly, x.RecommendedPeakUtilization = x.CurrentMonthly, x.CurrentPeakUtilization
		x.PerformanceRisk = x.CurrentRisk
	}
	x.setMoney()
	if x.CurrentMonthly == nil {
		x.Note = "current price not in the catalog: saving not known; the cheapest priced alternative is shown"
	}
}

// setMoney fills the saving or the increase from the two monthly costs.
func (x *Recommendation) setMoney() {
	x.MonthlySaving, x.MonthlyIncrease = nil, nil
	if x.CurrentMonthly == nil || x.RecommendedMonthly == nil {
		return
	}
	d := x.CurrentMonthly.Sub(*x.RecommendedMonthly)
	switch {
	case d.IsPositive():
		x.MonthlySaving = &d
	case d.IsNegative():
		inc := d.Neg()
		x.MonthlyIncrease = &inc
	default:
		zero := decimal.Zero
		x.MonthlySaving = &zero
	}
}

// quote asks the pricing package for n's monthly cost; nil when unknown.
func (r resolved) quote(n spec.Nodes) *decimal.Decimal {
	if r.Prices == nil || n.Count <= 0 {
		return nil
	}
	m, ok := r.Prices.Monthly(n)
	if !ok {
		return nil
	}
	return &m
}

// dbMonthly quotes shards x (primary + replicas) of one class: primaries in
// the spec's deployment, replicas Single-AZ.
func (r resolved) dbMonthly(s spec.Spec, class string, shards, replicas int) *decimal.Decimal {
	primary := r.quote(spec.Nodes{Layer: spec.LayerDatabase, Region: s.Region, Type: class, Engine: s.Database.Engine, MultiAZ: s.Database.MultiAZ, Count: shards})
	if primary == nil || replicas == 0 {
		return primary
	}
	reps := r.quote(spec.Nodes{Layer: spec.LayerDatabase, Region: s.Region, Type: class, Engine: s.Database.Engine, Count: shards * replicas})
	if reps == nil {
		return nil
	}
	sum := primary.Add(*reps)
	return &sum
}

func computeNodes(s spec.Spec, typ string, count int) spec.Nodes {
	return spec.Nodes{Layer: spec.LayerCompute, Region: s.Region, Type: typ, Count: count}
}

func cacheNodes(s spec.Spec, typ string, count int) spec.Nodes {
	return spec.Nodes{Layer: spec.LayerCache, Region: s.Region, Type: typ, Engine: s.Cache.Engine, Count: count}
}

func rightsizeCompute(s spec.Spec, t traffic, r resolved, h float64, rep *Report) (Recommendation, error) {
	x := Recommendation{Layer: "compute", CurrentType: s.Compute.InstanceType, CurrentCount: s.Compute.DesiredCapacity}
	cur, ok := spec.LookupInstance(spec.EC2Types(), s.Compute.InstanceType)
	if !ok {
		return x, fmt.Errorf("compute.instance_type: %s is not in the instance table", inputfile.Excerpt(s.Compute.InstanceType))
	}
	floor := 1
	if s.Database.MultiAZ {
		floor = max(2, s.Network.AZCount)
	}
	perInst := func(i spec.Instance) float64 { return float64(i.VCPU) * r.model.RPSPerVCPU[i.Family] * i.Baseline }
	// An ASG is held at its target-tracking utilisation, so the fleet
	// needs at least that much room: fewer instances would only be scaled
	// back out. The larger of that and the right-sizing headroom applies.
	room := max(h, 1/r.target-1)
	fitsCPU := func(i spec.Instance, n int) bool {
		return float64(n)*perInst(i) > 0 && t.originPeak*(1+room) <= float64(n)*perInst(i)
	}
	fitsWait := func(i spec.Instance, n int) bool {
		return P95WaitSeconds(n*i.VCPU, t.originPeak, r.model.RPSPerVCPU[i.Family]) <= r.p95
	}
	fits := func(i spec.Instance, n int) bool { return fitsCPU(i, n) && fitsWait(i, n) }
	// need is the fewest instances of a type that carry the peak.
	need := func(i spec.Instance) int {
		n := max(floor, ceilPos(t.originPeak*(1+room)/perInst(i)))
		for n < 100000 && !fits(i, n) {
			n++
		}
		return n
	}
	if p := perInst(cur); p > 0 {
		x.CurrentPeakUtilization = round4(t.originPeak / (float64(x.CurrentCount) * p))
	}
	x.CurrentMonthly = r.quote(computeNodes(s, cur.Type, x.CurrentCount))
	arch := archFor(r.Family)
	var best *decimal.Decimal
	bestCap := 0.0
	for _, i := range spec.EC2Types() {
		if arch != "" && i.Arch != arch {
			continue
		}
		if !r.allowed(s.Tier, i) || perInst(i) <= 0 {
			continue // the sizing rule: no credit-based CPU from 100k
		}
		n := need(i)
		cost := r.quote(computeNodes(s, i.Type, n))
		if cost == nil {
			rep.Skipped = append(rep.Skipped, Skipped{"compute", i.Type, "no price in the catalog for " + s.Region})
			continue
		}
		capRPS := float64(n) * perInst(i)
		if best == nil || better(*cost, *best, capRPS, bestCap, i.Type, x.RecommendedType) {
			best, bestCap = cost, capRPS
			x.RecommendedType, x.RecommendedCount, x.RecommendedMonthly = i.Type, n, cost
			x.RecommendedPeakUtilization = round4(t.originPeak / capRPS)
		}
	}
	if best == nil {
		return x, errors.New("rightsize: no compute candidate has a catalog price")
	}
	currentFits := x.CurrentCount >= floor && fits(cur, x.CurrentCount)
	outside := arch != "" && cur.Arch != arch
	rec, recCount, recMonthly, recUtil := x.RecommendedType, x.RecommendedCount, x.RecommendedMonthly, x.RecommendedPeakUtilization
	if !currentFits && !outside {
		// The smallest change that fits: more of the same type.
		n := need(cur)
		rec, recCount, recMonthly = cur.Type, n, r.quote(computeNodes(s, cur.Type, n))
		recUtil = round4(t.originPeak / (float64(n) * perInst(cur)))
		x.RecommendedType, x.RecommendedCount, x.RecommendedMonthly, x.RecommendedPeakUtilization = rec, recCount, recMonthly, recUtil
	}
	finish(&x, currentFits)
	if outside && x.Finding != UnderProvisioned {
		// The family asked for: never kept as "Optimized" outside it.
		x.RecommendedType, x.RecommendedCount, x.RecommendedMonthly, x.RecommendedPeakUtilization = rec, recCount, recMonthly, recUtil
		x.PerformanceRisk = Risk(recUtil)
		x.setMoney()
		x.Finding = OverProvisioned
		if x.MonthlySaving == nil || !x.MonthlySaving.IsPositive() {
			x.Finding = FamilySwitch
		}
		x.Note = "the current type is outside the family asked for"
	}
	// Why: the constraint that sets the count of the type recommended.
	ri, _ := spec.LookupInstance(spec.EC2Types(), x.RecommendedType)
	cpuN := ceilPos(t.originPeak * (1 + room) / perInst(ri))
	switch {
	case !currentFits && x.CurrentCount < floor:
		x.Reason = fmt.Sprintf("below the HA floor: the tier keeps at least %d instances (N+1, one per AZ)", floor)
	case !currentFits:
		x.Reason = fmt.Sprintf("origin peak %.1f req/s needs %d x %s to stay at %.0f %% CPU with a p95 wait under %.0f ms", t.originPeak, x.RecommendedCount, ri.Type, r.target*100, r.p95*1000)
	case x.RecommendedCount == floor && cpuN < floor:
		x.Reason = fmt.Sprintf("the HA floor: N+1 across %d AZs keeps %d instances although the peak uses %.0f %% of them", s.Network.AZCount, floor, x.RecommendedPeakUtilization*100)
	case ri.Burstable():
		x.Reason = fmt.Sprintf("burst baseline: a %s sustains %.0f %% of its vCPU, so %d carry the peak at %.0f %% of that", ri.Type, ri.Baseline*100, x.RecommendedCount, r.target*100)
	case x.RecommendedCount > cpuN:
		x.Reason = fmt.Sprintf("the latency target: %d instances keep the p95 queueing wait under %.0f ms", x.RecommendedCount, r.p95*1000)
	default:
		x.Reason = fmt.Sprintf("target tracking at %.0f %% CPU: %d x %s carry the %.1f req/s peak with that room", r.target*100, x.RecommendedCount, ri.Type, t.originPeak)
	}
	return x, nil
}

func rightsizeDatabase(s spec.Spec, w spec.Workload, t traffic, r resolved, h float64, rep *Report) (Recommendation, error) {
	shards := max(1, s.Database.Shards)
	replicas := s.Database.ReadReplicas
	x := Recommendation{Layer: "database", CurrentType: s.Database.InstanceClass, CurrentCount: shards * (1 + replicas)}
	cur, ok := spec.LookupInstance(spec.RDSClasses(), s.Database.InstanceClass)
	if !ok {
		return x, fmt.Errorf("database.instance_class: %s is not in the instance table", inputfile.Excerpt(s.Database.InstanceClass))
	}
	dd := dbDemandFor(s, w, t, r.model, shards, surgeFleet(s, t, r))
	util := func(c spec.Instance) (float64, dbUse) {
		u := dbUsage(c, dd, replicas, r.target, h, r.model)
		// Peak utilisation: the busiest resource, as a share of full
		// capacity (CPU) or of the resource (memory, connections, storage).
		return max(u.cpu*r.target, u.mem/(1+h), u.conns, u.storage), u
	}
	cu, curUse := util(cur)
	x.CurrentPeakUtilization = round4(cu)
	x.CurrentMonthly = r.dbMonthly(s, cur.Type, shards, replicas)
	var first *spec.Instance
	var best *decimal.Decimal
	bestCap := 0.0
	for _, c := range r.dbLadder(s.Tier) {
		u, use := util(c)
		if !use.fits() {
			continue
		}
		if first == nil {
			cc := c
			first = &cc
		}
		m := r.dbMonthly(s, c.Type, shards, replicas)
		if m == nil {
			rep.Skipped = append(rep.Skipped, Skipped{"database", c.Type, "no " + s.Database.Engine + " price in the catalog for " + s.Region})
			continue
		}
		capUnits := float64(c.VCPU) * c.Baseline
		if best == nil || better(*m, *best, capUnits, bestCap, c.Type, x.RecommendedType) {
			best, bestCap = m, capUnits
			x.RecommendedType, x.RecommendedCount, x.RecommendedMonthly = c.Type, x.CurrentCount, m
			x.RecommendedPeakUtilization = round4(u)
		}
	}
	currentFits := curUse.fits()
	if first == nil {
		x.RecommendedType, x.RecommendedCount = cur.Type, x.CurrentCount
		x.RecommendedMonthly, x.RecommendedPeakUtilization = x.CurrentMonthly, x.CurrentPeakUtilization
		finish(&x, false)
		x.MonthlySaving, x.MonthlyIncrease = nil, nil
		x.Reason = fmt.Sprintf("no class of the %s tier carries the load with these replicas and shards (%s)", s.Tier, dbBinding(curUse))
		x.Note = "see the next action: more replicas, shards or the next tier"
		return x, nil
	}
	if !currentFits {
		// The smallest change that fits: the first class up the ladder.
		u, _ := util(*first)
		x.RecommendedType, x.RecommendedMonthly = first.Type, r.dbMonthly(s, first.Type, shards, replicas)
		x.RecommendedPeakUtilization = round4(u)
	}
	finish(&x, currentFits)
	rc, _ := spec.LookupInstance(spec.RDSClasses(), x.RecommendedType)
	_, ru := util(rc)
	x.Reason = dbBinding(ru) + fmt.Sprintf(" on %s", rc.Type)
	if rc.Burstable() {
		x.Reason += fmt.Sprintf("; burst baseline %.0f %% of its vCPU", rc.Baseline*100)
	}
	if !currentFits {
		x.Reason = "the current class is past its threshold: " + dbBinding(curUse) + "; the first class up that fits: " + x.Reason
	}
	return x, nil
}

// dbBinding names the resource that binds a class's use, with its share.
func dbBinding(u dbUse) string {
	name, v := "CPU at the target utilisation", u.cpu
	for _, c := range []struct {
		n string
		v float64
	}{{"memory for the working set share the cache does not hold", u.mem}, {"connections", u.conns}, {"storage", u.storage}} {
		if c.v > v {
			name, v = c.n, c.v
		}
	}
	return fmt.Sprintf("%s binds (%.0f %% of its threshold)", name, v*100)
}

func rightsizeCache(s spec.Spec, w spec.Workload, t traffic, r resolved, h float64, rep *Report) (Recommendation, error) {
	replicas := s.Cache.ReplicasPerShard
	x := Recommendation{Layer: "cache", CurrentType: s.Cache.NodeType, CurrentCount: s.Cache.Shards * (1 + replicas)}
	cur, ok := spec.LookupInstance(spec.CacheNodeTypes(), s.Cache.NodeType)
	if !ok {
		return x, fmt.Errorf("cache.node_type: %s is not in the instance table", inputfile.Excerpt(s.Cache.NodeType))
	}
	cd := cacheDemandFor(w, t, r.model)
	util := func(n spec.Instance, shards int) (float64, cacheUse) {
		u := cacheUsage(n, cd, shards, r.target, h, r.model)
		return max(u.mem/(1+h), u.ops*r.target), u
	}
	cu, curUse := util(cur, s.Cache.Shards)
	x.CurrentPeakUtilization = round4(cu)
	x.CurrentMonthly = r.quote(cacheNodes(s, cur.Type, x.CurrentCount))
	maxShards := 1
	if s.Cache.ClusterMode {
		maxShards = r.model.MaxCacheShards
	}
	var best *decimal.Decimal
	bestCap := 0.0
	firstType, firstShards := "", 0
	for _, n := range r.cacheLadder(s.Tier) {
		shards := cd.shardsFor(n, r.target, h, r.model)
		if shards > maxShards {
			continue
		}
		if firstType == "" {
			firstType, firstShards = n.Type, shards
		}
		count := shards * (1 + replicas)
		cost := r.quote(cacheNodes(s, n.Type, count))
		if cost == nil {
			rep.Skipped = append(rep.Skipped, Skipped{"cache", n.Type, "no " + s.Cache.Engine + " price in the catalog for " + s.Region})
			continue
		}
		u, _ := util(n, shards)
		capGB := float64(shards) * UsableMemoryGB(n, r.model.CacheReservedMemory)
		if best == nil || better(*cost, *best, capGB, bestCap, n.Type, x.RecommendedType) {
			best, bestCap = cost, capGB
			x.RecommendedType, x.RecommendedCount, x.RecommendedMonthly = n.Type, count, cost
			x.RecommendedPeakUtilization = round4(u)
		}
	}
	currentFits := curUse.mem <= 1 && curUse.ops <= 1
	reason := func(u cacheUse, typ string) string {
		if u.ops > u.mem {
			return fmt.Sprintf("operations bind: %.0f ops/s at peak use %.0f %% of %s's threshold", cd.ops, u.ops*100, typ)
		}
		return fmt.Sprintf("usable memory binds: %.2f GB working set with overhead in %s nodes with %.0f %% reserved (%.0f %% of the threshold)", cd.needGB, typ, r.model.CacheReservedMemory*100, u.mem*100)
	}
	if firstType == "" {
		x.RecommendedType, x.RecommendedCount = cur.Type, x.CurrentCount
		x.RecommendedMonthly, x.RecommendedPeakUtilization = x.CurrentMonthly, x.CurrentPeakUtilization
		finish(&x, false)
		x.MonthlySaving, x.MonthlyIncrease = nil, nil
		x.Reason = "no node type holds the working set within the tier's shards: " + reason(curUse, cur.Type)
		x.Note = "see the next action: cluster mode or the next tier"
		return x, nil
	}
	if !currentFits {
		// The smallest change that fits: the first type in size order.
		fn, _ := spec.LookupInstance(spec.CacheNodeTypes(), firstType)
		u, _ := util(fn, firstShards)
		x.RecommendedType, x.RecommendedCount = firstType, firstShards*(1+replicas)
		x.RecommendedMonthly, x.RecommendedPeakUtilization = r.quote(cacheNodes(s, firstType, x.RecommendedCount)), round4(u)
	}
	finish(&x, currentFits)
	rn, _ := spec.LookupInstance(spec.CacheNodeTypes(), x.RecommendedType)
	_, ru := util(rn, max(1, x.RecommendedCount/(1+replicas)))
	x.Reason = reason(ru, rn.Type)
	if !currentFits {
		x.Reason = "the current nodes are past their threshold: " + reason(curUse, cur.Type) + "; the smallest change that fits: " + x.Reason
	}
	return x, nil
}
