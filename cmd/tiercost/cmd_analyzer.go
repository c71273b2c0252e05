package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"github.com/shopspring/decimal"
	"github.com/spf13/cobra"
	"github.com/tiercost/tiercost/cmd/tiercost/internal/analyzer"
	"github.com/tiercost/tiercost/cmd/tiercost/internal/engine"
	"github.com/tiercost/tiercost/costmodel/catalog"
	"github.com/tiercost/tiercost/costmodel/gate"
	"github.com/tiercost/tiercost/costmodel/inputfile"
	"github.com/tiercost/tiercost/costmodel/pricing"
	"github.com/tiercost/tiercost/costmodel/usage"
	"google.golang.org/grpc"
	"gopkg.in/yaml.v3"
)

// analyzerVersion is the policy pack's and plugin's version.
const analyzerVersion = "0.1.0"

// Pulumi's names for the analyzer: a policy pack with runtime "tiercost"
// starts the plugin "policy-tiercost", whose executable is
// pulumi-analyzer-policy-tiercost.
const (
	analyzerRuntime    = "tiercost"
	analyzerPluginName = "policy-" + analyzerRuntime
	analyzerExecutable = "pulumi-analyzer-" + analyzerPluginName
)

// analyzerOptionKeys are the options the analyzer takes, as policy pack
// runtime options (PulumiPolicy.yaml) or flags of `analyzer install`.
var analyzerOptionKeys = []string{"allow-overload", "allow-unpriced", "baseline", "budget", "budgets", "catalog", "max-increase", "max-increase-percent", "region", "usage"}

func (a *app) analyzerCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "analyzer",
		Short: "Show cost in `pulumi preview`: install tiercost's Pulumi analyzer",
		Long: `tiercost's Pulumi analyzer prices every resource of any Pulumi program as
the engine sees it, during ` + "`pulumi preview`" + ` and ` + "`pulumi up`" + `: an advisory line per
resource with its monthly cost, one with the stack's total, and a mandatory
violation, which fails the preview, when a budget or increase threshold is
broken. It runs offline on the embedded price catalog. See docs/analyzer.md.`,
		Example: `  tiercost analyzer install --budget 2500
  pulumi preview --policy-pack tiercost-policy`,
		Args: cobra.NoArgs,
	}
	cmd.AddCommand(a.analyzerInstallCmd(), a.analyzerServeCmd(), a.analyzerLanguageCmd())
	return cmd
}

func (a *app) analyzerInstallCmd() *cobra.Command {
	values := map[string]*string{}
	cmd := &cobra.Command{
		Use:   "install [DIR] [--budget USD] [--budgets FILE] [--baseline FILE --max-increase USD --max-increase-percent P] [--usage FILE]",
		Short: "Write the analyzer as a policy pack folder",
		Long: `Writes a policy pack folder, DIR (default ./tiercost-policy), holding:

  - ` + analyzerExecutable + `, the analyzer plugin: a small script that
    runs this tiercost binary's analyzer;
  - PulumiPolicy.yaml: the pack's name and version, its runtime "` + analyzerRuntime + `",
    and the analyzer's options given here (file paths made absolute).

Then either
  pulumi preview --policy-pack DIR/` + analyzerExecutable + `
which starts the plugin directly and reads the options from the
PulumiPolicy.yaml beside it, or
  pulumi preview --policy-pack DIR
which runs the pack through the language host pulumi-language-` + analyzerRuntime + `
(` + "`tiercost analyzer install`" + ` writes it into DIR too; name DIR in Pulumi.yaml's
plugins.languages, or put DIR on PATH). docs/analyzer.md has the exact files.

A stack's config can override the limits: tiercost:budget,
tiercost:maxIncrease, tiercost:maxIncreasePercent.`,
		Example: `  tiercost analyzer install --budget 2500
  tiercost analyzer install policy/tiercost --usage usage.yml --budgets budgets.yaml
  pulumi preview --policy-pack policy/tiercost/` + analyzerExecutable,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 1 {
				return fmt.Errorf("install takes at most one DIR, got %d", len(args))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			dir := "tiercost-policy"
			if len(args) == 1 {
				dir = args[0]
			}
			opts := map[string]string{}
			for k, v := range values {
				if *v != "" {
					opts[k] = *v
				}
			}
			for _, k := range []string{"baseline", "budgets", "catalog", "usage"} {
				p, ok := opts[k]
				if !ok {
					continue
				}
				prefix := ""
				if k == "baseline" {
					for _, pre := range []string{"export:", "preview:"} {
						if rest, ok := strings.CutPrefix(p, pre); ok {
							prefix, p = pre, rest
						}
					}
				}
				abs, err := filepath.Abs(resolve(a.opts.WorkDir, p))
				if err != nil {
					return fmt.Errorf("--%s: %v", k, err)
				}
				opts[k] = prefix + abs
			}
			if _, err := parseAnalyzerOptions(opts, a.opts.WorkDir); err != nil {
				return err
			}
			exe, err := os.Executable()
			if err != nil {
				return fmt.Errorf("cannot find the tiercost executable: %v", err)
			}
			dir = resolve(a.opts.WorkDir, dir)
			files, err := installAnalyzer(exe, dir, opts)
			if err != nil {
				return err
			}
			var b strings.Builder
			for _, f := range files {
				fmt.Fprintf(&b, "wrote %s\n", f)
			}
			fmt.Fprintf(&b, "\nrun: pulumi preview --policy-pack %s\n", filepath.Join(dir, analyzerExecutable))
			_, err = io.WriteString(cmd.OutOrStdout(), b.String())
			return err
		},
	}
	f := cmd.Flags()
	for _, k := range analyzerOptionKeys {
		values[k] = f.String(k, "", analyzerOptionHelp[k])
	}
	return cmd
}

var analyzerOptionHelp = map[string]string{
	"allow-overload":       "true passes a stack whose sized layers are overloaded (as check --allow-overload)",
	"allow-unpriced":       "true passes a stack with items the catalog cannot price (as check --allow-unpriced)",
	"baseline":             "`SOURCE` the increase gates compare with: export:FILE, preview:FILE or a saved breakdown JSON file",
	"budget":               "monthly budget in `USD`; the preview fails above it",
	"budgets":              "budgets `FILE` (per stack and per tag), as for check",
	"catalog":              "imported price catalog `FILE` layered over the embedded one",
	"max-increase":         "fail the preview when the stack grows by more than `USD` over --baseline",
	"max-increase-percent": "fail the preview when the stack grows by more than `P` percent of --baseline",
	"region":               "AWS `REGION` for resources whose provider names none (default us-east-1)",
	"usage":                "usage `FILE` for usage-based line items",
}

// installAnalyzer writes the policy pack folder: the analyzer plugin, the
// language host and PulumiPolicy.yaml.
func installAnalyzer(exe, dir string, opts map[string]string) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("%s: %v", dir, unwrapPathError(err))
	}
	// Scripts, not copies: the engine runs them and they run this binary,
	// so upgrading tiercost upgrades the analyzer.
	var files []string
	for name, sub := range map[string]string{analyzerExecutable: "serve", "pulumi-language-" + analyzerRuntime: "language"} {
		p := filepath.Join(dir, name)
		script := "#!/bin/sh\n# tiercost's Pulumi analyzer; written by `tiercost analyzer install`.\nexec " + shellQuote(exe) + " analyzer " + sub + " \"$@\"\n"
		if err := os.WriteFile(p, []byte(script), 0o755); err != nil {
			return nil, fmt.Errorf("%s: %v", p, unwrapPathError(err))
		}
		files = append(files, p)
	}
	data, err := PolicyPackYAML(opts)
	if err != nil {
		return nil, err
	}
	policy := filepath.Join(dir, "PulumiPolicy.yaml")
	if err := os.WriteFile(policy, data, 0o644); err != nil {
		return nil, fmt.Errorf("%s: %v", policy, unwrapPathError(err))
	}
	sort.Strings(files)
	return append(files, policy), nil
}

// PolicyPackYAML is the PulumiPolicy.yaml that selects the analyzer, with
// its options as runtime options (Pulumi passes them as -key=value).
func PolicyPackYAML(opts map[string]string) ([]byte, error) {
	runtime := map[string]any{"name": analyzerRuntime}
	if len(opts) > 0 {
		runtime["options"] = opts
	}
	doc := struct {
		Runtime     map[string]any `yaml:"runtime"`
		Name        string         `yaml:"name"`
		Version     string         `yaml:"version"`
		Description string         `yaml:"description"`
	}{runtime, "tiercost", analyzerVersion, "tiercost: monthly cost of every resource and budget gates"}
	return yaml.Marshal(doc)
}

func shellQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }

// resolve makes a relative path relative to dir.
func resolve(dir, p string) string {
	if p == "" || filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(dir, p)
}

func (a *app) analyzerServeCmd() *cobra.Command {
	return &cobra.Command{
		Use:    "serve [ENGINE_ADDRESS] [DIR] [-option=value ...]",
		Short:  "Serve the Pulumi analyzer protocol (the engine runs this)",
		Hidden: true,
		// Pulumi passes the engine address, the policy pack folder and the
		// pack's runtime options as -key=value, which cobra's flags misread.
		DisableFlagParsing: true,
		Example:            `  pulumi-analyzer-policy-tiercost 127.0.0.1:50051 . -budget=2500 -usage=usage.yml`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 && (args[0] == "--help" || args[0] == "-h") {
				return cmd.Help()
			}
			opts := map[string]string{}
			for _, arg := range args {
				if !strings.HasPrefix(arg, "-") {
					continue // the engine address and the folder
				}
				k, v, ok := strings.Cut(strings.TrimLeft(arg, "-"), "=")
				if !ok {
					return fmt.Errorf("analyzer option %q: allowed: -key=value with key one of %s", arg, strings.Join(analyzerOptionKeys, ", "))
				}
				opts[k] = v
			}
			dir, err := os.Getwd()
			if err != nil {
				return err
			}
			o, err := parseAnalyzerOptions(opts, dir)
			if err != nil {
				return err
			}
			srv := analyzer.New(o)
			if len(opts) == 0 {
				// Started as a binary policy pack with the engine's address
				// only: the options are in PulumiPolicy.yaml beside the plugin.
				srv.WithLoader(loadPolicyPackOptions)
			}
			return serveAnalyzer(cmd.OutOrStdout(), srv, nil)
		},
	}
}

func (a *app) analyzerLanguageCmd() *cobra.Command {
	return &cobra.Command{
		Use:                "language [ENGINE_ADDRESS]",
		Short:              "Serve the Pulumi language host of the tiercost policy pack runtime (the engine runs this)",
		Hidden:             true,
		DisableFlagParsing: true,
		Example:            `  pulumi-language-tiercost 127.0.0.1:50051`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 && (args[0] == "--help" || args[0] == "-h") {
				return cmd.Help()
			}
			exe, err := os.Executable()
			if err != nil {
				return err
			}
			lang := &analyzer.Language{Version: analyzerVersion, Command: func(ctx context.Context, args []string) *exec.Cmd {
				return exec.CommandContext(ctx, exe, append([]string{"analyzer", "serve"}, args...)...)
			}}
			return serveGRPC(cmd.OutOrStdout(), func(s *grpc.Server) { pulumirpc.RegisterLanguageRuntimeServer(s, lang) }, nil)
		},
	}
}

// loadPolicyPackOptions reads the analyzer's options from dir's
// PulumiPolicy.yaml (runtime.options); false when there is no such file.
func loadPolicyPackOptions(dir string) (analyzer.Options, bool, error) {
	path := filepath.Join(dir, "PulumiPolicy.yaml")
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return analyzer.Options{}, false, nil
	}
	if err != nil {
		return analyzer.Options{}, false, fmt.Errorf("%s: %v", path, unwrapPathError(err))
	}
	var doc struct {
		Runtime yaml.Node `yaml:"runtime"`
	}
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return analyzer.Options{}, false, fmt.Errorf("%s: malformed YAML: %v", path, err)
	}
	opts := map[string]string{}
	if doc.Runtime.Kind == yaml.MappingNode {
		var rt struct {
			Options map[string]string `yaml:"options"`
		}
		if err := doc.Runtime.Decode(&rt); err != nil {
			return analyzer.Options{}, false, fmt.Errorf("%s: runtime.options: %v; allowed: a map of option to value", path, err)
		}
		opts = rt.Options
	}
	o, err := parseAnalyzerOptions(opts, dir)
	if err != nil {
		return o, false, fmt.Errorf("%s: %v", path, err)
	}
	return o, true, nil
}

// parseAnalyzerOptions checks the options and loads the files they name
// (paths relative to dir, the policy pack folder).
func parseAnalyzerOptions(opts map[string]string, dir string) (analyzer.Options, error) {
	o := analyzer.Options{Version: analyzerVersion}
	var unknown []string
	for k := range opts {
		if !contains(analyzerOptionKeys, k) {
			unknown = append(unknown, k)
		}
	}
	if len(unknown) > 0 {
		sort.Strings(unknown)
		return o, fmt.Errorf("analyzer option %s: unknown; allowed: %s", strings.Join(unknown, ", "), strings.Join(analyzerOptionKeys, ", "))
	}
	amount := func(k string, allowZero bool) (*decimal.Decimal, error) {
		s, ok := opts[k]
		if !ok {
			return nil, nil
		}
		d, err := decimal.NewFromString(strings.TrimSuffix(strings.TrimPrefix(s, "$"), "%"))
		if err != nil || d.IsNegative() || (!allowZero && d.IsZero()) || d.GreaterThan(maxBudget) {
			return nil, fmt.Errorf("analyzer option %s: %s is not allowed; allowed: a number of %s up to 1000000000", k, inputfile.Excerpt(s), map[bool]string{true: "0 or more", false: "more than 0"}[allowZero])
		}
		return &d, nil
	}
	flag := func(k string) (bool, error) {
		switch opts[k] {
		case "", "false":
			return false, nil
		case "true":
			return true, nil
		}
		return false, fmt.Errorf("analyzer option %s: %s is not allowed; allowed: true or false", k, inputfile.Excerpt(opts[k]))
	}
	var err error
	if o.Limits.AllowUnpriced, err = flag("allow-unpriced"); err != nil {
		return o, err
	}
	if o.Limits.AllowOverload, err = flag("allow-overload"); err != nil {
		return o, err
	}
	if o.Limits.Budget, err = amount("budget", false); err != nil {
		return o, err
	}
	if o.Limits.Budget != nil {
		o.Limits.BudgetSource = "analyzer option budget"
	}
	if o.Limits.MaxIncrease, err = amount("max-increase", true); err != nil {
		return o, err
	}
	if o.Limits.MaxIncreasePercent, err = amount("max-increase-percent", true); err != nil {
		return o, err
	}
	if (o.Limits.MaxIncrease != nil || o.Limits.MaxIncreasePercent != nil) != (opts["baseline"] != "") {
		return o, errors.New("analyzer options: max-increase and max-increase-percent need baseline, and baseline needs one of them")
	}
	if r, ok := opts["region"]; ok {
		if err := checkRegionSyntax(r); err != nil {
			return o, fmt.Errorf("analyzer option region: %v", err)
		}
		o.Region = r
	}
	kinds := map[string]inputfile.Kind{"catalog": inputfile.Catalog, "usage": inputfile.Usage, "budgets": gate.BudgetsKind}
	file := func(k string) (string, error) {
		p := resolve(dir, opts[k])
		if err := inputfile.Check(p, kinds[k]); err != nil {
			return "", fmt.Errorf("analyzer option %s: %v", k, err)
		}
		return p, nil
	}
	if _, ok := opts["catalog"]; ok {
		p, err := file("catalog")
		if err != nil {
			return o, err
		}
		if o.Catalog, err = catalog.Open(p); err != nil {
			return o, fmt.Errorf("analyzer option catalog: %v", err)
		}
	}
	usageFile := ""
	if _, ok := opts["usage"]; ok {
		p, err := file("usage")
		if err != nil {
			return o, err
		}
		usageFile = p
		if o.Usage, err = usage.ParseFile(p, pricing.UsageSchema()); err != nil {
			return o, fmt.Errorf("analyzer option usage: %v", err)
		}
	}
	if _, ok := opts["budgets"]; ok {
		p, err := file("budgets")
		if err != nil {
			return o, err
		}
		b, err := gate.ReadBudgets(p)
		if err != nil {
			return o, fmt.Errorf("analyzer option budgets: %v", err)
		}
		o.Budgets = &b
	}
	if src, ok := opts["baseline"]; ok {
		// The baseline is priced like the stack: same catalog and usage.
		res, err := estimateBaseline(src, dir, usageFile, o)
		if err != nil {
			return o, fmt.Errorf("analyzer option baseline: %v", err)
		}
		o.Baseline, o.BaselineName = &res.Breakdown, src
	}
	return o, nil
}

// estimateBaseline prices the baseline SOURCE: export:FILE, preview:FILE
// or a saved breakdown JSON file (paths relative to dir).
func estimateBaseline(src, dir, usageFile string, o analyzer.Options) (engine.Result, error) {
	t, err := parseSource(src)
	if err != nil {
		return engine.Result{}, err
	}
	req := engine.Request{Catalog: o.Catalog, UsageFile: usageFile}
	switch {
	case t.stackExport != "":
		req.StackExport = resolve(dir, t.stackExport)
		err = inputfile.Check(req.StackExport, inputfile.StackExport)
	case t.previewJSON != "":
		req.PreviewJSON = resolve(dir, t.previewJSON)
		err = inputfile.Check(req.PreviewJSON, inputfile.Preview)
	case t.saved != "":
		req.Breakdown, req.UsageFile = resolve(dir, t.saved), ""
		err = inputfile.Check(req.Breakdown, inputfile.Breakdown)
	default:
		return engine.Result{}, fmt.Errorf("%s: allowed: export:FILE, preview:FILE or a saved breakdown JSON file", src)
	}
	if err != nil {
		return engine.Result{}, err
	}
	return engine.Estimate(req)
}

// serveAnalyzerFor serves an analyzer with the given options.
func serveAnalyzerFor(w io.Writer, o analyzer.Options, cancel chan bool) error {
	return serveAnalyzer(w, analyzer.New(o), cancel)
}

// serveAnalyzer serves the analyzer on a free local port and prints the
// port, which is how Pulumi learns where to connect. The engine ends the
// process when it is done; closing cancel (tests) stops it too.
func serveAnalyzer(w io.Writer, srv pulumirpc.AnalyzerServer, cancel chan bool) error {
	return serveGRPC(w, func(s *grpc.Server) { pulumirpc.RegisterAnalyzerServer(s, srv) }, cancel)
}

// serveGRPC serves on a free loopback port and prints the port.
func serveGRPC(w io.Writer, register func(*grpc.Server), cancel chan bool) error {
	h, err := rpcutil.ServeWithOptions(rpcutil.ServeOptions{
		Cancel: cancel,
		Init: func(s *grpc.Server) error {
			register(s)
			return nil
		},
		Options: rpcutil.OpenTracingServerInterceptorOptions(nil),
	})
	if err != nil {
		return fmt.Errorf("analyzer: %v", err)
	}
	if _, err := fmt.Fprintf(w, "%d\n", h.Port); err != nil {
		// Pulumi learns the port only from this line: without it nobody
		// can connect, so stop rather than serve unseen.
		return fmt.Errorf("analyzer: cannot tell Pulumi the port: %v", err)
	}
	return <-h.Done
}
