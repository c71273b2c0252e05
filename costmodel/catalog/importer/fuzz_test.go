package importer

import (
	"bytes"
	"context"
	"os"
	"testing"
)

func addSeeds(f *testing.F, ext string) {
	for _, n := range allFixtures {
		data, err := os.ReadFile(fixture(n + ext))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
		f.Add(data[:len(data)/3])
	}
}

// FuzzParseJSON: any input gives prices or an error, never a panic.
func FuzzParseJSON(f *testing.F) {
	addSeeds(f, ".json")
	f.Add([]byte(`{"formatVersion":"v1.0","offerCode":"AmazonEC2","version":"1","publicationDate":"2026-01-01T00:00:00Z","products":{"A":{"attributes":{"a\u0041":"\ud800"}}},"terms":{"OnDemand":{"A":{"A.B":{"priceDimensions":{"x":{"pricePerUnit":{"USD":1e999}}}}}}}}`))
	f.Add([]byte(`{"products":[` + "\x00" + `"`))
	f.Add([]byte(`{"a":"\`))
	f.Fuzz(func(t *testing.T, data []byte) {
		b := newBuilder()
		b.startFile("fuzz.json")
		_ = parseJSON(context.Background(), bytes.NewReader(data), b)
	})
}

// FuzzParseCSV: any input gives prices or an error, never a panic.
func FuzzParseCSV(f *testing.F) {
	addSeeds(f, ".csv")
	f.Add([]byte("\"FormatVersion\",\"v1.0\"\n\"Publication Date\",\"2026-01-01T00:00:00Z\"\n\"Version\",\"1\"\n\"OfferCode\",\"AmazonS3\"\n\"SKU\",\"OfferTermCode\",\"TermType\",\"PriceDescription\",\"StartingRange\",\"EndingRange\",\"Unit\",\"PricePerUnit\",\"usageType\"\n\"A\",\"B\",\"Reserved\",\"\",\"x\",\"\",\"Quantity\",\"1\",\"Requests-Tier1\"\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		b := newBuilder()
		b.startFile("fuzz.csv")
		_ = parseCSV(context.Background(), bytes.NewReader(data), b)
	})
}
