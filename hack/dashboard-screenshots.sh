#!/usr/bin/env bash
# Regenerates the dashboard's screenshots in docs/images/ (dashboard-fleet.png, dashboard-site.png): runs DashboardIT,
# a real headless Chromium against the local cluster (hack/cluster.sh up), with -Ddashboard.screenshots set, so the
# pictures are of the pages the test has just proven. Needs chromium and chromium-driver (hack/lib/install-packages.sh).
# Usage: hack/dashboard-screenshots.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
command -v chromium >/dev/null && command -v chromedriver >/dev/null \
  || { echo "chromium or chromium-driver missing: run hack/lib/install-packages.sh" >&2; exit 1; }
cd "$root"
mvn -B -q -pl operator,e2e verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=DashboardIT \
  -Ddashboard.screenshots="$root/docs/images"
ls -l docs/images/dashboard-*.png
