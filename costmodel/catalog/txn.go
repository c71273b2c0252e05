package catalog

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/shopspring/decimal"
)

// A catalog file is changed only through Update: parse, validate and
// merge in memory, then write a temporary file in the same folder, fsync
// it, rename it over the catalog and fsync the folder, all under an
// advisory lock on the folder. A failed or killed update therefore leaves
// the previous file byte for byte, and two concurrent updates both land.

// UpdateFunc makes the new layer from the current one (nil when the file
// does not exist or the update replaces it).
type UpdateFunc func(current *Layer) (*Layer, error)

// Update changes the catalog file at path as one transaction. With
// replace, the current file is not read (so a damaged one can be
// overwritten). The new layer is validated before anything is written.
func Update(path string, replace bool, fn UpdateFunc) error {
	dir := filepath.Dir(path)
	unlock, err := lockDir(dir)
	if err != nil {
		return fmt.Errorf("%s: cannot lock the folder for writing: %v", path, unwrapPath(err))
	}
	defer unlock()
	removeStaleTemps(path)
	var current *Layer
	if !replace {
		switch _, err := os.Lstat(path); {
		case err == nil:
			if current, err = ReadLayerFile(path); err != nil {
				return fmt.Errorf("%w; pass --replace to overwrite it", err)
			}
		case !errors.Is(err, fs.ErrNotExist):
			return fmt.Errorf("%s: %v", path, unwrapPath(err))
		}
	}
	next, err := fn(current)
	if err != nil {
		return err
	}
	if err := Validate(next); err != nil {
		return fmt.Errorf("%s: not written, the catalog is unchanged: %w", path, err)
	}
	next.Name = path
	return writeAtomic(path, func(w *bufio.Writer) error { return encodeLayer(w, next) })
}

// tempPrefix names the temporary files beside path; removeStaleTemps
// knows them by it.
func tempPrefix(path string) string { return "." + filepath.Base(path) + ".tmp" }

// removeStaleTemps deletes temporary files a killed writer left behind.
// It runs under the folder lock, so no live writer owns one.
func removeStaleTemps(path string) {
	matches, _ := filepath.Glob(filepath.Join(filepath.Dir(path), globEscape(tempPrefix(path))+"*"))
	for _, m := range matches {
		if st, err := os.Lstat(m); err == nil && st.Mode().IsRegular() {
			os.Remove(m)
		}
	}
}

func globEscape(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `*`, `\*`, `?`, `\?`, `[`, `\[`)
	return r.Replace(s)
}

// writeAtomic writes through fn to a temporary file beside path, fsyncs
// it, renames it to path and fsyncs the folder; on any error the
// temporary file is removed and path is untouched.
func writeAtomic(path string, fn func(*bufio.Writer) error) (err error) {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, tempPrefix(path)+"-*")
	if err != nil {
		return fmt.Errorf("%s: cannot create a file in folder %s: %v", path, dir, unwrapPath(err))
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
		return fmt.Errorf("%s: cannot write: %v", path, unwrapPath(err))
	}
	if err = tmp.Chmod(0o644); err != nil {
		return fmt.Errorf("%s: %v", path, unwrapPath(err))
	}
	if err = tmp.Sync(); err != nil {
		return fmt.Errorf("%s: cannot write: %v", path, unwrapPath(err))
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("%s: cannot write: %v", path, unwrapPath(err))
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("%s: cannot write: %v", path, unwrapPath(err))
	}
	// The rename is durable only once the folder is synced.
	if err := syncDir(dir); err != nil {
		return fmt.Errorf("%s: written, but the folder could not be synced: %v", path, unwrapPath(err))
	}
	return nil
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// encodeLayer writes the layer's JSON (the document json.Marshal gives for
// a Layer) one price per line, so a large layer is never held in memory
// as a whole document.
func encodeLayer(w io.Writer, l *Layer) error {
	head := *l
	head.Prices = []Price{}
	hb, err := json.Marshal(&head)
	if err != nil {
		return fmt.Errorf("encode layer: %w", err)
	}
	// Only the key itself can appear unescaped: quotes inside string
	// values are escaped.
	const marker = `"prices":[]`
	at := strings.Index(string(hb), marker)
	if at < 0 {
		return fmt.Errorf("encode layer: no prices field")
	}
	bw := bufio.NewWriter(w)
	bw.Write(hb[:at+len(marker)-1])
	for i := range l.Prices {
		pb, err := json.Marshal(&l.Prices[i])
		if err != nil {
			return fmt.Errorf("encode price %s: %w", l.Prices[i].Product, err)
		}
		if i > 0 {
			bw.WriteByte(',')
		}
		bw.WriteByte('\n')
		bw.Write(pb)
	}
	bw.WriteString("\n")
	bw.Write(hb[at+len(marker)-1:])
	bw.WriteString("\n")
	return bw.Flush()
}

// Validate checks a layer as ParseLayer would: every price valid, its
// product key well formed, no product, term and tier priced twice, and
// at least one price.
func Validate(l *Layer) error {
	if l == nil || len(l.Prices) == 0 {
		return errors.New("field prices: empty; a layer holds at least one price")
	}
	for i, p := range l.Prices {
		if !p.Product.valid() {
			return fmt.Errorf("prices[%d]: field product: not a product key (service|product|region|attrs)", i)
		}
		if field, err := validPrice(p); err != nil {
			return fmt.Errorf("prices[%d] (%s): field %s: %v", i, p.Product, wireField(field), err)
		}
		if field, err := checkBounds(p); err != nil {
			return fmt.Errorf("prices[%d] (%s): field %s: %v", i, p.Product, field, err)
		}
	}
	if err := checkDuplicates(l.Prices); err != nil {
		return fmt.Errorf("field prices: %v", err)
	}
	return nil
}

// wireField names a validPrice field as the layer file spells it.
func wireField(f string) string {
	switch f {
	case "as_of":
		return "asOf"
	case "tier_start":
		return "tierStart"
	case "tier_end":
		return "tierEnd"
	}
	return f
}

// Upper bounds on what a catalog holds. The dearest AWS list price is a
// few hundred dollars an hour, and the largest tier boundary a few
// petabytes; anything beyond these is a typo or a hostile file, and a
// 1e308 would otherwise print as a 309-digit total.
var (
	MaxUSD      = decimal.New(1, 6)  // US$ per unit
	MaxQuantity = decimal.New(1, 15) // tier boundary, in units a month
)

// checkBounds refuses amounts above the documented bounds.
func checkBounds(p Price) (string, error) {
	if p.USD.GreaterThan(MaxUSD) {
		return "usd", fmt.Errorf("%s is above the bound; allowed: 0 to 1000000 US dollars per unit", abbrev(p.USD))
	}
	if p.TierStart.GreaterThan(MaxQuantity) {
		return "tierStart", fmt.Errorf("%s is above the bound; allowed: 0 to 10^15 units", abbrev(p.TierStart))
	}
	if p.TierEnd != nil && p.TierEnd.GreaterThan(MaxQuantity) {
		return "tierEnd", fmt.Errorf("%s is above the bound; allowed: 0 to 10^15 units (omit it for an open-ended tier)", abbrev(*p.TierEnd))
	}
	return "", nil
}

// abbrev renders a possibly huge decimal without printing all its digits.
func abbrev(d decimal.Decimal) string {
	s := d.String()
	if len(s) <= 24 {
		return s
	}
	return fmt.Sprintf("a %d-digit number", len(d.Coefficient().String())+int(max(d.Exponent(), 0)))
}
