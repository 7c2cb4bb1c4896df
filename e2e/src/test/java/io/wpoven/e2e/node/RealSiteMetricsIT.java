package io.wpoven.e2e.node;

import static io.wpoven.e2e.harness.TestNamespace.within;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.wpoven.e2e.harness.Addons;
import io.wpoven.e2e.harness.Cluster;
import io.wpoven.e2e.harness.E2eTest;
import io.wpoven.e2e.harness.Exclusive;
import io.wpoven.e2e.harness.InClusterOperator;
import io.wpoven.e2e.harness.RealNode;
import io.wpoven.e2e.harness.Repo;
import io.wpoven.e2e.harness.ServiceMonitorCrd;
import io.wpoven.e2e.harness.Sites;
import io.wpoven.e2e.harness.TestNamespace;

/**
 * Per-site metrics for real: a site on the real node with every exporter sidecar (the project's exporter images) and
 * a ServiceMonitor, scraped by the Prometheus add-on (hack/lib/addons/prometheus.sh, which turns ServiceMonitors into
 * its scrape configuration). After visitors' traffic through the proxy, each of the site's exporters is an `up`
 * target, and every query of the per-site Grafana dashboard (manifests/grafana/wpoven-site-dashboard.json, with its
 * variables filled in) returns data from that Prometheus; requests per second and the cache hit ratio are above 0.
 * Installs the ServiceMonitor CRD (so it runs alone, like MonitoringIT) and removes it again when it installed it.
 * Runs with WPOVEN_REAL_NODE=1.
 */
@E2eTest
@Exclusive.AddonCrds
@Isolated
class RealSiteMetricsIT {
    private static final String SITE = "metrics";
    private static final Path DASHBOARD = Repo.root().resolve("manifests/grafana/wpoven-site-dashboard.json");
    private static final Duration READY = Duration.ofMinutes(5);
    /** Scrapes every 5 s: two samples for a rate, with the time to discover new endpoints. */
    private static final Duration SCRAPED = Duration.ofSeconds(90);
    private static final String RATE_INTERVAL = "1m";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static boolean crdInstalled;

    @BeforeAll
    static void prometheusOnTheRealNode() {
        assumeTrue(RealNode.enabled(), "the real node is off (WPOVEN_REAL_NODE=1 turns it on; hack/test.sh does)");
        InClusterOperator.get();
        crdInstalled = ServiceMonitorCrd.install(Cluster.get().client());
        Addons.up("prometheus");
    }

    @AfterAll
    static void leaveTheClusterAsItWas() {
        if (!RealNode.enabled()) {
            return;
        }
        Addons.down("prometheus");
        if (crdInstalled) {
            ServiceMonitorCrd.remove(Cluster.get().client());
        }
    }

    @Test
    void everyExporterIsScrapedAndEveryDashboardQueryReturnsData(TestNamespace ns) throws IOException {
        RealNode node = RealNode.get();
        node.sendPodsHere(ns);
        RealSite site = new RealSite(ns, SITE, "metrics.wpoven.test");
        ns.applySiteYaml(RealSite.yaml(node, SITE, site.domain())
                + "  monitoring: {exporters: {enabled: true}, serviceMonitor: {enabled: true, interval: 5s}}\n");
        within(READY).alias("site Ready on real pods").until(() -> ns.site(SITE).get(), s -> Sites.isTrue(s, "Ready"));

        // each exporter of the site, by Service and port name, is a healthy target (the ServiceMonitor, translated)
        Set<String> expected = Set.of("proxy/nginx-metrics", "wordpress/nginx-metrics", "wordpress/fpm-metrics",
                "varnish/varnish-metrics", "redis/redis-metrics", "mariadb/mysql-metrics");
        Map<String, String> targets = within(SCRAPED).pollInterval(Duration.ofSeconds(2)).alias("the site's exporters up in Prometheus' targets")
                .until(() -> targets(ns.name()), t -> t.keySet().containsAll(expected)
                        && expected.stream().allMatch(k -> t.get(k).equals("up")));
        System.out.printf("[e2e] targets of %s: %s%n", ns.name(), targets);

        // visitors: the same page again and again (Varnish hits after the first), a few others (misses)
        for (int i = 0; i < 20; i++) {
            assertThat(site.get("/").status()).isEqualTo(200);
            assertThat(site.get("/?p=" + (i % 3 + 1)).status()).isIn(200, 301, 404);
        }

        // the dashboard's variables: the site is among the values its site variable offers
        JsonNode series = api("/api/v1/series?match[]=" + encode("nginx_http_requests_total{namespace=\"" + ns.name()
                + "\", service=~\".+-proxy\"}"));
        assertThat(series.findValuesAsText("service")).contains(SITE + "-proxy");

        Map<String, String> queries = panelQueries(ns.name());
        assertThat(queries.keySet()).as("panels").contains("Requests per second A", "Cache hit ratio A",
                "PHP-FPM busy workers A", "Database up A", "Errors per second A");
        Map<String, Double> values = within(SCRAPED).pollInterval(Duration.ofSeconds(2)).alias("every dashboard query returns data").until(
                () -> evaluate(queries), v -> v.size() == queries.size() && v.get("Requests per second A") > 0
                        && v.get("Cache hit ratio A") > 0);
        System.out.printf("[e2e] dashboard values: %s%n", values);
        assertThat(values.get("Database up A")).as("MariaDB up").isEqualTo(1.0);
        assertThat(values.get("Object cache up A")).as("Redis up").isEqualTo(1.0);
        assertThat(values.get("PHP-FPM busy workers B") + values.get("PHP-FPM busy workers A"))
                .as("PHP-FPM workers (busy + idle)").isGreaterThan(0);
    }

    /** Each panel target's expression with the dashboard's variables filled in, by "title refId". */
    private static Map<String, String> panelQueries(String namespace) throws IOException {
        Map<String, String> queries = new LinkedHashMap<>();
        for (JsonNode panel : JSON.readTree(DASHBOARD.toFile()).get("panels")) {
            for (JsonNode target : panel.path("targets")) {
                queries.put(panel.get("title").asText() + " " + target.get("refId").asText(), target.get("expr").asText()
                        .replace("$namespace", namespace).replace("$site", SITE)
                        .replace("$__rate_interval", RATE_INTERVAL));
            }
        }
        return queries;
    }

    /** The first value each query returns, for the queries that return one (an empty result is left out). */
    private static Map<String, Double> evaluate(Map<String, String> queries) {
        Map<String, Double> values = new TreeMap<>();
        Set<String> empty = new TreeSet<>();
        queries.forEach((name, query) -> {
            JsonNode data = api("/api/v1/query?query=" + encode(query));
            JsonNode result = data.get("result");
            if (result.isEmpty()) {
                empty.add(name);
            } else {
                values.put(name, Double.parseDouble(result.get(0).get("value").get(1).asText()));
            }
        });
        if (!empty.isEmpty()) {
            System.out.printf("[e2e] no data yet for %s%n", empty);
        }
        return values;
    }

    /** Active targets in the namespace: "component/port name" to health. */
    private static Map<String, String> targets(String namespace) {
        Map<String, String> health = new TreeMap<>();
        for (JsonNode t : api("/api/v1/targets?state=active").get("activeTargets")) {
            JsonNode labels = t.get("labels");
            if (namespace.equals(labels.path("namespace").asText())) {
                health.put(labels.get("service").asText().substring(SITE.length() + 1) + "/"
                        + labels.get("endpoint").asText(), t.get("health").asText());
            }
        }
        return health;
    }

    /** A GET of Prometheus' HTTP API: its data, after checking status success (a query error fails the test). */
    private static JsonNode api(String pathAndQuery) {
        try {
            String port = Files.readString(Cluster.get().kubeconfig().getParent().resolve("addons/prometheus/port")).trim();
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = JSON.readTree(r.body());
            assertThat(body.path("status").asText()).as(pathAndQuery + ": " + r.body()).isEqualTo("success");
            return body.get("data");
        } catch (IOException e) {
            throw new IllegalStateException("Prometheus API " + pathAndQuery + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
