#!/usr/bin/env bash
# Builds the local cluster's binaries from Go modules with the ordinary go tool and caches them,
# keyed by version, under $WPOVEN_CACHE/bin. A binary already in the cache is not rebuilt.
#   all:  kube-apiserver, kube-controller-manager, kube-scheduler, kubectl; etcd; kwok, kwokctl
#   node: kubelet, kube-proxy (same k8s.io/kubernetes module as the control plane); local-path-provisioner,
#         coredns (the real node's storage and cluster DNS)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$here/go-build.sh"

k8s_wrapper() {
  local dir=$WPOVEN_CACHE/build/kubernetes-$K8S_VERSION staging=v0${K8S_VERSION#v1}
  [ -f "$dir/go.sum" ] && { echo "$dir"; return; }
  mkdir -p "$dir"
  local mod; mod=$(curl -fsSL "$(go env GOPROXY | cut -d, -f1)/k8s.io/kubernetes/@v/$K8S_VERSION.mod")
  {
    echo "module wpoven.io/hack/kubernetes"
    echo "go $(awk '/^go /{print $2; exit}' <<<"$mod")"
    awk '/^godebug /' <<<"$mod"
    echo "require k8s.io/kubernetes $K8S_VERSION"
    # k8s.io/kubernetes replaces its staging modules with ./staging/...; a consumer must pin each to
    # the matching published v0.x tag instead. Only the ones it requires are needed.
    for m in $(awk '/=> \.\/staging\//{print $1}' <<<"$mod"); do
      grep -qE "^\s+$m v0\.0\.0" <<<"$mod" && echo "replace $m => $m $staging"
    done
  } > "$dir/go.mod"
  echo 'package main' > "$dir/doc.go"
  (cd "$dir" && go mod download k8s.io/kubernetes >&2)
  echo "$dir"
}

build_k8s() {
  local want=() c
  for c in "$@"; do [ -x "$K8S_BIN/$c" ] || want+=("$c"); done
  [ ${#want[@]} -eq 0 ] && return
  local dir; dir=$(k8s_wrapper)
  local v=${K8S_VERSION#v} ld="-s -w"
  for p in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
    ld+=" -X $p.gitVersion=$K8S_VERSION -X $p.gitMajor=${v%%.*} -X $p.gitMinor=$(cut -d. -f2 <<<"$v")"
    ld+=" -X $p.gitTreeState=clean -X $p.buildDate=1970-01-01T00:00:00Z"
  done
  mkdir -p "$K8S_BIN"
  for c in "${want[@]}"; do
    log "kubernetes $K8S_VERSION: $c"
    (cd "$dir" && go build -trimpath -ldflags "$ld" -o "$K8S_BIN/$c.tmp" "k8s.io/kubernetes/cmd/$c")
    mv "$K8S_BIN/$c.tmp" "$K8S_BIN/$c"
  done
}

build_etcd() {
  [ -x "$ETCD_BIN/etcd" ] && return
  local dir=$WPOVEN_CACHE/build/etcd-$ETCD_VERSION
  mkdir -p "$dir" "$ETCD_BIN"
  if [ ! -f "$dir/go.mod" ]; then
    printf 'module wpoven.io/hack/etcd\ngo 1.26\nrequire go.etcd.io/etcd/server/v3 %s\n' "$ETCD_VERSION" > "$dir/go.mod"
    echo 'package main' > "$dir/doc.go"
  fi
  log "etcd $ETCD_VERSION"
  (cd "$dir" && go build -trimpath -ldflags "-s -w" -o "$ETCD_BIN/etcd.tmp" go.etcd.io/etcd/server/v3)
  mv "$ETCD_BIN/etcd.tmp" "$ETCD_BIN/etcd"
}

build_kwok() {
  [ -x "$KWOK_BIN/kwokctl" ] && [ -x "$KWOK_BIN/kwok" ] && return
  mkdir -p "$KWOK_BIN"
  for c in kwok kwokctl; do
    log "kwok $KWOK_VERSION: $c"
    GOBIN=$KWOK_BIN go install -trimpath \
      -ldflags "-s -w -X sigs.k8s.io/kwok/pkg/consts.Version=${KWOK_VERSION#v} -X sigs.k8s.io/kwok/pkg/consts.KubeVersion=$K8S_VERSION" \
      "sigs.k8s.io/kwok/cmd/$c@$KWOK_VERSION"
  done
}

build_local_path() {
  [ -x "$LOCAL_PATH_BIN/local-path-provisioner" ] && return
  mkdir -p "$LOCAL_PATH_BIN"
  log "local-path-provisioner $LOCAL_PATH_VERSION"
  GOBIN=$LOCAL_PATH_BIN go install -trimpath -ldflags "-s -w" \
    "github.com/rancher/local-path-provisioner@$LOCAL_PATH_VERSION"
}

# CoreDNS with only the plugins the real node's pods need (the full build pulls in every cloud SDK).
build_coredns() {
  [ -x "$COREDNS_BIN/coredns" ] && return
  local dir=$WPOVEN_CACHE/build/coredns-$COREDNS_VERSION
  mkdir -p "$dir" "$COREDNS_BIN"
  if [ ! -f "$dir/go.sum" ] || ! cmp -s "$here/coredns-main.go.txt" "$dir/main.go"; then
    printf 'module wpoven.io/hack/coredns\ngo 1.25.0\nrequire github.com/coredns/coredns %s\n' "$COREDNS_VERSION" > "$dir/go.mod"
    cp "$here/coredns-main.go.txt" "$dir/main.go"
    (cd "$dir" && go mod tidy >&2)
  fi
  log "coredns $COREDNS_VERSION (plugins: bind, errors, loadbalance, kubernetes)"
  (cd "$dir" && go build -trimpath -ldflags "-s -w" -o "$COREDNS_BIN/coredns.tmp" .)
  mv "$COREDNS_BIN/coredns.tmp" "$COREDNS_BIN/coredns"
}

case "${1:-all}" in
  all) build_kwok; build_etcd; build_k8s kube-apiserver kube-controller-manager kube-scheduler kubectl ;;
  node) build_k8s kubelet kube-proxy; build_local_path; build_coredns ;;
  *) echo "usage: $0 [all|node]" >&2; exit 2 ;;
esac
