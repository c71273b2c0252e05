package stacks

import (
	"fmt"

	"github.com/tiercost/tiercost/components/spec"
	"github.com/tiercost/tiercost/costmodel/capacity"
	"github.com/tiercost/tiercost/costmodel/catalog"
	"github.com/tiercost/tiercost/environments"
)

// WhatIf holds what-if knobs. Nil or zero fields keep the environment's or
// the tier's own value.
type WhatIf struct {
	Users             *float64
	PeakToAverage     *float64
	CacheHitRatio     *float64
	CDNHitRatio       *float64
	AvgResponseKB     *float64
	Family            string // "x86", "graviton" or "" (the model's choice)
	DBReplicas        *int
	Region            string
	TargetUtilization float64
}

// Resolution is a sized spec with the workload and the sizing behind it.
type Resolution struct {
	Name     string // environment or tier name
	Tier     string
	Spec     spec.Spec
	Workload spec.Workload
	Sizing   capacity.Result
	// Profile is the environment's profile; nil for a bare tier.
	Profile *environments.Profile
}

// ResolveTier sizes a bare tier from its default workload.
func ResolveTier(tier string, wi WhatIf) (Resolution, error) {
	w, err := capacity.TierWorkload(tier)
	if err != nil {
		return Resolution{}, err
	}
	res, err := size(tier, w, wi, "")
	if err != nil {
		return Resolution{}, fmt.Errorf("tier %s: %w", tier, err)
	}
	res.Name = tier
	return res, res.Spec.Validate()
}

// ResolveEnvironment sizes an environment: its tier's workload with the
// profile's workload overrides, sized by the capacity model, then the
// profile's explicit spec overrides. This is the one function that decides
// an environment's spec, for the estimate and for `pulumi up` alike.
func ResolveEnvironment(p environments.Profile, wi WhatIf) (Resolution, error) {
	base, err := capacity.TierWorkload(p.Tier)
	if err != nil {
		return Resolution{}, fmt.Errorf("%s: tier: %w", p.Source, err)
	}
	w, err := p.ApplyWorkload(base)
	if err != nil {
		return Resolution{}, err
	}
	res, err := size(p.Tier, w, wi, p.Region)
	if err != nil {
		return Resolution{}, fmt.Errorf("%s: %w", p.Source, err)
	}
	s := res.Spec
	s.Environment = p.Name
	if s, err = p.ApplyOverrides(s); err != nil {
		return Resolution{}, err
	}
	if wi.DBReplicas != nil {
		s.Database.ReadReplicas = *wi.DBReplicas
	}
	if p.Name == "prod" {
		s.Database.DeletionProtection = true
	}
	if err := s.Validate(); err != nil {
		return Resolution{}, fmt.Errorf("%s: %w", p.Source, err)
	}
	res.Name, res.Spec, res.Profile = p.Name, s, &p
	return res, nil
}

// size applies the what-ifs to a workload and runs the capacity model. A
// what-if on users moves the architecture to the tier that fits them.
func size(tier string, w spec.Workload, wi WhatIf, region string) (Resolution, error) {
	if wi.Users != nil {
		w = capacity.ScaleWorkload(w, *wi.Users)
		tier = spec.TierFor(*wi.Users)
	}
	for _, f := range []struct {
		v   *float64
		dst *float64
	}{{wi.PeakToAverage, &w.PeakToAverage}, {wi.CacheHitRatio, &w.CacheHitRatio}, {wi.CDNHitRatio, &w.CDNHitRatio}, {wi.AvgResponseKB, &w.AvgResponseKB}} {
		if f.v != nil {
			*f.dst = *f.v
		}
	}
	if wi.Region != "" {
		region = wi.Region
	}
	// Sizing always uses the embedded prices: the deployed spec must not
	// change because a user imported a newer price list for estimates.
	r, err := capacity.Size(tier, w, capacity.Options{
		Family: wi.Family, TargetUtilization: wi.TargetUtilization, Region: region, Catalog: catalog.Default(),
	})
	if err != nil {
		return Resolution{}, err
	}
	if wi.DBReplicas != nil {
		r.Spec.Database.ReadReplicas = *wi.DBReplicas
	}
	return Resolution{Tier: tier, Spec: r.Spec, Workload: w, Sizing: r}, nil
}
