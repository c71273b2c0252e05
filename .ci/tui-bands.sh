#!/usr/bin/env bash
# tui-bands.sh: the real TUI in tmux at 80x24 and 120x40 shows the band
# line "P50 $X (P10–P90 $Y–$Z)" for prod, prices it again after a what-if
# (users up one step) and opens the tornado with b; no number on screen
# is cut (as tui-walk.sh checks). Exits non-zero on any failure, printing
# the screen.
#
# TIERCOST_TUI_TIMEOUT is the seconds to wait for each band (default 240:
# a band is 265 estimates plus the tornado's); TIERCOST_TUI_KEEP=DIR keeps
# every captured screen there.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
timeout_s=${TIERCOST_TUI_TIMEOUT:-240}
command -v tmux >/dev/null || { echo "tui-bands: tmux is not installed (apt-get install -y tmux)" >&2; exit 2; }
export LC_ALL=C.UTF-8

tmp=$(mktemp -d)
session="tiercost-bands-$$"
cleanup() {
	tmux kill-session -t "$session" 2>/dev/null || true
	rm -rf "$tmp"
}
trap cleanup EXIT
(cd "$root" && go build -o "$tmp/tiercost" ./cmd/tiercost) || { echo "tui-bands: FAIL: go build" >&2; exit 1; }

pane() { tmux capture-pane -p -t "$session"; }
fail() {
	echo "tui-bands: FAIL ($size): $*" >&2
	echo "---- pane ----" >&2
	pane >&2 || true
	exit 1
}
# wait_for PATTERN: until the pane shows PATTERN (grep -E) and no band is
# being priced.
wait_for() {
	local deadline=$((SECONDS + timeout_s)) p
	while :; do
		p=$(pane)
		if grep -qE -- "$1" <<<"$p" && ! grep -qE 'updating…|sampling the assumptions' <<<"$p"; then
			return 0
		fi
		[ "$SECONDS" -lt "$deadline" ] || fail "waited ${timeout_s}s for /$1/"
		sleep 0.5
	done
}
screens=0
check() {
	local name=$1 p edge ell
	p=$(pane)
	screens=$((screens + 1))
	if [ -n "${TIERCOST_TUI_KEEP:-}" ]; then
		mkdir -p "$TIERCOST_TUI_KEEP"
		printf '%s\n' "$p" >"$TIERCOST_TUI_KEEP/bands_${size}_$(printf '%02d' "$screens")_$name.txt"
	fi
	edge=$(grep -nE "^.{$((w - 1))}[0-9]\$" <<<"$p" || true)
	ell=$(grep -nE '\$[0-9][0-9,.]*[kMB]?…|[0-9],[0-9]{0,2}…' <<<"$p" || true)
	[ -z "$edge" ] || fail "$name: a number runs into the right edge: $edge"
	[ -z "$ell" ] || fail "$name: a number is cut by an ellipsis: $ell"
}
band='^P50 (≥ )?\$[0-9,.]+ \(P10–P90 (≥ )?\$[0-9,.]+–\$[0-9,.]+\)'

run() {
	w=$1 h=$2 size="${1}x${2}"
	tmux kill-session -t "$session" 2>/dev/null || true
	tmux new-session -d -s "$session" -x "$w" -y "$h" -c "$root" \
		"env TERM=xterm-256color NO_COLOR=1 $tmp/tiercost tui --env prod; sleep 30"
	wait_for "$band"
	check band
	first=$(pane | sed -n 2p)
	tmux send-keys -t "$session" 3 u
	sleep 1
	wait_for 'what-if'
	wait_for "$band"
	second=$(pane | sed -n 2p)
	[ "$first" != "$second" ] || fail "the band did not change after a what-if: $second"
	check band-whatif
	tmux send-keys -t "$session" b
	wait_for 'What matters most'
	pane | grep -qE '^users +\$' || fail "the tornado has no users row"
	check tornado
	tmux send-keys -t "$session" b q
	sleep 0.5
	echo "tui-bands: $size: $first → $second"
}

run 80 24
run 120 40
echo "tui-bands: PASS ($screens screens at 80x24 and 120x40: band, band after a what-if, tornado)"
