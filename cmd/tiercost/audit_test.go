package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tiercost/tiercost/costmodel/golden"
)

// TestAuditGolden: the table and the JSON for a tier whose exceptions are
// priced settings (10k), through the real engine.
func TestAuditGolden(t *testing.T) {
	c := realCLI(t)
	r := c.run("audit", "--tier", "10k")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	golden.Assert(t, filepath.Join("testdata", "audit_10k.golden"), []byte(r.stdout))
	r = c.run("audit", "--tier", "10k", "--format", "json")
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	golden.Assert(t, filepath.Join("testdata", "audit_10k.json"), []byte(r.stdout))
	var doc struct {
		Summary    struct{ Fail, Exception int }
		Exceptions []struct {
			ID          string `json:"id"`
			MonthlyCost string `json:"monthlyCost"`
		}
	}
	if err := json.Unmarshal([]byte(r.stdout), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Summary.Fail != 0 || doc.Summary.Exception == 0 {
		t.Errorf("summary %+v", doc.Summary)
	}
	for _, e := range doc.Exceptions {
		priced := e.ID != "log-bucket-logging" && e.ID != "cloudfront-log-acl"
		if priced != (e.MonthlyCost != "") {
			t.Errorf("exception %s: monthly cost %q", e.ID, e.MonthlyCost)
		}
	}
}

// TestAuditExitCodes: 0 for every environment (failures are documented
// exceptions), 1 for a stack with an undocumented failure, 2 for bad input.
func TestAuditExitCodes(t *testing.T) {
	c := realCLI(t)
	for _, env := range []string{"dev", "staging", "prod"} {
		if r := c.run("audit", "--env", env); r.code != 0 {
			t.Errorf("%s: exit %d: %s\n%s", env, r.code, r.stderr, r.stdout)
		}
	}
	// A hand-written export: an ALB with none of the settings, not ours.
	export := c.write("export.json", `{"version":3,"deployment":{"resources":[
 {"urn":"urn:pulumi:x::p::pulumi:providers:aws::default","custom":true,"type":"pulumi:providers:aws","inputs":{"region":"us-east-1"}},
 {"urn":"urn:pulumi:x::p::aws:lb/loadBalancer:LoadBalancer::web","custom":true,"id":"web-1","type":"aws:lb/loadBalancer:LoadBalancer",
  "inputs":{"loadBalancerType":"application","subnets":["a","b"]}}]}}`)
	r := c.run("audit", "--stack-export", export)
	if r.code != 1 || !strings.Contains(r.stdout, "Failures (no documented exception):") || !strings.Contains(r.stdout, "ELB.6 web: deletion protection off") ||
		!strings.Contains(r.stderr, "FSBP controls fail without a documented exception") {
		t.Errorf("export: exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	for _, args := range [][]string{{"audit"}, {"audit", "--tier", "1k", "--format", "xml"}, {"audit", "--tier", "2k"}} {
		if r := c.run(args...); r.code != 2 {
			t.Errorf("%v: exit %d", args, r.code)
		}
	}
}

// TestPlainHTTPNotice: without a domain, resources and breakdown say
// which hops stay on HTTP and why.
func TestPlainHTTPNotice(t *testing.T) {
	c := realCLI(t)
	for _, args := range [][]string{{"resources", "--tier", "10k"}, {"breakdown", "--tier", "10k"}} {
		r := c.run(args...)
		if r.code != 0 || !strings.Contains(r.stdout, "Stays on plain HTTP until a domain is set") || !strings.Contains(r.stdout, "CloudFront -> ALB: ") {
			t.Errorf("%v: exit %d\n%s", args, r.code, r.stdout)
		}
	}
	r := c.run("breakdown", "--tier", "1k", "--format", "json")
	if !strings.Contains(r.stdout, `"plainHttp": "viewer -> ALB"`) {
		t.Errorf("breakdown json lacks the plainHttp metadata:\n%s", r.stdout[:min(len(r.stdout), 2000)])
	}
}
