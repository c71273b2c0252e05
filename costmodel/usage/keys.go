package usage

// Key documents one usage key: its name and unit.
type Key struct {
	Name        string
	Unit        string
	Description string
}

// Schema lists, per type token, every usage key the pricers read; the file
// parser rejects any other type token or key. The pricing package derives
// it from its resource-type registry (pricing.UsageSchema), so this package
// holds no list of its own.
type Schema map[string][]Key
