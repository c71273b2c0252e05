package tui

import "strconv"

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

// fmtUsersShort abbreviates a user count as the advisor's findings write
// it, so the header and the findings name the same number: 200, 6.7k,
// 140.3k, 1.2m (m as in the 1m tier).
func fmtUsersShort(u float64) string {
	switch {
	case u >= 1e9: // beyond the advisor's range; keeps overview cells short
		return strconv.FormatFloat(u/1e9, 'f', 1, 64) + "b"
	case u >= 1e6:
		return strconv.FormatFloat(u/1e6, 'f', 1, 64) + "m"
	case u >= 1e3:
		return strconv.FormatFloat(u/1e3, 'f', 1, 64) + "k"
	}
	return fmtUsers(u)
}
