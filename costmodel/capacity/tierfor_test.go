package capacity

import "testing"

// TestFirstPast: a limit reached at a fractional count L is carried up to
// floor(L) users; the first count past it is floor(L) + 1, also when L is
// whole.
func TestFirstPast(t *testing.T) {
	for _, c := range []struct{ at, want float64 }{
		{6710.886, 6711},    // db.t4g.micro memory on the 1k workload
		{140338.06, 140339}, // cache.r6g.large memory on the 100k workload
		{20000, 20001},      // the article's cache rule
		{0.3, 1},
	} {
		if got := FirstPast(c.at); got != c.want {
			t.Errorf("FirstPast(%v) = %v, want %v", c.at, got, c.want)
		}
	}
}
