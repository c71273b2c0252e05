package tui

import "github.com/charmbracelet/bubbles/key"

// keyMap holds every binding. `j` is taken by the JSON export, so "down"
// is the arrow key only.
type keyMap struct {
	// Global.
	NextTab, PrevTab key.Binding
	Tab              [6]key.Binding
	Quit, Help       key.Binding
	Deploy           key.Binding
	Reset, Save      key.Binding
	ExportMD         key.Binding
	ExportJSON       key.Binding
	Tornado          key.Binding
	// Lists.
	Up, Down key.Binding
	// Overview.
	Open key.Binding
	// Breakdown.
	Toggle, ToggleAll, Provenance key.Binding
	// What-ifs.
	Inc, Dec, UsersUp, UsersDown, Edit key.Binding
	// Chart.
	ChartMode key.Binding
	// Deploy dialog.
	Confirm, Cancel, Submit key.Binding
	// Full help.
	HelpScroll key.Binding
}

func defaultKeyMap() keyMap {
	k := keyMap{
		NextTab:    key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "next view")),
		PrevTab:    key.NewBinding(key.WithKeys("shift+tab"), key.WithHelp("shift+tab", "prev view")),
		Quit:       key.NewBinding(key.WithKeys("q", "ctrl+c"), key.WithHelp("q", "quit")),
		Help:       key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "help")),
		Deploy:     key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "deploy")),
		Reset:      key.NewBinding(key.WithKeys("r"), key.WithHelp("r", "reset")),
		Save:       key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "save scenario")),
		ExportMD:   key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "export md")),
		ExportJSON: key.NewBinding(key.WithKeys("E"), key.WithHelp("E", "export json")),
		Tornado:    key.NewBinding(key.WithKeys("b"), key.WithHelp("b", "tornado (what matters most)")),
		Up:         key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
		Down:       key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
		Open:       key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "open row")),
		Toggle:     key.NewBinding(key.WithKeys("enter", " "), key.WithHelp("enter", "expand/collapse")),
		ToggleAll:  key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "expand all")),
		Provenance: key.NewBinding(key.WithKeys("p"), key.WithHelp("p", "provenance")),
		Inc:        key.NewBinding(key.WithKeys("right", "l", "+"), key.WithHelp("→/+", "increase")),
		Dec:        key.NewBinding(key.WithKeys("left", "h", "-"), key.WithHelp("←/-", "decrease")),
		UsersUp:    key.NewBinding(key.WithKeys("u"), key.WithHelp("u/U", "users ×/÷ 10^¼")),
		UsersDown:  key.NewBinding(key.WithKeys("U")),
		Edit:       key.NewBinding(key.WithKeys("=", "enter"), key.WithHelp("=/enter", "type a value")),
		ChartMode:  key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "cost / per user")),
		Confirm:    key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "confirm")),
		Cancel:     key.NewBinding(key.WithKeys("esc", "n"), key.WithHelp("esc/n", "cancel")),
		Submit:     key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "submit")),
		HelpScroll: key.NewBinding(key.WithKeys("up", "k", "down", "j"), key.WithHelp("↑/↓", "scroll")),
	}
	for i := range k.Tab {
		n := string(rune('1' + i))
		k.Tab[i] = key.NewBinding(key.WithKeys(n), key.WithHelp(n, tabNames[i]))
	}
	return k
}

// helpKeys adapts the bindings of the current view to help.KeyMap.
type helpKeys struct {
	short []key.Binding
	full  [][]key.Binding
}

func (h helpKeys) ShortHelp() []key.Binding  { return h.short }
func (h helpKeys) FullHelp() [][]key.Binding { return h.full }

// helpFor returns the bindings that apply to a view, most useful first;
// while the what-if's text input is open, only its own.
func (k keyMap) helpFor(t tab, editing bool) helpKeys {
	if editing {
		b := []key.Binding{k.Submit, key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
			key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "complete"))}
		return helpKeys{short: b, full: [][]key.Binding{b}}
	}
	global := []key.Binding{k.NextTab, k.PrevTab, k.Reset, k.Save, k.ExportMD, k.ExportJSON, k.Tornado, k.Deploy, k.Help, k.Quit}
	var local []key.Binding
	switch t {
	case tabOverview:
		local = []key.Binding{k.Up, k.Down, k.Open}
	case tabBreakdown:
		local = []key.Binding{k.Up, k.Down, k.Toggle, k.ToggleAll, k.Provenance}
	case tabWhatIf:
		local = []key.Binding{k.Up, k.Down, k.Inc, k.Dec, k.Edit, k.UsersUp}
	case tabFindings, tabBudget:
		local = []key.Binding{k.Up, k.Down}
	case tabChart:
		local = []key.Binding{k.ChartMode}
	}
	short := append(append([]key.Binding{}, local...), k.NextTab, k.Help, k.Quit)
	tabs := make([]key.Binding, 0, len(k.Tab))
	tabs = append(tabs, k.Tab[:]...)
	return helpKeys{short: short, full: [][]key.Binding{local, global, tabs}}
}

// dialogHelp is the help for the deploy dialog, which captures all keys.
func (k keyMap) dialogHelp(s deployStage) helpKeys {
	esc := key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel"))
	var b []key.Binding
	switch s {
	case stageConfirm:
		b = []key.Binding{k.Confirm, k.Cancel}
	case stageOverride, stageConfirmUp:
		b = []key.Binding{k.Submit, esc}
	case stageChecking, stagePreviewing:
		b = []key.Binding{esc}
	case stageUp:
		b = []key.Binding{key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "cancel and quit"))}
	default:
		b = []key.Binding{key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "close"))}
	}
	return helpKeys{short: b, full: [][]key.Binding{b}}
}
