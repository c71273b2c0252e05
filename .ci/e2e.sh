#!/usr/bin/env bash
# End to end with the real Pulumi engine: builds (or reuses) the pinned
# Pulumi CLI, builds tiercost and the test-only stand-in AWS provider, then
# runs the e2e-tagged test, which deploys dev, staging and prod to a local
# file backend and compares what was deployed with what was priced.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
start=$(date +%s)
pulumi_dir="$(.ci/build-pulumi.sh)"
echo "pulumi CLI ready in $(( $(date +%s) - start )) s: $pulumi_dir"
bin="$(mktemp -d)"
trap 'rm -rf "$bin"' EXIT
(cd testdata/e2e/pulumi-resource-aws && go build -o "$bin/pulumi-resource-aws" .)
go build -o "$bin/tiercost" ./cmd/tiercost
PATH="$bin:$pulumi_dir:$PATH" E2E_TIERCOST_BIN="$bin/tiercost" \
  go test -tags e2e -run '^TestE2E' -count=1 -v ./cmd/tiercost/ 2>&1 | grep -E '^(=== RUN|--- |\s+e2e_(analyzer_)?test|PASS|FAIL|ok)' || { echo "e2e failed"; exit 1; }
echo "e2e done in $(( $(date +%s) - start )) s"
