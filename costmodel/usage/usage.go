// Package usage owns usage quantities: the numbers that usage-based costs
// (traffic, egress, requests, logs) need and that no resource input holds.
// They come either from a usage file (YAML, version 0.1, Infracost's layout)
// or from the workload model, and they are looked up per resource record.
package usage

import (
	"strings"

	"github.com/shopspring/decimal"
	"github.com/tiercost/tiercost/costmodel/resource"
)

// Values maps a usage key to its quantity.
type Values map[string]decimal.Decimal

// Usage holds type-level defaults and per-resource overrides.
type Usage struct {
	// Origin says where the numbers came from: "workload model", or the
	// usage file's path. It is shown as each usage quantity's source.
	Origin string
	// TypeDefaults is keyed by Pulumi type token.
	TypeDefaults map[string]Values
	// Resources is keyed by logical name or URN and overrides TypeDefaults.
	Resources map[string]Values
}

// For returns the usage of one resource: its type's defaults, overridden by
// its logical name's entry, overridden by its URN's entry. The values may
// be the usage's own (when one entry alone applies): read them, never
// change them.
func (u *Usage) For(r resource.Record) Values {
	if u == nil {
		return Values{}
	}
	byType, byName := u.TypeDefaults[r.Type], u.Resources[r.Name]
	var byURN Values
	if r.URN != "" {
		byURN = u.Resources[r.URN]
	}
	switch {
	case len(byName) == 0 && len(byURN) == 0 && byType != nil:
		return byType
	case len(byType) == 0 && len(byURN) == 0 && byName != nil:
		return byName
	case len(byType) == 0 && len(byName) == 0 && byURN != nil:
		return byURN
	}
	out := Values{}
	out.overlay(byType)
	out.overlay(byName)
	out.overlay(byURN)
	return out
}

// overlay sets over's values in v. A key over gives in either form, one
// number or groups, replaces every form v held of it: a resource's
// `{us: 10}` replaces its type's flat total, not just adds to it.
func (v Values) overlay(over Values) {
	if len(over) == 0 {
		return
	}
	bases := map[string]bool{}
	for k := range over {
		bases[baseKey(k)] = true
	}
	for k := range v {
		if bases[baseKey(k)] {
			delete(v, k)
		}
	}
	for k, d := range over {
		v[k] = d
	}
}

// Groups returns the grouped values of key, by group, and whether the key
// was given in that form.
func (v Values) Groups(key string) (map[string]decimal.Decimal, bool) {
	var out map[string]decimal.Decimal
	prefix := key + GroupSep
	for k, d := range v {
		if g, ok := strings.CutPrefix(k, prefix); ok {
			if out == nil {
				out = map[string]decimal.Decimal{}
			}
			out[g] = d
		}
	}
	return out, out != nil
}

// Get returns a key's value and whether it was set.
func (v Values) Get(key string) (decimal.Decimal, bool) {
	d, ok := v[key]
	return d, ok
}

// Merge returns u overlaid by over: over's values win key by key.
func Merge(u, over *Usage) *Usage {
	if over == nil {
		return u
	}
	if u == nil {
		return over
	}
	out := &Usage{Origin: over.Origin, TypeDefaults: map[string]Values{}, Resources: map[string]Values{}}
	for _, src := range []*Usage{u, over} {
		for t, vals := range src.TypeDefaults {
			if out.TypeDefaults[t] == nil {
				out.TypeDefaults[t] = Values{}
			}
			out.TypeDefaults[t].overlay(vals)
		}
		for n, vals := range src.Resources {
			if out.Resources[n] == nil {
				out.Resources[n] = Values{}
			}
			out.Resources[n].overlay(vals)
		}
	}
	return out
}
