#!/usr/bin/env bash
# Provides the Pulumi CLI and the Node.js language host, and prints the directory holding them
# (last line of stdout). Progress goes to stderr. Idempotent: a second run only checks versions.
#
# 1. A `pulumi` already on PATH, v3.248.0 or newer, with `pulumi-language-nodejs` beside it or on PATH.
# 2. Otherwise the cache (outside git): ${COC_PULUMI_CACHE:-~/.cache/pulumi-huaweicloud-coc}/pulumi-v3.248.0/bin.
# 3. Otherwise both are built there with this machine's Go from the Go module proxy.
#
# The language host module (github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3) has no
# tag of its own; the release commit's pseudo-version is tried first. The module proxy reachable here
# does not serve that module at all, so the fallback builds the host from the newest served sdk/v3
# release that still carried it as a package (v3.68.0); it speaks the same language-host protocol.
set -euo pipefail

VERSION=v3.248.0
LANGHOST_PSEUDO=v3.0.0-20260624180030-dc7edd58bc13   # commit dc7edd58bc13 = tag pkg/v3.248.0
LANGHOST_FALLBACK_SDK=v3.68.0
CACHE_ROOT=${COC_PULUMI_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-huaweicloud-coc}
DIR=$CACHE_ROOT/pulumi-$VERSION
BIN=$DIR/bin

log() { printf '[pulumi-engine] %s\n' "$*" >&2; }

version_ge() { # version_ge A B: A >= B (vX.Y.Z)
  [ "$(printf '%s\n%s\n' "${1#v}" "${2#v}" | sort -V | head -n1)" = "${2#v}" ]
}

if [ -z "${COC_PULUMI_FORCE_BUILD:-}" ] && command -v pulumi >/dev/null 2>&1; then
  have=$(pulumi version 2>/dev/null || true)
  dir=$(dirname "$(command -v pulumi)")
  if [ -n "$have" ] && version_ge "$have" "$VERSION" && { [ -x "$dir/pulumi-language-nodejs" ] || command -v pulumi-language-nodejs >/dev/null 2>&1; }; then
    log "using pulumi $have from $dir"
    echo "$dir"
    exit 0
  fi
  [ -n "$have" ] && log "pulumi $have on PATH is older than $VERSION or has no Node.js language host; using the cache"
fi

# What Pulumi's own distribution keeps next to `pulumi` for Node.js programs. The engine looks for
# bundled plugins beside its own executable first; found only on PATH, it warns on every run, and not
# found at all, it tries to download them.
install_bundled() {
  # The same launcher @pulumi/pulumi ships: it runs the dynamic-provider host of the program's own
  # @pulumi/pulumi (resolved from the working directory the engine starts it in).
  cat >"$BIN/pulumi-resource-pulumi-nodejs" <<'SH'
#!/bin/sh
PULUMI_DYNAMIC_PROVIDER_SCRIPT_PATH=$(node -e "console.log(require.resolve('@pulumi/pulumi/cmd/dynamic-provider'))")
if [ ! -z "$PULUMI_DYNAMIC_PROVIDER_SCRIPT_PATH" ]; then
    node "$PULUMI_DYNAMIC_PROVIDER_SCRIPT_PATH" $@
fi
SH
  # With the fallback language host, policy packs run the way Pulumi ran them before plugins
  # (see scripts/engine.ts, policyPackPath): this launcher is what the engine starts then.
  cat >"$BIN/pulumi-analyzer-policy-nodejs-legacy-analyzer" <<'SH'
#!/bin/sh
# Runs a Node.js policy pack the way Pulumi did before language hosts could run plugins: the engine
# starts this with the pack folder as working directory and passes <engine address> . [-options].
run_policy_pack=$(node -e 'process.stdout.write(require.resolve("@pulumi/pulumi/cmd/run-policy-pack"))') || exit 1
exec node "$run_policy_pack" "$@"
SH
  chmod +x "$BIN/pulumi-resource-pulumi-nodejs" "$BIN/pulumi-analyzer-policy-nodejs-legacy-analyzer"
}

mkdir -p "$DIR"
# One build at a time: a second caller (a test run started during a build) waits, then finds the cache.
exec 9>"$DIR/.lock"
flock 9

if [ -x "$BIN/pulumi" ] && [ -x "$BIN/pulumi-language-nodejs" ] && [ "$("$BIN/pulumi" version 2>/dev/null)" = "$VERSION" ]; then
  install_bundled
  log "using cached pulumi $VERSION in $BIN"
  echo "$BIN"
  exit 0
fi

command -v go >/dev/null 2>&1 || { log "Go is needed to build Pulumi $VERSION and was not found on PATH"; exit 1; }
mkdir -p "$BIN" "$DIR/src/cli" "$DIR/src/langhost"
export CGO_ENABLED=0 GOFLAGS=-mod=mod
started=$(date +%s)

build_cli() {
  log "building the Pulumi CLI $VERSION with $(go version | cut -d' ' -f3) (a cold build takes about 5 minutes here)"
  cd "$DIR/src/cli"
  cat >go.mod <<MOD
module coc.local/pulumi-cli

go 1.25.11

require github.com/pulumi/pulumi/pkg/v3 $VERSION

// Copied from pkg/v3's own go.mod: replace directives of a dependency do not apply to its importers.
replace github.com/atotto/clipboard => github.com/tgummerer/clipboard v0.0.0-20241001131231-d02d263e614e
MOD
  printf '//go:build tools\n\npackage tools\n\nimport _ "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi"\n' >tools.go
  go mod tidy >&2
  go build -trimpath -ldflags "-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$VERSION" \
    -o "$BIN/pulumi.tmp" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi >&2
  mv "$BIN/pulumi.tmp" "$BIN/pulumi"
}

build_langhost_module() { # the release's own module, if the proxy serves it
  cd "$DIR/src/langhost"
  cat >go.mod <<MOD
module coc.local/pulumi-language-nodejs

go 1.25.11

require github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3 $LANGHOST_PSEUDO

replace github.com/atotto/clipboard => github.com/tgummerer/clipboard v0.0.0-20241001131231-d02d263e614e
MOD
  printf '//go:build tools\n\npackage tools\n\nimport _ "github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3"\n' >tools.go
  go mod tidy >&2 2>/dev/null || return 1
  go build -trimpath -ldflags "-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$VERSION" \
    -o "$BIN/pulumi-language-nodejs.tmp" github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3 >&2
}

build_langhost_fallback() {
  cd "$DIR/src/langhost"
  cat >go.mod <<MOD
module coc.local/pulumi-language-nodejs

go 1.25.11

require github.com/pulumi/pulumi/sdk/v3 $LANGHOST_FALLBACK_SDK
MOD
  printf '//go:build tools\n\npackage tools\n\nimport _ "github.com/pulumi/pulumi/sdk/v3/nodejs/cmd/pulumi-language-nodejs"\n' >tools.go
  go mod tidy >&2
  go build -trimpath -ldflags "-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$LANGHOST_FALLBACK_SDK" \
    -o "$BIN/pulumi-language-nodejs.tmp" github.com/pulumi/pulumi/sdk/v3/nodejs/cmd/pulumi-language-nodejs >&2
}

[ -x "$BIN/pulumi" ] && [ "$("$BIN/pulumi" version 2>/dev/null)" = "$VERSION" ] || build_cli
if [ ! -x "$BIN/pulumi-language-nodejs" ]; then
  log "building the Node.js language host"
  if build_langhost_module; then
    log "built the language host of $VERSION ($LANGHOST_PSEUDO)"
    rm -f "$BIN/langhost-fallback"
  else
    log "the module proxy does not serve the $VERSION language host module; building the one in sdk/v3 $LANGHOST_FALLBACK_SDK"
    build_langhost_fallback
    # Read by scripts/engine.ts: this host cannot run policy packs as plugins (no RunPlugin).
    echo "$LANGHOST_FALLBACK_SDK" >"$BIN/langhost-fallback"
  fi
  mv "$BIN/pulumi-language-nodejs.tmp" "$BIN/pulumi-language-nodejs"
fi
install_bundled
log "pulumi $("$BIN/pulumi" version) ready in $BIN after $(( $(date +%s) - started ))s"
echo "$BIN"
