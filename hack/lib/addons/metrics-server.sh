# metrics-server (sigs.k8s.io/metrics-server): the resource metrics API (metrics.k8s.io) behind `kubectl top` and
# the HorizontalPodAutoscaler's CPU/memory targets. Sourced by hack/addons.sh.
#
# It runs on this machine with the cluster's admin kubeconfig and scrapes only the real node's kubelet
# (--node-selector: KWOK nodes serve no kubelet metrics). The API server's aggregator reaches it through a Service
# without selector whose EndpointSlice is the real node's bridge gateway (an EndpointSlice refuses loopback), where it
# listens; kube-proxy's OUTPUT rules carry the aggregator's connection to the Service's address there.
ADDON_VERSION=v0.8.0   # v0.9.0 is not an approved release
MS_PORT=${WPOVEN_METRICS_SERVER_PORT:-10351}
MS_NAMESPACE=kube-system
MS_SERVICE=metrics-server
MS_APISERVICE=v1beta1.metrics.k8s.io

addon_build() {
  GOBIN=$1 GOFLAGS=-buildvcs=false go install -trimpath -ldflags "-s -w" \
    "sigs.k8s.io/metrics-server/cmd/metrics-server@$ADDON_VERSION"
}

# the real node's address (its kubelet's --node-ip: the bridge's gateway)
ms_node_ip() {
  kc get nodes -l wpoven.io/node-kind=real \
    -o jsonpath='{.items[0].status.addresses[?(@.type=="InternalIP")].address}'
}

ms_objects() {
  cat <<EOF
apiVersion: v1
kind: Service
metadata:
  name: $MS_SERVICE
  namespace: $MS_NAMESPACE
  labels: {app.kubernetes.io/name: metrics-server, app.kubernetes.io/part-of: wpoven-addons}
spec:
  ports: [{name: https, port: 443, protocol: TCP, targetPort: $MS_PORT}]
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata:
  name: $MS_SERVICE-host
  namespace: $MS_NAMESPACE
  labels: {kubernetes.io/service-name: $MS_SERVICE, app.kubernetes.io/part-of: wpoven-addons}
addressType: IPv4
endpoints: [{addresses: ["$1"], conditions: {ready: true}}]
ports: [{name: https, port: $MS_PORT, protocol: TCP}]
---
apiVersion: apiregistration.k8s.io/v1
kind: APIService
metadata:
  name: $MS_APISERVICE
  labels: {app.kubernetes.io/name: metrics-server, app.kubernetes.io/part-of: wpoven-addons}
spec:
  service: {name: $MS_SERVICE, namespace: $MS_NAMESPACE, port: 443}
  group: metrics.k8s.io
  version: v1beta1
  # its serving certificate is self-signed (--cert-dir), as upstream's manifests/base does it
  insecureSkipTLSVerify: true
  groupPriorityMinimum: 100
  versionPriority: 100
EOF
}

ms_available() {
  [ "$(kc get apiservice "$MS_APISERVICE" -o jsonpath='{.status.conditions[?(@.type=="Available")].status}')" = True ]
}

ms_top_works() {
  kc top nodes -l wpoven.io/node-kind=real >/dev/null 2>&1
}

addon_up() {
  local ip i
  ip=$(ms_node_ip)
  [ -n "$ip" ] || die "metrics-server: no real node (hack/cluster.sh node up)"
  # Who calls it is the aggregator, with its proxy client certificate, signed by the cluster's client CA. The local API
  # server has no front-proxy (requestheader) CA, so instead of looking the CAs up (which logs that one missing every
  # few seconds) it is given the client CA the API server publishes.
  kc -n kube-system get configmap extension-apiserver-authentication -o jsonpath='{.data.client-ca-file}' \
    >"$ADDON_DIR/client-ca.crt"
  [ -s "$ADDON_DIR/client-ca.crt" ] || die "metrics-server: the API server publishes no client CA"
  # 10 s is the shortest resolution metrics-server allows (and it must exceed the kubelet request timeout): the HPA
  # sees a change of load within ~2 scrapes
  start_addon_daemon metrics-server "$ADDON_BIN/metrics-server" \
    --kubeconfig "$KUBECONFIG_FILE" \
    --authentication-kubeconfig "$KUBECONFIG_FILE" --authorization-kubeconfig "$KUBECONFIG_FILE" \
    --authentication-skip-lookup --client-ca-file "$ADDON_DIR/client-ca.crt" \
    --bind-address "$ip" --secure-port "$MS_PORT" --cert-dir "$ADDON_DIR/certs" \
    --node-selector wpoven.io/node-kind=real \
    --kubelet-preferred-address-types InternalIP --kubelet-use-node-status-port --kubelet-insecure-tls \
    --metric-resolution 10s --kubelet-request-timeout 5s
  ms_objects "$ip" | kc apply -f - >/dev/null
  for ((i = 0; i < 90; i++)); do
    ms_available && ms_top_works && { log "metrics-server: metrics.k8s.io answers (kubectl top)"; return; }
    pid_alive metrics-server || die "metrics-server exited (log: $ADDON_DIR/metrics-server.log)"
    sleep 1
  done
  die "metrics-server: metrics.k8s.io not available after 90 s (log: $ADDON_DIR/metrics-server.log)"
}

# The APIService goes first: one whose server is gone makes discovery fail for every client of the cluster.
addon_down() {
  kc delete apiservice "$MS_APISERVICE" --ignore-not-found >/dev/null
  kc -n "$MS_NAMESPACE" delete service "$MS_SERVICE" --ignore-not-found >/dev/null
  kc -n "$MS_NAMESPACE" delete endpointslice "$MS_SERVICE-host" --ignore-not-found >/dev/null
  stop_addon_daemon metrics-server
}
