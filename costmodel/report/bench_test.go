package report

import (
	"io"
	"testing"
)

func BenchmarkHTML(b *testing.B) {
	d := fourTiers()
	for b.Loop() {
		if err := HTML(io.Discard, d); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkFOCUS(b *testing.B) {
	d := fourTiers()
	for b.Loop() {
		if err := FOCUS(io.Discard, d); err != nil {
			b.Fatal(err)
		}
	}
}
