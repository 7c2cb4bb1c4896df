# Runs the packaged operator as a background process against the local cluster (sourced by demo and
# benchmark scripts). Needs versions.sh sourced and KUBECONFIG exported.
OPERATOR_STATE=$WPOVEN_CACHE/operator
OPERATOR_JAR=operator/target/quarkus-app/quarkus-run.jar

operator_build() {
  mvn -B -q -pl operator -am install -DskipTests
}

# operator_running: the pid file names a live process that is this operator. A pid file left from before a reboot
# or an earlier session may name a pid the system has since given to another program (once: the cluster's etcd).
operator_running() {
  local pid
  [ -f "$OPERATOR_STATE/pid" ] || return 1
  pid=$(cat "$OPERATOR_STATE/pid")
  kill -0 "$pid" 2>/dev/null && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q "quarkus-run.jar"
}

operator_stop() {
  if operator_running; then
    kill "$(cat "$OPERATOR_STATE/pid")"
    while operator_running; do sleep 0.2; done
  fi
  rm -f "$OPERATOR_STATE/pid"
}

# operator_start [port]: installs the CRDs, starts the operator, waits until its readiness endpoint answers.
operator_start() {
  local port=${1:-18080}
  mkdir -p "$OPERATOR_STATE"
  kubectl apply --server-side --force-conflicts -f crds/ >/dev/null
  kubectl wait --for condition=established --timeout=60s -f crds/ >/dev/null
  operator_stop
  QUARKUS_HTTP_PORT=$port nohup java -jar "$OPERATOR_JAR" > "$OPERATOR_STATE/operator.log" 2>&1 &
  echo $! > "$OPERATOR_STATE/pid"
  local i
  for i in $(seq 1 120); do
    curl -fsS "http://127.0.0.1:$port/q/health/ready" >/dev/null 2>&1 && return 0
    operator_running || { tail -50 "$OPERATOR_STATE/operator.log" >&2; return 1; }
    sleep 0.5
  done
  echo "operator not ready after 60 s; log: $OPERATOR_STATE/operator.log" >&2
  return 1
}
