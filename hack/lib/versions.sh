# Pinned versions of everything the local cluster is built from. Changing one rebuilds that binary
# into a new cache folder; older folders are left for other checkouts.
K8S_VERSION=${K8S_VERSION:-v1.36.3}
ETCD_VERSION=${ETCD_VERSION:-v3.6.16}
KWOK_VERSION=${KWOK_VERSION:-v0.8.0}
# the real node's storage provisioner (hack/lib/node.sh)
LOCAL_PATH_VERSION=${LOCAL_PATH_VERSION:-v0.0.30}
# the real node's cluster DNS (only the kubernetes plugin; hack/lib/node.sh)
COREDNS_VERSION=${COREDNS_VERSION:-v1.14.7}
WPOVEN_CACHE=${WPOVEN_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/wpoven}
K8S_BIN=$WPOVEN_CACHE/bin/kubernetes-$K8S_VERSION
ETCD_BIN=$WPOVEN_CACHE/bin/etcd-$ETCD_VERSION
KWOK_BIN=$WPOVEN_CACHE/bin/kwok-$KWOK_VERSION
LOCAL_PATH_BIN=$WPOVEN_CACHE/bin/local-path-provisioner-$LOCAL_PATH_VERSION
COREDNS_BIN=$WPOVEN_CACHE/bin/coredns-$COREDNS_VERSION
# where each cluster's real node keeps its state (containerd, kubelet, CNI, volumes): $WPOVEN_NODE_ROOT/<cluster>
WPOVEN_NODE_ROOT=${WPOVEN_NODE_ROOT:-$WPOVEN_CACHE/node}
VERSITYGW_VERSION=${VERSITYGW_VERSION:-v1.8.0}
VERSITYGW_BIN=$WPOVEN_CACHE/bin/versitygw-$VERSITYGW_VERSION
