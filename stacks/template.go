package stacks

import (
	"container/list"
	"encoding/json"
	"fmt"
	"reflect"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/tiercost/tiercost/components/spec"
	"github.com/tiercost/tiercost/costmodel/resource"
)

// The records the program creates depend only on the spec, and most what-ifs
// (a users change, the next action's before and after, a sample of an
// uncertainty band) change only a few sizes: an instance type, a count of
// instances in a group, a database class or its storage. Those values pass
// through the components into resource inputs without changing which
// resources exist. Records therefore reuses the program's own output: it
// runs the program under mocks for a spec and for a probe of the same shape
// whose every fillable value differs, and where the two runs' records differ
// it learns which value lands there. Later specs of the same shape are
// answered by writing their values into those places, without the Pulumi
// SDK. Nothing here describes the infrastructure: what the template holds
// is what the program created, and a spec whose differences the two runs
// cannot explain is always run under mocks. TestTemplateMatchesMockedRun
// checks the shortcut against the mocked run over generated specs.

// fillable is one spec value a template may change: a sized field, or a
// value the components derive from one (the autoscaling group's alternate
// instance type).
type fillable struct {
	name string
	// value reads it: a string, or an integer as float64 (the type the
	// records hold numbers in).
	value func(s *spec.Spec) any
	// blank removes it from the shape key, leaving only whether it is set
	// when that changes which inputs exist (a zero IOPS omits the input).
	blank func(s *spec.Spec)
	// probe changes it in the probe spec (derived values follow their
	// source and have none).
	probe func(s *spec.Spec, orig spec.Spec) bool
}

// fillables are the values a template fills. Every one was checked in the
// components to reach the records only as itself (or a multiple of itself,
// like the storage alarm's threshold in bytes); the probe run confirms it
// for each shape, and the property test for generated specs.
var fillables = []fillable{
	{name: "database.instance_class",
		value: func(s *spec.Spec) any { return s.Database.InstanceClass },
		blank: func(s *spec.Spec) { s.Database.InstanceClass = "" },
		probe: func(s *spec.Spec, o spec.Spec) bool {
			return probeType(&s.Database.InstanceClass, spec.RDSClasses(), nil)
		}},
	{name: "database.allocated_storage_gb",
		value: func(s *spec.Spec) any { return float64(s.Database.AllocatedStorageGB) },
		blank: func(s *spec.Spec) { s.Database.AllocatedStorageGB = 0 },
		probe: func(s *spec.Spec, o spec.Spec) bool { return probeInt(&s.Database.AllocatedStorageGB, 7, 20, 65536) }},
	{name: "database.iops",
		value: func(s *spec.Spec) any { return float64(s.Database.IOPS) },
		blank: func(s *spec.Spec) { s.Database.IOPS = min(s.Database.IOPS, 1) },
		probe: func(s *spec.Spec, o spec.Spec) bool {
			return s.Database.IOPS == 0 || probeInt(&s.Database.IOPS, 11, 1, 1<<30)
		}},
	{name: "database.storage_throughput",
		value: func(s *spec.Spec) any { return float64(s.Database.StorageThroughput) },
		blank: func(s *spec.Spec) { s.Database.StorageThroughput = min(s.Database.StorageThroughput, 1) },
		probe: func(s *spec.Spec, o spec.Spec) bool {
			return s.Database.StorageThroughput == 0 || probeInt(&s.Database.StorageThroughput, 13, 1, 1<<30)
		}},
	{name: "cache.node_type",
		value: func(s *spec.Spec) any { return s.Cache.NodeType },
		blank: func(s *spec.Spec) { s.Cache.NodeType = "" },
		probe: func(s *spec.Spec, o spec.Spec) bool {
			return !s.Cache.Enabled || probeType(&s.Cache.NodeType, spec.CacheNodeTypes(), nil)
		}},
	{name: "compute.instance_type",
		value: func(s *spec.Spec) any { return s.Compute.InstanceType },
		// Whether the alternate type exists is one override more or less
		// in the group, so it stays in the key. A type without one is the
		// only one of its architecture (the largest): it stays in the key
		// itself, since no other type could probe it.
		blank: func(s *spec.Spec) {
			if _, has := spec.AlternateInstanceType(s.Compute.InstanceType); has {
				s.Compute.InstanceType = "(a type with an alternate)"
			}
		},
		probe: func(s *spec.Spec, o spec.Spec) bool {
			oAlt, oHas := spec.AlternateInstanceType(o.Compute.InstanceType)
			if !oHas {
				return true
			}
			return probeType(&s.Compute.InstanceType, spec.EC2Types(), func(i spec.Instance) bool {
				alt, has := spec.AlternateInstanceType(i.Type)
				return i.Arch == o.Compute.Architecture && has && alt != oAlt &&
					i.Type != oAlt && alt != o.Compute.InstanceType
			})
		}},
	{name: "compute.alternate_instance_type",
		value: func(s *spec.Spec) any { alt, _ := spec.AlternateInstanceType(s.Compute.InstanceType); return alt },
		blank: func(s *spec.Spec) {}},
	{name: "compute.min_size",
		value: func(s *spec.Spec) any { return float64(s.Compute.MinSize) },
		blank: func(s *spec.Spec) { s.Compute.MinSize = 0 },
		probe: func(s *spec.Spec, o spec.Spec) bool { s.Compute.MinSize++; return true }},
	{name: "compute.desired_capacity",
		value: func(s *spec.Spec) any { return float64(s.Compute.DesiredCapacity) },
		blank: func(s *spec.Spec) { s.Compute.DesiredCapacity = 0 },
		probe: func(s *spec.Spec, o spec.Spec) bool { s.Compute.DesiredCapacity += 2; return true }},
	{name: "compute.max_size",
		value: func(s *spec.Spec) any { return float64(s.Compute.MaxSize) },
		blank: func(s *spec.Spec) { s.Compute.MaxSize = 0 },
		probe: func(s *spec.Spec, o spec.Spec) bool { s.Compute.MaxSize += 3; return true }},
	{name: "compute.target_cpu_percent",
		value: func(s *spec.Spec) any { return float64(s.Compute.TargetCPUPercent) },
		blank: func(s *spec.Spec) { s.Compute.TargetCPUPercent = 0 },
		probe: func(s *spec.Spec, o spec.Spec) bool { return probeInt(&s.Compute.TargetCPUPercent, 4, 1, 100) }},
	{name: "compute.target_requests_per_target",
		value: func(s *spec.Spec) any { return float64(s.Compute.TargetRequestsPerTarget) },
		blank: func(s *spec.Spec) { s.Compute.TargetRequestsPerTarget = 0 },
		probe: func(s *spec.Spec, o spec.Spec) bool {
			return probeInt(&s.Compute.TargetRequestsPerTarget, 5, 1, 1<<30)
		}},
}

// probeInt moves *v by step, or back by step when that leaves [lo, hi].
func probeInt(v *int, step, lo, hi int) bool {
	switch {
	case *v+step <= hi:
		*v += step
	case *v-step >= lo:
		*v -= step
	default:
		return false
	}
	return true
}

// probeType replaces *v with the first other type of the table that ok
// accepts (nil accepts any).
func probeType(v *string, table []spec.Instance, ok func(spec.Instance) bool) bool {
	for _, i := range table {
		if i.Type != *v && (ok == nil || ok(i)) {
			*v = i.Type
			return true
		}
	}
	return false
}

// fillValues reads every fillable value of a spec.
func fillValues(s *spec.Spec) []any {
	vs := make([]any, len(fillables))
	for i, f := range fillables {
		vs[i] = f.value(s)
	}
	return vs
}

// shapeKey identifies the specs one template answers: the spec without its
// fillable values, and the stack that names the URNs. The key is the
// spec's JSON (what Export writes and Preload reads); a spec of a shape
// seen before gets it from shapeKeys, without encoding it again.
func shapeKey(s spec.Spec, stack string) (string, error) {
	for _, f := range fillables {
		f.blank(&s)
	}
	k := blankSpec{s, stack}
	shapeKeys.mu.Lock()
	key, ok := shapeKeys.m[k]
	shapeKeys.mu.Unlock()
	if ok {
		return key, nil
	}
	b, err := json.Marshal(s)
	if err != nil {
		return "", err
	}
	key = stack + " " + string(b)
	shapeKeys.mu.Lock()
	if len(shapeKeys.m) < maxShapeKeys {
		shapeKeys.m[k] = key
	}
	shapeKeys.mu.Unlock()
	return key, nil
}

// blankSpec is a spec without its fillable values, in the stack it is
// named in: the comparable form of a shape key.
type blankSpec struct {
	s     spec.Spec
	stack string
}

const maxShapeKeys = 1024

var shapeKeys = struct {
	mu sync.Mutex
	m  map[blankSpec]string
}{m: map[blankSpec]string{}}

// probeSpec is s with every fillable value changed and the shape kept.
func probeSpec(s spec.Spec) (spec.Spec, error) {
	p := s
	for _, f := range fillables {
		if f.probe != nil && !f.probe(&p, s) {
			return p, fmt.Errorf("no probe value for %s", f.name)
		}
	}
	if err := p.Validate(); err != nil {
		return p, fmt.Errorf("probe spec: %w", err)
	}
	return p, nil
}

// template is the records of one spec with the places its fillable values
// occupy.
type template struct {
	recs      []resource.Record // shared, read-only
	holes     []hole            // ordered by record
	preloaded bool              // from Preload, not learned here
	// variants are the inputs of records filled before, by their values.
	mu       sync.Mutex
	variants map[variantKey]map[string]any
}

// hole is one input that holds a fillable value, or a multiple of one.
type hole struct {
	rec   int
	path  []any // map keys (string) and array indexes (int) from Inputs
	value int   // index into fillables
	scale float64
}

// learn builds the template of a shape from the records of a spec and of
// its probe. It fails when the two differ in anything but inputs that one
// fillable value explains, alone.
func learn(s, p spec.Spec, rs, rp []resource.Record) (*template, error) {
	if len(rs) != len(rp) {
		return nil, fmt.Errorf("%d records, probe %d", len(rs), len(rp))
	}
	vs, vp := fillValues(&s), fillValues(&p)
	t := &template{recs: rs}
	for i := range rs {
		a, b := rs[i], rp[i]
		if a.Type != b.Type || a.Name != b.Name || a.URN != b.URN || a.Parent != b.Parent ||
			a.Component != b.Component || a.ID != b.ID || a.External != b.External ||
			a.Outputs != nil || b.Outputs != nil {
			return nil, fmt.Errorf("record %s differs from the probe's %s outside its inputs", a.URN, b.URN)
		}
		if err := t.compare(i, nil, a.Inputs, b.Inputs, vs, vp); err != nil {
			return nil, fmt.Errorf("%s: %w", a.URN, err)
		}
	}
	// Map order is random: sort, so that a shape always exports the same.
	sort.SliceStable(t.holes, func(i, j int) bool {
		a, b := t.holes[i], t.holes[j]
		if a.rec != b.rec {
			return a.rec < b.rec
		}
		return pathString(a.path) < pathString(b.path)
	})
	// Both runs must come back out of the template exactly.
	if err := equalRecords(t.fill(vs), rs); err != nil {
		return nil, fmt.Errorf("template does not rebuild the spec's run: %w", err)
	}
	if err := equalRecords(t.fill(vp), rp); err != nil {
		return nil, fmt.Errorf("template does not rebuild the probe's run: %w", err)
	}
	return t, nil
}

// compare walks two input values side by side, recording a hole wherever
// they differ.
func (t *template) compare(rec int, path []any, a, b any, vs, vp []any) error {
	switch x := a.(type) {
	case map[string]any:
		y, ok := b.(map[string]any)
		if !ok || len(x) != len(y) {
			return fmt.Errorf("%s: different keys", pathString(path))
		}
		for k, xv := range x {
			yv, ok := y[k]
			if !ok {
				return fmt.Errorf("%s: key %s only in one run", pathString(path), k)
			}
			if err := t.compare(rec, append(path[:len(path):len(path)], k), xv, yv, vs, vp); err != nil {
				return err
			}
		}
		return nil
	case []any:
		y, ok := b.([]any)
		if !ok || len(x) != len(y) {
			return fmt.Errorf("%s: different lengths", pathString(path))
		}
		for i := range x {
			if err := t.compare(rec, append(path[:len(path):len(path)], i), x[i], y[i], vs, vp); err != nil {
				return err
			}
		}
		return nil
	}
	if a == b {
		return nil
	}
	// The value itself first; a multiple only when no value is itself
	// (two fields in proportion, like sizes 4 and 8 probed as 5 and 10,
	// would otherwise explain each other).
	found := -1
	var scale float64
	for _, multiple := range []bool{false, true} {
		for j := range fillables {
			sc, ok := explains(a, b, vs[j], vp[j])
			if !ok || (sc != 0) != multiple {
				continue
			}
			if found >= 0 {
				return fmt.Errorf("%s: both %s and %s explain %v", pathString(path), fillables[found].name, fillables[j].name, a)
			}
			found, scale = j, sc
		}
		if found >= 0 {
			break
		}
	}
	if found < 0 {
		return fmt.Errorf("%s: %v (probe %v) is no fillable value", pathString(path), a, b)
	}
	t.holes = append(t.holes, hole{rec: rec, path: path, value: found, scale: scale})
	return nil
}

// explains reports whether an input that is a in the spec's run and b in
// the probe's is the fillable value (scale 0) or the same multiple of it in
// both runs.
func explains(a, b, va, vb any) (float64, bool) {
	if a == va && b == vb {
		return 0, true
	}
	fa, ok1 := a.(float64)
	fb, ok2 := b.(float64)
	xa, ok3 := va.(float64)
	xb, ok4 := vb.(float64)
	if !ok1 || !ok2 || !ok3 || !ok4 || xa == 0 {
		return 0, false
	}
	k := fa / xa
	if k == 1 || k == 0 || k*xa != fa || k*xb != fb {
		return 0, false
	}
	return k, true
}

func pathString(path []any) string {
	var b strings.Builder
	b.WriteString("inputs")
	for _, p := range path {
		switch p := p.(type) {
		case string:
			b.WriteString("." + p)
		case int:
			fmt.Fprintf(&b, "[%d]", p)
		}
	}
	return b.String()
}

// fill returns the template's records with another spec's values. Records
// and containers without holes are shared with the template.
func (t *template) fill(vals []any) []resource.Record {
	out := append([]resource.Record(nil), t.recs...)
	for i := 0; i < len(t.holes); {
		j := i
		for j < len(t.holes) && t.holes[j].rec == t.holes[i].rec {
			j++
		}
		out[t.holes[i].rec].Inputs = t.variant(t.holes[i:j], vals)
		i = j
	}
	return out
}

// maxVariantHoles and maxVariants bound the variants a template keeps.
const (
	maxVariantHoles = 8
	maxVariants     = 4096
)

// variantKey is one record's filled values.
type variantKey struct {
	rec  int
	vals [maxVariantHoles]any
}

// variant returns the inputs of one record (holes are its holes) filled
// with vals. A record filled with the values it was filled with before
// gets the same map back: records are read-only, and a pricing memo
// (pricing.Memo) knows a record it priced by its maps.
func (t *template) variant(holes []hole, vals []any) map[string]any {
	key := variantKey{rec: holes[0].rec}
	cacheable := len(holes) <= maxVariantHoles
	filled := make([]any, len(holes))
	for k, h := range holes {
		v := vals[h.value]
		if h.scale != 0 && v != nil {
			v = v.(float64) * h.scale
		}
		filled[k] = v
		if cacheable {
			key.vals[k] = v
		}
	}
	if cacheable {
		t.mu.Lock()
		m, ok := t.variants[key]
		t.mu.Unlock()
		if ok {
			return m
		}
	}
	m := cloneMap(t.recs[key.rec].Inputs)
	for k, h := range holes {
		setPath(m, h.path, filled[k])
	}
	if cacheable {
		t.mu.Lock()
		// A full cache starts again rather than stop learning: a long
		// session's new values (a band's storage follows every sample)
		// would otherwise leave every later fill with fresh maps, which no
		// pricing memo recognises.
		if t.variants == nil || len(t.variants) >= maxVariants {
			t.variants = map[variantKey]map[string]any{}
		}
		t.variants[key] = m
		t.mu.Unlock()
	}
	return m
}

// setPath writes v at path, copying each container on the way so that the
// template's own stay unchanged. The top map is already a copy.
func setPath(m map[string]any, path []any, v any) {
	var cur any = m
	for i, p := range path {
		last := i == len(path)-1
		switch c := cur.(type) {
		case map[string]any:
			k := p.(string)
			if last {
				c[k] = v
				return
			}
			next := cloneContainer(c[k])
			c[k] = next
			cur = next
		case []any:
			k := p.(int)
			if last {
				c[k] = v
				return
			}
			next := cloneContainer(c[k])
			c[k] = next
			cur = next
		}
	}
}

func cloneContainer(v any) any {
	switch x := v.(type) {
	case map[string]any:
		return cloneMap(x)
	case []any:
		return append([]any(nil), x...)
	}
	return v
}

func cloneMap(m map[string]any) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// shapes holds the learned templates by shape key. A shape whose probe
// failed keeps its error, so its specs go straight to the mocked run.
var shapes = &shapeCache{max: 64, entries: map[string]*shape{}}

type shapeCache struct {
	mu      sync.Mutex
	max     int
	entries map[string]*shape
	order   []string // oldest first
}

// shape is one shape key's template, being learned until done is closed.
type shape struct {
	done chan struct{}
	tmpl *template
	err  error
}

// TemplateStats counts how Records answered since the process started:
// from a template (Preloaded of them from a
// preloaded one), by learning one (two mocked runs), or by the mocked run
// alone.
type TemplateStats struct {
	Filled, Preloaded, Learned, Mocked int64
}

var stats struct{ filled, preloaded, learned, mocked atomic.Int64 }

// Stats returns the counts so far.
func Stats() TemplateStats {
	return TemplateStats{Filled: stats.filled.Load(), Preloaded: stats.preloaded.Load(),
		Learned: stats.learned.Load(), Mocked: stats.mocked.Load()}
}

// fillCounted fills a template and counts it.
func fillCounted(t *template, s *spec.Spec) []resource.Record {
	stats.filled.Add(1)
	if t.preloaded {
		stats.preloaded.Add(1)
	}
	return t.fill(fillValues(s))
}

// ResetTemplates forgets every learned template and captured run, as in a
// new process (the counts of Stats go on); benchmarks of a cold start
// call it.
func ResetTemplates() {
	shapes.mu.Lock()
	shapes.entries, shapes.order = map[string]*shape{}, nil
	shapes.mu.Unlock()
	captures.mu.Lock()
	captures.entries = map[string]*list.Element{}
	captures.order.Init()
	captures.mu.Unlock()
}

// Records returns the records the program creates for opts.Spec: filled
// into the template of its shape when one was learned, else from the
// mocked run (Capture), learning the shape's template on the way. Options
// without a spec go to Capture. Records are shared; callers must not change
// them.
func Records(opts CaptureOptions) ([]resource.Record, error) {
	if opts.Spec == nil {
		return Capture(opts)
	}
	s := *opts.Spec
	stack := opts.Stack
	if stack == "" {
		stack = "whatif"
	}
	key, err := shapeKey(s, stack)
	if err != nil {
		return nil, fmt.Errorf("capture: encode spec: %w", err)
	}
	shapes.mu.Lock()
	sh, known := shapes.entries[key]
	if !known {
		sh = &shape{done: make(chan struct{})}
		shapes.add(key, sh)
	}
	shapes.mu.Unlock()
	if known {
		<-sh.done
		if sh.tmpl == nil {
			stats.mocked.Add(1)
			return Capture(opts)
		}
		return fillCounted(sh.tmpl, &s), nil
	}
	defer close(sh.done)
	if t := preloadedTemplate(key); t != nil {
		sh.tmpl = t
		return fillCounted(t, &s), nil
	}
	// Learn: the spec and its probe run at once.
	p, perr := probeSpec(s)
	var rp []resource.Record
	probed := make(chan struct{})
	if perr == nil {
		go func() {
			defer close(probed)
			po := opts
			po.Spec = &p
			rp, perr = Capture(po)
		}()
	} else {
		close(probed)
	}
	rs, err := Capture(opts)
	<-probed
	if err != nil {
		sh.err = err
		shapes.forget(key, sh) // a failed run teaches nothing
		return nil, err
	}
	if perr == nil {
		sh.tmpl, perr = learn(s, p, rs, rp)
	}
	if perr != nil {
		sh.err = perr
		stats.mocked.Add(1)
		return rs, nil
	}
	stats.learned.Add(1)
	return rs, nil
}

func (c *shapeCache) add(key string, sh *shape) {
	c.entries[key] = sh
	c.order = append(c.order, key)
	for len(c.order) > c.max {
		delete(c.entries, c.order[0])
		c.order = c.order[1:]
	}
}

func (c *shapeCache) forget(key string, sh *shape) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.entries[key] == sh {
		delete(c.entries, key)
	}
}

// equalRecords reports whether two record lists are the same, field by
// field (tests and the learning check use it).
func equalRecords(a, b []resource.Record) error {
	if len(a) != len(b) {
		return fmt.Errorf("%d records, want %d", len(a), len(b))
	}
	for i := range a {
		if !reflect.DeepEqual(a[i], b[i]) {
			x, _ := json.Marshal(a[i])
			y, _ := json.Marshal(b[i])
			return fmt.Errorf("record %d differs:\n got %s\nwant %s", i, x, y)
		}
	}
	return nil
}
