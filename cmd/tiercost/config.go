package main

import (
	"errors"
	"fmt"
	"math"
	"os"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"
	"github.com/spf13/cobra"
	"github.com/tiercost/tiercost/costmodel/catalog"
	"github.com/tiercost/tiercost/costmodel/money"
	"gopkg.in/yaml.v3"

	"github.com/tiercost/tiercost/costmodel/inputfile"
)

// ConfigFileName is looked up in the working folder, then in the user
// config folder under tiercost/.
const ConfigFileName = "tiercost.yaml"

// FileConfig is the tiercost.yaml layout. Keys are the long flag names, so
// one name works as a flag (--monthly-hours), an environment variable
// (TIERCOST_MONTHLY_HOURS) and a config key (monthly-hours:).
type FileConfig struct {
	Catalog             string      `yaml:"catalog"`
	Region              string      `yaml:"region"`
	Usage               string      `yaml:"usage"`
	Purchase            string      `yaml:"purchase"`
	SavingsPlanCoverage *float64    `yaml:"savings-plan-coverage"`
	FreeTier            *bool       `yaml:"free-tier"`
	MonthlyHours        *float64    `yaml:"monthly-hours"`
	ShowProvenance      *bool       `yaml:"show-provenance"`
	ShowFree            *bool       `yaml:"show-free"`
	Wide                *bool       `yaml:"wide"`
	Env                 string      `yaml:"env"`
	Budget              *yamlAmount `yaml:"budget"`
	Format              string      `yaml:"format"`
	Quiet               *bool       `yaml:"quiet"`
	NoColor             *bool       `yaml:"no-color"`
}

// fileKeys lists the keys FileConfig accepts, for error messages.
func fileKeys() []string {
	return []string{"budget", "catalog", "env", "format", "free-tier", "monthly-hours", "no-color", "purchase",
		"quiet", "region", "savings-plan-coverage", "show-free", "show-provenance", "usage", "wide"}
}

// yamlAmount is a money amount read from its YAML text, never via float.
type yamlAmount struct{ decimal.Decimal }

func (a *yamlAmount) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.ScalarNode {
		return fmt.Errorf("line %d: must be a number of US dollars", n.Line)
	}
	d, err := decimal.NewFromString(strings.TrimPrefix(n.Value, "$"))
	if err != nil {
		return fmt.Errorf("line %d: %s is not a number of US dollars", n.Line, inputfile.Excerpt(n.Value))
	}
	a.Decimal = d
	return nil
}

// readConfigFile reads a config file: a regular file within the config
// size cap (see package inputfile), BOM stripped.
func readConfigFile(path string) ([]byte, error) {
	return inputfile.ReadAll(path, inputfile.Config)
}

// applyInputLimits sets the input size caps from --max-input-size, else
// TIERCOST_MAX_INPUT_SIZE; every run starts from the documented defaults.
func applyInputLimits(cmd *cobra.Command) error {
	inputfile.ResetLimits()
	spec, src := "", "--max-input-size"
	if f := cmd.Flags().Lookup("max-input-size"); f != nil && f.Changed {
		spec = f.Value.String()
	} else if e, ok := os.LookupEnv("TIERCOST_MAX_INPUT_SIZE"); ok {
		spec, src = e, "TIERCOST_MAX_INPUT_SIZE"
	}
	limits, err := inputfile.ParseLimits(spec)
	if err != nil {
		return fmt.Errorf("%s: %v", src, err)
	}
	for k, n := range limits {
		inputfile.SetLimit(k, n)
	}
	return nil
}

// inputKinds lists the --max-input-size kinds for the flag's help.
func inputKinds() string {
	var names []string
	for _, k := range inputfile.Kinds() {
		names = append(names, k.Name())
	}
	return strings.Join(names, ", ")
}

// ParseConfigFile reads and validates a tiercost.yaml. Errors name the
// file, the line, the field and what is allowed. The file must be one
// YAML document with each key once; since viper lower-cases keys, keys
// that differ only in case are refused too.
func ParseConfigFile(name string, data []byte) (FileConfig, error) {
	var fc FileConfig
	root, err := inputfile.YAML(name, data, inputfile.YAMLOptions{CaseInsensitive: true})
	if err != nil || root == nil {
		return fc, err
	}
	allowed := "a mapping of " + strings.Join(fileKeys(), ", ")
	if root.Kind != yaml.MappingNode {
		return fc, fmt.Errorf("%s: line %d: (top level): got %s; allowed: %s", name, root.Line, inputfile.NodeWords(root), allowed)
	}
	fields := map[string]struct {
		dst  any
		want string
	}{
		"catalog": {&fc.Catalog, "a file path"}, "region": {&fc.Region, "an AWS region code like us-east-1"},
		"usage": {&fc.Usage, "a file path"}, "purchase": {&fc.Purchase, "a purchase option such as on-demand"},
		"savings-plan-coverage": {&fc.SavingsPlanCoverage, "a number from 0 to 100"}, "free-tier": {&fc.FreeTier, "true or false"},
		"monthly-hours": {&fc.MonthlyHours, "a number of hours from 0 to 744"}, "show-provenance": {&fc.ShowProvenance, "true or false"},
		"env": {&fc.Env, "an environment name"}, "budget": {&fc.Budget, "a number of US dollars"},
		"format": {&fc.Format, "an output format name"}, "quiet": {&fc.Quiet, "true or false"},
		"no-color": {&fc.NoColor, "true or false"}, "show-free": {&fc.ShowFree, "true or false"},
		"wide": {&fc.Wide, "true or false"},
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		f, ok := fields[k.Value]
		if !ok {
			return fc, fmt.Errorf("%s: line %d: %s: unknown field; allowed: %s", name, k.Line, inputfile.Name(k.Value), strings.Join(fileKeys(), ", "))
		}
		if v.Kind == yaml.AliasNode && v.Alias != nil {
			v = v.Alias
		}
		if v.Kind != yaml.ScalarNode {
			return fc, fmt.Errorf("%s: line %d: %s: got %s; allowed: %s", name, v.Line, k.Value, inputfile.NodeWords(v), f.want)
		}
		if err := v.Decode(f.dst); err != nil {
			return fc, fmt.Errorf("%s: line %d: %s: got %s; allowed: %s", name, v.Line, k.Value, inputfile.NodeWords(v), f.want)
		}
	}
	var errs []error
	bad := func(field, problem string) { errs = append(errs, fmt.Errorf("%s: %s: %s", name, field, problem)) }
	if fc.Region != "" {
		// Case carries no meaning in a region code; the message quotes
		// the file as written.
		if checkRegionSyntax(strings.ToLower(fc.Region)) != nil {
			bad("region", checkRegionSyntax(fc.Region).Error())
		}
	}
	if fc.Purchase != "" {
		if err := checkPurchase(fc.Purchase); err != nil {
			bad("purchase", err.Error())
		}
	}
	if fc.SavingsPlanCoverage != nil {
		if err := checkPercent(*fc.SavingsPlanCoverage); err != nil {
			bad("savings-plan-coverage", err.Error())
		}
	}
	if fc.MonthlyHours != nil {
		if err := checkMonthlyHours(*fc.MonthlyHours); err != nil {
			bad("monthly-hours", err.Error())
		}
	}
	if fc.Budget != nil {
		if err := checkBudget(fc.Budget.Decimal); err != nil {
			bad("budget", err.Error())
		}
	}
	if fc.Env != "" {
		if err := checkEnvName(fc.Env); err != nil {
			bad("env", err.Error())
		}
	}
	return fc, errors.Join(errs...)
}

// Config is the typed, merged configuration a command works with: flag >
// environment > config file > default, already validated.
type Config struct {
	// File is the config file that was read, "" when none.
	File                string
	Catalog             string
	Region              string
	Usage               string
	Purchase            string
	SavingsPlanCoverage float64
	FreeTier            bool
	MonthlyHours        float64
	ShowProvenance      bool
	// ShowFree lists the free resources in a breakdown instead of counting
	// them; Wide lets tables be as wide as their columns.
	ShowFree, Wide bool
	// Set holds the --set KNOB=VALUE what-ifs.
	Set []string
	// Quiet drops warnings and progress from stderr; NoColor drops the
	// terminal UI's colours.
	Quiet, NoColor bool
	// sources says where each set key came from, for error messages.
	sources map[string]string
}

// src names where a key's value came from: "--region",
// "TIERCOST_REGION" or "tiercost.yaml: region".
func (c Config) src(key string) string {
	if s, ok := c.sources[key]; ok {
		return s
	}
	return "--" + key
}

// envName is the environment variable for a flag name.
func envName(flag string) string {
	return "TIERCOST_" + strings.ToUpper(strings.ReplaceAll(flag, "-", "_"))
}

// Validation of single values, shared by flags, env and file.

var (
	envNameRE = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]{0,62}$`)
)

func checkRegionSyntax(r string) error {
	if !catalog.IsRegionCode(r) {
		return fmt.Errorf("%s is not an AWS region code; allowed: codes like us-east-1", inputfile.Excerpt(r))
	}
	return nil
}

func checkEnvName(e string) error {
	if !envNameRE.MatchString(e) {
		return fmt.Errorf("%s is not an environment name; allowed: lower-case letters, digits, - and _", inputfile.Excerpt(e))
	}
	return nil
}

// checkPurchase checks a purchase option against the catalog's names,
// with the close ones.
func checkPurchase(p string) error {
	if _, err := catalog.ParsePurchase(p); err != nil {
		names := catalog.PurchaseOptionNames()
		return fmt.Errorf("%s is unknown; %sallowed: %s", inputfile.Choice(p), didYouMean(p, names), strings.Join(names, ", "))
	}
	return nil
}

func checkPercent(v float64) error {
	if v < 0 || v > 100 || v != v {
		return fmt.Errorf("%s is out of range; allowed: 0 to 100", fmtFloat(v))
	}
	return nil
}

func checkMonthlyHours(v float64) error {
	if v < 0 || v > money.MaxHoursPerMonth || v != v {
		return fmt.Errorf("%s is out of range; allowed: 0 (730, always on) to %d", fmtFloat(v), money.MaxHoursPerMonth)
	}
	return nil
}

// maxBudget bounds a monthly budget: anything larger is a typo.
var maxBudget = decimal.NewFromInt(1_000_000_000)

func checkBudget(d decimal.Decimal) error {
	if !d.IsPositive() || d.GreaterThan(maxBudget) {
		return fmt.Errorf("%s is out of range; allowed: more than 0 up to 1000000000 US dollars a month", fmtFloat(d.InexactFloat64()))
	}
	return nil
}

// fmtFloat writes a number as typed, and a huge one in short form, so an
// error never prints hundreds of digits.
func fmtFloat(v float64) string {
	if math.Abs(v) >= 1e15 {
		return strconv.FormatFloat(v, 'g', 6, 64)
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// sortedCopy returns a sorted copy, for stable "allowed:" lists.
func sortedCopy(in []string) []string {
	out := append([]string(nil), in...)
	sort.Strings(out)
	return out
}
