package output

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/shopspring/decimal"
)

// This file computes a project's "diff" breakdown with Infracost's
// semantics, over the rendered past and current breakdowns: resources are
// matched by name (subresources by their path of names), line items by
// name or by the part of the name before its parenthesised labels; a
// resource is listed when any of its line items or subresources moved,
// and every amount is current minus past, a missing side counting as
// absent (so an added resource's amounts are its own, a removed one's
// their negatives).

// changeMetaKey is the diff resource metadata key that says whether it
// was added, removed or changed.
const changeMetaKey = "change"

// diffBreakdown diffs two rendered breakdowns: past order first, then the
// resources only the current one has.
func diffBreakdown(past, cur *icBreakdown) *icBreakdown {
	out := &icBreakdown{Resources: []icResource{}}
	pastByName := map[string]*icResource{}
	for i := range past.Resources {
		pastByName[past.Resources[i].Name] = &past.Resources[i]
	}
	curByName := map[string]*icResource{}
	for i := range cur.Resources {
		curByName[cur.Resources[i].Name] = &cur.Resources[i]
	}
	for i := range past.Resources {
		p := &past.Resources[i]
		if d, ok := diffResource(p, curByName[p.Name], true); ok {
			out.Resources = append(out.Resources, d)
		}
	}
	for i := range cur.Resources {
		c := &cur.Resources[i]
		if _, ok := pastByName[c.Name]; ok {
			continue
		}
		if d, ok := diffResource(nil, c, true); ok {
			out.Resources = append(out.Resources, d)
		}
	}
	out.TotalMonthlyCost = diffAmount(cur.TotalMonthlyCost, past.TotalMonthlyCost)
	out.TotalHourlyCost = diffAmount(cur.TotalHourlyCost, past.TotalHourlyCost)
	out.TotalMonthlyUsageCost = diffAmount(cur.TotalMonthlyUsageCost, past.TotalMonthlyUsageCost)
	return out
}

// diffResource diffs one resource and its subresources; it recurses
// because it builds a tree. ok is false when nothing moved.
func diffResource(past, cur *icResource, top bool) (icResource, bool) {
	base := cur
	if cur == nil {
		base = past
	}
	change := "changed"
	switch {
	case past == nil:
		change, past = "added", &icResource{}
	case cur == nil:
		change, cur = "removed", &icResource{}
	}
	out := icResource{Name: base.Name, ResourceType: base.ResourceType, Metadata: map[string]any{},
		HourlyCost: diffAmount(cur.HourlyCost, past.HourlyCost), MonthlyCost: diffAmount(cur.MonthlyCost, past.MonthlyCost)}
	if top {
		out.Metadata[changeMetaKey] = change
		if urn, ok := base.Metadata["urn"]; ok {
			out.Metadata["urn"] = urn
		}
	}
	moved := false
	// Line items: past order, then those only the current side has.
	used := map[int]bool{}
	for _, pc := range past.CostComponents {
		i := matchComponent(cur.CostComponents, pc.Name)
		var cc *icCostComponent
		if i >= 0 {
			cc, used[i] = &cur.CostComponents[i], true
		}
		if d, ok := diffComponent(&pc, cc); ok {
			out.CostComponents = append(out.CostComponents, d)
			moved = true
		}
	}
	for i := range cur.CostComponents {
		if used[i] {
			continue
		}
		if d, ok := diffComponent(nil, &cur.CostComponents[i]); ok {
			out.CostComponents = append(out.CostComponents, d)
			moved = true
		}
	}
	curSubs := map[string]*icResource{}
	for i := range cur.Subresources {
		curSubs[cur.Subresources[i].Name] = &cur.Subresources[i]
	}
	pastSubs := map[string]bool{}
	for i := range past.Subresources {
		ps := &past.Subresources[i]
		pastSubs[ps.Name] = true
		if d, ok := diffResource(ps, curSubs[ps.Name], false); ok {
			out.Subresources = append(out.Subresources, d)
			moved = true
		}
	}
	for i := range cur.Subresources {
		if pastSubs[cur.Subresources[i].Name] {
			continue
		}
		if d, ok := diffResource(nil, &cur.Subresources[i], false); ok {
			out.Subresources = append(out.Subresources, d)
			moved = true
		}
	}
	return out, moved
}

// matchComponent finds a line item by exact name, else by the name before
// its labels ("Instance usage (…, t3.small)" matches "Instance usage (…,
// t3.medium)"); -1 when none matches.
func matchComponent(cs []icCostComponent, name string) int {
	for i, c := range cs {
		if c.Name == name {
			return i
		}
	}
	head, _, ok := strings.Cut(name, " (")
	if !ok {
		return -1
	}
	for i, c := range cs {
		if h, _, ok := strings.Cut(c.Name, " ("); ok && h == head {
			return i
		}
	}
	return -1
}

func diffComponent(past, cur *icCostComponent) (icCostComponent, bool) {
	base := cur
	if cur == nil {
		base, cur = past, &icCostComponent{}
	}
	if past == nil {
		past = &icCostComponent{}
	}
	d := icCostComponent{
		Name: diffName(cur.Name, past.Name), Unit: base.Unit, UsageBased: base.UsageBased, PriceNotFound: base.PriceNotFound,
		HourlyQuantity:  diffAmount(cur.HourlyQuantity, past.HourlyQuantity),
		MonthlyQuantity: diffAmount(cur.MonthlyQuantity, past.MonthlyQuantity),
		Price:           diffAmount(cur.Price, past.Price),
		HourlyCost:      diffAmount(cur.HourlyCost, past.HourlyCost),
		MonthlyCost:     diffAmount(cur.MonthlyCost, past.MonthlyCost),
	}
	for _, v := range []*string{d.HourlyQuantity, d.MonthlyQuantity, d.Price, d.HourlyCost, d.MonthlyCost} {
		if *v != "0" {
			return d, true
		}
	}
	return d, false
}

// diffAmount is current minus past; a missing (null) side counts as
// absent, and both missing is zero.
func diffAmount(cur, past *string) *string {
	c, p := parseAmount(cur), parseAmount(past)
	switch {
	case c == nil && p == nil:
		return exact(decimal.Zero)
	case p == nil:
		return exact(*c)
	case c == nil:
		return exact(p.Neg())
	}
	return exact(c.Sub(*p))
}

// parseAmount reads an amount this package wrote; nil when null.
func parseAmount(s *string) *decimal.Decimal {
	if s == nil {
		return nil
	}
	d, err := decimal.NewFromString(*s)
	if err != nil {
		return nil // never: every amount here was written by money.Exact
	}
	return &d
}

var labelled = regexp.MustCompile(`^(.*?)\s*\((.*)\)$`)

// diffName names a line item whose labels changed with arrows, as
// Infracost does: "Instance usage (Linux/UNIX, on-demand, t3.small →
// t3.medium)"; "(old) → (new)" when the label count differs.
func diffName(cur, past string) string {
	switch {
	case cur == "":
		return past
	case past == "" || cur == past:
		return cur
	}
	cm, pm := labelled.FindStringSubmatch(cur), labelled.FindStringSubmatch(past)
	if cm == nil || pm == nil {
		return cur
	}
	cl, pl := strings.Split(cm[2], ", "), strings.Split(pm[2], ", ")
	if len(cl) != len(pl) {
		return fmt.Sprintf("%s (%s) → (%s)", cm[1], pm[2], cm[2])
	}
	for i := range cl {
		if cl[i] != pl[i] {
			cl[i] = pl[i] + " → " + cl[i]
		}
	}
	return cm[1] + " (" + strings.Join(cl, ", ") + ")"
}
