package capacity

import "sort"

// Architectures as the launch template names them.
const (
	ArchX86   = "x86_64"
	ArchARM64 = "arm64"
)

// Family preferences for Options.Family.
const (
	FamilyAny      = ""
	FamilyGraviton = "graviton"
	FamilyX86      = "x86"
)

// Instance is one EC2 instance type, RDS class or ElastiCache node type with
// AWS's published vCPU and memory.
type Instance struct {
	Type      string  `json:"type"`
	Family    string  `json:"family"` // t3, t4g, m6i, m7g, c6i, c7g, r6i, m6g, r6g
	VCPU      int     `json:"vcpu"`
	MemoryGiB float64 `json:"memoryGiB"`
	Arch      string  `json:"arch"`
	// Baseline is the CPU share a burstable type sustains without credits
	// (t3.micro 0.10); 1 for fixed-performance types.
	Baseline float64 `json:"baseline"`
}

// Burstable reports whether the type earns CPU credits.
func (i Instance) Burstable() bool { return i.Baseline < 1 }

// MemoryGB converts the published GiB to decimal GB, the unit workloads use.
func (i Instance) MemoryGB() float64 { return i.MemoryGiB * 1.073741824 }

// EC2Types returns the EC2 types the model sizes with, smallest first within
// a family. Specs: AWS EC2 instance type pages (t3, t4g burst baselines from
// the "CPU credits and baseline" table).
func EC2Types() []Instance {
	return []Instance{
		{"t3.micro", "t3", 2, 1, ArchX86, 0.10},
		{"t3.small", "t3", 2, 2, ArchX86, 0.20},
		{"t3.medium", "t3", 2, 4, ArchX86, 0.20},
		{"t3.large", "t3", 2, 8, ArchX86, 0.30},
		{"t3.xlarge", "t3", 4, 16, ArchX86, 0.40},
		{"t4g.micro", "t4g", 2, 1, ArchARM64, 0.10},
		{"t4g.small", "t4g", 2, 2, ArchARM64, 0.20},
		{"t4g.medium", "t4g", 2, 4, ArchARM64, 0.20},
		{"t4g.large", "t4g", 2, 8, ArchARM64, 0.30},
		{"m6i.large", "m6i", 2, 8, ArchX86, 1},
		{"m6i.xlarge", "m6i", 4, 16, ArchX86, 1},
		{"m6i.2xlarge", "m6i", 8, 32, ArchX86, 1},
		{"m7g.large", "m7g", 2, 8, ArchARM64, 1},
		{"m7g.xlarge", "m7g", 4, 16, ArchARM64, 1},
		{"c6i.large", "c6i", 2, 4, ArchX86, 1},
		{"c6i.xlarge", "c6i", 4, 8, ArchX86, 1},
		{"c6i.2xlarge", "c6i", 8, 16, ArchX86, 1},
		{"c7g.large", "c7g", 2, 4, ArchARM64, 1},
		{"c7g.xlarge", "c7g", 4, 8, ArchARM64, 1},
		{"r6i.large", "r6i", 2, 16, ArchX86, 1},
		{"r6i.xlarge", "r6i", 4, 32, ArchX86, 1},
	}
}

// RDSClasses returns the RDS classes, in ascending us-east-1 list-price
// order (the order used when no catalog is given). Specs: Amazon RDS DB
// instance classes page; db.t* baselines as their EC2 counterparts.
func RDSClasses() []Instance {
	return []Instance{
		{"db.t4g.micro", "t4g", 2, 1, ArchARM64, 0.10},
		{"db.t3.micro", "t3", 2, 1, ArchX86, 0.10},
		{"db.t4g.small", "t4g", 2, 2, ArchARM64, 0.20},
		{"db.t3.small", "t3", 2, 2, ArchX86, 0.20},
		{"db.t4g.medium", "t4g", 2, 4, ArchARM64, 0.20},
		{"db.t3.medium", "t3", 2, 4, ArchX86, 0.20},
		{"db.m6g.large", "m6g", 2, 8, ArchARM64, 1},
		{"db.r6g.large", "r6g", 2, 16, ArchARM64, 1},
		{"db.m6g.xlarge", "m6g", 4, 16, ArchARM64, 1},
		{"db.r6g.xlarge", "r6g", 4, 32, ArchARM64, 1},
		{"db.r6g.2xlarge", "r6g", 8, 64, ArchARM64, 1},
	}
}

// CacheNodeTypes returns the ElastiCache node types, in ascending us-east-1
// list-price order. Memory: ElastiCache "supported node types" page
// (cache.r6g.large 13.07 GiB, cache.m6g.large 6.38 GiB, cache.t4g.micro 0.5 GiB).
func CacheNodeTypes() []Instance {
	return []Instance{
		{"cache.t4g.micro", "t4g", 2, 0.5, ArchARM64, 0.10},
		{"cache.t3.micro", "t3", 2, 0.5, ArchX86, 0.10},
		{"cache.t4g.small", "t4g", 2, 1.37, ArchARM64, 0.20},
		{"cache.t3.small", "t3", 2, 1.37, ArchX86, 0.20},
		{"cache.t4g.medium", "t4g", 2, 3.09, ArchARM64, 0.20},
		{"cache.t3.medium", "t3", 2, 3.09, ArchX86, 0.20},
		{"cache.m6g.large", "m6g", 2, 6.38, ArchARM64, 1},
		{"cache.r6g.large", "r6g", 2, 13.07, ArchARM64, 1},
		{"cache.m6g.xlarge", "m6g", 4, 12.93, ArchARM64, 1},
		{"cache.r6g.xlarge", "r6g", 4, 26.32, ArchARM64, 1},
	}
}

// LookupInstance finds a type in one of the tables above.
func LookupInstance(table []Instance, typ string) (Instance, bool) {
	for _, i := range table {
		if i.Type == typ {
			return i, true
		}
	}
	return Instance{}, false
}

// archFor maps a family preference to an architecture ("" = both).
func archFor(family string) string {
	switch family {
	case FamilyGraviton:
		return ArchARM64
	case FamilyX86:
		return ArchX86
	}
	return ""
}

// counterpart maps a type to the same size in the other architecture, for
// sizing without a catalog when the family preference differs.
func counterpart(typ string) string {
	pairs := map[string]string{"t4g": "t3", "m7g": "m6i", "c7g": "c6i", "t3": "t4g", "m6i": "m7g", "c6i": "c7g", "r6i": "r6i"}
	for i := 0; i < len(typ); i++ {
		if typ[i] == '.' {
			if o, ok := pairs[typ[:i]]; ok {
				return o + typ[i:]
			}
			break
		}
	}
	return typ
}

// sortedTypes returns the type names of a table, sorted, for messages.
func sortedTypes(table []Instance) []string {
	out := make([]string, len(table))
	for i, t := range table {
		out[i] = t.Type
	}
	sort.Strings(out)
	return out
}
