package usage

import (
	"testing"

	"github.com/shopspring/decimal"
	"github.com/tiercost/tiercost/costmodel/resource"
)

// Merge keeps every entry of either side: one side's entry as it is, an
// entry both give overlaid key by key, an empty one empty but not nil;
// the inputs are left unchanged.
func TestMergeEntries(t *testing.T) {
	n := decimal.NewFromInt
	u := &Usage{Origin: "workload model",
		TypeDefaults: map[string]Values{"lb": {"a": n(1), "b": n(2)}, "logs": {"gb": n(3)}, "none": nil},
		Resources:    map[string]Values{"flow": {"gb": n(4)}}}
	over := &Usage{Origin: "usage file f.yml",
		TypeDefaults: map[string]Values{"lb": {"b": n(20), "c": n(30)}, "asg": {"instances": n(5)}},
		Resources:    map[string]Values{"waf": {}}}
	m := Merge(u, over)
	want := map[string]map[string]int64{
		"lb": {"a": 1, "b": 20, "c": 30}, "logs": {"gb": 3}, "asg": {"instances": 5}, "none": {},
	}
	check := func(what string, got map[string]Values, want map[string]map[string]int64, merged bool) {
		t.Helper()
		if len(got) != len(want) {
			t.Errorf("%s = %v, want %v", what, got, want)
		}
		for k, w := range want {
			g, ok := got[k]
			if !ok || (merged && g == nil) || len(g) != len(w) {
				t.Errorf("%s[%s] = %v, want %v", what, k, g, w)
				continue
			}
			for key, x := range w {
				if d, ok := g[key]; !ok || !d.Equal(n(x)) {
					t.Errorf("%s[%s][%s] = %v, want %d", what, k, key, d, x)
				}
			}
		}
	}
	if m.Origin != "usage file f.yml" {
		t.Errorf("origin %q", m.Origin)
	}
	check("type defaults", m.TypeDefaults, want, true)
	check("resources", m.Resources, map[string]map[string]int64{"flow": {"gb": 4}, "waf": {}}, true)
	// A side that gives no entries takes the other's as they are; a nil
	// entry still comes out an empty Values.
	m = Merge(u, &Usage{TypeDefaults: map[string]Values{"asg": {"instances": n(5)}}})
	check("resources alone", m.Resources, map[string]map[string]int64{"flow": {"gb": 4}}, true)
	check("type defaults over none", m.TypeDefaults, map[string]map[string]int64{
		"lb": {"a": 1, "b": 2}, "logs": {"gb": 3}, "asg": {"instances": 5}, "none": {},
	}, true)
	m = Merge(&Usage{Resources: map[string]Values{"x": nil}}, &Usage{})
	check("nil entry", m.Resources, map[string]map[string]int64{"x": {}}, true)
	check("no entries", m.TypeDefaults, map[string]map[string]int64{}, true)
	if m.TypeDefaults == nil {
		t.Error("no entries: nil map")
	}
	// The inputs are as they were.
	check("u", u.TypeDefaults, map[string]map[string]int64{"lb": {"a": 1, "b": 2}, "logs": {"gb": 3}, "none": {}}, false)
	check("over", over.TypeDefaults, map[string]map[string]int64{"lb": {"b": 20, "c": 30}, "asg": {"instances": 5}}, false)
}

// An entry that replaces every key below it is For's whole answer, flat
// or grouped; one that leaves a key below is overlaid on it.
func TestForCoveringEntry(t *testing.T) {
	n := decimal.NewFromInt
	const logs, cf = "aws:cloudwatch/logGroup:LogGroup", "aws:cloudfront/distribution:Distribution"
	u := &Usage{
		TypeDefaults: map[string]Values{
			logs: {"monthly_data_ingested_gb": n(1), "storage_gb": n(2)},
			cf:   {"monthly_http_requests": n(10), "monthly_https_requests": n(20)},
		},
		Resources: map[string]Values{
			"flow":  {"monthly_data_ingested_gb": n(3), "storage_gb": n(4)},
			"app":   {"storage_gb": n(5)},
			"cdn":   {GroupKey("monthly_http_requests", "us"): n(6), "monthly_https_requests": n(7)},
			"urn:x": {"monthly_data_ingested_gb": n(8), "storage_gb": n(9)},
		},
	}
	for _, c := range []struct {
		rec  resource.Record
		want map[string]int64
	}{
		{resource.Record{Type: logs, Name: "flow"}, map[string]int64{"monthly_data_ingested_gb": 3, "storage_gb": 4}},
		{resource.Record{Type: logs, Name: "app"}, map[string]int64{"monthly_data_ingested_gb": 1, "storage_gb": 5}},
		{resource.Record{Type: cf, Name: "cdn"}, map[string]int64{"monthly_http_requests.us": 6, "monthly_https_requests": 7}},
		{resource.Record{Type: logs, Name: "app", URN: "urn:x"}, map[string]int64{"monthly_data_ingested_gb": 8, "storage_gb": 9}},
	} {
		got := u.For(c.rec)
		if len(got) != len(c.want) {
			t.Errorf("%s: %v, want %v", c.rec.Name, got, c.want)
		}
		for k, x := range c.want {
			if d, ok := got[k]; !ok || !d.Equal(n(x)) {
				t.Errorf("%s: %s = %v, want %d", c.rec.Name, k, d, x)
			}
		}
	}
}
