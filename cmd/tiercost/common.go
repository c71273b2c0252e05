package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/shopspring/decimal"
	"github.com/spf13/cobra"
	"github.com/tiercost/tiercost/cmd/tiercost/internal/engine"
	"github.com/tiercost/tiercost/cmd/tiercost/internal/scenario"
	"github.com/tiercost/tiercost/components/spec"
	"github.com/tiercost/tiercost/costmodel/catalog"
	"github.com/tiercost/tiercost/costmodel/inputfile"
	"github.com/tiercost/tiercost/costmodel/pricing"
	"github.com/tiercost/tiercost/environments"
)

// target is what to estimate: exactly one of env, tier, stackExport,
// previewJSON and saved (a saved breakdown JSON file) is set.
type target struct {
	env, tier, stackExport, previewJSON, saved string
	// findings asks the engine for right-sizing and advice too;
	// rightsizeFamily limits right-sizing's compute candidates.
	findings        bool
	rightsizeFamily string
}

// addTargetFlags adds --env and --tier, plus the file sources when files is true.
func addTargetFlags(cmd *cobra.Command, t *target, files bool) {
	cmd.Flags().StringVar(&t.env, "env", "", "environment name (dev, staging, prod or an environments/<name>.yaml)")
	cmd.Flags().StringVar(&t.tier, "tier", "", "growth tier: "+strings.Join(spec.Tiers, ", "))
	if files {
		cmd.Flags().StringVar(&t.stackExport, "stack-export", "", "`FILE` written by pulumi stack export")
		cmd.Flags().StringVar(&t.previewJSON, "preview-json", "", "`FILE` written by pulumi preview --json")
	}
}

// validate checks that exactly one source is set and each is well formed.
func (a *app) validateTarget(t target, files bool) error {
	set := []string{}
	for name, v := range map[string]string{"env": t.env, "tier": t.tier, "stack-export": t.stackExport, "preview-json": t.previewJSON, "SOURCE": t.saved} {
		if v != "" {
			if name != "SOURCE" {
				name = "--" + name
			}
			set = append(set, name)
		}
	}
	sort.Strings(set)
	allowed := "--env NAME or --tier NAME"
	if files {
		allowed = "--env NAME, --tier NAME, --stack-export FILE or --preview-json FILE"
	}
	switch len(set) {
	case 0:
		return fmt.Errorf("nothing to estimate; allowed: one of %s", allowed)
	case 1:
	default:
		return fmt.Errorf("%s: only one may be given; allowed: one of %s", strings.Join(set, ", "), allowed)
	}
	if t.env != "" {
		if err := checkEnvName(t.env); err != nil {
			return fmt.Errorf("%s: %v", a.src("env"), err)
		}
	}
	if t.tier != "" {
		if err := checkTier(t.tier); err != nil {
			return fmt.Errorf("%s: %v", a.src("tier"), err)
		}
	}
	for flag, in := range map[string]struct {
		path string
		kind inputfile.Kind
	}{"stack-export": {t.stackExport, inputfile.StackExport}, "preview-json": {t.previewJSON, inputfile.Preview}} {
		if in.path == "" {
			continue
		}
		if err := inputfile.Check(in.path, in.kind); err != nil {
			return fmt.Errorf("%s: %v", a.src(flag), err)
		}
	}
	if t.saved != "" {
		if err := inputfile.Check(t.saved, inputfile.Breakdown); err != nil {
			return fmt.Errorf("%v; allowed: env:NAME, tier:NAME, export:FILE, preview:FILE or a saved breakdown JSON file", err)
		}
	}
	return nil
}

// openCatalog opens the embedded catalog overlaid by --catalog, or by the
// default cache file when it exists.
func (a *app) openCatalog() (*catalog.Catalog, string, error) {
	path := a.cfg.Catalog
	if path != "" {
		if err := inputfile.Check(path, inputfile.Catalog); err != nil {
			return nil, "", fmt.Errorf("%s: %v", a.cfg.src("catalog"), err)
		}
	} else if d := a.defaultCatalogPath(); d != "" {
		if st, err := os.Stat(d); err == nil {
			if st.IsDir() {
				return nil, "", fmt.Errorf("%s: is a folder; allowed: a regular file (the price catalog tiercost pricing fetch or import writes), or nothing there", d)
			}
			path = d
		}
	}
	if path == "" {
		return catalog.Default(), "", nil
	}
	c, err := catalog.Open(path)
	if err != nil {
		// The catalog package names the file already.
		return nil, "", fmt.Errorf("%s: %v", a.cfg.src("catalog"), err)
	}
	return c, path, nil
}

// defaultCatalogPath is <user cache dir>/tiercost/catalog.json.
func (a *app) defaultCatalogPath() string {
	if a.opts.CacheDir == "" {
		return ""
	}
	return filepath.Join(a.opts.CacheDir, "tiercost", "catalog.json")
}

// checkRegion refuses a region the catalog has no prices for, naming the
// setting it came from; the engine applies the same rule (catalog.
// CheckRegion) to --set region= and to an environment file's region.
func (a *app) checkRegion(c *catalog.Catalog) error {
	if r := a.cfg.Region; r != "" {
		if err := c.CheckRegion(r); err != nil {
			return fmt.Errorf("%s: %v", a.cfg.src("region"), err)
		}
	}
	return nil
}

// request builds an engine request from a target and the global settings.
func (a *app) request(t target, c *catalog.Catalog) (engine.Request, error) {
	o, err := a.overlay()
	if err != nil {
		return engine.Request{}, err
	}
	return engine.Request{
		Source:  engine.Source{Environment: t.env, Tier: t.tier, StackExport: t.stackExport, PreviewJSON: t.previewJSON, Breakdown: t.saved},
		Overlay: o, WorkDir: a.opts.WorkDir, UsageFile: a.cfg.Usage, Catalog: c,
	}, nil
}

// knobFlags are the settings that are also what-if knobs: a flag,
// TIERCOST_* variable or tiercost.yaml key sets the knob as --set would.
var knobFlags = []struct{ flag, knob string }{
	{"region", "region"}, {"purchase", "purchase"}, {"savings-plan-coverage", "savings_plan_coverage"},
	{"free-tier", "free_tier"}, {"monthly-hours", "monthly_hours"},
}

// overlay is the run's what-if scenario: --set, plus the knob settings.
func (a *app) overlay() (scenario.Overlay, error) {
	o, err := scenario.ParseSet(a.cfg.Set)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", a.cfg.src("set"), err)
	}
	values := map[string]string{
		"region": a.cfg.Region, "purchase": a.cfg.Purchase, "savings-plan-coverage": fmtFloat(a.cfg.SavingsPlanCoverage),
		"free-tier": fmt.Sprint(a.cfg.FreeTier), "monthly-hours": fmtFloat(a.cfg.MonthlyHours),
	}
	for _, kf := range knobFlags {
		if _, set := a.cfg.sources[kf.flag]; !set {
			continue
		}
		if _, dup := o[kf.knob]; dup {
			return nil, fmt.Errorf("%s and --set %s= both give %s; use one", a.cfg.src(kf.flag), kf.knob, kf.knob)
		}
		if err := o.Set(kf.knob, values[kf.flag]); err != nil {
			return nil, fmt.Errorf("%s: %v", a.cfg.src(kf.flag), err)
		}
	}
	return o, nil
}

// estimate opens the catalog, checks the region and the usage file, and
// prices one target.
func (a *app) estimate(t target) (engine.Result, *catalog.Catalog, error) {
	c, _, err := a.openCatalog()
	if err != nil {
		return engine.Result{}, nil, err
	}
	if err := a.checkRegion(c); err != nil {
		return engine.Result{}, nil, err
	}
	if a.cfg.Usage != "" {
		if err := inputfile.Check(a.cfg.Usage, inputfile.Usage); err != nil {
			return engine.Result{}, nil, fmt.Errorf("%s: %v", a.cfg.src("usage"), err)
		}
	}
	req, err := a.request(t, c)
	if err != nil {
		return engine.Result{}, c, err
	}
	req.Findings, req.RightsizeFamily = t.findings, t.rightsizeFamily
	res, err := a.opts.Estimate(req)
	if err != nil {
		return res, c, a.unknownEnvironment(err)
	}
	a.warnIncomplete(res)
	return res, c, nil
}

// warnIncomplete says, once per region a run prices, that the catalog
// cannot price everything an estimate there holds: every command that
// uses such a region warns, whatever its output shows.
func (a *app) warnIncomplete(res engine.Result) {
	b := res.Breakdown
	t := b.Monthly()
	if !t.LowerBound() || a.warnedRegions[b.Region] {
		return
	}
	if a.warnedRegions == nil {
		a.warnedRegions = map[string]bool{}
	}
	a.warnedRegions[b.Region] = true
	name := res.Name
	if name == "" {
		name = b.Project
	}
	a.warn("%s in %s: %s: the catalog cannot price everything, so totals are lower bounds (tiercost pricing info --region %s lists what is missing)",
		name, regionOr(b.Region), t.UnpricedText(), regionOr(b.Region))
}

// checkTier refuses a tier name that is not one of spec.Tiers, with the
// close ones.
func checkTier(tier string) error {
	if _, err := spec.TierUsers(tier); err != nil {
		return fmt.Errorf("tier %s is unknown; %sallowed: %s", inputfile.Choice(tier), didYouMean(tier, spec.Tiers), strings.Join(spec.Tiers, ", "))
	}
	return nil
}

// unknownEnvironment names --env (or where the name came from) in an
// unknown environment's error, with the close names.
func (a *app) unknownEnvironment(err error) error {
	var ue *environments.UnknownError
	if !errors.As(err, &ue) {
		return err
	}
	known := environmentNames(a.opts.WorkDir)
	return fmt.Errorf("%s: environment %s is unknown; %sallowed: %s (or a file environments/NAME.yaml)",
		a.src("env"), inputfile.Excerpt(ue.Name), didYouMean(ue.Name, known), strings.Join(known, ", "))
}

// checkFormat validates --format against a command's allowed formats.
func (a *app) checkFormat(format string, allowed ...string) error {
	if contains(allowed, format) {
		return nil
	}
	return fmt.Errorf("%s: %s is unknown; %sallowed: %s", a.src("format"), inputfile.Choice(format), didYouMean(format, allowed), strings.Join(allowed, ", "))
}

// parseBudget reads --budget as an exact decimal.
func (a *app) parseBudget(s string) (*decimal.Decimal, error) {
	if s == "" {
		return nil, nil
	}
	d, err := decimal.NewFromString(strings.TrimPrefix(s, "$"))
	if err != nil {
		return nil, fmt.Errorf("%s: %q is not a number of US dollars; allowed: an amount a month such as 2500 or $2500.50", a.src("budget"), s)
	}
	if err := checkBudget(d); err != nil {
		return nil, fmt.Errorf("%s: %v", a.src("budget"), err)
	}
	return &d, nil
}

// writeOutput renders into memory first and then writes path through a
// temporary file and a rename, so a failed render or write leaves no
// partial file. path "-" or "" writes to w. A symbolic link is followed:
// its target is replaced and the link stays a link. An existing file keeps
// its permission bits; a new one gets 0644.
func writeOutput(w io.Writer, path string, render func(io.Writer) error) error {
	var buf bytes.Buffer
	if err := render(&buf); err != nil {
		return err
	}
	if path == "" || path == "-" {
		_, err := w.Write(buf.Bytes())
		return err
	}
	dest, perm, err := outputDest(path)
	if err != nil {
		return err
	}
	dir := filepath.Dir(dest)
	tmp, err := os.CreateTemp(dir, ".tiercost-*.tmp")
	if err != nil {
		// The file is first written beside its destination, so this is
		// about the folder, not the file.
		return fmt.Errorf("--output: %s: cannot create a file in folder %s: %v", path, dir, unwrapPathError(err))
	}
	defer os.Remove(tmp.Name()) // a no-op after the rename
	if _, err := tmp.Write(buf.Bytes()); err != nil {
		tmp.Close()
		return fmt.Errorf("--output: %s: cannot write: %v", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("--output: %s: cannot write: %v", path, err)
	}
	if err := os.Chmod(tmp.Name(), perm); err != nil {
		return fmt.Errorf("--output: %s: %v", path, err)
	}
	if err := os.Rename(tmp.Name(), dest); err != nil {
		return fmt.Errorf("--output: %s: cannot write: %v", path, unwrapPathError(err))
	}
	return nil
}

// outputAllowed is what --output accepts, for its errors.
const outputAllowed = "allowed: a regular file (replaced whole), a symbolic link to one, a new file in an existing folder, or - for stdout"

// outputDest is the file --output path replaces (path itself, or the end
// of its chain of symbolic links) and the permission bits the new content
// gets. It refuses whatever is not a regular file: renaming over a
// device, a FIFO or a socket would replace it with a plain file.
func outputDest(path string) (string, fs.FileMode, error) {
	st, err := os.Stat(path) // follows links as the kernel does, /proc's too
	switch {
	case err == nil && !st.Mode().IsRegular():
		what := inputfile.ModeWords(st.Mode())
		if lst, lerr := os.Lstat(path); lerr == nil && lst.Mode()&fs.ModeSymlink != 0 {
			if to, err := filepath.EvalSymlinks(path); err == nil {
				what = to + ", " + what
			}
			what = "a symbolic link to " + what
		}
		return "", 0, fmt.Errorf("--output: %s: is %s; %s", path, what, outputAllowed)
	case err == nil:
		dest, err := filepath.EvalSymlinks(path)
		if err != nil {
			return "", 0, fmt.Errorf("--output: %s: cannot follow the link: %v", path, unwrapPathError(err))
		}
		return dest, st.Mode().Perm(), nil
	case !errors.Is(err, fs.ErrNotExist):
		return "", 0, fmt.Errorf("--output: %s: %v; %s", path, unwrapPathError(err), outputAllowed)
	}
	// Nothing there yet, or a link to a file not there yet: create it.
	dest, err := danglingTarget(path)
	if err != nil {
		return "", 0, fmt.Errorf("--output: %s: %v; %s", path, err, outputAllowed)
	}
	dir := filepath.Dir(dest)
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		if dest != path {
			return "", 0, fmt.Errorf("--output: %s: a symbolic link to %s, whose folder %s does not exist", path, dest, dir)
		}
		return "", 0, fmt.Errorf("--output: %s: folder %s does not exist", path, dir)
	}
	return dest, 0o644, nil
}

// danglingTarget follows path's symbolic links to the missing file at the
// end of the chain (path itself when it is no link).
func danglingTarget(path string) (string, error) {
	cur := path
	for range 40 { // as Linux's limit on links in a path
		st, err := os.Lstat(cur)
		if errors.Is(err, fs.ErrNotExist) {
			return cur, nil
		}
		if err != nil {
			return "", unwrapPathError(err)
		}
		if st.Mode()&fs.ModeSymlink == 0 {
			return "", fmt.Errorf("%s: is %s", cur, inputfile.ModeWords(st.Mode()))
		}
		link, err := os.Readlink(cur)
		if err != nil {
			return "", unwrapPathError(err)
		}
		if !filepath.IsAbs(link) {
			// Relative to the link's real folder, as the kernel reads it.
			dir, err := filepath.EvalSymlinks(filepath.Dir(cur))
			if err != nil {
				return "", unwrapPathError(err)
			}
			link = filepath.Join(dir, link)
		}
		cur = link
	}
	return "", errors.New("too many levels of symbolic links")
}

// stickyWriter keeps the first write error, for a command that prints
// line by line and checks once.
type stickyWriter struct {
	w   io.Writer
	err error
}

func (s *stickyWriter) Write(p []byte) (int, error) {
	if s.err != nil {
		return 0, s.err
	}
	n, err := s.w.Write(p)
	if err != nil {
		s.err = err
	}
	return n, err
}

// failed is the write error, saying that nothing was deployed.
func (s *stickyWriter) failed() error {
	return fmt.Errorf("%v; nothing was deployed", s.err)
}

// topDrivers returns the n priced resources with the largest monthly cost.
func topDrivers(b pricing.Breakdown, n int) []pricing.ResourceCost {
	var rs []pricing.ResourceCost
	for _, r := range b.Resources {
		if r.Status == pricing.StatusPriced {
			rs = append(rs, r)
		}
	}
	sort.SliceStable(rs, func(i, j int) bool { return rs[i].MonthlyCost.GreaterThan(rs[j].MonthlyCost) })
	if len(rs) > n {
		rs = rs[:n]
	}
	return rs
}

// warn writes one diagnostic line to stderr.
func (a *app) warn(format string, args ...any) {
	if a.cfg.Quiet {
		return
	}
	w := a.opts.Err
	if a.opts.warnings != nil {
		w = a.opts.warnings
	}
	fmt.Fprintf(w, "tiercost: warning: "+format+"\n", args...)
}

// staleDays is how old the oldest price may be before breakdown warns.
const staleDays = 90

// warnStale warns when the catalog's oldest price is older than 90 days.
func (a *app) warnStale(c *catalog.Catalog) {
	days, oldest := catalog.Age(c, a.opts.Now())
	if days > staleDays {
		a.warn("the price catalog's oldest price is from %s (%d days ago); run `tiercost pricing fetch` or `tiercost pricing import` to refresh it", oldest, days)
	}
}
