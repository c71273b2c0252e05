package importer

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/tiercost/tiercost/costmodel/catalog"
)

// TestImportStrictness: damaged or hostile offers are refused with one
// line naming the file (and sku or line), and the previous catalog is
// left byte for byte.
func TestImportStrictness(t *testing.T) {
	ec2JSON, err := os.ReadFile(fixture("ec2-us-east-1.json"))
	if err != nil {
		t.Fatal(err)
	}
	ec2CSV, err := os.ReadFile(fixture("ec2-us-east-1.csv"))
	if err != nil {
		t.Fatal(err)
	}
	j, c := string(ec2JSON), string(ec2CSV)
	// Byte offsets point just past the repeated name (worked out with a
	// text search over the same edit).
	tests := []struct {
		name, content string
		want          string
	}{
		{"negative.json", strings.Replace(j, `"USD" : "0.0104000000"`, `"USD" : "-0.0104"`, 1),
			`sku DQ578CGN99KG6ECF: field pricePerUnit.USD is "-0.0104", negative; allowed: 0 to 1000000000 US dollars`},
		{"huge.json", strings.Replace(j, `"USD" : "0.0104000000"`, `"USD" : "1e308"`, 1),
			`sku DQ578CGN99KG6ECF: field pricePerUnit.USD is "1e308", above the bound; allowed: 0 to 1000000000 US dollars`},
		{"huge.csv", strings.Replace(c, `"0.0104000000"`, `"1e308"`, 1),
			`sku DQ578CGN99KG6ECF: field pricePerUnit.USD is "1e308", above the bound`},
		{"hugerange.json", strings.Replace(j, `"beginRange" : "0"`, `"beginRange" : "1e308"`, 1),
			`field beginRange is "1e308", above the bound; allowed: 0 to 10^15`},
		{"duplicate.json", strings.Replace(j, `"USD" : "0.0104000000"`, `"USD" : "0.0104000000", "USD" : "0.0001"`, 1),
			`malformed JSON at line 515 (byte 17648): name "USD" given twice in one object; allowed: each name once`},
		{"duplicatetop.json", strings.Replace(j, `"offerCode" : "AmazonEC2",`, `"offerCode" : "AmazonEC2", "offerCode" : "AmazonRDS",`, 1),
			`malformed JSON at line 4 (byte 339): name "offerCode" given twice in one object`},
		{"unterminated.csv", c[:strings.Index(c, "\"DQ578CGN99KG6ECF\"")] + `"` + strings.Repeat("x", 3<<20),
			`unterminated.csv: row 7: CSV row too long; allowed: rows of at most 1 MiB`},
		{"secret.json", strings.Replace(j, `"v1.0"`, `"AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"`, 1),
			`field formatVersion is (a value that looks like a secret, not shown)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			in := filepath.Join(dir, tt.name)
			if err := os.WriteFile(in, []byte(tt.content), 0o644); err != nil {
				t.Fatal(err)
			}
			out := filepath.Join(dir, "catalog.json")
			if _, err := Import(context.Background(), []string{fixture("elb-us-east-1.json")}, out, Options{}); err != nil {
				t.Fatal(err)
			}
			before, _ := os.ReadFile(out)
			_, err := Import(context.Background(), []string{in}, out, Options{})
			if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), tt.name) {
				t.Fatalf("err = %v\nwant it to name %s and say %s", err, tt.name, tt.want)
			}
			if strings.Contains(err.Error(), "wJalr") || strings.Contains(err.Error(), "\n") {
				t.Errorf("error quotes the secret or spans lines: %v", err)
			}
			if after, _ := os.ReadFile(out); !bytes.Equal(before, after) {
				t.Error("the previous catalog changed")
			}
		})
	}
}

// A UTF-8 byte order mark is stripped from JSON and CSV offers alike: the
// same prices as without it.
func TestImportBOM(t *testing.T) {
	for _, name := range []string{"ec2-us-east-1.json", "ec2-us-east-1.csv"} {
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(fixture(name))
			if err != nil {
				t.Fatal(err)
			}
			in := filepath.Join(t.TempDir(), name)
			if err := os.WriteFile(in, append([]byte("\xef\xbb\xbf"), data...), 0o644); err != nil {
				t.Fatal(err)
			}
			with, _ := importLayer(t, in)
			without, _ := importLayer(t, fixture(name))
			if len(with.Prices) == 0 || len(with.Prices) != len(without.Prices) {
				t.Errorf("%d prices with a BOM, %d without", len(with.Prices), len(without.Prices))
			}
		})
	}
}

// Imports merge into the catalog by default; two run at once keep both
// sets of prices, because the read-merge-write holds the folder lock.
func TestConcurrentImportsKeepBothSetsOfPrices(t *testing.T) {
	for round := range 5 {
		out := filepath.Join(t.TempDir(), "catalog.json")
		var wg sync.WaitGroup
		errs := make([]error, 2)
		for i, f := range []string{"ec2-us-east-1.json", "rds-us-east-1.json"} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, errs[i] = Import(context.Background(), []string{fixture(f)}, out, Options{})
			}()
		}
		wg.Wait()
		for _, err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
		l, err := catalog.ReadLayerFile(out)
		if err != nil {
			t.Fatal(err)
		}
		services := map[string]int{}
		for _, p := range l.Prices {
			services[p.Product.Service()]++
		}
		ec2, _ := importLayer(t, fixture("ec2-us-east-1.json"))
		rds, _ := importLayer(t, fixture("rds-us-east-1.json"))
		if got, want := len(l.Prices), len(ec2.Prices)+len(rds.Prices); got != want {
			t.Errorf("round %d: %d prices (%v), want %d from both offers", round, got, services, want)
		}
	}
}

// --replace drops what was there; the default keeps it.
func TestImportReplace(t *testing.T) {
	out := filepath.Join(t.TempDir(), "catalog.json")
	ec2, _ := importLayer(t, fixture("ec2-us-east-1.json"))
	elb, _ := importLayer(t, fixture("elb-us-east-1.json"))
	for _, tt := range []struct {
		files   []string
		replace bool
		want    int
	}{
		{[]string{"ec2-us-east-1.json"}, false, len(ec2.Prices)},
		{[]string{"elb-us-east-1.json"}, false, len(ec2.Prices) + len(elb.Prices)},
		{[]string{"elb-us-east-1.json"}, true, len(elb.Prices)},
	} {
		if _, err := Import(context.Background(), []string{fixture(tt.files[0])}, out, Options{Replace: tt.replace}); err != nil {
			t.Fatal(err)
		}
		l, err := catalog.ReadLayerFile(out)
		if err != nil || len(l.Prices) != tt.want {
			t.Errorf("after %v replace=%v: %v, %d prices, want %d", tt.files, tt.replace, err, len(l.Prices), tt.want)
		}
	}
}
