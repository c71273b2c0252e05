# tmux-pane.sh: the pane helpers the TUI checks share (sourced by
# tui-walk.sh and tui-bands.sh, not run on its own). The sourcing script
# sets: me (its name, for messages), session, timeout_s, busy (a grep -E
# pattern of a screen still being priced), poll_s, keep_prefix, and before
# each screen w and size.

pane() { tmux capture-pane -p -t "$session"; }

fail() {
	echo "$me: FAIL ($size): $*" >&2
	echo "---- pane ----" >&2
	pane >&2 || true
	exit 1
}

# wait_for PATTERN: until the pane shows PATTERN (grep -E) and nothing is
# being priced.
wait_for() {
	local deadline=$((SECONDS + timeout_s)) p
	while :; do
		p=$(pane)
		if grep -qE -- "$1" <<<"$p" && ! grep -qE -- "$busy" <<<"$p"; then
			return 0
		fi
		[ "$SECONDS" -lt "$deadline" ] || fail "waited ${timeout_s}s for /$1/"
		sleep "$poll_s"
	done
}

screens=0
# check NAME: the pane at width w has no cut number.
check() {
	local name=$1 p edge ell
	p=$(pane)
	screens=$((screens + 1))
	if [ -n "${TIERCOST_TUI_KEEP:-}" ]; then
		mkdir -p "$TIERCOST_TUI_KEEP"
		printf '%s\n' "$p" >"$TIERCOST_TUI_KEEP/${keep_prefix}${size}_$(printf '%02d' "$screens")_$name.txt"
	fi
	# A digit in the last column: the views leave it empty, so a number
	# there ran into the edge.
	edge=$(grep -nE "^.{$((w - 1))}[0-9]\$" <<<"$p" || true)
	# An ellipsis right after a money amount or a grouped number.
	ell=$(grep -nE '\$[0-9][0-9,.]*[kMB]?…|[0-9],[0-9]{0,2}…' <<<"$p" || true)
	[ -z "$edge" ] || fail "$name: a number runs into the right edge: $edge"
	[ -z "$ell" ] || fail "$name: a number is cut by an ellipsis: $ell"
}
