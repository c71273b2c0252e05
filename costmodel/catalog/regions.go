package catalog

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/tiercost/tiercost/costmodel/inputfile"
)

// regionCode is the shape of an AWS region code: us-east-1, us-gov-west-1,
// us-iso-east-1.
var regionCode = regexp.MustCompile(`^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-[0-9]$`)

// IsRegionCode reports whether s is shaped like an AWS region code.
func IsRegionCode(s string) bool { return regionCode.MatchString(s) }

// CheckRegion is the one rule for a region an estimate is asked to price,
// however it is named (--region, TIERCOST_REGION, tiercost.yaml, --set
// region=, the TUI's region knob, an environment file's region:): an AWS
// region code that the catalog prices at least in part. A region the
// catalog prices only in part is accepted; its estimates mark every total
// that leaves something out as a lower bound, and the CLI warns.
func (c *Catalog) CheckRegion(r string) error {
	known := c.PricedRegions()
	if !IsRegionCode(r) {
		return fmt.Errorf("%s is not an AWS region code; allowed: codes like us-east-1 (%d regions have prices: tiercost pricing info)",
			inputfile.Excerpt(r), len(known))
	}
	for _, k := range known {
		if k == r {
			return nil
		}
	}
	return fmt.Errorf("%s is unknown to the price catalog; allowed: %s", inputfile.Excerpt(r), strings.Join(known, ", "))
}

// PricedRegions lists the regions any layer prices, sorted, without the
// global pseudo-region.
func (c *Catalog) PricedRegions() []string {
	var out []string
	for _, r := range c.Regions() {
		if r != "global" {
			out = append(out, r)
		}
	}
	return out
}
