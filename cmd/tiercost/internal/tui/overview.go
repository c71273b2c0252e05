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
	// 80 columns: 2 + 8 + 1 + 9+12+8+10+10+11 + 5 separators = 76; the
	// monthly column holds "≥ $12,584.10".
	nameW, usersW, monW, perW, splitW, deltaW := 8, 9, 12, 8, 10, 11
	if wide {
		nameW, usersW, monW, perW, splitW, deltaW = 12, 11, 14, 13, 13, 16
	}
	line := func(mark, name, users, mon, per, fixed, usage, delta string) string {
		return pad(mark, 2) + pad(name, nameW) + " " + strings.Join([]string{padLeft(users, usersW), padLeft(mon, monW),
			padLeft(per, perW), padLeft(fixed, splitW), padLeft(usage, splitW), padLeft(delta, deltaW)}, " ")
	}
	perHead := "/1k usr" // Per1kUsersLabel abbreviated for 8 columns
	if wide {
		perHead = money.Per1kUsersLabel
	}
	var b []string
	b = append(b, m.styles.Heading.Render(line("", "", "Users", "Monthly", perHead, "Fixed", "Usage", "Δ current")))
	delta := func(v decimal.Decimal) string {
		if current == nil {
			return "—"
		}
		return m.deltaText(v.Sub(current.Monthly), decimal.Zero)
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
		l := line(cur+star, r.Name, fmtUsers(r.Users), r.Total().USD(), money.Per1kUsersUSD(r.CostPerUser),
			money.USD(r.Fixed), money.USD(r.Usage), delta(r.Monthly))
		b = append(b, l)
	}
	var notes []string
	for _, r := range rows {
		if t := r.Total(); len(t.Marks()) > 0 {
			notes = append(notes, "  "+r.Name+": "+t.String())
		}
	}
	if len(notes) > 0 {
		b = append(b, m.styles.NotPriced.Render(strings.Join(notes, "\n")))
	}
	if m.snap != nil && len(m.changedKnobs()) > 0 {
		s := m.snap
		b = append(b, m.styles.Muted.Render("Your what-if"))
		per := "—"
		if snapUsers(s) >= 1 {
			per = money.Per1kUsersUSD(money.CostPerUser(s.Breakdown.TotalMonthlyCost, snapUsers(s)))
		}
		b = append(b, line("", "what-if", fmtUsers(snapUsers(s)), s.Breakdown.Monthly().USD(), per,
			money.USD(s.Breakdown.FixedMonthlyCost), money.USD(s.Breakdown.UsageMonthlyCost), delta(s.Breakdown.TotalMonthlyCost)))
	}
	b = append(b, "", m.styles.Muted.Render("* current "+kindWord(m.isTier)+" · Δ = monthly change vs it · enter opens a row"))
	return strings.Join(b, "\n")
}

func kindWord(isTier bool) string {
	if isTier {
		return "tier"
	}
	return "environment"
}
