// Package report owns the budget documents: the budget-review report, one
// Data value (tiers, assumptions, budget, right-sizing rows and findings)
// rendered as Markdown, a self-contained HTML page with inline SVG charts,
// a line-item CSV, a FinOps FOCUS CSV and JSON; and the Markdown estimate
// of one what-if that the TUI exports (Estimate). The CLI's tables and
// JSON breakdowns are package output's. Renderers are pure functions over
// plain data; rounding happens only through the money package.
package report

import (
	"encoding/json"
	"fmt"
	"github.com/tiercost/tiercost/costmodel/money"
	"io"
	"sort"
	"time"

	"github.com/shopspring/decimal"
	"github.com/tiercost/tiercost/costmodel/output"
	"github.com/tiercost/tiercost/costmodel/pricing"
)

// Data is everything one report shows.
type Data struct {
	Title     string    `json:"title"`
	Generated time.Time `json:"generated"`
	// CatalogAsOf is the oldest as-of date of the prices used, YYYY-MM-DD.
	CatalogAsOf string `json:"catalogAsOf"`
	Region      string `json:"region"`
	// Assumptions is the workload table: one row per input of the model.
	Assumptions []Assumption `json:"assumptions"`
	// Tiers are in growth order (smallest first); see Summarize.
	Tiers []TierSummary `json:"tiers"`
	// Budget is nil when no budget applies.
	Budget      *Budget        `json:"budget"`
	Rightsizing []RightsizeRow `json:"rightsizing"`
	Findings    []Finding      `json:"findings"`
}

// Assumption is one workload input, e.g. {"Requests per user per day", "40", "capacity default"}.
type Assumption struct {
	Name  string `json:"name"`
	Value string `json:"value"`
	Note  string `json:"note,omitempty"`
}

// TierSummary is one tier's priced breakdown and the figures derived from it.
type TierSummary struct {
	Name      string            `json:"name"`
	Users     int64             `json:"users"`
	Breakdown pricing.Breakdown `json:"breakdown"`
	// CostPerUser is the monthly total over Users (zero when Users is 0);
	// tables show it per 1k users (money.Per1kUsersUSD).
	CostPerUser decimal.Decimal `json:"costPerUser"`
	Fixed       decimal.Decimal `json:"fixedMonthlyCost"`
	Usage       decimal.Decimal `json:"usageMonthlyCost"`
	// Delta is the monthly change against the previous tier; nil for the first.
	Delta *decimal.Decimal `json:"deltaMonthlyCost"`
}

// Total is the tier's monthly total.
func (t TierSummary) Total() decimal.Decimal { return t.Breakdown.TotalMonthlyCost }

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
		s := TierSummary{Name: t.Name, Users: t.Users, Breakdown: t.Breakdown,
			Fixed: t.Breakdown.FixedMonthlyCost, Usage: t.Breakdown.UsageMonthlyCost}
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
}

// CheckBudget compares a monthly total with a limit.
func CheckBudget(limit, total decimal.Decimal, tier string) Budget {
	b := Budget{Limit: limit, Tier: tier, Status: WithinBudget}
	// A bill is paid in cents: 1,666.632 against a 1,666.63 budget is within
	// it, not "over by $0.00".
	if billed, cap := money.ToCents(total), money.ToCents(limit); billed.GreaterThan(cap) {
		b.Status, b.Overage = OverBudget, billed.Sub(cap)
	}
	return b
}

// RightsizeRow is one right-sizing recommendation, already phrased.
type RightsizeRow struct {
	Resource    string `json:"resource"`
	Current     string `json:"current"`
	Recommended string `json:"recommended"`
	Finding     string `json:"finding"` // e.g. over-provisioned, under-provisioned, optimized
	// Saving is the monthly saving (negative when the change costs more).
	Saving decimal.Decimal `json:"saving"`
}

// Finding is one advisor finding.
type Finding struct {
	Rule     string `json:"rule"`
	Severity string `json:"severity"` // info, warning, high
	Title    string `json:"title"`
	Detail   string `json:"detail"`
	Source   string `json:"source"` // the document or rule the finding cites
}

// componentTotals sums priced resources' monthly cost by component.
func componentTotals(b pricing.Breakdown) map[string]decimal.Decimal {
	out := map[string]decimal.Decimal{}
	for _, r := range b.Resources {
		if r.Status != pricing.StatusPriced {
			continue
		}
		out[output.ComponentLabel(r)] = out[output.ComponentLabel(r)].Add(r.MonthlyCost)
	}
	return out
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
