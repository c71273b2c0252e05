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
		if _, err := decodeStackExport("export.json", data); err != nil {
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
		if _, err := decodePreview("preview.json", data); err != nil {
			b.Fatal(err)
		}
	}
}
