package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"
	"github.com/tiercost/tiercost/costmodel/catalog"
	"github.com/tiercost/tiercost/costmodel/money"
	"gopkg.in/yaml.v3"
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
	Env                 string      `yaml:"env"`
	Budget              *yamlAmount `yaml:"budget"`
	Format              string      `yaml:"format"`
}

// fileKeys lists the keys FileConfig accepts, for error messages.
func fileKeys() []string {
	return []string{"budget", "catalog", "env", "format", "free-tier", "monthly-hours", "purchase",
		"region", "savings-plan-coverage", "show-provenance", "usage"}
}

// yamlAmount is a money amount read from its YAML text, never via float.
type yamlAmount struct{ decimal.Decimal }

func (a *yamlAmount) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.ScalarNode {
		return fmt.Errorf("line %d: must be a number of US dollars", n.Line)
	}
	d, err := decimal.NewFromString(strings.TrimPrefix(n.Value, "$"))
	if err != nil {
		return fmt.Errorf("line %d: %q is not a number of US dollars", n.Line, n.Value)
	}
	a.Decimal = d
	return nil
}

var (
	unknownFieldRE = regexp.MustCompile(`line (\d+): field (\S+) not found`)
	yamlLineRE     = regexp.MustCompile(`^yaml: (?:unmarshal errors:\n\s*)?`)
	goTypeRE       = regexp.MustCompile(` into (?:\*?main\.\w+|\w+\.\w+)`)
)

// ParseConfigFile reads and validates a tiercost.yaml. Errors name the
// file, the field and what is allowed.
func ParseConfigFile(name string, data []byte) (FileConfig, error) {
	var fc FileConfig
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&fc); err != nil && !errors.Is(err, io.EOF) {
		msg := err.Error()
		if m := unknownFieldRE.FindStringSubmatch(msg); m != nil {
			return fc, fmt.Errorf("%s: line %s: %s: unknown field; allowed: %s", name, m[1], m[2], strings.Join(fileKeys(), ", "))
		}
		msg = yamlLineRE.ReplaceAllString(msg, "")
		// Speak of the file's shape, not of Go types.
		msg = strings.ReplaceAll(msg, "into main.FileConfig", "into the settings mapping")
		msg = goTypeRE.ReplaceAllString(msg, "")
		return fc, fmt.Errorf("%s: malformed YAML: %s; allowed: a mapping of %s", name, strings.ReplaceAll(msg, "\n", "; "), strings.Join(fileKeys(), ", "))
	}
	// A second document would be silently ignored; refuse it instead.
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		return fc, fmt.Errorf("%s: more than one YAML document; allowed: one mapping of settings", name)
	}
	var errs []error
	bad := func(field, problem string) { errs = append(errs, fmt.Errorf("%s: %s: %s", name, field, problem)) }
	if fc.Region != "" {
		if err := checkRegionSyntax(fc.Region); err != nil {
			bad("region", err.Error())
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
	// Set holds the --set KNOB=VALUE what-ifs.
	Set []string
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
	regionRE  = regexp.MustCompile(`^[a-z]{2}(-gov)?-[a-z]+-\d$`)
	envNameRE = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]{0,62}$`)
)

func checkRegionSyntax(r string) error {
	if !regionRE.MatchString(r) {
		return fmt.Errorf("%q is not an AWS region code; allowed: codes like us-east-1", r)
	}
	return nil
}

func checkEnvName(e string) error {
	if !envNameRE.MatchString(e) {
		return fmt.Errorf("%q is not an environment name; allowed: lower-case letters, digits, - and _", e)
	}
	return nil
}

// checkPurchase checks a purchase option against the catalog's names.
func checkPurchase(p string) error {
	_, err := catalog.ParsePurchase(p)
	return err
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
		return fmt.Errorf("%s is out of range; allowed: more than 0 up to 1000000000 US dollars a month", d.String())
	}
	return nil
}

func fmtFloat(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// sortedCopy returns a sorted copy, for stable "allowed:" lists.
func sortedCopy(in []string) []string {
	out := append([]string(nil), in...)
	sort.Strings(out)
	return out
}
