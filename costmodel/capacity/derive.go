package capacity

import "math"

// SecondsPerMonth is the 730-hour month in seconds (730 x 3,600), so that
// usage quantities agree with the 730-hour prices.
const SecondsPerMonth = 730 * 3600

// AverageRPS is the mean request rate in requests/s:
// MAU x DAU share x requests per user per day / 86,400 s.
func AverageRPS(mau, dailyActiveShare, requestsPerUserPerDay float64) float64 {
	return mau * dailyActiveShare * requestsPerUserPerDay / 86400
}

// PeakRPS is the peak-hour request rate in requests/s: average x peak-to-average.
func PeakRPS(avgRPS, peakToAverage float64) float64 { return avgRPS * peakToAverage }

// OriginRPS is the request rate (requests/s) that passes the CDN:
// rps x (1 - edge-cacheable share x CDN hit ratio); without a CDN all of it.
func OriginRPS(rps, edgeCacheableShare, cdnHitRatio float64, cdn bool) float64 {
	if !cdn {
		return rps
	}
	return rps * (1 - edgeCacheableShare*cdnHitRatio)
}

// ErlangC is the probability that an arrival waits in an M/M/c queue with c
// servers and offered load a = lambda/mu Erlangs. It uses the stable Erlang
// B recursion B(k) = a B(k-1) / (k + a B(k-1)), then
// C = c B / (c - a (1 - B)). It returns 1 when a >= c (the queue grows
// without bound).
func ErlangC(c int, a float64) float64 {
	if c <= 0 || a >= float64(c) {
		return 1
	}
	if a <= 0 {
		return 0
	}
	if c > 1_000_000 {
		return erlangCHalfinWhitt(c, a)
	}
	b := 1.0
	for k := 1; k <= c; k++ {
		b = a * b / (float64(k) + a*b)
	}
	return float64(c) * b / (float64(c) - a*(1-b))
}

// erlangCHalfinWhitt approximates Erlang C for very many servers (the
// Halfin-Whitt heavy-traffic limit): C ~ 1 / (1 + beta Phi(beta) / phi(beta))
// with beta = (c - a) / sqrt(a). The exact recursion is O(c).
func erlangCHalfinWhitt(c int, a float64) float64 {
	beta := (float64(c) - a) / math.Sqrt(a)
	if beta > 37 {
		return 0 // phi(beta) underflows: no queueing at all
	}
	phi := math.Exp(-beta*beta/2) / math.Sqrt(2*math.Pi)
	cdf := 0.5 * math.Erfc(-beta/math.Sqrt2)
	return 1 / (1 + beta*cdf/phi)
}

// MeanWaitSeconds is the M/M/c mean queueing delay Wq = C(c, A) / (c mu - lambda)
// in seconds, for lambda arrivals/s and mu services/s per server; +Inf
// when the queue is unstable.
func MeanWaitSeconds(c int, lambda, mu float64) float64 {
	if lambda <= 0 {
		return 0
	}
	slack := float64(c)*mu - lambda
	if slack <= 0 {
		return math.Inf(1)
	}
	return ErlangC(c, lambda/mu) / slack
}

// P95WaitSeconds is the 95th percentile of the M/M/c queueing delay in
// seconds. The waiting-time tail is P(W > t) = C e^{-(c mu - lambda) t}, so
// t95 = ln(C / 0.05) / (c mu - lambda) when C > 0.05, else 0.
func P95WaitSeconds(c int, lambda, mu float64) float64 {
	if lambda <= 0 {
		return 0
	}
	slack := float64(c)*mu - lambda
	if slack <= 0 {
		return math.Inf(1)
	}
	pc := ErlangC(c, lambda/mu)
	if pc <= 0.05 {
		return 0
	}
	return math.Log(pc/0.05) / slack
}

// DBReadQPS is database reads/s that miss the application cache:
// origin RPS x queries per request x read share x (1 - cache hit ratio).
func DBReadQPS(originRPS, queriesPerRequest, readShare, cacheHitRatio float64) float64 {
	return originRPS * queriesPerRequest * readShare * (1 - cacheHitRatio)
}

// DBWriteQPS is database writes/s: origin RPS x queries per request x (1 - read share).
func DBWriteQPS(originRPS, queriesPerRequest, readShare float64) float64 {
	return originRPS * queriesPerRequest * (1 - readShare)
}

// CacheMemoryGB is the cache memory in GB the working set needs:
// working set x (1 + overhead).
func CacheMemoryGB(workingSetGB, overhead float64) float64 {
	return workingSetGB * (1 + overhead)
}

// DataAfterMonthsGB is the stored data in GB after n months of growth:
// users x MB per user / 1,000 x (1 + growth)^n.
func DataAfterMonthsGB(users, dataPerUserMB, monthlyGrowth float64, months int) float64 {
	return users * dataPerUserMB / 1000 * math.Pow(1+monthlyGrowth, float64(months))
}

// MonthlyGB converts a rate (items/s) of a given size (KB, 1 KB = 1,000 B)
// to GB per 730-hour month.
func MonthlyGB(perSecond, kb float64) float64 {
	return perSecond * SecondsPerMonth * kb / 1e6
}

// ceilPos rounds up and never returns less than 0; a tiny epsilon keeps
// float noise (2.0000000001) from adding a whole unit.
func ceilPos(x float64) int {
	if x <= 0 || math.IsNaN(x) {
		return 0
	}
	if math.IsInf(x, 1) || x > 1e9 {
		return 1e9
	}
	return int(math.Ceil(x - 1e-9))
}
