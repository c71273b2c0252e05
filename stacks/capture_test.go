package stacks

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	sdkresource "github.com/pulumi/pulumi/sdk/v3/go/common/resource"

	"github.com/tiercost/tiercost/components/spec"
	"github.com/tiercost/tiercost/costmodel/golden"
	"github.com/tiercost/tiercost/costmodel/resource"
)

// TestCaptureTiers checks the full program path (config -> capacity model
// -> spec -> components): the captured records realise the resolved spec.
// The per-resource arithmetic for fixed specs is in
// components.TestPlatformTiers; here the counts follow from the sizes the
// capacity model chose (RDS instances = shards x (1 + replicas), one NAT
// per AZ from 100k), so they hold whatever sizes it picks.
func TestCaptureTiers(t *testing.T) {
	tests := []struct {
		tier     string
		natPerAZ bool
	}{{"1k", false}, {"10k", false}, {"100k", true}, {"1m", true}}
	for _, tt := range tests {
		t.Run(tt.tier, func(t *testing.T) {
			recs, err := Capture(CaptureOptions{Tier: tt.tier})
			if err != nil {
				t.Fatal(err)
			}
			res, err := ResolveTier(tt.tier)
			if err != nil {
				t.Fatal(err)
			}
			db := res.Spec.Database
			wantDBs := max(1, db.Shards) * (1 + db.ReadReplicas)
			wantNATs := 1
			if tt.natPerAZ {
				wantNATs = res.Spec.Network.AZCount
			}
			n := map[string]int{}
			urns := map[string]bool{}
			for _, r := range recs {
				n[r.Type]++
				urns[r.URN] = true
			}
			if n["aws:rds/instance:Instance"] != wantDBs || n["aws:ec2/natGateway:NatGateway"] != wantNATs || n["pulumi:providers:aws"] != 1 {
				t.Errorf("%d RDS instances (want %d), %d NAT gateways (want %d), counts %v",
					n["aws:rds/instance:Instance"], wantDBs, n["aws:ec2/natGateway:NatGateway"], wantNATs, n)
			}
			for _, r := range recs {
				if r.Type == "aws:ec2/launchTemplate:LaunchTemplate" && r.String("instanceType") != res.Spec.Compute.InstanceType {
					t.Errorf("launch template %s, resolved spec %s", r.String("instanceType"), res.Spec.Compute.InstanceType)
				}
			}
			stackURN := "urn:pulumi:" + tt.tier + "::tiercost::pulumi:pulumi:Stack::tiercost-" + tt.tier
			for i, r := range recs {
				if r.Type == "pulumi:pulumi:Stack" {
					t.Errorf("root stack recorded")
				}
				if r.Parent != stackURN && !urns[r.Parent] {
					t.Errorf("%s: parent %q is not a recorded resource", r.URN, r.Parent)
				}
				if resource.TypeFromURN(r.URN) != r.Type || resource.NameFromURN(r.URN) != r.Name {
					t.Errorf("URN %s does not match type %s name %s", r.URN, r.Type, r.Name)
				}
				if i > 0 && recs[i-1].URN >= r.URN {
					t.Errorf("records not sorted at %s", r.URN)
				}
				if r.Component == (r.ID != "") {
					t.Errorf("%s: component=%v id=%q", r.URN, r.Component, r.ID)
				}
			}
		})
	}
}

func TestCaptureRegionFromEnvironment(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "environments"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "environments", "dev.yaml"), []byte("name: dev\ntier: 1k\nregion: eu-west-1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	recs, err := Capture(CaptureOptions{Environment: "dev", WorkDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range recs {
		switch r.Type {
		case "pulumi:providers:aws":
			if r.String("region") != "eu-west-1" {
				t.Errorf("provider region %q", r.String("region"))
			}
		case "aws:ec2/subnet:Subnet":
			if !strings.HasPrefix(r.String("availabilityZone"), "eu-west-1") {
				t.Errorf("%s in %q", r.Name, r.String("availabilityZone"))
			}
		}
	}
}

func TestCaptureWhatIfSpec(t *testing.T) {
	s, _ := spec.DefaultSpec("1k")
	s.Compute.InstanceType, s.Compute.Architecture = "c6i.large", "x86_64"
	recs, err := Capture(CaptureOptions{Spec: &s})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range recs {
		if r.Type == "aws:ec2/launchTemplate:LaunchTemplate" && r.String("instanceType") != "c6i.large" {
			t.Errorf("instance type %q", r.String("instanceType"))
		}
		if !strings.HasPrefix(r.URN, "urn:pulumi:whatif::") {
			t.Errorf("URN %s not in stack whatif", r.URN)
		}
	}
	if _, err := Capture(CaptureOptions{}); err == nil {
		t.Error("empty options accepted")
	}
}

func TestCaptureEnvironmentErrors(t *testing.T) {
	_, err := Capture(CaptureOptions{Environment: "qa"})
	if err == nil || !strings.Contains(err.Error(), "dev, staging, prod") {
		t.Errorf("err = %v", err)
	}
}

// TestCaptureDeterministicAndGolden: two runs give byte-identical JSON, and
// the JSON matches testdata/<name>.resources.json.
func TestCaptureDeterministicAndGolden(t *testing.T) {
	tests := []struct {
		golden string
		opts   CaptureOptions
	}{
		{"dev", CaptureOptions{Environment: "dev"}},
		{"staging", CaptureOptions{Environment: "staging"}},
		{"prod", CaptureOptions{Environment: "prod"}},
		{"tier-1m", CaptureOptions{Tier: "1m"}},
	}
	for _, tt := range tests {
		t.Run(tt.golden, func(t *testing.T) {
			var outs [][]byte
			for i := 0; i < 2; i++ {
				recs, err := Capture(tt.opts)
				if err != nil {
					t.Fatal(err)
				}
				b, err := ResourcesJSON(recs)
				if err != nil {
					t.Fatal(err)
				}
				outs = append(outs, b)
			}
			if !bytes.Equal(outs[0], outs[1]) {
				t.Fatal("two captures differ")
			}
			golden.Assert(t, filepath.Join("testdata", tt.golden+".resources.json"), outs[0])
		})
	}
}

func TestPlain(t *testing.T) {
	obj := sdkresource.NewPropertyMapFromMap(map[string]any{"a": 1, "b": []any{"x", true}})
	tests := []struct {
		name string
		in   sdkresource.PropertyValue
		want string // as JSON
	}{
		{"secret string", sdkresource.MakeSecret(sdkresource.NewStringProperty("s3cr3t")), `"s3cr3t"`},
		{"nested secret", sdkresource.NewObjectProperty(sdkresource.PropertyMap{"k": sdkresource.MakeSecret(sdkresource.NewNumberProperty(5))}), `{"k":5}`},
		{"computed", sdkresource.MakeComputed(sdkresource.NewStringProperty("")), `null`},
		{"unknown output", sdkresource.NewOutputProperty(sdkresource.Output{Known: false}), `null`},
		{"known secret output", sdkresource.NewOutputProperty(sdkresource.Output{Element: sdkresource.NewStringProperty("v"), Known: true, Secret: true}), `"v"`},
		{"object", sdkresource.NewObjectProperty(obj), `{"a":1,"b":["x",true]}`},
		{"null", sdkresource.NewNullProperty(), `null`},
	}
	for _, tt := range tests {
		got, err := jsonOf(Plain(tt.in))
		if err != nil || got != tt.want {
			t.Errorf("%s: Plain = %s (%v), want %s", tt.name, got, err, tt.want)
		}
	}
}

func jsonOf(v any) (string, error) {
	b, err := json.Marshal(v)
	return string(b), err
}

func TestResourcesJSONEmpty(t *testing.T) {
	b, err := ResourcesJSON(nil)
	if err != nil || string(b) != "{\n  \"resources\": []\n}\n" {
		t.Errorf("ResourcesJSON(nil) = %q, %v", b, err)
	}
}

func BenchmarkCapture(b *testing.B) {
	for _, tier := range spec.Tiers {
		b.Run(tier, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if _, err := Capture(CaptureOptions{Tier: tier}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
