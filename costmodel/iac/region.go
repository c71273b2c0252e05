package iac

import (
	"regexp"
	"sort"
	"strings"

	"github.com/tiercost/tiercost/costmodel/catalog"
)

// Where a Source's region came from, in the order the readers trust them.
const (
	RegionFromProvider = "the aws provider's region"
	RegionFromConfig   = "config aws:region"
	RegionFromARNs     = "the resources' ARNs"
	RegionFromAZs      = "the resources' availability zones"
	RegionFromEndpoint = "the resources' endpoints"
)

var (
	// arn:aws:ec2:us-west-2:123456789012:instance/i-0...; global services
	// (IAM, S3 buckets) leave the region empty and are skipped.
	arnRegion = regexp.MustCompile(`arn:aws[a-z-]*:[a-z0-9-]+:([a-z]{2}(?:-[a-z]+)+-[0-9]):`)
	// us-west-2a, us-gov-west-1b: an availability zone name.
	azName = regexp.MustCompile(`^([a-z]{2}(?:-[a-z]+)+-[0-9])[a-z]$`)
	// web-123.us-west-2.elb.amazonaws.com, db.x.us-west-2.rds.amazonaws.com.
	endpointRegion = regexp.MustCompile(`\.([a-z]{2}(?:-[a-z]+)+-[0-9])\.(?:[a-z0-9-]+\.)*amazonaws\.com`)
)

// maxScanDepth bounds how deep the region scan looks into a property value.
const maxScanDepth = 32

// regionVotes counts the regions the resources' properties name, by kind
// of evidence, for stacks whose provider names no region (it came from the
// environment, AWS_REGION, when the stack was deployed).
type regionVotes struct {
	arn, az, endpoint map[string]int
}

// scan counts the regions in one record's properties.
func (v *regionVotes) scan(props map[string]any) {
	for _, p := range props {
		v.value(p, 0)
	}
}

func (v *regionVotes) value(x any, depth int) {
	if depth > maxScanDepth {
		return
	}
	switch t := x.(type) {
	case string:
		v.text(t)
	case []any:
		for _, e := range t {
			v.value(e, depth+1)
		}
	case map[string]any:
		for _, e := range t {
			v.value(e, depth+1)
		}
	}
}

// text looks for an ARN, an availability zone or an endpoint; the cheap
// tests first, so long strings without any cost one scan.
func (v *regionVotes) text(s string) {
	if strings.Contains(s, "arn:aws") {
		for _, m := range arnRegion.FindAllStringSubmatch(s, 4) {
			v.arn = vote(v.arn, m[1])
		}
	}
	if n := len(s); n >= 10 && n <= 20 {
		if m := azName.FindStringSubmatch(s); m != nil {
			v.az = vote(v.az, m[1])
		}
	}
	if strings.Contains(s, "amazonaws.com") {
		for _, m := range endpointRegion.FindAllStringSubmatch(s, 4) {
			v.endpoint = vote(v.endpoint, m[1])
		}
	}
}

func vote(m map[string]int, region string) map[string]int {
	if !catalog.IsRegionCode(region) {
		return m
	}
	if m == nil {
		m = map[string]int{}
	}
	m[region]++
	return m
}

// pick returns the region most named by the first kind of evidence that
// names any (ARNs, then availability zones, then endpoints), ties broken
// by name, and the kind; "" when the resources name none.
func (v *regionVotes) pick() (region, from string) {
	for _, k := range []struct {
		m    map[string]int
		from string
	}{{v.arn, RegionFromARNs}, {v.az, RegionFromAZs}, {v.endpoint, RegionFromEndpoint}} {
		if len(k.m) == 0 {
			continue
		}
		names := make([]string, 0, len(k.m))
		for r := range k.m {
			names = append(names, r)
		}
		sort.Strings(names)
		best := names[0]
		for _, r := range names[1:] {
			if k.m[r] > k.m[best] {
				best = r
			}
		}
		return best, k.from
	}
	return "", ""
}
