package main

import (
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/tiercost/tiercost/cmd/tiercost/internal/scenario"
	"github.com/tiercost/tiercost/components/spec"
	"github.com/tiercost/tiercost/costmodel/catalog"
	"github.com/tiercost/tiercost/costmodel/report"
	"github.com/tiercost/tiercost/environments"
)

// reportFormats are report's --format values; check and comment have
// their own; every other command's --format takes tableFormats.
var (
	reportFormats = []string{"markdown", "html", "csv", "focus", "json"}
	tableFormats  = []string{"table", "json"}
)

// formatsFor lists the --format values a command accepts.
func formatsFor(cmd *cobra.Command) []string {
	switch cmd.Name() {
	case "report":
		return reportFormats
	case "check":
		return []string{"text", "json"}
	case "comment":
		return report.Flavors()
	}
	return tableFormats
}

// environmentNames lists the environments a run can load: the embedded
// ones and the working folder's environments/<name>.yaml files.
func environmentNames(workDir string) []string {
	names := environments.Names()
	files, _ := filepath.Glob(filepath.Join(workDir, "environments", "*.yaml"))
	for _, f := range files {
		if st, err := os.Stat(f); err != nil || st.IsDir() {
			continue
		}
		n := strings.TrimSuffix(filepath.Base(f), ".yaml")
		if !contains(names, n) && checkEnvName(n) == nil {
			names = append(names, n)
		}
	}
	return names
}

// caseInsensitiveFlags take names whose case carries no meaning; their
// values are lower-cased wherever they come from (flag, TIERCOST_*,
// tiercost.yaml), so --tier 1M, --format JSON and --region EU-WEST-1 work.
var caseInsensitiveFlags = []string{"tier", "format", "region", "purchase", "family"}

// lowerValue lower-cases a string flag's value before storing it.
type lowerValue struct{ pflag.Value }

func (v lowerValue) Set(s string) error { return v.Value.Set(strings.ToLower(strings.TrimSpace(s))) }

// prepareFlags lower-cases the case-insensitive flags and gives every flag
// that takes a name its shell completion, across the whole tree.
func (a *app) prepareFlags(root *cobra.Command) {
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		for _, fs := range []*pflag.FlagSet{c.Flags(), c.PersistentFlags()} {
			fs.VisitAll(func(f *pflag.Flag) {
				if contains(caseInsensitiveFlags, f.Name) && f.Value.Type() == "string" {
					if _, done := f.Value.(lowerValue); !done {
						f.Value = lowerValue{f.Value}
					}
				}
			})
		}
		if c.HasSubCommands() {
			// A mistyped subcommand (pricing fecth) is named with its
			// close matches, not refused as "no arguments".
			c.Args = commandArgs
			if !c.Runnable() {
				// Cobra shows the help of a command that cannot run before
				// it looks at the arguments; run it, so they are checked.
				c.RunE = func(cmd *cobra.Command, _ []string) error { return cmd.Help() }
			}
		}
		a.registerCompletions(c)
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
}

// registerCompletions adds completion functions for the flags c defines.
func (a *app) registerCompletions(c *cobra.Command) {
	fixed := func(values func() []string) cobra.CompletionFunc {
		return func(_ *cobra.Command, _ []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
			return values(), cobra.ShellCompDirectiveNoFileComp
		}
	}
	funcs := map[string]cobra.CompletionFunc{
		"env":      fixed(func() []string { return environmentNames(a.opts.WorkDir) }),
		"tier":     fixed(func() []string { return spec.Tiers }),
		"format":   fixed(func() []string { return formatsFor(c) }),
		"region":   fixed(scenario.Regions),
		"purchase": fixed(catalog.PurchaseOptionNames),
		"family":   fixed(func() []string { return spec.Families }),
		"set":      completeKnob,
	}
	for _, fs := range []*pflag.FlagSet{c.LocalNonPersistentFlags(), c.PersistentFlags()} {
		fs.VisitAll(func(f *pflag.Flag) {
			fn, ok := funcs[f.Name]
			if !ok {
				return
			}
			if _, exists := c.GetFlagCompletionFunc(f.Name); exists {
				return
			}
			_ = c.RegisterFlagCompletionFunc(f.Name, fn)
		})
	}
}

// completeKnob completes --set: a knob's name with "=", then a choice
// knob's values.
func completeKnob(_ *cobra.Command, _ []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
	name, _, hasValue := strings.Cut(toComplete, "=")
	var out []string
	for _, k := range scenario.All() {
		switch {
		case !hasValue:
			out = append(out, k.Name+"=\t"+k.Help)
		case k.Name == name:
			values := k.Choices()
			if values == nil && k.Allowed() == "true, false" {
				values = []string{"true", "false"}
			}
			for _, v := range values {
				out = append(out, k.Name+"="+v)
			}
		}
	}
	sort.Strings(out)
	return out, cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveNoSpace
}
