package catalog

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/shopspring/decimal"
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

// ParseLayer reads a layer file's bytes. name (the file path) is used in
// errors and becomes the layer's Name. A missing layer asOf is taken from
// the oldest price.
func ParseLayer(name string, data []byte) (*Layer, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var w wireLayer
	if err := dec.Decode(&w); err != nil {
		return nil, fmt.Errorf("%s: not a price catalog file (the JSON that tiercost pricing import writes): %v", name, err)
	}
	if dec.More() {
		return nil, fmt.Errorf("%s: trailing data after the layer object", name)
	}
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
		return Price{}, "product", fmt.Errorf("%q is not a product key (service|product|region|attrs, built by the keys.go constructors)", *wp.Product)
	}
	p := Price{Product: *wp.Product, Term: *wp.Term, Unit: *wp.Unit, USD: *wp.USD, TierEnd: wp.TierEnd,
		Description: wp.Description, Source: *wp.Source, AsOf: *wp.AsOf}
	if wp.TierStart != nil {
		p.TierStart = *wp.TierStart
	}
	if field, err := validPrice(p); err != nil {
		if field == "as_of" {
			field = "asOf"
		}
		if field == "tier_start" {
			field = "tierStart"
		}
		if field == "tier_end" {
			field = "tierEnd"
		}
		return Price{}, field, err
	}
	return p, "", nil
}

// ReadLayerFile reads a layer file written by WriteLayerFile (or the
// importer). The layer's Name is the path.
func ReadLayerFile(path string) (*Layer, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("catalog layer: %w", err)
	}
	return ParseLayer(path, data)
}

// WriteLayerFile writes a layer as indented JSON, atomically: it writes a
// temporary file beside path and renames it into place.
func WriteLayerFile(path string, l *Layer) error {
	if l == nil || len(l.Prices) == 0 {
		return fmt.Errorf("%s: refusing to write a layer with no prices", path)
	}
	data, err := marshalLayer(l)
	if err != nil {
		return fmt.Errorf("%s: %v", path, err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return fmt.Errorf("%s: %v", path, err)
	}
	defer os.Remove(tmp.Name()) // no-op after a successful rename
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("%s: %v", path, err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("%s: %v", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("%s: %v", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("%s: %v", path, err)
	}
	return nil
}

// marshalLayer is the layer file encoding: indented JSON, decimals as strings.
func marshalLayer(l *Layer) ([]byte, error) {
	data, err := json.MarshalIndent(l, "", "  ")
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
