package spec

import (
	"fmt"
	"iter"
	"slices"
	"sort"
	"strings"

	"github.com/agext/levenshtein"
	"github.com/tiercost/tiercost/costmodel/inputfile"
)

// Architectures as the launch template's image names them.
const (
	ArchX86   = "x86_64"
	ArchARM64 = "arm64"
)

// Compute families a what-if may ask for.
const (
	FamilyGraviton = "graviton" // arm64, the tiers' default
	FamilyX86      = "x86"      // x86_64 (Intel)
)

// Families lists the compute families, the tiers' default first.
var Families = []string{FamilyGraviton, FamilyX86}

// Instance is one EC2 instance type, RDS class or ElastiCache node type with
// AWS's published vCPU and memory. The tables below are the one home of
// these facts: validation, sizing and right-sizing all read them.
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

// Size is the part after the family: "large" for c7g.large.
func (i Instance) Size() string {
	_, size, _ := strings.Cut(strings.TrimPrefix(strings.TrimPrefix(i.Type, "db."), "cache."), ".")
	return size
}

// normalizationFactor is AWS's size weight within a family (the reserved
// instance normalization factors: small 1, medium 2, large 4, ...). Price
// within a family is proportional to it, so sizing compares sizes without
// reading prices.
var normalizationFactor = map[string]float64{
	"nano": 0.25, "micro": 0.5, "small": 1, "medium": 2, "large": 4,
	"xlarge": 8, "2xlarge": 16, "4xlarge": 32, "8xlarge": 64, "12xlarge": 96, "16xlarge": 128,
}

// Units is the type's normalization factor (see normalizationFactor); 0
// for a size the table does not know.
func (i Instance) Units() float64 { return normalizationFactor[i.Size()] }

// EC2Types returns the EC2 types we size and price, smallest first within a
// family. Specs: AWS EC2 instance type pages (t3, t4g burst baselines from
// the "CPU credits and baseline" table). Callers get their own copy.
func EC2Types() []Instance { return slices.Clone(ec2Types) }

var ec2Types = []Instance{
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

// RDSClasses returns the RDS classes in ascending us-east-1 list-price order
// (a fixed order, decided once from shared/reference, so that sizing never
// reads prices). Specs: Amazon RDS DB instance classes page; db.t*
// baselines as their EC2 counterparts. Callers get their own copy.
func RDSClasses() []Instance { return slices.Clone(rdsClasses) }

var rdsClasses = []Instance{
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

// CacheNodeTypes returns the ElastiCache node types in ascending us-east-1
// list-price order (fixed, as RDSClasses). Memory: ElastiCache "supported
// node types" page (cache.r6g.large 13.07 GiB, cache.m6g.large 6.38 GiB,
// cache.t4g.micro 0.5 GiB). Callers get their own copy.
func CacheNodeTypes() []Instance { return slices.Clone(cacheNodeTypes) }

var cacheNodeTypes = []Instance{
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

// EC2Type, RDSClass and CacheNodeType find a type in its table without
// copying the table: sizing and validation look types up for every
// scenario of a band.
func EC2Type(typ string) (Instance, bool)       { return LookupInstance(ec2Types, typ) }
func RDSClass(typ string) (Instance, bool)      { return LookupInstance(rdsClasses, typ) }
func CacheNodeType(typ string) (Instance, bool) { return LookupInstance(cacheNodeTypes, typ) }

// EachEC2Type, EachRDSClass and EachCacheNodeType walk a table in its
// order without copying it.
func EachEC2Type() iter.Seq[Instance]       { return each(ec2Types) }
func EachRDSClass() iter.Seq[Instance]      { return each(rdsClasses) }
func EachCacheNodeType() iter.Seq[Instance] { return each(cacheNodeTypes) }

func each(table []Instance) iter.Seq[Instance] {
	return func(yield func(Instance) bool) {
		for i := range table {
			if !yield(table[i]) {
				return
			}
		}
	}
}

// LookupInstance finds a type in one of the tables above.
func LookupInstance(table []Instance, typ string) (Instance, bool) {
	for i := range table {
		if table[i].Type == typ {
			return table[i], true
		}
	}
	return Instance{}, false
}

// ArchOfFamily maps a compute family to its architecture.
func ArchOfFamily(family string) (string, error) {
	switch family {
	case FamilyGraviton:
		return ArchARM64, nil
	case FamilyX86:
		return ArchX86, nil
	}
	return "", fmt.Errorf("%s is unknown; allowed: %s", inputfile.Choice(family), strings.Join(Families, ", "))
}

// FamilyOfArch maps an architecture back to its compute family.
func FamilyOfArch(arch string) string {
	if arch == ArchX86 {
		return FamilyX86
	}
	return FamilyGraviton
}

// counterparts pairs each Graviton family with the x86 family of the same
// shape (vCPU, memory per vCPU, burst behaviour).
var counterparts = map[string]string{"t4g": "t3", "m7g": "m6i", "c7g": "c6i", "m6g": "m6i", "r6g": "r6i"}

// Counterpart returns the same size of typ in the family of the other
// architecture (t4g.small → t3.small); ok is false when the table has no
// such type.
func Counterpart(table []Instance, typ, arch string) (Instance, bool) {
	cur, ok := LookupInstance(table, typ)
	if !ok {
		return Instance{}, false
	}
	if cur.Arch == arch {
		return cur, true
	}
	fam := counterparts[cur.Family]
	if fam == "" {
		for g, x := range counterparts {
			if x == cur.Family {
				fam = g
			}
		}
	}
	prefix := strings.TrimSuffix(cur.Type, cur.Family+"."+cur.Size())
	return LookupInstance(table, prefix+fam+"."+cur.Size())
}

// closeMatches returns up to three table types nearest to typ by edit
// distance, for "did you mean" in errors.
func closeMatches(table []Instance, typ string) []string {
	type cand struct {
		name string
		d    int
	}
	var cs []cand
	for _, i := range table {
		if d := levenshtein.Distance(typ, i.Type, nil); d <= 3 {
			cs = append(cs, cand{i.Type, d})
		}
	}
	sort.SliceStable(cs, func(a, b int) bool {
		if cs[a].d != cs[b].d {
			return cs[a].d < cs[b].d
		}
		return cs[a].name < cs[b].name
	})
	var out []string
	for i := 0; i < len(cs) && i < 3; i++ {
		out = append(out, cs[i].name)
	}
	return out
}

// unknownType phrases an unknown type with its close matches and the list.
func unknownType(table []Instance, typ string) string {
	msg := fmt.Sprintf("%s is not a type we size and price", inputfile.Excerpt(typ))
	if m := closeMatches(table, typ); len(m) > 0 {
		msg += "; did you mean " + strings.Join(m, " or ") + "?"
	} else {
		msg += ";"
	}
	names := make([]string, len(table))
	for i, t := range table {
		names[i] = t.Type
	}
	sort.Strings(names)
	return msg + " allowed: " + strings.Join(names, ", ")
}
