package pricing

import (
	"fmt"
	"math"
	"strconv"

	"github.com/shopspring/decimal"
	"github.com/tiercost/tiercost/costmodel/inputfile"
	"github.com/tiercost/tiercost/costmodel/resource"
)

// inputs is a record's inputs, or an object nested in them, as a pricer
// reads them. Every read a pricer makes goes through it and checks what it
// reads: an amount is a finite number >= 0, a count a whole one, a name a
// string, a switch a boolean, a block an object, a list a list. The first
// input that is not is kept on the run, and priceNew refuses the record
// with it: a wrong type or sign is one clear error naming the resource, the
// input's path and what is allowed, never a silent default or a negative
// cost.
type inputs struct {
	p   *run
	rec *resource.Record
	// m is the nested object; at the top (path "") rec.Value answers,
	// which falls back from an input to the output of the same name.
	m    map[string]any
	path string // "rootBlockDevice", "ebsBlockDevices[1]", ...
}

// in is the view of rec's own inputs.
func (p *run) in(rec *resource.Record) inputs { return inputs{p: p, rec: rec} }

// What each kind of read allows, for messages.
const (
	allowedAmount = "a number >= 0"
	allowedCount  = "a whole number >= 0"
	allowedText   = "a string"
	allowedFlag   = "true or false"
	allowedObject = "an object"
	allowedList   = "a list"
)

// present reports whether the view's object is there: always at the top,
// and for a nested object when the record holds one.
func (in inputs) present() bool { return in.path == "" || in.m != nil }

func (in inputs) value(key string) (any, bool) {
	if in.path == "" {
		return in.rec.Value(key)
	}
	v, ok := in.m[key]
	return v, ok && v != nil
}

func (in inputs) at(key string) string {
	if in.path == "" {
		return key
	}
	return in.path + "." + key
}

// bad keeps the first input that is not what a read allows.
func (in inputs) bad(key string, got any, allowed string) {
	if in.p.badInput != nil {
		return
	}
	in.p.badInput = fmt.Errorf("resource %s (%s): input %s: got %s; allowed: %s",
		inputfile.Name(in.rec.Name), in.rec.Type, in.at(key), valueWords(got), allowed)
}

// valueWords says what a value is without quoting more of it than an
// excerpt: a string as its Excerpt, a number or boolean as written, an
// object or a list by its kind.
func valueWords(v any) string {
	switch t := v.(type) {
	case string:
		return "the string " + inputfile.Excerpt(t)
	case bool:
		return strconv.FormatBool(t)
	case float64:
		return strconv.FormatFloat(t, 'g', -1, 64)
	case int:
		return strconv.Itoa(t)
	case int64:
		return strconv.FormatInt(t, 10)
	case map[string]any:
		return "an object"
	case []any:
		return "a list"
	}
	return "a value of another kind"
}

// number reads a number that must be finite and not negative (and whole
// when whole is set).
func (in inputs) number(key string, whole bool) (decimal.Decimal, bool) {
	v, ok := in.value(key)
	if !ok {
		return decimal.Zero, false
	}
	allowed := allowedAmount
	if whole {
		allowed = allowedCount
	}
	var f float64
	switch n := v.(type) {
	case float64:
		f = n
	case int:
		f = float64(n)
	case int64:
		f = float64(n)
	default:
		in.bad(key, v, allowed)
		return decimal.Zero, false
	}
	if f < 0 || math.IsNaN(f) || math.IsInf(f, 0) || (whole && f != math.Trunc(f)) {
		in.bad(key, v, allowed)
		return decimal.Zero, false
	}
	if n, isInt := v.(int64); isInt {
		return decimal.NewFromInt(n), true
	}
	return decimal.NewFromFloat(f), true
}

// amount reads a quantity: a finite number >= 0.
func (in inputs) amount(key string) (decimal.Decimal, bool) { return in.number(key, false) }

// count reads a count of things: a whole number >= 0.
func (in inputs) count(key string) (decimal.Decimal, bool) { return in.number(key, true) }

// text reads a string; "" when it is not set.
func (in inputs) text(key string) string {
	v, ok := in.value(key)
	if !ok {
		return ""
	}
	s, isText := v.(string)
	if !isText {
		in.bad(key, v, allowedText)
	}
	return s
}

// flagOr reads a boolean, or def when it is not set.
func (in inputs) flagOr(key string, def bool) bool {
	v, ok := in.value(key)
	if !ok {
		return def
	}
	b, isBool := v.(bool)
	if !isBool {
		in.bad(key, v, allowedFlag)
	}
	return b
}

// flag reads a boolean; false when it is not set.
func (in inputs) flag(key string) bool { return in.flagOr(key, false) }

// object reads a nested object; the view of one that is not set is not
// present and reads nothing.
func (in inputs) object(key string) inputs {
	out := inputs{p: in.p, rec: in.rec, path: in.at(key)}
	v, ok := in.value(key)
	if !ok {
		return out
	}
	m, isObject := v.(map[string]any)
	if !isObject {
		in.bad(key, v, allowedObject)
	}
	out.m = m
	return out
}

func (in inputs) list(key string) []any {
	v, ok := in.value(key)
	if !ok {
		return nil
	}
	l, isList := v.([]any)
	if !isList {
		in.bad(key, v, allowedList)
	}
	return l
}

// length reads how many items a list holds (0 when it is not set).
func (in inputs) length(key string) int { return len(in.list(key)) }

// objects reads a list of objects, each with its index in its path.
func (in inputs) objects(key string) []inputs {
	l := in.list(key)
	out := make([]inputs, 0, len(l))
	for i, e := range l {
		at := fmt.Sprintf("%s[%d]", key, i)
		m, isObject := e.(map[string]any)
		if !isObject && e != nil {
			in.bad(at, e, allowedObject)
		}
		out = append(out, inputs{p: in.p, rec: in.rec, m: m, path: in.at(at)})
	}
	return out
}
