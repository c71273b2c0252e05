//go:build e2e

package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"github.com/tiercost/tiercost/costmodel/iac"
	"github.com/tiercost/tiercost/costmodel/resource"
)

// TestE2E deploys every environment with the real Pulumi engine (the pinned
// CLI, a local file backend and the test-only stand-in AWS provider from
// testdata/e2e) through `tiercost up`, exports each stack with `pulumi stack
// export`, and checks that what was deployed is what was priced. Run it
// with .ci/e2e.sh, which builds the binaries and sets PATH.
func TestE2E(t *testing.T) {
	bin := os.Getenv("E2E_TIERCOST_BIN")
	if bin == "" {
		t.Fatal("E2E_TIERCOST_BIN is not set: run .ci/e2e.sh")
	}
	for _, tool := range []string{"pulumi", "pulumi-resource-aws"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s is not on PATH: run .ci/e2e.sh", tool)
		}
	}
	tmp := t.TempDir()
	work := filepath.Join(tmp, "work")
	must(t, os.MkdirAll(work, 0o755))
	env := append(os.Environ(),
		"PULUMI_BACKEND_URL=file://"+filepath.Join(tmp, "state"),
		"PULUMI_HOME="+filepath.Join(tmp, "home"),
		"PULUMI_CONFIG_PASSPHRASE=e2e-only",
		"PULUMI_SKIP_UPDATE_CHECK=true",
		// The stand-in provider never calls AWS; these only satisfy the
		// deploy handoff's credentials check.
		"AWS_ACCESS_KEY_ID=stand-in", "AWS_SECRET_ACCESS_KEY=stand-in",
	)
	must(t, os.MkdirAll(filepath.Join(tmp, "state"), 0o755))
	run := func(dir string, extra []string, name string, args ...string) []byte {
		t.Helper()
		cmd := exec.Command(name, args...)
		cmd.Dir, cmd.Env = dir, append(append([]string(nil), env...), extra...)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, stderr.String())
		}
		return out
	}
	write := func(name string, data []byte) string {
		p := filepath.Join(tmp, name)
		must(t, os.WriteFile(p, data, 0o644))
		return p
	}

	// prod (100k) is estimated on the placeholder domain and refuses to
	// deploy until its file names a domain: first the refusal, then prod's
	// file with a domain in a zone the stack creates, which dev, staging
	// and prod below read from the working folder.
	refuse := exec.Command(bin, "up", "--env", "prod", "--yes", "--allow-over-budget")
	refuse.Dir, refuse.Env = t.TempDir(), env
	if out, err := refuse.CombinedOutput(); err == nil ||
		!strings.Contains(string(out), "cannot deploy prod yet: domain.name is the placeholder") || !strings.Contains(string(out), "overrides.domain.name") {
		t.Fatalf("up --env prod with the placeholder domain: %v\n%s", err, out)
	}
	prod, err := os.ReadFile(filepath.Join("..", "..", "environments", "prod.yaml"))
	must(t, err)
	withDomain := strings.Replace(string(prod), "overrides:\n", "overrides:\n  domain:\n    name: shop.example.com\n    zone: example.com\n", 1)
	if withDomain == string(prod) {
		t.Fatal("environments/prod.yaml has no 'overrides:' line to extend")
	}
	must(t, os.MkdirAll(filepath.Join(work, "environments"), 0o755))
	must(t, os.WriteFile(filepath.Join(work, "environments", "prod.yaml"), []byte(withDomain), 0o644))

	for _, e := range []string{"dev", "staging", "prod"} {
		t.Run(e, func(t *testing.T) {
			run(work, nil, bin, "up", "--env", e, "--yes", "--allow-over-budget")
			exportPath := write(e+"-export.json", run(work, nil, "pulumi", "stack", "export", "--stack", "organization/tiercost/"+e))
			usagePath := write(e+"-usage.yml", run(work, nil, bin, "usage", "--env", e))

			// 1. The deployed resource set equals the mocked run's.
			var mocked struct{ Resources []resource.Record }
			must(t, json.Unmarshal(run(work, nil, bin, "resources", "--env", e, "--format", "json"), &mocked))
			deployed, err := iac.ReadStackExport(exportPath)
			must(t, err)
			want, got := keyed(mocked.Resources), keyed(deployed.Records)
			if len(want) == 0 || len(want) != len(got) {
				t.Fatalf("mocked run has %d resources, the deployed stack %d", len(want), len(got))
			}
			for urn, w := range want {
				g, ok := got[urn]
				if !ok {
					t.Errorf("%s: priced but not deployed", urn)
					continue
				}
				if g != w {
					t.Errorf("%s: key inputs differ:\n mocked   %s\n deployed %s", urn, w, g)
				}
			}
			t.Logf("%s: %d resources compared (type, name, URN, key inputs)", e, len(want))

			// 2. The exported stack prices to exactly the mocked estimate.
			est := totals(t, run(work, nil, bin, "breakdown", "--env", e, "--format", "json"))
			exp := totals(t, run(work, nil, bin, "breakdown", "--stack-export", exportPath, "--usage", usagePath, "--format", "json"))
			if !est.total.Equal(exp.total) {
				t.Errorf("estimate %s, exported stack %s", est.total, exp.total)
			}
			for name, c := range est.byResource {
				if !exp.byResource[name].Equal(c) {
					t.Errorf("%s: estimate %s, exported stack %s", name, c, exp.byResource[name])
				}
			}
			t.Logf("%s: estimate = exported stack = %s a month", e, est.total)

			// 3. The deployed stack passes the FSBP audit as the estimate does.
			run(work, nil, bin, "audit", "--stack-export", exportPath)
			run(work, nil, bin, "audit", "--env", e)
			t.Logf("%s: audit of the exported stack passes", e)
		})
	}

	// 3. A preview of an environment change prices to the delta diff predicts.
	t.Run("preview of a change", func(t *testing.T) {
		changed := filepath.Join(tmp, "changed")
		must(t, os.MkdirAll(filepath.Join(changed, "environments"), 0o755))
		staging, err := os.ReadFile(filepath.Join("..", "..", "environments", "staging.yaml"))
		must(t, err)
		// One more app instance of a larger type and a read replica.
		override := strings.Replace(string(staging), "overrides: {}", "overrides:\n  compute:\n    instance_type: m7g.large\n  database:\n    read_replicas: 1", 1)
		if override == string(staging) {
			t.Fatal("environments/staging.yaml has no 'overrides: {}' line to replace")
		}
		must(t, os.WriteFile(filepath.Join(changed, "environments", "staging.yaml"), []byte(override), 0o644))
		usagePath := filepath.Join(tmp, "staging-usage.yml")
		previewPath := filepath.Join(tmp, "staging-preview.json")
		run(changed, nil, bin, "preview", "--env", "staging", "--output", previewPath)
		before := totals(t, run(changed, nil, bin, "breakdown", "--stack-export", filepath.Join(tmp, "staging-export.json"), "--usage", usagePath, "--format", "json"))
		after := totals(t, run(changed, nil, bin, "breakdown", "--preview-json", previewPath, "--usage", usagePath, "--format", "json"))
		estimate := totals(t, run(changed, nil, bin, "breakdown", "--env", "staging", "--format", "json"))
		if !after.total.Equal(estimate.total) {
			t.Errorf("preview prices to %s, the estimate of the changed environment is %s", after.total, estimate.total)
		}
		var d struct {
			TotalMonthlyDelta decimal.Decimal `json:"diffTotalMonthlyCost"`
		}
		diffOut := run(changed, nil, bin, "diff", "export:"+filepath.Join(tmp, "staging-export.json"), "env:staging", "--usage", usagePath, "--format", "json")
		must(t, json.Unmarshal(diffOut, &d))
		if delta := after.total.Sub(before.total); !delta.Equal(d.TotalMonthlyDelta) || delta.IsZero() {
			t.Errorf("preview delta %s, tiercost diff predicts %s\n%s", delta, d.TotalMonthlyDelta, diffOut)
		}
		t.Logf("staging change: %s -> %s a month (delta %s, as diff predicts)", before.total, after.total, after.total.Sub(before.total))
	})
}

// keyed maps each priced-kind resource's URN to its type, name and key inputs.
func keyed(recs []resource.Record) map[string]string {
	keys := []string{"instanceType", "instanceClass", "nodeType", "minSize", "maxSize", "desiredCapacity", "multiAz",
		"allocatedStorage", "storageType", "iops", "numNodeGroups", "replicasPerNodeGroup", "numCacheClusters", "priceClass",
		"loadBalancerType", "internal", "engine", "replicateSourceDb", "retentionInDays", "connectivityType", "storageEncrypted",
		"publiclyAccessible", "region"}
	out := map[string]string{}
	for _, r := range recs {
		if resource.IsStack(r.Type) || resource.IsProvider(r.Type) {
			continue // the export reader keeps the provider's region, not the record
		}
		var parts []string
		for _, k := range keys {
			if v, ok := r.Inputs[k]; ok && v != nil {
				b, _ := json.Marshal(v)
				parts = append(parts, k+"="+string(b))
			}
		}
		sort.Strings(parts)
		out[r.URN] = r.Type + " " + r.Name + " {" + strings.Join(parts, " ") + "}"
	}
	return out
}

type priced struct {
	total      decimal.Decimal
	byResource map[string]decimal.Decimal
}

// totals reads a breakdown in Infracost's JSON schema.
func totals(t *testing.T, data []byte) priced {
	t.Helper()
	var doc struct {
		TotalMonthlyCost decimal.Decimal `json:"totalMonthlyCost"`
		Projects         []struct {
			Breakdown struct {
				Resources []struct {
					Name        string           `json:"name"`
					MonthlyCost *decimal.Decimal `json:"monthlyCost"`
				} `json:"resources"`
			} `json:"breakdown"`
		} `json:"projects"`
	}
	must(t, json.Unmarshal(data, &doc))
	p := priced{total: doc.TotalMonthlyCost, byResource: map[string]decimal.Decimal{}}
	for _, pr := range doc.Projects {
		for _, r := range pr.Breakdown.Resources {
			if r.MonthlyCost != nil {
				p.byResource[r.Name] = *r.MonthlyCost
			}
		}
	}
	return p
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
