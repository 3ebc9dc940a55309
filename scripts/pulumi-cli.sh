#!/usr/bin/env bash
# Makes the real Pulumi CLI available at the version @pulumi/pulumi is pinned to, without downloading any
# prebuilt binary, and prints its bin directory (the only line on stdout; progress goes to stderr):
#   1. a `pulumi` of that version already on PATH, with its language host next to it, is used as is;
#   2. otherwise `pulumi` is compiled from the Go module proxy into a version-keyed cache directory outside
#      the repository, from the module graph pinned in scripts/pulumi-cli/go.{mod,sum}
#      (see ../shared/reference/pulumi.md §2.6);
#   3. `pulumi-language-nodejs` is compiled the same way when the proxy serves its module; when it does not
#      (the offline proxy refuses it), scripts/pulumi-language-nodejs-shim.js is installed in its place;
#   4. `pulumi-resource-pulumi-nodejs` (the dynamic-provider plugin) is copied from @pulumi/pulumi.
# Idempotent: once built, a run only checks versions and file contents.
#
# Env: PULUMI_AIGC_CACHE         cache root (default: ${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-aigc)
#      PULUMI_AIGC_NO_PATH_CLI=1 ignore a pulumi found on PATH
#      PULUMI_AIGC_LANGHOST=auto|go|shim   how to provide the language host (default auto: go, else shim)
set -euo pipefail

VERSION="3.248.0"
# The language host module has no tags; this is the commit tagged v3.248.0 and sdk/v3.248.0.
LANGHOST_MODULE="github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3"
LANGHOST_COMMIT="a88168d865b7fd428e5a929cc54aeceaf72d203f"

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
cache_root="${PULUMI_AIGC_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-aigc}"
prefix="$cache_root/pulumi-v$VERSION"
bin="$prefix/bin"
langhost_mode="${PULUMI_AIGC_LANGHOST:-auto}"

log() { printf '[pulumi-cli] %s\n' "$*" >&2; }
die() { printf '[pulumi-cli] error: %s\n' "$*" >&2; exit 1; }

# Nothing we run may reach out for plugins or update checks.
export PULUMI_SKIP_UPDATE_CHECK=true PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true

version_of() { "$1" version 2>/dev/null | tr -d '[:space:]' || true; }

# install SRC DEST: copy only when the content differs (keeps runs idempotent and quiet).
install_if_changed() {
  [ -f "$1" ] || die "missing $1"
  if ! cmp -s "$1" "$2" 2>/dev/null; then
    log "installing $(basename "$2") into $(dirname "$2")"
    install -m 0755 "$1" "$2.tmp.$$" && mv -f "$2.tmp.$$" "$2"
  fi
}

install_dynamic_provider_script() {
  local src="$repo/node_modules/@pulumi/pulumi/pulumi-resource-pulumi-nodejs"
  [ -f "$src" ] || die "missing $src: run 'npm ci' first (the dynamic-provider plugin is copied from @pulumi/pulumi)"
  install_if_changed "$src" "$1/pulumi-resource-pulumi-nodejs"
}

is_shim() { grep -q "Stand-in for Pulumi's Go language host" "$1" 2>/dev/null; }

require_go() {
  command -v go >/dev/null 2>&1 || die "Go is not installed. It is needed once, to compile the Pulumi CLI v$VERSION from Go modules into $prefix. Install Go >= 1.25 (the 'go' machine kind has it at /usr/local/go), or put pulumi v$VERSION with pulumi-language-nodejs on PATH."
  export GOTOOLCHAIN=local CGO_ENABLED=0 GOFLAGS=-mod=readonly
  local v
  v="$(go env GOVERSION)"
  case "$v" in
    go1.2[5-9]*|go1.[3-9][0-9]*) ;;
    *) die "Go $v is too old: the Pulumi v$VERSION modules need go >= 1.25.11" ;;
  esac
}

ldflags="-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v$VERSION"

# go_build NAME PACKAGE: compile into $bin/NAME from the current directory's module.
go_build() {
  local start
  start=$(date +%s)
  log "go build $1 (cold: ~3-5 min on 2 cores plus module downloads; warm: seconds)"
  go build -trimpath -tags osusergo,grpcnotrace -ldflags "$ldflags" -o "$bin/$1.tmp.$$" "$2" >&2
  mv -f "$bin/$1.tmp.$$" "$bin/$1"
  log "built $1 in $(( $(date +%s) - start ))s ($(du -h "$bin/$1" | cut -f1))"
}

build_pulumi() {
  require_go
  local work="$prefix/build/pulumi"
  mkdir -p "$work" "$bin"
  cp "$here/pulumi-cli/go.mod" "$here/pulumi-cli/go.sum" "$here/pulumi-cli/tools.go" "$work/"
  # The checksum database has no entry for pkg/v3 on this proxy; go.sum (committed) pins its hash instead.
  (cd "$work" && GONOSUMDB=github.com/pulumi/pulumi/pkg go_build pulumi github.com/pulumi/pulumi/pkg/v3/cmd/pulumi)
  [ "$(version_of "$bin/pulumi")" = "v$VERSION" ] || die "built pulumi reports '$(version_of "$bin/pulumi")', expected v$VERSION"
}

# Tries the real language host; returns non-zero when its module cannot be fetched.
build_langhost_go() {
  require_go
  local work="$prefix/build/langhost"
  mkdir -p "$work" "$bin"
  log "fetching $LANGHOST_MODULE@${LANGHOST_COMMIT:0:12}"
  if ! (cd "$work" && GOFLAGS=-mod=mod go mod download -json "$LANGHOST_MODULE@$LANGHOST_COMMIT" >"$work/download.json" 2>&1); then
    log "the Go proxy does not serve the language host module: $(sed -n 's/.*"Error": "\(.*\)".*/\1/p' "$work/download.json" | tail -c 200)"
    return 1
  fi
  cat > "$work/go.mod" <<GOMOD
module pulumi-aigc-langhost-build

go 1.25.11

require (
	github.com/pulumi/pulumi/pkg/v3 v$VERSION
	github.com/pulumi/pulumi/sdk/v3 v$VERSION
)

replace github.com/atotto/clipboard => github.com/tgummerer/clipboard v0.0.0-20241001131231-d02d263e614e
GOMOD
  printf '//go:build tools\n\npackage tools\n\nimport _ "%s"\n' "$LANGHOST_MODULE" > "$work/tools.go"
  (cd "$work" \
    && GOFLAGS=-mod=mod GONOSUMDB=github.com/pulumi/pulumi go get "$LANGHOST_MODULE@$LANGHOST_COMMIT" >&2 \
    && GOFLAGS=-mod=mod go mod edit -require="github.com/pulumi/pulumi/pkg/v3@v$VERSION" -require="github.com/pulumi/pulumi/sdk/v3@v$VERSION" \
    && GOFLAGS=-mod=mod GONOSUMDB=github.com/pulumi/pulumi go mod tidy >&2 \
    && GONOSUMDB=github.com/pulumi/pulumi go_build pulumi-language-nodejs "$LANGHOST_MODULE") || return 1
}

install_langhost_shim() {
  install_if_changed "$here/pulumi-language-nodejs-shim.js" "$bin/pulumi-language-nodejs"
}

ensure_langhost() {
  local current="$bin/pulumi-language-nodejs"
  case "$langhost_mode" in
    shim) install_langhost_shim; return ;;
    go) if [ -x "$current" ] && ! is_shim "$current"; then return; fi
        build_langhost_go || die "could not build pulumi-language-nodejs from Go modules (PULUMI_AIGC_LANGHOST=go)"; return ;;
    auto) ;;
    *) die "PULUMI_AIGC_LANGHOST must be auto, go or shim (got '$langhost_mode')" ;;
  esac
  if [ -x "$current" ] && ! is_shim "$current"; then return; fi
  if [ -x "$current" ]; then install_langhost_shim; return; fi   # keep the stand-in current
  if build_langhost_go; then return; fi
  log "installing the stand-in language host (scripts/pulumi-language-nodejs-shim.js): it serves the engine's"
  log "LanguageRuntime calls and runs the project's real @pulumi/pulumi/cmd/run like the Go host does."
  log "Set PULUMI_AIGC_LANGHOST=go to insist on the Go build once the proxy serves the module."
  install_langhost_shim
}

# 1. A pulumi of the right version on PATH (and its bundled plugins next to it) wins.
if [ "${PULUMI_AIGC_NO_PATH_CLI:-}" != "1" ] && path_cli="$(command -v pulumi 2>/dev/null)"; then
  path_bin="$(dirname "$(readlink -f "$path_cli")")"
  if [ "$path_bin" != "$bin" ] && [ "$(version_of "$path_cli")" = "v$VERSION" ] && [ -x "$path_bin/pulumi-language-nodejs" ]; then
    if [ -x "$path_bin/pulumi-resource-pulumi-nodejs" ]; then
      log "using pulumi v$VERSION found on PATH ($path_bin)"
      echo "$path_bin"
      exit 0
    fi
    log "pulumi v$VERSION on PATH has no pulumi-resource-pulumi-nodejs next to it; using the cache instead"
  fi
fi

# 2-4. The cache, built or completed as needed.
mkdir -p "$bin"
if [ "$(version_of "$bin/pulumi")" != "v$VERSION" ]; then
  log "building the Pulumi CLI v$VERSION into $prefix (once per machine)"
  build_pulumi
fi
ensure_langhost
install_dynamic_provider_script "$bin"
log "pulumi v$VERSION ready in $bin"
echo "$bin"
