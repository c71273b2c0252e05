package spec

// Layers that hold priced nodes.
const (
	LayerCompute  = "compute"
	LayerDatabase = "database"
	LayerCache    = "cache"
	LayerNAT      = "nat"
)

// Nodes asks what some always-on nodes of one layer cost: the question the
// capacity model puts to the pricing package when it right-sizes or advises.
// It names products in the spec's own words (types, engines, deployment),
// so the capacity model never builds a catalog key.
type Nodes struct {
	Layer  string // LayerCompute, LayerDatabase, LayerCache or LayerNAT
	Region string
	// Type is the instance type, DB class or cache node type ("" for NAT).
	Type string
	// Engine is the database or cache engine: postgres, redis or valkey.
	Engine string
	// MultiAZ asks for a Multi-AZ database deployment (primaries only; a
	// read replica is Single-AZ).
	MultiAZ bool
	Count   int
}
