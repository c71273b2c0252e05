package catalog

import (
	"testing"

	"github.com/shopspring/decimal"
)

func TestMergeKeepsOtherServices(t *testing.T) {
	d := decimal.RequireFromString
	older := &Layer{Name: "c.json", AsOf: "2026-09-01", Offers: []Offer{{Service: ServiceEC2, Version: "1", Region: "us-east-1"}},
		Prices: []Price{
			{Product: EC2Instance("us-east-1", "t3.micro"), Term: OnDemandTerm, Unit: "Hrs", USD: d("0.0104")},
			{Product: EC2Instance("us-east-1", "t3.small"), Term: OnDemandTerm, Unit: "Hrs", USD: d("0.0208")},
		}}
	newer := &Layer{Name: "c.json", AsOf: "2026-11-01", Offers: []Offer{{Service: ServiceRDS, Version: "2", Region: "us-east-1"}, {Service: ServiceEC2, Version: "3", Region: "us-east-1"}},
		Prices: []Price{
			{Product: EC2Instance("us-east-1", "t3.micro"), Term: OnDemandTerm, Unit: "Hrs", USD: d("0.0110")},
			{Product: RDSInstance("us-east-1", "db.t4g.micro", EnginePostgreSQL, SingleAZ), Term: OnDemandTerm, Unit: "Hrs", USD: d("0.016")},
		}}
	c := New(Merge(newer, older))
	for _, tc := range []struct {
		key  ProductKey
		want string
	}{
		{EC2Instance("us-east-1", "t3.micro"), "0.011"},  // the newer import wins
		{EC2Instance("us-east-1", "t3.small"), "0.0208"}, // kept from the older layer
		{RDSInstance("us-east-1", "db.t4g.micro", EnginePostgreSQL, SingleAZ), "0.016"},
	} {
		p, ok := c.Unit(tc.key, OnDemandTerm)
		if !ok || !p.USD.Equal(d(tc.want)) {
			t.Errorf("%s = %v %v, want %s", tc.key, p.USD, ok, tc.want)
		}
	}
	m := Merge(newer, older)
	if len(m.Offers) != 2 || m.Offers[1].Version != "3" || m.AsOf != "2026-09-01" {
		t.Errorf("offers %+v as of %s: want RDS 2 and EC2 3, as of the older 2026-09-01", m.Offers, m.AsOf)
	}
}
