package stacks

import (
	"container/list"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"

	sdkresource "github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/tokens"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/tiercost/tiercost/components/spec"
	"github.com/tiercost/tiercost/costmodel/resource"
)

// MockAccount is the account id in every ARN the mocked run invents.
const MockAccount = "123456789012"

// MockALBZoneID is the hosted zone the mocked run gives load balancers.
const MockALBZoneID = "ZMOCKALBZONE01"

// CaptureOptions selects what to run. Spec wins over Environment, which
// wins over Tier (the same precedence as the stack config).
type CaptureOptions struct {
	Environment string
	Tier        string
	Spec        *spec.Spec
	// WorkDir is the project root; <WorkDir>/environments/<env>.yaml
	// replaces the embedded profile when present.
	WorkDir string
	// Stack names the stack in URNs; default: the environment, else the
	// tier, else "whatif".
	Stack string
}

// Capture runs the program in-process under Pulumi mocks and returns every
// registered resource (providers and components included, the root stack
// excluded), sorted by URN. Two runs with the same options return the same
// records.
func Capture(opts CaptureOptions) ([]resource.Record, error) {
	cfg := map[string]string{}
	cacheKey := ""
	switch {
	case opts.Spec != nil:
		b, err := json.Marshal(opts.Spec)
		if err != nil {
			return nil, fmt.Errorf("capture: encode spec: %w", err)
		}
		cfg[ConfigSpec] = string(b)
		cacheKey = string(b) + "\x00" + opts.Stack + "\x00" + opts.WorkDir
		if recs, ok := captures.get(cacheKey); ok {
			return recs, nil
		}
	case opts.Environment != "":
		cfg[ConfigEnvironment] = opts.Environment
	case opts.Tier != "":
		cfg[ConfigTier] = opts.Tier
	default:
		return nil, errors.New("capture: set one of Environment, Tier or Spec")
	}
	stack := opts.Stack
	if stack == "" {
		switch {
		case opts.Spec != nil:
			stack = "whatif"
		case opts.Environment != "":
			stack = opts.Environment
		default:
			stack = opts.Tier
		}
	}

	// Mock ARNs carry the region. With a spec it is known; otherwise the
	// program resolves the environment itself, and the records' region is
	// a placeholder that nothing prices by (the provider record holds the
	// real one).
	m := &recorder{stack: stack, region: "us-east-1"}
	if opts.Spec != nil {
		m.region = opts.Spec.Region
	}
	run := func() error {
		return pulumi.RunErr(estimateProgram,
			pulumi.WithMocks(Project, stack, m),
			func(ri *pulumi.RunInfo) {
				// Replace, not merge: PULUMI_CONFIG from the environment
				// must not leak into an estimate.
				ri.Config = cfg
				ri.ConfigSecretKeys = nil
				ri.RootDirectory = opts.WorkDir
				ri.DryRun = false
			})
	}
	// The SDK walks the whole caller stack at every registration to
	// record where the resource was declared. On a new goroutine that
	// stack starts here instead of under the CLI, the TUI or a test.
	done := make(chan error, 1)
	go func() { done <- run() }()
	err := <-done
	if err != nil {
		return nil, fmt.Errorf("capture %s: %w", stack, err)
	}
	recs := m.records()
	resource.Sort(recs)
	if cacheKey != "" {
		captures.put(cacheKey, recs)
	}
	return recs, nil
}

// captures remembers the records of recent specs: the program is a pure
// function of its spec and stack name, and the what-ifs, the curve and
// the next action's before-and-after estimates revisit the same specs.
// Records from the cache are shared; callers must not change them.
var captures = &captureCache{max: 64, entries: map[string]*list.Element{}, order: list.New()}

type captureCache struct {
	mu      sync.Mutex
	max     int
	entries map[string]*list.Element
	order   *list.List // front = most recent
}

type captured struct {
	key  string
	recs []resource.Record
}

func (c *captureCache) get(key string) ([]resource.Record, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[key]
	if !ok {
		return nil, false
	}
	c.order.MoveToFront(e)
	return e.Value.(*captured).recs, true
}

func (c *captureCache) put(key string, recs []resource.Record) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.entries[key]; ok {
		c.order.MoveToFront(e)
		return
	}
	c.entries[key] = c.order.PushFront(&captured{key, recs})
	for c.order.Len() > c.max {
		last := c.order.Back()
		c.order.Remove(last)
		delete(c.entries, last.Value.(*captured).key)
	}
}

// ResourcesJSON renders records as {"resources":[...]}, indented. Map keys
// come out sorted, so equal records give equal bytes.
func ResourcesJSON(recs []resource.Record) ([]byte, error) {
	if recs == nil {
		recs = []resource.Record{}
	}
	b, err := json.MarshalIndent(struct {
		Resources []resource.Record `json:"resources"`
	}{recs}, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

// recorder is the mock resource monitor: it records each registration and
// answers with the inputs plus the few outputs dependents read.
type recorder struct {
	stack, region string

	mu   sync.Mutex
	recs []resource.Record
}

func (m *recorder) records() []resource.Record {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]resource.Record(nil), m.recs...)
}

func (m *recorder) NewResource(a pulumi.MockResourceArgs) (string, sdkresource.PropertyMap, error) {
	parent := ""
	if a.RegisterRPC != nil {
		parent = a.RegisterRPC.GetParent()
	}
	id := ""
	if a.Custom {
		id = a.Name + "_id"
	}
	rec := resource.Record{
		Type:      a.TypeToken,
		Name:      a.Name,
		URN:       mockURN(m.stack, parent, a.TypeToken, a.Name),
		Parent:    parent,
		Component: !a.Custom,
		ID:        id,
		Inputs:    PlainMap(a.Inputs),
	}
	m.mu.Lock()
	m.recs = append(m.recs, rec)
	m.mu.Unlock()
	return id, m.outputs(a), nil
}

func (m *recorder) Call(a pulumi.MockCallArgs) (sdkresource.PropertyMap, error) {
	return sdkresource.PropertyMap{}, nil
}

// outputs echoes the inputs and adds plausible computed values.
func (m *recorder) outputs(a pulumi.MockResourceArgs) sdkresource.PropertyMap {
	out := a.Inputs.Copy()
	put := func(k, v string) {
		if _, ok := out[sdkresource.PropertyKey(k)]; !ok {
			out[sdkresource.PropertyKey(k)] = sdkresource.NewStringProperty(v)
		}
	}
	svc := "aws"
	if parts := strings.Split(a.TypeToken, ":"); len(parts) == 3 {
		svc, _, _ = strings.Cut(parts[1], "/")
	}
	put("arn", fmt.Sprintf("arn:aws:%s:%s:%s:%s", svc, m.region, MockAccount, a.Name))
	put("name", a.Name)
	switch a.TypeToken {
	case resource.TypeLoadBalancer:
		put("dnsName", a.Name+"."+m.region+".elb.amazonaws.com")
		put("arnSuffix", "app/"+a.Name+"/0123456789abcdef")
		put("zoneId", MockALBZoneID)
	case resource.TypeLaunchTemplate:
		if _, ok := out["latestVersion"]; !ok {
			out["latestVersion"] = sdkresource.NewNumberProperty(1)
		}
	case resource.TypeVpc:
		put("defaultNetworkAclId", a.Name+"-default-acl_id")
		put("defaultSecurityGroupId", a.Name+"-default-sg_id")
	case resource.TypeCertificate:
		// One CNAME per name, as ACM returns for DNS validation.
		if _, ok := out["domainValidationOptions"]; !ok {
			names := []string{}
			if v := out["domainName"]; v.IsString() {
				names = append(names, v.StringValue())
			}
			if v := out["subjectAlternativeNames"]; v.IsArray() {
				for _, n := range v.ArrayValue() {
					if n.IsString() {
						names = append(names, n.StringValue())
					}
				}
			}
			var dvos []sdkresource.PropertyValue
			for _, n := range names {
				dvos = append(dvos, sdkresource.NewObjectProperty(sdkresource.NewPropertyMapFromMap(map[string]any{
					"domainName": n, "resourceRecordName": "_0123456789abcdef." + n + ".",
					"resourceRecordType": "CNAME", "resourceRecordValue": "_fedcba9876543210.acm-validations.aws.",
				})))
			}
			out["domainValidationOptions"] = sdkresource.NewArrayProperty(dvos)
		}
	case resource.TypeRoute53Record:
		if v := out["name"]; v.IsString() {
			put("fqdn", strings.TrimSuffix(v.StringValue(), "."))
		}
	case resource.TypeRoute53Zone:
		put("zoneId", "Z0123456789MOCKZONE")
		if _, ok := out["nameServers"]; !ok {
			out["nameServers"] = sdkresource.NewArrayProperty([]sdkresource.PropertyValue{
				sdkresource.NewStringProperty("ns-1.awsdns-00.org"), sdkresource.NewStringProperty("ns-2.awsdns-00.net"),
			})
		}
	case resource.TypeKMSKey:
		put("keyId", a.Name+"-key-id")
	case resource.TypeTargetGroup:
		put("arnSuffix", "targetgroup/"+a.Name+"/0123456789abcdef")
	case resource.TypeRDSInstance:
		put("identifier", a.Name)
		if ident := out["identifier"]; ident.IsString() {
			put("endpoint", ident.StringValue()+".abcdefghijkl."+m.region+".rds.amazonaws.com:5432")
		}
	case resource.TypeBucketV2:
		put("bucket", a.Name)
		put("bucketRegionalDomainName", a.Name+".s3."+m.region+".amazonaws.com")
		put("bucketDomainName", a.Name+".s3.amazonaws.com")
	case resource.TypeCloudFront:
		put("domainName", a.Name+".cloudfront.net")
	}
	return out
}

// mockURN builds the URN the mock monitor gives a resource, so records'
// URN and Parent fields match.
func mockURN(stack, parent, typ, name string) string {
	parentType := tokens.Type("")
	if p := sdkresource.URN(parent); p != "" && p.QualifiedType() != sdkresource.RootStackType {
		parentType = p.QualifiedType()
	}
	return string(sdkresource.NewURN(tokens.QName(stack), tokens.PackageName(Project), parentType, tokens.Type(typ), name))
}

// PlainMap converts a property map to JSON-like values: secrets unwrapped,
// unknowns as nil, numbers as float64.
func PlainMap(pm sdkresource.PropertyMap) map[string]any {
	out := make(map[string]any, len(pm))
	keys := make([]string, 0, len(pm))
	for k := range pm {
		keys = append(keys, string(k))
	}
	sort.Strings(keys)
	for _, k := range keys {
		out[k] = Plain(pm[sdkresource.PropertyKey(k)])
	}
	return out
}

// Plain converts one property value (see PlainMap).
func Plain(v sdkresource.PropertyValue) any {
	switch {
	case v.IsNull():
		return nil
	case v.IsBool():
		return v.BoolValue()
	case v.IsNumber():
		return v.NumberValue()
	case v.IsString():
		return v.StringValue()
	case v.IsArray():
		arr := v.ArrayValue()
		out := make([]any, len(arr))
		for i, e := range arr {
			out[i] = Plain(e)
		}
		return out
	case v.IsObject():
		return PlainMap(v.ObjectValue())
	case v.IsSecret():
		return Plain(v.SecretValue().Element)
	case v.IsComputed():
		return nil
	case v.IsOutput():
		o := v.OutputValue()
		if !o.Known {
			return nil
		}
		return Plain(o.Element)
	case v.IsResourceReference():
		ref := v.ResourceReferenceValue()
		if id, ok := ref.IDString(); ok && id != "" {
			return id
		}
		return string(ref.URN)
	case v.IsAsset(), v.IsArchive():
		return nil
	}
	return nil
}
