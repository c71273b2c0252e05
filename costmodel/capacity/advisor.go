package capacity

import (
	"fmt"
	"math"
	"strings"

	"github.com/shopspring/decimal"
	"github.com/tiercost/tiercost/components/spec"
	"github.com/tiercost/tiercost/costmodel/money"
)

// Finding severities, most urgent first.
const (
	SeverityHigh   = "high"
	SeverityMedium = "medium"
	SeverityLow    = "low"
	SeverityInfo   = "info"
)

// Rule ids. Each rule cites the sentence of
// shared/seed/scaling-1k-to-1m-users.txt it applies.
const (
	RuleCaching       = "SCALE-CACHE-5K-20K"
	RuleObservability = "SCALE-OBSERVE-50K"
	RuleDatabase      = "SCALE-DB-REPLICAS"
	Rule1M            = "SCALE-1M-ESSENTIALS"
	RuleNoSPOF        = "SCALE-NO-SPOF-100K"
	RuleSimplicity    = "SCALE-SIMPLE-1K"
	RuleCapacity      = "SCALE-CAPACITY"
	RuleNextTier      = "SCALE-NEXT-TIER"
	RuleCostCrossover = "SCALE-COST-CROSSOVER"
	RuleInput         = "INPUT"
)

// Sources quoted by the rules.
const (
	srcFAQ6       = `FAQ 6: "Caching should be introduced as soon as repeated data access patterns are identified—typically between 5K to 20K users."`
	srcFAQ7       = `FAQ 7: "Observability becomes critical beyond 50K users."`
	srcFAQ3       = `FAQ 3: "Database performance is typically the first major bottleneck."`
	src1M         = `"Designing for 1M Users": "Load balancers, CDNs, and caching layers are no longer optional—they are essential." and "A single database instance becomes insufficient."`
	srcSPOF       = `Introduction: "By 100,000 users, that same system starts exposing architectural shortcuts. At 1 million users, those shortcuts turn into systemic failures—performance degradation, rising infrastructure costs, and unpredictable outages."`
	srcSimplicity = `"The Comfort Zone at 1K Users": "At a low scale, simplicity wins." FAQ 2: "Premature microservices adoption can increase operational complexity without delivering proportional value."`
	srcFAQ1       = `FAQ 1: "Waiting until performance issues appear at 10K+ users forces reactive decisions, which are often more expensive and less effective than incremental, proactive improvements."`
	srcInflection = `"What This Means for Leadership Teams": "Scaling from 1K to 1M users is not a linear journey. It is a series of inflection points where previous decisions either enable growth or constrain it."`
	srcFAQ9       = `FAQ 9: "Cost control comes from architectural efficiency rather than just budget monitoring."`
)

// Finding is one piece of scaling advice.
type Finding struct {
	RuleID   string `json:"ruleId"`
	Severity string `json:"severity"`
	Title    string `json:"title"`
	Detail   string `json:"detail"`
	Source   string `json:"source"`
	// Saving is a monthly saving at catalog prices, when the advice has one.
	Saving *decimal.Decimal `json:"saving,omitempty"`
}

// Capacity is how far a spec carries the workload's per-user load.
type Capacity struct {
	// Users is the user count at which the first layer reaches the target
	// utilisation (or memory); +Inf when nothing limits.
	Users float64 `json:"users"`
	// Bottleneck names that layer.
	Bottleneck string `json:"bottleneck"`
}

// SpecCapacity is the user count at which a spec runs out, assuming the
// per-user load (requests, queries, hot data) stays as in w. ceiling=true
// asks for the tier architecture's limit instead: the largest DB class with
// up to 15 replicas where the tier has replicas, 500 shards of the largest
// cache node; the ASG is elastic and does not limit a tier.
func SpecCapacity(s spec.Spec, w spec.Workload, o Options, ceiling bool) (Capacity, error) {
	if err := ValidateWorkload(w); err != nil {
		return Capacity{}, err
	}
	r, err := resolve(o)
	if err != nil {
		return Capacity{}, err
	}
	t := deriveTraffic(s, w)
	mau := w.MonthlyActiveUsers
	best := Capacity{Users: math.Inf(1)}
	limit := func(name string, capacity, load float64) {
		if load <= 0 {
			return
		}
		if u := mau * capacity / load; u < best.Users {
			best = Capacity{Users: u, Bottleneck: name}
		}
	}
	if !ceiling {
		inst, ok := spec.LookupInstance(spec.EC2Types(), s.Compute.InstanceType)
		if !ok {
			return Capacity{}, fmt.Errorf("compute.instance_type: %q is not in the capacity model's table", s.Compute.InstanceType)
		}
		perInst := float64(inst.VCPU) * r.model.RPSPerVCPU[inst.Family] * inst.Baseline
		limit(fmt.Sprintf("compute (%d x %s at %.0f %%)", s.Compute.MaxSize, inst.Type, r.target*100), float64(s.Compute.MaxSize)*perInst*r.target, t.originPeak)
	}
	class, replicas := s.Database.InstanceClass, s.Database.ReadReplicas
	if ceiling {
		classes := spec.RDSClasses()
		class = classes[len(classes)-1].Type
		if s.Database.ReadReplicas > 0 || s.Database.Shards > 1 {
			replicas = 15
		}
	}
	db, ok := spec.LookupInstance(spec.RDSClasses(), class)
	if !ok {
		return Capacity{}, fmt.Errorf("database.instance_class: %q is not in the capacity model's table", class)
	}
	dd := dbLoad(s, w, t, r.model)
	capUnits := float64(db.VCPU) * db.Baseline * r.target
	if replicas > 0 {
		limit(fmt.Sprintf("database writes (%s primary)", db.Type), capUnits, dd.writeUnits)
		limit(fmt.Sprintf("database reads (%d x %s replicas)", replicas, db.Type), float64(replicas)*capUnits, dd.readUnits)
	} else {
		limit(fmt.Sprintf("database (single %s primary)", db.Type), capUnits, dd.writeUnits+dd.readUnits)
	}
	limit(fmt.Sprintf("database memory (%s)", db.Type), db.MemoryGB(), dd.memGB)
	if s.Cache.Enabled {
		need := CacheMemoryGB(w.HotWorkingSetGB, r.model.CacheOverhead)
		node, shards := s.Cache.NodeType, s.Cache.Shards
		if ceiling {
			// Size turns cluster mode on when one node is not enough, so the
			// cache limits a tier only at 500 shards of the largest node.
			nodes := spec.CacheNodeTypes()
			node, shards = nodes[len(nodes)-1].Type, 500
		}
		n, ok := spec.LookupInstance(spec.CacheNodeTypes(), node)
		if !ok {
			return Capacity{}, fmt.Errorf("cache.node_type: %q is not in the capacity model's table", node)
		}
		limit(fmt.Sprintf("cache memory (%d x %s)", shards, n.Type), float64(shards)*n.MemoryGB(), need)
	}
	return best, nil
}

// Advise applies the scaling rules to a spec under a workload. Bad input
// comes back as one INPUT finding, since advice has no error path.
func Advise(s spec.Spec, w spec.Workload, o Options) []Finding {
	var out []Finding
	if err := ValidateWorkload(w); err != nil {
		return []Finding{{RuleID: RuleInput, Severity: SeverityHigh, Title: "workload is not valid", Detail: err.Error()}}
	}
	r, err := resolve(o)
	if err != nil {
		return []Finding{{RuleID: RuleInput, Severity: SeverityHigh, Title: "options are not valid", Detail: err.Error()}}
	}
	if o.Region != "" {
		s.Region = o.Region
	}
	users := w.MonthlyActiveUsers
	tier := s.Tier
	if tier == "" {
		tier = spec.TierFor(users)
	}
	add := func(f Finding) { out = append(out, f) }
	t := deriveTraffic(s, w)

	// FAQ 6: caching by 5k-20k users.
	if users >= 5000 && !s.Cache.Enabled {
		sev := SeverityMedium
		if users >= 20000 {
			sev = SeverityHigh
		}
		add(Finding{RuleID: RuleCaching, Severity: sev, Title: "introduce an application cache",
			Detail: fmt.Sprintf("%.0f users and no cache: every read (%.1f/s at peak) reaches the database; a cache with an 80 %% hit ratio would leave %.1f/s.",
				users, t.reads, t.reads*0.2),
			Source: srcFAQ6})
	}

	// FAQ 7: observability beyond 50k.
	if users > 50000 {
		var missing []string
		if !s.Observability.Alarms {
			missing = append(missing, "alarms")
		}
		if users >= 316228 && !s.Observability.Dashboard {
			missing = append(missing, "a dashboard")
		}
		if len(missing) > 0 {
			sev := SeverityMedium
			if !s.Observability.Alarms {
				sev = SeverityHigh
			}
			add(Finding{RuleID: RuleObservability, Severity: sev, Title: "add " + strings.Join(missing, " and "),
				Detail: fmt.Sprintf("%.0f users without %s: incidents are found by users, not by the team.", users, strings.Join(missing, " or ")),
				Source: srcFAQ7})
		}
	}

	// FAQ 3: the database is the first bottleneck from 10k.
	if users >= 10000 {
		if db, ok := spec.LookupInstance(spec.RDSClasses(), s.Database.InstanceClass); ok {
			dd := dbLoad(s, w, t, r.model)
			// CPU is judged against the target utilisation; memory only
			// when the working set no longer fits the buffer share.
			util := dbCPUUtil(db, dd, s.Database.ReadReplicas)
			if mem := dd.memGB / db.MemoryGB(); mem > 1 {
				util = max(util, mem)
			}
			if util > r.target {
				f := Finding{RuleID: RuleDatabase, Severity: SeverityHigh, Source: srcFAQ3}
				if s.Database.ReadReplicas == 0 {
					f.Title = "add read replicas"
					f.Detail = fmt.Sprintf("the single %s primary runs at %.0f %% of its sustained capacity at peak (target %.0f %%); move reads to replicas", db.Type, util*100, r.target*100)
					if def, err := spec.DefaultSpec(tier); err == nil && def.Database.ReadReplicas == 0 && def.Database.Shards <= 1 {
						f.Detail += fmt.Sprintf(": the %s tier has no replicas, so move to the next tier", tier)
					}
				} else {
					f.Title = "the database is saturated"
					f.Detail = fmt.Sprintf("%s with %d replicas runs at %.0f %% at peak (target %.0f %%): add replicas or a larger class", db.Type, s.Database.ReadReplicas, util*100, r.target*100)
				}
				add(f)
			}
		}
	}

	// Designing for 1M users: LB, CDN and cache essential; data distributed.
	if users >= 316228 {
		var missing []string
		if !s.CDN.Enabled {
			missing = append(missing, "a CDN")
		}
		if !s.Cache.Enabled {
			missing = append(missing, "a cache")
		}
		if s.Database.Shards < 2 && s.Database.ReadReplicas == 0 {
			missing = append(missing, "distributed data (read replicas or shards)")
		}
		if len(missing) > 0 {
			add(Finding{RuleID: Rule1M, Severity: SeverityHigh, Title: "1M-user essentials missing",
				Detail: fmt.Sprintf("%.0f users without %s.", users, strings.Join(missing, ", ")), Source: src1M})
		}
	}

	// No single point of failure from 100k.
	if tier == "100k" || tier == "1m" || users >= 31623 {
		var spof []string
		if !s.Database.MultiAZ {
			spof = append(spof, "the database is Single-AZ")
		}
		if s.Network.NATMode == spec.NATSingle {
			spof = append(spof, "one NAT gateway serves every AZ")
		}
		if s.Compute.MinSize < 2 {
			spof = append(spof, fmt.Sprintf("the ASG may shrink to %d instance", s.Compute.MinSize))
		}
		if s.Cache.Enabled && s.Cache.ReplicasPerShard == 0 {
			spof = append(spof, "cache shards have no replica")
		}
		if len(spof) > 0 {
			add(Finding{RuleID: RuleNoSPOF, Severity: SeverityHigh, Title: "remove single points of failure",
				Detail: strings.Join(spof, "; ") + ".", Source: srcSPOF})
		}
	}

	// At 1k, simplicity wins: flag premature distribution with its cost.
	if spec.TierFor(users) == "1k" {
		add1k := simplicity(s, r)
		if add1k != nil {
			add(*add1k)
		}
	}

	// Capacity of the spec as it is, then of the tier's architecture.
	if c, err := SpecCapacity(s, w, o, false); err == nil && !math.IsInf(c.Users, 1) {
		sev := SeverityInfo
		switch {
		case c.Users < users:
			sev = SeverityHigh
		case c.Users < 2*users:
			sev = SeverityMedium
		}
		add(Finding{RuleID: RuleCapacity, Severity: sev, Title: fmt.Sprintf("this configuration runs out at about %s users", usersLabel(c.Users)),
			Detail: fmt.Sprintf("first limit: %s, at %.0f %% target utilisation, with today's per-user load.", c.Bottleneck, r.target*100),
			Source: srcFAQ1})
	}
	if c, err := SpecCapacity(s, w, o, true); err == nil && !math.IsInf(c.Users, 1) && tier != "1m" {
		in12 := users * math.Pow(1+w.MonthlyGrowth, 12)
		sev := SeverityInfo
		switch {
		case c.Users < users:
			sev = SeverityHigh
		case c.Users < in12:
			sev = SeverityMedium
		}
		add(Finding{RuleID: RuleNextTier, Severity: sev, Title: fmt.Sprintf("move to the next tier before about %s users", usersLabel(c.Users)),
			Detail: fmt.Sprintf("the %s architecture's limit is %s; at %.0f %% a month you reach %s users in 12 months.", tier, c.Bottleneck, w.MonthlyGrowth*100, usersLabel(in12)),
			Source: srcInflection})
	}
	if o.TierCost != nil {
		if f, ok := costCrossover(tier, users, o.TierCost); ok {
			add(f)
		}
	}
	return out
}

// simplicity prices the distribution a 1k system does not need yet.
func simplicity(s spec.Spec, r resolved) *Finding {
	var what []string
	var quotes []spec.Nodes
	shards := max(1, s.Database.Shards)
	db := func(multiAZ bool, n int) spec.Nodes {
		return spec.Nodes{Layer: spec.LayerDatabase, Region: s.Region, Type: s.Database.InstanceClass, Engine: s.Database.Engine, MultiAZ: multiAZ, Count: n}
	}
	if s.Database.Shards > 1 {
		what = append(what, fmt.Sprintf("%d database shards", s.Database.Shards))
		quotes = append(quotes, db(s.Database.MultiAZ, shards-1), db(false, (shards-1)*s.Database.ReadReplicas))
	}
	if s.Database.ReadReplicas > 0 {
		what = append(what, fmt.Sprintf("%d read replicas", s.Database.ReadReplicas))
		quotes = append(quotes, db(false, s.Database.ReadReplicas))
	}
	if s.Cache.Enabled && (s.Cache.ClusterMode || s.Cache.Shards > 1) {
		what = append(what, fmt.Sprintf("cache cluster mode with %d shards", s.Cache.Shards))
		quotes = append(quotes, cacheNodes(s, s.Cache.NodeType, (s.Cache.Shards-1)*(1+s.Cache.ReplicasPerShard)))
	}
	if s.Network.NATMode == spec.NATPerAZ {
		what = append(what, "a NAT gateway per AZ")
		quotes = append(quotes, spec.Nodes{Layer: spec.LayerNAT, Region: s.Region, Count: s.Network.AZCount - 1})
	}
	if len(what) == 0 {
		return nil
	}
	f := &Finding{RuleID: RuleSimplicity, Severity: SeverityLow, Title: "premature complexity at 1k users",
		Detail: strings.Join(what, ", ") + ": a single primary, one cache node and one NAT gateway carry this load.",
		Source: srcSimplicity}
	saving, priced := decimal.Zero, r.Prices != nil
	for _, q := range quotes {
		if q.Count <= 0 {
			continue
		}
		m := r.quote(q)
		if m == nil {
			priced = false
			break
		}
		saving = saving.Add(*m)
	}
	if priced && saving.IsPositive() {
		f.Saving = &saving
		f.Detail += " Removing them saves " + money.USD(saving) + " a month at catalog prices."
	}
	return f
}

// costCrossover scans user counts from today's to 10x for the first one at
// which the next tier costs no more than the current tier.
func costCrossover(tier string, users float64, cost func(string, float64) (decimal.Decimal, error)) (Finding, bool) {
	next := ""
	for i, t := range spec.Tiers {
		if t == tier && i+1 < len(spec.Tiers) {
			next = spec.Tiers[i+1]
		}
	}
	if next == "" {
		return Finding{}, false
	}
	const steps = 40 // 40 per decade: about 6 % apart
	for i := 0; i <= steps; i++ {
		u := math.Round(users * math.Pow(10, float64(i)/steps))
		cur, err1 := cost(tier, u)
		nxt, err2 := cost(next, u)
		if err1 != nil || err2 != nil {
			return Finding{}, false
		}
		if nxt.LessThanOrEqual(cur) {
			sev := SeverityInfo
			if i == 0 {
				sev = SeverityMedium
			}
			return Finding{RuleID: RuleCostCrossover, Severity: sev,
				Title:  fmt.Sprintf("from about %s users the %s tier costs no more than %s", usersLabel(u), next, tier),
				Detail: fmt.Sprintf("at %.0f users: %s tier %s a month, %s tier %s a month (sized layers).", u, tier, money.USD(cur), next, money.USD(nxt)),
				Source: srcFAQ9}, true
		}
	}
	return Finding{}, false
}

// usersLabel shows a user count as 12.3k or 1.2m.
func usersLabel(u float64) string {
	switch {
	case math.IsInf(u, 1):
		return "unlimited"
	case u >= 1e6:
		return fmt.Sprintf("%.1fm", u/1e6)
	case u >= 1e3:
		return fmt.Sprintf("%.1fk", u/1e3)
	}
	return fmt.Sprintf("%.0f", u)
}
