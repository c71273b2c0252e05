package report

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/tiercost/tiercost/costmodel/money"
	"github.com/tiercost/tiercost/costmodel/pricing"
)

// notFound is shown wherever a price is not in the catalog.
const notFound = "price not found"

// users formats a user count with thousands separators.
func users(n int64) string {
	s := strconv.FormatInt(n, 10)
	var out []byte
	for i, c := range []byte(s) {
		if i > 0 && (len(s)-i)%3 == 0 {
			out = append(out, ',')
		}
		out = append(out, c)
	}
	return string(out)
}

func deltaText(t TierSummary) string {
	if t.Delta == nil {
		return "—"
	}
	return money.Signed(*t.Delta)
}

// lineNotes lists the lines whose quantity is assumed for an input not
// set, and the lines priced on demand for want of the option's rate.
func lineNotes(b pricing.Breakdown) (assumed, fallback []string) {
	for n, c := range b.Lines() {
		if c.Assumed != "" {
			assumed = append(assumed, fmt.Sprintf("%s: %s: %s", n.Path(), c.Name, c.Assumed))
		}
		if c.OnDemandFallback {
			fallback = append(fallback, fmt.Sprintf("%s: %s: %s", n.Path(), c.Name, c.Note))
		}
	}
	return assumed, fallback
}

// lineCells are a line item's price and cost cells: a line with no
// quantity costs nothing whatever its price; one with a quantity and no
// price is "price not found", never $0.
func lineCells(c pricing.CostComponent) (price, cost string) {
	switch {
	case c.PriceFound:
		return money.Rate(c.Price), money.USD(c.MonthlyCost)
	case !c.Unpriced():
		return "-", money.USD(c.MonthlyCost)
	}
	return "-", notFound
}

// notPriced lists the unsupported types and the line items without a price.
func notPriced(b pricing.Breakdown) []string {
	var out []string
	for _, m := range b.NotPricedItems() {
		if m.Unsupported() {
			out = append(out, fmt.Sprintf("unsupported type %s (%d)", m.Type, m.Count))
			continue
		}
		s := fmt.Sprintf("%s: %s: %s", m.Path, m.Line, notFound)
		if m.Note != "" {
			s += " (" + m.Note + ")"
		}
		out = append(out, s)
	}
	return out
}

// mdCell escapes what would break a Markdown table cell.
func mdCell(s string) string {
	return strings.NewReplacer("|", `\|`, "\n", " ", "&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}

func mdRow(ew *errWriter, cells ...string) {
	for i := range cells {
		cells[i] = mdCell(cells[i])
	}
	ew.printf("| %s |\n", strings.Join(cells, " | "))
}

// mdTable writes a table whose numeric columns align right.
func mdTable(ew *errWriter, header []string, rows [][]string, numeric map[int]bool) {
	mdRow(ew, append([]string(nil), header...)...)
	align := "|"
	for i := range header {
		if numeric[i] {
			align += "---:|"
		} else {
			align += "---|"
		}
	}
	ew.printf("%s\n", align)
	for _, r := range rows {
		mdRow(ew, append([]string(nil), r...)...)
	}
	ew.printf("\n")
}

// Markdown writes the report as GitHub-flavoured Markdown, in the HTML
// report's order: the executive summary first, the line items last.
func Markdown(w io.Writer, d Data) error {
	ew := &errWriter{w: w}
	ew.printf("# %s\n\n", d.Title)
	ew.printf("Generated %s", d.Generated.UTC().Format("2006-01-02 15:04 UTC"))
	if d.Region != "" {
		ew.printf(" · region %s", d.Region)
	}
	if d.CatalogAsOf != "" {
		ew.printf(" · oldest price from %s", d.CatalogAsOf)
	}
	ew.printf(" · a month is 730 hours\n\n")

	ew.printf("## Summary\n\n")
	for _, l := range executiveSummary(d) {
		text := mdCell(l.Text)
		if l.Class == "over" {
			text = "**" + text + "**"
		}
		ew.printf("- **%s:**", l.Label)
		if text != "" {
			ew.printf(" %s", text)
		}
		ew.printf("\n")
		for _, s := range l.List {
			ew.printf("  - %s\n", mdCell(s))
		}
	}
	ew.printf("\n")

	section := func(title string, header []string, rows [][]string, numeric map[int]bool) {
		if len(rows) == 0 {
			return
		}
		ew.printf("## %s\n\n", title)
		mdTable(ew, header, rows, numeric)
	}
	header, rows, numeric := tierRows(d)
	section("Tiers", header, rows, numeric)
	bandsMarkdown(ew, d)

	if comps := components(d.Tiers); len(comps) > 0 {
		header := []string{"Component"}
		numeric := map[int]bool{}
		for i, t := range d.Tiers {
			header = append(header, t.Label())
			numeric[i+1] = true
		}
		var rows [][]string
		for _, c := range comps {
			row := []string{c}
			for _, t := range d.Tiers {
				row = append(row, componentTotal(t.Breakdown, c).USD())
			}
			rows = append(rows, row)
		}
		section("Cost by component", header, rows, numeric)
	}

	header, rows = assumptionRows(d)
	numeric = map[int]bool{}
	for i := 1; i < len(header); i++ {
		numeric[i] = true
	}
	section("Assumptions", header, rows, numeric)
	header, rows = findingRows(d)
	section("Findings", header, rows, nil)
	header, rows = rightsizeTable(d)
	section("Right-sizing", header, rows, map[int]bool{len(header) - 1: true})
	if len(d.NotModeled) > 0 {
		ew.printf("## Not modeled\n\nNo estimate includes these (docs/not-modeled.md):\n\n")
		for _, s := range d.NotModeled {
			ew.printf("- %s\n", mdCell(s))
		}
		ew.printf("\n")
	}
	header, rows = sourceRows(d)
	section("Price sources", header, rows, map[int]bool{2: true})

	ew.printf("## Appendix: resources\n\n")
	for _, t := range d.Tiers {
		ew.printf("### %s\n\n", t.Label())
		mdRow(ew, "Component", "Resource", "Type", "Monthly cost")
		ew.printf("|---|---|---|---:|\n")
		for _, r := range t.Breakdown.Resources {
			if r.Status != pricing.StatusPriced {
				continue
			}
			mdRow(ew, ComponentName(r), r.Name, "`"+r.Type+"`", money.Total{Amount: r.MonthlyCost, Unpriced: r.MissingPrices()}.Cell())
		}
		ew.printf("\n")
		if np := notPriced(t.Breakdown); len(np) > 0 {
			ew.printf("Not priced (not in the total, which is a lower bound):\n\n")
			for _, s := range np {
				ew.printf("- %s\n", mdCell(s))
			}
			ew.printf("\n")
		}
		assumed, fallback := lineNotes(t.Breakdown)
		if len(assumed) > 0 {
			ew.printf("Assumed (the input is not set, a default is priced):\n\n")
			for _, s := range assumed {
				ew.printf("- %s\n", mdCell(s))
			}
			ew.printf("\n")
		}
		if len(fallback) > 0 {
			ew.printf("Priced on demand (the catalog has no rate for %s):\n\n", mdCell(t.Breakdown.PurchaseOption))
			for _, s := range fallback {
				ew.printf("- %s\n", mdCell(s))
			}
			ew.printf("\n")
		}
	}
	return ew.err
}

// errWriter keeps the first write error so renderers can check once.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) printf(format string, args ...any) {
	if e.err != nil {
		return
	}
	_, e.err = fmt.Fprintf(e.w, format, args...)
}
