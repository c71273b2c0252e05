package usage

import "strings"

// Key documents one usage key: its name and unit.
type Key struct {
	Name        string
	Unit        string
	Description string
	// Groups, when set, lets the key also take an object keyed by these
	// names (Infracost's CloudFront region groups: us, europe, ...)
	// instead of one number.
	Groups []string
}

// GroupSep joins a key and a group in Values: the grouped form
// `monthly_http_requests: {us: 5}` is stored as "monthly_http_requests.us".
const GroupSep = "."

// GroupKey is the Values key of one group of a grouped usage key.
func GroupKey(key, group string) string { return key + GroupSep + group }

// baseKey is the usage key a Values key belongs to: itself, or the key
// before GroupSep of a grouped value.
func baseKey(k string) string {
	if i := strings.Index(k, GroupSep); i >= 0 {
		return k[:i]
	}
	return k
}

// Schema lists, per type token, every usage key the pricers read; the file
// parser rejects any other type token or key. The pricing package derives
// it from its resource-type registry (pricing.UsageSchema), so this package
// holds no list of its own.
type Schema map[string][]Key
