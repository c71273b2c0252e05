package tui

import (
	"math"
	"strconv"
	"strings"
)

// nextAction is the priced snapshot's next action, if any.
func (m Model) nextAction() *NextAction {
	if m.snap == nil {
		return nil
	}
	return m.snap.Next
}

// when is "at 6.7k users", or "now" when the limit is already passed.
func (n *NextAction) when() string {
	if n.Now {
		return "now"
	}
	return "at " + fmtUsersShort(n.Users) + " users"
}

// long is "at 6.7k users, database: db.t4g.micro -> db.t4g.small".
func (n *NextAction) long() string {
	return n.when() + ", " + n.Do
}

// fmtUsersShort abbreviates a user count to at most two significant
// digits below 10 of a unit: 200, 6.7k, 67k, 1.2M.
func fmtUsersShort(u float64) string {
	for _, s := range []struct {
		size   float64
		suffix string
	}{{1e9, "B"}, {1e6, "M"}, {1e3, "k"}} {
		if math.Round(u) >= s.size {
			v := u / s.size
			prec := 0
			if v < 10 {
				prec = 1
			}
			t := strconv.FormatFloat(v, 'f', prec, 64)
			return strings.TrimSuffix(t, ".0") + s.suffix
		}
	}
	return fmtUsers(u)
}
