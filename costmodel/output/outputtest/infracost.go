package outputtest

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v5"
	"github.com/shopspring/decimal"
)

// SchemaPath is the vendored copy of Infracost's JSON output schema.
func SchemaPath() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "testdata", "infracost-schema", "infracost.schema.json")
}

// SchemaViolations validates an Infracost-schema document against the
// vendored schema (draft 4, formats asserted) and returns one line per
// violation ("/projects/0/metadata: ..."), none when it is valid.
func SchemaViolations(tb testing.TB, data []byte) []string {
	tb.Helper()
	c := jsonschema.NewCompiler()
	c.Draft = jsonschema.Draft4
	c.AssertFormat = true
	s, err := c.Compile(SchemaPath())
	if err != nil {
		tb.Fatalf("compile Infracost's schema: %v", err)
	}
	var v any
	if err := json.Unmarshal(data, &v); err != nil {
		tb.Fatalf("not JSON: %v", err)
	}
	err = s.Validate(v)
	if err == nil {
		return nil
	}
	ve, ok := err.(*jsonschema.ValidationError)
	if !ok {
		tb.Fatalf("validate: %v", err)
	}
	var out []string
	for _, e := range ve.BasicOutput().Errors {
		if e.Error == "" || strings.HasPrefix(e.Error, "doesn't validate with") {
			continue // the parents of a real violation
		}
		out = append(out, e.InstanceLocation+": "+e.Error)
	}
	sort.Strings(out)
	return out
}

// The types below are written from Infracost's schema and its Go output
// structs alone (amounts decode as decimals, null as nil), the way
// Infracost's `output` command reads a file, so a test reads tiercost's
// JSON as Infracost would.

// ICRoot is an Infracost JSON document.
type ICRoot struct {
	Version              string           `json:"version"`
	Metadata             map[string]any   `json:"metadata"`
	Currency             string           `json:"currency"`
	Projects             []ICProject      `json:"projects"`
	TotalMonthlyCost     *decimal.Decimal `json:"totalMonthlyCost"`
	PastTotalMonthlyCost *decimal.Decimal `json:"pastTotalMonthlyCost"`
	DiffTotalMonthlyCost *decimal.Decimal `json:"diffTotalMonthlyCost"`
	Summary              map[string]any   `json:"summary"`
}

// ICProject is one project.
type ICProject struct {
	Name          string         `json:"name"`
	DisplayName   string         `json:"displayName"`
	Metadata      map[string]any `json:"metadata"`
	PastBreakdown *ICBreakdown   `json:"pastBreakdown"`
	Breakdown     *ICBreakdown   `json:"breakdown"`
	Diff          *ICBreakdown   `json:"diff"`
}

// ICBreakdown is a list of resources with totals.
type ICBreakdown struct {
	Resources        []ICResource     `json:"resources"`
	TotalMonthlyCost *decimal.Decimal `json:"totalMonthlyCost"`
}

// ICResource is a resource or subresource.
type ICResource struct {
	Name           string            `json:"name"`
	ResourceType   string            `json:"resourceType"`
	MonthlyCost    *decimal.Decimal  `json:"monthlyCost"`
	CostComponents []ICCostComponent `json:"costComponents"`
	Subresources   []ICResource      `json:"subresources"`
}

// ICCostComponent is a line item.
type ICCostComponent struct {
	Name            string           `json:"name"`
	Unit            string           `json:"unit"`
	MonthlyQuantity *decimal.Decimal `json:"monthlyQuantity"`
	Price           decimal.Decimal  `json:"price"`
	MonthlyCost     *decimal.Decimal `json:"monthlyCost"`
}

// DiffLine is one line of what Infracost's `output --format diff` shows
// for a project: a resource (Path is its name) or a line item or
// subresource below it (Path "resource / line item"), its operation
// ("+" added, "-" removed, "~" changed), the monthly change and the two
// sides (nil where the side is absent or unpriced).
type DiffLine struct {
	Path     string
	Op       string
	Change   decimal.Decimal
	Old, New *decimal.Decimal
}

// String renders a line as "~ tc-asg +13.864 (13.864 → 27.728)".
func (l DiffLine) String() string {
	side := func(d *decimal.Decimal) string {
		if d == nil {
			return "-"
		}
		return d.String()
	}
	sign := ""
	if l.Change.IsPositive() {
		sign = "+"
	}
	return fmt.Sprintf("%s %s %s%s (%s → %s)", l.Op, l.Path, sign, l.Change.String(), side(l.Old), side(l.New))
}

// ReadDiff follows Infracost's diff output: for each resource of the
// project's "diff", it finds the resource of the same name in
// pastBreakdown and breakdown (the operation is "+" without a past one,
// "-" without a current one), then does the same for its line items
// (exact name, else the name before its labels) and subresources.
func ReadDiff(p ICProject) []DiffLine {
	var out []DiffLine
	for _, d := range p.Diff.Resources {
		out = append(out, diffLines(d.Name, d, find(p.PastBreakdown.Resources, d.Name), find(p.Breakdown.Resources, d.Name))...)
	}
	return out
}

func diffLines(path string, d ICResource, old, cur *ICResource) []DiffLine {
	l := DiffLine{Path: path, Op: op(old != nil, cur != nil)}
	if d.MonthlyCost != nil {
		l.Change = *d.MonthlyCost
	}
	if old != nil {
		l.Old = old.MonthlyCost
	}
	if cur != nil {
		l.New = cur.MonthlyCost
	}
	out := []DiffLine{l}
	for _, c := range d.CostComponents {
		var oc, nc *ICCostComponent
		if old != nil {
			oc = findComponent(old.CostComponents, c.Name)
		}
		if cur != nil {
			nc = findComponent(cur.CostComponents, c.Name)
		}
		cl := DiffLine{Path: path + " / " + c.Name, Op: op(oc != nil, nc != nil)}
		if c.MonthlyCost != nil {
			cl.Change = *c.MonthlyCost
		}
		if oc != nil {
			cl.Old = oc.MonthlyCost
		}
		if nc != nil {
			cl.New = nc.MonthlyCost
		}
		out = append(out, cl)
	}
	for _, s := range d.Subresources {
		var os, ns *ICResource
		if old != nil {
			os = find(old.Subresources, s.Name)
		}
		if cur != nil {
			ns = find(cur.Subresources, s.Name)
		}
		out = append(out, diffLines(path+" / "+s.Name, s, os, ns)...)
	}
	return out
}

func op(old, cur bool) string {
	switch {
	case !old:
		return "+"
	case !cur:
		return "-"
	}
	return "~"
}

func find(rs []ICResource, name string) *ICResource {
	for i := range rs {
		if rs[i].Name == name {
			return &rs[i]
		}
	}
	return nil
}

func findComponent(cs []ICCostComponent, name string) *ICCostComponent {
	for i := range cs {
		if cs[i].Name == name {
			return &cs[i]
		}
	}
	head, _, _ := strings.Cut(name, " (")
	for i := range cs {
		if h, _, ok := strings.Cut(cs[i].Name, " ("); ok && h == head {
			return &cs[i]
		}
	}
	return nil
}
