package main

import (
	"strings"
	"testing"
)

// TestSecretValuesAreNotEchoed: a secret-looking value in a field that is
// checked against a shape or a fixed list is one error (exit 2) that names
// the file and the field and quotes none of the value.
func TestSecretValuesAreNotEchoed(t *testing.T) {
	const (
		dbURL  = "postgres://admin:hunter2pass@db.example.com/app"
		awsKey = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
	)
	env := func(body string) map[string]string {
		return map[string]string{"environments/dev.yaml": "name: dev\ntier: 1k\nregion: us-east-1\n" + body}
	}
	envArgs := []string{"breakdown", "--env", "dev"}
	for _, tc := range []struct {
		name   string
		files  map[string]string
		args   []string
		want   []string // the file and the field, in the message
		secret []string // never in the output
	}{
		{"app.secrets value instead of a reference", env("overrides:\n  app:\n    secrets: |\n      DATABASE_URL=" + dbURL + "\n"), envArgs,
			[]string{"environments/dev.yaml", "overrides.app.secrets", "DATABASE_URL"}, []string{"hunter2pass", "admin:", "postgres:"}},
		{"app.env line without a key", env("overrides:\n  app:\n    env: |\n      " + dbURL + "\n"), envArgs,
			[]string{"environments/dev.yaml", "overrides.app.env", "line 1"}, []string{"hunter2pass", "admin:", "postgres:"}},
		{"app.image a URL with credentials", env("overrides:\n  app:\n    image: " + dbURL + "\n"), envArgs,
			[]string{"environments/dev.yaml", "overrides.app.image"}, []string{"hunter2pass", "admin:", "postgres:"}},
		{"pricing.purchase", env("pricing:\n  purchase: " + awsKey + "\n"), envArgs,
			[]string{"environments/dev.yaml", "pricing.purchase", "allowed: on-demand"}, []string{"wJalr", "EXAMPLEKEY"}},
		{"sizing.family", env("sizing:\n  family: " + awsKey + "\n"), envArgs,
			[]string{"environments/dev.yaml", "sizing.family", "allowed: graviton, x86"}, []string{"wJalr", "wjalr", "EXAMPLEKEY"}},
		{"tier, lower-cased before the check", map[string]string{"environments/dev.yaml": "name: dev\ntier: " + awsKey + "\nregion: us-east-1\n"}, envArgs,
			[]string{"environments/dev.yaml", "tier", "allowed: 1k, 10k, 100k, 1m"}, []string{"wJalr", "wjalr", "examplekey"}},
		{"tiercost.yaml purchase", map[string]string{"tiercost.yaml": "purchase: " + awsKey + "\n"}, []string{"tiers"},
			[]string{"tiercost.yaml", "purchase", "allowed: on-demand"}, []string{"wJalr", "EXAMPLEKEY"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := realCLI(t)
			for name, content := range tc.files {
				c.write(name, content)
			}
			t.Chdir(c.opts.WorkDir)
			r := c.run(tc.args...)
			if r.code != ExitBadInput {
				t.Fatalf("exit %d, want %d\nstderr: %s", r.code, ExitBadInput, r.stderr)
			}
			if strings.Count(strings.TrimSpace(r.stderr), "\n") != 0 {
				t.Errorf("stderr is not one line:\n%s", r.stderr)
			}
			for _, w := range tc.want {
				if !strings.Contains(r.stderr, w) {
					t.Errorf("error does not name %q: %s", w, r.stderr)
				}
			}
			for _, s := range tc.secret {
				if strings.Contains(r.stdout+r.stderr, s) {
					t.Errorf("output quotes %q: %s", s, r.stderr)
				}
			}
		})
	}
}
