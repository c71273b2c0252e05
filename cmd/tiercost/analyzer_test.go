package main

import (
	"bufio"
	"context"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"github.com/tiercost/tiercost/costmodel/iac"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/protobuf/types/known/emptypb"
	"google.golang.org/protobuf/types/known/structpb"
)

// startAnalyzer serves the analyzer with the given options over real
// gRPC on loopback, as the engine would start it, and returns a client.
func startAnalyzer(t *testing.T, opts map[string]string, dir string) pulumirpc.AnalyzerClient {
	t.Helper()
	o, err := parseAnalyzerOptions(opts, dir)
	if err != nil {
		t.Fatal(err)
	}
	pr, pw := io.Pipe()
	cancel := make(chan bool)
	done := make(chan error, 1)
	go func() { done <- serveAnalyzerFor(pw, o, cancel) }()
	line, err := bufio.NewReader(pr).ReadString('\n')
	if err != nil {
		t.Fatal(err)
	}
	port, err := strconv.Atoi(strings.TrimSpace(line))
	if err != nil {
		t.Fatalf("the analyzer printed %q, not a port", line)
	}
	conn, err := grpc.NewClient("127.0.0.1:"+strconv.Itoa(port), grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		conn.Close()
		close(cancel)
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			t.Error("the analyzer did not stop")
		}
	})
	return pulumirpc.NewAnalyzerClient(conn)
}

// stackResources turns testdata/stacks/export.json into the resources the
// engine hands an analyzer: custom resources with the aws provider
// (us-east-1) and their properties; components without a provider.
func stackResources(t *testing.T) []*pulumirpc.AnalyzerResource {
	t.Helper()
	src, err := iac.ReadStackExport(stackFixture(t, "export.json"))
	if err != nil {
		t.Fatal(err)
	}
	region, _ := structpb.NewStruct(map[string]any{"region": "us-east-1"})
	prov := &pulumirpc.AnalyzerProviderResource{Type: "pulumi:providers:aws", Urn: "urn:pulumi:prod::tiercost::pulumi:providers:aws::default_6_83_4",
		Name: "default_6_83_4", Properties: region}
	var out []*pulumirpc.AnalyzerResource
	lt := ""
	for _, r := range src.Records {
		if r.Name == "web-lt" {
			lt = r.URN
		}
	}
	for _, r := range src.Records {
		if r.Type == prov.Type {
			continue // the export's aws provider: prov stands for it
		}
		props, err := structpb.NewStruct(r.Inputs)
		if err != nil {
			t.Fatalf("%s: %v", r.URN, err)
		}
		ar := &pulumirpc.AnalyzerResource{Type: r.Type, Urn: r.URN, Name: r.Name, Parent: r.Parent, Properties: props}
		if !r.Component {
			ar.Provider = prov
		}
		if r.Name == "web-asg" {
			// As the engine says: the group's launchTemplate comes from web-lt.
			ar.PropertyDependencies = map[string]*pulumirpc.AnalyzerPropertyDependencies{"launchTemplate": {Urns: []string{lt}}}
		}
		out = append(out, ar)
	}
	return out
}

// TestAnalyzerContract speaks Pulumi's analyzer protocol to the analyzer
// over gRPC, as the engine does in a preview: handshake, info, stack
// configuration, Analyze for each resource, then AnalyzeStack. The stack
// is testdata/stacks/export.json with usage.yml, worked out by hand in
// testdata/stacks/EXPECTED.md: web-asg 3 × 730 × 0.0816 = 178.704, the
// NAT 77.85, the total 3,283.992 ($3,283.99).
func TestAnalyzerContract(t *testing.T) {
	usage := stackFixture(t, "usage.yml")
	// The stack holds an SQS queue, a type no pricer knows: its total is a
	// lower bound, which the incomplete gate fails unless allow-unpriced.
	for _, tc := range []struct {
		name, budget, allowUnpriced string
		policy                      string
		fail                        bool
		gate                        string
	}{
		{"budget equal in cents passes", "3283.99", "true", "cost-budget", false, "pass budget: ≥ $3,283.99 a month is within the budget of $3,283.99 (analyzer option budget) on what is priced: at most $0.00 headroom"},
		{"budget a cent below fails", "3283.98", "true", "cost-budget", true, "FAIL budget: ≥ $3,283.99 a month is over the budget of $3,283.98 (analyzer option budget) by $0.01"},
		{"allowed unpriced item is said", "4000", "true", "cost-incomplete", false, "pass incomplete: the total ≥ $3,283.99 is a lower bound, 1 item not priced in us-east-1: jobs-queue (unsupported type aws:sqs/queue:Queue) (allowed by --allow-unpriced)"},
		{"unpriced item fails by default", "4000", "false", "cost-incomplete", true, "FAIL incomplete: the total ≥ $3,283.99 is a lower bound, 1 item not priced"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := startAnalyzer(t, map[string]string{"usage": usage, "budget": tc.budget, "allow-unpriced": tc.allowUnpriced}, t.TempDir())
			ctx := context.Background()
			if _, err := c.Handshake(ctx, &pulumirpc.AnalyzerHandshakeRequest{EngineAddress: "127.0.0.1:1"}); err != nil {
				t.Fatal(err)
			}
			info, err := c.GetAnalyzerInfo(ctx, &emptypb.Empty{})
			if err != nil || info.Name != "tiercost" || info.Version != analyzerVersion {
				t.Fatalf("info %v: %v", info, err)
			}
			levels := map[string]pulumirpc.EnforcementLevel{}
			for _, p := range info.Policies {
				levels[p.Name] = p.EnforcementLevel
			}
			if levels["resource-monthly-cost"] != pulumirpc.EnforcementLevel_ADVISORY || levels["cost-budget"] != pulumirpc.EnforcementLevel_MANDATORY {
				t.Errorf("policies %v", levels)
			}
			if _, err := c.ConfigureStack(ctx, &pulumirpc.AnalyzerStackConfigureRequest{Stack: "prod", Project: "tiercost", DryRun: true}); err != nil {
				t.Fatal(err)
			}
			rs := stackResources(t)
			for _, r := range rs {
				resp, err := c.Analyze(ctx, &pulumirpc.AnalyzeRequest{Type: r.Type, Urn: r.Urn, Name: r.Name, Properties: r.Properties, Provider: r.Provider})
				if err != nil || len(resp.Diagnostics) != 0 {
					t.Fatalf("Analyze %s: %v %v", r.Urn, resp, err)
				}
			}
			resp, err := c.AnalyzeStack(ctx, &pulumirpc.AnalyzeStackRequest{Resources: rs})
			if err != nil {
				t.Fatal(err)
			}
			byURN := map[string]string{}
			var stack, gate *pulumirpc.AnalyzeDiagnostic
			for _, d := range resp.Diagnostics {
				switch d.PolicyName {
				case "resource-monthly-cost":
					byURN[d.Urn] = d.Message
					if d.EnforcementLevel != pulumirpc.EnforcementLevel_ADVISORY {
						t.Errorf("%s is not advisory", d.Urn)
					}
				case "stack-monthly-cost":
					stack = d
				case tc.policy:
					gate = d
				}
			}
			for _, r := range rs {
				if r.Provider != nil && byURN[r.Urn] == "" {
					t.Errorf("no cost diagnostic for %s", r.Urn)
				}
			}
			for name, want := range map[string]string{
				"web-asg": "tiercost: web-asg costs $178.70 a month",
				"net-nat": "tiercost: net-nat costs $77.85 a month",
				"net-vpc": "tiercost: net-vpc costs $0.00 a month (aws:ec2/vpc:Vpc has no charge)",
			} {
				found := false
				for urn, msg := range byURN {
					if strings.HasSuffix(urn, "::"+name) {
						found = strings.HasPrefix(msg, want)
						if !found {
							t.Errorf("%s: %q, want it to start %q", name, msg, want)
						}
					}
				}
				if !found {
					t.Errorf("no diagnostic for %s", name)
				}
			}
			if stack == nil || !strings.Contains(stack.Message, "tiercost: stack prod costs ≥ $3,283.99 a month (1 item not priced)") {
				t.Errorf("stack diagnostic %v", stack)
			}
			if gate == nil || !strings.Contains(gate.Message, tc.gate) {
				t.Fatalf("gate diagnostic %v, want %q", gate, tc.gate)
			}
			if want := map[bool]pulumirpc.EnforcementLevel{true: pulumirpc.EnforcementLevel_MANDATORY, false: pulumirpc.EnforcementLevel_ADVISORY}[tc.fail]; gate.EnforcementLevel != want {
				t.Errorf("gate level %v, want %v", gate.EnforcementLevel, want)
			}
		})
	}
}

// TestAnalyzerStackConfigAndBaseline: the stack's config overrides the
// budget, and the increase gate compares with a baseline file priced like
// the stack. Baseline: export.json without web-cdn, 1,988.297 (billed
// 1,988.30); the stack's 3,283.99 is +65.2%, over a 10% limit.
func TestAnalyzerStackConfigAndBaseline(t *testing.T) {
	dir := t.TempDir()
	editedExport(t, dir, "old.json", func(name string, _ map[string]any) bool { return name != "web-cdn" })
	c := startAnalyzer(t, map[string]string{"usage": stackFixture(t, "usage.yml"), "baseline": "export:old.json", "max-increase-percent": "10", "budget": "1"}, dir)
	ctx := context.Background()
	if _, err := c.ConfigureStack(ctx, &pulumirpc.AnalyzerStackConfigureRequest{Stack: "prod", Config: map[string]string{"tiercost:budget": "5000"}}); err != nil {
		t.Fatal(err)
	}
	resp, err := c.AnalyzeStack(ctx, &pulumirpc.AnalyzeStackRequest{Resources: stackResources(t)})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]*pulumirpc.AnalyzeDiagnostic{}
	for _, d := range resp.Diagnostics {
		got[d.PolicyName] = d
	}
	if b := got["cost-budget"]; b == nil || b.EnforcementLevel != pulumirpc.EnforcementLevel_ADVISORY || !strings.Contains(b.Message, "(stack config tiercost:budget)") {
		t.Errorf("budget %v", b)
	}
	if p := got["cost-max-increase-percent"]; p == nil || p.EnforcementLevel != pulumirpc.EnforcementLevel_MANDATORY ||
		!strings.Contains(p.Message, "$1,988.30 → $3,283.99 a month is a change of +65.2%, over the limit of +10%") {
		t.Errorf("percent %v", p)
	}
	if _, err := c.ConfigureStack(ctx, &pulumirpc.AnalyzerStackConfigureRequest{Stack: "prod", Config: map[string]string{"tiercost:budget": "lots"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.AnalyzeStack(ctx, &pulumirpc.AnalyzeStackRequest{Resources: stackResources(t)}); err == nil || !strings.Contains(err.Error(), `tiercost:budget: "lots" is not a number`) {
		t.Errorf("bad stack config: %v", err)
	}
}

func TestAnalyzerOptionsAndInstall(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		opts map[string]string
		err  string
	}{
		{map[string]string{"budgte": "5"}, "analyzer option budgte: unknown; allowed: allow-overload, allow-unpriced, baseline, budget"},
		{map[string]string{"allow-unpriced": "yes"}, `analyzer option allow-unpriced: "yes" is not allowed; allowed: true or false`},
		{map[string]string{"budget": "-5"}, `analyzer option budget: "-5" is not allowed`},
		{map[string]string{"max-increase": "5"}, "need baseline"},
		{map[string]string{"usage": "nope.yml"}, "analyzer option usage: " + filepath.Join(dir, "nope.yml") + ": file not found"},
		{map[string]string{"region": "mars"}, "analyzer option region"},
	} {
		if _, err := parseAnalyzerOptions(tc.opts, dir); err == nil || !strings.Contains(err.Error(), tc.err) {
			t.Errorf("%v: %v, want %q", tc.opts, err, tc.err)
		}
	}

	c := newCLI(t)
	usage := stackFixture(t, "usage.yml")
	r := c.run("analyzer", "install", "pack", "--budget", "2500", "--usage", usage)
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	pack := filepath.Join(c.opts.WorkDir, "pack")
	for name, sub := range map[string]string{"pulumi-analyzer-policy-tiercost": "analyzer serve", "pulumi-language-tiercost": "analyzer language"} {
		script, err := os.ReadFile(filepath.Join(pack, name))
		if err != nil || !strings.Contains(string(script), sub+" \"$@\"") {
			t.Errorf("%s: %v\n%s", name, err, script)
		}
	}
	policy, err := os.ReadFile(filepath.Join(pack, "PulumiPolicy.yaml"))
	if err != nil || !strings.Contains(string(policy), "name: tiercost") || !strings.Contains(string(policy), "budget: \"2500\"") ||
		!strings.Contains(string(policy), "usage: "+usage) {
		t.Errorf("PulumiPolicy.yaml: %v\n%s", err, policy)
	}
	// The plugin started with the engine's address only reads them back.
	o, ok, err := loadPolicyPackOptions(pack)
	if err != nil || !ok || o.Limits.Budget == nil || o.Limits.Budget.String() != "2500" || o.Usage == nil {
		t.Errorf("options from PulumiPolicy.yaml: %v %v %+v", ok, err, o.Limits)
	}
	if _, ok, err := loadPolicyPackOptions(t.TempDir()); ok || err != nil {
		t.Errorf("no PulumiPolicy.yaml: %v %v", ok, err)
	}
	if r := c.run("analyzer", "install", "--budget", "x"); r.code != 2 || !strings.Contains(r.stderr, `analyzer option budget: "x"`) {
		t.Errorf("bad budget: exit %d: %s", r.code, r.stderr)
	}
}
