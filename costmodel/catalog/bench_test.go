package catalog

import (
	"bytes"
	"testing"
)

func BenchmarkLookup(b *testing.B) {
	c := Default()
	keys := []ProductKey{EC2Instance(use1, "m6i.large"), RDSInstance(euc1, "db.r6g.large", EnginePostgreSQL, MultiAZ), CloudFrontDataOut(CFUnitedStates)}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		if _, ok := c.Lookup(keys[i%len(keys)], OnDemandTerm); !ok {
			b.Fatal("not found")
		}
	}
}

func BenchmarkLookupMissThroughOverlay(b *testing.B) {
	c := New(&Layer{Name: "overlay", Prices: []Price{{Product: EC2Instance(use1, "t3.micro"), Term: OnDemandTerm, Unit: "Hrs", USD: ref("0.01"), Source: "s", AsOf: "2026-01-01"}}}, Embedded())
	k := ElastiCacheNode(use1, "cache.r6g.large", CacheValkey)
	b.ReportAllocs()
	for b.Loop() {
		if _, ok := c.Unit(k, OnDemandTerm); !ok {
			b.Fatal("not found")
		}
	}
}

// BenchmarkParseEmbedded measures parsing the seed (what the sync.Once pays once).
func BenchmarkParseEmbedded(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParseSeedCSV("embedded.csv", bytes.NewReader(embeddedCSV)); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDefault measures building the default catalog (copy + index).
func BenchmarkDefault(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		Default()
	}
}
