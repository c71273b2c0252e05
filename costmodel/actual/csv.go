package actual

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/tiercost/tiercost/costmodel/inputfile"
)

// csvRecords splits RFC 4180 CSV into records without copying a record
// that fits the read buffer and has no quotes. Bills are large and plain,
// and encoding/csv allocates a string per field, so this reader hands out
// byte slices that stay valid until the next call.
type csvRecords struct {
	r *bufio.Reader
	// spill holds a record that spans reads (a quoted newline, or a
	// record longer than the read buffer).
	spill []byte
	// unquoted holds the fields' unescaped bytes of a record with quotes.
	unquoted []byte
	fields   []field
	// row is the record number of the last record read, header = 1.
	row int64
}

// field is one cell: its bytes, and whether it was quoted (a bare NULL
// means no value; a quoted "NULL" is the text NULL).
type field struct {
	b      []byte
	quoted bool
}

var errOpenQuote = errors.New("a quoted value is not closed")

// next returns the next record's fields; io.EOF after the last. A blank
// line is skipped.
func (c *csvRecords) next() ([]field, error) {
	for {
		rec, err := c.record()
		if err != nil {
			return nil, err
		}
		c.row++
		if len(rec) == 0 {
			continue
		}
		if err := c.split(rec); err != nil {
			return nil, err
		}
		return c.fields, nil
	}
}

// record reads one whole record, its line ending removed.
func (c *csvRecords) record() ([]byte, error) {
	c.spill = c.spill[:0]
	quotes := 0
	for {
		line, err := c.r.ReadSlice('\n')
		switch {
		case err == bufio.ErrBufferFull:
			c.spill = append(c.spill, line...)
			quotes += bytes.Count(line, quote)
			if len(c.spill) > maxRecord {
				return nil, errTooLong
			}
			continue
		case err == io.EOF && len(line) == 0 && len(c.spill) == 0:
			return nil, io.EOF
		case err != nil && err != io.EOF:
			return nil, err
		}
		quotes += bytes.Count(line, quote)
		var rec []byte
		if len(c.spill) == 0 && quotes%2 == 0 {
			rec = line
		} else {
			c.spill = append(c.spill, line...)
			rec = c.spill
		}
		if quotes%2 == 1 {
			if err == io.EOF {
				return nil, errOpenQuote
			}
			if len(c.spill) > maxRecord {
				return nil, errTooLong
			}
			continue // a newline inside quotes: the record goes on
		}
		rec = bytes.TrimSuffix(rec, newline)
		rec = bytes.TrimSuffix(rec, carriageReturn)
		if len(rec) > maxRecord {
			return nil, errTooLong
		}
		return rec, nil
	}
}

var (
	quote          = []byte{'"'}
	newline        = []byte{'\n'}
	carriageReturn = []byte{'\r'}
	errTooLong     = fmt.Errorf("longer than %s", inputfile.HumanSize(maxRecord))
	errStrayQuote  = errors.New("a quote inside an unquoted value")
	errAfterQuote  = errors.New("text after a closing quote")
)

// split cuts a record into c.fields.
func (c *csvRecords) split(rec []byte) error {
	c.fields = c.fields[:0]
	if bytes.IndexByte(rec, '"') < 0 {
		for {
			i := bytes.IndexByte(rec, ',')
			if i < 0 {
				c.fields = append(c.fields, field{b: rec})
				return nil
			}
			c.fields = append(c.fields, field{b: rec[:i]})
			rec = rec[i+1:]
		}
	}
	c.unquoted = c.unquoted[:0]
	if cap(c.unquoted) < len(rec) {
		c.unquoted = make([]byte, 0, len(rec))
	}
	for {
		if len(rec) == 0 || rec[0] != '"' {
			i := bytes.IndexByte(rec, ',')
			cell := rec
			if i >= 0 {
				cell = rec[:i]
			}
			if bytes.IndexByte(cell, '"') >= 0 {
				return errStrayQuote
			}
			c.fields = append(c.fields, field{b: cell})
			if i < 0 {
				return nil
			}
			rec = rec[i+1:]
			continue
		}
		// A quoted value: "" stands for one quote.
		rec = rec[1:]
		start := len(c.unquoted)
		for {
			i := bytes.IndexByte(rec, '"')
			if i < 0 {
				return errOpenQuote
			}
			c.unquoted = append(c.unquoted, rec[:i]...)
			rec = rec[i+1:]
			if len(rec) > 0 && rec[0] == '"' {
				c.unquoted = append(c.unquoted, '"')
				rec = rec[1:]
				continue
			}
			break
		}
		// c.unquoted never grows past its capacity (the record's length),
		// so earlier fields' slices stay valid.
		c.fields = append(c.fields, field{b: c.unquoted[start:len(c.unquoted):len(c.unquoted)], quoted: true})
		switch {
		case len(rec) == 0:
			return nil
		case rec[0] != ',':
			return errAfterQuote
		}
		rec = rec[1:]
	}
}

// csvRow adapts one CSV record to cells.
type csvRow []field

func (r csvRow) cell(i int) ([]byte, bool) {
	f := r[i]
	return f.b, len(f.b) == 0 || (!f.quoted && string(f.b) == "NULL")
}

// readCSV streams a CSV bill: the header, then one Line per record.
func readCSV(r *bufio.Reader, info Info, progress func(), fn func(Line) error) (Info, error) {
	recs := &csvRecords{r: r}
	fail := func(err error) (Info, error) {
		switch {
		case errors.Is(err, errOpenQuote):
			return info, fmt.Errorf("%s: row %d: %v (is the file cut off?); allowed: a complete CSV export", info.Name, recs.row+1, err)
		case errors.Is(err, errTooLong):
			return info, fmt.Errorf("%s: row %d: is %v; allowed: CSV rows up to %s", info.Name, recs.row+1, err, inputfile.HumanSize(maxRecord))
		case errors.Is(err, errStrayQuote), errors.Is(err, errAfterQuote):
			return info, fmt.Errorf("%s: row %d: not valid CSV: %v; allowed: RFC 4180 CSV", info.Name, recs.row, err)
		}
		return info, readError(info.Name, err)
	}
	fields, err := recs.next()
	if err == io.EOF {
		return info, fmt.Errorf("%s: the file is empty; allowed: a FOCUS 1.0/1.1 or CUR 2.0 export (CSV, gzip or Parquet)", info.Name)
	}
	if err != nil {
		return fail(err)
	}
	header := make([]string, len(fields))
	for i, f := range fields {
		header[i] = string(f.b)
	}
	// A byte order mark inside a gzip stream is not the file's first
	// bytes, so inputfile has not stripped it.
	header[0] = strings.TrimPrefix(header[0], "\ufeff")
	l, err := detect(info.Name, header)
	if err != nil {
		return info, err
	}
	info.Format = l.name
	d := newDecoder(info.Name, l)
	var sinceProgress int64
	for {
		fields, err := recs.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return fail(err)
		}
		if len(fields) != l.cols {
			return info, fmt.Errorf("%s: row %d: has %d columns, the header has %d (is the file cut off?); allowed: every row as wide as the header",
				info.Name, recs.row, len(fields), l.cols)
		}
		line, err := d.decode(csvRow(fields), recs.row)
		if err != nil {
			return info, err
		}
		info.Rows++
		if err := fn(line); err != nil {
			return info, err
		}
		if sinceProgress++; sinceProgress == 4096 {
			sinceProgress = 0
			progress()
		}
	}
	progress()
	return info, nil
}
