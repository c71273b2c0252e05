package tui

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/shopspring/decimal"
	"github.com/tiercost/tiercost/costmodel/money"
)

// findingsModel scrolls the findings list; offset is its first line.
type findingsModel struct {
	offset int
}

func (f findingsModel) update(msg tea.KeyMsg, k keyMap, lines int) findingsModel {
	switch {
	case key.Matches(msg, k.Up):
		f.offset = max(f.offset-1, 0)
	case key.Matches(msg, k.Down):
		f.offset = max(min(f.offset+1, lines-1), 0)
	}
	return f
}

// findingLines counts the rendered lines at the current width, so the
// scroll stops at the end.
func (m Model) findingLines() int {
	return len(strings.Split(m.findingsText(m.contentWidth()), "\n"))
}

func (f findingsModel) view(m Model, width, h int) string {
	lines := strings.Split(m.findingsText(width), "\n")
	off := min(f.offset, max(len(lines)-1, 0))
	return strings.Join(lines[off:], "\n")
}

// findingsText renders right-sizing first, then advisor findings, each
// with its saving; an unknown saving says so rather than $0.
func (m Model) findingsText(width int) string {
	if m.snap == nil {
		return ""
	}
	fs := m.snap.Findings
	if len(fs) == 0 {
		return m.styles.Muted.Render("No findings: nothing to right-size and no advisor rule fired.")
	}
	total := decimal.Zero
	unknown := 0
	for _, f := range fs {
		if f.Saving != nil {
			total = total.Add(*f.Saving)
		} else {
			unknown++
		}
	}
	head := []string{fmt.Sprintf("%d findings", len(fs)), "savings up to " + money.USD(total) + "/mo"}
	if unknown > 0 {
		head = append(head, fmt.Sprintf("+%d with saving not known", unknown))
	}
	lines := packParts(head, width)
	for i := range lines {
		lines[i] = m.styles.Heading.Render(lines[i])
	}
	wrapW := max(width-4, 10)
	for _, kind := range []struct{ kind, title string }{{FindingRightsize, "Right-sizing"}, {FindingAdvisor, "Advisor"}} {
		first := true
		for _, f := range fs {
			if f.Kind != kind.kind {
				continue
			}
			if first {
				lines = append(lines, "", m.styles.Heading.Render(kind.title))
				first = false
			}
			saving := "saving not known"
			if f.Saving != nil {
				saving = "saves " + money.USD(*f.Saving) + "/mo"
			}
			for i, l := range wrap(f.Title+" — "+m.styles.Decrease.Render(saving), wrapW) {
				bullet := "    "
				if i == 0 {
					bullet = "  • "
				}
				lines = append(lines, bullet+l)
			}
			for _, l := range wrap(f.Detail, wrapW) {
				lines = append(lines, "    "+l)
			}
			if f.Source != "" {
				for _, l := range wrap(m.styles.Muted.Render("source: "+f.Source), wrapW) {
					lines = append(lines, "    "+l)
				}
			}
		}
	}
	return strings.Join(lines, "\n")
}
