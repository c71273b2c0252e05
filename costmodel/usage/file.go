package usage

import (
	"fmt"
	"github.com/agext/levenshtein"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/shopspring/decimal"
	"github.com/tiercost/tiercost/costmodel/inputfile"
	"github.com/tiercost/tiercost/costmodel/resource"
	"gopkg.in/yaml.v3"
)

// FileVersion is the only usage file version the parser reads.
const FileVersion = "0.1"

// Top-level keys of a usage file.
const (
	keyVersion      = "version"
	keyTypeDefaults = "resource_type_default_usage"
	keyResources    = "resource_usage"
)

// number is the plain decimal notation a usage value may use; YAML's other
// number forms (hex, octal, .inf, .nan) are rejected, and the exponent is
// bounded so a value cannot expand to millions of digits.
var number = regexp.MustCompile(`^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]{1,2})?$`)

const allowedNumber = "a non-negative decimal number such as 2.5 or \"2.5\""

// ParseFile reads a usage file (YAML, version 0.1) whose type tokens and
// keys must be those of schema: a regular file within the usage file size
// cap (see package inputfile).
func ParseFile(path string, schema Schema) (*Usage, error) {
	data, err := inputfile.ReadAll(path, inputfile.Usage)
	if err != nil {
		return nil, err
	}
	return Parse(path, data, schema)
}

// Parse reads a usage file's contents; name labels errors and the Origin.
// One document only; a key given twice is an error; a BOM is stripped.
func Parse(name string, data []byte, schema Schema) (*Usage, error) {
	return parser{name: name, schema: schema}.parse(data)
}

// parser carries the file name into every error it makes, and the schema
// that says which type tokens and keys are allowed.
type parser struct {
	name   string
	schema Schema
}

// errAt formats "<file>: line N: <path>: <what>; allowed: <allowed>".
func (p parser) errAt(n *yaml.Node, path, what, allowed string) error {
	return fmt.Errorf("%s: line %d: %s: %s; allowed: %s", p.name, n.Line, path, what, allowed)
}

func (p parser) parse(data []byte) (*Usage, error) {
	// Resource names may differ only in case (Pulumi names are case
	// sensitive); every other key is checked against a known list.
	node, err := inputfile.YAML(p.name, data, inputfile.YAMLOptions{})
	if err != nil {
		return nil, err
	}
	if node == nil {
		return nil, fmt.Errorf("%s: file is empty; allowed: a YAML mapping with version: %s", p.name, FileVersion)
	}
	root := deref(node)
	if root.Kind != yaml.MappingNode {
		return nil, p.errAt(root, "(top level)", "got "+kind(root), "a mapping with version, "+keyTypeDefaults+" and "+keyResources)
	}
	// The version decides how the rest reads, so check it first.
	var version *yaml.Node
	for i := 0; i+1 < len(root.Content); i += 2 {
		if root.Content[i].Value == keyVersion {
			version = deref(root.Content[i+1])
		}
	}
	if version == nil {
		return nil, fmt.Errorf("%s: line %d: version: missing; allowed: version: %s", p.name, root.Line, FileVersion)
	}
	if version.Kind != yaml.ScalarNode || version.Value != FileVersion {
		return nil, p.errAt(version, keyVersion, fmt.Sprintf("%s is not supported", inputfile.Excerpt(scalarText(version))), FileVersion)
	}
	u := &Usage{Origin: "usage file " + p.name, TypeDefaults: map[string]Values{}, Resources: map[string]Values{}}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], deref(root.Content[i+1])
		var err error
		switch k.Value {
		case keyVersion:
		case keyTypeDefaults:
			err = p.typeDefaults(v, u)
		case keyResources:
			err = p.resources(v, u)
		default:
			err = p.errAt(k, inputfile.Name(k.Value), "unknown key", strings.Join([]string{keyVersion, keyTypeDefaults, keyResources}, ", "))
		}
		if err != nil {
			return nil, err
		}
	}
	return u, nil
}

// typeDefaults reads resource_type_default_usage: type token → key → number.
func (p parser) typeDefaults(n *yaml.Node, u *Usage) error {
	if isNull(n) {
		return nil
	}
	if n.Kind != yaml.MappingNode {
		return p.errAt(n, keyTypeDefaults, "got "+kind(n), "a mapping from type token to usage keys")
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], deref(n.Content[i+1])
		typ := k.Value
		known, ok := p.schema[typ]
		path := keyTypeDefaults + "." + inputfile.Name(typ)
		if !ok {
			return p.errAt(k, path, "unknown type token", strings.Join(knownTypes(p.schema), ", "))
		}
		vals, err := p.values(v, path, func(key string) (bool, string, []string) {
			return hasKey(known, key), keyList(known), groupsOf(known, key)
		})
		if err != nil {
			return err
		}
		u.TypeDefaults[typ] = vals
	}
	return nil
}

// resources reads resource_usage: logical name or URN → key → number. A
// URN names its type, so its keys are checked against that type; a logical
// name's type is not known until the records are, so its keys need only be
// known to some type.
func (p parser) resources(n *yaml.Node, u *Usage) error {
	if isNull(n) {
		return nil
	}
	if n.Kind != yaml.MappingNode {
		return p.errAt(n, keyResources, "got "+kind(n), "a mapping from resource name or URN to usage keys")
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], deref(n.Content[i+1])
		name := k.Value
		path := keyResources + "." + inputfile.Name(name)
		check := func(key string) (bool, string, []string) {
			if known, ok := p.schema[resource.TypeFromURN(name)]; ok && strings.HasPrefix(name, "urn:") {
				return hasKey(known, key), keyList(known), groupsOf(known, key)
			}
			if anyType(p.schema, key) {
				return true, "", anyGroups(p.schema, key)
			}
			return false, closeMatches(p.schema, key), nil
		}
		vals, err := p.values(v, path, check)
		if err != nil {
			return err
		}
		if u.Resources[name] == nil {
			u.Resources[name] = Values{}
		}
		for key, d := range vals {
			u.Resources[name][key] = d
		}
	}
	return nil
}

// values reads one mapping of usage key → number (or, for a key with
// groups, → mapping of group → number); check says whether a key is
// allowed, if not which keys are, and the groups it takes.
func (p parser) values(n *yaml.Node, path string, check func(string) (bool, string, []string)) (Values, error) {
	out := Values{}
	if isNull(n) {
		return out, nil
	}
	if n.Kind != yaml.MappingNode {
		return nil, p.errAt(n, path, "got "+kind(n), "a mapping from usage key to number")
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], deref(n.Content[i+1])
		at := path + "." + inputfile.Name(k.Value)
		ok, allowed, groups := check(k.Value)
		if !ok {
			return nil, p.errAt(k, at, "unknown usage key", allowed)
		}
		if len(groups) > 0 && v.Kind == yaml.MappingNode {
			if err := p.grouped(v, at, k.Value, groups, out); err != nil {
				return nil, err
			}
			continue
		}
		if len(groups) > 0 && v.Kind != yaml.ScalarNode {
			return nil, p.errAt(v, at, "got "+kind(v), allowedNumber+", or a mapping from region group ("+strings.Join(groups, ", ")+") to such a number")
		}
		d, err := p.number(v, at)
		if err != nil {
			return nil, err
		}
		out[k.Value] = d
	}
	return out, nil
}

// grouped reads a grouped value, `{us: 61440, europe: 100}`, into out
// under GroupKey(key, group).
func (p parser) grouped(n *yaml.Node, path, key string, groups []string, out Values) error {
	for i := 0; i+1 < len(n.Content); i += 2 {
		g, v := n.Content[i], deref(n.Content[i+1])
		at := path + "." + inputfile.Name(g.Value)
		if !slices.Contains(groups, g.Value) {
			return p.errAt(g, at, "unknown region group", strings.Join(groups, ", "))
		}
		d, err := p.number(v, at)
		if err != nil {
			return err
		}
		out[GroupKey(key, g.Value)] = d
	}
	return nil
}

// groupsOf returns the groups a key of keys takes (nil for none).
func groupsOf(keys []Key, name string) []string {
	for _, k := range keys {
		if k.Name == name {
			return k.Groups
		}
	}
	return nil
}

// anyGroups returns the groups some type's key of that name takes.
func anyGroups(schema Schema, name string) []string {
	for _, t := range knownTypes(schema) {
		if g := groupsOf(schema[t], name); len(g) > 0 {
			return g
		}
	}
	return nil
}

// number builds a decimal from the scalar's text, never via float, so 2.1
// stays exactly 2.1.
func (p parser) number(n *yaml.Node, path string) (decimal.Decimal, error) {
	if n.Kind != yaml.ScalarNode || isNull(n) {
		return decimal.Zero, p.errAt(n, path, "got "+kind(n), allowedNumber)
	}
	text := strings.TrimSpace(n.Value)
	if !number.MatchString(text) {
		return decimal.Zero, p.errAt(n, path, fmt.Sprintf("%s is not a number", inputfile.Excerpt(n.Value)), allowedNumber)
	}
	d, err := decimal.NewFromString(text)
	if err != nil {
		return decimal.Zero, p.errAt(n, path, fmt.Sprintf("%s is not a number", inputfile.Excerpt(n.Value)), allowedNumber)
	}
	if d.IsNegative() {
		return decimal.Zero, p.errAt(n, path, fmt.Sprintf("%s is negative", text), allowedNumber)
	}
	if d.GreaterThan(maxQuantity) {
		return decimal.Zero, p.errAt(n, path, fmt.Sprintf("%s is absurdly large", text), "0 to 1,000,000,000,000 (10^12)")
	}
	return d, nil
}

// maxQuantity bounds every usage quantity: 10^12 GB, requests or
// connections a second is far beyond any real workload, so a larger value
// is a typo (an exponent or a unit slip), not a plan.
var maxQuantity = decimal.New(1, 12)

// deref follows YAML aliases to the node they name.
func deref(n *yaml.Node) *yaml.Node {
	for i := 0; n.Kind == yaml.AliasNode && n.Alias != nil && i < 16; i++ {
		n = n.Alias
	}
	return n
}

func isNull(n *yaml.Node) bool { return n.Kind == yaml.ScalarNode && n.Tag == "!!null" }

// kind names a YAML node's kind for error messages.
func kind(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		if isNull(n) {
			return "no value"
		}
		return inputfile.Excerpt(n.Value)
	case yaml.AliasNode:
		return "an alias"
	}
	return "a document"
}

func scalarText(n *yaml.Node) string {
	if n.Kind == yaml.ScalarNode {
		return n.Value
	}
	return kind(n)
}

func hasKey(keys []Key, name string) bool {
	for _, k := range keys {
		if k.Name == name {
			return true
		}
	}
	return false
}

func keyList(keys []Key) string {
	if len(keys) == 0 {
		return "no usage keys (this type needs none)"
	}
	names := make([]string, len(keys))
	for i, k := range keys {
		names[i] = k.Name
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}

func knownTypes(schema Schema) []string {
	out := make([]string, 0, len(schema))
	for t := range schema {
		out = append(out, t)
	}
	sort.Strings(out)
	return out
}

func anyType(schema Schema, key string) bool {
	for _, keys := range schema {
		if hasKey(keys, key) {
			return true
		}
	}
	return false
}

// allKeys lists every distinct usage key, sorted.
func allKeys(schema Schema) []string {
	set := map[string]bool{}
	for _, keys := range schema {
		for _, k := range keys {
			set[k.Name] = true
		}
	}
	out := make([]string, 0, len(set))
	for k := range set {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// closeMatches suggests known keys near a misspelt one: those sharing a
// word with it or within a small edit distance; all keys when none is close.
func closeMatches(schema Schema, key string) string {
	var near []string
	for _, k := range allKeys(schema) {
		if editDistance(key, k) <= 3 || sharesWord(key, k) {
			near = append(near, k)
		}
	}
	if len(near) == 0 {
		return "a usage key of some type: " + strings.Join(allKeys(schema), ", ")
	}
	return "a usage key of some type; close matches: " + strings.Join(near, ", ")
}

// sharesWord reports whether two snake_case keys share a word longer than
// three letters, skipping the ubiquitous "monthly".
func sharesWord(a, b string) bool {
	words := map[string]bool{}
	for _, w := range strings.Split(a, "_") {
		if len(w) > 3 && w != "monthly" {
			words[w] = true
		}
	}
	for _, w := range strings.Split(b, "_") {
		if words[w] {
			return true
		}
	}
	return false
}

// editDistance is the Levenshtein distance; keys are short, so O(n·m) is fine.
func editDistance(a, b string) int {
	if len(a) > 200 || len(b) > 200 {
		return 1 << 30 // not a plausible misspelling; avoid quadratic work
	}
	return levenshtein.Distance(a, b, nil)
}
