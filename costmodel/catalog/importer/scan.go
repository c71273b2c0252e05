package importer

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"hash/maphash"
	"io"
	"strconv"
	"unicode/utf8"

	"github.com/tiercost/tiercost/costmodel/inputfile"
)

// scanner is a minimal streaming JSON reader, written for offer files that
// are gigabytes long: it reads through a fixed window, decodes only the
// values the caller asks for and skips the rest without allocating.
// encoding/json's Token API costs several allocations per token, which is
// far below the 100 MB/s an EC2 offer needs.
type scanner struct {
	r   io.Reader
	ctx context.Context
	buf []byte
	pos int
	end int
	// off is the file offset of buf[0]; lines counts the newlines before it.
	off     int64
	lines   int
	eof     bool
	scratch []byte
}

const (
	scanWindow = 1 << 20
	// maxToken bounds one string or number, and so the scanner's memory;
	// real offers never come close.
	maxToken = 16 << 20
)

func newScanner(ctx context.Context, r io.Reader) *scanner {
	return &scanner{r: r, ctx: ctx, buf: make([]byte, scanWindow)}
}

// errSyntax marks malformed JSON; the message carries the byte offset.
var errSyntax = errors.New("malformed JSON")

func (s *scanner) syntax(format string, args ...any) error {
	pos := min(s.pos, s.end)
	line := s.lines + bytes.Count(s.buf[:pos], []byte("\n")) + 1
	return fmt.Errorf("%w at line %d (byte %d): %s", errSyntax, line, s.off+int64(pos), fmt.Sprintf(format, args...))
}

// fill moves unread bytes to the front and reads more. It reports false at
// end of input; a read error other than EOF is returned.
func (s *scanner) fill() (bool, error) {
	if s.eof {
		return false, nil
	}
	if err := s.ctx.Err(); err != nil {
		return false, err
	}
	if s.pos > 0 {
		s.lines += bytes.Count(s.buf[:s.pos], []byte("\n"))
		copy(s.buf, s.buf[s.pos:s.end])
		s.end -= s.pos
		s.off += int64(s.pos)
		s.pos = 0
	}
	if s.end == len(s.buf) {
		// A single token is longer than the window: grow, within reason.
		if len(s.buf) >= maxToken {
			return false, s.syntax("a single value is longer than %d MB", maxToken>>20)
		}
		nb := make([]byte, 2*len(s.buf))
		copy(nb, s.buf[:s.end])
		s.buf = nb
	}
	for {
		n, err := s.r.Read(s.buf[s.end:])
		s.end += n
		if err == io.EOF {
			s.eof = true
			return n > 0, nil
		}
		if err != nil {
			return false, err
		}
		if n > 0 {
			return true, nil
		}
	}
}

// more makes sure at least one unread byte is buffered.
func (s *scanner) more() error {
	for s.pos >= s.end {
		ok, err := s.fill()
		if err != nil {
			return err
		}
		if !ok {
			return s.syntax("unexpected end of input")
		}
	}
	return nil
}

// peek skips white space and returns the next byte without consuming it.
func (s *scanner) peek() (byte, error) {
	for {
		for s.pos < s.end {
			switch c := s.buf[s.pos]; c {
			case ' ', '\n', '\r', '\t':
				s.pos++
			default:
				return c, nil
			}
		}
		if err := s.more(); err != nil {
			return 0, err
		}
	}
}

func (s *scanner) expect(c byte) error {
	got, err := s.peek()
	if err != nil {
		return err
	}
	if got != c {
		return s.syntax("expected %q, found %q", c, got)
	}
	s.pos++
	return nil
}

// atEnd reports whether only white space is left.
func (s *scanner) atEnd() (bool, error) {
	for {
		for s.pos < s.end {
			switch s.buf[s.pos] {
			case ' ', '\n', '\r', '\t':
				s.pos++
			default:
				return false, nil
			}
		}
		ok, err := s.fill()
		if err != nil {
			return false, err
		}
		if !ok {
			return true, nil
		}
	}
}

// rawString consumes a string and returns its bytes between the quotes,
// still escaped, valid until the next read. It assumes the opening quote is
// at s.pos.
func (s *scanner) rawString() ([]byte, bool, error) {
	i := s.pos + 1
	for {
		q := bytes.IndexByte(s.buf[i:s.end], '"')
		if q >= 0 {
			j := i + q
			// An odd run of backslashes before the quote escapes it.
			n := 0
			for k := j - 1; k > s.pos && s.buf[k] == '\\'; k-- {
				n++
			}
			if n%2 == 1 {
				i = j + 1
				continue
			}
			raw := s.buf[s.pos+1 : j]
			s.pos = j + 1
			return raw, bytes.IndexByte(raw, '\\') >= 0, nil
		}
		rel := s.end - s.pos
		ok, err := s.fill()
		if err != nil {
			return nil, false, err
		}
		if !ok {
			return nil, false, s.syntax("unterminated string")
		}
		i = s.pos + rel
	}
}

// str reads a string value and returns it unescaped, valid until the next
// read.
func (s *scanner) str() ([]byte, error) {
	c, err := s.peek()
	if err != nil {
		return nil, err
	}
	if c != '"' {
		return nil, s.syntax("expected a string, found %q", c)
	}
	raw, esc, err := s.rawString()
	if err != nil || !esc {
		return raw, err
	}
	out, ok := unescape(s.scratch[:0], raw)
	if !ok {
		return nil, s.syntax("invalid escape in string")
	}
	s.scratch = out
	return out, nil
}

// scalar reads a string, number, boolean or null and returns its text
// (null reads as ""). Objects and arrays are an error.
func (s *scanner) scalar() ([]byte, error) {
	c, err := s.peek()
	if err != nil {
		return nil, err
	}
	switch c {
	case '"':
		return s.str()
	case '{', '[':
		return nil, s.syntax("expected a string, found %q", c)
	}
	lit, err := s.literal()
	if err != nil {
		return nil, err
	}
	if string(lit) == "null" {
		return nil, nil
	}
	return lit, nil
}

// literal consumes a number, true, false or null.
func (s *scanner) literal() ([]byte, error) {
	start := 0
	for {
		for i := s.pos + start; i < s.end; i++ {
			switch s.buf[i] {
			case ',', '}', ']', ' ', '\n', '\r', '\t', ':', '"', '{', '[':
				if i == s.pos {
					return nil, s.syntax("expected a value, found %q", s.buf[i])
				}
				lit := s.buf[s.pos:i]
				s.pos = i
				return checkLiteral(s, lit)
			}
		}
		start = s.end - s.pos
		ok, err := s.fill()
		if err != nil {
			return nil, err
		}
		if !ok {
			if start == 0 {
				return nil, s.syntax("unexpected end of input")
			}
			lit := s.buf[s.pos:s.end]
			s.pos = s.end
			return checkLiteral(s, lit)
		}
	}
}

func checkLiteral(s *scanner, lit []byte) ([]byte, error) {
	switch string(lit) {
	case "true", "false", "null":
		return lit, nil
	}
	if _, err := strconv.ParseFloat(string(lit), 64); err != nil {
		return nil, s.syntax("invalid literal %s", inputfile.Excerpt(string(lit)))
	}
	return lit, nil
}

// skip consumes one value of any kind.
func (s *scanner) skip() error {
	c, err := s.peek()
	if err != nil {
		return err
	}
	switch c {
	case '"':
		_, _, err := s.rawString()
		return err
	case '{', '[':
		return s.skipNested()
	default:
		_, err := s.literal()
		return err
	}
}

// skipNested skips an object or array by counting brackets outside strings.
// It does not validate the contents: skipped values are ignored anyway.
func (s *scanner) skipNested() error {
	depth := 0
	for {
		buf := s.buf[:s.end]
		i := s.pos
		for i < len(buf) {
			switch buf[i] {
			case '"':
				s.pos = i
				if _, _, err := s.rawString(); err != nil {
					return err
				}
				buf = s.buf[:s.end]
				i = s.pos
				continue
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					s.pos = i + 1
					return nil
				}
			}
			i++
		}
		s.pos = i
		if err := s.more(); err != nil {
			return err
		}
	}
}

// object walks an object, calling fn for each key; fn must consume exactly
// the key's value. key is only valid until fn reads from the scanner.
func (s *scanner) object(fn func(key []byte) error) error {
	if err := s.expect('{'); err != nil {
		return err
	}
	c, err := s.peek()
	if err != nil {
		return err
	}
	if c == '}' {
		s.pos++
		return nil
	}
	var kb [64]byte
	var names nameSet
	for {
		k, err := s.str()
		if err != nil {
			return err
		}
		if names.add(k) {
			return s.syntax("name %s given twice in one object; allowed: each name once", inputfile.Excerpt(string(k)))
		}
		key := append(kb[:0], k...)
		if err := s.expect(':'); err != nil {
			return err
		}
		if err := fn(key); err != nil {
			return err
		}
		c, err := s.peek()
		if err != nil {
			return err
		}
		s.pos++
		switch c {
		case ',':
		case '}':
			return nil
		default:
			s.pos--
			return s.syntax("expected ',' or '}' after object member, found %q", c)
		}
	}
}

// unescape decodes JSON string escapes into dst.
func unescape(dst, raw []byte) ([]byte, bool) {
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		if c != '\\' {
			dst = append(dst, c)
			continue
		}
		i++
		if i >= len(raw) {
			return dst, false
		}
		switch raw[i] {
		case '"', '\\', '/':
			dst = append(dst, raw[i])
		case 'b':
			dst = append(dst, '\b')
		case 'f':
			dst = append(dst, '\f')
		case 'n':
			dst = append(dst, '\n')
		case 'r':
			dst = append(dst, '\r')
		case 't':
			dst = append(dst, '\t')
		case 'u':
			if i+5 > len(raw) {
				return dst, false
			}
			v, err := strconv.ParseUint(string(raw[i+1:i+5]), 16, 32)
			if err != nil {
				return dst, false
			}
			dst = utf8.AppendRune(dst, rune(v))
			i += 4
		default:
			return dst, false
		}
	}
	return dst, true
}

// nameSet remembers an object's names by hash, to refuse a name given
// twice (a silent last-wins would hide a damaged file). Most objects have
// a few dozen names, checked in a fixed array; only the big sku maps
// spill into a map. A 64-bit hash collision between two names of one
// object is vanishingly unlikely.
type nameSet struct {
	small [48]uint64
	n     int
	big   map[uint64]struct{}
}

var nameSeed = maphash.MakeSeed()

// add records a name and reports whether it was already there.
func (ns *nameSet) add(name []byte) bool {
	h := maphash.Bytes(nameSeed, name)
	if ns.big != nil {
		if _, dup := ns.big[h]; dup {
			return true
		}
		ns.big[h] = struct{}{}
		return false
	}
	for _, x := range ns.small[:ns.n] {
		if x == h {
			return true
		}
	}
	if ns.n < len(ns.small) {
		ns.small[ns.n] = h
		ns.n++
		return false
	}
	ns.big = make(map[uint64]struct{}, 2*len(ns.small))
	for _, x := range ns.small {
		ns.big[x] = struct{}{}
	}
	ns.big[h] = struct{}{}
	return false
}
