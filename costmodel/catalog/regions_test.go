package catalog

import (
	"strings"
	"testing"
)

func TestCheckRegion(t *testing.T) {
	c := Default()
	for _, r := range []string{"us-east-1", "eu-central-1", "eu-west-3", "ap-southeast-1"} {
		if err := c.CheckRegion(r); err != nil {
			t.Errorf("%s: %v", r, err)
		}
	}
	for r, want := range map[string]string{
		"eu-north-9": `"eu-north-9" is unknown to the price catalog; allowed: af-south-1, `,
		"mars":       `"mars" is not an AWS region code; allowed: codes like us-east-1`,
		"US-EAST-1":  `is not an AWS region code`,
	} {
		if err := c.CheckRegion(r); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v, want %q", r, err, want)
		}
	}
	for _, r := range []string{"us-gov-west-1", "us-iso-east-1", "il-central-1"} {
		if !IsRegionCode(r) {
			t.Errorf("%s is a region code", r)
		}
	}
}

// TestHasRegionIsRegionsMembership holds HasRegion to Regions: every
// region Regions lists, and none it does not (a neighbour of each, and
// codes no layer prices).
func TestHasRegionIsRegionsMembership(t *testing.T) {
	c := Default()
	regions := c.Regions()
	if len(regions) == 0 {
		t.Fatal("the embedded catalog lists no region")
	}
	for _, r := range regions {
		if !c.HasRegion(r) {
			t.Errorf("HasRegion(%q) = false; Regions lists it", r)
		}
		if c.HasRegion(r + "x") {
			t.Errorf("HasRegion(%q) = true; Regions does not list it", r+"x")
		}
	}
	for _, r := range []string{"", "xx-nowhere-1", "US-EAST-1"} {
		if c.HasRegion(r) {
			t.Errorf("HasRegion(%q) = true; Regions does not list it", r)
		}
	}
}
