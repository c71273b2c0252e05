package gate

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/shopspring/decimal"
	"github.com/tiercost/tiercost/costmodel/inputfile"
	"github.com/tiercost/tiercost/costmodel/pricing"
	"github.com/tiercost/tiercost/costmodel/resource"
	"gopkg.in/yaml.v3"
)

// BudgetsExample is the budgets file layout, for error messages and docs.
const BudgetsExample = `version: 1
environments:      # by environment or Pulumi stack name
  prod: 6000
tags:              # by resource tag KEY=VALUE
  team=web: 1200`

// BudgetsKind is the input kind a budgets file is read as: a small YAML
// file, bounded and regular-file-only like a config file.
const BudgetsKind = inputfile.Config

// maxBudget is the largest monthly budget accepted, as for --budget.
var maxBudget = decimal.NewFromInt(1_000_000_000)

// Budgets is a file of monthly budgets per environment (or stack) and per
// resource tag.
type Budgets struct {
	Path         string
	Environments map[string]decimal.Decimal
	Tags         []TagLimit
}

// TagLimit is a budget for the resources tagged Key=Value.
type TagLimit struct {
	Key, Value string
	Limit      decimal.Decimal
}

// ReadBudgets reads a budgets file (bounded, regular files only), naming
// it and the field in any error.
func ReadBudgets(path string) (Budgets, error) {
	data, err := inputfile.ReadAll(path, BudgetsKind)
	if err != nil {
		return Budgets{}, err
	}
	return ParseBudgets(path, data)
}

// ParseBudgets reads a budgets document; name labels errors.
func ParseBudgets(name string, data []byte) (Budgets, error) {
	var doc struct {
		Version      *int                 `yaml:"version"`
		Environments map[string]yaml.Node `yaml:"environments"`
		Tags         map[string]yaml.Node `yaml:"tags"`
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return Budgets{}, fmt.Errorf("%s: empty; allowed:\n%s", name, BudgetsExample)
		}
		return Budgets{}, fmt.Errorf("%s: %s; allowed keys: version, environments, tags", name, strings.TrimPrefix(err.Error(), "yaml: "))
	}
	if doc.Version == nil || *doc.Version != 1 {
		return Budgets{}, fmt.Errorf("%s: version: missing or not 1; allowed: version: 1", name)
	}
	b := Budgets{Path: name, Environments: map[string]decimal.Decimal{}}
	for env, n := range doc.Environments {
		d, err := amount(n)
		if err != nil {
			return Budgets{}, fmt.Errorf("%s: environments.%s: %v", name, env, err)
		}
		b.Environments[env] = d
	}
	for kv, n := range doc.Tags {
		k, v, ok := strings.Cut(kv, "=")
		if !ok || k == "" {
			return Budgets{}, fmt.Errorf("%s: tags: %q is not KEY=VALUE; allowed: a tag such as team=web", name, kv)
		}
		d, err := amount(n)
		if err != nil {
			return Budgets{}, fmt.Errorf("%s: tags.%s: %v", name, kv, err)
		}
		b.Tags = append(b.Tags, TagLimit{Key: k, Value: v, Limit: d})
	}
	if len(b.Environments) == 0 && len(b.Tags) == 0 {
		return Budgets{}, fmt.Errorf("%s: no budgets; allowed: environments and tags maps, such as\n%s", name, BudgetsExample)
	}
	sort.Slice(b.Tags, func(i, j int) bool {
		if b.Tags[i].Key != b.Tags[j].Key {
			return b.Tags[i].Key < b.Tags[j].Key
		}
		return b.Tags[i].Value < b.Tags[j].Value
	})
	return b, nil
}

// amount reads one budget: a positive number of US dollars, up to 1e9.
func amount(n yaml.Node) (decimal.Decimal, error) {
	if n.Kind != yaml.ScalarNode {
		return decimal.Zero, errors.New("not a number; allowed: US dollars a month, such as 1200")
	}
	d, err := decimal.NewFromString(strings.TrimPrefix(n.Value, "$"))
	if err != nil {
		return decimal.Zero, fmt.Errorf("%q is not a number; allowed: US dollars a month, such as 1200", n.Value)
	}
	if !d.IsPositive() || d.GreaterThan(maxBudget) {
		return decimal.Zero, fmt.Errorf("%s is out of range; allowed: more than 0 up to 1000000000", d.String())
	}
	return d, nil
}

// ForEnvironment returns the budget of an environment or stack name.
func (b Budgets) ForEnvironment(name string) (decimal.Decimal, string, bool) {
	d, ok := b.Environments[name]
	return d, b.Path + ": environments." + name, ok
}

// TagCosts sums, for each tag limit, the monthly cost of the priced
// resources whose record carries the tag (inputs "tags", else "tagsAll").
// A breakdown resource is matched to its record by URN.
func TagCosts(b pricing.Breakdown, recs []resource.Record, limits []TagLimit, source string) []TagBudget {
	tags := map[string]map[string]any{}
	for _, r := range recs {
		t := r.Map("tags")
		if t == nil {
			t = r.Map("tagsAll")
		}
		if t != nil {
			tags[r.URN] = t
		}
	}
	out := make([]TagBudget, 0, len(limits))
	for _, l := range limits {
		tb := TagBudget{Key: l.Key, Value: l.Value, Limit: l.Limit, Source: source + ": tags." + l.Key + "=" + l.Value}
		for _, r := range b.Resources {
			if r.Status != pricing.StatusPriced {
				continue
			}
			if v, ok := tags[r.URN][l.Key].(string); ok && v == l.Value {
				tb.Cost = tb.Cost.Add(r.MonthlyCost)
				tb.Resources++
			}
		}
		out = append(out, tb)
	}
	return out
}
