package capacity

import "strconv"

// text builds the words of derivations and limits, printed as fmt's verbs
// print them but without fmt's boxing and reflection: a sizing and its
// limits write some forty texts for every scenario of a band. Start one
// with newText, so its bytes stay on the stack, and end it with String.
type text []byte

// newText is an empty text with room for the longest of these words.
func newText() text { return make(text, 0, 200) }

// s is a string (%s).
func (t text) s(s string) text { return append(t, s...) }

// v is a number as %v prints a float64: shortest, %e past 1e21.
func (t text) v(x float64) text { return strconv.AppendFloat(t, x, 'g', -1, 64) }

// f is a number with prec decimals (%.1f for prec 1).
func (t text) f(x float64, prec int) text { return strconv.AppendFloat(t, x, 'f', prec, 64) }

// g4 is a number with four significant digits (%.4g).
func (t text) g4(x float64) text { return strconv.AppendFloat(t, x, 'g', 4, 64) }

// d is a whole number (%d).
func (t text) d(n int) text { return strconv.AppendInt(t, int64(n), 10) }

func (t text) String() string { return string(t) }
