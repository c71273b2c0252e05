package output

import (
	"bytes"
	"strings"
	"testing"

	"github.com/tiercost/tiercost/costmodel/pricing"
)

// nested is one priced instance whose root volume has a snapshot two levels
// down, without a price: the renderers must reach every level.
func nested(gb string) pricing.Breakdown {
	return pricing.Breakdown{Project: "p", Resources: []pricing.ResourceCost{{
		Name: "web", Type: "aws:ec2/instance:Instance", Status: pricing.StatusPriced, MonthlyCost: d("12"),
		Components: []pricing.CostComponent{{Name: "hours", Unit: "hours", MonthlyQuantity: d("730"), Price: d("0.01"), MonthlyCost: d("7.3"), PriceFound: true}},
		Subresources: []pricing.ResourceCost{{Name: "rootBlockDevice",
			Components: []pricing.CostComponent{{Name: "storage", Unit: "GB", MonthlyQuantity: d(gb), Price: d("0.1"), MonthlyCost: d(gb).Mul(d("0.1")), PriceFound: true}},
			Subresources: []pricing.ResourceCost{{Name: "snapshot",
				Components: []pricing.CostComponent{{Name: "snapshot storage", Unit: "GB", MonthlyQuantity: d("5"), Note: "no snapshot price"}}}}}},
	}}}
}

func TestNestedLineNames(t *testing.T) {
	var got []string
	for _, c := range flatLines(nested("20").Resources[0]) {
		got = append(got, c.Name)
	}
	want := "hours|rootBlockDevice / storage|rootBlockDevice / snapshot / snapshot storage"
	if strings.Join(got, "|") != want {
		t.Errorf("flatLines = %q, want %q", strings.Join(got, "|"), want)
	}
	// 20 GB -> 30 GB at $0.10 moves only the storage line, by $1.00.
	diff := Diff(nested("20"), nested("30"))
	if len(diff.Resources) != 1 || len(diff.Resources[0].Lines) != 1 ||
		diff.Resources[0].Lines[0].Name != "rootBlockDevice / storage" || diff.Resources[0].Lines[0].Delta.String() != "1" {
		t.Errorf("diff = %+v", diff.Resources)
	}
}

func TestNestedTable(t *testing.T) {
	var buf bytes.Buffer
	if err := Table(&buf, nested("20"), TableOptions{}); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	// Each level indents two more spaces; the missing price names the path.
	for _, want := range []string{
		"\n    rootBlockDevice\n", "\n      storage ", "\n      snapshot\n", "\n        snapshot storage ",
		"  web / rootBlockDevice / snapshot: snapshot storage: price not found (no snapshot price)\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q:\n%s", want, out)
		}
	}
}
