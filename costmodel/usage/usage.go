// Package usage owns usage quantities: the numbers that usage-based costs
// (traffic, egress, requests, logs) need and that no resource input holds.
// They come either from a usage file (YAML, version 0.1, Infracost's layout)
// or from the workload model, and they are looked up per resource record.
package usage

import (
	"maps"
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
		return nil
	}
	byType, byName := u.TypeDefaults[r.Type], u.Resources[r.Name]
	var byURN Values
	if r.URN != "" {
		byURN = u.Resources[r.URN]
	}
	switch {
	case len(byType) == 0 && len(byName) == 0 && len(byURN) == 0:
		return nil
	case len(byName) == 0 && len(byURN) == 0 && byType != nil:
		return byType
	case len(byType) == 0 && len(byURN) == 0 && byName != nil:
		return byName
	case len(byType) == 0 && len(byName) == 0 && byURN != nil:
		return byURN
	// An entry that replaces every key of the ones below it is the whole
	// answer (a log group's own entry over the type's, as pricing looks
	// each up): returned as it is, not copied.
	case len(byURN) == 0 && covers(byName, byType):
		return byName
	case len(byURN) > 0 && covers(byURN, byType) && covers(byURN, byName):
		return byURN
	}
	// Sized for every key, so the overlays never grow the map.
	out := make(Values, len(byType)+len(byName)+len(byURN))
	maps.Copy(out, byType)
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
	// Without grouped keys in v, a key of v is its own base, so deleting
	// each of over's bases is the whole rule, with no set of bases built
	// (the maps are a few keys: the nested walk costs less than one).
	grouped := false
	for k := range v {
		if strings.Contains(k, GroupSep) {
			grouped = true
			break
		}
	}
	for k := range over {
		b := baseKey(k)
		if !grouped {
			delete(v, b)
			continue
		}
		for vk := range v {
			if baseKey(vk) == b {
				delete(v, vk)
			}
		}
	}
	maps.Copy(v, over)
}

// covers reports whether over replaces every key of under, so that under
// overlaid by over is over itself: each key of under has its base among
// over's keys' bases (overlay's rule).
func covers(over, under Values) bool {
	for k := range under {
		if _, ok := over[k]; ok {
			continue
		}
		base, found := baseKey(k), false
		for o := range over {
			if baseKey(o) == base {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
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

// Merge returns u overlaid by over: over's values win key by key. The
// result may share u's and over's Values (as it shares u or over itself
// when the other is nil): read it, never change it.
func Merge(u, over *Usage) *Usage {
	if over == nil {
		return u
	}
	if u == nil {
		return over
	}
	return &Usage{Origin: over.Origin, TypeDefaults: mergeEntries(u.TypeDefaults, over.TypeDefaults), Resources: mergeEntries(u.Resources, over.Resources)}
}

// mergeEntries overlays over's entries on base's, entry by entry. Only an
// entry both sides give is built anew; one side's entry alone is shared,
// not copied, and so is one side's whole map when the other gives no
// entries, since a band merges a whole sized usage with one type's
// instance count for every scenario. An empty entry stays an empty,
// non-nil Values, as a copy of it was.
func mergeEntries(base, over map[string]Values) map[string]Values {
	switch {
	case len(over) == 0 && base != nil && noNilEntry(base):
		return base
	case len(base) == 0 && over != nil && noNilEntry(over):
		return over
	}
	out := make(map[string]Values, len(base)+len(over))
	for k, vals := range base {
		out[k] = nonNil(vals)
	}
	for k, vals := range over {
		below := out[k]
		switch {
		case len(below) == 0:
			out[k] = nonNil(vals)
		case covers(vals, below):
			out[k] = vals
		case len(vals) > 0:
			both := make(Values, len(below)+len(vals))
			maps.Copy(both, below)
			both.overlay(vals)
			out[k] = both
		}
	}
	return out
}

// noNilEntry reports whether every entry of m is a Values, even if empty.
func noNilEntry(m map[string]Values) bool {
	for _, v := range m {
		if v == nil {
			return false
		}
	}
	return true
}

// nonNil is v, or an empty Values for nil.
func nonNil(v Values) Values {
	if v == nil {
		return Values{}
	}
	return v
}
