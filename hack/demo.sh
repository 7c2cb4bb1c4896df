#!/usr/bin/env bash
# One command to see the operator work: brings up the local cluster, builds and starts the operator,
# installs the CRDs and applies manifests/samples/site-minimal.yaml, then waits until the site is Ready.
#   hack/demo.sh        start (idempotent)
#   hack/demo.sh down   stop the operator and the cluster
set -euo pipefail
cd "$(dirname "$0")/.."
. hack/lib/versions.sh
. hack/lib/operator.sh

if [ "${1:-up}" = down ]; then
  operator_stop
  hack/cluster.sh down
  exit 0
fi

hack/cluster.sh up
eval "$(hack/cluster.sh env)"
operator_build
operator_start "${WPOVEN_DEMO_PORT:-18080}"
kubectl apply --server-side -f manifests/samples/site-minimal.yaml
kubectl wait wordpresssite/blog --for condition=Ready --timeout=180s
kubectl get wordpresssites,deployments,statefulsets,services,pvc
cat <<EOT

The operator runs in the background (log: $OPERATOR_STATE/operator.log). Look around with:
  eval "\$(hack/cluster.sh env)"
  kubectl get wps blog -o yaml
  kubectl describe wps blog
Stop everything with: hack/demo.sh down
EOT
