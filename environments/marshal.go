package environments

import (
	"bytes"
	"fmt"
	"math"
	"sort"
	"strconv"

	"gopkg.in/yaml.v3"
)

// Marshal writes the profile as an environment file that Parse reads back
// to the same profile: every field it holds, numbers written plainly
// (1000000, never 1e+06), the budget as a quoted decimal, and the sizing
// and pricing sections only when set. header lines become # comments.
func (p Profile) Marshal(header ...string) ([]byte, error) {
	doc := &yaml.Node{Kind: yaml.MappingNode}
	add := func(key string, v *yaml.Node) {
		doc.Content = append(doc.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: key}, v)
	}
	add("name", strNode(p.Name))
	add("tier", strNode(p.Tier))
	add("region", strNode(p.Region))
	if !p.BudgetMonthlyUSD.IsZero() {
		add("budget_monthly_usd", &yaml.Node{Kind: yaml.ScalarNode, Value: p.BudgetMonthlyUSD.String(), Style: yaml.DoubleQuotedStyle})
	}
	workload, err := mapping(p.Workload)
	if err != nil {
		return nil, fmt.Errorf("workload: %w", err)
	}
	add("workload", workload)
	sizing := map[string]any{}
	if p.Sizing.Family != "" {
		sizing["family"] = p.Sizing.Family
	}
	if p.Sizing.TargetUtilization != 0 {
		sizing["target_utilization"] = p.Sizing.TargetUtilization
	}
	pricing := map[string]any{}
	if p.Pricing.Purchase != "" {
		pricing["purchase"] = p.Pricing.Purchase
	}
	if p.Pricing.SavingsPlanCoverage != 0 {
		pricing["savings_plan_coverage"] = p.Pricing.SavingsPlanCoverage
	}
	if p.Pricing.FreeTier {
		pricing["free_tier"] = true
	}
	if p.Pricing.MonthlyHours != 0 {
		pricing["monthly_hours"] = p.Pricing.MonthlyHours
	}
	if p.Pricing.ASGRunning != 0 {
		pricing["asg_running"] = p.Pricing.ASGRunning
	}
	for _, sec := range []struct {
		key string
		m   map[string]any
	}{{"sizing", sizing}, {"pricing", pricing}} {
		if len(sec.m) > 0 {
			n, err := mapping(sec.m)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", sec.key, err)
			}
			add(sec.key, n)
		}
	}
	overrides, err := mapping(p.Overrides)
	if err != nil {
		return nil, fmt.Errorf("overrides: %w", err)
	}
	add("overrides", overrides)
	if len(p.WorkloadRanges) > 0 {
		ranges := map[string]any{}
		for name, r := range p.WorkloadRanges {
			if r.Fixed {
				ranges[name] = "fixed"
				continue
			}
			m := map[string]any{"p10": r.P10, "p90": r.P90}
			if r.P50 != nil {
				m["p50"] = *r.P50
			}
			if r.Dist != "" {
				m["distribution"] = string(r.Dist)
			}
			ranges[name] = m
		}
		n, err := mapping(ranges)
		if err != nil {
			return nil, fmt.Errorf("workload_ranges: %w", err)
		}
		add("workload_ranges", n)
	}

	var buf bytes.Buffer
	for _, h := range header {
		fmt.Fprintf(&buf, "# %s\n", h)
	}
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(doc); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func strNode(s string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Value: s, Tag: "!!str"} }

// mapping renders a map with sorted keys; nested maps become nested
// mappings (an empty map is written as {}).
func mapping(m map[string]any) (*yaml.Node, error) {
	n := &yaml.Node{Kind: yaml.MappingNode}
	if len(m) == 0 {
		n.Style = yaml.FlowStyle
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		v, err := scalar(m[k])
		if err != nil {
			return nil, fmt.Errorf("%s: %w", k, err)
		}
		n.Content = append(n.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: k}, v)
	}
	return n, nil
}

// scalar renders one value; numbers plainly, so a reader sees 1000000.
func scalar(v any) (*yaml.Node, error) {
	switch x := v.(type) {
	case map[string]any:
		return mapping(x)
	case string:
		return strNode(x), nil
	case bool:
		return &yaml.Node{Kind: yaml.ScalarNode, Value: strconv.FormatBool(x), Tag: "!!bool"}, nil
	case int:
		return &yaml.Node{Kind: yaml.ScalarNode, Value: strconv.Itoa(x), Tag: "!!int"}, nil
	case int64:
		return &yaml.Node{Kind: yaml.ScalarNode, Value: strconv.FormatInt(x, 10), Tag: "!!int"}, nil
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return nil, fmt.Errorf("%v is not a finite number", x)
		}
		tag := "!!float"
		if x == math.Trunc(x) && math.Abs(x) < 1e15 {
			tag = "!!int"
		}
		return &yaml.Node{Kind: yaml.ScalarNode, Value: strconv.FormatFloat(x, 'f', -1, 64), Tag: tag}, nil
	}
	return nil, fmt.Errorf("cannot write a value of this kind (%v)", v)
}
