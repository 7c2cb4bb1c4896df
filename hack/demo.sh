#!/usr/bin/env bash
# One command to see the operator work, as it is deployed: brings up the local cluster with its real node, builds
# the operator and the project's images, installs the operator from its Helm chart onto the real node, applies
# manifests/samples/site-local.yaml and waits until the site is Ready, then forwards 127.0.0.1:80 (or
# WPOVEN_DEMO_PORT) to the site's proxy Service and checks that WordPress answers there.
# Where the machine cannot run the real node, it falls back to KWOK nodes and a host operator (the site is then
# Ready but serves nothing, since KWOK runs no containers) and says so.
#   hack/demo.sh        start (idempotent)
#   hack/demo.sh down   stop the forward, the operator and the cluster
set -euo pipefail
cd "$(dirname "$0")/.."
. hack/lib/versions.sh
. hack/lib/operator.sh
NS=wpoven-demo
FORWARD_PID=$WPOVEN_CACHE/demo-forward.pid
PORT=${WPOVEN_DEMO_PORT:-80}

forward_stop() {
  if [ -f "$FORWARD_PID" ] && kill -0 "$(cat "$FORWARD_PID")" 2>/dev/null \
      && tr '\0' ' ' <"/proc/$(cat "$FORWARD_PID")/cmdline" | grep -q port-forward; then
    kill "$(cat "$FORWARD_PID")"
  fi
  rm -f "$FORWARD_PID"
}

if [ "${1:-up}" = down ]; then
  forward_stop
  operator_stop
  hack/cluster.sh down
  exit 0
fi

hack/lib/install-packages.sh
real=1
WPOVEN_REAL_NODE=1 hack/cluster.sh up || real=0
eval "$(hack/cluster.sh env)"
operator_build

if [ "$real" = 0 ] || ! hack/cluster.sh node status >/dev/null 2>&1; then
  echo "[demo] the real node cannot run on this machine: falling back to KWOK nodes (the site is Ready but serves nothing)" >&2
  operator_start "${WPOVEN_DEMO_OPERATOR_PORT:-18080}"
  kubectl apply --server-side -f manifests/samples/site-minimal.yaml
  kubectl wait wordpresssite/blog --for condition=Ready --timeout=180s
  kubectl get wordpresssites,deployments,statefulsets,services,pvc
  exit 0
fi

operator_stop   # a host operator from an earlier KWOK demo would fight the in-cluster one
hack/images.sh load
helm=$(helm/build-helm.sh)
# the CRDs are applied here, as the tests do, so the release does not own them (crds.enabled=false below)
kubectl apply --server-side --force-conflicts -f crds/ >/dev/null
images=()
for c in wordpress nginx varnish redis mariadb; do images+=(--set "defaults.images.$c=localhost/wpoven/$c:bookworm"); done
"$helm" upgrade --install wpoven helm/wpoven-operator --namespace wpoven-system --create-namespace \
  --set image.repository=localhost/wpoven/tool --set image.tag=bookworm --set image.pullPolicy=Never \
  --set crds.enabled=false \
  --set-json 'nodeSelector={"wpoven.io/node-kind":"real"}' \
  --set-json 'tolerations=[{"key":"wpoven.io/node-kind","operator":"Equal","value":"real","effect":"NoSchedule"}]' \
  --set-string "podAnnotations.wpoven\.io/image-hash=$(hack/images.sh hash tool)" \
  --set-json 'extraEnv=[{"name":"QUARKUS_KUBERNETES_CLIENT_API_SERVER_URL","value":"https://kubernetes.default.svc"}]' \
  "${images[@]}" --wait --timeout 5m >/dev/null
echo "[demo] operator running in the cluster: $(kubectl -n wpoven-system get pods -o name)" >&2
hack/cluster.sh node namespace "$NS" >/dev/null
kubectl apply --server-side -f manifests/samples/site-local.yaml
kubectl -n "$NS" wait wordpresssite/blog --for condition=Ready --timeout=600s
forward_stop
nohup kubectl -n "$NS" port-forward --address 127.0.0.1 svc/blog-proxy "$PORT:80" >"$WPOVEN_CACHE/demo-forward.log" 2>&1 &
echo $! >"$FORWARD_PID"
url="http://blog.localhost$([ "$PORT" = 80 ] || echo ":$PORT")/"
for i in $(seq 1 60); do
  curl -fsS --resolve "blog.localhost:$PORT:127.0.0.1" "$url" 2>/dev/null | grep -q '<title>blog' && break
  [ "$i" = 60 ] && { echo "[demo] $url does not answer with WordPress (log: $WPOVEN_CACHE/demo-forward.log)" >&2; exit 1; }
  sleep 1
done
kubectl -n "$NS" get wordpresssites,pods
cat <<EOT

WordPress serves at $url (open it in a browser; blog.localhost is 127.0.0.1).
Log in at ${url}wp-login.php as $(kubectl -n "$NS" get wps blog -o jsonpath='{.status.admin.username}'), password:
  kubectl -n $NS get secret blog-credentials -o jsonpath='{.data.wordpress-admin-password}' | base64 -d
(WordPress's links use port 80: with WPOVEN_DEMO_PORT set, only the home page is reachable as is.)
Look around: eval "\$(hack/cluster.sh env)"; kubectl -n $NS describe wps blog
Stop everything with: hack/demo.sh down
EOT
