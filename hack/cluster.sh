#!/usr/bin/env bash
# Local Kubernetes test cluster for WPOven.
# A real kube-apiserver, kube-controller-manager, kube-scheduler and etcd run as plain processes
# (kwokctl "binary" runtime); nodes and pods are simulated by kwok. Nothing is downloaded at run
# time: every binary comes from the cache that lib/build-binaries.sh fills from Go modules.
#
#   hack/cluster.sh build       build/cache the binaries (idempotent)
#   hack/cluster.sh up          create or resume the cluster, ensure nodes + storage (idempotent)
#   hack/cluster.sh down        delete the cluster and stop its processes (idempotent)
#   hack/cluster.sh status      is it running? nodes, kubeconfig path; exit 0 only if the API answers
#   hack/cluster.sh kubeconfig  print only the kubeconfig path
#   hack/cluster.sh env         print export lines: eval "$(hack/cluster.sh env)"
#   hack/cluster.sh verify      self-test: PodSecurity, PVC/StatefulSet, Deployment/GC, HPA
#   hack/cluster.sh node up     add the real node (kubelet + containerd, lib/node.sh) to the running cluster
#   hack/cluster.sh node down   stop the real node (its state stays in $WPOVEN_NODE_ROOT/<cluster>)
#   hack/cluster.sh node status its processes; exit 0 only if the node is Ready
#   hack/cluster.sh node namespace NAME   create NAME with the annotations that send its pods to the real node
#   hack/cluster.sh node containerd       print the real node's containerd socket (for ctr -n k8s.io)
#   hack/cluster.sh node supported        exit 0 unless the cluster predates real nodes (then: down, up)
#
# Environment: WPOVEN_CLUSTER (name, default wpoven), WPOVEN_NODES (simulated nodes, default 3),
# WPOVEN_REAL_NODE=1 (`up` also brings the real node up), WPOVEN_SERVICE_CIDR (default 10.96.0.0/16; give a
# cluster with a real node its own range when several clusters share the machine), WPOVEN_AUDIT=1 (a new cluster
# writes an audit log of API requests, Metadata level, to $KWOK_WORKDIR/clusters/<cluster>/logs/audit.log; used by
# hack/bench-scale.sh to count the operator's requests), WPOVEN_CACHE (see lib/versions.sh), KWOK_WORKDIR
# (default $WPOVEN_CACHE/kwok).
#
# kube-controller-manager and kube-scheduler run with raised client rate limits (--kube-api-qps/--kube-api-burst,
# defaults 20/30 and 50/100), so that hundreds of sites are limited by the control plane, not by a client-side
# throttle (hack/bench-scale.sh measures that floor). Flags apply when a cluster is created: `down` then `up`.
set -euo pipefail
HACK_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
. "$HACK_DIR/lib/versions.sh"

CLUSTER=${WPOVEN_CLUSTER:-wpoven}
NODE_COUNT=${WPOVEN_NODES:-3}
NODE_LABEL=wpoven.io/node-kind=kwok
# Service ClusterIPs; no kube-proxy runs, so nothing on this machine routes to them.
SERVICE_CIDR=${WPOVEN_SERVICE_CIDR:-10.96.0.0/16}
export KWOK_WORKDIR=${KWOK_WORKDIR:-$WPOVEN_CACHE/kwok}
CLUSTER_DIR=$KWOK_WORKDIR/clusters/$CLUSTER
KUBECONFIG_FILE=$CLUSTER_DIR/kubeconfig.yaml
CREATE_LOG=$KWOK_WORKDIR/$CLUSTER-create.log
# The in-tree hostPath provisioner hard-codes this directory (k8s pkg/volume/hostpath).
HOSTPATH_PV_DIR=/tmp/hostpath_pv

BINARIES=("$K8S_BIN/kube-apiserver" "$K8S_BIN/kube-controller-manager" "$K8S_BIN/kube-scheduler"
  "$K8S_BIN/kubectl" "$ETCD_BIN/etcd" "$KWOK_BIN/kwok" "$KWOK_BIN/kwokctl")

# kwokctl looks kubectl up on PATH and would otherwise download one; point every default it
# knows at the local cache too, so a missing flag can never turn into a download.
export PATH=$K8S_BIN:$KWOK_BIN:$PATH
export KWOK_KUBE_VERSION=$K8S_VERSION KWOK_KUBE_BINARY_PREFIX=$K8S_BIN
export KWOK_KUBECTL_BINARY=$K8S_BIN/kubectl KWOK_ETCD_BINARY=$ETCD_BIN/etcd

log() { printf '[cluster] %s\n' "$*" >&2; }
. "$HACK_DIR/lib/node.sh"
die() { log "error: $*"; exit 1; }
kc() { kubectl --kubeconfig "$KUBECONFIG_FILE" "$@"; }
now() { date +%s.%N; }
since() { awk -v s="$1" -v e="$(now)" 'BEGIN { printf "%.1f", e - s }'; }

binaries_present() {
  local b
  for b in "${BINARIES[@]}"; do [ -x "$b" ] || return 1; done
}

api_answers() {
  [ -f "$KUBECONFIG_FILE" ] && kc --request-timeout=3s get --raw /readyz >/dev/null 2>&1
}

# poll SECONDS COMMAND...: runs COMMAND every second until it succeeds; 1 on timeout.
poll() {
  local timeout=$1 i; shift
  for ((i = 0; i < timeout; i++)); do
    "$@" >/dev/null 2>&1 && return 0
    sleep 1
  done
  return 1
}

# wait_for SECONDS DESCRIPTION COMMAND...: poll, fatal on timeout.
wait_for() {
  local timeout=$1 what=$2; shift 2
  poll "$timeout" "$@" || die "timed out after ${timeout}s waiting for $what"
}

cmd_build() {
  bash "$HACK_DIR/lib/build-binaries.sh" all
}

ensure_binaries() {
  binaries_present && return
  log "binaries missing in $WPOVEN_CACHE/bin, building (cold build takes a while)"
  cmd_build
  binaries_present || die "build finished but binaries are missing"
}

# Client rate limits of kube-controller-manager and kube-scheduler (see the header).
CLIENT_QPS=1000
CLIENT_BURST=2000

# WPOVEN_AUDIT=1: the kwokctl option that turns the API server's audit log on, with a policy that records each
# request once (when it completes) at Metadata level: user, user agent, verb, resource, never a body. Pods, their
# ReplicaSets, Endpoints, nodes and leases are left out: only the simulated kubelets and controllers write them.
audit_option() {
  [ "${WPOVEN_AUDIT:-}" = 1 ] || return 0
  local policy=$KWOK_WORKDIR/$CLUSTER-audit-policy.yaml
  mkdir -p "$KWOK_WORKDIR"
  cat >"$policy" <<'EOF'
apiVersion: audit.k8s.io/v1
kind: Policy
omitStages: [RequestReceived, ResponseStarted]
rules:
- level: None
  resources:
  - group: ""
    resources: [pods, pods/status, pods/binding, endpoints, nodes, nodes/status]
  - group: apps
    resources: [replicasets, replicasets/status, controllerrevisions]
  - group: discovery.k8s.io
  - group: coordination.k8s.io
- level: None
  nonResourceURLs: ["*"]
- level: Metadata
EOF
  printf '  kubeAuditPolicy: %s\n' "$policy"
}

# kwokctl configuration for a new cluster. Every binary points at the local cache, all
# components listen on 127.0.0.1 only (kwokctl's default is 0.0.0.0, which would expose an
# unauthenticated etcd), admission (incl. PodSecurity) and RBAC stay on, and the
# kube-controller-manager runs the in-tree hostPath provisioner for the default StorageClass.
kwokctl_config() {
  cat <<EOF
apiVersion: config.kwok.x-k8s.io/v1alpha1
kind: KwokctlConfiguration
options:
  runtime: binary
  kubeVersion: $K8S_VERSION
  bindAddress: 127.0.0.1
  securePort: true
  kubeAuthorization: true
  kubeAdmission: true
  kubeApiserverBinary: $K8S_BIN/kube-apiserver
  kubeControllerManagerBinary: $K8S_BIN/kube-controller-manager
  kubeSchedulerBinary: $K8S_BIN/kube-scheduler
  kubectlBinary: $K8S_BIN/kubectl
  etcdBinary: $ETCD_BIN/etcd
  kwokControllerBinary: $KWOK_BIN/kwok
$(audit_option)
componentsPatches:
- name: kube-apiserver
  extraArgs:
  # room for hundreds of sites (4 ClusterIP Services each); the default /24 holds 254
  - key: service-cluster-ip-range
    value: $SERVICE_CIDR
  # a namespace's annotations can send its pods to the real node (lib/node.sh)
  - key: enable-admission-plugins
    value: PodNodeSelector,PodTolerationRestriction
  # logs and exec reach the real node's kubelet at its address; its name resolves nowhere
  - key: kubelet-preferred-address-types
    value: InternalIP,Hostname
# kwok simulates only its own nodes, never the real one
- name: kwok-controller
  extraArgs:
  - key: manage-all-nodes
    value: "false"
  - key: manage-nodes-with-annotation-selector
    value: kwok.x-k8s.io/node=fake
- name: kube-scheduler
  extraArgs:
  - key: kube-api-qps
    value: "$CLIENT_QPS"
  - key: kube-api-burst
    value: "$CLIENT_BURST"
- name: kube-controller-manager
  extraArgs:
  - key: kube-api-qps
    value: "$CLIENT_QPS"
  - key: kube-api-burst
    value: "$CLIENT_BURST"
  - key: enable-hostpath-provisioner
    value: "true"
  - key: service-cluster-ip-range
    value: $SERVICE_CIDR
EOF
}

# kwokctl treats a component as running while its pid file names a live pid. After a crash or
# reboot that pid may be gone, a not yet reaped zombie or reused by another program; drop such
# pid files so that kwokctl restarts the component.
clear_stale_pidfiles() {
  local f cmd
  for f in "$CLUSTER_DIR"/pids/*.pid; do
    [ -f "$f" ] || continue
    cmd=$(tr '\0' ' ' <"/proc/$(cat "$f")/cmdline" 2>/dev/null) || cmd=""
    [[ $cmd == "$CLUSTER_DIR/bin/$(basename "$f" .pid) "* ]] || rm -f "$f"
  done
}

create_cluster() {
  local config=$KWOK_WORKDIR/$CLUSTER-kwokctl.yaml
  mkdir -p "$KWOK_WORKDIR"
  kwokctl_config >"$config"
  log "creating/resuming cluster $CLUSTER (kwokctl binary runtime, workdir $KWOK_WORKDIR)"
  # The config only applies when the cluster is first created; an existing but stopped cluster is
  # resumed with its saved copy ($CLUSTER_DIR/kwok.yaml). --kubeconfig="" leaves ~/.kube/config alone.
  if ! kwokctl --name "$CLUSTER" --config "$config" create cluster --kubeconfig "" --timeout 5m \
      >"$CREATE_LOG" 2>&1; then
    cat "$CREATE_LOG" >&2
    die "kwokctl create cluster failed (log: $CREATE_LOG)"
  fi
  if grep -q '"msg":"Download"' "$CREATE_LOG"; then
    cat "$CREATE_LOG" >&2
    die "kwokctl tried to download something (log: $CREATE_LOG)"
  fi
}

nodes_yaml() {
  local i zones=(a b c)
  for ((i = 0; i < NODE_COUNT; i++)); do
    cat <<EOF
---
apiVersion: v1
kind: Node
metadata:
  name: kwok-node-$i
  annotations:
    kwok.x-k8s.io/node: fake
    node.alpha.kubernetes.io/ttl: "0"
  labels:
    kubernetes.io/hostname: kwok-node-$i
    kubernetes.io/os: linux
    kubernetes.io/arch: amd64
    node-role.kubernetes.io/worker: ""
    topology.kubernetes.io/zone: zone-${zones[i % 3]}
    type: kwok
    wpoven.io/node-kind: kwok
status:
  allocatable: {cpu: "64", memory: 256Gi, pods: "500", ephemeral-storage: 1000Gi}
  capacity: {cpu: "64", memory: 256Gi, pods: "500", ephemeral-storage: 1000Gi}
  nodeInfo:
    architecture: amd64
    operatingSystem: linux
    kubeletVersion: $K8S_VERSION
    kubeProxyVersion: $K8S_VERSION
EOF
  done
}

storage_yaml() {
  cat <<'EOF'
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: standard
  annotations:
    storageclass.kubernetes.io/is-default-class: "true"
provisioner: kubernetes.io/host-path
reclaimPolicy: Delete
volumeBindingMode: Immediate
EOF
}

ensure_nodes() {
  nodes_yaml | kc apply -f - >/dev/null
  kc wait --for=condition=Ready node -l "$NODE_LABEL" --timeout=120s >/dev/null \
    || die "kwok nodes did not become Ready"
}

ensure_storage() {
  storage_yaml | kc apply -f - >/dev/null
}

# lease_acquired_since NAME EPOCH: the kube-system/NAME leader lease was (re)acquired after EPOCH.
lease_acquired_since() {
  local t
  t=$(kc -n kube-system get lease "$1" -o jsonpath='{.spec.acquireTime}') && [ -n "$t" ] \
    && [ "$(date -d "$t" +%s)" -ge "$2" ]
}

# A resumed cluster (e.g. after a reboot) still has the old processes' leader leases in etcd; the
# new controller-manager and scheduler only act once those expire (15s). Wait for that, so that
# `up` returning means PVCs get provisioned and pods get scheduled.
wait_for_leaders() {
  local c
  for c in kube-controller-manager kube-scheduler; do
    poll 60 lease_acquired_since "$c" "$1" || log "warning: no new $c leader after 60s"
  done
}

# Node leases not renewed since EPOCH, i.e. held by a kwok-controller that no longer runs.
stale_node_leases() {
  local name renewed
  kc -n kube-node-lease get lease -o jsonpath='{range .items[*]}{.metadata.name} {.spec.renewTime}{"\n"}{end}' |
    while read -r name renewed; do
      if [ -z "$renewed" ] || [ "$(date -d "$renewed" +%s)" -lt "$1" ]; then echo "$name"; fi
    done
}

# Every kwok node has a lease renewed since EPOCH.
node_leases_fresh() {
  local leases node
  leases=$(kc -n kube-node-lease get lease -o name | sed 's|.*/||')
  [ -z "$(stale_node_leases "$1")" ] || return 1
  for node in $(kc get nodes -l "$NODE_LABEL" -o name | sed 's|.*/||'); do
    grep -qx "$node" <<<"$leases" || return 1
  done
}

# kwok only simulates a node while its controller holds the node's lease. After a resume the
# leases still name the old controller (lease duration 200s), so the new one would leave pods
# Pending for minutes: delete those leases and wait until kwok has taken the nodes over.
take_over_node_leases() {
  local stale
  stale=$(stale_node_leases "$1")
  [ -n "$stale" ] || return 0
  log "resumed cluster: handing $(wc -w <<<"$stale") stale node leases over to the new kwok-controller"
  # shellcheck disable=SC2086
  kc -n kube-node-lease delete lease $stale --ignore-not-found >/dev/null
  wait_for 120 "kwok to take over the nodes" node_leases_fresh "$1"
}

cmd_up() {
  local start started resumed=""; start=$(now)
  ensure_binaries
  if api_answers; then
    log "cluster $CLUSTER already running"
  else
    if [ -d "$CLUSTER_DIR" ]; then resumed=1; clear_stale_pidfiles; fi
    started=$(date +%s)
    create_cluster
    wait_for 120 "the API server" api_answers
    wait_for_leaders "$started"
  fi
  # Pods can only be created once the service-account controller made the default account.
  wait_for 60 "serviceaccount default/default" kc -n default get serviceaccount default
  ensure_nodes
  ensure_storage
  if [ -n "$resumed" ]; then take_over_node_leases "$started"; fi
  log "cluster $CLUSTER up in $(since "$start")s: $NODE_COUNT kwok nodes, default StorageClass standard"
  if [ "${WPOVEN_REAL_NODE:-}" = 1 ]; then cmd_node_up; fi
  log "kubeconfig: $KUBECONFIG_FILE   (eval \"\$($0 env)\")"
}

# hostPath PV directories of this cluster, so `down` removes only its own volumes.
own_hostpath_dirs() {
  kc --request-timeout=5s get pv -o jsonpath='{range .items[*]}{.spec.hostPath.path}{"\n"}{end}' \
    2>/dev/null | grep "^$HOSTPATH_PV_DIR/[^/]\+$" || true
}

cmd_down() {
  local dirs="" out
  if [ ! -d "$CLUSTER_DIR" ]; then
    log "cluster $CLUSTER does not exist"
    return
  fi
  "$HACK_DIR/addons.sh" down || true
  cmd_node_down_if_any
  if api_answers; then dirs=$(own_hostpath_dirs); fi
  clear_stale_pidfiles # kwokctl would otherwise signal whatever process reused a stale pid
  if ! out=$(kwokctl --name "$CLUSTER" delete cluster --kubeconfig "$KUBECONFIG_FILE" 2>&1); then
    printf '%s\n' "$out" >&2
    die "kwokctl delete cluster failed"
  fi
  if [ -n "$dirs" ]; then
    xargs rm -rf <<<"$dirs"
  fi
  log "cluster $CLUSTER deleted"
}

cmd_status() {
  if [ ! -d "$CLUSTER_DIR" ]; then
    echo "cluster $CLUSTER: not created"
    return 1
  fi
  if ! api_answers; then
    echo "cluster $CLUSTER: created but the API server does not answer (run: $0 up)"
    echo "kubeconfig: $KUBECONFIG_FILE"
    return 1
  fi
  echo "cluster $CLUSTER: running ($(kc config view --minify -o jsonpath='{.clusters[0].cluster.server}'))"
  kc get nodes -o wide
  echo "kubeconfig: $KUBECONFIG_FILE"
}

cmd_kubeconfig() {
  [ -f "$KUBECONFIG_FILE" ] || log "warning: $KUBECONFIG_FILE does not exist yet (run: $0 up)"
  echo "$KUBECONFIG_FILE"
}

cmd_env() {
  # shellcheck disable=SC2016 # $PATH is expanded by the caller's eval
  printf 'export PATH=%q:"$PATH"\n' "$K8S_BIN:$KWOK_BIN"
  printf 'export KUBECONFIG=%q\n' "$KUBECONFIG_FILE"
  printf 'export KWOK_WORKDIR=%q\n' "$KWOK_WORKDIR"
}

# With the cluster its real node goes, and the node's volumes (the images stay in its containerd).
cmd_node_down_if_any() {
  if [ -d "$NODE_DIR/pids" ]; then cmd_node_down; fi
  rm -rf "$NODE_DIR/volumes" "$NODE_DIR/shared-volumes" "$NODE_DIR/pod-logs" "$NODE_DIR/kubelet" "$NODE_DIR/cni/ipam"
}

cmd_node() {
  case "${1:-}" in
    up) cmd_node_up ;;
    down) cmd_node_down ;;
    status) cmd_node_status ;;
    containerd) echo "$NODE_SOCK" ;;
    # exit 0 when the cluster can have a real node: not created yet, or created with kwok managing only its own nodes
    supported) [ ! -f "$CLUSTER_DIR/kwok.yaml" ] || kwok_manages_only_fake_nodes ;;
    namespace)
      [ -n "${2:-}" ] || usage
      printf 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: %s\n%s\n' "$2" "$(node_namespace_annotations)" \
        | kc apply -f - >/dev/null ;;
    *) usage ;;
  esac
}

usage() {
  sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2
  exit 2
}

main() {
  local cmd=${1:-}
  [ $# -gt 0 ] && shift
  case "$cmd" in
    build) cmd_build ;;
    up) cmd_up ;;
    down) cmd_down ;;
    status) cmd_status ;;
    kubeconfig) cmd_kubeconfig ;;
    env) cmd_env ;;
    node) cmd_node "$@" ;;
    verify) . "$HACK_DIR/lib/verify-cluster.sh"; api_answers || die "cluster $CLUSTER is not running"; verify_cluster ;;
    *) usage ;;
  esac
}

main "$@"
