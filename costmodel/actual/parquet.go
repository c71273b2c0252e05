package actual

import (
	"errors"
	"fmt"
	"io"
	"math/big"
	"strconv"
	"time"

	"github.com/parquet-go/parquet-go"
	pqformat "github.com/parquet-go/parquet-go/format"
)

// pqColumn is one top-level column of a Parquet bill: a plain leaf, or a
// map (tags) with its key and value leaves.
type pqColumn struct {
	name       string
	leaf       int // the leaf's column index; -1 for a map
	key, value int // a map's leaves
	kind       parquet.Kind
	logical    *pqformat.LogicalType
}

// pqRow adapts one Parquet row to cells: values by leaf, rendered as text.
type pqRow struct {
	cols   []pqColumn
	byLeaf [][]parquet.Value
	buf    []byte
}

func (r *pqRow) cell(i int) ([]byte, bool) {
	c := r.cols[i]
	if c.leaf < 0 {
		return nil, true
	}
	vs := r.byLeaf[c.leaf]
	if len(vs) == 0 || vs[0].IsNull() {
		return nil, true
	}
	r.buf = appendValue(r.buf[:0], vs[0], c)
	return r.buf, false
}

// tags reads a map column's keys and values; a plain column (tags as a
// JSON string) is left to the text path.
func (r *pqRow) tags(i int) (map[string]string, bool) {
	c := r.cols[i]
	if c.leaf >= 0 {
		return nil, false
	}
	keys, vals := r.byLeaf[c.key], r.byLeaf[c.value]
	var out map[string]string
	for j, k := range keys {
		if k.IsNull() || j >= len(vals) {
			continue
		}
		if out == nil {
			out = map[string]string{}
		}
		name := string(k.ByteArray())
		if len(name) > 5 && name[:5] == "user:" {
			name = name[5:]
		}
		out[name] = string(vals[j].ByteArray())
	}
	return out, true
}

// appendValue renders a Parquet value as the text its CSV cell would hold:
// decimals exactly from their unscaled integer, doubles in the shortest
// form that reads back to the same double, timestamps as RFC 3339.
func appendValue(b []byte, v parquet.Value, c pqColumn) []byte {
	var lt pqformat.LogicalTypeValue
	if c.logical != nil {
		lt = c.logical.Value
	}
	switch t := lt.(type) {
	case *pqformat.DecimalType:
		var unscaled big.Int
		switch v.Kind() {
		case parquet.Int32:
			unscaled.SetInt64(int64(v.Int32()))
		case parquet.Int64:
			unscaled.SetInt64(v.Int64())
		default:
			twosComplement(&unscaled, v.ByteArray())
		}
		return appendScaled(b, &unscaled, int(t.Scale))
	case *pqformat.TimestampType:
		n := v.Int64()
		var tm time.Time
		switch t.Unit.Value.(type) {
		case *pqformat.MilliSeconds:
			tm = time.UnixMilli(n)
		case *pqformat.NanoSeconds:
			tm = time.Unix(0, n)
		default:
			tm = time.UnixMicro(n)
		}
		return tm.UTC().AppendFormat(b, time.RFC3339)
	case *pqformat.DateType:
		return time.Unix(int64(v.Int32())*86400, 0).UTC().AppendFormat(b, time.DateOnly)
	}
	switch v.Kind() {
	case parquet.Boolean:
		return strconv.AppendBool(b, v.Boolean())
	case parquet.Int32:
		return strconv.AppendInt(b, int64(v.Int32()), 10)
	case parquet.Int64:
		return strconv.AppendInt(b, v.Int64(), 10)
	case parquet.Float:
		return strconv.AppendFloat(b, float64(v.Float()), 'g', -1, 32)
	case parquet.Double:
		return strconv.AppendFloat(b, v.Double(), 'g', -1, 64)
	}
	return append(b, v.ByteArray()...)
}

// twosComplement sets z to a big-endian two's complement integer.
func twosComplement(z *big.Int, b []byte) {
	z.SetBytes(b)
	if len(b) > 0 && b[0]&0x80 != 0 {
		z.Sub(z, new(big.Int).Lsh(big.NewInt(1), uint(len(b))*8))
	}
}

// appendScaled writes unscaled × 10^-scale in plain decimal notation.
func appendScaled(b []byte, unscaled *big.Int, scale int) []byte {
	s := unscaled.String()
	neg := s[0] == '-'
	if neg {
		s = s[1:]
		b = append(b, '-')
	}
	if scale <= 0 {
		b = append(b, s...)
		for range -scale {
			b = append(b, '0')
		}
		return b
	}
	for len(s) <= scale {
		s = "0" + s
	}
	b = append(b, s[:len(s)-scale]...)
	b = append(b, '.')
	return append(b, s[len(s)-scale:]...)
}

var errBadParquet = errors.New("not a readable Parquet file")

// readParquet streams a Parquet bill row group by row group.
func readParquet(ra io.ReaderAt, size int64, info Info, opts Options, fn func(Line) error) (out Info, err error) {
	var row int64
	defer func() {
		// A corrupt file can make the decoder panic; it is bad input, not
		// a crash.
		if r := recover(); r != nil {
			out, err = info, fmt.Errorf("%s: row %d: %v (cut off or corrupt); allowed: a complete Parquet export", info.Name, row+1, errBadParquet)
		}
	}()
	f, err := parquet.OpenFile(ra, size, parquet.SkipPageIndex(true), parquet.SkipBloomFilters(true))
	if err != nil {
		return info, fmt.Errorf("%s: %v (cut off or corrupt); allowed: a complete Parquet export", info.Name, errBadParquet)
	}
	cols, header := parquetColumns(f.Schema())
	l, err := detect(info.Name, header)
	if err != nil {
		return info, err
	}
	info.Format = l.name
	d := newDecoder(info.Name, l)
	total := f.NumRows()
	r := &pqRow{cols: cols, byLeaf: make([][]parquet.Value, len(f.Schema().Columns()))}
	buf := make([]parquet.Row, 256)
	for _, rg := range f.RowGroups() {
		rows := rg.Rows()
		for {
			n, rerr := rows.ReadRows(buf)
			for _, pr := range buf[:n] {
				row++
				for i := range r.byLeaf {
					r.byLeaf[i] = r.byLeaf[i][:0]
				}
				for _, v := range pr {
					if c := v.Column(); c >= 0 && c < len(r.byLeaf) {
						r.byLeaf[c] = append(r.byLeaf[c], v)
					}
				}
				line, err := d.decode(r, row)
				if err != nil {
					rows.Close()
					return info, err
				}
				info.Rows++
				if err := fn(line); err != nil {
					rows.Close()
					return info, err
				}
			}
			if opts.Progress != nil {
				opts.Progress(row, total)
			}
			if rerr == io.EOF {
				break
			}
			if rerr != nil {
				rows.Close()
				return info, fmt.Errorf("%s: row %d: %v (cut off or corrupt); allowed: a complete Parquet export", info.Name, row+1, errBadParquet)
			}
		}
		rows.Close()
	}
	return info, nil
}

// parquetColumns lists the top-level columns: plain leaves by name, and
// maps (key_value groups with a key and a value leaf) as one column.
func parquetColumns(s *parquet.Schema) ([]pqColumn, []string) {
	var cols []pqColumn
	var header []string
	maps := map[string]int{}
	for i, path := range s.Columns() {
		leaf, _ := s.Lookup(path...)
		switch {
		case len(path) == 1:
			t := leaf.Node.Type()
			cols = append(cols, pqColumn{name: path[0], leaf: i, kind: t.Kind(), logical: t.LogicalType()})
			header = append(header, path[0])
		case len(path) == 3 && (path[2] == "key" || path[2] == "value"):
			j, ok := maps[path[0]]
			if !ok {
				j = len(cols)
				maps[path[0]] = j
				cols = append(cols, pqColumn{name: path[0], leaf: -1, key: -1, value: -1})
				header = append(header, path[0])
			}
			if path[2] == "key" {
				cols[j].key = i
			} else {
				cols[j].value = i
			}
		}
	}
	// A map missing its key or value leaf is not a tag map.
	for i := range cols {
		if cols[i].leaf < 0 && (cols[i].key < 0 || cols[i].value < 0) {
			header[i] = "\x00" + header[i] // never a known column
		}
	}
	return cols, header
}
