#!/usr/bin/env bash
# Builds the project's images (images/<name>/Dockerfile) with Debian's dockerd (hack/lib/dockerd.sh) and loads
# them into the real node's containerd when that node runs. Cached by content: an image is rebuilt only when the
# hash of its recipe folder, its base image and its other inputs changed (label wpoven.io/recipe-hash), and
# loaded only when containerd holds another hash.
#
#   hack/images.sh              build what changed, load into the real node of $WPOVEN_CLUSTER if it runs
#   hack/images.sh build        build only
#   hack/images.sh load         build, then load (fails when the real node's containerd does not answer)
#   hack/images.sh refs         print name=reference lines (what the e2e tests use)
#   hack/images.sh hash NAME    print the recipe hash of a built image (changes whenever its content does)
#   hack/images.sh check        build, then check every image against the contract (images/check.sh)
#
# Environment: WPOVEN_IMAGE_BASE — the Debian 12 base: unset builds one with debootstrap (no registry needed);
# e.g. debian:bookworm-slim where a registry answers; WPOVEN_IMAGE_BASE_TRIXIE the same for Debian 13 (e.g.
# debian:trixie-slim). WPOVEN_IMAGES — names to build (default all).
#
# wordpress-php8.4 is images/wordpress built on Debian 13 (trixie: PHP 8.4, a newer WordPress) with PHP=8.4,
# tagged :trixie, and so are the nginx, Redis and MariaDB exporters (Debian 13 has the versions whose flags the
# operator passes); every other image is built on Debian 12 and tagged :bookworm.
set -euo pipefail
HACK_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HACK_DIR/.." && pwd)
. "$HACK_DIR/lib/versions.sh"
PREFIX=localhost/wpoven
TAG=bookworm
LABEL=wpoven.io/recipe-hash
ALL=(pause nginx varnish redis mariadb wordpress wordpress-php8.4 shell s3 tool
     nginx-exporter php-fpm-exporter varnish-exporter redis-exporter mysqld-exporter)
read -r -a NAMES <<<"${WPOVEN_IMAGES:-${ALL[*]}}"
CLUSTER=${WPOVEN_CLUSTER:-wpoven}
CONTAINERD_SOCK=$WPOVEN_NODE_ROOT/$CLUSTER/containerd/containerd.sock
QUARKUS_APP=$REPO/operator/target/quarkus-app

log() { printf '[images] %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }
now() { date +%s.%N; }
since() { awk -v s="$1" -v e="$(now)" 'BEGIN { printf "%.1f", e - s }'; }
# the Debian release an image is built on (its tag), its recipe folder and its build arguments
suite_of() { case "$1" in wordpress-php8.4 | debian-trixie | nginx-exporter | redis-exporter | mysqld-exporter) echo trixie ;; *) echo "$TAG" ;; esac; }
recipe_of() { case "$1" in wordpress-php*) echo wordpress ;; *) echo "$1" ;; esac; }
build_args_of() { case "$1" in wordpress-php*) echo "--build-arg PHP=${1#wordpress-php}" ;; esac; }
ref() {
  case "$1" in
    debian-trixie) echo "$PREFIX/debian:trixie" ;;
    *) echo "$PREFIX/$1:$(suite_of "$1")" ;;
  esac
}

# sha256 of every file under the given folders: relative path, mode and content
tree_hash() {
  local d
  for d in "$@"; do
    (cd "$d" && find . -type f -print0 | sort -z | xargs -0 -r sh -c 'for f; do stat -c "%n %a" "$f"; sha256sum < "$f"; done' _)
  done | sha256sum | cut -c1-16
}

docker_label() { docker image inspect -f "{{ index .Config.Labels \"$LABEL\" }}" "$1" 2>/dev/null || true; }

# base_ref [SUITE]: the Debian base of that release (bookworm by default), built once with debootstrap
base_ref() {
  local suite=${1:-$TAG} given=${WPOVEN_IMAGE_BASE:-}
  [ "$suite" = "$TAG" ] || given=${WPOVEN_IMAGE_BASE_TRIXIE:-}
  if [ -n "$given" ]; then
    docker image inspect "$given" >/dev/null 2>&1 || docker pull "$given" >&2
    echo "$given"
    return
  fi
  local base; base=$(ref debian); [ "$suite" = "$TAG" ] || base=$(ref "debian-$suite")
  if ! docker image inspect "$base" >/dev/null 2>&1; then
    local start; start=$(now)
    log "base: debootstrap --variant=minbase $suite"
    "$REPO/images/base/build.sh" "$base" "$suite"
    log "base $suite built in $(since "$start")s"
  fi
  echo "$base"
}

# inputs of one image besides its recipe folder
inputs_of() {
  case "$1" in
    tool)
      [ -f "$QUARKUS_APP/quarkus-run.jar" ] || die "no $QUARKUS_APP: run mvn -B -o -pl operator package -DskipTests"
      echo "$QUARKUS_APP" ;;
    s3)
      [ -x "$VERSITYGW_BIN/versitygw" ] || die "no $VERSITYGW_BIN/versitygw: run hack/lib/build-s3.sh"
      echo "$VERSITYGW_BIN" ;;
  esac
}

build_one() {
  local name=$1 base recipe inputs hash start ctx args
  recipe=$REPO/images/$(recipe_of "$name") args=$(build_args_of "$name")
  # the shell image adds sshd to the WordPress image (the same core and PHP), the Varnish exporter its varnishstat
  case "$name" in
    shell) base=$(ref wordpress) ;;
    varnish-exporter) base=$(ref varnish) ;;
    *) base=$(base_ref "$(suite_of "$name")") ;;
  esac
  inputs=$(inputs_of "$name")
  # shellcheck disable=SC2086
  hash=$( { docker image inspect -f '{{.Id}}' "$base"; [ -z "$args" ] || echo "$args"; tree_hash "$recipe" $inputs; } | sha256sum | cut -c1-16)
  if [ "$(docker_label "$(ref "$name")")" = "$hash" ]; then
    log "$name: up to date ($hash)"
    return
  fi
  start=$(now)
  ctx=$recipe
  if [ -n "$inputs" ]; then
    ctx=$(mktemp -d /var/tmp/wpoven-image-ctx.XXXXXX)
    cp -a "$recipe/." "$ctx/"
    cp -al "$inputs" "$ctx/" 2>/dev/null || cp -a "$inputs" "$ctx/"
  fi
  # the host network: the build reaches the Debian mirror without NAT rules on this machine
  # shellcheck disable=SC2086
  if ! docker build -q --network host --build-arg "BASE=$base" $args --label "$LABEL=$hash" -t "$(ref "$name")" "$ctx" \
      >"$WPOVEN_CACHE/images-$name.log" 2>&1; then
    cat "$WPOVEN_CACHE/images-$name.log" >&2
    die "$name: build failed"
  fi
  [ "$ctx" = "$recipe" ] || rm -rf "$ctx"
  log "$name: built in $(since "$start")s ($hash)"
}

cmd_build() {
  mkdir -p "$WPOVEN_CACHE"
  DOCKER_HOST=$("$HACK_DIR/lib/dockerd.sh" up)
  export DOCKER_HOST
  local start base name; start=$(now)
  base=$(base_ref)
  for name in "${NAMES[@]}"; do build_one "$name"; done
  # the local-path provisioner's helper pods run the base image
  [ -z "${WPOVEN_IMAGE_BASE:-}" ] || docker tag "$base" "$(ref debian)"
  log "images ready in $(since "$start")s"
}

ctr_() { ctr -a "$CONTAINERD_SOCK" -n k8s.io "$@"; }

containerd_answers() { [ -S "$CONTAINERD_SOCK" ] && ctr_ version >/dev/null 2>&1; }

cmd_load() {
  containerd_answers || die "the real node's containerd ($CONTAINERD_SOCK) does not answer: hack/cluster.sh node up"
  local name hash start; start=$(now)
  for name in debian "${NAMES[@]}"; do
    hash=$(docker_label "$(ref "$name")")
    [ -n "$hash" ] || hash=$(docker image inspect -f '{{.Id}}' "$(ref "$name")" | cut -c8-23)
    if [[ $(ctr_ images ls "name==$(ref "$name")") == *"$LABEL=$hash"* ]]; then continue; fi
    docker save "$(ref "$name")" | ctr_ images import --no-unpack - >/dev/null
    ctr_ images label "$(ref "$name")" "$LABEL=$hash" >/dev/null
    log "$name: loaded into containerd ($hash)"
  done
  log "images in containerd in $(since "$start")s"
}

cmd_refs() {
  local name
  for name in debian "${ALL[@]}"; do echo "$name=$(ref "$name")"; done
}

cmd_hash() {
  DOCKER_HOST=$("$HACK_DIR/lib/dockerd.sh" up)
  export DOCKER_HOST
  docker_label "$(ref "$1")"
}

main() {
  case "${1:-}" in
    "") cmd_build; if containerd_answers; then cmd_load; fi ;;
    build) cmd_build ;;
    load) cmd_build; cmd_load ;;
    refs) cmd_refs ;;
    hash) cmd_hash "${2:?usage: $0 hash NAME}" ;;
    check) cmd_build; DOCKER_HOST=$("$HACK_DIR/lib/dockerd.sh" host) "$REPO/images/check.sh" ;;
    *) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2; exit 2 ;;
  esac
}

main "$@"
