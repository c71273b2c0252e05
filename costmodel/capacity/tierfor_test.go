package capacity

import (
	"testing"

	"github.com/tiercost/tiercost/components/spec"
)

// TestTierForByHand works out where a users what-if lands, each tier
// judged with its own default workload at the users (what the users knob
// resolves when nothing explicit is set), from the constants in
// docs/capacity.md:
//
//   - 1k has no cache: the article asks for one past 20,000 users, so it
//     carries 20,000 and gives way at 20,001.
//   - 10k has no alarms: past 50,000 users (at 50,001), before any ceiling.
//   - 100k at its largest sizes: one shard of cache.r6g.xlarge holds
//     26.32 GiB x 1.073741824 x (1 - 0.25 reserved) = 21.1957 GB. The 100k
//     working set is 5 GB per 100,000 users; x 1.25 overhead x 1.2 headroom
//     = 7.5e-5 GB a user, so it carries 21.1957 / 7.5e-5 = 282,608.8 users
//     and gives way at 282,609. At 250,000 users: 18.75 of 21.1957 GB.
//   - With the 1k tier's workload instead (the old users knob, which kept
//     the starting tier's defaults), the working set is 0.1 GB per 1,000
//     users: 25 GB at 250,000, x 1.5 = 37.5 GB > 21.1957, so 100k gave way
//     and 250,000 users landed on 1m.
//
// The answer is the same from every start at or below it; a start above
// it stays (a what-if never moves below the profile's own tier).
func TestTierForByHand(t *testing.T) {
	own := func(users float64) func(string) (spec.Spec, spec.Workload, error) {
		return func(tier string) (spec.Spec, spec.Workload, error) {
			s, err := spec.DefaultSpec(tier)
			if err != nil {
				return s, spec.Workload{}, err
			}
			w, err := TierWorkload(tier)
			return s, ScaleWorkload(w, users), err
		}
	}
	w1k, _ := TierWorkload("1k")
	oneK := func(users float64) func(string) (spec.Spec, spec.Workload, error) {
		return func(tier string) (spec.Spec, spec.Workload, error) {
			s, err := spec.DefaultSpec(tier)
			return s, ScaleWorkload(w1k, users), err
		}
	}
	for _, c := range []struct {
		name, start string
		at          func(string) (spec.Spec, spec.Workload, error)
		want        string
	}{
		{"250k from 1k", "1k", own(250_000), "100k"},
		{"250k from 10k", "10k", own(250_000), "100k"},
		{"250k from 100k", "100k", own(250_000), "100k"},
		{"250k from 1m stays", "1m", own(250_000), "1m"},
		{"250k with 1k's workload everywhere", "1k", oneK(250_000), "1m"},
		{"1k carries 20,000", "1k", own(20_000), "1k"},
		{"1k gives way at 20,001", "1k", own(20_001), "10k"},
		{"10k carries 50,000", "1k", own(50_000), "10k"},
		{"10k gives way at 50,001", "1k", own(50_001), "100k"},
		{"100k carries 282,608", "1k", own(282_608), "100k"},
		{"100k gives way at 282,609", "1k", own(282_609), "1m"},
	} {
		got, err := TierFor(c.start, c.at, Options{})
		if err != nil || got != c.want {
			t.Errorf("%s: TierFor = %q, %v; want %q", c.name, got, err, c.want)
		}
	}
	if _, err := TierFor("2k", own(1000), Options{}); err == nil {
		t.Error("TierFor from an unknown tier: no error")
	}
}

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
