package tui

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// term is one word or mark the TUI shows, and what it means.
type term struct {
	name, text string
}

// glossary is every term the TUI shows, in one place: `?` lists the ones
// on the active view. docs/glossary.md is the same vocabulary for the CLI
// and the reports; when it is shared as a package, this list gives way to
// it and only termsOn stays here.
var glossary = map[string]term{
	"mo":        {"/mo", "per month: 730 hours of every resource that runs, plus the month's usage (requests, egress, logs)."},
	"tier":      {"tier", "the architecture the capacity model picks for the users: 1k, 10k, 100k or 1m. Each larger tier adds layers (replicas, cache, CDN, shards)."},
	"budget":    {"OK NEAR OVER", "the total against the environment's monthly budget: OK under 80%, NEAR 80% to 100%, OVER above 100%."},
	"whatif":    {"what-if", "the open target with some knobs changed (marked *); r returns to the baseline, s saves it as an environment file."},
	"baseline":  {"baseline", "the open environment or tier as its file describes it, before any what-if."},
	"next":      {"next action", "the first change growth needs, and when: at N users, do X (a larger class, a replica, a shard, or the next tier). N is where the first limit is reached."},
	"limit":     {"limit", "the user count at which one layer (CPU, memory, connections, storage, bandwidth) reaches its planning threshold at the current sizes."},
	"overload":  {"OVERLOADED", "a layer is past its full capacity at peak (load above 100%): the estimate prices hardware that would not carry the traffic."},
	"lower":     {"≥  +?", "a lower bound: some line items have no price in the catalog and are left out, so the true cost is at least this."},
	"delta":     {"Δ  Delta", "the monthly change: Δ current against the open target (the row marked *), Delta against the baseline. + costs more."},
	"per1k":     {"per 1k users", "the monthly total divided by the users, times 1,000 (/1k usr where it is abbreviated)."},
	"fixed":     {"fixed, usage", "fixed costs run by the hour whatever the traffic (instances, NAT gateways, load balancer hours); usage costs follow the traffic (requests, egress, load balancer capacity units, logs)."},
	"abbrev":    {"$3.55k  $1.2M", "amounts shortened to fit: k is thousand, M million; the full amount is on a wider terminal and in exports."},
	"users":     {"users", "monthly active users; traffic, data and the tier follow them. u and U step by 10^¼ (four steps a decade)."},
	"peak":      {"peak factor", "peak-hour requests over the average hour; every layer is sized for the peak."},
	"hits":      {"cache hit, CDN hit", "the share of reads the application cache answers, and of cacheable requests CloudFront answers without the origin."},
	"kb":        {"response KB", "the mean response size: egress and load balancer traffic grow with it."},
	"family":    {"family", "the app servers' instance family: graviton (Arm) or x86. The database and cache keep their classes."},
	"cpu":       {"target CPU", "the peak CPU share the app fleet and the database are sized for; lower leaves more headroom and costs more."},
	"purchase":  {"purchase", "how EC2, RDS and ElastiCache capacity is bought: on-demand, or a reserved term (1 or 3 years, no, partial or all upfront)."},
	"sp":        {"SP coverage", "SP is a Compute Savings Plan: a 1- or 3-year commitment to spend per hour on compute for a lower rate; coverage is the share of compute it covers."},
	"free":      {"free tier", "AWS's always-free allowances, taken off the bill when on."},
	"hours":     {"hours/month", "how many hours a month the app instances run (730 is always on)."},
	"sizing":    {"Sizing", "what the capacity model chose for the users: instance types and counts, replicas, shards, NAT."},
	"bd-free":   {"free", "a resource AWS does not bill (security groups, IAM roles, route tables…)."},
	"notpriced": {"not priced", "a resource type or line item without a price in the catalog; it is listed and left out of totals."},
	"prov":      {"provenance", "where a price comes from (p): the catalog layer, its source row and its as-of date."},
	"qty":       {"qty from", "where a quantity comes from: the spec (what is deployed), the workload model, a usage file or a default."},
	"rightsize": {"Right-sizing", "Over-provisioned, Under-provisioned or Optimized, in Compute Optimizer's words: the smallest size that keeps the target CPU at peak, and its saving."},
	"advisor":   {"Advisor", "rules from the architecture guide (the next action, fixed costs out of proportion, Graviton, reserved terms), each with its source."},
	"saving":    {"saving not known", "the finding is worth acting on but its saving is not priced; it is not counted in the total."},
	"headroom":  {"headroom", "the budget minus the estimate; Over by when it is negative."},
	"boundary":  {"┊ tier boundary", "where the users knob moves the architecture to the next tier, on this target's curve."},
	"current":   {"◆ current", "the scenario on screen, on the curve priced with its region, family and other knobs."},
	"curve":     {"cost curve", "the monthly total priced at 13 user counts from 1k to 1m on a log scale, with the what-if's knobs other than users."},
}

// viewTerms are the glossary keys each view shows, after the header's.
var viewTerms = [tabCount][]string{
	tabOverview:  {"per1k", "fixed", "delta", "lower", "abbrev"},
	tabBreakdown: {"bd-free", "lower", "notpriced", "prov", "qty"},
	tabWhatIf:    {"baseline", "delta", "fixed", "lower", "limit", "users", "peak", "hits", "kb", "family", "cpu", "purchase", "sp", "free", "hours", "sizing"},
	tabFindings:  {"rightsize", "advisor", "limit", "saving"},
	tabBudget:    {"headroom", "lower"},
	tabChart:     {"curve", "boundary", "current", "per1k", "abbrev"},
}

// headerTerms are on every view: the header and the status line.
var headerTerms = []string{"mo", "tier", "budget", "whatif", "next", "overload"}

// termsOn lists the terms of a view, then the header's, each once.
func termsOn(t tab) []term {
	var out []term
	seen := map[string]bool{}
	for _, k := range append(append([]string{}, viewTerms[t]...), headerTerms...) {
		if !seen[k] {
			seen[k] = true
			out = append(out, glossary[k])
		}
	}
	return out
}

// helpView is the full help: the view's keys, then what every term on it
// means, scrolled by helpOffset.
func (m Model) helpView(w, h int) string {
	lines := m.helpLines(w)
	off := min(m.helpOffset, max(len(lines)-h, 0))
	end := min(off+h, len(lines))
	out := lines[off:end]
	if end < len(lines) && len(out) > 0 {
		out[len(out)-1] = m.styles.Muted.Render("↓ more: ↑/↓ scroll · any other key closes")
	}
	return strings.Join(out, "\n")
}

// helpLinesFor is the help of another view, for tests.
func (m Model) helpLinesFor(t tab) []string {
	m.tab = t
	return m.helpLines(m.contentWidth())
}

// helpLines renders the keys and the terms for width w.
func (m Model) helpLines(w int) []string {
	hm := m.help
	hm.ShowAll = true
	hm.Width = w
	lines := []string{m.styles.Heading.Render("Keys")}
	lines = append(lines, strings.Split(hm.View(m.keys.helpFor(m.tab, false)), "\n")...)
	lines = append(lines, "", m.styles.Heading.Render("Terms on this view"))
	const nameW = 18
	for _, t := range termsOn(m.tab) {
		if w < 70 {
			lines = append(lines, m.styles.Heading.Render(t.name))
			for _, l := range wrap(t.text, w-2) {
				lines = append(lines, "  "+l)
			}
			continue
		}
		for i, l := range wrap(t.text, w-nameW) {
			name := ""
			if i == 0 {
				name = m.styles.Heading.Render(t.name)
			}
			lines = append(lines, name+rep(" ", nameW-ansi.StringWidth(name))+l)
		}
	}
	return lines
}
