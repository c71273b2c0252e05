package stacks

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/tokens"
	"github.com/pulumi/pulumi/sdk/v3/go/common/workspace"

	"github.com/tiercost/tiercost/components/spec"
	"github.com/tiercost/tiercost/environments"
)

func TestResolveSpec(t *testing.T) {
	tests := []struct {
		env, tier, region string
		deletion          bool
		retention         int
	}{
		// dev overrides log retention to 3 days (environments/dev.yaml).
		// Every tier protects its databases (spec.securityDefaults).
		{"dev", "1k", "us-east-1", true, 3},
		{"staging", "10k", "us-east-1", true, 14},
		{"prod", "100k", "us-east-1", true, 30},
	}
	for _, tt := range tests {
		p, err := environments.Load(tt.env, "")
		if err != nil {
			t.Fatal(err)
		}
		s, err := resolveSpec(p)
		if err != nil {
			t.Fatalf("%s: %v", tt.env, err)
		}
		if s.Environment != tt.env || s.Tier != tt.tier || s.Region != tt.region || s.Database.DeletionProtection != tt.deletion || s.Observability.LogRetentionDays != tt.retention {
			t.Errorf("%s: env=%q tier=%q region=%q deletion=%v retention=%d", tt.env, s.Environment, s.Tier, s.Region, s.Database.DeletionProtection, s.Observability.LogRetentionDays)
		}
	}
}

func TestResolveSpecProdAlwaysProtected(t *testing.T) {
	p, err := environments.Parse("prod.yaml", "prod", []byte("name: prod\ntier: 1k\nregion: eu-west-1\noverrides:\n  database:\n    deletion_protection: false\n"))
	if err != nil {
		t.Fatal(err)
	}
	s, err := resolveSpec(p)
	if err != nil {
		t.Fatal(err)
	}
	if !s.Database.DeletionProtection || s.Region != "eu-west-1" {
		t.Errorf("prod spec deletion=%v region=%q", s.Database.DeletionProtection, s.Region)
	}
}

func TestResolveSpecInvalidOverride(t *testing.T) {
	p, err := environments.Parse("x.yaml", "x", []byte("name: x\ntier: 1k\nregion: r\noverrides:\n  compute:\n    min_size: 0\n"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := resolveSpec(p); err == nil || !strings.Contains(err.Error(), "x.yaml") || !strings.Contains(err.Error(), "min_size") {
		t.Errorf("err = %v; want x.yaml and min_size", err)
	}
}

func TestSpecFromConfig(t *testing.T) {
	custom, _ := spec.DefaultSpec("10k")
	custom.Compute.InstanceType = "c6i.large"
	custom.Compute.Architecture = "x86_64"
	js, _ := json.Marshal(custom)
	tests := []struct {
		name                 string
		specJSON, env, tier  string
		wantTier, wantType   string
		wantEnv, wantErrPart string
	}{
		{"spec wins", string(js), "prod", "1m", "10k", "c6i.large", "", ""},
		// Sized by the capacity model: the cheapest type that carries the
		// tier's peak (costmodel/capacity/testdata/size_<tier>.txt).
		{"environment before tier", "", "staging", "1m", "10k", "t4g.small", "staging", ""},
		{"tier", "", "", "1m", "1m", "c7g.large", "", ""},
		{"nothing", "", "", "", "", "", "", "set one of"},
		{"bad json", "{", "", "", "", "", "", "tiercost:spec"},
		{"bad env", "", "qa", "", "", "", "", "tiercost:environment"},
		{"bad tier", "", "", "3k", "", "", "", "tiercost:tier"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := SpecFromConfig(tt.specJSON, tt.env, tt.tier, "")
			if tt.wantErrPart != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErrPart) {
					t.Fatalf("err = %v, want %q", err, tt.wantErrPart)
				}
				return
			}
			if err != nil || s.Tier != tt.wantTier || s.Compute.InstanceType != tt.wantType || s.Environment != tt.wantEnv {
				t.Errorf("got tier=%q type=%q env=%q err=%v", s.Tier, s.Compute.InstanceType, s.Environment, err)
			}
		})
	}
}

func FuzzSpecFromConfig(f *testing.F) {
	s, _ := spec.DefaultSpec("1m")
	js, _ := json.Marshal(s)
	f.Add(string(js))
	f.Add(`{"name":"tc"}`)
	f.Add(`[]`)
	f.Add(`{"compute":{"minSize":-1}}`)
	f.Fuzz(func(t *testing.T, src string) {
		got, err := SpecFromConfig(src, "", "", "")
		if src == "" {
			return
		}
		if err != nil {
			if !strings.Contains(err.Error(), ConfigSpec) {
				t.Fatalf("error does not name the key: %v", err)
			}
			return
		}
		if err := got.Validate(); err != nil {
			t.Fatalf("accepted an invalid spec: %v", err)
		}
	})
}

// TestProjectFiles loads Pulumi.yaml and every stack file the way the CLI
// does, and checks each stack names an existing environment.
func TestProjectFiles(t *testing.T) {
	path := filepath.Join("..", "Pulumi.yaml")
	proj, err := workspace.LoadProject(path)
	if err != nil {
		t.Fatal(err)
	}
	if proj.Name != Project || proj.Runtime.Name() != "go" || proj.Main != "cmd/infra" || proj.StackConfigDir != "stacks" {
		t.Errorf("project name=%q runtime=%q main=%q stackConfigDir=%q", proj.Name, proj.Runtime.Name(), proj.Main, proj.StackConfigDir)
	}
	for _, env := range environments.Names() {
		ps, err := workspace.LoadProjectStack(nil, proj, workspace.ProjectStackPath(path, proj, tokens.QName(env)))
		if err != nil {
			t.Fatalf("stack %s: %v", env, err)
		}
		if len(ps.Config) != 1 {
			t.Errorf("stack %s: %d config keys; want only %s (the region lives in the environment file)", env, len(ps.Config), ConfigEnvironment)
		}
		for k, v := range ps.Config {
			if k.String() != ConfigEnvironment || v.Secure() {
				t.Errorf("stack %s: unexpected config %s", env, k)
				continue
			}
			got, err := v.Value(nil)
			if err != nil {
				t.Fatal(err)
			}
			if got != env {
				t.Errorf("stack %s names environment %q", env, got)
			}
			if _, err := environments.Load(got, ".."); err != nil {
				t.Errorf("stack %s: %v", env, err)
			}
		}
	}
}

func resolveSpec(p environments.Profile) (spec.Spec, error) {
	r, err := Resolve(p)
	return r.Spec, err
}
