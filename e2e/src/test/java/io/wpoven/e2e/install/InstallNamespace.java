package io.wpoven.e2e.install;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.wpoven.e2e.harness.Cluster;

/** A namespace to install the operator into, Pod Security "restricted" enforced, deleted on close. */
final class InstallNamespace implements AutoCloseable {
    private final String name;
    private final KubernetesClient client;

    private InstallNamespace(String name, KubernetesClient client) {
        this.name = name;
        this.client = client;
    }

    static InstallNamespace create(String prefix) {
        KubernetesClient client = Cluster.get().client();
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 6);
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name)
                .withLabels(Map.of("pod-security.kubernetes.io/enforce", "restricted",
                        "pod-security.kubernetes.io/enforce-version", "latest",
                        "pod-security.kubernetes.io/warn", "restricted",
                        "wpoven.io/e2e", "true"))
                .endMetadata().build()).create();
        return new InstallNamespace(name, client);
    }

    /** A short random suffix for release names and label values. */
    static String suffix() {
        return UUID.randomUUID().toString().substring(0, 6);
    }

    String name() {
        return name;
    }

    @Override
    public void close() {
        client.namespaces().withName(name).delete();
        client.namespaces().withName(name).waitUntilCondition(n -> n == null, 2, TimeUnit.MINUTES);
    }
}
