package pricing

import (
	"fmt"
	"sort"

	"github.com/tiercost/tiercost/costmodel/usage"
)

// resourceType is everything the cost model knows about one resource type.
// Each pricer file declares its own with register; every per-type list the
// code needs is derived from the registry, never kept beside it: dispatch
// (pricerFor), SupportedTypes, FreeTypes, the usage schema (and so the
// usage file parser and docs/usage.md), the records a run indexes for
// look-ups, and the service a report bills a line to. What a pricer reads
// of a record is checked as it reads it (see inputs). Adding a type touches its pricer file, its catalog rows and its
// tests.
type resourceType struct {
	// Types are the type tokens priced alike; an alias (aws:alb/… beside
	// aws:lb/…) belongs to the same declaration.
	Types []string
	// Aliases are older tokens pulumi-aws has used for Types[0] (a stack
	// deployed with an old provider still holds them): their records are
	// priced as Types[0], and usage keyed by either token applies.
	Aliases []string
	// Service is the AWS service that bills the type, as FinOps FOCUS
	// names it. Free types have none.
	Service service
	// Usage lists the usage keys Price reads, in the order the docs show.
	Usage []usage.Key
	// References lists the types of the records Price looks up with
	// run.find; a run indexes exactly these.
	References []string
	// Price prices one record; nil for free types.
	Price pricerFunc
	// Free marks types that cost nothing by themselves.
	Free bool
	// Virtual marks a type no stack holds: it carries region-level usage
	// and is priced once per breakdown by its own code, never dispatched.
	Virtual bool
}

// service is the AWS service that bills a line item and its FOCUS service
// category.
type service struct{ name, category string }

// The services of the types priced today; a type billed by another service
// declares its own in its pricer file.
var (
	serviceEC2          = service{"Amazon Elastic Compute Cloud", "Compute"}
	serviceEBS          = service{"Amazon Elastic Compute Cloud", "Storage"}
	serviceVPC          = service{"Amazon Virtual Private Cloud", "Networking"}
	serviceELB          = service{"Elastic Load Balancing", "Networking"}
	serviceCloudFront   = service{"Amazon CloudFront", "Networking"}
	serviceRDS          = service{"Amazon Relational Database Service", "Databases"}
	serviceElastiCache  = service{"Amazon ElastiCache", "Databases"}
	serviceS3           = service{"Amazon Simple Storage Service", "Storage"}
	serviceCloudWatch   = service{"Amazon CloudWatch", "Management and Governance"}
	serviceDataTransfer = service{"AWS Data Transfer", "Networking"}
)

// typeRegistry holds the declarations and the indexes derived from them.
type typeRegistry struct {
	decls  []*resourceType          // in registration order, which must not show in any output
	byType map[string]*resourceType // every token, aliases included
	refs   []string                 // union of References, first-seen order
}

// registry is filled by the pricer files' package-level register calls,
// before any function of the package runs.
var registry = typeRegistry{byType: map[string]*resourceType{}}

// register adds a declaration to the registry; it is called as
// `var _ = register(resourceType{...})` from the type's pricer file. A
// contradictory declaration is a programming error, so it panics at
// start-up rather than mis-price later.
func register(rt resourceType) struct{} {
	if err := registry.add(rt); err != nil {
		panic("pricing: " + err.Error())
	}
	return struct{}{}
}

// add checks a declaration and indexes it.
func (r *typeRegistry) add(rt resourceType) error {
	if err := rt.check(); err != nil {
		return err
	}
	for _, t := range rt.tokens() {
		if _, dup := r.byType[t]; dup {
			return fmt.Errorf("type %s is registered twice", t)
		}
	}
	d := &rt
	r.decls = append(r.decls, d)
	for _, t := range rt.tokens() {
		r.byType[t] = d
	}
	for _, t := range rt.References {
		if !contains(r.refs, t) {
			r.refs = append(r.refs, t)
		}
	}
	return nil
}

// check rejects a declaration that contradicts itself.
func (rt resourceType) check() error {
	if len(rt.Types) == 0 {
		return fmt.Errorf("a registration names no type token")
	}
	seen := map[string]bool{}
	for _, t := range rt.tokens() {
		if t == "" || seen[t] {
			return fmt.Errorf("registration %v: empty or repeated type token %q", rt.Types, t)
		}
		seen[t] = true
	}
	switch {
	case rt.Free && (rt.Price != nil || rt.Virtual || rt.Service != service{} ||
		len(rt.Usage)+len(rt.References) > 0):
		return fmt.Errorf("%s: a free type has no price function, service, usage keys or references", rt.Types[0])
	case rt.Free:
		return nil
	case rt.Price == nil:
		return fmt.Errorf("%s: a priced type needs a price function", rt.Types[0])
	case rt.Service.name == "" || rt.Service.category == "":
		return fmt.Errorf("%s: a priced type needs a service name and category", rt.Types[0])
	}
	keys := map[string]bool{}
	for _, k := range rt.Usage {
		if k.Name == "" || k.Unit == "" || k.Description == "" || keys[k.Name] {
			return fmt.Errorf("%s: usage key %q needs a unique name, a unit and a description", rt.Types[0], k.Name)
		}
		keys[k.Name] = true
	}
	return nil
}

// tokens lists every token the declaration answers to: its types, then its
// aliases.
func (rt resourceType) tokens() []string {
	return append(append([]string(nil), rt.Types...), rt.Aliases...)
}

// CanonicalType is the token a record of typ is priced as: Types[0] of its
// declaration for an alias, typ itself otherwise.
func CanonicalType(typ string) string {
	if d := declOf(typ); d != nil && contains(d.Aliases, typ) {
		return d.Types[0]
	}
	return typ
}

// clone copies the registry, so a test can register a type and put the
// original back.
func (r typeRegistry) clone() typeRegistry {
	out := typeRegistry{decls: append([]*resourceType(nil), r.decls...), byType: make(map[string]*resourceType, len(r.byType)),
		refs: append([]string(nil), r.refs...)}
	for t, d := range r.byType {
		out.byType[t] = d
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// declOf returns the declaration of a type token, or nil.
func declOf(typ string) *resourceType { return registry.byType[typ] }

// pricerFor returns the price function records of a type token are
// dispatched to, or nil (free, virtual and unknown types).
func pricerFor(typ string) pricerFunc {
	if d := declOf(typ); d != nil && !d.Free && !d.Virtual {
		return d.Price
	}
	return nil
}

// isFree reports whether a type token is declared free.
func isFree(typ string) bool {
	d := declOf(typ)
	return d != nil && d.Free
}

// tokens lists the type tokens of the declarations keep accepts, sorted.
func tokens(keep func(*resourceType) bool) []string {
	var out []string
	for _, d := range registry.decls {
		if keep(d) {
			out = append(out, d.Types...)
		}
	}
	sort.Strings(out)
	return out
}

// SupportedTypes lists the type tokens that have a pricer, sorted.
func SupportedTypes() []string {
	return tokens(func(d *resourceType) bool { return !d.Free && !d.Virtual })
}

// FreeTypes lists the type tokens declared free, sorted.
func FreeTypes() []string {
	return tokens(func(d *resourceType) bool { return d.Free })
}

// UsageSchema returns, for every priced type token (the virtual data-
// transfer type included), the usage keys its pricer reads: the schema the
// usage file parser checks a file against. A type that reads no usage is in
// it with no keys, so a file may name it but give it nothing. The result
// is the caller's to keep.
func UsageSchema() usage.Schema {
	out := usage.Schema{}
	for _, d := range registry.decls {
		if d.Free {
			continue
		}
		for _, t := range d.tokens() {
			out[t] = append([]usage.Key{}, d.Usage...)
		}
	}
	return out
}

// ServiceOf returns the AWS service that bills a type token and its FinOps
// FOCUS service category; a type without a price function has no service
// and the category "Other".
func ServiceOf(typ string) (name, category string) {
	if d := declOf(typ); d != nil && !d.Free {
		return d.Service.name, d.Service.category
	}
	return "", "Other"
}

// referencedTypes lists the types run.find looks records up by.
func referencedTypes() []string { return registry.refs }
