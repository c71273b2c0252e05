package main

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/shopspring/decimal"
	"github.com/spf13/cobra"
	"github.com/tiercost/tiercost/cmd/tiercost/internal/engine"
	"github.com/tiercost/tiercost/costmodel/audit"
	"github.com/tiercost/tiercost/costmodel/money"
	"github.com/tiercost/tiercost/costmodel/output"
	"github.com/tiercost/tiercost/environments"
)

// ExitAuditFailed is `audit`'s exit code when a control fails without a
// documented exception (the same code as a failed budget check).
const ExitAuditFailed = ExitOverBudget

func (a *app) auditCmd() *cobra.Command {
	var t target
	var format string
	cmd := &cobra.Command{
		Use:   "audit (--env NAME | --tier NAME | --stack-export FILE | --preview-json FILE)",
		Short: "Check the resources against the AWS Security Hub FSBP controls tiercost covers",
		Long: `Evaluates the AWS Foundational Security Best Practices (FSBP) controls that
apply to the resource types the program creates, resource by resource:
pass, fail or not applicable. A failure that is a documented exception (a
priced setting the 1k and 10k tiers leave off, HTTPS before a domain is set,
or a finding AWS's own requirements make unavoidable) is shown as an
exception with its reason, the setting that removes it and, for an
environment or tier, what that setting costs a month. docs/security.md
lists the controls and the exceptions per tier.

Exit status 0 means no control fails without a documented exception, 1 that
one does, 2 bad input.`,
		Example: `  tiercost audit --env prod
  tiercost audit --tier 10k --format json
  tiercost audit --stack-export stack.json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := a.validateTarget(t, true); err != nil {
				return err
			}
			if err := a.checkFormat(format, "table", "json"); err != nil {
				return err
			}
			res, _, err := a.estimate(t)
			if err != nil {
				return err
			}
			rep := audit.Run(res.Records)
			costs, err := a.exceptionCosts(t, res, rep)
			if err != nil {
				return err
			}
			name := res.Name
			if name == "" {
				name = firstSet(t.stackExport, t.previewJSON)
			}
			if format == "json" {
				err = writeJSON(cmd.OutOrStdout(), auditJSON(name, rep, costs))
			} else {
				err = auditTable(cmd.OutOrStdout(), name, rep, costs, a.width())
			}
			if err != nil {
				return err
			}
			if rep.Failed() {
				return &exitError{code: ExitAuditFailed, err: fmt.Errorf("%s: %d FSBP controls fail without a documented exception", name, rep.Summary.Fail)}
			}
			return nil
		},
	}
	addTargetFlags(cmd, &t, true)
	cmd.Flags().StringVar(&format, "format", "table", "output format: table or json")
	return cmd
}

func firstSet(vs ...string) string {
	for _, v := range vs {
		if v != "" {
			return v
		}
	}
	return ""
}

// exceptionCosts prices, for an environment or tier, what each exception
// the report relies on would add a month: the same estimate with the
// exception's setting written into the profile. Files have no profile, so
// their exceptions carry no price.
func (a *app) exceptionCosts(t target, res engine.Result, rep audit.Report) (map[string]decimal.Decimal, error) {
	out := map[string]decimal.Decimal{}
	if res.Profile == nil || len(rep.Exceptions) == 0 {
		return out, nil
	}
	c, _, err := a.openCatalog()
	if err != nil {
		return nil, err
	}
	req, err := a.request(t, c)
	if err != nil {
		return nil, err
	}
	for _, u := range rep.Exceptions {
		var def *audit.ExceptionDef
		for _, e := range audit.Exceptions() {
			if e.ID == u.ID {
				def = &e
			}
		}
		if def == nil || len(def.Overrides) == 0 {
			continue
		}
		delta, err := ExceptionCost(req, *res.Profile, res.Breakdown.TotalMonthlyCost, *def)
		if err != nil {
			return nil, fmt.Errorf("pricing exception %s: %w", u.ID, err)
		}
		out[u.ID] = delta
	}
	return out, nil
}

// ExceptionCost is what turning an exception's setting on adds to an
// estimate's monthly total.
func ExceptionCost(req engine.Request, base environments.Profile, baseTotal decimal.Decimal, e audit.ExceptionDef) (decimal.Decimal, error) {
	p := base.Clone()
	keys := make([]string, 0, len(e.Overrides))
	for k := range e.Overrides {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if err := p.SetOverride(k, e.Overrides[k]); err != nil {
			return decimal.Zero, err
		}
	}
	res, err := engine.EstimateProfile(req, p)
	if err != nil {
		return decimal.Zero, err
	}
	return res.Breakdown.TotalMonthlyCost.Sub(baseTotal), nil
}

type auditDoc struct {
	Target     string              `json:"target"`
	Project    string              `json:"project,omitempty"`
	Tier       string              `json:"tier,omitempty"`
	Summary    audit.Summary       `json:"summary"`
	Controls   []audit.Result      `json:"controls"`
	Exceptions []auditExceptionDoc `json:"exceptions"`
}

type auditExceptionDoc struct {
	audit.ExceptionUse
	// MonthlyCost is what the setting adds, exact; absent when unpriced.
	MonthlyCost string `json:"monthlyCost,omitempty"`
}

func auditJSON(name string, rep audit.Report, costs map[string]decimal.Decimal) auditDoc {
	doc := auditDoc{Target: name, Project: rep.Project, Tier: rep.Tier, Summary: rep.Summary, Controls: rep.Results, Exceptions: []auditExceptionDoc{}}
	for _, e := range rep.Exceptions {
		d := auditExceptionDoc{ExceptionUse: e}
		if c, ok := costs[e.ID]; ok {
			d.MonthlyCost = money.Exact(c)
		}
		doc.Exceptions = append(doc.Exceptions, d)
	}
	return doc
}

// auditTable writes one line per control, then the failures and the
// exceptions with their reasons and prices, in at most width display
// columns (0: no limit): titles and the notes under the table wrap.
func auditTable(w io.Writer, name string, rep audit.Report, costs map[string]decimal.Decimal, width int) error {
	head := "FSBP audit: " + name
	if rep.Tier != "" {
		head += " (tier " + rep.Tier + ")"
	}
	fmt.Fprintf(w, "%s\n\n", output.Wrap(head, width, 2))
	g := &output.Grid{Columns: []output.Column{
		{Header: "CONTROL"},
		{Header: "STATUS"},
		{Header: "PASSED", Right: true},
		{Header: "TITLE", Wrap: true, Min: 30},
	}}
	var failed, excepted []string
	for _, r := range rep.Results {
		n, ok := 0, 0
		for _, f := range r.Findings {
			if f.Status == audit.NotApplicable {
				continue
			}
			n++
			if f.Status == audit.Pass {
				ok++
			}
			line := fmt.Sprintf("  %s %s: %s", r.ID, orStack(f.Resource), f.Reason)
			switch f.Status {
			case audit.Fail:
				failed = append(failed, line)
			case audit.Exception:
				excepted = append(excepted, line+" ["+f.Exception+"]")
			}
		}
		passed := "-"
		if n > 0 {
			passed = fmt.Sprintf("%d/%d", ok, n)
		}
		g.Add(r.ID, string(r.Status), passed, r.Title)
	}
	if err := g.Write(w, width); err != nil {
		return err
	}
	var b strings.Builder
	if len(failed) > 0 {
		fmt.Fprintf(&b, "\nFailures (no documented exception):\n%s\n", strings.Join(failed, "\n"))
	}
	if len(excepted) > 0 {
		fmt.Fprintf(&b, "\nDocumented exceptions:\n%s\n", strings.Join(excepted, "\n"))
		for _, e := range rep.Exceptions {
			price := ""
			if c, ok := costs[e.ID]; ok {
				price = fmt.Sprintf(" (%s a month here)", money.Signed(c))
			}
			fmt.Fprintf(&b, "  [%s] %s. To pass: %s%s\n", e.ID, e.Reason, e.Setting, price)
		}
	}
	s := rep.Summary
	fmt.Fprintf(&b, "\n%d controls: %d pass, %d fail, %d documented exceptions, %d not applicable\n",
		s.Total, s.Pass, s.Fail, s.Exception, s.NotApplicable)
	_, err := io.WriteString(w, output.Wrap(b.String(), width, 2))
	return err
}

func orStack(name string) string {
	if name == "" {
		return "(stack)"
	}
	return name
}
