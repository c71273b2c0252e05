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

me=tui-bands busy='updating…|sampling the assumptions' poll_s=0.5 keep_prefix=bands_
# shellcheck source=tmux-pane.sh
. "$root/.ci/tmux-pane.sh"
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
