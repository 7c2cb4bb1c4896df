#!/usr/bin/env bash
# Runs every test: unit tests, the e2e tests against the local cluster, the install tests (Helm, kustomize,
# Argo CD health) and the stack test on the real daemons. Sets up what a fresh machine lacks first: Debian
# packages, the cluster binaries, helm and the tool tests' S3 server (versitygw), all built from Go modules and cached
# under ~/.cache/wpoven.
# Extra arguments go to Maven, e.g. hack/test.sh -Dit.test=SiteLifecycleIT
set -euo pipefail
cd "$(dirname "$0")/.."
hack/lib/install-packages.sh
helm/build-helm.sh >/dev/null
hack/lib/build-s3.sh
hack/cluster.sh up
exec mvn -B verify "$@"
