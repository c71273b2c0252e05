package tui

import (
	"fmt"
	"maps"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/shopspring/decimal"
	"github.com/tiercost/tiercost/costmodel/money"
	"github.com/tiercost/tiercost/costmodel/pricing"
)

// breakdownModel is the tree's cursor, open nodes and provenance switch.
// Components start open and resources closed.
type breakdownModel struct {
	cursor     int
	open       map[string]bool
	provenance bool
}

func newBreakdownModel() breakdownModel { return breakdownModel{open: map[string]bool{}} }

type nodeKind int

const (
	nodeGroup nodeKind = iota
	nodeResource
	nodeItem
)

// node is one visible row of the tree.
type node struct {
	key    string
	kind   nodeKind
	depth  int
	label  string
	amount string // right-aligned text when the row has no cost
	cost   *decimal.Decimal
	lower  bool     // the cost leaves prices out: "≥" before it
	notice bool     // amount is a not-priced notice
	detail []string // extra lines under the row
	isOpen bool
	// hasKids is false for a resource without line items or subresources.
	hasKids bool
}

func (b breakdownModel) isOpen(key string, kind nodeKind) bool {
	if v, ok := b.open[key]; ok {
		return v
	}
	return kind == nodeGroup
}

func resourceKey(r pricing.ResourceCost) string {
	if r.URN != "" {
		return "r:" + r.URN
	}
	return "r:" + r.Type + "::" + r.Name
}

// groups keeps the breakdown's component order of first appearance.
func groups(bd pricing.Breakdown) ([]string, map[string][]pricing.ResourceCost) {
	var order []string
	by := map[string][]pricing.ResourceCost{}
	for _, r := range bd.Resources {
		if _, ok := by[r.Component]; !ok {
			order = append(order, r.Component)
		}
		by[r.Component] = append(by[r.Component], r)
	}
	return order, by
}

// nodes flattens the visible tree.
func (b breakdownModel) nodes(snap *Snapshot) []node {
	if snap == nil {
		return nil
	}
	order, by := groups(snap.Breakdown)
	var out []node
	for _, g := range order {
		label := g
		if g == "" {
			label = "(top level)"
		}
		sum := decimal.Zero
		missing := 0
		for _, r := range by[g] {
			sum = sum.Add(r.MonthlyCost)
			missing += r.MissingPrices()
		}
		gk := "g:" + g
		open := b.isOpen(gk, nodeGroup)
		n := node{key: gk, kind: nodeGroup, label: label, cost: &sum, isOpen: open, hasKids: true}
		switch {
		case missing > 0 && sum.IsZero(): // nothing priced: not "≥ $0.00" (money.Total.Cell's rule)
			n.cost, n.amount, n.notice = nil, "not priced", true
		case missing > 0:
			n.lower, n.notice = true, true
		}
		out = append(out, n)
		if open {
			for _, r := range by[g] {
				out = b.resourceNodes(out, r, 1)
			}
		}
	}
	return out
}

// resourceNodes appends r's row and, while it is open, its line items and
// subresources; a closed resource hides everything below it.
func (b breakdownModel) resourceNodes(out []node, top pricing.ResourceCost, base int) []node {
	closedAt := -1 // depth of the closed resource whose subtree is skipped
	for wn := range top.Walk() {
		if closedAt >= 0 && wn.Depth > closedAt {
			continue
		}
		closedAt = -1
		r, depth := wn.Resource, base+wn.Depth
		rk := resourceKey(r)
		open := b.isOpen(rk, nodeResource)
		n := node{key: rk, kind: nodeResource, depth: depth, label: r.Name + " " + shortType(r.Type), isOpen: open,
			hasKids: len(r.Components)+len(r.Subresources) > 0}
		switch r.Status {
		case pricing.StatusFree:
			n.amount = "free"
		case pricing.StatusUnsupported:
			n.amount, n.notice = "not priced", true
		default:
			c := r.MonthlyCost
			n.cost = &c
			switch miss := r.MissingPrices(); {
			case miss > 0 && c.IsZero(): // nothing priced (money.Total.Cell's rule)
				n.cost, n.amount, n.notice = nil, "not priced", true
			case miss > 0:
				n.lower, n.notice = true, true
			}
		}
		out = append(out, n)
		if !open {
			closedAt = wn.Depth
			continue
		}
		for i, c := range r.Components {
			it := node{key: fmt.Sprintf("%s#%d", rk, i), kind: nodeItem, depth: depth + 1, label: c.Name}
			qty := money.Measure(c.MonthlyQuantity, c.Unit)
			switch {
			case c.PriceFound:
				cost := c.MonthlyCost
				it.cost = &cost
				it.detail = append(it.detail, fmt.Sprintf("%s × $%s · qty from %s", qty, money.Rate(c.Price), sourceText(c.QuantitySource)))
			case !c.Unpriced():
				// No quantity: nothing to pay, whatever the price.
				cost := c.MonthlyCost
				it.cost = &cost
				it.detail = append(it.detail, fmt.Sprintf("%s × price not found · qty from %s", qty, sourceText(c.QuantitySource)))
			default:
				it.amount, it.notice = "not priced", true
				it.detail = append(it.detail, fmt.Sprintf("%s × price not found · qty from %s", qty, sourceText(c.QuantitySource)))
			}
			if c.Assumed != "" {
				it.detail = append(it.detail, "assumed: "+c.Assumed)
			}
			if c.Note != "" {
				it.detail = append(it.detail, "note: "+c.Note)
			}
			if b.provenance {
				p := c.Provenance
				it.detail = append(it.detail, fmt.Sprintf("price: %s · %s · as of %s", orDash(p.Layer), orDash(p.Source), orDash(p.AsOf)))
			}
			out = append(out, it)
		}
	}
	return out
}

// amountText is the row's amount in at most w cells.
func (n node) amountText(w int) string {
	if n.cost == nil {
		return n.amount
	}
	if n.lower {
		return lowerBoundMark + fitUSD(*n.cost, w-ansi.StringWidth(lowerBoundMark))
	}
	return fitUSD(*n.cost, w)
}

func sourceText(s string) string {
	if s == "" {
		return "unknown"
	}
	return s
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

// shortType turns "aws:rds/instance:Instance" into "(rds:Instance)".
func shortType(t string) string {
	parts := strings.Split(t, ":")
	if len(parts) != 3 {
		return "(" + t + ")"
	}
	mod := parts[1]
	if i := strings.Index(mod, "/"); i >= 0 {
		mod = mod[:i]
	}
	return "(" + mod + ":" + parts[2] + ")"
}

func (b breakdownModel) update(msg tea.KeyMsg, k keyMap, snap *Snapshot) breakdownModel {
	ns := b.nodes(snap)
	switch {
	case key.Matches(msg, k.Up):
		b.cursor = max(b.cursor-1, 0)
	case key.Matches(msg, k.Down):
		b.cursor = max(min(b.cursor+1, len(ns)-1), 0)
	case key.Matches(msg, k.Toggle):
		if b.cursor < len(ns) && ns[b.cursor].kind != nodeItem {
			n := ns[b.cursor]
			b.open = maps.Clone(b.open)
			b.open[n.key] = !n.isOpen
		}
	case key.Matches(msg, k.ToggleAll):
		b.open = b.toggleAll(snap, ns)
		b.cursor = 0
	case key.Matches(msg, k.Provenance):
		b.provenance = !b.provenance
	}
	return b
}

// toggleAll opens every resource, or closes them all if all are open.
func (b breakdownModel) toggleAll(snap *Snapshot, ns []node) map[string]bool {
	allOpen := true
	for _, n := range ns {
		if n.kind != nodeItem && !n.isOpen {
			allOpen = false
		}
	}
	open := map[string]bool{}
	if snap == nil {
		return open
	}
	for n := range snap.Breakdown.Walk() {
		open[resourceKey(n.Resource)] = !allOpen
	}
	return open
}

func (b breakdownModel) view(m Model, width, h int) string {
	if m.snap == nil {
		return ""
	}
	ns := b.nodes(m.snap)
	amountW := 12
	if width >= 100 {
		amountW = 15
	}
	var lines []string
	cursorLine, cursorEnd := 0, 0
	for i, n := range ns {
		if i == b.cursor {
			cursorLine = len(lines)
		}
		marker := "  "
		if n.kind != nodeItem && n.hasKids {
			marker = "+ "
			if n.isOpen {
				marker = "- "
			}
		}
		sel := "  "
		if i == b.cursor {
			sel = m.styles.Selected.Render(">") + " "
		}
		indent := rep("  ", n.depth)
		labelW := max(width-2-len(indent)-2-amountW-1, 1)
		label := n.label
		if n.kind == nodeGroup {
			label = m.styles.Heading.Render(label)
		}
		amt := n.amountText(amountW)
		if n.notice {
			amt = m.styles.NotPriced.Render(amt)
		}
		lines = append(lines, sel+indent+marker+pad(label, labelW)+" "+padLeft(amt, amountW))
		for _, d := range n.detail {
			for _, l := range wrap(d, width-len(indent)-6) {
				lines = append(lines, "  "+indent+"    "+m.styles.Muted.Render(l))
			}
		}
		if i == b.cursor {
			cursorEnd = len(lines) - 1
		}
	}
	lines = append(lines, "")
	lines = append(lines, m.splitLines(width)...)
	for _, l := range m.notPricedLines() {
		lines = append(lines, wrap(l, width)...)
	}
	if !b.provenance {
		lines = append(lines, wrap(m.styles.Muted.Render("p shows each price's provenance · ≥ = leaves out items not priced"), width)...)
	}
	// Keep the cursor row and, when they fit, its detail lines in view; on
	// the last row, scroll on to the not-priced list below the tree.
	if b.cursor >= len(ns)-1 {
		cursorEnd = len(lines) - 1
	}
	off := min(max(cursorEnd-h+1, 0), cursorLine)
	end := min(off+max(h, 0), len(lines))
	return strings.Join(lines[off:end], "\n")
}

// splitLines is the total and its fixed and usage-based parts, each with
// its lower-bound mark, as the breakdown table ends (and the what-if says).
func (m Model) splitLines(width int) []string {
	fixed, usage := m.snap.Breakdown.Split()
	return packParts([]string{"Total " + m.styles.Money.Render(m.totalText(m.snap, 16+totalMarksW(m.snap.Breakdown.Monthly()))),
		"Fixed " + fixed.Cell() + "/mo", "Usage " + usage.Cell() + "/mo"}, width)
}

// notPricedLines lists what the total leaves out
// (pricing.Breakdown.NotPricedItems).
func (m Model) notPricedLines() []string {
	var out []string
	n := 0
	for _, i := range m.snap.Breakdown.NotPricedItems() {
		n += i.Count
		if i.Unsupported() {
			out = append(out, fmt.Sprintf("  %s (%d): resource type not supported", strings.Trim(shortType(i.Type), "()"), i.Count))
			continue
		}
		note := i.Note
		if note == "" {
			note = "price not found"
		}
		out = append(out, "  "+strings.ReplaceAll(i.Path, pricing.PathSep, " › ")+" › "+i.Line+": "+note)
	}
	if len(out) == 0 {
		return []string{m.styles.Muted.Render("Not priced: none")}
	}
	head := m.styles.NotPriced.Render(fmt.Sprintf("Not priced (%d, not in totals)", n))
	return append([]string{head}, out...)
}
