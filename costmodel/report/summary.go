package report

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/shopspring/decimal"
	"github.com/tiercost/tiercost/costmodel/capacity"
	"github.com/tiercost/tiercost/costmodel/catalog"
	"github.com/tiercost/tiercost/costmodel/money"
)

// summaryLine is one line of the executive summary: a label, its sentence
// and, for several tiers or findings, one entry per line under it.
type summaryLine struct {
	// ID names the line in the HTML ("summary-budget").
	ID, Label, Text string
	List            []string
	// Class is the HTML emphasis: "ok", "over" or "".
	Class string
}

// executiveSummary is what a budget review reads first, in this order:
// the budget with its headroom, the total and how complete it is, its
// band (with --bands), the next
// action and when, the three findings with the most money at stake, what
// is not priced, what is not modelled, and where the prices come from.
func executiveSummary(d Data) []summaryLine {
	lines := []summaryLine{budgetLine(d)}
	if d.LastMonth != nil {
		lines = append(lines, lastMonthLine(d))
	}
	lines = append(lines, totalLine(d))
	if b := bandLine(d); b != nil {
		lines = append(lines, *b)
	}
	return append(lines,
		nextLine(d),
		summaryLine{ID: "summary-findings", Label: "Top findings", List: topFindings(d, 3), Text: noFindings(d)},
		notPricedLine(d),
		notModeledLine(d),
		pricesLine(d),
	)
}

// totalText is a tier's monthly total as tables show it: "≥ " first when
// it is a lower bound, OVERLOADED after it when a layer cannot carry the
// peak (the marks of money.Total).
func totalText(t TierSummary) string {
	m := t.Monthly()
	if m.Overloaded != "" {
		return m.USD() + " OVERLOADED"
	}
	return m.USD()
}

// percent phrases part over whole as a whole percentage: "70 %".
func percent(part, whole decimal.Decimal) string {
	if !whole.IsPositive() {
		return "-"
	}
	return part.Mul(decimal.NewFromInt(100)).Div(whole).Round(0).String() + " %"
}

func budgetTier(d Data) (TierSummary, bool) {
	for _, t := range d.Tiers {
		if d.Budget != nil && t.Name == d.Budget.Tier {
			return t, true
		}
	}
	return TierSummary{}, false
}

// lastMonthLine states last month's plan against its bill, when a bill
// was given: the totals, the difference and its largest causes.
func lastMonthLine(d Data) summaryLine {
	l := summaryLine{ID: "summary-actual", Label: "Last month: plan vs actual"}
	a := d.LastMonth
	planned := money.USD(a.Planned)
	if a.PlannedIncomplete {
		planned = "at least " + planned
	}
	pct := ""
	if a.Percent != nil {
		pct = fmt.Sprintf(", %s %%", a.Percent.Round(1).StringFixed(1))
	}
	l.Text = fmt.Sprintf("%s: planned %s, billed %s (%s effective, after discounts): %s%s.", a.Period, planned, money.USD(a.Billed),
		money.USD(a.Effective), money.Signed(a.Difference), pct)
	if !a.Unmatched.IsZero() {
		l.Text += fmt.Sprintf(" The bill holds %s more that matches nothing in the plan.", money.USD(a.Unmatched))
	}
	l.List = a.Largest
	return l
}

func budgetLine(d Data) summaryLine {
	l := summaryLine{ID: "summary-budget", Label: "Budget"}
	if d.Budget == nil {
		l.Text = "No budget is set: give one with --budget, or as budget_monthly_usd in the environment file."
		return l
	}
	b := *d.Budget
	t, _ := budgetTier(d)
	who := t.Label()
	if who == "" {
		who = b.Tier
	}
	if len(d.Tiers) > 1 {
		who += ", the largest tier,"
	}
	m := t.Monthly()
	costs := "costs " + money.USD(m.Amount)
	if m.LowerBound() {
		costs = fmt.Sprintf("costs at least %s (%s)", money.USD(m.Amount), m.UnpricedText())
	}
	caution := ""
	if m.Overloaded != "" {
		caution = " Caution: the architecture is overloaded (" + m.Overloaded + " at peak); the total prices what cannot carry the load."
	}
	if b.Status == OverBudget {
		l.Class = "over"
		l.Text = fmt.Sprintf("Over budget: %s %s a month, %s over the %s limit.%s", who, costs, money.USD(b.Overage), money.USD(b.Limit), caution)
		return l
	}
	l.Class = "ok"
	l.Text = fmt.Sprintf("Within budget: %s %s a month of the %s limit; headroom %s (%s).",
		who, costs, money.USD(b.Limit), money.USD(b.Headroom), percent(b.Headroom, b.Limit))
	if m.LowerBound() {
		l.Text += " The headroom is an upper bound: the items not priced would use some of it."
	}
	l.Text += caution
	return l
}

// completeness says whether a total holds every line item, and its other
// marks (overload, purchase option).
func completeness(t TierSummary) string {
	m := t.Monthly()
	parts := []string{"complete: every line item has a price"}
	if m.LowerBound() {
		parts[0] = "a lower bound: " + m.UnpricedText()
	}
	for _, mark := range []string{m.OverloadText(), m.OptionText()} {
		if mark != "" {
			parts = append(parts, mark)
		}
	}
	return strings.Join(parts, "; ")
}

func totalLine(d Data) summaryLine {
	l := summaryLine{ID: "summary-total", Label: "Monthly total"}
	switch len(d.Tiers) {
	case 0:
		l.Text = "No tier was priced."
	case 1:
		t := d.Tiers[0]
		l.Text = fmt.Sprintf("%s a month for %s users (%s %s); %s.",
			t.Monthly().USD(), money.Users(float64(t.Users)), t.PerUserText(), money.Per1kUsersLabel, completeness(t))
	default:
		var parts []string
		for _, t := range d.Tiers {
			parts = append(parts, t.Label()+" "+t.Monthly().USD())
		}
		l.Text = strings.Join(parts, " · ") + " a month. The tiers are alternative futures, one per growth stage: never add them up."
		if ms := marks(d.Tiers); len(ms) == 0 {
			l.Text += " Every total is complete: every line item has a price."
		} else {
			l.List = ms
		}
	}
	return l
}

// nextText phrases the engine's next action: when, what, and the whole
// architecture's cost either side of it; today's users when they are not
// the tier's own (an environment, a what-if).
func nextText(t TierSummary, today bool) string {
	n := t.Next
	if n == nil {
		return "not worked out for this report"
	}
	if n.Kind == "" || n.Kind == capacity.ActionNone || math.IsInf(n.Users, 0) || math.IsNaN(n.Users) {
		return n.Do
	}
	when := "at about " + money.Users(n.Users) + " users"
	if today {
		when += " (today " + money.Users(float64(t.Users)) + ")"
	}
	if n.Now {
		when = fmt.Sprintf("now: the limit is about %s users and today has %s", money.Users(n.Users), money.Users(float64(t.Users)))
	}
	// The engine writes "a -> b"; a reader (and Markdown, which escapes >) gets an arrow.
	s := when + ": " + strings.ReplaceAll(n.Do, " -> ", " → ")
	if before, after, change, ok := n.CostWords(); ok {
		s += fmt.Sprintf("; whole architecture %s to %s a month %s", before, after, change)
	}
	return s
}

func nextLine(d Data) summaryLine {
	l := summaryLine{ID: "summary-next", Label: "Next action"}
	if len(d.Tiers) == 1 {
		l.Text = nextText(d.Tiers[0], true)
		return l
	}
	for _, t := range d.Tiers {
		l.List = append(l.List, t.Label()+": "+nextText(t, false))
	}
	return l
}

// severityRank orders findings without money: the most urgent first.
var severityRank = map[string]int{capacity.SeverityHigh: 0, capacity.SeverityMedium: 1, capacity.SeverityLow: 2, capacity.SeverityInfo: 3}

// topFindings lists the n findings and right-sizing changes with the most
// money at stake (a saving, an extra cost, or the cost a finding is
// about), then urgent ones without an amount. The next action has its own
// line, so its finding is not repeated.
func topFindings(d Data, n int) []string {
	type cand struct {
		text   string
		amount decimal.Decimal
		priced bool
		rank   int
	}
	prefix := func(tier string) string {
		if len(d.Tiers) > 1 && tier != "" {
			return tier + ": "
		}
		return ""
	}
	var cs []cand
	for _, f := range d.Findings {
		if f.Rule == capacity.RuleNextAction {
			continue
		}
		c := cand{text: prefix(f.Tier) + f.Title, rank: severityRank[f.Severity]}
		switch {
		case f.Saving != nil:
			c.amount, c.priced = *f.Saving, true
			c.text += ": saves " + money.USD(*f.Saving) + " a month"
		case f.Amount != nil:
			c.amount, c.priced = *f.Amount, true
			c.text += ": " + money.USD(*f.Amount) + " a month"
		case c.rank > 1:
			continue // low and info findings without money are for the table
		}
		cs = append(cs, c)
	}
	for _, r := range d.Rightsizing {
		if r.Saving.IsZero() {
			continue
		}
		c := cand{text: fmt.Sprintf("%s%s %s: %s → %s", prefix(r.Tier), r.Resource, strings.ToLower(r.Finding), r.Current, r.Recommended),
			amount: r.Saving.Abs(), priced: true}
		if r.Saving.IsPositive() {
			c.text += ": saves " + money.USD(r.Saving) + " a month"
		} else {
			c.text += ": costs " + money.USD(r.Saving.Neg()) + " a month more"
		}
		cs = append(cs, c)
	}
	sort.SliceStable(cs, func(i, j int) bool {
		if cs[i].priced != cs[j].priced {
			return cs[i].priced
		}
		if c := cs[i].amount.Cmp(cs[j].amount); c != 0 {
			return c > 0
		}
		return cs[i].rank < cs[j].rank
	})
	var out []string
	for i := 0; i < len(cs) && i < n; i++ {
		out = append(out, cs[i].text)
	}
	return out
}

func noFindings(d Data) string {
	if len(topFindings(d, 1)) > 0 {
		return ""
	}
	return "No finding puts money at stake."
}

func notPricedLine(d Data) summaryLine {
	l := summaryLine{ID: "summary-not-priced", Label: "Not priced"}
	var parts []string
	for _, t := range d.Tiers {
		if m := t.Monthly(); m.LowerBound() {
			parts = append(parts, t.Label()+": "+m.UnpricedText())
		}
	}
	if len(parts) == 0 {
		l.Text = "Nothing: every line item has a price."
		return l
	}
	l.Text = strings.Join(parts, "; ") + ". They are not in the totals; the appendix lists them."
	return l
}

func notModeledLine(d Data) summaryLine {
	l := summaryLine{ID: "summary-not-modeled", Label: "Not modeled"}
	if len(d.NotModeled) == 0 {
		l.Text = "Costs outside the stack's resources and the workload's traffic: taxes, support plans, tooling."
		return l
	}
	l.Text = fmt.Sprintf("%d kinds of cost no estimate includes, listed under Not modeled (docs/not-modeled.md).", len(d.NotModeled))
	return l
}

// priceSource is one source of the report's prices in reviewer words.
type priceSource struct {
	Words       string
	First, Last string // as-of dates, YYYY-MM-DD
	Lines       int
}

// priceSources groups the priced line items of every tier by where their
// price comes from, the most used first.
func priceSources(d Data) []priceSource {
	by := map[string]*priceSource{}
	for _, it := range items(d) {
		c := it.line
		if !c.PriceFound {
			continue
		}
		w := catalog.SourceText(c.Provenance.Source, "")
		s := by[w]
		if s == nil {
			s = &priceSource{Words: w}
			by[w] = s
		}
		s.Lines++
		if a := c.Provenance.AsOf; a != "" {
			if s.First == "" || a < s.First {
				s.First = a
			}
			if a > s.Last {
				s.Last = a
			}
		}
	}
	out := make([]priceSource, 0, len(by))
	for _, s := range by {
		out = append(out, *s)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Lines != out[j].Lines {
			return out[i].Lines > out[j].Lines
		}
		return out[i].Words < out[j].Words
	})
	return out
}

// dates is "2024-07-01" or "2024-07-01 to 2024-09-25".
func dates(first, last string) string {
	if first == last || last == "" {
		return first
	}
	return first + " to " + last
}

func pricesLine(d Data) summaryLine {
	l := summaryLine{ID: "summary-prices", Label: "Prices"}
	srcs := priceSources(d)
	if len(srcs) == 0 {
		l.Text = "No line item has a price."
		return l
	}
	first, last := srcs[0].First, srcs[0].Last
	for _, s := range srcs {
		if s.First != "" && (first == "" || s.First < first) {
			first = s.First
		}
		if s.Last > last {
			last = s.Last
		}
	}
	region := ""
	if d.Region != "" {
		region = " for " + d.Region
	}
	sources := "1 published source"
	if len(srcs) > 1 {
		sources = fmt.Sprintf("%d published sources", len(srcs))
	}
	l.Text = fmt.Sprintf("AWS list prices%s, as of %s, from %s (listed under Price sources).", region, dates(first, last), sources)
	return l
}
