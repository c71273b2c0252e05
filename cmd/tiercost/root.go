package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
	"github.com/spf13/viper"

	"github.com/tiercost/tiercost/costmodel/actual"
	"github.com/tiercost/tiercost/costmodel/inputfile"
	"github.com/tiercost/tiercost/costmodel/output"
)

// app is one run's state, created by NewRootCmd and shared by its
// commands through closures: there is no package-level state.
type app struct {
	opts Options
	cfg  Config
	// sources says where each flag's value came from when not its default.
	sources map[string]string
	// warnedRegions are the regions already warned about as incomplete.
	warnedRegions map[string]bool
	// tuiActual is the bill comparison `tui --bill` hands the TUI.
	tuiActual *actual.Report
}

// src names where a flag's value came from, for error messages.
func (a *app) src(flag string) string {
	if s, ok := a.sources[flag]; ok {
		return s
	}
	return "--" + flag
}

// sourceFlagNames pick what to estimate; setting one on the command line
// stops the others being filled from the environment or the config file.
var sourceFlagNames = []string{"env", "tier", "stack-export", "preview-json", "all-tiers"}

// NewRootCmd builds the whole command tree for one run.
func NewRootCmd(opts Options) *cobra.Command {
	opts = opts.withDefaults()
	a := &app{opts: opts, sources: map[string]string{}}
	root := &cobra.Command{
		Use:   "tiercost",
		Short: "Price the 1k/10k/100k/1m user tiers of a Pulumi-defined web app",
		Long: `tiercost prices exactly the resources the Pulumi program creates for each growth
tier (1k, 10k, 100k, 1m users) or environment, with an embedded AWS price
catalog (730 hours a month, exact decimals).

With no command it opens the terminal UI when stdout is a terminal, and
prints the tiers table otherwise.

Settings come from flags, then TIERCOST_* environment variables (dashes
become underscores: TIERCOST_MONTHLY_HOURS), then tiercost.yaml in the
working folder or in the user config folder (tiercost/tiercost.yaml), then
defaults.`,
		Example: `  tiercost
  tiercost breakdown --tier 10k
  tiercost check --env prod --budget 2500
  TIERCOST_REGION=eu-west-1 tiercost tiers --format json`,
		Args:          commandArgs,
		SilenceErrors: true,
		SilenceUsage:  true,
		// An unknown command is reported by commandArgs and flagError with
		// its close matches, in one line.
		SuggestionsMinimumDistance: 2,
		PersistentPreRunE: func(cmd *cobra.Command, _ []string) error {
			if skipsConfig(cmd) {
				return nil
			}
			return a.loadConfig(cmd)
		},
		RunE: func(cmd *cobra.Command, _ []string) error {
			if v, _ := cmd.Flags().GetBool("version"); v {
				_, err := fmt.Fprint(cmd.OutOrStdout(), versionText())
				return err
			}
			if a.opts.IsTerminal(cmd.OutOrStdout()) && a.opts.RunTUI != nil {
				return a.startTUI(cmd, "")
			}
			return a.runTiers(cmd, "table", bandFlags{})
		},
	}
	root.SetIn(opts.In)
	root.SetOut(opts.Out)
	root.SetErr(opts.Err)
	root.SetFlagErrorFunc(flagError)
	pf := root.PersistentFlags()
	pf.String("config", "", "config file (default ./tiercost.yaml, else <user config dir>/tiercost/tiercost.yaml)")
	pf.String("catalog", "", "imported price catalog file layered over the embedded one (default <user cache dir>/tiercost/catalog.json when it exists)")
	pf.String("region", "", "AWS region code, e.g. us-east-1 (default: the environment's or tier's region)")
	pf.String("max-input-size", "", "raise or lower input file size caps, KIND=SIZE[,KIND=SIZE] (kinds: "+inputKinds()+"; see docs/limits.md)")
	pf.BoolP("quiet", "q", false, "print no warnings or progress on stderr (errors still)")
	pf.Bool("no-color", false, "no colours in the terminal UI (as the NO_COLOR environment variable)")
	root.Flags().Bool("version", false, "print the version, the commit and the embedded price catalog's date")
	// `tiercost completion bash|zsh|fish|powershell` writes the script.
	root.CompletionOptions.HiddenDefaultCmd = false

	root.AddCommand(
		a.resourcesCmd(), a.breakdownCmd(), a.usageCmd(), a.tiersCmd(), a.rightsizeCmd(), a.forecastCmd(), a.bandsCmd(),
		a.diffCmd(), a.checkCmd(), a.reportCmd(), a.pricingCmd(), a.tuiCmd(), a.previewCmd(), a.upCmd(),
		a.scenarioCmd(), a.knobsCmd(), a.adviseCmd(), a.auditCmd(), a.commentCmd(), a.analyzerCmd(), a.actualCmd(), a.calibrateCmd(),
	)
	// Every command that prices takes the same pricing settings, so a flag,
	// TIERCOST_* variable or tiercost.yaml key means the same everywhere and
	// the budget gate prices exactly what breakdown shows.
	for _, c := range root.Commands() {
		switch c.Name() {
		case "tiers", "check", "report", "forecast", "bands", "rightsize", "up", "tui", "resources", "usage", "preview", "scenario", "advise", "audit":
			addPricingFlags(c)
		}
	}
	// Every command that prints a table fits it in output.DefaultWidth
	// columns unless --wide (docs/output.md).
	addWideFlag(root)
	for _, c := range root.Commands() {
		switch c.Name() {
		case "tiers", "breakdown", "diff", "rightsize", "forecast", "advise", "check", "resources", "knobs", "audit":
			addWideFlag(c)
		case "pricing":
			for _, sub := range c.Commands() {
				if sub.Name() == "info" || sub.Name() == "diff" {
					addWideFlag(sub)
				}
			}
		}
	}
	a.prepareFlags(root)
	return root
}

// addWideFlag adds --wide to a command that prints a table.
func addWideFlag(cmd *cobra.Command) {
	cmd.Flags().Bool("wide", false, fmt.Sprintf("show every table column on one line (default: fit %d columns, or a narrower terminal)", output.DefaultWidth))
}

// width is the most display columns a table may take: output.DefaultWidth,
// or the terminal's width when stdout is a narrower terminal, or no limit
// with --wide.
func (a *app) width() int {
	if a.cfg.Wide {
		return 0
	}
	if w := a.opts.TerminalWidth(a.opts.Out); w > 0 && w < output.DefaultWidth {
		return w
	}
	return output.DefaultWidth
}

// skipsConfig is true for runs that read no settings: --version, and
// cobra's shell completion commands, which must work even when
// tiercost.yaml is broken.
func skipsConfig(cmd *cobra.Command) bool {
	if v, _ := cmd.Flags().GetBool("version"); v && !cmd.HasParent() {
		return true
	}
	for c := cmd; c != nil; c = c.Parent() {
		switch c.Name() {
		case "completion", cobra.ShellCompRequestCmd, cobra.ShellCompNoDescRequestCmd:
			return true
		}
	}
	return false
}

// loadConfig merges flag > env > file > default for the running command's
// flags through one viper instance, then decodes the typed Config.
func (a *app) loadConfig(cmd *cobra.Command) error {
	// Caps apply to every file read from here on, the config file included.
	if err := applyInputLimits(cmd); err != nil {
		return err
	}
	v := viper.New()
	v.SetEnvPrefix("TIERCOST")
	v.SetEnvKeyReplacer(strings.NewReplacer("-", "_"))
	v.AutomaticEnv()

	path, err := a.findConfigFile(cmd)
	if err != nil {
		return err
	}
	if path != "" {
		data, err := readConfigFile(path)
		if err != nil {
			return err
		}
		if _, err := ParseConfigFile(path, data); err != nil {
			return err
		}
		v.SetConfigType("yaml")
		if err := v.ReadConfig(bytes.NewReader(data)); err != nil {
			return fmt.Errorf("%s: malformed YAML: %s", path, inputfile.Sanitize(err.Error()))
		}
	}
	flags := cmd.Flags()
	if err := v.BindPFlags(flags); err != nil {
		return err
	}
	sourceSet := false
	for _, n := range sourceFlagNames {
		if f := flags.Lookup(n); f != nil && f.Changed {
			sourceSet = true
		}
	}
	var errs []error
	flags.VisitAll(func(f *pflag.Flag) {
		switch {
		case f.Name == "config" || f.Name == "help" || f.Name == "max-input-size":
			return
		case f.Changed:
			a.sources[f.Name] = "--" + f.Name
			return
		case sourceSet && contains(sourceFlagNames, f.Name):
			return
		case !v.IsSet(f.Name):
			return
		}
		src := path + ": " + f.Name
		if _, ok := os.LookupEnv(envName(f.Name)); ok {
			src = envName(f.Name)
		}
		val := v.Get(f.Name)
		if err := setFlag(f, val); err != nil {
			errs = append(errs, fmt.Errorf("%s: %v", src, err))
			return
		}
		a.sources[f.Name] = src
	})
	if err := errors.Join(errs...); err != nil {
		return err
	}
	var raw struct {
		Catalog             string   `mapstructure:"catalog"`
		Region              string   `mapstructure:"region"`
		Usage               string   `mapstructure:"usage"`
		Purchase            string   `mapstructure:"purchase"`
		SavingsPlanCoverage float64  `mapstructure:"savings-plan-coverage"`
		FreeTier            bool     `mapstructure:"free-tier"`
		MonthlyHours        float64  `mapstructure:"monthly-hours"`
		ShowProvenance      bool     `mapstructure:"show-provenance"`
		ShowFree            bool     `mapstructure:"show-free"`
		Wide                bool     `mapstructure:"wide"`
		Set                 []string `mapstructure:"set"`
		Quiet               bool     `mapstructure:"quiet"`
		NoColor             bool     `mapstructure:"no-color"`
	}
	if err := v.Unmarshal(&raw); err != nil {
		return fmt.Errorf("settings: %v", err)
	}
	a.cfg = Config{
		// Region codes are lower case; viper hands over TIERCOST_REGION and
		// tiercost.yaml's region as written.
		File: path, Catalog: raw.Catalog, Region: strings.ToLower(strings.TrimSpace(raw.Region)), Usage: raw.Usage,
		Purchase: strings.ToLower(strings.TrimSpace(raw.Purchase)), SavingsPlanCoverage: raw.SavingsPlanCoverage,
		FreeTier: raw.FreeTier, MonthlyHours: raw.MonthlyHours, ShowProvenance: raw.ShowProvenance, ShowFree: raw.ShowFree, Wide: raw.Wide, Set: raw.Set,
		Quiet: raw.Quiet, NoColor: raw.NoColor, sources: a.sources,
	}
	if a.cfg.Quiet {
		// Progress and status lines go nowhere; errors are written by
		// execute to the real stderr.
		a.opts.Err = io.Discard
	}
	return a.validateConfig()
}

// validateConfig checks the merged global settings, naming their source.
func (a *app) validateConfig() error {
	c := a.cfg
	var errs []error
	if c.Region != "" {
		if err := checkRegionSyntax(c.Region); err != nil {
			errs = append(errs, fmt.Errorf("%s: %v", c.src("region"), err))
		}
	}
	if c.Purchase != "" {
		if err := checkPurchase(c.Purchase); err != nil {
			errs = append(errs, fmt.Errorf("%s: %v", c.src("purchase"), err))
		}
	}
	if err := checkPercent(c.SavingsPlanCoverage); err != nil {
		errs = append(errs, fmt.Errorf("%s: %v", c.src("savings-plan-coverage"), err))
	}
	if err := checkMonthlyHours(c.MonthlyHours); err != nil {
		errs = append(errs, fmt.Errorf("%s: %v", c.src("monthly-hours"), err))
	}
	return errors.Join(errs...)
}

// setFlag copies a viper value into a flag without marking it changed, so
// the flag definition stays the single place defaults live.
func setFlag(f *pflag.Flag, val any) error {
	if sv, ok := f.Value.(pflag.SliceValue); ok {
		var items []string
		switch t := val.(type) {
		case []any:
			for _, x := range t {
				items = append(items, fmt.Sprint(x))
			}
		case []string:
			items = t
		default:
			items = strings.Split(fmt.Sprint(val), ",")
		}
		return sv.Replace(items)
	}
	s := fmt.Sprint(val)
	if err := f.Value.Set(s); err != nil {
		var ve valueError
		if errors.As(err, &ve) {
			return ve
		}
		return fmt.Errorf("%s is not %s; allowed: %s", inputfile.Excerpt(s), typeWords(f.Value.Type()), flagAllowed(f))
	}
	return nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// findConfigFile returns the config file to read: --config or
// TIERCOST_CONFIG (which must exist), else the working folder's
// tiercost.yaml, else the user config folder's, else "".
func (a *app) findConfigFile(cmd *cobra.Command) (string, error) {
	explicit, src := "", ""
	if f := cmd.Flags().Lookup("config"); f != nil && f.Changed {
		explicit, src = f.Value.String(), "--config"
	} else if e, ok := os.LookupEnv("TIERCOST_CONFIG"); ok && e != "" {
		explicit, src = e, "TIERCOST_CONFIG"
	}
	if explicit != "" {
		st, err := os.Stat(explicit)
		if err != nil {
			return "", fmt.Errorf("%s: %s: config file not found", src, explicit)
		}
		if st.IsDir() {
			return "", fmt.Errorf("%s: %s: is a folder; allowed: a regular file", src, explicit)
		}
		return explicit, nil
	}
	candidates := []string{filepath.Join(a.opts.WorkDir, ConfigFileName)}
	if a.opts.ConfigDir != "" {
		candidates = append(candidates, filepath.Join(a.opts.ConfigDir, "tiercost", ConfigFileName))
	}
	for _, c := range candidates {
		st, err := os.Stat(c)
		switch {
		case err != nil:
			continue
		case st.IsDir():
			// Read nothing rather than skip it silently: the user meant
			// this to be their settings.
			return "", fmt.Errorf("%s: is a folder; allowed: a regular file, or no %s at all", c, ConfigFileName)
		}
		return c, nil
	}
	return "", nil
}

// unwrapPathError drops the path an *fs.PathError repeats.
func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// typeWords names a flag's value type for people.
func typeWords(t string) string {
	switch t {
	case "float64", "float32":
		return "a number"
	case "int", "int64", "int32", "uint":
		return "a whole number"
	case "bool":
		return "true or false"
	}
	return "a " + t
}
