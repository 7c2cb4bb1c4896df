# The NetworkPolicy engine of the local cluster: kube-router's firewall (github.com/cloudnativelabs/kube-router/v2),
# iptables + ipset only (this kernel has no nft `queue`, so sigs.k8s.io/kube-network-policies cannot enforce here),
# as a host process for the real node. Sourced by hack/addons.sh. Security advisories exist for v2.1.0: the local
# test cluster only, never the chart (docs/network-policies.md).
#
# It owns the filter table's KUBE-ROUTER-{INPUT,FORWARD,OUTPUT}, KUBE-POD-FW-*, KUBE-NWPLCY-* chains and the
# KUBE-SRC-*/KUBE-DST-* ipsets, and jumps to them first in INPUT/FORWARD/OUTPUT, where it ACCEPTs what the policies
# allow, ahead of the node's own rules (hack/lib/node.sh). So the node's DROP rules that keep pods on their bridge and
# away from kubelet are mirrored into the mangle table (which kube-router never touches) while it runs. `down` stops
# it and removes all of that, so the other tests run unenforced as before.
ADDON_VERSION=v2.1.0

addon_build() {
  GOBIN=$1 GOFLAGS=-buildvcs=false go install -trimpath -ldflags "-s -w" \
    "github.com/cloudnativelabs/kube-router/v2/cmd/kube-router@$ADDON_VERSION"
}

# the real node's name and bridge (as hack/lib/node.sh names them)
kube_router_node() { echo "${WPOVEN_NODE_NAME:-$CLUSTER-real}"; }
kube_router_bridge() { echo "wpn$(printf '%s' "$CLUSTER" | sha256sum | cut -c1-8)"; }

# The node's chain WPOVEN-<bridge> (FORWARD: pods stay on their bridge) copied into the mangle table under the same
# name, and its INPUT rule that keeps pods off kubelet's port: a mangle ACCEPT only ends the mangle chain, so the
# copy drops what the node drops and leaves the rest to the filter table, where kube-router decides first.
kube_router_guards_up() {
  local bridge chain rule
  bridge=$(kube_router_bridge) chain=WPOVEN-$(kube_router_bridge)
  iptables -w -S "$chain" >/dev/null 2>&1 || die "kube-router: no chain $chain of the real node (hack/cluster.sh node up)"
  iptables -w -t mangle -N "$chain" 2>/dev/null || iptables -w -t mangle -F "$chain"
  iptables -w -S "$chain" | sed -n "s/^-A $chain //p" | while read -r rule; do
    # shellcheck disable=SC2086 # the rule's words as iptables printed them
    iptables -w -t mangle -A "$chain" $rule
  done
  iptables -w -t mangle -C FORWARD -j "$chain" 2>/dev/null || iptables -w -t mangle -I FORWARD 1 -j "$chain"
  iptables -w -S INPUT | sed -n "s/^-A INPUT \(-i $bridge .* -j DROP\)$/\1/p" >"$ADDON_DIR/mangle-input"
  while read -r rule; do
    # shellcheck disable=SC2086
    iptables -w -t mangle -C INPUT $rule 2>/dev/null || iptables -w -t mangle -I INPUT 1 $rule
  done <"$ADDON_DIR/mangle-input"
}

kube_router_guards_down() {
  local chain rule
  chain=WPOVEN-$(kube_router_bridge)
  while iptables -w -t mangle -D FORWARD -j "$chain" 2>/dev/null; do :; done
  if iptables -w -t mangle -F "$chain" 2>/dev/null; then iptables -w -t mangle -X "$chain"; fi
  [ -f "$ADDON_DIR/mangle-input" ] || return 0
  while read -r rule; do
    # shellcheck disable=SC2086
    while iptables -w -t mangle -D INPUT $rule 2>/dev/null; do :; done
  done <"$ADDON_DIR/mangle-input"
  rm -f "$ADDON_DIR/mangle-input"
}

# Enforcing once its chains hang off FORWARD and it has written a firewall chain for the node's pods.
kube_router_enforcing() {
  local rules; rules=$(iptables -w -S 2>/dev/null)
  [[ $rules == *"-A FORWARD -m comment --comment \"kube-router netpol"*"-j KUBE-ROUTER-FORWARD"* ]] \
    && [[ $rules == *"-N KUBE-POD-FW-"* ]]
}

addon_up() {
  command -v ipset >/dev/null || die "kube-router needs ipset (hack/lib/install-packages.sh installs it)"
  local node svc i
  node=$(kube_router_node)
  kc get node "$node" >/dev/null || die "kube-router: no real node $node (hack/cluster.sh node up)"
  svc=$(sed -n 's/^ *- --service-cluster-ip-range=//p' "$CLUSTER_DIR/kwok.yaml" | head -1)
  [ -n "$svc" ] || die "kube-router: the cluster's Service range is not in $CLUSTER_DIR/kwok.yaml"
  kube_router_guards_up
  # no health or metrics listener (they would bind every address); the node's pods only (its hostname)
  start_addon_daemon kube-router "$ADDON_BIN/kube-router" --kubeconfig "$KUBECONFIG_FILE" \
    --run-firewall=true --run-router=false --run-service-proxy=false \
    --hostname-override "$node" --service-cluster-ip-range "$svc" \
    --health-port 0 --metrics-port 0 --v=1
  for ((i = 0; i < 60; i++)); do
    kube_router_enforcing && { log "kube-router enforcing NetworkPolicies on $node"; return; }
    pid_alive kube-router || break
    sleep 1
  done
  tail -20 "$ADDON_DIR/kube-router.log" >&2 || true
  die "kube-router did not start enforcing (log: $ADDON_DIR/kube-router.log)"
}

addon_down() {
  local rule chain set
  stop_addon_daemon kube-router
  # Not `kube-router --cleanup-config`: in v2.1.0 its firewall part cleans nothing (it runs on an empty controller
  # and reports success), then the service proxy's part claims every IPVS definition of the machine and panics.
  # Removed here instead: the jumps from the built-in chains, then every chain of its own, then its ipsets.
  for chain in INPUT FORWARD OUTPUT; do
    iptables -w -S "$chain" | grep -e '-j KUBE-ROUTER-' | sed "s/^-A /-D /" | while read -r rule; do
      eval "iptables -w $rule" || true
    done
  done
  for chain in $(iptables -w -S | sed -n 's/^-N \(KUBE-ROUTER-[A-Z]*\|KUBE-POD-FW-[A-Z0-9]*\|KUBE-NWPLCY-[A-Z0-9]*\)$/\1/p'); do
    iptables -w -F "$chain"
  done
  for chain in $(iptables -w -S | sed -n 's/^-N \(KUBE-ROUTER-[A-Z]*\|KUBE-POD-FW-[A-Z0-9]*\|KUBE-NWPLCY-[A-Z0-9]*\)$/\1/p'); do
    iptables -w -X "$chain"
  done
  for set in $(ipset list -n 2>/dev/null | grep -E '^(KUBE-SRC-|KUBE-DST-|TMP-)'); do
    ipset destroy "$set" 2>/dev/null || true
  done
  kube_router_guards_down
  if iptables-save | grep -qE 'KUBE-ROUTER|KUBE-POD-FW-|KUBE-NWPLCY-'; then
    die "kube-router: rules left behind: $(iptables-save | grep -E 'KUBE-ROUTER|KUBE-POD-FW-|KUBE-NWPLCY-' | head -3)"
  fi
  log "kube-router stopped, its chains and ipsets removed"
}
