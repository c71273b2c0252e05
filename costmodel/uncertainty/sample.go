package uncertainty

import (
	"fmt"
	"hash/fnv"
	"math"
)

// DefaultSamples is how many scenarios a band prices unless asked
// otherwise: 265 = 10 × 27 − 5, the smallest count of at least 256 at
// which the nearest-rank P10, P50 and P90 (Percentile) fall exactly on the
// design's 0.1, 0.5 and 0.9 quantiles, so that with one assumption ranged
// and a cost that rises with it, the band is the cost at the range's own
// P10, P50 and P90.
const DefaultSamples = 265

// MaxSamples bounds --samples: each sample is one estimate.
const MaxSamples = 10000

// DefaultSeed is the seed of every band unless asked otherwise, so that
// the same question gives the same band, byte for byte.
const DefaultSeed uint64 = 1

// Values are one scenario's assumptions: a value for each ranged
// assumption by name; an assumption not in the map keeps today's value.
type Values map[string]float64

// Design draws n scenarios from the ranges by a midpoint Latin hypercube:
// each ranged assumption's n values are its quantiles at (k + 0.5)/n for
// k = 0 … n−1, each exactly once, and a seeded shuffle per assumption
// pairs them into scenarios. So every assumption's values cover its range
// evenly whatever n is, and the assumptions are drawn independently.
//
// Each assumption's shuffle is seeded by the seed and its name alone, so
// ranging one more assumption does not reshuffle the others. The
// shuffle is written out here (splitmix64 and Fisher–Yates), so the
// design is the same on every platform and Go version.
//
// A per-user quantity (the hot working set) is drawn at today's users and
// scaled by the scenario's users over today's, as a users what-if scales
// it. Values are clamped to each assumption's bounds.
func Design(rs Ranges, n int, seed uint64) []Values {
	out := make([]Values, n)
	for i := range out {
		out[i] = Values{}
	}
	ranged := rs.Ranged()
	for _, a := range ranged {
		r := rs[a.Name]
		perm := permutation(n, seed^hashName(a.Name))
		for i := range out {
			u := (float64(perm[i]) + 0.5) / float64(n)
			out[i][a.Name] = a.Clamp(r.Quantile(u))
		}
	}
	roundUsers(out)
	users, ok := rs["monthly_active_users"]
	if !ok || users.P50 <= 0 {
		return out
	}
	for _, a := range ranged {
		if !a.PerUser {
			continue
		}
		for _, v := range out {
			if u, set := v["monthly_active_users"]; set {
				v[a.Name] = a.Clamp(v[a.Name] * u / users.P50)
			}
		}
	}
	return out
}

// roundUsers keeps user counts whole, as a users what-if does.
func roundUsers(vs []Values) {
	for _, v := range vs {
		if u, ok := v["monthly_active_users"]; ok {
			v["monthly_active_users"] = math.Max(1, math.Round(u))
		}
	}
}

// hashName is FNV-1a of an assumption's name.
func hashName(name string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(name))
	return h.Sum64()
}

// splitmix64 is Steele, Lea and Flood's generator (2014): tiny, fast and
// fully specified, so its stream never changes.
type splitmix64 struct{ state uint64 }

func (s *splitmix64) next() uint64 {
	s.state += 0x9e3779b97f4a7c15
	z := s.state
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// below returns a uniform integer in [0, n) by rejection, so no value is
// favoured.
func (s *splitmix64) below(n uint64) uint64 {
	limit := math.MaxUint64 - math.MaxUint64%n
	for {
		if v := s.next(); v < limit {
			return v % n
		}
	}
}

// permutation is a seeded Fisher–Yates shuffle of 0 … n−1.
func permutation(n int, seed uint64) []int {
	p := make([]int, n)
	for i := range p {
		p[i] = i
	}
	rng := &splitmix64{state: seed}
	for i := n - 1; i > 0; i-- {
		j := int(rng.below(uint64(i + 1)))
		p[i], p[j] = p[j], p[i]
	}
	return p
}

// CheckSamples reports a sample count out of range.
func CheckSamples(n int) error {
	if n < 1 || n > MaxSamples {
		return fmt.Errorf("%d is out of range; allowed: 1 to %d", n, MaxSamples)
	}
	return nil
}
