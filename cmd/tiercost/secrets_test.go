package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestSecretsNeverPrinted: a `pulumi stack export --show-secrets` file
// holds secrets' plaintext (an instance type, an engine, a username, a
// password); no output prints any of them.
func TestSecretsNeverPrinted(t *testing.T) {
	c := realCLI(t)
	// The plaintexts the two fixtures wrap as secrets.
	secrets := []string{"SECRETINSTTYPE-xyz", "SECRETENGINE-abc", "SECRETSTORAGE-q", "SECRETLBTYPE", "hunter2-SUPERSECRET", "zz_SECRETUSER_zz", "6543"}
	for _, name := range []string{"secrets_export3.json", "secrets_export6.json"} {
		export, err := filepath.Abs(filepath.Join("testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		for _, args := range [][]string{
			{"breakdown", "--stack-export", export},
			{"breakdown", "--stack-export", export, "--format", "json"},
			{"audit", "--stack-export", export},
			{"audit", "--stack-export", export, "--format", "json"},
			{"comment", "--format", "markdown", "tier:1k", "export:" + export},
			{"diff", "tier:1k", "export:" + export, "--format", "json"},
		} {
			r := c.run(args...)
			if r.code == 2 || r.stdout == "" {
				t.Errorf("%s %v: exit %d: %s", name, args[:1], r.code, r.stderr)
			}
			for _, s := range secrets {
				if strings.Contains(r.stdout, s) || strings.Contains(r.stderr, s) {
					t.Errorf("%s %v: prints the secret %s", name, args, s)
				}
			}
		}
	}
}
