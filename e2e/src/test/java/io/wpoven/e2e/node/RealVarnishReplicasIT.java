package io.wpoven.e2e.node;

import static io.wpoven.e2e.harness.TestNamespace.within;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.readiness.Readiness;
import io.wpoven.e2e.harness.Cli;
import io.wpoven.e2e.harness.Commands;
import io.wpoven.e2e.harness.E2eTest;
import io.wpoven.e2e.harness.Exclusive;
import io.wpoven.e2e.harness.InClusterOperator;
import io.wpoven.e2e.harness.RealNode;
import io.wpoven.e2e.harness.Sites;
import io.wpoven.e2e.harness.TestNamespace;
import io.wpoven.e2e.stack.RawHttp;
import io.wpoven.operator.api.v1alpha1.WordPressSite;
import io.wpoven.operator.support.Component;
import io.wpoven.operator.support.Labels;

/**
 * spec.cache.replicas: 2 on the real node. Each Varnish pod keeps its own copy of a page, so each is asked directly
 * (its pod IP) until it answers from its cache; the one-click purge (the operator) and a post updated in WordPress
 * (the purge mu-plugin, through the headless Service) each empty both. A drain of the node's Varnish pods honours
 * their PodDisruptionBudget: one is evicted, the other's eviction is refused while the first is not replaced; back
 * at one replica the budget is gone.
 * Runs with WPOVEN_REAL_NODE=1.
 */
@E2eTest
@Exclusive.RealNode
class RealVarnishReplicasIT {
    private static final Duration READY = Duration.ofMinutes(5);
    private static final Duration STEP = Duration.ofMinutes(2);
    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(15);
    /** Unique on the shared node: a drain's --pod-selector spans every namespace. */
    private static final String SITE = "varnishreplicas";

    @BeforeAll
    static void realNodeEnabled() {
        assumeTrue(RealNode.enabled(), "the real node is off (WPOVEN_REAL_NODE=1 turns it on; hack/test.sh does)");
        InClusterOperator.get();
    }

    @Test
    void everyPurgeEmptiesBothVarnishPodsAndADrainKeepsOne(TestNamespace ns) {
        RealNode node = RealNode.get();
        node.sendPodsHere(ns);
        RealSite site = new RealSite(ns, SITE, "replicas.wpoven.test");
        String yaml = RealSite.yaml(node, site.name(), site.domain())
                .replace("  wordpress: {image: ", "  wordpress: {cron: {enabled: false}, image: ")
                .replace("microCacheSeconds: 0}", "microCacheSeconds: 0, replicas: 2}");
        assertThat(yaml).contains("replicas: 2}");
        ns.applySiteYaml(yaml);
        within(READY).alias("site Ready on real pods").until(() -> ns.site(SITE).get(), s -> Sites.isTrue(s, "Ready"));

        List<Pod> varnish = within(STEP).alias("two ready Varnish pods").until(() -> readyVarnish(ns), p -> p.size() == 2);
        PodDisruptionBudget pdb = ns.client().policy().v1().podDisruptionBudget().inNamespace(ns.name())
                .withName(SITE + "-varnish").get();
        assertThat(pdb.getSpec().getMinAvailable().getIntVal()).isEqualTo(1);
        assertThat(ns.client().services().inNamespace(ns.name()).withName(SITE + "-varnish-pods").get().getSpec()
                .getClusterIP()).isEqualTo("None");

        // each pod caches the home page on its own (Varnish answers 503 until its probe has seen WordPress up)
        cachedInEach(varnish);

        // one-click purge: the operator bans in every pod
        TestNamespace.edit(ns.client().resources(WordPressSite.class).inNamespace(ns.name()).withName(SITE), s -> {
            if (s.getMetadata().getAnnotations() == null) {
                s.getMetadata().setAnnotations(new HashMap<>());
            }
            s.getMetadata().getAnnotations().put("wpoven.io/purge-cache", "replicas-1");
            return s;
        });
        WordPressSite purged = within(STEP).alias("cache purge answered").until(() -> ns.site(SITE).get(),
                s -> s.getStatus().getCachePurge() != null && "replicas-1".equals(s.getStatus().getCachePurge().getRequest()));
        assertThat(purged.getStatus().getCachePurge().getOutcome()).as(purged.getStatus().getCachePurge().getMessage())
                .isEqualTo("Succeeded");
        assertThat(purged.getStatus().getCachePurge().getMessage()).endsWith("in 2 pods");
        for (Pod pod : varnish) {
            assertThat(fromPod(pod, "/").cache()).as(pod.getMetadata().getName() + " after the one-click purge")
                    .isEqualTo("MISS");
        }
        cachedInEach(varnish);

        // a post updated in WordPress: the mu-plugin bans in every address of the headless Service
        String title = "Fresh " + UUID.randomUUID().toString().substring(0, 8);
        assertThat(site.wordpressPhp("echo wp_update_post(['ID' => 1, 'post_title' => '" + title + "']);").trim())
                .isEqualTo("1");
        for (Pod pod : varnish) {
            RawHttp.Response after = fromPod(pod, "/");
            assertThat(after.cache()).as(pod.getMetadata().getName() + " after the publish").isEqualTo("MISS");
            assertThat(after.text()).contains(title);
        }

        // a drain of the node's Varnish pods: one is evicted, the other's eviction refused (its replacement cannot
        // schedule on the cordoned node), so one keeps serving; the node is uncordoned whatever happens
        Commands.Result drain;
        try {
            drain = Cli.kubectl("drain", node.name(), "--pod-selector=" + Labels.INSTANCE + "=" + SITE + ","
                    + Labels.COMPONENT + "=" + Component.VARNISH.label(), "--ignore-daemonsets", "--delete-emptydir-data", "--timeout=25s");
            assertThat(drain.exit()).as(drain.toString()).isNotZero();
            assertThat(drain.err()).as(drain.toString())
                    .contains("Cannot evict pod as it would violate the pod's disruption budget");
            List<Pod> left = readyVarnish(ns);
            assertThat(left).as("one Varnish pod kept").hasSize(1);
            assertThat(varnish).extracting(p -> p.getMetadata().getUid()).contains(left.get(0).getMetadata().getUid());
            assertThat(fromPod(left.get(0), "/").status()).isEqualTo(200);
            assertThat(site.get("/").status()).as("the site through its proxy").isEqualTo(200);
        } finally {
            Commands.Result uncordon = Cli.kubectl("uncordon", node.name());
            assertThat(uncordon.exit()).as(uncordon.toString()).isZero();
        }
        within(STEP).alias("two ready Varnish pods after the uncordon").until(() -> readyVarnish(ns), p -> p.size() == 2);

        // back to one pod: no budget, which would block every drain
        ns.applySiteYaml(yaml.replace("replicas: 2}", "replicas: 1}"));
        within(STEP).alias("one Varnish pod and no PodDisruptionBudget").until(() -> readyVarnish(ns).size() == 1
                && ns.client().policy().v1().podDisruptionBudget().inNamespace(ns.name()).withName(SITE + "-varnish").get() == null);
    }

    /** The home page from each pod until it answers from its own cache. */
    private static void cachedInEach(List<Pod> varnish) {
        for (Pod pod : varnish) {
            within(STEP).alias("home page cached in " + pod.getMetadata().getName()).until(() -> fromPod(pod, "/"),
                    r -> r.status() == 200 && "HIT".equals(r.cache()));
        }
    }

    private static List<Pod> readyVarnish(TestNamespace ns) {
        return ns.client().pods().inNamespace(ns.name())
                .withLabels(Map.of(Labels.INSTANCE, SITE, Labels.COMPONENT, Component.VARNISH.label())).list().getItems().stream()
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null && Readiness.isPodReady(p)).toList();
    }

    /** A GET straight to one Varnish pod, as the proxy sends it. */
    private static RawHttp.Response fromPod(Pod pod, String target) {
        return RawHttp.exchange(pod.getStatus().getPodIP(), 6081, RawHttp.request("GET", target,
                List.of(Map.entry("Host", "replicas.wpoven.test"), Map.entry("User-Agent", "wpoven-e2e")), null), false,
                HTTP_TIMEOUT);
    }
}
