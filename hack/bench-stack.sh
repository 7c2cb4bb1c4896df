#!/usr/bin/env bash
# Serving benchmark of the configuration the operator renders, on the real daemons (Debian's packages as plain
# processes on loopback, WordPress installed): requests/s and p99 of (a) a static file from nginx, (b) the home page
# as a cache hit through the front proxy (its micro-cache; b0: micro-cache off, Varnish's hit), (c) the uncached PHP page; the ratios b/a and b/c; the WAF's cost on
# cache hits (ModSecurity + CRS on and off); the CPU time each daemon spends per request. Bounded load: wrk, one
# thread, a fixed duration and connection count, 127.0.0.1 only. Each run is checked (status 200, X-Cache, no
# non-2xx/3xx answers, bytes per response), since wrk counts redirects as successes. Results go to
# docs/performance.md ("Serving benchmark") by hand.
#   hack/bench-stack.sh [SECONDS_PER_RUN (10)] [CONNECTIONS (32)]
# See io.wpoven.e2e.stack.StackBenchmark. Best run on an otherwise idle machine (check `uptime`).
set -euo pipefail
cd "$(dirname "$0")/.."

packages=$(grep -v '^#' e2e/src/test/resources/stack/debian-packages.txt | xargs)
missing=()
for pkg in $packages; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "missing Debian packages: ${missing[*]}" >&2
    exit 1
  fi
  # the benchmark runs the daemons itself: they must not start as services (on their default ports) on install
  policy=""
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
    chmod +x /usr/sbin/policy-rc.d
    policy=created
  fi
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
  if [ "$policy" = created ]; then rm -f /usr/sbin/policy-rc.d; fi
fi

# one reactor build: the e2e classes get this checkout's operator classes (nothing is installed into ~/.m2)
mvn -B -q -pl operator,e2e test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/stack-bench.classpath -Dmdep.includeScope=test

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(. /etc/os-release && echo "$PRETTY_NAME"), kernel $(uname -r), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "daemons: $(nginx -v 2>&1 | sed 's/.*: //'), $(varnishd -V 2>&1 | head -1 | sed 's/.*(\(varnish-[^ ]*\).*/\1/'), $(php-fpm8.2 -v | head -1 | cut -d' ' -f1-2), $(mariadbd --version | awk '{print $3}'), redis $(redis-server --version | sed 's/.*v=\([^ ]*\).*/\1/'), wordpress $(dpkg-query -W -f='${Version}' wordpress), modsecurity-crs $(dpkg-query -W -f='${Version}' modsecurity-crs), $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2)"
exec java -Dwpoven.repo="$PWD" -cp "e2e/target/test-classes:$(cat e2e/target/stack-bench.classpath)" \
  io.wpoven.e2e.stack.StackBenchmark "$@"
