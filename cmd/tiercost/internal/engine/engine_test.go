package engine

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/tiercost/tiercost/cmd/tiercost/internal/scenario"
	"github.com/tiercost/tiercost/components/spec"
	"github.com/tiercost/tiercost/costmodel/capacity"
	"github.com/tiercost/tiercost/costmodel/golden"
	"github.com/tiercost/tiercost/costmodel/output"
	"github.com/tiercost/tiercost/costmodel/pricing"
	"github.com/tiercost/tiercost/environments"
)

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func line(t *testing.T, b pricing.Breakdown, resource, component string) pricing.CostComponent {
	t.Helper()
	for n, c := range b.Lines() {
		if n.Top.Name == resource && c.Name == component {
			return c
		}
	}
	t.Fatalf("%s: no line %q", resource, component)
	return pricing.CostComponent{}
}

// TestTier1kFixedLinesByHand checks the always-on lines of the 1k tier
// against prices from shared/reference/aws-prices.csv, worked by hand. The
// sizes come from the capacity model (costmodel/capacity/testdata).
func TestTier1kFixedLinesByHand(t *testing.T) {
	res, err := Estimate(Request{Source: Source{Tier: "1k"}})
	if err != nil {
		t.Fatal(err)
	}
	b := res.Breakdown
	for _, tc := range []struct {
		resource, line, want string
	}{
		{"tc-app-asg", "Instance usage (Linux/UNIX, on-demand, t4g.small)", "12.264"}, // 1 x 730 h x 0.0168
		{"tc-app-asg", "Storage (general purpose SSD, gp3)", "1.6"},                   // 20 GB x 0.08
		{"tc-db", "Database instance (on-demand, Single-AZ, db.t4g.micro)", "11.68"},  // 730 x 0.016
		// 34 GB = ceil(1,000 users x 5 MB x 1.15^12 x 1.25 headroom = 33.44 GB); x 0.115
		{"tc-db", "Storage (general purpose SSD, gp3, Single-AZ)", "3.91"},
		{"tc-alb", "Application load balancer", "16.425"}, // 730 x 0.0225
		{"tc-alb", "Public IPv4 addresses", "7.3"},        // 2 subnets x 730 x 0.005
		{"tc-nat-0", "NAT gateway", "32.85"},              // 730 x 0.045
		{"tc-nat-eip-0", "Public IPv4 address", "3.65"},   // 730 x 0.005
	} {
		if got := line(t, b, tc.resource, tc.line).MonthlyCost; !got.Equal(dec(tc.want)) {
			t.Errorf("%s / %s = %s, want %s", tc.resource, tc.line, got, tc.want)
		}
	}
	if res.Tier != "1k" || res.Users != 1000 || b.Metadata["tier"] != "1k" {
		t.Errorf("tier %q users %v metadata %v", res.Tier, res.Users, b.Metadata)
	}
}

// TestEstimateDeploysTheResolvedSpec: the records the program captured for
// an environment carry the sizes the capacity model resolved.
func TestEstimateDeploysTheResolvedSpec(t *testing.T) {
	for _, env := range []string{"dev", "staging", "prod"} {
		res, err := Estimate(Request{Source: Source{Environment: env}})
		if err != nil {
			t.Fatal(err)
		}
		s := res.Resolution.Spec
		seen := 0
		for _, r := range res.Records {
			switch r.Type {
			case "aws:ec2/launchTemplate:LaunchTemplate":
				seen++
				if r.String("instanceType") != s.Compute.InstanceType {
					t.Errorf("%s: launch template %s, spec %s", env, r.String("instanceType"), s.Compute.InstanceType)
				}
			case "aws:autoscaling/group:Group":
				seen++
				minSize, _ := r.Number("minSize")
				maxSize, _ := r.Number("maxSize")
				if int(minSize) != s.Compute.MinSize || int(maxSize) != s.Compute.MaxSize {
					t.Errorf("%s: ASG %v-%v, spec %d-%d", env, minSize, maxSize, s.Compute.MinSize, s.Compute.MaxSize)
				}
			}
		}
		if seen != 2 {
			t.Errorf("%s: found %d of the launch template and ASG", env, seen)
		}
		if res.BudgetMonthlyUSD == nil {
			t.Errorf("%s: no budget", env)
		}
	}
}

// TestWhatIfUsersMovesTier: raising dev's 200 users to 30,000 moves it
// from the 1k to the 10k architecture (the 1k architecture gives way at
// 20,000 users, where the article asks for a cache) and costs more; the
// baseline is unchanged.
func TestWhatIfUsersMovesTier(t *testing.T) {
	base, err := Estimate(Request{Source: Source{Environment: "dev"}})
	if err != nil {
		t.Fatal(err)
	}
	more, err := Estimate(AtUsers(Request{Source: Source{Environment: "dev"}}, 30_000))
	if err != nil {
		t.Fatal(err)
	}
	if base.Tier != "1k" || more.Tier != "10k" || !more.Breakdown.TotalMonthlyCost.GreaterThan(base.Breakdown.TotalMonthlyCost) {
		t.Errorf("dev %s %s -> %s %s", base.Tier, base.Breakdown.TotalMonthlyCost, more.Tier, more.Breakdown.TotalMonthlyCost)
	}
	again, err := Estimate(Request{Source: Source{Environment: "dev"}})
	if err != nil {
		t.Fatal(err)
	}
	if !again.Breakdown.TotalMonthlyCost.Equal(base.Breakdown.TotalMonthlyCost) {
		t.Errorf("baseline moved: %s then %s", base.Breakdown.TotalMonthlyCost, again.Breakdown.TotalMonthlyCost)
	}
}

// TestTierBreakdownGolden keeps the full table of every tier, so any change
// to the program, the sizing or the prices shows up in review.
func TestTierBreakdownGolden(t *testing.T) {
	results, err := Estimator(Estimate).Tiers(Request{})
	if err != nil {
		t.Fatal(err)
	}
	for _, res := range results {
		var buf bytes.Buffer
		// Every column on one line and the free resources listed, so a
		// review sees each moved figure and each added resource.
		if err := output.Table(&buf, res.Breakdown, output.TableOptions{ShowFree: true}); err != nil {
			t.Fatal(err)
		}
		golden.Assert(t, filepath.Join("testdata", "tier-"+res.Tier+".golden"), buf.Bytes())
	}
}

// TestFamilyKnobKeepsImageAndTypeTogether: for every tier and environment,
// with either compute family, every launch template's image is built for
// its instance type's architecture (an arm64 image does not boot on x86).
func TestFamilyKnobKeepsImageAndTypeTogether(t *testing.T) {
	var sources []Source
	for _, tier := range spec.Tiers {
		sources = append(sources, Source{Tier: tier})
	}
	for _, env := range environments.Names() {
		sources = append(sources, Source{Environment: env})
	}
	for _, src := range sources {
		for _, fam := range spec.Families {
			res, err := Estimate(Request{Source: src, Overlay: scenario.Overlay{"family": fam}})
			if err != nil {
				t.Fatalf("%+v family %s: %v", src, fam, err)
			}
			wantArch, _ := spec.ArchOfFamily(fam)
			seen := 0
			for _, r := range res.Records {
				if r.Type != "aws:ec2/launchTemplate:LaunchTemplate" {
					continue
				}
				seen++
				typ, img := r.String("instanceType"), r.String("imageId")
				inst, ok := spec.LookupInstance(spec.EC2Types(), typ)
				if !ok || inst.Arch != wantArch || !strings.HasSuffix(img, "-"+wantArch) {
					t.Errorf("%+v family %s: launch template %s (%s) with image %s", src, fam, typ, inst.Arch, img)
				}
			}
			if seen != 1 {
				t.Errorf("%+v: %d launch templates", src, seen)
			}
		}
	}
}

// TestEstimateSizesOnce: one estimate runs the capacity model once: the
// engine resolves the spec and hands it to the program, which does not
// size it again.
func TestEstimateSizesOnce(t *testing.T) {
	for _, req := range []Request{
		{Source: Source{Environment: "prod"}},
		{Source: Source{Tier: "1m"}, Overlay: scenario.Overlay{"users": "2000000", "region": "eu-west-1"}},
	} {
		before := capacity.SizeCalls()
		if _, err := Estimate(req); err != nil {
			t.Fatal(err)
		}
		if n := capacity.SizeCalls() - before; n != 1 {
			t.Errorf("%+v: sized %d times, want 1", req.Source, n)
		}
	}
}

// TestSetOnFilesTakesPricingKnobsOnly: a stack export has no workload, so
// only the knobs for how capacity is bought (and the fallback region)
// apply; the others are refused with the list of those that do.
func TestSetOnFilesTakesPricingKnobsOnly(t *testing.T) {
	export := filepath.Join("..", "..", "..", "..", "testdata", "stacks", "export.json")
	_, err := Estimate(Request{Source: Source{StackExport: export}, Overlay: scenario.Overlay{"users": "5000"}})
	if err == nil || !strings.Contains(err.Error(), "users: applies to --env and --tier only") || !strings.Contains(err.Error(), "purchase") {
		t.Errorf("users on an export: %v", err)
	}
	res, err := Estimate(Request{Source: Source{StackExport: export}, Overlay: scenario.Overlay{"monthly_hours": "365"}})
	if err != nil {
		t.Fatal(err)
	}
	if res.Values["monthly_hours"] != "365" {
		t.Errorf("monthly hours = %q", res.Values["monthly_hours"])
	}
}
