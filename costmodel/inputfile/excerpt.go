package inputfile

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// excerptRunes bounds how much of an offending token a message quotes.
const excerptRunes = 32

// Hidden stands in for a value that looks like a secret.
const Hidden = "(a value that looks like a secret, not shown)"

// Excerpt renders an offending token for an error message: quoted, at
// most 32 characters, control characters escaped, and replaced by Hidden
// when it looks like a secret. Parsers quote file content only through
// Excerpt, so a mistaken path (a key file, a shadow file) never leaks.
func Excerpt(s string) string {
	if LooksSecret(s) {
		return Hidden
	}
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	cut := false
	if utf8.RuneCountInString(s) > excerptRunes {
		r := []rune(s)
		s, cut = string(r[:excerptRunes]), true
	}
	q := strconv.Quote(s)
	if cut {
		q += "…"
	}
	return q
}

var (
	secretWords = regexp.MustCompile(`(?i)secret|passw|pwd|token|private|credential|api[_-]?key|access[_-]?key|auth|bearer|session|-----begin|ssh-(rsa|ed25519|dss)|ecdsa-sha2`)
	awsKeyID    = regexp.MustCompile(`\b(AKIA|ASIA|AIDA|AROA)[A-Z0-9]{12,}`)
	cryptHash   = regexp.MustCompile(`\$(1|2[abxy]?|5|6|7|y|gy|sha1|argon2i?d?)\$`)
	// A URL with a password in it: scheme://user:password@host.
	urlCredential = regexp.MustCompile(`://[^/\s:@]*:[^/\s@]+@`)
	// A long run of key-like characters with both letters and digits.
	longToken = regexp.MustCompile(`[A-Za-z0-9+/=_\-.]{24,}`)
)

// LooksSecret reports whether s looks like a credential: it names one
// (secret, password, token, key), has the shape of an AWS key id or a
// crypt(3) hash, holds a URL with a password, or a long random-looking
// token.
func LooksSecret(s string) bool {
	if secretWords.MatchString(s) || awsKeyID.MatchString(s) || cryptHash.MatchString(s) || urlCredential.MatchString(s) {
		return true
	}
	for _, m := range longToken.FindAllString(s, -1) {
		if randomLooking(m) {
			return true
		}
	}
	return false
}

// randomLooking: upper and lower case mixed with digits or base64
// symbols, as keys are; words, paths and ids rarely mix them densely.
func randomLooking(s string) bool {
	var up, low, other int
	for _, r := range s {
		switch {
		case unicode.IsUpper(r):
			up++
		case unicode.IsLower(r):
			low++
		case unicode.IsDigit(r), r == '+', r == '/':
			other++
		}
	}
	return up >= 3 && low >= 3 && other >= 1
}

// quoted finds the spans that library error messages quote: `...`,
// '...' and "...".
var quoted = regexp.MustCompile("`[^`]*`|'[^']*'|\"(?:[^\"\\\\]|\\\\.)*\"")

// Sanitize makes a library's error message safe to show: one line, each
// quoted span replaced by its Excerpt, the whole bounded.
func Sanitize(msg string) string {
	msg = strings.Join(strings.Fields(msg), " ")
	if LooksSecret(quoted.ReplaceAllString(msg, "")) {
		return "malformed content (not shown: it looks like it holds a secret)"
	}
	msg = quoted.ReplaceAllStringFunc(msg, func(q string) string {
		inner := q[1 : len(q)-1]
		if q[0] == '"' {
			if u, err := strconv.Unquote(q); err == nil {
				inner = u
			}
		}
		return Excerpt(inner)
	})
	if utf8.RuneCountInString(msg) > 200 {
		msg = string([]rune(msg)[:200]) + "…"
	}
	return msg
}

// Name renders a key or name from a file for a message path: as written
// when it is short, printable and not secret-looking, else as its Excerpt.
func Name(s string) string {
	if utf8.RuneCountInString(s) <= 64 && !LooksSecret(s) && strings.IndexFunc(s, func(r rune) bool { return !unicode.IsPrint(r) }) < 0 {
		return s
	}
	return Excerpt(s)
}

// choiceRunes bounds a value Choice quotes: every name a closed list
// holds (tiers, formats, purchase options) is shorter.
const choiceRunes = 32

// Choice renders a value given for a field that takes one of a list of
// short names: its Excerpt when it is short, else only its length. A value
// that long is no name of any list, and one lower-cased on its way in (a
// case-insensitive flag) may no longer look like the secret it is.
func Choice(s string) string {
	if n := utf8.RuneCountInString(s); n > choiceRunes {
		return fmt.Sprintf("(a %d-character value, not shown)", n)
	}
	return Excerpt(s)
}
