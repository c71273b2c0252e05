// Package iac owns the readers that turn Pulumi's own files into the cost
// model's plain resource records: `pulumi stack export` (what a stack holds
// now) and `pulumi preview --json` (what the next update will hold). Both use
// only the SDK's plain apitype data types, never the program SDK or pkg/v3.
package iac

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"reflect"
	"sort"
	"strings"

	"github.com/tiercost/tiercost/costmodel/resource"
)

// Source is what a reader found: the resources to price (components kept,
// providers, the Stack and deleted resources dropped), sorted by URN.
type Source struct {
	Records []resource.Record
	// Region is the aws provider's region ("" when no provider names one).
	Region string
	// Stack and Project come from the resources' URNs.
	Stack, Project string
}

// Signatures Pulumi uses to mark special property values in JSON state.
const (
	sigKey         = "4dabf18193072939515e22adb298388d"
	sigSecret      = "1b47061264138c4ac30d75fd1eb44270"
	sigOutputValue = "d0e6a833031e9bbcd3f4e8bde6ca49a4"
	// unknownValue is how a preview writes a value only known after apply.
	unknownValue = "04da6b54-80e4-46f7-96ec-b56ff0331ba9"
	// maxDepth bounds nesting so hostile input cannot exhaust the stack.
	maxDepth = 200
)

// plain converts a decoded JSON value into the record's plain form: secrets
// become their plaintext (or nil when only ciphertext is held), output values
// their value, and preview unknowns nil.
func plain(v any, path string, depth int) (any, error) {
	if depth > maxDepth {
		return nil, fmt.Errorf("%s: nested more than %d levels; allowed: at most %d levels", path, maxDepth, maxDepth)
	}
	switch t := v.(type) {
	case string:
		if t == unknownValue {
			return nil, nil
		}
		return t, nil
	case []any:
		out := make([]any, len(t))
		for i, e := range t {
			p, err := plain(e, fmt.Sprintf("%s[%d]", path, i), depth+1)
			if err != nil {
				return nil, err
			}
			out[i] = p
		}
		return out, nil
	case map[string]any:
		switch t[sigKey] {
		case sigSecret:
			return secret(t, path, depth)
		case sigOutputValue:
			return plain(t["value"], path, depth+1)
		}
		out := make(map[string]any, len(t))
		for k, e := range t {
			p, err := plain(e, path+"."+k, depth+1)
			if err != nil {
				return nil, err
			}
			out[k] = p
		}
		return out, nil
	}
	return v, nil
}

// secret unwraps a secret's JSON-encoded plaintext; ciphertext is never
// returned, since the reader has no key and must not leak it.
func secret(m map[string]any, path string, depth int) (any, error) {
	pt, ok := m["plaintext"]
	if !ok {
		return nil, nil
	}
	s, ok := pt.(string)
	if !ok {
		return nil, fmt.Errorf("%s.plaintext: got %s; allowed: a JSON-encoded string", path, jsonKind(pt))
	}
	var inner any
	if err := json.Unmarshal([]byte(s), &inner); err != nil {
		return nil, fmt.Errorf("%s.plaintext: not valid JSON (%v); allowed: a JSON-encoded value", path, err)
	}
	return plain(inner, path, depth+1)
}

// props converts an inputs or outputs map; an empty map stays nil.
func props(m map[string]any, path string) (map[string]any, error) {
	if len(m) == 0 {
		return nil, nil
	}
	p, err := plain(m, path, 0)
	if err != nil {
		return nil, err
	}
	switch t := p.(type) {
	case map[string]any:
		return t, nil
	case nil:
		return nil, nil
	}
	// The whole map was a secret or output envelope around a non-object.
	return nil, fmt.Errorf("%s: got a wrapped %s; allowed: a JSON object of properties", path, jsonKind(p))
}

// stackProject reads "urn:pulumi:<stack>::<project>::..." and returns the
// stack and project names, or "" when the URN has another shape.
func stackProject(urn string) (string, string) {
	rest, ok := strings.CutPrefix(urn, "urn:pulumi:")
	if !ok {
		return "", ""
	}
	parts := strings.SplitN(rest, "::", 3)
	if len(parts) < 3 {
		return "", ""
	}
	return parts[0], parts[1]
}

// regionFrom returns an aws provider's region from its inputs, else outputs.
func regionFrom(inputs, outputs map[string]any) string {
	if s, ok := inputs["region"].(string); ok && s != "" && s != unknownValue {
		return s
	}
	if s, ok := outputs["region"].(string); ok && s != "" && s != unknownValue {
		return s
	}
	return ""
}

// isAWSProvider reports whether a type token is the aws provider.
func isAWSProvider(typ string) bool { return typ == "pulumi:providers:aws" }

// providerRegion picks one region from the aws providers seen: the default
// provider's when there is one (it serves every resource without an explicit
// provider), else the first by URN.
type providerRegion struct {
	regions map[string]string // provider URN → region
}

func (p *providerRegion) add(urn, region string) {
	if region == "" {
		return
	}
	if p.regions == nil {
		p.regions = map[string]string{}
	}
	p.regions[urn] = region
}

func (p *providerRegion) pick() string {
	urns := make([]string, 0, len(p.regions))
	for u := range p.regions {
		urns = append(urns, u)
	}
	sort.Strings(urns)
	for _, u := range urns {
		if strings.HasPrefix(resource.NameFromURN(u), "default") {
			return p.regions[u]
		}
	}
	if len(urns) > 0 {
		return p.regions[urns[0]]
	}
	return ""
}

// finish sorts the records and fills the stack and project names.
func finish(src *Source) {
	resource.Sort(src.Records)
	for _, r := range src.Records {
		if s, p := stackProject(r.URN); s != "" {
			src.Stack, src.Project = s, p
			return
		}
	}
}

// jsonError turns an encoding/json error into "<path>: <what>; <allowed>".
// data is the document the error came from; prefix is its path in the file.
func jsonError(data []byte, prefix string, err error, allowed string) error {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		line, col := lineCol(data, se.Offset)
		return fmt.Errorf("line %d, column %d (byte %d): %v; allowed: %s", line, col, se.Offset, se, allowed)
	case errors.As(err, &te):
		path := joinPath(prefix, te.Field)
		if path == "" {
			path = "(top level)"
		}
		return fmt.Errorf("%s: got %s; allowed: %s", path, te.Value, goKind(te.Type))
	}
	if prefix == "" {
		prefix = "(top level)"
	}
	return fmt.Errorf("%s: %v; allowed: %s", prefix, err, allowed)
}

func joinPath(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return a + "." + b
}

// lineCol converts a byte offset into a 1-based line and column.
func lineCol(data []byte, off int64) (int, int) {
	if off > int64(len(data)) {
		off = int64(len(data))
	}
	if off < 0 {
		off = 0
	}
	before := data[:off]
	line := bytes.Count(before, []byte("\n")) + 1
	col := int(off) - bytes.LastIndexByte(before, '\n')
	return line, col
}

// goKind describes the JSON that a Go type accepts.
func goKind(t reflect.Type) string {
	if t == nil {
		return "a JSON value"
	}
	switch t.Kind() {
	case reflect.Map, reflect.Struct:
		return "a JSON object"
	case reflect.Slice, reflect.Array:
		return "a JSON array"
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "an integer"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Pointer:
		return goKind(t.Elem())
	}
	return "a JSON value"
}

// jsonKind names the JSON kind of a decoded value.
func jsonKind(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case string:
		return "string"
	case float64, json.Number:
		return "number"
	case bool:
		return "bool"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	}
	return fmt.Sprintf("%T", v)
}

// readFile reads a file and decodes it, naming the file in any error.
func readFile(path string, decode func([]byte) (Source, error)) (Source, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return Source{}, err
	}
	return named(path, data, decode)
}

// decodeReader reads a document from r and decodes it, naming it in errors.
func decodeReader(name string, r io.Reader, decode func([]byte) (Source, error)) (Source, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return Source{}, fmt.Errorf("%s: %w", name, err)
	}
	return named(name, data, decode)
}

func named(name string, data []byte, decode func([]byte) (Source, error)) (Source, error) {
	src, err := decode(data)
	if err != nil {
		return Source{}, fmt.Errorf("%s: %w", name, err)
	}
	return src, nil
}
