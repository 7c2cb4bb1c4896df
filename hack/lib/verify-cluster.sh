# shellcheck shell=bash
# Self-test of a running local cluster, sourced by hack/cluster.sh (`hack/cluster.sh verify`).
# Uses kc, log, die, wait_for, now, since and NODE_LABEL from cluster.sh. Creates two scratch
# namespaces and removes them again.
VERIFY_NS=wpoven-verify
VERIFY_PSA_NS=wpoven-verify-psa

verify_cleanup() {
  kc delete namespace "$VERIFY_NS" "$VERIFY_PSA_NS" --ignore-not-found --wait=false >/dev/null 2>&1 || true
}

ns_gone() { ! kc get namespace "$VERIFY_NS" "$VERIFY_PSA_NS" -o name 2>/dev/null | grep -q .; }

# PodSecurity admission is on by default: a restricted namespace must reject a privileged pod
# and admit a compliant one.
verify_pod_security() {
  local out
  kc create namespace "$VERIFY_PSA_NS" >/dev/null
  kc label namespace "$VERIFY_PSA_NS" pod-security.kubernetes.io/enforce=restricted >/dev/null
  if out=$(kc -n "$VERIFY_PSA_NS" apply -f - 2>&1 <<'EOF'
apiVersion: v1
kind: Pod
metadata: {name: privileged}
spec:
  containers:
  - name: c
    image: example.invalid/none
    securityContext: {privileged: true}
EOF
  ); then
    die "PodSecurity: privileged pod was admitted in a restricted namespace"
  fi
  grep -q 'violates PodSecurity "restricted' <<<"$out" || die "PodSecurity: unexpected error: $out"
  kc -n "$VERIFY_PSA_NS" apply -f - >/dev/null <<'EOF'
apiVersion: v1
kind: Pod
metadata: {name: restricted}
spec:
  securityContext: {runAsNonRoot: true, runAsUser: 1000, seccompProfile: {type: RuntimeDefault}}
  containers:
  - name: c
    image: example.invalid/none
    securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}
EOF
  log "ok: PodSecurity rejects a privileged pod and admits a compliant one in a restricted namespace"
}

pods_on_kwok_nodes() { # selector: every matching pod is Running on a kwok node
  local selector=$1 kwok_nodes pods
  kwok_nodes=$(kc get nodes -l "$NODE_LABEL" -o name | sed 's|^node/||')
  pods=$(kc -n "$VERIFY_NS" get pods -l "$selector" \
    -o jsonpath='{range .items[*]}{.metadata.name} {.status.phase} {.spec.nodeName}{"\n"}{end}')
  [ -n "$pods" ] || die "no pods for $selector"
  while read -r name phase node; do
    [ "$phase" = Running ] || die "pod $name is $phase"
    grep -qx "$node" <<<"$kwok_nodes" || die "pod $name is on '$node', not a kwok node"
  done <<<"$pods"
}

pvc_bound() { [ "$(kc -n "$VERIFY_NS" get pvc "$1" -o jsonpath='{.status.phase}')" = Bound ]; }

# Default StorageClass + in-tree hostPath provisioner: a bare PVC binds, a StatefulSet's
# volumeClaimTemplates bind and its pods run on kwok nodes.
verify_storage() {
  local pv dir
  kc create namespace "$VERIFY_NS" >/dev/null
  kc -n "$VERIFY_NS" apply -f - >/dev/null <<'EOF'
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: data}
spec:
  accessModes: [ReadWriteOnce]
  resources: {requests: {storage: 1Gi}}
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  clusterIP: None
  selector: {app: web}
  ports: [{port: 80}]
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: web}
spec:
  serviceName: web
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: web
        image: example.invalid/web
        volumeMounts: [{name: data, mountPath: /data}]
  volumeClaimTemplates:
  - metadata: {name: data}
    spec:
      accessModes: [ReadWriteOnce]
      resources: {requests: {storage: 1Gi}}
EOF
  wait_for 60 "PVC data to bind" pvc_bound data
  pv=$(kc -n "$VERIFY_NS" get pvc data -o jsonpath='{.spec.volumeName}')
  dir=$(kc get pv "$pv" -o jsonpath='{.spec.hostPath.path}')
  [ -d "$dir" ] || die "PV $pv: host directory $dir missing"
  log "ok: PVC bound to $pv (storageClass $(kc get pv "$pv" -o jsonpath='{.spec.storageClassName}'), hostPath $dir)"
  kc -n "$VERIFY_NS" rollout status statefulset/web --timeout=120s >/dev/null
  if ! pvc_bound data-web-0 || ! pvc_bound data-web-1; then die "StatefulSet PVCs not bound"; fi
  pods_on_kwok_nodes app=web
  log "ok: StatefulSet web 2/2 Running on kwok nodes, volumeClaimTemplates bound"
}

verify_deployment_gc() {
  kc -n "$VERIFY_NS" create deployment dep --image=example.invalid/dep --replicas=3 >/dev/null
  kc -n "$VERIFY_NS" rollout status deployment/dep --timeout=120s >/dev/null
  pods_on_kwok_nodes app=dep
  log "ok: Deployment dep 3/3 Running on kwok nodes ($(kc -n "$VERIFY_NS" get pods -l app=dep \
    -o jsonpath='{range .items[*]}{.spec.nodeName} {end}'))"
  kc -n "$VERIFY_NS" autoscale deployment dep --min=3 --max=5 --cpu=50% >/dev/null
  wait_for 60 "the HPA controller to act" hpa_has_conditions
  log "ok: HPA controller reconciles (conditions: $(kc -n "$VERIFY_NS" get hpa dep \
    -o jsonpath='{range .status.conditions[*]}{.type}={.status} {end}'))"
  kc -n "$VERIFY_NS" delete hpa dep >/dev/null
  kc -n "$VERIFY_NS" delete deployment dep --wait=false >/dev/null
  wait_for 60 "the garbage collector to remove ReplicaSets and pods of dep" dep_gone
  log "ok: deleting the Deployment garbage-collected its ReplicaSet and pods"
}

hpa_has_conditions() { [ -n "$(kc -n "$VERIFY_NS" get hpa dep -o jsonpath='{.status.conditions[*].type}')" ]; }
dep_gone() { ! kc -n "$VERIFY_NS" get replicasets,pods -l app=dep -o name | grep -q .; }

verify_reclaim() { # $@: host directories of the test PVs, which reclaimPolicy Delete must remove
  local d
  verify_cleanup
  wait_for 180 "the scratch namespaces to be deleted" ns_gone
  for d in "$@"; do
    wait_for 60 "hostPath dir $d to be removed" test ! -e "$d"
  done
  log "ok: namespaces deleted, PVs reclaimed (Delete) and their host directories removed"
}

verify_cluster() {
  local start dirs
  start=$(now)
  verify_cleanup
  wait_for 180 "old scratch namespaces to be deleted" ns_gone
  trap verify_cleanup EXIT
  verify_pod_security
  verify_storage
  verify_deployment_gc
  dirs=$(kc get pv -o jsonpath="{range .items[?(@.spec.claimRef.namespace==\"$VERIFY_NS\")]}{.spec.hostPath.path}{\"\\n\"}{end}")
  # shellcheck disable=SC2086
  verify_reclaim $dirs
  trap - EXIT
  log "verify passed in $(since "$start")s"
}
