package iac

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tiercost/tiercost/costmodel/resource"
)

var (
	exportPath  = filepath.Join("..", "..", "testdata", "stacks", "export.json")
	previewPath = filepath.Join("..", "..", "testdata", "stacks", "preview.json")
)

const urnPrefix = "urn:pulumi:prod::tiercost::"

func byURN(t *testing.T, src Source) map[string]resource.Record {
	t.Helper()
	m := map[string]resource.Record{}
	for _, r := range src.Records {
		if _, dup := m[r.URN]; dup {
			t.Errorf("URN %s appears twice", r.URN)
		}
		m[r.URN] = r
	}
	return m
}

func TestReadStackExportSummary(t *testing.T) {
	src, err := ReadStackExport(exportPath)
	if err != nil {
		t.Fatal(err)
	}
	// export.json holds 34 resources: the Stack and one pending delete are
	// dropped, leaving 32 (the aws provider, 2 components + 29 custom
	// resources).
	if got := len(src.Records); got != 32 {
		t.Errorf("records = %d, want 32", got)
	}
	components := 0
	for i, r := range src.Records {
		if r.Component {
			components++
		}
		if resource.IsProvider(r.Type) && r.Type != "pulumi:providers:aws" || resource.IsStack(r.Type) {
			t.Errorf("record %s should have been skipped", r.URN)
		}
		if i > 0 && src.Records[i-1].URN > r.URN {
			t.Errorf("records not sorted by URN at %d", i)
		}
		if r.Inputs == nil {
			t.Errorf("%s: Inputs is nil, want an empty map at least", r.URN)
		}
	}
	if components != 2 {
		t.Errorf("components = %d, want 2", components)
	}
	if src.Region != "us-east-1" || src.Stack != "prod" || src.Project != "tiercost" {
		t.Errorf("region/stack/project = %q/%q/%q, want us-east-1/prod/tiercost", src.Region, src.Stack, src.Project)
	}
}

func TestReadStackExportRecords(t *testing.T) {
	src, err := ReadStackExport(exportPath)
	if err != nil {
		t.Fatal(err)
	}
	m := byURN(t, src)
	web := urnPrefix + "tiercost:components:Web::web"
	stack := urnPrefix + "pulumi:pulumi:Stack::tiercost-prod"
	tests := []struct {
		urn       string
		typ, name string
		parent    string
		component bool
		id        string
	}{
		{urnPrefix + "tiercost:components:Network::net", "tiercost:components:Network", "net", stack, true, ""},
		{web, "tiercost:components:Web", "web", stack, true, ""},
		// The live instance, not the pending delete (i-0a11f3e5d7c9b0a1d) with the same URN.
		{urnPrefix + "tiercost:components:Web$aws:ec2/instance:Instance::web-worker", "aws:ec2/instance:Instance", "web-worker", web, false, "i-0b22a4c6e8f0a1b2c"},
		{urnPrefix + "tiercost:components:Web$aws:autoscaling/group:Group::web-asg", "aws:autoscaling/group:Group", "web-asg", web, false, "web-asg-8c1d2e3"},
		{urnPrefix + "aws:rds/instance:Instance::db-replica", "aws:rds/instance:Instance", "db-replica", stack, false, "db-ZYXWVUTSRQPONMLKJIHGFEDCB2"},
		{urnPrefix + "aws:sqs/queue:Queue::jobs-queue", "aws:sqs/queue:Queue", "jobs-queue", stack, false, "https://sqs.us-east-1.amazonaws.com/123456789012/tiercost-prod-jobs"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, ok := m[tt.urn]
			if !ok {
				t.Fatalf("no record for %s", tt.urn)
			}
			if r.Type != tt.typ || r.Name != tt.name || r.Parent != tt.parent || r.Component != tt.component || r.ID != tt.id {
				t.Errorf("got type=%q name=%q parent=%q component=%v id=%q", r.Type, r.Name, r.Parent, r.Component, r.ID)
			}
		})
	}
	if _, ok := m[stack]; ok {
		t.Errorf("%s should be skipped", stack)
	}
	// The aws provider is kept: pricing reads its region.
	if p := m[urnPrefix+"pulumi:providers:aws::default_6_83_4"]; p.String("region") != "us-east-1" {
		t.Errorf("aws provider region = %q, want us-east-1", p.String("region"))
	}
}

func TestReadStackExportValues(t *testing.T) {
	src, err := ReadStackExport(exportPath)
	if err != nil {
		t.Fatal(err)
	}
	m := byURN(t, src)
	primary := m[urnPrefix+"aws:rds/instance:Instance::db-primary"]
	replica := m[urnPrefix+"aws:rds/instance:Instance::db-replica"]
	aurora := m[urnPrefix+"aws:rds/cluster:Cluster::db-aurora"]
	asg := m[urnPrefix+"tiercost:components:Web$aws:autoscaling/group:Group::web-asg"]
	lt := m[urnPrefix+"tiercost:components:Web$aws:ec2/launchTemplate:LaunchTemplate::web-lt"]
	worker := m[urnPrefix+"tiercost:components:Web$aws:ec2/instance:Instance::web-worker"]

	// Secrets: the plaintext ("\"s3cr3t-pa55word\"") is never read; the
	// value is the placeholder a preview writes.
	if got := primary.Inputs["password"]; got != SecretValue {
		t.Errorf("primary password input = %#v, want %s", got, SecretValue)
	}
	if got := primary.Outputs["password"]; got != SecretValue {
		t.Errorf("primary password output = %#v, want %s", got, SecretValue)
	}
	// Ciphertext only: the key stays, the value is the placeholder.
	if v, ok := aurora.Inputs["masterPassword"]; !ok || v != SecretValue {
		t.Errorf("aurora masterPassword = %#v (present %v), want %s", v, ok, SecretValue)
	}
	all, _ := json.Marshal(src.Records)
	if strings.Contains(string(all), "s3cr3t-pa55word") || strings.Contains(string(all), "4b1x0mKQm5gIuY8hJr2pZk3vEw") || strings.Contains(string(all), "4dabf18193072939515e22adb298388d") {
		t.Error("a secret envelope or ciphertext leaked into the records")
	}

	// The replica omits engine and storage in its inputs; Value falls back to outputs.
	if _, ok := replica.Inputs["engine"]; ok {
		t.Fatal("fixture changed: replica inputs should omit engine")
	}
	if got := replica.String("engine"); got != "postgres" {
		t.Errorf("replica engine = %q, want postgres from outputs", got)
	}
	if got, ok := replica.Number("allocatedStorage"); !ok || got != 500 {
		t.Errorf("replica allocatedStorage = %v %v, want 500", got, ok)
	}
	if got := replica.String("replicateSourceDb"); got != primary.String("identifier") {
		t.Errorf("replica source %q != primary identifier %q", got, primary.String("identifier"))
	}

	// The ASG references the launch template by its id output.
	if got := asg.Map("launchTemplate")["id"]; got != lt.Outputs["id"] || got != "lt-0c7e5d4a3b2f10987" {
		t.Errorf("asg launchTemplate.id = %#v, lt id output = %#v", got, lt.Outputs["id"])
	}
	root := worker.Map("rootBlockDevice")
	if root["iops"] != 4000.0 || root["volumeType"] != "gp3" {
		t.Errorf("worker rootBlockDevice = %#v", root)
	}
	if got := worker.String("instanceType"); got != "t3.medium" {
		t.Errorf("worker instanceType = %q, want t3.medium (the pending delete is t3.small)", got)
	}
}

func TestDecodeStackExportVariants(t *testing.T) {
	tests := []struct {
		name, doc  string
		records    int
		region     string
		wantInputs map[string]any
	}{
		{
			name:    "version 4 with features",
			doc:     `{"version":4,"features":["refreshBeforeUpdate"],"deployment":{"resources":[{"urn":"urn:pulumi:s::p::aws:s3/bucketV2:BucketV2::b","custom":true,"type":"aws:s3/bucketV2:BucketV2","inputs":{"bucket":"b"}}]}}`,
			records: 1, wantInputs: map[string]any{"bucket": "b"},
		},
		{
			name:    "region from provider outputs, explicit provider",
			doc:     `{"version":3,"deployment":{"resources":[{"urn":"urn:pulumi:s::p::pulumi:providers:aws::euw1","custom":true,"type":"pulumi:providers:aws","outputs":{"region":"eu-west-1"}}]}}`,
			records: 1, region: "eu-west-1",
		},
		{
			name:    "default provider wins over an explicit one",
			doc:     `{"version":3,"deployment":{"resources":[{"urn":"urn:pulumi:s::p::pulumi:providers:aws::a-explicit","custom":true,"type":"pulumi:providers:aws","inputs":{"region":"eu-west-1"}},{"urn":"urn:pulumi:s::p::pulumi:providers:aws::default_6_83_4","custom":true,"type":"pulumi:providers:aws","inputs":{"region":"us-west-2"}}]}}`,
			records: 2, region: "us-west-2",
		},
		{
			name:    "secret holding an object read as the placeholder, output value unwrapped",
			doc:     `{"version":3,"deployment":{"resources":[{"urn":"urn:pulumi:s::p::aws:x/y:Z::n","custom":true,"type":"aws:x/y:Z","inputs":{"cfg":{"4dabf18193072939515e22adb298388d":"1b47061264138c4ac30d75fd1eb44270","plaintext":"{\"size\":20}"},"ov":{"4dabf18193072939515e22adb298388d":"d0e6a833031e9bbcd3f4e8bde6ca49a4","value":"v"}}}]}}`,
			records: 1, wantInputs: map[string]any{"cfg": SecretValue, "ov": "v"},
		},
		{
			name:    "no resources",
			doc:     `{"version":3,"deployment":{"manifest":{"time":"2026-01-01T00:00:00Z","magic":"","version":""}}}`,
			records: 0,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src, err := DecodeStackExport("doc.json", strings.NewReader(tt.doc))
			if err != nil {
				t.Fatal(err)
			}
			if len(src.Records) != tt.records || src.Region != tt.region {
				t.Fatalf("records=%d region=%q, want %d %q", len(src.Records), src.Region, tt.records, tt.region)
			}
			if tt.wantInputs != nil {
				got, _ := json.Marshal(src.Records[0].Inputs)
				want, _ := json.Marshal(tt.wantInputs)
				if string(got) != string(want) {
					t.Errorf("inputs = %s, want %s", got, want)
				}
			}
		})
	}
}

func TestDecodeStackExportErrors(t *testing.T) {
	full, err := os.ReadFile(exportPath)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		doc  string
		want []string
	}{
		{"truncated", string(full[:len(full)/2]), []string{"export.json: line ", "unexpected end of JSON input", "allowed: the JSON object written by"}},
		{"empty", "", []string{"export.json: unexpected end of JSON input; allowed: the JSON object written by"}},
		{"not an object", `[1,2]`, []string{"export.json: (top level): got an array; allowed: a JSON object"}},
		{"missing deployment", `{"version":3}`, []string{"export.json: deployment: missing; allowed:"}},
		{"null deployment", `{"version":3,"deployment":null}`, []string{"export.json: deployment: missing"}},
		{"unknown version", `{"version":7,"deployment":{}}`, []string{"export.json: version: 7 is not supported; allowed: 3 or 4"}},
		{"missing version", `{"deployment":{}}`, []string{"export.json: version: missing; allowed: 3 or 4"}},
		{"version as string", `{"version":"3","deployment":{}}`, []string{"export.json: version: got a string; allowed: an integer"}},
		{"deployment not an object", `{"version":3,"deployment":5}`, []string{"export.json: deployment: got a number; allowed: a JSON object"}},
		{"resources is a number", `{"version":3,"deployment":{"resources":5}}`, []string{"export.json: deployment.resources: got a number; allowed: a JSON array"}},
		{"inputs is a string", `{"version":3,"deployment":{"resources":[{"urn":"urn:pulumi:s::p::a:b:C::x","type":"a:b:C"},{"urn":"urn:pulumi:s::p::a:b:C::y","type":"a:b:C","inputs":"x"}]}}`,
			[]string{"export.json: line 1, column 151: deployment.resources[1].inputs: got a string; allowed: a JSON object"}},
		{"custom is a string", `{"version":3,"deployment":{"resources":[{"urn":"urn:pulumi:s::p::a:b:C::x","type":"a:b:C","custom":"yes"}]}}`,
			[]string{"export.json: line 1, column 100: deployment.resources[0].custom: got a string; allowed: true or false"}},
		{"missing urn", `{"version":3,"deployment":{"resources":[{"type":"a:b:C"}]}}`, []string{"export.json: deployment.resources[0].urn: missing"}},
		{"bad secret plaintext", `{"version":3,"deployment":{"resources":[{"urn":"urn:pulumi:s::p::a:b:C::x","type":"a:b:C","inputs":{"pw":{"4dabf18193072939515e22adb298388d":"1b47061264138c4ac30d75fd1eb44270","plaintext":"not json"}}}]}}`,
			[]string{"export.json: deployment.resources[0].inputs.pw.plaintext: not valid JSON"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := DecodeStackExport("export.json", strings.NewReader(tt.doc))
			if err == nil {
				t.Fatal("want an error")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q\n  does not contain %q", err, w)
				}
			}
			if strings.Count(err.Error(), "export.json") != 1 {
				t.Errorf("error %q should name the file exactly once", err)
			}
		})
	}
}

func TestReadStackExportMissingFile(t *testing.T) {
	_, err := ReadStackExport(filepath.Join(t.TempDir(), "nope.json"))
	if err == nil || !strings.Contains(err.Error(), "nope.json") {
		t.Errorf("err = %v, want one naming nope.json", err)
	}
}

func FuzzDecodeStackExport(f *testing.F) {
	full, err := os.ReadFile(exportPath)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(full)
	f.Add(full[:len(full)/3])
	f.Add([]byte(`{"version":4,"deployment":{"resources":[{"urn":"urn:pulumi:s::p::a:b:C::x","type":"a:b:C","inputs":{"s":{"4dabf18193072939515e22adb298388d":"1b47061264138c4ac30d75fd1eb44270","plaintext":"[1,{\"a\":null}]"}}}]}}`))
	f.Add([]byte(`{"version":3,"deployment":{"resources":[{"urn":"x","delete":true},{"type":"pulumi:providers:aws","urn":"urn:pulumi:s::p::pulumi:providers:aws::default","inputs":{"region":5}}]}}`))
	f.Add([]byte(`{"version":3,"deployment":{"resources":5}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		src, err := named("fuzz.json", data, stackExport, exportShape)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "fuzz.json: ") {
				t.Errorf("error does not name the file: %v", err)
			}
			return
		}
		for i, r := range src.Records {
			if resource.IsProvider(r.Type) && r.Type != "pulumi:providers:aws" || resource.IsStack(r.Type) || r.URN == "" || r.Type == "" {
				t.Errorf("bad record kept: %+v", r)
			}
			if i > 0 && src.Records[i-1].URN > r.URN {
				t.Error("records not sorted")
			}
		}
	})
}

// A secret envelope in place of the whole inputs map must not panic.
func TestDecodeStackExportWrappedInputs(t *testing.T) {
	tests := []struct {
		name, inputs, want string
	}{
		{"output value string", `{"4dabf18193072939515e22adb298388d":"d0e6a833031e9bbcd3f4e8bde6ca49a4","value":"x"}`, "deployment.resources[0].inputs: got a wrapped string"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := `{"version":3,"deployment":{"resources":[{"urn":"urn:pulumi:s::p::a:b:C::x","type":"a:b:C","inputs":` + tt.inputs + `}]}}`
			_, err := DecodeStackExport("e.json", strings.NewReader(doc))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want %q", err, tt.want)
			}
		})
	}
	// A secret in place of the whole inputs map (an object or not) is read
	// as no inputs known, never unwrapped.
	for _, plaintext := range []string{`"{\"size\":8}"`, `"5"`} {
		doc := `{"version":3,"deployment":{"resources":[{"urn":"urn:pulumi:s::p::a:b:C::x","type":"a:b:C","inputs":{"4dabf18193072939515e22adb298388d":"1b47061264138c4ac30d75fd1eb44270","plaintext":` + plaintext + `}}]}}`
		src, err := DecodeStackExport("e.json", strings.NewReader(doc))
		if err != nil {
			t.Fatal(err)
		}
		if got := src.Records[0].Inputs; len(got) != 0 {
			t.Errorf("plaintext %s: inputs = %#v, want none", plaintext, got)
		}
	}
}

// A stack whose aws provider names no region (it came from AWS_REGION when
// it was deployed) is placed by its resources: ARNs first, then
// availability zones, then endpoints.
func TestRegionFromResources(t *testing.T) {
	const provider = `{"urn":"urn:pulumi:s::p::pulumi:providers:aws::default_6_66_2","custom":true,"type":"pulumi:providers:aws","inputs":{"version":"6.66.2"}}`
	res := func(name, outputs string) string {
		return `{"urn":"urn:pulumi:s::p::aws:ec2/instance:Instance::` + name + `","custom":true,"type":"aws:ec2/instance:Instance","outputs":` + outputs + `}`
	}
	for _, tc := range []struct {
		name, resources, region, from string
	}{
		{"ARNs outvote a stray zone", res("a", `{"arn":"arn:aws:ec2:us-west-2:123456789012:instance/i-1","availabilityZone":"eu-west-1a"}`) + "," +
			res("b", `{"arn":"arn:aws:ec2:us-west-2:123456789012:instance/i-2"}`), "us-west-2", RegionFromARNs},
		{"global ARNs name no region", res("a", `{"roleArn":"arn:aws:iam::123456789012:role/r","availabilityZone":"ap-southeast-1b"}`),
			"ap-southeast-1", RegionFromAZs},
		{"endpoints", res("a", `{"dnsName":"web-1.eu-central-1.elb.amazonaws.com"}`), "eu-central-1", RegionFromEndpoint},
		{"nothing", res("a", `{"instanceType":"t3.micro"}`), "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc := `{"version":3,"deployment":{"resources":[` + provider + "," + tc.resources + `]}}`
			src, err := DecodeStackExport("s.json", strings.NewReader(doc))
			if err != nil {
				t.Fatal(err)
			}
			if src.Region != tc.region || src.RegionFrom != tc.from {
				t.Errorf("region %q from %q, want %q from %q", src.Region, src.RegionFrom, tc.region, tc.from)
			}
		})
	}
}

func TestExternalResource(t *testing.T) {
	doc := `{"version":3,"deployment":{"resources":[{"urn":"urn:pulumi:s::p::aws:rds/instance:Instance::shared","custom":true,"external":true,"type":"aws:rds/instance:Instance","id":"shared-db"}]}}`
	src, err := DecodeStackExport("s.json", strings.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	if len(src.Records) != 1 || !src.Records[0].External {
		t.Errorf("records %+v", src.Records)
	}
}
