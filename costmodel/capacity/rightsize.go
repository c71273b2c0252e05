package capacity

import (
	"errors"
	"fmt"

	"github.com/shopspring/decimal"
	"github.com/tiercost/tiercost/components/spec"
)

// Right-sizing findings, as AWS Compute Optimizer names them.
const (
	OverProvisioned  = "Over-provisioned"
	UnderProvisioned = "Under-provisioned"
	Optimized        = "Optimized"
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
	MonthlySaving      *decimal.Decimal `json:"monthlySaving"`
	Note               string           `json:"note,omitempty"`
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

// finish fills finding, risks and saving once both sides are known.
func finish(x *Recommendation, currentFits bool) {
	x.CurrentRisk, x.PerformanceRisk = Risk(x.CurrentPeakUtilization), Risk(x.RecommendedPeakUtilization)
	switch {
	case !currentFits:
		x.Finding = UnderProvisioned
	case x.CurrentMonthly != nil && x.RecommendedMonthly != nil && x.RecommendedMonthly.LessThan(*x.CurrentMonthly):
		x.Finding = OverProvisioned
	default:
		x.Finding = Optimized
	}
	if x.Finding == Optimized && x.CurrentMonthly != nil {
		// The current choice is already the cheapest that fits.
		x.RecommendedType, x.RecommendedCount = x.CurrentType, x.CurrentCount
		x.RecommendedMonthly, x.RecommendedPeakUtilization = x.CurrentMonthly, x.CurrentPeakUtilization
		x.PerformanceRisk = x.CurrentRisk
	}
	if x.CurrentMonthly != nil && x.RecommendedMonthly != nil {
		s := x.CurrentMonthly.Sub(*x.RecommendedMonthly)
		x.MonthlySaving = &s
	}
	if x.CurrentMonthly == nil {
		x.Note = "current price not in the catalog: saving not known; the cheapest priced alternative is shown"
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
		return x, fmt.Errorf("compute.instance_type: %q is not in the capacity model's table", s.Compute.InstanceType)
	}
	floor := 1
	if s.Database.MultiAZ {
		floor = max(2, s.Network.AZCount)
	}
	perInst := func(i spec.Instance) float64 { return float64(i.VCPU) * r.model.RPSPerVCPU[i.Family] * i.Baseline }
	// An ASG is held at its target-tracking utilisation, so the fleet
	// needs at least that much room: fewer instances would only be scaled
	// back out. The larger of that and the right-sizing headroom applies.
	h = max(h, 1/r.target-1)
	fits := func(i spec.Instance, n int) bool {
		capRPS := float64(n) * perInst(i)
		return capRPS > 0 && t.originPeak*(1+h) <= capRPS &&
			P95WaitSeconds(n*i.VCPU, t.originPeak, r.model.RPSPerVCPU[i.Family]) <= r.p95
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
		if !r.allowed(s.Tier, i) {
			continue // the sizing rule: no credit-based CPU from 100k
		}
		if perInst(i) <= 0 {
			continue
		}
		n := max(floor, ceilPos(t.originPeak*(1+h)/perInst(i)))
		for n < 100000 && !fits(i, n) {
			n++
		}
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
	// With a family asked for, the current type outside it is never kept as
	// "Optimized": the recommendation stays in the family asked for, even
	// when it costs more (a negative saving).
	outside := arch != "" && cur.Arch != arch
	rec, recCount, recMonthly, recUtil := x.RecommendedType, x.RecommendedCount, x.RecommendedMonthly, x.RecommendedPeakUtilization
	finish(&x, x.CurrentCount >= floor && fits(cur, x.CurrentCount))
	if outside && x.Finding == Optimized {
		x.RecommendedType, x.RecommendedCount, x.RecommendedMonthly, x.RecommendedPeakUtilization = rec, recCount, recMonthly, recUtil
		x.PerformanceRisk = Risk(recUtil)
		if x.CurrentMonthly != nil && recMonthly != nil {
			s := x.CurrentMonthly.Sub(*recMonthly)
			x.MonthlySaving = &s
		}
		x.Note = "the current type is outside the family asked for"
	}
	return x, nil
}

// dbCPUUtil is the busier of primary and replicas, as a share of their
// sustained CPU, at a per-shard demand.
func dbCPUUtil(c spec.Instance, dd dbDemand, replicas int) float64 {
	capUnits := float64(c.VCPU) * c.Baseline
	primary := dd.writeUnits / capUnits
	if replicas == 0 {
		return primary + dd.readUnits/capUnits
	}
	return max(primary, dd.readUnits/(float64(replicas)*capUnits))
}

// dbUtil is a class's projected peak utilisation for a per-shard demand:
// the busier of primary and replicas, or the memory share if higher.
func dbUtil(c spec.Instance, dd dbDemand, replicas int) float64 {
	capUnits := float64(c.VCPU) * c.Baseline
	primary := dd.writeUnits / capUnits
	readers := 0.0
	if replicas == 0 {
		primary += dd.readUnits / capUnits
	} else {
		readers = dd.readUnits / (float64(replicas) * capUnits)
	}
	return max(primary, readers, dd.memGB/c.MemoryGB())
}

func rightsizeDatabase(s spec.Spec, w spec.Workload, t traffic, r resolved, h float64, rep *Report) (Recommendation, error) {
	shards := max(1, s.Database.Shards)
	replicas := s.Database.ReadReplicas
	x := Recommendation{Layer: "database", CurrentType: s.Database.InstanceClass, CurrentCount: shards * (1 + replicas)}
	cur, ok := spec.LookupInstance(spec.RDSClasses(), s.Database.InstanceClass)
	if !ok {
		return x, fmt.Errorf("database.instance_class: %q is not in the capacity model's table", s.Database.InstanceClass)
	}
	dd := dbLoad(s, w, t, r.model)
	x.CurrentPeakUtilization = round4(dbUtil(cur, dd, replicas))
	x.CurrentMonthly = r.dbMonthly(s, cur.Type, shards, replicas)
	limit := 1 / (1 + h)
	var best *decimal.Decimal
	bestCap := 0.0
	for _, c := range spec.RDSClasses() {
		if !r.allowed(s.Tier, c) {
			continue
		}
		mp := r.dbMonthly(s, c.Type, shards, replicas)
		if mp == nil {
			rep.Skipped = append(rep.Skipped, Skipped{"database", c.Type, "no " + s.Database.Engine + " price in the catalog for " + s.Region})
			continue
		}
		m := *mp
		u := dbUtil(c, dd, replicas)
		if u > limit {
			continue
		}
		capUnits := float64(c.VCPU) * c.Baseline
		if best == nil || better(m, *best, capUnits, bestCap, c.Type, x.RecommendedType) {
			mm := m
			best, bestCap = &mm, capUnits
			x.RecommendedType, x.RecommendedCount, x.RecommendedMonthly = c.Type, x.CurrentCount, &mm
			x.RecommendedPeakUtilization = round4(u)
		}
	}
	if best == nil {
		x.RecommendedType, x.RecommendedCount = cur.Type, x.CurrentCount
		x.RecommendedMonthly, x.RecommendedPeakUtilization = x.CurrentMonthly, x.CurrentPeakUtilization
		finish(&x, false)
		x.Note = "no priced class carries the load with headroom: add replicas or shards (next tier)"
		return x, nil
	}
	finish(&x, x.CurrentPeakUtilization <= limit)
	return x, nil
}

func rightsizeCache(s spec.Spec, w spec.Workload, t traffic, r resolved, h float64, rep *Report) (Recommendation, error) {
	replicas := s.Cache.ReplicasPerShard
	x := Recommendation{Layer: "cache", CurrentType: s.Cache.NodeType, CurrentCount: s.Cache.Shards * (1 + replicas)}
	cur, ok := spec.LookupInstance(spec.CacheNodeTypes(), s.Cache.NodeType)
	if !ok {
		return x, fmt.Errorf("cache.node_type: %q is not in the capacity model's table", s.Cache.NodeType)
	}
	need := CacheMemoryGB(w.HotWorkingSetGB, r.model.CacheOverhead)
	ops := t.originPeak * w.DBQueriesPerRequest
	util := func(n spec.Instance, shards int) float64 {
		mem := need / (float64(shards) * n.MemoryGB())
		cpu := ops / (float64(shards) * float64(n.VCPU) * n.Baseline * r.model.CacheOpsPerVCPU)
		return max(mem, cpu)
	}
	x.CurrentPeakUtilization = round4(util(cur, s.Cache.Shards))
	x.CurrentMonthly = r.quote(cacheNodes(s, cur.Type, x.CurrentCount))
	limit := 1 / (1 + h)
	var best *decimal.Decimal
	bestCap := 0.0
	for _, n := range spec.CacheNodeTypes() {
		if !r.allowed(s.Tier, n) {
			continue
		}
		shards := 1
		if s.Cache.ClusterMode {
			// Enough shards for the working set with headroom.
			shards = max(1, ceilPos(util(n, 1)*(1+h)))
		}
		u := util(n, shards)
		if u > limit || shards > 500 {
			continue
		}
		count := shards * (1 + replicas)
		cost := r.quote(cacheNodes(s, n.Type, count))
		if cost == nil {
			rep.Skipped = append(rep.Skipped, Skipped{"cache", n.Type, "no " + s.Cache.Engine + " price in the catalog for " + s.Region})
			continue
		}
		capGB := float64(shards) * n.MemoryGB()
		if best == nil || better(*cost, *best, capGB, bestCap, n.Type, x.RecommendedType) {
			best, bestCap = cost, capGB
			x.RecommendedType, x.RecommendedCount, x.RecommendedMonthly = n.Type, count, cost
			x.RecommendedPeakUtilization = round4(u)
		}
	}
	if best == nil {
		x.RecommendedType, x.RecommendedCount = cur.Type, x.CurrentCount
		x.RecommendedMonthly, x.RecommendedPeakUtilization = x.CurrentMonthly, x.CurrentPeakUtilization
		finish(&x, false)
		x.Note = "no priced node type holds the working set with headroom: enable cluster mode"
		return x, nil
	}
	finish(&x, x.CurrentPeakUtilization <= limit)
	return x, nil
}
