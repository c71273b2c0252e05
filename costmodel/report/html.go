package report

import (
	"html"
	"io"

	"github.com/tiercost/tiercost/costmodel/catalog"
	"github.com/tiercost/tiercost/costmodel/money"
	"github.com/tiercost/tiercost/costmodel/pricing"
)

func esc(s string) string { return html.EscapeString(s) }

// SummaryColor borders the executive summary; the screenshot test finds
// the summary by it.
const SummaryColor = "#1d3557"

const css = `body{font-family:-apple-system,"Segoe UI",Helvetica,Arial,sans-serif;margin:16px auto;max-width:1180px;color:#111;padding:0 16px}
h1{font-size:24px;margin:0 0 4px}h2{font-size:18px;margin-top:28px;border-bottom:1px solid #ddd;padding-bottom:4px}
table{border-collapse:collapse;margin:8px 0;font-size:13px}th,td{border:1px solid #ddd;padding:4px 8px;vertical-align:top}
th{background:#f4f4f4;text-align:left}td.n{text-align:right;font-variant-numeric:tabular-nums}
.meta{color:#555;font-size:13px;margin:0 0 10px}.over{color:#d00000;font-weight:bold}.ok{color:#1b7f3b;font-weight:bold}
#summary{border-top:4px solid ` + SummaryColor + `;border-bottom:4px solid ` + SummaryColor + `;background:#f7f9fc;padding:6px 12px;margin:8px 0 4px}
#summary h2{margin:4px 0 6px;border:0;padding:0}#summary table{margin:0;font-size:14px;width:100%}
#summary th{width:130px;background:none;border:0;padding:3px 8px 3px 0}#summary td{border:0;padding:3px 0}
#summary ul{margin:0;padding-left:18px}svg{width:100%;height:auto;display:block}code{font-size:12px}`

// HTML writes the report as one self-contained page: inline CSS, inline
// SVG charts, no scripts and no external assets, so it opens offline. The
// executive summary comes first, then the charts, tiers and components,
// the assumptions and findings, and the line items last, in an appendix.
func HTML(w io.Writer, d Data) error {
	ew := &errWriter{w: w}
	ew.printf("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width\">\n<title>%s</title>\n<style>%s</style>\n</head>\n<body>\n", esc(d.Title), css)
	ew.printf("<h1>%s</h1>\n<p class=\"meta\">Generated %s", esc(d.Title), esc(d.Generated.UTC().Format("2006-01-02 15:04 UTC")))
	if d.Region != "" {
		ew.printf(" · region %s", esc(d.Region))
	}
	if d.CatalogAsOf != "" {
		ew.printf(" · oldest price from %s", esc(d.CatalogAsOf))
	}
	ew.printf(" · a month is 730 hours</p>\n")

	ew.printf("<section id=\"summary\">\n<h2>Summary</h2>\n<table>\n")
	for _, l := range executiveSummary(d) {
		ew.printf("<tr id=\"%s\"><th>%s</th><td", l.ID, esc(l.Label))
		if l.Class != "" {
			ew.printf(" class=\"%s\"", l.Class)
		}
		ew.printf(">%s", esc(l.Text))
		if len(l.List) > 0 {
			ew.printf("<ul>")
			for _, s := range l.List {
				ew.printf("<li>%s</li>", esc(s))
			}
			ew.printf("</ul>")
		}
		ew.printf("</td></tr>\n")
	}
	ew.printf("</table>\n</section>\n")

	ew.printf("<h2>Monthly cost by tier</h2>\n%s\n", TierChart(d))

	table := func(title string, header []string, rows [][]string, numeric map[int]bool) {
		if len(rows) == 0 {
			return
		}
		if title != "" {
			ew.printf("<h2>%s</h2>\n", esc(title))
		}
		ew.printf("<table>\n<tr>")
		for _, h := range header {
			ew.printf("<th>%s</th>", esc(h))
		}
		ew.printf("</tr>\n")
		for _, r := range rows {
			ew.printf("<tr>")
			for i, c := range r {
				if numeric[i] {
					ew.printf("<td class=\"n\">%s</td>", esc(c))
				} else {
					ew.printf("<td>%s</td>", esc(c))
				}
			}
			ew.printf("</tr>\n")
		}
		ew.printf("</table>\n")
	}
	header, rows, numeric := tierRows(d)
	table("Tiers", header, rows, numeric)
	bandsHTML(ew, d, table)

	if comps := components(d.Tiers); len(comps) > 0 {
		ew.printf("<h2>Cost by component</h2>\n<table>\n<tr><th>Component</th>")
		for _, t := range d.Tiers {
			ew.printf("<th>%s</th>", esc(t.Label()))
		}
		ew.printf("</tr>\n")
		for _, c := range comps {
			ew.printf("<tr><td><span style=\"color:%s\">■</span> %s</td>", ComponentColor(c), esc(c))
			for _, t := range d.Tiers {
				ew.printf("<td class=\"n\">%s</td>", esc(componentTotal(t.Breakdown, c).USD()))
			}
			ew.printf("</tr>\n")
		}
		ew.printf("</table>\n")
	}
	if chart := PerUserChart(d); chart != "" {
		ew.printf("<h2>Cost %s</h2>\n%s\n", money.Per1kUsersLabel, chart)
	}

	header, rows = assumptionRows(d)
	numeric = map[int]bool{}
	for i := 1; i < len(header); i++ {
		numeric[i] = true // one column per tier
	}
	table("Assumptions", header, rows, numeric)
	header, rows = findingRows(d)
	table("Findings", header, rows, nil)
	header, rows = rightsizeTable(d)
	table("Right-sizing", header, rows, map[int]bool{len(header) - 1: true})
	if len(d.NotModeled) > 0 {
		ew.printf("<h2>Not modeled</h2>\n<p>No estimate includes these (docs/not-modeled.md):</p>\n<ul>\n")
		for _, s := range d.NotModeled {
			ew.printf("<li>%s</li>\n", esc(s))
		}
		ew.printf("</ul>\n")
	}
	header, rows = sourceRows(d)
	table("Price sources", header, rows, map[int]bool{2: true})

	ew.printf("<h2>Appendix: line items</h2>\n")
	for _, t := range d.Tiers {
		ew.printf("<h3>%s</h3>\n<table>\n<tr><th>Resource</th><th>Component</th><th>Line item</th><th>Monthly qty</th><th>Unit</th><th>Price</th><th>Monthly cost</th><th>Price source</th></tr>\n", esc(t.Label()))
		for _, it := range items(Data{Tiers: []TierSummary{t}}) {
			c := it.line
			price, cost := lineCells(c)
			qty, source := money.GroupedQuantity(c.MonthlyQuantity), "-"
			if c.Assumed != "" {
				qty += "*"
			}
			if c.PriceFound {
				source = catalog.SourceText(c.Provenance.Source, c.Provenance.AsOf)
			}
			ew.printf("<tr><td>%s</td><td>%s</td><td>%s</td><td class=\"n\">%s</td><td>%s</td><td class=\"n\">%s</td><td class=\"n\">%s</td><td>%s</td></tr>\n",
				esc(it.path), esc(ComponentName(it.resource)), esc(c.Name), esc(qty), esc(money.UnitFor(c.Unit, c.MonthlyQuantity)), esc(price), esc(cost), esc(source))
		}
		ew.printf("</table>\n")
		list := func(title string, items []string) {
			if len(items) == 0 {
				return
			}
			ew.printf("<p>%s</p>\n<ul>\n", esc(title))
			for _, s := range items {
				ew.printf("<li>%s</li>\n", esc(s))
			}
			ew.printf("</ul>\n")
		}
		list("Not priced (not in the total, which is a lower bound):", notPriced(t.Breakdown))
		assumed, fallback := lineNotes(t.Breakdown)
		list("Assumed (*: the input is not set, a default is priced):", assumed)
		list("Priced on demand (the catalog has no rate for "+t.Breakdown.PurchaseOption+"):", fallback)
		free := 0
		for _, r := range t.Breakdown.Resources {
			if r.Status == pricing.StatusFree {
				free++
			}
		}
		if free > 0 {
			ew.printf("<p class=\"meta\">%d free resources (no charge of their own).</p>\n", free)
		}
	}
	ew.printf("</body>\n</html>\n")
	return ew.err
}
