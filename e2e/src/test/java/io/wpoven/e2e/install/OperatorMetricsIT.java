package io.wpoven.e2e.install;

import org.junit.jupiter.api.parallel.Isolated;
import static org.assertj.core.api.Assertions.assertThat;

import static io.wpoven.e2e.harness.TestNamespace.within;

import java.io.IOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.wpoven.e2e.harness.Cli;
import io.wpoven.e2e.harness.E2eTest;
import io.wpoven.e2e.harness.OperatorProcess;
import io.wpoven.e2e.harness.Repo;
import io.wpoven.e2e.harness.Sites;
import io.wpoven.e2e.harness.TestNamespace;

/**
 * The operator's /q/metrics (what the chart's Service and ServiceMonitor scrape) exports JOSDK's reconcile
 * series per controller, and every series the Grafana dashboard and the PrometheusRule query exists, or is one
 * the operator still has to add (listed here, and in docs/install.md).
 */
@E2eTest
@Isolated
class OperatorMetricsIT {
    /** Series that appear with a site's first backup success and failure (made in the test before scraping). */
    static final Set<String> BACKUP_SERIES = Set.of(
            "wpoven_site_last_backup_success_timestamp_seconds", "wpoven_site_last_backup_failure_timestamp_seconds");
    /** JOSDK counters that appear with their first increment (a failed reconcile, a retry). */
    static final Set<String> JOSDK_ON_FIRST_USE = Set.of("reconciliations_failure_total", "reconciliations_retries_total");
    /** Series of a site's last completed malware scan: none before a scan Job has run (RealMalwareScanIT scrapes them). */
    static final Set<String> ON_FIRST_SCAN = Set.of("wpoven_malware_findings", "wpoven_malware_last_scan_timestamp_seconds");
    /** Made by Prometheus itself, not by a target. */
    static final Set<String> PROMETHEUS = Set.of("up");
    /** Series of other targets the alerts use: the kubelet's volume stats and the sites' exporter sidecars. */
    static final Set<String> OTHER_TARGETS = Set.of("kubelet_volume_stats_used_bytes",
            "kubelet_volume_stats_capacity_bytes", "mysql_up", "phpfpm_max_children_reached");
    /** The operator's gauges that appear with the first object of their kind (a Restore, a Staging's push or pull). */
    static final Set<String> ON_FIRST_OBJECT = Set.of("wpoven_restore_condition", "wpoven_staging_sync_outcome");

    static final Pattern SERIES = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*})? (\\S+)", Pattern.MULTILINE);

    @Test
    void reconcileCountsDurationsAndResultsArePerController(TestNamespace ns) {
        ns.applySiteYaml(Sites.minimal("blog", "blog.example.com"));
        Sites.awaitReady(ns, "blog");

        Map<String, Double> series = series(DedicatedOperator.get(OperatorProcess.get(), "/q/metrics"));

        String controller = "{controller_name=\"wordpresssite\"}";
        assertThat(series).as("JOSDK reconcile series (none at all: the operator runs with Metrics.NOOP, as Quarkus"
                + " Operator SDK 7.7.3 wires it in the packaged app, quarkiverse/quarkus-operator-sdk#1385)")
                .containsKey("reconciliations_started_total" + controller);
        assertThat(series.get("reconciliations_started_total" + controller)).as("reconciles started").isPositive();
        assertThat(series.get("reconciliations_success_total" + controller)).as("reconciles succeeded").isPositive();
        assertThat(series.get("reconciliations_execution_duration_seconds_count" + controller)).as("reconciles timed")
                .isPositive();
        assertThat(series)
                .containsKey("reconciliations_execution_duration_seconds_bucket{controller_name=\"wordpresssite\",le=\"+Inf\"}");
        assertThat(series).containsKeys("reconciliations_active" + controller, "reconciliations_queue" + controller);
    }

    @Test
    void sitesByConditionFollowTheSitesStatusAndLeaveWithTheSite(TestNamespace ns) {
        ns.applySiteYaml(Sites.minimal("blog", "blog.example.com"));
        Sites.awaitReady(ns, "blog");
        within(Duration.ofSeconds(30)).alias("Ready=True exported for the site").until(() ->
                siteCondition(ns.name(), "blog", "Ready", "True") == 1.0 && siteCondition(ns.name(), "blog", "Ready", "False") == 0.0);
        Map<String, Double> series = series(DedicatedOperator.get(OperatorProcess.get(), "/q/metrics"));
        Set<String> types = new TreeSet<>();
        series.keySet().stream().filter(k -> k.startsWith("wpoven_site_condition{") && labels(k).get("namespace").equals(ns.name()))
                .forEach(k -> types.add(labels(k).get("type")));
        assertThat(types).containsExactlyInAnyOrder("Ready", "Progressing", "Degraded", "DatabaseReady", "CacheReady",
                "WebReady", "TLSReady");

        // scaled to zero, the site stops serving: Ready turns False, and so does the series
        ns.applySiteYaml(Sites.minimal("blog", "blog.example.com") + "  replicas: 0\n");
        within(Duration.ofSeconds(60)).alias("Ready=False exported for the site").until(() ->
                siteCondition(ns.name(), "blog", "Ready", "False") == 1.0 && siteCondition(ns.name(), "blog", "Ready", "True") == 0.0);

        ns.site("blog").delete();
        within(Duration.ofSeconds(60)).alias("the site's series gone with it").until(() ->
                series(DedicatedOperator.get(OperatorProcess.get(), "/q/metrics")).keySet().stream()
                        .noneMatch(k -> k.startsWith("wpoven_site_condition{") && ns.name().equals(labels(k).get("namespace"))));
    }

    /**
     * One Backup that succeeds and one that times out (its storage claim does not exist): both backup series of
     * the site appear, labelled with the site's name as the alerts group them.
     */
    static void backupsSucceedAndFail(TestNamespace ns) {
        ns.apply(new io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder().withNewMetadata().withName("backups")
                .endMetadata().withNewSpec().withAccessModes("ReadWriteOnce").withNewResources()
                .withRequests(Map.of("storage", new io.fabric8.kubernetes.api.model.Quantity("1Gi"))).endResources()
                .endSpec().build());
        for (String[] b : new String[][] { { "good", "backups" }, { "bad", "missing" } }) {
            ns.applyRaw("""
                    apiVersion: wpoven.io/v1alpha1
                    kind: Backup
                    metadata: {name: %s}
                    spec:
                      siteRef: {name: blog}
                      timeoutSeconds: 10
                      storage: {persistentVolumeClaim: {claimName: %s}}
                    """.formatted(b[0], b[1]));
        }
        within(Duration.ofSeconds(120)).alias("the site's backup success and failure exported").until(() -> {
            Map<String, Double> series = series(DedicatedOperator.get(OperatorProcess.get(), "/q/metrics"));
            return BACKUP_SERIES.stream().allMatch(metric -> series.entrySet().stream().anyMatch(e ->
                    e.getKey().startsWith(metric + "{") && ns.name().equals(labels(e.getKey()).get("namespace"))
                            && "blog".equals(labels(e.getKey()).get("name"))
                            && e.getValue() > java.time.Instant.now().getEpochSecond() - 600));
        });
    }

    /** The value of one wpoven_site_condition series, or -1 when it is not exported. */
    static double siteCondition(String namespace, String name, String type, String status) {
        return series(DedicatedOperator.get(OperatorProcess.get(), "/q/metrics")).entrySet().stream()
                .filter(e -> e.getKey().startsWith("wpoven_site_condition{"))
                .filter(e -> labels(e.getKey()).equals(Map.of("namespace", namespace, "name", name, "type", type, "status", status)))
                .mapToDouble(Map.Entry::getValue).findFirst().orElse(-1);
    }

    static Map<String, String> labels(String series) {
        Map<String, String> labels = new LinkedHashMap<>();
        Matcher m = Pattern.compile("(\\w+)=\"([^\"]*)\"").matcher(series);
        while (m.find()) {
            labels.put(m.group(1), m.group(2));
        }
        return labels;
    }

    /** /q/metrics names every site and namespace: only the monitoring namespace (and helm test) may reach it. */
    @Test
    void theChartsNetworkPolicyOpensTheMetricsPortOnlyToTheMonitoringNamespace(TestNamespace ns) {
        String rendered = Cli.helm("template", "wpo", "helm/wpoven-operator", "--namespace", ns.name(),
                "--set", "networkPolicy.metricsNamespace=prom", "--show-only", "templates/networkpolicy.yaml").orThrow().out();
        io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy policy = ns.client().getKubernetesSerialization()
                .unmarshal(rendered, io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy.class);
        assertThat(policy.getSpec().getPolicyTypes()).containsExactly("Ingress");
        assertThat(policy.getSpec().getPodSelector().getMatchLabels()).containsEntry("app.kubernetes.io/component", "operator")
                .containsEntry("app.kubernetes.io/instance", "wpo");
        assertThat(policy.getSpec().getIngress()).singleElement().satisfies(rule -> {
            assertThat(rule.getPorts()).singleElement().satisfies(p -> assertThat(p.getPort().getStrVal()).isEqualTo("http"));
            assertThat(rule.getFrom()).hasSize(2);
            assertThat(rule.getFrom().get(0).getNamespaceSelector().getMatchLabels())
                    .containsExactly(Map.entry("kubernetes.io/metadata.name", "prom"));
            assertThat(rule.getFrom().get(0).getPodSelector()).as("any pod of that namespace, no other namespace").isNull();
            assertThat(rule.getFrom().get(1).getNamespaceSelector()).as("the test pod: release namespace only").isNull();
            assertThat(rule.getFrom().get(1).getPodSelector().getMatchLabels()).containsEntry("app.kubernetes.io/component", "test");
        });
        // the API server takes it as rendered
        ns.client().resource(policy).create();
        assertThat(ns.client().network().v1().networkPolicies().inNamespace(ns.name()).withName("wpo-wpoven-operator").get())
                .isNotNull();
        assertThat(Cli.helm("template", "wpo", "helm/wpoven-operator", "--set", "networkPolicy.enabled=false")
                .orThrow().out()).doesNotContain("kind: NetworkPolicy");
    }

    @Test
    void everySeriesTheDashboardAndAlertsUseIsExported(TestNamespace ns) throws IOException {
        ns.applySiteYaml(Sites.minimal("blog", "blog.example.com"));
        Sites.awaitReady(ns, "blog");
        backupsSucceedAndFail(ns);
        Set<String> exported = new HashSet<>();
        series(DedicatedOperator.get(OperatorProcess.get(), "/q/metrics")).keySet()
                .forEach(s -> exported.add(s.replaceAll("\\{.*", "")));

        String rendered = Cli.helm("template", "wpo", "helm/wpoven-operator", "--set", "metrics.prometheusRule.enabled=true",
                "--show-only", "templates/prometheusrule.yaml").orThrow().out();
        Set<String> alerts = new TreeSet<>();
        Set<String> used = new TreeSet<>();
        for (JsonNode group : new ObjectMapper(new YAMLFactory()).readTree(rendered).at("/spec/groups")) {
            for (JsonNode rule : group.get("rules")) {
                alerts.add(rule.get("alert").asText());
                used.addAll(metricNames(rule.get("expr").asText()));
            }
        }
        assertThat(alerts).containsExactlyInAnyOrder("WordPressSiteNotReady", "WPOvenBackupStale", "WPOvenBackupFailing",
                "WPOvenMalwareFound", "WPOvenMalwareScanStale",
                "WPOvenSiteDegraded", "WPOvenVolumeNearlyFull", "WPOvenMariaDBDown", "WPOvenPhpFpmSaturated",
                "WPOvenRestoreFailed", "WPOvenPushFailed", "WPOvenReconcileErrors", "WPOvenOperatorDown");
        for (JsonNode panel : new ObjectMapper().readTree(Repo.root().resolve("manifests/grafana/wpoven-dashboard.json").toFile())
                .get("panels")) {
            for (JsonNode target : panel.path("targets")) {
                used.addAll(metricNames(target.get("expr").asText()));
            }
        }
        assertThat(used).as("series the dashboard and alerts query").contains("reconciliations_started_total",
                "reconciliations_failure_total", "reconciliations_execution_duration_seconds_bucket",
                "wpoven_site_condition", "wpoven_site_last_backup_success_timestamp_seconds");

        Set<String> missing = new TreeSet<>(used);
        missing.removeAll(exported);
        missing.removeAll(JOSDK_ON_FIRST_USE);
        missing.removeAll(ON_FIRST_SCAN);
        missing.removeAll(PROMETHEUS);
        missing.removeAll(OTHER_TARGETS);
        missing.removeAll(ON_FIRST_OBJECT);
        assertThat(missing).as("series queried but not exported by the operator (exported: %s)", new TreeSet<>(exported))
                .isEmpty();
    }

    /** The metric names a PromQL expression selects: identifiers that are not functions, keywords or labels. */
    static Set<String> metricNames(String promql) {
        String bare = promql.replaceAll("\"[^\"]*\"", "\"\"")
                .replaceAll("\\{[^}]*}", "")
                .replaceAll("\\[[^\\]]*\\]", "")
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", "");
        Set<String> names = new TreeSet<>();
        Matcher m = Pattern.compile("(?<![\\w.$])([a-zA-Z_:][a-zA-Z0-9_:]*)\\b(?!\\s*\\()").matcher(bare);
        while (m.find()) {
            if (!Set.of("and", "or", "unless", "bool", "offset", "inf", "nan").contains(m.group(1).toLowerCase())) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    static Map<String, Double> series(String exposition) {
        Map<String, Double> series = new LinkedHashMap<>();
        Matcher m = SERIES.matcher(exposition);
        while (m.find()) {
            series.put(m.group(1) + (m.group(2) == null ? "" : m.group(2)), Double.parseDouble(m.group(3)));
        }
        return series;
    }
}
