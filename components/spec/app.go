package spec

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/tiercost/tiercost/costmodel/inputfile"
)

// The demo application every tier runs until an environment names its own:
// a tiny public image that answers 200 on any path (so /healthz passes) and
// runs on arm64 and x86_64 alike.
const (
	DemoImage         = "docker.io/traefik/whoami:v1.10.4"
	DemoContainerPort = 80
)

// AppSpec names the application the instances run: a container image that
// the launch template's user data runs with Docker (Amazon Linux 2023's
// docker package), or an AMI whose own user data starts it. Environment
// variables are plain values; secrets are only references that the
// instance resolves at boot, so no secret value ever reaches the spec,
// the Pulumi state or the estimate.
type AppSpec struct {
	// Image is a container image reference (registry/name:tag or
	// name@sha256:digest). Empty when AMI is set.
	Image string `json:"image" yaml:"image"`
	// ContainerPort is the port the container listens on; the host
	// publishes it on load_balancer.app_port.
	ContainerPort int `json:"containerPort" yaml:"container_port"`
	// Command is the container's arguments, separated by spaces (no shell).
	Command string `json:"command" yaml:"command"`
	// AMI replaces Amazon Linux 2023 and the container runtime with an
	// image of your own (ami-...); UserData then starts the application.
	AMI string `json:"ami" yaml:"ami"`
	// UserData is the shell script that starts the application from AMI.
	// It runs after the platform's preamble has written the environment
	// file (see EnvFile).
	UserData string `json:"userData" yaml:"user_data"`
	// Env holds plain environment variables, one KEY=value per line.
	Env string `json:"env" yaml:"env"`
	// Secrets holds environment variables read at boot, one KEY=reference
	// per line; a reference is ssm:/parameter/name (a SecureString in SSM
	// Parameter Store) or secretsmanager:<secret ARN or name>.
	Secrets string `json:"secrets" yaml:"secrets"`
}

// EnvFile is where the instance writes the application's environment
// (plain values and resolved secrets): a root-only file on tmpfs, never on
// disk, never in user data.
const EnvFile = "/run/tiercost/app.env"

// SecretRef is one secret environment variable: the variable's name and
// where the instance reads its value.
type SecretRef struct {
	Name string
	// Store is "ssm" or "secretsmanager".
	Store string
	// ID is the parameter name (/path/name) or the secret's ARN or name.
	ID string
}

var (
	envName = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)
	// secretish names look like they hold a secret; they must be given by
	// reference, so a value typed into an environment file never ships.
	secretish  = regexp.MustCompile(`(?i)(PASSWORD|PASSWD|SECRET|TOKEN|PRIVATE_?KEY|API_?KEY|CREDENTIAL)`)
	imageRef   = regexp.MustCompile(`^[a-z0-9]+([._/:@-][A-Za-z0-9]+)*$`)
	amiID      = regexp.MustCompile(`^ami-[0-9a-f]{8,17}$`)
	ssmName    = regexp.MustCompile(`^/[A-Za-z0-9_.\-/]+$`)
	secretName = regexp.MustCompile(`^([A-Za-z0-9/_+=.@-]+|arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:[A-Za-z0-9/_+=.@-]+)$`)
)

// EnvVars parses Env into name → value. Blank lines and lines starting
// with # are skipped.
func (a AppSpec) EnvVars() (map[string]string, error) {
	out := map[string]string{}
	for i, line := range lines(a.Env) {
		k, v, ok := strings.Cut(line, "=")
		k = strings.TrimSpace(k)
		switch {
		// A line is quoted never: past its KEY it holds a value, and a
		// mistyped line may be all value (a connection string, a key).
		case !ok || !envName.MatchString(k):
			return nil, fmt.Errorf("line %d: is not KEY=value (KEY: letters, digits, _); the line is not shown, as it may hold a value", i+1)
		case secretish.MatchString(k):
			n := varName(k)
			return nil, fmt.Errorf("line %d: %s looks like a secret; give it under app.secrets as %s=ssm:/name or %s=secretsmanager:<arn>, never by value", i+1, n, n, n)
		case strings.ContainsAny(v, "\n\r\x00"):
			return nil, fmt.Errorf("line %d: %s: the value must be one line", i+1, varName(k))
		}
		if _, dup := out[k]; dup {
			return nil, fmt.Errorf("line %d: %s is set twice", i+1, varName(k))
		}
		out[k] = v
	}
	return out, nil
}

// SecretRefs parses Secrets, sorted by name.
func (a AppSpec) SecretRefs() ([]SecretRef, error) {
	var out []SecretRef
	seen := map[string]bool{}
	for i, line := range lines(a.Secrets) {
		k, ref, ok := strings.Cut(line, "=")
		k, ref = strings.TrimSpace(k), strings.TrimSpace(ref)
		if !ok || !envName.MatchString(k) {
			return nil, fmt.Errorf("line %d: is not KEY=reference (KEY: letters, digits, _); the line is not shown, as it may hold a secret", i+1)
		}
		if seen[k] {
			return nil, fmt.Errorf("line %d: %s is set twice", i+1, varName(k))
		}
		seen[k] = true
		store, id, _ := strings.Cut(ref, ":")
		switch {
		case store == "ssm" && ssmName.MatchString(id):
		case store == "secretsmanager" && secretName.MatchString(id):
		default:
			// What is not a reference may be the secret itself: not shown.
			return nil, fmt.Errorf("line %d: %s: is not a reference (not shown, as it may be a secret value); allowed: ssm:/parameter/name or secretsmanager:<secret ARN or name> (values are never written here)", i+1, varName(k))
		}
		out = append(out, SecretRef{Name: k, Store: store, ID: id})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

// varName renders a variable's name for a message: as written unless it
// looks like a secret once the words that make a name secret-ish
// (PASSWORD, TOKEN, ...) are taken out, since naming those is the point.
func varName(k string) string {
	if len(k) <= 64 && !inputfile.LooksSecret(secretish.ReplaceAllString(k, "")) {
		return k
	}
	return inputfile.Excerpt(k)
}

// lines returns the non-blank, non-comment lines of s, trimmed.
func lines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		l = strings.TrimSpace(l)
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		out = append(out, l)
	}
	return out
}

// validate reports the app section's problems through bad.
func (a AppSpec) validate(bad func(field, format string, args ...any)) {
	switch {
	case a.Image == "" && a.AMI == "":
		bad("app", "needs image (a container image) or ami (an AMI id with user_data)")
	case a.Image != "" && a.AMI != "":
		bad("app", "sets both image and ami; allowed: one of them")
	case a.Image != "":
		// The demo image, which every tier runs by default, is known good.
		if a.Image != DemoImage && (!imageRef.MatchString(a.Image) || len(a.Image) > 255) {
			// Not quoted: a value pasted here by mistake may be a URL with
			// credentials, which an excerpt would show.
			bad("app.image", "is not a container image reference (for example %s)", DemoImage)
		}
		if a.ContainerPort < 1 || a.ContainerPort > 65535 {
			bad("app.container_port", "is %d; allowed: 1 to 65535", a.ContainerPort)
		}
		if a.UserData != "" {
			bad("app.user_data", "is for ami only; with image the platform writes the user data")
		}
	default:
		if !amiID.MatchString(a.AMI) {
			bad("app.ami", "%s is not an AMI id (ami- and 8 or 17 hex digits)", inputfile.Excerpt(a.AMI))
		}
		if strings.TrimSpace(a.UserData) == "" {
			bad("app.user_data", "must start the application when ami is set")
		}
		if a.Command != "" {
			bad("app.command", "is for image only; with ami, start the application in user_data")
		}
	}
	for _, f := range []struct{ name, v string }{{"app.command", a.Command}, {"app.image", a.Image}} {
		if strings.ContainsAny(f.v, "'\"`$\\;&|<>\n") {
			bad(f.name, "must not contain quotes, $, backslashes or shell operators")
		}
	}
	// Empty text parses to nothing: skip the parsers' allocations.
	if a.Env != "" {
		if _, err := a.EnvVars(); err != nil {
			bad("app.env", "%v", err)
		}
	}
	if a.Secrets != "" {
		if _, err := a.SecretRefs(); err != nil {
			bad("app.secrets", "%v", err)
		}
	}
}
