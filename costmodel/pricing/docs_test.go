package pricing

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/tiercost/tiercost/costmodel/golden"
	"github.com/tiercost/tiercost/costmodel/resource"
	"github.com/tiercost/tiercost/costmodel/usage"
)

// docsPath is the usage key reference; it is generated from the registry so
// the documentation cannot drift from the keys the parser accepts.
var docsPath = filepath.Join("..", "..", "docs", "usage.md")

// renderDocs writes docs/usage.md from a usage schema.
func renderDocs(schema usage.Schema) string {
	var b strings.Builder
	b.WriteString(`# Usage file reference

<!-- Generated from the resource-type registry (costmodel/pricing,
     each pricer file's register call) by
     go test ./costmodel/pricing/ -run TestDocs -update
     Do not edit by hand. -->

Usage quantities are the numbers that usage-based costs need and that no
resource input holds: traffic, requests, stored data. They come from the
workload model, or from a usage file in Infracost's layout:

` + "```yaml" + `
version: 0.1                      # the only version read
resource_type_default_usage:      # per Pulumi type token: defaults for every resource of that type
  aws:lb/loadBalancer:LoadBalancer:
    new_connections_per_second: 50
resource_usage:                   # per logical name or full URN: overrides the type defaults
  web-alb:
    processed_gb_per_hour: 2.5
` + "```" + `

Rules:

- A resource's usage is its type's defaults, overridden by its logical
  name's entry, overridden by its URN's entry.
- Keys under a type token must belong to that type. Keys under a logical
  name must belong to some type; keys under a URN must belong to the type
  the URN names.
- Values are non-negative decimal numbers (` + "`2.5`, `\"2.5\"`, `1.5e3`" + `). They are
  kept exactly as written; hex, octal, ` + "`.inf`" + ` and ` + "`.nan`" + ` are rejected.
- Any mistake is reported as ` + "`<file>: line <n>: <yaml path>: <problem>; allowed: <what is>`" + `.

## Keys by type
`)
	types := make([]string, 0, len(schema))
	for typ := range schema {
		if CanonicalType(typ) == typ {
			types = append(types, typ)
		}
	}
	sort.Strings(types)
	for _, typ := range types {
		b.WriteString("\n### `" + typ + "`\n\n")
		if d := declOf(typ); d != nil && d.Types[0] == typ && len(d.Aliases) > 0 {
			b.WriteString("Older tokens of the same resource are priced as this type, and a usage file may name them:")
			for _, a := range d.Aliases {
				b.WriteString(" `" + a + "`")
			}
			b.WriteString(".\n\n")
		}
		keys := schema[typ]
		if len(keys) == 0 {
			b.WriteString("No usage keys: priced from its inputs alone.\n")
			continue
		}
		b.WriteString("| Key | Unit | Meaning |\n|---|---|---|\n")
		for _, k := range keys {
			b.WriteString("| `" + k.Name + "` | " + k.Unit + " | " + k.Description + " |\n")
		}
		if typ == resource.TypeCloudFront {
			b.WriteString(cloudFrontDocs())
		}
	}
	return b.String()
}

// cloudFrontDocs documents the region groups and the default split, from
// the pricer's own tables.
func cloudFrontDocs() string {
	var b strings.Builder
	b.WriteString("\nEach key takes one number, or an object by region group in Infracost's\n" +
		"shape; only the groups given are priced:\n\n```yaml\nresource_usage:\n  web-cdn:\n" +
		"    monthly_data_transfer_to_internet_gb:\n      us: 61440\n      europe: 10240\n" +
		"    monthly_https_requests: 200000000   # one number: the default split below\n```\n\n")
	b.WriteString("| Group | Priced as the catalog's group |\n|---|---|\n")
	for _, g := range cloudFrontGroups {
		b.WriteString("| `" + g.name + "` | " + g.group + " |\n")
	}
	b.WriteString("\n`canada` is billed with the United States (AWS prices the United States,\n" +
		"Mexico and Canada as one group). A group the catalog has no price for is a\n" +
		"\"price not found\" line, and the total a lower bound.\n\n" +
		"One number is spread over the groups the distribution's price class serves\n" +
		"from by this default split (an assumption, not a measurement); each line's\n" +
		"quantity source names its share:\n\n| Price class | Default split |\n|---|---|\n")
	for _, pc := range []string{priceClass100, priceClass200, priceClassAll} {
		label := "`" + pc + "`"
		if pc == defaultPriceClass {
			label += " (and no price class)"
		}
		b.WriteString("| " + label + " | " + mixText(trafficMix(pc)) + " |\n")
	}
	return b.String()
}

func TestDocs(t *testing.T) {
	golden.Assert(t, docsPath, []byte(renderDocs(UsageSchema())))
}

// Every key of every type appears in the committed docs with its unit.
func TestDocsCoverEveryKey(t *testing.T) {
	data, err := os.ReadFile(docsPath)
	if err != nil {
		t.Fatal(err)
	}
	doc := string(data)
	for typ, keys := range UsageSchema() {
		if !strings.Contains(doc, "### `"+typ+"`") && !strings.Contains(doc, " `"+typ+"`") {
			t.Errorf("type %s missing", typ)
		}
		for _, k := range keys {
			if k.Unit == "" || k.Description == "" {
				t.Errorf("%s.%s has no unit or description", typ, k.Name)
			}
			if !strings.Contains(doc, "| `"+k.Name+"` | "+k.Unit+" | ") {
				t.Errorf("%s.%s missing from the docs", typ, k.Name)
			}
		}
	}
}
