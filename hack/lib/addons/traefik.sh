# shellcheck shell=bash
# Traefik v3 (github.com/traefik/traefik/v3), the local cluster's ingress controller, as a host process on 127.0.0.1:
# it serves the Ingresses of IngressClass traefik (only those: other tests' classless Ingresses are left alone) and
# writes 127.0.0.1 into their status, and it is the Gateway API controller of GatewayClass traefik, with the Gateway
# traefik/wpoven (HTTP, routes from every namespace). It reaches the sites through their Services' EndpointSlices
# (pod IPs on the real node's bridge). Ports, derived from the API server's port, are written to $ADDON_DIR/ports:
#   web        HTTP for Ingresses            websecure  HTTPS for Ingresses (their spec.tls Secrets)
#   gateway    HTTP listeners of Gateways    ping       Traefik's /ping
# A Gateway's HTTP listener must use the gateway port (Traefik maps a listener to the entry point of its port).
# `down` stops Traefik and deletes the classes and the traefik namespace, but keeps the Gateway API CRDs: deleting
# them would delete every HTTPRoute and break the watches of a running operator, and their mere presence changes
# nothing for a site without spec.gateway. Sourced by hack/addons.sh.
ADDON_VERSION=v3.6.12

addon_build() {
  local out=$1 dir=$WPOVEN_CACHE/build/traefik-$ADDON_VERSION
  # upstream's go.mod replaces three modules with containous forks and excludes a broken tag; a consumer must too
  wrapper_module "$dir" "github.com/traefik/traefik/v3@$ADDON_VERSION" \
    'replace github.com/abbot/go-http-auth => github.com/containous/go-http-auth v0.4.1-0.20200324110947-a37a7636d23e' \
    'replace github.com/gorilla/mux => github.com/containous/mux v0.0.0-20250523120546-41b6ec3aed59' \
    'replace github.com/mailgun/minheap => github.com/containous/minheap v0.0.0-20190809180810-6e71eb837595' \
    'exclude github.com/tencentcloud/tencentcloud-sdk-go v3.0.83+incompatible'
  (cd "$dir" && go build -trimpath -ldflags '-s -w' -o "$out/traefik" github.com/traefik/traefik/v3/cmd/traefik)
  # the Gateway API CRDs of the version Traefik is built against (standard channel, from the module: no release asset)
  local gw; gw=$(cd "$dir" && go list -m -f '{{.Dir}}' sigs.k8s.io/gateway-api)
  mkdir -p "$out/gateway-api"
  cp "$gw"/config/crd/standard/*.yaml "$out/gateway-api/"
  (cd "$dir" && go list -m -f '{{.Version}}' sigs.k8s.io/gateway-api) >"$out/gateway-api/VERSION"
}

traefik_ports() {
  local api; api=$(kc config view --minify -o jsonpath='{.clusters[0].cluster.server}' | sed 's/.*://')
  WEB_PORT=$((api + 10020))
  WEBSECURE_PORT=$((api + 10021))
  GATEWAY_PORT=$((api + 10022))
  PING_PORT=$((api + 10023))
}

traefik_objects() {
  cat <<YAML
apiVersion: networking.k8s.io/v1
kind: IngressClass
metadata:
  name: traefik
spec:
  controller: traefik.io/ingress-controller
---
apiVersion: gateway.networking.k8s.io/v1
kind: GatewayClass
metadata:
  name: traefik
spec:
  controllerName: traefik.io/gateway-controller
---
apiVersion: v1
kind: Namespace
metadata:
  name: traefik
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata:
  name: wpoven
  namespace: traefik
spec:
  gatewayClassName: traefik
  listeners:
    - name: http
      protocol: HTTP
      port: $GATEWAY_PORT
      allowedRoutes:
        namespaces: {from: All}
YAML
}

addon_up() {
  traefik_ports
  # the Gateway API CRDs Traefik was built against (server-side: they are larger than a client-side apply may annotate)
  kc apply --server-side --force-conflicts -f "$ADDON_BIN/gateway-api/" >/dev/null
  kc wait --for=condition=Established --timeout=60s -f "$ADDON_BIN/gateway-api/" >/dev/null
  # right after a `down` the namespace may still be terminating, and nothing can be created in it until it is gone
  if [ "$(kc get namespace traefik -o jsonpath='{.status.phase}' 2>/dev/null)" = Terminating ]; then
    kc wait --for=delete namespace/traefik --timeout=120s >/dev/null
  fi
  traefik_objects | kc apply -f - >/dev/null
  printf 'web=%s\nwebsecure=%s\ngateway=%s\nping=%s\n' "$WEB_PORT" "$WEBSECURE_PORT" "$GATEWAY_PORT" "$PING_PORT" \
    >"$ADDON_DIR/ports"
  KUBECONFIG=$KUBECONFIG_FILE start_addon_daemon traefik "$ADDON_BIN/traefik" \
    --global.checkNewVersion=false --global.sendAnonymousUsage=false --log.level=INFO \
    --entryPoints.web.address="127.0.0.1:$WEB_PORT" --entryPoints.web.asDefault=true \
    --entryPoints.websecure.address="127.0.0.1:$WEBSECURE_PORT" --entryPoints.websecure.asDefault=true \
    --entryPoints.websecure.http.tls=true \
    --entryPoints.gateway.address="127.0.0.1:$GATEWAY_PORT" \
    --entryPoints.traefik.address="127.0.0.1:$PING_PORT" --ping=true --ping.entryPoint=traefik \
    --providers.kubernetesingress=true --providers.kubernetesingress.ingressClass=traefik \
    --providers.kubernetesingress.ingressEndpoint.ip=127.0.0.1 \
    --providers.kubernetesgateway=true --providers.kubernetesgateway.statusAddress.ip=127.0.0.1
  local i
  for ((i = 0; i < 60; i++)); do
    curl -fsS "http://127.0.0.1:$PING_PORT/ping" >/dev/null 2>&1 && break
    pid_alive traefik || die "traefik exited: $(tail -5 "$ADDON_DIR/traefik.log")"
    sleep 1
  done
  # Traefik has read the Gateway API objects once it programs the Gateway
  kc -n traefik wait --for=condition=Programmed --timeout=60s gateway/wpoven >/dev/null \
    || die "Gateway traefik/wpoven not programmed: $(tail -5 "$ADDON_DIR/traefik.log")"
  log "traefik: Ingress on 127.0.0.1:$WEB_PORT (HTTPS $WEBSECURE_PORT), Gateway traefik/wpoven on 127.0.0.1:$GATEWAY_PORT"
}

addon_down() {
  stop_addon_daemon traefik
  if kc get --raw /readyz >/dev/null 2>&1; then
    kc delete namespace traefik --ignore-not-found --wait=true --timeout=60s >/dev/null || true
    kc delete ingressclass traefik --ignore-not-found >/dev/null
    kc delete gatewayclass traefik --ignore-not-found >/dev/null 2>&1 || true
  fi
  rm -f "$ADDON_DIR/ports"
}
