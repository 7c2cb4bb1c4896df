package io.wpoven.e2e.site;

import static io.wpoven.e2e.harness.Sites.assertOwnedBy;
import static io.wpoven.e2e.harness.Sites.awaitReady;
import static io.wpoven.e2e.harness.Sites.condition;
import static io.wpoven.e2e.harness.Sites.events;
import static io.wpoven.e2e.harness.Sites.minimal;
import static io.wpoven.e2e.harness.TestNamespace.within;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.wpoven.e2e.harness.E2eTest;
import io.wpoven.e2e.harness.TestNamespace;
import io.wpoven.operator.api.v1alpha1.WordPressSite;

@E2eTest
class SiteLifecycleIT {

    @Test
    void aMinimalSiteGetsTheWholeCachedStackOnSimulatedNodesAndReportsReady(TestNamespace ns) {
        ns.applySiteYaml(minimal("blog", "blog.example.com"));

        WordPressSite site = awaitReady(ns, "blog");
        assertThat(site.getStatus().getObservedGeneration()).isEqualTo(site.getMetadata().getGeneration());
        assertThat(site.getStatus().getReadyReplicas()).isEqualTo(1);
        assertThat(site.getStatus().getUrl()).isEqualTo("http://blog.example.com/");
        for (String c : List.of("DatabaseReady", "CacheReady", "WebReady")) {
            assertThat(condition(site, c).getStatus()).as(c).isEqualTo("True");
        }
        assertThat(condition(site, "Progressing").getStatus()).isEqualTo("False");
        assertThat(condition(site, "Degraded").getStatus()).isEqualTo("False");
        assertThat(condition(site, "TLSReady").getStatus()).isEqualTo("False");
        assertThat(condition(site, "TLSReady").getReason()).isEqualTo("CertManagerNotInstalled");

        for (var child : List.of(
                ns.get(Secret.class, "blog-credentials").get(), ns.get(ConfigMap.class, "blog-config").get(),
                ns.get(Deployment.class, "blog-proxy").get(), ns.get(Deployment.class, "blog-varnish").get(),
                ns.get(Deployment.class, "blog-wordpress").get(), ns.get(Deployment.class, "blog-redis").get(),
                ns.get(StatefulSet.class, "blog-mariadb").get(),
                ns.get(Service.class, "blog-proxy").get(), ns.get(Service.class, "blog-varnish").get(),
                ns.get(Service.class, "blog-wordpress").get(), ns.get(Service.class, "blog-redis").get(),
                ns.get(Service.class, "blog-mariadb").get(),
                ns.get(NetworkPolicy.class, "blog-mariadb").get(), ns.get(NetworkPolicy.class, "blog-redis").get(),
                ns.get(NetworkPolicy.class, "blog-varnish").get(),
                ns.get(PodDisruptionBudget.class, "blog-wordpress").get(), ns.get(Ingress.class, "blog").get())) {
            assertOwnedBy(child, site);
        }
        assertThat(ns.get(HorizontalPodAutoscaler.class, "blog-wordpress").get()).as("no HPA unless enabled").isNull();

        List<Pod> pods = ns.client().pods().inNamespace(ns.name()).withLabelNotIn("app.kubernetes.io/component", "installer", "cron").list().getItems();
        assertThat(pods).as("2 proxy, varnish, wordpress, redis, mariadb").hasSize(6).allSatisfy(p -> {
            assertThat(p.getStatus().getPhase()).isEqualTo("Running");
            Node node = ns.client().nodes().withName(p.getSpec().getNodeName()).get();
            assertThat(node.getMetadata().getAnnotations()).containsEntry("kwok.x-k8s.io/node", "fake");
        });
        List<PersistentVolumeClaim> claims = ns.client().persistentVolumeClaims().inNamespace(ns.name()).list().getItems();
        assertThat(claims).extracting(c -> c.getMetadata().getName()).containsExactlyInAnyOrder("blog-content", "data-blog-mariadb-0");
        assertThat(claims).allSatisfy(c -> assertThat(c.getStatus().getPhase()).isEqualTo("Bound"));

        within(Duration.ofSeconds(10)).alias("Created and Ready events").until(() -> {
            List<String> reasons = events(ns, "blog").stream().map(Event::getReason).toList();
            return reasons.contains("Created") && reasons.contains("Ready");
        });
    }

    @Test
    void aChangedSpecRollsOutAndReadyTracksTheNewGeneration(TestNamespace ns) {
        ns.applySiteYaml(minimal("blog", "blog.example.com"));
        WordPressSite first = awaitReady(ns, "blog");
        Map<String, String> credentials = ns.get(Secret.class, "blog-credentials").get().getData();
        String varnishHash = ns.get(Deployment.class, "blog-varnish").get().getSpec().getTemplate().getMetadata()
                .getAnnotations().get("wpoven.io/config-hash");

        ns.applySiteYaml(minimal("blog", "blog.example.com") + "  replicas: 3\n  cache: {graceSeconds: 120}\n");
        WordPressSite second = awaitReady(ns, "blog");

        assertThat(second.getMetadata().getGeneration()).isGreaterThan(first.getMetadata().getGeneration());
        assertThat(second.getStatus().getReadyReplicas()).isEqualTo(3);
        assertThat(ns.get(Deployment.class, "blog-wordpress").get().getSpec().getReplicas()).isEqualTo(3);
        assertThat(ns.get(ConfigMap.class, "blog-config").get().getData().get("default.vcl")).contains("120");
        assertThat(ns.get(Deployment.class, "blog-varnish").get().getSpec().getTemplate().getMetadata()
                .getAnnotations().get("wpoven.io/config-hash")).as("a config change rolls the pods").isNotEqualTo(varnishHash);
        assertThat(ns.get(Secret.class, "blog-credentials").get().getData())
                .as("generated credentials are never regenerated").isEqualTo(credentials);
        within(Duration.ofSeconds(10)).alias("Updated event")
                .until(() -> events(ns, "blog").stream().anyMatch(e -> e.getReason().equals("Updated")));
    }

    /**
     * Retain keeps the volumes and the credentials that open them: the same site created again opens its kept
     * database with the kept passwords (the Secret is adopted, never regenerated).
     */
    @Test
    void deletingASiteWithRetainKeepsItsVolumesAndCredentialsAndRemovesEverythingElse(TestNamespace ns) {
        WordPressSite first = ns.applySiteYaml(minimal("blog", "blog.example.com"));
        awaitReady(ns, "blog");
        Map<String, String> credentials = ns.get(Secret.class, "blog-credentials").get().getData();

        ns.site("blog").delete();

        within(Duration.ofSeconds(60)).alias("children garbage-collected").until(() -> ns.get(Deployment.class, "blog-wordpress").get() == null
                && ns.site("blog").get() == null
                && ns.get(StatefulSet.class, "blog-mariadb").get() == null
                && ns.get(Service.class, "blog-proxy").get() == null
                && ns.get(ConfigMap.class, "blog-config").get() == null
                && ns.client().pods().inNamespace(ns.name()).list().getItems().isEmpty());
        assertThat(ns.client().persistentVolumeClaims().inNamespace(ns.name()).list().getItems())
                .extracting(c -> c.getMetadata().getName()).containsExactlyInAnyOrder("blog-content", "data-blog-mariadb-0");
        Secret kept = ns.get(Secret.class, "blog-credentials").get();
        assertThat(kept).as("the credentials of the kept database stay with it").isNotNull();
        assertThat(kept.getMetadata().getOwnerReferences()).noneMatch(o -> o.getUid().equals(first.getMetadata().getUid()));

        WordPressSite again = ns.applySiteYaml(minimal("blog", "blog.example.com"));
        awaitReady(ns, "blog");
        Secret adopted = ns.get(Secret.class, "blog-credentials").get();
        assertThat(adopted.getData()).as("the kept passwords, not new ones").isEqualTo(credentials);
        assertThat(adopted.getMetadata().getOwnerReferences()).anySatisfy(o -> assertThat(o.getUid())
                .isEqualTo(again.getMetadata().getUid()));
    }

    @Test
    void deletingASiteWithDeleteRemovesItsVolumesToo(TestNamespace ns) {
        ns.applySiteYaml(minimal("blog", "blog.example.com") + "  deletionPolicy: Delete\n");
        awaitReady(ns, "blog");

        ns.site("blog").delete();

        within(Duration.ofSeconds(60)).alias("volumes and credentials deleted with the site")
                .until(() -> ns.get(StatefulSet.class, "blog-mariadb").get() == null
                        && ns.get(Secret.class, "blog-credentials").get() == null
                        && ns.client().persistentVolumeClaims().inNamespace(ns.name()).list().getItems().isEmpty());
    }
}
