// Package report owns the budget documents: the budget-review report, one
// Data value (tiers with their assumptions and next action, budget,
// right-sizing rows and findings) rendered as Markdown, a self-contained
// HTML page with inline SVG charts, a line-item CSV, a FinOps FOCUS CSV and
// JSON; and the Markdown estimate of one what-if that the TUI exports
// (Estimate). The human formats open with an executive summary and end
// with the line items; the CLI's tables and JSON breakdowns are package
// output's. Renderers are pure functions over plain data; rounding happens
// only through the money package.
package report

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"time"

	"github.com/shopspring/decimal"
	"github.com/tiercost/tiercost/costmodel/capacity"
	"github.com/tiercost/tiercost/costmodel/money"
	"github.com/tiercost/tiercost/costmodel/pricing"
)

// Data is everything one report shows.
type Data struct {
	Title     string    `json:"title"`
	Generated time.Time `json:"generated"`
	// CatalogAsOf is the oldest as-of date of the prices used, YYYY-MM-DD.
	CatalogAsOf string `json:"catalogAsOf"`
	Region      string `json:"region"`
	// Tiers are in growth order (smallest first); see Summarize. Several
	// tiers are alternative futures: no report adds them up.
	Tiers []TierSummary `json:"tiers"`
	// Budget is nil when no budget applies.
	Budget      *Budget        `json:"budget"`
	Rightsizing []RightsizeRow `json:"rightsizing"`
	Findings    []Finding      `json:"findings"`
	// NotModeled lists what no estimate includes (see NotModeled).
	NotModeled []string `json:"notModeled"`
	// LastMonth is the plan against last month's bill; nil without --bill.
	LastMonth *PlanVsActual `json:"lastMonth,omitempty"`
	// Forecast is the projection with its fan (report --bands of one
	// environment or tier); nil otherwise.
	Forecast *Forecast `json:"forecast,omitempty"`
}

// PlanVsActual is a month's plan against its bill (tiercost actual), as
// the budget review's summary states it.
type PlanVsActual struct {
	Period string `json:"period"`
	Bill   string `json:"bill"`
	// Planned is the plan's monthly total (a lower bound when
	// PlannedIncomplete); Effective and Billed are what the bill charged
	// for the plan's resources; Difference is Effective − Planned.
	Planned           decimal.Decimal  `json:"planned"`
	PlannedIncomplete bool             `json:"plannedIncomplete,omitempty"`
	Billed            decimal.Decimal  `json:"billed"`
	Effective         decimal.Decimal  `json:"effective"`
	Difference        decimal.Decimal  `json:"difference"`
	Percent           *decimal.Decimal `json:"percent,omitempty"`
	// Unmatched is what the bill charged that matches nothing of the plan.
	Unmatched decimal.Decimal `json:"unmatched"`
	// Largest are the largest differences with their causes, phrased.
	Largest []string `json:"largest"`
}

// Assumption is one input of the model for one tier, already phrased:
// {"Requests per user per day", "40"}. Reports show the tiers' assumptions
// side by side, one column per tier.
type Assumption struct {
	Name  string `json:"name"`
	Value string `json:"value"`
}

// TierSummary is one tier's priced breakdown and the figures derived from it.
type TierSummary struct {
	// Name is the tier, or the environment priced.
	Name string `json:"name"`
	// Architecture is the tier whose architecture an environment runs
	// ("100k" for prod); "" when Name is the tier itself.
	Architecture string            `json:"architecture,omitempty"`
	Users        int64             `json:"users"`
	Breakdown    pricing.Breakdown `json:"breakdown"`
	// CostPerUser is the monthly total over Users (zero when Users is 0);
	// tables show it per 1k users (money.Per1kUsersUSD).
	CostPerUser decimal.Decimal `json:"costPerUser"`
	Fixed       decimal.Decimal `json:"fixedMonthlyCost"`
	Usage       decimal.Decimal `json:"usageMonthlyCost"`
	// Delta is the monthly change against the previous tier; nil for the first.
	Delta *decimal.Decimal `json:"deltaMonthlyCost"`
	// ItemsNotPriced counts what the total leaves out (Breakdown.NotPriced),
	// so TotalIsLowerBound; Overloaded names the layers past their capacity
	// at peak ("" when none).
	ItemsNotPriced    int    `json:"itemsNotPriced"`
	TotalIsLowerBound bool   `json:"totalIsLowerBound"`
	Overloaded        string `json:"overloaded,omitempty"`
	// Assumptions are the tier's workload and the rates sized from it.
	Assumptions []Assumption `json:"assumptions"`
	// Next is the engine's next action for this tier (engine.Result.Next):
	// what to do, at how many users, and the cost before and after. Reports
	// phrase it and never work it out again; nil when it was not asked for.
	Next *capacity.NextStep `json:"nextAction,omitempty"`
	// Band is how wrong the tier's total can be (report --bands); nil
	// without it.
	Band *Band `json:"band,omitempty"`
}

// Label names the tier for a reader: "prod (100k architecture)" for an
// environment, the tier's own name otherwise.
func (t TierSummary) Label() string {
	if t.Architecture == "" || t.Architecture == t.Name {
		return t.Name
	}
	return t.Name + " (" + t.Architecture + " architecture)"
}

// Total is the tier's monthly total.
func (t TierSummary) Total() decimal.Decimal { return t.Breakdown.TotalMonthlyCost }

// Monthly is the tier's total with its marks (lower bound, overload).
func (t TierSummary) Monthly() money.Total { return t.Breakdown.Monthly() }

// Split is the tier's fixed and usage-based parts with their marks
// (pricing.Breakdown.Split).
func (t TierSummary) Split() (fixed, usage money.Total) { return t.Breakdown.Split() }

// PerUserText is the cost per 1k users, "≥ " first when the total it is
// spread from is a lower bound.
func (t TierSummary) PerUserText() string {
	return money.Total{Amount: money.Per1kUsers(t.CostPerUser), Unpriced: t.Monthly().Unpriced}.USD()
}

// TierInput is one tier to summarize.
type TierInput struct {
	Name      string
	Users     int64
	Breakdown pricing.Breakdown
}

// Summarize derives each tier's per-user cost, fixed/usage split and delta
// against the tier before it.
func Summarize(in []TierInput) []TierSummary {
	out := make([]TierSummary, 0, len(in))
	for i, t := range in {
		m := t.Breakdown.Monthly()
		s := TierSummary{Name: t.Name, Users: t.Users, Breakdown: t.Breakdown,
			Fixed: t.Breakdown.FixedMonthlyCost, Usage: t.Breakdown.UsageMonthlyCost,
			ItemsNotPriced: m.Unpriced, TotalIsLowerBound: m.LowerBound(), Overloaded: m.Overloaded}
		s.CostPerUser = money.CostPerUser(t.Breakdown.TotalMonthlyCost, float64(t.Users))
		if i > 0 {
			delta := t.Breakdown.TotalMonthlyCost.Sub(in[i-1].Breakdown.TotalMonthlyCost)
			s.Delta = &delta
		}
		out = append(out, s)
	}
	return out
}

// Budget statuses.
const (
	WithinBudget = "within budget"
	OverBudget   = "over budget"
)

// Budget is a monthly limit and how the largest tier (or the one
// environment) stands against it.
type Budget struct {
	Limit decimal.Decimal `json:"limit"`
	// Tier is the tier the status is about.
	Tier   string `json:"tier"`
	Status string `json:"status"`
	// Overage is the total minus the limit when over, else zero.
	Overage decimal.Decimal `json:"overage"`
	// Headroom is the limit minus the total when within, else zero.
	Headroom decimal.Decimal `json:"headroom"`
}

// CheckBudget compares a monthly total with a limit.
func CheckBudget(limit, total decimal.Decimal, tier string) Budget {
	b := Budget{Limit: limit, Tier: tier, Status: WithinBudget}
	// A bill is paid in cents: 1,666.632 against a 1,666.63 budget is within
	// it, not "over by $0.00".
	billed, cap := money.ToCents(total), money.ToCents(limit)
	if billed.GreaterThan(cap) {
		b.Status, b.Overage = OverBudget, billed.Sub(cap)
	} else {
		b.Headroom = cap.Sub(billed)
	}
	return b
}

// RightsizeRow is one right-sizing recommendation, already phrased.
type RightsizeRow struct {
	// Tier is the tier's name when the report has several tiers.
	Tier        string `json:"tier,omitempty"`
	Resource    string `json:"resource"`
	Current     string `json:"current"`
	Recommended string `json:"recommended"`
	Finding     string `json:"finding"` // e.g. over-provisioned, under-provisioned, optimized
	// Saving is the monthly saving (negative when the change costs more).
	Saving decimal.Decimal `json:"saving"`
}

// Finding is one advisor finding.
type Finding struct {
	// Tier is the tier's name when the report has several tiers.
	Tier     string `json:"tier,omitempty"`
	Rule     string `json:"rule"`
	Severity string `json:"severity"` // info, warning, high
	Title    string `json:"title"`
	Detail   string `json:"detail"`
	// Source is the text the rule quotes (machine output keeps it); the
	// human formats say what the finding rests on instead (basis).
	Source string `json:"source"`
	// Saving is the monthly saving the finding prices; Amount the monthly
	// cost it is about. Either may be nil.
	Saving *decimal.Decimal `json:"saving,omitempty"`
	Amount *decimal.Decimal `json:"amount,omitempty"`
}

// componentTotals sums priced resources' monthly cost by component.
func componentTotals(b pricing.Breakdown) map[string]decimal.Decimal {
	out := map[string]decimal.Decimal{}
	for _, r := range b.Resources {
		if r.Status != pricing.StatusPriced {
			continue
		}
		out[ComponentName(r)] = out[ComponentName(r)].Add(r.MonthlyCost)
	}
	return out
}

// componentTotal is one component's total with the items it leaves out,
// so a component whose load balancer has no price shows "≥ $0.00", not $0.
func componentTotal(b pricing.Breakdown, comp string) money.Total {
	t := money.Total{Amount: componentTotals(b)[comp]}
	for _, r := range b.Resources {
		if r.Status == pricing.StatusPriced && ComponentName(r) == comp {
			t.Unpriced += r.MissingPrices()
		}
	}
	return t
}

// marks lists, for each tier whose total carries a mark, "1k: ≥ $22.63,
// 13 items not priced; OVERLOADED: ...".
func marks(tiers []TierSummary) []string {
	var out []string
	for _, t := range tiers {
		if m := t.Monthly(); len(m.Marks()) > 0 {
			out = append(out, t.Label()+": "+m.String())
		}
	}
	return out
}

// NotModeled lists what no estimate includes, whatever the stack: the
// reports show it and docs/not-modeled.md explains it (a test keeps the
// two in step).
func NotModeled() []string {
	return []string{
		"Route 53 beyond hosted zones and standard queries: health checks, latency and geo queries, Resolver, domain registration",
		"AWS Support plans (Business, Enterprise: a share of the monthly bill)",
		"Taxes (sales tax, VAT, GST) and currency conversion",
		"Data transfer between AWS regions, and to on-premises networks (VPN, Direct Connect)",
		"Data transfer other than what the usage gives: internet egress, inter-AZ, NAT and CloudFront traffic are modelled; S3 and cross-service traffic are not",
		"Secrets Manager secrets and KMS keys and requests, unless a pricer lists them",
		"Security and audit services other than WAF web ACLs: Shield Advanced, GuardDuty, CloudTrail, Config, Security Hub",
		"Backups beyond RDS automated backups and usage-given snapshots (AWS Backup plans, AMIs)",
		"Spot, dedicated-tenancy and dedicated-host hours (listed as not priced), credits, Enterprise Discount Programs and private pricing; reserved upfront fees are amortised into the effective hourly rate",
		"Price changes after the catalog's as-of date, and months other than 730 hours",
		"The Pulumi backend, CI runners and other tooling outside the stack",
	}
}

// components lists every component across tiers, largest total first, then
// by name, so colours and rows are stable.
func components(tiers []TierSummary) []string {
	sum := map[string]decimal.Decimal{}
	for _, t := range tiers {
		for c, v := range componentTotals(t.Breakdown) {
			sum[c] = sum[c].Add(v)
		}
	}
	out := make([]string, 0, len(sum))
	for c := range sum {
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool {
		if c := sum[out[i]].Cmp(sum[out[j]]); c != 0 {
			return c > 0
		}
		return out[i] < out[j]
	})
	return out
}

// JSON writes the report data as indented JSON; amounts are decimal strings.
func JSON(w io.Writer, d Data) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(d); err != nil {
		return fmt.Errorf("report json: %w", err)
	}
	return nil
}
