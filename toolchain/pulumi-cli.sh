#!/usr/bin/env bash
# Makes the real Pulumi CLI available at the version @pulumi/pulumi is pinned to, without downloading any
# prebuilt binary, and prints its bin directory (the only line on stdout; progress goes to stderr):
#   1. a regular install (`pulumi` of that version on PATH with the Go `pulumi-language-nodejs` next to it) is
#      used as is; when it lacks the dynamic-provider plugin, a small view directory of symlinks to it plus that
#      plugin is printed instead. The stand-in language host is never installed or started in that case;
#   2. otherwise `pulumi` is compiled from the Go module proxy into a version-keyed cache directory outside
#      the repository, from the module graph pinned in toolchain/pulumi-cli/go.{mod,sum};
#   3. `pulumi-language-nodejs` is compiled the same way when the proxy serves its module; when it does not
#      (the offline proxy refuses it), toolchain/pulumi-language-nodejs-shim.js is installed in its place;
#   4. `pulumi-resource-pulumi-nodejs` (the dynamic-provider plugin) is copied from @pulumi/pulumi.
# Why each step: docs/vendor-notes/pulumi.md ("The CLI build"). Idempotent: once built, a run only checks
# versions and file contents.
#
# Env: PULUMI_AIGC_CACHE         cache root (default: ${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-aigc)
#      PULUMI_AIGC_NO_PATH_CLI=1 ignore a pulumi found on PATH
#      PULUMI_AIGC_LANGHOST=auto|go|shim   how the cache provides the language host (default auto: go, else shim)
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
  install_if_changed "$here/language-host-server.js" "$bin/language-host-server.js"
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
  log "installing the stand-in language host (toolchain/pulumi-language-nodejs-shim.js): it serves the engine's"
  log "LanguageRuntime calls and runs the project's real @pulumi/pulumi/cmd/run like the Go host does."
  log "Set PULUMI_AIGC_LANGHOST=go to insist on the Go build once the proxy serves the module."
  install_langhost_shim
}

# The Python language host: Pulumi's Go host module is refused by the proxy too, so the cache gets the stand-in
# (toolchain/pulumi-language-python-shim.js) unless a real host is already there. A Python project has no
# node_modules, so the stand-in's gRPC modules are copied beside the bin directory (langhost-node/); its Python
# runtime is made by scripts/setup.js (scripts/python-runtime.js).
install_python_langhost() {
  local current="$bin/pulumi-language-python"
  if [ -x "$current" ] && ! grep -q "Stand-in for Pulumi's Go language host" "$current"; then return; fi
  install_if_changed "$here/language-host-server.js" "$bin/language-host-server.js"
  install_if_changed "$here/pulumi-language-python-shim.js" "$current"
  local src="$repo/node_modules" dest="$prefix/langhost-node" stamp pkg
  local pkgs=(@pulumi/pulumi @grpc/grpc-js @js-sdsl/ordered-map google-protobuf)
  stamp="$(for pkg in "${pkgs[@]}"; do cat "$src/$pkg/package.json"; done | sha256sum | cut -c1-16)" \
    || die "missing gRPC modules in $src: run 'npm ci' first"
  [ "$(cat "$dest/.stamp" 2>/dev/null)" = "$stamp" ] && return
  log "copying the stand-in Python host's gRPC modules into $dest"
  local tmp="$dest.tmp.$$"
  rm -rf "$tmp" && mkdir -p "$tmp/node_modules/@pulumi/pulumi" "$tmp/node_modules/@grpc" "$tmp/node_modules/@js-sdsl"
  cp -R "$src/@pulumi/pulumi/package.json" "$src/@pulumi/pulumi/proto" "$tmp/node_modules/@pulumi/pulumi/"
  for pkg in "${pkgs[@]:1}"; do cp -R "$src/$pkg" "$tmp/node_modules/$pkg"; done
  echo "$stamp" > "$tmp/.stamp"
  rm -rf "$dest" && mv "$tmp" "$dest"
}

# 1. A regular install wins. Every `pulumi` on PATH is considered in order, not only the first: a shell that
# once evaluated the setup environment has the cache (and so the stand-in) ahead of a regular install.
regular_install_bin() {
  local dir candidate real_bin prefix_real
  prefix_real="$(readlink -m "$prefix")"
  local IFS=:
  for dir in $PATH; do
    candidate="$dir/pulumi"
    [ -n "$dir" ] && [ -x "$candidate" ] && [ ! -d "$candidate" ] || continue
    real_bin="$(dirname "$(readlink -f "$candidate")")"
    case "$real_bin" in "$prefix_real"/*) continue ;; esac   # the cache or its view directory
    [ "$(version_of "$candidate")" = "v$VERSION" ] || continue
    [ -x "$real_bin/pulumi-language-nodejs" ] && ! is_shim "$real_bin/pulumi-language-nodejs" || continue
    echo "$real_bin"
    return 0
  done
  return 1
}

# A regular install without the dynamic-provider plugin next to it: the engine looks plugins up on PATH
# before the directory of `pulumi`, so a directory of symlinks to the install plus the plugin, first on PATH,
# completes it without writing into it.
regular_install_view() {
  local view="$prefix/regular-install/bin"
  mkdir -p "$view"
  ln -sfn "$1/pulumi" "$view/pulumi"
  ln -sfn "$1/pulumi-language-nodejs" "$view/pulumi-language-nodejs"
  install_dynamic_provider_script "$view"
  echo "$view"
}

if [ "${PULUMI_AIGC_NO_PATH_CLI:-}" != "1" ] && regular_bin="$(regular_install_bin)"; then
  if [ -x "$regular_bin/pulumi-resource-pulumi-nodejs" ]; then
    log "using the regular install of pulumi v$VERSION on PATH ($regular_bin)"
    echo "$regular_bin"
  else
    log "using the regular install of pulumi v$VERSION on PATH ($regular_bin), completed with the"
    log "dynamic-provider plugin from @pulumi/pulumi in $prefix/regular-install/bin"
    regular_install_view "$regular_bin"
  fi
  exit 0
fi

# 2-4. The cache, built or completed as needed.
mkdir -p "$bin"
if [ "$(version_of "$bin/pulumi")" != "v$VERSION" ]; then
  log "building the Pulumi CLI v$VERSION into $prefix (once per machine)"
  build_pulumi
fi
ensure_langhost
install_python_langhost
install_dynamic_provider_script "$bin"
log "pulumi v$VERSION ready in $bin"
echo "$bin"
