// Package environments owns the environment profiles (dev, staging, prod):
// tier, region, budget, workload assumptions and spec overrides, read with
// viper from YAML files embedded in the binary. A file of the same name under
// <workDir>/environments/ replaces the embedded one. The region lives here
// and nowhere else.
package environments

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"sync"

	"github.com/shopspring/decimal"
	"github.com/spf13/viper"
	"gopkg.in/yaml.v3"

	"github.com/tiercost/tiercost/components/spec"
	"github.com/tiercost/tiercost/costmodel/inputfile"
	"github.com/tiercost/tiercost/costmodel/money"
	"github.com/tiercost/tiercost/costmodel/uncertainty"
)

//go:embed *.yaml
var embedded embed.FS

// Profile is one environment as read from its file, or a bare tier (see
// ForTier). A what-if scenario is a profile too: the baseline's profile
// with the scenario's knobs written into it (Marshal saves it).
type Profile struct {
	Name             string
	Tier             string
	Region           string
	BudgetMonthlyUSD decimal.Decimal
	// Workload holds overrides of spec.Workload fields, by yaml tag.
	Workload map[string]any
	// Sizing holds the capacity model's choices.
	Sizing Sizing
	// Pricing holds how capacity is bought; command-line settings win.
	Pricing Pricing
	// Overrides holds overrides of spec.Spec fields, by yaml tag, nested.
	Overrides map[string]any
	// WorkloadRanges holds the ranges the file (or a --set range) gives
	// the workload assumptions, by assumption name; an assumption without
	// one has its tier's default range (costmodel/uncertainty).
	WorkloadRanges map[string]uncertainty.Spec
	// Source names the file the profile came from, for error messages.
	Source string
	// Bare marks a bare tier: no environment file, no environment name in
	// the spec.
	Bare bool
	// lines maps each key's dotted path in the file ("overrides.database.
	// read_replicas") to its line, so errors say where; nil when the
	// profile was not read from a file.
	lines map[string]int
}

// Sizing holds the capacity model's choices an environment may make.
type Sizing struct {
	// Family is the compute family, graviton or x86; "" keeps the tier's
	// (graviton). The image architecture follows it.
	Family string `yaml:"family"`
	// TargetUtilization is the peak CPU share sized for; 0 means 0.55.
	TargetUtilization float64 `yaml:"target_utilization"`
}

// Pricing holds how an environment buys capacity. The option names belong
// to the price catalog, which checks them when the estimate prices.
type Pricing struct {
	// Purchase is a purchase option such as reserved-1yr-no-upfront; ""
	// means on-demand.
	Purchase string `yaml:"purchase"`
	// SavingsPlanCoverage is the percent of compute a Savings Plan covers.
	SavingsPlanCoverage float64 `yaml:"savings_plan_coverage"`
	// FreeTier applies AWS's free-tier allowances.
	FreeTier bool `yaml:"free_tier"`
	// MonthlyHours is the duty cycle of the app instances; 0 means 730.
	MonthlyHours float64 `yaml:"monthly_hours"`
	// ASGRunning places the app fleet's average running instances between
	// the ASG's min (-1), desired capacity (0, the default) and max (1).
	ASGRunning float64 `yaml:"asg_running"`
}

// topLevelKeys are the only keys a profile file may hold.
var topLevelKeys = []string{"budget_monthly_usd", "name", "overrides", "pricing", "region", "sizing", "tier", "workload", "workload_ranges"}

// ForTier returns the profile of a bare tier: its name, its architecture's
// default region, no overrides.
func ForTier(tier string) (Profile, error) {
	s, err := spec.DefaultSpec(tier)
	if err != nil {
		return Profile{}, err
	}
	return Profile{Name: tier, Tier: tier, Region: s.Region, Workload: map[string]any{}, Overrides: map[string]any{},
		Source: "tier " + tier, Bare: true}, nil
}

// order puts the usual environments first, smallest first.
var order = map[string]int{"dev": 0, "staging": 1, "prod": 2}

// Names lists the embedded environments: dev, staging, prod, then any
// others alphabetically.
func Names() []string {
	entries, _ := fs.ReadDir(embedded, ".")
	var names []string
	for _, e := range entries {
		if n, ok := strings.CutSuffix(e.Name(), ".yaml"); ok {
			names = append(names, n)
		}
	}
	sort.Slice(names, func(i, j int) bool {
		ri, iok := order[names[i]]
		rj, jok := order[names[j]]
		switch {
		case iok && jok:
			return ri < rj
		case iok != jok:
			return iok
		}
		return names[i] < names[j]
	})
	return names
}

// Load reads environment name: <workDir>/environments/<name>.yaml when it
// exists (workDir may be ""), else the embedded file.
func Load(name, workDir string) (Profile, error) {
	if name == "" || strings.ContainsAny(name, `/\.`) {
		return Profile{}, fmt.Errorf("environment %s is not a valid name; allowed: %s", inputfile.Excerpt(name), strings.Join(Names(), ", "))
	}
	file := name + ".yaml"
	if workDir != "" {
		path := filepath.Join(workDir, "environments", file)
		// A missing file falls back to the embedded one; anything else
		// there (a folder, a FIFO, a file over the cap) is an error.
		if _, err := os.Lstat(path); !errors.Is(err, fs.ErrNotExist) {
			b, err := inputfile.ReadAll(path, inputfile.Environment)
			if err != nil {
				return Profile{}, fmt.Errorf("environment %s: %w", name, err)
			}
			return Parse(path, name, b)
		}
	}
	return loadEmbedded(name)
}

// UnknownError is an environment that is neither embedded nor a file in
// the working folder's environments/; the CLI names its flag and the
// close names.
type UnknownError struct{ Name string }

func (e *UnknownError) Error() string {
	return fmt.Sprintf("environment %s is unknown; allowed: %s", inputfile.Excerpt(e.Name), strings.Join(Names(), ", "))
}

// embeddedProfiles memoises the parsed embedded files: they never change in
// a run, and every estimate of an environment loads one. Callers get a
// clone, so changing its maps never reaches the memo.
var embeddedProfiles sync.Map // name -> Profile

func loadEmbedded(name string) (Profile, error) {
	if p, ok := embeddedProfiles.Load(name); ok {
		return p.(Profile).Clone(), nil
	}
	file := name + ".yaml"
	b, err := embedded.ReadFile(file)
	if err != nil {
		return Profile{}, &UnknownError{Name: name}
	}
	p, err := Parse("environments/"+file+" (embedded)", name, b)
	if err != nil {
		return Profile{}, err
	}
	embeddedProfiles.Store(name, p.Clone())
	return p, nil
}

// Parse reads one profile file. source names the file in errors; name is
// the environment the file must describe ("" accepts the file's own name).
// The file must be one YAML document with each key once; since viper
// lower-cases keys, keys that differ only in case (tier and Tier) are
// refused too, naming the line, rather than one silently winning.
func Parse(source, name string, data []byte) (Profile, error) {
	data = inputfile.StripBOM(data)
	root, err := inputfile.YAML(source, data, inputfile.YAMLOptions{CaseInsensitive: true})
	if err != nil {
		return Profile{}, err
	}
	if root != nil && root.Kind != yaml.MappingNode {
		return Profile{}, fmt.Errorf("%s: line %d: (top level): got %s; allowed: a mapping of %s", source, root.Line, inputfile.NodeWords(root), strings.Join(topLevelKeys, ", "))
	}
	// Keys are checked on the file as written: viper drops keys without a
	// value and lower-cases the rest.
	for i := 0; root != nil && i+1 < len(root.Content); i += 2 {
		if k := root.Content[i]; !contains(topLevelKeys, k.Value) {
			return Profile{}, fmt.Errorf("%s: line %d: %s: unknown field; allowed: %s", source, k.Line, inputfile.Name(k.Value), strings.Join(topLevelKeys, ", "))
		}
	}
	v := viper.New()
	v.SetConfigType("yaml")
	if err := v.ReadConfig(bytes.NewReader(data)); err != nil {
		return Profile{}, fmt.Errorf("%s: not valid YAML: %s", source, inputfile.Sanitize(err.Error()))
	}
	all := v.AllSettings()
	keys := sortedKeys(all)
	for _, k := range keys {
		if !contains(topLevelKeys, k) {
			return Profile{}, fmt.Errorf("%s: %s: unknown field; allowed: %s", source, inputfile.Name(k), strings.Join(topLevelKeys, ", "))
		}
	}
	p := Profile{Source: source, lines: keyLines(root, "", map[string]int{})}
	if p.Name, err = str(all, "name", p.at("name")); err != nil {
		return Profile{}, err
	}
	if p.Tier, err = str(all, "tier", p.at("tier")); err != nil {
		return Profile{}, err
	}
	if p.Region, err = str(all, "region", p.at("region")); err != nil {
		return Profile{}, err
	}
	switch {
	case p.Name == "" && name == "":
		return Profile{}, fmt.Errorf("%s: name: must not be empty", source)
	case p.Name == "":
		p.Name = name
	case name != "" && p.Name != name:
		return Profile{}, fmt.Errorf("%s: name: is %s but the file is for environment %s", source, inputfile.Excerpt(p.Name), inputfile.Excerpt(name))
	}
	// Tier names carry no case: 10K is 10k.
	if p.Tier, err = spec.ParseTier(p.Tier); err != nil {
		return Profile{}, fmt.Errorf("%s: tier: %w", p.at("tier"), err)
	}
	if p.Region == "" {
		return Profile{}, fmt.Errorf("%s: region: must not be empty (for example us-east-1)", source)
	}
	if p.BudgetMonthlyUSD, err = budget(all["budget_monthly_usd"], p.at("budget_monthly_usd")); err != nil {
		return Profile{}, err
	}
	if p.Workload, err = section(all, "workload", source); err != nil {
		return Profile{}, err
	}
	if p.Overrides, err = section(all, "overrides", source); err != nil {
		return Profile{}, err
	}
	ranges, err := section(all, "workload_ranges", source)
	if err != nil {
		return Profile{}, err
	}
	if p.WorkloadRanges, err = uncertainty.ParseSpecs(ranges, p.at); err != nil {
		return Profile{}, err
	}
	for key, dst := range map[string]any{"sizing": &p.Sizing, "pricing": &p.Pricing} {
		m, err := section(all, key, source)
		if err != nil {
			return Profile{}, err
		}
		if err := apply(reflect.ValueOf(dst).Elem(), m, key, p.at); err != nil {
			return Profile{}, err
		}
	}
	if err := p.checkChoices(); err != nil {
		return Profile{}, err
	}
	// Check every key now, so a typo fails at load and not at deploy.
	if _, err := p.ApplyWorkload(spec.Workload{}); err != nil {
		return Profile{}, err
	}
	if _, err := p.ApplyOverrides(spec.Spec{}); err != nil {
		return Profile{}, err
	}
	return p, nil
}

// checkChoices validates the sizing and pricing values this package can
// judge; the purchase option is checked by the price catalog.
func (p Profile) checkChoices() error {
	if f := p.Sizing.Family; f != "" {
		if _, err := spec.ArchOfFamily(f); err != nil {
			return fmt.Errorf("%s: sizing.family: %v", p.at("sizing.family"), err)
		}
	}
	if t := p.Sizing.TargetUtilization; t != 0 && !(t >= 0.2 && t <= 0.9) {
		return fmt.Errorf("%s: sizing.target_utilization: is %v; allowed: 0.2 to 0.9", p.at("sizing.target_utilization"), t)
	}
	if c := p.Pricing.SavingsPlanCoverage; !(c >= 0 && c <= 100) {
		return fmt.Errorf("%s: pricing.savings_plan_coverage: is %v; allowed: 0 to 100 (percent)", p.at("pricing.savings_plan_coverage"), c)
	}
	if h := p.Pricing.MonthlyHours; !(h >= 0 && h <= money.MaxHoursPerMonth) {
		return fmt.Errorf("%s: pricing.monthly_hours: is %v; allowed: 0 (= 730) to %d", p.at("pricing.monthly_hours"), h, money.MaxHoursPerMonth)
	}
	if r := p.Pricing.ASGRunning; !(r >= -1 && r <= 1) {
		return fmt.Errorf("%s: pricing.asg_running: is %v; allowed: -1 (the ASG's min) to 1 (its max), 0 = desired capacity", p.at("pricing.asg_running"), r)
	}
	return nil
}

// At is where a field is in the profile's file, for messages about it
// made outside this package (a workload range checked against today's
// value): "environments/prod.yaml: line 12", or the source alone.
func (p Profile) At(field string) string { return p.at(field) }

// at is where a field is in the profile's file: "environments/prod.yaml:
// line 12", or the source alone when the field is not in the file (a
// what-if knob, an embedded default).
func (p Profile) at(field string) string {
	if n, ok := p.lines[strings.ToLower(field)]; ok {
		return fmt.Sprintf("%s: line %d", p.Source, n)
	}
	return p.Source
}

// keyLines records the line of every mapping key under n by its dotted
// path, lower-cased as viper reads keys.
func keyLines(n *yaml.Node, path string, out map[string]int) map[string]int {
	if n == nil || n.Kind != yaml.MappingNode {
		return out
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := strings.ToLower(n.Content[i].Value)
		if path != "" {
			k = path + "." + k
		}
		out[k] = n.Content[i].Line
		keyLines(n.Content[i+1], k, out)
	}
	return out
}

// SpecError places a spec.Validate error in the profile's file: a problem
// with a field the profile overrides is named overrides.<field> with its
// line, so the user finds what they wrote. All problems share one line.
func (p Profile) SpecError(err error) error {
	errs := []error{err}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		errs = j.Unwrap()
	}
	msgs := make([]string, 0, len(errs))
	for _, e := range errs {
		field, problem, ok := strings.Cut(e.Error(), ": ")
		if ok && p.overrides(field) {
			msgs = append(msgs, fmt.Sprintf("%s: overrides.%s: %s", p.at("overrides."+field), field, problem))
			continue
		}
		msgs = append(msgs, p.Source+": "+e.Error())
	}
	return errors.New(strings.Join(msgs, "; "))
}

// overrides reports whether the profile overrides a dotted spec field.
func (p Profile) overrides(field string) bool {
	m := p.Overrides
	parts := strings.Split(field, ".")
	for i, k := range parts {
		v, ok := m[k]
		if !ok {
			return false
		}
		if i == len(parts)-1 {
			return true
		}
		if m, ok = v.(map[string]any); !ok {
			return false
		}
	}
	return false
}

// Clone returns a copy whose maps can be changed without touching p.
func (p Profile) Clone() Profile {
	p.Workload = cloneMap(p.Workload)
	p.Overrides = cloneMap(p.Overrides)
	ranges := make(map[string]uncertainty.Spec, len(p.WorkloadRanges))
	for k, v := range p.WorkloadRanges {
		ranges[k] = v
	}
	p.WorkloadRanges = ranges
	return p
}

func cloneMap(m map[string]any) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		if sub, ok := v.(map[string]any); ok {
			v = cloneMap(sub)
		}
		out[k] = v
	}
	return out
}

// SetOverride sets one spec override by its dotted YAML path, for example
// "database.read_replicas", after checking that the path and value fit
// spec.Spec. p must own its maps (see Clone).
func (p *Profile) SetOverride(path string, v any) error {
	parts := strings.Split(path, ".")
	m := p.Overrides
	for _, k := range parts[:len(parts)-1] {
		sub, ok := m[k].(map[string]any)
		if !ok {
			sub = map[string]any{}
			m[k] = sub
		}
		m = sub
	}
	m[parts[len(parts)-1]] = v
	_, err := p.ApplyOverrides(spec.Spec{})
	return err
}

var workloadType = reflect.TypeFor[spec.Workload]()

// SetWorkload sets one workload field by its YAML tag. p must own its maps
// (see Clone).
func (p *Profile) SetWorkload(key string, v float64) error {
	// Only the new key is checked: the others were when they were set. A
	// number field takes a number that fits (as set checks) without a
	// workload built through reflect; anything else goes that way, for its
	// error.
	fields := fieldsOf(workloadType)
	if i, ok := fields.index[key]; ok && fields.kinds[i] == reflect.Float64 && floatFits(v) {
		p.Workload[key] = v
		return nil
	}
	var w spec.Workload
	dst := reflect.ValueOf(&w).Elem()
	if err := applyKey(dst, fields, key, v, "workload", p.at); err != nil {
		return err
	}
	p.Workload[key] = v
	return nil
}

// Validate checks what Parse checks, for a profile built or changed in code.
func (p Profile) Validate() error {
	if _, err := spec.TierUsers(p.Tier); err != nil {
		return fmt.Errorf("%s: tier: %w", p.Source, err)
	}
	if _, err := p.ApplyWorkload(spec.Workload{}); err != nil {
		return err
	}
	if _, err := p.ApplyOverrides(spec.Spec{}); err != nil {
		return err
	}
	for _, name := range sortedKeys(p.WorkloadRanges) {
		a, err := uncertainty.Lookup(name)
		if err != nil {
			return fmt.Errorf("%s: workload_ranges.%s: %v", p.Source, inputfile.Name(name), err)
		}
		if err := p.WorkloadRanges[name].Check(a); err != nil {
			return fmt.Errorf("%s: workload_ranges.%s: %v", p.Source, inputfile.Name(name), err)
		}
	}
	return p.checkChoices()
}

// ApplyOverrides returns s with the profile's overrides applied.
func (p Profile) ApplyOverrides(s spec.Spec) (spec.Spec, error) {
	// Identity fields have their own top-level keys, so each fact is
	// written once.
	for _, k := range []string{"environment", "name", "region", "tier"} {
		if _, ok := p.Overrides[k]; ok {
			return s, fmt.Errorf("%s: overrides.%s: not overridable; set the top-level field instead", p.Source, k)
		}
	}
	err := apply(reflect.ValueOf(&s).Elem(), p.Overrides, "overrides", p.at)
	return s, err
}

// ApplyWorkload returns w with the profile's workload overrides applied.
func (p Profile) ApplyWorkload(w spec.Workload) (spec.Workload, error) {
	err := apply(reflect.ValueOf(&w).Elem(), p.Workload, "workload", p.at)
	return w, err
}

func budget(v any, source string) (decimal.Decimal, error) {
	const field = "budget_monthly_usd"
	var d decimal.Decimal
	switch b := v.(type) {
	case nil:
		return decimal.Zero, nil
	case string:
		var err error
		if d, err = decimal.NewFromString(strings.TrimSpace(b)); err != nil {
			return d, fmt.Errorf("%s: %s: %s is not a decimal amount (for example \"250.00\")", source, field, inputfile.Excerpt(b))
		}
	case int:
		d = decimal.NewFromInt(int64(b))
	case int64:
		d = decimal.NewFromInt(b)
	default:
		return d, fmt.Errorf("%s: %s: write the amount as a quoted decimal string (for example \"250.00\"), got %s", source, field, valueWords(v))
	}
	if d.IsNegative() {
		return d, fmt.Errorf("%s: %s: is %s; must not be negative", source, field, d)
	}
	if d.GreaterThan(MaxBudget) {
		return d, fmt.Errorf("%s: %s: %s is above the bound; allowed: 0 to 1000000000 US dollars a month", source, field, inputfile.Excerpt(d.String()))
	}
	return d, nil
}

func str(m map[string]any, key, source string) (string, error) {
	switch v := m[key].(type) {
	case nil:
		return "", nil
	case string:
		return strings.TrimSpace(v), nil
	default:
		return "", fmt.Errorf("%s: %s: must be a string, got %s", source, key, valueWords(v))
	}
}

func section(m map[string]any, key, source string) (map[string]any, error) {
	switch v := m[key].(type) {
	case nil:
		return map[string]any{}, nil
	case map[string]any:
		return v, nil
	default:
		return nil, fmt.Errorf("%s: %s: must be a mapping of field names to values", source, key)
	}
}

// apply sets dst's fields from m, matching keys to yaml tags. Every key must
// name a field, and every value must fit the field's type. Keys are applied
// in sorted order, so the first problem reported is always the same one.
func apply(dst reflect.Value, m map[string]any, path string, at func(field string) string) error {
	if len(m) == 0 {
		return nil
	}
	fields := fieldsOf(dst.Type())
	var buf [16]string
	keys := buf[:0]
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if err := applyKey(dst, fields, k, m[k], path, at); err != nil {
			return err
		}
	}
	return nil
}

// applyKey sets the field of dst whose yaml tag is k.
func applyKey(dst reflect.Value, fields *yamlFields, k string, v any, path string, at func(field string) string) error {
	i, ok := fields.index[k]
	if !ok {
		return fmt.Errorf("%s: %s: unknown field; allowed: %s", at(path+"."+k), path+"."+inputfile.Name(k), fields.allowed)
	}
	return set(dst.Field(i), v, path, k, at)
}

// yamlFields is a struct type's fields by yaml tag, their kinds by field
// index, and the tags listed for errors.
type yamlFields struct {
	index   map[string]int
	kinds   []reflect.Kind
	allowed string
}

// fieldMaps memoises yamlFields by type: every scenario of a band applies
// its workload and overrides through them.
var fieldMaps sync.Map // reflect.Type -> *yamlFields

func fieldsOf(t reflect.Type) *yamlFields {
	if f, ok := fieldMaps.Load(t); ok {
		return f.(*yamlFields)
	}
	f := &yamlFields{index: map[string]int{}, kinds: make([]reflect.Kind, t.NumField())}
	for i := 0; i < t.NumField(); i++ {
		f.kinds[i] = t.Field(i).Type.Kind()
		tag, _, _ := strings.Cut(t.Field(i).Tag.Get("yaml"), ",")
		if tag != "" && tag != "-" {
			f.index[tag] = i
		}
	}
	f.allowed = strings.Join(sortedKeys(f.index), ", ")
	fieldMaps.Store(t, f)
	return f
}

// set stores v in f, the field of tag k under path. The field's dotted
// name (path.k) and where it is in the file (at) are worked out only for
// an error or a nested mapping: every scenario of a band sets each
// workload field.
func set(f reflect.Value, v any, path, k string, at func(field string) string) error {
	field := func() string { return path + "." + k }
	bad := func(want string) error {
		return fmt.Errorf("%s: %s: must be %s, got %s", at(field()), field(), want, valueWords(v))
	}
	tooBig := func() error {
		return fmt.Errorf("%s: %s: %s is above the bound; allowed: numbers up to 10^12 in size", at(field()), field(), valueWords(v))
	}
	switch f.Kind() {
	case reflect.Struct:
		m, ok := v.(map[string]any)
		if !ok {
			return bad("a mapping")
		}
		return apply(f, m, field(), at)
	case reflect.String:
		s, ok := v.(string)
		if !ok {
			return bad("a string (quote it)")
		}
		f.SetString(s)
	case reflect.Bool:
		b, ok := v.(bool)
		if !ok {
			return bad("true or false")
		}
		f.SetBool(b)
	case reflect.Int, reflect.Int64, reflect.Int32:
		var i int64
		switch n := v.(type) {
		case int:
			i = int64(n)
		case int64:
			i = n
		case float64:
			if math.Abs(n) > maxNumber {
				return tooBig()
			}
			if n != float64(int64(n)) {
				return bad("a whole number")
			}
			i = int64(n)
		default:
			return bad("a whole number")
		}
		if i > maxNumber || i < -maxNumber {
			return tooBig()
		}
		f.SetInt(i)
	case reflect.Float64:
		var x float64
		switch n := v.(type) {
		case int:
			x = float64(n)
		case int64:
			x = float64(n)
		case float64:
			x = n
		default:
			return bad("a number")
		}
		if !floatFits(x) {
			return tooBig()
		}
		f.SetFloat(x)
	default:
		return fmt.Errorf("%s: %s: cannot be overridden", at(field()), field())
	}
	return nil
}

// floatFits reports whether a number fits a float field: not NaN, within
// the bound.
func floatFits(x float64) bool { return !math.IsNaN(x) && math.Abs(x) <= maxNumber }

// Bounds: a monthly budget as the command line's --budget allows, and any
// count, size or rate in workload or overrides (users, requests a second,
// gigabytes, instances) up to 10^12, far beyond any real plan.
var MaxBudget = decimal.NewFromInt(1_000_000_000)

const maxNumber = 1e12

// valueWords shows a value from the file in a message: numbers and
// booleans as written, anything else as a short sanitised excerpt.
func valueWords(v any) string {
	switch t := v.(type) {
	case nil:
		return "no value"
	case bool, int, int64, float64:
		return fmt.Sprint(t)
	case string:
		return inputfile.Excerpt(t)
	case map[string]any:
		return "a mapping"
	case []any:
		return "a list"
	}
	return "a value of another kind"
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
