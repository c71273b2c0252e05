package golden

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// recorder keeps what Assert reports instead of failing the real test.
type recorder struct {
	testing.TB
	errs []string
}

func (r *recorder) Helper()                   {}
func (r *recorder) Errorf(f string, a ...any) { r.errs = append(r.errs, fmt.Sprintf(f, a...)) }

// Fatalf stops Assert as the real one would; assert recovers.
func (r *recorder) Fatalf(f string, a ...any) {
	r.errs = append(r.errs, fmt.Sprintf(f, a...))
	panic(r)
}

func (r *recorder) assert(path string, got []byte) {
	defer func() {
		if p := recover(); p != nil && p != r {
			panic(p)
		}
	}()
	Assert(r, path, got)
}

func TestAssert(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "x.golden")
	tests := []struct {
		name    string
		update  bool
		got     string
		wantErr string // substring of the report, "" for a pass
	}{
		{"missing file", false, "a\n", "run go test -update to create it"},
		{"update creates the folder and file", true, "a\nb\n", ""},
		{"equal", false, "a\nb\n", ""},
		{"differs", false, "a\nc\n", "first difference at line 2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := flag.Set("update", fmt.Sprint(tt.update)); err != nil {
				t.Fatal(err)
			}
			defer flag.Set("update", "false")
			r := &recorder{TB: t}
			r.assert(path, []byte(tt.got))
			switch {
			case tt.wantErr == "" && len(r.errs) > 0:
				t.Errorf("Assert reported %q, want a pass", r.errs)
			case tt.wantErr != "" && (len(r.errs) != 1 || !strings.Contains(r.errs[0], tt.wantErr)):
				t.Errorf("Assert reported %q, want one report containing %q", r.errs, tt.wantErr)
			}
		})
	}
	if b, err := os.ReadFile(path); err != nil || string(b) != "a\nb\n" {
		t.Errorf("file = %q, %v; want the updated content", b, err)
	}
}

func TestDiff(t *testing.T) {
	tests := []struct{ got, want, report string }{
		// Line 3 differs; the two lines before it are shown as context.
		{"1\n2\n3\n", "1\n2\nx\n", "first difference at line 3 (got 4 lines, want 4)\n  1\n  2\n- x\n- \n+ 3\n+ \n"},
		// got is one line longer: the difference is the extra line.
		{"1\n2", "1", "first difference at line 2 (got 2 lines, want 1)\n  1\n+ 2\n"},
	}
	for _, tt := range tests {
		if got := Diff([]byte(tt.got), []byte(tt.want)); got != tt.report {
			t.Errorf("Diff(%q, %q) =\n%q\nwant\n%q", tt.got, tt.want, got, tt.report)
		}
	}
}
