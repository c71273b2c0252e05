// Package glossary is tiercost's one vocabulary: the terms its tables, the
// TUI's help screen and the reports use, each with what it means. The CLI
// and the TUI read Terms; docs/glossary.md is written from it (Markdown),
// and a test keeps the two the same.
package glossary

import (
	"fmt"
	"io"
	"strings"
)

// Term is one word or mark and what it means. Also lists the other
// spellings the same idea has on screen (a column header, a TUI label);
// Lookup ignores case, so a header in capitals needs no entry of its own.
type Term struct {
	Name    string
	Also    []string
	Meaning string
}

// Terms lists every term, in the order the glossary presents them: traffic,
// cost, marks, capacity, buying.
func Terms() []Term {
	return []Term{
		{Name: "users", Also: []string{"monthly active users"},
			Meaning: "Monthly active users. Every demand (requests, data, connections) is proportional to them, so a what-if on users rescales the whole workload."},
		{Name: "peak factor", Also: []string{"peak_to_average"},
			Meaning: "Peak-hour requests over the average hour (4 at 1k users, 2.5 at 1m: more time zones flatten the peak). Capacity is sized for the peak; usage-based cost follows the average."},
		{Name: "edge RPS", Also: []string{"PEAK RPS"},
			Meaning: "Requests per second at the peak hour as users send them, before the CDN. The tiers table's PEAK RPS is edge RPS."},
		{Name: "origin RPS", Also: []string{"origin peak"},
			Meaning: "Requests per second at the peak hour that reach the load balancer and app servers: edge RPS × (1 − edge-cacheable share × CDN hit ratio); without a CDN, all of them. Compute, database and cache are sized on origin RPS, so right-sizing quotes it."},
		{Name: "fixed cost", Also: []string{"fixed"},
			Meaning: "Line items that cost the same whatever the traffic: instance, node and gateway hours, provisioned storage."},
		{Name: "usage-based cost", Also: []string{"usage"},
			Meaning: "Line items that follow traffic: requests, data out, load balancer capacity units, NAT data, log volume. Their quantities come from the workload model or a usage file."},
		{Name: "cost per 1k users", Also: []string{"PER 1K USERS", "/1k usr"},
			Meaning: "The monthly total divided by users, times 1,000. One unit everywhere: the CLI, the TUI and the reports."},
		{Name: "Δ", Also: []string{"change", "Δ current", "CHANGE/MO", "STEP"},
			Meaning: "A monthly difference, always new minus old, and each column says against what: in the tiers table CHANGE is against the tier before; in the TUI overview Δ current is against the environment or tier you have open; in rightsize CHANGE/MO is recommended minus current; in diff it is the second source minus the first; in forecast a STEP is a month whose cost jumps (a tier change or a resized layer), with its change on the month before."},
		{Name: "lower bound", Also: []string{"≥", "+?", "not priced"},
			Meaning: "A total marked ≥ (+? in the TUI) leaves out line items whose price is not in the catalog, so the real cost is at least that much. The \"Not priced\" list names them; they are never counted as $0."},
		{Name: "not modelled", Also: []string{"free resources"},
			Meaning: "Resources with no charge of their own (security groups, route tables, IAM) or outside what tiercost prices; they are listed, not summed."},
		{Name: "limit", Also: []string{"limits"},
			Meaning: "For one layer, the user count at which one resource (CPU, memory, connections, storage, bandwidth) stops meeting its planning threshold at today's sizes, and at the largest sizes its architecture allows."},
		{Name: "load", Also: []string{"load at peak"},
			Meaning: "A resource's share of its full capacity at peak: users ÷ limit. Above 100 % the layer is overloaded."},
		{Name: "overload", Also: []string{"overloaded"},
			Meaning: "A layer whose load at peak is above 100 %: the architecture as sized cannot carry the users. Every output says so next to the total, and check fails."},
		{Name: "plan vs actual", Also: []string{"planned", "billed", "effective", "difference"},
			Meaning: "A month's plan against its bill (tiercost actual, report --bill, the TUI's budget view with tui --bill): planned is the plan's monthly cost, billed what the invoice charged, effective the cost after discounts and amortised commitments, difference = effective − planned, split into causes (month length, usage, price, not in plan, not billed). docs/actuals.md."},
		{Name: "unmatched charges", Also: []string{"unmatched"},
			Meaning: "Bill lines that name no resource of the plan and carry no tag of its environment (tax, support, other teams' resources): listed with their cost and counted in the bill's total, never dropped."},
		{Name: "next action", Also: []string{"SCALE-NEXT-ACTION"},
			Meaning: "The one thing to do next and when: at N users, resize a layer or move to the next tier, with the whole architecture's monthly cost just before and after. advise, forecast, the TUI and the reports give the same one."},
		{Name: "tier", Also: []string{"architecture"},
			Meaning: "One of the four architectures, 1k, 10k, 100k and 1m users (names are case-insensitive: 1K, 1M). An environment (dev, staging, prod) runs one tier's architecture at its own users; prod is the 100k architecture."},
		{Name: "headroom", Also: []string{"within budget"},
			Meaning: "Budget minus the monthly estimate, when the estimate is within budget."},
		{Name: "purchase options", Also: []string{"purchase", "on-demand", "reserved"},
			Meaning: "How EC2, RDS and ElastiCache capacity is bought: on-demand, or a reserved term (1 or 3 years; no, partial or all upfront; standard or convertible). Set with --purchase or pricing.purchase; tiercost knobs lists the names."},
		{Name: "SP", Also: []string{"Savings Plan", "SP coverage", "savings_plan_coverage"},
			Meaning: "A Compute Savings Plan: the share (0 to 100 %) of compute hours billed at the plan's rate instead of on-demand. Needs Savings Plan rates in the catalog (tiercost pricing import)."},
		{Name: "free tier", Also: []string{"free_tier"},
			Meaning: "AWS's always-free allowances, subtracted from usage when turned on (--free-tier); off by default, since a company account rarely has them."},
		{Name: "duty cycle", Also: []string{"monthly_hours"},
			Meaning: "Hours a month the app instances run (730 = always on); other resources stay at 730."},
	}
}

// Lookup finds a term by its name or another spelling, ignoring case.
func Lookup(name string) (Term, bool) {
	for _, t := range Terms() {
		if strings.EqualFold(t.Name, name) {
			return t, true
		}
		for _, a := range t.Also {
			if strings.EqualFold(a, name) {
				return t, true
			}
		}
	}
	return Term{}, false
}

// Markdown writes docs/glossary.md.
func Markdown(w io.Writer) error {
	var b strings.Builder
	b.WriteString("# Glossary\n\n")
	b.WriteString("The words and marks tiercost's tables, terminal UI and reports use. This file is written from\n")
	b.WriteString("`cmd/tiercost/internal/glossary` (`go test ./cmd/tiercost/internal/glossary -update`), which the\n")
	b.WriteString("TUI's `?` screen reads too, so both say the same.\n\n")
	b.WriteString("| term | also shown as | meaning |\n|---|---|---|\n")
	for _, t := range Terms() {
		also := make([]string, len(t.Also))
		for i, a := range t.Also {
			also[i] = "`" + a + "`"
		}
		fmt.Fprintf(&b, "| **%s** | %s | %s |\n", t.Name, strings.Join(also, ", "), strings.ReplaceAll(t.Meaning, "|", "\\|"))
	}
	_, err := io.WriteString(w, b.String())
	return err
}
