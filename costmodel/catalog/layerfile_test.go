package catalog

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tiercost/tiercost/costmodel/golden"
)

// overlayLayer is a small imported-style layer: a cheaper t3.micro in
// us-east-1 and a tiered product, as an importer would write it.
func overlayLayer() *Layer {
	end := ref("10240")
	return &Layer{
		Name:   "ignored: ReadLayerFile names the layer by its path",
		Offers: []Offer{{Service: ServiceEC2, Version: "20260925174521", PublicationDate: "2026-09-25T17:45:21Z", Region: use1}},
		AsOf:   "2026-09-25",
		Prices: []Price{
			{Product: EC2Instance(use1, "t3.micro"), Term: OnDemandTerm, Unit: "Hrs", USD: ref("0.0099"),
				Description: "t3.micro test overlay", Source: "test offer AmazonEC2 20260925174521", AsOf: "2026-09-25"},
			{Product: DataTransferOut(use1), Term: OnDemandTerm, Unit: "GB", USD: ref("0.09"), TierEnd: &end,
				Source: "test offer AWSDataTransfer", AsOf: "2026-09-25"},
			{Product: DataTransferOut(use1), Term: OnDemandTerm, Unit: "GB", USD: ref("0.085"), TierStart: ref("10240"),
				Source: "test offer AWSDataTransfer", AsOf: "2026-09-25"},
		},
	}
}

func TestWriteLayerFileGolden(t *testing.T) {
	path := filepath.Join(t.TempDir(), "overlay.json")
	if err := WriteLayerFile(path, overlayLayer()); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	golden.Assert(t, filepath.Join("testdata", "overlay.golden.json"), got)
	// Decimals are JSON strings, so no float ever touches a price.
	if !bytes.Contains(got, []byte(`"usd": "0.0099"`)) {
		t.Errorf("usd is not written as a JSON string")
	}
	// Atomic write: nothing but the file itself is left in the folder.
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 1 {
		t.Errorf("folder holds %d entries after write, want 1", len(entries))
	}
}

func TestLayerFileRoundTrip(t *testing.T) {
	path := filepath.Join(t.TempDir(), "overlay.json")
	in := overlayLayer()
	if err := WriteLayerFile(path, in); err != nil {
		t.Fatal(err)
	}
	out, err := ReadLayerFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if out.Name != path || out.AsOf != in.AsOf || len(out.Offers) != 1 || out.Offers[0] != in.Offers[0] {
		t.Errorf("layer header = %q %q %v", out.Name, out.AsOf, out.Offers)
	}
	if len(out.Prices) != len(in.Prices) {
		t.Fatalf("%d prices, want %d", len(out.Prices), len(in.Prices))
	}
	for i := range in.Prices {
		a, b := in.Prices[i], out.Prices[i]
		if a.Product != b.Product || a.Term != b.Term || a.Unit != b.Unit || !a.USD.Equal(b.USD) ||
			!a.TierStart.Equal(b.TierStart) || (a.TierEnd == nil) != (b.TierEnd == nil) ||
			(a.TierEnd != nil && !a.TierEnd.Equal(*b.TierEnd)) || a.Source != b.Source || a.AsOf != b.AsOf {
			t.Errorf("price %d: wrote %+v, read %+v", i, a, b)
		}
	}
}

func TestEmbeddedRoundTripsThroughLayerFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "embedded.json")
	if err := WriteLayerFile(path, Embedded()); err != nil {
		t.Fatal(err)
	}
	l, err := ReadLayerFile(path)
	if err != nil {
		t.Fatal(err)
	}
	c := New(l)
	// A:86: PostgreSQL db.t3.medium Multi-AZ 0.145.
	p, ok := c.Unit(RDSInstance(use1, "db.t3.medium", EnginePostgreSQL, MultiAZ), OnDemandTerm)
	if !ok || !p.USD.Equal(ref("0.145")) || p.Layer != path {
		t.Errorf("after round trip: %v %s layer %q", ok, p.USD, p.Layer)
	}
}

func TestOpenOverlayPrecedence(t *testing.T) {
	dir := t.TempDir()
	first := filepath.Join(dir, "first.json")
	second := filepath.Join(dir, "second.json")
	if err := WriteLayerFile(first, overlayLayer()); err != nil {
		t.Fatal(err)
	}
	l2 := &Layer{AsOf: "2026-10-01", Prices: []Price{
		{Product: EC2Instance(use1, "t3.micro"), Term: OnDemandTerm, Unit: "Hrs", USD: ref("0.0500"), Source: "second", AsOf: "2026-10-01"},
		{Product: EC2Instance(use1, "t3.small"), Term: OnDemandTerm, Unit: "Hrs", USD: ref("0.0200"), Source: "second", AsOf: "2026-10-01"},
	}}
	if err := WriteLayerFile(second, l2); err != nil {
		t.Fatal(err)
	}
	c, err := Open(first, second)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(c.Layers()); n != 3 || c.Layers()[2].Name != EmbeddedName {
		t.Fatalf("layers = %d, last %q; want first, second, embedded", n, c.Layers()[n-1].Name)
	}
	tests := []struct {
		name      string
		key       ProductKey
		want      string
		wantLayer string
	}{
		{"first file wins over second and embedded", EC2Instance(use1, "t3.micro"), "0.0099", first},
		{"second file fills what first lacks", EC2Instance(use1, "t3.small"), "0.0200", second},
		{"embedded fills the rest (A:244 ALB hour)", LoadBalancerHours(use1, LBApplication), "0.0225", EmbeddedName},
		{"embedded for another region (R:2)", EC2Instance(euw1, "t3.micro"), "0.0114", EmbeddedName},
	}
	for _, tt := range tests {
		p, ok := c.Unit(tt.key, OnDemandTerm)
		if !ok || !p.USD.Equal(ref(tt.want)) || p.Layer != tt.wantLayer {
			t.Errorf("%s: got %v %s from %q, want %s from %q", tt.name, ok, p.USD, p.Layer, tt.want, tt.wantLayer)
		}
	}
	// A tiered product comes whole from one layer, never mixed across layers.
	tiers, _ := c.Lookup(DataTransferOut(use1), OnDemandTerm)
	if len(tiers) != 2 || tiers[0].Layer != first {
		t.Errorf("data transfer tiers = %d from %q, want the overlay's 2", len(tiers), tiers[0].Layer)
	}
	// Without overlays, Open is the embedded catalog.
	c, err = Open()
	if err != nil || len(c.Layers()) != 1 {
		t.Fatalf("Open() = %v layers, %v", len(c.Layers()), err)
	}
}

func TestOpenErrors(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.json")
	if err := WriteLayerFile(good, overlayLayer()); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(dir, "missing.json")
	tests := []struct {
		name  string
		paths []string
		want  string
	}{
		{"missing file", []string{missing}, "missing.json"},
		{"same file twice", []string{good, good}, "given twice"},
		{"empty path", []string{""}, "empty catalog file path"},
	}
	for _, tt := range tests {
		_, err := Open(tt.paths...)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err = %v, want it to mention %q", tt.name, err, tt.want)
		}
	}
}

func TestBadLayerFiles(t *testing.T) {
	const okPrice = `{"product":"AmazonEC2|instance|us-east-1|instanceType=t3.micro","term":{"kind":"OnDemand"},"unit":"Hrs","usd":"0.0104","source":"s","asOf":"2026-08-27"}`
	tests := []struct {
		name string
		body string
		want string // the error must name this field / problem
	}{
		{"not JSON", `{"prices": [`, "unexpected end of JSON input; allowed: a price catalog file"},
		{"duplicate name", `{"asOf":"2026-01-01","asOf":"2026-01-02","prices":[` + okPrice + `]}`, "line 1, column 22: asOf: given twice; allowed: each name once in an object"},
		{"name differing in case", strings.Replace(`{"prices":[`+okPrice+`]}`, `"usd"`, `"USD"`, 1), "prices[0].USD: unknown field"},
		{"1e308 price", strings.Replace(`{"prices":[`+okPrice+`]}`, `"0.0104"`, `"1e308"`, 1), "prices[0]: field usd: a 309-digit number is above the bound; allowed: 0 to 1000000 US dollars per unit"},
		{"1e308 tier", strings.Replace(`{"prices":[`+okPrice+`]}`, `"usd"`, `"tierEnd":"1e308","usd"`, 1), "field tierEnd: a 309-digit number is above the bound"},
		{"secret-like content", `AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY`, "line 1, column 1: malformed JSON"},
		{"unknown field", `{"pricez": []}`, "pricez"},
		{"no prices", `{"asOf":"2026-01-01","prices":[]}`, "field prices: empty"},
		{"trailing data", `{"prices":[` + okPrice + `]} {}`, "trailing data"},
		{"missing usd", `{"prices":[{"product":"AmazonEC2|instance|us-east-1|instanceType=t3.micro","term":{"kind":"OnDemand"},"unit":"Hrs","source":"s","asOf":"2026-08-27"}]}`, "prices[0]: field usd: missing"},
		{"usd not a decimal", strings.Replace(`{"prices":[`+okPrice+`]}`, `"0.0104"`, `"cheap"`, 1), "prices[0].usd: got a string; allowed: a decimal number"},
		{"negative usd", strings.Replace(`{"prices":[`+okPrice+`]}`, `"0.0104"`, `"-1"`, 1), "field usd: -1 is negative"},
		{"missing product", `{"prices":[{"term":{"kind":"OnDemand"},"unit":"Hrs","usd":"1","source":"s","asOf":"2026-08-27"}]}`, "field product: missing"},
		{"bad product key", strings.Replace(`{"prices":[`+okPrice+`]}`, `AmazonEC2|instance|us-east-1|instanceType=t3.micro`, `t3.micro`, 1), "field product"},
		{"bad term", strings.Replace(`{"prices":[`+okPrice+`]}`, `"OnDemand"`, `"Spot"`, 1), "field term"},
		{"empty unit", strings.Replace(`{"prices":[`+okPrice+`]}`, `"Hrs"`, `""`, 1), "field unit"},
		{"bad price date", strings.Replace(`{"prices":[`+okPrice+`]}`, `"2026-08-27"`, `"Aug 2026"`, 1), "field asOf"},
		{"bad layer date", `{"asOf":"yesterday","prices":[` + okPrice + `]}`, "field asOf"},
		{"duplicate price", `{"prices":[` + okPrice + `,` + okPrice + `]}`, "duplicate"},
		{"empty source", strings.Replace(`{"prices":[`+okPrice+`]}`, `"source":"s"`, `"source":" "`, 1), "field source"},
	}
	dir := t.TempDir()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(dir, strings.ReplaceAll(tt.name, " ", "_")+".json")
			if err := os.WriteFile(path, []byte(tt.body), 0o644); err != nil {
				t.Fatal(err)
			}
			_, err := ReadLayerFile(path)
			if err == nil {
				t.Fatalf("no error for %s", tt.body)
			}
			if !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %q, want it to name %s and %q", err, path, tt.want)
			}
			if strings.Contains(err.Error(), "wJalr") || strings.Contains(err.Error(), "\n") {
				t.Errorf("err = %q quotes the file or spans lines", err)
			}
		})
	}
}

// A UTF-8 byte order mark is accepted and stripped, as in every reader.
func TestLayerFileBOM(t *testing.T) {
	path := filepath.Join(t.TempDir(), "bom.json")
	data, err := marshalLayer(overlayLayer())
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, append([]byte("\xef\xbb\xbf"), data...), 0o644); err != nil {
		t.Fatal(err)
	}
	l, err := ReadLayerFile(path)
	if err != nil || len(l.Prices) != 3 {
		t.Fatalf("ReadLayerFile with a BOM: %v", err)
	}
	if _, err := ParseLayer("bom.json", append([]byte("\xef\xbb\xbf"), data...)); err != nil {
		t.Errorf("ParseLayer with a BOM: %v", err)
	}
}

func TestLayerAsOfDefaultsToOldestPrice(t *testing.T) {
	body := `{"prices":[
	{"product":"AmazonEC2|instance|us-east-1|instanceType=t3.micro","term":{"kind":"OnDemand"},"unit":"Hrs","usd":"0.0104","source":"s","asOf":"2026-08-27"},
	{"product":"AmazonEC2|instance|us-east-1|instanceType=t3.small","term":{"kind":"OnDemand"},"unit":"Hrs","usd":"0.0208","source":"s","asOf":"2026-07-20"}]}`
	l, err := ParseLayer("x.json", []byte(body))
	if err != nil {
		t.Fatal(err)
	}
	if l.AsOf != "2026-07-20" {
		t.Errorf("AsOf = %q, want the older 2026-07-20", l.AsOf)
	}
}

func TestWriteLayerFileRefusesEmpty(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.json")
	if err := WriteLayerFile(path, &Layer{}); err == nil {
		t.Error("wrote a layer with no prices")
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Errorf("file exists after refused write: %v", err)
	}
}

func FuzzParseLayer(f *testing.F) {
	data, err := marshalLayer(overlayLayer())
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
	f.Add([]byte(`{"prices":[]}`))
	f.Add([]byte(`{"asOf":"2026-01-01","prices":[{"product":"a|b|c|","term":{"kind":"Reserved","length":"1yr","class":"standard","payment":"No Upfront"},"unit":"Hrs","usd":"1e3","tierStart":"5","source":"s","asOf":"2026-01-01"}]}`))
	f.Add([]byte(`null`))
	f.Fuzz(func(t *testing.T, data []byte) {
		l, err := ParseLayer("fuzz.json", data)
		if err != nil {
			if !strings.Contains(err.Error(), "fuzz.json") {
				t.Errorf("error does not name the file: %v", err)
			}
			return
		}
		// Whatever parses is usable and round-trips.
		c := New(l)
		for _, p := range l.Prices {
			if _, ok := c.Lookup(p.Product, p.Term); !ok {
				t.Errorf("parsed price %s %s not found", p.Product, p.Term)
			}
			if p.USD.IsNegative() {
				t.Errorf("negative price parsed: %s", p.USD)
			}
		}
		out, err := marshalLayer(l)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := ParseLayer("again.json", out); err != nil {
			t.Errorf("re-parse of written layer failed: %v", err)
		}
	})
}
