package pricing

import (
	"fmt"

	"github.com/shopspring/decimal"
	"github.com/tiercost/tiercost/costmodel/catalog"
	"github.com/tiercost/tiercost/costmodel/resource"
	"github.com/tiercost/tiercost/costmodel/usage"
)

var _ = register(resourceType{
	Types:   []string{"aws:ec2/instance:Instance"},
	Service: serviceEC2,
	Usage: []usage.Key{
		{Name: "monthly_hours", Unit: "hours/month", Description: "hours the instance runs (default 730)"},
	},
	Price: priceEC2Instance,
})

var hundred = decimal.NewFromInt(100)

// computeHours returns the hours one instance runs a month: usage
// monthly_hours, else the duty-cycle option, else 730.
func (p *run) computeHours(v usage.Values) (decimal.Decimal, string) {
	if h, ok := v.Get("monthly_hours"); ok {
		return h, p.usageSource()
	}
	if p.opts.Purchase.MonthlyHours.IsPositive() {
		return p.opts.Purchase.MonthlyHours, "duty cycle option"
	}
	return fullMonth(), SourceDefault
}

// savingsPlanKey is the Savings Plan rate of an instance type. The embedded
// catalog holds none; an imported catalog may.
func savingsPlanKey(region, instanceType string) catalog.ProductKey {
	return catalog.Key(catalog.ServiceEC2, "savings-plan", region, "instanceType", instanceType)
}

// SavingsPlanOption is the purchase option of the Savings Plan covered
// share of instance hours.
const SavingsPlanOption = "savings-plan"

// SavingsPlanFallbackNote marks the covered share priced on demand because
// the catalog has no Savings Plan rate for the instance type.
const SavingsPlanFallbackNote = "on-demand: no Savings Plan rate in the catalog"

// instanceLines prices instance hours for count instances of one type under
// the compute purchase options: the Savings Plan covered share at the SP
// rate, the rest on-demand (or reserved).
func (p *run) instanceLines(rec *resource.Record, instanceType string, count, hours decimal.Decimal, src string) ([]CostComponent, error) {
	total := count.Mul(hours)
	key := catalog.EC2Instance(p.region, instanceType)
	term := p.opts.Purchase.Compute
	pct := p.opts.Purchase.SavingsPlanCoveragePct
	var out []CostComponent
	if pct.IsPositive() {
		// The covered share is at the Savings Plan rate where the catalog
		// has one (the embedded catalog has none; an imported one may), and
		// otherwise on demand, marked, like a missing reserved rate.
		covered := total.Mul(pct).Div(hundred)
		l := line{
			name: fmt.Sprintf("Instance usage (Linux/UNIX, Savings Plan, %s)", instanceType), unit: "hours",
			qty: covered, key: key, source: src, note: fmt.Sprintf("%s%% of instance hours covered by a Savings Plan", pct),
			option: SavingsPlanOption,
		}
		if sp, ok := p.unit(savingsPlanKey(p.region, instanceType), catalog.OnDemandTerm); ok {
			out = append(out, component(l, sp, covered))
		} else {
			name := fmt.Sprintf("Instance usage (Linux/UNIX, on-demand for the Savings Plan share, %s)", instanceType)
			out = append(out, p.onDemandFallback(l, name, SavingsPlanFallbackNote))
		}
		total = total.Sub(covered)
	}
	c, err := p.hoursLine(rec, instanceType, line{
		name: fmt.Sprintf("Instance usage (Linux/UNIX, %s, %s)", termLabel(term), instanceType), unit: "hours",
		qty: total, key: key, term: term, source: src,
	})
	if err != nil {
		return nil, err
	}
	return append(out, c), nil
}

// unlistedMarket names the way an instance is bought that the catalog has
// no hours for: dedicated tenancy, a dedicated host, or spot ("" when it
// runs shared, on demand or reserved).
func unlistedMarket(in inputs) string {
	switch in.text("tenancy") {
	case "dedicated":
		return "dedicated tenancy"
	case "host":
		return "dedicated host"
	}
	if in.text("hostId") != "" {
		return "dedicated host"
	}
	if in.object("instanceMarketOptions").text("marketType") == "spot" {
		return "spot"
	}
	return ""
}

// priceEC2Instance prices aws:ec2/instance:Instance: instance hours, the
// root and extra EBS volumes as subresources, and a public IPv4 address
// when associatePublicIpAddress is set.
func priceEC2Instance(p *run, rec *resource.Record, rc *ResourceCost) error {
	in := p.in(rec)
	typ := in.text("instanceType")
	hours, src := p.computeHours(p.usageFor(*rec))
	var comps []CostComponent
	if how := unlistedMarket(in); how != "" {
		// The catalog holds shared-tenancy on-demand (and reserved) hours
		// only: another market's hours are not priced, never priced as
		// shared on demand.
		comps = []CostComponent{notFound(line{
			name: fmt.Sprintf("Instance usage (Linux/UNIX, %s, %s)", how, typ), unit: "hours", qty: hours,
			key: catalog.EC2Instance(p.region, typ), source: src,
			note: "the catalog prices shared-tenancy instance hours only, not " + how,
		})}
	} else {
		var err error
		if comps, err = p.instanceLines(rec, typ, decimal.NewFromInt(1), hours, src); err != nil {
			return err
		}
	}
	if in.flag("associatePublicIpAddress") {
		comps = append(comps, p.price(line{
			name: "Public IPv4 address", unit: "hours", qty: fullMonth(),
			key: catalog.PublicIPv4(p.region), source: SourceSpec,
		}))
	}
	one := decimal.NewFromInt(1)
	if in.flag("monitoring") {
		comps = append(comps, p.monitoringLines(one)...)
	}
	rc.Components = comps
	root := volumeFrom(in.object("rootBlockDevice"), "volumeSize", "volumeType", defaultRootGB)
	rc.Subresources = append(rc.Subresources, subresource("rootBlockDevice", ebsVolumeType, p.volumeLines(root, one)))
	for i, d := range in.objects("ebsBlockDevices") {
		v := volumeFrom(d, "volumeSize", "volumeType", decimal.Zero)
		rc.Subresources = append(rc.Subresources, subresource(fmt.Sprintf("ebsBlockDevices[%d]", i), ebsVolumeType, p.volumeLines(v, one)))
	}
	rc.Metadata = map[string]string{"instance_type": typ}
	return nil
}
