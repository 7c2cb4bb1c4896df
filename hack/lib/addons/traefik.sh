# Traefik v3 (github.com/traefik/traefik/v3), the local cluster's ingress controller: it serves the sites' Ingresses
# (IngressClass traefik) and the Gateway API routes attached to the Gateway wpoven-system/wpoven. Sourced by
# hack/addons.sh.
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

addon_up() { :; }
addon_down() { :; }
