package output

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

func sampleGrid() *Grid {
	g := &Grid{Columns: []Column{
		{Header: "NAME", Wrap: true, Min: 8},
		{Header: "QTY", Right: true},
		{Header: "NOTE", Drop: 1},
		{Header: "COST", Right: true},
	}}
	g.Add("alpha beta gamma", "1,000", "a note", "$1.00")
	g.Add("x", "5", "n", "$10.00")
	return g
}

// TestGridFit: natural widths NAME 16, QTY 5, NOTE 6, COST 6, so the
// table is 16+5+6+6 plus 3 gaps of 2 = 39 wide.
func TestGridFit(t *testing.T) {
	natural := "" +
		"NAME                QTY  NOTE      COST\n" +
		"alpha beta gamma  1,000  a note   $1.00\n" +
		"x                     5  n       $10.00\n"
	for _, tc := range []struct {
		name  string
		width int
		want  string
	}{
		// 39 fits in 40, and 0 means no limit: nothing moves.
		{"fits", 40, natural},
		{"no limit", 0, natural},
		// At 30: NAME at its Min 8 still needs 5+6+6+8 + 6 = 31, so NOTE
		// goes; the rest is 5+6 + 2 gaps = 15 wide, leaving NAME 15, and
		// "alpha beta gamma" (16) wraps after "beta". The note wraps at 30
		// with a hang of 2.
		{"drops then wraps", 30, "" +
			"NAME               QTY    COST\n" +
			"alpha beta       1,000   $1.00\n" +
			"gamma\n" +
			"x                    5  $10.00\n" +
			"Not shown, to fit 30\n" +
			"  characters: NOTE (--wide\n" +
			"  shows them)\n"},
		// At 20 nothing else may go: QTY, COST and their gap take 15, so
		// NAME goes below its Min, to 5.
		{"below the minimum", 20, "" +
			"NAME     QTY    COST\n" +
			"alpha  1,000   $1.00\n" +
			"beta\n" +
			"gamma\n" +
			"x          5  $10.00\n" +
			"Not shown, to fit 20\n" +
			"  characters: NOTE\n" +
			"  (--wide shows\n" +
			"  them)\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := sampleGrid().Write(&buf, tc.width); err != nil {
				t.Fatal(err)
			}
			if buf.String() != tc.want {
				t.Errorf("got:\n%s\nwant:\n%s", buf.String(), tc.want)
			}
		})
	}
}

// TestGridDropOrder: columns go in their Drop order, lowest first,
// whatever their place, and only as many as needed.
func TestGridDropOrder(t *testing.T) {
	g := &Grid{Columns: []Column{
		{Header: "A"}, {Header: "BBBB", Drop: 2}, {Header: "CCCC", Drop: 1}, {Header: "DDDD", Drop: 3},
	}}
	// Natural: 1+4+4+4 + 6 = 19. At 13 CCCC goes (13); at 12 BBBB too (7).
	// The note wraps at the width, then the width less the hang of 2.
	for width, want := range map[int]string{
		19: "A  BBBB  CCCC  DDDD\n",
		13: "A  BBBB  DDDD\nNot shown, to\n  fit 13\n  characters:\n  CCCC\n  (--wide\n  shows them)\n",
		12: "A  DDDD\nNot shown,\n  to fit 12\n  characters\n  : BBBB,\n  CCCC\n  (--wide\n  shows\n  them)\n",
	} {
		var buf bytes.Buffer
		if err := g.Write(&buf, width); err != nil {
			t.Fatal(err)
		}
		if buf.String() != want {
			t.Errorf("width %d:\n%q\nwant:\n%q", width, buf.String(), want)
		}
	}
}

func TestWrapCell(t *testing.T) {
	for _, tc := range []struct {
		name  string
		cell  string
		width int
		col   Column
		want  []string
	}{
		// Indent 4 and hang 2 leave 20-4-2 = 14: "Data transfer" (13) fits,
		// "+ out" would make 17.
		{"tree name", "    Data transfer out (United States)", 20, Column{Hang: 2},
			[]string{"    Data transfer", "      out (United", "      States)"}},
		// Room 10-2 = 8: "aa bb," (6), then "aa bb, cc dd," would be 13.
		{"list items stay whole", "aa bb, cc dd, ee", 10, Column{Sep: ", ", Hang: 2},
			[]string{"aa bb,", "  cc dd,", "  ee"}},
		// An item wider than the line wraps on its own, and the next item
		// still starts after a space: room 14-2 = 12.
		{"long item", "a, bb cc dd ee ff, g", 14, Column{Sep: ", ", Hang: 2},
			[]string{"a,", "  bb cc dd ee", "  ff, g"}},
		// A word longer than the line breaks after its last ':' or '/'
		// that fits in 12 ("aws:s3/"), else where the line ends.
		{"long word", "aws:s3/bucketServerSide:Bucket", 12, Column{Breaks: ":/"},
			[]string{"aws:s3/", "bucketServer", "Side:Bucket"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := wrapCell(tc.cell, tc.width, tc.col); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("wrapCell = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestWrap(t *testing.T) {
	for _, tc := range []struct {
		name        string
		text        string
		width, hang int
		want        string
	}{
		{"no limit", "a b c", 0, 2, "a b c"},
		{"short enough", "a b c", 5, 2, "a b c"},
		// Indent 2: the first line has 18 columns, the rest 16; "25 %"
		// stays one word, so no line starts with "%".
		{"hang and percent", "  a finding about 25 % reserved memory", 20, 2,
			"  a finding about\n    25 % reserved\n    memory"},
		// Each line of a block wraps on its own and keeps its indent.
		{"block", "why: one two three\n  four five six", 12, 2,
			"why: one two\n  three\n  four five\n    six"},
		// A word longer than a line is cut where the line ends.
		{"long word", "abcdefghij", 4, 0, "abcd\nefgh\nij"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Wrap(tc.text, tc.width, tc.hang); got != tc.want {
				t.Errorf("Wrap = %q, want %q", got, tc.want)
			}
			for _, l := range strings.Split(Wrap(tc.text, tc.width, tc.hang), "\n") {
				if tc.width > 0 && len([]rune(l)) > tc.width {
					t.Errorf("line %q is wider than %d", l, tc.width)
				}
			}
		})
	}
}

// FuzzWrap: Wrap keeps every non-blank character in order, and no line is
// wider than the width when the width leaves room past the indent and
// the hang.
func FuzzWrap(f *testing.F) {
	f.Add("  a finding about 25 % reserved memory", 20, 2)
	f.Add("aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2", 30, 4)
	f.Add("≥ $44.14, 2 items not priced; 日本語のテキスト", 5, 1)
	f.Fuzz(func(t *testing.T, text string, width, hang int) {
		if width > 200 || hang < 0 || hang > 20 || !utf8.ValidString(text) || strings.ContainsAny(text, "\r\t\x1b") {
			return
		}
		got := Wrap(text, width, hang)
		if strip(got) != strip(text) {
			t.Fatalf("Wrap(%q, %d, %d) = %q: characters changed", text, width, hang, got)
		}
		if width <= 0 {
			return
		}
		for _, line := range strings.Split(text, "\n") {
			indent := len(line) - len(strings.TrimLeft(line, " "))
			if indent+hang+2 > width {
				return
			}
		}
		for _, l := range strings.Split(got, "\n") {
			if w := ansi.StringWidth(l); w > width {
				t.Fatalf("Wrap(%q, %d, %d): line %q is %d wide", text, width, hang, l, w)
			}
		}
	})
}

// strip drops all white space, which Wrap may move.
func strip(s string) string { return strings.Join(strings.Fields(s), "") }
