package output

import (
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/tiercost/tiercost/costmodel/capacity"
	"github.com/tiercost/tiercost/costmodel/money"
)

// Advice is what `tiercost advise` shows: every layer's limit, the one next
// action and the findings. Its JSON is documented in docs/capacity.md.
type Advice struct {
	Name   string  `json:"name"`
	Tier   string  `json:"tier"`
	Region string  `json:"region"`
	Users  float64 `json:"users"`
	// Overloaded lists the layers past their full capacity at peak.
	Overloaded []capacity.Limit   `json:"overloaded"`
	Limits     capacity.Limits    `json:"limits"`
	Next       *capacity.NextStep `json:"nextAction"`
	Findings   []capacity.Finding `json:"findings"`
}

// AdviceJSON writes the advice as indented JSON.
func AdviceJSON(w io.Writer, a Advice) error {
	if a.Overloaded == nil {
		a.Overloaded = []capacity.Limit{}
	}
	if a.Findings == nil {
		a.Findings = []capacity.Finding{}
	}
	return CapacityJSON(w, a)
}

// usersCell shows a limit's user count, "-" when nothing limits.
func usersCell(u float64) string {
	if math.IsInf(u, 1) || math.IsNaN(u) {
		return "-"
	}
	return money.Users(u)
}

// limitGrid lays out limits: layer, resource, sizes, the share of the
// planning threshold in use now and the user count the resource reaches
// it at. Resource and sizes wrap to fit.
func limitGrid(ls []capacity.Limit) *Grid {
	g := &Grid{Columns: []Column{
		{Header: "LAYER"},
		{Header: "RESOURCE", Wrap: true, Min: 14},
		{Header: "SIZES", Wrap: true, Min: 16},
		{Header: "USE NOW", Right: true},
		{Header: "LIMIT (USERS)", Right: true},
	}}
	for _, l := range ls {
		use := "-"
		if !math.IsInf(l.Users, 1) {
			use = percentOf(l.Use)
		}
		g.Add(l.Layer, l.Resource, l.Sizes, use, usersCell(l.Users))
	}
	return g
}

// AdviceTable writes the limits at the current and the largest sizes, the
// next action with its costs, and the findings, in at most width display
// columns (0: no limit). USE NOW is the share of each resource's planning
// threshold in use today (100 % = at the target).
func AdviceTable(w io.Writer, a Advice, width int) error {
	var b strings.Builder
	para := func(hang int, format string, args ...any) {
		b.WriteString(Wrap(fmt.Sprintf(format, args...), width, hang) + "\n")
	}
	para(2, "Limits of %s (%s architecture, %s users, %s)", a.Name, a.Tier, money.Users(a.Users), a.Region)
	if len(a.Overloaded) > 0 {
		var parts []string
		for _, l := range a.Overloaded {
			parts = append(parts, fmt.Sprintf("%s %s %.0f %%", l.Layer, l.Resource, l.Load*100))
		}
		para(2, "OVERLOADED at peak: %s", strings.Join(parts, "; "))
	}
	b.WriteString("\nAt the current sizes:\n")
	if _, err := io.WriteString(w, b.String()); err != nil {
		return err
	}
	if err := limitGrid(a.Limits.Current).Write(w, width); err != nil {
		return err
	}
	b.Reset()
	para(2, "\nAt the largest sizes the %s architecture allows:", a.Tier)
	if _, err := io.WriteString(w, b.String()); err != nil {
		return err
	}
	g := limitGrid(a.Limits.Ceiling)
	if rq := a.Limits.Requirement; rq != nil {
		g.Add(rq.Layer, rq.Resource+" (the article's rule)", "none", percentOf(rq.Use), usersCell(rq.Users))
	}
	if err := g.Write(w, width); err != nil {
		return err
	}
	b.Reset()
	if n := a.Next; n != nil && n.Kind != capacity.ActionNone {
		when := "at about " + money.Users(n.Users) + " users"
		if n.Now {
			when = "now (the limit is about " + money.Users(n.Users) + " users)"
		}
		b.WriteString("\n")
		para(2, "Next action: %s, %s", when, n.Do)
		para(4, "  because: %s %s (%s): %s", n.Limit.Layer, n.Limit.Resource, n.Limit.Sizes, n.Limit.Evidence)
		if before, after, change, ok := n.CostWords(); ok {
			para(4, "  whole architecture at that point: %s a month before, %s after %s", before, after, change)
		}
	}
	if len(a.Findings) > 0 {
		b.WriteString("\nFindings:\n")
	}
	if _, err := io.WriteString(w, b.String()); err != nil {
		return err
	}
	return FindingsText(w, a.Findings, width)
}
