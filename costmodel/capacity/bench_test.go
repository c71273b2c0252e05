package capacity

import (
	"testing"

	"github.com/tiercost/tiercost/components/spec"
)

func benchSized(b *testing.B, tier string) (spec.Spec, spec.Workload) {
	w, err := TierWorkload(tier)
	if err != nil {
		b.Fatal(err)
	}
	w = ScaleWorkload(w, 150_000)
	r, err := Size(tier, w, Options{})
	if err != nil {
		b.Fatal(err)
	}
	return r.Spec, w
}

// BenchmarkLayerLimits is the limits every estimate computes.
func BenchmarkLayerLimits(b *testing.B) {
	s, w := benchSized(b, "100k")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := LayerLimits(s, w, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLayerLoads is the limits without words, as a band's scenario
// needs them.
func BenchmarkLayerLoads(b *testing.B) {
	s, w := benchSized(b, "100k")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := LayerLoads(s, w, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSize sizes the 100k tier as every estimate does.
func BenchmarkSize(b *testing.B) {
	_, w := benchSized(b, "100k")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Size("100k", w, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkTierFor is the tier a users what-if picks, from 10k.
func BenchmarkTierFor(b *testing.B) {
	_, w := benchSized(b, "100k")
	at := func(tier string) (spec.Spec, spec.Workload, error) {
		s, err := spec.DefaultSpec(tier)
		return s, w, err
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := TierFor("10k", at, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
