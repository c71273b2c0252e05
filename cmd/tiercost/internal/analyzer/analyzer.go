// Package analyzer owns tiercost's Pulumi analyzer: a gRPC server of
// Pulumi's analyzer protocol (pulumirpc.Analyzer) that prices every
// resource of any Pulumi program as the engine sees it during `pulumi
// preview` and `pulumi up`. Analyze keeps each resource's inputs;
// AnalyzeStack turns the whole stack into resource records, prices them
// with the pricing package (offline, embedded catalog, optional usage
// file), and answers with one advisory diagnostic per resource, one for
// the stack total, and one per cost gate (package gate), mandatory when it
// fails, so a broken budget or increase threshold fails the preview.
package analyzer

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"github.com/shopspring/decimal"
	"github.com/tiercost/tiercost/costmodel/catalog"
	"github.com/tiercost/tiercost/costmodel/gate"
	"github.com/tiercost/tiercost/costmodel/inputfile"
	"github.com/tiercost/tiercost/costmodel/money"
	"github.com/tiercost/tiercost/costmodel/pricing"
	tcresource "github.com/tiercost/tiercost/costmodel/resource"
	"github.com/tiercost/tiercost/costmodel/usage"
	"google.golang.org/protobuf/types/known/emptypb"
	"google.golang.org/protobuf/types/known/structpb"
)

// Name is the policy pack's name, as Pulumi shows it.
const Name = "tiercost"

// Policy names of the diagnostics.
const (
	PolicyResource = "resource-monthly-cost"
	PolicyStack    = "stack-monthly-cost"
	// A gate's policy is "cost-" + the gate's name (cost-budget, ...).
	gatePrefix = "cost-"
)

// Options configure the analyzer; the CLI fills them from the policy
// pack's runtime options and the stack's config.
type Options struct {
	Version string
	Catalog *catalog.Catalog
	Usage   *usage.Usage
	// Region is used when no aws provider names one.
	Region   string
	Purchase pricing.PurchaseOptions
	Limits   gate.Limits
	// Budgets is a budgets file whose entry for the stack is its budget.
	Budgets *gate.Budgets
	// Baseline is what the stack cost before, for the increase gates.
	Baseline     *pricing.Breakdown
	BaselineName string
}

// Server implements pulumirpc.AnalyzerServer.
type Server struct {
	pulumirpc.UnimplementedAnalyzerServer
	opts Options
	// load, when set, reads the options from the policy pack folder the
	// engine names in Handshake (its PulumiPolicy.yaml); see WithLoader.
	load func(dir string) (Options, bool, error)

	mu sync.Mutex
	// inputs are the properties Analyze saw, by URN: AnalyzeStack gets the
	// resources' outputs, which for a create in a preview may lack inputs.
	inputs map[string]map[string]any
	stack  string
	config map[string]string
}

// New returns an analyzer server.
func New(opts Options) *Server {
	return &Server{opts: withDefaults(opts), inputs: map[string]map[string]any{}}
}

func withDefaults(opts Options) Options {
	if opts.Region == "" {
		opts.Region = "us-east-1"
	}
	if opts.Version == "" {
		opts.Version = "0.0.0"
	}
	return opts
}

// WithLoader makes Handshake read the options from the folder the engine
// names as the policy pack's root: a binary policy pack is started with
// the engine's address only, and its options sit beside it in
// PulumiPolicy.yaml. load returns false when the folder has none.
func (s *Server) WithLoader(load func(dir string) (Options, bool, error)) *Server {
	s.load = load
	return s
}

// Handshake accepts the engine and, with a loader, takes the options from
// the policy pack's folder.
func (s *Server) Handshake(_ context.Context, req *pulumirpc.AnalyzerHandshakeRequest) (*pulumirpc.AnalyzerHandshakeResponse, error) {
	if s.load != nil && req.GetRootDirectory() != "" {
		o, ok, err := s.load(req.GetRootDirectory())
		if err != nil {
			return nil, err
		}
		if ok {
			s.mu.Lock()
			s.opts = withDefaults(o)
			s.mu.Unlock()
		}
	}
	return &pulumirpc.AnalyzerHandshakeResponse{}, nil
}

// GetPluginInfo reports the analyzer's version.
func (s *Server) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return &pulumirpc.PluginInfo{Version: s.opts.Version}, nil
}

// GetAnalyzerInfo lists the policies: the advisory costs and the gates.
func (s *Server) GetAnalyzerInfo(context.Context, *emptypb.Empty) (*pulumirpc.AnalyzerInfo, error) {
	pol := func(name, desc string, level pulumirpc.EnforcementLevel) *pulumirpc.PolicyInfo {
		return &pulumirpc.PolicyInfo{Name: name, DisplayName: name, Description: desc, EnforcementLevel: level,
			PolicyType: pulumirpc.PolicyType_POLICY_TYPE_STACK}
	}
	s.mu.Lock()
	version := s.opts.Version
	s.mu.Unlock()
	info := &pulumirpc.AnalyzerInfo{
		Name: Name, DisplayName: "tiercost cost estimate", Version: version,
		Description: "Monthly cost of every resource and of the stack, from tiercost's embedded AWS price catalog; fails on a broken budget or increase threshold.",
		Policies: []*pulumirpc.PolicyInfo{
			pol(PolicyResource, "Monthly cost of each resource", pulumirpc.EnforcementLevel_ADVISORY),
			pol(PolicyStack, "Monthly cost of the stack", pulumirpc.EnforcementLevel_ADVISORY),
		},
	}
	for _, g := range gate.Default() {
		info.Policies = append(info.Policies, pol(gatePrefix+g.Name, "tiercost gate "+g.Name, pulumirpc.EnforcementLevel_MANDATORY))
	}
	return info, nil
}

// Configure accepts policy config (--policy-pack-config); the analyzer is
// configured through its runtime options and the stack config instead.
func (s *Server) Configure(context.Context, *pulumirpc.ConfigureAnalyzerRequest) (*emptypb.Empty, error) {
	return &emptypb.Empty{}, nil
}

// ConfigureStack records the stack name and config: a budgets file entry
// is looked up by stack, and tiercost:budget, tiercost:maxIncrease and
// tiercost:maxIncreasePercent in the stack config override the options.
func (s *Server) ConfigureStack(_ context.Context, req *pulumirpc.AnalyzerStackConfigureRequest) (*pulumirpc.AnalyzerStackConfigureResponse, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.stack, s.config = req.GetStack(), req.GetConfig()
	s.inputs = map[string]map[string]any{}
	return &pulumirpc.AnalyzerStackConfigureResponse{}, nil
}

// Analyze keeps a resource's inputs for AnalyzeStack and says nothing:
// a resource's cost can depend on others (an autoscaling group on its
// launch template), so costs are reported once the whole stack is known.
func (s *Server) Analyze(_ context.Context, req *pulumirpc.AnalyzeRequest) (*pulumirpc.AnalyzeResponse, error) {
	props, err := plainProperties(req.GetProperties())
	if err != nil {
		return nil, fmt.Errorf("%s: properties: %w", req.GetUrn(), err)
	}
	s.mu.Lock()
	s.inputs[req.GetUrn()] = props
	s.mu.Unlock()
	return &pulumirpc.AnalyzeResponse{}, nil
}

// AnalyzeStack prices the stack and reports it.
func (s *Server) AnalyzeStack(_ context.Context, req *pulumirpc.AnalyzeStackRequest) (*pulumirpc.AnalyzeResponse, error) {
	s.mu.Lock()
	stack, config, inputs, o := s.stack, s.config, s.inputs, s.opts
	s.mu.Unlock()
	recs, err := Records(req.GetResources(), inputs)
	if err != nil {
		return nil, err
	}
	cat := o.Catalog
	if cat == nil {
		cat = catalog.Default()
	}
	b, err := pricing.Price(recs, pricing.Options{Project: stack, Region: o.Region, Catalog: cat, Usage: o.Usage, Purchase: o.Purchase})
	if err != nil {
		return nil, fmt.Errorf("tiercost: %w", err)
	}
	limits, err := limitsFor(o, stack, config, b, recs)
	if err != nil {
		return nil, err
	}
	return &pulumirpc.AnalyzeResponse{Diagnostics: diagnostics(o, stack, b, limits)}, nil
}

// limits are the options' limits, the budgets file's entry for the stack
// and the stack config's overrides.
func limitsFor(o Options, stack string, config map[string]string, b pricing.Breakdown, recs []tcresource.Record) (gate.Limits, error) {
	l := o.Limits
	if l.Budget == nil && o.Budgets != nil {
		if v, src, ok := o.Budgets.ForEnvironment(stack); ok {
			l.Budget, l.BudgetSource = &v, src
		}
	}
	if o.Budgets != nil && len(o.Budgets.Tags) > 0 {
		l.TagBudgets = gate.TagCosts(b, recs, o.Budgets.Tags, o.Budgets.Path)
	}
	for key, set := range map[string]func(decimal.Decimal){
		"tiercost:budget":             func(d decimal.Decimal) { l.Budget, l.BudgetSource = &d, "stack config tiercost:budget" },
		"tiercost:maxIncrease":        func(d decimal.Decimal) { l.MaxIncrease = &d },
		"tiercost:maxIncreasePercent": func(d decimal.Decimal) { l.MaxIncreasePercent = &d },
	} {
		v, ok := config[key]
		if !ok {
			continue
		}
		d, err := decimal.NewFromString(strings.TrimPrefix(v, "$"))
		if err != nil || d.IsNegative() {
			return l, fmt.Errorf("tiercost: stack config %s: %s is not a number; allowed: a non-negative number such as 2500", key, inputfile.Excerpt(v))
		}
		set(d)
	}
	return l, nil
}

// diagnostics are one advisory per top-level resource, one for the stack
// total, and one per gate that ran (mandatory when it failed).
func diagnostics(o Options, stack string, b pricing.Breakdown, limits gate.Limits) []*pulumirpc.AnalyzeDiagnostic {
	diag := func(policy, urn, msg string, level pulumirpc.EnforcementLevel) *pulumirpc.AnalyzeDiagnostic {
		return &pulumirpc.AnalyzeDiagnostic{PolicyName: policy, PolicyPackName: Name, PolicyPackVersion: o.Version,
			Description: policy, Message: msg, Urn: urn, EnforcementLevel: level}
	}
	var out []*pulumirpc.AnalyzeDiagnostic
	priced, notPriced := 0, 0
	for _, r := range b.Resources {
		urn := r.URN
		if !strings.HasPrefix(urn, "urn:pulumi:") {
			urn = "" // the synthetic data-transfer line belongs to the stack
		}
		msg := resourceMessage(r)
		if r.Status == pricing.StatusPriced {
			priced++
		} else {
			notPriced++
		}
		out = append(out, diag(PolicyResource, urn, msg, pulumirpc.EnforcementLevel_ADVISORY))
	}
	total := fmt.Sprintf("tiercost: stack %s costs %s; fixed %s, usage-based %s; %d resources priced, %d free or not supported",
		stack, b.Monthly().PerMonth(), money.USD(b.FixedMonthlyCost), money.USD(b.UsageMonthlyCost), priced, notPriced)
	out = append(out, diag(PolicyStack, "", total, pulumirpc.EnforcementLevel_ADVISORY))
	rep := gate.Evaluate(gate.Input{Name: stack, Current: b, Baseline: o.Baseline, BaselineName: o.BaselineName, Limits: limits}, gate.Default())
	for _, g := range rep.Results {
		level, verdict := pulumirpc.EnforcementLevel_ADVISORY, "pass"
		if !g.Pass {
			level, verdict = pulumirpc.EnforcementLevel_MANDATORY, "FAIL"
		}
		out = append(out, diag(gatePrefix+g.Gate, "", fmt.Sprintf("tiercost %s %s: %s", verdict, g.Gate, g.Reason), level))
	}
	return out
}

// resourceMessage is one resource's cost with its line items.
func resourceMessage(r pricing.ResourceCost) string {
	switch r.Status {
	case pricing.StatusFree:
		return fmt.Sprintf("tiercost: %s costs $0.00 a month (%s has no charge)", r.Name, r.Type)
	case pricing.StatusUnsupported:
		return fmt.Sprintf("tiercost: %s is not priced (%s is not supported)", r.Name, r.Type)
	}
	var lines []string
	for n, c := range r.Lines() {
		name := c.Name
		if below := n.Below(); below != "" {
			name = below + pricing.PathSep + name
		}
		if !c.PriceFound {
			lines = append(lines, fmt.Sprintf("%s: %s, price not found", name, money.Measure(c.MonthlyQuantity, c.Unit)))
			continue
		}
		lines = append(lines, fmt.Sprintf("%s: %s × $%s = %s", name, money.Measure(c.MonthlyQuantity, c.Unit), money.Rate(c.Price), money.USD(c.MonthlyCost)))
	}
	msg := fmt.Sprintf("tiercost: %s costs %s a month", r.Name, money.USD(r.MonthlyCost))
	if n := r.MissingPrices(); n > 0 {
		msg += " or more (" + money.Count(n, "line item", "line items") + " without a price)"
	}
	if len(lines) > 0 {
		msg += ": " + strings.Join(lines, "; ")
	}
	return msg
}

// Records converts the engine's view of a stack into resource records.
// A resource with no provider is a component (or the stack) and is never
// priced; each provider the resources name becomes a provider record, so
// pricing reads the aws provider's region. Inputs come from Analyze when
// it saw the resource, else from the stack's properties.
func Records(rs []*pulumirpc.AnalyzerResource, inputs map[string]map[string]any) ([]tcresource.Record, error) {
	var out []tcresource.Record
	providers := map[string]bool{}
	for _, r := range rs {
		props, err := plainProperties(r.GetProperties())
		if err != nil {
			return nil, fmt.Errorf("%s: properties: %w", r.GetUrn(), err)
		}
		in := inputs[r.GetUrn()]
		if in == nil {
			in = props
		}
		if in == nil {
			in = map[string]any{}
		}
		// The engine gives no provider IDs, so the URN stands for one, and a
		// property that depends on exactly one resource (an autoscaling
		// group's launchTemplate) points at that resource's URN: references
		// resolve whether the ID is known yet or not.
		in = linkDependencies(in, r.GetPropertyDependencies())
		rec := tcresource.Record{Type: r.GetType(), Name: r.GetName(), URN: r.GetUrn(), ID: r.GetUrn(), Parent: r.GetParent(),
			Inputs: in, Outputs: props, Component: r.GetProvider() == nil}
		if p := r.GetProvider(); p != nil {
			rec.Provider = p.GetUrn() // no provider IDs: the URN alone refers to it
		}
		if p := r.GetProvider(); p != nil && !providers[p.GetUrn()] {
			providers[p.GetUrn()] = true
			pp, err := plainProperties(p.GetProperties())
			if err != nil {
				return nil, fmt.Errorf("%s: provider properties: %w", p.GetUrn(), err)
			}
			if pp == nil {
				pp = map[string]any{}
			}
			out = append(out, tcresource.Record{Type: p.GetType(), Name: p.GetName(), URN: p.GetUrn(), Inputs: pp})
		}
		if tcresource.IsProvider(rec.Type) {
			if providers[rec.URN] {
				continue // already added from a resource's provider
			}
			providers[rec.URN] = true
		}
		out = append(out, rec)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].URN < out[j].URN })
	return out, nil
}

// linkDependencies returns inputs with each property that depends on one
// resource pointing at it: an object's "id" becomes the resource's URN, an
// unknown (nil) value too. Other values are kept; inputs is not changed.
func linkDependencies(inputs map[string]any, deps map[string]*pulumirpc.AnalyzerPropertyDependencies) map[string]any {
	if len(deps) == 0 {
		return inputs
	}
	out := make(map[string]any, len(inputs))
	for k, v := range inputs {
		out[k] = v
	}
	for prop, d := range deps {
		urns := d.GetUrns()
		if len(urns) != 1 {
			continue
		}
		switch v := out[prop].(type) {
		case nil:
			if _, ok := out[prop]; ok {
				out[prop] = urns[0]
			}
		case map[string]any:
			if _, ok := v["id"]; ok {
				m := make(map[string]any, len(v))
				for k, x := range v {
					m[k] = x
				}
				m["id"] = urns[0]
				out[prop] = m
			}
		}
	}
	return out
}

// plainProperties turns engine properties into plain values: secrets
// become their plaintext, unknowns (a preview's "known after apply") nil,
// known outputs their value, resource references their URN.
func plainProperties(st *structpb.Struct) (map[string]any, error) {
	if st == nil {
		return nil, nil
	}
	pm, err := plugin.UnmarshalProperties(st, plugin.MarshalOptions{KeepUnknowns: true, KeepSecrets: true, KeepResources: true, SkipNulls: true})
	if err != nil {
		return nil, err
	}
	var replv func(v resource.PropertyValue) (any, bool)
	replv = func(v resource.PropertyValue) (any, bool) {
		switch {
		case v.IsSecret():
			return v.SecretValue().Element.MapRepl(nil, replv), true
		case v.IsComputed():
			return nil, true
		case v.IsOutput():
			o := v.OutputValue()
			if !o.Known {
				return nil, true
			}
			return o.Element.MapRepl(nil, replv), true
		case v.IsResourceReference():
			return string(v.ResourceReferenceValue().URN), true
		case v.IsAsset(), v.IsArchive():
			return nil, true
		}
		return nil, false
	}
	return pm.MapRepl(nil, replv), nil
}
