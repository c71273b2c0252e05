package vcs

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

func TestReadFromAGitRepository(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	dir := t.TempDir()
	env := append(os.Environ(), "GIT_AUTHOR_NAME=Ada", "GIT_AUTHOR_EMAIL=ada@example.com", "GIT_COMMITTER_NAME=Ada",
		"GIT_COMMITTER_EMAIL=ada@example.com", "GIT_COMMITTER_DATE=2026-11-26T09:30:00Z", "GIT_AUTHOR_DATE=2026-11-26T09:30:00Z",
		"GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_SYSTEM=/dev/null")
	for _, args := range [][]string{
		{"init", "-q", "-b", "feature/cache"},
		{"remote", "add", "origin", "https://bot:s3cret@example.com/org/app.git"},
		{"commit", "-q", "--allow-empty", "-m", "Add a cache\n\nBody line."},
	} {
		cmd := exec.Command("git", append([]string{"-C", dir}, args...)...)
		cmd.Env = env
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	sub := filepath.Join(dir, "sub")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	v := Read(sub, func(string) string { return "" })
	if len(v.CommitSHA) != 40 || v.AuthorName != "Ada" || v.AuthorEmail != "ada@example.com" || v.Branch != "feature/cache" ||
		v.Message != "Add a cache\n\nBody line." || !v.CommitTime.Equal(time.Date(2026, 11, 26, 9, 30, 0, 0, time.UTC)) ||
		v.RepositoryURL != "https://example.com/org/app.git" {
		t.Errorf("%+v", v)
	}
	env2 := map[string]string{"GITHUB_HEAD_REF": "pr-branch", "GITHUB_BASE_REF": "main"}
	v = Read(sub, func(k string) string { return env2[k] })
	if v.Branch != "pr-branch" || v.BaseBranch != "main" {
		t.Errorf("CI branches: %+v", v)
	}
}

func TestReadOutsideARepository(t *testing.T) {
	v := Read(t.TempDir(), func(string) string { return "" })
	if v.CommitSHA != "" || v.Branch != "" || !v.CommitTime.IsZero() {
		t.Errorf("%+v", v)
	}
}
