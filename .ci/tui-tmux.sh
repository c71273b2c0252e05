#!/usr/bin/env bash
# tui-tmux.sh: end-to-end check of the real TUI. Builds ./cmd/tiercost,
# runs it in a detached tmux session at 100x30, opens the what-ifs, raises
# users, and asserts that the header's monthly total and tier both changed;
# then quits and checks the exit status. Exits non-zero on any failure.
#
# TIERCOST_TUI_PKG overrides the package to build (default ./cmd/tiercost).
# TIERCOST_TUI_ARGS passes extra arguments to the binary (default: none, so
# it opens on the embedded defaults). TIERCOST_TUI_TIMEOUT is the seconds to
# wait for each priced screen (default 90).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
timeout_s=${TIERCOST_TUI_TIMEOUT:-90}
command -v tmux >/dev/null || { echo "tui-tmux: tmux is not installed (apt-get install -y tmux)" >&2; exit 2; }

tmp=$(mktemp -d)
session="tiercost-tui-$$"
cleanup() {
	tmux kill-session -t "$session" 2>/dev/null || true
	rm -rf "$tmp"
}
trap cleanup EXIT

fail() {
	echo "tui-tmux: FAIL: $*" >&2
	if [ -s "$tmp/exit" ]; then
		echo "tui-tmux: tiercost had already exited with status $(cat "$tmp/exit"); its stderr:" >&2
		cat "$tmp/stderr" >&2 || true
	fi
	echo "---- pane ----" >&2
	tmux capture-pane -p -t "$session" 2>/dev/null >&2 || true
	exit 1
}

pkg=${TIERCOST_TUI_PKG:-./cmd/tiercost}
(cd "$root" && go build ${TIERCOST_TUI_BUILDFLAGS:-} -o "$tmp/tiercost" "$pkg") || { echo "tui-tmux: FAIL: go build $pkg" >&2; exit 1; }

# NO_COLOR keeps the captured text plain; the exit status lands in a file.
tmux new-session -d -s "$session" -x 100 -y 30 -c "$root" \
	"env TERM=xterm-256color NO_COLOR=1 $tmp/tiercost ${TIERCOST_TUI_ARGS:-} 2>$tmp/stderr; echo \$? > $tmp/exit; cat $tmp/stderr; sleep 30"

pane() { tmux capture-pane -p -t "$session"; }
header() { pane | head -n 1; }
total_of() { grep -oE '\$[0-9,]+\.[0-9]{2}/mo' <<<"$1" | head -n 1 || true; }
tier_of() { grep -oE 'tier [0-9a-z]+' <<<"$1" | head -n 1 || true; }

# wait_until CMD...: poll every 0.2 s until CMD succeeds or time runs out.
wait_until() {
	local deadline=$((SECONDS + timeout_s))
	until "$@"; do
		[ "$SECONDS" -lt "$deadline" ] || return 1
		sleep 0.2
	done
}

priced() { [ -n "$(total_of "$(header)")" ] && [ -n "$(tier_of "$(header)")" ] && ! pane | grep -q 're-pricing'; }
wait_until priced || fail "no priced header (\$X/mo and 'tier ...') within ${timeout_s}s"
pane | grep -q '\[1 Overview\]' || fail "the overview tab is not the first screen"

base_header=$(header)
base_total=$(total_of "$base_header")
base_tier=$(tier_of "$base_header")
echo "tui-tmux: baseline $base_total, $base_tier"

# Open the what-ifs and raise users three decades (12 quarter-decade
# steps): a tier moves where its first limit is reached, which for the
# smallest environments lies more than two decades up (dev: 200 users, the
# 10k tier from 20k).
tmux send-keys -t "$session" 3
wait_until bash -c "tmux capture-pane -p -t '$session' | grep -q '\[3 What-ifs\]'" || fail "the what-ifs tab did not open"
for _ in $(seq 12); do tmux send-keys -t "$session" u; done

changed() {
	local h
	h=$(header)
	priced && [ "$(total_of "$h")" != "$base_total" ] && [ "$(tier_of "$h")" != "$base_tier" ]
}
if ! wait_until changed; then
	# At the top tier going up cannot change the tier: go six decades down.
	for _ in $(seq 24); do tmux send-keys -t "$session" U; done
	wait_until changed || fail "total and tier did not both change from '$base_total, $base_tier'"
fi
new_header=$(header)
echo "tui-tmux: what-if $(total_of "$new_header"), $(tier_of "$new_header")"
pane | grep -q 'what-if: users' || fail "the status line does not name the changed knob"
pane | grep -qE 'Δ vs baseline +[+-]\$' || fail "no delta from the baseline in the what-if view"

tmux send-keys -t "$session" q
wait_until test -s "$tmp/exit" || fail "q did not quit"
code=$(cat "$tmp/exit")
[ "$code" = 0 ] || fail "tiercost exited with status $code"
echo "tui-tmux: PASS"
