package stacks

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"sort"
	"strings"
	"sync"

	"github.com/tiercost/tiercost/components"
	"github.com/tiercost/tiercost/components/spec"
	"github.com/tiercost/tiercost/costmodel/resource"
)

// A new process has learned nothing, so a command that prices a few specs
// once (`tiercost advise --env prod`) would pay two mocked runs per shape.
// ExportTemplates writes learned templates, and Preload offers such a file
// to Records, which uses a template from it as if learned in this process.
// The file names the program it was learned from (a digest of the
// components', the spec's and this package's source): written by another
// program, it is ignored whole, and every shape is learned again.

//go:embed *.go
var source embed.FS

// Fingerprint is the digest of the program's source: the components, the
// spec package and this package (tests excluded). Templates learned from
// one program are used only by a program with the same fingerprint.
var Fingerprint = sync.OnceValue(func() string {
	h := sha256.New()
	for _, src := range []struct {
		pkg string
		fs  embed.FS
	}{{"components", components.Source}, {"components/spec", spec.Source}, {"stacks", source}} {
		names, err := fs.Glob(src.fs, "*.go")
		if err != nil {
			panic(err) // a constant pattern
		}
		sort.Strings(names)
		for _, n := range names {
			if strings.HasSuffix(n, "_test.go") {
				continue
			}
			b, err := src.fs.ReadFile(n)
			if err != nil {
				panic(err) // embedded
			}
			fmt.Fprintf(h, "%s/%s %d\n", src.pkg, n, len(b))
			h.Write(b)
		}
	}
	return hex.EncodeToString(h.Sum(nil))
})

// templateFile is the first line of an exported file.
type templateFile struct {
	Format      int    `json:"format"`
	Fingerprint string `json:"fingerprint"`
}

// storedTemplate is one later line, after the shape key and a tab.
type storedTemplate struct {
	Holes   []storedHole      `json:"holes"`
	Records []resource.Record `json:"records"`
}

type storedHole struct {
	Record int     `json:"record"`
	Path   []any   `json:"path"`
	Value  string  `json:"value"`
	Scale  float64 `json:"scale,omitempty"`
}

// ExportTemplates writes every template learned in this process (not the
// preloaded ones), one shape per line in key order, after a line naming
// the program's fingerprint.
func ExportTemplates(w io.Writer) error {
	shapes.mu.Lock()
	var keys []string
	byKey := map[string]*template{}
	for k, sh := range shapes.entries {
		select {
		case <-sh.done:
		default:
			continue
		}
		if sh.tmpl != nil && !sh.tmpl.preloaded {
			keys = append(keys, k)
			byKey[k] = sh.tmpl
		}
	}
	shapes.mu.Unlock()
	sort.Strings(keys)
	bw := bufio.NewWriter(w)
	head, _ := json.Marshal(templateFile{Format: 1, Fingerprint: Fingerprint()})
	bw.Write(append(head, '\n'))
	for _, k := range keys {
		t := byKey[k]
		// The holes are written empty: the records then do not depend on
		// which spec of the shape came first.
		blank := make([]any, len(fillables))
		st := storedTemplate{Records: t.fill(blank), Holes: make([]storedHole, len(t.holes))}
		for i, h := range t.holes {
			st.Holes[i] = storedHole{Record: h.rec, Path: h.path, Value: fillables[h.value].name, Scale: h.scale}
		}
		kb, err := json.Marshal(k)
		if err != nil {
			return err
		}
		tb, err := json.Marshal(st)
		if err != nil {
			return err
		}
		bw.Write(kb)
		bw.WriteByte('\t')
		bw.Write(tb)
		bw.WriteByte('\n')
	}
	return bw.Flush()
}

// preloaded is the file Preload was given, indexed on first use.
var preloaded struct {
	mu    sync.Mutex
	data  []byte
	index map[string][]byte // shape key → its template's JSON
	err   error             // why the file is not used
}

// Preload offers a file written by ExportTemplates to Records; nil offers
// none. A file from another program (fingerprint) is ignored.
func Preload(data []byte) {
	preloaded.mu.Lock()
	defer preloaded.mu.Unlock()
	preloaded.data, preloaded.index, preloaded.err = data, nil, nil
}

// PreloadError says why the preloaded file is not used (nil when it is, or
// when none was given).
func PreloadError() error {
	preloaded.mu.Lock()
	defer preloaded.mu.Unlock()
	indexPreloaded()
	return preloaded.err
}

// indexPreloaded splits the preloaded file into its shapes, once; the
// caller holds preloaded.mu.
func indexPreloaded() {
	if preloaded.index != nil || preloaded.err != nil || preloaded.data == nil {
		return
	}
	data := preloaded.data
	nl := bytes.IndexByte(data, '\n')
	if nl < 0 {
		preloaded.err = fmt.Errorf("templates: no header line")
		return
	}
	var head templateFile
	if err := json.Unmarshal(data[:nl], &head); err != nil {
		preloaded.err = fmt.Errorf("templates: header: %w", err)
		return
	}
	if head.Format != 1 || head.Fingerprint != Fingerprint() {
		preloaded.err = fmt.Errorf("templates: learned from another program (fingerprint %.12s, this one %.12s)", head.Fingerprint, Fingerprint())
		return
	}
	index := map[string][]byte{}
	for rest := data[nl+1:]; len(rest) > 0; {
		line := rest
		if i := bytes.IndexByte(rest, '\n'); i >= 0 {
			line, rest = rest[:i], rest[i+1:]
		} else {
			rest = nil
		}
		tab := bytes.IndexByte(line, '\t')
		if tab < 0 {
			preloaded.err = fmt.Errorf("templates: a line without a key")
			return
		}
		var key string
		if err := json.Unmarshal(line[:tab], &key); err != nil {
			preloaded.err = fmt.Errorf("templates: key: %w", err)
			return
		}
		index[key] = line[tab+1:]
	}
	preloaded.index = index
}

// preloadedTemplate decodes the preloaded template of a shape, if any.
func preloadedTemplate(key string) *template {
	preloaded.mu.Lock()
	indexPreloaded()
	raw := preloaded.index[key]
	preloaded.mu.Unlock()
	if raw == nil {
		return nil
	}
	var st storedTemplate
	if err := json.Unmarshal(raw, &st); err != nil {
		return nil
	}
	t := &template{recs: st.Records, preloaded: true, holes: make([]hole, len(st.Holes))}
	for i, h := range st.Holes {
		v := fillableIndex(h.Value)
		if v < 0 || h.Record < 0 || h.Record >= len(st.Records) {
			return nil
		}
		path := make([]any, len(h.Path))
		for j, p := range h.Path {
			switch p := p.(type) {
			case string:
				path[j] = p
			case float64:
				path[j] = int(p)
			default:
				return nil
			}
		}
		t.holes[i] = hole{rec: h.Record, path: path, value: v, scale: h.Scale}
	}
	return t
}

func fillableIndex(name string) int {
	for i, f := range fillables {
		if f.name == name {
			return i
		}
	}
	return -1
}
