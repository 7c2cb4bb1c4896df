#!/usr/bin/env bash
# Runs every test: unit tests, the e2e tests against the local cluster, the install tests (Helm, kustomize,
# Argo CD health), the stack test on the real daemons, the tool tests (MariaDB, files and an S3 server on
# loopback) and the real-pod tests (RealPodsIT, ImagesIT) on the cluster's real node. Sets up what a fresh machine
# lacks first: Debian packages, the cluster and node binaries, helm and the tool tests' S3 server (versitygw), all
# built from Go modules and cached under ~/.cache/wpoven, and the project's images (cached by content).
# Extra arguments go to Maven, e.g. hack/test.sh -Dit.test=SiteLifecycleIT
# WPOVEN_REAL_NODE=0 leaves the real node out (its tests are then skipped); so does a cluster created before real
# nodes existed.
set -euo pipefail
cd "$(dirname "$0")/.."
hack/lib/install-packages.sh
if [ -z "${WPOVEN_REAL_NODE:-}" ]; then
  if hack/cluster.sh node supported; then
    WPOVEN_REAL_NODE=1
  else
    echo "[test] cluster ${WPOVEN_CLUSTER:-wpoven} predates real nodes: real-pod tests skipped (recreate it: hack/cluster.sh down)" >&2
    WPOVEN_REAL_NODE=0
  fi
fi
export WPOVEN_REAL_NODE
# The cluster's and the node's binaries (the longest cold build, CPU-bound) build in the background while helm, the
# S3 server and the images (mostly downloads) are made; each is skipped when cached.
. hack/lib/versions.sh
mkdir -p "$WPOVEN_CACHE"
# The cluster's add-ons (ingress controller, cert-manager, metrics-server, …) build at the lowest CPU priority beside
# everything else, in their own session; a test that needs one waits for it (hack/addons.sh up raises its priority).
# First those the real-node chain needs early (RealAutoscalingIT, RealIngressGatewayIT, RealNetworkPoliciesIT), then the
# rest (cert-manager and Prometheus are for isolated classes at the end).
setsid nice -n 19 bash -c 'hack/addons.sh build metrics-server traefik kube-router && hack/addons.sh build' \
  >"$WPOVEN_CACHE/build-addons.log" 2>&1 </dev/null &
binaries_log=$WPOVEN_CACHE/build-binaries.log
( hack/lib/build-binaries.sh all && if [ "$WPOVEN_REAL_NODE" = 1 ]; then hack/lib/build-binaries.sh node; fi ) \
  >"$binaries_log" 2>&1 &
binaries=$!
helm/build-helm.sh >/dev/null
hack/lib/build-s3.sh
if [ "$WPOVEN_REAL_NODE" = 1 ]; then
  # the images the operator's jar is not part of; the tool image follows once Maven packaged the operator
  WPOVEN_IMAGES="pause nginx varnish redis mariadb wordpress wordpress-php8.4 shell s3" hack/images.sh build
  # Testcontainers runs the images on the same engine, without Ryuk (its image cannot be pulled), and reaches
  # published ports on 127.0.0.1 (it would take this VM for a container and use the bridge's gateway)
  DOCKER_HOST=$(hack/lib/dockerd.sh up)
  export DOCKER_HOST TESTCONTAINERS_RYUK_DISABLED=true TESTCONTAINERS_HOST_OVERRIDE=127.0.0.1
fi
if ! wait "$binaries"; then
  cat "$binaries_log" >&2
  echo "[test] building the cluster's binaries failed" >&2
  exit 1
fi
hack/cluster.sh up   # with WPOVEN_REAL_NODE=1 also the real node; the tests load the images into it
exec mvn -B verify "$@"
