//go:build linux

package main

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/tiercost/tiercost/costmodel/inputfile"
)

// secretText is what a mistaken path might point at: a shadow-like line
// and a credentials line. No error may quote any of it.
const secretText = "root:$6$Qx1T0dpb$Zk0W9jV1kS3m1TrWq8:19000:0:99999:7:::\n" +
	"AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n"

var secretBits = []string{"Qx1T0dpb", "$6$", "root:", "wJalr", "EXAMPLEKEY", "AWS_SECRET"}

// TestHostileInputs runs the tiercost command (this test binary, see
// TestMain) on every parser's input with a FIFO that has no writer,
// /dev/zero, a sparse file one byte over the kind's cap, a folder, and a
// symlink to a file outside the working folder holding secret-like text.
// Each must exit 2 within 2 s, peak under 100 MB RSS, and print one line
// that names the file and quotes none of its content.
func TestHostileInputs(t *testing.T) {
	if testing.Short() {
		t.Skip("runs 45 child processes")
	}
	export, err := filepath.Abs(filepath.Join("..", "..", "testdata", "stacks", "export.json"))
	if err != nil {
		t.Fatal(err)
	}
	secretDir := t.TempDir() // outside every working folder
	secret := filepath.Join(secretDir, "shadow")
	if err := os.WriteFile(secret, []byte(secretText), 0o600); err != nil {
		t.Fatal(err)
	}
	parsers := []struct {
		name string
		kind inputfile.Kind
		file string // where the input goes, under the working folder
		args func(path string) []string
	}{
		{"stack export", inputfile.StackExport, "export.json", func(p string) []string { return []string{"breakdown", "--stack-export", p} }},
		{"preview", inputfile.Preview, "preview.json", func(p string) []string { return []string{"breakdown", "--preview-json", p} }},
		{"usage file", inputfile.Usage, "usage.yml", func(p string) []string { return []string{"breakdown", "--stack-export", export, "--usage", p} }},
		{"environment file", inputfile.Environment, "environments/hostile.yaml", func(string) []string { return []string{"breakdown", "--env", "hostile"} }},
		{"config file", inputfile.Config, "tiercost.yaml", func(p string) []string { return []string{"--config", p, "tiers"} }},
		{"offer file JSON", inputfile.Offer, "offer.json", func(p string) []string { return []string{"pricing", "import", "--catalog", "out.json", p} }},
		{"offer file CSV", inputfile.Offer, "offer.csv", func(p string) []string { return []string{"pricing", "import", "--catalog", "out.json", p} }},
		{"catalog layer file", inputfile.Catalog, "catalog.json", func(p string) []string { return []string{"pricing", "info", "--catalog", p} }},
		{"saved breakdown JSON", inputfile.Breakdown, "saved.json", func(p string) []string { return []string{"diff", p, "tier:1k"} }},
	}
	hostile := []struct {
		name string
		make func(t *testing.T, path string, k inputfile.Kind)
		want func(k inputfile.Kind) string // in the one error line
	}{
		{"FIFO with no writer", func(t *testing.T, p string, _ inputfile.Kind) {
			if err := syscall.Mkfifo(p, 0o600); err != nil {
				t.Fatal(err)
			}
		}, fixed("is a named pipe (FIFO); allowed: a regular file")},
		{"/dev/zero", func(t *testing.T, p string, _ inputfile.Kind) {
			if err := os.Symlink("/dev/zero", p); err != nil {
				t.Fatal(err)
			}
		}, fixed("is a character device; allowed: a regular file")},
		{"sparse file over the cap", func(t *testing.T, p string, k inputfile.Kind) {
			f, err := os.Create(p)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			if err := f.Truncate(k.Default() + 1); err != nil {
				t.Fatal(err)
			}
		}, func(k inputfile.Kind) string {
			return fmt.Sprintf("is %d bytes, over the %s cap for %s; allowed: up to", k.Default()+1, inputfile.HumanSize(k.Default()), k)
		}},
		{"folder", func(t *testing.T, p string, _ inputfile.Kind) {
			if err := os.Mkdir(p, 0o755); err != nil {
				t.Fatal(err)
			}
		}, fixed("is a folder; allowed: a regular file")},
		{"symlink to a secret outside the folder", func(t *testing.T, p string, _ inputfile.Kind) {
			if err := os.Symlink(secret, p); err != nil {
				t.Fatal(err)
			}
		}, fixed("")},
	}
	for _, ps := range parsers {
		for _, h := range hostile {
			t.Run(ps.name+"/"+h.name, func(t *testing.T) {
				work := t.TempDir()
				path := filepath.Join(work, ps.file)
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				h.make(t, path, ps.kind)
				r := runChild(t, work, ps.args(path))
				t.Logf("exit %d in %v, peak RSS %.1f MB: %s", r.code, r.elapsed.Round(time.Millisecond), float64(r.peakRSS)/(1<<20), strings.TrimSpace(r.stderr))
				if r.code != ExitBadInput {
					t.Errorf("exit %d, want %d", r.code, ExitBadInput)
				}
				if r.elapsed > 2*time.Second {
					t.Errorf("took %v, want under 2 s", r.elapsed)
				}
				if r.peakRSS > 100<<20 {
					t.Errorf("peak RSS %d MB, want under 100 MB", r.peakRSS>>20)
				}
				if n := strings.Count(r.stderr, "\n"); n != 1 || !strings.HasPrefix(r.stderr, "tiercost: ") {
					t.Errorf("stderr is %d lines, want one tiercost: line:\n%s", n, r.stderr)
				}
				if !strings.Contains(r.stderr, filepath.Base(ps.file)) && !strings.Contains(r.stderr, "hostile") {
					t.Errorf("error does not name the file: %s", r.stderr)
				}
				if want := h.want(ps.kind); !strings.Contains(r.stderr, want) {
					t.Errorf("error lacks %q: %s", want, r.stderr)
				}
				for _, bit := range secretBits {
					if strings.Contains(r.stderr+r.stdout, bit) {
						t.Errorf("output quotes the file's content (%q): %s", bit, r.stderr)
					}
				}
			})
		}
	}
}

// TestUpWithoutTerminalFails: `up --env prod </dev/null` without --yes
// exits 2 and says why, before any estimate or deploy.
func TestUpWithoutTerminalFails(t *testing.T) {
	r := runChild(t, t.TempDir(), []string{"up", "--env", "prod"})
	if r.code != ExitBadInput || !strings.Contains(r.stderr, "stdin is not a terminal") || !strings.Contains(r.stderr, "--yes") {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
}

func fixed(s string) func(inputfile.Kind) string { return func(inputfile.Kind) string { return s } }

type childResult struct {
	code           int
	stdout, stderr string
	elapsed        time.Duration
	peakRSS        int64
}

// runChild runs the command in dir with stdin from /dev/null and a cache
// and config folder of its own, killing it after 5 s. Peak RSS is the
// child's VmHWM, read from /proc every 2 ms (a child's ru_maxrss would
// also count this test process's peak, shared until exec).
func runChild(t *testing.T, dir string, args []string) childResult {
	t.Helper()
	enc, err := json.Marshal(args)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(os.Args[0])
	cmd.Dir = dir
	home := t.TempDir()
	cmd.Env = append(os.Environ(), "TIERCOST_TEST_MAIN_ARGS="+string(enc), "HOME="+home,
		"XDG_CACHE_HOME="+filepath.Join(home, "cache"), "XDG_CONFIG_HOME="+filepath.Join(home, "config"))
	var out, errb strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &errb
	start := time.Now()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	var peak int64
	status := filepath.Join("/proc", strconv.Itoa(cmd.Process.Pid), "status")
	timeout := time.After(5 * time.Second)
	tick := time.NewTicker(2 * time.Millisecond)
	defer tick.Stop()
	for {
		peak = max(peak, vmHWM(status))
		select {
		case <-done:
			elapsed := time.Since(start)
			return childResult{code: cmd.ProcessState.ExitCode(), stdout: out.String(), stderr: errb.String(), elapsed: elapsed, peakRSS: peak}
		case <-timeout:
			cmd.Process.Kill()
			<-done
			t.Fatalf("%v still running after 5 s", args)
		case <-tick.C:
		}
	}
}

// vmHWM reads a process's peak resident set size in bytes, 0 when gone.
func vmHWM(status string) int64 {
	data, err := os.ReadFile(status)
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			return kb << 10
		}
	}
	return 0
}
