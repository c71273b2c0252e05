package catalog

import (
	"bytes"
	"strings"
	"testing"
)

const seedHeader = "kind,region,attrs,term,unit,usd,tier_start,tier_end,description,source,as_of\n"

func TestParseSeedCSV(t *testing.T) {
	body := seedHeader +
		"# comment lines are skipped\n" +
		"ec2-instance,us-east-1,instanceType=t3.micro,OnDemand,Hrs,0.0104,0,,t3.micro,S1 x,2026-08-27\n" +
		"rds-instance,us-east-1,engine=MySQL;instanceType=db.t3.large;deployment=Multi-AZ,Reserved 1yr standard No Upfront,Hrs,0.1914,0,,ri,S8 x,2026-05-03\n" +
		"cf-data-out,global,group=Europe,OnDemand,GB,0.085,0,10240,t1,S7 x,2024-07-01\n" +
		"cf-data-out,global,group=Europe,OnDemand,GB,0.08,10240,,t2,S7 x,2024-07-01\n"
	prices, err := ParseSeedCSV("seed.csv", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if len(prices) != 4 {
		t.Fatalf("%d prices, want 4", len(prices))
	}
	// Attribute order in the row does not matter: the key is the constructor's.
	if prices[1].Product != RDSInstance(use1, "db.t3.large", EngineMySQL, MultiAZ) {
		t.Errorf("key = %s", prices[1].Product)
	}
	if prices[1].Term != ReservedTerm(Term1yr, ClassStandard, NoUpfront) {
		t.Errorf("term = %+v", prices[1].Term)
	}
	if prices[2].TierEnd == nil || !prices[2].TierEnd.Equal(ref("10240")) || prices[3].TierEnd != nil {
		t.Errorf("tier ends = %v, %v", prices[2].TierEnd, prices[3].TierEnd)
	}
}

func TestParseSeedCSVErrors(t *testing.T) {
	row := func(s string) string { return seedHeader + s + "\n" }
	const ok = "ec2-instance,us-east-1,instanceType=t3.micro,OnDemand,Hrs,0.0104,0,,d,S1 x,2026-08-27"
	tests := []struct {
		name, body, want string
	}{
		{"empty", "", "empty file"},
		{"bad header", "kind,region\n", "header"},
		{"header only", seedHeader, "no prices"},
		{"wrong column count", row("ec2-instance,us-east-1"), "2 fields, want 11"},
		{"unknown kind", row(strings.Replace(ok, "ec2-instance", "ec2-spot", 1)), "line 2: field kind"},
		{"missing attr", row(strings.Replace(ok, "instanceType=t3.micro", "", 1)), "field attrs: kind ec2-instance needs instanceType"},
		{"extra attr", row(strings.Replace(ok, "instanceType=t3.micro", "instanceType=t3.micro;os=Linux", 1)), `does not take "os"`},
		{"attr not name=value", row(strings.Replace(ok, "instanceType=t3.micro", "t3.micro", 1)), "field attrs"},
		{"CloudFront needs global", row("cf-data-out,us-east-1,group=Europe,OnDemand,GB,0.085,0,,d,S7,2024-07-01"), "region must be global"},
		{"regional kind with global", row(strings.Replace(ok, "us-east-1", "global", 1)), "needs a region code"},
		{"bad term", row(strings.Replace(ok, "OnDemand", "Spot", 1)), "field term"},
		{"bad reserved length", row(strings.Replace(ok, "OnDemand", "Reserved 2yr standard No Upfront", 1)), "field term"},
		{"bad unit", row(strings.Replace(ok, "Hrs", "hours", 1)), "field unit"},
		{"usd not decimal", row(strings.Replace(ok, "0.0104", "$0.01", 1)), "field usd"},
		{"usd exponent", row(strings.Replace(ok, "0.0104", "1e-2", 1)), "field usd"},
		{"negative usd", row(strings.Replace(ok, "0.0104", "-0.01", 1)), "field usd"},
		{"tier end below start", row(strings.Replace(ok, "0,,d", "10,5,d", 1)), "field tier_end"},
		{"no source", row(strings.Replace(ok, "S1 x", "", 1)), "field source"},
		{"bad date", row(strings.Replace(ok, "2026-08-27", "2026-13-01", 1)), "field as_of"},
		{"duplicate", row(ok + "\n" + ok), "duplicate"},
		{"tier gap", row("s3-storage,us-east-1,class=Standard,OnDemand,GB-Mo,0.023,0,100,d,S3,2026-09-28\ns3-storage,us-east-1,class=Standard,OnDemand,GB-Mo,0.022,200,,d,S3,2026-09-28"), "gap"},
		{"bounded last tier", row(strings.Replace(ok, "0,,d", "0,100,d", 1)), "open-ended"},
		{"first tier not at 0", row(strings.Replace(ok, "0,,d", "5,,d", 1)), "not 0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseSeedCSV("seed.csv", strings.NewReader(tt.body))
			if err == nil {
				t.Fatalf("no error for:\n%s", tt.body)
			}
			if !strings.HasPrefix(err.Error(), "seed.csv") || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %q, want seed.csv ... %q", err, tt.want)
			}
		})
	}
}

func TestSeedKindsCoverEveryConstructorFamily(t *testing.T) {
	// Every kind builds a key whose family is one `pricing info` shows.
	for _, kind := range SeedKinds() {
		k := seedKinds[kind]
		attrs := make([]string, len(k.attrs))
		for i, a := range k.attrs {
			v := "x"
			if a == "type" {
				v = LBNetwork
			}
			attrs[i] = a + "=" + v
		}
		region := "us-east-1"
		if globalKinds[kind] {
			region = "global"
		}
		key, err := SeedKey(kind, region, strings.Join(attrs, ";"))
		if err != nil {
			t.Errorf("%s: %v", kind, err)
			continue
		}
		if Family(key) == "" {
			t.Errorf("%s: key %s has no family", kind, key)
		}
	}
}

func FuzzParseSeedCSV(f *testing.F) {
	f.Add(embeddedCSV)
	f.Add([]byte(seedHeader + "cf-data-out,global,group=Europe,OnDemand,GB,0.085,0,10240,t1,S7,2024-07-01\ncf-data-out,global,group=Europe,OnDemand,GB,0.08,10240,,t2,S7,2024-07-01\n"))
	f.Add([]byte(seedHeader + "ec2-instance,us-east-1,instanceType=t3.medium,Reserved 1yr standard No Upfront,Hrs,0.0261,0,,d,S6,2024-07-01\n"))
	f.Add([]byte(seedHeader + "\"unterminated"))
	f.Fuzz(func(t *testing.T, data []byte) {
		prices, err := ParseSeedCSV("fuzz.csv", bytes.NewReader(data))
		if err != nil {
			if !strings.HasPrefix(err.Error(), "fuzz.csv") {
				t.Errorf("error does not name the file: %v", err)
			}
			return
		}
		c := New(&Layer{Name: "fuzz", Prices: prices})
		for _, p := range prices {
			if p.USD.IsNegative() || p.Source == "" || !p.Product.valid() {
				t.Errorf("bad price accepted: %+v", p)
			}
			if _, ok := c.Lookup(p.Product, p.Term); !ok {
				t.Errorf("accepted price %s not found", p.Product)
			}
		}
	})
}

func TestParseTermRoundTrip(t *testing.T) {
	terms := []Term{OnDemandTerm}
	for _, l := range []string{Term1yr, Term3yr} {
		for _, c := range []string{ClassStandard, ClassConvertible} {
			for _, p := range []string{NoUpfront, PartialUpfront, AllUpfront} {
				terms = append(terms, ReservedTerm(l, c, p))
			}
		}
	}
	for _, want := range terms {
		got, err := ParseTerm(want.String())
		if err != nil || got != want {
			t.Errorf("ParseTerm(%q) = %+v, %v", want.String(), got, err)
		}
	}
	for _, bad := range []string{"", "ondemand", "Reserved", "Reserved 1yr standard", "Reserved 5yr standard No Upfront", "Reserved 1yr standard Some Upfront"} {
		if _, err := ParseTerm(bad); err == nil {
			t.Errorf("ParseTerm(%q) accepted", bad)
		}
	}
}

func TestProductKeyParts(t *testing.T) {
	k := RDSInstance("eu-central-1", "db.r6g.large", EnginePostgreSQL, MultiAZ)
	tests := []struct{ got, want string }{
		{k.Service(), "AmazonRDS"},
		{k.Product(), "db-instance"},
		{k.Region(), "eu-central-1"},
		{k.Attr("instanceType"), "db.r6g.large"},
		{k.Attr("databaseEngine"), "PostgreSQL"},
		{k.Attr("deploymentOption"), "Multi-AZ"},
		{k.Attr("nope"), ""},
		{EBSSnapshot("us-east-1").Attr("volumeType"), ""},
		{CloudFrontDataOut(CFEurope).Region(), "global"},
		{ProductKey("junk").Product(), ""},
		{ProductKey("junk").Attr("x"), ""},
	}
	for i, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("case %d: %q, want %q", i, tt.got, tt.want)
		}
	}
	if AuroraInstance("us-east-1", "db.r6g.large", EngineAuroraPostgreSQL) != RDSInstance("us-east-1", "db.r6g.large", EngineAuroraPostgreSQL, SingleAZ) {
		t.Error("AuroraInstance is not the Single-AZ RDS instance key")
	}
	if AuroraStorage("us-east-1", AuroraStandard) != RDSStorage("us-east-1", "aurora", SingleAZ) {
		t.Error("AuroraStorage is not the Single-AZ aurora storage key")
	}
}
