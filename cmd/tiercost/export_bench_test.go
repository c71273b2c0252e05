package main

import (
	"encoding/json"
	"io"
	"os"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/apitype"

	"github.com/tiercost/tiercost/cmd/tiercost/internal/latency"
	"github.com/tiercost/tiercost/costmodel/iac/iactest"
)

// BenchmarkStackExport10k compares, in one run, reading and pricing a
// 10,000-resource stack export the way `tiercost breakdown --stack-export
// F --format json` does (the command itself, its output discarded) with
// the floor: only reading the file and decoding it with encoding/json into
// the Pulumi SDK's apitype types. Compare their cpu-ms/op: the goal is at
// most twice the floor.
func BenchmarkStackExport10k(b *testing.B) {
	path := iactest.SyntheticExport(b, 10_000)
	b.Run("decode-floor", func(b *testing.B) {
		lat := latency.New(b.N)
		b.ReportAllocs()
		for b.Loop() {
			lat.Start()
			data, err := os.ReadFile(path)
			if err != nil {
				b.Fatal(err)
			}
			var untyped apitype.UntypedDeployment
			if err := json.Unmarshal(data, &untyped); err != nil {
				b.Fatal(err)
			}
			var dep apitype.DeploymentV3
			if err := json.Unmarshal(untyped.Deployment, &dep); err != nil {
				b.Fatal(err)
			}
			if len(dep.Resources) != 10_000 {
				b.Fatalf("%d resources decoded", len(dep.Resources))
			}
			lat.Stop()
		}
		lat.Report(b)
	})
	b.Run("breakdown-json", func(b *testing.B) {
		lat := latency.New(b.N)
		b.ReportAllocs()
		for b.Loop() {
			lat.Start()
			if code := run([]string{"breakdown", "--stack-export", path, "--format", "json", "--quiet"}, nil, io.Discard, io.Discard); code != 0 {
				b.Fatalf("exit %d", code)
			}
			lat.Stop()
		}
		lat.Report(b)
	})
}
