package tui

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/tiercost/tiercost/costmodel/money"
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

func mdCell(s string) string { return strings.ReplaceAll(s, "|", `\|`) }

// snapshotMarkdown renders the snapshot, and its difference from the
// baseline when one is given, as a Markdown report.
func snapshotMarkdown(s Snapshot, base *Snapshot) []byte {
	var b strings.Builder
	sc := s.Scenario
	fmt.Fprintf(&b, "# tiercost estimate: %s (%s)\n\n", sc.Target, kindWord(sc.IsTier))
	b.WriteString("| | |\n|---|---|\n")
	row := func(k, v string) { fmt.Fprintf(&b, "| %s | %s |\n", mdCell(k), mdCell(v)) }
	row("Tier", s.Tier)
	row("Users", fmtUsers(sc.Users))
	row("Region", sc.Region)
	row("Monthly total", money.USD(s.Breakdown.TotalMonthlyCost))
	row("Fixed / usage-based", money.USD(s.Breakdown.FixedMonthlyCost)+" / "+money.USD(s.Breakdown.UsageMonthlyCost))
	if s.Budget != nil {
		v := money.USD(*s.Budget) + " (" + budgetStatus(s.Breakdown.TotalMonthlyCost, s.Budget).label()
		if p, ok := budgetPercent(s.Breakdown.TotalMonthlyCost, s.Budget); ok {
			v += fmt.Sprintf(", %.0f %%", p)
		}
		row("Budget", v+")")
	} else {
		row("Budget", "none set")
	}
	if base != nil {
		row("Baseline total", money.USD(base.Breakdown.TotalMonthlyCost)+" (change "+
			money.Signed(s.Breakdown.TotalMonthlyCost.Sub(base.Breakdown.TotalMonthlyCost))+")")
	}
	if s.Breakdown.MissingPrices > 0 {
		row("Prices not found", fmt.Sprintf("%d (not in the totals)", s.Breakdown.MissingPrices))
	}

	b.WriteString("\n## Scenario\n\n| Knob | Value | Baseline |\n|---|---|---|\n")
	for _, k := range knobs() {
		was := ""
		if base != nil {
			was = k.get(base.Scenario)
		}
		fmt.Fprintf(&b, "| %s | %s | %s |\n", k.name, mdCell(k.get(sc)), mdCell(was))
	}
	if len(s.Sizing) > 0 {
		b.WriteString("\n## Sizing\n\n")
		for _, l := range s.Sizing {
			fmt.Fprintf(&b, "- %s\n", l)
		}
	}

	b.WriteString("\n## Line items\n\n| Component | Resource | Line item | Quantity | Unit price | Monthly | Quantity from |\n|---|---|---|---|---|---|---|\n")
	for n := range s.Breakdown.Walk() {
		r := n.Resource
		if len(r.Components) == 0 {
			fmt.Fprintf(&b, "| %s | %s | (%s) | | | | |\n", mdCell(r.Component), mdCell(r.Name), r.Status)
		}
		for _, c := range r.Components {
			price, cost := "$"+money.Rate(c.Price), money.USD(c.MonthlyCost)
			if !c.PriceFound {
				price, cost = "not found", "not priced"
			}
			fmt.Fprintf(&b, "| %s | %s | %s | %s %s | %s | %s | %s |\n", mdCell(r.Component), mdCell(r.Name), mdCell(c.Name),
				money.Quantity(c.MonthlyQuantity), mdCell(c.Unit), price, cost, mdCell(sourceText(c.QuantitySource)))
		}
	}

	if len(s.Findings) > 0 {
		b.WriteString("\n## Findings\n\n")
		for _, f := range s.Findings {
			saving := "saving not known"
			if f.Saving != nil {
				saving = "saves " + money.USD(*f.Saving) + "/mo"
			}
			fmt.Fprintf(&b, "- **%s** (%s, %s): %s", f.Title, f.Kind, saving, f.Detail)
			if f.Source != "" {
				fmt.Fprintf(&b, " Source: %s.", f.Source)
			}
			b.WriteString("\n")
		}
	}
	return []byte(b.String())
}
