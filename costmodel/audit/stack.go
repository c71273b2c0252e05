// Package audit evaluates the AWS Security Hub Foundational Security Best
// Practices (FSBP) controls that apply to the resource types tiercost's
// program creates, over plain resource records: the mocked program run, a
// stack export or a preview. It never imports the Pulumi SDK. Each control
// gives a finding per resource (pass, fail or not applicable); a failure
// that is a documented exception (a priced setting a small tier leaves
// off, or a finding AWS's own requirements make unavoidable) is reported
// as an exception with its reason instead.
package audit

import (
	"encoding/json"
	"strconv"
	"strings"

	"github.com/tiercost/tiercost/costmodel/resource"
)

// PlatformType is tiercost's composing component; its outputs name the tier.
const PlatformType = "tiercost:index:Platform"

// stack indexes the records of one evaluation.
type stack struct {
	recs   []resource.Record
	byType map[string][]*resource.Record
	// tags are the aws provider's default tags (Project, Environment, Tier).
	tags map[string]string
}

func newStack(recs []resource.Record) *stack {
	s := &stack{recs: recs, byType: map[string][]*resource.Record{}, tags: map[string]string{}}
	for i := range recs {
		r := &recs[i]
		// A stack export keeps no provider records but does keep the
		// platform component's outputs: tiercost's, with its tier.
		if r.Type == PlatformType {
			s.tags["Project"] = "tiercost"
			if t := r.String("tier"); t != "" {
				s.tags["Tier"] = t
			}
		}
		if r.Component || resource.IsStack(r.Type) {
			continue
		}
		s.byType[r.Type] = append(s.byType[r.Type], r)
		if r.Type == "pulumi:providers:aws" && s.tags["Tier"] == "" {
			if t := mapAt(r.Inputs, "defaultTags", "tags"); t != nil {
				for k, v := range t {
					if str, ok := v.(string); ok {
						s.tags[k] = str
					}
				}
			}
		}
	}
	return s
}

// of returns the records of the given types, in record order.
func (s *stack) of(types ...string) []*resource.Record {
	var out []*resource.Record
	for _, t := range types {
		out = append(out, s.byType[t]...)
	}
	return out
}

// refersTo reports whether ref names r: by provider ID, name, arn (input
// or output), or the mocked run's ARN, which ends in ":<logical name>".
func refersTo(ref string, r *resource.Record) bool {
	if ref == "" {
		return false
	}
	for _, k := range []string{r.ID, r.Name, r.String("id"), r.String("arn"), r.String("name"), r.String("bucket"), r.String("identifier")} {
		if k != "" && k == ref {
			return true
		}
	}
	return strings.HasPrefix(ref, "arn:") && strings.HasSuffix(ref, ":"+r.Name) ||
		ref == r.Name+"_id"
}

// pointingAt returns the records of a type whose input key names target.
func (s *stack) pointingAt(target *resource.Record, key string, types ...string) []*resource.Record {
	var out []*resource.Record
	for _, r := range s.of(types...) {
		if refersTo(r.String(key), target) {
			out = append(out, r)
		}
	}
	return out
}

// mapAt walks nested objects.
func mapAt(m map[string]any, path ...string) map[string]any {
	for _, k := range path {
		next, ok := m[k].(map[string]any)
		if !ok {
			return nil
		}
		m = next
	}
	return m
}

func str(m map[string]any, k string) string { s, _ := m[k].(string); return s }

func list(m map[string]any, k string) []any { l, _ := m[k].([]any); return l }

// truthy reads a boolean that some inputs carry as a string ("true").
func truthy(v any) bool {
	switch b := v.(type) {
	case bool:
		return b
	case string:
		t, _ := strconv.ParseBool(b)
		return t
	}
	return false
}

func number(v any) (float64, bool) {
	switch n := v.(type) {
	case float64:
		return n, true
	case int:
		return float64(n), true
	case string:
		f, err := strconv.ParseFloat(n, 64)
		return f, err == nil
	}
	return 0, false
}

// policyDoc is an IAM or resource policy document.
type policyDoc struct {
	Statement []policyStatement
}

type policyStatement struct {
	Effect    string
	Principal any
	Action    any
	Resource  any
	Condition map[string]map[string]any
}

// parsePolicy reads a policy document ("" or invalid gives none).
func parsePolicy(doc string) policyDoc {
	var raw struct {
		Statement json.RawMessage
	}
	var out policyDoc
	if json.Unmarshal([]byte(doc), &raw) != nil || len(raw.Statement) == 0 {
		return out
	}
	if raw.Statement[0] == '{' {
		var one policyStatement
		if json.Unmarshal(raw.Statement, &one) == nil {
			out.Statement = []policyStatement{one}
		}
		return out
	}
	_ = json.Unmarshal(raw.Statement, &out.Statement)
	return out
}

// strings returns a string or list of strings as a list.
func stringsOf(v any) []string {
	switch x := v.(type) {
	case string:
		return []string{x}
	case []any:
		var out []string
		for _, e := range x {
			if s, ok := e.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}
