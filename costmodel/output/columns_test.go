package output

import (
	"bytes"
	"testing"

	"github.com/tiercost/tiercost/costmodel/resource"
)

func TestTiersTable(t *testing.T) {
	rps, delta := 104.25, d("135.468")
	var buf bytes.Buffer
	err := TiersTable(&buf, []TierRow{
		// 44.137 over 1,000 users = $44.14 per 1k users; not sized: "-".
		{Name: "1k", Users: 1000, Monthly: d("44.137"), Fixed: d("41.967"), Usage: d("2.17"), CostPerUser: d("0.044137"), NotPriced: 1},
		// 179.605 over 10,000 = 0.0179605 a user = $17.96 per 1k users.
		{Name: "10k", Users: 10000, PeakRPS: &rps, MainResources: "2-4 x t4g.small", Monthly: d("179.605"), Fixed: d("178.435"),
			Usage: d("1.17"), CostPerUser: d("0.0179605"), Delta: &delta, Overloaded: "database memory 373 %"},
	})
	if err != nil {
		t.Fatal(err)
	}
	want := "" +
		"TIER  USERS  PEAK RPS  MAIN RESOURCES   MONTHLY   FIXED    USAGE  PER 1K USERS  CHANGE    NOT PRICED\n" +
		"1k    1000   -         -                ≥ $44.14  $41.97   $2.17  ≥ $44.14      -         1\n" +
		"10k   10000  104.2     2-4 x t4g.small  $179.61   $178.44  $1.17  $17.96        +$135.47  0\n" +
		"\n" +
		"1k: ≥ $44.14, 1 item not priced\n" +
		"10k: $179.61, OVERLOADED: database memory 373 % at peak\n"
	if buf.String() != want {
		t.Errorf("TiersTable:\n%s\nwant:\n%s", buf.String(), want)
	}
}

func TestResourcesTable(t *testing.T) {
	stack := "urn:pulumi:dev::tc::pulumi:pulumi:Stack::tc-dev"
	comp := "urn:pulumi:dev::tc::tiercost:components:Compute::tc"
	var buf bytes.Buffer
	err := ResourcesTable(&buf, []resource.Record{
		{Type: "tiercost:components:Compute", Name: "tc", Parent: stack},
		{Type: "aws:ec2/launchTemplate:LaunchTemplate", Name: "tc-lt", Parent: comp},
	})
	if err != nil {
		t.Fatal(err)
	}
	// A stack parent is left out; a component parent shows its type too.
	want := "" +
		"TYPE                                   NAME   PARENT\n" +
		"tiercost:components:Compute            tc\n" +
		"aws:ec2/launchTemplate:LaunchTemplate  tc-lt  Compute (tc)\n" +
		"\n2 resources\n"
	if buf.String() != want {
		t.Errorf("ResourcesTable:\n%q\nwant:\n%q", buf.String(), want)
	}
}
