package stacks

import (
	"testing"

	"github.com/tiercost/tiercost/environments"
)

// BenchmarkResolveProd sizes prod's profile as every estimate does.
func BenchmarkResolveProd(b *testing.B) {
	p, err := environments.Load("prod", "")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Resolve(p); err != nil {
			b.Fatal(err)
		}
	}
}
