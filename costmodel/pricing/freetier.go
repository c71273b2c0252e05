package pricing

import (
	"fmt"

	"github.com/shopspring/decimal"
)

// Always-free allowances (not the 12-month trial), shared by every resource
// of one breakdown and consumed in URN order, so the result is stable.
const (
	freeInternetOut  = "data transfer out to the internet" // 100 GB/month, all regions together
	freeCFDataOut    = "CloudFront data transfer out"      // 1 TB/month
	freeCFRequests   = "CloudFront requests"               // 10M HTTP+HTTPS/month
	freeCWMetrics    = "CloudWatch metrics"                // 10 custom/detailed metrics
	freeCWLogs       = "CloudWatch logs"                   // 5 GB ingest + storage
	freeCWAlarms     = "CloudWatch alarms"                 // 10 standard alarm metrics
	freeCWDashboards = "CloudWatch dashboards"             // 3 dashboards
)

// allowances holds what is left of each free allowance in one Price call.
type allowances struct {
	left map[string]decimal.Decimal
}

func newAllowances() *allowances {
	return &allowances{left: map[string]decimal.Decimal{
		freeInternetOut:  decimal.NewFromInt(100),
		freeCFDataOut:    decimal.NewFromInt(1024),
		freeCFRequests:   decimal.NewFromInt(10_000_000),
		freeCWMetrics:    decimal.NewFromInt(10),
		freeCWLogs:       decimal.NewFromInt(5),
		freeCWAlarms:     decimal.NewFromInt(10),
		freeCWDashboards: decimal.NewFromInt(3),
	}}
}

// take consumes up to qty of a pool and returns the amount taken.
func (a *allowances) take(pool string, qty decimal.Decimal) decimal.Decimal {
	left := a.left[pool]
	if !qty.IsPositive() || !left.IsPositive() {
		return decimal.Zero
	}
	got := decimal.Min(left, qty)
	a.left[pool] = left.Sub(got)
	return got
}

// applyFree lowers a line's quantity by what the free tier covers and
// notes it. It does nothing when the free tier is off.
func (p *run) applyFree(pool string, l *line) {
	if p.free == nil {
		return
	}
	got := p.free.take(pool, l.qty)
	if got.IsZero() {
		return
	}
	note := fmt.Sprintf("free tier: %s of %s %s covered by the %s allowance", got, l.qty, l.unit, pool)
	if l.note != "" {
		note = l.note + "; " + note
	}
	l.qty = l.qty.Sub(got)
	l.note = note
}
