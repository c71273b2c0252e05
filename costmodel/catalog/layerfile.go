package catalog

import (
	"bufio"
	stdjson "encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
	"github.com/shopspring/decimal"

	"github.com/tiercost/tiercost/costmodel/inputfile"
)

// Layer files are JSON: json.Marshal of a Layer. Decimals are JSON strings.

// wireLayer and wirePrice mirror Layer and Price with pointers, so a field
// that is missing can be told from one that is zero.
type wireLayer struct {
	Name   string      `json:"name"`
	Offers []Offer     `json:"offers"`
	AsOf   string      `json:"asOf"`
	Prices []wirePrice `json:"prices"`
}

type wirePrice struct {
	Product     *ProductKey      `json:"product"`
	Term        *Term            `json:"term"`
	Unit        *string          `json:"unit"`
	USD         *decimal.Decimal `json:"usd"`
	TierStart   *decimal.Decimal `json:"tierStart"`
	TierEnd     *decimal.Decimal `json:"tierEnd"`
	Description string           `json:"description"`
	Source      *string          `json:"source"`
	AsOf        *string          `json:"asOf"`
}

// layerShape is what a layer file must look like, for error messages.
const layerShape = "a price catalog file (the JSON that tiercost pricing import writes)"

// ParseLayer reads a layer file's bytes. name (the file path) is used in
// errors and becomes the layer's Name. A missing layer asOf is taken from
// the oldest price. Unknown fields, names given twice and trailing data
// are errors.
func ParseLayer(name string, data []byte) (*Layer, error) {
	var w wireLayer
	if err := inputfile.UnmarshalJSON(name, data, &w, true, layerShape); err != nil {
		return nil, err
	}
	return w.layer(name)
}

func (w *wireLayer) layer(name string) (*Layer, error) {
	if len(w.Prices) == 0 {
		return nil, fmt.Errorf("%s: field prices: empty; a layer holds at least one price", name)
	}
	l := &Layer{Name: name, Offers: w.Offers, AsOf: w.AsOf, Prices: make([]Price, 0, len(w.Prices))}
	for i, wp := range w.Prices {
		p, field, err := wp.price()
		if err != nil {
			return nil, fmt.Errorf("%s: prices[%d]: field %s: %v", name, i, field, err)
		}
		l.Prices = append(l.Prices, p)
	}
	w.Prices = nil
	if err := checkDuplicates(l.Prices); err != nil {
		return nil, fmt.Errorf("%s: field prices: %v", name, err)
	}
	if l.AsOf == "" {
		l.AsOf = oldestAsOf(l.Prices)
	} else if err := validDate(l.AsOf); err != nil {
		return nil, fmt.Errorf("%s: field asOf: %v", name, err)
	}
	return l, nil
}

func (wp wirePrice) price() (Price, string, error) {
	missing := errors.New("missing")
	switch {
	case wp.Product == nil:
		return Price{}, "product", missing
	case wp.Term == nil:
		return Price{}, "term", missing
	case wp.Unit == nil:
		return Price{}, "unit", missing
	case wp.USD == nil:
		return Price{}, "usd", missing
	case wp.Source == nil:
		return Price{}, "source", missing
	case wp.AsOf == nil:
		return Price{}, "asOf", missing
	}
	if !wp.Product.valid() {
		return Price{}, "product", fmt.Errorf("%s is not a product key; allowed: service|product|region|attrs, as tiercost pricing import writes", inputfile.Excerpt(string(*wp.Product)))
	}
	p := Price{Product: *wp.Product, Term: *wp.Term, Unit: *wp.Unit, USD: *wp.USD, TierEnd: wp.TierEnd,
		Description: wp.Description, Source: *wp.Source, AsOf: *wp.AsOf}
	if wp.TierStart != nil {
		p.TierStart = *wp.TierStart
	}
	if field, err := validPrice(p); err != nil {
		return Price{}, wireField(field), err
	}
	if field, err := checkBounds(p); err != nil {
		return Price{}, field, err
	}
	return p, "", nil
}

// ReadLayerFile reads a layer file written by WriteLayerFile (or the
// importer): a regular file within the catalog size cap, streamed. The
// layer's Name is the path.
func ReadLayerFile(path string) (*Layer, error) {
	r, err := inputfile.Open(path, inputfile.Catalog)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	var w wireLayer
	dec := jsontext.NewDecoder(r)
	err = json.UnmarshalDecode(dec, &w, json.RejectUnknownMembers(true))
	if err == nil {
		if _, terr := dec.ReadToken(); terr != io.EOF {
			err = fmt.Errorf("trailing data after the layer object")
			if terr != nil && !errors.Is(terr, io.ErrUnexpectedEOF) {
				err = terr
			}
		}
	}
	if err != nil {
		return nil, inputfile.JSONError(path, inputfile.LinesOfFile(path, inputfile.Catalog), err, layerShape)
	}
	return w.layer(path)
}

// WriteLayerFile writes a layer as indented JSON, replacing the file at
// path as one transaction (see Update).
func WriteLayerFile(path string, l *Layer) error {
	if l == nil || len(l.Prices) == 0 {
		return fmt.Errorf("%s: refusing to write a layer with no prices", path)
	}
	data, err := marshalLayer(l)
	if err != nil {
		return fmt.Errorf("%s: %v", path, err)
	}
	dir := filepath.Dir(path)
	unlock, err := lockDir(dir)
	if err != nil {
		return fmt.Errorf("%s: cannot lock the folder for writing: %v", path, unwrapPath(err))
	}
	defer unlock()
	removeStaleTemps(path)
	return writeAtomic(path, func(w *bufio.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// marshalLayer is the layer file encoding: indented JSON, decimals as strings.
func marshalLayer(l *Layer) ([]byte, error) {
	data, err := stdjson.MarshalIndent(l, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(data, '\n'), nil
}

// Open builds a catalog from layer files over the embedded layer. Lookup
// order is the given order, then embedded: the FIRST path that knows a
// product wins, and anything no file knows falls back to embedded.
func Open(overlayPaths ...string) (*Catalog, error) {
	layers := make([]*Layer, 0, len(overlayPaths)+1)
	seen := map[string]bool{}
	for _, p := range overlayPaths {
		if strings.TrimSpace(p) == "" {
			return nil, errors.New("catalog: empty catalog file path")
		}
		if seen[p] {
			return nil, fmt.Errorf("%s: catalog file given twice", p)
		}
		seen[p] = true
		l, err := ReadLayerFile(p)
		if err != nil {
			return nil, err
		}
		layers = append(layers, l)
	}
	return New(append(layers, Embedded())...), nil
}
