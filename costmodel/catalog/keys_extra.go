package catalog

import "strings"

// Reserved term lengths, payment options and offering classes as the Price
// List names them.
const (
	Term1yr = "1yr"
	Term3yr = "3yr"

	NoUpfront      = "No Upfront"
	PartialUpfront = "Partial Upfront"
	AllUpfront     = "All Upfront"

	ClassStandard    = "standard"
	ClassConvertible = "convertible"
)

// ReservedTerm builds a reserved purchase term, e.g.
// ReservedTerm(Term1yr, ClassStandard, NoUpfront).
func ReservedTerm(length, class, payment string) Term {
	return Term{Kind: Reserved, Length: length, Payment: payment, Class: class}
}

// Aurora storage types (the RDSStorage volumeType for Aurora clusters).
const (
	AuroraStandard    = "aurora"      // Aurora Standard: storage + per-request I/O
	AuroraIOOptimized = "aurora-iopt" // Aurora I/O-Optimized: no I/O charge
)

// AuroraInstance is an Aurora cluster instance hour. The Price List files
// Aurora instances under the Single-AZ deployment option (replicas are
// separate instances), so that is the key's deployment.
func AuroraInstance(region, instanceClass, engine string) ProductKey {
	return RDSInstance(region, instanceClass, engine, SingleAZ)
}

// AuroraStorage is Aurora cluster storage per GB-month; storageType is
// AuroraStandard or AuroraIOOptimized.
func AuroraStorage(region, storageType string) ProductKey {
	return RDSStorage(region, storageType, SingleAZ)
}

// Product returns the product-name part of a key, e.g. "instance".
func (p ProductKey) Product() string {
	parts := strings.SplitN(string(p), "|", 4)
	if len(parts) < 2 {
		return ""
	}
	return parts[1]
}

// Attr returns one attribute of a key ("" when the key has none by that name).
func (p ProductKey) Attr(name string) string {
	parts := strings.SplitN(string(p), "|", 4)
	if len(parts) < 4 {
		return ""
	}
	for _, kv := range strings.Split(parts[3], ",") {
		if k, v, ok := strings.Cut(kv, "="); ok && k == name {
			return v
		}
	}
	return ""
}

// valid reports whether a key has the service|product|region|attrs shape.
func (p ProductKey) valid() bool {
	parts := strings.Split(string(p), "|")
	return len(parts) == 4 && parts[0] != "" && parts[1] != "" && parts[2] != ""
}
