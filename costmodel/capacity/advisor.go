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
	RuleNextAction    = "SCALE-NEXT-ACTION"
	RuleCostCrossover = "SCALE-COST-CROSSOVER"
	RuleOverload      = "SCALE-OVERLOAD"
	RuleFixedCost     = "COST-FIXED-SHARE"
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
	// Amount is the monthly cost the finding is about (the NAT gateways'
	// share of the bill), when it names one; reports rank findings by it.
	Amount *decimal.Decimal `json:"amount,omitempty"`
}

// NextStep is the next action with the whole architecture's monthly cost
// just before and just after it (nil when not priced).
type NextStep struct {
	Action
	CostBefore *decimal.Decimal `json:"costBefore,omitempty"`
	CostAfter  *decimal.Decimal `json:"costAfter,omitempty"`
	// Incomplete is true when either cost lacks a price (a lower bound);
	// UnpricedBefore and UnpricedAfter count what each leaves out.
	Incomplete     bool `json:"incomplete,omitempty"`
	UnpricedBefore int  `json:"itemsNotPricedBefore,omitempty"`
	UnpricedAfter  int  `json:"itemsNotPricedAfter,omitempty"`
}

// CostWords says the whole architecture's cost just before and just
// after the step, each with its lower-bound mark (money.Total.Cell:
// "price not found" when nothing is priced), and the change in brackets:
// "(+$239.44)", or "(lower bounds: some prices not found)" when either
// side leaves items out, since the change then is no bound. ok is false
// when the costs are not known.
func (n NextStep) CostWords() (before, after, change string, ok bool) {
	if n.CostBefore == nil || n.CostAfter == nil {
		return "", "", "", false
	}
	b := money.Total{Amount: *n.CostBefore, Unpriced: n.UnpricedBefore}
	a := money.Total{Amount: *n.CostAfter, Unpriced: n.UnpricedAfter}
	if b.LowerBound() || a.LowerBound() || n.Incomplete {
		return b.Cell(), a.Cell(), "(lower bounds: some prices not found)", true
	}
	return b.Cell(), a.Cell(), "(" + money.Signed(n.CostAfter.Sub(*n.CostBefore)) + ")", true
}

// Bill is the estimate's fixed costs that small tiers carry out of
// proportion: NAT gateways (hours, data and their addresses), public IPv4
// addresses, the load balancer.
type Bill struct {
	Total         decimal.Decimal
	NAT           decimal.Decimal
	NATGateways   int
	IPv4          decimal.Decimal
	IPv4Addresses int
	LoadBalancer  decimal.Decimal
	// SingleNAT is what one NAT gateway (hours) costs, for the per-AZ
	// alternative; nil when not priced.
	SingleNAT *decimal.Decimal
}

// Input is what the advisor reads beyond the spec and the workload: the
// limits, the next action (with its costs) and the bill.
type Input struct {
	Limits Limits
	Next   NextStep
	// Bill is nil when the estimate has no breakdown to read.
	Bill *Bill
}

// Advise applies the scaling rules to a spec under a workload. Each
// finding states its evidence (the numbers that triggered it) and then
// the article's rule it follows. Bad input comes back as one INPUT
// finding, since advice has no error path.
func Advise(s spec.Spec, w spec.Workload, o Options, in Input) []Finding {
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
	add := func(f Finding) { out = append(out, f) }
	t := deriveTraffic(s, w)

	// Overload: a layer past its full capacity at peak.
	for _, l := range in.Limits.Overloaded() {
		src := srcFAQ1
		if l.Layer == LayerDatabase {
			src = srcFAQ3
		}
		add(Finding{RuleID: RuleOverload, Severity: SeverityHigh,
			Title:  fmt.Sprintf("OVERLOADED: %s %s at %.0f %% of capacity at peak", l.Layer, l.Resource, l.Load*100),
			Detail: fmt.Sprintf("%s (%s).", l.Evidence, l.Sizes), Source: src})
	}

	// FAQ 6: caching by 5k-20k users.
	if users >= 5000 && !s.Cache.Enabled {
		sev := SeverityMedium
		if users >= 20000 {
			sev = SeverityHigh
		}
		add(Finding{RuleID: RuleCaching, Severity: sev, Title: "introduce an application cache",
			Detail: fmt.Sprintf("%s users and no cache: every read (%.1f/s at peak) reaches the database; a cache with an 80 %% hit ratio would leave %.1f/s.",
				usersLabel(users), t.reads, t.reads*0.2),
			Source: srcFAQ6})
	}

	// FAQ 7: observability beyond 50k.
	if users > 50000 {
		var missing []string
		if !s.Observability.Alarms {
			missing = append(missing, "alarms")
		}
		if s.Tier == "1m" && !s.Observability.Dashboard {
			missing = append(missing, "a dashboard")
		}
		if len(missing) > 0 {
			sev := SeverityMedium
			if !s.Observability.Alarms {
				sev = SeverityHigh
			}
			add(Finding{RuleID: RuleObservability, Severity: sev, Title: "add " + strings.Join(missing, " and "),
				Detail: fmt.Sprintf("%s users without %s: incidents are found by users, not by the team.", usersLabel(users), strings.Join(missing, " or ")),
				Source: srcFAQ7})
		}
	}

	// FAQ 3: the database past its target at the current sizes.
	{
		for _, l := range in.Limits.Current {
			if l.Layer != LayerDatabase || l.Use <= 1 || l.Load > 1 {
				continue
			}
			add(Finding{RuleID: RuleDatabase, Severity: SeverityHigh,
				Title:  fmt.Sprintf("the database's %s is past its target", l.Resource),
				Detail: fmt.Sprintf("%s: %.0f %% of the planning threshold (%s).", l.Evidence, l.Use*100, l.Sizes),
				Source: srcFAQ3})
			break
		}
	}

	// Designing for 1M users: LB, CDN and cache essential; data distributed.
	if s.Tier == "1m" {
		var missing []string
		if !s.CDN.Enabled {
			missing = append(missing, "a CDN")
		}
		if !s.Cache.Enabled {
			missing = append(missing, "a cache")
		}
		if !s.Database.Sharded && s.Database.ReadReplicas == 0 {
			missing = append(missing, "distributed data (read replicas or shards)")
		}
		if len(missing) > 0 {
			add(Finding{RuleID: Rule1M, Severity: SeverityHigh, Title: "1M-user essentials missing",
				Detail: fmt.Sprintf("%s users on the 1m architecture without %s.", usersLabel(users), strings.Join(missing, ", ")), Source: src1M})
		}
	}

	// No single point of failure in the tiers that promise it.
	if s.Tier == "100k" || s.Tier == "1m" {
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
	if s.Tier == "1k" {
		if f := simplicity(s, r); f != nil {
			add(*f)
		}
	}

	// The next action: one answer to "when do we outgrow this".
	if f, ok := nextActionFinding(s, w, in.Next); ok {
		add(f)
	}
	if f, ok := crossoverFinding(s, in.Next); ok {
		add(f)
	}
	if in.Bill != nil {
		out = append(out, billFindings(s, *in.Bill)...)
	}
	return out
}

// nextActionFinding phrases the next action with its evidence and costs.
func nextActionFinding(s spec.Spec, w spec.Workload, n NextStep) (Finding, bool) {
	if n.Kind == "" || n.Kind == ActionNone {
		return Finding{}, false
	}
	users := w.MonthlyActiveUsers
	in12 := users * math.Pow(1+w.MonthlyGrowth, 12)
	sev := SeverityInfo
	switch {
	case n.Now:
		sev = SeverityHigh
	case n.Users < in12:
		sev = SeverityMedium
	}
	when := "at about " + usersLabel(n.Users) + " users"
	if n.Now {
		when = "now (the limit is about " + usersLabel(n.Users) + " users)"
	}
	sizes := n.Limit.Sizes
	if n.Limit.Ceiling {
		// Name what the estimate runs, not the class it could grow to.
		sizes = "at the largest sizes the " + s.Tier + " architecture allows"
	}
	f := Finding{RuleID: RuleNextAction, Severity: sev, Title: when + ", " + n.Do,
		Detail: fmt.Sprintf("Limit: %s %s (%s): %s.", n.Limit.Layer, n.Limit.Resource, sizes, n.Limit.Evidence),
		Source: srcInflection}
	if n.Limit.Article {
		f.Detail = fmt.Sprintf("The %s architecture has no %s, which the article asks for by %s users.", s.Tier, n.Limit.Resource, usersLabel(n.Limit.Users))
		f.Source = n.Limit.Evidence
	}
	if !n.Now {
		f.Detail += fmt.Sprintf(" At %.0f %% a month, %s users become %s in 12 months.", w.MonthlyGrowth*100, usersLabel(users), usersLabel(in12))
	}
	if before, after, change, ok := n.CostWords(); ok {
		f.Detail += fmt.Sprintf(" Whole architecture at %s users: %s a month before, %s after %s.", usersLabel(n.Users), before, after, change)
	}
	return f, true
}

// crossoverFinding says when moving to the next tier costs no more than
// staying, comparing whole-architecture totals at the next action.
func crossoverFinding(s spec.Spec, n NextStep) (Finding, bool) {
	if n.Kind != ActionMoveTier || n.CostBefore == nil || n.CostAfter == nil || n.CostAfter.GreaterThan(*n.CostBefore) {
		return Finding{}, false
	}
	return Finding{RuleID: RuleCostCrossover, Severity: SeverityMedium,
		Title: fmt.Sprintf("the %s tier costs no more than %s at %s users", n.ToTier, s.Tier, usersLabel(n.Users)),
		Detail: fmt.Sprintf("Whole architecture at %s users: %s tier %s a month, %s tier %s a month; the move costs nothing extra.",
			usersLabel(n.Users), s.Tier, money.USD(*n.CostBefore), n.ToTier, money.USD(*n.CostAfter)),
		Source: srcFAQ9}, true
}

// billFindings flag fixed costs out of proportion in small bills.
func billFindings(s spec.Spec, b Bill) []Finding {
	if !b.Total.IsPositive() {
		return nil
	}
	share := func(d decimal.Decimal) float64 { return d.Div(b.Total).InexactFloat64() * 100 }
	var out []Finding
	if nat := share(b.NAT); b.NATGateways > 0 && nat >= 20 {
		alt := "Alternatives: an S3 gateway endpoint (no charge) keeps S3 traffic off the NAT; VPC interface endpoints for other AWS APIs (their price is not in the catalog); no NAT if the app needs no internet egress."
		if b.NATGateways > 1 && b.SingleNAT != nil {
			alt = fmt.Sprintf("One NAT gateway for all AZs costs %s a month in hours (a single point of failure across AZs). ", money.USD(*b.SingleNAT)) + alt
		}
		out = append(out, Finding{RuleID: RuleFixedCost, Severity: SeverityMedium,
			Title:  fmt.Sprintf("NAT gateways are %.0f %% of the bill", nat),
			Detail: fmt.Sprintf("%s with their addresses and data cost %s of %s a month. %s", money.Count(b.NATGateways, "NAT gateway", "NAT gateways"), money.USD(b.NAT), money.USD(b.Total), alt),
			Source: srcFAQ9, Amount: amount(b.NAT)})
	}
	if ip := share(b.IPv4); b.IPv4Addresses > 0 && ip >= 5 {
		out = append(out, Finding{RuleID: RuleFixedCost, Severity: SeverityLow,
			Title:  fmt.Sprintf("public IPv4 addresses are %.0f %% of the bill", ip),
			Detail: fmt.Sprintf("%d public IPv4 address(es) cost %s of %s a month (AWS charges every public IPv4 address by the hour, in use or idle); IPv6 or fewer public subnets would remove some.", b.IPv4Addresses, money.USD(b.IPv4), money.USD(b.Total)),
			Source: srcFAQ9, Amount: amount(b.IPv4)})
	}
	if lb := share(b.LoadBalancer); lb >= 15 {
		out = append(out, Finding{RuleID: RuleFixedCost, Severity: SeverityLow,
			Title:  fmt.Sprintf("the load balancer is %.0f %% of the bill", lb),
			Detail: fmt.Sprintf("The ALB costs %s of %s a month, mostly its fixed hourly charge; at this size it is the price of zero-downtime deploys and TLS termination.", money.USD(b.LoadBalancer), money.USD(b.Total)),
			Source: srcFAQ9, Amount: amount(b.LoadBalancer)})
	}
	return out
}

// amount is a copy of d for a finding's Amount.
func amount(d decimal.Decimal) *decimal.Decimal { return &d }

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
		what = append(what, money.Count(s.Database.ReadReplicas, "read replica", "read replicas"))
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
