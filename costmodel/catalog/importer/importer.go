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
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"time"

	"github.com/tiercost/tiercost/costmodel/catalog"
	"github.com/tiercost/tiercost/costmodel/inputfile"
)

// Options tune an import. The zero value is valid.
type Options struct {
	// Progress, when set, is called as input bytes are read.
	Progress func(Progress)
	// Now is the clock used to time the import; time.Now when nil.
	Now func() time.Time
	// Replace writes a catalog of the imported prices only; by default
	// they are merged into the catalog file already at out.
	Replace bool
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
// content), maps their products to catalog keys and adds them to the
// catalog file out (the JSON of a catalog.Layer), or replaces it with
// opts.Replace. Everything is parsed, validated and merged in memory
// first, and out is changed as one transaction (catalog.Update): on any
// error, or a kill, out is left as it was.
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
	if err := catalog.Validate(layer); err != nil {
		return Summary{}, fmt.Errorf("import: %s: not written, the catalog is unchanged: %w", out, err)
	}
	err = catalog.Update(out, opts.Replace, func(current *catalog.Layer) (*catalog.Layer, error) {
		if current == nil {
			return layer, nil
		}
		return catalog.Merge(layer, current), nil
	})
	if err != nil {
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
	f, err := inputfile.Open(path, inputfile.Offer)
	if err != nil {
		return catalog.Offer{}, fmt.Errorf("import: %w", err)
	}
	defer f.Close()
	total := f.Size
	b.startFile(path)
	report := func(read int64) {
		if progress != nil {
			progress(Progress{File: path, BytesRead: read, TotalBytes: total, Products: b.products, Prices: len(b.prices)})
		}
	}
	cr := &countingReader{r: f, report: report}
	br := bufio.NewReaderSize(cr, 64<<10)
	head, _ := br.Peek(512)
	head = bytes.TrimLeft(head, " \t\r\n")
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
