package analyzer

import (
	"context"
	"os/exec"
	"reflect"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/tiercost/tiercost/costmodel/pricing"

	"google.golang.org/grpc"
	"google.golang.org/protobuf/types/known/structpb"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// TestRecordsFromEngineProperties: secrets become plaintext, unknowns nil,
// a single-dependency property points at its resource, providers become
// provider records (for the region) and resources without a provider are
// components.
func TestRecordsFromEngineProperties(t *testing.T) {
	props, err := plugin.MarshalProperties(resource.PropertyMap{
		"instanceType": resource.MakeSecret(resource.NewProperty("t4g.small")),
		"imageId":      resource.MakeComputed(resource.NewProperty("")),
		"launchTemplate": resource.NewProperty(resource.PropertyMap{
			"id":      resource.MakeComputed(resource.NewProperty("")),
			"version": resource.NewProperty("$Latest"),
		}),
		"desiredCapacity": resource.NewProperty(2.0),
	}, plugin.MarshalOptions{KeepUnknowns: true, KeepSecrets: true})
	if err != nil {
		t.Fatal(err)
	}
	region, _ := plugin.MarshalProperties(resource.PropertyMap{"region": resource.NewProperty("eu-west-1")}, plugin.MarshalOptions{})
	prov := &pulumirpc.AnalyzerProviderResource{Type: "pulumi:providers:aws", Urn: "urn:pulumi:dev::p::pulumi:providers:aws::default", Properties: region}
	lt := "urn:pulumi:dev::p::aws:ec2/launchTemplate:LaunchTemplate::lt"
	recs, err := Records([]*pulumirpc.AnalyzerResource{
		{Type: "my:index:Web", Urn: "urn:pulumi:dev::p::my:index:Web::web"},
		{Type: "aws:autoscaling/group:Group", Urn: "urn:pulumi:dev::p::aws:autoscaling/group:Group::asg", Name: "asg", Properties: props, Provider: prov,
			PropertyDependencies: map[string]*pulumirpc.AnalyzerPropertyDependencies{"launchTemplate": {Urns: []string{lt}}}},
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 3 {
		t.Fatalf("%d records: %+v", len(recs), recs)
	}
	byType := map[string]int{}
	for i, r := range recs {
		byType[r.Type] = i
	}
	asg := recs[byType["aws:autoscaling/group:Group"]]
	want := map[string]any{"instanceType": "t4g.small", "imageId": nil, "desiredCapacity": 2.0,
		"launchTemplate": map[string]any{"id": lt, "version": "$Latest"}}
	if !reflect.DeepEqual(asg.Inputs, want) || asg.Component || asg.ID != asg.URN {
		t.Errorf("asg %+v", asg)
	}
	// The engine gives no provider IDs: the provider's URN refers to it, so
	// pricing prices the group in that provider's region.
	if asg.Provider != prov.Urn {
		t.Errorf("asg provider %q, want %s", asg.Provider, prov.Urn)
	}
	if !recs[byType["my:index:Web"]].Component {
		t.Error("a resource without a provider is a component")
	}
	if p := recs[byType["pulumi:providers:aws"]]; p.String("region") != "eu-west-1" {
		t.Errorf("provider %+v", p)
	}
}

type fakeStream struct {
	grpc.ServerStream
	got []*pulumirpc.RunPluginResponse
}

func (f *fakeStream) Context() context.Context { return context.Background() }
func (f *fakeStream) Send(r *pulumirpc.RunPluginResponse) error {
	f.got = append(f.got, r)
	return nil
}

// TestLanguageRunPlugin: the language host runs the analyzer in the pack's
// folder with the engine's arguments and the pack's runtime options as
// -key=value, streams its output and ends with its exit code.
func TestLanguageRunPlugin(t *testing.T) {
	var gotArgs []string
	l := &Language{Version: "1", Command: func(ctx context.Context, args []string) *exec.Cmd {
		gotArgs = args
		return exec.CommandContext(ctx, "sh", "-c", "pwd; echo oops >&2; exit 3")
	}}
	opts, _ := structpb.NewStruct(map[string]any{"budget": "2500", "usage": "u.yml"})
	dir := t.TempDir()
	s := &fakeStream{}
	err := l.RunPlugin(&pulumirpc.RunPluginRequest{Args: []string{"127.0.0.1:1"}, Kind: "analyzer",
		Info: &pulumirpc.ProgramInfo{ProgramDirectory: dir, Options: opts}}, s)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(gotArgs, []string{"127.0.0.1:1", "-budget=2500", "-usage=u.yml"}) {
		t.Errorf("args %v", gotArgs)
	}
	var stdout, stderr string
	for _, r := range s.got[:len(s.got)-1] {
		stdout += string(r.GetStdout())
		stderr += string(r.GetStderr())
	}
	if strings.TrimSpace(stdout) != dir || strings.TrimSpace(stderr) != "oops" || s.got[len(s.got)-1].GetExitcode() != 3 {
		t.Errorf("stdout %q stderr %q last %v", stdout, stderr, s.got[len(s.got)-1])
	}
	if err := l.RunPlugin(&pulumirpc.RunPluginRequest{Kind: "resource"}, s); err == nil {
		t.Error("a resource plugin was run")
	}
}

// TestResourceMessageReadsAsEnglish: quantities are grouped and a unit
// beside a quantity of 1 is singular, as in every other output.
func TestResourceMessageReadsAsEnglish(t *testing.T) {
	d := decimal.RequireFromString
	r := pricing.ResourceCost{
		Name: "tc-asg", Type: "aws:autoscaling/group:Group", Status: pricing.StatusPriced,
		Components: []pricing.CostComponent{
			// Two t4g.small all month: 2 × 730 = 1,460 h × $0.0168 = $24.528.
			{Name: "Instance usage", Unit: "hours", MonthlyQuantity: d("1460"), Price: d("0.0168"), MonthlyCost: d("24.528"), PriceFound: true},
			{Name: "Secret", Unit: "months", MonthlyQuantity: d("1")},
		},
		MonthlyCost: d("24.528"),
	}
	want := "tiercost: tc-asg costs $24.53 a month or more (1 line item without a price): " +
		"Instance usage: 1,460 hours × $0.0168 = $24.53; Secret: 1 month, price not found"
	if got := resourceMessage(r); got != want {
		t.Errorf("resourceMessage =\n  %s\nwant\n  %s", got, want)
	}
}
