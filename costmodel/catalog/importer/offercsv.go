package importer

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/tiercost/tiercost/costmodel/inputfile"
)

// csvCols are the positions of the term columns in a CSV offer's header.
type csvCols struct {
	sku, termCode, termType, desc, begin, end, unit, price, currency int
	length, payment, class                                           int
	// attr lists the product-attribute columns we keep, by normalized name.
	attr []csvAttr
}

type csvAttr struct {
	col  int
	norm []byte
}

// csvState carries what spans rows: products already counted and the
// reserved terms being assembled from their several rows.
type csvState struct {
	products map[string]*target // nil value: skipped
	pending  map[string]*pendingReserved
}

type pendingReserved struct {
	sku  string
	t    *target
	ta   termAttrs
	dims []dim
}

// parseCSV streams an index.csv offer: a few metadata rows, a header row
// starting with "SKU", then one row per price dimension with the product's
// attributes repeated on every row.
func parseCSV(ctx context.Context, r io.Reader, b *builder) error {
	lim := &recordLimit{r: r, file: b.file}
	cr := csv.NewReader(lim)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	meta := map[string]string{}
	var cols csvCols
	found := false
	for i := 0; i < 50 && !found; i++ {
		lim.next()
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return csvError(b.file, err)
		}
		if len(rec) > 0 && rec[0] == "SKU" {
			cols, err = csvHeader(b.file, rec)
			if err != nil {
				return err
			}
			found = true
			break
		}
		if len(rec) >= 2 {
			meta[rec[0]] = rec[1]
		}
	}
	if !found {
		return fmt.Errorf("%s: no header row starting with \"SKU\" in the first 50 rows; want an AWS Price List CSV offer (index.csv)", b.file)
	}
	if fv := meta["FormatVersion"]; fv != "v1.0" {
		return fmt.Errorf("%s: field FormatVersion is %s; only \"v1.0\" offer files are understood", b.file, inputfile.Excerpt(fv))
	}
	if err := b.header(meta["OfferCode"], meta["Version"], meta["Publication Date"]); err != nil {
		return err
	}
	st := csvState{products: map[string]*target{}, pending: map[string]*pendingReserved{}}
	var a attrs
	for n := 0; ; n++ {
		if n%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		lim.next()
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return csvError(b.file, err)
		}
		if len(rec) <= cols.maxCol() {
			line, _ := cr.FieldPos(0)
			return fmt.Errorf("%s: line %d has %d fields; the header has at least %d", b.file, line, len(rec), cols.maxCol()+1)
		}
		// Fields are slices of the whole row's string: clone what is kept,
		// or every map key would pin its row in memory.
		t, seen := st.products[rec[cols.sku]]
		sku := rec[cols.sku]
		if !seen {
			sku = strings.Clone(sku)
			b.products++
			a = attrs{}
			for _, c := range cols.attr {
				*a.field(c.norm) = rec[c.col]
			}
			tt, why := classify(b.offerCode, &a)
			if why != "" {
				b.skip(why)
			} else {
				t = &tt
			}
			st.products[sku] = t
		}
		if t == nil {
			continue
		}
		d := dim{unit: strings.Clone(rec[cols.unit]), desc: strings.Clone(rec[cols.desc]), begin: rec[cols.begin], end: rec[cols.end]}
		if cols.currency < 0 || rec[cols.currency] == "USD" || rec[cols.currency] == "" {
			d.usd, d.hasUSD = strings.Clone(rec[cols.price]), true
		}
		switch rec[cols.termType] {
		case "OnDemand":
			if err := b.onDemand(sku, t, d); err != nil {
				return err
			}
		case "Reserved":
			k := rec[cols.sku] + "." + rec[cols.termCode]
			p := st.pending[k]
			if p == nil {
				p = &pendingReserved{sku: strings.Clone(sku), t: t, ta: termAttrs{
					length:  strings.Clone(col(rec, cols.length)),
					payment: strings.Clone(col(rec, cols.payment)),
					class:   strings.Clone(col(rec, cols.class)),
				}}
				st.pending[k] = p
			}
			p.dims = append(p.dims, d)
		}
	}
	// Reserved terms are complete only once every row is read.
	keys := make([]string, 0, len(st.pending))
	for k := range st.pending {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		p := st.pending[k]
		if err := b.reserved(p.sku, p.t, p.ta, p.dims); err != nil {
			return err
		}
	}
	return nil
}

func col(rec []string, i int) string {
	if i < 0 {
		return ""
	}
	return rec[i]
}

func (c csvCols) maxCol() int {
	m := 0
	for _, i := range []int{c.sku, c.termCode, c.termType, c.desc, c.begin, c.end, c.unit, c.price, c.currency, c.length, c.payment, c.class} {
		m = max(m, i)
	}
	for _, a := range c.attr {
		m = max(m, a.col)
	}
	return m
}

func csvError(file string, err error) error {
	var pe *csv.ParseError
	if errors.Is(err, errRecordTooLong) || errors.Is(err, inputfile.ErrTooLarge) {
		return err
	}
	if errors.As(err, &pe) {
		return fmt.Errorf("%s: line %d: malformed CSV: %v", file, pe.Line, pe.Err)
	}
	return fmt.Errorf("%s: %w", file, err)
}

// csvHeader finds the columns by name. Term columns are required; product
// attribute columns are optional, as each service has its own set.
func csvHeader(file string, rec []string) (csvCols, error) {
	idx := map[string]int{}
	for i, h := range rec {
		if _, dup := idx[h]; !dup {
			idx[h] = i
		}
	}
	c := csvCols{}
	need := []struct {
		name string
		dst  *int
	}{
		{"SKU", &c.sku}, {"OfferTermCode", &c.termCode}, {"TermType", &c.termType},
		{"PriceDescription", &c.desc}, {"StartingRange", &c.begin}, {"EndingRange", &c.end},
		{"Unit", &c.unit}, {"PricePerUnit", &c.price},
	}
	for _, n := range need {
		i, ok := idx[n.name]
		if !ok {
			return c, fmt.Errorf("%s: header has no %q column; an AWS CSV offer has SKU, OfferTermCode, TermType, PriceDescription, StartingRange, EndingRange, Unit and PricePerUnit", file, n.name)
		}
		*n.dst = i
	}
	opt := func(name string) int {
		if i, ok := idx[name]; ok {
			return i
		}
		return -1
	}
	c.currency, c.length, c.payment, c.class = opt("Currency"), opt("LeaseContractLength"), opt("PurchaseOption"), opt("OfferingClass")
	var probe attrs
	seen := map[string]bool{}
	for i, h := range rec {
		n := normalize(nil, []byte(h))
		if probe.field(n) != nil && !seen[string(n)] {
			seen[string(n)] = true
			c.attr = append(c.attr, csvAttr{col: i, norm: n})
		}
	}
	return c, nil
}

// maxRecord bounds one CSV row: real rows are a few kilobytes, so a row
// of a megabyte is a damaged file, and without a bound an unterminated
// quote would buffer the whole file.
const maxRecord = 1 << 20

var errRecordTooLong = errors.New("CSV row too long")

// recordLimit fails a read once the current row has taken more than
// maxRecord bytes (plus the csv reader's read-ahead); next starts a row.
type recordLimit struct {
	r    io.Reader
	file string
	n    int
	rows int
}

func (l *recordLimit) next() { l.n = 0; l.rows++ }

func (l *recordLimit) Read(p []byte) (int, error) {
	if l.n > maxRecord+64<<10 {
		return 0, fmt.Errorf("%s: row %d: %w; allowed: rows of at most %s", l.file, l.rows, errRecordTooLong, inputfile.HumanSize(maxRecord))
	}
	n, err := l.r.Read(p)
	l.n += n
	return n, err
}
