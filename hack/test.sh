#!/usr/bin/env bash
# Runs every test: unit tests, then the e2e tests against the local cluster (built and started here if
# needed; see hack/cluster.sh). Extra arguments go to Maven, e.g. hack/test.sh -Dit.test=SiteLifecycleIT
set -euo pipefail
cd "$(dirname "$0")/.."
hack/cluster.sh up
exec mvn -B verify "$@"
