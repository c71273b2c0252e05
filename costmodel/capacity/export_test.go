package capacity

// Test helpers for render_test.go, an external test package: it renders
// with costmodel/output, which imports this package.
var (
	TestPrices   = testPrices
	LinearCost   = linearCost
	Oversized10k = oversized10k
)
