package io.wpoven.e2e.node;

import io.wpoven.e2e.harness.Exclusive;
import static io.wpoven.e2e.harness.TestNamespace.within;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.wpoven.e2e.harness.E2eTest;
import io.wpoven.e2e.harness.InClusterOperator;
import io.wpoven.e2e.harness.RealNode;
import io.wpoven.e2e.harness.Sites;
import io.wpoven.e2e.harness.TestNamespace;
import io.wpoven.e2e.stack.RawHttp;
import io.wpoven.e2e.stack.RedisKeys;
import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.support.Component;
import io.wpoven.operator.support.Labels;

/**
 * The pods the operator writes, really running: a site built from the project's images (images/) on the real node
 * (kubelet + containerd), placed there by its spec.placement (the node's label and taint: a server pool), served
 * through its proxy Service, healed by kubelet and rolled by a config change.
 * Runs with WPOVEN_REAL_NODE=1 (hack/test.sh); skipped otherwise.
 */
@E2eTest
@Exclusive.RealNode
class RealPodsIT {
    private static final String SITE = "real";
    private static final String DOMAIN = "real.wpoven.test";
    /** Image builds are done before (hack/images.sh); the first start installs WordPress into a new database. */
    private static final Duration READY = Duration.ofMinutes(5);
    private static final Duration RECOVER = Duration.ofMinutes(3);
    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(30);

    @BeforeAll
    static void realNodeEnabled() {
        assumeTrue(RealNode.enabled(), "the real node is off (WPOVEN_REAL_NODE=1 turns it on; hack/test.sh does)");
        InClusterOperator.get();
    }

    @Test
    void theOperatorRunsAsAPodFromItsChartHoldsTheLeaseAndIsScrapedThroughItsService() {
        InClusterOperator operator = InClusterOperator.get();
        var client = io.wpoven.e2e.harness.Cluster.get().client();
        Pod pod = operator.pod();
        assertThat(pod.getSpec().getNodeName()).isEqualTo(RealNode.get().name());
        assertThat(pod.getStatus().getContainerStatuses()).allMatch(ContainerStatus::getReady);
        // a pod that replaced another takes the Lease over once its predecessor let it go (or it expired)
        within(RECOVER).alias("the operator pod holds the leader Lease").until(() -> client.leases()
                .inNamespace(InClusterOperator.NAMESPACE).withName(InClusterOperator.FULLNAME + "-leader").get(),
                lease -> lease != null && pod.getMetadata().getName().equals(lease.getSpec().getHolderIdentity()));
        Service metrics = client.services().inNamespace(InClusterOperator.NAMESPACE)
                .withName(InClusterOperator.FULLNAME + "-metrics").get();
        byte[] request = RawHttp.request("GET", "/q/metrics", List.of(Map.entry("Host", "operator")), null);
        RawHttp.Response scraped = within(RECOVER).alias("/q/metrics through the operator's Service")
                .until(() -> RawHttp.exchange(metrics.getSpec().getClusterIP(), 8080, request, false, HTTP_TIMEOUT),
                        r -> r.status() == 200);
        // the controllers' gauges exist from the start (counters appear with the first reconcile)
        assertThat(scraped.text()).contains("reconciliations_active{controller_name=\"wordpresssite\"}")
                .contains("jvm_memory_used_bytes");
    }

    @Test
    void theSiteRunsServesHealsAndRollsOnRealPods(TestNamespace ns) {
        RealNode node = RealNode.get();
        // no namespace defaults (RealNode.sendPodsHere): the site's own spec.placement picks the real node's pool by
        // its label and tolerates its taint, for every pod and Job of the site (docs/placement.md)
        ns.applySiteYaml(site(node, true));

        // every pod Running and Ready on the real node, WordPress installed by the operator's install Job
        WordPressSite site = within(READY).alias("site Ready on real pods").until(() -> ns.site(SITE).get(),
                s -> Sites.isTrue(s, "Ready"));
        assertThat(ns.client().batch().v1().jobs().inNamespace(ns.name()).withName(SITE + "-install").get()
                .getStatus().getSucceeded()).isEqualTo(1);
        assertThat(site.getStatus().getAdmin().getLoginUrl()).isEqualTo("http://" + DOMAIN + "/wp-login.php");
        assertThat(site.getStatus().getAdmin().getUsername()).isEqualTo("admin");
        assertThat(site.getStatus().getAdmin().getPasswordSecret()).isEqualTo(SITE + "-credentials");
        List<Pod> pods = ns.client().pods().inNamespace(ns.name())
                .withLabelNotIn(Labels.COMPONENT, Component.INSTALLER.label(), Component.CRON.label()).list().getItems();
        // proxy, Varnish, WordPress, Redis, MariaDB: one each, on the real node by the site's placement
        assertThat(pods).extracting(p -> p.getMetadata().getName()).hasSize(5);
        assertThat(java.util.Optional.ofNullable(ns.client().namespaces().withName(ns.name()).get().getMetadata()
                .getAnnotations()).orElse(Map.of()))
                .as("no namespace default sends them there").doesNotContainKey("scheduler.alpha.kubernetes.io/node-selector");
        assertThat(pods).allSatisfy(pod -> {
            assertThat(pod.getSpec().getNodeName()).as(pod.getMetadata().getName()).isEqualTo(node.name());
            assertThat(pod.getStatus().getPhase()).isEqualTo("Running");
            assertThat(pod.getStatus().getContainerStatuses()).allMatch(ContainerStatus::getReady);
        });

        // through the proxy Service: the home page, then the same page from Varnish
        // (Varnish answers 503 until its health probe has seen the backend up: Ready does not wait for that probe)
        RawHttp.Response first = within(RECOVER).alias("the home page through the proxy Service")
                .until(() -> get(ns, "/"), r -> r.status() == 200);
        assertThat(first.text()).contains("<title>" + SITE).contains("Hello world!");
        RawHttp.Response second = get(ns, "/");
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.cache()).isEqualTo("HIT");
        // the web installer is never offered
        assertThat(get(ns, "/wp-admin/install.php").status()).isEqualTo(403);

        // the one-click purge, done by the operator in its pod (it resolves the site's Varnish Service name):
        // Succeeded in status, and the next request is a Varnish MISS (no proxy micro-cache on this site)
        io.wpoven.e2e.harness.TestNamespace.edit(ns.client().resources(WordPressSite.class).inNamespace(ns.name()).withName(SITE), s -> {
                    if (s.getMetadata().getAnnotations() == null) {
                        s.getMetadata().setAnnotations(new java.util.HashMap<>());
                    }
                    s.getMetadata().getAnnotations().put("wpoven.io/purge-cache", "e2e-1");
                    return s;
                });
        WordPressSite purged = within(RECOVER).alias("cache purge answered").until(() -> ns.site(SITE).get(),
                s -> s.getStatus().getCachePurge() != null && "e2e-1".equals(s.getStatus().getCachePurge().getRequest()));
        assertThat(purged.getStatus().getCachePurge().getOutcome()).as(purged.getStatus().getCachePurge().getMessage())
                .isEqualTo("Succeeded");
        assertThat(get(ns, "/").cache()).isEqualTo("MISS");
        assertThat(get(ns, "/").cache()).isEqualTo("HIT");

        // the WAF (ModSecurity + Core Rule Set of the project's nginx image) in the WordPress pod: an attack in the
        // query string is a cache miss, reaches it and gets 403; the page itself still answers
        RawHttp.Response attack = get(ns, "/?s=" + URLEncoder.encode("<script>alert(document.cookie)</script>", StandardCharsets.UTF_8));
        assertThat(attack.status()).as(attack.toString()).isEqualTo(403);
        RawHttp.Response sqlInjection = get(ns, "/?p=" + URLEncoder.encode("1 OR 1=1", StandardCharsets.UTF_8));
        assertThat(sqlInjection.status()).as(sqlInjection.toString()).isEqualTo(403);
        assertThat(get(ns, "/?s=hello").status()).isEqualTo(200);

        // WordPress's object cache is in the Redis pod
        Pod redis = onePod(ns, site, Component.REDIS);
        assertThat(RedisKeys.matching(redis.getStatus().getPodIP(), 6379, secret(ns, "redis-password"), "*"))
                .isNotEmpty();

        // a crashed PHP-FPM is restarted by kubelet and the site serves again (past the cache)
        Pod wordpress = onePod(ns, site, Component.WORDPRESS);
        ContainerStatus fpm = container(wordpress, "php-fpm");
        node.killContainer(fpm.getContainerID());
        within(RECOVER).alias("php-fpm restarted and ready").until(() -> {
            Pod now = ns.client().pods().inNamespace(ns.name()).withName(wordpress.getMetadata().getName()).get();
            ContainerStatus s = container(now, "php-fpm");
            return s.getRestartCount() > fpm.getRestartCount() && s.getReady() && container(now, "nginx").getReady();
        });
        within(RECOVER).alias("an uncached page after the restart").until(() -> get(ns, "/?restart=" + UUID.randomUUID()),
                r -> r.status() == 200 && "MISS".equals(r.cache()) && r.text().contains("Hello world!"));

        // MariaDB's pod deleted: the StatefulSet brings it back on the same claim, the site's data intact
        Pod mariadb = onePod(ns, site, Component.DATABASE);
        PersistentVolumeClaim claim = ns.client().persistentVolumeClaims().inNamespace(ns.name())
                .withName("data-" + SITE + "-mariadb-0").get();
        ns.client().pods().inNamespace(ns.name()).withName(mariadb.getMetadata().getName()).delete();
        within(RECOVER).alias("a new MariaDB pod, ready").until(() -> {
            Pod now = ns.client().pods().inNamespace(ns.name()).withName(mariadb.getMetadata().getName()).get();
            return now != null && !now.getMetadata().getUid().equals(mariadb.getMetadata().getUid())
                    && now.getStatus().getContainerStatuses() != null
                    && now.getStatus().getContainerStatuses().stream().allMatch(ContainerStatus::getReady);
        });
        assertThat(ns.client().persistentVolumeClaims().inNamespace(ns.name()).withName(claim.getMetadata().getName())
                .get().getSpec().getVolumeName()).isEqualTo(claim.getSpec().getVolumeName());
        // the first post comes from the database the installer filled: no reinstall, no install page
        within(RECOVER).alias("the first post after the database restart").until(() -> get(ns, "/hello-world/?db=" + UUID.randomUUID()),
                r -> r.status() == 200 && r.text().contains("Hello world!"));

        // a config change (gzip off at the proxy) rolls the proxy pods, and the new config is what serves
        assertThat(get(ns, "/").header("Content-Encoding")).isEqualTo("gzip");
        String proxyHash = proxyConfigHash(ns);
        ns.applySiteYaml(site(node, false));
        within(READY).alias("proxy rolled to the new config").until(() -> {
            Deployment d = ns.client().apps().deployments().inNamespace(ns.name()).withName(SITE + "-proxy").get();
            return !proxyConfigHash(ns).equals(proxyHash) && d.getStatus().getUpdatedReplicas() != null
                    && d.getStatus().getUpdatedReplicas().equals(d.getSpec().getReplicas())
                    && d.getSpec().getReplicas().equals(d.getStatus().getReadyReplicas())
                    && d.getSpec().getReplicas().equals(d.getStatus().getReplicas());
        });
        within(RECOVER).alias("pages served without gzip").until(() -> get(ns, "/"),
                r -> r.status() == 200 && r.header("Content-Encoding") == null);
        within(READY).alias("site Ready after the change").until(() -> ns.site(SITE).get(),
                s -> Sites.isTrue(s, "Ready") && s.getStatus().getConditions().stream()
                        .allMatch(c -> c.getObservedGeneration().equals(s.getMetadata().getGeneration())));
    }

    private static String site(RealNode node, boolean gzip) {
        // the project's images, one pod each, both claims on the real node's StorageClass
        return Sites.inCluster(Sites.minimal(SITE, DOMAIN)) + """
                  replicas: 1
                  wordpress: {image: %s}
                  web: {image: %s, proxyReplicas: 1, gzip: %s, waf: {enabled: true}}
                  cache: {image: %s, microCacheSeconds: 0}
                  objectCache: {image: %s}
                  database:
                    managed:
                      image: %s
                      storage: {storageClassName: wpoven-node, size: 1Gi}
                  storage: {storageClassName: wpoven-node, size: 1Gi}
                  placement:
                    nodeSelector: {%s: real}
                    tolerations: [{key: %s, operator: Equal, value: real, effect: NoSchedule}]
                """.formatted(node.image("wordpress"), node.image("nginx"), gzip, node.image("varnish"),
                node.image("redis"), node.image("mariadb"), RealNode.KIND_LABEL, RealNode.KIND_LABEL);
    }

    /** A GET through the proxy Service's ClusterIP (kube-proxy's rules on this machine), as a browser sends it. */
    private static RawHttp.Response get(TestNamespace ns, String target) {
        Service proxy = ns.client().services().inNamespace(ns.name()).withName(SITE + "-proxy").get();
        byte[] request = RawHttp.request("GET", target, List.of(Map.entry("Host", DOMAIN),
                Map.entry("Accept-Encoding", "gzip"), Map.entry("User-Agent", "wpoven-e2e")), null);
        return RawHttp.exchange(proxy.getSpec().getClusterIP(), 80, request, false, HTTP_TIMEOUT);
    }

    private static Pod onePod(TestNamespace ns, WordPressSite site, Component component) {
        List<Pod> pods = ns.client().pods().inNamespace(ns.name()).withLabels(Labels.selector(site, component)).list()
                .getItems();
        assertThat(pods).as(component.label() + " pods").hasSize(1);
        return pods.get(0);
    }

    private static ContainerStatus container(Pod pod, String name) {
        return pod.getStatus().getContainerStatuses().stream().filter(c -> c.getName().equals(name)).findFirst()
                .orElseThrow();
    }

    private static String secret(TestNamespace ns, String key) {
        Secret secret = ns.client().secrets().inNamespace(ns.name()).withName(SITE + "-credentials").get();
        return new String(Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8);
    }

    private static String proxyConfigHash(TestNamespace ns) {
        return ns.client().apps().deployments().inNamespace(ns.name()).withName(SITE + "-proxy").get().getSpec()
                .getTemplate().getMetadata().getAnnotations().get("wpoven.io/config-hash");
    }
}
