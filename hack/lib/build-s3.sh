#!/usr/bin/env bash
# Builds the S3-compatible server of the tool's integration tests (io.wpoven.e2e.tool) from Go modules with the
# ordinary go tool and caches it, keyed by version, under $WPOVEN_CACHE/bin. A cached binary is not rebuilt.
#   versitygw (posix backend; it checks every request's AWS Signature V4)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$here/go-build.sh"

build_versitygw() {
  [ -x "$VERSITYGW_BIN/versitygw" ] && return
  local dir=$WPOVEN_CACHE/build/versitygw-$VERSITYGW_VERSION
  mkdir -p "$dir" "$VERSITYGW_BIN"
  if [ ! -f "$dir/go.mod" ]; then
    local mod; mod=$(curl -fsSL "$(go env GOPROXY | cut -d, -f1)/github.com/versity/versitygw/@v/$VERSITYGW_VERSION.mod")
    printf 'module wpoven.io/hack/versitygw\ngo %s\nrequire github.com/versity/versitygw %s\n' \
      "$(awk '/^go /{print $2; exit}' <<<"$mod")" "$VERSITYGW_VERSION" > "$dir/go.mod"
    echo 'package main' > "$dir/doc.go"
  fi
  log "versitygw $VERSITYGW_VERSION"
  (cd "$dir" && go build -trimpath -ldflags "-s -w -X main.Version=$VERSITYGW_VERSION" \
    -o "$VERSITYGW_BIN/versitygw.tmp" github.com/versity/versitygw/cmd/versitygw)
  mv "$VERSITYGW_BIN/versitygw.tmp" "$VERSITYGW_BIN/versitygw"
}

build_versitygw
