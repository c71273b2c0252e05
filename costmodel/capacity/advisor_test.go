package capacity

import (
	"math"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/tiercost/tiercost/components/spec"
)

func findRule(fs []Finding, id string) *Finding {
	for i := range fs {
		if fs[i].RuleID == id {
			return &fs[i]
		}
	}
	return nil
}

func TestAdviseRules(t *testing.T) {
	cat := testPrices(t)
	spec1k, _ := spec.DefaultSpec("1k")
	spec100k, _ := spec.DefaultSpec("100k")
	w1k, _ := TierWorkload("1k")
	w100k, _ := TierWorkload("100k")

	cases := []struct {
		name     string
		s        spec.Spec
		w        spec.Workload
		rule     string
		severity string
		source   string // a phrase of the quoted source
		absent   bool
	}{
		{"no cache at 8k", spec1k, ScaleWorkload(w1k, 8000), RuleCaching, SeverityMedium, "between 5K to 20K users", false},
		{"no cache at 25k", spec1k, ScaleWorkload(w1k, 25000), RuleCaching, SeverityHigh, "FAQ 6", false},
		{"no cache needed at 1k", spec1k, w1k, RuleCaching, "", "", true},
		{"no alarms at 60k", func() spec.Spec { s := spec100k; s.Observability.Alarms = false; return s }(), ScaleWorkload(w100k, 60000), RuleObservability, SeverityHigh, "beyond 50K users", false},
		{"alarms at 100k", spec100k, w100k, RuleObservability, "", "", true},
		{"single NAT at 100k", func() spec.Spec { s := spec100k; s.Network.NATMode = spec.NATSingle; return s }(), w100k, RuleNoSPOF, SeverityHigh, "100,000 users", false},
		{"tier default at 100k has no SPOF", spec100k, w100k, RuleNoSPOF, "", "", true},
		{"no CDN at 1m", func() spec.Spec { s, _ := spec.DefaultSpec("1m"); s.CDN.Enabled = false; return s }(), ScaleWorkload(w100k, 1e6), Rule1M, SeverityHigh, "essential", false},
		// db.t4g.micro at 7,000 users: 0.7 GB / 0.75 x 1.2 = 1.12 GB of 1.0737 GB: past the headroom, not full.
		{"1k database memory past target at 7k", spec1k, ScaleWorkload(w1k, 7000), RuleDatabase, SeverityHigh, "first major bottleneck", false},
		// At 40,000 users the 1k defaults (max 2 x t4g.small) are past full
		// capacity; compute is listed first: origin peak 69.44 req/s of
		// 2 x 16 = 32 req/s = 217 %.
		{"1k overloaded at 40k", spec1k, ScaleWorkload(w1k, 40000), RuleOverload, SeverityHigh, "Waiting until performance issues appear", false},
	}
	for _, tc := range cases {
		fs := advise(t, tc.s, tc.w, Options{Prices: cat})
		f := findRule(fs, tc.rule)
		if tc.absent {
			if f != nil {
				t.Errorf("%s: unexpected %s: %+v", tc.name, tc.rule, *f)
			}
			continue
		}
		if f == nil {
			t.Errorf("%s: no %s finding in %+v", tc.name, tc.rule, fs)
			continue
		}
		if f.Severity != tc.severity || !strings.Contains(f.Source, tc.source) {
			t.Errorf("%s: severity %s source %q; want %s and %q", tc.name, f.Severity, f.Source, tc.severity, tc.source)
		}
	}
}

// advise runs the advisor with the spec's limits and no next action.
func advise(t testing.TB, s spec.Spec, w spec.Workload, o Options) []Finding {
	t.Helper()
	ls, err := LayerLimits(s, w, o)
	if err != nil {
		t.Fatal(err)
	}
	return Advise(s, w, o, Input{Limits: ls})
}

// TestAdviseSimplicityAt1k: shards and replicas at 1k are flagged, with the
// saving worked out from the reference prices: one extra db.t4g.micro
// Single-AZ shard primary ($0.016/h), its replica and the first shard's
// replica (2 x $0.016/h): 3 x 0.016 x 730 = $35.04 a month.
func TestAdviseSimplicityAt1k(t *testing.T) {
	s, _ := spec.DefaultSpec("1k")
	s.Database.Shards, s.Database.ReadReplicas = 2, 1
	w, _ := TierWorkload("1k")
	f := findRule(advise(t, s, w, Options{Prices: testPrices(t)}), RuleSimplicity)
	if f == nil || f.Saving == nil || !f.Saving.Equal(decimal.RequireFromString("35.04")) {
		t.Fatalf("simplicity finding = %+v", f)
	}
	if !strings.Contains(f.Source, "At a low scale, simplicity wins.") {
		t.Errorf("source = %q", f.Source)
	}
}

// TestLimits10kByHand works out the 10k tier's limits at its own sizes
// (sizing: 1-2 x t4g.small, db.t4g.micro, 1 x cache.t4g.small) for the
// 10k workload, from docs/capacity.md's constants:
//
// Traffic: origin peak 7.443576 req/s, reads 4.019531/s, writes 2.233073/s.
// Compute CPU: 7.443576 / (max 2 x 16 req/s x 0.55 = 17.6) = 0.422930
// -> 10,000 / 0.422930 = 23,644.6 users.
// Database (one primary, no replicas): 2.233073/1,000 + 4.019531/5,000 =
// 0.0030370 vCPU of 2 x 0.1 x 0.55 = 0.11 -> 0.027609 -> 362,200 users.
// Memory: 0.6 GB x (1 - 0.8 cache hit) / 0.75 = 0.16 GB x 1.2 = 0.192 of
// 1.073742 GB -> 0.178814 -> 55,924.0 users.
// Connections: fleet at surge 7.443576 x 2 / 8.8 = 1.691722 x 20 = 33.8344
// of max_connections 2^30 / 9,531,392 = 112.6530 -> 0.300342 -> 33,295.4.
// Storage: 10,000 x 5 MB / 1,000 x 1.1^12 = 156.9214 GB x 1.25 = 196.1518
// of 65,536 GB -> 0.002993 -> 3,341,000 users.
// Cache memory: 0.6 x 1.25 = 0.75 GB x 1.2 = 0.9 of 1 x 1.37 GiB x
// 1.073742 x (1 - 0.25 reserved) = 1.103270 GB -> 0.815757 -> 12,258.6.
// Cache operations: 7.443576 x 3 = 22.3307/s of 2 x 0.2 x 20,000 x 0.55 =
// 4,400 -> 0.005075 -> 1,970,400 users.
// Each limit's Users is the first whole count past it (12,258.6 -> 12,259).
// The first step is the cache's usable memory at 12,259 users; the
// architecture gives way past 50,000 users (at 50,001), where the article
// asks for alarms (the 10k tier has none), before any ceiling.
func TestLimits10kByHand(t *testing.T) {
	w, _ := TierWorkload("10k")
	res, err := Size("10k", w, Options{})
	if err != nil {
		t.Fatal(err)
	}
	ls, err := LayerLimits(res.Spec, w, Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]float64{
		"compute CPU":                   23644.6,
		"database CPU (single primary)": 362200,
		"database memory":               55924.0,
		"database connections":          33295.4,
		"database storage":              3341000,
		"cache usable memory":           12258.6,
		"cache operations":              1970400,
	}
	got := map[string]float64{}
	for _, l := range ls.Current {
		got[l.Layer+" "+l.Resource] = l.Users
	}
	for k, v := range want {
		if !near(got[k], v, v*2e-4) {
			t.Errorf("%s limit = %.1f users, want %.1f", k, got[k], v)
		}
	}
	first, ok := First(ls.Current, true)
	if !ok || first.Layer != LayerCache || first.Resource != "usable memory" {
		t.Errorf("first step = %+v", first)
	}
	move, ok := ls.MoveAt()
	if !ok || move.Users != 50001 || move.Resource != "alarms" {
		t.Errorf("move point = %+v, want alarms at 50,001 users", move)
	}
	a := NextAction(res.Spec, w, ls, Options{})
	if a.Kind != ActionResize || a.Users != 12259 || a.Do != "cache: 1 shard x cache.t4g.small -> 1 shard x cache.t4g.medium" {
		t.Errorf("next action = %+v", a)
	}
}

// TestCacheUsableMemoryWithReservedShare: ElastiCache keeps 25 % of a
// node's memory (reserved-memory-percent), so cache.r6g.large's 13.07 GiB
// hold 13.07 x 1.073742 x 0.75 = 10.5253 GB of data.
func TestCacheUsableMemoryWithReservedShare(t *testing.T) {
	n, _ := spec.LookupInstance(spec.CacheNodeTypes(), "cache.r6g.large")
	if got := UsableMemoryGB(n, DefaultModel().CacheReservedMemory); !near(got, 10.5253, 1e-4) {
		t.Errorf("usable = %v GB, want 10.5253", got)
	}
	// The 100k tier's working set, 5 GB x 1.25 = 6.25 GB x 1.2 headroom =
	// 7.5 GB, fits one cache.r6g.large (10.53 GB) but not a
	// cache.m6g.large (6.38 x 1.073742 x 0.75 = 5.1378 GB).
	w, _ := TierWorkload("100k")
	res, err := Size("100k", w, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if c := res.Spec.Cache; c.NodeType != "cache.r6g.large" || c.Shards != 1 {
		t.Errorf("100k cache = %d x %s, want 1 x cache.r6g.large", c.Shards, c.NodeType)
	}
}

// TestOneWriterAt1mAndShardsWhenItCannot: the 1m tier's default workload
// needs one PostgreSQL writer; a tenfold write load (writes per request x10
// by read share 0.9 -> 0, and ten times the data each user stores) needs
// two, for the storage.
//
// Default: writes 388.8889 origin req/s x 3 x 0.1 = 116.6667/s = 0.116667
// vCPU of the largest class's 8 x 0.55 = 4.4 -> 2.7 %; storage 1e6 users x
// 5 MB = 5,000 GB x 1.03^12 = 7,128.80 x 1.25 = 8,911.0 of 65,536 GB.
// Tenfold: writes 388.8889 x 3 x 1.0 = 1,166.667/s -> 26.5 % of one
// writer; storage 89,110 GB -> 1.3597 -> 2 shards, for the storage.
func TestOneWriterAt1mAndShardsWhenItCannot(t *testing.T) {
	w, _ := TierWorkload("1m")
	res, err := Size("1m", w, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Spec.Database.Shards != 1 || !strings.Contains(derivation(res, "database shards"), "one writer: 116.7 writes/s use 3 % of one db.r6g.2xlarge primary") {
		t.Errorf("1m shards = %d, reason %q", res.Spec.Database.Shards, derivation(res, "database shards"))
	}
	w.ReadShare, w.DataPerUserMB = 0, 50
	res, err = Size("1m", w, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Spec.Database.Shards != 2 || !strings.Contains(derivation(res, "database shards"), "2 shards: one db.r6g.2xlarge primary cannot carry the storage") {
		t.Errorf("tenfold writes: shards = %d, reason %q", res.Spec.Database.Shards, derivation(res, "database shards"))
	}
}

func derivation(r Result, name string) string {
	for _, d := range r.Derivations {
		if d.Name == name {
			return d.Text + ": " + d.Formula
		}
	}
	return ""
}

// TestNextActionAndCrossoverFindings phrase a next action with made-up
// whole-architecture costs: $1,000 before and $950 after a move to 1m at
// 282,000 users is a crossover (the move costs nothing extra).
func TestNextActionAndCrossoverFindings(t *testing.T) {
	s, _ := spec.DefaultSpec("100k")
	w, _ := TierWorkload("100k")
	before, after := decimal.RequireFromString("1000"), decimal.RequireFromString("950")
	n := NextStep{Action: Action{Kind: ActionMoveTier, Users: 282000, Do: "move to the 1m tier", FromTier: "100k", ToTier: "1m",
		Limit: Limit{Layer: LayerCache, Resource: "usable memory", Sizes: "1 x cache.r6g.xlarge", Evidence: "e"}}, CostBefore: &before, CostAfter: &after}
	fs := Advise(s, w, Options{}, Input{Next: n})
	na, co := findRule(fs, RuleNextAction), findRule(fs, RuleCostCrossover)
	// 100,000 x 1.06^12 = 201,220 users in 12 months: before 282k, info.
	if na == nil || na.Severity != SeverityInfo || na.Title != "at about 282.0k users, move to the 1m tier" ||
		!strings.Contains(na.Detail, "$1,000.00 a month before, $950.00 after") {
		t.Errorf("next action = %+v", na)
	}
	if co == nil || !strings.Contains(co.Detail, "100k tier $1,000.00 a month, 1m tier $950.00 a month") {
		t.Errorf("crossover = %+v", co)
	}
	after = decimal.RequireFromString("1200")
	if findRule(Advise(s, w, Options{}, Input{Next: n}), RuleCostCrossover) != nil {
		t.Error("a move that costs more is not a crossover")
	}
}

// TestBillFindings: the 1k tier's bill (tier-1k.golden): NAT $32.85 hours
// + $0.08 data + $3.65 address = $36.58 of $93.47 = 39 %; IPv4 addresses
// $7.30 (2 on the ALB) + $3.65 (the NAT's) = $10.95, 12 %; the ALB $16.425
// hours + $0.84 LCU = $17.265, 18 %.
func TestBillFindings(t *testing.T) {
	s, _ := spec.DefaultSpec("1k")
	w, _ := TierWorkload("1k")
	d := decimal.RequireFromString
	b := Bill{Total: d("93.47"), NAT: d("36.58"), NATGateways: 1, IPv4: d("10.95"), IPv4Addresses: 3, LoadBalancer: d("17.265")}
	fs := Advise(s, w, Options{}, Input{Bill: &b})
	var titles, amounts []string
	for _, f := range fs {
		if f.RuleID == RuleFixedCost {
			titles = append(titles, f.Title)
			if f.Amount != nil {
				amounts = append(amounts, f.Amount.String())
			}
		}
	}
	want := []string{"NAT gateways are 39 % of the bill", "public IPv4 addresses are 12 % of the bill", "the load balancer is 18 % of the bill"}
	if strings.Join(titles, "|") != strings.Join(want, "|") {
		t.Errorf("fixed-cost findings = %q, want %q", titles, want)
	}
	// Each finding carries the bill's own figure for what it is about.
	if want := "36.58|10.95|17.265"; strings.Join(amounts, "|") != want {
		t.Errorf("fixed-cost amounts = %q, want %q", amounts, want)
	}
}

func TestAdviseBadInput(t *testing.T) {
	s, _ := spec.DefaultSpec("1k")
	w, _ := TierWorkload("1k")
	w.ReadShare = 2
	fs := Advise(s, w, Options{}, Input{})
	if len(fs) != 1 || fs[0].RuleID != RuleInput || !strings.Contains(fs[0].Detail, "read_share") {
		t.Errorf("bad input findings = %+v", fs)
	}
}

func TestUsersLabel(t *testing.T) {
	for in, want := range map[float64]string{999: "999", 1500: "1.5k", 2.5e6: "2.5m", math.Inf(1): "unlimited"} {
		if got := usersLabel(in); got != want {
			t.Errorf("usersLabel(%v) = %q, want %q", in, got, want)
		}
	}
}

// TestNextStepCostWords: prod's next action costs $2,160.39 before and
// $2,399.83 after: +$239.44. A side that leaves items out is a lower bound
// and the change is then no bound; a side with nothing priced is "price
// not found", never $0.00.
func TestNextStepCostWords(t *testing.T) {
	d := func(s string) *decimal.Decimal { v := decimal.RequireFromString(s); return &v }
	for _, tc := range []struct {
		step                  NextStep
		before, after, change string
	}{
		{NextStep{CostBefore: d("2160.39"), CostAfter: d("2399.83")}, "$2,160.39", "$2,399.83", "(+$239.44)"},
		{NextStep{CostBefore: d("794.41"), CostAfter: d("1038.52"), UnpricedAfter: 2, Incomplete: true}, "$794.41", "≥ $1,038.52", "(lower bounds: some prices not found)"},
		{NextStep{CostBefore: d("0"), CostAfter: d("0"), UnpricedBefore: 28, UnpricedAfter: 28, Incomplete: true}, "price not found", "price not found", "(lower bounds: some prices not found)"},
	} {
		b, a, c, ok := tc.step.CostWords()
		if !ok || b != tc.before || a != tc.after || c != tc.change {
			t.Errorf("CostWords = %q, %q, %q, %v; want %q, %q, %q", b, a, c, ok, tc.before, tc.after, tc.change)
		}
	}
	if _, _, _, ok := (NextStep{}).CostWords(); ok {
		t.Error("CostWords without costs is ok")
	}
}
