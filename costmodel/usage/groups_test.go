package usage

import (
	"testing"

	"github.com/shopspring/decimal"
	"github.com/tiercost/tiercost/costmodel/resource"
)

// A key given in one form replaces every form a lower layer held, in For
// and in Merge: a resource's groups replace its type's flat total, and a
// file's flat total replaces the workload's groups.
func TestGroupedValuesReplaceFlat(t *testing.T) {
	n := func(s string) decimal.Decimal { return decimal.RequireFromString(s) }
	const cf, key = "aws:cloudfront/distribution:Distribution", "monthly_http_requests"
	u := &Usage{
		TypeDefaults: map[string]Values{cf: {key: n("1000"), "other": n("1")}},
		Resources:    map[string]Values{"cdn": {GroupKey(key, "us"): n("3"), GroupKey(key, "europe"): n("4")}},
	}
	v := u.For(resource.Record{Type: cf, Name: "cdn"})
	if _, flat := v.Get(key); flat || len(v) != 3 {
		t.Errorf("For = %v, want the groups and other, not the flat total", v)
	}
	if g, ok := v.Groups(key); !ok || !g["us"].Equal(n("3")) || !g["europe"].Equal(n("4")) {
		t.Errorf("groups %v", g)
	}
	over := &Usage{Origin: "usage file f.yml", Resources: map[string]Values{"cdn": {key: n("7")}}}
	m := Merge(u, over).For(resource.Record{Type: cf, Name: "cdn"})
	if d, ok := m.Get(key); !ok || !d.Equal(n("7")) || len(m) != 2 {
		t.Errorf("merged = %v, want the file's flat 7 and other", m)
	}
	if _, ok := m.Groups(key); ok {
		t.Errorf("merged kept the groups: %v", m)
	}
}
