# The NetworkPolicy engine of the local cluster: kube-router's firewall (github.com/cloudnativelabs/kube-router/v2),
# iptables + ipset only (this kernel has no nft `queue`, so sigs.k8s.io/kube-network-policies cannot enforce here).
# Sourced by hack/addons.sh. Security advisories exist for v2.1.0: the local test cluster only, never the chart.
ADDON_VERSION=v2.1.0

addon_build() {
  GOBIN=$1 GOFLAGS=-buildvcs=false go install -trimpath -ldflags "-s -w" \
    "github.com/cloudnativelabs/kube-router/v2/cmd/kube-router@$ADDON_VERSION"
}

addon_up() { :; }
addon_down() { :; }
