package io.wpoven.e2e.site;

import static io.wpoven.e2e.harness.Sites.awaitReady;
import static io.wpoven.e2e.harness.Sites.minimal;
import static io.wpoven.e2e.harness.TestNamespace.within;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.wpoven.e2e.harness.E2eTest;
import io.wpoven.e2e.harness.TestNamespace;

/** Anything deleted or edited by hand is back to the desired state within 10 s, through the reconcile loop. */
@E2eTest
class SelfHealingIT {
    static final Duration HEAL = Duration.ofSeconds(10);

    @Test
    void everyKindOfChildDeletedByHandIsRecreated(TestNamespace ns) {
        ns.applySiteYaml(minimal("blog", "blog.example.com"));
        awaitReady(ns, "blog");

        List<Class<? extends HasMetadata>> kinds = List.of(Deployment.class, StatefulSet.class, Service.class,
                ConfigMap.class, NetworkPolicy.class, PodDisruptionBudget.class, Ingress.class);
        List<String> names = List.of("blog-proxy", "blog-mariadb", "blog-varnish", "blog-config", "blog-redis",
                "blog-wordpress", "blog");
        for (int i = 0; i < kinds.size(); i++) {
            Class<? extends HasMetadata> kind = kinds.get(i);
            String name = names.get(i);
            String uid = ns.get(kind, name).get().getMetadata().getUid();
            ns.get(kind, name).delete();
            within(HEAL).alias(kind.getSimpleName() + " " + name + " recreated").until(() -> {
                HasMetadata now = ns.get(kind, name).get();
                return now != null && !now.getMetadata().getUid().equals(uid);
            });
        }
        awaitReady(ns, "blog");
    }

    @Test
    void childrenEditedByHandAreSetBack(TestNamespace ns) {
        ns.applySiteYaml(minimal("blog", "blog.example.com"));
        awaitReady(ns, "blog");
        String vcl = ns.get(ConfigMap.class, "blog-config").get().getData().get("default.vcl");

        ns.get(StatefulSet.class, "blog-mariadb").scale(3);
        ns.get(Deployment.class, "blog-varnish").edit(d -> {
            d.getSpec().getTemplate().getSpec().getContainers().get(0).setImage("varnish:hacked");
            return d;
        });
        ns.get(ConfigMap.class, "blog-config").edit(c -> {
            c.getData().put("default.vcl", "vcl 4.1; # hacked");
            return c;
        });
        ns.get(Service.class, "blog-redis").edit(s -> {
            s.getSpec().getSelector().put("app.kubernetes.io/component", "hacked");
            return s;
        });

        within(HEAL).alias("StatefulSet back to 1 replica")
                .until(() -> ns.get(StatefulSet.class, "blog-mariadb").get().getSpec().getReplicas() == 1);
        within(HEAL).alias("Varnish image restored").until(() -> !ns.get(Deployment.class, "blog-varnish").get()
                .getSpec().getTemplate().getSpec().getContainers().get(0).getImage().equals("varnish:hacked"));
        within(HEAL).alias("VCL restored")
                .until(() -> vcl.equals(ns.get(ConfigMap.class, "blog-config").get().getData().get("default.vcl")));
        within(HEAL).alias("Redis Service selector restored").until(() -> "redis".equals(ns.get(Service.class, "blog-redis")
                .get().getSpec().getSelector().get("app.kubernetes.io/component")));
        awaitReady(ns, "blog");
    }

    @Test
    void aComponentWhosePodsAreNotReadyShowsInTheConditions(TestNamespace ns) {
        ns.applySiteYaml(minimal("blog", "blog.example.com"));
        awaitReady(ns, "blog");

        // KWOK marks pods ready; a pod that can never be scheduled stands in for a crashing Redis
        ns.applySiteYaml(minimal("blog", "blog.example.com")
                + "  objectCache: {resources: {requests: {cpu: \"500\"}}}\n");

        Supplier<io.fabric8.kubernetes.api.model.Condition> cache = () -> io.wpoven.e2e.harness.Sites.condition(ns.site("blog").get(), "CacheReady");
        within(Duration.ofSeconds(30)).alias("CacheReady=False naming Redis")
                .until(() -> cache.get() != null && cache.get().getStatus().equals("False")
                        && cache.get().getMessage().contains("Redis"));
        within(Duration.ofSeconds(30)).alias("Ready=False").until(() -> !io.wpoven.e2e.harness.Sites.isTrue(ns.site("blog").get(), "Ready"));
    }
}
