package iac

import (
	"os"
	"strings"
	"testing"

	"github.com/tiercost/tiercost/costmodel/resource"
)

func TestReadPreview(t *testing.T) {
	src, err := ReadPreview(previewPath)
	if err != nil {
		t.Fatal(err)
	}
	// preview.json has 37 steps: Stack + provider + 28 others "same", one
	// update, a replace (create-replacement, replace, delete-replaced), one
	// create, one read and one delete. Kept once per URN, minus the Stack:
	// the aws provider + 28 + 1 + 1 + 1 = 32 records, as in the export.
	if got := len(src.Records); got != 32 {
		t.Errorf("records = %d, want 32", got)
	}
	if src.Region != "us-east-1" || src.Stack != "prod" || src.Project != "tiercost" {
		t.Errorf("region/stack/project = %q/%q/%q", src.Region, src.Stack, src.Project)
	}
	m := byURN(t, src) // also fails on any URN seen twice
	worker := m[urnPrefix+"tiercost:components:Web$aws:ec2/instance:Instance::web-worker"]
	if got := worker.String("instanceType"); got != "t3.medium" {
		t.Errorf("replaced worker instanceType = %q, want the new state's t3.medium", got)
	}
	asg := m[urnPrefix+"tiercost:components:Web$aws:autoscaling/group:Group::web-asg"]
	if got, _ := asg.Number("desiredCapacity"); got != 3 {
		t.Errorf("updated asg desiredCapacity = %v, want the new state's 3", got)
	}
	queue, ok := m[urnPrefix+"aws:sqs/queue:Queue::jobs-queue"]
	if !ok {
		t.Fatal("created queue missing")
	}
	if v, present := queue.Inputs["policy"]; !present || v != nil {
		t.Errorf("unknown policy = %#v (present %v), want nil", v, present)
	}
	for _, gone := range []string{
		urnPrefix + "tiercost:components:Web$aws:ec2/instance:Instance::old-bastion", // delete
		urnPrefix + "aws:ec2/vpc:Vpc::default-vpc",                                   // read
		urnPrefix + "pulumi:pulumi:Stack::tiercost-prod",
	} {
		if _, ok := m[gone]; ok {
			t.Errorf("%s should be skipped", gone)
		}
	}
	for _, r := range src.Records {
		if resource.IsProvider(r.Type) && r.Type != "pulumi:providers:aws" {
			t.Errorf("provider kept: %s", r.URN)
		}
	}
}

// The export and the preview describe the same resources, so their URN sets match.
func TestPreviewMatchesExport(t *testing.T) {
	exp, err := ReadStackExport(exportPath)
	if err != nil {
		t.Fatal(err)
	}
	pre, err := ReadPreview(previewPath)
	if err != nil {
		t.Fatal(err)
	}
	if len(exp.Records) != len(pre.Records) {
		t.Fatalf("export %d records, preview %d", len(exp.Records), len(pre.Records))
	}
	for i := range exp.Records {
		if exp.Records[i].URN != pre.Records[i].URN || exp.Records[i].Component != pre.Records[i].Component {
			t.Errorf("record %d: export %s, preview %s", i, exp.Records[i].URN, pre.Records[i].URN)
		}
	}
}

func TestDecodePreviewVariants(t *testing.T) {
	const bucket = `"newState":{"urn":"urn:pulumi:s::p::aws:s3/bucketV2:BucketV2::b","custom":true,"type":"aws:s3/bucketV2:BucketV2","inputs":{"bucket":"b"}}`
	tests := []struct {
		name    string
		doc     string
		records int
		region  string
	}{
		{"region from the provider step when config has none",
			`{"steps":[{"op":"create","urn":"urn:pulumi:s::p::pulumi:providers:aws::default_6_83_4","newState":{"urn":"urn:pulumi:s::p::pulumi:providers:aws::default_6_83_4","custom":true,"type":"pulumi:providers:aws","inputs":{"region":"eu-west-1"}}}]}`,
			1, "eu-west-1"},
		{"the provider's region wins over the config",
			`{"config":{"aws:region":"us-west-2"},"steps":[{"op":"same","newState":{"urn":"urn:pulumi:s::p::pulumi:providers:aws::default","custom":true,"type":"pulumi:providers:aws","inputs":{"region":"eu-west-1"}}}]}`,
			1, "eu-west-1"},
		{"config region when the provider names none",
			`{"config":{"aws:region":"us-west-2"},"steps":[{"op":"same","newState":{"urn":"urn:pulumi:s::p::pulumi:providers:aws::default","custom":true,"type":"pulumi:providers:aws","inputs":{"version":"6.66.2"}}}]}`,
			1, "us-west-2"},
		{"structured config values are ignored",
			`{"config":{"aws:defaultTags":{"tags":{"a":"b"}},"aws:region":"us-east-1"},"steps":[]}`, 0, "us-east-1"},
		{"replace priced once", `{"steps":[{"op":"create-replacement",` + bucket + `},{"op":"replace",` + bucket + `},{"op":"delete-replaced","urn":"urn:pulumi:s::p::aws:s3/bucketV2:BucketV2::b"}]}`, 1, ""},
		{"step urn fills a missing newState urn", `{"steps":[{"op":"create","urn":"urn:pulumi:s::p::aws:s3/bucketV2:BucketV2::b","newState":{"custom":true,"type":"aws:s3/bucketV2:BucketV2"}}]}`, 1, ""},
		{"delete with a new state is still skipped", `{"steps":[{"op":"delete",` + bucket + `}]}`, 0, ""},
		{"discard and read skipped", `{"steps":[{"op":"discard",` + bucket + `},{"op":"read",` + bucket + `}]}`, 0, ""},
		{"create without newState is read from its type, and noted", `{"steps":[{"op":"create","urn":"urn:pulumi:s::p::aws:s3/bucketV2:BucketV2::b"}]}`, 1, ""},
		{"import priced", `{"steps":[{"op":"import",` + bucket + `}]}`, 1, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src, err := DecodePreview("p.json", strings.NewReader(tt.doc))
			if err != nil {
				t.Fatal(err)
			}
			if len(src.Records) != tt.records || src.Region != tt.region {
				t.Errorf("records=%d region=%q, want %d %q", len(src.Records), src.Region, tt.records, tt.region)
			}
		})
	}
}

func TestDecodePreviewErrors(t *testing.T) {
	full, err := os.ReadFile(previewPath)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		doc  string
		want string
	}{
		{"truncated", string(full[:len(full)-10]), "preview.json: line "},
		{"truncated says why", string(full[:len(full)-10]), "unexpected end of JSON input; allowed: the JSON object written by \"pulumi preview --json\""},
		{"not an object", `"steps"`, "preview.json: (top level): got a string; allowed: a JSON object"},
		{"steps missing", `{"config":{}}`, "preview.json: steps: missing; allowed:"},
		{"a stack export", `{"version":3,"deployment":{}}`, "preview.json: steps: missing (this looks like a stack export"},
		{"steps is a number", `{"steps":5}`, "preview.json: steps: got a number; allowed: a JSON array"},
		{"inputs is a string", `{"steps":[{"op":"same","newState":{"urn":"u","type":"t"}},{"op":"same","newState":{"urn":"u","type":"t","inputs":"x"}}]}`,
			"preview.json: line 1, column 114: steps[1].newState.inputs: got a string; allowed: a JSON object"},
		{"op is a number", `{"steps":[{"op":1}]}`, "preview.json: line 1, column 17: steps[0].op: got a number; allowed: a string"},
		{"unknown op", `{"steps":[{"op":"explode"}]}`, `preview.json: steps[0].op: "explode" is not a step op; allowed: create, create-replacement,`},
		{"region not a string", `{"config":{"aws:region":5},"steps":[]}`, "preview.json: config.aws:region: got a number; allowed: a string"},
		{"newState missing urn", `{"steps":[{"op":"create","newState":{"type":"a:b:C"}}]}`, "preview.json: steps[0].newState.urn: missing"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := DecodePreview("preview.json", strings.NewReader(tt.doc))
			if err == nil {
				t.Fatal("want an error")
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q\n  does not contain %q", err, tt.want)
			}
		})
	}
}

func FuzzDecodePreview(f *testing.F) {
	full, err := os.ReadFile(previewPath)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(full)
	f.Add(full[:len(full)/2])
	f.Add([]byte(`{"config":{"aws:region":"x"},"steps":[{"op":"replace","urn":"u","newState":{"type":"a:b:C","inputs":{"a":"04da6b54-80e4-46f7-96ec-b56ff0331ba9"}}},{"op":"create-replacement","urn":"u","newState":{"type":"a:b:C"}}]}`))
	f.Add([]byte(`{"steps":[{"op":"same","newState":{"urn":"urn:pulumi:s::p::pulumi:providers:aws::default","type":"pulumi:providers:aws","outputs":{"region":"eu-west-1"}}}]}`))
	f.Add([]byte(`{"steps":5}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		src, err := named("fuzz.json", data, preview, previewShape)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "fuzz.json: ") {
				t.Errorf("error does not name the file: %v", err)
			}
			return
		}
		seen := map[string]bool{}
		for _, r := range src.Records {
			if seen[r.URN] {
				t.Errorf("URN %s priced twice", r.URN)
			}
			seen[r.URN] = true
			if resource.IsProvider(r.Type) && r.Type != "pulumi:providers:aws" || resource.IsStack(r.Type) {
				t.Errorf("kept %s", r.URN)
			}
		}
	})
}

// TestPreviewUpdateKeepsOldID: an update's new state may carry no ID; the
// record takes the old state's, so references by ID still resolve.
func TestPreviewUpdateKeepsOldID(t *testing.T) {
	const doc = `{"steps":[
 {"op":"update","urn":"urn:pulumi:s::p::aws:ec2/launchTemplate:LaunchTemplate::lt",
  "oldState":{"urn":"urn:pulumi:s::p::aws:ec2/launchTemplate:LaunchTemplate::lt","custom":true,"id":"lt-123","type":"aws:ec2/launchTemplate:LaunchTemplate","inputs":{"instanceType":"t3.small"}},
  "newState":{"urn":"urn:pulumi:s::p::aws:ec2/launchTemplate:LaunchTemplate::lt","custom":true,"type":"aws:ec2/launchTemplate:LaunchTemplate","inputs":{"instanceType":"m7g.large"}}},
 {"op":"create","urn":"urn:pulumi:s::p::aws:ec2/instance:Instance::new",
  "newState":{"urn":"urn:pulumi:s::p::aws:ec2/instance:Instance::new","custom":true,"type":"aws:ec2/instance:Instance","inputs":{"instanceType":"t3.micro"}}}]}`
	src, err := DecodePreview("p.json", strings.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]string{}
	for _, r := range src.Records {
		ids[r.Name] = r.ID
	}
	if ids["lt"] != "lt-123" || ids["new"] != "" {
		t.Errorf("ids = %v, want lt-123 for the update and none for the create", ids)
	}
}

// A step that carries its type and inputs but no newState is read from
// them; one that keeps its resource and has only an oldState is read from
// that; one with neither is read from its URN's type and noted. None is
// dropped, so none prices as a silent $0.
func TestPreviewStepsWithoutNewState(t *testing.T) {
	doc := `{"steps":[
 {"op":"create","urn":"urn:pulumi:s::p::aws:ec2/instance:Instance::web","type":"aws:ec2/instance:Instance","inputs":{"instanceType":"t3.medium"}},
 {"op":"same","urn":"urn:pulumi:s::p::aws:ec2/natGateway:NatGateway::nat","oldState":{"urn":"urn:pulumi:s::p::aws:ec2/natGateway:NatGateway::nat","custom":true,"type":"aws:ec2/natGateway:NatGateway","id":"nat-1","inputs":{"subnetId":"subnet-1"}}},
 {"op":"create","urn":"urn:pulumi:s::p::aws:rds/instance:Instance::db"},
 {"op":"create","urn":"urn:pulumi:s::p::tiercost:components:Compute::app"}
]}`
	src, err := DecodePreview("p.json", strings.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]resource.Record{}
	for _, r := range src.Records {
		got[r.Name] = r
	}
	if web := got["web"]; web.Type != "aws:ec2/instance:Instance" || web.String("instanceType") != "t3.medium" || web.Component {
		t.Errorf("web = %+v", web)
	}
	if nat := got["nat"]; nat.ID != "nat-1" || nat.String("subnetId") != "subnet-1" {
		t.Errorf("nat = %+v", nat)
	}
	if db := got["db"]; db.Type != "aws:rds/instance:Instance" || db.Component {
		t.Errorf("db = %+v", db)
	}
	if app := got["app"]; !app.Component {
		t.Errorf("app = %+v, want a component", app)
	}
	notes := strings.Join(src.Notes, "\n")
	if !strings.Contains(notes, "steps[1] (same nat): no newState; read from its oldState") ||
		!strings.Contains(notes, "steps[2] (create aws:rds/instance:Instance db): no newState and no inputs") || len(src.Notes) != 2 {
		t.Errorf("notes:\n%s", notes)
	}
}
