#!/usr/bin/env bash
# Builds the pinned Pulumi CLI from the Go module proxy into a cache folder
# and prints the folder holding the `pulumi` binary. A warm cache is reused:
# nothing is rebuilt when the binary for this version is already there.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
version="v3.274.1"
cache="${TIERCOST_TOOLS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/tiercost-tools}"
bin="$cache/pulumi-$version/bin"
if [ -x "$bin/pulumi" ] && "$bin/pulumi" version 2>/dev/null | grep -q "$version"; then
  echo "$bin"
  exit 0
fi
mkdir -p "$bin"
cd "$root/testdata/tools/pulumi-cli"
# The version is set by ldflags: without it the Automation API cannot parse
# the CLI's version (see shared notes on offline Pulumi).
GOFLAGS=-mod=mod go build -o "$bin/pulumi" \
  -ldflags "-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$version" \
  github.com/pulumi/pulumi/pkg/v3/cmd/pulumi >&2
echo "$bin"
