package pricing

import (
	"testing"

	"github.com/tiercost/tiercost/costmodel/resource"
)

func TestCoverage(t *testing.T) {
	// The test catalog prices the NAT's hours in eu-west-1 but not its GB.
	nat := rec("aws:ec2/natGateway:NatGateway", "nat", map[string]any{})
	b, err := Price([]resource.Record{nat}, Options{Region: "eu-west-1", Catalog: testCatalog(),
		Usage: usageOf(map[string]map[string]string{"nat": {"monthly_data_processed_gb": "10"}})})
	if err != nil {
		t.Fatal(err)
	}
	idle, err := Price([]resource.Record{nat}, Options{Region: "eu-west-1", Catalog: testCatalog()})
	if err != nil {
		t.Fatal(err)
	}
	rows := Coverage([]NamedBreakdown{{Name: "busy", Breakdown: b}, {Name: "idle", Breakdown: idle}})
	if len(rows) != 2 {
		t.Fatalf("rows %+v", rows)
	}
	// Missing first: the GB price, left out of the busy estimate only (the
	// idle one processes 0 GB).
	if r := rows[0]; r.Priced || r.Product != "AmazonEC2|nat-bytes|eu-west-1|" || r.Uses != 2 || r.Unpriced != 1 ||
		r.UsedBy[0] != "busy: nat: Data processed" {
		t.Errorf("missing row %+v", r)
	}
	if r := rows[1]; !r.Priced || r.Product != "AmazonEC2|nat-hours|eu-west-1|" || r.Layer != "test" || r.AsOf == "" {
		t.Errorf("priced row %+v", r)
	}
}
