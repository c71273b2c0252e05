package report

import (
	"hash/fnv"
	"strings"
	"unicode"

	"github.com/tiercost/tiercost/costmodel/pricing"
)

// Component names for resources outside any component.
const (
	// DataTransfer is the usage pseudo-resource's component: the internet,
	// inter-AZ and NAT traffic the workload model prices.
	DataTransfer = "Data transfer"
	// OtherResources holds the resources a stack declares outside any
	// component.
	OtherResources = "Other resources"
)

// componentColors gives every component of the tiercost program one fixed
// colour, the same in every report and chart whatever its rank. The
// colours are saturated and far apart, so the screenshot test can find each
// one in the rendered page.
var componentColors = map[string]string{
	"Database":      "#e4572e",
	"CDN":           "#17bebb",
	"Cache":         "#ffc914",
	"Compute":       "#2e86ab",
	"Load balancer": "#76b041",
	"Network":       "#9b5de5",
	"WAF":           "#f15bb5",
	"Observability": "#8d6e63",
	"Logging":       "#5c6bc0",
	"Alerting":      "#ef8a17",
	"Certificates":  "#00897b",
	"DNS":           "#c0ca33",
	"Platform":      "#455a64",
	DataTransfer:    "#ad1457",
	OtherResources:  "#9e9e9e",
}

// extraColors colour components of other programs (a stack export's own
// component types), chosen by a hash of the name so that a name keeps its
// colour from one report to the next.
var extraColors = [...]string{"#4db6ac", "#ba68c8", "#ff8a65", "#aed581", "#90a4ae", "#f06292", "#7986cb", "#dce775"}

// ComponentColor is a component's fixed chart colour.
func ComponentColor(name string) string {
	if c, ok := componentColors[name]; ok {
		return c
	}
	h := fnv.New32a()
	h.Write([]byte(name))
	return extraColors[h.Sum32()%uint32(len(extraColors))]
}

// ComponentName names the component a resource belongs to, in words: the
// component's type without the program's internal names ("Database", not
// "Database (tc)"; "Load balancer", not "LoadBalancer"). Two components of
// one type are one component here, so a report's rows, legends and colours
// are the same whatever the stack calls its instances. A resource outside
// any component is Data transfer (the usage pseudo-resource) or Other
// resources.
func ComponentName(r pricing.ResourceCost) string {
	if r.Type == "tiercost:usage:DataTransfer" {
		return DataTransfer
	}
	parts := strings.Split(r.URN, "::")
	if len(parts) < 4 {
		return OtherResources
	}
	chain := strings.Split(parts[2], "$")
	if len(chain) < 2 {
		return OtherResources
	}
	parent := chain[len(chain)-2]
	if parent == "pulumi:pulumi:Stack" {
		return OtherResources
	}
	return words(parent[strings.LastIndex(parent, ":")+1:])
}

// words splits a type name at its humps: "LoadBalancer" is "Load
// balancer"; an acronym ("CDN") stays as it is.
func words(typ string) string {
	var b strings.Builder
	rs := []rune(typ)
	for i, r := range rs {
		if i > 0 && unicode.IsUpper(r) && unicode.IsLower(rs[i-1]) {
			b.WriteRune(' ')
			r = unicode.ToLower(r)
		}
		b.WriteRune(r)
	}
	return b.String()
}
