package io.wpoven.e2e.harness;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.function.Supplier;

import org.awaitility.core.ConditionFactory;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.wpoven.operator.api.v1alpha1.WordPressSite;

/** One test's namespace and helpers to act in it. */
public final class TestNamespace {
    private final String name;
    private final KubernetesClient client;

    TestNamespace(String name, KubernetesClient client) {
        this.name = name;
        this.client = client;
    }

    /** A new namespace as every test gets: Pod Security "restricted" enforced, labelled as the harness's. */
    static TestNamespace create(KubernetesClient client, String name) {
        client.namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata()
                .withName(name).withLabels(java.util.Map.of("pod-security.kubernetes.io/enforce", "restricted",
                        "pod-security.kubernetes.io/enforce-version", "latest",
                        "wpoven.io/e2e", "true"))
                .endMetadata().build()).create();
        return new TestNamespace(name, client);
    }

    /**
     * A second namespace for the same test (e.g. KWOK work beside a namespace whose pods go to the real node); the
     * test deletes it ({@link #delete()}).
     */
    public TestNamespace sibling(String suffix) {
        return create(client, name + "-" + suffix);
    }

    public void delete() {
        client.namespaces().withName(name).delete();
    }

    public String name() {
        return name;
    }

    public KubernetesClient client() {
        return client;
    }

    /** Applies a YAML manifest (server-side apply) into this namespace and returns what was stored. */
    public <T extends HasMetadata> T apply(T resource) {
        resource.getMetadata().setNamespace(name);
        return client.resource(resource).fieldManager("e2e").forceConflicts().serverSideApply();
    }

    /** Applies YAML as kubectl would: untyped, so the API server (not Java) is what validates it. */
    public GenericKubernetesResource applyRaw(String yaml) {
        GenericKubernetesResource r = client.getKubernetesSerialization().unmarshal(yaml, GenericKubernetesResource.class);
        r.getMetadata().setNamespace(name);
        return client.resource(r).fieldManager("e2e").forceConflicts().serverSideApply();
    }

    public WordPressSite applySiteYaml(String yaml) {
        WordPressSite site = client.getKubernetesSerialization().unmarshal(yaml, WordPressSite.class);
        return apply(site);
    }

    /**
     * Changes an object as a user with kubectl edit does: read, change, write with the read's resourceVersion — and
     * again when the operator wrote the object (its status) in between (409 Conflict), at most 10 times.
     */
    public static <T extends io.fabric8.kubernetes.api.model.HasMetadata> T edit(Resource<T> resource,
            java.util.function.UnaryOperator<T> change) {
        return againOnConflict(() -> resource.edit(change));
    }

    /** A write that names the resourceVersion it read, made again on a 409 Conflict, at most 10 times. */
    public static <T> T againOnConflict(java.util.function.Supplier<T> write) {
        for (int attempt = 1;; attempt++) {
            try {
                return write.get();
            } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
                if (e.getCode() != 409 || attempt == 10) {
                    throw e;
                }
            }
        }
    }

    public Resource<WordPressSite> site(String siteName) {
        return client.resources(WordPressSite.class).inNamespace(name).withName(siteName);
    }

    public <T extends HasMetadata> Resource<T> get(Class<T> type, String objectName) {
        return client.resources(type).inNamespace(name).withName(objectName);
    }

    public static ConditionFactory within(Duration timeout) {
        return await().atMost(timeout).pollInterval(Duration.ofMillis(250)).ignoreExceptions();
    }

    public static <T> T eventually(Duration timeout, String what, Supplier<T> supplier) {
        return within(timeout).alias(what).until(supplier::get, v -> v != null);
    }
}
