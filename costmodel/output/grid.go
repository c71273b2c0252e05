package output

import (
	"io"
	"strings"
)

// grid lays out rows of cells in columns: the first column left-aligned,
// the rest right-aligned unless marked left, two spaces apart, with no
// trailing blanks (tabwriter pads every line to the last column).
type grid struct {
	left map[int]bool // columns after the first that align left
	rows [][]string
}

func (g *grid) add(cells ...string) { g.rows = append(g.rows, cells) }

func (g *grid) write(w io.Writer) error {
	var widths []int
	for _, r := range g.rows {
		for i, c := range r {
			if i >= len(widths) {
				widths = append(widths, 0)
			}
			widths[i] = max(widths[i], runeLen(c))
		}
	}
	var sb strings.Builder
	for _, r := range g.rows {
		var line strings.Builder
		for i, c := range r {
			if i > 0 {
				line.WriteString("  ")
			}
			gap := strings.Repeat(" ", widths[i]-runeLen(c))
			if i == 0 || g.left[i] {
				line.WriteString(c + gap)
			} else {
				line.WriteString(gap + c)
			}
		}
		sb.WriteString(strings.TrimRight(line.String(), " "))
		sb.WriteByte('\n')
	}
	_, err := io.WriteString(w, sb.String())
	return err
}
