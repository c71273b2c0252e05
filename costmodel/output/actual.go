package output

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/shopspring/decimal"

	"github.com/tiercost/tiercost/costmodel/actual"
	"github.com/tiercost/tiercost/costmodel/money"
)

// ActualTable writes the plan against the bill as text: each component
// with its resources (largest difference first) and, under each resource,
// the causes of its difference; then the charges that matched nothing of
// the plan, and the totals. To fit width (0: no limit) Effective, then %
// and the unmatched charges' Category, are left out and named under their
// table; names keep their one line each, so causes stay under their row.
func ActualTable(w io.Writer, r actual.Report, width int) error {
	ew := &errWriter{w: w}
	writeActualHeader(ew, r)
	// The causes go under their resource's row, outside the columns.
	// No column wraps, so each row is one line and the causes can follow
	// their row; columns are left out instead.
	g := &Grid{Columns: []Column{{Header: "Component / resource"}, {Header: "Planned", Right: true}, {Header: "Billed", Right: true},
		{Header: "Effective", Right: true, Drop: 1}, {Header: "Difference", Right: true}, {Header: "%", Right: true, Drop: 2}}}
	after := map[int][]string{}
	for _, c := range actualGroups(r) {
		g.Add(c.group.Component, plannedText(c.group.Planned, c.incomplete), money.USD(c.group.Billed), money.USD(c.group.Effective),
			money.Signed(c.group.Difference), pct(c.group.Percent))
		for _, row := range c.rows {
			g.Add("  "+row.Name, plannedText(row.Planned, row.PlannedIncomplete), money.USD(row.Billed), money.USD(row.Effective),
				money.Signed(row.Difference), pct(row.Percent))
			for _, cause := range row.Causes {
				// The header is the table's first line, so a row's line is its index + 1.
				after[len(g.rows)] = append(after[len(g.rows)], wrap("      "+money.Signed(cause.Amount)+"  ", cause.Text, causeWidth)...)
			}
		}
	}
	var buf strings.Builder
	if err := g.Write(&buf, width); err != nil {
		return err
	}
	for i, line := range strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n") {
		ew.printf("%s\n", line)
		for _, c := range after[i] {
			ew.printf("%s\n", c)
		}
	}
	if len(r.Unmatched) > 0 {
		ew.printf("\n%s\n", Wrap(fmt.Sprintf("Unmatched charges (%s billed): no resource of the plan, not tagged with its environment", money.USD(r.UnmatchedBilled)), width, 2))
		u := &Grid{Columns: []Column{{Header: "Service"}, {Header: "Resource", Wrap: true, Min: 24, Breaks: "/:-"}, {Header: "Category", Drop: 2},
			{Header: "Billed", Right: true}, {Header: "Effective", Right: true, Drop: 1}, {Header: "Lines", Right: true}}}
		for _, c := range r.Unmatched {
			u.Add(clip(c.Service, 32), clip(orDash(c.ResourceID), 40), c.Category, money.USD(c.Billed), money.USD(c.Effective), fmt.Sprint(c.Lines))
		}
		if err := u.Write(ew, width); err != nil {
			return err
		}
	}
	ew.printf("\n")
	t := &Grid{Columns: []Column{{}, {Right: true}}}
	for _, l := range actualTotals(r) {
		t.Add(l[0], l[1])
	}
	if err := t.Write(ew, 0); err != nil {
		return err
	}
	return ew.err
}

// ActualMarkdown writes the plan against the bill as Markdown.
func ActualMarkdown(w io.Writer, r actual.Report) error {
	ew := &errWriter{w: w}
	ew.printf("## Plan vs actual: %s\n\n", r.Period)
	ew.printf("%s\n\n", actualSummary(r))
	ew.printf("| Component / resource | Planned | Billed | Effective | Difference | %% | Causes |\n|---|--:|--:|--:|--:|--:|---|\n")
	for _, c := range actualGroups(r) {
		ew.printf("| **%s** | **%s** | **%s** | **%s** | **%s** | **%s** | |\n", mdCell(c.group.Component), plannedText(c.group.Planned, c.incomplete),
			money.USD(c.group.Billed), money.USD(c.group.Effective), money.Signed(c.group.Difference), pct(c.group.Percent))
		for _, row := range c.rows {
			var causes []string
			for _, cause := range row.Causes {
				causes = append(causes, money.Signed(cause.Amount)+" "+cause.Text)
			}
			ew.printf("| %s | %s | %s | %s | %s | %s | %s |\n", mdCell(row.Name), plannedText(row.Planned, row.PlannedIncomplete), money.USD(row.Billed),
				money.USD(row.Effective), money.Signed(row.Difference), pct(row.Percent), mdCell(strings.Join(causes, "; ")))
		}
	}
	if len(r.Unmatched) > 0 {
		ew.printf("\n### Unmatched charges (%s billed)\n\nNo resource of the plan, not tagged with its environment.\n\n", money.USD(r.UnmatchedBilled))
		ew.printf("| Service | Resource | Category | Billed | Effective | Lines |\n|---|---|---|--:|--:|--:|\n")
		for _, c := range r.Unmatched {
			ew.printf("| %s | %s | %s | %s | %s | %d |\n", mdCell(c.Service), mdCell(orDash(c.ResourceID)), mdCell(c.Category), money.USD(c.Billed), money.USD(c.Effective), c.Lines)
		}
	}
	ew.printf("\n| Total | |\n|---|--:|\n")
	for _, l := range actualTotals(r) {
		ew.printf("| %s | %s |\n", l[0], l[1])
	}
	return ew.err
}

func writeActualHeader(ew *errWriter, r actual.Report) {
	ew.printf("Plan vs actual: %s\n%s\n\n", r.Period, strings.Join(wrap("", actualSummary(r), causeWidth), "\n"))
}

// actualSummary names the bill, the lines of other providers left out and
// the month's length.
func actualSummary(r actual.Report) string {
	other := ""
	if o := r.OtherProviders; o != nil {
		other = " " + OtherProvidersText(*o) + "."
	}
	return fmt.Sprintf("Bill: %s (%s, %s, %s).%s %d hours in %s; the plan assumes 730 a month. Difference = effective − planned.",
		r.Bill.Name, r.Bill.Format, r.Bill.Encoding, money.Count(int(r.Bill.Rows), "line", "lines"), other, r.HoursInPeriod, r.Period)
}

// OtherProvidersText says which lines of the bill were left out because
// another provider than AWS billed them: "57 lines from other providers
// (Microsoft, Oracle) left out: $2.27 billed".
func OtherProvidersText(o actual.OtherProviders) string {
	return fmt.Sprintf("%s from other providers (%s) left out: %s billed",
		money.Count(o.Lines, "line", "lines"), strings.Join(o.Providers, ", "), money.USD(o.Billed))
}

type actualGroup struct {
	group      actual.Group
	rows       []actual.Row
	incomplete bool
}

// actualGroups puts each row under its component, in the report's order.
func actualGroups(r actual.Report) []actualGroup {
	idx := map[string]int{}
	var out []actualGroup
	for _, g := range r.Components {
		idx[g.Component] = len(out)
		out = append(out, actualGroup{group: g})
	}
	for _, row := range r.Rows {
		i := idx[row.Component]
		out[i].rows = append(out[i].rows, row)
		out[i].incomplete = out[i].incomplete || row.PlannedIncomplete
	}
	return out
}

func actualTotals(r actual.Report) [][2]string {
	return [][2]string{
		{"Planned", plannedText(r.Planned, r.PlannedIncomplete)},
		{"Billed, matched to the plan", money.USD(r.MatchedBilled)},
		{"Effective, matched to the plan", money.USD(r.MatchedEffective)},
		{"Difference (effective − planned)", money.Signed(r.Difference) + " (" + pct(r.Percent) + ")"},
		{"Unmatched charges (billed)", money.USD(r.UnmatchedBilled)},
		{"Bill total for " + r.Period + " (billed)", money.USD(r.Billed)},
		{"Bill total for " + r.Period + " (effective)", money.USD(r.Effective)},
	}
}

// plannedText marks a planned amount the plan could not price whole.
func plannedText(d decimal.Decimal, incomplete bool) string {
	if incomplete {
		return "≥" + money.USD(d)
	}
	return money.USD(d)
}

func pct(p *decimal.Decimal) string {
	if p == nil {
		return "n/a"
	}
	s := p.Round(1).StringFixed(1) + "%"
	if p.Round(1).Sign() > 0 {
		s = "+" + s
	}
	return s
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// clip shortens a long name for the table, keeping its end (an ARN's
// resource part); --format json keeps it whole.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return "…" + string(r[len(r)-n+1:])
}

func mdCell(s string) string { return strings.ReplaceAll(s, "|", `\|`) }

// ActualLargest returns the n rows with the largest difference, for short
// summaries (the report's budget section).
func ActualLargest(r actual.Report, n int) []actual.Row {
	rows := append([]actual.Row(nil), r.Rows...)
	sort.SliceStable(rows, func(i, j int) bool { return rows[i].Difference.Abs().GreaterThan(rows[j].Difference.Abs()) })
	if len(rows) > n {
		rows = rows[:n]
	}
	return rows
}

// causeWidth is where the table's cause lines wrap: an 80-column terminal.
const causeWidth = 80

// wrap writes text after lead, continuing on lines indented as deep as
// lead, breaking at spaces before width.
func wrap(lead, text string, width int) []string {
	indent := strings.Repeat(" ", utf8.RuneCountInString(lead))
	var out []string
	line := lead
	for _, word := range strings.Fields(text) {
		switch {
		case line == lead || line == indent:
			line += word
		case utf8.RuneCountInString(line)+1+utf8.RuneCountInString(word) > width:
			out = append(out, line)
			line = indent + word
		default:
			line += " " + word
		}
	}
	return append(out, line)
}
