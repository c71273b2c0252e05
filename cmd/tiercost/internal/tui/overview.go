package tui

import (
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/shopspring/decimal"
	"github.com/tiercost/tiercost/costmodel/money"
)

// overviewModel is the cursor over the tier and environment rows.
type overviewModel struct {
	cursor int
}

// orderedRows puts tiers first, then environments, each in engine order.
func orderedRows(rows []OverviewRow) []OverviewRow {
	out := make([]OverviewRow, 0, len(rows))
	for _, kind := range []string{KindTier, KindEnv} {
		for _, r := range rows {
			if r.Kind == kind {
				out = append(out, r)
			}
		}
	}
	return out
}

// currentRow is the index of the open target in orderedRows, or 0.
func currentRow(rows []OverviewRow, target string, isTier bool) int {
	for i, r := range orderedRows(rows) {
		if r.Name == target && (r.Kind == KindTier) == isTier {
			return i
		}
	}
	return 0
}

// update moves the cursor; it returns the row to open on enter.
func (o overviewModel) update(msg tea.KeyMsg, k keyMap, rows []OverviewRow) (overviewModel, *OverviewRow) {
	rows = orderedRows(rows)
	switch {
	case key.Matches(msg, k.Up):
		o.cursor = max(o.cursor-1, 0)
	case key.Matches(msg, k.Down):
		o.cursor = max(min(o.cursor+1, len(rows)-1), 0)
	case key.Matches(msg, k.Open):
		if o.cursor < len(rows) {
			r := rows[o.cursor]
			return o, &r
		}
	}
	return o, nil
}

func (o overviewModel) view(m Model, width, h int) string {
	if m.overviewErr != nil {
		return m.styles.Error.Render("Overview not available: ") + m.overviewErr.Error()
	}
	if m.overview == nil {
		return m.spin.View() + " Pricing tiers and environments…"
	}
	rows := orderedRows(m.overview)
	var current *OverviewRow
	for i := range rows {
		if rows[i].Name == m.target && (rows[i].Kind == KindTier) == m.isTier {
			current = &rows[i]
		}
	}
	wide := width >= 100
	// 79 columns: 2 + 8 + 1 + 9+12+8+10+10+13 + 5 separators = 78; the
	// monthly column holds "≥ $12,584.10", the last "Δ vs baseline".
	nameW, usersW, monW, perW, splitW, deltaW := 8, 9, 12, 8, 10, 13
	if wide {
		nameW, usersW, monW, perW, splitW, deltaW = 12, 11, 14, 13, 13, 16
	}
	// Narrower than the table, the fixed/usage split goes first (the
	// breakdown has it), then the cost per 1k users: no number is cut.
	showSplit, showPer := width >= 78, width >= 78-2*(splitW+1)
	line := func(mark, name, users, mon, per, fixed, usage, delta string) string {
		cells := []string{padLeft(users, usersW), padLeft(mon, monW)}
		if showPer {
			cells = append(cells, padLeft(per, perW))
		}
		if showSplit {
			cells = append(cells, padLeft(fixed, splitW), padLeft(usage, splitW))
		}
		cells = append(cells, padLeft(delta, deltaW))
		return pad(mark, 2) + pad(name, nameW) + " " + strings.Join(cells, " ")
	}
	perHead := "/1k usr" // Per1kUsersLabel abbreviated for 8 columns
	if wide {
		perHead = money.Per1kUsersLabel
	}
	var b []string
	b = append(b, m.styles.Heading.Render(line("", "", "Users", "Monthly", perHead, "Fixed", "Usage", deltaLabel)))
	delta := func(v decimal.Decimal) string {
		if current == nil {
			return "—"
		}
		return m.signedText(v.Sub(current.Monthly), deltaW)
	}
	// Each amount takes the longest form its column holds, the total with
	// its "≥" when it is a lower bound: never cut.
	row := func(mark, name string, users float64, total money.Total, per decimal.Decimal, fixed, usage money.Total, perOK bool) string {
		perText := "—"
		if perOK {
			perText = fitUSD(money.Per1kUsers(per), perW)
		}
		return line(mark, name, fmtUsersFit(users, usersW), fitTotal(total, monW), perText,
			fitTotal(fixed, splitW), fitTotal(usage, splitW), delta(total.Amount))
	}
	kind := ""
	for i, r := range rows {
		if r.Kind != kind {
			kind = r.Kind
			title := "Tiers"
			if kind == KindEnv {
				title = "Environments"
			}
			b = append(b, m.styles.Muted.Render(title))
		}
		cur, star := " ", " "
		if i == o.cursor {
			cur = m.styles.Selected.Render(">")
		}
		if current != nil && &rows[i] == current {
			star = "*"
		}
		fixed, usage := r.Split()
		b = append(b, row(cur+star, r.Name, r.Users, r.Total(), r.CostPerUser, fixed, usage, true))
	}
	// A row whose total carries marks says them in full below the table,
	// wrapped, never cut.
	for _, r := range rows {
		if t := r.Total(); len(t.Marks()) > 0 {
			for i, l := range wrap(r.Name+": "+t.String(), width-4) {
				indent := "  "
				if i > 0 {
					indent = "    "
				}
				b = append(b, indent+m.styles.NotPriced.Render(l))
			}
		}
	}
	if m.snap != nil && len(m.changedKnobs()) > 0 {
		s := m.snap
		b = append(b, m.styles.Muted.Render("Your what-if"))
		u := snapUsers(s)
		fixed, usage := s.Breakdown.Split()
		b = append(b, row("", "what-if", u, s.Breakdown.Monthly(), money.CostPerUser(s.Breakdown.TotalMonthlyCost, u),
			fixed, usage, u >= 1))
	}
	b = append(b, "")
	b = append(b, wrap(m.styles.Muted.Render("* baseline: the "+kindWord(m.isTier)+" you opened · enter opens a row · ? explains the terms"), width)...)
	return strings.Join(b, "\n")
}

// fmtUsersFit is a user count with separators, or abbreviated (1.2M)
// when that does not fit w cells.
func fmtUsersFit(u float64, w int) string {
	if s := fmtUsers(u); len(s) <= w {
		return s
	}
	return fmtUsersShort(u)
}

func kindWord(isTier bool) string {
	if isTier {
		return "tier"
	}
	return "environment"
}

// deltaLabel heads every change from the open target before its what-if:
// the overview's column and the what-if's summary (glossary term Δ).
const deltaLabel = "Δ vs baseline"
