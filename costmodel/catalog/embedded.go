package catalog

import (
	"bytes"
	_ "embed"
	"fmt"
	"sync"
)

// EmbeddedName is the name of the embedded layer.
const EmbeddedName = "embedded"

//go:embed data/embedded.csv
var embeddedCSV []byte

// embeddedOnce parses the seed once; the parsed prices are read-only.
var embeddedOnce = sync.OnceValues(func() ([]Price, string) {
	prices, err := ParseSeedCSV("data/embedded.csv", bytes.NewReader(embeddedCSV))
	if err != nil {
		// The seed is compiled in and tested; a bad seed is a build defect.
		panic(fmt.Sprintf("catalog: embedded seed is invalid: %v", err))
	}
	return prices, oldestAsOf(prices)
})

// Embedded returns the embedded price layer: list prices seeded from the
// reference files and the list unit prices of the FOCUS billing sample,
// us-east-1 complete for every priced resource and other regions as far as
// those sources go. Each call returns a fresh Layer over
// a copy of the cached prices, so a catalog may index it freely.
func Embedded() *Layer {
	prices, asOf := embeddedOnce()
	return &Layer{Name: EmbeddedName, AsOf: asOf, Prices: append([]Price(nil), prices...)}
}

// defaultCatalog is built once: the embedded prices never change in a run.
var defaultCatalog = sync.OnceValue(func() *Catalog { return New(Embedded()) })

// Default is the catalog of the embedded layer alone. It is shared and
// read-only; build your own with New(Embedded()) to change a layer.
func Default() *Catalog { return defaultCatalog() }

// oldestAsOf returns the earliest YYYY-MM-DD among the prices ("" if none).
func oldestAsOf(prices []Price) string {
	oldest := ""
	for _, p := range prices {
		if p.AsOf != "" && (oldest == "" || p.AsOf < oldest) {
			oldest = p.AsOf
		}
	}
	return oldest
}
