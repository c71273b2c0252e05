//go:build unix

package main

import (
	"io"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestWriteOutputDestinations: --output replaces a regular file (keeping
// its permission bits) or a symbolic link's target (leaving the link a
// link), and refuses, writing nothing, whatever is not a regular file.
func TestWriteOutputDestinations(t *testing.T) {
	const content = "new content\n"
	type setup func(t *testing.T, dir string) (arg string)
	file := func(name, body string, perm fs.FileMode) setup {
		return func(t *testing.T, dir string) string {
			p := filepath.Join(dir, name)
			if err := os.WriteFile(p, []byte(body), perm); err != nil {
				t.Fatal(err)
			}
			if err := os.Chmod(p, perm); err != nil { // past the umask
				t.Fatal(err)
			}
			return p
		}
	}
	link := func(name, to string, then setup) setup {
		return func(t *testing.T, dir string) string {
			if then != nil {
				then(t, dir)
			}
			p := filepath.Join(dir, name)
			if err := os.Symlink(to, p); err != nil {
				t.Fatal(err)
			}
			return p
		}
	}
	fifo := func(t *testing.T, dir string) string {
		p := filepath.Join(dir, "pipe")
		if err := syscall.Mkfifo(p, 0o644); err != nil {
			t.Skipf("mkfifo: %v", err)
		}
		return p
	}
	tests := []struct {
		name  string
		setup setup
		// dest is the file that must hold content afterwards (relative to
		// the folder), with perm; "" when the write must be refused with err.
		dest string
		perm fs.FileMode
		err  string
		// stays: relative path → what must still be there afterwards.
		stays map[string]fs.FileMode
	}{
		{name: "new file", setup: func(t *testing.T, dir string) string { return filepath.Join(dir, "r.md") },
			dest: "r.md", perm: 0o644},
		{name: "existing 0600 file keeps 0600", setup: file("r.md", "old", 0o600), dest: "r.md", perm: 0o600},
		{name: "existing 0755 file keeps 0755", setup: file("r.sh", "old", 0o755), dest: "r.sh", perm: 0o755},
		{name: "link to a file: the target is replaced", setup: link("l.md", "t.md", file("t.md", "old", 0o600)),
			dest: "t.md", perm: 0o600, stays: map[string]fs.FileMode{"l.md": fs.ModeSymlink}},
		{name: "link to a link to a file", setup: link("l2.md", "l.md", link("l.md", "sub/t.md", func(t *testing.T, dir string) string {
			os.Mkdir(filepath.Join(dir, "sub"), 0o755)
			return file("sub/t.md", "old", 0o640)(t, dir)
		})), dest: "sub/t.md", perm: 0o640, stays: map[string]fs.FileMode{"l.md": fs.ModeSymlink, "l2.md": fs.ModeSymlink}},
		{name: "link to a file not there yet: created", setup: link("l.md", "t.md", nil),
			dest: "t.md", perm: 0o644, stays: map[string]fs.FileMode{"l.md": fs.ModeSymlink}},
		{name: "FIFO", setup: fifo, err: "pipe: is a named pipe (FIFO); allowed: a regular file",
			stays: map[string]fs.FileMode{"pipe": fs.ModeNamedPipe}},
		{name: "link to a FIFO", setup: link("l.md", "pipe", func(t *testing.T, dir string) string { return fifo(t, dir) }),
			err: "l.md: is a symbolic link to ", stays: map[string]fs.FileMode{"pipe": fs.ModeNamedPipe, "l.md": fs.ModeSymlink}},
		{name: "socket", setup: func(t *testing.T, dir string) string {
			p := filepath.Join(dir, "s")
			l, err := net.Listen("unix", p)
			if err != nil {
				t.Skipf("unix socket: %v", err)
			}
			t.Cleanup(func() { l.Close() })
			return p
		}, err: "s: is a socket; allowed: a regular file", stays: map[string]fs.FileMode{"s": fs.ModeSocket}},
		{name: "folder", setup: func(t *testing.T, dir string) string {
			p := filepath.Join(dir, "d")
			os.Mkdir(p, 0o755)
			return p
		}, err: "d: is a folder; allowed: a regular file", stays: map[string]fs.FileMode{"d": fs.ModeDir}},
		{name: "device /dev/null", setup: func(*testing.T, string) string { return "/dev/null" },
			err: "--output: /dev/null: is a character device; allowed: a regular file"},
		{name: "link to /dev/null", setup: link("l.md", "/dev/null", nil),
			err: "l.md: is a symbolic link to /dev/null, a character device; allowed: ", stays: map[string]fs.FileMode{"l.md": fs.ModeSymlink}},
		{name: "link into a missing folder", setup: link("l.md", "nope/t.md", nil),
			err: "nope/t.md, whose folder ", stays: map[string]fs.FileMode{"l.md": fs.ModeSymlink}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			t.Chdir(dir) // relative links resolve as written
			arg := tc.setup(t, dir)
			err := writeOutput(io.Discard, arg, func(w io.Writer) error {
				_, err := io.WriteString(w, content)
				return err
			})
			if tc.dest == "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) || !strings.HasPrefix(err.Error(), "--output: ") {
					t.Fatalf("error %v, want one naming --output with %q", err, tc.err)
				}
			} else {
				if err != nil {
					t.Fatal(err)
				}
				got, err := os.ReadFile(filepath.Join(dir, tc.dest))
				if err != nil || string(got) != content {
					t.Errorf("%s holds %q (%v), want %q", tc.dest, got, err, content)
				}
				if st, err := os.Lstat(filepath.Join(dir, tc.dest)); err != nil {
					t.Error(err)
				} else if !st.Mode().IsRegular() || st.Mode().Perm() != tc.perm {
					t.Errorf("%s: mode %v, want a regular file %v", tc.dest, st.Mode(), tc.perm)
				}
			}
			for name, typ := range tc.stays {
				if st, err := os.Lstat(filepath.Join(dir, name)); err != nil {
					t.Error(err)
				} else if st.Mode().Type() != typ {
					t.Errorf("%s: now %v, want type %v left as it was", name, st.Mode(), typ)
				}
			}
			if st, err := os.Stat("/dev/null"); err != nil || st.Mode()&fs.ModeCharDevice == 0 {
				t.Fatalf("/dev/null is no longer a device (%v)", err)
			}
			entries, _ := os.ReadDir(dir)
			for _, e := range entries {
				if strings.HasPrefix(e.Name(), ".tiercost-") {
					t.Errorf("temporary file %s left behind", e.Name())
				}
			}
		})
	}
}

// TestOutputRefusedIsOneError: a command given a FIFO as --output exits 2
// with one line naming the flag, the path and what is allowed.
func TestOutputRefusedIsOneError(t *testing.T) {
	c := newCLI(t)
	p := filepath.Join(c.opts.WorkDir, "pipe")
	if err := syscall.Mkfifo(p, 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	for _, args := range [][]string{
		{"report", "--tier", "1k", "--format", "markdown", "--output", p},
		{"scenario", "--env", "dev", "--output", p},
	} {
		r := c.run(args...)
		want := "tiercost: --output: " + p + ": is a named pipe (FIFO); allowed: a regular file (replaced whole), a symbolic link to one, a new file in an existing folder, or - for stdout\n"
		if r.code != 2 || r.stderr != want {
			t.Errorf("%s: exit %d, stderr %q, want 2 and %q", args[0], r.code, r.stderr, want)
		}
		if st, err := os.Lstat(p); err != nil || st.Mode().Type() != fs.ModeNamedPipe {
			t.Errorf("%s: the FIFO was replaced", args[0])
		}
	}
}

// TestFOCUSPerTierRefusedBeforeAnyWrite: report --all-tiers --format focus
// writes one file per tier; a FIFO where the last tier's file goes is
// refused before any tier's file is written.
func TestFOCUSPerTierRefusedBeforeAnyWrite(t *testing.T) {
	c := newCLI(t)
	out := filepath.Join(c.opts.WorkDir, "bill.csv")
	pipe := filepath.Join(c.opts.WorkDir, "bill-1m.csv") // report.TierPath(out, "1m")
	if err := syscall.Mkfifo(pipe, 0o644); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	r := c.run("report", "--all-tiers", "--format", "focus", "--output", out)
	if r.code != 2 || !strings.Contains(r.stderr, pipe+": is a named pipe (FIFO)") {
		t.Errorf("exit %d, stderr %q; want 2 naming %s", r.code, r.stderr, pipe)
	}
	for _, tier := range []string{"1k", "10k", "100k"} {
		if _, err := os.Stat(filepath.Join(c.opts.WorkDir, "bill-"+tier+".csv")); err == nil {
			t.Errorf("tier %s's file was written before the refusal", tier)
		}
	}
}
