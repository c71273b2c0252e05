package pricing_test

import (
	"path/filepath"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/tiercost/tiercost/costmodel/catalog"
	"github.com/tiercost/tiercost/costmodel/iac"
	"github.com/tiercost/tiercost/costmodel/pricing"
	"github.com/tiercost/tiercost/costmodel/resource"
)

// TestEachResourceInItsProvidersRegion: a resource is priced in the region
// of the aws provider it names, else the default provider's, else the
// run's. Prices from /work/shared/reference: m6i.large 0.107/h eu-west-1
// and 0.096/h us-east-1, t3.micro 0.0104/h us-east-1, EBS gp2 0.11/GB-mo
// eu-west-1 and 0.10 us-east-1, ALB 0.0225/h and public IPv4 0.005/h
// us-east-1, RDS db.t3.micro postgres 0.018/h and gp2 0.115/GB-mo us-east-1.
// Each instance has the assumed 8 GB gp2 root volume.
func TestEachResourceInItsProvidersRegion(t *testing.T) {
	read := func(name string, preview bool) []resource.Record {
		t.Helper()
		path := filepath.Join("testdata", name)
		var src iac.Source
		var err error
		if preview {
			src, err = iac.ReadPreview(path)
		} else {
			src, err = iac.ReadStackExport(path)
		}
		if err != nil {
			t.Fatal(err)
		}
		return src.Records
	}
	const (
		// 730 × 0.107 + 8 × 0.11 = 78.11 + 0.88
		euM6i = "78.99"
		// 730 × 0.0104 + 8 × 0.10 = 7.592 + 0.8
		useT3 = "8.392"
		// 730 × 0.0225 + 2 subnets × 730 × 0.005 = 16.425 + 7.3
		useALB = "23.725"
		// 730 × 0.018 + 20 × 0.115 = 13.14 + 2.3
		useDB = "15.44"
		// 730 × 0.096 + 8 × 0.10 = 70.08 + 0.8
		useM6i = "70.88"
	)
	provider := func(name, region string) resource.Record {
		return resource.Record{Type: "pulumi:providers:aws", Name: name, URN: "urn:pulumi:s::p::pulumi:providers:aws::" + name,
			Inputs: map[string]any{"region": region}}
	}
	instance := func(name, providerRef string) resource.Record {
		return resource.Record{Type: "aws:ec2/instance:Instance", Name: name, URN: "urn:pulumi:s::p::aws:ec2/instance:Instance::" + name,
			Inputs: map[string]any{"instanceType": "m6i.large"}, Provider: providerRef}
	}
	for _, tc := range []struct {
		name      string
		recs      []resource.Record
		runRegion string
		want      map[string]string // resource → monthly cost
		unpriced  []string          // resources with a line not priced
	}{
		{
			name: "export with a default and an eu-west-1 provider",
			recs: read("regions_two_providers.json", false), runRegion: "us-east-1",
			want: map[string]string{"euweb": euM6i, "web": useT3, "alb": useALB, "db": useDB},
		},
		{
			// Run region: the first aws provider by URN (euw1), as before; each
			// resource still in its own provider's region. The catalog has no
			// eu-west-1 load balancer price.
			name: "export without a default provider",
			recs: read("regions_no_default.json", false), runRegion: "eu-west-1",
			want:     map[string]string{"euweb": euM6i, "web": useT3, "db": useDB},
			unpriced: []string{"alb"},
		},
		{
			name: "preview with provider references",
			recs: read("regions_preview.json", true), runRegion: "us-east-1",
			want:     map[string]string{"euweb": euM6i, "web": useT3, "db": useDB},
			unpriced: []string{"alb"},
		},
		{
			// No provider, or one the records do not hold: the default
			// provider's region, not the run's (a-euw1 sorts first).
			name: "fallback to the default provider",
			recs: []resource.Record{
				provider("a-euw1", "eu-west-1"), provider("default_6_83_4", "us-east-1"),
				instance("own", "urn:pulumi:s::p::pulumi:providers:aws::a-euw1::id1"),
				instance("none", ""),
				instance("missing", "urn:pulumi:s::p::pulumi:providers:aws::gone::id9"),
				// The analyzer's reference: the provider URN alone.
				instance("urn-only", "urn:pulumi:s::p::pulumi:providers:aws::a-euw1"),
			},
			runRegion: "eu-west-1",
			want:      map[string]string{"own": euM6i, "none": useM6i, "missing": useM6i, "urn-only": euM6i},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b, err := pricing.Price(tc.recs, pricing.Options{Project: "p", Region: "us-east-1", Catalog: catalog.Default()})
			if err != nil {
				t.Fatal(err)
			}
			if b.Region != tc.runRegion {
				t.Errorf("run region %s, want %s", b.Region, tc.runRegion)
			}
			got := map[string]pricing.ResourceCost{}
			for _, r := range b.Resources {
				got[r.Name] = r
			}
			for name, want := range tc.want {
				if c := got[name].MonthlyCost; !c.Equal(decimal.RequireFromString(want)) {
					t.Errorf("%s: %s a month, want %s", name, c, want)
				}
			}
			for _, name := range tc.unpriced {
				r := got[name]
				missing := false
				for _, c := range r.Components {
					missing = missing || !c.PriceFound
				}
				if !missing {
					t.Errorf("%s: every line priced (%s), want the eu-west-1 price not found", name, r.MonthlyCost)
				}
			}
		})
	}
}

// TestMemoRefusesManyRegions: a memo is bound to one region, so a run
// whose records span two prices without it, and gets the same answers.
func TestMemoRefusesManyRegions(t *testing.T) {
	recs := []resource.Record{
		{Type: "pulumi:providers:aws", Name: "default", URN: "urn:pulumi:s::p::pulumi:providers:aws::default", Inputs: map[string]any{"region": "us-east-1"}},
		{Type: "pulumi:providers:aws", Name: "euw1", URN: "urn:pulumi:s::p::pulumi:providers:aws::euw1", Inputs: map[string]any{"region": "eu-west-1"}},
		{Type: "aws:ec2/instance:Instance", Name: "a", URN: "urn:pulumi:s::p::aws:ec2/instance:Instance::a",
			Inputs: map[string]any{"instanceType": "m6i.large"}, Provider: "urn:pulumi:s::p::pulumi:providers:aws::euw1::x"},
		{Type: "aws:ec2/instance:Instance", Name: "b", URN: "urn:pulumi:s::p::aws:ec2/instance:Instance::b",
			Inputs: map[string]any{"instanceType": "m6i.large"}},
	}
	m := pricing.NewMemo()
	for range 2 {
		b, err := pricing.Price(recs, pricing.Options{Region: "us-east-1", Catalog: catalog.Default(), Memo: m})
		if err != nil {
			t.Fatal(err)
		}
		// a: 730 × 0.107 + 8 × 0.11 = 78.99; b: 730 × 0.096 + 8 × 0.10 = 70.88.
		if !b.TotalMonthlyCost.Equal(decimal.RequireFromString("149.87")) {
			t.Errorf("total %s, want 149.87", b.TotalMonthlyCost)
		}
	}
	if answered, priced := m.Counts(); answered != 0 || priced != 0 {
		t.Errorf("memo answered %d and priced %d, want it unused", answered, priced)
	}
	// One region: the memo is used.
	one := recs[:1:1]
	one = append(one, recs[3])
	if _, err := pricing.Price(one, pricing.Options{Region: "us-east-1", Catalog: catalog.Default(), Memo: m}); err != nil {
		t.Fatal(err)
	}
	if _, priced := m.Counts(); priced == 0 {
		t.Error("a one-region run did not use the memo")
	}
}
