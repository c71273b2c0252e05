package tui

import (
	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/lipgloss"
)

// Okabe–Ito palette: distinguishable with the common colour-vision
// deficiencies. Meaning is never carried by colour alone; every coloured
// state also has a text label (OK/NEAR/OVER, +/-).
const (
	colOrange     = lipgloss.Color("#E69F00")
	colSky        = lipgloss.Color("#56B4E9")
	colGreen      = lipgloss.Color("#009E73")
	colYellow     = lipgloss.Color("#F0E442")
	colBlue       = lipgloss.Color("#0072B2")
	colVermillion = lipgloss.Color("#D55E00")
	colPurple     = lipgloss.Color("#CC79A7")
	colGrey       = lipgloss.Color("#8A8A8A")
)

// Styles are every style the TUI renders with; views never build styles
// inline.
type Styles struct {
	Title     lipgloss.Style
	TabActive lipgloss.Style
	Tab       lipgloss.Style
	Muted     lipgloss.Style
	Heading   lipgloss.Style
	Selected  lipgloss.Style
	Changed   lipgloss.Style // a knob that differs from the baseline
	Money     lipgloss.Style
	Increase  lipgloss.Style // cost went up
	Decrease  lipgloss.Style // cost went down
	Error     lipgloss.Style
	Status    lipgloss.Style
	NotPriced lipgloss.Style
	// Budget bar levels.
	BudgetOK   lipgloss.Style
	BudgetNear lipgloss.Style
	BudgetOver lipgloss.Style
	// Chart marks.
	ChartLine    lipgloss.Style
	ChartCurrent lipgloss.Style
	ChartTier    lipgloss.Style
	// Deploy dialog frame.
	Dialog lipgloss.Style
	Help   help.Styles
}

// DefaultStyles returns the palette-based styles, or colourless ones when
// noColor is set (NO_COLOR): bold and reverse stay, colours go.
func DefaultStyles(noColor bool) Styles {
	plain := lipgloss.NewStyle()
	fg := func(c lipgloss.Color) lipgloss.Style {
		if noColor {
			return plain
		}
		return plain.Foreground(c)
	}
	s := Styles{
		Title:        fg(colSky).Bold(true),
		TabActive:    fg(colSky).Bold(true).Underline(true),
		Tab:          fg(colGrey),
		Muted:        fg(colGrey),
		Heading:      plain.Bold(true),
		Selected:     plain.Reverse(true),
		Changed:      fg(colPurple).Bold(true),
		Money:        plain.Bold(true),
		Increase:     fg(colVermillion),
		Decrease:     fg(colGreen),
		Error:        fg(colVermillion).Bold(true),
		Status:       fg(colSky),
		NotPriced:    fg(colOrange),
		BudgetOK:     fg(colBlue),
		BudgetNear:   fg(colOrange),
		BudgetOver:   fg(colVermillion).Bold(true),
		ChartLine:    fg(colSky),
		ChartCurrent: fg(colVermillion).Bold(true),
		ChartTier:    fg(colYellow),
		Dialog:       plain.Border(lipgloss.NormalBorder()).Padding(0, 1),
	}
	if !noColor {
		s.Dialog = s.Dialog.BorderForeground(colOrange)
	}
	key, desc := fg(colSky), fg(colGrey)
	s.Help = help.Styles{
		Ellipsis: desc, ShortKey: key, ShortDesc: desc, ShortSeparator: desc,
		FullKey: key, FullDesc: desc, FullSeparator: desc,
	}
	return s
}
