package inputfile

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestOpenRefusesWhatIsNotARegularFile(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	sparse := filepath.Join(dir, "sparse")
	f, err := os.Create(sparse)
	if err != nil {
		t.Fatal(err)
	}
	// One byte over the config cap, without writing it.
	if err := f.Truncate(Config.Default() + 1); err != nil {
		t.Fatal(err)
	}
	f.Close()
	link := filepath.Join(dir, "link")
	if err := os.Symlink(fifo, link); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, path, want string
	}{
		{"fifo with no writer", fifo, fifo + ": is a named pipe (FIFO); allowed: a regular file"},
		{"symlink to a fifo", link, link + ": is a named pipe (FIFO); allowed: a regular file"},
		{"device", "/dev/zero", "/dev/zero: is a character device; allowed: a regular file"},
		{"folder", dir, dir + ": is a folder; allowed: a regular file"},
		{"sparse file over the cap", sparse, sparse + ": is 1048577 bytes, over the 1 MiB cap for config files; allowed: up to 1 MiB, or raise the cap with --max-input-size config=SIZE"},
		{"missing", filepath.Join(dir, "nope"), filepath.Join(dir, "nope") + ": file not found"},
		{"stdin where not allowed", "-", "-: stdin is not read for config files; allowed: a file path"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			_, err := ReadAll(tt.path, Config)
			if err == nil || err.Error() != tt.want {
				t.Errorf("err = %v\nwant %s", err, tt.want)
			}
			if d := time.Since(start); d > time.Second {
				t.Errorf("took %v", d)
			}
		})
	}
}

func TestReadAll(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name, content, want string
	}{
		{"plain", "a: 1\n", "a: 1\n"},
		{"BOM stripped", "\xef\xbb\xbfa: 1\n", "a: 1\n"},
		{"only a BOM", "\xef\xbb\xbf", ""},
		{"BOM only at the start", "a\xef\xbb\xbf", "a\xef\xbb\xbf"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := filepath.Join(dir, "f")
			if err := os.WriteFile(p, []byte(tt.content), 0o600); err != nil {
				t.Fatal(err)
			}
			got, err := ReadAll(p, Usage)
			if err != nil || string(got) != tt.want {
				t.Errorf("got %q, %v; want %q", got, err, tt.want)
			}
		})
	}
}

// A file that grows past the cap after the check is still cut off.
func TestCapReaderBoundsAStream(t *testing.T) {
	SetLimit(Usage, 10)
	defer ResetLimits()
	r := newReader("-", Usage, nil, strings.NewReader(strings.Repeat("x", 11)), 0)
	buf := make([]byte, 100)
	total := 0
	var err error
	for err == nil {
		var n int
		n, err = r.Read(buf)
		total += n
	}
	if !errors.Is(err, ErrTooLarge) || total != 10 {
		t.Errorf("read %d, err %v; want 10 bytes then the cap error", total, err)
	}
	// Exactly the cap is fine.
	r = newReader("-", Usage, nil, strings.NewReader(strings.Repeat("x", 10)), 0)
	n := 0
	for err = nil; err == nil; {
		var k int
		k, err = r.Read(buf)
		n += k
	}
	if err.Error() != "EOF" || n != 10 {
		t.Errorf("read %d, err %v; want 10 bytes then EOF", n, err)
	}
}

func TestParseLimits(t *testing.T) {
	tests := []struct {
		spec string
		want map[Kind]int64
		err  string
	}{
		{"stack-export=2GiB", map[Kind]int64{StackExport: 2 << 30}, ""},
		{"usage=100, offer=1tb", map[Kind]int64{Usage: 100, Offer: 1e12}, ""},
		{"config=512k", map[Kind]int64{Config: 512 << 10}, ""},
		{"config=5MB", map[Kind]int64{Config: 5e6}, ""},
		{"nope=1", nil, `"nope=1" is not KIND=SIZE; allowed kinds: bill, breakdown, catalog, config, environment, offer, preview-json, stack-export, usage`},
		{"usage=-1", nil, `usage: "-1" is not a size; allowed: 1 byte to 1 TiB, such as 512MiB or 2GB`},
		{"usage=2TiB", nil, `usage: "2TiB" is not a size`},
		{"usage=1e308", nil, `usage: "1e308" is not a size`},
	}
	for _, tt := range tests {
		got, err := ParseLimits(tt.spec)
		if tt.err != "" {
			if err == nil || !strings.HasPrefix(err.Error(), tt.err) {
				t.Errorf("%s: err = %v, want %s", tt.spec, err, tt.err)
			}
			continue
		}
		if err != nil || len(got) != len(tt.want) {
			t.Errorf("%s: got %v, %v", tt.spec, got, err)
		}
		for k, v := range tt.want {
			if got[k] != v {
				t.Errorf("%s: %s = %d, want %d", tt.spec, k.Name(), got[k], v)
			}
		}
	}
}

func TestExcerpt(t *testing.T) {
	tests := []struct{ in, want string }{
		{"t3.micro", `"t3.micro"`},
		{"line\nbreak", `"line\nbreak"`},
		{strings.Repeat("a", 40), `"` + strings.Repeat("a", 32) + `"…`},
		{"AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", Hidden},
		{"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", Hidden},
		{"root:$6$Qx1T0dpb$Zk0W9jV1kS3m:19000:0:99999:7:::", Hidden},
		{"AKIAIOSFODNN7EXAMPLE", Hidden},
		{"password: hunter2", Hidden},
		{"-----BEGIN OPENSSH PRIVATE KEY-----", Hidden},
		{"arn:aws:ec2:us-east-1:123456789012:subnet/subnet-0a1b2c3d4e5f60002", `"arn:aws:ec2:us-east-1:1234567890"…`},
		{"\xff", `"�"`},
		// A URL with a password; one without stays quoted.
		{"postgres://admin:hunter2pass@db.internal:5432/app", Hidden},
		{"https://example.com:8443/health", `"https://example.com:8443/health"`},
	}
	for _, tt := range tests {
		if got := Excerpt(tt.in); got != tt.want {
			t.Errorf("Excerpt(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

func TestSanitize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"line 1: cannot unmarshal !!str `root:$6$...` into int", "line 1: cannot unmarshal !!str " + Hidden + " into int"},
		{"unknown anchor 'x' referenced", `unknown anchor "x" referenced`},
		{"did not find\nexpected key", "did not find expected key"},
		{"found AKIAIOSFODNN7EXAMPLE here", "malformed content (not shown: it looks like it holds a secret)"},
	}
	for _, tt := range tests {
		if got := Sanitize(tt.in); got != tt.want {
			t.Errorf("Sanitize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestYAML(t *testing.T) {
	tests := []struct {
		name, doc string
		ci        bool
		want      string // "" for no error
	}{
		{"one document", "a: 1\nb: 2\n", true, ""},
		{"empty", "", true, ""},
		{"BOM", "\xef\xbb\xbfa: 1\n", true, ""},
		{"second document", "a: 1\n---\nb: 2\n", true, "f.yaml: line 3: a second YAML document; allowed: one document (no --- separator)"},
		{"duplicate key", "a: 1\nb: 2\na: 3\n", false, "f.yaml: line 3: a: given twice (first at line 1); allowed: each key once"},
		{"nested duplicate", "w:\n  x: 1\n  x: 2\n", false, "f.yaml: line 3: w.x: given twice (first at line 2)"},
		{"case twins refused", "tier: 100k\nTier: 1k\n", true, "f.yaml: line 2: Tier: same key as tier (line 1) but for letter case; allowed: each key once, in lower case"},
		{"case twins kept apart when case matters", "tier: 100k\nTier: 1k\n", false, ""},
		{"duplicate inside a list", "l:\n  - a: 1\n    a: 2\n", false, "f.yaml: line 3: l[0].a: given twice"},
		{"syntax error", "a: [1\n", false, "f.yaml: "},
		{"secret-looking key", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY: 1\nwJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY: 2\n", false, "f.yaml: line 2: " + Hidden + ": given twice"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := YAML("f.yaml", []byte(tt.doc), YAMLOptions{CaseInsensitive: tt.ci})
			switch {
			case tt.want == "" && err != nil:
				t.Errorf("unexpected error %v", err)
			case tt.want != "" && (err == nil || !strings.HasPrefix(err.Error(), tt.want)):
				t.Errorf("err = %v\nwant %s", err, tt.want)
			}
		})
	}
}

// FuzzYAML: any input gives a node or one line naming the file.
func FuzzYAML(f *testing.F) {
	f.Add([]byte("a: 1\n---\nb: 2\n"))
	f.Add([]byte("a: &x {b: 1, B: 2}\nc: *x\n"))
	f.Add([]byte("\xef\xbb\xbf[1, {a: b}]"))
	f.Fuzz(func(t *testing.T, data []byte) {
		_, err := YAML("f.yaml", data, YAMLOptions{CaseInsensitive: true})
		if err != nil && (!strings.HasPrefix(err.Error(), "f.yaml: ") || strings.Contains(err.Error(), "\n")) {
			t.Errorf("bad error %q", err)
		}
	})
}

// FuzzExcerpt: an excerpt is short and one line whatever the input.
func FuzzExcerpt(f *testing.F) {
	f.Add("plain")
	f.Add("root:$6$x$y")
	f.Fuzz(func(t *testing.T, s string) {
		e := Excerpt(s)
		if strings.ContainsAny(e, "\n\r") || len([]rune(e)) > excerptRunes*6+4 {
			t.Errorf("excerpt %q too long or multi-line", e)
		}
	})
}

// FuzzParseLimits: any --max-input-size value gives caps within 1 byte to
// 1 TiB, or an error, never a panic.
func FuzzParseLimits(f *testing.F) {
	f.Add("stack-export=2GiB,usage=100")
	f.Add("offer=1e308")
	f.Add("config=9223372036854775807k")
	f.Fuzz(func(t *testing.T, spec string) {
		limits, err := ParseLimits(spec)
		if err != nil {
			return
		}
		for k, n := range limits {
			if n < 1 || n > maxSize {
				t.Errorf("%s=%d out of range from %q", k.Name(), n, spec)
			}
		}
	})
}

// TestChoice: a short value is its Excerpt; a long one (a key lower-cased
// by a case-insensitive flag no longer looks random) shows only its length.
func TestChoice(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"10k0", `"10k0"`},
		{"reserved-3yr-partial-upfrnt", `"reserved-3yr-partial-upfrnt"`}, // 27 characters
		{"wjalrxutnfemi/k7mdeng/bpxrficyexamplekey", "(a 40-character value, not shown)"},
		{"password", Hidden},
	} {
		if got := Choice(tt.in); got != tt.want {
			t.Errorf("Choice(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}
