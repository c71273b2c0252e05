package output

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/tiercost/tiercost/costmodel/golden"
	"github.com/tiercost/tiercost/costmodel/output/outputtest"
)

var vcs = VCS{Branch: "feature/cache", CommitSHA: "0123456789abcdef0123456789abcdef01234567", AuthorName: "Ada", AuthorEmail: "ada@example.com",
	Message: "Add a cache", CommitTime: time.Date(2026, 11, 26, 9, 30, 0, 0, time.UTC), RepositoryURL: "https://example.com/org/app.git", BaseBranch: "main"}

// TestInfracostSchema validates every document shape tiercost writes
// against Infracost's published schema, vendored in testdata: a plain
// breakdown (with and without version-control facts), a diff, and the
// tiers as alternatives (whose root totals are null, which the schema allows).
func TestInfracostSchema(t *testing.T) {
	before, after := outputtest.Tier1k(), outputtest.Tier10k()
	for _, tc := range []struct {
		name string
		doc  Document
	}{
		{"breakdown without git", Document{Generated: generated, Projects: []Project{{Path: "tier:1k", Type: TypeProgram, Breakdown: before}}}},
		{"breakdown with git and a usage file", Document{Generated: generated, VCS: vcs, UsageFile: "usage.yml",
			Projects: []Project{{Path: "env:prod", Type: TypeProgram, Workspace: "prod", Breakdown: after}}}},
		{"diff", Document{Command: "diff", Generated: generated, VCS: vcs,
			Projects: []Project{{Name: "tier-10k", DisplayName: "tier-1k → tier-10k", Path: "tier:10k", Type: TypeProgram, Breakdown: after, Past: &before}}}},
		{"alternatives", Document{Generated: generated, Alternatives: true, Projects: []Project{
			{Name: "tier 1k", Path: "tier:1k", Type: TypeProgram, Breakdown: before},
			{Name: "tier 10k", Path: "tier:10k", Type: TypeProgram, Breakdown: after}}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data, err := tc.doc.JSON()
			if err != nil {
				t.Fatal(err)
			}
			if v := outputtest.SchemaViolations(t, data); len(v) > 0 {
				t.Errorf("%d schema violations:\n%s", len(v), strings.Join(v, "\n"))
			}
		})
	}
}

// TestInfracostDiff reads a diff of the 1k fixture to the 10k one as
// Infracost's diff output does (a reader written to its schema, not ours)
// and checks each line against the arithmetic in outputtest.Tier10k:
//
//	~ tc-asg      13.864 → 27.728   +13.864
//	    instances 12.264 → 24.528   +12.264 (730 → 1,460 h × 0.0168)
//	    root volume 1.6 → 3.2       +1.6    (20 → 40 GB × 0.08)
//	+ tc-cache    → 120.304         +120.304 (730 h × 0.1648)
//	~ tc-db       11.68 → 13.98     +2.3    (storage price found: 20 GB × 0.115)
//	- tc-logs     1 →               −1      (2 GB × 0.5)
//	tc-alb is unchanged and not listed; total 44.137 → 179.605, +135.468.
func TestInfracostDiff(t *testing.T) {
	before, after := outputtest.Tier1k(), outputtest.Tier10k()
	data, err := Document{Command: "diff", Generated: generated, VCS: vcs,
		Projects: []Project{{Name: "tier-10k", DisplayName: "tier-1k → tier-10k", Path: "tier:10k", Type: TypeProgram, Breakdown: after, Past: &before}}}.JSON()
	if err != nil {
		t.Fatal(err)
	}
	golden.Assert(t, filepath.Join("testdata", "infracost_diff.json"), data)
	var root outputtest.ICRoot
	if err := json.Unmarshal(data, &root); err != nil {
		t.Fatal(err)
	}
	if root.Metadata["infracostCommand"] != "diff" || root.Metadata["vcsBranch"] != "feature/cache" || root.Projects[0].DisplayName != "tier-1k → tier-10k" {
		t.Errorf("metadata %v, display name %q", root.Metadata, root.Projects[0].DisplayName)
	}
	if root.PastTotalMonthlyCost.String() != "44.137" || root.TotalMonthlyCost.String() != "179.605" || root.DiffTotalMonthlyCost.String() != "135.468" {
		t.Errorf("totals %s → %s (%s)", root.PastTotalMonthlyCost, root.TotalMonthlyCost, root.DiffTotalMonthlyCost)
	}
	var got []string
	for _, l := range outputtest.ReadDiff(root.Projects[0]) {
		got = append(got, l.String())
	}
	want := []string{
		"~ tc-asg +13.864 (13.864 → 27.728)",
		"~ tc-asg / Instance usage (Linux/UNIX, on-demand, t4g.small) +12.264 (12.264 → 24.528)",
		"~ tc-asg / root_block_device +1.6 (1.6 → 3.2)",
		"~ tc-asg / root_block_device / Storage (general purpose SSD, gp3) +1.6 (1.6 → 3.2)",
		"~ tc-db +2.3 (11.68 → 13.98)",
		"~ tc-db / Storage (general purpose SSD, gp3) +2.3 (- → 2.3)",
		"- tc-logs -1 (1 → -)",
		"- tc-logs / Log data ingestion -1 (1 → -)",
		"+ tc-cache +120.304 (- → 120.304)",
		"+ tc-cache / ElastiCache (on-demand, cache.r6g.large, valkey) +120.304 (- → 120.304)",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("Infracost's reading of the diff:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestDiffName(t *testing.T) {
	for _, tc := range []struct{ cur, past, want string }{
		{"Instance usage (Linux/UNIX, on-demand, t3.medium)", "Instance usage (Linux/UNIX, on-demand, t3.small)", "Instance usage (Linux/UNIX, on-demand, t3.small → t3.medium)"},
		{"Storage (gp3)", "Storage (gp2, io)", "Storage (gp2, io) → (gp3)"},
		{"NAT gateway", "", "NAT gateway"},
		{"", "NAT gateway", "NAT gateway"},
		{"Hours", "Hours", "Hours"},
	} {
		if got := diffName(tc.cur, tc.past); got != tc.want {
			t.Errorf("diffName(%q, %q) = %q, want %q", tc.cur, tc.past, got, tc.want)
		}
	}
}

// TestInfracostAlternatives: the tiers are alternatives, so there is no
// overall total to add up, and each project says so.
func TestInfracostAlternatives(t *testing.T) {
	data, err := Document{Generated: generated, Alternatives: true, Projects: []Project{
		{Name: "tier 1k", Path: "tier:1k", Type: TypeProgram, Breakdown: outputtest.Tier1k()},
		{Name: "tier 10k", Path: "tier:10k", Type: TypeProgram, Breakdown: outputtest.Tier10k()}}}.JSON()
	if err != nil {
		t.Fatal(err)
	}
	var root outputtest.ICRoot
	if err := json.Unmarshal(data, &root); err != nil {
		t.Fatal(err)
	}
	if root.TotalMonthlyCost != nil || root.PastTotalMonthlyCost != nil || root.DiffTotalMonthlyCost != nil {
		t.Errorf("alternatives have a root total: %v", root.TotalMonthlyCost)
	}
	tags := root.Projects[1].Metadata["providers"].([]any)[0].(map[string]any)["defaultTags"].(map[string]any)
	if tags["alternatives"] != "true" || tags["alternativesCount"] != "2" || tags["tier"] != "10k" {
		t.Errorf("tags %v", tags)
	}
}

// TestReadInfracostJSONReadsOldAndNewMetadata: tiercost's project facts
// are read from the tiercost provider entry, and from the plain keys that
// files written before it carried.
func TestReadInfracostJSONReadsOldAndNewMetadata(t *testing.T) {
	old := `{"version":"0.2","currency":"USD","projects":[{"name":"p","metadata":{"path":"tier:1k","type":"pulumi_program","region":"eu-west-1","tier":"1k"},
	  "breakdown":{"resources":[],"totalMonthlyCost":"0","totalMonthlyUsageCost":"0"}}]}`
	bs, err := ReadInfracostJSON("old.json", []byte(old))
	if err != nil || bs[0].Region != "eu-west-1" || bs[0].Metadata["tier"] != "1k" {
		t.Errorf("old: %v %+v", err, bs)
	}
	data, _ := InfracostJSON([]Project{{Path: "tier:1k", Type: TypeProgram, Workspace: "dev", Breakdown: outputtest.Tier1k()}}, generated)
	bs, err = ReadInfracostJSON("new.json", data)
	if err != nil || bs[0].Region != "us-east-1" || bs[0].Metadata["tier"] != "1k" || bs[0].Metadata["generator"] != "" {
		t.Errorf("new: %v %+v", err, bs[0].Metadata)
	}
}
