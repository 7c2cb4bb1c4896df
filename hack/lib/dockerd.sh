#!/usr/bin/env bash
# Debian's dockerd as a plain process with its own data root, socket and bridge: builds the project's images
# (hack/images.sh) and runs them for the Testcontainers tests. It never touches the host's iptables (no NAT, no
# FORWARD policy): published ports go through docker-proxy on 127.0.0.1 only (--ip) and image builds use the host
# network.
#
#   hack/lib/dockerd.sh up      start it unless it answers (idempotent); prints DOCKER_HOST
#   hack/lib/dockerd.sh down    stop it and remove its bridge
#   hack/lib/dockerd.sh host    print DOCKER_HOST
#
# Environment: WPOVEN_DOCKER_DIR (default $WPOVEN_CACHE/docker), WPOVEN_DOCKER_BRIDGE (wpoven-dk0),
# WPOVEN_DOCKER_CIDR (10.88.99.1/24, the bridge's address and the containers' subnet).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$here/versions.sh"
DIR=${WPOVEN_DOCKER_DIR:-$WPOVEN_CACHE/docker}
BRIDGE=${WPOVEN_DOCKER_BRIDGE:-wpoven-dk0}
CIDR=${WPOVEN_DOCKER_CIDR:-10.88.99.1/24}
SOCK=$DIR/docker.sock
log() { printf '[dockerd] %s\n' "$*" >&2; }

answers() { curl -fsS --max-time 2 --unix-socket "$SOCK" http://localhost/_ping >/dev/null 2>&1; }

up() {
  if answers; then echo "unix://$SOCK"; return; fi
  command -v dockerd >/dev/null || { log "dockerd missing: run hack/lib/install-packages.sh"; exit 1; }
  mkdir -p "$DIR"
  if ! ip link show "$BRIDGE" >/dev/null 2>&1; then
    ip link add "$BRIDGE" type bridge
    ip addr add "$CIDR" dev "$BRIDGE"
  fi
  ip link set "$BRIDGE" up
  # a pid file left by a crash would stop dockerd from starting
  if [ -f "$DIR/dockerd.pid" ] && ! kill -0 "$(cat "$DIR/dockerd.pid")" 2>/dev/null; then rm -f "$DIR/dockerd.pid"; fi
  log "starting dockerd (data root $DIR/data, log $DIR/dockerd.log)"
  nohup dockerd --data-root "$DIR/data" --exec-root "$DIR/exec" --pidfile "$DIR/dockerd.pid" \
    -H "unix://$SOCK" --storage-driver overlay2 --bridge "$BRIDGE" --iptables=false --ip6tables=false \
    --ip-masq=false --userland-proxy=true --ip 127.0.0.1 --containerd-namespace wpoven-docker \
    --containerd-plugins-namespace wpoven-docker-plugins >"$DIR/dockerd.log" 2>&1 &
  local i
  for ((i = 0; i < 60; i++)); do answers && { echo "unix://$SOCK"; return; }; sleep 1; done
  tail -20 "$DIR/dockerd.log" >&2
  log "dockerd did not answer within 60s"
  exit 1
}

down() {
  [ -f "$DIR/dockerd.pid" ] || return 0
  local pid; pid=$(cat "$DIR/dockerd.pid")
  kill "$pid" 2>/dev/null || true
  local i
  for ((i = 0; i < 30; i++)); do
    if ! kill -0 "$pid" 2>/dev/null; then ip link del "$BRIDGE" 2>/dev/null || true; return 0; fi
    sleep 1
  done
  log "dockerd $pid still running after 30s"
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  host) echo "unix://$SOCK" ;;
  *) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2; exit 2 ;;
esac
