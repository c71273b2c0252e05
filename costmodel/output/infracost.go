// Package output owns the plain-text and JSON renderers the CLI prints: a
// priced breakdown as a table and in Infracost's JSON schema (version 0.2,
// so Infracost's own `output` and `comment` tooling can read it), the diff
// of two breakdowns, the tiers and resources tables, and the capacity
// model's right-sizing, sizing, curve, forecast and findings. The budget
// documents (Markdown, HTML, CSV, FOCUS, JSON reports) are package report's.
// Every text table is laid out by one Grid (grid.go), which fits it to a
// width by wrapping and then dropping columns in each table's stated order.
// Renderers are pure functions over plain data; they never print on their
// own, never exit, and round only through the money package.
package output

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"time"

	jsonv2 "github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
	jsonv1 "github.com/go-json-experiment/json/v1"
	"github.com/shopspring/decimal"
	"github.com/tiercost/tiercost/costmodel/inputfile"
	"github.com/tiercost/tiercost/costmodel/money"
	"github.com/tiercost/tiercost/costmodel/pricing"
)

// SchemaVersion is the Infracost JSON output version this package writes.
const SchemaVersion = "0.2"

// Project types written to a project's metadata.type.
const (
	TypeProgram        = "pulumi_program"          // an environment or tier, run under mocks
	TypeStackExport    = "pulumi_stack_export"     // `pulumi stack export`
	TypePreviewJSON    = "pulumi_preview_json"     // `pulumi preview --json`
	TypeSavedBreakdown = "tiercost_breakdown_json" // a saved `tiercost breakdown --format json`
)

// ProviderName names the project metadata entry that carries tiercost's
// own facts (tier, users, region, ...): Infracost's schema admits no other
// project metadata keys, so they ride in providers[].defaultTags.
const ProviderName = "tiercost"

// Project is one priced project to write: an environment, a tier, a stack
// export or a preview, and for a diff the baseline it is compared with.
type Project struct {
	// Name is the project name; Breakdown.Project when empty. Infracost
	// matches projects across files by it.
	Name string
	// DisplayName is what Infracost shows; Name when empty.
	DisplayName string
	// Path is what was priced ("env:prod", "tier:1k" or a file path).
	Path string
	// Type is one of the Type* constants.
	Type string
	// Workspace is the Pulumi stack (or environment) name; Infracost shows
	// it as the project's workspace.
	Workspace string
	Breakdown pricing.Breakdown
	// Past is the baseline; nil writes an empty one, so the diff lists
	// every resource as added, as Infracost's own breakdown does.
	Past *pricing.Breakdown
}

// VCS is what version control says about the run; a zero field is
// unknown. Infracost's schema requires the branch, commit and author
// fields, so unknown ones are written empty (the time as year 1), as
// Infracost itself does outside a repository.
type VCS struct {
	Branch, CommitSHA, AuthorName, AuthorEmail, Message string
	CommitTime                                          time.Time
	RepositoryURL, BaseBranch                           string
}

// Document is one file in Infracost's JSON schema.
type Document struct {
	// Command is metadata.infracostCommand: "breakdown" or "diff".
	Command   string
	Generated time.Time
	VCS       VCS
	// UsageFile is the usage file the estimate used, "" for none.
	UsageFile string
	Projects  []Project
	// Alternatives marks projects that are alternatives, not parts of
	// one total (the tiers): the root totals are null and each project's
	// metadata says so.
	Alternatives bool
}

// The JSON shapes below mirror infracost/infracost schema/infracost.schema.json
// field by field; nullable amounts are *string.

type icRoot struct {
	Version                   string      `json:"version"`
	Metadata                  icMetadata  `json:"metadata"`
	Currency                  string      `json:"currency"`
	Projects                  []icProject `json:"projects"`
	TotalHourlyCost           *string     `json:"totalHourlyCost"`
	TotalMonthlyCost          *string     `json:"totalMonthlyCost"`
	TotalMonthlyUsageCost     *string     `json:"totalMonthlyUsageCost"`
	PastTotalHourlyCost       *string     `json:"pastTotalHourlyCost"`
	PastTotalMonthlyCost      *string     `json:"pastTotalMonthlyCost"`
	PastTotalMonthlyUsageCost *string     `json:"pastTotalMonthlyUsageCost"`
	DiffTotalHourlyCost       *string     `json:"diffTotalHourlyCost"`
	DiffTotalMonthlyCost      *string     `json:"diffTotalMonthlyCost"`
	DiffTotalMonthlyUsageCost *string     `json:"diffTotalMonthlyUsageCost"`
	TimeGenerated             string      `json:"timeGenerated"`
	Summary                   icSummary   `json:"summary"`
}

// icMetadata is the root metadata; the first seven fields are required.
type icMetadata struct {
	InfracostCommand string `json:"infracostCommand"`
	Branch           string `json:"vcsBranch"`
	CommitSHA        string `json:"vcsCommitSha"`
	AuthorName       string `json:"vcsCommitAuthorName"`
	AuthorEmail      string `json:"vcsCommitAuthorEmail"`
	CommitTimestamp  string `json:"vcsCommitTimestamp"`
	CommitMessage    string `json:"vcsCommitMessage"`
	RepositoryURL    string `json:"vcsRepositoryUrl,omitempty"`
	BaseBranch       string `json:"vcsBaseBranch,omitempty"`
	UsageFilePath    string `json:"usageFilePath,omitempty"`
}

type icProject struct {
	Name          string            `json:"name"`
	DisplayName   string            `json:"displayName"`
	Metadata      icProjectMetadata `json:"metadata"`
	PastBreakdown *icBreakdown      `json:"pastBreakdown"`
	Breakdown     *icBreakdown      `json:"breakdown"`
	Diff          *icBreakdown      `json:"diff"`
	Summary       icSummary         `json:"summary"`
}

type icProjectMetadata struct {
	Path      string       `json:"path"`
	Type      string       `json:"type"`
	Workspace string       `json:"terraformWorkspace,omitempty"`
	Providers []icProvider `json:"providers,omitempty"`
}

type icProvider struct {
	Name        string            `json:"name"`
	DefaultTags map[string]string `json:"defaultTags,omitempty"`
}

type icBreakdown struct {
	Resources             []icResource `json:"resources"`
	TotalHourlyCost       *string      `json:"totalHourlyCost"`
	TotalMonthlyCost      *string      `json:"totalMonthlyCost"`
	TotalMonthlyUsageCost *string      `json:"totalMonthlyUsageCost"`
}

type icResource struct {
	Name           string            `json:"name"`
	ResourceType   string            `json:"resourceType"`
	Metadata       map[string]any    `json:"metadata"`
	HourlyCost     *string           `json:"hourlyCost"`
	MonthlyCost    *string           `json:"monthlyCost"`
	CostComponents []icCostComponent `json:"costComponents,omitempty"`
	Subresources   []icResource      `json:"subresources,omitempty"`
}

type icCostComponent struct {
	Name            string  `json:"name"`
	Unit            string  `json:"unit"`
	HourlyQuantity  *string `json:"hourlyQuantity"`
	MonthlyQuantity *string `json:"monthlyQuantity"`
	Price           *string `json:"price"`
	HourlyCost      *string `json:"hourlyCost"`
	MonthlyCost     *string `json:"monthlyCost"`
	UsageBased      bool    `json:"usageBased,omitempty"`
	PriceNotFound   bool    `json:"priceNotFound"`
}

type icSummary struct {
	TotalDetectedResources    int            `json:"totalDetectedResources"`
	TotalSupportedResources   int            `json:"totalSupportedResources"`
	TotalUnsupportedResources int            `json:"totalUnsupportedResources"`
	TotalUsageBasedResources  int            `json:"totalUsageBasedResources"`
	TotalNoPriceResources     int            `json:"totalNoPriceResources"`
	SupportedResourceCounts   map[string]int `json:"supportedResourceCounts"`
	UnsupportedResourceCounts map[string]int `json:"unsupportedResourceCounts"`
	NoPriceResourceCounts     map[string]int `json:"noPriceResourceCounts"`
}

// Keys of the tiercost provider's defaultTags beyond the breakdown's own
// metadata (docs/output.md): Infracost's schema allows no other project or
// summary keys. They are derived from the breakdown, so reading a file
// back ignores them, except the purchase option, which it restores.
const (
	MetaNotPriced      = "itemsNotPriced"               // unpriced lines + unsupported resources
	MetaUnpricedLines  = "unpricedCostComponents"       // cost-bearing lines without a price
	MetaLowerBound     = "totalMonthlyCostIsLowerBound" // "true" or "false"
	MetaPurchaseOption = "purchaseOption"               // the option asked for, when not on-demand
	MetaAtOption       = "atPurchaseOptionMonthlyCost"  // the part of the total at it
	MetaFallbacks      = "purchaseFallbacks"            // lines priced on demand for want of its rate
	// MetaRegionFrom says where a stack's region came from (the provider,
	// config, ARNs, availability zones, endpoints, --region or the default).
	MetaRegionFrom = "region_from"
)

// detail is the per-line-item provenance kept in resource metadata, since
// Infracost's cost component object has no room for it.
type detail struct {
	CostComponent  string `json:"costComponent"`
	QuantitySource string `json:"quantitySource,omitempty"`
	Layer          string `json:"layer,omitempty"`
	Source         string `json:"source,omitempty"`
	AsOf           string `json:"asOf,omitempty"`
	Note           string `json:"note,omitempty"`
	Assumed        string `json:"assumed,omitempty"`
	PurchaseOption string `json:"purchaseOption,omitempty"`
	Fallback       bool   `json:"onDemandFallback,omitempty"`
}

func exact(d decimal.Decimal) *string {
	s := money.Exact(d)
	return &s
}

// InfracostJSON renders projects as an Infracost breakdown (no VCS facts);
// see Document.JSON.
func InfracostJSON(projects []Project, generated time.Time) ([]byte, error) {
	return Document{Command: "breakdown", Generated: generated, Projects: projects}.JSON()
}

// JSON renders the document in Infracost's JSON output schema. Amounts
// are decimal strings at full precision; a line item whose price was not
// found has null price and costs and priceNotFound true. Only priced
// resources are listed, as Infracost does; free and unsupported resources
// are counted in each summary. Each project carries pastBreakdown,
// breakdown and diff, the diff in Infracost's own terms (the resources
// whose line items moved, each amount current minus past), so Infracost's
// `output --format diff` and `comment` show them resource by resource.
func (doc Document) JSON() ([]byte, error) {
	var buf bytes.Buffer
	if err := doc.WriteJSON(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// root builds the document's JSON tree.
func (doc Document) root() (icRoot, error) {
	cmd := doc.Command
	if cmd == "" {
		cmd = "breakdown"
	}
	ts := doc.VCS.CommitTime
	root := icRoot{
		Version: SchemaVersion,
		Metadata: icMetadata{
			InfracostCommand: cmd, Branch: doc.VCS.Branch, CommitSHA: doc.VCS.CommitSHA,
			AuthorName: doc.VCS.AuthorName, AuthorEmail: doc.VCS.AuthorEmail,
			CommitTimestamp: ts.UTC().Format(time.RFC3339), CommitMessage: doc.VCS.Message,
			RepositoryURL: doc.VCS.RepositoryURL, BaseBranch: doc.VCS.BaseBranch, UsageFilePath: doc.UsageFile,
		},
		Currency:      "USD",
		Projects:      []icProject{},
		TimeGenerated: doc.Generated.UTC().Format(time.RFC3339),
		Summary:       newSummary(),
	}
	var total, usage, pastTotal, pastUsage decimal.Decimal
	for i, p := range doc.Projects {
		if p.Type == "" {
			return icRoot{}, fmt.Errorf("project %d (%q): type is empty; allowed: %s, %s, %s, %s", i, p.Name, TypeProgram, TypeStackExport, TypePreviewJSON, TypeSavedBreakdown)
		}
		ip := buildProject(p, doc.Alternatives, len(doc.Projects))
		root.Projects = append(root.Projects, ip)
		total = total.Add(p.Breakdown.TotalMonthlyCost)
		usage = usage.Add(p.Breakdown.UsageMonthlyCost)
		if p.Past != nil {
			pastTotal = pastTotal.Add(p.Past.TotalMonthlyCost)
			pastUsage = pastUsage.Add(p.Past.UsageMonthlyCost)
		}
		addSummary(&root.Summary, ip.Summary)
	}
	// Alternatives have no overall total: adding the tiers means nothing.
	if !doc.Alternatives {
		root.TotalMonthlyCost, root.TotalHourlyCost, root.TotalMonthlyUsageCost = exact(total), exact(money.Hourly(total)), exact(usage)
		root.PastTotalMonthlyCost, root.PastTotalHourlyCost, root.PastTotalMonthlyUsageCost = exact(pastTotal), exact(money.Hourly(pastTotal)), exact(pastUsage)
		diff := total.Sub(pastTotal)
		root.DiffTotalMonthlyCost, root.DiffTotalHourlyCost, root.DiffTotalMonthlyUsageCost = exact(diff), exact(money.Hourly(diff)), exact(usage.Sub(pastUsage))
	}
	return root, nil
}

// jsonOutputOptions write what encoding/json's Encoder with a two-space
// indent and no HTML escaping wrote (the v1 semantics: omitempty, nil
// slices as null, sorted map keys), but stream into the writer instead of
// indenting a second copy of the whole document in memory.
var jsonOutputOptions = jsonv2.JoinOptions(jsonv1.DefaultOptionsV1(), jsontext.WithIndent("  "), jsontext.EscapeForHTML(false))

// WriteJSON streams the document (see JSON) to w, ending with a newline.
func (doc Document) WriteJSON(w io.Writer) error {
	root, err := doc.root()
	if err != nil {
		return err
	}
	if err := jsonv2.MarshalWrite(w, root, jsonOutputOptions); err != nil {
		return fmt.Errorf("infracost json: %w", err)
	}
	_, err = io.WriteString(w, "\n")
	return err
}

func newSummary() icSummary {
	return icSummary{
		SupportedResourceCounts:   map[string]int{},
		UnsupportedResourceCounts: map[string]int{},
		NoPriceResourceCounts:     map[string]int{},
	}
}

func addSummary(dst *icSummary, s icSummary) {
	dst.TotalDetectedResources += s.TotalDetectedResources
	dst.TotalSupportedResources += s.TotalSupportedResources
	dst.TotalUnsupportedResources += s.TotalUnsupportedResources
	dst.TotalUsageBasedResources += s.TotalUsageBasedResources
	dst.TotalNoPriceResources += s.TotalNoPriceResources
	for k, v := range s.SupportedResourceCounts {
		dst.SupportedResourceCounts[k] += v
	}
	for k, v := range s.UnsupportedResourceCounts {
		dst.UnsupportedResourceCounts[k] += v
	}
	for k, v := range s.NoPriceResourceCounts {
		dst.NoPriceResourceCounts[k] += v
	}
}

func buildProject(p Project, alternatives bool, n int) icProject {
	b := p.Breakdown
	name := p.Name
	if name == "" {
		name = b.Project
	}
	display := p.DisplayName
	if display == "" {
		display = name
	}
	tags := map[string]string{"generator": "tiercost"}
	for k, v := range b.Metadata {
		tags[k] = v
	}
	if b.Region != "" {
		tags["region"] = b.Region
	}
	if alternatives {
		// Said where a reader of the project looks: this project is one of
		// n alternatives, never summed with the others.
		tags["alternatives"] = "true"
		tags["alternativesCount"] = fmt.Sprint(n)
	}
	total := b.Monthly()
	tags[MetaNotPriced] = fmt.Sprint(total.Unpriced)
	tags[MetaUnpricedLines] = fmt.Sprint(b.MissingPrices)
	tags[MetaLowerBound] = fmt.Sprint(total.LowerBound())
	if total.Option != "" {
		tags[MetaPurchaseOption], tags[MetaAtOption], tags[MetaFallbacks] = total.Option, money.Exact(total.AtOption), fmt.Sprint(total.Fallbacks)
	}
	meta := icProjectMetadata{Path: p.Path, Type: p.Type, Workspace: p.Workspace,
		Providers: []icProvider{{Name: ProviderName, DefaultTags: tags}}}
	cur, sum := buildBreakdown(b)
	past := &icBreakdown{Resources: []icResource{}, TotalMonthlyCost: exact(decimal.Zero), TotalHourlyCost: exact(decimal.Zero),
		TotalMonthlyUsageCost: exact(decimal.Zero)}
	if p.Past != nil {
		past, _ = buildBreakdown(*p.Past)
	}
	// Infracost matches resources by name; a name used twice on either
	// side is written with its type, so every match is exact.
	uniqueNames(past, cur)
	return icProject{Name: name, DisplayName: display, Metadata: meta, PastBreakdown: past, Breakdown: cur,
		Diff: diffBreakdown(past, cur), Summary: sum}
}

// buildBreakdown lists a breakdown's priced resources and counts them all.
func buildBreakdown(b pricing.Breakdown) (*icBreakdown, icSummary) {
	ib := &icBreakdown{
		Resources:             []icResource{},
		TotalMonthlyCost:      exact(b.TotalMonthlyCost),
		TotalHourlyCost:       exact(money.Hourly(b.TotalMonthlyCost)),
		TotalMonthlyUsageCost: exact(b.UsageMonthlyCost),
	}
	sum := newSummary()
	for _, r := range b.Resources {
		sum.TotalDetectedResources++
		switch r.Status {
		case pricing.StatusFree, pricing.StatusExternal:
			sum.TotalNoPriceResources++
			sum.NoPriceResourceCounts[r.Type]++
			continue
		case pricing.StatusUnsupported:
			sum.TotalUnsupportedResources++
			sum.UnsupportedResourceCounts[r.Type]++
			continue
		}
		sum.TotalSupportedResources++
		sum.SupportedResourceCounts[r.Type]++
		if usageBased(r) {
			sum.TotalUsageBasedResources++
		}
		ib.Resources = append(ib.Resources, buildResource(r))
	}
	return ib, sum
}

// uniqueNames renames, on both sides, top-level resources whose name is
// not unique to "name (type)".
func uniqueNames(sides ...*icBreakdown) {
	seen := map[string]map[string]bool{}
	for _, s := range sides {
		for _, r := range s.Resources {
			if seen[r.Name] == nil {
				seen[r.Name] = map[string]bool{}
			}
			seen[r.Name][r.ResourceType] = true
		}
	}
	for _, s := range sides {
		count := map[string]int{}
		for _, r := range s.Resources {
			count[r.Name]++
		}
		for i, r := range s.Resources {
			if len(seen[r.Name]) > 1 || count[r.Name] > 1 {
				s.Resources[i].Name = r.Name + " (" + r.ResourceType + ")"
			}
		}
	}
}

func usageBased(r pricing.ResourceCost) bool {
	for _, c := range r.Lines() {
		if c.UsageBased {
			return true
		}
	}
	return false
}

// anyFound reports whether any line item of r (or its subresources) has a
// price, or none bears an unknown cost; a resource whose every cost is
// unknown has an unknown, null, cost.
func anyFound(r pricing.ResourceCost) bool {
	for _, c := range r.Lines() {
		if c.PriceFound {
			return true
		}
	}
	return r.MissingPrices() == 0
}

// buildResource builds Infracost's resource tree from ours; it recurses
// because it produces a tree, not to visit line items.
func buildResource(r pricing.ResourceCost) icResource {
	meta := map[string]any{"urn": r.URN, "component": r.Component, "status": r.Status}
	for k, v := range r.Metadata {
		meta[k] = v
	}
	out := icResource{Name: r.Name, ResourceType: r.Type, Metadata: meta}
	if anyFound(r) {
		out.MonthlyCost = exact(r.MonthlyCost)
		out.HourlyCost = exact(money.Hourly(r.MonthlyCost))
	}
	var details []detail
	missing := 0
	for _, c := range r.Components {
		cc := icCostComponent{
			Name:            c.Name,
			Unit:            c.Unit,
			MonthlyQuantity: exact(c.MonthlyQuantity),
			HourlyQuantity:  exact(money.Hourly(c.MonthlyQuantity)),
			UsageBased:      c.UsageBased,
			PriceNotFound:   !c.PriceFound,
		}
		if c.PriceFound {
			cc.Price = exact(c.Price)
			cc.MonthlyCost = exact(c.MonthlyCost)
			cc.HourlyCost = exact(money.Hourly(c.MonthlyCost))
		}
		if c.Unpriced() {
			missing++
		}
		out.CostComponents = append(out.CostComponents, cc)
		details = append(details, detail{
			CostComponent: c.Name, QuantitySource: c.QuantitySource,
			Layer: c.Provenance.Layer, Source: c.Provenance.Source, AsOf: c.Provenance.AsOf, Note: c.Note,
			Assumed: c.Assumed, PurchaseOption: c.PurchaseOption, Fallback: c.OnDemandFallback,
		})
	}
	if len(details) > 0 {
		meta["costComponentDetails"] = details
	}
	if missing > 0 {
		meta["missingPrices"] = missing
	}
	for _, s := range r.Subresources {
		out.Subresources = append(out.Subresources, buildResource(s))
	}
	return out
}

// ReadInfracostFile reads a saved breakdown JSON file: a regular file
// within the breakdown size cap (see package inputfile).
func ReadInfracostFile(path string) ([]pricing.Breakdown, error) {
	data, err := inputfile.ReadAll(path, inputfile.Breakdown)
	if err != nil {
		return nil, err
	}
	return ReadInfracostJSON(path, data)
}

// ReadInfracostJSON reads a file written by InfracostJSON (or by Infracost
// itself) back into breakdowns, one per project, so a saved estimate can be
// diffed. name is the file's name, used in errors.
func ReadInfracostJSON(name string, data []byte) ([]pricing.Breakdown, error) {
	var root struct {
		Version  *string `json:"version"`
		Currency string  `json:"currency"`
		Projects []struct {
			Name      string                     `json:"name"`
			Metadata  map[string]json.RawMessage `json:"metadata"`
			Breakdown *struct {
				Resources             []icResource `json:"resources"`
				TotalMonthlyCost      *string      `json:"totalMonthlyCost"`
				TotalMonthlyUsageCost *string      `json:"totalMonthlyUsageCost"`
			} `json:"breakdown"`
			Summary struct {
				UnsupportedResourceCounts map[string]int `json:"unsupportedResourceCounts"`
			} `json:"summary"`
		} `json:"projects"`
	}
	if err := inputfile.UnmarshalJSON(name, data, &root, false, "a breakdown JSON file (tiercost breakdown --format json)"); err != nil {
		return nil, err
	}
	if root.Version == nil {
		return nil, fmt.Errorf("%s: version: missing; allowed: an Infracost-schema JSON file (tiercost breakdown --format json)", name)
	}
	if root.Currency != "" && root.Currency != "USD" {
		return nil, fmt.Errorf("%s: currency: %s; allowed: USD", name, inputfile.Excerpt(root.Currency))
	}
	if len(root.Projects) == 0 {
		return nil, fmt.Errorf("%s: projects: empty; allowed: at least one project", name)
	}
	var out []pricing.Breakdown
	for i, p := range root.Projects {
		field := fmt.Sprintf("projects[%d]", i)
		if p.Breakdown == nil {
			return nil, fmt.Errorf("%s: %s.breakdown: missing", name, field)
		}
		b := pricing.Breakdown{Project: p.Name, Metadata: projectFacts(p.Metadata)}
		b.Region = b.Metadata["region"]
		delete(b.Metadata, "region")
		delete(b.Metadata, "generator")
		b.PurchaseOption = b.Metadata[MetaPurchaseOption]
		for _, k := range []string{MetaNotPriced, MetaUnpricedLines, MetaLowerBound, MetaPurchaseOption, MetaAtOption, MetaFallbacks} {
			delete(b.Metadata, k)
		}
		for j, ir := range p.Breakdown.Resources {
			r, err := readResource(ir, fmt.Sprintf("%s.breakdown.resources[%d]", field, j))
			if err != nil {
				return nil, fmt.Errorf("%s: %w", name, err)
			}
			b.Resources = append(b.Resources, r)
		}
		total, err := readAmount(p.Breakdown.TotalMonthlyCost, field+".breakdown.totalMonthlyCost")
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		usage, err := readAmount(p.Breakdown.TotalMonthlyUsageCost, field+".breakdown.totalMonthlyUsageCost")
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		b.TotalMonthlyCost, b.UsageMonthlyCost = total, usage
		b.FixedMonthlyCost = total.Sub(usage)
		// Unsupported resources are only counted in the summary; they come
		// back as such, so the total stays a lower bound.
		for _, t := range sortedKeys(p.Summary.UnsupportedResourceCounts) {
			for range min(p.Summary.UnsupportedResourceCounts[t], maxUnsupported) {
				b.Resources = append(b.Resources, pricing.ResourceCost{Name: t, Type: t, Status: pricing.StatusUnsupported})
			}
		}
		b.Recount()
		out = append(out, b)
	}
	return out, nil
}

// projectFacts reads tiercost's project facts back: from the tiercost
// provider entry's defaultTags, or (files written before it existed) from
// plain string keys beside path and type.
func projectFacts(meta map[string]json.RawMessage) map[string]string {
	out := map[string]string{}
	for k, raw := range meta {
		var s string
		if k == "path" || k == "type" || json.Unmarshal(raw, &s) != nil {
			continue
		}
		out[k] = s
	}
	var providers []icProvider
	if raw, ok := meta["providers"]; ok && json.Unmarshal(raw, &providers) == nil {
		for _, p := range providers {
			if p.Name != ProviderName {
				continue
			}
			for k, v := range p.DefaultTags {
				out[k] = v
			}
		}
	}
	delete(out, "terraformWorkspace")
	delete(out, "vcsSubPath")
	return out
}

// maxUnsupported bounds the unsupported resources read back per type.
const maxUnsupported = 100_000

// maxAmount bounds an amount read back: no breakdown reaches US$10^15.
var maxAmount = decimal.New(1, 15)

func readAmount(s *string, field string) (decimal.Decimal, error) {
	if s == nil {
		return decimal.Zero, nil
	}
	d, err := decimal.NewFromString(*s)
	if err != nil {
		return decimal.Zero, fmt.Errorf("%s: %s is not a decimal number", field, inputfile.Excerpt(*s))
	}
	if d.Abs().GreaterThan(maxAmount) {
		return decimal.Zero, fmt.Errorf("%s: %s is above the bound; allowed: -10^15 to 10^15", field, inputfile.Excerpt(*s))
	}
	return d, nil
}

// readResource reads one Infracost resource back into our tree; like
// buildResource it recurses to build the tree.
func readResource(ir icResource, field string) (pricing.ResourceCost, error) {
	r := pricing.ResourceCost{Name: ir.Name, Type: ir.ResourceType, Status: pricing.StatusPriced}
	r.URN, _ = ir.Metadata["urn"].(string)
	r.Component, _ = ir.Metadata["component"].(string)
	if s, ok := ir.Metadata["status"].(string); ok && s != "" {
		r.Status = s
	}
	for k, v := range ir.Metadata {
		if s, ok := v.(string); ok && k != "urn" && k != "component" && k != "status" {
			if r.Metadata == nil {
				r.Metadata = map[string]string{}
			}
			r.Metadata[k] = s
		}
	}
	details := map[string]detail{}
	if raw, ok := ir.Metadata["costComponentDetails"]; ok {
		// Re-decode through JSON: the generic map lost the struct shape.
		b, _ := json.Marshal(raw)
		var ds []detail
		if err := json.Unmarshal(b, &ds); err == nil {
			for _, d := range ds {
				details[d.CostComponent] = d
			}
		}
	}
	var err error
	if r.MonthlyCost, err = readAmount(ir.MonthlyCost, field+".monthlyCost"); err != nil {
		return r, err
	}
	for i, ic := range ir.CostComponents {
		cf := fmt.Sprintf("%s.costComponents[%d]", field, i)
		c := pricing.CostComponent{Name: ic.Name, Unit: ic.Unit, UsageBased: ic.UsageBased}
		if c.MonthlyQuantity, err = readAmount(ic.MonthlyQuantity, cf+".monthlyQuantity"); err != nil {
			return r, err
		}
		c.PriceFound = ic.Price != nil && !ic.PriceNotFound
		if c.PriceFound {
			if c.Price, err = readAmount(ic.Price, cf+".price"); err != nil {
				return r, err
			}
			if c.MonthlyCost, err = readAmount(ic.MonthlyCost, cf+".monthlyCost"); err != nil {
				return r, err
			}
		}
		if d, ok := details[ic.Name]; ok {
			c.QuantitySource, c.Note = d.QuantitySource, d.Note
			c.Assumed, c.PurchaseOption, c.OnDemandFallback = d.Assumed, d.PurchaseOption, d.Fallback
			c.Provenance = pricing.Provenance{Layer: d.Layer, Source: d.Source, AsOf: d.AsOf}
		}
		r.Components = append(r.Components, c)
	}
	for i, is := range ir.Subresources {
		s, err := readResource(is, fmt.Sprintf("%s.subresources[%d]", field, i))
		if err != nil {
			return r, err
		}
		r.Subresources = append(r.Subresources, s)
	}
	return r, nil
}

// sortedKeys returns a map's keys in order, for deterministic listings.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
