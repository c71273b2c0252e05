package catalog

import (
	"sort"
	"strings"
	"time"
)

// Product families shown by `pricing info`, in display order.
const (
	FamilyEC2         = "EC2 instances"
	FamilyEBS         = "EBS"
	FamilyNAT         = "NAT gateway"
	FamilyPublicIPv4  = "Public IPv4"
	FamilyALB         = "ALB"
	FamilyNLB         = "NLB"
	FamilyRDS         = "RDS instances"
	FamilyRDSStorage  = "RDS storage"
	FamilyAurora      = "Aurora"
	FamilyElastiCache = "ElastiCache"
	FamilyCloudFront  = "CloudFront"
	FamilyTransfer    = "Data transfer"
	FamilyCloudWatch  = "CloudWatch"
	FamilyS3          = "S3"
	FamilyEndpoints   = "VPC endpoints"
	FamilyWAF         = "WAF"
	FamilyKMS         = "KMS"
	FamilySecrets     = "Secrets Manager"
	FamilySNS         = "SNS"
	FamilyRoute53     = "Route 53"
)

// Families lists the priced product families in display order.
var Families = []string{FamilyEC2, FamilyEBS, FamilyNAT, FamilyPublicIPv4, FamilyALB, FamilyNLB,
	FamilyRDS, FamilyRDSStorage, FamilyAurora, FamilyElastiCache, FamilyCloudFront, FamilyTransfer,
	FamilyCloudWatch, FamilyS3, FamilyEndpoints, FamilyWAF, FamilyKMS, FamilySecrets, FamilySNS, FamilyRoute53}

// Family names the product family a key belongs to ("" if none).
func Family(p ProductKey) string {
	isAurora := strings.HasPrefix(p.Attr("databaseEngine"), "Aurora") ||
		strings.HasPrefix(p.Attr("volumeType"), "aurora") || p.Attr("family") == "aurora"
	switch p.Service() {
	case ServiceEC2:
		switch prod := p.Product(); {
		case prod == "instance":
			return FamilyEC2
		case strings.HasPrefix(prod, "ebs-"):
			return FamilyEBS
		case strings.HasPrefix(prod, "nat-"):
			return FamilyNAT
		}
	case ServiceVPC:
		switch {
		case p.Product() == "public-ipv4":
			return FamilyPublicIPv4
		case strings.HasPrefix(p.Product(), "vpce-"):
			return FamilyEndpoints
		}
	case ServiceWAF:
		return FamilyWAF
	case ServiceKMS:
		return FamilyKMS
	case ServiceSecretsManager:
		return FamilySecrets
	case ServiceSNS:
		return FamilySNS
	case ServiceRoute53:
		return FamilyRoute53
	case ServiceELB:
		switch p.Attr("type") {
		case LBApplication:
			return FamilyALB
		case LBNetwork:
			return FamilyNLB
		}
	case ServiceRDS:
		switch {
		case isAurora || p.Product() == "aurora-io":
			return FamilyAurora
		case p.Product() == "db-instance":
			return FamilyRDS
		default:
			return FamilyRDSStorage
		}
	case ServiceElastiCache:
		return FamilyElastiCache
	case ServiceCloudFront:
		return FamilyCloudFront
	case ServiceDataTransfer:
		return FamilyTransfer
	case ServiceCloudWatch:
		return FamilyCloudWatch
	case ServiceS3:
		return FamilyS3
	}
	return ""
}

// LayerCount is how many products one layer prices in a family.
type LayerCount struct {
	Layer    string `json:"layer"`
	Products int    `json:"products"`
}

// CoverageRow is one family's coverage in one region: the products each
// layer prices (a product is a key, whatever its terms and tiers) and the
// distinct products the catalog as a whole can answer.
type CoverageRow struct {
	Family   string       `json:"family"`
	Layers   []LayerCount `json:"layers"` // in lookup order
	Products int          `json:"products"`
}

// Coverage counts, per family, the products each layer prices in region.
// CloudFront products are global and count in every region. Every family
// gets a row, so a family with no prices shows 0 rather than vanishing.
func Coverage(c *Catalog, region string) []CoverageRow {
	rows := make([]CoverageRow, len(Families))
	at := make(map[string]int, len(Families))
	for i, f := range Families {
		rows[i] = CoverageRow{Family: f, Layers: make([]LayerCount, len(c.layers))}
		at[f] = i
	}
	union := make([]map[ProductKey]bool, len(Families))
	for i := range union {
		union[i] = map[ProductKey]bool{}
	}
	for li, l := range c.layers {
		seen := map[ProductKey]bool{}
		for i := range rows {
			rows[i].Layers[li].Layer = l.Name
		}
		for _, p := range l.Prices {
			if r := p.Product.Region(); r != region && r != "global" {
				continue
			}
			fi, ok := at[Family(p.Product)]
			if !ok || seen[p.Product] {
				continue
			}
			seen[p.Product] = true
			rows[fi].Layers[li].Products++
			union[fi][p.Product] = true
		}
	}
	for i := range rows {
		rows[i].Products = len(union[i])
	}
	return rows
}

// Regions lists the regions this layer prices, sorted ("global" excluded).
func (l *Layer) Regions() []string {
	seen := map[string]bool{}
	var out []string
	for _, p := range l.Prices {
		if r := p.Product.Region(); r != "" && r != "global" && !seen[r] {
			seen[r] = true
			out = append(out, r)
		}
	}
	sort.Strings(out)
	return out
}

// Age reports how old the catalog's oldest layer is on now's date, for the
// staleness warning: the days since the oldest layer as-of date, and that
// date. It returns -1, "" when no layer carries a date.
func Age(c *Catalog, now time.Time) (days int, oldest string) {
	for _, l := range c.layers {
		if err := validDate(l.AsOf); err != nil {
			continue
		}
		if oldest == "" || l.AsOf < oldest {
			oldest = l.AsOf
		}
	}
	if oldest == "" {
		return -1, ""
	}
	t, _ := time.Parse(time.DateOnly, oldest)
	y, m, d := now.UTC().Date()
	today := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	return int(today.Sub(t).Hours() / 24), oldest
}

// StaleAfterDays is the age past which `breakdown` warns that prices may
// have changed.
const StaleAfterDays = 90

// Stale reports whether the catalog's oldest layer is more than
// StaleAfterDays old on now's date, with the Age figures for the message.
func Stale(c *Catalog, now time.Time) (stale bool, days int, oldest string) {
	days, oldest = Age(c, now)
	return days > StaleAfterDays, days, oldest
}
