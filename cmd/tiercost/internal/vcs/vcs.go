// Package vcs reads what version control knows about a run, for the
// vcs* fields of Infracost-schema JSON: the commit, its author, time and
// message, and the branch, from the local git repository (never the
// network), plus the pull request's branches from the CI's environment
// variables (GitHub Actions, GitLab CI). Anything it cannot learn stays
// empty.
package vcs

import (
	"bytes"
	"context"
	"net/url"
	"os/exec"
	"strings"
	"time"

	"github.com/tiercost/tiercost/costmodel/output"
)

// timeout bounds each git call; git answers from local files in
// milliseconds, so a slow one is a stuck one.
const timeout = 3 * time.Second

// Read returns what git and the CI say about the repository holding dir.
// getenv reads environment variables (os.Getenv).
func Read(dir string, getenv func(string) string) output.VCS {
	var v output.VCS
	if out, ok := git(dir, "log", "-1", "--format=%H%n%an%n%ae%n%cI%n%B"); ok {
		lines := strings.SplitN(out, "\n", 5)
		if len(lines) >= 4 {
			v.CommitSHA, v.AuthorName, v.AuthorEmail = lines[0], lines[1], lines[2]
			if t, err := time.Parse(time.RFC3339, lines[3]); err == nil {
				v.CommitTime = t.UTC()
			}
		}
		if len(lines) == 5 {
			v.Message = strings.TrimSpace(lines[4])
		}
	}
	if b, ok := git(dir, "rev-parse", "--abbrev-ref", "HEAD"); ok && b != "HEAD" {
		v.Branch = strings.TrimSpace(b)
	}
	if u, ok := git(dir, "config", "--get", "remote.origin.url"); ok {
		v.RepositoryURL = redact(strings.TrimSpace(u))
	}
	// A pull request's checkout is often a detached merge commit: the CI
	// names the branches.
	for _, k := range []string{"GITHUB_HEAD_REF", "CI_MERGE_REQUEST_SOURCE_BRANCH_NAME"} {
		if s := getenv(k); s != "" {
			v.Branch = s
			break
		}
	}
	for _, k := range []string{"GITHUB_BASE_REF", "CI_MERGE_REQUEST_TARGET_BRANCH_NAME"} {
		if s := getenv(k); s != "" {
			v.BaseBranch = s
			break
		}
	}
	return v
}

// git runs one read-only git command in dir; ok is false when git is
// missing, dir is not in a repository or the command fails.
func git(dir string, args ...string) (string, bool) {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, "git", append([]string{"-C", dir}, args...)...)
	// No prompts and no lock files: this only reads.
	cmd.Env = append(cmd.Environ(), "GIT_TERMINAL_PROMPT=0", "GIT_OPTIONAL_LOCKS=0")
	var out bytes.Buffer
	cmd.Stdout = &out
	if err := cmd.Run(); err != nil {
		return "", false
	}
	return strings.TrimRight(out.String(), "\n"), true
}

// redact drops credentials from a remote URL (https://user:token@host/...).
func redact(u string) string {
	p, err := url.Parse(u)
	if err != nil || p.User == nil || p.Scheme == "" {
		return u
	}
	p.User = nil
	return p.String()
}
