package main

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/tiercost/tiercost/costmodel/inputfile"
)

// suggestions returns the candidates close to in: a case-insensitive
// edit distance (a swap of two neighbours counts once) of at most 1 for
// inputs of up to 3 letters and 2 for longer ones, or in as a prefix.
// Only the closest are kept (ties in the candidates' order); at most three.
func suggestions(in string, candidates []string) []string {
	typed := strings.TrimSpace(in)
	in = strings.ToLower(typed)
	if in == "" {
		return nil
	}
	limit := 2
	if len(in) <= 3 {
		limit = 1
	}
	type match struct {
		name string
		d    int
	}
	var ms []match
	for _, c := range candidates {
		lc := strings.ToLower(c)
		if c == typed {
			continue
		}
		if lc == in {
			// Only the case differs: that is the one they meant.
			return []string{c}
		}
		d := osaDistance(in, lc)
		if d <= limit || (len(in) >= 2 && strings.HasPrefix(lc, in)) {
			ms = append(ms, match{c, d})
		}
	}
	sort.SliceStable(ms, func(i, j int) bool { return ms[i].d < ms[j].d })
	var out []string
	// Only the closest: "upfrnt" is reserved-1yr-no-upfront, not 3yr too.
	for i := 0; i < len(ms) && i < 3 && ms[i].d == ms[0].d; i++ {
		out = append(out, ms[i].name)
	}
	return out
}

// didYouMean is "did you mean X? " (or "X or Y") for an unknown value, "" when
// nothing is close. It sits between "is unknown; " and "allowed: ...".
func didYouMean(in string, candidates []string) string {
	m := suggestions(in, candidates)
	if len(m) == 0 {
		return ""
	}
	return "did you mean " + strings.Join(m, " or ") + "? "
}

// osaDistance is the optimal string alignment distance: insertions,
// deletions, substitutions and swaps of neighbours (prdo → prod) cost 1.
func osaDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	d := make([][]int, len(ra)+1)
	for i := range d {
		d[i] = make([]int, len(rb)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(ra)][len(rb)]
}

// unknownCommand is cobra's "unknown command" in one line, with the
// commands close to what was typed.
func unknownCommand(cmd *cobra.Command, arg string) error {
	var names []string
	for _, c := range cmd.Commands() {
		if c.IsAvailableCommand() || c.Name() == "help" {
			names = append(names, c.Name())
			names = append(names, c.Aliases...)
		}
	}
	for _, c := range cmd.Commands() {
		// SuggestFor lists words a command answers to besides its name.
		for _, s := range c.SuggestFor {
			if strings.EqualFold(s, arg) {
				return fmt.Errorf("unknown command %q for %q; did you mean %s? see %s --help", arg, cmd.CommandPath(), c.Name(), cmd.CommandPath())
			}
		}
	}
	return fmt.Errorf("unknown command %q for %q; %ssee %s --help", arg, cmd.CommandPath(), didYouMean(arg, names), cmd.CommandPath())
}

// commandArgs refuses positional arguments on a command that takes none
// but has subcommands: the first is a mistyped command.
func commandArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		return unknownCommand(cmd, args[0])
	}
	return nil
}

// flagError turns pflag's parse errors into one line that names the flag,
// says what is allowed and never quotes Go's parser (strconv.ParseFloat).
// A command that has subcommands and was given an unknown word before the
// bad flag reports the word: `tiercost breakdwon --env prod` is a
// mistyped command, not a misplaced --env.
func flagError(cmd *cobra.Command, err error) error {
	if cmd.HasAvailableSubCommands() {
		if args := cmd.Flags().Args(); len(args) > 0 {
			return unknownCommand(cmd, args[0])
		}
	}
	var (
		notExist *pflag.NotExistError
		invalid  *pflag.InvalidValueError
		required *pflag.ValueRequiredError
		syntax   *pflag.InvalidSyntaxError
	)
	help := cmd.CommandPath() + " --help"
	switch {
	case errors.As(err, &invalid):
		f := invalid.GetFlag()
		var ve valueError
		if errors.As(err, &ve) {
			return fmt.Errorf("--%s: %v", f.Name, ve)
		}
		return fmt.Errorf("--%s: %s is not %s; allowed: %s", f.Name, inputfile.Excerpt(invalid.GetValue()), typeWords(f.Value.Type()), flagAllowed(f))
	case errors.As(err, &required):
		f := required.GetFlag()
		return fmt.Errorf("--%s: missing its value; allowed: %s", f.Name, flagAllowed(f))
	case errors.As(err, &notExist):
		name := notExist.GetSpecifiedName()
		if short := notExist.GetSpecifiedShortnames(); short != "" {
			return fmt.Errorf("-%s: unknown flag; see %s", name, help)
		}
		var names []string
		cmd.Flags().VisitAll(func(f *pflag.Flag) {
			if !f.Hidden {
				names = append(names, f.Name)
			}
		})
		hint := ""
		if m := suggestions(name, names); len(m) > 0 {
			hint = "did you mean --" + strings.Join(m, " or --") + "? "
		}
		return fmt.Errorf("--%s: unknown flag for %s; %ssee %s", name, cmd.CommandPath(), hint, help)
	case errors.As(err, &syntax):
		return fmt.Errorf("%s: not a flag; allowed: --NAME or --NAME=VALUE; see %s", syntax.GetSpecifiedFlag(), help)
	}
	return fmt.Errorf("%v; see %s", err, help)
}

// flagAllowed is what a flag accepts: its type in words and its help.
func flagAllowed(f *pflag.Flag) string {
	_, usage := pflag.UnquoteUsage(f)
	switch t := f.Value.Type(); {
	case t == "bool":
		return "true or false"
	case usage == "":
		return typeWords(t)
	case t == "string" || t == "stringArray":
		return usage
	default:
		return typeWords(t) + " (" + usage + ")"
	}
}

// valueError is a flag value's own explanation (from a Value's Set), shown
// as it is after the flag's name.
type valueError struct{ msg string }

func (e valueError) Error() string { return e.msg }
