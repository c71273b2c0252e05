package iac

import (
	"os"
	"testing"
)

func BenchmarkDecodeStackExport(b *testing.B) {
	data, err := os.ReadFile(exportPath)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := named("export.json", data, stackExport); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDecodePreview(b *testing.B) {
	data, err := os.ReadFile(previewPath)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := named("preview.json", data, preview); err != nil {
			b.Fatal(err)
		}
	}
}
