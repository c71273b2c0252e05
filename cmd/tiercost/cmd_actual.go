package main

import (
	"fmt"
	"io"
	"os"
	"regexp"
	"strings"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"

	"github.com/tiercost/tiercost/cmd/tiercost/internal/engine"
	"github.com/tiercost/tiercost/costmodel/actual"
	"github.com/tiercost/tiercost/costmodel/inputfile"
	"github.com/tiercost/tiercost/costmodel/output"
)

// billFlags are the bill and the month to compare, shared by actual,
// calibrate and report.
type billFlags struct {
	path, period string
}

func addBillFlags(cmd *cobra.Command, b *billFlags, required bool) {
	what := "billing export: FOCUS 1.0/1.1 or CUR 2.0, as CSV, gzip-compressed CSV or Parquet"
	if !required {
		what += " (adds \"last month: plan vs actual\")"
	}
	cmd.Flags().StringVar(&b.path, "bill", "", "`FILE`: "+what)
	cmd.Flags().StringVar(&b.period, "period", "", "billing period to compare, YYYY-MM (default: the bill's only period)")
}

var periodPattern = regexp.MustCompile(`^[0-9]{4}-(0[1-9]|1[0-2])$`)

// checkBill validates --bill and --period before anything is priced.
func (a *app) checkBill(b billFlags) error {
	if b.path == "" {
		return fmt.Errorf("--bill: missing; allowed: a billing export file (FOCUS 1.0/1.1 or CUR 2.0: CSV, gzip or Parquet)")
	}
	if err := inputfile.Check(b.path, inputfile.Bill); err != nil {
		return fmt.Errorf("%s: %v", a.src("bill"), err)
	}
	if b.period != "" && !periodPattern.MatchString(b.period) {
		return fmt.Errorf("%s: %s is not a month; allowed: YYYY-MM, such as 2024-09", a.src("period"), inputfile.Excerpt(b.period))
	}
	return nil
}

// progressThreshold is the bill size above which reading shows a bar.
const progressThreshold = 64 << 20

// compareBill reads the bill against a priced plan and picks its period.
func (a *app) compareBill(cmd *cobra.Command, b billFlags, t target, res engine.Result) (actual.Report, error) {
	plan := actual.Plan{Records: res.Records, Breakdown: res.Breakdown, Environment: stackName(t, res), Group: output.ComponentLabel}
	cmp := actual.NewComparer(plan)
	opts, finish := a.billOptions(b.path)
	defer finish()
	info, err := actual.Read(b.path, opts, func(l actual.Line) error {
		if err := cmp.Add(l); err != nil {
			return fmt.Errorf("%s: %v", inputfile.Name(b.path), err)
		}
		return nil
	})
	if err != nil {
		return actual.Report{}, fmt.Errorf("%s: %v", a.src("bill"), err)
	}
	periods := cmp.Periods()
	period := b.period
	switch {
	case len(periods) == 0:
		return actual.Report{}, fmt.Errorf("%s: %s: has no AWS lines; allowed: a bill with at least one line of AWS charges (other providers' lines are left out)", a.src("bill"), info.Name)
	case period == "" && len(periods) > 1:
		return actual.Report{}, fmt.Errorf("%s: %s covers %s; allowed: --period with one of them", a.src("bill"), info.Name, strings.Join(periods, ", "))
	case period == "":
		period = periods[0]
	case !contains(periods, period):
		return actual.Report{}, fmt.Errorf("%s: %s is not in %s; allowed: %s", a.src("period"), inputfile.Excerpt(period), info.Name, strings.Join(periods, ", "))
	}
	return cmp.Report(info, period), nil
}

// progressBar is a bar on stderr for a big bill read in a terminal; nil
// otherwise (a pipe, a small file, --quiet).
func (a *app) progressBar(path string) *progressbar.ProgressBar {
	if a.cfg.Quiet || !a.opts.IsTerminal(a.opts.Err) {
		return nil
	}
	if err := inputfile.Check(path, inputfile.Bill); err != nil {
		return nil
	}
	size := fileSize(path)
	if size < progressThreshold {
		return nil
	}
	return progressbar.NewOptions64(size, progressbar.OptionSetWriter(a.opts.Err), progressbar.OptionSetDescription("reading the bill"),
		progressbar.OptionShowBytes(true), progressbar.OptionClearOnFinish(), progressbar.OptionThrottle(100_000_000))
}

func (a *app) actualCmd() *cobra.Command {
	var t target
	var b billFlags
	var format string
	cmd := &cobra.Command{
		Use:   "actual --bill FILE (--env NAME | --stack-export FILE)",
		Short: "Compare the plan with a month's bill: planned, billed, effective, difference and why",
		Long: `Reads a billing export (FinOps FOCUS 1.0 or 1.1, or AWS CUR 2.0; CSV, gzip or
Parquet), matches its lines to the plan's resources (by resource ID or ARN,
then by the tags tiercost's components set, then as shared charges such as
data transfer) and shows, per resource and per component, the planned cost,
the billed and effective cost, the difference and its causes: usage higher
or lower than planned, a different unit price, a resource not in the plan,
one not billed. Lines that match nothing are listed, never dropped.
docs/actuals.md explains the matching and the causes.`,
		Example: `  tiercost actual --bill focus-2024-09.csv --env prod
  tiercost actual --bill cur.parquet --stack-export stack.json --usage usage.yml --period 2024-09
  tiercost actual --bill focus.csv.gz --env prod --format markdown > variance.md`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if t.tier != "" {
				return fmt.Errorf("--tier: a bill is compared with a deployed environment; allowed: --env NAME or --stack-export FILE")
			}
			if err := a.validateTarget(t, true); err != nil {
				return err
			}
			if t.previewJSON != "" {
				return fmt.Errorf("--preview-json: a preview is not deployed yet, so nothing was billed; allowed: --env NAME or --stack-export FILE")
			}
			if err := a.checkFormat(format, "table", "json", "markdown"); err != nil {
				return err
			}
			if err := a.checkBill(b); err != nil {
				return err
			}
			res, _, err := a.estimate(t)
			if err != nil {
				return err
			}
			rep, err := a.compareBill(cmd, b, t, res)
			if err != nil {
				return err
			}
			return renderActual(cmd.OutOrStdout(), rep, format, a.width())
		},
	}
	addTargetFlags(cmd, &t, true)
	addPricingFlags(cmd)
	addBillFlags(cmd, &b, true)
	cmd.Flags().StringVar(&format, "format", "table", "output format: table, json or markdown")
	return cmd
}

func renderActual(w io.Writer, rep actual.Report, format string, width int) error {
	switch format {
	case "json":
		return writeJSON(w, rep)
	case "markdown":
		return output.ActualMarkdown(w, rep)
	}
	return output.ActualTable(w, rep, width)
}

// fileSize is a file's size, 0 when unknown.
func fileSize(path string) int64 {
	st, err := os.Stat(path)
	if err != nil {
		return 0
	}
	return st.Size()
}

// billOptions are the bill reader's options: a progress bar on a terminal
// for a big bill, and the function that ends it.
func (a *app) billOptions(path string) (opts actual.Options, finish func()) {
	bar := a.progressBar(path)
	if bar == nil {
		return opts, func() {}
	}
	opts.Progress = func(done, total int64) {
		bar.ChangeMax64(total)
		_ = bar.Set64(done)
	}
	return opts, func() { _ = bar.Finish() }
}
