package io.wpoven.e2e.node;

import static io.wpoven.e2e.harness.TestNamespace.within;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerCondition;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricStatus;
import io.fabric8.kubernetes.client.readiness.Readiness;
import io.wpoven.e2e.harness.Addons;
import io.wpoven.e2e.harness.Cli;
import io.wpoven.e2e.harness.Commands;
import io.wpoven.e2e.harness.E2eTest;
import io.wpoven.e2e.harness.Exclusive;
import io.wpoven.e2e.harness.InClusterOperator;
import io.wpoven.e2e.harness.RealNode;
import io.wpoven.e2e.harness.Sites;
import io.wpoven.e2e.harness.TestNamespace;
import io.wpoven.e2e.stack.RawHttp;
import io.wpoven.operator.support.Component;
import io.wpoven.operator.support.Labels;
import io.wpoven.operator.support.Ports;

/**
 * spec.autoscaling on the real node with a real metrics-server (hack/lib/addons/metrics-server.sh): the HPA reads
 * the WordPress pod's CPU from metrics.k8s.io; a bounded load through the site's proxy Service with a logged-in
 * cookie (Varnish passes it to WordPress) scales WordPress from 1 to 3 ready pods, and once the load stops, back to 1
 * (scaleDownStabilizationSeconds: 0). The 3 pods share one ReadWriteMany wp-content (StorageClass
 * wpoven-node-shared): a file WordPress uploads in one pod is served by the others.
 * Runs with WPOVEN_REAL_NODE=1.
 */
@E2eTest
@Exclusive.RealNode
class RealAutoscalingIT {
    private static final String SITE = "autoscale";
    private static final String DOMAIN = "autoscale.wpoven.test";
    private static final int TARGET_PERCENT = 20;
    private static final Duration READY = Duration.ofMinutes(5);
    /** Metrics of a new load need ~2 scrapes (10 s each), then an HPA sync (15 s), then new pods start. */
    private static final Duration SCALE = Duration.ofMinutes(3);
    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(15);
    /** The load: a fixed pool of threads, each one request after the other, for at most this long. */
    private static final int LOAD_THREADS = 3;
    private static final Duration LOAD_LIMIT = Duration.ofMinutes(3);

    @BeforeAll
    static void realNodeEnabled() {
        assumeTrue(RealNode.enabled(), "the real node is off (WPOVEN_REAL_NODE=1 turns it on; hack/test.sh does)");
        InClusterOperator.get();
    }

    /**
     * metrics-server goes with the test: its APIService names a process on this machine, and an APIService left behind
     * a stopped process (cluster stopped and resumed, node down) breaks API discovery for every other client.
     */
    @AfterAll
    static void metricsServerDown() {
        if (RealNode.enabled()) {
            Addons.down("metrics-server");
        }
    }

    @Test
    void wordPressScalesOutUnderLoadSharesItsUploadsAndScalesBackWhenTheLoadStops(TestNamespace ns) {
        RealNode node = RealNode.get();
        node.sendPodsHere(ns);
        Addons.up("metrics-server");
        RealSite site = new RealSite(ns, SITE, DOMAIN);
        String yaml = RealSite.yaml(node, SITE, DOMAIN)
                .replace("  replicas: 1\n", "  autoscaling: {enabled: true, minReplicas: 1, maxReplicas: 3,"
                        + " targetCPUUtilizationPercentage: " + TARGET_PERCENT + ", scaleDownStabilizationSeconds: 0}\n")
                // a small CPU request, so that a little load is a lot of it
                .replace("  wordpress: {image: ", "  wordpress: {cron: {enabled: false}, resources: {requests:"
                        + " {cpu: 50m, memory: 128Mi}, limits: {memory: 512Mi}}, image: ")
                .replace("\n  storage: {storageClassName: wpoven-node, size: 1Gi}",
                        "\n  storage: {storageClassName: wpoven-node-shared, accessMode: ReadWriteMany, size: 1Gi}");
        assertThat(yaml).contains("autoscaling: {enabled: true").contains("cpu: 50m").contains("wpoven-node-shared");
        ns.applySiteYaml(yaml);
        within(READY).alias("site Ready on real pods").until(() -> ns.site(SITE).get(), s -> Sites.isTrue(s, "Ready"));
        PersistentVolumeClaim claim = ns.client().persistentVolumeClaims().inNamespace(ns.name())
                .withName(SITE + "-content").get();
        assertThat(claim.getSpec().getAccessModes()).containsExactly("ReadWriteMany");
        assertThat(claim.getStatus().getPhase()).isEqualTo("Bound");

        // the HPA's metric is real before any load: metrics-server answers for the WordPress pod
        HorizontalPodAutoscaler idle = within(SCALE).alias("the HPA reads the pod's CPU from metrics.k8s.io")
                .until(() -> hpa(ns), h -> condition(h, "ScalingActive", "True") && cpuPercent(h) != null);
        assertThat(condition(idle, "ScalingActive")).extracting(HorizontalPodAutoscalerCondition::getReason)
                .isEqualTo("ValidMetricFound");
        assertThat(idle.getStatus().getCurrentReplicas()).isEqualTo(1);
        Commands.Result top = Cli.kubectl("top", "pods", "-n", ns.name(), "-l", Labels.COMPONENT + "=" + Component.WORDPRESS.label());
        assertThat(top.exit()).as(top.toString()).isZero();
        assertThat(top.out()).contains(SITE + "-wordpress-");

        Load load = new Load(ns);
        long start = System.nanoTime();
        int peak;
        List<Pod> pods;
        try {
            HorizontalPodAutoscaler busy = within(SCALE).alias("the HPA sees the load")
                    .until(() -> hpa(ns), h -> cpuPercent(h) != null && cpuPercent(h) > TARGET_PERCENT
                            && h.getStatus().getDesiredReplicas() > 1);
            peak = cpuPercent(busy);
            pods = within(SCALE).alias("3 ready WordPress pods").until(() -> readyWordPress(ns), p -> p.size() == 3);
            System.out.printf("[e2e] 1 -> 3 WordPress pods in %d s (HPA saw %d%% of the CPU request, target %d%%)%n",
                    seconds(start), peak, TARGET_PERCENT);
            assertThat(pods).extracting(p -> p.getSpec().getNodeName()).containsOnly(node.name());

            // shared wp-content: WordPress uploads a file in one pod, the other two serve it
            String body = "shared by every WordPress pod " + UUID.randomUUID();
            String path = site.wordpressPhp(pods.get(0), "$r = wp_upload_bits('shared-" + UUID.randomUUID()
                    + ".txt', null, '" + body + "'); echo $r['error'] ?: wp_parse_url($r['url'], PHP_URL_PATH);").trim();
            assertThat(path).startsWith("/wp-content/uploads/");
            for (Pod other : pods.subList(1, 3)) {
                RawHttp.Response served = RawHttp.exchange(other.getStatus().getPodIP(), Ports.BACKEND,
                        RawHttp.request("GET", path, List.of(Map.entry("Host", DOMAIN)), null), false, HTTP_TIMEOUT);
                assertThat(served.status()).as(other.getMetadata().getName() + " " + path).isEqualTo(200);
                assertThat(served.body()).isEqualTo(body.getBytes(StandardCharsets.UTF_8));
            }
        } finally {
            load.stop();
        }
        assertThat(load.ok.get()).as("requests answered 200 during the load (%s)", load).isPositive();
        assertThat(load.failed.get()).as("requests that failed during the load (%s)", load).isLessThan(load.ok.get() / 10 + 1);

        long stopped = System.nanoTime();
        within(SCALE).alias("back to 1 WordPress pod").until(() -> ns.client().apps().deployments()
                .inNamespace(ns.name()).withName(SITE + "-wordpress").get(), d -> replicas(d) == 1 && readyWordPress(ns).size() == 1);
        System.out.printf("[e2e] 3 -> 1 WordPress pod in %d s after the load stopped (%s)%n", seconds(stopped), load);
        assertThat(hpa(ns).getStatus().getDesiredReplicas()).isEqualTo(1);
        assertThat(within(HTTP_TIMEOUT).alias("the site serves with one pod").until(() -> site.get("/"),
                r -> r.status() == 200).text()).contains("Hello world!");
    }

    /** LOAD_THREADS threads, each GETs a page with a logged-in cookie until stopped or LOAD_LIMIT has passed. */
    private static final class Load {
        final AtomicBoolean stop = new AtomicBoolean();
        final AtomicInteger ok = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();
        /** What the failed requests got: HTTP status, or -1 for no answer. */
        final Map<Integer, AtomicInteger> failures = new java.util.concurrent.ConcurrentHashMap<>();
        final ExecutorService pool = Executors.newFixedThreadPool(LOAD_THREADS);

        Load(TestNamespace ns) {
            Service proxy = ns.client().services().inNamespace(ns.name()).withName(SITE + "-proxy").get();
            long deadline = System.nanoTime() + LOAD_LIMIT.toNanos();
            // Varnish passes any request with a logged-in cookie to WordPress (VarnishVcl.PASS_COOKIES)
            byte[] request = RawHttp.request("GET", "/", List.of(Map.entry("Host", DOMAIN),
                    Map.entry("Cookie", "wordpress_logged_in_e2e=load"), Map.entry("User-Agent", "wpoven-e2e-load")), null);
            for (int i = 0; i < LOAD_THREADS; i++) {
                pool.submit(() -> {
                    while (!stop.get() && System.nanoTime() < deadline) {
                        try {
                            count(RawHttp.exchange(proxy.getSpec().getClusterIP(), 80, request, false, HTTP_TIMEOUT).status());
                        } catch (RuntimeException e) {
                            count(-1);
                        }
                    }
                });
            }
            pool.shutdown();
        }

        private void count(int status) {
            if (status == 200) {
                ok.incrementAndGet();
            } else {
                failed.incrementAndGet();
                failures.computeIfAbsent(status, k -> new AtomicInteger()).incrementAndGet();
            }
        }

        void stop() {
            stop.set(true);
            try {
                assertThat(pool.awaitTermination(HTTP_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS)).as("load stopped").isTrue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        @Override
        public String toString() {
            return ok.get() + " ok, " + failed.get() + " failed " + failures;
        }
    }

    private static HorizontalPodAutoscaler hpa(TestNamespace ns) {
        return ns.client().autoscaling().v2().horizontalPodAutoscalers().inNamespace(ns.name()).withName(SITE + "-wordpress")
                .get();
    }

    private static HorizontalPodAutoscalerCondition condition(HorizontalPodAutoscaler hpa, String type) {
        return hpa.getStatus() == null || hpa.getStatus().getConditions() == null ? null
                : hpa.getStatus().getConditions().stream().filter(c -> type.equals(c.getType())).findFirst().orElse(null);
    }

    private static boolean condition(HorizontalPodAutoscaler hpa, String type, String status) {
        HorizontalPodAutoscalerCondition c = condition(hpa, type);
        return c != null && status.equals(c.getStatus());
    }

    /** The pods' average CPU use as the HPA last read it, percent of their request (null: no metric). */
    private static Integer cpuPercent(HorizontalPodAutoscaler hpa) {
        if (hpa.getStatus() == null || hpa.getStatus().getCurrentMetrics() == null) {
            return null;
        }
        return hpa.getStatus().getCurrentMetrics().stream().map(MetricStatus::getResource)
                .filter(r -> r != null && "cpu".equals(r.getName()) && r.getCurrent() != null)
                .map(r -> r.getCurrent().getAverageUtilization()).findFirst().orElse(null);
    }

    private static List<Pod> readyWordPress(TestNamespace ns) {
        return ns.client().pods().inNamespace(ns.name())
                .withLabels(Map.of(Labels.INSTANCE, SITE, Labels.COMPONENT, Component.WORDPRESS.label())).list().getItems()
                .stream().filter(p -> p.getMetadata().getDeletionTimestamp() == null && Readiness.isPodReady(p)).toList();
    }

    private static int replicas(Deployment d) {
        return d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
    }

    private static long seconds(long since) {
        return TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - since);
    }
}
