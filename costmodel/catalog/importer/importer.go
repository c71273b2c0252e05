// Package importer owns turning the official AWS Price List offer files
// (index.json or index.csv, as published by the Price List Bulk API) into a
// catalog layer file: it streams the offers, keeps only the products the
// pricers look up, keyed with the catalog's own key constructors, and writes
// the layer atomically. It also downloads offer files (Fetch), describes a
// catalog's layers (Info) and compares two layers (Diff).
package importer

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"time"

	"github.com/tiercost/tiercost/costmodel/catalog"
)

// Options tune an import. The zero value is valid.
type Options struct {
	// Progress, when set, is called as input bytes are read.
	Progress func(Progress)
	// Now is the clock used to time the import; time.Now when nil.
	Now func() time.Time
}

// Progress reports how far an import or download has got.
type Progress struct {
	File       string
	BytesRead  int64
	TotalBytes int64 // 0 when unknown
	Products   int   // products scanned so far in this run
	Prices     int   // prices kept so far in this run
}

// Summary is what an import did.
type Summary struct {
	Files    int
	Products int // products scanned
	Prices   int // prices kept
	// Skipped counts products and terms left out, by reason.
	Skipped  map[string]int
	Duration time.Duration
}

// progressEvery throttles progress callbacks to one per this many bytes.
const progressEvery = 4 << 20

// Import reads the offer files in inputs (JSON or CSV, detected from the
// content), maps their products to catalog keys and writes one layer file
// (the JSON of a catalog.Layer) to out. out is written atomically: on any
// error nothing is left at out.
func Import(ctx context.Context, inputs []string, out string, opts Options) (Summary, error) {
	now := opts.Now
	if now == nil {
		now = time.Now
	}
	start := now()
	if len(inputs) == 0 {
		return Summary{}, errors.New("import: no offer files given; pass one or more index.json or index.csv files")
	}
	if out == "" {
		return Summary{}, errors.New("import: no output path given for the catalog layer file")
	}
	layer, b, err := buildLayer(ctx, inputs, opts.Progress)
	if err != nil {
		return Summary{}, err
	}
	layer.Name = out
	if err := writeLayer(out, layer); err != nil {
		return Summary{}, err
	}
	return Summary{
		Files: len(inputs), Products: b.products, Prices: len(layer.Prices),
		Skipped: b.skipped, Duration: now().Sub(start),
	}, nil
}

// buildLayer parses every input into one layer, prices sorted.
func buildLayer(ctx context.Context, inputs []string, progress func(Progress)) (*catalog.Layer, *builder, error) {
	b := newBuilder()
	layer := &catalog.Layer{}
	for _, in := range inputs {
		offer, err := importFile(ctx, in, b, progress)
		if err != nil {
			return nil, nil, err
		}
		layer.Offers = append(layer.Offers, offer)
	}
	if len(b.prices) == 0 {
		return nil, nil, fmt.Errorf("import: no prices kept from %d offer file(s); the offers hold none of the products the pricers use (EC2, RDS, ElastiCache, ELB, CloudFront, VPC, data transfer, CloudWatch, S3)", len(inputs))
	}
	sort.SliceStable(b.prices, func(i, j int) bool { return priceLess(&b.prices[i], &b.prices[j]) })
	// A product, term and tier priced twice (RDS storage is listed once per
	// engine, for one) keeps its first row in input order.
	kept := b.prices[:1]
	for _, p := range b.prices[1:] {
		last := &kept[len(kept)-1]
		if p.Product == last.Product && p.Term == last.Term && p.TierStart.Equal(last.TierStart) {
			b.skip("duplicate price for the same product, term and tier")
			continue
		}
		kept = append(kept, p)
	}
	clear(b.prices[len(kept):])
	b.prices = kept
	layer.Prices = kept
	layer.AsOf = kept[0].AsOf
	for _, p := range kept {
		if p.AsOf < layer.AsOf {
			layer.AsOf = p.AsOf
		}
	}
	return layer, b, nil
}

func priceLess(a, b *catalog.Price) bool {
	if a.Product != b.Product {
		return a.Product < b.Product
	}
	if ta, tb := a.Term.String(), b.Term.String(); ta != tb {
		return ta < tb
	}
	return a.TierStart.LessThan(b.TierStart)
}

// importFile parses one offer file into b and returns its provenance.
func importFile(ctx context.Context, path string, b *builder, progress func(Progress)) (catalog.Offer, error) {
	f, err := os.Open(path)
	if err != nil {
		return catalog.Offer{}, fmt.Errorf("import: %w", err)
	}
	defer f.Close()
	var total int64
	if fi, err := f.Stat(); err == nil {
		total = fi.Size()
	}
	b.startFile(path)
	report := func(read int64) {
		if progress != nil {
			progress(Progress{File: path, BytesRead: read, TotalBytes: total, Products: b.products, Prices: len(b.prices)})
		}
	}
	cr := &countingReader{r: f, report: report}
	br := bufio.NewReaderSize(cr, 64<<10)
	head, _ := br.Peek(512)
	head = bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xef\xbb\xbf")), " \t\r\n")
	if len(head) == 0 {
		return catalog.Offer{}, fmt.Errorf("%s: file is empty; want an AWS offer file (index.json or index.csv)", path)
	}
	if head[0] == '{' {
		// The scanner reads big windows itself; bufio only served the peek.
		err = parseJSON(ctx, br, b)
	} else {
		err = parseCSV(ctx, br, b)
	}
	if err != nil {
		if errors.Is(err, errSyntax) {
			return catalog.Offer{}, fmt.Errorf("%s: %w", path, err)
		}
		return catalog.Offer{}, err
	}
	cr.flush()
	b.finishFile()
	offer := catalog.Offer{Service: b.offerCode, Version: b.version, PublicationDate: b.asOf}
	if len(b.regions) == 1 {
		for r := range b.regions {
			offer.Region = r
		}
	}
	return offer, nil
}

// countingReader counts bytes read and reports every progressEvery bytes.
type countingReader struct {
	r      io.Reader
	n      int64
	last   int64
	report func(int64)
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	if c.n-c.last >= progressEvery {
		c.last = c.n
		c.report(c.n)
	}
	return n, err
}

func (c *countingReader) flush() { c.report(c.n) }

// writeLayer writes the layer's JSON (the same document json.Marshal gives
// for a catalog.Layer, one price per line) to a temporary file beside path
// and renames it into place, so a reader never sees a partial file. Prices
// are encoded one at a time: a whole-layer Marshal would hold the full
// document in memory several times over.
func writeLayer(path string, layer *catalog.Layer) error {
	head := *layer
	head.Prices = []catalog.Price{}
	hb, err := json.Marshal(&head)
	if err != nil {
		return fmt.Errorf("import: encode layer: %w", err)
	}
	// Only the key itself can appear unescaped: quotes inside string
	// values are escaped.
	const marker = `"prices":[]`
	at := bytes.Index(hb, []byte(marker))
	if at < 0 {
		return fmt.Errorf("import: encode layer: no prices field in %s", hb)
	}
	return writeAtomicFunc(path, func(w *bufio.Writer) error {
		w.Write(hb[:at+len(marker)-1])
		for i := range layer.Prices {
			pb, err := json.Marshal(&layer.Prices[i])
			if err != nil {
				return fmt.Errorf("import: encode price %s: %w", layer.Prices[i].Product, err)
			}
			if i > 0 {
				w.WriteByte(',')
			}
			w.WriteByte('\n')
			w.Write(pb)
		}
		w.WriteString("\n")
		w.Write(hb[at+len(marker)-1:])
		_, err := w.WriteString("\n")
		return err
	})
}

func writeAtomic(path string, data []byte) error {
	return writeAtomicFunc(path, func(w *bufio.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// writeAtomicFunc writes through fn to a temporary file in path's directory
// and renames it to path; on any error the temporary file is removed.
func writeAtomicFunc(path string, fn func(*bufio.Writer) error) (err error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	w := bufio.NewWriterSize(tmp, 256<<10)
	if err = fn(w); err != nil {
		return err
	}
	if err = w.Flush(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err = tmp.Sync(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
