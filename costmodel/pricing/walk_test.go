package pricing

import (
	"fmt"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

// tree is a hand-built breakdown: web has two lines, a root volume with a
// line and a nested snapshot with a missing price; db has no lines.
func tree() Breakdown {
	return Breakdown{Resources: []ResourceCost{
		{Name: "web", Components: []CostComponent{{Name: "hours", PriceFound: true}, {Name: "monitoring", PriceFound: true}},
			Subresources: []ResourceCost{{Name: "rootBlockDevice", Components: []CostComponent{{Name: "storage", PriceFound: true}},
				Subresources: []ResourceCost{{Name: "snapshot", Components: []CostComponent{{Name: "snapshot storage", MonthlyQuantity: decimal.NewFromInt(5)}}}}}}},
		{Name: "db"},
	}}
}

// A line without a price but with no quantity costs nothing whatever the
// price: it is not unpriced and leaves the total exact.
func TestZeroQuantityIsNotUnpriced(t *testing.T) {
	r := ResourceCost{Name: "cdn", Components: []CostComponent{
		{Name: "requests (Japan)", Note: "price not found"},
		{Name: "data out (Japan)", MonthlyQuantity: decimal.NewFromInt(3)},
	}}
	if r.Components[0].Unpriced() || !r.Components[1].Unpriced() || r.MissingPrices() != 1 {
		t.Errorf("unpriced %v %v, missing %d; want false true 1", r.Components[0].Unpriced(), r.Components[1].Unpriced(), r.MissingPrices())
	}
}

func TestBreakdownWalk(t *testing.T) {
	var got []string
	for n := range tree().Walk() {
		got = append(got, fmt.Sprintf("%d %s [%s] top=%s", n.Depth, n.Path(), n.Below(), n.Top.Name))
	}
	want := []string{
		"0 web [] top=web",
		"1 web / rootBlockDevice [rootBlockDevice] top=web",
		"2 web / rootBlockDevice / snapshot [rootBlockDevice / snapshot] top=web",
		"0 db [] top=db",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("Walk:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestBreakdownLines(t *testing.T) {
	var got []string
	for n, c := range tree().Lines() {
		got = append(got, n.Path()+": "+c.Name)
	}
	want := []string{
		"web: hours",
		"web: monitoring",
		"web / rootBlockDevice: storage",
		"web / rootBlockDevice / snapshot: snapshot storage",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("Lines:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// A loop that breaks stops the walk: no yield after it returns false.
func TestWalkStops(t *testing.T) {
	for _, stopAfter := range []int{1, 2, 3} {
		n := 0
		for range tree().Lines() {
			n++
			if n == stopAfter {
				break
			}
		}
		if n != stopAfter {
			t.Errorf("stopped after %d lines, want %d", n, stopAfter)
		}
	}
	n := 0
	for range tree().Walk() {
		n++
		break
	}
	if n != 1 {
		t.Errorf("Walk visited %d after break, want 1", n)
	}
}

func TestResourceWalkAndMissing(t *testing.T) {
	web := tree().Resources[0]
	tests := []struct {
		name string
		r    ResourceCost
		// nodes and lines visited, and lines without a price
		nodes, lines, missing int
	}{
		{"web: itself, the volume and its snapshot; 4 lines, the snapshot's unpriced", web, 3, 4, 1},
		{"the volume alone", web.Subresources[0], 2, 2, 1},
		{"no lines", ResourceCost{Name: "db"}, 1, 0, 0},
	}
	for _, tt := range tests {
		nodes, lines := 0, 0
		for range tt.r.Walk() {
			nodes++
		}
		for range tt.r.Lines() {
			lines++
		}
		if nodes != tt.nodes || lines != tt.lines || tt.r.MissingPrices() != tt.missing {
			t.Errorf("%s: nodes %d lines %d missing %d, want %d %d %d", tt.name, nodes, lines, tt.r.MissingPrices(), tt.nodes, tt.lines, tt.missing)
		}
	}
}
