# The real node of a local cluster (sourced by hack/cluster.sh): kubelet and kube-proxy from the control plane's
# k8s.io/kubernetes module, containerd + runc + the CNI bridge from Debian, CoreDNS (kubernetes plugin only) for
# cluster names and rancher's local-path-provisioner for volumes, all as plain processes whose state lives in
# $WPOVEN_NODE_ROOT/<cluster>. Nothing leaves the machine: the pods' bridge is the cluster's own, the bridge's
# traffic may only go back to the bridge (iptables chain WPOVEN-<bridge>), the rest of the pod range is a
# blackhole route and the Service range is routed to the bridge (see docs/real-node.md).
#
# Pods reach it only when they tolerate the taint wpoven.io/node-kind=real:NoSchedule; a namespace opts in
# with the annotations set by `node_namespace_yaml` (PodNodeSelector + PodTolerationRestriction), so the KWOK
# tests keep landing on KWOK and the operator needs no scheduling settings.

NODE_NAME=${WPOVEN_NODE_NAME:-$CLUSTER-real}
NODE_DIR=$WPOVEN_NODE_ROOT/$CLUSTER
NODE_KIND_LABEL=wpoven.io/node-kind
NODE_SOCK=$NODE_DIR/containerd/containerd.sock
# one bridge per cluster: wpn + 8 hex of the name (Linux allows 15 characters)
NODE_BRIDGE=wpn$(printf '%s' "$CLUSTER" | sha256sum | cut -c1-8)
NODE_POD_CIDR=${WPOVEN_POD_CIDR:-10.89.0.0/24}
# the blackhole around the bridge's range: any pod address not on the bridge dies here
NODE_POD_SUPERNET=${WPOVEN_POD_SUPERNET:-10.89.0.0/16}
NODE_GATEWAY=${NODE_POD_CIDR%.*}.1
NODE_STORAGE_CLASS=wpoven-node
# ReadWriteMany: local-path-provisioner's shared-filesystem mode, one folder every pod of the node mounts
NODE_SHARED_STORAGE_CLASS=wpoven-node-shared
NODE_STORAGE_NS=local-path-storage
NODE_IMAGE_BASE=localhost/wpoven/debian:bookworm
NODE_PAUSE_IMAGE=localhost/wpoven/pause:bookworm
NODE_BINARIES=("$K8S_BIN/kubelet" "$K8S_BIN/kube-proxy" "$LOCAL_PATH_BIN/local-path-provisioner" "$COREDNS_BIN/coredns")

# kubelet's and kube-proxy's ports, from the cluster's API port so that two clusters' nodes never collide
node_ports() {
  local api; api=$(kc config view --minify -o jsonpath='{.clusters[0].cluster.server}' | sed 's/.*://')
  KUBELET_PORT=$((api + 10000))
  PROXY_HEALTH_PORT=$((api + 10001))
  PROXY_METRICS_PORT=$((api + 10002))
  COREDNS_HEALTH_PORT=$((api + 10003))
}

node_service_cidr() {
  sed -n 's/^ *- --service-cluster-ip-range=//p' "$CLUSTER_DIR/kwok.yaml" | head -1
}

node_binaries_present() {
  local b
  for b in "${NODE_BINARIES[@]}"; do [ -x "$b" ] || return 1; done
}

pid_alive() { [ -f "$NODE_DIR/pids/$1.pid" ] && kill -0 "$(cat "$NODE_DIR/pids/$1.pid")" 2>/dev/null; }

# start_daemon NAME COMMAND...: runs COMMAND in the background unless NAME runs; log in $NODE_DIR/logs
start_daemon() {
  local name=$1; shift
  pid_alive "$name" && return
  mkdir -p "$NODE_DIR/pids" "$NODE_DIR/logs"
  nohup "$@" >>"$NODE_DIR/logs/$name.log" 2>&1 &
  echo $! >"$NODE_DIR/pids/$name.pid"
}

stop_daemon() {
  local name=$1 pid i
  [ -f "$NODE_DIR/pids/$name.pid" ] || return 0
  pid=$(cat "$NODE_DIR/pids/$name.pid")
  if kill "$pid" 2>/dev/null; then
    for ((i = 0; i < 30; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$NODE_DIR/pids/$name.pid"
}

write_containerd_config() {
  local service_cidr=$1
  mkdir -p "$NODE_DIR/containerd" "$NODE_DIR/cni/net.d"
  cat >"$NODE_DIR/containerd/config.toml" <<EOF
version = 2
root = "$NODE_DIR/containerd/root"
state = "$NODE_DIR/containerd/state"
[grpc]
  address = "$NODE_SOCK"
[plugins."io.containerd.grpc.v1.cri"]
  sandbox_image = "$NODE_PAUSE_IMAGE"
  # a negative oom_score_adj is denied here (no CAP_SYS_RESOURCE)
  restrict_oom_score_adj = true
  stream_server_address = "127.0.0.1"
  [plugins."io.containerd.grpc.v1.cri".containerd]
    snapshotter = "overlayfs"
    default_runtime_name = "runc"
    [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
      runtime_type = "io.containerd.runc.v2"
      [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
        SystemdCgroup = false
  [plugins."io.containerd.grpc.v1.cri".cni]
    bin_dir = "/usr/lib/cni"
    conf_dir = "$NODE_DIR/cni/net.d"
EOF
  # no ipMasq: pod traffic is never NATed towards the host's uplink; no default route in the pods either, only
  # their own range (on the bridge) and the Services' (through the node, where kube-proxy rewrites it)
  cat >"$NODE_DIR/cni/net.d/10-wpoven.conflist" <<EOF
{
  "cniVersion": "1.0.0",
  "name": "wpoven-$CLUSTER",
  "plugins": [
    {"type": "bridge", "bridge": "$NODE_BRIDGE", "isGateway": true, "ipMasq": false, "hairpinMode": true,
     "ipam": {"type": "host-local", "ranges": [[{"subnet": "$NODE_POD_CIDR", "gateway": "$NODE_GATEWAY"}]],
              "routes": [{"dst": "$service_cidr"}], "dataDir": "$NODE_DIR/cni/ipam"}},
    {"type": "portmap", "capabilities": {"portMappings": true}},
    {"type": "loopback"}
  ]
}
EOF
}

# The bridge exists before the first pod, so that CoreDNS can listen on its gateway address.
ensure_bridge_and_routes() {
  local service_cidr=$1 chain
  if ! ip link show "$NODE_BRIDGE" >/dev/null 2>&1; then
    ip link add "$NODE_BRIDGE" type bridge
  fi
  # (outputs captured first: grep -q ending a pipe early fails the pipe under pipefail)
  [[ $(ip -4 addr show dev "$NODE_BRIDGE") == *"inet $NODE_GATEWAY/"* ]] \
    || ip addr add "$NODE_GATEWAY/${NODE_POD_CIDR#*/}" dev "$NODE_BRIDGE"
  ip link set "$NODE_BRIDGE" up
  [[ $(ip route show type blackhole) == *"blackhole $NODE_POD_SUPERNET"* ]] || ip route add blackhole "$NODE_POD_SUPERNET"
  # Service addresses go to the bridge, not to a blackhole: a process on the node connects to a ClusterIP
  # before kube-proxy's OUTPUT rule rewrites it, and a blackhole would fail that connect(). An address no rule
  # catches ends on the bridge, where nothing answers.
  [[ $(ip route show "$service_cidr") == *"dev $NODE_BRIDGE"* ]] || ip route replace "$service_cidr" dev "$NODE_BRIDGE"
  # forwarding for the bridge only: what comes from it may only go back to it
  # (kube-proxy's rules see bridged traffic only through br_netfilter)
  [ -e /proc/sys/net/bridge ] || modprobe br_netfilter 2>/dev/null || die "br_netfilter missing: kube-proxy cannot work"
  sysctl -qw net.ipv4.ip_forward=1 net.bridge.bridge-nf-call-iptables=1
  chain=WPOVEN-$NODE_BRIDGE
  iptables -w -N "$chain" 2>/dev/null || iptables -w -F "$chain"
  iptables -w -A "$chain" -i "$NODE_BRIDGE" -o "$NODE_BRIDGE" -j ACCEPT
  iptables -w -A "$chain" -i "$NODE_BRIDGE" -j DROP
  iptables -w -A "$chain" -s "$NODE_POD_SUPERNET" ! -o "$NODE_BRIDGE" -j DROP
  iptables -w -C FORWARD -j "$chain" 2>/dev/null || iptables -w -I FORWARD 1 -j "$chain"
  # pods may use the node's DNS, never its kubelet
  iptables -w -C INPUT -i "$NODE_BRIDGE" -p tcp --dport "$KUBELET_PORT" -j DROP 2>/dev/null \
    || iptables -w -I INPUT 1 -i "$NODE_BRIDGE" -p tcp --dport "$KUBELET_PORT" -j DROP
}

remove_bridge_and_routes() {
  local service_cidr=$1 chain=WPOVEN-$NODE_BRIDGE
  while iptables -w -D FORWARD -j "$chain" 2>/dev/null; do :; done
  [ -z "${KUBELET_PORT:-}" ] || iptables -w -D INPUT -i "$NODE_BRIDGE" -p tcp --dport "$KUBELET_PORT" -j DROP 2>/dev/null || true
  iptables -w -F "$chain" 2>/dev/null && iptables -w -X "$chain" 2>/dev/null || true
  [ -z "$service_cidr" ] || ip route del "$service_cidr" dev "$NODE_BRIDGE" 2>/dev/null || true
  ip route del blackhole "$NODE_POD_SUPERNET" 2>/dev/null || true
  ip link del "$NODE_BRIDGE" 2>/dev/null || true
}

write_kubelet_config() {
  mkdir -p "$NODE_DIR/kubelet"
  : >"$NODE_DIR/kubelet/resolv.conf"
  cat >"$NODE_DIR/kubelet/config.yaml" <<EOF
apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
# this machine has cgroup v1 (hybrid, empty v2 mount): kubelet >= 1.35 refuses it unless told
failCgroupV1: false
cgroupDriver: cgroupfs
containerRuntimeEndpoint: unix://$NODE_SOCK
# on the bridge's gateway, the node's address (kubelet refuses a loopback node IP); only the API server may
# connect (an INPUT rule drops the pods' connections), so it trusts every client
address: $NODE_GATEWAY
port: $KUBELET_PORT
readOnlyPort: 0
healthzPort: 0
authentication:
  anonymous: {enabled: true}
  webhook: {enabled: false}
authorization: {mode: AlwaysAllow}
clusterDomain: cluster.local
clusterDNS: [$NODE_GATEWAY]
resolvConf: $NODE_DIR/kubelet/resolv.conf
podLogsDir: $NODE_DIR/pod-logs
oomScoreAdj: 0
registerWithTaints:
- {key: $NODE_KIND_LABEL, value: real, effect: NoSchedule}
maxPods: 60
serializeImagePulls: false
imageGCHighThresholdPercent: 100
imageGCLowThresholdPercent: 99
evictionHard: {memory.available: 200Mi, nodefs.available: 2%, imagefs.available: 2%, nodefs.inodesFree: 2%}
failSwapOn: false
# tests kill containers on purpose, over and over (the operator at every step of a restore): a restarted container
# waits at most 2 s instead of kubelet's default back-off of up to 5 min (KubeletCrashLoopBackOffMax, beta in 1.35)
crashLoopBackOff: {maxContainerRestartPeriod: 2s}
EOF
}

# kubelet sets vm.overcommit_memory, kernel.panic and kernel.panic_on_oops once at start; the machine is
# shared, so the values it found are put back once it runs.
save_kernel_tunables() {
  local k
  for k in vm.overcommit_memory kernel.panic kernel.panic_on_oops; do echo "$k=$(sysctl -n "$k")"; done \
    >"$NODE_DIR/kernel-tunables"
}

restore_kernel_tunables() {
  [ -f "$NODE_DIR/kernel-tunables" ] || return 0
  local kv
  while read -r kv; do sysctl -qw "$kv" || true; done <"$NODE_DIR/kernel-tunables"
}

write_coredns_config() {
  mkdir -p "$NODE_DIR/coredns"
  cat >"$NODE_DIR/coredns/Corefile" <<EOF
.:53 {
    bind $NODE_GATEWAY
    errors
    loadbalance
    kubernetes cluster.local in-addr.arpa ip6.arpa {
        kubeconfig $KUBECONFIG_FILE
        pods insecure
        fallthrough in-addr.arpa ip6.arpa
    }
}
EOF
}

node_support_yaml() {
  cat <<EOF
apiVersion: v1
kind: Namespace
metadata:
  name: $NODE_STORAGE_NS
$(node_namespace_annotations)
---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: local-path-provisioner-service-account
  namespace: $NODE_STORAGE_NS
---
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: $NODE_STORAGE_CLASS
provisioner: rancher.io/local-path
volumeBindingMode: WaitForFirstConsumer
reclaimPolicy: Delete
---
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: $NODE_SHARED_STORAGE_CLASS
provisioner: rancher.io/local-path
volumeBindingMode: WaitForFirstConsumer
reclaimPolicy: Delete
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: local-path-config
  namespace: $NODE_STORAGE_NS
data:
  config.json: |-
    $(local_path_config)
  setup: |-
    #!/bin/sh
    set -eu
    mkdir -m 0777 -p "\$VOL_DIR"
  teardown: |-
    #!/bin/sh
    set -eu
    rm -rf "\$VOL_DIR"
  helperPod.yaml: |-
    apiVersion: v1
    kind: Pod
    metadata:
      name: helper-pod
    spec:
      containers:
      - name: helper-pod
        image: $NODE_IMAGE_BASE
        imagePullPolicy: IfNotPresent
EOF
}

# local-path-provisioner's config: per StorageClass, a folder per volume on the node (ReadWriteOnce) or in a folder
# every node would mount (ReadWriteMany; here the only node's own disk)
local_path_config() {
  printf '{"storageClassConfigs": {"%s": {"nodePathMap": [{"node": "DEFAULT_PATH_FOR_NON_LISTED_NODES", "paths": ["%s"]}]}, "%s": {"sharedFileSystemPath": "%s"}}}' \
    "$NODE_STORAGE_CLASS" "$NODE_DIR/volumes" "$NODE_SHARED_STORAGE_CLASS" "$NODE_DIR/shared-volumes"
}

# The provisioner reads its config once, at start: one started with another config (an older node.sh, or by another
# checkout) is restarted. The marker holds the pid it was started as and the config it was started with.
local_path_up() {
  local config marker=$NODE_DIR/pids/local-path-provisioner.config
  config=$(local_path_config)
  if pid_alive local-path-provisioner; then
    [ "$(cat "$marker" 2>/dev/null)" = "$(cat "$NODE_DIR/pids/local-path-provisioner.pid") $config" ] && return
    log "local-path-provisioner: started with another config, restarting it"
    stop_daemon local-path-provisioner
  fi
  start_daemon local-path-provisioner "$LOCAL_PATH_BIN/local-path-provisioner" start \
    --kubeconfig "$KUBECONFIG_FILE" --namespace "$NODE_STORAGE_NS" --helper-image "$NODE_IMAGE_BASE" \
    --provisioner-name rancher.io/local-path
  echo "$(cat "$NODE_DIR/pids/local-path-provisioner.pid") $config" >"$marker"
}

# The annotations that send a namespace's pods to the real node (indented for a metadata block).
node_namespace_annotations() {
  cat <<EOF
  annotations:
    scheduler.alpha.kubernetes.io/node-selector: $NODE_KIND_LABEL=real
    scheduler.alpha.kubernetes.io/defaultTolerations: '[{"key": "$NODE_KIND_LABEL", "operator": "Equal", "value": "real", "effect": "NoSchedule"}]'
EOF
}

kwok_manages_only_fake_nodes() {
  grep -q -- '--manage-nodes-with-annotation-selector' "$CLUSTER_DIR/kwok.yaml"
}

# The API server listens on 127.0.0.1 only, but the `kubernetes` Service's endpoint is the address it advertises
# (this machine's own). For pods (the operator's) to reach it, a socat on that address and port forwards to
# 127.0.0.1, accepting only the pod range (socat's range=) and only from the bridge (an INPUT rule drops the rest).
api_endpoint() {
  kc get endpointslices -n default -l kubernetes.io/service-name=kubernetes \
    -o jsonpath='{.items[0].endpoints[0].addresses[0]}:{.items[0].ports[0].port}' 2>/dev/null
}

api_forward_up() {
  local ep ip port
  ep=$(api_endpoint)
  ip=${ep%:*} port=${ep##*:}
  [ -n "$ip" ] && [ -n "$port" ] || die "no endpoint of the kubernetes Service"
  case "$ip" in 127.*) return ;; esac
  echo "$ip $port" >"$NODE_DIR/api-forward"
  iptables -w -C INPUT -p tcp -d "$ip" --dport "$port" ! -i "$NODE_BRIDGE" -j DROP 2>/dev/null \
    || iptables -w -I INPUT 1 -p tcp -d "$ip" --dport "$port" ! -i "$NODE_BRIDGE" -j DROP
  start_daemon api-forward socat "TCP-LISTEN:$port,bind=$ip,reuseaddr,fork,range=$NODE_POD_CIDR" "TCP:127.0.0.1:$port"
}

api_forward_down() {
  stop_daemon api-forward
  if [ -f "$NODE_DIR/api-forward" ]; then
    local ip port
    read -r ip port <"$NODE_DIR/api-forward"
    iptables -w -D INPUT -p tcp -d "$ip" --dport "$port" ! -i "$NODE_BRIDGE" -j DROP 2>/dev/null || true
    rm -f "$NODE_DIR/api-forward"
  fi
}

node_ready() {
  [ "$(kc get node "$NODE_NAME" -o jsonpath='{.status.conditions[?(@.type=="Ready")].status}' 2>/dev/null)" = True ]
}

containerd_answers() { ctr -a "$NODE_SOCK" version >/dev/null 2>&1; }

cmd_node_up() {
  local start service_cidr; start=$(now)
  api_answers || die "cluster $CLUSTER is not running (hack/cluster.sh up)"
  kwok_manages_only_fake_nodes \
    || die "cluster $CLUSTER was created before real nodes were supported (its kwok manages every node): recreate it"
  node_binaries_present || { log "node binaries missing, building"; bash "$HACK_DIR/lib/build-binaries.sh" node; }
  command -v containerd >/dev/null && command -v runc >/dev/null && [ -x /usr/lib/cni/bridge ] \
    || die "containerd, runc or the CNI plugins missing: run hack/lib/install-packages.sh"
  service_cidr=$(node_service_cidr)
  node_ports
  mkdir -p "$NODE_DIR/volumes" "$NODE_DIR/shared-volumes"
  echo "$service_cidr" >"$NODE_DIR/service-cidr"
  write_containerd_config "$service_cidr"
  ensure_bridge_and_routes "$service_cidr"
  start_daemon containerd containerd --config "$NODE_DIR/containerd/config.toml"
  wait_for 60 "containerd" containerd_answers
  # the sandbox and helper images must be in containerd before kubelet asks for them
  WPOVEN_IMAGES="pause" bash "$HACK_DIR/images.sh" load
  write_coredns_config
  start_daemon coredns "$COREDNS_BIN/coredns" -conf "$NODE_DIR/coredns/Corefile"
  write_kubelet_config
  if ! pid_alive kubelet; then save_kernel_tunables; fi
  start_daemon kubelet "$K8S_BIN/kubelet" --config "$NODE_DIR/kubelet/config.yaml" \
    --kubeconfig "$KUBECONFIG_FILE" --root-dir "$NODE_DIR/kubelet/root" --cert-dir "$NODE_DIR/kubelet/pki" \
    --hostname-override "$NODE_NAME" --node-ip "$NODE_GATEWAY" \
    --node-labels "$NODE_KIND_LABEL=real,type=real" --v=1
  start_daemon kube-proxy "$K8S_BIN/kube-proxy" --kubeconfig "$KUBECONFIG_FILE" --hostname-override "$NODE_NAME" \
    --proxy-mode iptables --cluster-cidr "$NODE_POD_CIDR" --bind-address 127.0.0.1 \
    --healthz-bind-address "127.0.0.1:$PROXY_HEALTH_PORT" --metrics-bind-address "127.0.0.1:$PROXY_METRICS_PORT" \
    --conntrack-max-per-core 0 --nodeport-addresses "$NODE_GATEWAY/32" --v=1
  api_forward_up
  node_support_yaml | kc apply -f - >/dev/null
  local_path_up
  wait_for 120 "node $NODE_NAME to be Ready (log: $NODE_DIR/logs/kubelet.log)" node_ready
  restore_kernel_tunables
  log "real node $NODE_NAME Ready in $(since "$start")s: bridge $NODE_BRIDGE $NODE_POD_CIDR, DNS $NODE_GATEWAY," \
    "StorageClasses $NODE_STORAGE_CLASS and $NODE_SHARED_STORAGE_CLASS (ReadWriteMany), state in $NODE_DIR"
}

# kubelet's own iptables chains (KUBE-FIREWALL, canaries), which kube-proxy --cleanup leaves
remove_kubelet_chains() {
  local table chain
  for table in filter nat mangle; do
    while iptables -w -t "$table" -D INPUT -j KUBE-FIREWALL 2>/dev/null; do :; done
    while iptables -w -t "$table" -D OUTPUT -j KUBE-FIREWALL 2>/dev/null; do :; done
    for chain in KUBE-FIREWALL KUBE-KUBELET-CANARY KUBE-IPTABLES-HINT; do
      iptables -w -t "$table" -F "$chain" 2>/dev/null && iptables -w -t "$table" -X "$chain" 2>/dev/null || true
    done
  done
}

cmd_node_down() {
  local name
  if api_answers; then node_ports; fi
  api_forward_down
  for name in local-path-provisioner kube-proxy kubelet coredns; do stop_daemon "$name"; done
  if containerd_answers; then
    # the pods' containers and sandboxes (their shims outlive containerd otherwise)
    local c
    for c in $(ctr -a "$NODE_SOCK" -n k8s.io tasks ls -q 2>/dev/null); do
      ctr -a "$NODE_SOCK" -n k8s.io tasks kill -s SIGKILL "$c" >/dev/null 2>&1 || true
    done
  fi
  stop_daemon containerd
  # kube-proxy's rules go with the node (it writes KUBE-* chains; --cleanup removes them)
  [ -x "$K8S_BIN/kube-proxy" ] && "$K8S_BIN/kube-proxy" --cleanup >/dev/null 2>&1 || true
  remove_kubelet_chains
  # the links kubelet makes in /var/log/containers (a fixed path) to its logs
  find /var/log/containers -maxdepth 1 -lname "$NODE_DIR/*" -delete 2>/dev/null || true
  # kubelet's mounts (volumes, subPaths) under the node's folder
  grep " $NODE_DIR/" /proc/mounts | awk '{print $2}' | sort -r | xargs -r -n1 umount -l 2>/dev/null || true
  remove_bridge_and_routes "$(cat "$NODE_DIR/service-cidr" 2>/dev/null || true)"
  if api_answers; then kc delete node "$NODE_NAME" --ignore-not-found >/dev/null; fi
  log "real node $NODE_NAME stopped (state kept in $NODE_DIR; volumes deleted with: rm -rf $NODE_DIR)"
}

cmd_node_status() {
  local name
  for name in containerd coredns kubelet kube-proxy local-path-provisioner api-forward; do
    if pid_alive "$name"; then echo "$name: running"; else echo "$name: stopped"; fi
  done
  api_answers && kc get node "$NODE_NAME" -o wide 2>/dev/null
  node_ready
}
