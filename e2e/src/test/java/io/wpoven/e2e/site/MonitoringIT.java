package io.wpoven.e2e.site;

import org.junit.jupiter.api.parallel.Isolated;
import io.wpoven.e2e.harness.Exclusive;
import static io.wpoven.e2e.harness.Sites.awaitReady;
import static io.wpoven.e2e.harness.Sites.isTrue;
import static io.wpoven.e2e.harness.Sites.minimal;
import static io.wpoven.e2e.harness.TestNamespace.within;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.wpoven.e2e.harness.Cluster;
import io.wpoven.e2e.harness.E2eTest;
import io.wpoven.e2e.harness.ServiceMonitorCrd;
import io.wpoven.e2e.harness.TestNamespace;
import io.wpoven.operator.api.v1alpha1.WordPressSite;

/**
 * spec.monitoring on the cluster: exporter sidecars pass Pod Security "restricted" admission and the site gets
 * Ready with them; Services and policies carry the metrics ports; a ServiceMonitor exists only where its CRD does.
 * The operator runs with its default exporter images, which name no Varnish exporter (none is official).
 */
@E2eTest
@Exclusive.AddonCrds
@Isolated
class MonitoringIT {
    static final String EXPORTERS = "  monitoring: {exporters: {enabled: true}, serviceMonitor: {enabled: true, interval: 1m,"
            + " labels: {release: prometheus}}}\n";

    @AfterAll
    static void removeServiceMonitorCrd() {
        ServiceMonitorCrd.remove(Cluster.get().client());
    }

    static Resource<GenericKubernetesResource> serviceMonitor(TestNamespace ns, String name) {
        return ns.client().genericKubernetesResources("monitoring.coreos.com/v1", "ServiceMonitor").inNamespace(ns.name())
                .withName(name);
    }

    static List<String> containers(PodTemplateSpec t) {
        return t.getSpec().getContainers().stream().map(Container::getName).toList();
    }

    static List<String> ports(Service s) {
        return s.getSpec().getPorts().stream().map(ServicePort::getName).toList();
    }

    @Test
    void exportersRunBesideEachDaemonAndNoServiceMonitorIsMadeWithoutItsCrd(TestNamespace ns) {
        ServiceMonitorCrd.remove(ns.client());
        ns.applySiteYaml(minimal("blog", "blog.example.com") + EXPORTERS);
        WordPressSite site = awaitReady(ns, "blog");
        assertThat(isTrue(site, "Degraded")).isFalse();

        within(Duration.ofSeconds(30)).alias("exporter sidecars in every pod template").until(() ->
                containers(ns.get(Deployment.class, "blog-proxy").get().getSpec().getTemplate()).contains("nginx-metrics"));
        assertThat(containers(ns.get(Deployment.class, "blog-proxy").get().getSpec().getTemplate()))
                .containsExactly("nginx", "nginx-metrics");
        assertThat(containers(ns.get(Deployment.class, "blog-wordpress").get().getSpec().getTemplate()))
                .containsExactly("php-fpm", "nginx", "nginx-metrics", "fpm-metrics");
        assertThat(containers(ns.get(Deployment.class, "blog-redis").get().getSpec().getTemplate()))
                .containsExactly("redis", "redis-metrics");
        assertThat(containers(ns.get(StatefulSet.class, "blog-mariadb").get().getSpec().getTemplate()))
                .containsExactly("mariadb", "mysql-metrics");
        assertThat(containers(ns.get(Deployment.class, "blog-varnish").get().getSpec().getTemplate()))
                .as("no Varnish exporter image configured").containsExactly("varnish");

        assertThat(ports(ns.get(Service.class, "blog-proxy").get())).containsExactly("http", "nginx-metrics");
        assertThat(ports(ns.get(Service.class, "blog-wordpress").get())).containsExactly("http", "nginx-metrics", "fpm-metrics");
        assertThat(ports(ns.get(Service.class, "blog-redis").get())).containsExactly("redis", "redis-metrics");
        assertThat(ports(ns.get(Service.class, "blog-mariadb").get())).containsExactly("mysql", "mysql-metrics");
        assertThat(ports(ns.get(Service.class, "blog-varnish").get())).containsExactly("http");
        NetworkPolicy redis = ns.get(NetworkPolicy.class, "blog-redis").get();
        assertThat(redis.getSpec().getIngress()).anySatisfy(rule -> assertThat(rule.getPorts())
                .anySatisfy(p -> assertThat(p.getPort().getIntVal()).isEqualTo(9121)));

        assertThat(ns.client().apiextensions().v1().customResourceDefinitions().withName(ServiceMonitorCrd.NAME).get()).isNull();

        // turning exporters off takes the sidecars and ports away again
        ns.applySiteYaml(minimal("blog", "blog.example.com"));
        within(Duration.ofSeconds(30)).alias("sidecars removed").until(() ->
                containers(ns.get(Deployment.class, "blog-wordpress").get().getSpec().getTemplate()).size() == 2
                        && ports(ns.get(Service.class, "blog-wordpress").get()).size() == 1);
        awaitReady(ns, "blog");
    }

    @Test
    void withTheServiceMonitorCrdASiteGetsOneUntilItTurnsItOff(TestNamespace ns) {
        ServiceMonitorCrd.install(ns.client());
        ns.applySiteYaml(minimal("blog", "blog.example.com") + EXPORTERS);

        GenericKubernetesResource sm = within(Duration.ofSeconds(60)).alias("ServiceMonitor created")
                .until(() -> serviceMonitor(ns, "blog").get(), r -> r != null);
        assertThat(sm.getMetadata().getLabels()).containsEntry("release", "prometheus")
                .containsEntry("app.kubernetes.io/instance", "blog");
        assertThat(sm.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(r -> assertThat(r.getKind()).isEqualTo("WordPressSite"));
        @SuppressWarnings("unchecked")
        Map<String, Object> spec = (Map<String, Object>) sm.getAdditionalProperties().get("spec");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> endpoints = (List<Map<String, Object>>) spec.get("endpoints");
        assertThat(endpoints).extracting(e -> e.get("port"))
                .containsExactlyInAnyOrder("nginx-metrics", "fpm-metrics", "redis-metrics", "mysql-metrics");
        assertThat(endpoints).allSatisfy(e -> assertThat(e.get("interval")).isEqualTo("1m"));
        @SuppressWarnings("unchecked")
        Map<String, String> selector = (Map<String, String>) ((Map<String, Object>) spec.get("selector")).get("matchLabels");
        // the ServiceMonitor may come before the last Service: once the site is Ready, every one of them exists
        awaitReady(ns, "blog");
        for (String svc : List.of("blog-proxy", "blog-wordpress", "blog-redis", "blog-mariadb", "blog-varnish")) {
            assertThat(ns.get(Service.class, svc).get()).as(svc).isNotNull();
            assertThat(ns.get(Service.class, svc).get().getMetadata().getLabels()).as(svc).containsAllEntriesOf(selector);
        }

        ns.applySiteYaml(minimal("blog", "blog.example.com")
                + "  monitoring: {exporters: {enabled: true}, serviceMonitor: {enabled: false}}\n");
        within(Duration.ofSeconds(30)).alias("ServiceMonitor removed").until(() -> serviceMonitor(ns, "blog").get() == null);
        assertThat(containers(ns.get(Deployment.class, "blog-proxy").get().getSpec().getTemplate())).contains("nginx-metrics");
    }

    @Test
    void aReadyMonitoredSiteCausesNoWrites(TestNamespace ns) {
        ServiceMonitorCrd.install(ns.client());
        ns.applySiteYaml(minimal("blog", "blog.example.com") + EXPORTERS);
        awaitReady(ns, "blog");
        within(Duration.ofSeconds(60)).alias("ServiceMonitor created").until(() -> serviceMonitor(ns, "blog").get() != null);
        java.util.function.Supplier<Map<String, String>> snapshot = () -> {
            Map<String, String> versions = new java.util.HashMap<>(NoHotLoopIT.snapshot(ns));
            versions.put("ServiceMonitor/blog", serviceMonitor(ns, "blog").get().getMetadata().getResourceVersion());
            return versions;
        };
        Map<String, String> before = io.wpoven.e2e.harness.Stability.awaitStable("controllers settled", snapshot,
                Duration.ofSeconds(5), Duration.ofSeconds(60));
        org.awaitility.Awaitility.await("no writes for 30 s").during(Duration.ofSeconds(30)).atMost(Duration.ofSeconds(45))
                .pollInterval(Duration.ofSeconds(2)).until(() -> snapshot.get().equals(before));
    }

    @Test
    void aServiceMonitorWithoutExportersIsRefused(TestNamespace ns) {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ns.applySiteYaml(minimal("blog", "blog.example.com")
                + "  monitoring: {serviceMonitor: {enabled: true}}\n"))
                .hasMessageContaining("serviceMonitor.enabled needs exporters.enabled");
    }
}
