#!/usr/bin/env bash
# Builds tests/peer (coc-peer: a client of the COC API on the official Huawei Cloud Go SDK, used by the
# peer tests and the benchmark) and prints the binary's absolute path (last line of stdout).
# Progress goes to stderr. Idempotent: the binary is cached, keyed by its sources.
#
# Cache (outside git): ${COC_PULUMI_CACHE:-~/.cache/pulumi-huaweicloud-coc}/peer-<hash>/coc-peer, where
# <hash> is the first 12 hex digits of the sha256 of go.mod, go.sum and every .go file in tests/peer.
# Needs Go on PATH and the Go module proxy (go.sum is complete; nothing else is fetched).
# COC_PEER_FORCE_BUILD=1 rebuilds even when the cached binary exists.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SRC=$ROOT/tests/peer
CACHE_ROOT=${COC_PULUMI_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-huaweicloud-coc}

log() { printf '[peer-build] %s\n' "$*" >&2; }

[ -f "$SRC/go.mod" ] && [ -f "$SRC/go.sum" ] || { log "no go.mod/go.sum in $SRC"; exit 1; }

# The key: file names and contents, in a fixed order, so renaming or adding a file changes it too.
hash=$(
  cd "$SRC"
  { printf '%s\n' go.mod go.sum; find . -maxdepth 1 -type f -name '*.go' -printf '%P\n' | LC_ALL=C sort; } |
    while IFS= read -r f; do
      printf '%s\0' "$f"
      sha256sum <"$f" | cut -d' ' -f1
    done | sha256sum | cut -c1-12
)
DIR=$CACHE_ROOT/peer-$hash
BIN=$DIR/coc-peer

if [ -z "${COC_PEER_FORCE_BUILD:-}" ] && [ -x "$BIN" ]; then
  log "using cached $BIN"
  echo "$BIN"
  exit 0
fi

command -v go >/dev/null 2>&1 || { log "Go is needed to build tests/peer and was not found on PATH"; exit 1; }
mkdir -p "$DIR"
export CGO_ENABLED=0 GOFLAGS=-mod=mod
started=$(date +%s)
log "building coc-peer with $(go version | cut -d' ' -f3) (a cold build takes about a minute here)"
tmp=$(mktemp -d "$DIR/build.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
(cd "$SRC" && go build -trimpath -o "$tmp/coc-peer" .) >&2
mv -f "$tmp/coc-peer" "$BIN"   # atomic: a concurrent run sees either no binary or a whole one
log "coc-peer ready in $DIR after $(( $(date +%s) - started ))s"
echo "$BIN"
