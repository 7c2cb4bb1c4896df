# cert-manager (controller, webhook, cainjector) from its Go module, with a CA ClusterIssuer `wpoven-local-ca`
# whose CA certificate is $ADDON_DIR/ca.crt (tests trust only it: curl --cacert). v1.11.5 is the last release whose
# commands are in the main module the Go proxy serves; it serves the same cert-manager.io/v1 API as today's.
# The three run on the host with the cluster's admin kubeconfig, everything they listen on bound to 127.0.0.1 (the
# API server calls the webhook by URL there; the cainjector puts the webhook's CA into its configurations). `down`
# removes the webhook configurations and the CRDs again: their presence changes what the operator makes.
ADDON_VERSION=v1.11.5
CM_MODULE=github.com/cert-manager/cert-manager
CM_NAMESPACE=cert-manager
CM_ISSUER=wpoven-local-ca
CM_WEBHOOK_PORT=${CM_WEBHOOK_PORT:-10260}
CM_WEBHOOK_HEALTHZ_PORT=${CM_WEBHOOK_HEALTHZ_PORT:-10261}
CM_METRICS_PORT=${CM_METRICS_PORT:-10262}

addon_build() {
  local out=$1 dir=$WPOVEN_CACHE/build/cert-manager-$ADDON_VERSION c src
  export GOFLAGS="-mod=mod -buildvcs=false"
  # upstream's only replace (miekg/dns) is for its ACME DNS tests; the commands build without it
  wrapper_module "$dir" "$CM_MODULE@$ADDON_VERSION"
  src=$(cd "$dir" && go list -m -f '{{.Dir}}' "$CM_MODULE")
  for c in controller cainjector; do
    log "cert-manager $ADDON_VERSION: $c"
    (cd "$dir" && go build -trimpath -ldflags "-s -w -X $CM_MODULE/pkg/util.AppVersion=$ADDON_VERSION" \
      -o "$out/$c" "$CM_MODULE/cmd/$c")
  done
  # the webhook listens on ":port" (every address) and has no flag to change it: built from a copy of the module
  # (12 MB) with its two listeners on loopback, the only change
  local wdir=$dir/webhook
  rm -rf "$wdir"; mkdir -p "$wdir"
  cp -r "$src" "$wdir/cert-manager"; chmod -R u+w "$wdir/cert-manager"
  sed -i 's/fmt.Sprintf(":%d", \*opts\.\(SecurePort\|HealthzPort\))/fmt.Sprintf("127.0.0.1:%d", *opts.\1)/' \
    "$wdir/cert-manager/internal/webhook/webhook.go"
  [ "$(grep -c '"127.0.0.1:%d"' "$wdir/cert-manager/internal/webhook/webhook.go")" = 2 ] ||
    { log "cert-manager: the webhook's listeners were not found"; return 1; }
  cp "$dir/go.mod" "$dir/go.sum" "$dir/doc.go" "$wdir/"
  echo "replace $CM_MODULE => ./cert-manager" >>"$wdir/go.mod"
  log "cert-manager $ADDON_VERSION: webhook"
  (cd "$wdir" && go build -trimpath -ldflags "-s -w -X $CM_MODULE/pkg/util.AppVersion=$ADDON_VERSION" \
    -o "$out/webhook" "$CM_MODULE/cmd/webhook")
  cm_render_crds "$src" >"$out/crds.yaml"
}

# the CRDs of deploy/crds carry the chart's label markers: render them with the chart's helpers, as its release does
cm_render_crds() {
  local src=$1 chart helm; chart=$(mktemp -d); helm=$("$HACK_DIR/../helm/build-helm.sh")
  mkdir -p "$chart/cert-manager/templates"
  sed "s/v0.1.0/$ADDON_VERSION/; /IS_PRERELEASE/d; /^annotations:/d" \
    "$src/deploy/charts/cert-manager/Chart.template.yaml" >"$chart/cert-manager/Chart.yaml"
  cp "$src/deploy/charts/cert-manager/values.yaml" "$chart/cert-manager/"
  cp "$src/deploy/charts/cert-manager/templates/_helpers.tpl" "$src"/deploy/crds/crd-*.yaml "$chart/cert-manager/templates/"
  "$helm" template cert-manager "$chart/cert-manager" --namespace "$CM_NAMESPACE" --set installCRDs=true
  rm -rf "$chart"
}

# the webhook's serving certificate for 127.0.0.1 and the CA that signed it ($ADDON_DIR/pki)
cm_pki() {
  local pki=$ADDON_DIR/pki
  mkdir -p "$pki"
  [ -f "$pki/webhook.crt" ] && return
  openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=wpoven local cert-manager webhook CA" \
    -keyout "$pki/webhook-ca.key" -out "$pki/webhook-ca.crt" 2>/dev/null
  openssl req -newkey rsa:2048 -nodes -subj "/CN=cert-manager-webhook" -keyout "$pki/webhook.key" \
    -out "$pki/webhook.csr" 2>/dev/null
  openssl x509 -req -in "$pki/webhook.csr" -CA "$pki/webhook-ca.crt" -CAkey "$pki/webhook-ca.key" -CAcreateserial \
    -days 3650 -extfile <(printf 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n') \
    -out "$pki/webhook.crt" 2>/dev/null
}

# the CA the ClusterIssuer signs with, kept with the cluster's add-on state: $ADDON_DIR/ca.crt is what clients trust
cm_issuer_ca() {
  [ -f "$ADDON_DIR/ca.crt" ] && return
  openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=wpoven local CA" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign,digitalSignature" \
    -keyout "$ADDON_DIR/ca.key" -out "$ADDON_DIR/ca.crt" 2>/dev/null
}

cm_webhook_configs() {
  local kind path
  for kind in ValidatingWebhookConfiguration MutatingWebhookConfiguration; do
    [ $kind = ValidatingWebhookConfiguration ] && path=validate || path=mutate
    cat <<YAML
---
apiVersion: admissionregistration.k8s.io/v1
kind: $kind
metadata:
  name: cert-manager-webhook
  labels: {app.kubernetes.io/name: webhook, app.kubernetes.io/instance: cert-manager}
  annotations:
    cert-manager.io/inject-ca-from-secret: $CM_NAMESPACE/cert-manager-webhook-ca
webhooks:
- name: webhook.cert-manager.io
  rules:
  - apiGroups: [cert-manager.io, acme.cert-manager.io]
    apiVersions: [v1]
    operations: [CREATE, UPDATE]
    resources: ["*/*"]
  admissionReviewVersions: [v1]
  matchPolicy: Equivalent
  timeoutSeconds: 10
  failurePolicy: Fail
  sideEffects: None
  clientConfig:
    url: https://127.0.0.1:$CM_WEBHOOK_PORT/$path
YAML
  done
}

addon_up() {
  local kubeconfig=$KUBECONFIG_FILE i c
  kc apply --server-side --force-conflicts -f "$ADDON_BIN/crds.yaml" >/dev/null
  # a namespace left terminating by an older `down` must be gone before it can be made again
  if [ "$(kc get namespace "$CM_NAMESPACE" -o jsonpath='{.status.phase}' 2>/dev/null)" = Terminating ]; then
    kc wait --for=delete "namespace/$CM_NAMESPACE" --timeout=120s >/dev/null
  fi
  kc create namespace "$CM_NAMESPACE" --dry-run=client -o yaml | kc apply -f - >/dev/null
  cm_pki
  cm_issuer_ca
  # the webhook's CA, for the cainjector to put into the webhook configurations (as the chart's does)
  kc -n "$CM_NAMESPACE" create secret generic cert-manager-webhook-ca --from-file=ca.crt="$ADDON_DIR/pki/webhook-ca.crt" \
    --dry-run=client -o yaml | kc annotate -f - --local -o yaml cert-manager.io/allow-direct-injection=true | kc apply -f - >/dev/null
  kc -n "$CM_NAMESPACE" create secret tls "$CM_ISSUER" --cert="$ADDON_DIR/ca.crt" --key="$ADDON_DIR/ca.key" \
    --dry-run=client -o yaml | kc apply -f - >/dev/null
  start_addon_daemon webhook "$ADDON_BIN/webhook" --kubeconfig="$kubeconfig" --secure-port="$CM_WEBHOOK_PORT" \
    --healthz-port="$CM_WEBHOOK_HEALTHZ_PORT" --tls-cert-file="$ADDON_DIR/pki/webhook.crt" \
    --tls-private-key-file="$ADDON_DIR/pki/webhook.key" --v=1
  KUBECONFIG=$kubeconfig start_addon_daemon cainjector "$ADDON_BIN/cainjector" --leader-election-namespace="$CM_NAMESPACE" --v=1
  start_addon_daemon controller "$ADDON_BIN/controller" --kubeconfig="$kubeconfig" \
    --leader-election-namespace="$CM_NAMESPACE" --cluster-resource-namespace="$CM_NAMESPACE" \
    --metrics-listen-address="127.0.0.1:$CM_METRICS_PORT" --v=1
  for ((i = 0; i < 60; i++)); do
    curl -fs "http://127.0.0.1:$CM_WEBHOOK_HEALTHZ_PORT/healthz" >/dev/null && break
    for c in webhook cainjector controller; do
      pid_alive "$c" || { log "cert-manager: $c exited: $(tail -3 "$ADDON_DIR/$c.log")"; return 1; }
    done
    sleep 1
  done
  cm_webhook_configs | kc apply -f - >/dev/null
  # usable once the cainjector has injected the CA and the webhook admits cert-manager objects
  for ((i = 0; i < 90; i++)); do
    [ -n "$(kc get validatingwebhookconfiguration cert-manager-webhook -o jsonpath='{.webhooks[0].clientConfig.caBundle}')" ] &&
      [ -n "$(kc get mutatingwebhookconfiguration cert-manager-webhook -o jsonpath='{.webhooks[0].clientConfig.caBundle}')" ] &&
      cm_cluster_issuer 2>/dev/null && break
    sleep 1
  done
  ((i < 90)) || { log "cert-manager: not ready in 90 s (logs in $ADDON_DIR)"; return 1; }
  kc wait --for=condition=Ready "clusterissuer/$CM_ISSUER" --timeout=60s >/dev/null
  log "cert-manager $ADDON_VERSION up: ClusterIssuer $CM_ISSUER, its CA in $ADDON_DIR/ca.crt"
}

cm_cluster_issuer() {
  kc apply -f - >/dev/null <<YAML
apiVersion: cert-manager.io/v1
kind: ClusterIssuer
metadata:
  name: $CM_ISSUER
spec:
  ca:
    secretName: $CM_ISSUER
YAML
}

addon_down() {
  local c
  for c in controller cainjector webhook; do stop_addon_daemon "$c"; done
  kc delete validatingwebhookconfiguration,mutatingwebhookconfiguration cert-manager-webhook --ignore-not-found >/dev/null
  # deleting the CRDs deletes every cert-manager object with them (Certificates, the ClusterIssuer)
  kc delete -f "$ADDON_BIN/crds.yaml" --ignore-not-found --wait=true >/dev/null
  # the namespace stays (the CA Secrets, leader leases: nothing a site sees); a namespace being deleted would hold up
  # the next `up`, and its deletion waits for every aggregated API of the cluster to answer
}
