package report

import (
	"fmt"
	"io"
	"sort"

	"github.com/shopspring/decimal"
	"github.com/tiercost/tiercost/costmodel/gate"
	"github.com/tiercost/tiercost/costmodel/money"
	"github.com/tiercost/tiercost/costmodel/output"
	"github.com/tiercost/tiercost/costmodel/pricing"
)

// Comment flavours: where the pull-request comment is posted.
const (
	FlavorGitHub   = "github"   // GitHub: collapsible sections and alert blocks
	FlavorGitLab   = "gitlab"   // GitLab: collapsible sections, no alert blocks
	FlavorMarkdown = "markdown" // plain Markdown, no HTML
)

// CommentMarker starts every comment, so a CI job can find and update its
// own earlier comment instead of adding another.
const CommentMarker = "<!-- tiercost-comment -->"

// Comment is what a pull-request comment shows: the change from Before to
// After, the budget verdicts, what could not be priced and the findings
// that After has and Before had not.
type Comment struct {
	BeforeName, AfterName string
	Before, After         pricing.Breakdown
	// Gates are the budget (and threshold) verdicts; empty when none applied.
	Gates []gate.Result
	// NewFindings are After's findings that Before did not have.
	NewFindings []Finding
}

// CommentMarkdown writes the comment in one flavour.
func CommentMarkdown(w io.Writer, c Comment, flavor string) error {
	html := flavor != FlavorMarkdown
	ew := &errWriter{w: w}
	if html {
		ew.printf("%s\n", CommentMarker)
	}
	ch := gate.Compare(c.Before.TotalMonthlyCost, c.After.TotalMonthlyCost)
	pct := "n/a (from $0.00)"
	if ch.Percent != nil {
		pct = gate.Percent(*ch.Percent)
	}
	ew.printf("## tiercost: monthly cost %s\n\n", headline(ch.Increase))
	ew.printf("| | Monthly cost |\n|---|---:|\n")
	ew.printf("| Before: %s | %s |\n", mdCell(c.BeforeName), mdCell(c.Before.Monthly().String()))
	ew.printf("| After: %s | %s |\n", mdCell(c.AfterName), mdCell(c.After.Monthly().String()))
	ew.printf("| **Change** | **%s (%s)** |\n", money.Signed(ch.Increase), pct)
	if c.Before.Monthly().LowerBound() || c.After.Monthly().LowerBound() {
		ew.printf("\nThe change leaves out what is not priced on either side.\n")
	}

	failed := 0
	for _, g := range c.Gates {
		if !g.Pass {
			failed++
		}
	}
	if len(c.Gates) > 0 {
		ew.printf("\n### Budget\n\n")
		if failed > 0 && flavor == FlavorGitHub {
			ew.printf("> [!WARNING]\n> %d of %d cost checks failed.\n\n", failed, len(c.Gates))
		} else if failed > 0 {
			ew.printf("**%d of %d cost checks failed.**\n\n", failed, len(c.Gates))
		}
		for _, g := range c.Gates {
			verdict := "pass"
			if !g.Pass {
				verdict = "**FAIL**"
			}
			ew.printf("- %s `%s`: %s\n", verdict, g.Gate, mdCell(g.Reason))
		}
	}

	d := output.Diff(c.Before, c.After)
	rows := append([]output.ResourceDiff(nil), d.Resources...)
	sort.SliceStable(rows, func(i, j int) bool {
		if c := rows[i].Delta.Abs().Cmp(rows[j].Delta.Abs()); c != 0 {
			return c > 0
		}
		return rows[i].Name < rows[j].Name
	})
	title := fmt.Sprintf("Resources that change (%d; %d unchanged), largest change first", len(rows), d.Unchanged)
	if html {
		ew.printf("\n<details><summary>%s</summary>\n\n", title)
	} else {
		ew.printf("\n### %s\n\n", title)
	}
	if len(rows) == 0 {
		ew.printf("No resource changes cost.\n")
	} else {
		ew.printf("| | Resource | Type | Before | After | Change |\n|---|---|---|---:|---:|---:|\n")
		for _, r := range rows {
			mark := map[string]string{output.Added: "+", output.Removed: "−", output.Changed: "~"}[r.Change]
			before, after := money.USD(r.Before), money.USD(r.After)
			if r.Change == output.Added {
				before = "–"
			}
			if r.Change == output.Removed {
				after = "–"
			}
			ew.printf("| %s | %s | `%s` | %s | %s | %s |\n", mark, mdCell(r.Name), mdCell(r.Type), before, after, money.Signed(r.Delta))
		}
	}
	if html {
		ew.printf("\n</details>\n")
	}

	unpriced, n := unpricedLines(c.After)
	if len(unpriced) > 0 {
		ew.printf("\n### Not priced (%d)\n\nThese are not in the totals, which are lower bounds.\n\n", n)
		for _, u := range unpriced {
			ew.printf("- %s\n", u)
		}
	}
	if len(c.NewFindings) > 0 {
		ew.printf("\n### New findings (%d)\n\n", len(c.NewFindings))
		for _, f := range c.NewFindings {
			ew.printf("- **%s** (%s, `%s`): %s\n", mdCell(f.Title), f.Severity, f.Rule, mdCell(f.Detail))
		}
	}
	footer := "tiercost: list prices from its AWS price catalog, 730 hours a month, US dollars."
	if html {
		ew.printf("\n<sub>%s</sub>\n", footer)
	} else {
		ew.printf("\n_%s_\n", footer)
	}
	return ew.err
}

// headline says which way the cost moves.
func headline(increase decimal.Decimal) string {
	switch increase.Round(2).Sign() {
	case 1:
		return "goes up by " + money.USD(increase)
	case -1:
		return "goes down by " + money.USD(increase.Neg())
	}
	return "does not change"
}

// unpricedLines lists what After's total leaves out
// (pricing.Breakdown.NotPricedItems), as Markdown, and counts it.
func unpricedLines(b pricing.Breakdown) (out []string, n int) {
	for _, m := range b.NotPricedItems() {
		n += m.Count
		if m.Unsupported() {
			out = append(out, fmt.Sprintf("unsupported type `%s` (%d)", mdCell(m.Type), m.Count))
			continue
		}
		line := fmt.Sprintf("`%s`: %s", mdCell(m.Path), mdCell(m.Line))
		if m.Note != "" {
			line += " (" + mdCell(m.Note) + ")"
		}
		out = append(out, line)
	}
	return out, n
}

// NewFindings returns the findings of after that before does not have
// (matched by rule and title).
func NewFindings(before, after []Finding) []Finding {
	seen := map[string]bool{}
	for _, f := range before {
		seen[f.Rule+"\x00"+f.Title] = true
	}
	var out []Finding
	for _, f := range after {
		if !seen[f.Rule+"\x00"+f.Title] {
			out = append(out, f)
		}
	}
	return out
}

// Flavors lists the comment flavours, for messages.
func Flavors() []string { return []string{FlavorGitHub, FlavorGitLab, FlavorMarkdown} }
