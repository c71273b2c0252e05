package output

import (
	"fmt"
	"io"
	"strings"

	"github.com/tiercost/tiercost/costmodel/pricing"
)

// maxSourceWidth bounds a price's source in the coverage listing; the
// JSON keeps it whole.
const maxSourceWidth = 70

// CoverageText lists which catalog products the estimates under title ask
// for are priced (with layer, date and source) and which are missing,
// missing first, one product to a line, wrapped to width (0: no limit):
// a product key breaks after "|" or ",".
func CoverageText(w io.Writer, title string, rows []pricing.ProductCoverage, width int) error {
	var b strings.Builder
	ew := &errWriter{w: &b}
	missing := 0
	for _, r := range rows {
		if !r.Priced {
			missing++
		}
	}
	ew.printf("%s: %d products, %d priced, %d missing\n", title, len(rows), len(rows)-missing, missing)
	if missing > 0 {
		ew.printf("\nMissing (the estimates leave them out; their totals are lower bounds):\n")
	}
	for i, r := range rows {
		if i == missing {
			ew.printf("\nPriced:\n")
		}
		ew.printf("  %s\n", r.Product)
		if r.Priced {
			src := r.Source
			if len([]rune(src)) > maxSourceWidth {
				src = string([]rune(src)[:maxSourceWidth-1]) + "…"
			}
			ew.printf("      %s @ %s: %s\n", r.Layer, r.AsOf, src)
		}
		used := ""
		if len(r.UsedBy) > 0 {
			used = r.UsedBy[0]
		}
		if more := r.Uses - 1; more > 0 {
			used += fmt.Sprintf(" (+%d more)", more)
		}
		ew.printf("      used by %s\n", used)
		switch {
		case r.Priced:
		case r.Unpriced == 0:
			ew.printf("      no quantity in these estimates: nothing left out\n")
		case r.Unpriced == 1:
			ew.printf("      1 line with a quantity left out of its total\n")
		default:
			ew.printf("      %d lines with a quantity left out of their totals\n", r.Unpriced)
		}
	}
	_, err := io.WriteString(w, WrapAt(b.String(), width, 4, "|,"))
	return err
}
