#!/usr/bin/env bash
# Benchmark: time from `kubectl apply` to Ready=True, for one site and for N sites at once (default 100),
# on the local cluster (KWOK nodes: pods are simulated, so this measures the operator and the control
# plane, not image pulls). Prints the numbers; results go to docs/performance.md by hand.
#   hack/bench-ready.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
. hack/lib/versions.sh
. hack/lib/operator.sh
N=${1:-100}

hack/cluster.sh up >/dev/null
eval "$(hack/cluster.sh env)"
[ -f "$OPERATOR_JAR" ] || operator_build
operator_start 18081
trap operator_stop EXIT

site() { printf 'apiVersion: wpoven.io/v1alpha1\nkind: WordPressSite\nmetadata: {name: %s, namespace: %s}\nspec: {domains: [%s.bench.example.com], deletionPolicy: Delete}\n---\n' "$1" "$2" "$1"; }
now() { date +%s.%N; }

# wait_ready NS COUNT: until COUNT sites in NS report Ready=True
wait_ready() {
  local ns=$1 count=$2 ready
  for _ in $(seq 1 1800); do
    ready=$(kubectl get wps -n "$ns" -o jsonpath='{range .items[*]}{.status.conditions[?(@.type=="Ready")].status}{"\n"}{end}' | grep -c True || true)
    [ "$ready" -ge "$count" ] && return 0
    sleep 0.2
  done
  echo "timeout: $ready/$count Ready" >&2; return 1
}

run() {
  local count=$1 ns="bench-$1-$(date +%s)" start end
  kubectl create namespace "$ns" >/dev/null
  start=$(now)
  for i in $(seq 1 "$count"); do site "site$i" "$ns"; done | kubectl apply -f - >/dev/null
  wait_ready "$ns" "$count"
  end=$(now)
  awk -v s="$start" -v e="$end" -v n="$count" 'BEGIN { printf "%4d site(s): apply -> all Ready in %6.1f s (%.2f s per site)\n", n, e - s, (e - s) / n }'
  kubectl delete namespace "$ns" --wait=false >/dev/null
}

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -r); cluster: kube-apiserver $K8S_VERSION + KWOK $KWOK_VERSION"
run 1
run "$N"
