#!/usr/bin/env bash
# Scale benchmark (docs/performance.md, "Scale"): for each N (default 100 300 1000) on a local cluster of its own
# (KWOK nodes; kube-apiserver, controller-manager, scheduler and etcd as processes; audit log on):
#   floor      the very child objects the operator makes for N sites, created directly (no operator; curl, 16 at a
#              time) until every Deployment and StatefulSet is ready and every Job complete;
#   operator   N WordPressSites applied at once until every site is Ready=True; the ratio to the floor;
#              the operator's CPU-seconds per site, its heap and RSS, the API requests it made (audit log, by its
#              user agent), then 60 s idle and a restart with the N sites (both must write nothing).
# The operator runs on this host exactly as the chart's pod does: in a memory cgroup with the chart's
# resources.limits.memory and the chart's JVM options (JAVA_OPTS_APPEND), so the JVM sizes its heap as in the pod.
# Then (SCALE_KILLS=0 skips it) the kill runs: SCALE_KILL_SITES (300) sites applied while the operator is SIGKILLed
# SCALE_KILLS (20) times at random moments; then two replicas with leader election while the leader is killed.
#   hack/bench-scale.sh [N ...]
# Environment: WPOVEN_CLUSTER (default wpoven-scale; created with WPOVEN_AUDIT=1 if missing), SCALE_KILLS,
# SCALE_KILL_SITES, SCALE_LEADER_KILLS (5), SCALE_PARALLEL (16 requests in flight for the floor),
# SCALE_JFR=DIR (a flight recording of each apply, for `jfr print`; it costs CPU: not for the numbers).
set -euo pipefail
cd "$(dirname "$0")/.."
. hack/lib/versions.sh

SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(100 300 1000)
[ "${SIZES[*]}" != kills ] || SIZES=() # only the kill runs
KILLS=${SCALE_KILLS:-20}
KILL_SITES=${SCALE_KILL_SITES:-300}
LEADER_KILLS=${SCALE_LEADER_KILLS:-5}
PARALLEL=${SCALE_PARALLEL:-16}
export WPOVEN_CLUSTER=${WPOVEN_CLUSTER:-wpoven-scale} WPOVEN_AUDIT=1
[ "$WPOVEN_CLUSTER" != wpoven ] || { echo "use a cluster of your own, not the shared one" >&2; exit 2; }
max=$KILL_SITES
for n in "${SIZES[@]+"${SIZES[@]}"}"; do [ "$n" -le "$max" ] || max=$n; done
# 6 pods per site (+ the install Job's), 500 pods per simulated node, and room for the floor's copy
export WPOVEN_NODES=${WPOVEN_NODES:-$((max * 7 / 450 + 3))}

hack/cluster.sh up >/dev/null
eval "$(hack/cluster.sh env)"
CLUSTER_DIR=$KWOK_WORKDIR/clusters/$WPOVEN_CLUSTER
AUDIT=$CLUSTER_DIR/logs/audit.log
[ -f "$AUDIT" ] || { echo "$WPOVEN_CLUSTER has no audit log: WPOVEN_CLUSTER=$WPOVEN_CLUSTER hack/cluster.sh down; rerun" >&2; exit 1; }
nodes=$(kubectl get nodes --no-headers | wc -l)
if [ "$nodes" -lt "$WPOVEN_NODES" ]; then hack/cluster.sh up >/dev/null; fi

# the operator as the chart's pod runs it
VALUES=helm/wpoven-operator/values.yaml
export OPERATOR_STATE=$WPOVEN_CACHE/operator-bench-scale
export OPERATOR_MEMORY_LIMIT OPERATOR_JAVA_OPTS
OPERATOR_MEMORY_LIMIT=$(yq -r '.resources.limits.memory' "$VALUES")
OPERATOR_JAVA_OPTS="-Djava.io.tmpdir=/tmp $(yq -r '.javaOpts' "$VALUES")"
. hack/lib/operator.sh
[ -f "$OPERATOR_JAR" ] || mvn -B -o -q -pl operator -DskipTests package
PORT=18091
WORK=$(mktemp -d /tmp/bench-scale.XXXXXX)
# a copy of the packaged operator, so that a build during the run cannot change it under the running JVM
if [ "$OPERATOR_JAR" = operator/target/quarkus-app/quarkus-run.jar ]; then
  JAR_SOURCE="$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- operator || echo '+changes')"
else
  JAR_SOURCE=$OPERATOR_JAR
fi
cp -r "$(dirname "$OPERATOR_JAR")" "$WORK/app"
OPERATOR_JAR=$WORK/app/quarkus-run.jar
cleanup() {
  rm -rf "$WORK/app" "$WORK"/floor-*
  OPERATOR_STATE=$WPOVEN_CACHE/operator-bench-scale-b operator_stop || true
  operator_stop || true
}
trap cleanup EXIT

now() { date +%s.%N; }
elapsed() { awk -v s="$1" -v e="${2:-$(now)}" 'BEGIN { printf "%.1f", e - s }'; }
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }
log() { printf '[bench-scale %s] %s\n' "$(date -u +%T)" "$*" >&2; }

site() { printf 'apiVersion: wpoven.io/v1alpha1\nkind: WordPressSite\nmetadata: {name: %s, namespace: %s}\nspec: {domains: [%s.bench.example.com], deletionPolicy: Delete}\n---\n' "$1" "$2" "$1"; }
apply_sites() { local ns=$1 count=$2 i; for i in $(seq 1 "$count"); do site "site$i" "$ns"; done | kubectl apply -f - >/dev/null; }

# post_sites NS COUNT: creates the sites the way the floor creates its objects (curl, $PARALLEL requests in flight, one
# POST each), so that the measured apply → Ready and the floor start alike; `kubectl apply` would send them one by one
post_sites() {
  local ns=$1 count=$2 server dir=$WORK/sites-$1 pki=$CLUSTER_DIR/pki i
  server=$(kubectl config view --minify -o jsonpath='{.clusters[0].cluster.server}')
  mkdir -p "$dir"
  for i in $(seq 1 "$count"); do
    printf '{"apiVersion":"wpoven.io/v1alpha1","kind":"WordPressSite","metadata":{"name":"site%s","namespace":"%s"},"spec":{"domains":["site%s.bench.example.com"],"deletionPolicy":"Delete"}}' \
      "$i" "$ns" "$i" >"$dir/$i.json"
    [ "$i" -gt 1 ] && echo next
    printf 'url = "%s/apis/wpoven.io/v1alpha1/namespaces/%s/wordpresssites"\nrequest = "POST"\ndata-binary = "@%s"\n' "$server" "$ns" "$dir/$i.json"
    printf 'header = "Content-Type: application/json"\ncert = "%s/admin.crt"\nkey = "%s/admin.key"\ncacert = "%s/ca.crt"\nfail\noutput = "/dev/null"\n' "$pki" "$pki" "$pki"
  done >"$dir/curl.cfg"
  curl --no-progress-meter --parallel --parallel-max "$PARALLEL" --config "$dir/curl.cfg" || { log "operator: some site creates failed"; exit 1; }
  rm -rf "$dir"
}

# ready_sites NS: how many sites report Ready=True (the printer column, one short table from the server)
ready_sites() { kubectl get wps -n "$1" --no-headers 2>/dev/null | awk '$3 == "True"' | wc -l; }

# delete_namespace NS: deletes it and waits (sites have a finalizer: the operator must still run)
delete_namespace() { kubectl delete namespace "$1" --wait=true --timeout=1800s >/dev/null; }

# wait_until SECONDS COMMAND...: every second until COMMAND succeeds; 1 on timeout
wait_until() {
  local timeout=$1 i; shift
  for ((i = 0; i < timeout; i++)); do "$@" && return 0; sleep 1; done
  return 1
}
sites_ready() { [ "$(ready_sites "$1")" -ge "$2" ]; }
# sites_ready_or_operator_gone NS COUNT: also true when the operator is no longer running (killed for its memory)
sites_ready_or_operator_gone() { sites_ready "$1" "$2" || ! operator_running; }

# cpu_ticks PID: user + system CPU of the process in clock ticks
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
ticks_to_s() { awk -v t="$1" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.1f", t / hz }'; }
# heap_used_mib PID: used heap now (jstat: survivor + eden + old)
heap_used_mib() { jstat -gc "$1" 2>/dev/null | awk 'NR == 2 { printf "%.0f", ($3 + $4 + $6 + $8) / 1024 }'; }
rss_peak_mib() { awk '/VmHWM/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }

# sample_heap PID FILE: the peaks of the used heap and of RSS, sampled every 2 s, into FILE (until the process ends)
sample_heap() {
  local pid=$1 file=$2 peak=0 rss=0 h r
  while kill -0 "$pid" 2>/dev/null; do
    h=$(heap_used_mib "$pid") || true
    r=$(rss_peak_mib "$pid" 2>/dev/null) || true
    if [ -n "$h" ] && [ "$h" -gt "$peak" ]; then peak=$h; fi
    if [ -n "$r" ] && [ "$r" -gt "$rss" ]; then rss=$r; fi
    echo "$peak $rss" >"$file"
    sleep 2
  done
}

# oom_kills: how many times the kernel killed a process of the operator's cgroup for its memory limit
oom_kills() { awk '/oom_kill / { print $2 }' "$(operator_cgroup)/memory.oom_control" 2>/dev/null || echo 0; }

# audit_mark: the audit log's current line count (requests logged so far)
audit_mark() { wc -l <"$AUDIT"; }
# operator_requests FROM [TO]: the operator's requests (user agent fabric8…) logged after line FROM, by verb
operator_requests() {
  local from=$1 to=${2:-$(audit_mark)}
  sed -n "$((from + 1)),${to}p" "$AUDIT" | jq -r 'select((.userAgent // "") | startswith("fabric8")) | .verb' \
    | sort | uniq -c | awk '{ printf "%s %s=%d", (NR > 1 ? "," : ""), $2, $1; t += $1 } END { printf " (total %d)\n", t }'
}
# operator_writes FROM [TO]: the operator's writes after line FROM: "count kind/verb, …"
operator_writes() {
  local from=$1 to=${2:-$(audit_mark)}
  sed -n "$((from + 1)),${to}p" "$AUDIT" \
    | jq -r 'select(((.userAgent // "") | startswith("fabric8")) and (.verb | test("create|update|patch|delete"))) | "\(.objectRef.resource)\(if .objectRef.subresource then "/" + .objectRef.subresource else "" end) \(.verb)"' \
    | sort | uniq -c | awk '{ t += $1; s = s sprintf("%s%s %s×%d", (NR > 1 ? ", " : ""), $2, $3, $1) } END { printf "%d%s\n", t, (t ? " (" s ")" : "") }'
}

# metric NAME: sum of a counter on the operator's /q/metrics (lines starting with NAME)
metric() { curl -fsS "http://127.0.0.1:$PORT/q/metrics" | awk -v m="$1" 'index($0, m) == 1 { s += $NF } END { printf "%d", s }'; }

# ---------------------------------------------------------------------------------------------------------------
# The floor: one site's children, made by the operator once, copied N times and created without it.

# template: the objects the operator makes for one site "zzsitezz", as JSON lines, server-set fields removed
make_template() {
  local ns=bench-scale-template
  kubectl create namespace "$ns" >/dev/null
  operator_start "$PORT" >/dev/null
  site zzsitezz "$ns" | kubectl apply -f - >/dev/null
  wait_until 300 sites_ready "$ns" 1 || { log "template site not Ready"; exit 1; }
  kubectl get secrets,configmaps,persistentvolumeclaims,services,deployments,statefulsets,networkpolicies,poddisruptionbudgets,ingresses,jobs,cronjobs,horizontalpodautoscalers \
    -n "$ns" -o json | jq -c '.items[]
      | select(any(.metadata.ownerReferences[]?; .kind == "WordPressSite"))
      | del(.status, .metadata.uid, .metadata.resourceVersion, .metadata.creationTimestamp, .metadata.generation,
            .metadata.managedFields, .metadata.ownerReferences, .metadata.finalizers)
      | .metadata.annotations |= ((. // {}) | with_entries(select(.key | test("kubernetes.io/") | not)))
      | if .kind == "Service" and .spec.clusterIP != "None" then del(.spec.clusterIP, .spec.clusterIPs) else . end
      | if .kind == "PersistentVolumeClaim" then del(.spec.volumeName) else . end
      | if .kind == "Job" then del(.spec.selector, .spec.template.metadata.labels["controller-uid", "job-name",
            "batch.kubernetes.io/controller-uid", "batch.kubernetes.io/job-name"]) else . end' \
    | sed 's/"namespace":"bench-scale-template"/"namespace":"NS"/g' >"$WORK/template.jsonl"
  delete_namespace "$ns"
  operator_stop
  log "template: $(wc -l <"$WORK/template.jsonl") objects per site: $(jq -r .kind "$WORK/template.jsonl" | sort | uniq -c | tr -s ' ' | paste -sd,)"
}

# api_path KIND: the collection path of a kind (namespace NS)
api_path() {
  case $1 in
    Secret) echo /api/v1/namespaces/NS/secrets ;;
    ConfigMap) echo /api/v1/namespaces/NS/configmaps ;;
    PersistentVolumeClaim) echo /api/v1/namespaces/NS/persistentvolumeclaims ;;
    Service) echo /api/v1/namespaces/NS/services ;;
    Deployment) echo /apis/apps/v1/namespaces/NS/deployments ;;
    StatefulSet) echo /apis/apps/v1/namespaces/NS/statefulsets ;;
    NetworkPolicy) echo /apis/networking.k8s.io/v1/namespaces/NS/networkpolicies ;;
    Ingress) echo /apis/networking.k8s.io/v1/namespaces/NS/ingresses ;;
    PodDisruptionBudget) echo /apis/policy/v1/namespaces/NS/poddisruptionbudgets ;;
    Job) echo /apis/batch/v1/namespaces/NS/jobs ;;
    CronJob) echo /apis/batch/v1/namespaces/NS/cronjobs ;;
    HorizontalPodAutoscaler) echo /apis/autoscaling/v2/namespaces/NS/horizontalpodautoscalers ;;
    *) log "no API path for $1"; exit 1 ;;
  esac
}

# floor_requests NS COUNT: a curl config creating every child of COUNT sites in NS (one POST each)
floor_requests() {
  local ns=$1 count=$2 server dir=$WORK/floor-$1 i
  server=$(kubectl config view --minify -o jsonpath='{.clusters[0].cluster.server}')
  mkdir -p "$dir"
  # the collection path of each template line, in order
  jq -r .kind "$WORK/template.jsonl" | while read -r kind; do api_path "$kind" | sed "s/NS/$ns/"; done >"$dir/paths"
  for i in $(seq 1 "$count"); do sed "s/zzsitezz/site$i/g; s/\"NS\"/\"$ns\"/g" "$WORK/template.jsonl"; done \
    | awk -v dir="$dir" -v server="$server" -v pki="$CLUSTER_DIR/pki" -v per="$(wc -l <"$WORK/template.jsonl")" '
        BEGIN { while ((getline p < (dir "/paths")) > 0) path[n++] = p }
        {
          f = dir "/" NR ".json"; print > f; close(f)
          if (NR > 1) print "next"
          printf "url = \"%s%s\"\nrequest = \"POST\"\ndata-binary = \"@%s\"\nheader = \"Content-Type: application/json\"\n", server, path[(NR - 1) % per], f
          printf "cert = \"%s/admin.crt\"\nkey = \"%s/admin.key\"\ncacert = \"%s/ca.crt\"\nfail\noutput = \"/dev/null\"\n", pki, pki, pki
        }' >"$dir/curl.cfg"
}

# floor_ready NS SITES: every Deployment and StatefulSet of the copy ready, every Job complete
floor_ready() {
  local ns=$1 count=$2 want_deploy want_sts want_jobs
  want_deploy=$((count * $(grep -c '"kind":"Deployment"' "$WORK/template.jsonl")))
  want_sts=$((count * $(grep -c '"kind":"StatefulSet"' "$WORK/template.jsonl")))
  want_jobs=$((count * $(grep -c '"kind":"Job"' "$WORK/template.jsonl")))
  [ "$(kubectl get deploy -n "$ns" --no-headers 2>/dev/null | awk '{ split($2, r, "/") } r[1] == r[2] && $4 == r[2]' | wc -l)" -ge "$want_deploy" ] &&
  [ "$(kubectl get sts -n "$ns" --no-headers 2>/dev/null | awk '{ split($2, r, "/") } r[1] == r[2]' | wc -l)" -ge "$want_sts" ] &&
  [ "$(kubectl get jobs -n "$ns" --no-headers 2>/dev/null | awk '$2 == "Complete"' | wc -l)" -ge "$want_jobs" ]
}

run_floor() {
  local count=$1 ns="floor-$1" start
  floor_requests "$ns" "$count"
  kubectl create namespace "$ns" >/dev/null
  start=$(now)
  curl --no-progress-meter --parallel --parallel-max "$PARALLEL" --config "$WORK/floor-$ns/curl.cfg" || { log "floor: some creates failed"; exit 1; }
  wait_until 3600 floor_ready "$ns" "$count" || { log "floor: not ready"; exit 1; }
  FLOOR=$(elapsed "$start")
  kubectl delete namespace "$ns" --wait=true --timeout=900s >/dev/null
  rm -rf "$WORK/floor-$ns"
}

# ---------------------------------------------------------------------------------------------------------------
# The operator's run for N sites.

run_operator() {
  local count=$1 ns="sites-$1" start pid t0 mark mark_idle mark_restart restart_start reconciled
  kubectl create namespace "$ns" >/dev/null
  # SCALE_JFR=DIR: a flight recording of the apply (profile settings), written when the operator stops
  OPERATOR_JAVA_OPTS="$OPERATOR_JAVA_OPTS${SCALE_JFR:+ -XX:StartFlightRecording=filename=$SCALE_JFR/operator-$count.jfr,settings=profile,dumponexit=true -XX:FlightRecorderOptions=stackdepth=1024}" \
    operator_start "$PORT" >/dev/null
  pid=$(operator_pid)
  sample_heap "$pid" "$WORK/heap-$count" &
  mark=$(audit_mark)
  t0=$(cpu_ticks "$pid")
  oom0=$(oom_kills)
  start=$(now)
  post_sites "$ns" "$count"
  wait_until 3600 sites_ready_or_operator_gone "$ns" "$count" || { log "operator: only $(ready_sites "$ns")/$count Ready"; exit 1; }
  if ! operator_running; then
    OP_DIED="the operator was killed after $(elapsed "$start") s with $(ready_sites "$ns")/$count sites Ready: $(($(oom_kills) - oom0)) cgroup OOM kill(s) at the $OPERATOR_MEMORY_LIMIT limit, RSS peak $(cut -d' ' -f2 "$WORK/heap-$count") MiB, heap peak $(cut -d' ' -f1 "$WORK/heap-$count") MiB"
    log "$OP_DIED"
    operator_start "$PORT" >/dev/null # to finalize the sites
    delete_namespace "$ns"
    operator_stop
    return
  fi
  OP_DIED=""
  OP_TIME=$(elapsed "$start")
  OP_CPU=$(ticks_to_s $(($(cpu_ticks "$pid") - t0)))
  OP_REQUESTS=$(operator_requests "$mark")
  OP_WRITES=$(operator_writes "$mark")
  # idle: nothing changes, nothing may be written
  sleep 5
  mark_idle=$(audit_mark)
  sleep 60
  IDLE_WRITES=$(operator_writes "$mark_idle")
  OP_HEAP_PEAK=$(cut -d' ' -f1 "$WORK/heap-$count" 2>/dev/null || echo "?")
  OP_RSS_PEAK=$(rss_peak_mib "$pid")
  jcmd "$pid" GC.run >/dev/null 2>&1 || true
  OP_HEAP_LIVE=$(heap_used_mib "$pid")
  OP_HEAP_MAX=$(jcmd "$pid" VM.flags 2>/dev/null | tr ' ' '\n' | awk -F= '/^-XX:MaxHeapSize=/ { printf "%.0f", $2 / 1048576 }')
  OP_CGROUP_PEAK=$(awk '{ printf "%.0f", $1 / 1048576 }' "$(operator_cgroup)/memory.max_usage_in_bytes")
  OP_OOM=$(($(oom_kills) - oom0))
  # restart: every site verified again (one successful reconcile each), nothing written
  operator_stop
  echo 0 >"$(operator_cgroup)/memory.max_usage_in_bytes" 2>/dev/null || true
  mark_restart=$(audit_mark)
  restart_start=$(now)
  operator_launch "$PORT"
  pid=$(operator_pid)
  wait_until 120 curl -fsS "http://127.0.0.1:$PORT/q/health/ready" -o /dev/null 2>/dev/null || true
  wait_until 1800 reconciled_all "$count" || log "restart: only $(reconciled) reconciles of $count sites"
  RESTART_TIME=$(elapsed "$restart_start")
  RESTART_CPU=$(ticks_to_s "$(cpu_ticks "$pid")")
  sleep 10
  RESTART_WRITES=$(operator_writes "$mark_restart")
  RESTART_RSS=$(rss_peak_mib "$pid")
  # deleted while the next phase starts (the operator keeps running to finalize the sites); waited for before a floor
  kubectl delete namespace "$ns" --wait=false >/dev/null
  PENDING_NS=$ns
}

# successful reconciles of sites since the operator started (its Micrometer counter)
reconciled() { metric 'reconciliations_success_total{controller_name="wordpresssite"}' 2>/dev/null || echo 0; }
reconciled_all() { [ "$(reconciled)" -ge "$1" ]; }

# ---------------------------------------------------------------------------------------------------------------
# Kills under load.

# credentials NS: name uid resourceVersion sha256(data) of every site's credentials Secret
credentials() {
  kubectl get secrets -n "$1" -l app.kubernetes.io/component=credentials -o json \
    | jq -r '.items[] | "\(.metadata.name) \(.metadata.uid) \(.metadata.resourceVersion) \(.data | tojson)"' \
    | while read -r name uid rv data; do echo "$name $uid $rv $(sha256sum <<<"$data" | cut -c1-16)"; done | sort
}

# remember_credentials NS FILE: keeps the first record seen of every Secret
remember_credentials() {
  touch "$2"
  credentials "$1" | while read -r name rest; do grep -q "^$name " "$2" 2>/dev/null || echo "$name $rest" >>"$2"; done
}

# check_objects NS COUNT: every child once per site and no other; none orphaned; every Secret as first seen
check_objects() {
  local ns=$1 count=$2 want have extra orphans changed
  want=$(for i in $(seq 1 "$count"); do jq -r '"\(.kind) \(.metadata.name)"' "$WORK/template.jsonl" | sed "s/zzsitezz/site$i/"; done | sort)
  kubectl get secrets,configmaps,persistentvolumeclaims,services,deployments,statefulsets,networkpolicies,poddisruptionbudgets,ingresses,jobs,cronjobs,horizontalpodautoscalers \
    -n "$ns" -l app.kubernetes.io/managed-by -o json >"$WORK/objects.json"
  have=$(jq -r '.items[] | select(any(.metadata.ownerReferences[]?; .kind == "WordPressSite")) | "\(.kind) \(.metadata.name)"' "$WORK/objects.json" | sort)
  extra=$(comm -13 <(echo "$want") <(echo "$have") | wc -l)
  CHECK_MISSING=$(comm -23 <(echo "$want") <(echo "$have") | wc -l)
  CHECK_DUPLICATES=$(( $(echo "$have" | wc -l) - $(echo "$have" | sort -u | wc -l) + extra ))
  # orphans: objects of the operator's without a live site as owner (PVCs of StatefulSets are the StatefulSet's)
  kubectl get wps -n "$ns" -o jsonpath='{range .items[*]}{.metadata.uid}{"\n"}{end}' | sort >"$WORK/site-uids"
  orphans=$(jq -r '.items[] | select(.metadata.labels["app.kubernetes.io/component"] != null)
      | select((.metadata.ownerReferences // []) | length == 0 or all(.[]; .kind != "WordPressSite" and .kind != "StatefulSet" and .kind != "CronJob"))
      | "\(.kind) \(.metadata.name)"' "$WORK/objects.json" | grep -v '^PersistentVolumeClaim data-' || true)
  orphans=$(( $(grep -c . <<<"$orphans" || true) + $(jq -r '.items[] | .metadata.ownerReferences[]? | select(.kind == "WordPressSite") | .uid' "$WORK/objects.json" | sort -u | comm -23 - "$WORK/site-uids" | wc -l) ))
  CHECK_ORPHANS=$orphans
  # first-seen records of Secrets that still exist and differ now (uid, resourceVersion or data)
  CHECK_CREDENTIALS_CHANGED=$(join <(sort "$WORK/creds-$ns") <(credentials "$ns") | awk '$2 != $5 || $3 != $6 || $4 != $7' | wc -l)
  CHECK_SECRETS=$(wc -l <"$WORK/creds-$ns")
}

run_kills() {
  local ns=kill-$KILL_SITES kills=0 start pause
  kubectl create namespace "$ns" >/dev/null
  operator_start "$PORT" >/dev/null
  start=$(now)
  apply_sites "$ns" "$KILL_SITES"
  while [ "$kills" -lt "$KILLS" ]; do
    # a random moment 0–8 s after the restarted operator is ready (its start-up alone takes seconds here)
    operator_wait_ready "$PORT" >/dev/null 2>&1 || true
    sleep "$(awk -v r="$RANDOM" 'BEGIN { printf "%.1f", r % 80 / 10 }')"
    remember_credentials "$ns" "$WORK/creds-$ns"
    operator_stop KILL
    kills=$((kills + 1))
    operator_launch "$PORT"
  done
  KILL_DONE_READY=$(ready_sites "$ns")
  wait_until 1800 sites_ready "$ns" "$KILL_SITES" || log "kills: only $(ready_sites "$ns")/$KILL_SITES Ready"
  KILL_TIME=$(elapsed "$start")
  KILL_READY=$(ready_sites "$ns")
  check_objects "$ns" "$KILL_SITES"
  delete_namespace "$ns"
  operator_stop
}

# lease holder and acquireTime of the leader Lease
lease() { kubectl get lease -n "$1" wpoven-bench-leader -o jsonpath='{.spec.holderIdentity} {.spec.acquireTime} {.spec.leaseDurationSeconds}' 2>/dev/null; }

run_leader_kills() {
  local ns=leader-$KILL_SITES kills=0 start holder standby killed_at took b=$WPOVEN_CACHE/operator-bench-scale-b
  # each process its own identity, as each pod of a Deployment has its own name: a restarted replica with the killed
  # leader's identity would simply renew the Lease it finds in its name
  local id_a=replica-a-0 id_b=replica-b-0
  kubectl create namespace "$ns" >/dev/null
  export WPOVEN_LEADER_ELECTION_ENABLED=true WPOVEN_LEADER_ELECTION_LEASE_NAME=wpoven-bench-leader WPOVEN_LEADER_ELECTION_LEASE_NAMESPACE=$ns
  mkdir -p "$b"; : >"$b/operator.log"
  WPOVEN_LEADER_ELECTION_IDENTITY=$id_a operator_start "$PORT" >/dev/null
  WPOVEN_LEADER_ELECTION_IDENTITY=$id_b OPERATOR_STATE=$b operator_launch $((PORT + 1))
  wait_until 60 bash -c "kubectl get lease -n $ns wpoven-bench-leader >/dev/null 2>&1" || true
  start=$(now)
  apply_sites "$ns" "$KILL_SITES"
  TAKEOVERS=()
  while [ "$kills" -lt "$LEADER_KILLS" ]; do
    sleep "$(awk -v r="$RANDOM" 'BEGIN { printf "%.1f", 2 + r % 60 / 10 }')"
    remember_credentials "$ns" "$WORK/creds-$ns"
    read -r holder _ LEASE_SECONDS <<<"$(lease "$ns")"
    kills=$((kills + 1))
    if [ "$holder" = "$id_a" ]; then
      standby=$id_b
      operator_stop KILL
      killed_at=$(now)
      id_a=replica-a-$kills
      WPOVEN_LEADER_ELECTION_IDENTITY=$id_a operator_launch "$PORT"
    else
      standby=$id_a
      OPERATOR_STATE=$b operator_stop KILL
      killed_at=$(now)
      id_b=replica-b-$kills
      WPOVEN_LEADER_ELECTION_IDENTITY=$id_b OPERATOR_STATE=$b operator_launch $((PORT + 1))
    fi
    wait_until 120 bash -c "[ \"\$(kubectl get lease -n $ns wpoven-bench-leader -o jsonpath='{.spec.holderIdentity}')\" = $standby ]" \
      || log "leader kills: $standby did not take the Lease over within 120 s"
    took=$(elapsed "$killed_at")
    TAKEOVERS+=("$took")
  done
  wait_until 1800 sites_ready "$ns" "$KILL_SITES" || log "leader kills: only $(ready_sites "$ns")/$KILL_SITES Ready"
  LEADER_TIME=$(elapsed "$start")
  LEADER_READY=$(ready_sites "$ns")
  check_objects "$ns" "$KILL_SITES"
  delete_namespace "$ns"
  OPERATOR_STATE=$b operator_stop
  operator_stop
  unset WPOVEN_LEADER_ELECTION_ENABLED WPOVEN_LEADER_ELECTION_LEASE_NAME WPOVEN_LEADER_ELECTION_LEASE_NAMESPACE
}

# ---------------------------------------------------------------------------------------------------------------

echo "machine: $(nproc) cores ($(lscpu | sed -n 's/^Model name: *//p')), $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -r)"
echo "cluster: $WPOVEN_CLUSTER, kube-apiserver $K8S_VERSION + etcd + KWOK $KWOK_VERSION ($WPOVEN_NODES simulated nodes); controller-manager/scheduler --kube-api-qps 1000 --kube-api-burst 2000"
echo "operator: $JAR_SOURCE, java -jar on the host in a memory cgroup of $OPERATOR_MEMORY_LIMIT (the chart's limit), JAVA_OPTS_APPEND=\"$OPERATOR_JAVA_OPTS\""
echo "peer (bitpoke wordpress-operator, Go): not built here — the Go module proxy does not serve it (docs/performance.md gives the figures measured elsewhere)"
log "load average before: $(loadavg)"
make_template
PENDING_NS=""
for n in "${SIZES[@]+"${SIZES[@]}"}"; do
  if [ -n "$PENDING_NS" ]; then delete_namespace "$PENDING_NS"; PENDING_NS=""; fi
  log "N=$n: floor"
  load_before=$(loadavg)
  run_floor "$n"
  log "N=$n: operator"
  run_operator "$n"
  load_after=$(loadavg)
  if [ -n "$OP_DIED" ]; then
    printf '\n== %s sites: floor %s s; %s ==\n' "$n" "$FLOOR" "$OP_DIED"
    continue
  fi
  cat <<EOF

== $n sites ($(wc -l <"$WORK/template.jsonl") objects each; load average $load_before before, $load_after after) ==
| what | value |
|---|---|
| floor: the same children created directly, all ready | ${FLOOR} s |
| operator: apply → all sites Ready | ${OP_TIME} s |
| ratio operator / floor | $(awk -v a="$OP_TIME" -v b="$FLOOR" 'BEGIN { printf "%.2f", a / b }') (target ≤ 1.2) |
| operator CPU | ${OP_CPU} s = $(awk -v c="$OP_CPU" -v n="$n" 'BEGIN { printf "%.3f", c / n }') s per site (target ≤ 0.33) |
| operator heap (max ${OP_HEAP_MAX} MiB) | peak used ${OP_HEAP_PEAK} MiB, live after full GC ${OP_HEAP_LIVE} MiB |
| operator memory (limit $OPERATOR_MEMORY_LIMIT) | RSS peak ${OP_RSS_PEAK} MiB, cgroup peak ${OP_CGROUP_PEAK} MiB, OOM kills ${OP_OOM} |
| API requests by the operator, apply → Ready | ${OP_REQUESTS} |
| writes by the operator, apply → Ready | ${OP_WRITES} |
| 60 s idle: writes | ${IDLE_WRITES} |
| restart: every site reconciled again | ${RESTART_TIME} s (JVM start included), CPU ${RESTART_CPU} s, RSS peak ${RESTART_RSS} MiB |
| restart: writes | ${RESTART_WRITES} |
| peer (bitpoke wordpress-operator) | not built: its Go module is not served here |
EOF
done

if [ "$KILLS" -gt 0 ]; then
  log "kills: $KILL_SITES sites, $KILLS SIGKILLs"
  load_before=$(loadavg)
  run_kills
  cat <<EOF

== kills: $KILL_SITES sites applied, operator SIGKILLed $KILLS times at random moments (0–8 s after it is ready) and restarted; load average $load_before ==
| what | value |
|---|---|
| sites Ready when the last kill was done / at the end | $KILL_DONE_READY / $KILL_READY of $KILL_SITES (apply → all Ready ${KILL_TIME} s) |
| children missing / duplicated or extra / orphaned | $CHECK_MISSING / $CHECK_DUPLICATES / $CHECK_ORPHANS |
| credentials Secrets changed since first seen (uid, resourceVersion, data) | $CHECK_CREDENTIALS_CHANGED of $CHECK_SECRETS |
EOF
  log "leader kills: $KILL_SITES sites, 2 replicas, $LEADER_KILLS leader SIGKILLs"
  run_leader_kills
  cat <<EOF

== leader election: $KILL_SITES sites applied to 2 replicas, the leader SIGKILLed $LEADER_KILLS times (and restarted as the standby) ==
| what | value |
|---|---|
| standby holds the Lease, seconds after the kill | ${TAKEOVERS[*]} (lease duration ${LEASE_SECONDS} s) |
| sites Ready at the end | $LEADER_READY of $KILL_SITES (apply → all Ready ${LEADER_TIME} s) |
| children missing / duplicated or extra / orphaned | $CHECK_MISSING / $CHECK_DUPLICATES / $CHECK_ORPHANS |
| credentials Secrets changed since first seen | $CHECK_CREDENTIALS_CHANGED of $CHECK_SECRETS |
EOF
fi

if [ -n "$PENDING_NS" ]; then
  operator_start "$PORT" >/dev/null
  delete_namespace "$PENDING_NS"
  operator_stop
fi
