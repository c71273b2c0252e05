package importer

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/tiercost/tiercost/costmodel/catalog"
)

// offerServer serves fixtures at the Price List Bulk API paths and records
// the Range header of every request.
type offerServer struct {
	t        *testing.T
	files    map[string]string // URL path → fixture file
	mu       sync.Mutex
	ranges   []string
	ifRanges []string
	// cutFirst makes the first full response stop half-way.
	cutFirst bool
	// ignoreRange answers every request with the whole file.
	ignoreRange bool
}

func (s *offerServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	name, ok := s.files[r.URL.Path]
	if !ok {
		http.NotFound(w, r)
		return
	}
	data, err := os.ReadFile(name)
	if err != nil {
		s.t.Error(err)
		return
	}
	s.mu.Lock()
	s.ranges = append(s.ranges, r.Header.Get("Range"))
	s.ifRanges = append(s.ifRanges, r.Header.Get("If-Range"))
	cut := s.cutFirst
	s.cutFirst = false
	s.mu.Unlock()
	w.Header().Set("ETag", `"offer-v1"`)
	if rng := r.Header.Get("Range"); rng != "" && !s.ignoreRange {
		var start int
		if _, err := fmt.Sscanf(rng, "bytes=%d-", &start); err != nil || start >= len(data) {
			w.WriteHeader(http.StatusRequestedRangeNotSatisfiable)
			return
		}
		w.Header().Set("Content-Range", fmt.Sprintf("bytes %d-%d/%d", start, len(data)-1, len(data)))
		w.Header().Set("Content-Length", fmt.Sprint(len(data)-start))
		w.WriteHeader(http.StatusPartialContent)
		w.Write(data[start:])
		return
	}
	w.Header().Set("Content-Length", fmt.Sprint(len(data)))
	if cut {
		w.Write(data[:len(data)/2])
		w.(http.Flusher).Flush()
		panic(http.ErrAbortHandler) // drop the connection mid-body
	}
	w.Write(data)
}

func newOfferServer(t *testing.T, files map[string]string) (*offerServer, *httptest.Server) {
	s := &offerServer{t: t, files: files}
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	return s, srv
}

const ec2Path = "/offers/v1.0/aws/AmazonEC2/current/us-east-1/index.json"

func sha(t *testing.T, path string) string {
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

func TestFetchAndImport(t *testing.T) {
	_, srv := newOfferServer(t, map[string]string{
		ec2Path: fixture("ec2-us-east-1.json"),
		// CloudFront is global: no region in the path.
		"/offers/v1.0/aws/AmazonCloudFront/current/index.json": fixture("cloudfront.json"),
	})
	cache := t.TempDir()
	out := filepath.Join(t.TempDir(), "layer.json")
	sum, err := FetchAndImport(context.Background(), FetchOptions{
		BaseURL: srv.URL, Region: "us-east-1", Services: []string{"AmazonEC2", "AmazonCloudFront"},
		CacheDir: cache, Client: srv.Client(),
	}, out, Options{})
	if err != nil {
		t.Fatal(err)
	}
	// 25 EC2 products + 8 CloudFront products; 17 EC2 prices + 13
	// CloudFront prices (US 7 tiers, Japan 3 tiers, to-origin, http, https).
	if sum.Files != 2 || sum.Products != 33 || sum.Prices != 30 {
		t.Errorf("summary = %+v, want 2 files, 33 products, 30 prices", sum)
	}
	for name, fix := range map[string]string{"AmazonEC2-us-east-1.json": "ec2-us-east-1.json", "AmazonCloudFront-global.json": "cloudfront.json"} {
		got, err := os.ReadFile(filepath.Join(cache, name+".sha256"))
		if err != nil {
			t.Fatal(err)
		}
		if want := sha(t, fixture(fix)) + "  " + name + "\n"; string(got) != want {
			t.Errorf("%s.sha256 = %q, want %q", name, got, want)
		}
		if _, err := os.Stat(filepath.Join(cache, name+".part")); !os.IsNotExist(err) {
			t.Errorf("%s.part left behind", name)
		}
	}
}

func TestFetchResumesAfterCut(t *testing.T) {
	s, srv := newOfferServer(t, map[string]string{ec2Path: fixture("ec2-us-east-1.json")})
	s.cutFirst = true
	cache := t.TempDir()
	opts := FetchOptions{BaseURL: srv.URL, Region: "us-east-1", Services: []string{"AmazonEC2"}, CacheDir: cache, Client: srv.Client()}
	_, err := Fetch(context.Background(), opts)
	if err == nil || !strings.Contains(err.Error(), "resumes") {
		t.Fatalf("first fetch: err = %v, want a cut download that says it resumes", err)
	}
	part := filepath.Join(cache, "AmazonEC2-us-east-1.json.part")
	fi, err := os.Stat(part)
	if err != nil {
		t.Fatalf("no partial file kept: %v", err)
	}
	full, _ := os.Stat(fixture("ec2-us-east-1.json"))
	if fi.Size() == 0 || fi.Size() >= full.Size() {
		t.Fatalf("partial file has %d of %d bytes", fi.Size(), full.Size())
	}
	paths, err := Fetch(context.Background(), opts)
	if err != nil {
		t.Fatalf("resumed fetch: %v", err)
	}
	if want := fmt.Sprintf("bytes=%d-", fi.Size()); len(s.ranges) != 2 || s.ranges[0] != "" || s.ranges[1] != want {
		t.Errorf("Range headers = %q, want [\"\" %q]", s.ranges, want)
	}
	if s.ifRanges[1] != `"offer-v1"` {
		t.Errorf("If-Range = %q, want the first response's ETag", s.ifRanges[1])
	}
	if entries, _ := os.ReadDir(cache); len(entries) != 2 {
		t.Errorf("cache holds %d files, want the offer and its .sha256", len(entries))
	}
	if sha(t, paths[0]) != sha(t, fixture("ec2-us-east-1.json")) {
		t.Error("resumed file differs from the served file")
	}
}

func TestFetchRestartsWhenRangeIgnored(t *testing.T) {
	s, srv := newOfferServer(t, map[string]string{ec2Path: fixture("ec2-us-east-1.json")})
	s.ignoreRange = true
	cache := t.TempDir()
	// A stale part: a server that ignores Range sends 200 and the whole file.
	part := filepath.Join(cache, "AmazonEC2-us-east-1.json.part")
	if err := os.WriteFile(part, []byte("stale bytes"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(part+".validator", []byte(`"offer-v0"`), 0o644); err != nil {
		t.Fatal(err)
	}
	paths, err := Fetch(context.Background(), FetchOptions{BaseURL: srv.URL, Region: "us-east-1", Services: []string{"AmazonEC2"}, CacheDir: cache, Client: srv.Client()})
	if err != nil {
		t.Fatal(err)
	}
	if s.ranges[0] != "bytes=11-" {
		t.Errorf("Range = %q, want bytes=11-", s.ranges[0])
	}
	if sha(t, paths[0]) != sha(t, fixture("ec2-us-east-1.json")) {
		t.Error("restarted file differs from the served file")
	}
}

func TestFetchRestartsWithoutValidator(t *testing.T) {
	s, srv := newOfferServer(t, map[string]string{ec2Path: fixture("ec2-us-east-1.json")})
	cache := t.TempDir()
	// A part with no validator cannot be proven to be the same offer version.
	if err := os.WriteFile(filepath.Join(cache, "AmazonEC2-us-east-1.json.part"), []byte("unknown bytes"), 0o644); err != nil {
		t.Fatal(err)
	}
	paths, err := Fetch(context.Background(), FetchOptions{BaseURL: srv.URL, Region: "us-east-1", Services: []string{"AmazonEC2"}, CacheDir: cache, Client: srv.Client()})
	if err != nil {
		t.Fatal(err)
	}
	if s.ranges[0] != "" {
		t.Errorf("Range = %q, want a fresh download", s.ranges[0])
	}
	if sha(t, paths[0]) != sha(t, fixture("ec2-us-east-1.json")) {
		t.Error("file differs from the served file")
	}
}

func TestFetchVerifyFails(t *testing.T) {
	// The EC2 URL serves the RDS offer: the offerCode check must catch it.
	_, srv := newOfferServer(t, map[string]string{ec2Path: fixture("rds-us-east-1.json")})
	cache := t.TempDir()
	_, err := Fetch(context.Background(), FetchOptions{BaseURL: srv.URL, Region: "us-east-1", Services: []string{"AmazonEC2"}, CacheDir: cache, Client: srv.Client()})
	if err == nil || !strings.Contains(err.Error(), `offerCode is "AmazonRDS", want "AmazonEC2"`) {
		t.Fatalf("err = %v, want an offerCode mismatch", err)
	}
	if entries, _ := os.ReadDir(cache); len(entries) != 0 {
		t.Errorf("cache keeps %d files after a failed verify", len(entries))
	}
}

func TestFetchNotFound(t *testing.T) {
	_, srv := newOfferServer(t, map[string]string{})
	_, err := Fetch(context.Background(), FetchOptions{BaseURL: srv.URL, Region: "eu-west-1", Services: []string{"AmazonEC2"}, CacheDir: t.TempDir(), Client: srv.Client()})
	if err == nil || !strings.Contains(err.Error(), "404") || !strings.Contains(err.Error(), "/AmazonEC2/current/eu-west-1/index.json") {
		t.Fatalf("err = %v, want HTTP 404 naming the URL", err)
	}
}

func TestFetchNoNetwork(t *testing.T) {
	// A port that was just closed refuses connections.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	_, err = Fetch(context.Background(), FetchOptions{BaseURL: "http://" + addr, Region: "us-east-1", Services: []string{"AmazonEC2"}, CacheDir: t.TempDir()})
	if !errors.Is(err, ErrNoNetwork) {
		t.Fatalf("err = %v, want ErrNoNetwork", err)
	}
	for _, want := range []string{"no network: cannot reach " + addr, "pricing fetch needs internet access", "estimates keep working offline on the embedded catalog"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not say %q", err, want)
		}
	}
}

func TestFetchBadOptions(t *testing.T) {
	cases := []struct {
		name string
		opts FetchOptions
		want string
	}{
		{"no cache", FetchOptions{Region: "us-east-1", Services: []string{"AmazonEC2"}}, "cache directory"},
		{"bad service", FetchOptions{Region: "us-east-1", Services: []string{"../x"}, CacheDir: t.TempDir()}, "offer code"},
		{"no region", FetchOptions{Services: []string{"AmazonEC2"}, CacheDir: t.TempDir()}, "region code"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Fetch(context.Background(), c.opts)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("err = %v, want it to mention %q", err, c.want)
			}
		})
	}
}

// allOffers serves the us-east-1 fixture of every default service at its
// Price List path (CloudFront's has no region).
func allOffers() map[string]string {
	files := map[string]string{}
	for svc, fix := range map[string]string{
		"AmazonEC2": "ec2-us-east-1.json", "AmazonRDS": "rds-us-east-1.json", "AmazonElastiCache": "elasticache-us-east-1.json",
		"AWSELB": "elb-us-east-1.json", "AmazonVPC": "vpc-us-east-1.json", "AWSDataTransfer": "datatransfer-us-east-1.json",
		"AmazonCloudWatch": "cloudwatch-us-east-1.json", "AmazonS3": "s3-us-east-1.json",
	} {
		files["/offers/v1.0/aws/"+svc+"/current/us-east-1/index.json"] = fixture(fix)
	}
	files["/offers/v1.0/aws/AmazonCloudFront/current/index.json"] = fixture("cloudfront.json")
	return files
}

func TestFetchEveryServiceByDefault(t *testing.T) {
	s, srv := newOfferServer(t, allOffers())
	cache := t.TempDir()
	out := filepath.Join(t.TempDir(), "layer.json")
	sum, err := FetchAndImport(context.Background(), FetchOptions{BaseURL: srv.URL, Region: "us-east-1", CacheDir: cache, Client: srv.Client()}, out, Options{})
	if err != nil {
		t.Fatal(err)
	}
	// One request per priced service, nothing else.
	if len(s.ranges) != len(DefaultServices) || sum.Files != len(DefaultServices) {
		t.Fatalf("%d requests, %d files imported; want %d each", len(s.ranges), sum.Files, len(DefaultServices))
	}
	var want []string
	for _, svc := range DefaultServices {
		region := "us-east-1"
		if svc == "AmazonCloudFront" {
			region = "global"
		}
		name := svc + "-" + region + ".json"
		want = append(want, filepath.Join(cache, name))
		if _, err := os.Stat(filepath.Join(cache, name+".sha256")); err != nil {
			t.Errorf("%s not verified: %v", name, err)
		}
	}
	// The layer is what importing the same offer files by hand gives.
	direct := filepath.Join(t.TempDir(), "direct.json")
	fixtures := make([]string, 0, len(want))
	for _, p := range allOffers() {
		fixtures = append(fixtures, p)
	}
	dsum, err := Import(context.Background(), fixtures, direct, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Products != dsum.Products || sum.Prices != dsum.Prices {
		t.Errorf("fetched %d products, %d prices; importing the fixtures gives %d, %d", sum.Products, sum.Prices, dsum.Products, dsum.Prices)
	}
	paths, err := Fetch(context.Background(), FetchOptions{BaseURL: srv.URL, Region: "us-east-1", CacheDir: cache, Client: srv.Client()})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(paths, "\n") != strings.Join(want, "\n") {
		t.Errorf("paths = %q, want %q", paths, want)
	}
}

// dialFails is a transport that cannot connect, and counts the attempts.
type dialFails struct{ calls int }

func (d *dialFails) RoundTrip(r *http.Request) (*http.Response, error) {
	d.calls++
	return nil, &net.OpError{Op: "dial", Net: "tcp", Err: errors.New("network is unreachable")}
}

func TestFetchEveryServiceOfflineFailsFast(t *testing.T) {
	tr := &dialFails{}
	cache := t.TempDir()
	_, err := Fetch(context.Background(), FetchOptions{Region: "eu-west-1", CacheDir: cache, Client: &http.Client{Transport: tr}})
	if !errors.Is(err, ErrNoNetwork) || !strings.Contains(err.Error(), "cannot reach pricing.us-east-1.amazonaws.com") {
		t.Fatalf("err = %v, want ErrNoNetwork naming the price list host", err)
	}
	// The first service fails and the other eight are not tried.
	if tr.calls != 1 {
		t.Errorf("%d connection attempts, want 1", tr.calls)
	}
	if entries, _ := os.ReadDir(cache); len(entries) != 0 {
		t.Errorf("cache keeps %d files after an offline fetch", len(entries))
	}
}

// The fetched layer file loads into a catalog that answers lookups.
func TestFetchedLayerReadable(t *testing.T) {
	_, srv := newOfferServer(t, map[string]string{"/offers/v1.0/aws/AWSELB/current/us-east-1/index.json": fixture("elb-us-east-1.json")})
	out := filepath.Join(t.TempDir(), "layer.json")
	if _, err := FetchAndImport(context.Background(), FetchOptions{BaseURL: srv.URL, Region: "us-east-1", Services: []string{"AWSELB"}, CacheDir: t.TempDir(), Client: srv.Client()}, out, Options{}); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var l catalog.Layer
	if err := json.Unmarshal(data, &l); err != nil {
		t.Fatal(err)
	}
	c := catalog.New(&l)
	p, ok := c.Unit(catalog.LoadBalancerHours("us-east-1", catalog.LBApplication), catalog.OnDemandTerm)
	if !ok || !p.USD.Equal(d("0.0225")) {
		t.Errorf("ALB hour = %v %v, want 0.0225", p.USD, ok)
	}
}

func TestContentRange(t *testing.T) {
	cases := []struct {
		in          string
		start, size int64
		ok          bool
	}{
		{"bytes 100-199/200", 100, 200, true},
		{"bytes 0-0/*", 0, -1, true},
		{"bytes */200", 0, 0, false},
		{"items 1-2/3", 0, 0, false},
		{"bytes 5-9", 0, 0, false},
		{"", 0, 0, false},
	}
	for _, c := range cases {
		start, size, ok := contentRange(c.in)
		if ok != c.ok || (ok && (start != c.start || size != c.size)) {
			t.Errorf("contentRange(%q) = %d, %d, %v; want %d, %d, %v", c.in, start, size, ok, c.start, c.size, c.ok)
		}
	}
}

// FuzzContentRange: the header parser never panics and never reports a
// negative start.
func FuzzContentRange(f *testing.F) {
	for _, s := range []string{"bytes 100-199/200", "bytes 0-0/*", "bytes -1-2/3", "bytes 9999999999999999999-1/2"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, h string) {
		if start, _, ok := contentRange(h); ok && start < 0 {
			t.Errorf("contentRange(%q) start %d", h, start)
		}
	})
}
