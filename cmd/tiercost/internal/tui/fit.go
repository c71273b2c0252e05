package tui

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/shopspring/decimal"
	"github.com/tiercost/tiercost/costmodel/money"
)

// Numbers are never cut on screen: a money cell picks the longest form that
// fits its width ("$1,234.56", then "$1,235", then "$1.23k"), and free text
// is wrapped, or cut at a word boundary, so no digit is lost at an edge.

// fitUSD is d in the longest form that fits w cells.
func fitUSD(d decimal.Decimal, w int) string {
	for _, s := range []string{money.USD(d), money.USDWhole(d)} {
		if ansi.StringWidth(s) <= w {
			return s
		}
	}
	return money.USDShort(d)
}

// lowerBoundMark goes before a total that leaves unpriced items out
// (money.Total's "≥ ").
const lowerBoundMark = "≥ "

// unknownAmount stands for an amount with nothing priced in it, where
// money.NotFound does not fit.
const unknownAmount = "unknown"

// fitTotal is t's amount in at most w cells, "≥ " first when it is a
// lower bound: the mark is kept whole and the amount abbreviates to make
// room for it.
func fitTotal(t money.Total, w int) string {
	if !t.LowerBound() {
		return fitUSD(t.Amount, w)
	}
	if t.Amount.IsZero() && w >= len(unknownAmount) {
		return unknownAmount // nothing of it priced: not "≥ $0.00", which reads as free
	}
	return lowerBoundMark + fitUSD(t.Amount, w-ansi.StringWidth(lowerBoundMark))
}

// fitSigned is fitUSD with an explicit sign for a change; a change that
// rounds to zero has none (money.Signed's rule).
func fitSigned(d decimal.Decimal, w int) string {
	if d.Round(2).Sign() <= 0 {
		return fitUSD(d, w)
	}
	return "+" + fitUSD(d, w-1)
}

// wrap breaks s into lines of at most w cells, at spaces where it can.
func wrap(s string, w int) []string {
	return strings.Split(ansi.Wrap(s, max(w, 1), ""), "\n")
}

// clipWords cuts s to at most w cells at a space and marks the cut with
// "…", so a word or number is either whole or gone.
func clipWords(s string, w int) string {
	if ansi.StringWidth(s) <= w {
		return s
	}
	if w <= 1 {
		return ansi.Truncate(s, max(w, 0), "")
	}
	cut := ansi.Truncate(s, w-1, "")
	if i := strings.LastIndex(cut, " "); i > 0 {
		cut = strings.TrimRight(cut[:i], " ·,;:")
	}
	return cut + "…"
}
