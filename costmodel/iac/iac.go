// Package iac owns the readers that turn Pulumi's own files into the cost
// model's plain resource records: `pulumi stack export` (what a stack holds
// now) and `pulumi preview --json` (what the next update will hold). Both use
// only the SDK's plain apitype data types, never the program SDK or pkg/v3.
// Both stream: resources are decoded one at a time, so memory grows with
// the records kept, not with the file; names given twice are errors.
package iac

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"sort"
	"strings"

	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"

	"github.com/tiercost/tiercost/costmodel/inputfile"
	"github.com/tiercost/tiercost/costmodel/resource"
)

// Source is what a reader found: the resources to price (components and
// aws providers kept, other providers, the Stack and deleted resources
// dropped), sorted by URN. Each record names its provider (Provider), so
// pricing prices it in that aws provider's region.
type Source struct {
	Records []resource.Record
	// Region is where the resources live ("" when nothing says) and
	// RegionFrom what says so (one of the RegionFrom* constants): the aws
	// provider's region, then the preview's config aws:region, then the
	// region the resources' ARNs, availability zones or endpoints name.
	Region, RegionFrom string
	// Stack and Project come from the resources' URNs.
	Stack, Project string
	// Notes are what the reader could not read as the file meant, for the
	// estimate's warnings (a preview step with no new state, say).
	Notes []string
}

// add keeps one converted record: an aws provider for its region (and for
// pricing, which prices each resource in its provider's region), any other
// resource but the stack for pricing and the region evidence.
func (s *Source) add(rec resource.Record, regions *providerRegion, votes *regionVotes) {
	switch {
	case resource.IsProvider(rec.Type):
		if isAWSProvider(rec.Type) {
			regions.add(rec.URN, regionFrom(rec.Inputs, rec.Outputs))
			s.Records = append(s.Records, rec)
		}
	case resource.IsStack(rec.Type):
	default:
		votes.scan(rec.Inputs)
		votes.scan(rec.Outputs)
		s.Records = append(s.Records, rec)
	}
}

// maxNotes bounds the notes a reader keeps; the last one counts the rest.
const maxNotes = 20

// note adds a note, counting those beyond maxNotes.
func (s *Source) note(format string, args ...any) {
	switch {
	case len(s.Notes) < maxNotes:
		s.Notes = append(s.Notes, fmt.Sprintf(format, args...))
	case len(s.Notes) == maxNotes:
		s.Notes = append(s.Notes, "more notes like these were left out")
	}
}

// pickRegion sets the source's region: the provider's (default provider
// first), then the config's, then the resources' evidence.
func (s *Source) pickRegion(providers *providerRegion, config string, votes *regionVotes) {
	switch r := providers.pick(); {
	case r != "":
		s.Region, s.RegionFrom = r, RegionFromProvider
	case config != "":
		s.Region, s.RegionFrom = config, RegionFromConfig
	default:
		s.Region, s.RegionFrom = votes.pick()
	}
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

// plain converts a decoded JSON value into the record's plain form, in
// place: secrets become SecretValue (never their plaintext, so no output
// can print one), output values their value, and preview unknowns nil. Numbers
// beyond numberBound are refused. The error's path is built only when
// there is an error, on the way back up.
func plain(v any, depth int) (any, *propError) {
	if depth > maxDepth {
		return nil, &propError{msg: fmt.Sprintf("nested more than %d levels; allowed: at most %d levels", maxDepth, maxDepth)}
	}
	switch t := v.(type) {
	case string:
		if t == unknownValue {
			return nil, nil
		}
		return t, nil
	case float64:
		if math.Abs(t) > numberBound {
			return nil, &propError{msg: fmt.Sprintf("%g is above the bound; allowed: numbers up to 2^63 (9223372036854775808) in size", t)}
		}
		return t, nil
	case []any:
		for i, e := range t {
			p, err := plain(e, depth+1)
			if err != nil {
				return nil, err.under(fmt.Sprintf("[%d]", i))
			}
			t[i] = p
		}
		return t, nil
	case map[string]any:
		switch t[sigKey] {
		case sigSecret:
			return secret(t)
		case sigOutputValue:
			return plain(t["value"], depth+1)
		}
		for k, e := range t {
			p, err := plain(e, depth+1)
			if err != nil {
				return nil, err.under("." + inputfile.Name(k))
			}
			t[k] = p
		}
		return t, nil
	}
	return v, nil
}

// propError is a problem with a property value; path grows from the
// value up as plain returns.
type propError struct {
	path []string // innermost first
	msg  string
}

func (e *propError) under(seg string) *propError {
	e.path = append(e.path, seg)
	return e
}

// at renders the error under the property map's own path.
func (e *propError) at(prefix string) error {
	var b strings.Builder
	b.WriteString(prefix)
	for i := len(e.path) - 1; i >= 0; i-- {
		b.WriteString(e.path[i])
	}
	return fmt.Errorf("%s: %s", b.String(), e.msg)
}

// SecretValue is what a secret reads as, plaintext or ciphertext alike
// (resource.SecretValue). Pricers and audit see an unknown string (a price
// not found, a setting not known), and no renderer can print the secret,
// since it is never read.
const SecretValue = resource.SecretValue

// secret replaces a secret envelope by SecretValue. A malformed plaintext
// is still refused, without quoting it.
func secret(m map[string]any) (any, *propError) {
	pt, ok := m["plaintext"]
	if !ok {
		return SecretValue, nil
	}
	s, ok := pt.(string)
	if !ok {
		return nil, (&propError{msg: fmt.Sprintf("got %s; allowed: a JSON-encoded string", jsonKind(pt))}).under(".plaintext")
	}
	if !jsontext.Value(s).IsValid() {
		return nil, (&propError{msg: "not valid JSON; allowed: a JSON-encoded value"}).under(".plaintext")
	}
	return SecretValue, nil
}

// props converts an inputs or outputs map; an empty map stays nil.
func props(m map[string]any, path string) (map[string]any, error) {
	if len(m) == 0 {
		return nil, nil
	}
	p, perr := plain(m, 0)
	if perr != nil {
		return nil, perr.at(path)
	}
	switch t := p.(type) {
	case map[string]any:
		return t, nil
	case nil:
		return nil, nil
	case string:
		if t == SecretValue && m[sigKey] == sigSecret {
			return nil, nil // the whole map secret: no property known
		}
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

// numberBound bounds every number in a resource's properties: a count,
// size or rate beyond 2^63 (the largest 64-bit integer a provider writes)
// is a damaged or hostile file, and would price as an absurd total.
const numberBound = 1 << 63

// decodeFunc streams one document from a JSON decoder.
type decodeFunc func(dec *jsontext.Decoder) (Source, error)

// readFile streams a document from a file ("-" is stdin) within its kind's
// size cap, naming the file in any error.
func readFile(path string, k inputfile.Kind, decode decodeFunc, shape string) (Source, error) {
	r, err := inputfile.Open(path, k)
	if err != nil {
		return Source{}, err
	}
	defer r.Close()
	src, err := decode(jsontext.NewDecoder(r))
	if err != nil {
		return Source{}, describe(r.Name(), inputfile.LinesOfFile(path, k), err, shape)
	}
	return src, nil
}

// decodeReader reads a document from r (at most the kind's cap) and
// decodes it, naming it in errors.
func decodeReader(name string, r io.Reader, k inputfile.Kind, decode decodeFunc, shape string) (Source, error) {
	data, err := io.ReadAll(io.LimitReader(r, k.Limit()+1))
	if err != nil {
		return Source{}, fmt.Errorf("%s: %w", name, err)
	}
	if int64(len(data)) > k.Limit() {
		return Source{}, fmt.Errorf("%s: %w: larger than the %s cap for %s; allowed: raise the cap with --max-input-size %s=SIZE",
			name, inputfile.ErrTooLarge, inputfile.HumanSize(k.Limit()), k, k.Name())
	}
	return named(name, data, decode, shape)
}

func named(name string, data []byte, decode decodeFunc, shape string) (Source, error) {
	data = inputfile.StripBOM(data)
	src, err := decode(jsontext.NewDecoder(bytes.NewReader(data)))
	if err != nil {
		return Source{}, describe(name, inputfile.LinesOf(data), err, shape)
	}
	return src, nil
}

// describe names the file in a decoding error; JSON errors get their line
// and field path.
func describe(name string, lines inputfile.Lines, err error, shape string) error {
	var se *jsontext.SyntacticError
	var me *json.SemanticError
	if errors.As(err, &se) || errors.As(err, &me) || errors.Is(err, io.ErrUnexpectedEOF) {
		return inputfile.JSONError(name, lines, err, shape)
	}
	if errors.Is(err, inputfile.ErrTooLarge) {
		return err
	}
	var oe offsetError
	if errors.As(err, &oe) && lines != nil {
		if l, c, ok := lines(oe.off); ok {
			return fmt.Errorf("%s: line %d, column %d: %w", name, l, c, oe.err)
		}
	}
	return fmt.Errorf("%s: %w", name, err)
}

// object walks the members of the object that starts at the decoder,
// calling fn with each name; fn must consume the value. at names the
// object in errors. A name that equals one of known but for letter case is
// passed as the known spelling, and given twice that way is an error, as
// for the struct fields (see decodeOpts).
func object(dec *jsontext.Decoder, at string, known []string, fn func(name string) error) error {
	if err := expect(dec, '{', at, "a JSON object"); err != nil {
		return err
	}
	seen := map[string]string{}
	for dec.PeekKind() != '}' {
		tok, err := dec.ReadToken()
		if err != nil {
			return err
		}
		name := tok.String()
		for _, k := range known {
			if strings.EqualFold(name, k) {
				if first, dup := seen[k]; dup {
					return offsetError{dec.InputOffset() - int64(len(name)) - 2,
						fmt.Errorf("%s: same name as %s but for letter case; allowed: each name once", inputfile.JoinPath(at, inputfile.Name(name)), first)}
				}
				seen[k], name = name, k
			}
		}
		if err := fn(name); err != nil {
			return err
		}
	}
	_, err := dec.ReadToken()
	return err
}

// decodeOpts decode resources and steps: struct fields match names whatever
// their letter case, so "Inputs" beside "inputs" is a duplicate, never a
// silently ignored member.
var decodeOpts = json.MatchCaseInsensitiveNames(true)

// offsetError is an error found at a byte offset, located when described.
type offsetError struct {
	off int64
	err error
}

func (e offsetError) Error() string { return e.err.Error() }

// array walks the elements of the array that starts at the decoder.
func array(dec *jsontext.Decoder, at string, fn func(i int) error) error {
	if err := expect(dec, '[', at, "a JSON array"); err != nil {
		return err
	}
	for i := 0; dec.PeekKind() != ']'; i++ {
		if dec.PeekKind() == 0 {
			_, err := dec.ReadToken()
			return err
		}
		if err := fn(i); err != nil {
			return err
		}
	}
	_, err := dec.ReadToken()
	return err
}

// expect reads the opening delimiter of an object or array, or says what
// was there instead.
func expect(dec *jsontext.Decoder, delim jsontext.Kind, at, allowed string) error {
	k := dec.PeekKind()
	if k == delim {
		_, err := dec.ReadToken()
		return err
	}
	if k == 0 { // a syntax error or the end of input
		_, err := dec.ReadToken()
		if err == nil || err == io.EOF {
			err = io.ErrUnexpectedEOF
		}
		return err
	}
	if at == "" {
		at = "(top level)"
	}
	return fmt.Errorf("%s: got %s; allowed: %s", at, inputfile.KindWords(k), allowed)
}

// atEOF checks that nothing but white space follows the document.
func atEOF(dec *jsontext.Decoder) error {
	if _, err := dec.ReadToken(); err != io.EOF {
		if err != nil {
			return err
		}
		return errors.New("(top level): data after the JSON object; allowed: one JSON object")
	}
	return nil
}

// jsonKind names the JSON kind of a decoded value.
func jsonKind(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case string:
		return "string"
	case float64:
		return "number"
	case bool:
		return "bool"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	}
	return "value"
}
