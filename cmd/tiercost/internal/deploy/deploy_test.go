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
	// prod (100k) is estimated on the placeholder domain until its file
	// names one.
	for _, want := range []string{"pulumi CLI is not on PATH", "AWS_PROFILE", "pulumi login",
		"domain.name is the placeholder app.tiercost-placeholder.example: set overrides.domain.name", "in environments/prod.yaml"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("message lacks %q:\n%v", want, err)
		}
	}
	// The list alone, on one line: callers say "cannot deploy prod yet",
	// once.
	var nr *NotReady
	if !errors.As(err, &nr) || nr.Env != "prod" || len(nr.Missing) != 4 {
		t.Errorf("Check = %#v, want a NotReady for prod with 4 items", err)
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
	if err := d.Check("dev"); err != nil {
		t.Errorf("Check(dev) = %v with everything set", err)
	}
	if err := d.Check("prod"); !errors.As(err, &nr) || len(nr.Missing) != 1 || !strings.Contains(nr.Missing[0], "overrides.domain.name") {
		t.Errorf("Check(prod) = %v, want only the placeholder domain", err)
	}
	// prod's file in the working folder names its domain: ready.
	work := t.TempDir()
	if err := os.MkdirAll(filepath.Join(work, "environments"), 0o755); err != nil {
		t.Fatal(err)
	}
	prod := "name: prod\ntier: 100k\nregion: us-east-1\noverrides:\n  domain:\n    name: shop.example.com\n    zone: example.com\n"
	if err := os.WriteFile(filepath.Join(work, "environments", "prod.yaml"), []byte(prod), 0o644); err != nil {
		t.Fatal(err)
	}
	d = New(Options{EnvironmentsDir: work, LookupEnv: d.opts.LookupEnv})
	if err := d.Check("prod"); err != nil {
		t.Errorf("Check(prod) = %v with a domain in environments/prod.yaml", err)
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
