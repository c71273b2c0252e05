// Package deploy owns the hand-off from an estimate to a real deployment:
// it runs `pulumi preview` and `pulumi up` for an environment's stack through
// the Automation API, with an inline program that is the very program
// function the estimate ran under mocks (stacks.Program). It also says
// exactly what to install or set when the Pulumi CLI or AWS credentials are
// missing.
package deploy

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"github.com/pulumi/pulumi/sdk/v3/go/auto"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/events"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optpreview"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optup"
	"github.com/pulumi/pulumi/sdk/v3/go/common/apitype"
	sdkresource "github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/tokens"
	"github.com/tiercost/tiercost/environments"
	"github.com/tiercost/tiercost/stacks"
)

// Project is the Pulumi project name, as in Pulumi.yaml.
const Project = "tiercost"

// Options configure where and how the engine runs.
type Options struct {
	// WorkDir holds the workspace's files; "" uses a temporary folder.
	WorkDir string
	// EnvironmentsDir is the folder whose environments/ files override the
	// embedded profiles, as for the estimate ("" = embedded only).
	EnvironmentsDir string
	// EnvVars are passed to the pulumi CLI (e.g. PULUMI_BACKEND_URL).
	EnvVars map[string]string
	// SkipCredentialCheck skips the AWS credentials check; the end-to-end
	// test sets it because it runs a stand-in provider.
	SkipCredentialCheck bool
	// LookupEnv reads the environment; nil uses os.LookupEnv.
	LookupEnv func(string) (string, bool)
}

// Deployer runs previews and updates of tiercost's stacks.
type Deployer struct {
	opts Options
}

// New returns a Deployer.
func New(opts Options) *Deployer {
	if opts.LookupEnv == nil {
		opts.LookupEnv = os.LookupEnv
	}
	return &Deployer{opts: opts}
}

// NotReady lists what to install or set before a deploy can run (tools,
// credentials, and what the environment file must still set). Its
// message is the list alone, so each caller says once what could not
// happen ("cannot deploy prod yet: ...", or the TUI's "Cannot deploy yet:").
type NotReady struct {
	Env     string
	Missing []string
}

func (e *NotReady) Error() string { return strings.Join(e.Missing, "; ") }

// Check reports, for humans, what is missing before a deploy of env can
// run: nil, or a *NotReady.
func (d *Deployer) Check(env string) error {
	var missing []string
	if _, err := exec.LookPath("pulumi"); err != nil {
		missing = append(missing, "the pulumi CLI is not on PATH: install it (https://www.pulumi.com/docs/install/) or run .ci/build-pulumi.sh and add the folder it prints to PATH")
	}
	if !d.opts.SkipCredentialCheck && !d.hasAWSCredentials() {
		missing = append(missing, "no AWS credentials: set AWS_PROFILE (with ~/.aws/config) or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or run `aws sso login`")
	}
	if _, ok := d.lookup("PULUMI_BACKEND_URL"); !ok && !d.loggedIn() {
		missing = append(missing, "no Pulumi backend: run `pulumi login` (Pulumi Cloud) or `pulumi login file://<folder>`, or set PULUMI_BACKEND_URL")
	}
	if problem := d.specProblem(env); problem != "" {
		missing = append(missing, problem)
	}
	if len(missing) == 0 {
		return nil
	}
	return &NotReady{Env: env, Missing: missing}
}

// specProblem is what the environment's file must still set before the
// program will deploy it (the placeholder domain), "" when nothing. An
// environment that does not resolve is left to the preview to report.
func (d *Deployer) specProblem(env string) string {
	p, err := environments.Load(env, d.opts.EnvironmentsDir)
	if err != nil {
		return ""
	}
	r, err := stacks.Resolve(p)
	if err != nil {
		return ""
	}
	if problem := r.Spec.DeployProblem(); problem != "" {
		return fmt.Sprintf("%s, in environments/%s.yaml", problem, env)
	}
	return ""
}

func (d *Deployer) lookup(k string) (string, bool) {
	if v, ok := d.opts.EnvVars[k]; ok {
		return v, true
	}
	v, ok := d.opts.LookupEnv(k)
	return v, ok && v != ""
}

func (d *Deployer) hasAWSCredentials() bool {
	for _, k := range []string{"AWS_ACCESS_KEY_ID", "AWS_PROFILE", "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"} {
		if _, ok := d.lookup(k); ok {
			return true
		}
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return false
	}
	_, err = os.Stat(filepath.Join(home, ".aws", "credentials"))
	return err == nil
}

func (d *Deployer) loggedIn() bool {
	home, err := os.UserHomeDir()
	if err != nil {
		return false
	}
	_, err = os.Stat(filepath.Join(home, ".pulumi", "credentials.json"))
	return err == nil
}

// stack selects (or creates) the environment's stack with the inline program.
func (d *Deployer) stack(ctx context.Context, env string) (auto.Stack, error) {
	opts := []auto.LocalWorkspaceOption{auto.EnvVars(d.opts.EnvVars)}
	if d.opts.WorkDir != "" {
		opts = append(opts, auto.WorkDir(d.opts.WorkDir))
	}
	st, err := auto.UpsertStackInlineSource(ctx, env, Project, stacks.Program, opts...)
	if err != nil {
		return auto.Stack{}, fmt.Errorf("select stack %q: %w", env, err)
	}
	// The environment file is the one home of the region and sizes; the
	// stack only names its environment, as stacks/Pulumi.<env>.yaml does.
	if err := st.SetConfig(ctx, stacks.ConfigEnvironment, auto.ConfigValue{Value: env}); err != nil {
		return auto.Stack{}, fmt.Errorf("configure stack %q: %w", env, err)
	}
	if d.opts.EnvironmentsDir != "" {
		dir, err := filepath.Abs(d.opts.EnvironmentsDir)
		if err != nil {
			return auto.Stack{}, err
		}
		if err := st.SetConfig(ctx, stacks.ConfigWorkDir, auto.ConfigValue{Value: dir}); err != nil {
			return auto.Stack{}, fmt.Errorf("configure stack %q: %w", env, err)
		}
	}
	return st, nil
}

// PreviewStep is one step of a preview, in `pulumi preview --json`'s shape.
type PreviewStep struct {
	Op       string              `json:"op"`
	URN      string              `json:"urn"`
	Provider string              `json:"provider,omitempty"`
	OldState *apitype.ResourceV3 `json:"oldState,omitempty"`
	NewState *apitype.ResourceV3 `json:"newState,omitempty"`
}

// PreviewDigest mirrors `pulumi preview --json`: the same steps, built from
// the same engine events the CLI renders.
type PreviewDigest struct {
	Config        map[string]string `json:"config,omitempty"`
	Steps         []PreviewStep     `json:"steps"`
	ChangeSummary map[string]int    `json:"changeSummary,omitempty"`
}

// Preview runs `pulumi preview` for an environment and streams progress
// lines. It returns the preview digest.
func (d *Deployer) Preview(ctx context.Context, env string, progress func(string)) (PreviewDigest, error) {
	st, err := d.stack(ctx, env)
	if err != nil {
		return PreviewDigest{}, err
	}
	ch := make(chan events.EngineEvent)
	var digest PreviewDigest
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for ev := range ch {
			if ev.ResourcePreEvent != nil {
				m := ev.ResourcePreEvent.Metadata
				digest.Steps = append(digest.Steps, PreviewStep{
					Op: string(m.Op), URN: m.URN, Provider: m.Provider,
					OldState: stateOf(m.Old), NewState: stateOf(m.New),
				})
				say(progress, fmt.Sprintf("%-8s %s", m.Op, m.URN))
			}
			if ev.DiagnosticEvent != nil && ev.DiagnosticEvent.Severity != "debug" {
				say(progress, strings.TrimSpace(ev.DiagnosticEvent.Message))
			}
		}
	}()
	res, err := st.Preview(ctx, optpreview.EventStreams(ch))
	wg.Wait()
	if err != nil {
		return PreviewDigest{}, fmt.Errorf("pulumi preview of %q: %w", env, err)
	}
	digest.ChangeSummary = map[string]int{}
	for op, n := range res.ChangeSummary {
		digest.ChangeSummary[string(op)] = n
	}
	digest.Config = map[string]string{Project + ":environment": env}
	sort.SliceStable(digest.Steps, func(i, j int) bool { return digest.Steps[i].URN < digest.Steps[j].URN })
	return digest, nil
}

// Up runs `pulumi up` for an environment and streams progress lines. It
// returns a one-line summary of the changes.
func (d *Deployer) Up(ctx context.Context, env string, progress func(string)) (string, error) {
	st, err := d.stack(ctx, env)
	if err != nil {
		return "", err
	}
	w := &lineWriter{emit: func(s string) { say(progress, s) }}
	res, err := st.Up(ctx, optup.ProgressStreams(w))
	w.Flush()
	if err != nil {
		return "", fmt.Errorf("pulumi up of %q: %w", env, err)
	}
	var parts []string
	if res.Summary.ResourceChanges != nil {
		for op, n := range *res.Summary.ResourceChanges {
			parts = append(parts, fmt.Sprintf("%s %d", op, n))
		}
	}
	sort.Strings(parts)
	return fmt.Sprintf("pulumi up of %q: %s (%s)", env, res.Summary.Result, strings.Join(parts, ", ")), nil
}

// Export returns the stack's deployment, as `pulumi stack export` does.
func (d *Deployer) Export(ctx context.Context, env string) ([]byte, error) {
	st, err := d.stack(ctx, env)
	if err != nil {
		return nil, err
	}
	dep, err := st.Export(ctx)
	if err != nil {
		return nil, fmt.Errorf("pulumi stack export of %q: %w", env, err)
	}
	return json.MarshalIndent(dep, "", "  ")
}

func stateOf(m *apitype.StepEventStateMetadata) *apitype.ResourceV3 {
	if m == nil {
		return nil
	}
	return &apitype.ResourceV3{
		URN: sdkresource.URN(m.URN), Custom: m.Custom, Delete: m.Delete, ID: sdkresource.ID(m.ID),
		Type: tokens.Type(m.Type), Inputs: m.Inputs, Outputs: m.Outputs, Parent: sdkresource.URN(m.Parent), Provider: m.Provider,
	}
}

func say(progress func(string), line string) {
	if progress != nil && line != "" {
		progress(line)
	}
}

// lineWriter turns a progress stream into lines.
type lineWriter struct {
	emit func(string)
	buf  []byte
}

func (w *lineWriter) Write(p []byte) (int, error) {
	w.buf = append(w.buf, p...)
	for {
		i := strings.IndexByte(string(w.buf), '\n')
		if i < 0 {
			return len(p), nil
		}
		w.emit(strings.TrimRight(string(w.buf[:i]), "\r"))
		w.buf = w.buf[i+1:]
	}
}

func (w *lineWriter) Flush() {
	if len(w.buf) > 0 {
		w.emit(string(w.buf))
		w.buf = nil
	}
}

// ErrNotConfirmed is returned when the user did not confirm a deploy.
var ErrNotConfirmed = errors.New("deploy not confirmed")
