#!/usr/bin/env bash
# Builds the helm CLI from its Go module (no binary download is possible here) and caches it under
# $WPOVEN_CACHE/bin/helm-<version>/helm, the cache hack/cluster.sh uses (default ~/.cache/wpoven).
# Prints the binary's path on stdout; everything else goes to stderr.
# Usage: helm/build-helm.sh [version]   (default: $HELM_VERSION, else the pinned one below)
set -euo pipefail
version="${1:-${HELM_VERSION:-v3.22.0}}"
cache="${WPOVEN_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/wpoven}"
dir="$cache/bin/helm-$version"
bin="$dir/helm"
if [ ! -x "$bin" ]; then
  command -v go >/dev/null || { echo "build-helm.sh: Go is required to build helm $version" >&2; exit 1; }
  echo "build-helm.sh: building helm $version from Go modules (a few minutes on 2 cores)" >&2
  # Stamp what Helm's own Makefile stamps: its version, and the Kubernetes version that `helm template` and
  # `helm lint` assume (1.N for client-go v0.N); unstamped they assume v1.20.
  gomod=$(cd / && go mod download -json "helm.sh/helm/v3@$version" | sed -n 's/.*"GoMod": "\(.*\)".*/\1/p')
  k8s_minor=$(sed -n 's#^[[:space:]]*k8s.io/client-go v0\.\([0-9]*\)\..*#\1#p' "$gomod" | head -1)
  [ -n "$k8s_minor" ] || { echo "build-helm.sh: no k8s.io/client-go version in $gomod" >&2; exit 1; }
  ldflags="-s -w -X helm.sh/helm/v3/internal/version.version=$version -X helm.sh/helm/v3/internal/version.gitTreeState=clean"
  for pkg in helm.sh/helm/v3/pkg/lint/rules helm.sh/helm/v3/pkg/chartutil; do
    ldflags="$ldflags -X $pkg.k8sVersionMajor=1 -X $pkg.k8sVersionMinor=$k8s_minor"
  done
  mkdir -p "$cache/bin"
  tmp=$(mktemp -d "$cache/bin/.helm-build.XXXXXX")
  trap 'rm -rf "$tmp"' EXIT
  (cd / && GOBIN="$tmp" CGO_ENABLED=0 go install -trimpath -ldflags "$ldflags" "helm.sh/helm/v3/cmd/helm@$version") >&2
  mkdir -p "$dir"
  mv "$tmp/helm" "$bin"   # atomic: a half-built binary is never cached
fi
echo "$bin"
