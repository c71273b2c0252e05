package catalog

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/shopspring/decimal"
)

// SeedColumns is the header of a seed CSV (data/embedded.csv). One row is
// one price: a kind that names a key constructor, the constructor's
// attributes as "name=value;name=value", the purchase term, the unit, the
// amount, an optional usage tier, and provenance.
var SeedColumns = []string{"kind", "region", "attrs", "term", "unit", "usd", "tier_start", "tier_end", "description", "source", "as_of"}

// seedKind maps a seed row's kind to its key constructor.
type seedKind struct {
	attrs []string // attribute names the constructor takes, in order
	build func(region string, a []string) ProductKey
}

// seedKinds is the one table from seed kinds to keys.go constructors.
var seedKinds = map[string]seedKind{
	"ec2-instance":    {[]string{"instanceType"}, func(r string, a []string) ProductKey { return EC2Instance(r, a[0]) }},
	"ebs-storage":     {[]string{"volumeType"}, func(r string, a []string) ProductKey { return EBSStorage(r, a[0]) }},
	"ebs-iops":        {[]string{"volumeType"}, func(r string, a []string) ProductKey { return EBSIOPS(r, a[0]) }},
	"ebs-throughput":  {nil, func(r string, _ []string) ProductKey { return EBSThroughput(r) }},
	"ebs-snapshot":    {nil, func(r string, _ []string) ProductKey { return EBSSnapshot(r) }},
	"nat-hours":       {nil, func(r string, _ []string) ProductKey { return NATGatewayHours(r) }},
	"nat-bytes":       {nil, func(r string, _ []string) ProductKey { return NATGatewayBytes(r) }},
	"public-ipv4":     {nil, func(r string, _ []string) ProductKey { return PublicIPv4(r) }},
	"lb-hours":        {[]string{"type"}, func(r string, a []string) ProductKey { return LoadBalancerHours(r, a[0]) }},
	"lb-lcu":          {[]string{"type"}, func(r string, a []string) ProductKey { return LoadBalancerLCU(r, a[0]) }},
	"rds-instance":    {[]string{"instanceType", "engine", "deployment"}, func(r string, a []string) ProductKey { return RDSInstance(r, a[0], a[1], a[2]) }},
	"rds-storage":     {[]string{"volumeType", "deployment"}, func(r string, a []string) ProductKey { return RDSStorage(r, a[0], a[1]) }},
	"rds-iops":        {[]string{"volumeType", "deployment"}, func(r string, a []string) ProductKey { return RDSIOPS(r, a[0], a[1]) }},
	"rds-throughput":  {[]string{"deployment"}, func(r string, a []string) ProductKey { return RDSThroughput(r, a[0]) }},
	"rds-backup":      {[]string{"family"}, func(r string, a []string) ProductKey { return RDSBackup(r, a[0]) }},
	"aurora-io":       {nil, func(r string, _ []string) ProductKey { return AuroraIO(r) }},
	"cache-node":      {[]string{"nodeType", "engine"}, func(r string, a []string) ProductKey { return ElastiCacheNode(r, a[0], a[1]) }},
	"cache-backup":    {nil, func(r string, _ []string) ProductKey { return ElastiCacheBackup(r) }},
	"cf-data-out":     {[]string{"group"}, func(_ string, a []string) ProductKey { return CloudFrontDataOut(a[0]) }},
	"cf-to-origin":    {[]string{"group"}, func(_ string, a []string) ProductKey { return CloudFrontToOrigin(a[0]) }},
	"cf-requests":     {[]string{"group", "protocol"}, func(_ string, a []string) ProductKey { return CloudFrontRequests(a[0], a[1]) }},
	"dt-internet-out": {nil, func(r string, _ []string) ProductKey { return DataTransferOut(r) }},
	"dt-inter-az":     {nil, func(r string, _ []string) ProductKey { return DataTransferInterAZ(r) }},
	"cw-logs-ingest":  {nil, func(r string, _ []string) ProductKey { return CloudWatchLogsIngest(r) }},
	"cw-logs-storage": {nil, func(r string, _ []string) ProductKey { return CloudWatchLogsStorage(r) }},
	"cw-metric":       {nil, func(r string, _ []string) ProductKey { return CloudWatchMetric(r) }},
	"cw-alarm":        {[]string{"resolution"}, func(r string, a []string) ProductKey { return CloudWatchAlarm(r, a[0]) }},
	"cw-dashboard":    {nil, func(r string, _ []string) ProductKey { return CloudWatchDashboard(r) }},
	"s3-storage":      {[]string{"class"}, func(r string, a []string) ProductKey { return S3Storage(r, a[0]) }},
	"s3-requests":     {[]string{"tier"}, func(r string, a []string) ProductKey { return S3Requests(r, a[0]) }},
	// Security, DNS and messaging (keys_security.go).
	"waf-web-acl":       {nil, func(r string, _ []string) ProductKey { return WAFWebACL(r) }},
	"waf-rule":          {nil, func(r string, _ []string) ProductKey { return WAFRule(r) }},
	"waf-requests":      {nil, func(r string, _ []string) ProductKey { return WAFRequests(r) }},
	"sns-requests":      {nil, func(r string, _ []string) ProductKey { return SNSRequests(r) }},
	"sns-notifications": {[]string{"protocol"}, func(r string, a []string) ProductKey { return SNSNotifications(r, a[0]) }},
	"kms-key":           {nil, func(r string, _ []string) ProductKey { return KMSKey(r) }},
	"kms-requests":      {nil, func(r string, _ []string) ProductKey { return KMSRequests(r) }},
	"r53-zone":          {nil, func(string, []string) ProductKey { return Route53Zone() }},
	"r53-queries":       {nil, func(string, []string) ProductKey { return Route53Queries() }},
	"secret":            {nil, func(r string, _ []string) ProductKey { return SecretsManagerSecret(r) }},
	"secret-requests":   {nil, func(r string, _ []string) ProductKey { return SecretsManagerRequests(r) }},
	"vpce-hours":        {nil, func(r string, _ []string) ProductKey { return VPCEndpointHours(r) }},
	"vpce-bytes":        {nil, func(r string, _ []string) ProductKey { return VPCEndpointBytes(r) }},
}

// globalKinds are CloudFront and Route 53 kinds; their region column must
// be "global".
var globalKinds = map[string]bool{"cf-data-out": true, "cf-to-origin": true, "cf-requests": true, "r53-zone": true, "r53-queries": true}

// SeedKinds lists the kinds a seed row may use, sorted.
func SeedKinds() []string {
	out := make([]string, 0, len(seedKinds))
	for k := range seedKinds {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// SeedKey builds the product key a seed row names. attrs is the seed's
// "name=value;name=value" column; every attribute the kind takes is required
// and no other is allowed.
func SeedKey(kind, region, attrs string) (ProductKey, error) {
	k, ok := seedKinds[kind]
	if !ok {
		return "", fmt.Errorf("field kind: %q is not a seed kind (allowed: %s)", kind, strings.Join(SeedKinds(), ", "))
	}
	if region == "" || strings.ContainsAny(region, "|,=; ") {
		return "", fmt.Errorf("field region: %q is not a region code (e.g. us-east-1, or global for CloudFront)", region)
	}
	if globalKinds[kind] != (region == "global") {
		if globalKinds[kind] {
			return "", fmt.Errorf("field region: kind %s is priced per CloudFront group, region must be global, not %q", kind, region)
		}
		return "", fmt.Errorf("field region: kind %s needs a region code, not global", kind)
	}
	given := map[string]string{}
	if attrs != "" {
		for _, kv := range strings.Split(attrs, ";") {
			name, val, ok := strings.Cut(kv, "=")
			if !ok || name == "" || val == "" || strings.ContainsAny(val, "|,=") {
				return "", fmt.Errorf("field attrs: %q is not name=value (values may not contain | , =)", kv)
			}
			if _, dup := given[name]; dup {
				return "", fmt.Errorf("field attrs: %q given twice", name)
			}
			given[name] = val
		}
	}
	vals := make([]string, len(k.attrs))
	for i, name := range k.attrs {
		v, ok := given[name]
		if !ok {
			return "", fmt.Errorf("field attrs: kind %s needs %s (takes: %s)", kind, name, attrList(k.attrs))
		}
		vals[i] = v
		delete(given, name)
	}
	for name := range given {
		return "", fmt.Errorf("field attrs: kind %s does not take %q (takes: %s)", kind, name, attrList(k.attrs))
	}
	return k.build(region, vals), nil
}

func attrList(a []string) string {
	if len(a) == 0 {
		return "nothing"
	}
	return strings.Join(a, ", ")
}

// Units a seed price may be per (the AWS Price List's unit names).
var knownUnits = map[string]bool{
	"Hrs": true, "GB-Mo": true, "IOPS-Mo": true, "MiBps-Mo": true, "MBps-Mo": true, "GB": true,
	"Requests": true, "LCU-Hrs": true, "IOs": true, "Alarms": true, "Metrics": true, "Dashboards": true,
	// A web ACL-, key-, zone- or secret-month; a rule-month; a query; a
	// delivered notification.
	"Months": true, "Keys": true, "Rules": true, "Queries": true, "Notifications": true,
}

func unitList() string {
	out := make([]string, 0, len(knownUnits))
	for u := range knownUnits {
		out = append(out, u)
	}
	sort.Strings(out)
	return strings.Join(out, ", ")
}

// ParseTerm reads a term as Term.String writes it: "OnDemand" or
// "Reserved <length> <class> <payment>".
func ParseTerm(s string) (Term, error) {
	if s == OnDemand {
		return OnDemandTerm, nil
	}
	f := strings.Fields(s)
	if len(f) >= 4 && f[0] == Reserved {
		t := ReservedTerm(f[1], f[2], strings.Join(f[3:], " "))
		if err := validTerm(t); err != nil {
			return Term{}, err
		}
		return t, nil
	}
	return Term{}, fmt.Errorf("%q is not a term (allowed: OnDemand, or Reserved <1yr|3yr> <standard|convertible> <No Upfront|Partial Upfront|All Upfront>)", s)
}

func validTerm(t Term) error {
	switch t.Kind {
	case OnDemand:
		if t.Length != "" || t.Payment != "" || t.Class != "" {
			return fmt.Errorf("an OnDemand term takes no length, payment or class")
		}
		return nil
	case Reserved:
		if t.Length != Term1yr && t.Length != Term3yr {
			return fmt.Errorf("reserved length %q is not 1yr or 3yr", t.Length)
		}
		if t.Class != ClassStandard && t.Class != ClassConvertible {
			return fmt.Errorf("reserved class %q is not standard or convertible", t.Class)
		}
		if t.Payment != NoUpfront && t.Payment != PartialUpfront && t.Payment != AllUpfront {
			return fmt.Errorf("reserved payment %q is not No Upfront, Partial Upfront or All Upfront", t.Payment)
		}
		return nil
	}
	return fmt.Errorf("term kind %q is not OnDemand or Reserved", t.Kind)
}

// validDate checks a YYYY-MM-DD as-of date.
func validDate(s string) error {
	if _, err := time.Parse(time.DateOnly, s); err != nil {
		return fmt.Errorf("%q is not a YYYY-MM-DD date", s)
	}
	return nil
}

// validPrice checks one price's own fields (not its key shape).
func validPrice(p Price) (field string, err error) {
	if err := validTerm(p.Term); err != nil {
		return "term", err
	}
	if strings.TrimSpace(p.Unit) == "" {
		return "unit", errors.New("is empty; every price names the AWS unit it is per")
	}
	if p.USD.IsNegative() {
		return "usd", fmt.Errorf("%s is negative", p.USD)
	}
	if p.TierStart.IsNegative() {
		return "tier_start", fmt.Errorf("%s is negative", p.TierStart)
	}
	if p.TierEnd != nil && !p.TierEnd.GreaterThan(p.TierStart) {
		return "tier_end", fmt.Errorf("%s is not above tier_start %s", p.TierEnd, p.TierStart)
	}
	if strings.TrimSpace(p.Source) == "" {
		return "source", errors.New("is empty; every price names where it comes from")
	}
	if err := validDate(p.AsOf); err != nil {
		return "as_of", err
	}
	return "", nil
}

// ParseSeedCSV reads a seed CSV (columns SeedColumns) into prices. name is
// used in errors, which give the line and the field.
func ParseSeedCSV(name string, r io.Reader) ([]Price, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1 // checked below, with a clearer message
	cr.Comment = '#'
	head, err := cr.Read()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("%s: empty file, want header %s", name, strings.Join(SeedColumns, ","))
		}
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	if strings.Join(head, ",") != strings.Join(SeedColumns, ",") {
		return nil, fmt.Errorf("%s: header is %q, want %s", name, strings.Join(head, ","), strings.Join(SeedColumns, ","))
	}
	var prices []Price
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %v", name, err)
		}
		line, _ := cr.FieldPos(0)
		if len(rec) != len(SeedColumns) {
			return nil, fmt.Errorf("%s line %d: %d fields, want %d (%s)", name, line, len(rec), len(SeedColumns), strings.Join(SeedColumns, ","))
		}
		p, field, err := seedRow(rec)
		if err != nil {
			return nil, fmt.Errorf("%s line %d: field %s: %v", name, line, field, err)
		}
		prices = append(prices, p)
	}
	if len(prices) == 0 {
		return nil, fmt.Errorf("%s: no prices", name)
	}
	if err := checkDuplicates(prices); err != nil {
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	return prices, nil
}

func seedRow(rec []string) (Price, string, error) {
	col := func(c string) string {
		for i, n := range SeedColumns {
			if n == c {
				return strings.TrimSpace(rec[i])
			}
		}
		return ""
	}
	key, err := SeedKey(col("kind"), col("region"), col("attrs"))
	if err != nil {
		field, msg, _ := strings.Cut(err.Error(), ": ")
		return Price{}, strings.TrimPrefix(field, "field "), errors.New(msg)
	}
	term, err := ParseTerm(col("term"))
	if err != nil {
		return Price{}, "term", err
	}
	p := Price{Product: key, Term: term, Unit: col("unit"), Description: col("description"), Source: col("source"), AsOf: col("as_of")}
	if p.USD, err = parseDec(col("usd")); err != nil {
		return Price{}, "usd", err
	}
	if s := col("tier_start"); s != "" {
		if p.TierStart, err = parseDec(s); err != nil {
			return Price{}, "tier_start", err
		}
	}
	if s := col("tier_end"); s != "" {
		end, err := parseDec(s)
		if err != nil {
			return Price{}, "tier_end", err
		}
		p.TierEnd = &end
	}
	if field, err := validPrice(p); err != nil {
		return Price{}, field, err
	}
	// The seed is ours, so its units are the known set; imported layers
	// carry whatever unit the AWS offer names.
	if !knownUnits[p.Unit] {
		return Price{}, "unit", fmt.Errorf("%q is not a unit (allowed: %s)", p.Unit, unitList())
	}
	return p, "", nil
}

// parseDec accepts plain decimal literals only (no exponent, no sign
// tricks), so a seed reads as written.
func parseDec(s string) (decimal.Decimal, error) {
	if s == "" || strings.ContainsAny(s, "eE+") {
		return decimal.Zero, fmt.Errorf("%q is not a plain decimal number", s)
	}
	d, err := decimal.NewFromString(s)
	if err != nil {
		return decimal.Zero, fmt.Errorf("%q is not a decimal number", s)
	}
	return d, nil
}

// checkDuplicates rejects two prices for the same product, term and tier
// start, and tiers of one product that overlap or leave gaps.
func checkDuplicates(prices []Price) error {
	groups := map[string][]Price{}
	var order []string
	for _, p := range prices {
		k := indexKey(p.Product, p.Term)
		if _, ok := groups[k]; !ok {
			order = append(order, k)
		}
		groups[k] = append(groups[k], p)
	}
	for _, k := range order {
		g := groups[k]
		sort.SliceStable(g, func(a, b int) bool { return g[a].TierStart.LessThan(g[b].TierStart) })
		if !g[0].TierStart.IsZero() {
			return fmt.Errorf("%s: first tier starts at %s, not 0", k, g[0].TierStart)
		}
		for i := 1; i < len(g); i++ {
			prev := g[i-1]
			if prev.TierEnd == nil || !prev.TierEnd.Equal(g[i].TierStart) {
				return fmt.Errorf("%s: tier starting at %s does not follow the tier starting at %s (duplicate, gap or overlap)", k, g[i].TierStart, prev.TierStart)
			}
		}
		if last := g[len(g)-1]; last.TierEnd != nil {
			return fmt.Errorf("%s: last tier ends at %s; it must be open-ended so no quantity goes unpriced", k, last.TierEnd)
		}
	}
	return nil
}
