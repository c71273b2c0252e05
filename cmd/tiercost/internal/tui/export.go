package tui

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/tiercost/tiercost/cmd/tiercost/internal/scenario"
	"github.com/tiercost/tiercost/costmodel/report"
)

// snapUsers is the user count a snapshot was priced for.
func snapUsers(s *Snapshot) float64 {
	u, _ := strconv.ParseFloat(s.Values["users"], 64)
	return u
}

// snapshotJSON is the snapshot and its cost curve as indented JSON;
// decimals stay exact strings.
func snapshotJSON(s Snapshot, c *Curve) ([]byte, error) {
	doc := struct {
		Snapshot
		Curve *Curve `json:"curve,omitempty"`
	}{s, c}
	b, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("encode snapshot: %w", err)
	}
	return append(b, '\n'), nil
}

// snapshotMarkdown renders the snapshot, and its difference from the
// baseline when one is given, as the Markdown estimate of package report.
func snapshotMarkdown(s Snapshot, base *Snapshot) []byte {
	sc := s.Scenario
	e := report.Estimate{Target: sc.Target, Kind: kindWord(sc.IsTier), Tier: s.Tier, Users: snapUsers(&s), Region: s.Values["region"],
		Breakdown: s.Breakdown, Budget: s.Budget, BudgetLevel: budgetStatus(s.Breakdown.TotalMonthlyCost, s.Budget).label(), Sizing: s.Sizing}
	if base != nil {
		t := base.Breakdown.TotalMonthlyCost
		e.BaselineTotal = &t
	}
	for _, k := range scenario.Knobs() {
		st := report.Setting{Name: k.Label, Value: k.Display(s.Values[k.Name])}
		if base != nil {
			st.Baseline = k.Display(base.Values[k.Name])
		}
		e.Settings = append(e.Settings, st)
	}
	for _, f := range s.Findings {
		e.Findings = append(e.Findings, report.EstimateFinding{Title: f.Title, Kind: f.Kind, Detail: f.Detail, Source: f.Source, Saving: f.Saving})
	}
	var b bytes.Buffer
	_ = report.EstimateMarkdown(&b, e) // a bytes.Buffer does not fail
	return b.Bytes()
}
