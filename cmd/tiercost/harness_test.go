package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/tiercost/tiercost/cmd/tiercost/internal/engine"
	"github.com/tiercost/tiercost/components/spec"
	"github.com/tiercost/tiercost/costmodel/capacity"
	"github.com/tiercost/tiercost/costmodel/catalog"
	"github.com/tiercost/tiercost/costmodel/output"
	"github.com/tiercost/tiercost/costmodel/output/outputtest"
	"github.com/tiercost/tiercost/costmodel/pricing"
	"github.com/tiercost/tiercost/costmodel/resource"
	"github.com/tiercost/tiercost/costmodel/usage"
)

// TestMain clears TIERCOST_* variables so the developer's environment
// cannot change what the tests see. With TIERCOST_TEST_MAIN_ARGS set (a
// JSON list) the test binary is the tiercost command instead: tests run it
// as a child process to watch its exit, time and memory.
func TestMain(m *testing.M) {
	if args := os.Getenv("TIERCOST_TEST_MAIN_ARGS"); args != "" {
		var list []string
		if err := json.Unmarshal([]byte(args), &list); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(99)
		}
		os.Unsetenv("TIERCOST_TEST_MAIN_ARGS")
		os.Exit(run(list, os.Stdin, os.Stdout, os.Stderr))
	}
	for _, kv := range os.Environ() {
		if k, _, _ := strings.Cut(kv, "="); strings.HasPrefix(k, "TIERCOST_") {
			os.Unsetenv(k)
		}
	}
	os.Exit(m.Run())
}

// now is the fixed clock of every CLI test: the embedded catalog's oldest
// price is far older than 90 days on this date.
var now = time.Date(2026, 11, 27, 8, 0, 0, 0, time.UTC)

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func ptr[T any](v T) *T { return &v }

// fakeEngine answers requests with the hand-priced fixtures and records
// every request it saw.
type fakeEngine struct {
	mu   sync.Mutex
	reqs []engine.Request
}

func (f *fakeEngine) last() engine.Request {
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.reqs) == 0 {
		return engine.Request{}
	}
	return f.reqs[len(f.reqs)-1]
}

func fixtureRecords() []resource.Record {
	stack := "urn:pulumi:dev::tiercost::pulumi:pulumi:Stack::tiercost-dev"
	comp := "urn:pulumi:dev::tiercost::tiercost:components:Compute::app"
	return []resource.Record{
		{Type: "tiercost:components:Compute", Name: "app", URN: comp, Parent: stack, Component: true},
		{Type: "aws:autoscaling/group:Group", Name: "tc-asg", URN: comp + "$aws:autoscaling/group:Group::tc-asg", Parent: comp, Inputs: map[string]any{"desiredCapacity": 1.0}},
		{Type: "aws:cloudwatch/logGroup:LogGroup", Name: "tc-logs", URN: "urn:pulumi:dev::tiercost::aws:cloudwatch/logGroup:LogGroup::tc-logs", Parent: stack},
	}
}

func (f *fakeEngine) Estimate(req engine.Request) (engine.Result, error) {
	f.mu.Lock()
	f.reqs = append(f.reqs, req)
	f.mu.Unlock()
	small := engine.Result{Name: "tier-1k", Tier: "1k", Users: 1000, Region: "us-east-1", Breakdown: outputtest.Tier1k(), Records: fixtureRecords(),
		Usage: &usage.Usage{Origin: "workload model", TypeDefaults: map[string]usage.Values{}}}
	big := engine.Result{Name: "tier-10k", Tier: "10k", Users: 10000, Region: "us-east-1", Breakdown: outputtest.Tier10k(), Records: fixtureRecords()}
	switch {
	case req.Breakdown != "":
		// A saved breakdown is read, not priced: the real engine reads it.
		return engine.Estimate(req)
	case req.StackExport != "" || req.PreviewJSON != "":
		small.Name = "file"
		small.Breakdown.Warnings = []string{"fixture warning: savings plan coverage ignored for a stack export"}
		return small, nil
	case req.Tier == "1k":
		return small, nil
	case req.Tier == "10k":
		return big, nil
	case req.Tier == "100k" || req.Tier == "1m":
		// The fixtures stop at 10k; reuse it under the tier's name.
		big.Name, big.Tier, big.Breakdown.Project = "tier-"+req.Tier, req.Tier, "tier-"+req.Tier
		big.Users = map[string]float64{"100k": 100000, "1m": 1000000}[req.Tier]
		return big, nil
	case req.Environment == "dev":
		// $44.137 against $100: within budget.
		small.Name, small.BudgetMonthlyUSD = "dev", ptr(dec("100"))
		return small, nil
	case req.Environment == "prod":
		// $179.605 against $150: over by $29.605.
		big.Name, big.BudgetMonthlyUSD = "prod", ptr(dec("150"))
		if u, ok := req.Overlay["users"]; ok {
			// Forecast months: cost grows with users in steps of the fixtures.
			big.Users, _ = strconv.ParseFloat(u, 64)
			if big.Users < 3163 {
				big.Tier, big.Breakdown = "1k", outputtest.Tier1k()
			}
		}
		return big, nil
	case req.Environment == "sized":
		// A real 100k spec and workload, for right-sizing and findings.
		s, err := spec.DefaultSpec("100k")
		if err != nil {
			return engine.Result{}, err
		}
		w, err := capacity.TierWorkload("100k")
		if err != nil {
			return engine.Result{}, err
		}
		big.Name, big.Tier, big.Spec, big.Workload = "sized", "100k", &s, &w
		if req.Findings {
			o := capacity.Options{Prices: pricing.NewQuoter(catalog.Default(), pricing.PurchaseOptions{}), Family: req.RightsizeFamily}
			rep, err := capacity.Rightsize(s, w, o)
			if err != nil {
				return engine.Result{}, err
			}
			big.Rightsizing = &rep
			o.Family = ""
			ls, err := capacity.LayerLimits(s, w, o)
			if err != nil {
				return engine.Result{}, err
			}
			big.Limits = &ls
			big.Findings = capacity.Advise(s, w, o, capacity.Input{Limits: ls})
		}
		return big, nil
	case req.Environment == "hot":
		// dev with its database past its memory at peak.
		small.Name, small.BudgetMonthlyUSD = "hot", ptr(dec("100"))
		small.Users = 1000
		small.Overloaded = []capacity.Limit{{Layer: "database", Resource: "memory", Sizes: "db.t4g.micro primary", Users: 268000, Load: 3.73}}
		small.Breakdown.Metadata = map[string]string{pricing.MetaOverloaded: engine.OverloadText(small.Overloaded)}
		return small, nil
	case req.Environment == "panic":
		panic("fixture panic")
	}
	return engine.Result{}, fmt.Errorf("environment %q is unknown; allowed: dev, prod", req.Environment)
}

// cli is one test's command-line world: its folders, clock and engine.
type cli struct {
	t      *testing.T
	opts   Options
	engine *fakeEngine
	stdin  string
}

func newCLI(t *testing.T) *cli {
	t.Helper()
	fe := &fakeEngine{}
	return &cli{t: t, engine: fe, opts: Options{
		Estimate:   fe.Estimate,
		IsTerminal: func(io.Writer) bool { return false },
		Now:        func() time.Time { return now },
		// No git facts, so golden JSON does not change with each commit.
		VCS:       func(string) output.VCS { return output.VCS{} },
		WorkDir:   t.TempDir(),
		ConfigDir: t.TempDir(),
		CacheDir:  t.TempDir(),
	}}
}

type result struct {
	code           int
	stdout, stderr string
}

// unwrapped is stdout with the lines output.Wrap broke to fit 100 columns
// joined again (a line break and the indent after it become one space),
// for tests that look for a whole sentence.
func (r result) unwrapped() string { return wrapBreak.ReplaceAllString(r.stdout, " ") }

var wrapBreak = regexp.MustCompile(`\n +`)

func (c *cli) run(args ...string) result {
	c.t.Helper()
	var out, errb bytes.Buffer
	o := c.opts
	o.In, o.Out, o.Err = strings.NewReader(c.stdin), &out, &errb
	code := execute(context.Background(), args, o)
	return result{code: code, stdout: out.String(), stderr: errb.String()}
}

// write creates a file under the CLI's working folder and returns its path.
func (c *cli) write(name, content string) string {
	c.t.Helper()
	p := filepath.Join(c.opts.WorkDir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		c.t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		c.t.Fatal(err)
	}
	return p
}

// writeLayer writes a one-price catalog layer file.
func writeLayer(t *testing.T, path, usd string) string {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	l := &catalog.Layer{Name: path, AsOf: "2026-11-01", Prices: []catalog.Price{{
		Product: catalog.EC2Instance("us-east-1", "t4g.small"), Term: catalog.OnDemandTerm,
		Unit: "Hrs", USD: dec(usd), Source: "test fixture", AsOf: "2026-11-01",
	}}}
	if err := catalog.WriteLayerFile(path, l); err != nil {
		t.Fatal(err)
	}
	return path
}
