#!/usr/bin/env bash
# Builds helm-docs (github.com/norwoodj/helm-docs) from its Go module and caches it under
# $WPOVEN_CACHE/bin/helm-docs-<version>/helm-docs, as helm/build-helm.sh does for helm. Prints the binary's path.
# Usage: helm/build-helm-docs.sh [version]   (default: $HELM_DOCS_VERSION, else the pinned one below)
set -euo pipefail
version="${1:-${HELM_DOCS_VERSION:-v1.14.2}}"
cache="${WPOVEN_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/wpoven}"
dir="$cache/bin/helm-docs-$version"
bin="$dir/helm-docs"
if [ ! -x "$bin" ]; then
  command -v go >/dev/null || { echo "build-helm-docs.sh: Go is required to build helm-docs $version" >&2; exit 1; }
  echo "build-helm-docs.sh: building helm-docs $version from Go modules" >&2
  mkdir -p "$cache/bin"
  tmp=$(mktemp -d "$cache/bin/.helm-docs-build.XXXXXX")
  trap 'rm -rf "$tmp"' EXIT
  (cd / && GOBIN="$tmp" CGO_ENABLED=0 go install -trimpath -ldflags "-s -w" \
    "github.com/norwoodj/helm-docs/cmd/helm-docs@$version") >&2
  mkdir -p "$dir"
  mv "$tmp/helm-docs" "$bin"   # atomic: a half-built binary is never cached
fi
echo "$bin"
