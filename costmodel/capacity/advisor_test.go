package capacity

import (
	"fmt"
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
		{"1k overloaded DB at 40k", spec1k, ScaleWorkload(w1k, 40000), RuleDatabase, SeverityHigh, "first major bottleneck", false},
	}
	for _, tc := range cases {
		fs := Advise(tc.s, tc.w, Options{Prices: cat})
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

// TestAdviseSimplicityAt1k: shards and replicas at 1k are flagged, with the
// saving worked out from the reference prices: one extra db.t4g.micro
// Single-AZ shard primary ($0.016/h), its replica and the first shard's
// replica (2 x $0.016/h): 3 x 0.016 x 730 = $35.04 a month.
func TestAdviseSimplicityAt1k(t *testing.T) {
	s, _ := spec.DefaultSpec("1k")
	s.Database.Shards, s.Database.ReadReplicas = 2, 1
	w, _ := TierWorkload("1k")
	f := findRule(Advise(s, w, Options{Prices: testPrices(t)}), RuleSimplicity)
	if f == nil || f.Saving == nil || !f.Saving.Equal(decimal.RequireFromString("35.04")) {
		t.Fatalf("simplicity finding = %+v", f)
	}
	if !strings.Contains(f.Source, "At a low scale, simplicity wins.") {
		t.Errorf("source = %q", f.Source)
	}
}

// TestSpecCapacityByHand: the 10k sized spec (1 x t4g.small, max 2,
// db.t4g.micro, cache.t4g.small) with the 10k workload. Compute runs out at
// 2 x 16 x 0.55 = 17.6/s of origin peak, 10,000 x 17.6 / 7.443576 = 23,644
// users; but the database's memory binds first: the working set needs
// 0.6 / 0.75 = 0.8 GB per 10,000 users and db.t4g.micro has 1.0737 GB:
// 10,000 x 1.073742 / 0.8 = 13,422 users. The tier ceiling (db.r6g.2xlarge,
// no replicas at 10k): CPU 8 x 0.55 = 4.4 vCPU over 0.022926 per 10,000
// users = 1,919,200 users; memory 68.7195 GB / 0.8 GB x 10,000 = 858,993
// users: memory binds.
func TestSpecCapacityByHand(t *testing.T) {
	w, _ := TierWorkload("10k")
	res, err := Size("10k", w, Options{Prices: testPrices(t)})
	if err != nil {
		t.Fatal(err)
	}
	c, err := SpecCapacity(res.Spec, w, Options{}, false)
	if err != nil {
		t.Fatal(err)
	}
	if !near(c.Users, 13421.77, 0.01) || !strings.HasPrefix(c.Bottleneck, "database memory") {
		t.Errorf("capacity = %+v, want 13,421.77 users, database memory", c)
	}
	ceil, err := SpecCapacity(res.Spec, w, Options{}, true)
	if err != nil {
		t.Fatal(err)
	}
	if !near(ceil.Users, 858993.5, 1) || !strings.Contains(ceil.Bottleneck, "memory") {
		t.Errorf("ceiling = %+v, want 858,993 users, database memory", ceil)
	}
	fs := Advise(res.Spec, w, Options{})
	if f := findRule(fs, RuleCapacity); f == nil || f.Severity != SeverityMedium {
		t.Errorf("capacity finding = %+v, want medium (13.4k < 2 x 10k)", f)
	}
	if f := findRule(fs, RuleNextTier); f == nil || f.Severity != SeverityInfo || !strings.Contains(f.Title, "859.0k") {
		t.Errorf("next-tier finding = %+v", f)
	}
}

// TestAdviseCostCrossover uses made-up linear costs: the 1k tier costs
// $10 + $0.01 per user, the 10k tier $50 + $0.002 per user. They meet at
// 10 + 0.01u = 50 + 0.002u, u = 5,000; the scan (40 steps a decade from
// 1,000) first reaches it at 1,000 x 10^(28/40) = 5,012 users.
func TestAdviseCostCrossover(t *testing.T) {
	cost := func(tier string, u float64) (decimal.Decimal, error) {
		switch tier {
		case "1k":
			return decimal.NewFromInt(10).Add(decimal.NewFromFloat(u).Mul(decimal.RequireFromString("0.01"))), nil
		case "10k":
			return decimal.NewFromInt(50).Add(decimal.NewFromFloat(u).Mul(decimal.RequireFromString("0.002"))), nil
		}
		return decimal.Zero, fmt.Errorf("tier %s", tier)
	}
	s, _ := spec.DefaultSpec("1k")
	w, _ := TierWorkload("1k")
	f := findRule(Advise(s, w, Options{TierCost: cost}), RuleCostCrossover)
	if f == nil || !strings.Contains(f.Title, "5.0k") || !strings.Contains(f.Detail, "5012 users") {
		t.Fatalf("crossover = %+v", f)
	}
}

func TestAdviseBadInput(t *testing.T) {
	s, _ := spec.DefaultSpec("1k")
	w, _ := TierWorkload("1k")
	w.ReadShare = 2
	fs := Advise(s, w, Options{})
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
