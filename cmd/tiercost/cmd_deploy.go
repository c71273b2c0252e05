package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/spf13/cobra"
	"github.com/tiercost/tiercost/cmd/tiercost/internal/scenario"
	"github.com/tiercost/tiercost/costmodel/gate"
	"github.com/tiercost/tiercost/costmodel/money"
	"github.com/tiercost/tiercost/costmodel/report"
	"github.com/tiercost/tiercost/environments"
)

func (a *app) tuiCmd() *cobra.Command {
	var env string
	var bill billFlags
	cmd := &cobra.Command{
		Use:   "tui [--env NAME [--bill FILE]]",
		Short: "Open the terminal UI: tiers, breakdowns, what-ifs, findings and budget",
		Example: `  tiercost tui
  tiercost tui --env prod`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if env != "" {
				if err := a.checkEnvironment(env); err != nil {
					return err
				}
			}
			if bill.path == "" && bill.period == "" {
				return a.startTUI(cmd, env)
			}
			if env == "" {
				return fmt.Errorf("--bill: is compared with an environment's plan; allowed: --env NAME with --bill")
			}
			if err := a.checkBill(bill); err != nil {
				return err
			}
			t := target{env: env}
			res, _, err := a.estimate(t)
			if err != nil {
				return err
			}
			rep, err := a.compareBill(cmd, bill, t, res)
			if err != nil {
				return err
			}
			a.tuiActual = &rep
			return a.startTUI(cmd, env)
		},
	}
	cmd.Flags().StringVar(&env, "env", "", "environment to open (default: the tiers overview)")
	addBillFlags(cmd, &bill, false)
	return cmd
}

// checkEnvironment reports an unknown or malformed environment before any
// slow or remote work starts.
func (a *app) checkEnvironment(env string) error {
	if err := checkEnvName(env); err != nil {
		return fmt.Errorf("%s: %v", a.src("env"), err)
	}
	_, err := environments.Load(env, a.opts.WorkDir)
	return a.unknownEnvironment(err)
}

// startTUI opens the terminal UI with the run's settings.
func (a *app) startTUI(cmd *cobra.Command, env string) error {
	if a.opts.RunTUI == nil {
		return errors.New("the terminal UI is not available in this build")
	}
	if !a.opts.IsTerminal(cmd.OutOrStdout()) {
		return errors.New("the terminal UI needs a terminal; for plain output try `tiercost tiers` or `tiercost breakdown --env NAME`")
	}
	c, _, err := a.openCatalog()
	if err != nil {
		return err
	}
	if err := a.checkRegion(c); err != nil {
		return err
	}
	base, err := a.request(target{}, c)
	if err != nil {
		return err
	}
	return a.opts.RunTUI(cmd.Context(), TUIRequest{Env: env, Base: base, In: a.opts.In, Out: cmd.OutOrStdout(), NoColor: a.cfg.NoColor, Actual: a.tuiActual})
}

func (a *app) upCmd() *cobra.Command {
	var env, budget string
	var yes, allowOver, allowUnpriced, allowOverload bool
	cmd := &cobra.Command{
		Use:   "up --env NAME [--yes] [--allow-over-budget] [--allow-unpriced] [--allow-overload]",
		Short: "Estimate, check the budget, confirm, then deploy the environment with Pulumi",
		Long: `Prints the estimate of exactly what will be deployed, refuses when it is over
the environment's budget (unless --allow-over-budget), incomplete (items
not priced, unless --allow-unpriced) or overloaded at peak (unless
--allow-overload), asks for confirmation on stdin (unless --yes), then runs
` + "`pulumi up`" + ` for the environment's stack through the Automation API.`,
		Example: `  tiercost up --env staging
  tiercost up --env prod --yes`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if env == "" {
				return fmt.Errorf("--env: missing; allowed: an environment name (dev, staging, prod)")
			}
			if err := checkEnvName(env); err != nil {
				return fmt.Errorf("%s: %v", a.src("env"), err)
			}
			// Without --yes, up asks on stdin; with no terminal there nobody
			// can answer, and a CI job that forgot --yes must fail at once,
			// not report success.
			if !yes && !a.opts.StdinIsTerminal(cmd.InOrStdin()) {
				return errors.New("up: stdin is not a terminal, so no one can confirm the preview and the deploy; nothing was deployed; allowed: --yes to deploy without asking, or run it in a terminal")
			}
			limit, err := a.parseBudget(budget)
			if err != nil {
				return err
			}
			if err := a.checkDeployKnobs(env); err != nil {
				return err
			}
			res, _, err := a.estimate(target{env: env})
			if err != nil {
				return err
			}
			// What up prints is the record of what it deploys: a lost
			// line (a full disk) stops it before anything is deployed.
			out := &stickyWriter{w: cmd.OutOrStdout()}
			b := res.Breakdown
			fixed, usage := b.Split()
			fmt.Fprintf(out, "%s: %s, %s; fixed %s, usage-based %s\n", env, money.Count(len(b.Resources), "resource", "resources"),
				b.Monthly().PerMonth(), fixed.Cell(), usage.Cell())
			gin := gateInput(res)
			gin.Limits = gate.Limits{AllowUnpriced: allowUnpriced, AllowOverload: allowOverload}
			rep := gate.Evaluate(gin, gate.Honesty())
			var failed []string
			for _, r := range rep.Results {
				switch {
				case !r.Pass:
					fmt.Fprintf(out, "FAIL %s: %s\n", r.Gate, r.Reason)
					failed = append(failed, r.Gate)
				case r.Allowed:
					fmt.Fprintf(out, "note: %s: %s\n", r.Gate, r.Reason)
				}
			}
			if out.err != nil {
				return out.failed()
			}
			if len(failed) > 0 {
				return overBudget("%s: %s; not deploying", env, strings.Join(failed, ", "))
			}
			if limit == nil {
				limit = res.BudgetMonthlyUSD
			}
			if limit != nil {
				st := report.CheckBudget(*limit, b.TotalMonthlyCost, res.Tier)
				if st.Status == report.OverBudget {
					fmt.Fprintf(out, "OVER BUDGET by %s (budget %s)\n", money.USD(st.Overage), money.USD(*limit))
					if !allowOver {
						return overBudget("%s is over budget by %s; not deploying (use --allow-over-budget to deploy anyway)", env, money.USD(st.Overage))
					}
				} else {
					fmt.Fprintf(out, "within budget (%s)\n", money.USD(*limit))
				}
			}
			if out.err != nil {
				return out.failed()
			}
			if a.opts.Deployer == nil {
				return errors.New("deployments are not available in this build (the Automation API is not connected)")
			}
			// Say what is missing before asking anything.
			if err := a.opts.Deployer.Check(env); err != nil {
				return fmt.Errorf("cannot deploy %s yet: %w", env, err)
			}
			in := bufio.NewReader(cmd.InOrStdin())
			confirm := func(question string) bool {
				if yes {
					return true
				}
				fmt.Fprintf(out, "%s [y/N] ", question)
				line, _ := in.ReadString('\n')
				ans := strings.ToLower(strings.TrimSpace(line))
				return ans == "y" || ans == "yes"
			}
			if !confirm(fmt.Sprintf("Run pulumi preview for %s?", env)) {
				fmt.Fprintln(out, "not deployed")
				return out.err
			}
			progress := func(line string) { fmt.Fprintln(a.opts.Err, line) }
			digest, err := a.opts.Deployer.Preview(cmd.Context(), env, progress)
			if err != nil {
				return fmt.Errorf("preview %s: %w", env, err)
			}
			fmt.Fprintf(out, "preview: %s\n", changeSummary(digest.ChangeSummary))
			if out.err != nil {
				return out.failed()
			}
			if !confirm(fmt.Sprintf("Deploy %s?", env)) {
				fmt.Fprintln(out, "not deployed")
				return out.err
			}
			summary, err := a.opts.Deployer.Up(cmd.Context(), env, progress)
			if err != nil {
				return fmt.Errorf("deploy %s: %w", env, err)
			}
			fmt.Fprintln(out, summary)
			return out.err
		},
	}
	f := cmd.Flags()
	f.StringVar(&env, "env", "", "environment to deploy")
	f.BoolVarP(&yes, "yes", "y", false, "deploy without asking")
	f.BoolVar(&allowOver, "allow-over-budget", false, "deploy even when the estimate is over budget")
	addAllowFlags(cmd, &allowUnpriced, &allowOverload)
	f.StringVar(&budget, "budget", "", "monthly budget in US dollars (default: the environment's budget)")
	return cmd
}

// checkDeployKnobs refuses what-ifs that would make the deployment differ
// from the environment file it reads.
func (a *app) checkDeployKnobs(env string) error {
	o, err := a.overlay()
	if err != nil {
		return err
	}
	if err := scenario.CheckDeploy(o, env); err != nil {
		return fmt.Errorf("--set %v", err)
	}
	return nil
}

// changeSummary renders a preview's change counts in a stable order.
func changeSummary(m map[string]int) string {
	if len(m) == 0 {
		return "no changes"
	}
	ops := make([]string, 0, len(m))
	for op := range m {
		ops = append(ops, op)
	}
	sort.Strings(ops)
	parts := make([]string, len(ops))
	for i, op := range ops {
		parts[i] = fmt.Sprintf("%d to %s", m[op], op)
	}
	return strings.Join(parts, ", ")
}

func (a *app) previewCmd() *cobra.Command {
	var env, outPath string
	cmd := &cobra.Command{
		Use:   "preview --env NAME [--output FILE]",
		Short: "Run pulumi preview for an environment and write the steps as pulumi preview --json does",
		Long: `Runs ` + "`pulumi preview`" + ` for the environment's stack through the Automation API,
with the same program function the estimate runs under mocks, and writes
the steps in the shape of ` + "`pulumi preview --json`" + `. Price the result with
` + "`tiercost breakdown --preview-json FILE`" + ` or compare it with ` + "`tiercost diff`" + `.`,
		Example: `  tiercost preview --env staging --output staging-preview.json
  tiercost breakdown --preview-json staging-preview.json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if env == "" {
				return fmt.Errorf("--env: missing; allowed: an environment name (dev, staging, prod)")
			}
			if err := a.checkEnvironment(env); err != nil {
				return err
			}
			if err := a.checkDeployKnobs(env); err != nil {
				return err
			}
			if outPath != "" {
				if err := checkOutputDir(outPath); err != nil {
					return err
				}
			}
			if a.opts.Deployer == nil {
				return errors.New("deployments are not available in this build (the Automation API is not connected)")
			}
			if err := a.opts.Deployer.Check(env); err != nil {
				return fmt.Errorf("cannot preview %s yet: %w", env, err)
			}
			digest, err := a.opts.Deployer.Preview(cmd.Context(), env, func(line string) { fmt.Fprintln(a.opts.Err, line) })
			if err != nil {
				return fmt.Errorf("preview %s: %w", env, err)
			}
			return writeOutput(cmd.OutOrStdout(), outPath, func(w io.Writer) error { return writeJSON(w, digest) })
		},
	}
	cmd.Flags().StringVar(&env, "env", "", "environment to preview")
	cmd.Flags().StringVar(&outPath, "output", "", "write the preview JSON to FILE instead of stdout")
	return cmd
}
