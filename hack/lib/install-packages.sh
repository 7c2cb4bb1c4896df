#!/usr/bin/env bash
# Installs the Debian packages the tests need, when missing: the real daemons the rendered configuration
# is checked with (unit tests and the stack test), the real node's runtime (containerd, runc, CNI plugins)
# and image tools, and the tools the scripts use. None is started as a
# service; the tests run them on loopback. Needs root (or does nothing when everything is present).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# the tools, the daemons of the stack test (one list, kept beside that test) and what the real node and
# the project's images need (hack/lib/node-debian-packages.txt)
# chromium + chromium-driver: the dashboard's browser test (DashboardIT) and hack/dashboard-screenshots.sh
packages=(curl ca-certificates git maven python3-yaml shellcheck chromium chromium-driver
  $(grep -hv '^#' "$here/e2e/src/test/resources/stack/debian-packages.txt" "$here/hack/lib/node-debian-packages.txt"))
need=()
for pkg in "${packages[@]}"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
[ ${#need[@]} -eq 0 ] && exit 0
echo "[packages] installing: ${need[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
# packages must not start services on install (there is no init system here anyway)
[ -e /usr/sbin/policy-rc.d ] || { printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d; chmod +x /usr/sbin/policy-rc.d; }
apt-get install -y -q --no-install-recommends "${need[@]}"
