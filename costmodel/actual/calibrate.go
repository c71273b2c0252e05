package actual

import (
	"fmt"
	"sort"
	"strings"

	"github.com/shopspring/decimal"

	"github.com/tiercost/tiercost/costmodel/money"
	"github.com/tiercost/tiercost/costmodel/pricing"
	"github.com/tiercost/tiercost/costmodel/resource"
	"github.com/tiercost/tiercost/costmodel/usage"
)

// A calibration rule turns the billed quantity of a resource type's lines
// into a usage key: the lines of unit Unit whose usage type (or, without
// one, description) holds Match. Group, when set, reads the region group
// of a grouped key from the usage type's prefix. Divide splits the billed
// quantity (inter-AZ transfer is billed on both sides of each GB moved).
type calibrationRule struct {
	types  []string
	unit   string
	match  []string // any of these in the usage type, else the description
	key    string
	group  bool
	divide int64
}

// calibrationRules map billed quantities to usage keys (docs/usage.md).
var calibrationRules = []calibrationRule{
	{types: []string{resource.TypeNATGateway}, unit: "GB", key: "monthly_data_processed_gb"},
	{types: []string{resource.TypeCloudFront}, unit: "GB", match: []string{"DataTransfer-Out-OBytes", "to origin"}, key: "monthly_data_transfer_to_origin_gb", group: true},
	{types: []string{resource.TypeCloudFront}, unit: "GB", match: []string{"DataTransfer-Out-Bytes", "data transfer out"}, key: "monthly_data_transfer_to_internet_gb", group: true},
	{types: []string{resource.TypeCloudFront}, unit: "requests", match: []string{"HTTPS"}, key: "monthly_https_requests", group: true},
	{types: []string{resource.TypeCloudFront}, unit: "requests", match: []string{"Requests-Tier1", "HTTP Requests"}, key: "monthly_http_requests", group: true},
	{types: []string{resource.TypeLogGroup}, unit: "GB", key: "monthly_data_ingested_gb"},
	{types: []string{resource.TypeLogGroup}, unit: "GB-months", key: "storage_gb"},
	{types: []string{resource.TypeBucketV2}, unit: "GB-months", key: "storage_gb"},
	{types: []string{resource.TypeBucketV2}, unit: "requests", match: []string{"Requests-Tier1", "PUT, COPY"}, key: "monthly_tier1_requests"},
	{types: []string{resource.TypeBucketV2}, unit: "requests", match: []string{"Requests-Tier2", "GET and all other"}, key: "monthly_tier2_requests"},
	{types: []string{"aws:ebs/volume:Volume"}, unit: "GB-months", match: []string{"SnapshotUsage", "snapshot"}, key: "monthly_snapshot_gb"},
	{types: []string{resource.TypeRDSInstance}, unit: "GB-months", match: []string{"ChargedBackupUsage", "backup"}, key: "additional_backup_storage_gb"},
	{types: []string{"aws:rds/cluster:Cluster"}, unit: "GB-months", match: []string{"BackupUsage", "backup"}, key: "backup_storage_gb"},
	{types: []string{"aws:rds/cluster:Cluster"}, unit: "GB-months", match: []string{"StorageUsage", "storage"}, key: "storage_gb"},
	{types: []string{"aws:rds/cluster:Cluster"}, unit: "requests", key: "monthly_io_requests"},
	{types: []string{"aws:elasticache/replicationGroup:ReplicationGroup", "aws:elasticache/cluster:Cluster"}, unit: "GB-months", key: "snapshot_storage_gb"},
	{types: []string{resource.TypeDataTransfer}, unit: "GB", match: []string{"DataTransfer-Regional-Bytes", "inter-az", "regional"}, key: "monthly_inter_az_gb", divide: 2},
	{types: []string{resource.TypeDataTransfer}, unit: "GB", match: []string{"DataTransfer-Out-Bytes", "data transfer out"}, key: "monthly_internet_out_gb"},
	{types: []string{resource.TypeDataTransfer}, unit: "metrics", key: "custom_metrics"},
}

// cloudFrontGroups maps CloudFront usage type prefixes to usage groups.
var cloudFrontGroups = map[string]string{
	"US": "us", "CA": "canada", "EU": "europe", "ZA": "south_africa", "ME": "middle_east", "SA": "south_america",
	"JP": "japan", "AU": "australia", "AP": "asia_pacific", "IN": "india",
}

// lcuKeys are a load balancer's LCU dimensions.
var lcuKeys = []string{"new_connections_per_second", "active_connections_per_minute", "processed_gb_per_hour", "rule_evaluations_per_second"}

// Calibrator sums a bill's quantities by the usage key they stand for.
type Calibrator struct {
	m *matcher
	// sums[period][resource key][usage key]
	sums map[string]map[string]map[string]*keySum
	lcu  map[string]map[string]decimal.Decimal // period → URN → LCU-hours
	// other counts, by period, the lines another provider than AWS billed.
	other map[string]*OtherProviders
}

type keySum struct {
	qty, cost decimal.Decimal
	lines     int
}

// NewCalibrator starts calibrating plan from a bill.
func NewCalibrator(plan Plan) *Calibrator {
	p := plan
	return &Calibrator{m: newMatcher(&p), sums: map[string]map[string]map[string]*keySum{}, lcu: map[string]map[string]decimal.Decimal{},
		other: map[string]*OtherProviders{}}
}

// OtherProviders is what a period's lines of other providers than AWS
// add up to; nil when there are none.
func (c *Calibrator) OtherProviders(period string) *OtherProviders { return c.other[period] }

// Add is Read's callback.
func (c *Calibrator) Add(l Line) error {
	// The plan is of AWS: another provider's quantities calibrate nothing;
	// they are counted, to be said (OtherProviders).
	if !IsAWS(l.Provider) {
		c.other[l.Period] = c.other[l.Period].add(&l)
		return nil
	}
	if l.ChargeCategory != "Usage" || l.Quantity.IsZero() {
		return nil
	}
	m := c.m.match(&l)
	var typ, name string
	switch {
	case m.How == ByID || m.How == ByTags || (m.How == Shared && c.m.resources[m.Key].URN != ""):
		r := c.m.resources[m.Key]
		typ, name = pricing.CanonicalType(r.Type), r.Name
	case m.Key == sharedDataTransfer || m.Key == sharedCloudWatch && isCloudWatchMetric(&l):
		typ, name = resource.TypeDataTransfer, pricing.DataTransferName
	default:
		return nil
	}
	unit := normUnit(l.PricingUnit)
	if (typ == resource.TypeLoadBalancer || typ == "aws:alb/loadBalancer:LoadBalancer") && unit == "LCU-hours" {
		if c.lcu[l.Period] == nil {
			c.lcu[l.Period] = map[string]decimal.Decimal{}
		}
		c.lcu[l.Period][m.Key] = c.lcu[l.Period][m.Key].Add(l.Quantity)
		return nil
	}
	for _, rule := range calibrationRules {
		if !contains(rule.types, typ) || rule.unit != unit || !rule.matches(&l) {
			continue
		}
		key := rule.key
		if rule.group {
			if g, ok := cloudFrontGroups[prefixOf(l.UsageType)]; ok {
				key = usage.GroupKey(key, g)
			}
		}
		qty := l.Quantity
		if rule.divide > 0 {
			qty = qty.DivRound(decimal.NewFromInt(rule.divide), 12)
		}
		p := c.sums[l.Period]
		if p == nil {
			p = map[string]map[string]*keySum{}
			c.sums[l.Period] = p
		}
		rk := typ + "\x00" + name
		if p[rk] == nil {
			p[rk] = map[string]*keySum{}
		}
		s := p[rk][key]
		if s == nil {
			s = &keySum{}
			p[rk][key] = s
		}
		s.qty = s.qty.Add(qty)
		s.cost = s.cost.Add(l.BilledCost)
		s.lines++
		return nil
	}
	return nil
}

func (r calibrationRule) matches(l *Line) bool {
	if len(r.match) == 0 {
		return true
	}
	for _, m := range r.match {
		if l.UsageType != "" {
			if strings.Contains(l.UsageType, m) {
				return true
			}
		} else if strings.Contains(strings.ToLower(l.Description), strings.ToLower(m)) {
			return true
		}
	}
	return false
}

// prefixOf is a usage type's region prefix: "US" of "US-Requests-Tier1".
func prefixOf(usageType string) string {
	p, _, ok := strings.Cut(usageType, "-")
	if !ok {
		return ""
	}
	return p
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// Evidence is one calibrated usage key with what the bill showed and
// what the plan assumed.
type Evidence struct {
	Resource string          `json:"resource"`
	Type     string          `json:"type"`
	Key      string          `json:"key"`
	Billed   decimal.Decimal `json:"billed"`
	// Planned is the plan's usage for the key; nil when it had none.
	Planned *decimal.Decimal `json:"planned,omitempty"`
	Lines   int              `json:"billLines"`
	// Note says how the billed quantity became the key's value.
	Note string `json:"note,omitempty"`
}

// Calibration is the usage a bill implies and the evidence for it.
type Calibration struct {
	Period   string       `json:"period"`
	Usage    *usage.Usage `json:"-"`
	Evidence []Evidence   `json:"evidence"`
}

// Calibrate writes the period's billed quantities as usage: monthly keys
// take the billed quantity; a load balancer's LCU dimensions are the
// plan's scaled so that the plan's LCU-hours (730 a month) equal the
// billed ones. planned is the plan's usage, for the evidence and the
// dimensions' shape.
func (c *Calibrator) Calibrate(period string, planned *usage.Usage, records []resource.Record) Calibration {
	out := Calibration{Period: period, Usage: &usage.Usage{Origin: "bill " + period, TypeDefaults: map[string]usage.Values{}, Resources: map[string]usage.Values{}}}
	recByName := map[string]resource.Record{}
	for _, r := range records {
		recByName[r.Name] = r
	}
	plannedFor := func(typ, name string) usage.Values {
		if typ == resource.TypeDataTransfer {
			return planned.For(resource.Record{Type: typ, Name: name, URN: pricing.DataTransferURN})
		}
		return planned.For(recByName[name])
	}
	var keys []string
	for k := range c.sums[period] {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, rk := range keys {
		typ, name, _ := strings.Cut(rk, "\x00")
		vals := usage.Values{}
		was := plannedFor(typ, name)
		var ks []string
		for k := range c.sums[period][rk] {
			ks = append(ks, k)
		}
		sort.Strings(ks)
		for _, k := range ks {
			s := c.sums[period][rk][k]
			vals[k] = s.qty
			ev := Evidence{Resource: name, Type: typ, Key: k, Billed: s.qty, Lines: s.lines}
			if p, ok := was.Get(k); ok {
				ev.Planned = &p
			} else if base, group, grouped := strings.Cut(k, usage.GroupSep); grouped {
				if total := sumKey(was, base); !total.IsZero() {
					ev.Note = fmt.Sprintf("the plan gave %s for all region groups together, not %s alone", qty(total), group)
				}
			}
			if typ == resource.TypeDataTransfer && k == "monthly_inter_az_gb" {
				ev.Note = "half the billed GB: each GB moved is billed leaving one AZ and entering another"
			}
			out.Evidence = append(out.Evidence, ev)
		}
		if typ == resource.TypeDataTransfer {
			out.Usage.TypeDefaults[typ] = vals
		} else {
			out.Usage.Resources[name] = vals
		}
	}
	var urns []string
	for urn := range c.lcu[period] {
		urns = append(urns, urn)
	}
	sort.Strings(urns)
	for _, urn := range urns {
		r := c.m.resources[urn]
		billed := c.lcu[period][urn]
		perHour := billed.DivRound(money.HoursPerMonth, 12)
		was := plannedFor(r.Type, r.Name)
		plannedLCU := decimal.Zero
		for i, k := range lcuKeys {
			if v, ok := was.Get(k); ok {
				plannedLCU = decimal.Max(plannedLCU, v.DivRound(lcuPerUnit[i], 12))
			}
		}
		vals := out.Usage.Resources[r.Name]
		if vals == nil {
			vals = usage.Values{}
			out.Usage.Resources[r.Name] = vals
		}
		note := fmt.Sprintf("%s LCU-hours billed = %s LCU on average over 730 h", qty(billed), perHour.Round(6))
		if plannedLCU.IsZero() {
			// No shape to keep: processed bytes carry it (1 LCU = 1 GB/h).
			for _, k := range lcuKeys {
				vals[k] = decimal.Zero
			}
			vals["processed_gb_per_hour"] = perHour
			note += "; the plan had no LCU dimensions, so processed GB/h carries them"
		} else {
			factor := perHour.DivRound(plannedLCU, 12)
			for _, k := range lcuKeys {
				v, _ := was.Get(k)
				vals[k] = v.Mul(factor).Round(12)
			}
			note += fmt.Sprintf("; the plan's four dimensions × %s (it planned %s LCU)", factor.Round(6), plannedLCU.Round(6))
		}
		ev := Evidence{Resource: r.Name, Type: r.Type, Key: "LCU dimensions", Billed: billed, Note: note}
		if !plannedLCU.IsZero() {
			p := plannedLCU.Mul(money.HoursPerMonth)
			ev.Planned = &p
		}
		out.Evidence = append(out.Evidence, ev)
	}
	return out
}

// lcuPerUnit is how much of each dimension makes one LCU, in lcuKeys order.
var lcuPerUnit = []decimal.Decimal{decimal.NewFromInt(25), decimal.NewFromInt(3000), decimal.NewFromInt(1), decimal.NewFromInt(1000)}

// Periods lists the billing periods with calibrated quantities.
func (c *Calibrator) Periods() []string {
	set := map[string]bool{}
	for p := range c.sums {
		set[p] = true
	}
	for p := range c.lcu {
		set[p] = true
	}
	var out []string
	for p := range set {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

// Proposal is a workload change the bill suggests, with its evidence.
type Proposal struct {
	// Field is the environment file's workload key.
	Field    string  `json:"field"`
	From     float64 `json:"from"`
	To       float64 `json:"to"`
	Evidence string  `json:"evidence"`
}

// proposalTolerance: a change under 2 % is noise, not a finding.
const proposalTolerance = 0.02

// Propose compares the calibrated CloudFront traffic with the plan's and
// proposes the workload that would have planned it: requests per user per
// day from the request count, the average response size from the bytes
// per request. Other quantities have no workload field of their own; the
// usage file carries them.
func Propose(cal Calibration, planned *usage.Usage, cloudFront []resource.Record, requestsPerUserPerDay, avgResponseKB float64) []Proposal {
	var billedReq, billedGB, plannedReq, plannedGB decimal.Decimal
	seen := false
	for _, r := range cloudFront {
		got := cal.Usage.Resources[r.Name]
		if got == nil {
			continue
		}
		seen = true
		was := planned.For(r)
		billedReq = billedReq.Add(sumKey(got, "monthly_http_requests")).Add(sumKey(got, "monthly_https_requests"))
		billedGB = billedGB.Add(sumKey(got, "monthly_data_transfer_to_internet_gb"))
		plannedReq = plannedReq.Add(sumKey(was, "monthly_http_requests")).Add(sumKey(was, "monthly_https_requests"))
		plannedGB = plannedGB.Add(sumKey(was, "monthly_data_transfer_to_internet_gb"))
	}
	if !seen || plannedReq.IsZero() || plannedGB.IsZero() || billedReq.IsZero() {
		return nil
	}
	var out []Proposal
	reqRatio, _ := billedReq.DivRound(plannedReq, 12).Float64()
	if reqRatio < 1-proposalTolerance || reqRatio > 1+proposalTolerance {
		out = append(out, Proposal{Field: "requests_per_user_per_day", From: requestsPerUserPerDay, To: round4(requestsPerUserPerDay * reqRatio),
			Evidence: fmt.Sprintf("CloudFront requests: %s billed vs %s planned (× %.4f)", qty(billedReq), qty(plannedReq.Round(0)), reqRatio)})
	}
	billedKB := billedGB.DivRound(billedReq, 18)
	plannedKB := plannedGB.DivRound(plannedReq, 18)
	sizeRatio, _ := billedKB.DivRound(plannedKB, 12).Float64()
	if sizeRatio < 1-proposalTolerance || sizeRatio > 1+proposalTolerance {
		out = append(out, Proposal{Field: "avg_response_kb", From: avgResponseKB, To: round4(avgResponseKB * sizeRatio),
			Evidence: fmt.Sprintf("CloudFront GB per request: %s GB over %s requests billed vs %s GB over %s planned (× %.4f)",
				qty(billedGB), qty(billedReq), qty(plannedGB.Round(2)), qty(plannedReq.Round(0)), sizeRatio)})
	}
	return out
}

// sumKey adds a key's value, whether given as one number or by group.
func sumKey(v usage.Values, key string) decimal.Decimal {
	if g, ok := v.Groups(key); ok {
		s := decimal.Zero
		for _, d := range g {
			s = s.Add(d)
		}
		return s
	}
	d, _ := v.Get(key)
	return d
}

func round4(x float64) float64 {
	d := decimal.NewFromFloat(x).Round(4)
	f, _ := d.Float64()
	return f
}
