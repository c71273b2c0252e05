package pricing_test

import (
	"path/filepath"
	"runtime"
	"testing"

	"github.com/tiercost/tiercost/costmodel/catalog"
	"github.com/tiercost/tiercost/costmodel/iac"
	"github.com/tiercost/tiercost/costmodel/iac/iactest"
	"github.com/tiercost/tiercost/costmodel/pricing"
	"github.com/tiercost/tiercost/costmodel/usage"
)

// BenchmarkPriceStackExport10k reads and prices a 10,000-resource stack
// export with the embedded catalog and a usage file.
func BenchmarkPriceStackExport10k(b *testing.B) {
	path := iactest.SyntheticExport(b, 10_000)
	u, err := usage.ParseFile(filepath.Join("..", "..", "testdata", "stacks", "usage.yml"), pricing.UsageSchema())
	if err != nil {
		b.Fatal(err)
	}
	cat := catalog.Default()
	var peak uint64
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		src, err := iac.ReadStackExport(path)
		if err != nil {
			b.Fatal(err)
		}
		bd, err := pricing.Price(src.Records, pricing.Options{Region: src.Region, Catalog: cat, Usage: u})
		if err != nil {
			b.Fatal(err)
		}
		// Each copy of the fixture's 34 resources drops its Stack, provider
		// and pending delete, so about 8,500 of the 10,000 are priced.
		if len(bd.Resources) < 8_000 {
			b.Fatalf("%d resources priced", len(bd.Resources))
		}
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		peak = max(peak, ms.Sys)
	}
	b.ReportMetric(float64(peak)/(1<<20), "sys-MB")
}
