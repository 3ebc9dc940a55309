#!/usr/bin/env bash
# Builds toolchain/sdk-gen (Pulumi's SDK codegen behind a ~100-line main) from the CLI's pinned module graph
# (toolchain/pulumi-cli/go.{mod,sum}) into the version-keyed cache beside the CLI, and prints the binary's path
# (the only line on stdout; progress goes to stderr). Rebuilt only when main.go, go.mod or go.sum change.
#
# Env: PULUMI_AIGC_CACHE  cache root (default: ${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-aigc)
set -euo pipefail

VERSION="3.248.0"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cache_root="${PULUMI_AIGC_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-aigc}"
prefix="$cache_root/pulumi-v$VERSION"
bin="$prefix/tools/sdk-gen"
stamp="$bin.sha256"

log() { printf '[sdk-gen] %s\n' "$*" >&2; }
die() { printf '[sdk-gen] error: %s\n' "$*" >&2; exit 1; }

want="$(cat "$here/sdk-gen/main.go" "$here/pulumi-cli/go.mod" "$here/pulumi-cli/go.sum" | sha256sum | cut -d' ' -f1)"
if [ -x "$bin" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$want" ]; then
  echo "$bin"
  exit 0
fi

command -v go >/dev/null 2>&1 || die "Go is not installed: it is needed once, to compile the SDK generator (Go >= 1.25)."
export GOTOOLCHAIN=local CGO_ENABLED=0 GOFLAGS=-mod=readonly
work="$prefix/build/sdk-gen"
mkdir -p "$work" "$(dirname "$bin")"
cp "$here/pulumi-cli/go.mod" "$here/pulumi-cli/go.sum" "$here/sdk-gen/main.go" "$work/"
start=$(date +%s)
log "go build sdk-gen (cold: minutes on 2 cores; warm, after the CLI's build: seconds)"
# The checksum database has no entry for pkg/v3 on this proxy; go.sum (committed) pins its hash instead.
(cd "$work" && GONOSUMDB=github.com/pulumi/pulumi/pkg go build -trimpath -ldflags "-s -w" -o "$bin.tmp.$$" . >&2)
mv -f "$bin.tmp.$$" "$bin"
echo "$want" > "$stamp"
log "built sdk-gen in $(( $(date +%s) - start ))s"
echo "$bin"
