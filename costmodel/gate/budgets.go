package gate

import (
	"fmt"
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

// budgetsKeys are a budgets file's top-level keys.
var budgetsKeys = []string{"version", "environments", "tags"}

// Budgets is a file of monthly budgets per environment (or stack) and per
// resource tag.
type Budgets struct {
	Path         string
	Environments map[string]decimal.Decimal
	Tags         []TagLimit
	// keys are the environments keys in file order, for messages.
	keys []Key
}

// Key is a key of a budgets file and its line.
type Key struct {
	Name string
	Line int
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

// ParseBudgets reads a budgets document; name labels errors. Keys are
// checked on the document as written (each once, only the known ones),
// and file content reaches a message only through inputfile.Excerpt.
func ParseBudgets(name string, data []byte) (Budgets, error) {
	root, err := inputfile.YAML(name, data, inputfile.YAMLOptions{})
	if err != nil {
		return Budgets{}, err
	}
	if root == nil {
		return Budgets{}, fmt.Errorf("%s: empty; allowed:\n%s", name, BudgetsExample)
	}
	root = deref(root)
	if root.Kind != yaml.MappingNode {
		return Budgets{}, fmt.Errorf("%s: line %d: (top level): got %s; allowed: a mapping of %s", name, root.Line, inputfile.NodeWords(root), strings.Join(budgetsKeys, ", "))
	}
	var version, envs, tags *yaml.Node
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], deref(root.Content[i+1])
		switch k.Value {
		case "version":
			version = v
		case "environments":
			envs = v
		case "tags":
			tags = v
		default:
			return Budgets{}, fmt.Errorf("%s: line %d: %s: unknown key; allowed: %s", name, k.Line, inputfile.Name(k.Value), strings.Join(budgetsKeys, ", "))
		}
	}
	if version == nil || version.Kind != yaml.ScalarNode || version.Tag != "!!int" || version.Value != "1" {
		line := root.Line
		if version != nil {
			line = version.Line
		}
		return Budgets{}, fmt.Errorf("%s: line %d: version: missing or not 1; allowed: version: 1", name, line)
	}
	b := Budgets{Path: name, Environments: map[string]decimal.Decimal{}}
	if err := eachEntry(name, "environments", envs, "environment or Pulumi stack name", func(k, v *yaml.Node) error {
		d, err := amount(v)
		if err != nil {
			return fmt.Errorf("%s: line %d: environments.%s: %v", name, v.Line, inputfile.Name(k.Value), err)
		}
		b.Environments[k.Value] = d
		b.keys = append(b.keys, Key{Name: k.Value, Line: k.Line})
		return nil
	}); err != nil {
		return Budgets{}, err
	}
	if err := eachEntry(name, "tags", tags, "resource tag KEY=VALUE", func(k, v *yaml.Node) error {
		key, value, ok := strings.Cut(k.Value, "=")
		if !ok || key == "" {
			return fmt.Errorf("%s: line %d: tags: %s is not KEY=VALUE; allowed: a tag such as team=web", name, k.Line, inputfile.Excerpt(k.Value))
		}
		d, err := amount(v)
		if err != nil {
			return fmt.Errorf("%s: line %d: tags.%s: %v", name, v.Line, inputfile.Name(k.Value), err)
		}
		b.Tags = append(b.Tags, TagLimit{Key: key, Value: value, Limit: d})
		return nil
	}); err != nil {
		return Budgets{}, err
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

// eachEntry calls f with each key and value of the mapping n (absent or
// empty: none), in file order.
func eachEntry(name, field string, n *yaml.Node, keyWords string, f func(k, v *yaml.Node) error) error {
	if n == nil || (n.Kind == yaml.ScalarNode && n.Tag == "!!null") {
		return nil
	}
	if n.Kind != yaml.MappingNode {
		return fmt.Errorf("%s: line %d: %s: got %s; allowed: a mapping of %s to US dollars a month", name, n.Line, field, inputfile.NodeWords(n), keyWords)
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if err := f(n.Content[i], deref(n.Content[i+1])); err != nil {
			return err
		}
	}
	return nil
}

// deref follows an alias to the node it names.
func deref(n *yaml.Node) *yaml.Node {
	for n != nil && n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	return n
}

// amount reads one budget: a positive number of US dollars, up to 1e9.
func amount(n *yaml.Node) (decimal.Decimal, error) {
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		return decimal.Zero, fmt.Errorf("got %s; allowed: US dollars a month, such as 1200", inputfile.NodeWords(n))
	}
	d, err := decimal.NewFromString(strings.TrimPrefix(n.Value, "$"))
	if err != nil {
		return decimal.Zero, fmt.Errorf("%s is not a number; allowed: US dollars a month, such as 1200", inputfile.Excerpt(n.Value))
	}
	if !d.IsPositive() || d.GreaterThan(maxBudget) {
		return decimal.Zero, fmt.Errorf("%s is out of range; allowed: more than 0 up to 1000000000", inputfile.Excerpt(n.Value))
	}
	return d, nil
}

// EnvironmentKeys are the environments keys in file order, with their
// lines: the caller, who knows the environments, checks the names.
func (b Budgets) EnvironmentKeys() []Key { return b.keys }

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
