package actual

import (
	"strings"

	"github.com/tiercost/tiercost/costmodel/pricing"
	"github.com/tiercost/tiercost/costmodel/resource"
)

// Tag keys tiercost's components put on every resource they create (the
// Environment and Tier ones through the provider's default tags), which
// the bill carries once they are activated as cost allocation tags.
const (
	TagProject     = "Project"
	TagEnvironment = "Environment"
	TagTier        = "Tier"
	TagComponent   = "Component"
	TagPulumiName  = "PulumiName"
	// tagASG is the tag AWS puts on the instances an Auto Scaling group
	// launches: they are billed under their own IDs, never the group's.
	tagASG = "aws:autoscaling:groupName"
)

// How says how a bill line was matched.
type How string

// The matching steps, in the order they are tried.
const (
	ByID   How = "resource ID"
	ByTags How = "tags"
	// Shared charges the plan prices once per region, whatever resource
	// the bill names: data transfer and CloudWatch metrics.
	Shared How = "shared charge"
	// NotInPlan lines carry the plan's environment tag but name no
	// resource of the plan.
	NotInPlan How = "not in plan"
	Unmatched How = "unmatched"
)

// Plan is what a bill is compared with: the records of the plan (with
// their provider IDs and outputs when they come from a stack export) and
// their priced breakdown.
type Plan struct {
	Records   []resource.Record
	Breakdown pricing.Breakdown
	// Environment is the plan's environment (or stack) name: a line
	// tagged with another environment is not the plan's.
	Environment string
	// Group labels the component a resource belongs to (the breakdown
	// table's grouping); nil groups by the nearest parent component.
	Group func(pricing.ResourceCost) string
}

// Match is where one bill line goes.
type Match struct {
	How How
	// Key is the plan resource's URN, the shared charge's or the
	// unplanned resource's key; "" for unmatched lines.
	Key string
}

// matcher indexes the plan by everything a bill names a resource with.
type matcher struct {
	plan *Plan
	// byID maps provider IDs, ARNs and member names to breakdown URNs.
	byID map[string]string
	// byName maps logical names to breakdown URNs; byASG maps Auto Scaling
	// group names to theirs.
	byName, byASG map[string]string
	resources     map[string]pricing.ResourceCost
}

// sharedDataTransfer and sharedCloudWatch key the shared charges when the
// plan has no resource of its own for them.
const (
	sharedDataTransfer = "shared:data-transfer"
	sharedCloudWatch   = "shared:cloudwatch"
)

// minIDLength keeps short IDs from matching the tail of an unrelated ARN.
const minIDLength = 6

func newMatcher(p *Plan) *matcher {
	m := &matcher{plan: p, byID: map[string]string{}, byName: map[string]string{}, byASG: map[string]string{},
		resources: map[string]pricing.ResourceCost{}}
	for _, r := range p.Breakdown.Resources {
		m.resources[r.URN] = r
	}
	for _, rec := range p.Records {
		if _, ok := m.resources[rec.URN]; !ok {
			continue // components, providers, the stack
		}
		add := func(id string) {
			id = strings.TrimSuffix(id, ":*")
			if len(id) >= minIDLength {
				if _, taken := m.byID[id]; !taken {
					m.byID[id] = rec.URN
				}
			}
		}
		add(rec.ID)
		for k, v := range rec.Outputs {
			if s, ok := v.(string); ok && (k == "arn" || strings.HasSuffix(k, "Arn")) {
				add(s)
			}
		}
		// A replication group is billed per member cluster.
		for _, mc := range rec.List("memberClusters") {
			if s, ok := mc.(string); ok {
				add(s)
			}
		}
		if _, dup := m.byName[rec.Name]; !dup {
			m.byName[rec.Name] = rec.URN
		}
		if rec.Type == "aws:autoscaling/group:Group" {
			if n := rec.String("name"); n != "" {
				m.byASG[n] = rec.URN
			}
		}
	}
	return m
}

// match finds a line's place: by resource ID or ARN, then by tags, then as
// a shared charge; a line tagged with the plan's environment that names no
// planned resource is NotInPlan; anything else is Unmatched.
func (m *matcher) match(l *Line) Match {
	// Shared charges are the plan's only in its region (a global charge,
	// such as CloudFront's or a dashboard's, has none).
	inRegion := l.Region == "" || m.plan.Breakdown.Region == "" || l.Region == m.plan.Breakdown.Region
	if isDataTransfer(l) && inRegion {
		return Match{How: Shared, Key: m.sharedKey(resource.TypeDataTransfer, sharedDataTransfer)}
	}
	if urn, ok := m.lookupID(l.ResourceID); ok {
		return Match{How: ByID, Key: urn}
	}
	if urn, ok := m.byASG[l.Tags[tagASG]]; ok && l.Tags[tagASG] != "" {
		return Match{How: ByTags, Key: urn}
	}
	ours := l.Tags[TagEnvironment] != "" && (m.plan.Environment == "" || l.Tags[TagEnvironment] == m.plan.Environment) &&
		(l.Tags[TagProject] == "" || l.Tags[TagProject] == "tiercost")
	if ours {
		if urn, ok := m.byName[l.Tags[TagPulumiName]]; ok {
			return Match{How: ByTags, Key: urn}
		}
	}
	if isCloudWatchMetric(l) && inRegion {
		return Match{How: Shared, Key: m.sharedKey(resource.TypeDataTransfer, sharedCloudWatch)}
	}
	if isCloudWatch(l) && l.ResourceID == "" && inRegion {
		return Match{How: Shared, Key: sharedCloudWatch}
	}
	if ours {
		return Match{How: NotInPlan, Key: unplannedKey(l)}
	}
	return Match{How: Unmatched}
}

// lookupID finds a planned resource by the bill's resource ID: exactly, or
// by the ARN's last part after "/" or ":" (a NAT gateway billed as
// arn:...:natgateway/nat-0a9b... is nat-0a9b... in the stack).
func (m *matcher) lookupID(id string) (string, bool) {
	if id == "" {
		return "", false
	}
	if urn, ok := m.byID[id]; ok {
		return urn, true
	}
	for _, sep := range []string{"/", ":"} {
		if i := strings.LastIndex(id, sep); i >= 0 {
			if urn, ok := m.byID[id[i+1:]]; ok {
				return urn, true
			}
		}
	}
	return "", false
}

// sharedKey is the plan's resource of a shared type (the data-transfer
// resource prices data transfer and custom metrics), else fallback.
func (m *matcher) sharedKey(typ, fallback string) string {
	for urn, r := range m.resources {
		if r.Type == typ {
			return urn
		}
	}
	return fallback
}

// unplannedKey names a resource the plan does not hold: its logical name
// tag, else its ID.
func unplannedKey(l *Line) string {
	if n := l.Tags[TagPulumiName]; n != "" {
		return "unplanned:" + n
	}
	return "unplanned:" + l.ResourceID
}

// isDataTransfer tells a data-transfer charge, which the plan prices per
// region (CloudFront's own egress excepted: its distribution prices it).
func isDataTransfer(l *Line) bool {
	if l.ServiceCode == "AmazonCloudFront" || l.Service == "Amazon CloudFront" {
		return false
	}
	if l.ServiceCode == "AWSDataTransfer" || l.Service == "AWS Data Transfer" {
		return true
	}
	if l.UsageType != "" {
		return strings.Contains(l.UsageType, "DataTransfer-")
	}
	return normUnit(l.PricingUnit) == "GB" && strings.Contains(strings.ToLower(l.Description), "data transfer")
}

func isCloudWatch(l *Line) bool {
	return l.ServiceCode == "AmazonCloudWatch" || strings.Contains(l.Service, "CloudWatch")
}

// isCloudWatchMetric tells a custom-metric charge.
func isCloudWatchMetric(l *Line) bool {
	return isCloudWatch(l) && (strings.Contains(l.UsageType, "MetricMonitorUsage") || normUnit(l.PricingUnit) == "metrics")
}

// normUnit gives a bill's or a plan's unit one spelling: "Hrs", "Hours"
// and "node-hours" are "hours"; "GB-Mo" and "GB-Months" are "GB-months".
func normUnit(u string) string {
	s := strings.ToLower(strings.TrimSpace(u))
	s = strings.ReplaceAll(s, " ", "-")
	if n, ok := unitNames[s]; ok {
		return n
	}
	return s
}

var unitNames = map[string]string{
	"hrs": "hours", "hours": "hours", "hour": "hours", "node-hours": "hours", "instance-hours": "hours",
	"gb": "GB", "gigabytes": "GB",
	"gb-mo": "GB-months", "gb-month": "GB-months", "gb-months": "GB-months", "gb/month": "GB-months", "gb-mth": "GB-months",
	"lcu-hrs": "LCU-hours", "lcu-hours": "LCU-hours",
	"requests": "requests", "request": "requests", "api-requests": "requests",
	"iops-mo": "IOPS-months", "iops-months": "IOPS-months",
	"metrics": "metrics", "metric": "metrics", "alarms": "alarms", "alarm": "alarms", "alarm-metrics": "alarms",
	"dashboards": "dashboards", "dashboard": "dashboards",
	"ios": "requests", "io-requests": "requests",
	"mibps-mo": "MiBps-months", "mibps-months": "MiBps-months", "gibps-mo": "GiBps-months",
}
