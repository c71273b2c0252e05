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
	export := func(inputs string) map[string]string {
		return map[string]string{"export.json": `{"version":3,"deployment":{"resources":[
{"urn":"urn:pulumi:p::x::pulumi:providers:aws::default","custom":true,"id":"1","type":"pulumi:providers:aws","inputs":{"region":"us-east-1"}},
{"urn":"urn:pulumi:p::x::aws:rds/instance:Instance::db","custom":true,"id":"db-1","type":"aws:rds/instance:Instance",
 "inputs":{"instanceClass":"db.t4g.micro","engine":"postgres",` + inputs + `}}]}}`}
	}
	envArgs := []string{"breakdown", "--env", "dev"}
	exportArgs := []string{"breakdown", "--stack-export", "export.json"}
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
		{"stack export number input holding a key id", export(`"allocatedStorage":"AKIAIOSFODNN7EXAMPLE"`), exportArgs,
			[]string{"export.json", "db", "allocatedStorage", "allowed: a number >= 0"}, []string{"AKIAIOSFODNN7EXAMPLE", "AKIA"}},
		{"stack export number input holding an object", export(`"allocatedStorage":{"password":"hunter2hunter2"}`), exportArgs,
			[]string{"export.json", "db", "allocatedStorage", "allowed: a number >= 0"}, []string{"hunter2hunter2", "password"}},
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

// TestBadStackInputsAreOneError: a stack export whose EC2 instance has a
// negative, NaN-as-text or wrongly typed input is refused (exit 2) with one
// line naming the file, the resource, the input's path and what is allowed,
// and no breakdown (never a negative cost or a silent default).
func TestBadStackInputsAreOneError(t *testing.T) {
	export := func(inputs string) string {
		return `{"version":3,"deployment":{"resources":[
{"urn":"urn:pulumi:p::x::pulumi:providers:aws::default","custom":true,"id":"1","type":"pulumi:providers:aws","inputs":{"region":"us-east-1"}},
{"urn":"urn:pulumi:p::x::aws:ec2/instance:Instance::web","custom":true,"id":"i-1","type":"aws:ec2/instance:Instance","inputs":` + inputs + `}]}}`
	}
	for _, tc := range []struct {
		name, inputs, want string
	}{
		{"negative root volume", `{"instanceType":"t3.micro","rootBlockDevice":{"volumeSize":-100}}`,
			"export.json: resource web (aws:ec2/instance:Instance): input rootBlockDevice.volumeSize: got -100; allowed: a number >= 0"},
		{"NaN root volume", `{"instanceType":"t3.micro","rootBlockDevice":{"volumeSize":"NaN"}}`,
			`export.json: resource web (aws:ec2/instance:Instance): input rootBlockDevice.volumeSize: got the string "NaN"; allowed: a number >= 0`},
		{"negative IOPS", `{"instanceType":"t3.micro","rootBlockDevice":{"volumeType":"gp3","iops":-3000}}`,
			"input rootBlockDevice.iops: got -3000; allowed: a number >= 0"},
		{"instance type a list", `{"instanceType":["t3.micro"]}`,
			"export.json: resource web (aws:ec2/instance:Instance): input instanceType: got a list; allowed: a string"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := realCLI(t)
			c.write("export.json", export(tc.inputs))
			t.Chdir(c.opts.WorkDir)
			r := c.run("breakdown", "--stack-export", "export.json")
			if r.code != ExitBadInput || r.stdout != "" {
				t.Fatalf("exit %d, want %d and no breakdown\nstdout:\n%s\nstderr: %s", r.code, ExitBadInput, r.stdout, r.stderr)
			}
			if strings.Count(strings.TrimSpace(r.stderr), "\n") != 0 || !strings.Contains(r.stderr, tc.want) {
				t.Errorf("stderr is not one line with %q:\n%s", tc.want, r.stderr)
			}
		})
	}
}
