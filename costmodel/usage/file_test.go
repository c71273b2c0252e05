package usage

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/tiercost/tiercost/costmodel/resource"
)

var usagePath = filepath.Join("..", "..", "testdata", "stacks", "usage.yml")

func TestParseFileFixture(t *testing.T) {
	u, err := ParseFile(usagePath, testSchema)
	if err != nil {
		t.Fatal(err)
	}
	if u.Origin != "usage file "+usagePath {
		t.Errorf("Origin = %q", u.Origin)
	}
	// Values written in usage.yml, read back exactly.
	tests := []struct {
		resource, key, want string
	}{
		{"web-alb", "new_connections_per_second", "50"},
		{"web-alb", "active_connections_per_minute", "4500"},
		{"web-alb", "processed_gb_per_hour", "2.5"},
		{"web-alb", "rule_evaluations_per_second", "300"},
		{"web-cdn", "monthly_data_transfer_to_internet_gb", "15000"},
		{"web-cdn", "monthly_http_requests", "1000000"},
		{"web-cdn", "monthly_https_requests", "20000000"}, // quoted in the file
		{"net-nat", "monthly_data_processed_gb", "1000"},
		{"db-primary", "additional_backup_storage_gb", "200"},
		{"db-aurora", "monthly_io_requests", "50000000"},
		{"cache-redis", "snapshot_storage_gb", "20"},
		{"data-volume", "monthly_snapshot_gb", "100"},
		{"web-assets", "monthly_tier2_requests", "5000000"},
		{"urn:pulumi:prod::tiercost::aws:cloudwatch/logGroup:LogGroup::app-logs", "storage_gb", "40"},
	}
	for _, tt := range tests {
		got, ok := u.Resources[tt.resource].Get(tt.key)
		if !ok || !got.Equal(decimal.RequireFromString(tt.want)) {
			t.Errorf("%s.%s = %v (set %v), want %s", tt.resource, tt.key, got, ok, tt.want)
		}
	}
	if n := len(u.Resources); n != 9 {
		t.Errorf("resources = %d, want 9", n)
	}
	// Type default 50/10, then the URN entry overrides storage_gb with 40.
	logs := resource.Record{Type: "aws:cloudwatch/logGroup:LogGroup", Name: "app-logs",
		URN: "urn:pulumi:prod::tiercost::aws:cloudwatch/logGroup:LogGroup::app-logs"}
	vals := u.For(logs)
	if v := vals["monthly_data_ingested_gb"]; !v.Equal(decimal.NewFromInt(50)) {
		t.Errorf("ingested = %v, want 50 (type default)", v)
	}
	if v := vals["storage_gb"]; !v.Equal(decimal.NewFromInt(40)) {
		t.Errorf("storage = %v, want 40 (URN override)", v)
	}
}

func TestParseExactDecimals(t *testing.T) {
	// 0.1 and 123456789.123456789 are not exact in float64; the parser must
	// keep the YAML text's digits.
	doc := "version: 0.1\nresource_usage:\n  a:\n    storage_gb: 0.1\n    monthly_io_requests: 123456789.123456789\n    monthly_tier1_requests: 1.5e3\n    monthly_tier2_requests: 0\n"
	u, err := Parse("u.yml", []byte(doc), testSchema)
	if err != nil {
		t.Fatal(err)
	}
	v := u.Resources["a"]
	for key, want := range map[string]string{
		"storage_gb": "0.1", "monthly_io_requests": "123456789.123456789", "monthly_tier1_requests": "1500", "monthly_tier2_requests": "0",
	} {
		if !v[key].Equal(decimal.RequireFromString(want)) {
			t.Errorf("%s = %s, want %s", key, v[key], want)
		}
	}
	if got := v["storage_gb"].Add(v["storage_gb"]).Add(v["storage_gb"]); !got.Equal(decimal.RequireFromString("0.3")) {
		t.Errorf("0.1 × 3 = %s, want exactly 0.3", got)
	}
}

func TestParseAccepts(t *testing.T) {
	tests := []struct{ name, doc string }{
		{"quoted version", "version: \"0.1\"\n"},
		{"empty sections", "version: 0.1\nresource_type_default_usage:\nresource_usage:\n"},
		{"resource with no values yet", "version: 0.1\nresource_usage:\n  web-alb:\n"},
		{"type with no keys", "version: 0.1\nresource_type_default_usage:\n  aws:cloudwatch/dashboard:Dashboard: {}\n"},
		{"alias", "version: 0.1\nresource_usage:\n  a:\n    storage_gb: &s 5\n  b:\n    storage_gb: *s\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := Parse("u.yml", []byte(tt.doc), testSchema); err != nil {
				t.Error(err)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name string
		doc  string
		want []string
	}{
		{"wrong version", "version: 0.2\n", []string{`u.yml: line 1: version: "0.2" is not supported; allowed: 0.1`}},
		{"missing version", "resource_usage: {}\n", []string{"u.yml: line 1: version: missing; allowed: version: 0.1"}},
		{"empty file", "", []string{"u.yml: file is empty"}},
		{"not a mapping", "- a\n- b\n", []string{"u.yml: line 1: (top level): got a list; allowed: a mapping"}},
		{"invalid yaml", "version: 0.1\nresource_usage: [\n", []string{"u.yml: line 2: did not find expected node content; allowed: one YAML document"}},
		{"second document", "version: 0.1\n---\nresource_usage: {}\n", []string{"u.yml: line 3: a second YAML document; allowed: one document"}},
		{"secret-like file", "AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n", []string{"u.yml: line 1: (top level): got (a value that looks like a secret, not shown); allowed: a mapping"}},
		{"secret-like key", "version: 0.1\nAWS_SECRET_ACCESS_KEY: wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n", []string{"u.yml: line 2: (a value that looks like a secret, not shown): unknown key"}},
		{"1e308", "version: 0.1\nresource_usage:\n  web-alb:\n    processed_gb_per_hour: 1e308\n", []string{`"1e308" is not a number`}},
		{"above the bound", "version: 0.1\nresource_usage:\n  web-alb:\n    processed_gb_per_hour: 2e12\n", []string{"2e12 is absurdly large; allowed: 0 to 1,000,000,000,000 (10^12)"}},
		{"unknown top-level key", "version: 0.1\nresources: {}\n", []string{"u.yml: line 2: resources: unknown key; allowed: version, resource_type_default_usage, resource_usage"}},
		{"unknown type token", "version: 0.1\nresource_type_default_usage:\n  aws:lb/lb:Lb:\n    processed_gb_per_hour: 1\n",
			[]string{"u.yml: line 3: resource_type_default_usage.aws:lb/lb:Lb: unknown type token; allowed: ", "aws:lb/loadBalancer:LoadBalancer", "aws:ec2/natGateway:NatGateway"}},
		{"key of another type under a type", "version: 0.1\nresource_type_default_usage:\n  aws:ec2/natGateway:NatGateway:\n    storage_gb: 1\n",
			[]string{"u.yml: line 4: resource_type_default_usage.aws:ec2/natGateway:NatGateway.storage_gb: unknown usage key; allowed: monthly_data_processed_gb"}},
		{"key under a keyless type", "version: 0.1\nresource_type_default_usage:\n  aws:cloudwatch/dashboard:Dashboard:\n    storage_gb: 1\n",
			[]string{"allowed: no usage keys (this type needs none)"}},
		{"unknown key under a resource", "version: 0.1\nresource_usage:\n  web-alb:\n    processed_gb_per_hr: 2\n",
			[]string{"u.yml: line 4: resource_usage.web-alb.processed_gb_per_hr: unknown usage key; allowed: a usage key of some type; close matches: ", "processed_gb_per_hour"}},
		{"far-off key lists every key", "version: 0.1\nresource_usage:\n  a:\n    zz: 2\n", []string{"allowed: a usage key of some type: ", "storage_gb"}},
		{"URN key checked against its type", "version: 0.1\nresource_usage:\n  urn:pulumi:s::p::aws:ec2/natGateway:NatGateway::nat:\n    storage_gb: 1\n",
			[]string{"u.yml: line 4: resource_usage.urn:pulumi:s::p::aws:ec2/natGateway:NatGateway::nat.storage_gb: unknown usage key; allowed: monthly_data_processed_gb"}},
		{"negative", "version: 0.1\nresource_usage:\n  web-alb:\n    processed_gb_per_hour: -2.5\n",
			[]string{"u.yml: line 4: resource_usage.web-alb.processed_gb_per_hour: -2.5 is negative; allowed: a non-negative decimal number"}},
		{"not a number", "version: 0.1\nresource_usage:\n  web-alb:\n    processed_gb_per_hour: lots\n",
			[]string{`u.yml: line 4: resource_usage.web-alb.processed_gb_per_hour: "lots" is not a number; allowed: a non-negative decimal number such as 2.5`}},
		{"boolean", "version: 0.1\nresource_usage:\n  web-alb:\n    processed_gb_per_hour: true\n", []string{`"true" is not a number`}},
		{"infinity", "version: 0.1\nresource_usage:\n  web-alb:\n    processed_gb_per_hour: .inf\n", []string{`".inf" is not a number`}},
		{"nan", "version: 0.1\nresource_usage:\n  web-alb:\n    processed_gb_per_hour: .nan\n", []string{`".nan" is not a number`}},
		{"hex", "version: 0.1\nresource_usage:\n  web-alb:\n    processed_gb_per_hour: 0x10\n", []string{`"0x10" is not a number`}},
		{"huge exponent", "version: 0.1\nresource_usage:\n  web-alb:\n    processed_gb_per_hour: 1e999\n", []string{`"1e999" is not a number`}},
		{"no value", "version: 0.1\nresource_usage:\n  web-alb:\n    processed_gb_per_hour:\n", []string{"line 4: resource_usage.web-alb.processed_gb_per_hour: got no value"}},
		{"nested mapping", "version: 0.1\nresource_usage:\n  web-alb:\n    processed_gb_per_hour:\n      us: 1\n", []string{"line 5: resource_usage.web-alb.processed_gb_per_hour: got a mapping"}},
		{"resource not a mapping", "version: 0.1\nresource_usage:\n  web-alb: 5\n", []string{`line 3: resource_usage.web-alb: got "5"; allowed: a mapping from usage key to number`}},
		{"section not a mapping", "version: 0.1\nresource_usage: [a]\n", []string{"line 2: resource_usage: got a list"}},
		{"duplicate key", "version: 0.1\nresource_usage:\n  a:\n    storage_gb: 1\n    storage_gb: 2\n", []string{"u.yml: line 5: resource_usage.a.storage_gb: given twice (first at line 4); allowed: each key once"}},
		{"duplicate resource", "version: 0.1\nresource_usage:\n  a: {}\n  a: {}\n", []string{"u.yml: line 4: resource_usage.a: given twice (first at line 3)"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("u.yml", []byte(tt.doc), testSchema)
			if err == nil {
				t.Fatal("want an error")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q\n  does not contain %q", err, w)
				}
			}
			if strings.Contains(err.Error(), "wJalr") || strings.Contains(err.Error(), "\n") {
				t.Errorf("error %q quotes a secret or spans lines", err)
			}
		})
	}
}

func TestParseFileMissing(t *testing.T) {
	_, err := ParseFile(filepath.Join(t.TempDir(), "nope.yml"), testSchema)
	if err == nil || !strings.Contains(err.Error(), "nope.yml") {
		t.Errorf("err = %v, want one naming nope.yml", err)
	}
}

func FuzzParseUsage(f *testing.F) {
	full, err := os.ReadFile(usagePath)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(full)
	f.Add([]byte("version: 0.1\nresource_usage:\n  a: &x\n    storage_gb: 1\n  b: *x\n"))
	f.Add([]byte("version: 0.1\nresource_type_default_usage:\n  aws:ebs/volume:Volume:\n    monthly_snapshot_gb: 1e5\n"))
	f.Add([]byte("version: 0.1\nresource_usage:\n  a:\n    storage_gb: -0\n"))
	f.Add([]byte("{version: 0.1, resource_usage: {a: {storage_gb: \"7\"}}}"))
	f.Fuzz(func(t *testing.T, data []byte) {
		u, err := Parse("fuzz.yml", data, testSchema)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "fuzz.yml: ") {
				t.Errorf("error does not name the file: %v", err)
			}
			return
		}
		for _, vals := range u.Resources {
			for k, v := range vals {
				if v.IsNegative() || !anyType(testSchema, k) {
					t.Errorf("accepted %s = %s", k, v)
				}
			}
		}
	})
}

// The version is checked before anything else, so a file for another
// version fails on its version, not on keys that version may allow.
func TestParseVersionFirst(t *testing.T) {
	doc := "resource_usage:\n  a:\n    future_key: 1\nversion: 0.2\n"
	_, err := Parse("u.yml", []byte(doc), testSchema)
	if err == nil || !strings.Contains(err.Error(), `u.yml: line 4: version: "0.2" is not supported; allowed: 0.1`) {
		t.Errorf("err = %v", err)
	}
}

func TestParseRejectsAbsurdQuantities(t *testing.T) {
	_, err := Parse("u.yml", []byte("version: 0.1\nresource_usage:\n  web-alb:\n    new_connections_per_second: 1e30\n"), testSchema)
	if err == nil || !strings.Contains(err.Error(), "resource_usage.web-alb.new_connections_per_second: 1e30 is absurdly large") {
		t.Errorf("err = %v", err)
	}
	// 10^12 itself is the largest quantity accepted.
	if _, err := Parse("u.yml", []byte("version: 0.1\nresource_usage:\n  web-alb:\n    new_connections_per_second: 1000000000000\n"), testSchema); err != nil {
		t.Errorf("10^12 rejected: %v", err)
	}
}

// A UTF-8 byte order mark is stripped, as by every reader.
func TestParseBOM(t *testing.T) {
	u, err := Parse("u.yml", []byte("\xef\xbb\xbfversion: 0.1\nresource_usage:\n  web-alb:\n    processed_gb_per_hour: 2.5\n"), testSchema)
	if err != nil {
		t.Fatal(err)
	}
	if got := u.Resources["web-alb"]["processed_gb_per_hour"]; got.String() != "2.5" {
		t.Errorf("processed_gb_per_hour = %s, want 2.5", got)
	}
}
