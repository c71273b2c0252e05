package pricing

import (
	"fmt"

	"github.com/shopspring/decimal"
	"github.com/tiercost/tiercost/costmodel/inputfile"
	"github.com/tiercost/tiercost/costmodel/money"
	"github.com/tiercost/tiercost/costmodel/resource"
	"github.com/tiercost/tiercost/costmodel/usage"
)

var _ = register(resourceType{
	Types:   []string{"aws:autoscaling/group:Group"},
	Service: serviceEC2,
	Usage: []usage.Key{
		{Name: "instances", Unit: "instances", Description: "average running instances (default: desired capacity)"},
		{Name: "monthly_hours", Unit: "hours/month", Description: "hours each instance runs (default 730)"},
	},
	References: []string{launchTemplateType, launchConfigType},
	Price:      priceAutoscalingGroup,
})

// What a group launches; both are free types of their own (free.go).
const (
	launchTemplateType = "aws:ec2/launchTemplate:LaunchTemplate"
	launchConfigType   = "aws:ec2/launchConfiguration:LaunchConfiguration"
)

// asgTemplate is what an ASG launches: instance type and volumes.
type asgTemplate struct {
	ref          string // how the ASG names the template, for messages
	instanceType string
	volumes      []volume
	monitoring   bool // detailed monitoring enabled in the template
	found        bool
}

// asgLaunch resolves the launch template (or launch configuration) an ASG
// references: launchTemplate.{id,name}, or mixedInstancesPolicy's template
// whose first override type wins, or launchConfiguration.
func (p *run) asgLaunch(rec *resource.Record) asgTemplate {
	var t asgTemplate
	var overrideType string
	in := p.in(rec)
	var refs []string // the template's id, then its name
	lt := in.object("launchTemplate")
	if lt.present() {
		refs = []string{lt.text("id"), lt.text("name")}
	} else if mip := in.object("mixedInstancesPolicy").object("launchTemplate"); mip.present() {
		spec := mip.object("launchTemplateSpecification")
		refs = []string{spec.text("launchTemplateId"), spec.text("launchTemplateName")}
		if ov := mip.objects("overrides"); len(ov) > 0 {
			overrideType = ov[0].text("instanceType")
		}
	}
	var tmpl *resource.Record
	for _, ref := range refs {
		if ref == "" {
			continue
		}
		t.ref = ref
		if tmpl = p.find(ref, launchTemplateType); tmpl != nil {
			break
		}
	}
	if refs == nil {
		if ref := in.text("launchConfiguration"); ref != "" {
			t.ref = ref
			tmpl = p.find(ref, launchConfigType)
		}
	}
	if tmpl != nil {
		t.found = true
		tin := p.in(tmpl)
		t.instanceType = tin.text("instanceType")
		if tmpl.Type == launchConfigType {
			// Launch configurations enable detailed monitoring by default.
			t.monitoring = tin.flagOr("enableMonitoring", true)
			t.volumes = append(t.volumes, volumeFrom(tin.object("rootBlockDevice"), "volumeSize", "volumeType", defaultRootGB))
		} else {
			t.monitoring = tin.object("monitoring").flag("enabled")
		}
		for _, d := range tin.objects("blockDeviceMappings") {
			if ebs := d.object("ebs"); ebs.present() {
				t.volumes = append(t.volumes, volumeFrom(ebs, "volumeSize", "volumeType", defaultRootGB))
			}
		}
	}
	if overrideType != "" {
		t.instanceType = overrideType
	}
	return t
}

// priceAutoscalingGroup prices aws:autoscaling/group:Group: instances =
// usage instances, else desiredCapacity, else minSize, else 1; each runs
// the launch template's type and volumes. Metadata carries the cost range
// from minSize to maxSize instances.
func priceAutoscalingGroup(p *run, rec *resource.Record, rc *ResourceCost) error {
	vals := p.usageFor(*rec)
	in := p.in(rec)
	minSize, hasMin := in.count("minSize")
	maxSize, hasMax := in.count("maxSize")
	desired, hasDesired := in.count("desiredCapacity")
	count, countSrc := decimal.NewFromInt(1), SourceDefault
	switch {
	case hasDesired:
		count, countSrc = desired, SourceSpec
	case hasMin:
		count, countSrc = minSize, SourceSpec
	}
	if n, ok := vals.Get("instances"); ok {
		count, countSrc = n, p.usageSource()
	}
	hours, hoursSrc := p.computeHours(vals)
	src := countSrc
	if hoursSrc != SourceDefault && hoursSrc != countSrc {
		src = countSrc + ", hours: " + hoursSrc
	}
	t := p.asgLaunch(rec)

	build := func(n decimal.Decimal) (ResourceCost, error) {
		var out ResourceCost
		comps, err := p.instanceLines(rec, t.instanceType, n, hours, src)
		if err != nil {
			return out, err
		}
		if !t.found {
			for i := range comps {
				comps[i].Note = fmt.Sprintf("launch template %s not found among the records; instance type unknown", inputfile.Excerpt(t.ref))
				comps[i].PriceFound, comps[i].Price, comps[i].MonthlyCost = false, decimal.Zero, decimal.Zero
			}
		}
		if t.monitoring {
			comps = append(comps, p.monitoringLines(n)...)
		}
		out.Components = comps
		for i, v := range t.volumes {
			name := "rootBlockDevice"
			if i > 0 {
				name = fmt.Sprintf("blockDeviceMappings[%d]", i)
			}
			out.Subresources = append(out.Subresources, subresource(name, ebsVolumeType, p.volumeLines(v, n)))
		}
		return out, nil
	}
	full, err := build(count)
	if err != nil {
		return err
	}
	rc.Components, rc.Subresources = full.Components, full.Subresources
	// The per-instance cost behind the range ignores the free tier, and
	// must not consume the allowances a second time.
	saved := p.free
	p.free = nil
	one, err := build(decimal.NewFromInt(1))
	p.free = saved
	if err != nil {
		return err
	}
	perInstance := sumCost(one)
	if !hasMin {
		minSize = count
	}
	if !hasMax {
		maxSize = count
	}
	if !hasDesired {
		desired = count // the count actually priced
	}
	rc.Metadata = map[string]string{
		"instance_type": t.instanceType,
		"instances":     count.String(),
		"min_size":      minSize.String(),
		"desired":       desired.String(),
		"max_size":      maxSize.String(),
	}
	// A range built on a missing price would read as a complete, smaller
	// figure; say it is not known instead.
	if one.MissingPrices() > 0 {
		rc.Metadata["min_monthly_cost"], rc.Metadata["max_monthly_cost"] = "not found", "not found"
	} else {
		rc.Metadata["min_monthly_cost"] = money.Exact(perInstance.Mul(minSize))
		rc.Metadata["max_monthly_cost"] = money.Exact(perInstance.Mul(maxSize))
	}
	return nil
}
