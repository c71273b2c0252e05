package importer

import (
	"reflect"
	"testing"

	"github.com/shopspring/decimal"

	"github.com/tiercost/tiercost/costmodel/catalog"
)

func TestInfo(t *testing.T) {
	var files []string
	for _, n := range allFixtures {
		files = append(files, fixture(n+".json"))
	}
	imported, _ := importLayer(t, files...)
	seed := &catalog.Layer{Name: "embedded", AsOf: "2026-08-27", Prices: []catalog.Price{
		{Product: catalog.EC2Instance("us-east-1", "t3.micro"), Term: catalog.OnDemandTerm, Unit: "Hrs", USD: d("0.0104")},
		{Product: catalog.EC2Instance("us-east-1", "t3.small"), Term: catalog.OnDemandTerm, Unit: "Hrs", USD: d("0.0208")},
		{Product: catalog.NATGatewayHours("eu-west-1"), Term: catalog.OnDemandTerm, Unit: "Hrs", USD: d("0.048")},
	}}
	r := Info(catalog.New(imported, seed))
	if len(r.Layers) != 2 {
		t.Fatalf("got %d layers, want 2", len(r.Layers))
	}
	emb := r.Layers[1]
	want := LayerInfo{
		Name: "embedded", AsOf: "2026-08-27", Prices: 3, Products: 3,
		Regions:  []string{"eu-west-1", "us-east-1"},
		Families: []FamilyCount{{"instance", 2, 2}, {"nat-hours", 1, 1}},
	}
	if !reflect.DeepEqual(emb, want) {
		t.Errorf("embedded layer info = %+v\nwant %+v", emb, want)
	}

	imp := r.Layers[0]
	if len(imp.Offers) != 10 || imp.AsOf != "2026-09-03" {
		t.Errorf("imported offers/asOf = %d/%s, want 10 offers as of 2026-09-03 (the ElastiCache offer)", len(imp.Offers), imp.AsOf)
	}
	// Regions: us-east-1 fixtures, CloudFront's "global" and the five
	// regions of the location fixture.
	wantRegions := []string{"ap-southeast-1", "eu-central-1", "eu-west-1", "eu-west-2", "global", "us-east-1", "us-west-2"}
	if !reflect.DeepEqual(imp.Regions, wantRegions) {
		t.Errorf("regions = %v, want %v", imp.Regions, wantRegions)
	}
	fams := map[string]FamilyCount{}
	for _, f := range imp.Families {
		fams[f.Family] = f
	}
	checks := []FamilyCount{
		// t3.micro, m7g.xlarge, m6i.large in us-east-1 + 5 located types;
		// prices: 3 + 1 + 3 in us-east-1 (4 reserved) + 5.
		{"instance", 8, 12},
		// PostgreSQL ×2, MySQL ×2, MariaDB, Aurora PostgreSQL, Aurora MySQL;
		// plus the PostgreSQL reserved term.
		{"db-instance", 7, 8},
		// Redis micro, Valkey micro, Memcached micro, Redis medium; 1 reserved.
		{"cache-node", 4, 5},
		{"cf-data-out", 2, 10}, // US 7 tiers + Japan 3
		{"ebs-iops", 2, 4},     // gp3 + io2 in 3 tiers
	}
	for _, c := range checks {
		if got := fams[c.Family]; got != c {
			t.Errorf("family %s = %+v, want %+v", c.Family, got, c)
		}
	}
}

func TestDiff(t *testing.T) {
	k1 := catalog.EC2Instance("us-east-1", "t3.micro")
	k2 := catalog.NATGatewayHours("us-east-1")
	k3 := catalog.S3Storage("us-east-1", "Standard")
	k4 := catalog.PublicIPv4("us-east-1")
	ri := reserved("1yr", "No Upfront", "standard")
	p := func(k catalog.ProductKey, term catalog.Term, start, usd string) catalog.Price {
		return catalog.Price{Product: k, Term: term, Unit: "u", USD: d(usd), TierStart: d(start)}
	}
	old := &catalog.Layer{Prices: []catalog.Price{
		p(k1, catalog.OnDemandTerm, "0", "0.0100"),
		p(k1, ri, "0", "0.0065"),
		p(k2, catalog.OnDemandTerm, "0", "0.045"),
		p(k3, catalog.OnDemandTerm, "0", "0.023"),
		p(k3, catalog.OnDemandTerm, "51200", "0.022"),
		p(k4, catalog.OnDemandTerm, "0", "0"),
	}}
	newer := &catalog.Layer{Prices: []catalog.Price{
		p(k3, catalog.OnDemandTerm, "512000", "0.021"), // added tier
		p(k3, catalog.OnDemandTerm, "51200", "0.022"),  // unchanged
		p(k3, catalog.OnDemandTerm, "0", "0.0230"),     // same value, other scale: unchanged
		p(k2, catalog.OnDemandTerm, "0", "0.048"),      // +6.67 %
		p(k1, catalog.OnDemandTerm, "0", "0.0104"),     // +4 %
		p(k4, catalog.OnDemandTerm, "0", "0.005"),      // from zero: no percent
		// k1 reserved removed
	}}
	got := Diff(old, newer)
	type row struct {
		kind    string
		key     catalog.ProductKey
		term    string
		start   string
		old     string
		new     string
		percent string
	}
	str := func(v *decimal.Decimal) string {
		if v == nil {
			return "-"
		}
		return v.String()
	}
	var rows []row
	for _, c := range got {
		rows = append(rows, row{c.Kind, c.Product, c.Term.String(), c.TierStart.String(), str(c.OldUSD), str(c.NewUSD), str(c.Percent)})
	}
	// Sorted by product key ("AmazonEC2|instance" before "AmazonEC2|nat-hours"), then term, then tier start. Percentages:
	// (0.0104 - 0.0100) / 0.0100 = 4 %; (0.048 - 0.045) / 0.045 = 0.0666…,
	// kept to 16 places (0.0666666666666667) and × 100, unrounded for display.
	want := []row{
		{Changed, k1, "OnDemand", "0", "0.01", "0.0104", "4"},
		{Removed, k1, "Reserved 1yr standard No Upfront", "0", "0.0065", "-", "-"},
		{Changed, k2, "OnDemand", "0", "0.045", "0.048", "6.66666666666667"},
		{Added, k3, "OnDemand", "512000", "-", "0.021", "-"},
		{Changed, k4, "OnDemand", "0", "0", "0.005", "-"},
	}
	if !reflect.DeepEqual(rows, want) {
		t.Errorf("Diff =\n%v\nwant\n%v", rows, want)
	}
	if len(Diff(newer, newer)) != 0 {
		t.Error("a layer differs from itself")
	}
	if n := len(Diff(nil, newer)); n != len(newer.Prices) {
		t.Errorf("diff from nothing has %d changes, want %d additions", n, len(newer.Prices))
	}
}
