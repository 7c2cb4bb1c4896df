package io.wpoven.e2e.harness;

import static io.wpoven.e2e.harness.TestNamespace.within;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.wpoven.operator.api.v1alpha1.WordPressSite;

/** Site manifests and waits shared by the e2e tests. */
public final class Sites {
    private Sites() {
    }

    public static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

    public static String minimal(String name, String domain) {
        return """
                apiVersion: wpoven.io/v1alpha1
                kind: WordPressSite
                metadata:
                  name: %s
                spec:
                  domains: [%s]
                """.formatted(name, domain);
    }

    /** The same object YAML, labelled for the in-cluster operator ({@link InClusterOperator}). */
    public static String inCluster(String yaml) {
        return yaml.replaceFirst("(?m)^metadata:\n", "metadata:\n  labels: {" + InClusterOperator.SELECTOR_KEY + ": "
                + InClusterOperator.SELECTOR_VALUE + "}\n");
    }

    public static Condition condition(WordPressSite site, String type) {
        if (site == null || site.getStatus() == null || site.getStatus().getConditions() == null) {
            return null;
        }
        return site.getStatus().getConditions().stream().filter(c -> c.getType().equals(type)).findFirst().orElse(null);
    }

    public static boolean isTrue(WordPressSite site, String type) {
        Condition c = condition(site, type);
        return c != null && "True".equals(c.getStatus());
    }

    /** Ready=True, reported for the site's current generation. */
    public static WordPressSite awaitReady(TestNamespace ns, String name) {
        within(READY_TIMEOUT).alias(name + " Ready=True for its current generation").until(() -> {
            WordPressSite s = ns.site(name).get();
            Condition ready = condition(s, "Ready");
            return ready != null && ready.getStatus().equals("True")
                    && ready.getObservedGeneration().equals(s.getMetadata().getGeneration());
        });
        return ns.site(name).get();
    }

    public static void assertOwnedBy(HasMetadata child, WordPressSite site) {
        assertThat(child).as("child object exists").isNotNull();
        List<OwnerReference> refs = child.getMetadata().getOwnerReferences();
        assertThat(refs).as("owner references of %s %s", child.getKind(), child.getMetadata().getName())
                .anySatisfy(r -> {
                    assertThat(r.getUid()).isEqualTo(site.getMetadata().getUid());
                    assertThat(r.getKind()).isEqualTo("WordPressSite");
                });
    }

    public static List<Event> events(TestNamespace ns, String siteName) {
        return ns.client().v1().events().inNamespace(ns.name()).list().getItems().stream()
                .filter(e -> "WordPressSite".equals(e.getInvolvedObject().getKind())
                        && siteName.equals(e.getInvolvedObject().getName()))
                .toList();
    }
}
