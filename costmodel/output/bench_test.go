package output

import (
	"io"
	"testing"

	"github.com/tiercost/tiercost/costmodel/output/outputtest"
)

func BenchmarkInfracostJSON(b *testing.B) {
	ps := []Project{{Path: "tier:10k", Type: TypeProgram, Breakdown: outputtest.Tier10k()}}
	for b.Loop() {
		if _, err := InfracostJSON(ps, generated); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkTable(b *testing.B) {
	bd := outputtest.Tier10k()
	for b.Loop() {
		if err := Table(io.Discard, bd, TableOptions{ShowProvenance: true}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkTableFit is the table as the CLI prints it by default: fitted
// to 100 columns, names and provenance wrapped.
func BenchmarkTableFit(b *testing.B) {
	bd := outputtest.Tier10k()
	for b.Loop() {
		if err := Table(io.Discard, bd, TableOptions{ShowProvenance: true, Width: DefaultWidth}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDiff(b *testing.B) {
	x, y := outputtest.Tier1k(), outputtest.Tier10k()
	for b.Loop() {
		_ = Diff(x, y)
	}
}
