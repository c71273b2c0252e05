package main

import (
	"bytes"
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
)

// errFull is what writing to a full device (> /dev/full) returns.
var errFull = errors.New("write /dev/stdout: no space left on device")

type fullWriter struct{}

func (fullWriter) Write([]byte) (int, error) { return 0, errFull }

// TestStdoutWriteErrorFails: a command whose output cannot be written
// says so and exits 2, whatever it would have exited with; up deploys
// nothing it could not print.
func TestStdoutWriteErrorFails(t *testing.T) {
	offer, err := filepath.Abs(filepath.Join("testdata", "offer-ec2.json"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		args []string
		// okCode is the exit code with a working stdout, so the
		// arguments are known to reach the output.
		okCode int
		stderr string
	}{
		// dev's fixture costs ≥ $44.14: within $1000, over $1.
		{"check passing", []string{"check", "--env", "dev", "--budget", "1000", "--allow-unpriced"}, 0, ""},
		{"check failing", []string{"check", "--env", "dev", "--budget", "1", "--allow-unpriced"}, 1, ""},
		{"check json", []string{"check", "--env", "dev", "--budget", "1000", "--allow-unpriced", "--format", "json"}, 0, ""},
		{"pricing import", []string{"pricing", "import", "--catalog", filepath.Join(t.TempDir(), "cat.json"), offer}, 0, ""},
		{"analyzer install", []string{"analyzer", "install", "pack"}, 0, ""},
		{"up", []string{"up", "--env", "dev", "--yes", "--allow-unpriced"}, 0, "; nothing was deployed"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, full := range []bool{false, true} {
				c := newCLI(t)
				deployed := false
				c.opts.Deployer = fakeDeployer{up: func(string) { deployed = true }}
				var stdout, stderr bytes.Buffer
				o := c.opts
				o.In, o.Out, o.Err = strings.NewReader(""), &stdout, &stderr
				if full {
					o.Out = fullWriter{}
				}
				code := execute(context.Background(), tc.args, o)
				switch {
				case !full && code != tc.okCode:
					t.Fatalf("working stdout: exit %d, want %d: %s", code, tc.okCode, stderr.String())
				case full && (code != 2 || !strings.Contains(stderr.String(), errFull.Error()+tc.stderr)):
					t.Errorf("full stdout: exit %d, stderr %q; want 2 and %q", code, stderr.String(), errFull.Error()+tc.stderr)
				case full && deployed:
					t.Error("deployed although nothing could be printed")
				}
			}
		})
	}
}
