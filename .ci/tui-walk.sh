#!/usr/bin/env bash
# tui-walk.sh: walks every view of the real TUI in tmux at 80x24 and
# 120x40 (overview, breakdown expanded and with provenance, what-ifs with a
# users step, a typed value, a refused typed value and a typed region,
# findings, budget, both charts, the help of every view) and checks that no
# number on screen is cut: no line reaches the last column with a digit,
# and no ellipsis ends a money amount or a grouped number. It also shrinks
# the window below the minimum (60x15) and expects the "terminal too small"
# screen. Exits non-zero on any failure, printing the screen.
#
# TIERCOST_TUI_PKG overrides the package to build (default ./cmd/tiercost);
# TIERCOST_TUI_TIMEOUT is the seconds to wait for each priced screen
# (default 90); TIERCOST_TUI_KEEP=DIR keeps every captured screen there.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
timeout_s=${TIERCOST_TUI_TIMEOUT:-90}
command -v tmux >/dev/null || { echo "tui-walk: tmux is not installed (apt-get install -y tmux)" >&2; exit 2; }
# Character (not byte) counting in the checks below.
export LC_ALL=C.UTF-8

tmp=$(mktemp -d)
session="tiercost-walk-$$"
cleanup() {
	tmux kill-session -t "$session" 2>/dev/null || true
	rm -rf "$tmp"
}
trap cleanup EXIT

pkg=${TIERCOST_TUI_PKG:-./cmd/tiercost}
(cd "$root" && go build -o "$tmp/tiercost" "$pkg") || { echo "tui-walk: FAIL: go build $pkg" >&2; exit 1; }

me=tui-walk busy='re-pricing|Pricing |[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏⣾⣽⣻⢿⡿⣟⣯⣷] ' poll_s=0.2 keep_prefix=
# shellcheck source=tmux-pane.sh
. "$root/.ci/tmux-pane.sh"

# key K [PATTERN]: send K, wait for PATTERN (default: the screen settles).
key() {
	tmux send-keys -t "$session" "$1"
	sleep 0.3
	wait_for "${2:-.}"
}

walk() {
	w=$1 h=$2 size="${1}x${2}"
	tmux kill-session -t "$session" 2>/dev/null || true
	tmux new-session -d -s "$session" -x "$w" -y "$h" -c "$root" \
		"env TERM=xterm-256color NO_COLOR=1 $tmp/tiercost tui --env prod; sleep 30"
	wait_for '\$[0-9,.]+[kM]?/mo'
	wait_for '\[1 Overview\]'
	check overview
	key 2 '\[2 Breakdown\]'
	check breakdown
	key a '\[2 Breakdown\]'
	check breakdown-expanded
	key p '\[2 Breakdown\]'
	check breakdown-provenance
	key 3 '\[3 What-ifs\]'
	check whatif
	key u 'what-if: users'
	check whatif-users
	# Type a users count, then a value the knob's parser refuses.
	key = 'enter sets'
	key C-u 'enter sets'
	tmux send-keys -t "$session" 250000
	key Enter 'users +250,000 \*'
	check whatif-typed
	key = 'enter sets'
	key C-u 'enter sets'
	tmux send-keys -t "$session" lots
	key Enter 'is not a number'
	check whatif-refused
	key Escape '= or enter types a value'
	# The region knob is the 9th: type eu-west-1, then see its curve.
	for _ in 1 2 3 4 5 6 7 8; do tmux send-keys -t "$session" Down; done
	key = 'enter sets'
	key C-u 'enter sets'
	tmux send-keys -t "$session" eu-west-1
	key Enter 'eu-west-1 \*'
	check whatif-region
	key 4 '\[4 Findings\]'
	check findings
	key 5 '\[5 Budget\]'
	check budget
	key 6 'Monthly cost .*eu-west-1|Cost per 1k users .*eu-west-1'
	check chart
	key c '\[6 Chart\]'
	check chart-switched
	for v in 1 2 3 4 5 6; do
		key "$v" "\\[$v "
		key '?' 'Terms on this view'
		check "help-$v"
		key Escape "\\[$v "
	done
	# Below the minimum size: the too-small screen, then back.
	tmux resize-window -t "$session" -x 50 -y 12
	wait_for 'Terminal too small'
	check too-small
	tmux resize-window -t "$session" -x "$w" -y "$h"
	wait_for '\[6 Chart\]'
	check resized-back
	tmux send-keys -t "$session" q
	sleep 0.5
}

walk 80 24
walk 120 40
echo "tui-walk: PASS ($screens screens at 80x24 and 120x40, no number cut)"
