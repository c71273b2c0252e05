package uncertainty

import (
	"os"
	"strings"
	"testing"
)

// TestDocsListEveryDefault holds docs/uncertainty.md's table of default
// ranges to the code: one row per assumption, with its distribution and
// each tier's rule as DefaultRule words it.
func TestDocsListEveryDefault(t *testing.T) {
	b, err := os.ReadFile("../../docs/uncertainty.md")
	if err != nil {
		t.Fatal(err)
	}
	rows := map[string][]string{}
	for _, l := range strings.Split(string(b), "\n") {
		if !strings.HasPrefix(l, "| `") {
			continue
		}
		cells := strings.Split(l, " | ")
		rows[strings.Trim(cells[0], "| `")] = cells
	}
	for _, a := range Assumptions() {
		cells, ok := rows[a.Name]
		if !ok {
			t.Errorf("docs/uncertainty.md has no row for %s", a.Name)
			continue
		}
		if len(cells) < 8 {
			t.Errorf("%s: row has %d cells", a.Name, len(cells))
			continue
		}
		if cells[2] != string(a.Dist) {
			t.Errorf("%s: docs say %s, code %s", a.Name, cells[2], a.Dist)
		}
		for i, tier := range []string{"1k", "10k", "100k", "1m"} {
			if want := DefaultRule(tier, a.Name); cells[3+i] != want {
				t.Errorf("%s at %s: docs say %q, code %q", a.Name, tier, cells[3+i], want)
			}
		}
	}
}
