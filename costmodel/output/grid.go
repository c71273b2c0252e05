package output

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// DefaultWidth is the most display columns a line of the CLI's text output
// takes unless --wide: every table is made to fit it (docs/output.md).
const DefaultWidth = 100

// Column describes one column of a Grid: its header, its alignment and how
// it gives way when the table is wider than its width.
type Column struct {
	Header string
	// Right aligns the cells right (amounts, counts); otherwise left.
	Right bool
	// Wrap lets a cell break onto more lines, at spaces or after one of
	// Breaks, down to Min display columns, before any column is dropped.
	Wrap   bool
	Min    int
	Breaks string
	// Hang indents a cell's continuation lines this much more than its
	// first (a tree's names, a list's items).
	Hang int
	// Sep, when set, keeps the items of a list cell ("a, b, c" with Sep
	// ", ") whole: lines break only after a separator, unless one item
	// alone is wider than the column.
	Sep string
	// Drop is the column's place in the order columns are left out when
	// wrapping is not enough: 1 goes first, then 2, and so on; 0 never.
	Drop int
}

// Grid is a text table: columns two spaces apart, no trailing blanks,
// laid out to fit a width. One layout serves every table the CLI prints,
// so each gives way the same documented way (docs/output.md): first the
// columns that may wrap are narrowed, then columns are dropped in their
// Drop order until the rest fits, and a line under the table names the
// columns dropped. A width of 0 (--wide) shows every column on one line.
type Grid struct {
	Columns []Column
	rows    [][]string
}

// Add appends a row; missing cells are empty and extra cells are ignored.
func (g *Grid) Add(cells ...string) { g.rows = append(g.rows, cells) }

// Write lays the grid out in at most width display columns (0: no limit)
// and writes it, with the header row when any column has a header.
func (g *Grid) Write(w io.Writer, width int) error {
	rows := g.rows
	if g.hasHeader() {
		head := make([]string, len(g.Columns))
		for i, c := range g.Columns {
			head[i] = c.Header
		}
		rows = append([][]string{head}, rows...)
	}
	natural := make([]int, len(g.Columns))
	for _, r := range rows {
		for i := range g.Columns {
			natural[i] = max(natural[i], ansi.StringWidth(cell(r, i)))
		}
	}
	visible, widths := g.fit(natural, width)
	var sb strings.Builder
	for _, r := range rows {
		// A row of only empty cells stays one blank line.
		lines := make([][]string, len(visible))
		height := 1
		for k, i := range visible {
			c := cell(r, i)
			if g.Columns[i].Wrap && ansi.StringWidth(c) > widths[k] {
				lines[k] = wrapCell(c, widths[k], g.Columns[i])
			} else {
				lines[k] = []string{c}
			}
			height = max(height, len(lines[k]))
		}
		for h := 0; h < height; h++ {
			var line strings.Builder
			for k, i := range visible {
				c := ""
				if h < len(lines[k]) {
					c = lines[k][h]
				}
				if k > 0 {
					line.WriteString("  ")
				}
				gap := strings.Repeat(" ", max(0, widths[k]-ansi.StringWidth(c)))
				if g.Columns[i].Right {
					line.WriteString(gap + c)
				} else {
					line.WriteString(c + gap)
				}
			}
			sb.WriteString(strings.TrimRight(line.String(), " "))
			sb.WriteByte('\n')
		}
	}
	var dropped []string
	shown := map[int]bool{}
	for _, i := range visible {
		shown[i] = true
	}
	for i, c := range g.Columns {
		if !shown[i] {
			dropped = append(dropped, c.Header)
		}
	}
	if len(dropped) > 0 {
		sb.WriteString(Wrap(fmt.Sprintf("Not shown, to fit %d characters: %s (--wide shows them)", width, strings.Join(dropped, ", ")), width, 2))
		sb.WriteByte('\n')
	}
	_, err := io.WriteString(w, sb.String())
	return err
}

func (g *Grid) hasHeader() bool {
	for _, c := range g.Columns {
		if c.Header != "" {
			return true
		}
	}
	return false
}

func cell(r []string, i int) string {
	if i < len(r) {
		return r[i]
	}
	return ""
}

// fit picks the columns shown and their widths: every column at its
// natural width when that fits (or width is 0); else the wrapping columns
// narrowed, no further than their Min; else the next column in the Drop
// order left out, and again. When nothing more can be dropped the wrapping
// columns go below their Min; only a table whose other columns alone are
// wider than width stays wider.
func (g *Grid) fit(natural []int, width int) (visible, widths []int) {
	for i := range g.Columns {
		visible = append(visible, i)
	}
	for {
		fixed, wrapMin, wrapNatural := 2*(len(visible)-1), 0, 0
		for _, i := range visible {
			if c := g.Columns[i]; c.Wrap {
				wrapMin += min(natural[i], max(c.Min, 1))
				wrapNatural += natural[i]
			} else {
				fixed += natural[i]
			}
		}
		drop := g.nextDrop(visible)
		switch {
		case width <= 0 || fixed+wrapNatural <= width:
			return visible, pick(visible, natural)
		case fixed+wrapMin <= width || drop < 0:
			return visible, g.share(visible, natural, width-fixed)
		}
		visible = append(visible[:drop:drop], visible[drop+1:]...)
	}
}

// nextDrop is the index in visible of the column to leave out next, -1
// when none may be.
func (g *Grid) nextDrop(visible []int) int {
	best := -1
	for k, i := range visible {
		d := g.Columns[i].Drop
		if d > 0 && (best < 0 || d < g.Columns[visible[best]].Drop) {
			best = k
		}
	}
	return best
}

func pick(visible, natural []int) []int {
	out := make([]int, len(visible))
	for k, i := range visible {
		out[k] = natural[i]
	}
	return out
}

// share gives the wrapping columns the room left, avail: each its Min
// first, then the rest in proportion to how much more each needs to reach
// its natural width, the remainder one column at a time, left to right.
// When avail is less than their Mins (nothing more may be dropped), they
// share it in proportion to their Mins instead, at least 1 column each.
func (g *Grid) share(visible, natural []int, avail int) []int {
	widths := pick(visible, natural)
	need, mins := 0, 0
	for k, i := range visible {
		if c := g.Columns[i]; c.Wrap {
			widths[k] = min(natural[i], max(c.Min, 1))
			mins += widths[k]
			need += natural[i] - widths[k]
		}
	}
	if avail < mins {
		for k, i := range visible {
			if g.Columns[i].Wrap {
				widths[k] = max(1, avail*widths[k]/mins)
			}
		}
		return widths
	}
	avail -= mins
	if avail <= 0 || need == 0 {
		return widths
	}
	extra := avail
	for k, i := range visible {
		if g.Columns[i].Wrap {
			add := min(extra*(natural[i]-widths[k])/need, natural[i]-widths[k])
			widths[k] += add
			avail -= add
		}
	}
	for grew := true; avail > 0 && grew; {
		grew = false
		for k, i := range visible {
			if g.Columns[i].Wrap && widths[k] < natural[i] && avail > 0 {
				widths[k]++
				avail--
				grew = true
			}
		}
	}
	return widths
}

// wrapCell breaks a cell into lines of at most width display columns. A
// cell's leading spaces (its indent in a tree) start every line, and
// continuation lines are indented c.Hang more.
func wrapCell(s string, width int, c Column) []string {
	body := strings.TrimLeft(s, " ")
	indent := len(s) - len(body)
	room := max(width-indent-c.Hang, 1)
	var lines []string
	if c.Sep != "" {
		lines = wrapItems(body, room, c)
	} else {
		lines = wrapWords(body, room, room, c.Breaks)
	}
	for i, l := range lines {
		pad := indent
		if i > 0 {
			pad += c.Hang
		}
		lines[i] = strings.Repeat(" ", pad) + strings.TrimRight(l, " ")
	}
	return lines
}

// wrapItems fills lines with a list's items, breaking only after c.Sep;
// an item wider than a line wraps on its own.
func wrapItems(body string, room int, c Column) []string {
	items := strings.SplitAfter(body, c.Sep)
	var lines []string
	cur := ""
	for _, it := range items {
		switch {
		case ansi.StringWidth(cur+strings.TrimRight(it, " ")) <= room:
			cur += it
		case cur != "" && ansi.StringWidth(strings.TrimRight(it, " ")) <= room:
			lines = append(lines, cur)
			cur = it
		default:
			if cur != "" {
				lines = append(lines, cur)
			}
			parts := wrapWords(it, room, room, c.Breaks)
			lines = append(lines, parts[:len(parts)-1]...)
			// Keep the separator's space for the item after it.
			cur = parts[len(parts)-1] + it[len(strings.TrimRight(it, " ")):]
		}
	}
	return append(lines, cur)
}

// Wrap breaks text into lines of at most width display columns, at spaces
// (a word longer than a line is cut). Each line of text keeps its leading
// spaces, and the lines it wraps onto are indented hang spaces more. A
// width of 0 or less leaves text as it is.
func Wrap(text string, width, hang int) string { return WrapAt(text, width, hang, "") }

// WrapAt is Wrap for text with long words, such as catalog keys: a word
// longer than a line breaks after the last of the breaks characters that
// fits.
func WrapAt(text string, width, hang int, breaks string) string {
	if width <= 0 {
		return text
	}
	var out []string
	for _, line := range strings.Split(text, "\n") {
		if ansi.StringWidth(line) <= width {
			out = append(out, line)
			continue
		}
		body := strings.TrimLeft(line, " ")
		indent := len(line) - len(body)
		for i, l := range wrapWords(body, max(width-indent, 1), max(width-indent-hang, 1), breaks) {
			pad := indent
			if i > 0 {
				pad += hang
			}
			out = append(out, strings.Repeat(" ", pad)+l)
		}
	}
	return strings.Join(out, "\n")
}

// wrapWords fills lines greedily with body's words: the first line up to
// first display columns, the others up to rest. A word longer than a line
// breaks after the last of the breaks characters that fits, else where
// the line ends.
func wrapWords(body string, first, rest int, breaks string) []string {
	var lines []string
	cur, limit := "", first
	next := func(l string) {
		lines = append(lines, l)
		cur, limit = "", rest
	}
	for _, w := range keepUnits(strings.Fields(body)) {
		if cur != "" && ansi.StringWidth(cur)+1+ansi.StringWidth(w) > limit {
			next(cur)
		}
		// A word longer than a line (cur is empty here) breaks after
		// the last of breaks that fits, else where the line ends.
		for {
			head := prefix(w, limit)
			if len(head) == len(w) {
				break
			}
			if i := strings.LastIndexAny(head, breaks); i >= 0 && breaks != "" {
				head = head[:i+1]
			}
			w = w[len(head):]
			next(head)
		}
		if cur == "" {
			cur = w
		} else {
			cur += " " + w
		}
	}
	if cur != "" || len(lines) == 0 {
		lines = append(lines, cur)
	}
	return lines
}

// keepUnits joins a percent sign to the number before it ("25 %"), so a
// line never starts with one.
func keepUnits(words []string) []string {
	var out []string
	for _, w := range words {
		if n := len(out); strings.HasPrefix(w, "%") && n > 0 && strings.ContainsAny(out[n-1][len(out[n-1])-1:], "0123456789") {
			out[len(out)-1] += " " + w
			continue
		}
		out = append(out, w)
	}
	return out
}

// prefix is the longest start of w at most limit display columns wide,
// and at least its first character, even one wider than limit.
func prefix(w string, limit int) string {
	n, width := 0, 0
	for i, r := range w {
		width += ansi.StringWidth(string(r))
		if width > limit && i > 0 {
			break
		}
		n = i + utf8.RuneLen(r)
	}
	return w[:n]
}
