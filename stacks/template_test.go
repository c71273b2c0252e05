package stacks

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	"github.com/tiercost/tiercost/components/spec"
	"github.com/tiercost/tiercost/costmodel/resource"
)

func defaultSpec(t *testing.T, tier string) spec.Spec {
	t.Helper()
	s, err := spec.DefaultSpec(tier)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func byName(recs []resource.Record, name string) resource.Record {
	for _, r := range recs {
		if r.Name == name {
			return r
		}
	}
	return resource.Record{}
}

// TestRecordsFillsTemplate: the 1m tier's spec teaches its shape; another
// spec of the shape (other sizes) is then answered from the template,
// with its own values where the program puts them, and equal to its
// mocked run.
func TestRecordsFillsTemplate(t *testing.T) {
	ResetTemplates()
	defer ResetTemplates()
	start := Stats()
	since := func() TemplateStats {
		st := Stats()
		return TemplateStats{st.Filled - start.Filled, st.Preloaded - start.Preloaded, st.Learned - start.Learned, st.Mocked - start.Mocked}
	}
	s := defaultSpec(t, "1m")
	if _, err := Records(CaptureOptions{Spec: &s}); err != nil {
		t.Fatal(err)
	}
	if st := since(); st.Learned != 1 || st.Filled != 0 {
		t.Fatalf("first spec of a shape: %+v, want one learned", st)
	}
	s2 := s
	s2.Database.AllocatedStorageGB, s2.Database.InstanceClass = 1765, "db.r6g.2xlarge"
	s2.Compute.InstanceType, s2.Compute.MinSize, s2.Compute.DesiredCapacity, s2.Compute.MaxSize = "m7g.large", 5, 6, 12
	s2.Cache.NodeType = "cache.r6g.xlarge"
	got, err := Records(CaptureOptions{Spec: &s2})
	if err != nil {
		t.Fatal(err)
	}
	if st := since(); st.Learned != 1 || st.Filled != 1 || st.Mocked != 0 {
		t.Fatalf("second spec of the shape: %+v, want it filled", st)
	}
	db := byName(got, "tc-db")
	asg := byName(got, "tc-app-asg")
	// The free-storage alarm fires below 10 % of the allocation, in bytes
	// (1 GB = 1e9 B): 1,765 GB × 1e9 ÷ 10 = 176,500,000,000.
	alarm := byName(got, "tc-alarm-db-storage-tc-1m-db")
	checks := []struct {
		what string
		got  any
		want any
	}{
		{"db allocatedStorage", db.Inputs["allocatedStorage"], 1765.0},
		{"db instanceClass", db.Inputs["instanceClass"], "db.r6g.2xlarge"},
		{"replica instanceClass", byName(got, "tc-db-replica-1").Inputs["instanceClass"], "db.r6g.2xlarge"},
		{"storage alarm threshold", alarm.Inputs["threshold"], 176_500_000_000.0},
		{"launch template type", byName(got, "tc-app-lt").Inputs["instanceType"], "m7g.large"},
		{"asg minSize", asg.Inputs["minSize"], 5.0},
		{"asg desiredCapacity", asg.Inputs["desiredCapacity"], 6.0},
		{"asg maxSize", asg.Inputs["maxSize"], 12.0},
		{"cache nodeType", byName(got, "tc-cache").Inputs["nodeType"], "cache.r6g.xlarge"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %v, want %v", c.what, c.got, c.want)
		}
	}
	// m7g.large's alternate (spec.AlternateInstanceType) is c7g.xlarge.
	ovr := asg.Inputs["mixedInstancesPolicy"].(map[string]any)["launchTemplate"].(map[string]any)["overrides"].([]any)
	if len(ovr) != 2 || ovr[1].(map[string]any)["instanceType"] != "c7g.xlarge" {
		t.Errorf("overrides %v, want m7g.large then c7g.xlarge", ovr)
	}
	want, err := Capture(CaptureOptions{Spec: &s2, WorkDir: "reference"})
	if err != nil {
		t.Fatal(err)
	}
	if err := equalRecords(got, want); err != nil {
		t.Error(err)
	}
	// Filling shares the template's records: they must still be the first
	// spec's.
	again, err := Records(CaptureOptions{Spec: &s})
	if err != nil {
		t.Fatal(err)
	}
	first, _ := Capture(CaptureOptions{Spec: &s, WorkDir: "reference"})
	if err := equalRecords(again, first); err != nil {
		t.Errorf("the template changed after a fill: %v", err)
	}
}

// TestShapeKey: sizes leave the key alone; switches, counts, the stack and
// whether the instance type has an alternate change it.
func TestShapeKey(t *testing.T) {
	base := defaultSpec(t, "100k")
	key := func(s spec.Spec, stack string) string {
		k, err := shapeKey(s, stack)
		if err != nil {
			t.Fatal(err)
		}
		return k
	}
	k0 := key(base, "prod")
	same := []func(*spec.Spec){
		func(s *spec.Spec) { s.Database.AllocatedStorageGB = 999 },
		func(s *spec.Spec) { s.Database.InstanceClass = "db.m6g.large" },
		func(s *spec.Spec) { s.Compute.InstanceType = "m7g.large" },
		func(s *spec.Spec) { s.Compute.MinSize, s.Compute.DesiredCapacity, s.Compute.MaxSize = 1, 1, 1 },
		func(s *spec.Spec) { s.Cache.NodeType = "cache.r6g.xlarge" },
		func(s *spec.Spec) { s.Compute.TargetCPUPercent, s.Compute.TargetRequestsPerTarget = 70, 10 },
	}
	for i, f := range same {
		s := base
		f(&s)
		if key(s, "prod") != k0 {
			t.Errorf("size change %d changed the key", i)
		}
	}
	other := []func(*spec.Spec){
		func(s *spec.Spec) { s.Database.ReadReplicas++ },
		func(s *spec.Spec) { s.Network.AZCount = 2 },
		func(s *spec.Spec) { s.Region = "eu-west-1" },
		func(s *spec.Spec) { s.Database.IOPS = 3000 },
		func(s *spec.Spec) { s.Compute.InstanceType = "m7g.xlarge" }, // no alternate
		func(s *spec.Spec) { s.Cache.ReplicasPerShard = 0 },
	}
	for i, f := range other {
		s := base
		f(&s)
		if key(s, "prod") == k0 {
			t.Errorf("shape change %d kept the key", i)
		}
	}
	if key(base, "staging") == k0 {
		t.Error("the stack names the URNs; another stack kept the key")
	}
}

// TestLearnRefuses: two runs that differ in anything but a fillable value
// teach no template.
func TestLearnRefuses(t *testing.T) {
	s := defaultSpec(t, "10k")
	p, err := probeSpec(s)
	if err != nil {
		t.Fatal(err)
	}
	rec := func(name string, in map[string]any) resource.Record {
		return resource.Record{Type: "aws:x/y:Y", Name: name, URN: "urn:" + name, Inputs: in}
	}
	tests := []struct {
		name   string
		rs, rp []resource.Record
		want   string
	}{
		{"another record", []resource.Record{rec("a", map[string]any{})},
			[]resource.Record{rec("a", map[string]any{}), rec("b", map[string]any{})}, "probe 2"},
		{"another name", []resource.Record{rec("a", map[string]any{})}, []resource.Record{rec("b", map[string]any{})}, "outside its inputs"},
		{"another key", []resource.Record{rec("a", map[string]any{"x": 1.0})}, []resource.Record{rec("a", map[string]any{"y": 1.0})}, "only in one run"},
		{"a value no size explains", []resource.Record{rec("a", map[string]any{"x": "on"})},
			[]resource.Record{rec("a", map[string]any{"x": "off"})}, "is no fillable value"},
		{"a size inside a longer string", []resource.Record{rec("a", map[string]any{"x": "type " + s.Compute.InstanceType})},
			[]resource.Record{rec("a", map[string]any{"x": "type " + p.Compute.InstanceType})}, "is no fillable value"},
		{"another length", []resource.Record{rec("a", map[string]any{"x": []any{1.0}})},
			[]resource.Record{rec("a", map[string]any{"x": []any{1.0, 2.0}})}, "different lengths"},
	}
	for _, tt := range tests {
		_, err := learn(s, p, tt.rs, tt.rp)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: %v, want an error with %q", tt.name, err, tt.want)
		}
	}
	// A value that is the size itself is learned, and a multiple of it.
	ok := []resource.Record{rec("a", map[string]any{"gb": float64(s.Database.AllocatedStorageGB), "bytes": float64(s.Database.AllocatedStorageGB) * 1e8})}
	okp := []resource.Record{rec("a", map[string]any{"gb": float64(p.Database.AllocatedStorageGB), "bytes": float64(p.Database.AllocatedStorageGB) * 1e8})}
	tm, err := learn(s, p, ok, okp)
	if err != nil {
		t.Fatal(err)
	}
	if len(tm.holes) != 2 || tm.holes[0].scale != 1e8 || tm.holes[1].scale != 0 {
		t.Errorf("holes %+v, want bytes ×1e8 and gb itself", tm.holes)
	}
}

// TestProbeChangesEverySize: the probe differs from the spec in every
// fillable value that is in use, keeps the shape and is valid.
func TestProbeChangesEverySize(t *testing.T) {
	for _, tier := range spec.Tiers {
		s := defaultSpec(t, tier)
		s.Database.IOPS, s.Database.StorageThroughput = 3000, 125
		p, err := probeSpec(s)
		if err != nil {
			t.Fatalf("%s: %v", tier, err)
		}
		vs, vp := fillValues(&s), fillValues(&p)
		for i, f := range fillables {
			if f.name == "cache.node_type" && !s.Cache.Enabled {
				continue
			}
			if vs[i] == vp[i] {
				t.Errorf("%s: the probe keeps %s = %v", tier, f.name, vs[i])
			}
		}
		ks, _ := shapeKey(s, "x")
		kp, _ := shapeKey(p, "x")
		if ks != kp {
			t.Errorf("%s: the probe has another shape", tier)
		}
	}
}

// TestPreload: exported templates answer a new process; a file from
// another program is ignored whole.
func TestPreload(t *testing.T) {
	defer Preload(nil)
	defer ResetTemplates()
	ResetTemplates()
	Preload(nil)
	s := defaultSpec(t, "10k")
	if _, err := Records(CaptureOptions{Spec: &s, Stack: "10k"}); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := ExportTemplates(&buf); err != nil {
		t.Fatal(err)
	}
	s2 := s
	s2.Database.AllocatedStorageGB = 321
	want, err := Capture(CaptureOptions{Spec: &s2, Stack: "10k", WorkDir: "reference"})
	if err != nil {
		t.Fatal(err)
	}

	ResetTemplates()
	Preload(buf.Bytes())
	start := Stats()
	if err := PreloadError(); err != nil {
		t.Fatal(err)
	}
	got, err := Records(CaptureOptions{Spec: &s2, Stack: "10k"})
	if err != nil {
		t.Fatal(err)
	}
	if st := Stats(); st.Preloaded-start.Preloaded != 1 || st.Learned != start.Learned {
		t.Errorf("stats %+v, want one fill from the preloaded template", st)
	}
	if err := equalRecords(got, want); err != nil {
		t.Error(err)
	}

	ResetTemplates()
	start = Stats()
	stale := bytes.Replace(buf.Bytes(), []byte(Fingerprint()), []byte(strings.Repeat("0", 64)), 1)
	Preload(stale)
	if err := PreloadError(); err == nil || !strings.Contains(err.Error(), "another program") {
		t.Errorf("stale file: %v, want it ignored as from another program", err)
	}
	if _, err := Records(CaptureOptions{Spec: &s2, Stack: "10k"}); err != nil {
		t.Fatal(err)
	}
	if st := Stats(); st.Preloaded != start.Preloaded || st.Learned-start.Learned != 1 {
		t.Errorf("stale file: stats %+v, want the shape learned again", st)
	}
}

// TestVariantsKeepLearning: a record filled with values it was filled with
// before gets the same inputs map back (what a pricing memo recognises),
// also after more distinct values than the cache holds have been seen: a
// full cache starts again instead of handing out a fresh map for ever.
func TestVariantsKeepLearning(t *testing.T) {
	tpl := &template{
		recs:  []resource.Record{{Type: "aws:rds/instance:Instance", Name: "db", Inputs: map[string]any{"allocatedStorage": 20.0, "engine": "postgres"}}},
		holes: []hole{{rec: 0, path: []any{"allocatedStorage"}, value: 0}},
	}
	fill := func(gb float64) map[string]any { return tpl.fill([]any{gb})[0].Inputs }
	for gb := 1.0; gb <= maxVariants+10; gb++ {
		fill(gb)
	}
	a, b := fill(7_777_777), fill(7_777_777)
	if mapAddress(a) != mapAddress(b) {
		t.Error("after a full cache, the same value filled twice gave two maps")
	}
	if a["allocatedStorage"] != 7_777_777.0 || a["engine"] != "postgres" {
		t.Errorf("filled inputs %v", a)
	}
	if tpl.recs[0].Inputs["allocatedStorage"] != 20.0 {
		t.Errorf("the template's own inputs changed: %v", tpl.recs[0].Inputs)
	}
}

func mapAddress(m map[string]any) uintptr { return reflect.ValueOf(m).Pointer() }
