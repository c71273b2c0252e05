// Package inputfile is the one way tiercost reads a file it is given. A
// file must be a regular file (or stdin, "-", for the kinds that allow it),
// no larger than its kind's documented cap; a FIFO, device or folder is
// refused before anything blocks on it, a UTF-8 byte order mark is
// stripped, and no error quotes more of the file than a short, sanitised
// excerpt (see Excerpt). Every parser reads through here, so the rules are
// the same for every input.
package inputfile

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"
)

// Kind is a kind of input file; each has its own size cap.
type Kind int

// The input kinds. Their names are what --max-input-size takes.
const (
	StackExport Kind = iota // pulumi stack export
	Preview                 // pulumi preview --json
	Usage                   // usage file (YAML)
	Environment             // environments/<name>.yaml
	Config                  // tiercost.yaml
	Offer                   // AWS Price List offer file (JSON or CSV)
	Catalog                 // catalog layer file (JSON)
	Breakdown               // saved breakdown JSON
	Bill                    // billing export (FOCUS or CUR 2.0: CSV, gzip or Parquet)
	numKinds
)

type kindInfo struct {
	name  string // the --max-input-size key
	what  string // for messages
	cap   int64  // default cap in bytes
	stdin bool   // "-" reads stdin
}

// The default caps are far above any real file of the kind and far below
// what would exhaust memory; docs/limits.md lists them.
var kinds = [numKinds]kindInfo{
	StackExport: {"stack-export", "stack exports", 1 << 30, true},
	Preview:     {"preview-json", "preview files", 1 << 30, true},
	Usage:       {"usage", "usage files", 16 << 20, false},
	Environment: {"environment", "environment files", 1 << 20, false},
	Config:      {"config", "config files", 1 << 20, false},
	Offer:       {"offer", "offer files", 64 << 30, false},
	Catalog:     {"catalog", "catalog files", 2 << 30, false},
	Breakdown:   {"breakdown", "saved breakdown JSON files", 256 << 20, false},
	Bill:        {"bill", "billing exports", 64 << 30, false},
}

// overrides holds the caps set by SetLimit; 0 means the default.
var overrides [numKinds]atomic.Int64

// Name is the kind's key for --max-input-size.
func (k Kind) Name() string { return kinds[k].name }

// String describes the kind for people, e.g. "stack exports".
func (k Kind) String() string { return kinds[k].what }

// Default is the kind's documented cap in bytes.
func (k Kind) Default() int64 { return kinds[k].cap }

// Limit is the cap in force for the kind.
func (k Kind) Limit() int64 {
	if n := overrides[k].Load(); n > 0 {
		return n
	}
	return kinds[k].cap
}

// Kinds lists every kind, in declaration order.
func Kinds() []Kind {
	out := make([]Kind, numKinds)
	for i := range out {
		out[i] = Kind(i)
	}
	return out
}

// KindNamed finds a kind by its --max-input-size key.
func KindNamed(name string) (Kind, bool) {
	for _, k := range Kinds() {
		if k.Name() == name {
			return k, true
		}
	}
	return 0, false
}

// SetLimit sets the cap for a kind for the rest of the process; n <= 0
// restores the default. The command line sets it once per run, before any
// file is read.
func SetLimit(k Kind, n int64) { overrides[k].Store(max(n, 0)) }

// ResetLimits restores every default cap.
func ResetLimits() {
	for _, k := range Kinds() {
		SetLimit(k, 0)
	}
}

// ParseLimits reads --max-input-size: comma-separated KIND=SIZE pairs, a
// SIZE being a byte count with an optional unit (KB, MB, GB, KiB, MiB, GiB).
func ParseLimits(spec string) (map[Kind]int64, error) {
	out := map[Kind]int64{}
	for _, part := range strings.Split(spec, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		name, size, ok := strings.Cut(part, "=")
		k, known := KindNamed(strings.TrimSpace(name))
		if !ok || !known {
			return nil, fmt.Errorf("%s is not KIND=SIZE; allowed kinds: %s", Excerpt(part), strings.Join(kindNames(), ", "))
		}
		n, err := ParseSize(size)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", k.Name(), err)
		}
		out[k] = n
	}
	return out, nil
}

func kindNames() []string {
	var out []string
	for _, k := range Kinds() {
		out = append(out, k.Name())
	}
	sort.Strings(out)
	return out
}

// maxSize bounds a cap: 1 TiB is beyond any input tiercost can price.
const maxSize = 1 << 40

var units = []struct {
	suffix string
	mult   int64
}{
	{"kib", 1 << 10}, {"mib", 1 << 20}, {"gib", 1 << 30}, {"tib", 1 << 40},
	{"kb", 1e3}, {"mb", 1e6}, {"gb", 1e9}, {"tb", 1e12},
	{"k", 1 << 10}, {"m", 1 << 20}, {"g", 1 << 30}, {"b", 1},
}

// ParseSize reads a size such as 512MiB, 2GB or 1048576.
func ParseSize(s string) (int64, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	mult := int64(1)
	for _, u := range units {
		if rest, ok := strings.CutSuffix(t, u.suffix); ok {
			t, mult = strings.TrimSpace(rest), u.mult
			break
		}
	}
	n, err := strconv.ParseInt(t, 10, 64)
	if err != nil || n <= 0 || n > maxSize/mult {
		return 0, fmt.Errorf("%s is not a size; allowed: 1 byte to 1 TiB, such as 512MiB or 2GB", Excerpt(s))
	}
	return n * mult, nil
}

// HumanSize renders a byte count for messages: 1 GiB, 16 MiB, 1500 bytes.
func HumanSize(n int64) string {
	for _, u := range []struct {
		name string
		mult int64
	}{{"TiB", 1 << 40}, {"GiB", 1 << 30}, {"MiB", 1 << 20}, {"KiB", 1 << 10}} {
		if n >= u.mult && n%u.mult == 0 {
			return fmt.Sprintf("%d %s", n/u.mult, u.name)
		}
		if n >= u.mult {
			return fmt.Sprintf("%.1f %s", float64(n)/float64(u.mult), u.name)
		}
	}
	return fmt.Sprintf("%d bytes", n)
}

// Stdin is the path that names standard input.
const Stdin = "-"

// ErrTooLarge is wrapped by the error for an input over its cap.
var ErrTooLarge = errors.New("over the size cap")

// display is how a path is named in messages.
func display(path string) string {
	if path == Stdin {
		return "stdin"
	}
	return path
}

// capError is an input over its kind's cap; it matches ErrTooLarge.
type capError struct{ msg string }

func (e *capError) Error() string        { return e.msg }
func (e *capError) Is(target error) bool { return target == ErrTooLarge }

func (k Kind) tooLarge(path string, size int64) error {
	what := "is larger than"
	if size > 0 {
		what = fmt.Sprintf("is %d bytes, over", size)
	}
	return &capError{fmt.Sprintf("%s: %s the %s cap for %s; allowed: up to %s, or raise the cap with --max-input-size %s=SIZE",
		display(path), what, HumanSize(k.Limit()), k, HumanSize(k.Limit()), k.Name())}
}

// Check reports, without opening it, whether path may be read as a k: it
// exists, is a regular file (after symlinks) and is within the cap. The
// error names the path.
func Check(path string, k Kind) error {
	if path == Stdin && kinds[k].stdin {
		return nil
	}
	st, err := os.Stat(path)
	if err != nil {
		return statError(path, err)
	}
	return checkInfo(path, st, k)
}

func statError(path string, err error) error {
	var pe *fs.PathError
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("%s: file not found", display(path))
	case errors.Is(err, fs.ErrPermission):
		return fmt.Errorf("%s: permission denied", display(path))
	case errors.As(err, &pe):
		return fmt.Errorf("%s: %v", display(path), pe.Err)
	}
	return fmt.Errorf("%s: %v", display(path), err)
}

func checkInfo(path string, st fs.FileInfo, k Kind) error {
	m := st.Mode()
	if !m.IsRegular() {
		return fmt.Errorf("%s: is %s; allowed: a regular file", display(path), ModeWords(m))
	}
	if st.Size() > k.Limit() {
		return k.tooLarge(path, st.Size())
	}
	return nil
}

// ModeWords names a non-regular file type: "a folder", "a named pipe
// (FIFO)", ... for a message that refuses it.
func ModeWords(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a folder"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a device"
	case m&fs.ModeIrregular != 0:
		return "not a regular file"
	}
	return "not a regular file"
}

// Reader reads one input: at most its cap, with a leading BOM removed.
type Reader struct {
	name string
	kind Kind
	f    *os.File // nil for stdin
	br   *bufio.Reader
	lr   *capReader
	// Size is the file's size when known (0 for a pipe).
	Size int64
}

// Name is how the input is named in messages: the path, or "stdin".
func (r *Reader) Name() string { return display(r.name) }

// Path is the path as given ("-" for stdin).
func (r *Reader) Path() string { return r.name }

func (r *Reader) Read(p []byte) (int, error) { return r.br.Read(p) }

// Close closes the file (not stdin).
func (r *Reader) Close() error {
	if r.f != nil {
		return r.f.Close()
	}
	return nil
}

// ReaderAt gives random access to the file for formats that need it
// (Parquet keeps its schema at the end); false for stdin.
func (r *Reader) ReaderAt() (io.ReaderAt, bool) {
	if r.f == nil {
		return nil, false
	}
	return r.f, true
}

// BytesRead is how many bytes of the file have been read so far.
func (r *Reader) BytesRead() int64 { return r.lr.n }

// stdin is replaced in tests.
var stdin io.Reader = os.Stdin

// Open opens path for reading as a k. It never blocks on a FIFO or
// device: the path is checked first and opened non-blocking, then checked
// again on the open descriptor, so a file swapped in between is caught.
func Open(path string, k Kind) (*Reader, error) {
	if path == Stdin {
		if !kinds[k].stdin {
			return nil, fmt.Errorf("-: stdin is not read for %s; allowed: a file path", k)
		}
		return newReader(path, k, nil, stdin, 0), nil
	}
	if err := Check(path, k); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(path, os.O_RDONLY|openFlags, 0)
	if err != nil {
		return nil, statError(path, err)
	}
	st, err := f.Stat()
	if err == nil {
		err = checkInfo(path, st, k)
	} else {
		err = statError(path, err)
	}
	if err != nil {
		f.Close()
		return nil, err
	}
	return newReader(path, k, f, f, st.Size()), nil
}

func newReader(path string, k Kind, f *os.File, src io.Reader, size int64) *Reader {
	lr := &capReader{r: src, left: k.Limit(), path: path, kind: k}
	br := bufio.NewReaderSize(lr, 64<<10)
	if head, _ := br.Peek(3); bytes.Equal(head, bom) {
		br.Discard(3)
	}
	return &Reader{name: path, kind: k, f: f, br: br, lr: lr, Size: size}
}

// capReader fails once more than the cap has been read, so a file that
// grows after it was checked, or a pipe, is bounded too.
type capReader struct {
	r    io.Reader
	left int64
	n    int64
	path string
	kind Kind
}

func (c *capReader) Read(p []byte) (int, error) {
	if c.left <= 0 {
		// One byte more tells a file of exactly the cap from a larger one.
		var b [1]byte
		n, err := c.r.Read(b[:])
		if n > 0 {
			return 0, c.kind.tooLarge(c.path, 0)
		}
		return 0, err
	}
	if int64(len(p)) > c.left {
		p = p[:c.left]
	}
	n, err := c.r.Read(p)
	c.left -= int64(n)
	c.n += int64(n)
	return n, err
}

// ReadAll reads a whole input as a k, BOM removed. Use it only for kinds
// whose cap is small enough to hold in memory; stream the others.
func ReadAll(path string, k Kind) ([]byte, error) {
	r, err := Open(path, k)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	var buf bytes.Buffer
	if r.Size > 0 {
		buf.Grow(int(r.Size) + 1)
	}
	if _, err := buf.ReadFrom(r); err != nil {
		if errors.Is(err, ErrTooLarge) {
			return nil, err
		}
		return nil, fmt.Errorf("%s: cannot read: %v", r.Name(), unwrapPath(err))
	}
	return buf.Bytes(), nil
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

var bom = []byte("\xef\xbb\xbf")

// StripBOM removes a leading UTF-8 byte order mark: every reader accepts
// one, since editors on some systems write it.
func StripBOM(data []byte) []byte { return bytes.TrimPrefix(data, bom) }
