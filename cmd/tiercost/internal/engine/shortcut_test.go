package engine

import (
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"reflect"
	"runtime"
	"sync"
	"testing"

	"github.com/tiercost/tiercost/components/spec"
	"github.com/tiercost/tiercost/costmodel/catalog"
	"github.com/tiercost/tiercost/costmodel/pricing"
	"github.com/tiercost/tiercost/costmodel/resource"
	"github.com/tiercost/tiercost/environments"
	"github.com/tiercost/tiercost/stacks"
)

// TestShortcutMatchesMockedRun is the property test of the estimate's
// shortcut (stacks.Records: a spec's sized values filled into a template of
// its shape) against the reference, the program run under Pulumi mocks
// (stacks.Capture): over generated specs, the records are equal in every
// field and price to the same total, to the cent, with the same count of
// unpriced lines. The specs come in groups of one shape (the same
// switches, counts, region, names) and different sizes (instance type,
// group sizes and targets, database class, storage, IOPS and throughput,
// cache node type), so that most are answered from a template learned
// from another spec of the group, or embedded (templates.jsonl). The
// shapes cover every tier and environment as sized, and random ones: two
// or three AZs and every NAT layout, CDN and its price class, WAF with and
// without a rate rule, every domain layout, image or AMI, sharded and
// replicated databases, Multi-AZ, storage types, cluster-mode caches,
// alarms, dashboards, regions.
func TestShortcutMatchesMockedRun(t *testing.T) {
	groups, perGroup := 170, 6 // 1,020 specs
	if testing.Short() {
		groups = 24
	}
	rng := rand.New(rand.NewPCG(18, 1000))
	gen := newSpecGen(t, rng)
	type job struct {
		stack string
		specs []spec.Spec
	}
	jobs := make([]job, groups)
	for g := range jobs {
		base, stack := gen.shape(g)
		jobs[g] = job{stack: stack, specs: make([]spec.Spec, perGroup)}
		for v := range jobs[g].specs {
			jobs[g].specs[v] = gen.sizes(base)
		}
	}

	before := stacks.Stats()
	cat := catalog.Default()
	var mu sync.Mutex
	compared, failures := 0, 0
	work := make(chan job)
	var wg sync.WaitGroup
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range work {
				for _, s := range j.specs {
					err := compareShortcut(cat, s, j.stack)
					mu.Lock()
					compared++
					if err != nil {
						failures++
						if failures <= 5 {
							b, _ := json.Marshal(s)
							t.Errorf("%v\n(stack %s, spec %s)", err, j.stack, b)
						}
					}
					mu.Unlock()
				}
			}
		}()
	}
	for _, j := range jobs {
		work <- j
	}
	close(work)
	wg.Wait()

	after := stacks.Stats()
	filled, learned, mocked := after.Filled-before.Filled, after.Learned-before.Learned, after.Mocked-before.Mocked
	t.Logf("%d specs in %d shapes: %d filled from a template (%d of them embedded), %d learned a template, %d mocked only; %d differ",
		compared, groups, filled, after.Preloaded-before.Preloaded, learned, mocked, failures)
	if failures > 0 {
		t.Fatalf("%d of %d specs: the shortcut differs from the mocked run", failures, compared)
	}
	// The test proves nothing if the shortcut was not taken.
	if filled < int64(compared)*2/3 || after.Preloaded == before.Preloaded {
		t.Errorf("only %d of %d specs filled from a template (%d from the embedded ones)", filled, compared, after.Preloaded-before.Preloaded)
	}
}

// compareShortcut answers one spec both ways and compares the records and
// their priced totals.
func compareShortcut(cat *catalog.Catalog, s spec.Spec, stack string) error {
	got, err := stacks.Records(stacks.CaptureOptions{Spec: &s, Stack: stack})
	if err != nil {
		return fmt.Errorf("shortcut: %w", err)
	}
	// Another folder keys the reference apart from any run the shortcut
	// captured while learning: this is a run of its own.
	want, err := stacks.Capture(stacks.CaptureOptions{Spec: &s, Stack: stack, WorkDir: "reference-run"})
	if err != nil {
		return fmt.Errorf("mocked run: %w", err)
	}
	if len(got) != len(want) {
		return fmt.Errorf("%d records, mocked run %d", len(got), len(want))
	}
	for i := range got {
		if d := recordDiff(got[i], want[i]); d != "" {
			return fmt.Errorf("record %d (%s %s): %s", i, want[i].Type, want[i].Name, d)
		}
	}
	price := func(recs []resource.Record) (pricing.Breakdown, error) {
		return pricing.Price(recs, pricing.Options{Project: stack, Region: s.Region, Catalog: cat})
	}
	bg, err := price(got)
	if err != nil {
		return err
	}
	bw, err := price(want)
	if err != nil {
		return err
	}
	if g, w := bg.TotalMonthlyCost.StringFixed(2), bw.TotalMonthlyCost.StringFixed(2); g != w || bg.MissingPrices != bw.MissingPrices {
		return fmt.Errorf("total $%s with %d unpriced, mocked run $%s with %d", g, bg.MissingPrices, w, bw.MissingPrices)
	}
	return nil
}

// recordDiff names the first field where two records differ ("" when
// they are equal): an input by its path, with both values.
func recordDiff(got, want resource.Record) string {
	if reflect.DeepEqual(got, want) {
		return ""
	}
	g, w := got, want
	g.Inputs, w.Inputs = nil, nil
	if !reflect.DeepEqual(g, w) {
		gb, _ := json.Marshal(g)
		wb, _ := json.Marshal(w)
		return fmt.Sprintf("shortcut %s, mocked run %s", gb, wb)
	}
	return valueDiff("inputs", got.Inputs, want.Inputs)
}

func valueDiff(path string, got, want any) string {
	switch w := want.(type) {
	case map[string]any:
		if g, ok := got.(map[string]any); ok {
			for k := range w {
				if d := valueDiff(path+"."+k, g[k], w[k]); d != "" {
					return d
				}
			}
			for k := range g {
				if _, ok := w[k]; !ok {
					return fmt.Sprintf("%s.%s: shortcut %v, not in the mocked run", path, k, g[k])
				}
			}
			return ""
		}
	case []any:
		if g, ok := got.([]any); ok && len(g) == len(w) {
			for i := range w {
				if d := valueDiff(fmt.Sprintf("%s[%d]", path, i), g[i], w[i]); d != "" {
					return d
				}
			}
			return ""
		}
	}
	if reflect.DeepEqual(got, want) {
		return ""
	}
	return fmt.Sprintf("%s: shortcut %v, mocked run %v", path, got, want)
}

// specGen draws valid specs.
type specGen struct {
	t       *testing.T
	rng     *rand.Rand
	bases   []namedSpec // every tier and environment as sized
	regions []string
}

type namedSpec struct {
	stack string
	spec  spec.Spec
}

func newSpecGen(t *testing.T, rng *rand.Rand) *specGen {
	g := &specGen{t: t, rng: rng, regions: append(catalog.Default().PricedRegions(), "ap-south-2")}
	for _, env := range environments.Names() {
		p, err := environments.Load(env, t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		r, err := stacks.Resolve(p)
		if err != nil {
			t.Fatal(err)
		}
		g.bases = append(g.bases, namedSpec{env, r.Spec})
	}
	for _, tier := range spec.Tiers {
		r, err := stacks.ResolveTier(tier)
		if err != nil {
			t.Fatal(err)
		}
		g.bases = append(g.bases, namedSpec{tier, r.Spec})
	}
	return g
}

func (g *specGen) pick(n int) int         { return g.rng.IntN(n) }
func (g *specGen) coin() bool             { return g.rng.IntN(2) == 0 }
func (g *specGen) between(lo, hi int) int { return lo + g.rng.IntN(hi-lo+1) }

// shape returns group i's shape: every fifth group an environment or tier
// exactly as sized (their templates are embedded), the others that spec
// with its switches, counts, region and names drawn at random.
func (g *specGen) shape(i int) (spec.Spec, string) {
	b := g.bases[g.pick(len(g.bases))]
	if i%5 == 0 {
		return b.spec, b.stack
	}
	for tries := 0; tries < 100; tries++ {
		s := b.spec
		g.switches(&s)
		if err := s.Validate(); err == nil {
			return s, []string{"whatif", b.stack, "qa"}[g.pick(3)]
		}
	}
	g.t.Fatal("no valid shape in 100 draws")
	return spec.Spec{}, ""
}

func (g *specGen) switches(s *spec.Spec) {
	s.Environment = []string{"", "dev", "staging", "prod"}[g.pick(4)]
	s.Tier = spec.Tiers[g.pick(len(spec.Tiers))]
	s.Region = g.regions[g.pick(len(g.regions))]
	s.Network.AZCount = g.between(2, 3)
	s.Network.NATMode = []string{spec.NATNone, spec.NATSingle, spec.NATPerAZ}[g.pick(3)]
	s.CDN.Enabled = g.coin()
	s.CDN.PriceClass = []string{"PriceClass_100", "PriceClass_200", "PriceClass_All"}[g.pick(3)]
	s.LoadBalancer.CertificateARN, s.CDN.CertificateARN = "", ""
	switch g.pick(4) {
	case 0:
		s.Domain = spec.DomainSpec{}
	case 1:
		s.Domain = spec.DomainSpec{Name: "app.example.com", Zone: "example.com"}
	case 2:
		s.Domain = spec.DomainSpec{Name: "shop.example.org", ZoneID: "Z0123456789ABC"}
	case 3:
		s.Domain = spec.DomainSpec{Name: "www.example.net"}
		s.LoadBalancer.CertificateARN = "arn:aws:acm:" + s.Region + ":123456789012:certificate/alb"
		if s.CDN.Enabled && s.Region != "us-east-1" {
			s.CDN.CertificateARN = "arn:aws:acm:us-east-1:123456789012:certificate/cdn"
		}
	}
	switch g.pick(3) {
	case 0:
		s.App = spec.AppSpec{Image: spec.DemoImage, ContainerPort: spec.DemoContainerPort}
	case 1:
		s.App = spec.AppSpec{Image: "ghcr.io/example/shop:1.2.3", ContainerPort: 8000, Command: "serve --port 8000",
			Env: "MODE=production\nLOG_LEVEL=info", Secrets: "DB_URL=ssm:/shop/db-url\nSTRIPE_KEY=secretsmanager:shop/stripe"}
	case 2:
		s.App = spec.AppSpec{AMI: "ami-0123456789abcdef0", UserData: "systemctl start shop", Env: "MODE=production"}
	}
	sec := &s.Security
	sec.WAF = g.coin()
	sec.WAFRateLimit = []int{0, 10, 2000, 100000}[g.pick(4)]
	sec.FlowLogs, sec.AccessLogs, sec.DeletionProtection, sec.VPCEndpoints = g.coin(), g.coin(), g.coin(), g.coin()
	sec.LogRetentionDays = []int{1, 30, 90, 3650}[g.pick(4)]

	d := &s.Database
	d.Shards = g.between(1, 3)
	d.Sharded = d.Shards > 1 || g.coin()
	d.ReadReplicas = g.between(0, 3)
	d.MultiAZ = g.coin()
	d.StorageType = []string{"gp2", "gp3", "io1", "io2"}[g.pick(4)]
	d.IOPS, d.StorageThroughput = 0, 0
	if g.coin() {
		d.IOPS = 3000
	}
	if d.StorageType == "gp3" && g.coin() {
		d.StorageThroughput = 125
	}
	d.BackupRetentionDays = g.between(0, 35)
	d.DeletionProtection, d.IAMAuth, d.LogExports = g.coin(), g.coin(), g.coin()
	d.MonitoringInterval = []int{0, 60}[g.pick(2)]
	d.Port = []int{5432, 5433}[g.pick(2)]

	c := &s.Cache
	c.Enabled = g.coin()
	c.Engine, c.EngineVersion = []string{"valkey", "redis"}[g.pick(2)], "7.1"
	if c.Engine == "valkey" {
		c.EngineVersion = "8.0"
	}
	c.ClusterMode = g.coin()
	c.Shards = 1
	if c.ClusterMode {
		c.Shards = g.between(1, 4)
	}
	c.ReplicasPerShard = g.between(0, 2)
	c.SnapshotRetentionDays = []int{0, 1, 7}[g.pick(3)]

	s.Compute.Architecture = []string{spec.ArchARM64, spec.ArchX86}[g.pick(2)]
	s.Compute.InstanceType = g.instance(s.Compute.Architecture)
	s.Compute.ScalingPolicies = g.coin()
	s.Compute.RootVolumeGB = g.between(8, 100)
	o := &s.Observability
	o.LogRetentionDays = []int{1, 7, 30, 90, 365}[g.pick(5)]
	o.Alarms, o.Dashboard, o.DetailedMonitoring = g.coin(), g.coin(), g.coin()
	o.AlarmEmail = []string{"", "ops@example.com"}[g.pick(2)]
}

// sizes returns the shape with every sized value drawn anew: what a
// what-if, a band's sample or the next action changes.
func (g *specGen) sizes(base spec.Spec) spec.Spec {
	for tries := 0; tries < 100; tries++ {
		s := base
		c := &s.Compute
		// Mostly within the architecture; the key then keeps the shape
		// when the type has an alternate exactly when the base's has.
		c.InstanceType = g.instance(c.Architecture)
		c.MinSize = g.between(1, 6)
		c.DesiredCapacity = c.MinSize + g.between(0, 6)
		c.MaxSize = c.DesiredCapacity + g.between(0, 20)
		c.TargetCPUPercent = g.between(20, 90)
		c.TargetRequestsPerTarget = g.between(1, 5000)
		d := &s.Database
		d.InstanceClass = spec.RDSClasses()[g.pick(len(spec.RDSClasses()))].Type
		// Log-uniform from 20 GB to 64 TiB, as sizing spreads them.
		d.AllocatedStorageGB = int(math.Round(20 * math.Pow(65536.0/20, g.rng.Float64())))
		if d.IOPS > 0 {
			d.IOPS = g.between(1000, 64000)
		}
		if d.StorageThroughput > 0 {
			d.StorageThroughput = g.between(125, 1000)
		}
		s.Cache.NodeType = spec.CacheNodeTypes()[g.pick(len(spec.CacheNodeTypes()))].Type
		if err := s.Validate(); err == nil {
			return s
		}
	}
	g.t.Fatal("no valid sizes in 100 draws")
	return spec.Spec{}
}

func (g *specGen) instance(arch string) string {
	var types []string
	for _, i := range spec.EC2Types() {
		if i.Arch == arch {
			types = append(types, i.Type)
		}
	}
	return types[g.pick(len(types))]
}
