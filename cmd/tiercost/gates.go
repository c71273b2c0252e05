package main

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/tiercost/tiercost/cmd/tiercost/internal/engine"
	"github.com/tiercost/tiercost/costmodel/pricing"
)

// A gate checks one property of an estimate before `check` passes it or
// `up` deploys it: pass, or a reason with the numbers that failed it. The
// two below are written to move as they are into a list of named gates.

// maxGateItems bounds how many items a gate's reason names.
const maxGateItems = 10

// gateIncomplete passes when the estimate prices every cost-bearing item:
// no line with a quantity lacks a price and no resource is of a type no
// pricer knows. Otherwise its total is only a lower bound, and the reason
// names the items.
func gateIncomplete(b pricing.Breakdown) (pass bool, reason string) {
	t := b.Monthly()
	if !t.LowerBound() {
		return true, ""
	}
	var items []string
	for _, r := range b.Resources {
		if r.Status == pricing.StatusUnsupported {
			items = append(items, fmt.Sprintf("%s (unsupported type %s)", r.Name, r.Type))
		}
	}
	for n, c := range b.Lines() {
		if n.Top.Status == pricing.StatusPriced && c.Unpriced() {
			items = append(items, fmt.Sprintf("%s: %s", n.Path(), c.Name))
		}
	}
	more := ""
	if len(items) > maxGateItems {
		more = fmt.Sprintf("; and %d more", len(items)-maxGateItems)
		items = items[:maxGateItems]
	}
	return false, fmt.Sprintf("incomplete: the total %s is a lower bound, %s in %s: %s%s",
		t.USD(), t.UnpricedText(), regionOr(b.Region), strings.Join(items, "; "), more)
}

// gateOverloaded passes when no layer is past its full capacity at peak;
// otherwise the reason names each layer with its load, the sizes it
// assumes and the users it carries. A saved breakdown has no limits, only
// the overload mark its metadata keeps.
func gateOverloaded(res engine.Result) (pass bool, reason string) {
	if len(res.Overloaded) > 0 {
		parts := make([]string, len(res.Overloaded))
		for i, l := range res.Overloaded {
			parts[i] = fmt.Sprintf("%s %s at %.0f %% of capacity at peak (%s", l.Layer, l.Resource, l.Load*100, l.Sizes)
			if !math.IsInf(l.Users, 0) && l.Users > 0 {
				parts[i] += fmt.Sprintf("; carries about %s users, the estimate has %s", thousands(l.Users), thousands(res.Users))
			}
			parts[i] += ")"
		}
		return false, "overloaded: " + strings.Join(parts, "; ")
	}
	if o := res.Breakdown.Metadata[pricing.MetaOverloaded]; o != "" {
		return false, "overloaded: " + o + " at peak"
	}
	return true, ""
}

// gateSummary is a gate's reason without the list that follows its second
// colon: "incomplete: the total ≥ $22.63 is a lower bound, 8 items not
// priced in eu-central-1".
func gateSummary(reason string) string {
	if i := strings.Index(reason, ": "); i >= 0 {
		if j := strings.Index(reason[i+2:], ": "); j >= 0 {
			return reason[:i+2+j]
		}
	}
	return reason
}

// thousands formats a user count with thousands separators: "2,000,000".
func thousands(v float64) string {
	s := strconv.FormatFloat(math.Round(v), 'f', 0, 64)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

func regionOr(r string) string {
	if r == "" {
		return "the estimate"
	}
	return r
}
