// Package glossary is tiercost's one vocabulary: every word and mark its
// tables, the TUI and the reports show, each with what it means. The TUI's
// `?` screen renders its terms from Terms (each view names the ones it
// shows, by a spelling Lookup knows); docs/glossary.md is written from it
// (Markdown), and a test keeps the two the same. A new label on screen is a
// new row here first.
package glossary

import (
	"fmt"
	"io"
	"strings"
)

// Term is one word or mark and what it means. Also lists the other
// spellings the same idea has on screen (a column header, a TUI label, a
// knob's name); Lookup ignores case, so a header in capitals needs no entry
// of its own. One spelling names one term: a word never means two things.
type Term struct {
	Name    string
	Also    []string
	Meaning string
}

// section is a heading of docs/glossary.md and the terms under it.
type section struct {
	title string
	terms []Term
}

// sections is the glossary in the order it is presented: traffic, cost,
// marks, capacity, what-ifs, buying, tables.
var sections = []section{
	{"Users and traffic", []Term{
		{Name: "users", Also: []string{"monthly active users"},
			Meaning: "Monthly active users. Every demand (requests, data, connections, working set) is proportional to them, so a what-if on users rescales the whole workload, and the tier follows."},
		{Name: "peak factor", Also: []string{"peak_to_average"},
			Meaning: "Peak-hour requests over the average hour (4 at 1k users, 2.5 at 1m: more time zones flatten the peak). Capacity is sized for the peak; usage-based cost follows the average."},
		{Name: "edge RPS", Also: []string{"PEAK RPS"},
			Meaning: "Requests per second at the peak hour as users send them, before the CDN. The tiers table's PEAK RPS is edge RPS."},
		{Name: "origin RPS", Also: []string{"origin peak"},
			Meaning: "Requests per second at the peak hour that reach the load balancer and app servers: edge RPS × (1 − edge-cacheable share × CDN hit ratio); without a CDN, all of them. Compute, database and cache are sized on origin RPS, so right-sizing quotes it."},
		{Name: "cache hit ratio", Also: []string{"cache hit", "cache_hit_ratio"},
			Meaning: "The share of database reads the application cache answers, 0 to 1. A higher ratio moves load from the database to the cache."},
		{Name: "CDN hit ratio", Also: []string{"CDN hit", "cdn_hit_ratio"},
			Meaning: "The share of edge-cacheable requests CloudFront answers without asking the origin, 0 to 1: what turns edge RPS into origin RPS."},
		{Name: "response size", Also: []string{"response KB", "avg_response_kb"},
			Meaning: "The mean response in KB. Data out to the internet, CDN traffic and load balancer capacity units grow with it."},
	}},
	{"Cost", []Term{
		{Name: "/mo", Also: []string{"monthly"},
			Meaning: "Per month: 730 hours of every resource that runs (fewer for the app instances with a duty cycle), plus a month of usage (requests, data out, logs). Every amount is monthly unless its label says otherwise (forecast's CUMULATIVE)."},
		{Name: "fixed cost", Also: []string{"fixed"},
			Meaning: "Line items that cost the same whatever the traffic: instance, node, NAT gateway and load balancer hours, provisioned storage."},
		{Name: "usage-based cost", Also: []string{"usage", "usage-based"},
			Meaning: "Line items that follow the traffic: requests, data out, load balancer capacity units, NAT data processed, log volume. Their quantities come from the workload model or a usage file."},
		{Name: "cost per 1k users", Also: []string{"per 1k users", "/1k usr"},
			Meaning: "The monthly total divided by users, times 1,000. One unit everywhere: the CLI, the TUI (/1k usr where a column is narrow) and the reports."},
		{Name: "Δ", Also: []string{"Delta", "change", "Δ vs baseline", "CHANGE/MO", "STEP"},
			Meaning: "A monthly difference, always new minus old (+ costs more), and each label says against what. In the TUI, Δ vs baseline is against the environment or tier you opened, before any what-if (the row marked * on the overview). In the tiers table CHANGE is against the tier before; in rightsize CHANGE/MO is recommended minus current; in diff Delta is the second source minus the first; in forecast a STEP is a month whose cost jumps (a tier change or a resized layer), with its change on the month before."},
		{Name: "k, M", Also: []string{"k", "M"},
			Meaning: "Thousand and million where a number is shortened to fit: $3.55k, $1.2M, 3.2k users (user counts write million as m, as in the 1m tier, and billion as b). The full figure is on a wider terminal, in the CLI's tables and in exports."},
		{Name: "budget", Also: []string{"OK", "NEAR", "OVER", "budget_monthly_usd"},
			Meaning: "The monthly amount an environment may cost (budget_monthly_usd in its file, or --budget). The TUI rates the estimate against it: OK under 80 %, NEAR from 80 % to 100 %, OVER above 100 %; check fails over budget."},
		{Name: "headroom", Also: []string{"within budget", "Over by"},
			Meaning: "Room left before a limit. Against a budget: the budget minus the monthly estimate (Over by when the estimate is above it). In right-sizing: the margin kept above the peak (headroom 20 %: the peak × 1.2 must fit, so a layer is at most 83 % busy at peak)."},
		{Name: "cumulative",
			Meaning: "In forecast, the sum of the monthly totals from month 1 to this month: what the months so far cost together."},
		{Name: "provenance", Also: []string{"price_source"},
			Meaning: "Where a price comes from: the catalog layer (embedded, imported or fetched), its source and its as-of date. p in the TUI's breakdown shows it; the reports say it in words and the CSV's price_source column carries the raw source."},
		{Name: "quantity source", Also: []string{"qty from", "quantity_source"},
			Meaning: "Where a line item's monthly quantity comes from: spec (what the program deploys), workload model (the users' traffic), a usage file, or a default (a documented value such as 730 hours)."},
		{Name: "quantity", Also: []string{"Monthly qty", "QTY BEFORE", "QTY AFTER"},
			Meaning: "A line item's amount for the month in its unit: 1,460 hours, 1 month, 159,687.5 requests (a unit is singular beside 1). breakdown shows it as Monthly qty beside Unit; diff shows QTY BEFORE and QTY AFTER (- where the line is not on that side) beside the costs BEFORE and AFTER (--wide shows them), whose difference is DELTA. Tables, the TUI and the reports round it to 4 places with thousands separators; JSON and the CSVs keep it exact."},
	}},
	{"Marks", []Term{
		{Name: "lower bound", Also: []string{"≥"},
			Meaning: "A total marked ≥ leaves out line items that are not priced, so the real cost is at least that much. Every output says how many items it leaves out; they are never counted as $0."},
		{Name: "not priced", Also: []string{"price not found", "unknown"},
			Meaning: "A line item whose price the catalog does not have for its region (price not found), or a resource of a type tiercost does not price. It is listed under Not priced and left out of every total, which is then a lower bound (≥). An amount with nothing priced in it reads price not found (unknown where that does not fit), never $0.00."},
		{Name: "free", Also: []string{"free resources"},
			Meaning: "A resource AWS does not bill on its own (security groups, subnets, route tables, IAM roles): listed and counted, $0 in every total."},
		{Name: "plan vs actual", Also: []string{"planned", "billed", "effective", "difference"},
			Meaning: "A month's plan against its bill (tiercost actual, report --bill, the TUI's budget view with tui --bill): planned is the plan's monthly cost, billed what the invoice charged, effective the cost after discounts and amortised commitments, difference = effective − planned, split into causes (month length, usage, price, not in plan, not billed). docs/actuals.md."},
		{Name: "unmatched charges", Also: []string{"unmatched"},
			Meaning: "Bill lines that name no resource of the plan and carry no tag of its environment (tax, support, other teams' resources): listed with their cost and counted in the bill's total, never dropped."},
		{Name: "not modeled", Also: []string{"not modelled"},
			Meaning: "Costs outside the stack's resources and the workload's traffic, such as taxes, support plans and tooling: no estimate includes them, and docs/not-modeled.md lists them."},
		{Name: "overload", Also: []string{"overloaded"},
			Meaning: "A layer whose load at peak is above 100 %: the architecture as sized cannot carry the users, so the estimate prices hardware that would not carry the traffic. Every output marks the total OVERLOADED and names the layers with their load, and check fails."},
	}},
	{"Capacity", []Term{
		{Name: "tier", Also: []string{"architecture"},
			Meaning: "One of the four architectures, 1k, 10k, 100k and 1m users (names are case-insensitive: 1K, 1M); each larger one adds layers (replicas, cache, CDN, shards). The capacity model picks the tier that carries the users. An environment (dev, staging, prod) runs one tier's architecture at its own users; prod is the 100k architecture."},
		{Name: "main resources", Also: []string{"sizing"},
			Meaning: "What the capacity model chose for the users (its sizing): instance types and counts, read replicas, shards, cache nodes, NAT gateways, the CDN."},
		{Name: "DB replicas", Also: []string{"db_replicas", "read replicas", "+1r"},
			Meaning: "Database read replicas per shard (+1r in the tiers table is one). The capacity model sizes them; the knob overrides it."},
		{Name: "limit", Also: []string{"limits", "LIMIT (USERS)"},
			Meaning: "For one layer, the user count at which one resource (CPU, memory, connections, storage, bandwidth) stops meeting its planning threshold, at today's sizes and at the largest sizes its architecture allows."},
		{Name: "use", Also: []string{"USE NOW"},
			Meaning: "A resource's share of its planning threshold in use at today's users (users ÷ limit). At 100 % the layer reaches its limit and the next action is due."},
		{Name: "load", Also: []string{"load at peak"},
			Meaning: "A resource's share of its full capacity in use at peak: CPU at 100 %, all its memory or connections. Above 100 % the layer is overloaded. Load is below use where the threshold keeps headroom: with target CPU 55 %, a CPU use of 100 % is a load of 55 %."},
		{Name: "next action", Also: []string{"next", "SCALE-NEXT-ACTION"},
			Meaning: "The one change growth needs first, and when: at N users, resize a layer (a larger class, a replica, a shard) or move to the next tier, where N is the first limit reached; with the whole architecture's monthly cost just before and after. advise, forecast, the TUI and the reports give the same one."},
		{Name: "tier boundary", Also: []string{"┊"},
			Meaning: "A user count where the architecture moves to the next tier on the cost curve of the scenario on screen; the chart draws it as ┊."},
		{Name: "cost curve", Also: []string{"curve"},
			Meaning: "The monthly total priced at 13 user counts from 1k to 1m on a log scale, each with the what-if's knobs other than users. The TUI's chart draws it, and its cost per 1k users."},
		{Name: "right-sizing", Also: []string{"rightsize", "Over-provisioned", "Under-provisioned", "Optimized", "RECOMMENDED/MO"},
			Meaning: "Each sized layer against the cheapest type and count that carries its peak within the target CPU and the headroom: Over-provisioned, Under-provisioned or Optimized, in AWS Compute Optimizer's words, with the monthly change. Its totals are those layers' instances only, not the whole bill."},
		{Name: "instance hours only",
			Meaning: "What rightsize's TOTAL row adds up: the sized layers' (compute, database, cache) instance and node hours, before and after, not their storage or any other resource. So its CURRENT/MO total is less than the whole estimate, which the line under the table gives."},
		{Name: "peak utilization", Also: []string{"PEAK UTIL NOW", "PEAK UTIL REC"},
			Meaning: "In right-sizing, a layer's projected share of its sustained capacity at peak: CPU for compute, memory for the cache, the higher of the two for the database; NOW as sized, REC as recommended."},
		{Name: "risk",
			Meaning: "How close a recommended size runs to its capacity at peak, graded as AWS Compute Optimizer does: Low up to 60 % peak utilization, Medium up to 80 %, High above."},
		{Name: "p95 wait",
			Meaning: "The time within which 95 % of requests get a free app server at the peak (an Erlang C queue over every vCPU); compute adds instances until it is within its target, 50 ms by default."},
		{Name: "finding", Also: []string{"findings", "advisor"},
			Meaning: "One thing worth acting on: a right-sizing, or an advisor rule from the architecture guide (the next action, fixed costs out of proportion, Graviton, reserved terms), each with its source and, when priced, its monthly saving. advise, the TUI's Findings view and the reports list the same ones."},
		{Name: "saving not known",
			Meaning: "A finding worth acting on whose saving tiercost does not price; it is left out of the findings' total."},
	}},
	{"What-ifs", []Term{
		{Name: "baseline",
			Meaning: "The open environment or tier as its file describes it, before any what-if; or, for check --baseline, the estimate a change is compared with. Δ vs baseline is against it."},
		{Name: "what-if", Also: []string{"scenario"},
			Meaning: "The baseline with some knobs changed (--set KNOB=VALUE, or the TUI's What-ifs view, where a changed knob is marked *). The TUI's s, or tiercost scenario, saves it as an environment file that prices and deploys exactly as estimated."},
		{Name: "current", Also: []string{"◆", "CURRENT/MO"},
			Meaning: "As it is now: in the TUI, the estimate on screen with its what-ifs (◆ on the chart); in rightsize, a layer's sizes and cost before the recommendation (CURRENT, CURRENT/MO)."},
		{Name: "instance family", Also: []string{"family"},
			Meaning: "The app servers' instance family: graviton (Arm) or x86; the image architecture follows. The database and cache keep their classes."},
		{Name: "target CPU", Also: []string{"target_utilization"},
			Meaning: "The peak CPU share the app fleet and the database are sized for, 20 % to 90 % (55 % by default); lower leaves more headroom and costs more."},
		{Name: "region",
			Meaning: "The AWS region whose prices apply: the environment's own (us-east-1 in the shipped ones) unless --region or the knob says otherwise. tiercost pricing info lists the regions the catalog prices; with --region it shows what the catalog lacks there."},
	}},
	{"Buying", []Term{
		{Name: "purchase options", Also: []string{"purchase", "on-demand", "reserved"},
			Meaning: "How EC2, RDS and ElastiCache capacity is bought: on-demand, or a reserved term (1 or 3 years; no, partial or all upfront; standard or convertible). Set with --purchase or pricing.purchase; tiercost knobs lists the names."},
		{Name: "SP", Also: []string{"Savings Plan", "SP coverage", "savings_plan_coverage"},
			Meaning: "A Compute Savings Plan: a 1- or 3-year commitment to an hourly spend on compute for a lower rate. SP coverage is the share (0 to 100 %) of compute hours billed at the plan's rate instead of on-demand; it needs Savings Plan rates in the catalog (tiercost pricing import)."},
		{Name: "free tier", Also: []string{"free_tier"},
			Meaning: "AWS's always-free allowances, taken off the usage when turned on (--free-tier, or the knob); off by default, since a company account rarely has them."},
		{Name: "duty cycle", Also: []string{"monthly_hours", "hours/month"},
			Meaning: "Hours a month the app instances run (730 = always on); other resources stay at 730."},
	}},
	{"Tables", []Term{
		{Name: "not shown", Also: []string{"--wide"},
			Meaning: "Every table fits 100 characters (or a narrower terminal): long cells wrap, then the least important columns are dropped, and the line under the table names them: Not shown, to fit 100 characters: PEAK RPS, FIXED (--wide shows them). --wide (or wide: true in tiercost.yaml) shows every column on one line; --format json always has every field."},
		{Name: "--show-free", Also: []string{"show-free"},
			Meaning: "The breakdown table counts the free resources in one line (Free resources: N (--show-free lists them)) rather than listing them; --show-free, or show-free: true in tiercost.yaml, lists them by type with their counts."},
	}},
	{"Uncertainty", []Term{
		{Name: "P10, P50, P90", Also: []string{"P10", "P50", "P90", "P10–P90", "band", "bands"},
			Meaning: "How wrong an estimate can be. Each guess it rests on has a range, the ranges are sampled and every sample priced: 10 % of the samples' monthly totals are at or under P10, half at or under P50, 90 % at or under P90. A component's P10 is its own percentile, so components' P10s do not add up to the total's. docs/uncertainty.md."},
		{Name: "range", Also: []string{"ranges", "workload_ranges"},
			Meaning: "An assumption's P10, P50 and P90 and its distribution (triangular or lognormal). P50 is today's value, the point estimate's input; P10 and P90 come from the tier's default, the environment file's workload_ranges, or --set KNOB=P10..P90. The word fixed instead of a range holds an assumption at today's value."},
		{Name: "sample", Also: []string{"samples", "seed"},
			Meaning: "One what-if drawn from the ranges (a midpoint Latin hypercube) and priced by the same engine as every estimate. The seed fixes which: the same seed gives the same band, byte for byte. 265 by default (65 a month for a forecast's fan)."},
		{Name: "tornado", Also: []string{"what matters most", "swing", "AT P10", "AT P90"},
			Meaning: "Which guess matters most: the total with one assumption at its P10 and at its P90, every other at today's value. SWING is the P90 total less the P10 total; the largest swing is listed first."},
		{Name: "fan",
			Meaning: "A forecast's band month by month: each sample grows from its own users at its own growth rate, and each month's P10, P50 and P90 are shown."},
		{Name: "confidence", Also: []string{"--confidence"},
			Meaning: "With check --confidence 90, the budget is checked against the band's P90 rather than today's estimate: the total 90 % of the samples stay at or under."},
		{Name: "ASG running", Also: []string{"asg_running"},
			Meaning: "How many app instances run on average: -1 at the Auto Scaling group's minimum, 0 at its desired capacity (the default), 1 at its maximum. It is priced as usage; what is deployed keeps min, desired and max."},
		{Name: "daily active share", Also: []string{"daily_active_share", "daily active"},
			Meaning: "Daily active users over monthly active users, 0 to 1: with requests per user, it sets the traffic."},
		{Name: "requests per user", Also: []string{"requests_per_user_per_day", "requests/user"},
			Meaning: "HTTP requests one daily active user makes a day (pages, API calls, assets not cached by the browser)."},
		{Name: "edge-cacheable share", Also: []string{"edge_cacheable_share", "edge cacheable"},
			Meaning: "The share of requests CloudFront may cache, 0 to 1."},
		{Name: "DB queries per request", Also: []string{"db_queries_per_request", "DB queries/req"},
			Meaning: "Database queries one origin request runs; with the read share, it sets the database's load."},
		{Name: "read share", Also: []string{"read_share"},
			Meaning: "The share of database queries that are reads, 0 to 1: reads go to the cache and the replicas, writes to the primary."},
		{Name: "hot working set", Also: []string{"hot_working_set_gb", "working set GB"},
			Meaning: "The data that must stay in memory, in GB: it sizes the cache nodes and the database's memory, and grows with users."},
		{Name: "data per user", Also: []string{"data_per_user_mb", "data/user MB", "data/user"},
			Meaning: "Database data stored per monthly active user, in MB: it sizes the database's storage."},
		{Name: "data growth", Also: []string{"monthly_growth"},
			Meaning: "The monthly user growth the database's storage is sized for (12 months ahead), 0 to 1. A forecast's growth rate is its own (--growth)."},
	}},
}

// Terms lists every term, in the order the glossary presents them.
func Terms() []Term {
	var out []Term
	for _, s := range sections {
		out = append(out, s.terms...)
	}
	return out
}

// Spellings is the term's name, then its other spellings.
func (t Term) Spellings() []string { return append([]string{t.Name}, t.Also...) }

// Lookup finds a term by its name or another spelling, ignoring case.
func Lookup(name string) (Term, bool) {
	for _, t := range Terms() {
		for _, s := range t.Spellings() {
			if strings.EqualFold(s, name) {
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
	b.WriteString("TUI's `?` screen reads too, so both say the same.\n")
	for _, s := range sections {
		fmt.Fprintf(&b, "\n## %s\n\n| term | also shown as | meaning |\n|---|---|---|\n", s.title)
		for _, t := range s.terms {
			also := make([]string, len(t.Also))
			for i, a := range t.Also {
				also[i] = "`" + a + "`"
			}
			fmt.Fprintf(&b, "| **%s** | %s | %s |\n", cell(t.Name), cell(strings.Join(also, ", ")), cell(t.Meaning))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// cell escapes what would end a Markdown table cell.
func cell(s string) string { return strings.ReplaceAll(s, "|", "\\|") }
