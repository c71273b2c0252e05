package tui

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/tiercost/tiercost/costmodel/report"
	"gopkg.in/yaml.v3"
)

// scenarioFile is the saved what-if in the shape environments.Parse reads:
// the top-level keys of an environment file, workload keys as spec.Workload's
// YAML tags, and spec overrides nested by their YAML tags.
type scenarioFile struct {
	Name      string                    `yaml:"name"`
	Tier      string                    `yaml:"tier"`
	Region    string                    `yaml:"region"`
	Budget    string                    `yaml:"budget_monthly_usd,omitempty"`
	Workload  scenarioWorkload          `yaml:"workload"`
	Overrides map[string]map[string]any `yaml:"overrides,omitempty"`
}

type scenarioWorkload struct {
	MonthlyActiveUsers float64 `yaml:"monthly_active_users"`
	PeakToAverage      float64 `yaml:"peak_to_average"`
	CacheHitRatio      float64 `yaml:"cache_hit_ratio"`
	CDNHitRatio        float64 `yaml:"cdn_hit_ratio"`
	AvgResponseKB      float64 `yaml:"avg_response_kb"`
}

// architecture maps the what-if family to spec.ComputeSpec.Architecture.
func architecture(family string) (string, bool) {
	switch family {
	case "x86":
		return "x86_64", true
	case "graviton":
		return "arm64", true
	}
	return "", false
}

// scenarioYAML renders the scenario as an environment file. Spec overrides
// are written only for knobs the user changed, so the file keeps what the
// capacity model decides; purchase and coverage are pricing choices, not
// environment fields, so they go in a comment.
func scenarioYAML(base, s Scenario, snap *Snapshot) ([]byte, error) {
	f := scenarioFile{
		Name:   s.Target,
		Region: s.Region,
		Workload: scenarioWorkload{
			MonthlyActiveUsers: s.Users,
			PeakToAverage:      s.PeakToAverage,
			CacheHitRatio:      s.CacheHitRatio,
			CDNHitRatio:        s.CDNHitRatio,
			AvgResponseKB:      s.AvgResponseKB,
		},
	}
	if s.IsTier {
		f.Name = "whatif-" + s.Target
	}
	if snap != nil {
		f.Tier = snap.Tier
		if snap.Budget != nil && !s.IsTier {
			f.Budget = snap.Budget.String()
		}
	}
	over := map[string]map[string]any{}
	if s.DBReplicas != base.DBReplicas {
		over["database"] = map[string]any{"read_replicas": s.DBReplicas}
	}
	if s.Family != base.Family {
		if a, ok := architecture(s.Family); ok {
			over["compute"] = map[string]any{"architecture": a}
		}
	}
	if len(over) > 0 {
		f.Overrides = over
	}
	var buf bytes.Buffer
	fmt.Fprintf(&buf, "# What-if scenario saved by tiercost from %s %q.\n", kindWord(s.IsTier), s.Target)
	if !s.IsTier {
		fmt.Fprintf(&buf, "# Copy it to environments/%s.yaml to make it the plan that Pulumi deploys.\n", s.Target)
	}
	if changed := diffKnobs(base, s); len(changed) > 0 {
		fmt.Fprintf(&buf, "# Changed from the baseline: %s.\n", strings.Join(changed, ", "))
	}
	fmt.Fprintf(&buf, "# Pricing choices (CLI flags, not environment fields): purchase %s, Savings Plans coverage %.0f %%.\n",
		s.Purchase, s.CoveragePct)
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(f); err != nil {
		return nil, fmt.Errorf("encode scenario: %w", err)
	}
	if err := enc.Close(); err != nil {
		return nil, fmt.Errorf("encode scenario: %w", err)
	}
	return buf.Bytes(), nil
}

func diffKnobs(base, s Scenario) []string {
	var out []string
	for _, k := range knobs() {
		if k.get(s) != k.get(base) {
			out = append(out, k.name)
		}
	}
	return out
}

// snapshotJSON is the snapshot as indented JSON; decimals stay exact
// strings.
func snapshotJSON(s Snapshot) ([]byte, error) {
	b, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("encode snapshot: %w", err)
	}
	return append(b, '\n'), nil
}

// snapshotMarkdown renders the snapshot, and its difference from the
// baseline when one is given, as the Markdown estimate of package report.
func snapshotMarkdown(s Snapshot, base *Snapshot) []byte {
	sc := s.Scenario
	e := report.Estimate{Target: sc.Target, Kind: kindWord(sc.IsTier), Tier: s.Tier, Users: sc.Users, Region: sc.Region,
		Breakdown: s.Breakdown, Budget: s.Budget, BudgetLevel: budgetStatus(s.Breakdown.TotalMonthlyCost, s.Budget).label(), Sizing: s.Sizing}
	if base != nil {
		t := base.Breakdown.TotalMonthlyCost
		e.BaselineTotal = &t
	}
	for _, k := range knobs() {
		st := report.Setting{Name: k.name, Value: k.get(sc)}
		if base != nil {
			st.Baseline = k.get(base.Scenario)
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
