package main

import (
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

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

// BenchmarkWholeProcess runs the built tiercost binary, as a user does,
// for `breakdown --env prod` and `tiers`: process start (package inits),
// the work and the output. It reports the wall time's p50 and p95 and
// the child's CPU (user + system) per run; the goals are 60 ms and 150 ms.
func BenchmarkWholeProcess(b *testing.B) {
	bin := filepath.Join(b.TempDir(), "tiercost")
	build := exec.Command("go", "build", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		b.Fatalf("go build: %v\n%s", err, out)
	}
	// In the repository (its environments/ and Pulumi stack files), as a
	// user of the template runs it.
	dir, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		b.Fatal(err)
	}
	for _, args := range [][]string{{"breakdown", "--env", "prod"}, {"tiers"}} {
		b.Run(strings.Join(args, "_"), func(b *testing.B) {
			var durs []time.Duration
			var cpu time.Duration
			for b.Loop() {
				cmd := exec.Command(bin, append(args, "--quiet")...)
				cmd.Dir = dir
				cmd.Stdout, cmd.Stderr = io.Discard, io.Discard
				start := time.Now()
				if err := cmd.Run(); err != nil {
					b.Fatalf("%v: %v", args, err)
				}
				durs = append(durs, time.Since(start))
				cpu += cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
			}
			slices.Sort(durs)
			ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
			b.ReportMetric(ms(durs[len(durs)/2]), "p50-ms")
			b.ReportMetric(ms(durs[(len(durs)*95+99)/100-1]), "p95-ms")
			b.ReportMetric(ms(cpu)/float64(len(durs)), "cpu-ms/op")
		})
	}
}
