package importer

import (
	"context"
	"fmt"
	"io"

	"github.com/tiercost/tiercost/costmodel/inputfile"
)

// parseJSON streams an index.json offer. Real offer files put products
// before terms, so only the kept products (a compact sku → target map) are
// held while the much larger terms section streams past.
func parseJSON(ctx context.Context, r io.Reader, b *builder) error {
	s := newScanner(ctx, r)
	var offerCode, version, published string
	kept := map[string]*target{}
	sawProducts, headerDone := false, false
	checkHeader := func() error {
		if headerDone {
			return nil
		}
		headerDone = true
		return b.header(offerCode, version, published)
	}
	err := s.object(func(key []byte) error {
		switch string(key) {
		case "offerCode", "version", "publicationDate", "formatVersion":
			k := string(key)
			v, err := s.scalar()
			if err != nil {
				return err
			}
			switch k {
			case "offerCode":
				offerCode = string(v)
			case "version":
				version = string(v)
			case "publicationDate":
				published = string(v)
			case "formatVersion":
				if string(v) != "v1.0" {
					return fmt.Errorf("%s: field formatVersion is %s; only \"v1.0\" offer files are understood", b.file, inputfile.Excerpt(string(v)))
				}
			}
			return nil
		case "products":
			if err := checkHeader(); err != nil {
				return err
			}
			sawProducts = true
			return parseProducts(s, b, offerCode, kept)
		case "terms":
			if err := checkHeader(); err != nil {
				return err
			}
			if !sawProducts {
				return fmt.Errorf("%s: field terms comes before products; an AWS offer file lists products first, which streaming needs", b.file)
			}
			return parseTerms(s, b, kept)
		}
		return s.skip()
	})
	if err != nil {
		return err
	}
	if end, err := s.atEnd(); err != nil {
		return err
	} else if !end {
		return s.syntax("data after the top-level object")
	}
	if err := checkHeader(); err != nil {
		return err
	}
	if !sawProducts {
		return fmt.Errorf("%s: field products is missing; an AWS offer file maps each sku to its product", b.file)
	}
	return nil
}

func parseProducts(s *scanner, b *builder, offerCode string, kept map[string]*target) error {
	var a attrs
	var norm []byte
	return s.object(func(key []byte) error {
		sku := string(key)
		b.products++
		a = attrs{}
		err := s.object(func(k []byte) error {
			switch string(k) {
			case "productFamily":
				v, err := s.scalar()
				a.family = string(v)
				return err
			case "attributes":
				return s.object(func(ak []byte) error {
					norm = normalize(norm[:0], ak)
					f := a.field(norm)
					if f == nil {
						return s.skip()
					}
					v, err := s.scalar()
					*f = string(v)
					return err
				})
			}
			return s.skip()
		})
		if err != nil {
			return err
		}
		t, why := classify(offerCode, &a)
		if why != "" {
			b.skip(why)
			return nil
		}
		kept[sku] = &t
		return nil
	})
}

func parseTerms(s *scanner, b *builder, kept map[string]*target) error {
	var dims []dim
	var ta termAttrs
	return s.object(func(key []byte) error {
		kind := string(key)
		if kind != "OnDemand" && kind != "Reserved" {
			// Spot or other purchase kinds the catalog does not hold.
			return s.skip()
		}
		return s.object(func(skuKey []byte) error {
			t := kept[string(skuKey)]
			if t == nil {
				return s.skip()
			}
			sku := string(skuKey)
			return s.object(func([]byte) error {
				dims, ta = dims[:0], termAttrs{}
				if err := parseTerm(s, &dims, &ta); err != nil {
					return err
				}
				if kind == "Reserved" {
					return b.reserved(sku, t, ta, dims)
				}
				for _, d := range dims {
					if err := b.onDemand(sku, t, d); err != nil {
						return err
					}
				}
				return nil
			})
		})
	})
}

func parseTerm(s *scanner, dims *[]dim, ta *termAttrs) error {
	return s.object(func(k []byte) error {
		switch string(k) {
		case "priceDimensions":
			return s.object(func([]byte) error {
				var d dim
				err := s.object(func(dk []byte) error {
					var field *string
					switch string(dk) {
					case "unit":
						field = &d.unit
					case "description":
						field = &d.desc
					case "beginRange":
						field = &d.begin
					case "endRange":
						field = &d.end
					case "pricePerUnit":
						return s.object(func(cur []byte) error {
							if string(cur) != "USD" {
								return s.skip()
							}
							v, err := s.scalar()
							d.usd, d.hasUSD = string(v), true
							return err
						})
					default:
						return s.skip()
					}
					v, err := s.scalar()
					*field = string(v)
					return err
				})
				if err != nil {
					return err
				}
				*dims = append(*dims, d)
				return nil
			})
		case "termAttributes":
			return s.object(func(ak []byte) error {
				var field *string
				switch string(ak) {
				case "LeaseContractLength":
					field = &ta.length
				case "PurchaseOption":
					field = &ta.payment
				case "OfferingClass":
					field = &ta.class
				default:
					return s.skip()
				}
				v, err := s.scalar()
				*field = string(v)
				return err
			})
		}
		return s.skip()
	})
}
