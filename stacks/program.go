// Package stacks owns the Pulumi program that `pulumi up` runs (Program),
// the mapping from an environment profile to a spec (Resolve), the in-process
// mocked run that captures every resource the program creates (Capture), so
// that what is priced is exactly what is deployed, and the templates that
// answer a spec from the mocked runs of its shape without the Pulumi SDK
// (Records).
package stacks

import (
	"encoding/json"
	"fmt"

	"github.com/pulumi/pulumi-aws/sdk/v6/go/aws"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"

	"github.com/tiercost/tiercost/components"
	"github.com/tiercost/tiercost/components/spec"
	"github.com/tiercost/tiercost/environments"
)

// Project is the Pulumi project name and the config namespace.
const Project = "tiercost"

// GlobalRegion is where CloudFront's certificates and web ACLs live.
const GlobalRegion = "us-east-1"

// Config keys, in the tiercost namespace, in order of precedence.
const (
	ConfigSpec        = Project + ":spec"        // a JSON-encoded spec.Spec (what-ifs)
	ConfigEnvironment = Project + ":environment" // dev, staging, prod
	ConfigTier        = Project + ":tier"        // 1k, 10k, 100k, 1m
	// ConfigWorkDir names the folder whose environments/ overrides the
	// embedded profiles. `tiercost up` sets it to the folder it runs in, so
	// the deployment reads the same files as the estimate; without it the
	// project root (the folder holding Pulumi.yaml) is used.
	ConfigWorkDir = Project + ":workDir"
)

// Program is the Pulumi program. The environment files are read from the
// project's root directory (the folder holding Pulumi.yaml) when it has an
// environments/ folder, else from the embedded copies. It refuses to run
// a spec that can only be estimated (see spec.Spec.DeployProblem).
func Program(ctx *pulumi.Context) error { return program(ctx, true) }

// estimateProgram is Program as the estimate runs it under mocks: the same
// resources, and a placeholder is allowed, because it prices the same as
// the name that will replace it.
func estimateProgram(ctx *pulumi.Context) error { return program(ctx, false) }

func program(ctx *pulumi.Context, deploying bool) error {
	cfg := config.New(ctx, Project)
	workDir := cfg.Get("workDir")
	if workDir == "" {
		workDir = ctx.RootDirectory()
	}
	environment, tier := cfg.Get("environment"), cfg.Get("tier")
	s, err := SpecFromConfig(cfg.Get("spec"), environment, tier, workDir)
	if err != nil {
		return err
	}
	if problem := s.DeployProblem(); deploying && problem != "" {
		return NotDeployableError(cfg.Get("spec") != "", environment, tier, problem)
	}

	// One explicit provider: the region comes from the spec (the
	// environment file), never from stack config.
	tags := aws.ProviderDefaultTagsArgs{Tags: pulumi.StringMap{
		"Project":     pulumi.String(Project),
		"Environment": pulumi.String(s.Environment),
		"Tier":        pulumi.String(s.Tier),
	}}
	provider, err := aws.NewProvider(ctx, "aws", &aws.ProviderArgs{
		Region:      pulumi.String(s.Region),
		DefaultTags: tags,
	})
	if err != nil {
		return err
	}
	// CloudFront takes its certificate and web ACL from us-east-1 only.
	args := &components.PlatformArgs{Spec: s}
	if s.Region != GlobalRegion && (s.CDN.Enabled && (s.Domain.Name != "" || s.Security.WAF)) {
		if args.Global, err = aws.NewProvider(ctx, "aws-"+GlobalRegion, &aws.ProviderArgs{
			Region:      pulumi.String(GlobalRegion),
			DefaultTags: tags,
		}); err != nil {
			return err
		}
	}
	p, err := components.NewPlatform(ctx, s.Name, args, pulumi.Providers(provider))
	if err != nil {
		return err
	}
	ctx.Export("albDnsName", p.AlbDNSName)
	ctx.Export("cdnDomainName", p.CDNDomainName)
	ctx.Export("siteUrl", p.SiteURL)
	ctx.Export("nameServers", p.NameServers)
	ctx.Export("tier", pulumi.String(s.Tier))
	ctx.Export("region", pulumi.String(s.Region))
	ctx.Export("environment", pulumi.String(s.Environment))
	return nil
}

// NotDeployableError says where to fix a spec that can only be estimated:
// the environment file; a bare tier or a spec in the stack config has no
// file, so it names the config key instead.
func NotDeployableError(fromSpec bool, environment, tier, problem string) error {
	switch {
	case fromSpec:
		return fmt.Errorf("cannot deploy yet: config %s: domain.name is the placeholder %s; set domain.name (with domain.zone_id or domain.zone) in the spec", ConfigSpec, spec.PlaceholderDomain)
	case environment != "":
		return fmt.Errorf("cannot deploy %s yet: %s, in environments/%s.yaml", environment, problem, environment)
	}
	return fmt.Errorf("cannot deploy the bare %s tier: its domain.name is the placeholder %s; set %s to an environment whose file sets overrides.domain.name", tier, spec.PlaceholderDomain, ConfigEnvironment)
}

// SpecFromConfig picks the spec from the three config values: a JSON spec
// wins, then an environment, then a bare tier.
func SpecFromConfig(specJSON, environment, tier, workDir string) (spec.Spec, error) {
	switch {
	case specJSON != "":
		var s spec.Spec
		if err := json.Unmarshal([]byte(specJSON), &s); err != nil {
			return spec.Spec{}, fmt.Errorf("config %s: not a JSON spec: %w", ConfigSpec, err)
		}
		if err := s.Validate(); err != nil {
			return spec.Spec{}, fmt.Errorf("config %s: %w", ConfigSpec, err)
		}
		return s, nil
	case environment != "":
		p, err := environments.Load(environment, workDir)
		if err != nil {
			return spec.Spec{}, fmt.Errorf("config %s: %w", ConfigEnvironment, err)
		}
		r, err := Resolve(p)
		return r.Spec, err
	case tier != "":
		r, err := ResolveTier(tier)
		if err != nil {
			return spec.Spec{}, fmt.Errorf("config %s: %w", ConfigTier, err)
		}
		return r.Spec, nil
	}
	return spec.Spec{}, fmt.Errorf("config: set one of %s, %s or %s", ConfigEnvironment, ConfigTier, ConfigSpec)
}
