#!/usr/bin/env bash
# Cluster add-ons of the local cluster (ingress controller, cert-manager, metrics-server, the NetworkPolicy
# engine, Prometheus): built from Go modules like the control plane, cached by version under $WPOVEN_CACHE/bin,
# and run as plain processes beside it (state, pids and logs in $KWOK_WORKDIR/clusters/<cluster>/addons/<name>).
#
#   hack/addons.sh list            the add-ons there are (one hack/lib/addons/<name>.sh each)
#   hack/addons.sh build [NAME…]   build what is missing from the cache (all when none is named)
#   hack/addons.sh up NAME…        build if missing, then start it on the running cluster (idempotent)
#   hack/addons.sh down [NAME…]    stop it and remove what `up` applied (all when none is named; idempotent)
#   hack/addons.sh status          built? running?
#
# One build per add-on at a time (a lock per name): hack/test.sh builds them all in the background at the lowest CPU
# priority while the tests run, and a test that needs one calls `up`, which waits for that build after raising it
# back to normal priority. Environment: WPOVEN_CLUSTER (default wpoven), WPOVEN_CACHE, KWOK_WORKDIR.
#
# An add-on file defines ADDON_VERSION and the functions addon_build DIR (put the binaries in DIR), addon_up and
# addon_down (idempotent). They may use: $ADDON_BIN (the cached binaries), $ADDON_DIR (its state on this cluster),
# kc (kubectl on this cluster), start_addon_daemon NAME CMD…, stop_addon_daemon NAME, wrapper_module and log.
set -euo pipefail
HACK_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$HACK_DIR/lib/go-build.sh"
CLUSTER=${WPOVEN_CLUSTER:-wpoven}
KWOK_WORKDIR=${KWOK_WORKDIR:-$WPOVEN_CACHE/kwok}
CLUSTER_DIR=$KWOK_WORKDIR/clusters/$CLUSTER
KUBECONFIG_FILE=$CLUSTER_DIR/kubeconfig.yaml
ADDONS_LIB=$HACK_DIR/lib/addons
LOCKS=$WPOVEN_CACHE/locks
export PATH=$K8S_BIN:$PATH

kc() { kubectl --kubeconfig "$KUBECONFIG_FILE" "$@"; }
die() { log "error: $*"; exit 1; }
names() { local f; for f in "$ADDONS_LIB"/*.sh; do [ -e "$f" ] || continue; basename "$f" .sh; done; }

# wrapper_module DIR MODULE@VERSION [go.mod lines…]: a module requiring MODULE, for `go build` of its commands (a
# module whose go.mod has replace lines cannot be `go install`ed; the lines given are copied in)
wrapper_module() {
  local dir=$1 req=$2; shift 2
  [ -f "$dir/go.sum" ] && return
  mkdir -p "$dir"
  { echo "module wpoven.io/hack/addon"; echo "go $(go env GOVERSION | sed 's/^go//; s/\.[0-9]*$//')"
    echo "require ${req%@*} ${req#*@}"; printf '%s\n' "$@"; } >"$dir/go.mod"
  echo 'package main' >"$dir/doc.go"
  (cd "$dir" && go mod download "${req%@*}" >&2)
}

pid_alive() { [ -f "$ADDON_DIR/$1.pid" ] && kill -0 "$(cat "$ADDON_DIR/$1.pid")" 2>/dev/null; }

# start_addon_daemon NAME COMMAND…: runs COMMAND in its own session unless NAME runs; log in $ADDON_DIR/NAME.log
start_addon_daemon() {
  local name=$1; shift
  pid_alive "$name" && return
  mkdir -p "$ADDON_DIR"
  setsid nohup "$@" >>"$ADDON_DIR/$name.log" 2>&1 </dev/null &
  echo $! >"$ADDON_DIR/$name.pid"
}

stop_addon_daemon() {
  local name=$1 pid i
  [ -f "$ADDON_DIR/$name.pid" ] || return 0
  pid=$(cat "$ADDON_DIR/$name.pid")
  if kill "$pid" 2>/dev/null; then
    for ((i = 0; i < 30; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$ADDON_DIR/$name.pid"
}

# load NAME: its definitions and where it lives
load() {
  [ -f "$ADDONS_LIB/$1.sh" ] || die "no add-on $1 (hack/addons.sh list)"
  unset ADDON_VERSION; unset -f addon_build addon_up addon_down
  # shellcheck disable=SC1090
  . "$ADDONS_LIB/$1.sh"
  ADDON_BIN=$WPOVEN_CACHE/bin/$1-$ADDON_VERSION
  ADDON_DIR=$CLUSTER_DIR/addons/$1
}

built() { [ -f "$ADDON_BIN/.complete" ]; }

# build NAME: under the add-on's lock; a waiting caller first raises a low-priority build to normal priority
build() {
  load "$1"
  built && return
  mkdir -p "$LOCKS"
  local lock=$LOCKS/addon-$1.lock
  exec {fd}>"$lock"
  if ! flock -n "$fd"; then
    local pgid; pgid=$(cat "$lock.pgid" 2>/dev/null || true)
    if [ -n "$pgid" ]; then renice -n 0 -g "$pgid" >/dev/null 2>&1 || true; fi
    log "$1: waiting for the build under way"
    flock "$fd"
  fi
  if ! built; then
    ps -o pgid= $$ | tr -d ' ' >"$lock.pgid"
    local start; start=$(date +%s)
    log "$1 $ADDON_VERSION"
    rm -rf "$ADDON_BIN.tmp"; mkdir -p "$ADDON_BIN.tmp"
    addon_build "$ADDON_BIN.tmp"
    rm -rf "$ADDON_BIN"; mv "$ADDON_BIN.tmp" "$ADDON_BIN"
    echo "$(($(date +%s) - start))" >"$ADDON_BIN/.complete"
    log "$1 $ADDON_VERSION built in $(cat "$ADDON_BIN/.complete") s"
  fi
  exec {fd}>&-
}

cmd_build() {
  local n list=("$@")
  [ $# -gt 0 ] || mapfile -t list < <(names)
  for n in "${list[@]}"; do build "$n"; done
}

cmd_up() {
  [ $# -gt 0 ] || die "up: name an add-on"
  kc get --raw /readyz >/dev/null 2>&1 || die "cluster $CLUSTER is not running (hack/cluster.sh up)"
  local n
  for n in "$@"; do build "$n"; load "$n"; mkdir -p "$ADDON_DIR"; addon_up; done
}

cmd_down() {
  local n list=("$@")
  [ $# -gt 0 ] || mapfile -t list < <(names)
  for n in "${list[@]}"; do load "$n"; [ -d "$ADDON_DIR" ] || continue; addon_down; done
}

cmd_status() {
  local n state
  for n in $(names); do
    load "$n"
    state=$(built && echo "built in $(cat "$ADDON_BIN/.complete") s" || echo "not built")
    ls "$ADDON_DIR"/*.pid >/dev/null 2>&1 && state+=", running" || state+=", not running"
    printf '%-16s %-10s %s\n' "$n" "$ADDON_VERSION" "$state"
  done
}

case "${1:-}" in
  list) names ;;
  build) shift; cmd_build "$@" ;;
  up) shift; cmd_up "$@" ;;
  down) shift; cmd_down "$@" ;;
  status) cmd_status ;;
  *) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2; exit 2 ;;
esac
