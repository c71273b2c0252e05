// Package usage owns usage quantities: the numbers that usage-based costs
// (traffic, egress, requests, logs) need and that no resource input holds.
// They come either from a usage file (YAML, version 0.1, Infracost's layout)
// or from the workload model, and they are looked up per resource record.
package usage

import (
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
// its logical name's entry, overridden by its URN's entry.
func (u *Usage) For(r resource.Record) Values {
	out := Values{}
	if u == nil {
		return out
	}
	for k, v := range u.TypeDefaults[r.Type] {
		out[k] = v
	}
	for k, v := range u.Resources[r.Name] {
		out[k] = v
	}
	if r.URN != "" {
		for k, v := range u.Resources[r.URN] {
			out[k] = v
		}
	}
	return out
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
			for k, v := range vals {
				out.TypeDefaults[t][k] = v
			}
		}
		for n, vals := range src.Resources {
			if out.Resources[n] == nil {
				out.Resources[n] = Values{}
			}
			for k, v := range vals {
				out.Resources[n][k] = v
			}
		}
	}
	return out
}
