package io.wpoven.e2e.site;

import static io.wpoven.e2e.harness.Sites.awaitReady;
import static io.wpoven.e2e.harness.Sites.minimal;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.wpoven.e2e.harness.E2eTest;
import io.wpoven.e2e.harness.Stability;
import io.wpoven.e2e.harness.TestNamespace;

/**
 * Once a site is Ready and nothing changes, the operator writes nothing: over 60 s the site's
 * resourceVersion and every owned object's spec (resourceVersion, or generation for objects whose status
 * other controllers update) stay as they were.
 */
@E2eTest
class NoHotLoopIT {

    @Test
    void aReadySiteCausesNoWritesForAMinute(TestNamespace ns) {
        ns.applySiteYaml(minimal("blog", "blog.example.com"));
        awaitReady(ns, "blog");
        // let the controllers' own status writes (rollout, endpoints) settle: the snapshot must hold for 5 s
        Map<String, String> before = Stability.awaitStable("controllers settled", () -> snapshot(ns),
                Duration.ofSeconds(5), Duration.ofSeconds(60));
        await("no writes for 60 s").during(Duration.ofSeconds(60)).atMost(Duration.ofSeconds(75))
                .pollInterval(Duration.ofSeconds(2)).until(() -> snapshot(ns).equals(before));
    }

    static Map<String, String> snapshot(TestNamespace ns) {
        Map<String, String> versions = new HashMap<>();
        var c = ns.client();
        put(versions, ns.site("blog").get(), true);
        c.configMaps().inNamespace(ns.name()).withLabel("app.kubernetes.io/managed-by", "wpoven-operator").list().getItems()
                .forEach(o -> put(versions, o, true));
        c.secrets().inNamespace(ns.name()).withLabel("app.kubernetes.io/managed-by", "wpoven-operator").list().getItems()
                .forEach(o -> put(versions, o, true));
        c.network().v1().networkPolicies().inNamespace(ns.name()).list().getItems().forEach(o -> put(versions, o, true));
        c.network().v1().ingresses().inNamespace(ns.name()).list().getItems().forEach(o -> put(versions, o, false));
        c.services().inNamespace(ns.name()).list().getItems().forEach(o -> put(versions, o, true));
        c.apps().deployments().inNamespace(ns.name()).list().getItems().forEach(o -> put(versions, o, false));
        c.apps().statefulSets().inNamespace(ns.name()).list().getItems().forEach(o -> put(versions, o, false));
        c.policy().v1().podDisruptionBudget().inNamespace(ns.name()).list().getItems().forEach(o -> put(versions, o, false));
        c.v1().events().inNamespace(ns.name()).list().getItems().stream()
                .filter(e -> "wpoven-operator".equals(e.getReportingComponent()))
                .forEach(e -> put(versions, e, true));
        return versions;
    }

    private static void put(Map<String, String> versions, HasMetadata o, boolean byResourceVersion) {
        versions.put(o.getKind() + "/" + o.getMetadata().getName(), byResourceVersion
                ? o.getMetadata().getResourceVersion()
                : Objects.toString(o.getMetadata().getGeneration()));
    }
}
