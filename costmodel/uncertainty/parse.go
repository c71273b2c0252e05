package uncertainty

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/tiercost/tiercost/costmodel/inputfile"
)

// RangeSeparator splits a range written on the command line:
// --set users=80000..130000 (P10..P90) or 80000..100000..130000
// (P10..P50..P90, which also sets the knob to the P50).
const RangeSeparator = ".."

// SplitRange splits "LO..HI" or "LO..MID..HI" into its parts; ok is false
// when text is not a range (holds no "..").
func SplitRange(text string) (parts []string, ok bool, err error) {
	if !strings.Contains(text, RangeSeparator) {
		return nil, false, nil
	}
	parts = strings.Split(text, RangeSeparator)
	for i := range parts {
		parts[i] = strings.TrimSpace(parts[i])
	}
	if (len(parts) != 2 && len(parts) != 3) || contains(parts, "") {
		return nil, true, fmt.Errorf("%s is not a range; allowed: P10..P90 or P10..P50..P90, like 80000..130000", inputfile.Excerpt(text))
	}
	return parts, true, nil
}

// specKeys are the keys a workload_ranges entry may hold.
var specKeys = []string{"distribution", "p10", "p50", "p90"}

// ParseSpecs reads an environment file's workload_ranges section, as the
// YAML reader gives it (a mapping of assumption names to a mapping of
// p10, p90, optional p50 and distribution, or to the word fixed). at
// names where a field is in the file ("environments/prod.yaml: line 12").
// The ranges are checked as far as they can be before today's values are
// known: names, numbers, order, bounds and distribution.
func ParseSpecs(raw map[string]any, at func(field string) string) (map[string]Spec, error) {
	out := map[string]Spec{}
	keys := make([]string, 0, len(raw))
	for k := range raw {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, name := range keys {
		field := "workload_ranges." + inputfile.Name(name)
		a, err := Lookup(name)
		if err != nil {
			return nil, fmt.Errorf("%s: %s: unknown assumption; allowed: %s", at(field), field, strings.Join(names(), ", "))
		}
		s := Spec{Source: at(field)}
		switch v := raw[name].(type) {
		case string:
			if strings.TrimSpace(strings.ToLower(v)) != "fixed" {
				return nil, fmt.Errorf("%s: %s: %s is not allowed; allowed: fixed, or a mapping of p10, p90 and optionally p50 and distribution", at(field), field, inputfile.Excerpt(v))
			}
			s.Fixed = true
		case map[string]any:
			if s, err = parseSpecMap(a, v, field, at); err != nil {
				return nil, err
			}
		default:
			return nil, fmt.Errorf("%s: %s: must be a mapping of p10, p90 and optionally p50 and distribution, or fixed", at(field), field)
		}
		out[name] = s
	}
	return out, nil
}

func parseSpecMap(a Assumption, m map[string]any, field string, at func(string) string) (Spec, error) {
	s := Spec{Source: at(field)}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if !contains(specKeys, k) {
			return s, fmt.Errorf("%s: %s.%s: unknown field; allowed: %s", at(field+"."+k), field, inputfile.Name(k), strings.Join(specKeys, ", "))
		}
	}
	num := func(k string) (float64, bool, error) {
		v, ok := m[k]
		if !ok {
			return 0, false, nil
		}
		var x float64
		switch n := v.(type) {
		case int:
			x = float64(n)
		case int64:
			x = float64(n)
		case float64:
			x = n
		default:
			return 0, true, fmt.Errorf("%s: %s.%s: must be a number", at(field+"."+k), field, k)
		}
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return 0, true, fmt.Errorf("%s: %s.%s: must be a finite number", at(field+"."+k), field, k)
		}
		return x, true, nil
	}
	var ok10, ok90 bool
	var err error
	if s.P10, ok10, err = num("p10"); err != nil {
		return s, err
	}
	if s.P90, ok90, err = num("p90"); err != nil {
		return s, err
	}
	if !ok10 || !ok90 {
		return s, fmt.Errorf("%s: %s: needs both p10 and p90 (p50 is today's value); allowed: a mapping of p10, p90 and optionally p50 and distribution, or fixed", at(field), field)
	}
	if p50, ok, err := num("p50"); err != nil {
		return s, err
	} else if ok {
		s.P50 = &p50
	}
	if d, ok := m["distribution"]; ok {
		ds, isStr := d.(string)
		ds = strings.ToLower(strings.TrimSpace(ds))
		if !isStr || !contains(Dists(), ds) {
			return s, fmt.Errorf("%s: %s.distribution: is not allowed; allowed: %s", at(field+".distribution"), field, strings.Join(Dists(), ", "))
		}
		s.Dist = Dist(ds)
	}
	if err := s.Check(a); err != nil {
		return s, fmt.Errorf("%s: %s: %v", at(field), field, err)
	}
	return s, nil
}

// Check reports what can be judged of a spec before today's value is
// known: P10 ≤ (P50 ≤) P90, the assumption's bounds, and P10 > 0 for a
// log-normal.
func (s Spec) Check(a Assumption) error {
	if s.Fixed {
		return nil
	}
	mid := s.P10
	if s.P50 != nil {
		mid = *s.P50
	}
	d := s.Dist
	if d == "" {
		d = a.Dist
	}
	r := Range{Dist: d, P10: s.P10, P50: mid, P90: s.P90}
	if s.P50 == nil && s.P10 > s.P90 {
		return fmt.Errorf("needs p10 (%s) <= p90 (%s)", Num(s.P10), Num(s.P90))
	}
	if s.P50 == nil {
		r.P50 = s.P10
	}
	if err := r.Check(); err != nil {
		return err
	}
	if d == LogNormal && s.P10 <= 0 && !(s.P10 == s.P90) {
		return fmt.Errorf("a lognormal range needs p10 greater than 0 (p10 is %s); allowed: distribution: triangular, or p10 > 0", Num(s.P10))
	}
	return a.CheckBounds(r)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
