package main

import (
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/tiercost/tiercost/costmodel/catalog"
	"github.com/tiercost/tiercost/costmodel/catalog/importer"
)

// offersDir holds hand-written offer fixtures in the AWS format, one per
// service we price (us-east-1; CloudFront is global).
var offersDir = filepath.Join("..", "..", "testdata", "offers")

// priceListServer serves those fixtures at their Price List paths and
// records the paths asked for.
func priceListServer(t *testing.T) (*httptest.Server, func() []string) {
	t.Helper()
	files := map[string]string{"/offers/v1.0/aws/AmazonCloudFront/current/index.json": "cloudfront.json"}
	for svc, fix := range map[string]string{
		"AmazonEC2": "ec2", "AmazonRDS": "rds", "AmazonElastiCache": "elasticache", "AWSELB": "elb", "AmazonVPC": "vpc",
		"AWSDataTransfer": "datatransfer", "AmazonCloudWatch": "cloudwatch", "AmazonS3": "s3",
	} {
		files["/offers/v1.0/aws/"+svc+"/current/us-east-1/index.json"] = fix + "-us-east-1.json"
	}
	var mu sync.Mutex
	var asked []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		asked = append(asked, r.URL.Path)
		mu.Unlock()
		name, ok := files[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		http.ServeFile(w, r, filepath.Join(offersDir, name))
	}))
	t.Cleanup(srv.Close)
	return srv, func() []string {
		mu.Lock()
		defer mu.Unlock()
		out := append([]string(nil), asked...)
		sort.Strings(out)
		return out
	}
}

// TestPricingFetchEveryService: with no --service, fetch downloads and
// imports every service tiercost prices, from a local server only.
func TestPricingFetchEveryService(t *testing.T) {
	srv, asked := priceListServer(t)
	c := newCLI(t)
	cat := filepath.Join(t.TempDir(), "catalog.json")
	r := c.run("pricing", "fetch", "--region", "us-east-1", "--catalog", cat, "--price-list-url", srv.URL)
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	if want := "wrote " + cat + ": 9 files"; !strings.Contains(r.stdout, want) {
		t.Errorf("stdout %q does not say %q", r.stdout, want)
	}
	var want []string
	for _, svc := range importer.DefaultServices {
		if svc == "AmazonCloudFront" {
			want = append(want, "/offers/v1.0/aws/AmazonCloudFront/current/index.json")
		} else {
			want = append(want, "/offers/v1.0/aws/"+svc+"/current/us-east-1/index.json")
		}
	}
	sort.Strings(want)
	if got := asked(); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("requests:\n%s\nwant one per service:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	l, err := catalog.ReadLayerFile(cat)
	if err != nil {
		t.Fatal(err)
	}
	// One price from each of two offers: elb-us-east-1.json's ALB hour ("$0.0225
	// per Application LoadBalancer-hour", line 95) and vpc-us-east-1.json's
	// in-use public IPv4 address hour ("USD" : "0.0050000000", line 50).
	c2 := catalog.New(l)
	for key, usd := range map[catalog.ProductKey]string{
		catalog.LoadBalancerHours("us-east-1", catalog.LBApplication): "0.0225",
		catalog.PublicIPv4("us-east-1"):                               "0.005",
	} {
		if p, ok := c2.Unit(key, catalog.OnDemandTerm); !ok || !p.USD.Equal(dec(usd)) {
			t.Errorf("%s = %v (found %v), want %s", key, p.USD, ok, usd)
		}
	}
}

// TestPricingFetchOffline: with no network, a fetch of every service fails
// at once with the offline message and writes nothing.
func TestPricingFetchOffline(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close() // a closed port refuses connections, as an offline host does
	c := newCLI(t)
	cat := filepath.Join(t.TempDir(), "catalog.json")
	r := c.run("pricing", "fetch", "--region", "eu-west-1", "--catalog", cat, "--price-list-url", "http://"+addr)
	if r.code != 2 {
		t.Fatalf("exit %d, want 2: %s", r.code, r.stderr)
	}
	for _, want := range []string{"no network: cannot reach " + addr, "pricing fetch needs internet access"} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr %q does not say %q", r.stderr, want)
		}
	}
	if strings.Count(strings.TrimSpace(r.stderr), "\n") != 0 || r.stdout != "" {
		t.Errorf("want one stderr line and no stdout; stdout %q stderr %q", r.stdout, r.stderr)
	}
	if _, err := os.Stat(cat); !os.IsNotExist(err) {
		t.Errorf("offline fetch left %s (err %v)", cat, err)
	}
}

func TestPricingFetchBadURL(t *testing.T) {
	c := newCLI(t)
	r := c.run("pricing", "fetch", "--region", "eu-west-1", "--catalog", filepath.Join(t.TempDir(), "c.json"), "--price-list-url", "ftp://mirror")
	if r.code != 2 || !strings.Contains(r.stderr, `--price-list-url: "ftp://mirror" is not an http(s) URL`) {
		t.Errorf("exit %d, stderr %q", r.code, r.stderr)
	}
}
