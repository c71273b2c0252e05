package environments

import (
	"testing"

	"github.com/tiercost/tiercost/components/spec"
)

// BenchmarkLoadApply loads prod and applies its workload and overrides,
// as each scenario of a band does.
func BenchmarkLoadApply(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		p, err := Load("prod", "")
		if err != nil {
			b.Fatal(err)
		}
		if _, err := p.ApplyWorkload(spec.Workload{}); err != nil {
			b.Fatal(err)
		}
		if _, err := p.ApplyOverrides(spec.Spec{}); err != nil {
			b.Fatal(err)
		}
		if err := p.SetWorkload("read_share", 0.9); err != nil {
			b.Fatal(err)
		}
	}
}
