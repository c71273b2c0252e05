package deploy

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCheckSaysWhatIsMissing: with no pulumi on PATH, no credentials and no
// backend, Check names each thing to install or set; with them, it passes.
func TestCheckSaysWhatIsMissing(t *testing.T) {
	empty := t.TempDir()
	t.Setenv("PATH", empty)
	t.Setenv("HOME", empty)
	env := map[string]string{}
	d := New(Options{LookupEnv: func(k string) (string, bool) { v, ok := env[k]; return v, ok }})
	err := d.Check("prod")
	if err == nil {
		t.Fatal("Check passed with nothing installed")
	}
	for _, want := range []string{"pulumi CLI is not on PATH", "AWS_PROFILE", "pulumi login"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("message lacks %q:\n%v", want, err)
		}
	}
	// The list alone, on one line: callers say "cannot deploy prod yet",
	// once.
	var nr *NotReady
	if !errors.As(err, &nr) || nr.Env != "prod" || len(nr.Missing) != 3 {
		t.Errorf("Check = %#v, want a NotReady for prod with 3 items", err)
	}
	if msg := err.Error(); strings.Contains(msg, "\n") || strings.Contains(strings.ToLower(msg), "cannot deploy") {
		t.Errorf("message is not the one-line list alone:\n%s", msg)
	}

	// A pulumi executable on PATH, credentials and a backend: nothing missing.
	bin := filepath.Join(empty, "pulumi")
	if err := os.WriteFile(bin, []byte("#!/bin/sh\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	env["AWS_PROFILE"], env["PULUMI_BACKEND_URL"] = "dev", "file:///tmp/state"
	if err := d.Check("prod"); err != nil {
		t.Errorf("Check = %v with everything set", err)
	}
}

func TestLineWriterSplitsLines(t *testing.T) {
	var got []string
	w := &lineWriter{emit: func(s string) { got = append(got, s) }}
	for _, chunk := range []string{"Updating (dev)\r\n +  aws:ec2:Vpc tc-vpc cre", "ated\n", "Resources: 38 created"} {
		if _, err := w.Write([]byte(chunk)); err != nil {
			t.Fatal(err)
		}
	}
	w.Flush()
	want := []string{"Updating (dev)", " +  aws:ec2:Vpc tc-vpc created", "Resources: 38 created"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("lines = %q, want %q", got, want)
	}
}
