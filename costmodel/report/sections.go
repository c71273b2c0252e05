package report

import (
	"github.com/tiercost/tiercost/costmodel/capacity"
	"github.com/tiercost/tiercost/costmodel/money"
)

// The tables below are shared by the HTML and Markdown reports, so the two
// say the same things in the same order.

// tierRows is the tiers table: totals with their marks, the split, cost
// per 1k users, the change from the tier before, the budget and when the
// next action is due.
func tierRows(d Data) (header []string, rows [][]string, numeric map[int]bool) {
	header = []string{"Tier", "Users", "Monthly cost", "Fixed", "Usage-based", "Cost " + money.Per1kUsersLabel, "Change vs previous tier"}
	numeric = map[int]bool{1: true, 2: true, 3: true, 4: true, 5: true, 6: true}
	if d.Budget != nil {
		header = append(header, "Against the "+money.USD(d.Budget.Limit)+" budget")
		numeric[len(header)-1] = true
	}
	header = append(header, "Next action due")
	for _, t := range d.Tiers {
		fixed, usage := t.Split()
		row := []string{t.Label(), money.Users(float64(t.Users)), totalText(t), fixed.Cell(), usage.Cell(), t.PerUserText(), deltaText(t)}
		if d.Budget != nil {
			b := CheckBudget(d.Budget.Limit, t.Total(), t.Name)
			if b.Status == OverBudget {
				row = append(row, "over by "+money.USD(b.Overage))
			} else {
				row = append(row, "headroom "+money.USD(b.Headroom))
			}
		}
		rows = append(rows, append(row, nextDue(t)))
	}
	return header, rows, numeric
}

// nextDue is when the next action is due, in users: the engine's answer.
func nextDue(t TierSummary) string {
	n := t.Next
	switch {
	case n == nil:
		return "-"
	case n.Kind == "" || n.Kind == capacity.ActionNone:
		return "nothing limits"
	case n.Now:
		return "now"
	}
	return "at about " + money.Users(n.Users) + " users"
}

// assumptionRows puts each tier's assumptions in a column of its own.
func assumptionRows(d Data) (header []string, rows [][]string) {
	header = []string{"Input"}
	var names []string
	seen := map[string]bool{}
	values := make([]map[string]string, len(d.Tiers))
	for i, t := range d.Tiers {
		header = append(header, t.Label())
		values[i] = map[string]string{}
		for _, a := range t.Assumptions {
			values[i][a.Name] = a.Value
			if !seen[a.Name] {
				seen[a.Name] = true
				names = append(names, a.Name)
			}
		}
	}
	for _, n := range names {
		row := []string{n}
		for i := range d.Tiers {
			v, ok := values[i][n]
			if !ok {
				v = "-"
			}
			row = append(row, v)
		}
		rows = append(rows, row)
	}
	return header, rows
}

// ruleBasis says what each advisor rule rests on, in a reviewer's words;
// the rule's quoted source stays in the JSON.
var ruleBasis = map[string]string{
	capacity.RuleNextAction:    "Capacity model: the first layer to reach its planning limit as users grow",
	capacity.RuleCostCrossover: "Cost model: the whole architecture priced before and after the tier move",
	capacity.RuleOverload:      "Capacity model: the layer's load at peak exceeds its full capacity",
	capacity.RuleDatabase:      "Capacity model: a database resource past its planning threshold",
	capacity.RuleFixedCost:     "This estimate's bill: a fixed charge's share of the monthly total",
	capacity.RuleCaching:       "Scaling guideline: a cache from 5k to 20k users",
	capacity.RuleObservability: "Scaling guideline: alarms and dashboards beyond 50k users",
	capacity.Rule1M:            "Scaling guideline: CDN, cache and distributed data at 1m users",
	capacity.RuleNoSPOF:        "Reliability guideline: no single point of failure from 100k users",
	capacity.RuleSimplicity:    "Scaling guideline: a 1k system stays simple (saving priced)",
	capacity.RuleInput:         "Input check: the workload is not valid",
}

// basis is what a finding rests on; an unknown rule shows its id.
func basis(f Finding) string {
	if b, ok := ruleBasis[f.Rule]; ok {
		return b
	}
	return "Rule " + f.Rule
}

// findingMoney is the money a finding names: its saving, or the monthly
// cost it is about.
func findingMoney(f Finding) string {
	switch {
	case f.Saving != nil:
		return "saves " + money.USD(*f.Saving) + " a month"
	case f.Amount != nil:
		return money.USD(*f.Amount) + " a month"
	}
	return ""
}

// findingRows lists the findings with their money and basis; a tier
// column when the report has several tiers.
func findingRows(d Data) (header []string, rows [][]string) {
	several := len(d.Tiers) > 1
	if several {
		header = append(header, "Tier")
	}
	header = append(header, "Severity", "Finding", "Money", "Detail", "Basis")
	for _, f := range d.Findings {
		var row []string
		if several {
			row = append(row, f.Tier)
		}
		rows = append(rows, append(row, f.Severity, f.Title, findingMoney(f), f.Detail, basis(f)))
	}
	return header, rows
}

// rightsizeTable lists the right-sizing rows; a tier column when the
// report has several tiers.
func rightsizeTable(d Data) (header []string, rows [][]string) {
	several := len(d.Tiers) > 1
	if several {
		header = append(header, "Tier")
	}
	header = append(header, "Resource", "Current", "Recommended", "Finding", "Monthly saving")
	for _, r := range d.Rightsizing {
		var row []string
		if several {
			row = append(row, r.Tier)
		}
		rows = append(rows, append(row, r.Resource, r.Current, r.Recommended, r.Finding, money.USD(r.Saving)))
	}
	return header, rows
}

// sourceRows lists where the prices come from, in a reviewer's words; the
// CSV and FOCUS files keep each line's raw source.
func sourceRows(d Data) (header []string, rows [][]string) {
	header = []string{"Source", "Prices as of", "Line items priced"}
	for _, s := range priceSources(d) {
		rows = append(rows, []string{s.Words, dates(s.First, s.Last), users(int64(s.Lines))})
	}
	return header, rows
}
