# Runs the packaged operator as a background process against the local cluster (sourced by demo and
# benchmark scripts). Needs versions.sh sourced and KUBECONFIG exported.
# OPERATOR_STATE: pid file and log (a benchmark gives its own, so it never stops another session's operator).
OPERATOR_STATE=${OPERATOR_STATE:-$WPOVEN_CACHE/operator}
# OPERATOR_MEMORY_LIMIT (e.g. 512Mi): run the operator in a memory cgroup with this limit, as its pod's
# resources.limits.memory; the JVM sizes its heap from the cgroup's limit as it does in the container
# (needs root and the cgroup v1 memory controller). OPERATOR_JAVA_OPTS: JVM options, as the chart's JAVA_OPTS_APPEND.
OPERATOR_MEMORY_LIMIT=${OPERATOR_MEMORY_LIMIT:-}
OPERATOR_JAVA_OPTS=${OPERATOR_JAVA_OPTS:-}
OPERATOR_JAR=${OPERATOR_JAR:-operator/target/quarkus-app/quarkus-run.jar}

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

# operator_stop [SIGNAL]: TERM by default; KILL as a crash would.
operator_stop() {
  if operator_running; then
    local i
    kill -"${1:-TERM}" "$(cat "$OPERATOR_STATE/pid")"
    # a JVM that failed to start may ignore TERM: KILL it after 30 s
    for ((i = 0; i < 300; i++)); do operator_running || break; sleep 0.1; done
    if operator_running; then kill -KILL "$(cat "$OPERATOR_STATE/pid")"; fi
    while operator_running; do sleep 0.1; done
  fi
  rm -f "$OPERATOR_STATE/pid"
}

# operator_cgroup: the memory cgroup the operator runs in when OPERATOR_MEMORY_LIMIT is set.
operator_cgroup() {
  echo "/sys/fs/cgroup/memory/wpoven-operator-$(basename "$OPERATOR_STATE")"
}

operator_pid() {
  cat "$OPERATOR_STATE/pid"
}

# operator_start [port]: installs the CRDs, starts the operator, waits until its readiness endpoint answers.
operator_start() {
  local port=${1:-18080}
  mkdir -p "$OPERATOR_STATE"
  kubectl apply --server-side --force-conflicts -f crds/ >/dev/null
  kubectl wait --for condition=established --timeout=60s -f crds/ >/dev/null
  operator_stop
  : >"$OPERATOR_STATE/operator.log"
  operator_launch "$port"
  operator_wait_ready "$port"
}

# operator_launch PORT: starts the operator without installing CRDs or waiting (appends to its log).
operator_launch() {
  local port=$1 cgroup=""
  if [ -n "$OPERATOR_MEMORY_LIMIT" ]; then
    cgroup=$(operator_cgroup)
    mkdir -p "$cgroup"
    numfmt --from=auto "$OPERATOR_MEMORY_LIMIT" >"$cgroup/memory.limit_in_bytes"
  fi
  # shellcheck disable=SC2086 # OPERATOR_JAVA_OPTS is a list of options, as JAVA_OPTS_APPEND in the image
  QUARKUS_HTTP_PORT=$port CGROUP=$cgroup nohup sh -c '[ -z "$CGROUP" ] || echo $$ >"$CGROUP/cgroup.procs"; exec java "$@"' \
    operator $OPERATOR_JAVA_OPTS -jar "$OPERATOR_JAR" >> "$OPERATOR_STATE/operator.log" 2>&1 &
  echo $! > "$OPERATOR_STATE/pid"
}

# operator_wait_ready PORT: until the readiness endpoint answers (1 if the operator died or 60 s passed).
operator_wait_ready() {
  local port=$1
  local i
  for i in $(seq 1 120); do
    curl -fsS "http://127.0.0.1:$port/q/health/ready" >/dev/null 2>&1 && return 0
    operator_running || { tail -50 "$OPERATOR_STATE/operator.log" >&2; return 1; }
    sleep 0.5
  done
  echo "operator not ready after 60 s; log: $OPERATOR_STATE/operator.log" >&2
  return 1
}
