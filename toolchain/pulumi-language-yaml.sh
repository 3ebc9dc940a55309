#!/usr/bin/env bash
# Makes Pulumi's YAML language host (`pulumi-language-yaml`) available for YAML programs that use the `aigc`
# provider plugin, and prints its bin directory (the only line on stdout; progress goes to stderr). It is
# compiled once per machine from the Go module proxy (`go install …@v$VERSION`) into a version-keyed cache
# directory beside the CLI's, like toolchain/pulumi-cli.sh does for the CLI: no prebuilt binary is downloaded.
# Idempotent: once built, a run only checks the version stamp.
#
# Env: PULUMI_AIGC_CACHE   cache root (default: ${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-aigc)
set -euo pipefail

VERSION="1.25.0"
MODULE="github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml"

cache_root="${PULUMI_AIGC_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-aigc}"
prefix="$cache_root/pulumi-language-yaml-v$VERSION"
bin="$prefix/bin"
stamp="$prefix/.built"

log() { printf '[pulumi-language-yaml] %s\n' "$*" >&2; }
die() { printf '[pulumi-language-yaml] error: %s\n' "$*" >&2; exit 1; }

if [ -x "$bin/pulumi-language-yaml" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$MODULE@v$VERSION" ]; then
  echo "$bin"
  exit 0
fi

command -v go >/dev/null 2>&1 || die "Go is not installed: it is needed once, to compile $MODULE@v$VERSION into $bin"
export GOTOOLCHAIN=local CGO_ENABLED=0
unset GOFLAGS   # `go install pkg@version` builds in its own module: -mod flags do not apply
mkdir -p "$bin"
start=$(date +%s)
log "go install $MODULE@v$VERSION (cold: ~1.5-3 min on 2 cores plus module downloads; once per machine)"
# The checksum database may not know every module the proxy serves (as for the CLI's pkg/v3): the module's
# own go.sum pins the hashes of its dependencies.
GOBIN="$bin" GONOSUMDB=github.com/pulumi go install -trimpath -ldflags "-s -w" "$MODULE@v$VERSION" >&2
echo "$MODULE@v$VERSION" > "$stamp"
log "built pulumi-language-yaml in $(( $(date +%s) - start ))s ($(du -h "$bin/pulumi-language-yaml" | cut -f1))"
echo "$bin"
