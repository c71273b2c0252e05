package actual

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/tiercost/tiercost/costmodel/money"
	"github.com/tiercost/tiercost/costmodel/pricing"
)

// Cause kinds, as the table shows them.
const (
	CauseUsage     = "usage"       // the bill's quantity is not the plan's
	CauseMonth     = "month"       // the same, explained by the month's length
	CausePrice     = "price"       // the bill's unit price is not the plan's
	CauseNotInPlan = "not in plan" // billed, never planned
	CauseNotBilled = "not billed"  // planned, never billed
	CauseOther     = "other"       // credits, tax, lines without a quantity
)

// Cause is one reason a resource's effective cost differs from its plan,
// with its share of the difference and the evidence.
type Cause struct {
	Kind string `json:"kind"`
	// Text says it with the numbers: "usage higher than planned: 1,500 GB
	// billed vs 1,000 GB planned".
	Text   string          `json:"text"`
	Amount decimal.Decimal `json:"amount"`
}

// Quantity compares one unit of a resource: what was planned and billed.
type Quantity struct {
	Unit string `json:"unit"`
	// Lines names the planned line items compared.
	Lines         []string        `json:"planLines,omitempty"`
	Planned       decimal.Decimal `json:"planned"`
	Billed        decimal.Decimal `json:"billed"`
	PlannedCost   decimal.Decimal `json:"plannedCost"`
	BilledCost    decimal.Decimal `json:"billedCost"`
	EffectiveCost decimal.Decimal `json:"effectiveCost"`
	// ListCost is the bill's list cost of the quantity, when it gives one.
	ListCost *decimal.Decimal `json:"listCost,omitempty"`
}

// Row is one resource (or shared charge) of the plan, the bill or both.
type Row struct {
	Name      string `json:"name"`
	Type      string `json:"type,omitempty"`
	URN       string `json:"urn,omitempty"`
	Component string `json:"component"`
	// How says how its bill lines were matched ("" when none were).
	How     How             `json:"matchedBy,omitempty"`
	Planned decimal.Decimal `json:"planned"`
	// PlannedIncomplete is set when the plan could not price all of it:
	// Planned is then a lower bound.
	PlannedIncomplete bool            `json:"plannedIncomplete,omitempty"`
	Billed            decimal.Decimal `json:"billed"`
	Effective         decimal.Decimal `json:"effective"`
	// Difference is Effective − Planned; Percent is it over Planned (nil
	// when nothing was planned).
	Difference decimal.Decimal  `json:"difference"`
	Percent    *decimal.Decimal `json:"percent,omitempty"`
	Causes     []Cause          `json:"causes,omitempty"`
	Quantities []Quantity       `json:"quantities,omitempty"`
	Lines      int              `json:"billLines"`
}

// Group sums the rows of one component.
type Group struct {
	Component  string           `json:"component"`
	Planned    decimal.Decimal  `json:"planned"`
	Billed     decimal.Decimal  `json:"billed"`
	Effective  decimal.Decimal  `json:"effective"`
	Difference decimal.Decimal  `json:"difference"`
	Percent    *decimal.Decimal `json:"percent,omitempty"`
}

// UnmatchedCharge sums the bill lines of one service and resource that
// match nothing of the plan: listed, never dropped.
type UnmatchedCharge struct {
	Provider   string          `json:"provider"`
	Service    string          `json:"service"`
	ResourceID string          `json:"resourceId,omitempty"`
	Category   string          `json:"chargeCategory"`
	Billed     decimal.Decimal `json:"billed"`
	Effective  decimal.Decimal `json:"effective"`
	Lines      int             `json:"billLines"`
}

// OtherProviders sums a period's lines that another provider than AWS
// billed (a FOCUS export can hold several clouds): the plan is of AWS, so
// they are left out of the comparison and its totals, and said so.
type OtherProviders struct {
	// Providers are their ProviderName values, sorted.
	Providers []string        `json:"providers"`
	Lines     int             `json:"billLines"`
	Billed    decimal.Decimal `json:"billed"`
	Effective decimal.Decimal `json:"effective"`
}

// add counts one line of another provider into o (a new one when o is
// nil) and returns it.
func (o *OtherProviders) add(l *Line) *OtherProviders {
	if o == nil {
		o = &OtherProviders{}
	}
	name := l.Provider
	if name == "" {
		name = "(no ProviderName)"
	}
	if i, found := slices.BinarySearch(o.Providers, name); !found {
		o.Providers = slices.Insert(o.Providers, i, name)
	}
	o.Lines++
	o.Billed = o.Billed.Add(l.BilledCost)
	o.Effective = o.Effective.Add(l.EffectiveCost)
	return o
}

// Report is the plan against one billing period of the bill.
type Report struct {
	Bill   Info   `json:"bill"`
	Period string `json:"period"`
	// HoursInPeriod is the month's length; the plan assumes 730 hours.
	HoursInPeriod int               `json:"hoursInPeriod"`
	Rows          []Row             `json:"resources"`
	Components    []Group           `json:"components"`
	Unmatched     []UnmatchedCharge `json:"unmatched"`
	// OtherProviders are the period's lines left out because another
	// provider than AWS billed them; nil when there are none.
	OtherProviders *OtherProviders `json:"otherProviders,omitempty"`
	// Totals: Planned is the plan's total (PlannedIncomplete when it is a
	// lower bound); the bill's totals count every AWS line of the period,
	// the unmatched ones included; Matched* count the lines matched to the
	// plan (resources, shared charges and unplanned resources).
	Planned            decimal.Decimal  `json:"planned"`
	PlannedIncomplete  bool             `json:"plannedIncomplete,omitempty"`
	Billed             decimal.Decimal  `json:"billed"`
	Effective          decimal.Decimal  `json:"effective"`
	MatchedBilled      decimal.Decimal  `json:"matchedBilled"`
	MatchedEffective   decimal.Decimal  `json:"matchedEffective"`
	Difference         decimal.Decimal  `json:"difference"`
	Percent            *decimal.Decimal `json:"percent,omitempty"`
	UnmatchedBilled    decimal.Decimal  `json:"unmatchedBilled"`
	UnmatchedEffective decimal.Decimal  `json:"unmatchedEffective"`
}

// unitAcc sums one unit of one resource's bill lines.
type unitAcc struct {
	qty, billed, effective, list decimal.Decimal
	listLines, lines             int
}

// resAcc sums one resource's bill lines.
type resAcc struct {
	how                  How
	billed, effective    decimal.Decimal
	units                map[string]*unitAcc
	lines                int
	name, component, typ string
}

type periodAcc struct {
	res               map[string]*resAcc
	unmatched         map[[4]string]*UnmatchedCharge
	billed, effective decimal.Decimal
	// lines counts the period's AWS lines; other sums the rest.
	lines int
	other *OtherProviders
}

// Comparer accumulates a bill's lines against a plan; Add is Read's
// callback, Report the result for one period.
type Comparer struct {
	plan    Plan
	m       *matcher
	periods map[string]*periodAcc
	// currency is the first line's; the plan is in USD.
	file string
}

// NewComparer starts comparing a bill with plan.
func NewComparer(plan Plan) *Comparer {
	c := &Comparer{plan: plan, periods: map[string]*periodAcc{}}
	c.m = newMatcher(&c.plan)
	return c
}

// Add matches one line and adds it to its period's sums. A currency other
// than US dollars is refused: the plan's prices are in dollars.
func (c *Comparer) Add(l Line) error {
	if l.Currency != "USD" {
		return fmt.Errorf("row %d: column BillingCurrency: is not USD; allowed: a bill in US dollars (the price catalog's currency)", l.Row)
	}
	p := c.periods[l.Period]
	if p == nil {
		p = &periodAcc{res: map[string]*resAcc{}, unmatched: map[[4]string]*UnmatchedCharge{}}
		c.periods[l.Period] = p
	}
	if !IsAWS(l.Provider) {
		p.other = p.other.add(&l)
		return nil
	}
	p.lines++
	p.billed = p.billed.Add(l.BilledCost)
	p.effective = p.effective.Add(l.EffectiveCost)
	m := c.m.match(&l)
	if m.How == Unmatched {
		k := [4]string{l.Provider, l.Service, l.ResourceID, l.ChargeCategory}
		u := p.unmatched[k]
		if u == nil && len(p.unmatched) >= maxUnmatchedGroups {
			// Past the cap, a service's other resources share one row:
			// memory stays bounded and no cost is dropped.
			k[2] = OtherResources
			u = p.unmatched[k]
		}
		if u == nil {
			u = &UnmatchedCharge{Provider: l.Provider, Service: l.Service, ResourceID: k[2], Category: l.ChargeCategory}
			p.unmatched[k] = u
		}
		u.Billed = u.Billed.Add(l.BilledCost)
		u.Effective = u.Effective.Add(l.EffectiveCost)
		u.Lines++
		return nil
	}
	a := p.res[m.Key]
	if a == nil {
		a = &resAcc{how: m.How, units: map[string]*unitAcc{}}
		if m.How == NotInPlan {
			a.name = strings.TrimPrefix(m.Key, "unplanned:")
			a.component = l.Tags[TagComponent]
		}
		p.res[m.Key] = a
	}
	a.billed = a.billed.Add(l.BilledCost)
	a.effective = a.effective.Add(l.EffectiveCost)
	a.lines++
	key := ""
	if !l.Quantity.IsZero() && l.ChargeCategory == "Usage" {
		key = normUnit(l.PricingUnit) + "|"
		if l.HasListUnitPrice {
			key += l.ListUnitPrice.String()
		}
	}
	u := a.units[key]
	if u == nil {
		u = &unitAcc{}
		a.units[key] = u
	}
	u.qty = u.qty.Add(l.Quantity)
	u.billed = u.billed.Add(l.BilledCost)
	u.effective = u.effective.Add(l.EffectiveCost)
	u.lines++
	if l.HasListCost {
		u.list = u.list.Add(l.ListCost)
		u.listLines++
	}
	return nil
}

// maxUnmatchedGroups bounds the unmatched rows kept by resource; an
// account's bill can name millions of resources the plan does not hold.
const maxUnmatchedGroups = 10000

// OtherResources is the resource of the unmatched row that sums a
// service's resources past maxUnmatchedGroups.
const OtherResources = "(other resources)"

// IsAWS reports whether a bill line's ProviderName is AWS's.
func IsAWS(provider string) bool {
	return strings.EqualFold(provider, "AWS") || strings.EqualFold(provider, "Amazon Web Services")
}

// Periods lists the billing periods the bill holds AWS lines of, oldest
// first.
func (c *Comparer) Periods() []string {
	var out []string
	for p, acc := range c.periods {
		if acc.lines > 0 {
			out = append(out, p)
		}
	}
	sort.Strings(out)
	return out
}

// tolerance is how far (0.5 %) a quantity or unit price may stray before
// it is named as a cause: bills round each hourly line.
var tolerance = decimal.RequireFromString("0.005")

// Report compares the plan with one period of the bill ("2024-09").
func (c *Comparer) Report(info Info, period string) Report {
	rep := Report{Bill: info, Period: period, HoursInPeriod: hoursIn(period)}
	p := c.periods[period]
	if p == nil {
		p = &periodAcc{res: map[string]*resAcc{}, unmatched: map[[4]string]*UnmatchedCharge{}}
	}
	b := c.plan.Breakdown
	group := c.plan.Group
	if group == nil {
		group = func(r pricing.ResourceCost) string { return r.Component }
	}
	// Labels by the Component tag's value, for unplanned resources.
	labels := map[string]string{}
	for _, r := range b.Resources {
		g := group(r)
		if _, ok := labels[r.Component]; !ok {
			labels[r.Component] = g
		}
		short, _, _ := strings.Cut(g, " (")
		if _, ok := labels[short]; !ok {
			labels[short] = g
		}
	}
	for _, r := range b.Resources {
		a := p.res[r.URN]
		incomplete := r.Status == pricing.StatusUnsupported || r.MissingPrices() > 0
		if a == nil && (r.MonthlyCost.IsZero() && !incomplete || r.Status == pricing.StatusExternal) {
			continue // nothing planned, nothing billed: no news
		}
		if a == nil && r.Status == pricing.StatusUnsupported {
			continue
		}
		row := Row{Name: r.Name, Type: r.Type, URN: r.URN, Component: group(r), Planned: r.MonthlyCost, PlannedIncomplete: incomplete}
		planned := plannedUnits(r)
		if a != nil {
			row.How, row.Billed, row.Effective, row.Lines = a.how, a.billed, a.effective, a.lines
		}
		row.Quantities, row.Causes = explain(planned, a, rep.HoursInPeriod, period)
		if r.Status == pricing.StatusUnsupported {
			row.Causes = []Cause{{Kind: CauseNotInPlan, Text: "not priced in the plan: tiercost has no pricer for " + r.Type, Amount: a.effective}}
		}
		rep.Rows = append(rep.Rows, finish(row))
	}
	// Shared charges the plan has no resource for, and unplanned resources.
	var extra []string
	for k := range p.res {
		if strings.HasPrefix(k, "shared:") || strings.HasPrefix(k, "unplanned:") {
			extra = append(extra, k)
		}
	}
	sort.Strings(extra)
	for _, k := range extra {
		a := p.res[k]
		row := Row{How: a.how, Billed: a.billed, Effective: a.effective, Lines: a.lines}
		switch k {
		case sharedDataTransfer:
			row.Name, row.Component = "data transfer (shared)", "(shared)"
		case sharedCloudWatch:
			row.Name, row.Component = "CloudWatch (shared)", "(shared)"
		default:
			row.Name, row.Component = a.name, labels[a.component]
			if row.Component == "" {
				row.Component = a.component
			}
			if row.Component == "" {
				row.Component = "(no component tag)"
			}
		}
		row.Quantities, row.Causes = explain(nil, a, rep.HoursInPeriod, period)
		rep.Rows = append(rep.Rows, finish(row))
	}
	// Largest difference first, then by name.
	sort.SliceStable(rep.Rows, func(i, j int) bool {
		di, dj := rep.Rows[i].Difference.Abs(), rep.Rows[j].Difference.Abs()
		if !di.Equal(dj) {
			return di.GreaterThan(dj)
		}
		return rep.Rows[i].Name < rep.Rows[j].Name
	})
	groups := map[string]*Group{}
	for _, r := range rep.Rows {
		g := groups[r.Component]
		if g == nil {
			g = &Group{Component: r.Component}
			groups[r.Component] = g
		}
		g.Planned = g.Planned.Add(r.Planned)
		g.Billed = g.Billed.Add(r.Billed)
		g.Effective = g.Effective.Add(r.Effective)
		rep.MatchedBilled = rep.MatchedBilled.Add(r.Billed)
		rep.MatchedEffective = rep.MatchedEffective.Add(r.Effective)
		rep.PlannedIncomplete = rep.PlannedIncomplete || r.PlannedIncomplete
	}
	for _, g := range groups {
		g.Difference = g.Effective.Sub(g.Planned)
		g.Percent = percent(g.Difference, g.Planned)
		rep.Components = append(rep.Components, *g)
	}
	sort.Slice(rep.Components, func(i, j int) bool {
		di, dj := rep.Components[i].Difference.Abs(), rep.Components[j].Difference.Abs()
		if !di.Equal(dj) {
			return di.GreaterThan(dj)
		}
		return rep.Components[i].Component < rep.Components[j].Component
	})
	for _, u := range p.unmatched {
		rep.Unmatched = append(rep.Unmatched, *u)
		rep.UnmatchedBilled = rep.UnmatchedBilled.Add(u.Billed)
		rep.UnmatchedEffective = rep.UnmatchedEffective.Add(u.Effective)
	}
	sort.Slice(rep.Unmatched, func(i, j int) bool {
		a, b := rep.Unmatched[i], rep.Unmatched[j]
		if !a.Billed.Abs().Equal(b.Billed.Abs()) {
			return a.Billed.Abs().GreaterThan(b.Billed.Abs())
		}
		return fmt.Sprint(a.Provider, a.Service, a.ResourceID, a.Category) < fmt.Sprint(b.Provider, b.Service, b.ResourceID, b.Category)
	})
	rep.OtherProviders = p.other
	rep.Planned = b.TotalMonthlyCost
	rep.PlannedIncomplete = rep.PlannedIncomplete || b.NotPriced() > 0
	rep.Billed, rep.Effective = p.billed, p.effective
	rep.Difference = rep.MatchedEffective.Sub(rep.Planned)
	rep.Percent = percent(rep.Difference, rep.Planned)
	return rep
}

func finish(r Row) Row {
	r.Difference = r.Effective.Sub(r.Planned)
	r.Percent = percent(r.Difference, r.Planned)
	return r
}

var hundred = decimal.NewFromInt(100)

// percent is d over of, in percent (nil when of is zero).
func percent(d, of decimal.Decimal) *decimal.Decimal {
	if of.IsZero() {
		return nil
	}
	v := d.Mul(hundred).DivRound(of, 4)
	return &v
}

// hoursIn is the number of hours in a month "2024-09" (0 if unreadable).
func hoursIn(period string) int {
	var y, m int
	if _, err := fmt.Sscanf(period, "%4d-%2d", &y, &m); err != nil || m < 1 || m > 12 {
		return 0
	}
	days := []int{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}[m-1]
	if m == 2 && (y%4 == 0 && (y%100 != 0 || y%400 == 0)) {
		days = 29
	}
	return days * 24
}

// plannedUnit sums one unit of a resource's planned lines.
type plannedUnit struct {
	qty, cost decimal.Decimal
	names     []string
}

// plannedUnits sums a planned resource's priced lines by unit and unit
// price ("hours|0.0225"), the way the bill's lines are summed, so that an
// ALB's hours and its addresses' hours stay apart.
func plannedUnits(r pricing.ResourceCost) map[string]*plannedUnit {
	out := map[string]*plannedUnit{}
	for _, c := range r.Lines() {
		if c.MonthlyQuantity.IsZero() {
			continue
		}
		u := normUnit(c.Unit) + "|" + c.Price.String()
		pu := out[u]
		if pu == nil {
			pu = &plannedUnit{}
			out[u] = pu
		}
		pu.qty = pu.qty.Add(c.MonthlyQuantity)
		pu.cost = pu.cost.Add(c.MonthlyCost)
		pu.names = append(pu.names, c.Name)
	}
	return out
}

// explain compares a resource's planned and billed quantities unit by
// unit and names the causes of the difference: usage (the quantity) and
// price (the unit price), split so that they add up to it.
func explain(planned map[string]*plannedUnit, a *resAcc, hours int, period string) ([]Quantity, []Cause) {
	if a == nil {
		total := decimal.Zero
		for _, pu := range planned {
			total = total.Add(pu.cost)
		}
		return nil, []Cause{{Kind: CauseNotBilled, Text: "not billed: no line of the bill names it", Amount: total.Neg()}}
	}
	if planned == nil {
		return quantities(nil, a), []Cause{{Kind: CauseNotInPlan, Text: "not in plan: billed, but the plan has no such resource", Amount: a.effective}}
	}
	var causes []Cause
	for _, pr := range pair(planned, a.units) {
		pu, bu, u := pr.planned, pr.billed, pr.unit
		switch {
		case u == "":
			if !bu.effective.IsZero() {
				causes = append(causes, Cause{Kind: CauseOther, Text: fmt.Sprintf("other charges: %s of credits, tax or lines without a quantity", money.USD(bu.effective)), Amount: bu.effective})
			}
		case bu == nil:
			causes = append(causes, Cause{Kind: CauseNotBilled, Text: fmt.Sprintf("not billed: %s %s planned, none billed: %s", qty(pu.qty), u, strings.Join(pu.names, ", ")), Amount: pu.cost.Neg()})
		case pu == nil:
			causes = append(causes, Cause{Kind: CauseUsage, Text: fmt.Sprintf("usage not planned: %s %s billed, none planned", qty(bu.qty), u), Amount: bu.effective})
		default:
			causes = append(causes, unitCauses(u, pu, bu, hours, period)...)
		}
	}
	return quantities(planned, a), causes
}

// unitPair is one unit's planned and billed sums (either may be nil).
type unitPair struct {
	unit    string
	planned *plannedUnit
	billed  *unitAcc
}

// pair matches planned and billed sums of the same unit: first those at
// the same list price (a tiered or two-part charge, such as CloudFront's
// first 10 TB and next 40 TB, or an ALB's hours and its addresses'
// hours), then whatever is left of the unit on each side as one.
func pair(planned map[string]*plannedUnit, billed map[string]*unitAcc) []unitPair {
	byUnit := map[string]bool{}
	for k := range planned {
		byUnit[unitOf(k)] = true
	}
	for k := range billed {
		byUnit[unitOf(k)] = true
	}
	units := make([]string, 0, len(byUnit))
	for u := range byUnit {
		units = append(units, u)
	}
	sort.Strings(units)
	var out []unitPair
	for _, u := range units {
		var pKeys, bKeys []string
		for k := range planned {
			if unitOf(k) == u {
				pKeys = append(pKeys, k)
			}
		}
		for k := range billed {
			if unitOf(k) == u {
				bKeys = append(bKeys, k)
			}
		}
		sort.Strings(pKeys)
		sort.Strings(bKeys)
		var restP *plannedUnit
		var restB *unitAcc
		for _, k := range pKeys {
			if b, ok := billed[k]; ok && u != "" {
				out = append(out, unitPair{unit: u, planned: planned[k], billed: b})
				continue
			}
			restP = mergePlanned(restP, planned[k])
		}
		for _, k := range bKeys {
			if _, ok := planned[k]; ok && u != "" {
				continue
			}
			restB = mergeBilled(restB, billed[k])
		}
		if restP != nil || restB != nil {
			out = append(out, unitPair{unit: u, planned: restP, billed: restB})
		}
	}
	return out
}

func unitOf(key string) string {
	u, _, _ := strings.Cut(key, "|")
	return u
}

func mergePlanned(a, b *plannedUnit) *plannedUnit {
	if a == nil {
		c := *b
		c.names = append([]string(nil), b.names...)
		return &c
	}
	a.qty, a.cost, a.names = a.qty.Add(b.qty), a.cost.Add(b.cost), append(a.names, b.names...)
	return a
}

func mergeBilled(a, b *unitAcc) *unitAcc {
	if a == nil {
		c := *b
		return &c
	}
	a.qty, a.billed, a.effective, a.list = a.qty.Add(b.qty), a.billed.Add(b.billed), a.effective.Add(b.effective), a.list.Add(b.list)
	a.listLines += b.listLines
	a.lines += b.lines
	return a
}

// unitCauses splits one unit's difference into usage and price.
func unitCauses(u string, pu *plannedUnit, bu *unitAcc, hours int, period string) []Cause {
	var out []Cause
	plannedPrice := pu.cost.DivRound(pu.qty, 12)
	// What the billed quantity costs at the planned unit price.
	atPlanned := pricing.Extend(bu.qty, plannedPrice)
	if !pu.cost.IsZero() && pu.qty.Equal(bu.qty) {
		atPlanned = pu.cost
	}
	usage := atPlanned.Sub(pu.cost)
	price := bu.effective.Sub(atPlanned)
	if off(bu.qty, pu.qty) {
		kind, text := CauseUsage, "usage higher than planned"
		if bu.qty.LessThan(pu.qty) {
			text = "usage lower than planned"
		}
		if strings.HasSuffix(u, "hours") && hours > 0 && !off(bu.qty.Mul(decimal.NewFromInt(730)), pu.qty.Mul(decimal.NewFromInt(int64(hours)))) {
			kind, text = CauseMonth, fmt.Sprintf("month length (%d h in %s, 730 planned)", hours, period)
		}
		out = append(out, Cause{Kind: kind, Text: fmt.Sprintf("%s: %s %s billed vs %s planned: %s", text, qty(bu.qty), u, qty(pu.qty), strings.Join(pu.names, ", ")), Amount: usage})
	} else {
		price = bu.effective.Sub(pu.cost)
	}
	if !bu.qty.IsZero() {
		billedPrice := bu.effective.DivRound(bu.qty, 12)
		if off(billedPrice, plannedPrice) {
			why := ""
			if bu.listLines == bu.lines && !bu.list.IsZero() {
				listPrice := bu.list.DivRound(bu.qty, 12)
				if off(listPrice, plannedPrice) {
					why = fmt.Sprintf(" (a new price: the bill's list price is %s)", unitPrice(listPrice, u))
				} else {
					why = " (a discount: list price as planned)"
				}
			}
			out = append(out, Cause{Kind: CausePrice, Text: fmt.Sprintf("different price: %s billed vs %s planned%s: %s", unitPrice(billedPrice, u), unitPrice(plannedPrice, u), why, strings.Join(pu.names, ", ")), Amount: price})
		} else if len(out) > 0 && !price.IsZero() {
			out[len(out)-1].Amount = out[len(out)-1].Amount.Add(price)
		}
	}
	return out
}

// off reports whether a differs from b by more than the tolerance.
func off(a, b decimal.Decimal) bool {
	if b.IsZero() {
		return !a.IsZero()
	}
	return a.Sub(b).Abs().GreaterThan(b.Abs().Mul(tolerance))
}

func quantities(planned map[string]*plannedUnit, a *resAcc) []Quantity {
	var billed map[string]*unitAcc
	if a != nil {
		billed = a.units
	}
	var out []Quantity
	for _, pr := range pair(planned, billed) {
		if pr.unit == "" {
			continue
		}
		q := Quantity{Unit: pr.unit}
		if pu := pr.planned; pu != nil {
			q.Planned, q.PlannedCost = pu.qty, pu.cost
			q.Lines = pu.names
		}
		if bu := pr.billed; bu != nil {
			q.Billed, q.BilledCost, q.EffectiveCost = bu.qty, bu.billed, bu.effective
			if bu.listLines == bu.lines {
				l := bu.list
				q.ListCost = &l
			}
		}
		out = append(out, q)
	}
	return out
}

// qty shows a quantity with thousands separators: "2,160", "0.5".
func qty(d decimal.Decimal) string { return money.GroupedQuantity(d) }

// unitPrice shows a unit price: "$0.045/GB".
func unitPrice(d decimal.Decimal, unit string) string {
	return "$" + d.Round(6).String() + "/" + strings.TrimSuffix(unitSingular(unit), "s")
}

func unitSingular(u string) string {
	switch u {
	case "hours":
		return "h"
	case "GB-months":
		return "GB-month"
	case "LCU-hours":
		return "LCU-hour"
	case "IOPS-months":
		return "IOPS-month"
	}
	return u
}
