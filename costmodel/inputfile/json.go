package inputfile

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"

	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
)

// JSON documents are read with the encoding/json/v2 semantics (the
// go-json-experiment mirror): a name given twice in one object is an
// error, names match struct fields exactly (case included), and invalid
// UTF-8 is refused.

// UnmarshalJSON decodes one JSON document from data into v, strictly: a
// BOM is stripped, duplicate names and trailing data are errors, and with
// rejectUnknown so are members v has no field for. Errors are formatted
// by JSONError.
func UnmarshalJSON(name string, data []byte, v any, rejectUnknown bool, allowed string) error {
	data = StripBOM(data)
	err := json.Unmarshal(data, v, json.RejectUnknownMembers(rejectUnknown))
	if err != nil {
		return JSONError(name, LinesOf(data), err, allowed)
	}
	return nil
}

// Lines finds the line and column of a byte offset, when it can.
type Lines func(offset int64) (line, col int, ok bool)

// LinesOf locates offsets in an in-memory document.
func LinesOf(data []byte) Lines {
	return func(off int64) (int, int, bool) {
		off = min(max(off, 0), int64(len(data)))
		before := data[:off]
		return bytes.Count(before, []byte("\n")) + 1, int(off) - bytes.LastIndexByte(before, '\n'), true
	}
}

// LinesOfFile locates offsets by reading the file again up to the offset;
// it is only used on the error path. Stdin cannot be read again.
func LinesOfFile(path string, k Kind) Lines {
	return func(off int64) (int, int, bool) {
		if path == Stdin {
			return 0, 0, false
		}
		r, err := Open(path, k)
		if err != nil {
			return 0, 0, false
		}
		defer r.Close()
		line, col := 1, 1
		buf := make([]byte, 64<<10)
		// Offsets count from after a stripped BOM, as the decoder saw it.
		for read := int64(0); read < off; {
			n, err := r.Read(buf[:min(int64(len(buf)), off-read)])
			for _, c := range buf[:n] {
				if c == '\n' {
					line, col = line+1, 1
				} else {
					col++
				}
			}
			read += int64(n)
			if err != nil {
				break
			}
		}
		return line, col, true
	}
}

// JSONError turns a decoding error into one line that names the file,
// the place (line and column when known, and the field path) and what is
// allowed, with no Go type names and no file content beyond an Excerpt.
func JSONError(name string, lines Lines, err error, allowed string) error {
	where := func(off int64) string {
		if lines != nil {
			if l, c, ok := lines(off); ok {
				return fmt.Sprintf("line %d, column %d", l, c)
			}
		}
		return fmt.Sprintf("byte %d", off)
	}
	var se *jsontext.SyntacticError
	var me *json.SemanticError
	switch {
	case errors.Is(err, ErrTooLarge):
		return err
	case errors.As(err, &se):
		if se.Err == jsontext.ErrDuplicateName {
			return fmt.Errorf("%s: %s: %s: given twice; allowed: each name once in an object", name, where(se.ByteOffset), PointerPath(string(se.JSONPointer)))
		}
		what := "malformed JSON"
		if errors.Is(se.Err, io.ErrUnexpectedEOF) {
			what = "unexpected end of JSON input"
		} else if se.Err != nil {
			what = "malformed JSON (" + Sanitize(se.Err.Error()) + ")"
		}
		at := ""
		if p := PointerPath(string(se.JSONPointer)); p != "(top level)" && !errors.Is(se.Err, io.ErrUnexpectedEOF) {
			at = " in " + p
		}
		return fmt.Errorf("%s: %s%s: %s; allowed: %s", name, where(se.ByteOffset), at, what, allowed)
	case errors.As(err, &me):
		path := PointerPath(string(me.JSONPointer))
		switch {
		case errors.Is(me.Err, json.ErrUnknownName):
			return fmt.Errorf("%s: %s: %s: unknown field; allowed: %s", name, where(me.ByteOffset), path, allowed)
		case me.JSONKind != 0 && me.GoType != nil:
			got := KindWords(me.JSONKind)
			if me.JSONValue != nil && (me.JSONKind == '0' || me.JSONKind == '"') {
				got += " " + Excerpt(strings.Trim(string(me.JSONValue), `"`))
			}
			return fmt.Errorf("%s: %s: %s: got %s; allowed: %s", name, where(me.ByteOffset), path, got, TypeWords(me.GoType))
		case me.Err != nil:
			return fmt.Errorf("%s: %s: %s: %s", name, where(me.ByteOffset), path, Sanitize(me.Err.Error()))
		}
		return fmt.Errorf("%s: %s: %s: not readable; allowed: %s", name, where(me.ByteOffset), path, allowed)
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return fmt.Errorf("%s: unexpected end of JSON input; allowed: %s", name, allowed)
	}
	return fmt.Errorf("%s: %s; allowed: %s", name, Sanitize(err.Error()), allowed)
}

// PointerPath renders a JSON pointer as a field path: /a/0/b is a[0].b.
func PointerPath(p string) string {
	if p == "" {
		return "(top level)"
	}
	var b strings.Builder
	for tok := range jsontext.Pointer(p).Tokens() {
		if isIndex(tok) {
			b.WriteString("[" + tok + "]")
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(Name(tok))
	}
	return b.String()
}

func isIndex(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// KindWords names a JSON kind: "a string", "an object".
func KindWords(k jsontext.Kind) string {
	switch k {
	case 'n':
		return "null"
	case 'f', 't':
		return "a boolean"
	case '"':
		return "a string"
	case '0':
		return "a number"
	case '{':
		return "an object"
	case '[':
		return "an array"
	}
	return "a value"
}

// TypeWords describes the JSON a Go type accepts, for "allowed:".
func TypeWords(t reflect.Type) string {
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t == nil {
		return "a JSON value"
	}
	if t.PkgPath() == "github.com/shopspring/decimal" {
		return "a decimal number (as a string, such as \"0.0104\")"
	}
	switch t.Kind() {
	case reflect.Map, reflect.Struct:
		return "a JSON object"
	case reflect.Slice, reflect.Array:
		return "a JSON array"
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "an integer"
	case reflect.Float32, reflect.Float64:
		return "a number"
	}
	return "a JSON value"
}
