package importer

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"

	"github.com/tiercost/tiercost/costmodel/inputfile"
)

// DefaultBaseURL is the AWS Price List Bulk API endpoint.
const DefaultBaseURL = "https://pricing.us-east-1.amazonaws.com"

// DefaultServices are the offers the pricers read: what a fetch with no
// services downloads.
var DefaultServices = []string{"AmazonEC2", "AmazonRDS", "AmazonElastiCache", "AWSELB", "AmazonCloudFront", "AmazonVPC", "AWSDataTransfer", "AmazonCloudWatch", "AmazonS3"}

// FetchOptions say what to download and where.
type FetchOptions struct {
	BaseURL  string   // DefaultBaseURL when empty
	Region   string   // e.g. eu-west-1; CloudFront is global and ignores it
	Services []string // offer codes; empty means DefaultServices
	CacheDir string
	Client   *http.Client // http.DefaultClient when nil
	Progress func(Progress)
}

// ErrNoNetwork marks a fetch that could not reach the price list host.
var ErrNoNetwork = errors.New("no network")

// Fetch downloads the current offer file of each service for the region
// (every service tiercost prices when none is given) into CacheDir and
// returns the file paths. It stops at the first failure, so offline it
// fails on the first service instead of trying each. An interrupted download leaves
// <file>.part behind, and the next Fetch resumes it with a Range request.
// A finished file is verified (length, offerCode) and gets a <file>.sha256.
func Fetch(ctx context.Context, opts FetchOptions) ([]string, error) {
	if opts.CacheDir == "" {
		return nil, errors.New("fetch: no cache directory given")
	}
	if len(opts.Services) == 0 {
		opts.Services = DefaultServices
	}
	base := strings.TrimRight(opts.BaseURL, "/")
	if base == "" {
		base = DefaultBaseURL
	}
	if opts.Client == nil {
		opts.Client = http.DefaultClient
	}
	if err := os.MkdirAll(opts.CacheDir, 0o755); err != nil {
		return nil, fmt.Errorf("fetch: %w", err)
	}
	var paths []string
	for _, svc := range opts.Services {
		if svc == "" || strings.ContainsAny(svc, "/\\. ") {
			return nil, fmt.Errorf("fetch: service %s is not an offer code such as \"AmazonEC2\"", inputfile.Excerpt(svc))
		}
		region := opts.Region
		u := base + "/offers/v1.0/aws/" + svc + "/current/"
		if svc == "AmazonCloudFront" {
			region = "global"
		} else {
			if region == "" || strings.ContainsAny(region, "/\\. ") {
				return nil, fmt.Errorf("fetch: region %s is not a region code such as \"eu-west-1\"", inputfile.Excerpt(region))
			}
			u += region + "/"
		}
		u += "index.json"
		path := filepath.Join(opts.CacheDir, svc+"-"+region+".json")
		if err := download(ctx, opts, u, path); err != nil {
			return nil, err
		}
		os.Remove(path + ".part.validator")
		if err := verifyOffer(ctx, path+".part", svc); err != nil {
			os.Remove(path + ".part")
			return nil, err
		}
		if err := writeChecksum(path + ".part"); err != nil {
			return nil, err
		}
		if err := os.Rename(path+".part", path); err != nil {
			return nil, fmt.Errorf("fetch: %w", err)
		}
		if err := os.Rename(path+".part.sha256", path+".sha256"); err != nil {
			return nil, fmt.Errorf("fetch: %w", err)
		}
		paths = append(paths, path)
	}
	return paths, nil
}

// FetchAndImport downloads the offers and imports them into the layer file out.
func FetchAndImport(ctx context.Context, fopts FetchOptions, out string, opts Options) (Summary, error) {
	paths, err := Fetch(ctx, fopts)
	if err != nil {
		return Summary{}, err
	}
	if opts.Progress == nil {
		opts.Progress = fopts.Progress
	}
	return Import(ctx, paths, out, opts)
}

// download fetches u into path+".part", resuming what is already there.
func download(ctx context.Context, opts FetchOptions, u, path string) error {
	part := path + ".part"
	var have int64
	if fi, err := os.Stat(part); err == nil {
		have = fi.Size()
	}
	// A part is only resumed with the validator of the response it came
	// from: "current" moves to a new offer version now and then, and
	// If-Range makes the server send the whole new file instead of the
	// tail of it.
	validator, _ := os.ReadFile(part + ".validator")
	if have > 0 && len(validator) == 0 {
		have = 0
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return fmt.Errorf("fetch %s: %w", u, err)
	}
	if have > 0 {
		req.Header.Set("Range", "bytes="+strconv.FormatInt(have, 10)+"-")
		req.Header.Set("If-Range", string(validator))
	}
	resp, err := opts.Client.Do(req)
	if err != nil {
		return netError(u, err)
	}
	defer resp.Body.Close()
	flags := os.O_CREATE | os.O_WRONLY
	var total int64 = -1
	switch {
	case resp.StatusCode == http.StatusPartialContent && have > 0:
		start, size, ok := contentRange(resp.Header.Get("Content-Range"))
		if !ok || start != have {
			return fmt.Errorf("fetch %s: server answered the resume at byte %d with Content-Range %q", u, have, resp.Header.Get("Content-Range"))
		}
		total = size
		if total < 0 && resp.ContentLength >= 0 {
			total = have + resp.ContentLength
		}
		flags |= os.O_APPEND
	case resp.StatusCode == http.StatusOK:
		// A full body: the server ignored the range or there was none.
		have = 0
		flags |= os.O_TRUNC
		total = resp.ContentLength
	case resp.StatusCode == http.StatusRequestedRangeNotSatisfiable && have > 0:
		// The part is stale (the offer changed); start again.
		os.Remove(part)
		return download(ctx, opts, u, path)
	default:
		return fmt.Errorf("fetch %s: HTTP %s", u, resp.Status)
	}
	if err := saveValidator(part, resp.Header); err != nil {
		return err
	}
	f, err := os.OpenFile(part, flags, 0o644)
	if err != nil {
		return fmt.Errorf("fetch: %w", err)
	}
	w := &progressWriter{w: f, n: have, total: total, file: path, progress: opts.Progress}
	_, cerr := io.Copy(w, resp.Body)
	if err := f.Close(); err != nil && cerr == nil {
		cerr = err
	}
	w.report()
	if cerr != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return fmt.Errorf("fetch %s: download cut at byte %d (%v); %s.part is kept and the next fetch resumes it", u, w.n, cerr, path)
	}
	if total >= 0 && w.n != total {
		return fmt.Errorf("fetch %s: got %d bytes, Content-Length says %d; %s.part is kept and the next fetch resumes it", u, w.n, total, path)
	}
	return nil
}

// saveValidator keeps the response's strong ETag (or Last-Modified) beside
// the part for If-Range; without one, a cut download restarts from zero.
func saveValidator(part string, h http.Header) error {
	v := h.Get("ETag")
	if v == "" || strings.HasPrefix(v, "W/") {
		v = h.Get("Last-Modified")
	}
	if v == "" {
		os.Remove(part + ".validator")
		return nil
	}
	if err := os.WriteFile(part+".validator", []byte(v), 0o644); err != nil {
		return fmt.Errorf("fetch: %w", err)
	}
	return nil
}

// contentRange parses "bytes start-end/size"; size is -1 for "*".
func contentRange(h string) (start, size int64, ok bool) {
	rest, found := strings.CutPrefix(h, "bytes ")
	if !found {
		return 0, 0, false
	}
	rng, sz, found := strings.Cut(rest, "/")
	if !found {
		return 0, 0, false
	}
	s, _, found := strings.Cut(rng, "-")
	if !found {
		return 0, 0, false
	}
	start, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return 0, 0, false
	}
	size = -1
	if sz != "*" {
		if size, err = strconv.ParseInt(sz, 10, 64); err != nil {
			return 0, 0, false
		}
	}
	return start, size, true
}

// netError turns a failure to reach the host into the offline message.
func netError(u string, err error) error {
	host := u
	if pu, perr := url.Parse(u); perr == nil {
		host = pu.Host
	}
	var dnsErr *net.DNSError
	var opErr *net.OpError
	var ne net.Error
	if errors.As(err, &dnsErr) || errors.As(err, &opErr) || errors.Is(err, syscall.ECONNREFUSED) ||
		(errors.As(err, &ne) && ne.Timeout()) {
		return fmt.Errorf("%w: cannot reach %s (%v); pricing fetch needs internet access; estimates keep working offline on the embedded catalog", ErrNoNetwork, host, err)
	}
	return fmt.Errorf("fetch %s: %w", u, err)
}

type progressWriter struct {
	w        io.Writer
	n, total int64
	last     int64
	file     string
	progress func(Progress)
}

func (p *progressWriter) Write(b []byte) (int, error) {
	n, err := p.w.Write(b)
	p.n += int64(n)
	if p.n-p.last >= progressEvery {
		p.report()
	}
	return n, err
}

func (p *progressWriter) report() {
	p.last = p.n
	if p.progress != nil {
		total := p.total
		if total < 0 {
			total = 0
		}
		p.progress(Progress{File: p.file, BytesRead: p.n, TotalBytes: total})
	}
}

// verifyOffer reads the head of a downloaded offer and checks that its
// offerCode is the service asked for (a wrong or error page fails here).
func verifyOffer(ctx context.Context, path, service string) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("verify: %w", err)
	}
	defer f.Close()
	s := newScanner(ctx, f)
	var code string
	errFound := errors.New("found")
	err = s.object(func(key []byte) error {
		if string(key) == "offerCode" {
			v, err := s.scalar()
			if err != nil {
				return err
			}
			code = string(v)
			return errFound
		}
		if string(key) == "products" || string(key) == "terms" {
			return errFound
		}
		return s.skip()
	})
	if err != nil && !errors.Is(err, errFound) {
		return fmt.Errorf("verify %s: not an AWS offer file: %v", path, err)
	}
	if code != service {
		return fmt.Errorf("verify %s: offerCode is %q, want %q; the download is not the %s offer and was removed", path, code, service, service)
	}
	return nil
}

// writeChecksum writes "<sha256>  <name>" beside the file, as sha256sum does.
func writeChecksum(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("checksum: %w", err)
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return fmt.Errorf("checksum %s: %w", path, err)
	}
	name := strings.TrimSuffix(filepath.Base(path), ".part")
	return writeAtomic(path+".sha256", []byte(hex.EncodeToString(h.Sum(nil))+"  "+name+"\n"))
}
