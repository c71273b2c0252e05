package pricing_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/tiercost/tiercost/costmodel/catalog"
	"github.com/tiercost/tiercost/costmodel/iac"
	"github.com/tiercost/tiercost/costmodel/pricing"
	"github.com/tiercost/tiercost/costmodel/usage"
)

// tenThousandExport writes a stack export of 10,000 resources built by
// repeating the hand-written fixture's resources under new names.
func tenThousandExport(b *testing.B) string {
	b.Helper()
	dir := filepath.Join("..", "..", "testdata", "stacks")
	data, err := os.ReadFile(filepath.Join(dir, "export.json"))
	if err != nil {
		b.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(data, &doc); err != nil {
		b.Fatal(err)
	}
	dep := doc["deployment"].(map[string]any)
	base := dep["resources"].([]any)
	var out []any
	for copyN := 0; len(out) < 10_000; copyN++ {
		for _, r := range base {
			if len(out) == 10_000 {
				break
			}
			raw, _ := json.Marshal(r)
			s := string(raw)
			if copyN > 0 {
				// Rename every logical name and ID in this copy.
				s = strings.ReplaceAll(s, "::", fmt.Sprintf("::c%d-", copyN))
				s = strings.ReplaceAll(s, "::c"+fmt.Sprint(copyN)+"-tiercost::", "::tiercost::")
			}
			var m any
			if err := json.Unmarshal([]byte(s), &m); err != nil {
				b.Fatal(err)
			}
			out = append(out, m)
		}
	}
	dep["resources"] = out
	raw, err := json.Marshal(doc)
	if err != nil {
		b.Fatal(err)
	}
	path := filepath.Join(b.TempDir(), "export-10k.json")
	if err := os.WriteFile(path, raw, 0o644); err != nil {
		b.Fatal(err)
	}
	return path
}

// BenchmarkPriceStackExport10k reads and prices a 10,000-resource stack
// export with the embedded catalog and a usage file.
func BenchmarkPriceStackExport10k(b *testing.B) {
	path := tenThousandExport(b)
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
