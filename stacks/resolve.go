package stacks

import (
	"fmt"

	"github.com/tiercost/tiercost/components/spec"
	"github.com/tiercost/tiercost/costmodel/capacity"
	"github.com/tiercost/tiercost/environments"
)

// Resolution is a sized spec with the workload and the sizing behind it.
type Resolution struct {
	Name     string // environment or tier name
	Tier     string
	Spec     spec.Spec
	Workload spec.Workload
	Sizing   capacity.Result
	// Profile is what was resolved: an environment file, a bare tier, or
	// either with a what-if scenario written into it.
	Profile environments.Profile
}

// Resolve sizes a profile: its tier's workload with the profile's workload
// overrides, sized by the capacity model with the profile's sizing
// choices, then the profile's explicit spec overrides. This is the one
// function that decides a spec, for the estimate and for `pulumi up`
// alike; it sizes exactly once and reads no prices.
func Resolve(p environments.Profile) (Resolution, error) {
	w, err := Workload(p)
	if err != nil {
		return Resolution{}, err
	}
	sized, err := capacity.Size(p.Tier, w, capacity.Options{
		Family: p.Sizing.Family, TargetUtilization: p.Sizing.TargetUtilization, Region: p.Region,
	})
	if err != nil {
		return Resolution{}, fmt.Errorf("%s: %w", p.Source, err)
	}
	s := sized.Spec
	if !p.Bare {
		s.Environment = p.Name
	}
	// A domain section in the profile replaces the tier's placeholder
	// whole, so a name of its own never pairs with the placeholder's zone.
	if _, set := p.Overrides["domain"]; set {
		s.Domain = spec.DomainSpec{}
	}
	if s, err = p.ApplyOverrides(s); err != nil {
		return Resolution{}, err
	}
	// The image follows an instance type set by hand, so an override of
	// the type alone never pairs an arm64 image with an x86 instance.
	if typ, set := overridden(p, "compute", "instance_type"); set {
		if _, archSet := overridden(p, "compute", "architecture"); !archSet {
			if inst, ok := spec.EC2Type(typ.(string)); ok {
				s.Compute.Architecture = inst.Arch
			}
		}
	}
	if p.Name == "prod" && !p.Bare {
		s.Database.DeletionProtection = true
	}
	if err := s.Validate(); err != nil {
		// An overridden field is named as written: overrides.<field>, line.
		return Resolution{}, p.SpecError(err)
	}
	sized.Spec = s
	return Resolution{Name: p.Name, Tier: p.Tier, Spec: s, Workload: w, Sizing: sized, Profile: p}, nil
}

// Workload is the one way a profile's workload is built: the tier's
// default, rescaled to the profile's users when it sets them (the one
// scaling rule, capacity.ScaleWorkload: traffic and stored data are per
// user, and the hot working set follows the users), then the profile's
// explicit fields. So dev's 200 users get 200 users' working set, not the
// 1k tier's.
func Workload(p environments.Profile) (spec.Workload, error) {
	base, err := capacity.TierWorkload(p.Tier)
	if err != nil {
		return spec.Workload{}, fmt.Errorf("%s: tier: %w", p.Source, err)
	}
	if users, err := p.ApplyWorkload(spec.Workload{}); err == nil && users.MonthlyActiveUsers > 0 {
		base = capacity.ScaleWorkload(base, users.MonthlyActiveUsers)
	}
	return p.ApplyWorkload(base)
}

// overridden returns an override's value and whether the profile sets it.
func overridden(p environments.Profile, section, key string) (any, bool) {
	m, ok := p.Overrides[section].(map[string]any)
	if !ok {
		return nil, false
	}
	v, ok := m[key]
	return v, ok
}

// ResolveTier sizes a bare tier from its default workload.
func ResolveTier(tier string) (Resolution, error) {
	p, err := environments.ForTier(tier)
	if err != nil {
		return Resolution{}, err
	}
	return Resolve(p)
}
