package inputfile

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"

	"gopkg.in/yaml.v3"
)

// YAMLOptions tune YAML.
type YAMLOptions struct {
	// CaseInsensitive refuses keys that differ only in letter case, for
	// files read through viper, which lower-cases every key.
	CaseInsensitive bool
}

// YAML parses data as exactly one YAML document and returns its root node
// (nil for an empty file). It refuses, naming the file and line: a second
// document, a key given twice in one mapping, and with CaseInsensitive a
// key that differs from another only in case. Syntax errors are
// sanitised (see Sanitize). name labels errors.
func YAML(name string, data []byte, opts YAMLOptions) (*yaml.Node, error) {
	data = StripBOM(data)
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, nil
		}
		return nil, fmt.Errorf("%s: %s; allowed: one YAML document", name, yamlMessage(err))
	}
	var extra yaml.Node
	switch err := dec.Decode(&extra); {
	case errors.Is(err, io.EOF):
	case err != nil:
		return nil, fmt.Errorf("%s: %s; allowed: one YAML document", name, yamlMessage(err))
	default:
		line := extra.Line
		if len(extra.Content) > 0 {
			line = extra.Content[0].Line
		}
		return nil, fmt.Errorf("%s: line %d: a second YAML document; allowed: one document (no --- separator)", name, line)
	}
	if len(doc.Content) == 0 {
		return nil, nil
	}
	w := walker{name: name, opts: opts, seen: map[*yaml.Node]bool{}}
	if err := w.walk(doc.Content[0], ""); err != nil {
		return nil, err
	}
	return doc.Content[0], nil
}

// yamlMessage turns a yaml.v3 error into one sanitised line.
func yamlMessage(err error) string {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	return Sanitize(msg)
}

type walker struct {
	name string
	opts YAMLOptions
	seen map[*yaml.Node]bool
}

// walk checks every mapping once, aliases included.
func (w walker) walk(n *yaml.Node, path string) error {
	if n == nil || w.seen[n] {
		return nil
	}
	w.seen[n] = true
	switch n.Kind {
	case yaml.AliasNode:
		return w.walk(n.Alias, path)
	case yaml.SequenceNode:
		for i, c := range n.Content {
			if err := w.walk(c, fmt.Sprintf("%s[%d]", path, i)); err != nil {
				return err
			}
		}
	case yaml.MappingNode:
		exact := map[string]int{}
		folded := map[string]*yaml.Node{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			at := JoinPath(path, Name(k.Value))
			if line, dup := exact[k.Value]; dup {
				return fmt.Errorf("%s: line %d: %s: given twice (first at line %d); allowed: each key once", w.name, k.Line, at, line)
			}
			exact[k.Value] = k.Line
			if w.opts.CaseInsensitive {
				low := strings.ToLower(k.Value)
				if first, twin := folded[low]; twin {
					return fmt.Errorf("%s: line %d: %s: same key as %s (line %d) but for letter case; allowed: each key once, in lower case",
						w.name, k.Line, at, Name(first.Value), first.Line)
				}
				folded[low] = k
			}
			if err := w.walk(n.Content[i+1], at); err != nil {
				return err
			}
		}
	}
	return nil
}

// JoinPath joins a dotted field path.
func JoinPath(a, b string) string {
	if a == "" {
		return b
	}
	return a + "." + b
}

// NodeWords describes a YAML node for "got ..." in messages: "a list",
// "a mapping", "no value" or the scalar's Excerpt.
func NodeWords(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.AliasNode:
		return "an alias"
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return "no value"
		}
		return Excerpt(n.Value)
	}
	return "a document"
}
