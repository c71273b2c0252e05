#!/usr/bin/env bash
# Nightly-style fuzzing, not part of .ci/run: runs every fuzz target in the
# module for FUZZTIME each (default 60s), one after another, and fails on
# the first crasher (go test writes it under testdata/fuzz/ to keep).
#   .ci/fuzz.sh                 every target, 60 s each
#   FUZZTIME=10s .ci/fuzz.sh    shorter
set -euo pipefail
cd "$(dirname "$0")/.."
fuzztime="${FUZZTIME:-60s}"
start=$(date +%s)
count=0
while IFS= read -r file; do
  dir=$(dirname "$file")
  for target in $(grep -oE '^func (Fuzz[A-Za-z0-9_]+)\(' "$file" | sed -E 's/^func (Fuzz[A-Za-z0-9_]+)\(/\1/'); do
    echo "== ./$dir $target ($fuzztime, at $(( $(date +%s) - start )) s)"
    go test "./$dir" -run '^$' -fuzz "^${target}\$" -fuzztime "$fuzztime"
    count=$((count + 1))
  done
done < <(git ls-files '*_test.go' | xargs grep -l '^func Fuzz' | sort)
echo "== fuzzed $count targets in $(( $(date +%s) - start )) s"
