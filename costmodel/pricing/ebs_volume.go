package pricing

import (
	"fmt"

	"github.com/shopspring/decimal"
	"github.com/tiercost/tiercost/costmodel/catalog"
	"github.com/tiercost/tiercost/costmodel/resource"
	"github.com/tiercost/tiercost/costmodel/usage"
)

// ebsVolumeType is also the type of the volumes instances and groups price
// as subresources.
const ebsVolumeType = "aws:ebs/volume:Volume"

var _ = register(resourceType{
	Types:   []string{ebsVolumeType},
	Service: serviceEBS,
	Usage: []usage.Key{
		{Name: "monthly_snapshot_gb", Unit: "GB", Description: "snapshot storage of this volume"},
	},
	Price: priceEBSVolume,
})

// EBS baselines included in the gp3 storage price.
var (
	gp3BaseIOPS       = decimal.NewFromInt(3000)
	gp3BaseThroughput = decimal.NewFromInt(125) // MiB/s
	defaultRootGB     = decimal.NewFromInt(8)   // the usual AMI root snapshot size
)

// volume is one EBS volume as the inputs describe it.
type volume struct {
	vtype      string
	size       decimal.Decimal
	sizeSet    bool
	iops       decimal.Decimal
	throughput decimal.Decimal
	// assumed lists the defaults priced for inputs not set.
	assumed []string
}

// volumeFrom reads a block-device map (rootBlockDevice, ebsBlockDevices[i],
// a launch template's blockDeviceMappings[i].ebs) or an ebs.Volume's
// inputs. When the type is not set it is gp2, as Terraform and Infracost
// assume (older AMIs' root volumes are gp2).
func volumeFrom(in inputs, sizeKey, typeKey string, defaultSize decimal.Decimal) volume {
	v := volume{vtype: in.text(typeKey)}
	if v.vtype == "" {
		v.vtype = "gp2"
		v.assumed = append(v.assumed, "volume type not set: gp2 assumed")
	}
	v.size, v.sizeSet = in.amount(sizeKey)
	if !v.sizeSet {
		v.size = defaultSize
		if !defaultSize.IsZero() {
			v.assumed = append(v.assumed, fmt.Sprintf("size not set: %s GB assumed", defaultSize))
		}
	}
	v.iops, _ = in.amount("iops")
	v.throughput, _ = in.amount("throughput")
	return v
}

func storageLabel(vtype string) string {
	switch vtype {
	case "gp2", "gp3":
		return "general purpose SSD, " + vtype
	case "io1", "io2":
		return "provisioned IOPS SSD, " + vtype
	case "st1":
		return "throughput optimized HDD, st1"
	case "sc1":
		return "cold HDD, sc1"
	case "standard":
		return "magnetic, standard"
	}
	return vtype
}

// volumeLines prices count identical volumes: storage, and provisioned
// IOPS and throughput (gp3 above its 3,000 IOPS / 125 MiB/s baseline,
// io1/io2 all IOPS).
func (p *run) volumeLines(v volume, count decimal.Decimal) []CostComponent {
	src := SourceSpec
	if !v.sizeSet {
		src = SourceDefault
	}
	assumed := joinNotes(v.assumed)
	out := []CostComponent{p.price(line{
		name: fmt.Sprintf("Storage (%s)", storageLabel(v.vtype)), unit: "GB-months",
		qty: v.size.Mul(count), key: catalog.EBSStorage(p.region, v.vtype), source: src, assumed: assumed,
	})}
	switch v.vtype {
	case "gp3":
		if extra := v.iops.Sub(gp3BaseIOPS); extra.IsPositive() {
			out = append(out, p.price(line{
				name: "Provisioned IOPS (above 3,000)", unit: "IOPS-months", qty: extra.Mul(count),
				key: catalog.EBSIOPS(p.region, "gp3"), source: SourceSpec,
			}))
		}
		if extra := v.throughput.Sub(gp3BaseThroughput); extra.IsPositive() {
			out = append(out, p.price(line{
				name: "Provisioned throughput (above 125 MiB/s)", unit: "MiBps-months", qty: extra.Mul(count),
				key: catalog.EBSThroughput(p.region), source: SourceSpec,
			}))
		}
	case "io1", "io2":
		out = append(out, p.price(line{
			name: "Provisioned IOPS", unit: "IOPS-months", qty: v.iops.Mul(count),
			key: catalog.EBSIOPS(p.region, v.vtype), source: SourceSpec,
		}))
	}
	return out
}

func joinNotes(notes []string) string {
	out := ""
	for i, n := range notes {
		if i > 0 {
			out += "; "
		}
		out += n
	}
	return out
}

// subresource wraps components as a priced subresource.
func subresource(name, typ string, comps []CostComponent) ResourceCost {
	s := ResourceCost{Name: name, Type: typ, Status: StatusPriced, Components: comps}
	s.MonthlyCost = sumCost(s)
	return s
}

// priceEBSVolume prices aws:ebs/volume:Volume: storage, IOPS, throughput
// and (usage) snapshot storage.
func priceEBSVolume(p *run, rec *resource.Record, rc *ResourceCost) error {
	// Inputs win; a stack export's outputs fill what the inputs omit.
	v := volumeFrom(p.in(rec), "size", "type", decimal.Zero)
	rc.Components = p.volumeLines(v, decimal.NewFromInt(1))
	snap, src := p.usageQty(p.usageFor(*rec), "monthly_snapshot_gb")
	rc.Components = append(rc.Components, p.price(line{
		name: "Snapshot storage", unit: "GB-months", qty: snap,
		key: catalog.EBSSnapshot(p.region), usage: true, source: src,
	}))
	rc.Metadata = map[string]string{"volume_type": v.vtype}
	return nil
}
