# Prometheus (github.com/prometheus/prometheus; the 3.x line is tagged v0.3xx.y), scraping what the sites'
# ServiceMonitors describe. Sourced by hack/addons.sh; also run by itself as the ServiceMonitor watcher (below).
#
# There is no Prometheus Operator here, so this file does its one job for ServiceMonitors: each endpoint of each
# ServiceMonitor (monitoring.coreos.com/v1) becomes a scrape job as the Prometheus Operator generates it — Kubernetes
# service discovery (role endpointslice, the cluster's kubeconfig) in the ServiceMonitor's namespace, keeping the
# Services its selector's matchLabels select and the Service port its endpoint names, with its path and interval, and
# the target labels namespace, service, pod, container, endpoint (the port name) and job (the Service's name).
# Not translated, since the operator writes none of them: matchExpressions, namespaceSelector, targetPort,
# relabelings, TLS and authentication. A watcher (a second process) regenerates the configuration whenever a
# ServiceMonitor changes and tells Prometheus to reload it (SIGHUP), so sites made after `up` are scraped too.
#
# Prometheus listens on 127.0.0.1 on the port in $ADDON_DIR/port (the first free one from 19090); HTTP API only (the
# web UI needs the builtinassets build tag and a Node.js build of its assets): /api/v1/query, /api/v1/targets.
ADDON_VERSION=v0.316.0

addon_build() {
  # its go.mod has no replace lines: a plain go install
  GOBIN=$1 go install "github.com/prometheus/prometheus/cmd/prometheus@$ADDON_VERSION"
}

# prometheus_config KUBECONFIG: the configuration for the ServiceMonitors in the cluster (none while the CRD is absent);
# fails when the API server cannot say, so that a hiccup never empties the configuration
prometheus_config() {
  local monitors err
  err=$(mktemp)
  if ! monitors=$(kubectl --kubeconfig "$1" get servicemonitors.monitoring.coreos.com -A -o json 2>"$err"); then
    grep -q "doesn't have a resource type" "$err" || { rm -f "$err"; return 1; }
    monitors='{"items":[]}'
  fi
  rm -f "$err"
  printf '%s' "$monitors" | jq --arg kubeconfig "$1" '
      def labelname: gsub("[^a-zA-Z0-9_]"; "_");
      def quote: gsub("(?<c>[.*+?()\\[\\]{}|^$\\\\])"; "\\\(.c)");
      {global: {scrape_interval: "30s", evaluation_interval: "30s"},
       scrape_configs: [.items | sort_by(.metadata.namespace, .metadata.name)[] as $sm
         | ($sm.spec.endpoints // []) | to_entries[] | .key as $i | .value as $ep
         | {job_name: "serviceMonitor/\($sm.metadata.namespace)/\($sm.metadata.name)/\($i)",
            scrape_interval: ($ep.interval // "30s"),
            metrics_path: ($ep.path // "/metrics"),
            kubernetes_sd_configs: [{role: "endpointslice", kubeconfig_file: $kubeconfig,
                                     namespaces: {names: [$sm.metadata.namespace]}}],
            relabel_configs: ([($sm.spec.selector.matchLabels // {}) | to_entries[]
                | {action: "keep", regex: "(\(.value | quote));true",
                   source_labels: ["__meta_kubernetes_service_label_\(.key | labelname)",
                                   "__meta_kubernetes_service_labelpresent_\(.key | labelname)"]}]
              + [{action: "keep", source_labels: ["__meta_kubernetes_endpointslice_port_name"], regex: ($ep.port | quote)},
                 {source_labels: ["__meta_kubernetes_namespace"], target_label: "namespace"},
                 {source_labels: ["__meta_kubernetes_service_name"], target_label: "service"},
                 {source_labels: ["__meta_kubernetes_pod_name"], target_label: "pod"},
                 {source_labels: ["__meta_kubernetes_pod_container_name"], target_label: "container"},
                 {source_labels: ["__meta_kubernetes_service_name"], target_label: "job"},
                 {target_label: "endpoint", replacement: $ep.port}])}]}'
}

# prometheus_sync DIR KUBECONFIG: writes DIR/prometheus.yml when the ServiceMonitors changed and reloads Prometheus
prometheus_sync() {
  local dir=$1 new
  new=$(prometheus_config "$2") || return 0
  [ "$new" = "$(cat "$dir/prometheus.yml" 2>/dev/null)" ] && return 0
  printf '%s\n' "$new" >"$dir/prometheus.yml.tmp" && mv "$dir/prometheus.yml.tmp" "$dir/prometheus.yml"
  local pid; pid=$(cat "$dir/prometheus.pid" 2>/dev/null) || return 0
  [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = prometheus ] && kill -HUP "$pid"
  return 0
}

addon_up() {
  local port i
  prometheus_sync "$ADDON_DIR" "$KUBECONFIG_FILE"
  if ! pid_alive prometheus; then
    for ((port = 19090; port < 19190; port++)); do
      ss -Hltn "sport = :$port" | grep -q . || break
    done
    echo "$port" >"$ADDON_DIR/port"
    start_addon_daemon prometheus "$ADDON_BIN/prometheus" --config.file="$ADDON_DIR/prometheus.yml" \
      --storage.tsdb.path="$ADDON_DIR/data" --storage.tsdb.retention.time=6h \
      --web.listen-address="127.0.0.1:$port" --log.level=warn
  fi
  start_addon_daemon prometheus-sync bash "$ADDONS_LIB/prometheus.sh" sync "$ADDON_DIR" "$KUBECONFIG_FILE"
  port=$(cat "$ADDON_DIR/port")
  for ((i = 0; i < 60; i++)); do
    curl -fsS "http://127.0.0.1:$port/-/ready" >/dev/null 2>&1 && { log "prometheus: http://127.0.0.1:$port"; return; }
    pid_alive prometheus || break
    sleep 1
  done
  tail -20 "$ADDON_DIR/prometheus.log" >&2
  die "prometheus did not become ready on 127.0.0.1:$port"
}

addon_down() {
  stop_addon_daemon prometheus-sync
  stop_addon_daemon prometheus
  rm -rf "$ADDON_DIR/data" "$ADDON_DIR/port"
}

# the watcher: `bash prometheus.sh sync DIR KUBECONFIG` (started by addon_up) syncs at every ServiceMonitor event and
# every minute or so; while the CRD is absent the watch fails at once and is retried every 10 s
if [ "${BASH_SOURCE[0]}" = "$0" ] && [ "${1:-}" = sync ]; then
  set -uo pipefail
  while :; do
    prometheus_sync "$2" "$3"
    kubectl --kubeconfig "$3" get servicemonitors.monitoring.coreos.com -A --watch-only -o name \
        --request-timeout=60s 2>/dev/null | while read -r _; do prometheus_sync "$2" "$3"; done
    sleep 10
  done
fi
