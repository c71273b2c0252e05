// Package scenario owns the what-if knobs: one table from which the CLI's
// --set, the TUI's knob list, the saved scenario and the docs all come, and
// the one way a scenario (an Overlay) is written into an environment
// profile, so a what-if on screen, a --set on the command line and a saved
// file that is loaded again all price the same infrastructure.
package scenario

import (
	"errors"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/agext/levenshtein"
	"github.com/tiercost/tiercost/components/spec"
	"github.com/tiercost/tiercost/costmodel/capacity"
	"github.com/tiercost/tiercost/costmodel/catalog"
	"github.com/tiercost/tiercost/costmodel/inputfile"
	"github.com/tiercost/tiercost/costmodel/money"
	"github.com/tiercost/tiercost/costmodel/uncertainty"
	"github.com/tiercost/tiercost/environments"
	"github.com/tiercost/tiercost/stacks"
)

// Overlay is one what-if scenario: a value, in its knob's canonical text,
// for each knob the scenario changes. A knob not in the map keeps the
// baseline's value; the empty overlay is the baseline itself.
type Overlay map[string]string

// Values are the effective value of every knob in one estimate, in the
// knobs' canonical text.
type Values map[string]string

// Clone returns a copy that can be changed without touching o.
func (o Overlay) Clone() Overlay {
	out := make(Overlay, len(o))
	for k, v := range o {
		out[k] = v
	}
	return out
}

// Names lists the knobs the overlay sets, in table order.
func (o Overlay) Names() []string {
	var out []string
	for _, k := range table() {
		if _, ok := o[k.Name]; ok {
			out = append(out, k.Name)
		}
	}
	return out
}

// String renders the overlay as --set arguments: "users=1000000 family=x86".
// It is written into one buffer (on the stack for a band's scenarios):
// every estimate with an overlay records it.
func (o Overlay) String() string {
	var buf [512]byte
	b := buf[:0]
	for _, k := range table() {
		v, ok := o[k.Name]
		if !ok {
			continue
		}
		if len(b) > 0 {
			b = append(b, ' ')
		}
		b = append(append(append(b, k.Name...), '='), v...)
	}
	return string(b)
}

// Set checks and stores one knob's value in its canonical text. A knob
// that stands for a workload assumption also takes a range, P10..P90 or
// P10..P50..P90 (see ParseRange).
func (o Overlay) Set(name, text string) error {
	k, err := Lookup(name)
	if err != nil {
		return err
	}
	if IsRange(text) {
		r, err := k.ParseRange(text)
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		o[name] = r.Text
		return nil
	}
	v, err := k.Parse(text)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	o[name] = v
	return nil
}

// KnobRange is a range written for a knob: its canonical text, the range
// spec it stands for, and the point value it sets (P50 of a three-part
// range; "" for P10..P90, which keeps the knob's value).
type KnobRange struct {
	Text       string
	Assumption uncertainty.Assumption
	Spec       uncertainty.Spec
	Point      string
}

// Fixed is the range text that holds an assumption at today's value:
// --set read_share=fixed.
const Fixed = "fixed"

// IsRange reports whether a knob's text is a range (or Fixed) rather
// than a value.
func IsRange(text string) bool {
	return strings.Contains(text, uncertainty.RangeSeparator) || strings.EqualFold(strings.TrimSpace(text), Fixed)
}

// ParseRange reads a range for a knob: "80000..130000" (P10..P90, P50
// stays today's value), "80000..100000..130000" (P10..P50..P90, the
// knob is set to the P50) or "fixed" (no range: today's value is
// known). Each end is read by the knob's own parser, so it is checked as
// --set KNOB=VALUE would check it.
func (k Knob) ParseRange(text string) (KnobRange, error) {
	a, ok := uncertainty.ByKnob(k.Name)
	if !ok {
		return KnobRange{}, fmt.Errorf("%q: ranges apply to the workload assumptions only; allowed: a value (%s), or a range on %s", text, k.Allowed(), strings.Join(RangeKnobs(), ", "))
	}
	if strings.EqualFold(strings.TrimSpace(text), Fixed) {
		return KnobRange{Text: Fixed, Assumption: a, Spec: uncertainty.Spec{Fixed: true, Source: "--set " + k.Name}}, nil
	}
	parts, isRange, err := uncertainty.SplitRange(text)
	if err != nil {
		return KnobRange{}, err
	}
	if !isRange {
		return KnobRange{}, fmt.Errorf("%s is not a range; allowed: P10..P90 or P10..P50..P90", inputfile.Excerpt(text))
	}
	vals := make([]string, len(parts))
	for i, part := range parts {
		if vals[i], err = k.Parse(part); err != nil {
			return KnobRange{}, err
		}
	}
	r := KnobRange{Text: strings.Join(vals, uncertainty.RangeSeparator), Assumption: a,
		Spec: uncertainty.Spec{P10: parseNum(vals[0]), P90: parseNum(vals[len(vals)-1]), Source: "--set " + k.Name}}
	if len(vals) == 3 {
		mid := parseNum(vals[1])
		r.Spec.P50, r.Point = &mid, vals[1]
	}
	if err := r.Spec.Check(a); err != nil {
		return KnobRange{}, fmt.Errorf("%s: %w", r.Text, err)
	}
	return r, nil
}

// RangeKnobs lists the knobs that take a range, in table order.
func RangeKnobs() []string {
	var out []string
	for _, k := range table() {
		if _, ok := uncertainty.ByKnob(k.Name); ok {
			out = append(out, k.Name)
		}
	}
	return out
}

// ParseSet reads "KNOB=VALUE" arguments (from --set) into an overlay.
func ParseSet(args []string) (Overlay, error) {
	o := Overlay{}
	for _, a := range args {
		name, text, ok := strings.Cut(a, "=")
		name = strings.TrimSpace(name)
		if !ok || name == "" {
			return nil, fmt.Errorf("%s is not KNOB=VALUE; knobs: %s", inputfile.Excerpt(a), strings.Join(names(), ", "))
		}
		if _, dup := o[name]; dup {
			return nil, fmt.Errorf("%s is set twice; give each knob once", name)
		}
		if err := o.Set(name, strings.TrimSpace(text)); err != nil {
			return nil, err
		}
	}
	return o, nil
}

// kind is how a knob's value is read and stepped.
type kind int

const (
	kindNumber kind = iota
	kindInteger
	kindChoice
	kindBool
)

// Knob is one what-if knob.
type Knob struct {
	// Name is the --set name and the key in overlays.
	Name string
	// Label is the TUI's short name.
	Label string
	// Help says what the knob changes, in which layer, and its unit.
	Help string
	// Files is true for knobs that also apply to stack exports and
	// previews (how capacity is bought, and the fallback region).
	Files bool
	// Pricing is true for knobs that change only how the estimate is
	// priced, never what is deployed.
	Pricing bool
	// Assumption marks the workload assumptions beyond the TUI's list:
	// --set (a value or a range) and the bands change them, and the TUI's
	// knob list leaves them out to stay short.
	Assumption bool

	kind     kind
	min, max float64
	choices  func() []string
	// parse replaces the kind's parsing when set.
	parse func(text string) (string, error)
	// step moves a number the TUI way (one key press).
	step func(v float64, dir int) float64
	// apply writes a canonical value into a profile that owns its maps.
	apply func(p *environments.Profile, v string) error
	// value reads the knob's effective value from a resolved estimate.
	value func(e Effective) string
	// display renders a canonical value for the TUI.
	display func(v string) string
}

// Effective is what a knob's current value is read from: the resolved
// profile, spec and workload of an estimate (Spec and Workload are zero
// for stack exports and previews).
type Effective struct {
	Profile  environments.Profile
	Spec     spec.Spec
	Workload spec.Workload
	// Program is false for stack exports and previews.
	Program bool
}

// Choices lists the values a choice knob accepts (nil for other knobs).
func (k Knob) Choices() []string {
	if k.choices == nil {
		return nil
	}
	return k.choices()
}

// Allowed says, for errors and help, what values the knob accepts.
func (k Knob) Allowed() string {
	switch k.kind {
	case kindChoice:
		return strings.Join(k.Choices(), ", ")
	case kindBool:
		return "true, false"
	case kindInteger:
		return fmt.Sprintf("a whole number from %s to %s", num(k.min), num(k.max))
	}
	return fmt.Sprintf("a number from %s to %s", num(k.min), num(k.max))
}

// Parse checks a value and returns its canonical text.
func (k Knob) Parse(text string) (string, error) {
	if k.parse != nil {
		return k.parse(text)
	}
	switch k.kind {
	case kindChoice:
		for _, c := range k.Choices() {
			if strings.EqualFold(c, text) {
				return c, nil
			}
		}
		return "", fmt.Errorf("%s is not allowed; allowed: %s", inputfile.Excerpt(text), k.Allowed())
	case kindBool:
		b, err := strconv.ParseBool(text)
		if err != nil {
			return "", fmt.Errorf("%s is not allowed; allowed: true, false", inputfile.Excerpt(text))
		}
		return strconv.FormatBool(b), nil
	}
	v, err := strconv.ParseFloat(strings.ReplaceAll(text, "_", ""), 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return "", fmt.Errorf("%s is not a number; allowed: %s", inputfile.Excerpt(text), k.Allowed())
	}
	if v < k.min || v > k.max || (k.kind == kindInteger && v != math.Trunc(v)) {
		return "", fmt.Errorf("%s is out of range; allowed: %s", num(v), k.Allowed())
	}
	// Text already canonical (a band writes its samples with num) is
	// returned as it is, rather than written anew.
	var buf [32]byte
	if string(strconv.AppendFloat(buf[:0], v, 'f', -1, 64)) == text {
		return text, nil
	}
	return num(v), nil
}

// Step returns the value one key press away from cur in direction dir
// (+1 or -1): the next grid point for numbers, the next choice (wrapping)
// for choices, the other value for booleans.
func (k Knob) Step(cur string, dir int) string {
	switch k.kind {
	case kindChoice:
		cs := k.Choices()
		if len(cs) == 0 {
			return cur
		}
		i := -1
		for j, c := range cs {
			if c == cur {
				i = j
			}
		}
		if i < 0 {
			return cs[0]
		}
		n := len(cs)
		return cs[((i+dir)%n+n)%n]
	case kindBool:
		if cur == "true" {
			return "false"
		}
		return "true"
	}
	v, _ := strconv.ParseFloat(cur, 64)
	next := v + float64(dir)
	if k.step != nil {
		next = k.step(v, dir)
	}
	return num(math.Min(math.Max(next, k.min), k.max))
}

// Display renders a canonical value for people.
func (k Knob) Display(v string) string {
	if k.display != nil {
		return k.display(v)
	}
	return v
}

// Value is the knob's effective value in an estimate.
func (k Knob) Value(e Effective) string { return k.value(e) }

// num writes a number plainly: 1000000, 0.85.
func num(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

func parseNum(v string) float64 {
	f, _ := strconv.ParseFloat(v, 64)
	return f
}

// Lookup finds a knob by name, with close matches on a typo.
func Lookup(name string) (Knob, error) {
	for _, k := range table() {
		if k.Name == name {
			return k, nil
		}
	}
	msg := fmt.Sprintf("%s is not a knob", inputfile.Excerpt(name))
	if m := closest(name, names()); m != "" {
		msg += "; did you mean " + m + "?"
	}
	return Knob{}, errors.New(msg + " knobs: " + strings.Join(names(), ", "))
}

func names() []string {
	var out []string
	for _, k := range table() {
		out = append(out, k.Name)
	}
	return out
}

// closest returns the name nearest to s by edit distance, if near enough.
func closest(s string, cands []string) string {
	best, bestD := "", 4
	for _, c := range cands {
		if d := levenshtein.Distance(s, c, nil); d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

// Apply writes an overlay into a profile and returns the scenario's
// profile: the baseline's every field, with the knobs' values in the
// fields they stand for. The knobs are applied in table order (users
// first, since it rescales the workload the others may then change); a
// users what-if then settles the tier (settleTier) from every knob's value.
func Apply(p environments.Profile, o Overlay) (environments.Profile, error) {
	out := p.Clone()
	usersSet := false
	for _, k := range table() {
		v, ok := o[k.Name]
		if !ok {
			continue
		}
		if IsRange(v) {
			r, err := k.ParseRange(v)
			if err != nil {
				return p, fmt.Errorf("%s: %w", k.Name, err)
			}
			if out.WorkloadRanges == nil {
				out.WorkloadRanges = map[string]uncertainty.Spec{}
			}
			out.WorkloadRanges[r.Assumption.Name] = r.Spec
			if r.Point == "" {
				continue
			}
			v = r.Point
		}
		cv, err := k.Parse(v)
		if err != nil {
			return p, fmt.Errorf("%s: %w", k.Name, err)
		}
		if err := k.apply(&out, cv); err != nil {
			return p, fmt.Errorf("%s: %w", k.Name, err)
		}
		usersSet = usersSet || k.Name == "users"
	}
	for name := range o {
		if _, err := Lookup(name); err != nil {
			return p, err
		}
	}
	if usersSet {
		if err := settleTier(&out); err != nil {
			return p, fmt.Errorf("users: %w", err)
		}
	}
	return out, nil
}

// CheckFiles refuses knobs that do not apply to stack exports and previews.
func CheckFiles(o Overlay) error {
	var bad []string
	for _, n := range o.Names() {
		if k, _ := Lookup(n); !k.Files {
			bad = append(bad, n)
		}
	}
	sort.Strings(bad)
	if len(bad) > 0 {
		var files []string
		for _, k := range table() {
			if k.Files {
				files = append(files, k.Name)
			}
		}
		return fmt.Errorf("%s: applies to --env and --tier only; knobs for stack exports and previews: %s",
			strings.Join(bad, ", "), strings.Join(files, ", "))
	}
	return nil
}

// CheckDeploy refuses knobs that change what is deployed: a deployment
// reads the environment file, so a what-if is deployed by saving it there
// first (tiercost scenario --output environments/<env>.yaml).
func CheckDeploy(o Overlay, env string) error {
	var bad []string
	for _, n := range o.Names() {
		k, _ := Lookup(n)
		if r, err := k.ParseRange(o[n]); err == nil && r.Point == "" {
			continue // P10..P90 only: what is deployed keeps today's value
		}
		if !k.Pricing {
			bad = append(bad, n+"="+o[n])
		}
	}
	if len(bad) == 0 {
		return nil
	}
	return fmt.Errorf("%s: changes what is deployed, and a deployment reads environments/%s.yaml only; save the what-if there first: tiercost scenario --env %s --set %s --output environments/%s.yaml",
		strings.Join(bad, ", "), env, env, strings.Join(bad, " --set "), env)
}

// Current reads every knob's effective value from an estimate.
func Current(e Effective) Values {
	out := Values{}
	for _, k := range table() {
		if e.Program || k.Files {
			out[k.Name] = k.value(e)
		}
	}
	return out
}

// parseRegion accepts any AWS region code here: an imported price list may
// price regions the embedded catalog does not, so whether the catalog in
// use prices it is checked where the catalog is known (engine.Estimate,
// with catalog.CheckRegion, the rule an environment file's region follows
// too).
func parseRegion(text string) (string, error) {
	r := strings.ToLower(strings.TrimSpace(text))
	if !catalog.IsRegionCode(r) {
		return "", fmt.Errorf("%s is not an AWS region code; allowed: codes like %s", inputfile.Excerpt(text), strings.Join(Regions(), ", "))
	}
	return r, nil
}

// Regions lists the regions the embedded price catalog knows.
func Regions() []string { return catalog.Default().PricedRegions() }

// Knobs lists the what-if knobs the TUI's knob list shows, in its order:
// the whole table but the workload assumptions that only --set, saved
// scenarios and the bands change (Knob.Assumption).
func Knobs() []Knob {
	var out []Knob
	for _, k := range table() {
		if !k.Assumption {
			out = append(out, k)
		}
	}
	return out
}

// All is the table of what-if knobs: --set, tiercost knobs, saved
// scenarios and the TUI (Knobs) all read it. The order is the order knobs
// are applied in (users first, since it rescales the workload the others
// may then change) and listed in. Callers get their own copy of the
// slice; the knobs themselves never change.
func All() []Knob { return append([]Knob(nil), table()...) }

// table builds the knob table once: every estimate applies an overlay
// through it, and a band applies one per sample.
var table = sync.OnceValue(buildTable)

func buildTable() []Knob {
	return []Knob{
		{Name: "users", Label: "users", kind: kindNumber, min: 1, max: 1e9,
			Help:  "monthly active users; the workload (traffic, working set, data) scales with them and the tier follows",
			step:  stepUsers,
			apply: applyUsers,
			value: func(e Effective) string { return num(e.Workload.MonthlyActiveUsers) },
			display: func(v string) string {
				return money.Users(parseNum(v))
			}},
		workloadKnob("peak_to_average", "peak factor", "peak-hour requests over the average", 1, 100,
			func(v float64, d int) float64 { return math.Round((v+0.5*float64(d))*10) / 10 },
			func(w spec.Workload) float64 { return w.PeakToAverage },
			func(v string) string { return v + "×" }),
		workloadKnob("cache_hit_ratio", "cache hit", "application cache hit ratio on reads, 0 to 1 (cache and database load)", 0, 1,
			stepRatio, func(w spec.Workload) float64 { return w.CacheHitRatio }, pct),
		workloadKnob("cdn_hit_ratio", "CDN hit", "CloudFront hit ratio on cacheable requests, 0 to 1 (CDN and origin load)", 0, 1,
			stepRatio, func(w spec.Workload) float64 { return w.CDNHitRatio }, pct),
		workloadKnob("avg_response_kb", "response KB", "mean response size in KB (egress and load balancer)", 0, 1e5,
			func(v float64, d int) float64 { return math.Max(1, stepGrid(v, 5, d)) },
			func(w spec.Workload) float64 { return w.AvgResponseKB },
			func(v string) string { return v + " KB" }),
		{Name: "family", Label: "family", kind: kindChoice, choices: func() []string { return spec.Families },
			Help: "compute only: the app servers' instance family (graviton or x86); the image architecture follows; database and cache keep their classes",
			apply: func(p *environments.Profile, v string) error {
				p.Sizing.Family = v
				return nil
			},
			value: func(e Effective) string { return spec.FamilyOfArch(e.Spec.Compute.Architecture) }},
		{Name: "db_replicas", Label: "DB replicas", kind: kindInteger, min: 0, max: 15,
			Help: "database read replicas per shard (overrides the sizing)",
			apply: func(p *environments.Profile, v string) error {
				return p.SetOverride("database.read_replicas", int(parseNum(v)))
			},
			value: func(e Effective) string { return strconv.Itoa(e.Spec.Database.ReadReplicas) }},
		{Name: "target_utilization", Label: "target CPU", kind: kindNumber, min: 0.2, max: 0.9,
			Help: "peak CPU share the app fleet and database are sized for, 0.2 to 0.9",
			step: func(v float64, d int) float64 { return math.Round((v+0.05*float64(d))*100) / 100 },
			apply: func(p *environments.Profile, v string) error {
				p.Sizing.TargetUtilization = parseNum(v)
				return nil
			},
			value: func(e Effective) string {
				if t := e.Profile.Sizing.TargetUtilization; t != 0 {
					return num(t)
				}
				return num(capacity.DefaultTargetUtilization)
			},
			display: pct},
		{Name: "region", Label: "region", kind: kindChoice, choices: Regions, Files: true, parse: parseRegion,
			Help: "AWS region (for stack exports: the region when the stack does not name one)",
			apply: func(p *environments.Profile, v string) error {
				p.Region = v
				return nil
			},
			value: func(e Effective) string { return e.Profile.Region }},
		{Name: "purchase", Pricing: true, Label: "purchase", kind: kindChoice, choices: catalog.PurchaseOptionNames, Files: true,
			Help: "how EC2, RDS and ElastiCache capacity is bought: on-demand or a reserved term",
			apply: func(p *environments.Profile, v string) error {
				p.Pricing.Purchase = v
				return nil
			},
			value: func(e Effective) string {
				if v := e.Profile.Pricing.Purchase; v != "" {
					return v
				}
				return catalog.OnDemandOption
			}},
		{Name: "savings_plan_coverage", Pricing: true, Label: "SP coverage", kind: kindNumber, min: 0, max: 100, Files: true,
			Help: "percent of compute covered by a Compute Savings Plan",
			step: func(v float64, d int) float64 { return stepGrid(v, 10, d) },
			apply: func(p *environments.Profile, v string) error {
				p.Pricing.SavingsPlanCoverage = parseNum(v)
				return nil
			},
			value:   func(e Effective) string { return num(e.Profile.Pricing.SavingsPlanCoverage) },
			display: func(v string) string { return v + "%" }},
		{Name: "free_tier", Pricing: true, Label: "free tier", kind: kindBool, Files: true,
			Help: "apply AWS's always-free allowances",
			apply: func(p *environments.Profile, v string) error {
				p.Pricing.FreeTier = v == "true"
				return nil
			},
			value: func(e Effective) string { return strconv.FormatBool(e.Profile.Pricing.FreeTier) }},
		{Name: "monthly_hours", Pricing: true, Label: "hours/month", kind: kindNumber, min: 0, max: money.MaxHoursPerMonth, Files: true,
			Help: "duty cycle: hours a month the app instances run (0 or 730 = always on)",
			step: func(v float64, d int) float64 {
				if v == 0 {
					v = 730
				}
				return math.Min(730, math.Max(73, stepGrid(v, 73, d)))
			},
			apply: func(p *environments.Profile, v string) error {
				p.Pricing.MonthlyHours = parseNum(v)
				return nil
			},
			value: func(e Effective) string {
				if h := e.Profile.Pricing.MonthlyHours; h != 0 {
					return num(h)
				}
				return "730"
			},
			display: func(v string) string { return v + " h" }},
		// The other workload assumptions, after the knobs people turn most;
		// each also takes a range (--set KNOB=P10..P90).
		assumptionKnob("daily_active_share", "daily active", "daily active users over monthly, 0.001 to 1 (traffic)", 0.001, 1,
			stepRatio, func(w spec.Workload) float64 { return w.DailyActiveShare }, pct),
		assumptionKnob("requests_per_user_per_day", "requests/user", "HTTP requests one daily active user makes a day (traffic)", 0.01, 1e5,
			func(v float64, d int) float64 { return math.Max(10, stepGrid(v, 10, d)) },
			func(w spec.Workload) float64 { return w.RequestsPerUserPerDay }, nil),
		assumptionKnob("edge_cacheable_share", "edge cacheable", "share of requests the CDN may cache, 0 to 1 (CDN and origin load)", 0, 1,
			stepRatio, func(w spec.Workload) float64 { return w.EdgeCacheableShare }, pct),
		assumptionKnob("db_queries_per_request", "DB queries/req", "database queries per origin request (database load)", 0, 1000,
			func(v float64, d int) float64 { return math.Max(0.5, stepGrid(v, 0.5, d)) },
			func(w spec.Workload) float64 { return w.DBQueriesPerRequest }, nil),
		assumptionKnob("read_share", "read share", "share of database queries that are reads, 0 to 1 (replicas and primary)", 0, 1,
			stepRatio, func(w spec.Workload) float64 { return w.ReadShare }, pct),
		assumptionKnob("hot_working_set_gb", "working set", "data that must stay in memory, in GB (cache and database memory); scales with users", 0, 1e6,
			func(v float64, d int) float64 { return math.Max(0.5, stepGrid(v, 0.5, d)) },
			func(w spec.Workload) float64 { return w.HotWorkingSetGB },
			func(v string) string { return v + " GB" }),
		assumptionKnob("data_per_user_mb", "data/user", "database data stored per monthly active user, in MB (storage)", 0, 1e6,
			func(v float64, d int) float64 { return math.Max(1, stepGrid(v, 1, d)) },
			func(w spec.Workload) float64 { return w.DataPerUserMB },
			func(v string) string { return v + " MB" }),
		assumptionKnob("monthly_growth", "data growth", "monthly user growth the database storage is sized for, 0 to 1 (0.05 = 5 % a month)", 0, 1,
			func(v float64, d int) float64 { return math.Max(0, math.Round((v+0.01*float64(d))*100)/100) },
			func(w spec.Workload) float64 { return w.MonthlyGrowth }, pct),
		{Name: "asg_running", Pricing: true, Assumption: true, Label: "ASG running", kind: kindNumber, min: -1, max: 1,
			Help: "the app fleet's average running instances: -1 = the ASG's min, 0 = its desired capacity, 1 = its max (priced as usage; what is deployed keeps min, desired and max)",
			step: func(v float64, d int) float64 { return math.Round((v+0.25*float64(d))*100) / 100 },
			apply: func(p *environments.Profile, v string) error {
				p.Pricing.ASGRunning = parseNum(v)
				return nil
			},
			value: func(e Effective) string { return num(e.Profile.Pricing.ASGRunning) }},
	}
}

// assumptionKnob is a workload knob the TUI's list leaves out.
func assumptionKnob(name, label, help string, lo, hi float64, step func(float64, int) float64,
	get func(spec.Workload) float64, display func(string) string) Knob {
	k := workloadKnob(name, label, help, lo, hi, step, get, display)
	k.Assumption = true
	return k
}

// workloadKnob is a knob that sets one workload field.
func workloadKnob(name, label, help string, lo, hi float64, step func(float64, int) float64,
	get func(spec.Workload) float64, display func(string) string) Knob {
	return Knob{Name: name, Label: label, Help: help + " (workload." + name + ")", kind: kindNumber, min: lo, max: hi,
		step: step, display: display,
		apply: func(p *environments.Profile, v string) error { return p.SetWorkload(name, parseNum(v)) },
		value: func(e Effective) string { return num(get(e.Workload)) }}
}

// applyUsers sets the profile's users. A working set the profile gives
// explicitly is scaled with them (the one scaling rule,
// capacity.ScaleWorkload); every field it does not give stays the tier's
// default, scaled to the users where the tier is settled (settleTier),
// so it follows the tier the what-if lands in.
func applyUsers(p *environments.Profile, v string) error {
	users := parseNum(v)
	m := make(map[string]any, len(p.Workload)+1) // p owns its maps
	for key, v := range p.Workload {
		m[key] = v
	}
	if _, explicit := p.Workload["hot_working_set_gb"]; explicit {
		w, err := stacks.Workload(*p)
		if err != nil {
			return err
		}
		m["hot_working_set_gb"] = capacity.ScaleWorkload(w, users).HotWorkingSetGB
	}
	m["monthly_active_users"] = users
	p.Workload = m
	return nil
}

// settleTier moves a users what-if's architecture up to the tier that
// carries it (capacity.TierFor: users leave a tier at its move point, the
// user count the next action names), judging each tier with the workload
// it resolves to there: the explicit fields (the environment file's and
// the what-if's) with that tier's defaults for the rest. It runs after
// every knob, so the tier depends on the explicit assumptions alone, not
// on the order they were set in. It never moves below the profile's own
// tier (the environment chose that architecture), so the baseline's users
// give the baseline's tier.
func settleTier(p *environments.Profile) error {
	at := func(tier string) (spec.Spec, spec.Workload, error) {
		q := *p
		q.Tier = tier
		w, err := stacks.Workload(q)
		if err != nil {
			return spec.Spec{}, w, err
		}
		s, err := spec.DefaultSpec(tier)
		if err != nil {
			return s, w, err
		}
		s.Region = p.Region
		s, err = p.ApplyOverrides(s)
		return s, w, err
	}
	opts := capacity.Options{Family: p.Sizing.Family, TargetUtilization: p.Sizing.TargetUtilization, Region: p.Region}
	tier, err := capacity.TierFor(p.Tier, at, opts)
	if err != nil {
		return err
	}
	p.Tier = tier
	return nil
}

// stepUsers moves to the next point of the quarter-decade grid
// (1,000 → 1,778 → 3,162 → 5,623 → 10,000), so a user starting off the
// grid lands on it and rounding never drifts. 0.01 of tolerance in 4·log10
// absorbs the rounding to whole users.
func stepUsers(u float64, dir int) float64 {
	if u < 1 {
		u = 100
	}
	e := 4 * math.Log10(u)
	var n float64
	if dir > 0 {
		n = math.Floor(e+0.01) + 1
	} else {
		n = math.Ceil(e-0.01) - 1
	}
	return math.Round(math.Pow(10, n/4))
}

// stepRatio moves a ratio by 5 points on the 5-point grid, at most 0.99.
func stepRatio(r float64, dir int) float64 {
	return math.Min(stepGrid(r*100, 5, dir)/100, 0.99)
}

// stepGrid moves v to the next multiple of g in direction dir.
func stepGrid(v, g float64, dir int) float64 {
	q := v / g
	if dir > 0 {
		return (math.Floor(q+1e-9) + 1) * g
	}
	return (math.Ceil(q-1e-9) - 1) * g
}

func pct(v string) string { return num(math.Round(parseNum(v)*1000)/10) + "%" }
