package main

import (
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/tiercost/tiercost/components/spec"
	"github.com/tiercost/tiercost/costmodel/catalog"
	"github.com/tiercost/tiercost/costmodel/catalog/importer"
	"github.com/tiercost/tiercost/costmodel/inputfile"
	"github.com/tiercost/tiercost/costmodel/money"
	"github.com/tiercost/tiercost/costmodel/output"
	"github.com/tiercost/tiercost/costmodel/pricing"
)

func (a *app) pricingCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "pricing",
		Short: "Maintain the price catalog: import, fetch, info, diff",
		Long: `The catalog is the embedded price seed, overlaid by an imported catalog file
(--catalog, TIERCOST_CATALOG or catalog: in tiercost.yaml; default
<user cache dir>/tiercost/catalog.json when it exists).`,
		Example: `  tiercost pricing import AmazonEC2-us-east-1.json AmazonRDS-us-east-1.json
  tiercost pricing fetch --region eu-west-1 --service AmazonEC2
  tiercost pricing info
  tiercost pricing diff old-catalog.json new-catalog.json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return fmt.Errorf("pricing needs a subcommand; allowed: import, fetch, info, diff")
		},
	}
	cmd.AddCommand(a.pricingImportCmd(), a.pricingFetchCmd(), a.pricingInfoCmd(), a.pricingDiffCmd())
	return cmd
}

// catalogOutPath is where import and fetch write: --catalog or the default.
func (a *app) catalogOutPath() (string, error) {
	out := a.cfg.Catalog
	if out == "" {
		out = a.defaultCatalogPath()
		if out == "" {
			return "", fmt.Errorf("--catalog: no user cache folder to write to; allowed: --catalog PATH")
		}
		if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
			return "", fmt.Errorf("%s: %v", filepath.Dir(out), unwrapPathError(err))
		}
	}
	if err := checkOutputDir(out); err != nil {
		return "", fmt.Errorf("%s: %v", a.cfg.src("catalog"), strings.TrimPrefix(err.Error(), "--output: "))
	}
	return out, nil
}

// progress reports import progress on stderr, at most once a second.
func (a *app) progress() func(importer.Progress) {
	var last time.Time
	return func(p importer.Progress) {
		now := a.opts.Now()
		if now.Sub(last) < time.Second {
			return
		}
		last = now
		fmt.Fprintf(a.opts.Err, "tiercost: %s: %d MB read, %s, %s\n", filepath.Base(p.File), p.BytesRead>>20,
			money.Count(p.Products, "product", "products"), money.Count(p.Prices, "price", "prices"))
	}
}

func printSummary(w io.Writer, out string, s importer.Summary) error {
	var b strings.Builder
	fmt.Fprintf(&b, "wrote %s: %s, %s scanned, %s kept\n", out, money.Count(s.Files, "file", "files"),
		money.Count(s.Products, "product", "products"), money.Count(s.Prices, "price", "prices"))
	keys := make([]string, 0, len(s.Skipped))
	for k := range s.Skipped {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Fprintf(&b, "  skipped %d: %s\n", s.Skipped[k], k)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func (a *app) pricingImportCmd() *cobra.Command {
	var replace bool
	cmd := &cobra.Command{
		Use:   "import FILE...",
		Short: "Import AWS Price List offer files (JSON or CSV) into the catalog file",
		Example: `  tiercost pricing import AmazonEC2.json
  tiercost pricing import --catalog ./prices.json offers/*.csv`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return fmt.Errorf("import needs at least one offer file; allowed: AWS Price List offer files (JSON or CSV)")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			for _, f := range args {
				if err := inputfile.Check(f, inputfile.Offer); err != nil {
					return err
				}
			}
			out, err := a.catalogOutPath()
			if err != nil {
				return err
			}
			// Import parses and merges in memory and changes the catalog
			// as one locked transaction, so a failure leaves it as it was.
			s, err := importer.Import(cmd.Context(), args, out, importer.Options{Progress: a.progress(), Now: a.opts.Now, Replace: replace})
			if err != nil {
				return err
			}
			return printSummary(cmd.OutOrStdout(), out, s)
		},
	}
	cmd.Flags().BoolVar(&replace, "replace", false, "replace the catalog file instead of adding to it")
	return cmd
}

func (a *app) pricingFetchCmd() *cobra.Command {
	var services []string
	var replace bool
	var baseURL string
	cmd := &cobra.Command{
		Use:   "fetch --region R [--service S...]",
		Short: "Download AWS Price List offer files for a region and import them",
		Example: `  tiercost pricing fetch --region us-east-1
  tiercost pricing fetch --region eu-west-1 --service AmazonEC2 --service AmazonRDS`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if a.cfg.Region == "" {
				return fmt.Errorf("--region: missing; allowed: an AWS region code like us-east-1")
			}
			for _, s := range services {
				if !contains(importer.DefaultServices, s) {
					return fmt.Errorf("%s: %s is unknown; allowed: %s", a.src("service"), inputfile.Excerpt(s), strings.Join(sortedCopy(importer.DefaultServices), ", "))
				}
			}
			out, err := a.catalogOutPath()
			if err != nil {
				return err
			}
			cacheDir := ""
			if a.opts.CacheDir != "" {
				cacheDir = filepath.Join(a.opts.CacheDir, "tiercost", "offers")
			}
			if u, err := url.Parse(baseURL); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
				return fmt.Errorf("%s: %s is not an http(s) URL", a.src("price-list-url"), inputfile.Excerpt(baseURL))
			}
			if len(services) == 0 {
				services = importer.DefaultServices // every service tiercost prices
			}
			fopts := importer.FetchOptions{BaseURL: baseURL, Region: a.cfg.Region, Services: services, CacheDir: cacheDir, Progress: a.progress()}
			s, err := importer.FetchAndImport(cmd.Context(), fopts, out, importer.Options{Progress: a.progress(), Now: a.opts.Now, Replace: replace})
			if err != nil {
				return err
			}
			return printSummary(cmd.OutOrStdout(), out, s)
		},
	}
	cmd.Flags().StringSliceVar(&services, "service", nil, "AWS service code to fetch (repeatable; default: every service tiercost prices)")
	cmd.Flags().BoolVar(&replace, "replace", false, "replace the catalog file instead of adding to it")
	// A Price List mirror; hidden, it exists so tests can serve offers locally.
	cmd.Flags().StringVar(&baseURL, "price-list-url", importer.DefaultBaseURL, "AWS Price List Bulk API base URL")
	_ = cmd.Flags().MarkHidden("price-list-url")
	return cmd
}

// coverageSection is the coverage of one set of estimates: the tiers in a
// region, or a stack.
type coverageSection struct {
	Title    string                    `json:"title"`
	Region   string                    `json:"region"`
	Products []pricing.ProductCoverage `json:"products"`
}

// coverage prices the tiers in the run's region and, when given, a stack,
// and lists the catalog products each asks for, priced or missing.
func (a *app) coverage(stack target) ([]coverageSection, error) {
	var out []coverageSection
	if a.cfg.Region != "" {
		var bs []pricing.NamedBreakdown
		for _, tier := range spec.Tiers {
			res, _, err := a.estimate(target{tier: tier})
			if err != nil {
				return nil, fmt.Errorf("tier %s: %w", tier, err)
			}
			bs = append(bs, pricing.NamedBreakdown{Name: tier, Breakdown: res.Breakdown})
		}
		out = append(out, coverageSection{Title: fmt.Sprintf("The tiers (%s) in %s", strings.Join(spec.Tiers, ", "), a.cfg.Region),
			Region: a.cfg.Region, Products: pricing.Coverage(bs)})
	}
	if stack.stackExport != "" || stack.previewJSON != "" {
		res, _, err := a.estimate(stack)
		if err != nil {
			return nil, err
		}
		out = append(out, coverageSection{Title: fmt.Sprintf("%s in %s", res.Name, res.Region), Region: res.Region,
			Products: pricing.Coverage([]pricing.NamedBreakdown{{Breakdown: res.Breakdown}})})
	}
	return out, nil
}

func (a *app) pricingInfoCmd() *cobra.Command {
	var format string
	var stack target
	cmd := &cobra.Command{
		Use:   "info [--region R] [--stack-export FILE | --preview-json FILE]",
		Short: "Show the catalog's layers and what it prices for the tiers in a region or for a stack",
		Long: `Shows the catalog's layers: provenance, as-of dates, regions and product
counts. With --region it also prices the four tiers there and lists every
catalog product they ask for: priced (with its layer, date and source) or
missing. With --stack-export or --preview-json it does the same for that
stack (in its own region; --region is the fallback when it names none).
A missing product is left out of every total that needs it, and those
totals are shown as lower bounds.`,
		Example: `  tiercost pricing info
  tiercost pricing info --region eu-central-1
  tiercost pricing info --stack-export stack.json --format json
  tiercost pricing info --catalog ./prices.json --format json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := a.checkFormat(format, "table", "json"); err != nil {
				return err
			}
			if stack.stackExport != "" || stack.previewJSON != "" {
				if err := a.validateTarget(stack, true); err != nil {
					return err
				}
			}
			c, _, err := a.openCatalog()
			if err != nil {
				return err
			}
			if err := a.checkRegion(c); err != nil {
				return err
			}
			info := importer.Info(c)
			cov, err := a.coverage(stack)
			if err != nil {
				return err
			}
			if format == "json" {
				return writeJSON(cmd.OutOrStdout(), struct {
					importer.InfoReport
					Coverage []coverageSection `json:"coverage,omitempty"`
				}{info, cov})
			}
			w, width := cmd.OutOrStdout(), a.width()
			for i, l := range info.Layers {
				var b strings.Builder
				fmt.Fprintf(&b, "%d. %s (as of %s): %s, %s\n", i+1, l.Name, l.AsOf, money.Count(l.Prices, "price", "prices"), money.Count(l.Products, "product", "products"))
				fmt.Fprintf(&b, "   regions: %s\n", strings.Join(l.Regions, ", "))
				for _, o := range l.Offers {
					fmt.Fprintf(&b, "   offer %s %s (published %s) %s\n", o.Service, o.Version, o.PublicationDate, o.Region)
				}
				if _, err := io.WriteString(w, output.Wrap(b.String(), width, 2)); err != nil {
					return err
				}
				g := &output.Grid{Columns: []output.Column{{Header: "   FAMILY"}, {Header: "PRODUCTS", Right: true}, {Header: "PRICES", Right: true}}}
				for _, f := range l.Families {
					g.Add("   "+f.Family, money.Number(float64(f.Products), 0), money.Number(float64(f.Prices), 0))
				}
				if err := g.Write(w, width); err != nil {
					return err
				}
			}
			days, oldest := catalog.Age(c, a.opts.Now())
			if days >= 0 {
				fmt.Fprintf(w, "oldest price: %s (%d days)\n", oldest, days)
			}
			for _, s := range cov {
				fmt.Fprintln(w)
				if err := output.CoverageText(w, s.Title, s.Products, width); err != nil {
					return err
				}
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&format, "format", "table", "output format: table or json")
	cmd.Flags().StringVar(&stack.stackExport, "stack-export", "", "`FILE` written by pulumi stack export: list what its estimate prices and misses")
	cmd.Flags().StringVar(&stack.previewJSON, "preview-json", "", "`FILE` written by pulumi preview --json: list what its estimate prices and misses")
	return cmd
}

func (a *app) pricingDiffCmd() *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:     "diff OLD NEW",
		Short:   "Show the prices that differ between two catalog files",
		Example: `  tiercost pricing diff catalog-2026-08.json catalog-2026-11.json`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 2 {
				return fmt.Errorf("pricing diff needs two catalog files (OLD NEW), got %d", len(args))
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := a.checkFormat(format, "table", "json"); err != nil {
				return err
			}
			var layers [2]*catalog.Layer
			for i, p := range args {
				l, err := catalog.ReadLayerFile(p)
				if err != nil {
					return err
				}
				layers[i] = l
			}
			changes := importer.Diff(layers[0], layers[1])
			if format == "json" {
				return writeJSON(cmd.OutOrStdout(), changes)
			}
			g := &output.Grid{Columns: []output.Column{
				{Header: "CHANGE"},
				{Header: "PRODUCT", Wrap: true, Min: 24, Breaks: ":/-"},
				{Header: "TERM", Wrap: true, Min: 12, Breaks: ":/-"},
				{Header: "UNIT"},
				{Header: "OLD", Right: true},
				{Header: "NEW", Right: true},
				{Header: "PERCENT", Right: true},
			}}
			for _, ch := range changes {
				old, nw, pct := "-", "-", ""
				if ch.OldUSD != nil {
					old = money.Rate(*ch.OldUSD)
				}
				if ch.NewUSD != nil {
					nw = money.Rate(*ch.NewUSD)
				}
				if ch.Percent != nil {
					pct = money.GroupedQuantity(*ch.Percent) + "%"
				}
				g.Add(ch.Kind, string(ch.Product), ch.Term.String(), ch.Unit, old, nw, pct)
			}
			if err := g.Write(cmd.OutOrStdout(), a.width()); err != nil {
				return err
			}
			_, err := fmt.Fprintf(cmd.OutOrStdout(), "\n%s\n", money.Count(len(changes), "price differs", "prices differ"))
			return err
		},
	}
	cmd.Flags().StringVar(&format, "format", "table", "output format: table or json")
	return cmd
}
